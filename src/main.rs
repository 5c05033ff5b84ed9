use std::env;
use std::ffi::OsString;
use std::io;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use ladder::model::shown;
use ladder::{cli, commands, store, usage};

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(text) => {
            store::note(&format!("ladder: {text}"));
            return ExitCode::from(2);
        }
    };
    let code = match commands::run(cli) {
        Ok(code) => code,
        // `ladder list | head -1` is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        // Exit 2 promises that nothing changed: once a change is saved, a report that cannot be printed
        // (`ladder done > /dev/full`) is a warning.
        Err(err) if store::saved() => {
            store::note(&format!(
                "ladder: your change was saved, but ladder could not print what it did: {}",
                shown::line(&plain(&err))
            ));
            ExitCode::SUCCESS
        }
        Err(err) => {
            // An error can quote a line of the file: shown, never obeyed, by the terminal.
            store::note(&format!("ladder: {}", shown::line(&plain(&err))));
            ExitCode::from(2)
        }
    };
    // A snapshot may still be being written for the next command: the process ends once it is whole.
    store::wait();
    code
}

/// The command line, or one line saying what is wrong with it. Help and the version, asked for, are printed
/// here (exit 0); a bare `ladder` prints help (exit 2), as clap does.
fn parse(args: &[OsString]) -> Result<cli::Cli, String> {
    let command = cli::Cli::command().color(usage::help_color(args));
    let matches = command.try_get_matches_from(args).map_err(|e| explain(&e, args))?;
    usage::unquoted(&matches)?;
    cli::Cli::from_arg_matches(&matches).map_err(|e| explain(&e, args))
}

fn explain(err: &clap::Error, args: &[OsString]) -> String {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            err.exit()
        }
        _ => usage::explain(err, args),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// An error's chain of reasons on one line, stopping at the operating system's words, which name temp files
/// and error numbers: "cannot write out/report.md: the folder does not exist".
fn plain(err: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in err.chain() {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            let words = match io.kind() {
                // ladder's own words, carried in an I/O error ("… is a FIFO, not a regular file").
                io::ErrorKind::InvalidInput if io.get_ref().is_some() => io.to_string(),
                _ => ladder::store::private::words(io),
            };
            parts.push(words);
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}
