use std::io;
use std::process::ExitCode;

use clap::Parser;
use ladder::{cli, commands, shown, store};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        // `ladder list | head -1` is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        // Exit 2 promises that nothing changed: once a change is saved, a report that cannot be printed
        // (`ladder done > /dev/full`) is a warning.
        Err(err) if store::saved() => {
            let err = format!("{err:#}");
            eprintln!("ladder: your change was saved, but ladder could not print what it did: {}", shown::line(&err));
            ExitCode::SUCCESS
        }
        Err(err) => {
            // An error can quote a line of the file: shown, never obeyed, by the terminal.
            eprintln!("ladder: {}", shown::line(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
