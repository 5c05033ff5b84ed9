use std::env;
use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use ladder::error::Error;
use ladder::model::shown;
use ladder::{cli, commands, output, usage};

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(Stop::Said(code)) => return code,
        Err(Stop::Mistake(text)) => {
            // A mistake can quote what was typed: shown, never obeyed, by the terminal.
            output::note(&format!("ladder: {}", shown::line(&text)));
            return ExitCode::from(2);
        }
    };
    // Buffered, once, here (see `commands::Out`): the standard output is line-buffered, and a long list would
    // cost a write per line.
    let mut out: commands::Out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let (result, saved) = commands::run(cli, &mut out);
    // What the command printed before it failed comes before the error, as it did.
    drop(out);
    match result {
        Ok(code) => code,
        // `ladder list | head -1` is not a failure.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        // Exit 2 promises that nothing changed: once a change is saved, a report that cannot be printed
        // (`ladder done > /dev/full`) is a warning.
        Err(err) if saved => {
            output::note(&format!(
                "ladder: your change was saved, but ladder could not print what it did: {}",
                shown::line(&err.to_string())
            ));
            ExitCode::SUCCESS
        }
        Err(err) => {
            // An error can quote a line of the file: shown, never obeyed, by the terminal.
            output::note(&format!("ladder: {}", shown::line(&err.to_string())));
            exit_code(&err)
        }
    }
}

/// The exit code of a command that failed: 2 for every failure, the README's promise that nothing changed
/// (a change saved before the failure ends with 0, above; 1 is a command's own "nothing to report").
fn exit_code(_: &Error) -> ExitCode {
    ExitCode::from(2)
}

/// Why the command line ends the run before any command: help or the version was printed (with the exit code
/// to end with), or a mistake to say in one line.
enum Stop {
    Said(ExitCode),
    Mistake(String),
}

/// The command line, or one line saying what is wrong with it. Help and the version, asked for, are printed
/// here (exit 0); a bare `ladder` prints help (exit 2), as clap does.
fn parse(args: &[OsString]) -> Result<cli::Cli, Stop> {
    let command = cli::Cli::command().color(usage::help_color(args));
    let matches = command.try_get_matches_from(args).map_err(|e| explain(&e, args))?;
    usage::unquoted(&matches).map_err(Stop::Mistake)?;
    cli::Cli::from_arg_matches(&matches).map_err(|e| explain(&e, args))
}

/// The widest help is folded to, as clap's own `max_term_width`: wider lines are hard to read.
const HELP_WIDTH: usize = 100;

fn explain(err: &clap::Error, args: &[OsString]) -> Stop {
    let what = match err.kind() {
        ErrorKind::DisplayVersion => "the version",
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "the help",
        _ => return Stop::Mistake(usage::explain(err, args)),
    };
    // The help again, its examples laid out by ladder so that none is broken over lines.
    let laid;
    let err = if what == "the help" {
        let width = output::render::paint(None).width.map_or(HELP_WIDTH, usize::from).min(HELP_WIDTH);
        let long = err.kind() == ErrorKind::DisplayHelp && usage::long_help(args);
        let command = cli::Cli::command().color(usage::help_color(args));
        laid = output::render::help::laid_out(command, long, width).try_get_matches_from(args).err();
        laid.as_ref().filter(|again| again.kind() == err.kind()).unwrap_or(err)
    } else {
        err
    };
    // Help that could not be written is not help given (`ladder --help > /dev/full`): an error, exit 2. A
    // reader that stopped early (`ladder --help | head -1`) is not.
    let printed = err.print().and_then(|()| if err.use_stderr() { io::stderr().flush() } else { io::stdout().flush() });
    match printed {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Stop::Mistake(format!("could not print {what}: {}", output::say::error::os_words(&e)))
        }
        _ => Stop::Said(ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))),
    }
}
