use std::io::{self, IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::file::import;
use crate::model::Ladder;
use crate::output::render::import as words;
use crate::output::say;
use crate::rules::import as rules;
use crate::store::{self, Session, private};

/// The most a worksheet may hold: far more than any hierarchy, and no more than memory should hold at once.
const LIMIT: u64 = 64 * 1024 * 1024;

pub fn run(ctx: &mut Ctx, args: &ImportArgs) -> Result<ExitCode> {
    let (file, dry_run) = (args.worksheet.as_path(), args.dry_run);
    let stdin = file == Path::new("-");
    let name = if stdin { "standard input".to_string() } else { file.display().to_string() };
    let bytes = read(file, stdin)
        .map_err(|err| Error::said(words::refused(&name, &crate::output::say::error::os_words(&err))))?;
    // An encrypted ladder or export (age) is read as every command reads an encrypted ladder: with the identity
    // (or the passphrase, on a terminal), in memory.
    let bytes =
        if store::crypt::is_sealed(&bytes) { store::crypt::open(Path::new(&name), bytes, true)? } else { bytes };
    let found = import::read(&bytes).map_err(|why| Error::said(words::unimportable(&name, &why)))?;
    let today = ctx.now.date_naive();
    let ran_out = |what: &str| Error::said(say::import_ran_out(what));
    if dry_run {
        let ladder = super::read(ctx)?;
        let plan = rules::plan(&ladder, &found.ladder, today, &mut store::new_uid).map_err(ran_out)?;
        let mut after: Ladder = (**ladder).clone();
        for change in &plan.changes {
            after.apply(change);
        }
        let text = words::imported(&plan, &found.places, &found.ignored, &after, &name, true);
        super::prose(ctx, &text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let session = Session::open(&ctx.location, ctx.now)?;
    let plan = rules::plan(session.ladder(), &found.ladder, today, &mut store::new_uid).map_err(ran_out)?;
    if plan.is_empty() {
        let text = words::imported(&plan, &found.places, &found.ignored, session.ladder(), &name, false);
        super::prose(ctx, &text)?;
        return Ok(ExitCode::SUCCESS);
    }
    super::note_new_file(ctx, &session);
    let description = say::change::imported(plan.added.len(), &name);
    let after = super::keep(session.commit(&plan.changes, &description)?);
    let text = words::imported(&plan, &found.places, &found.ignored, &after, &name, false);
    super::prose(ctx, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// The worksheet's bytes: a regular file (a symlink to one is followed), or standard input.
fn read(file: &Path, stdin: bool) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if stdin {
        if io::stdin().is_terminal() {
            crate::output::note(say::PASTE_WORKSHEET);
        }
        io::stdin().lock().take(LIMIT + 1).read_to_end(&mut bytes)?;
    } else {
        private::open_regular(file, true)?.take(LIMIT + 1).read_to_end(&mut bytes)?;
    }
    // Cut short, the last row would be imported half: refused instead.
    if bytes.len() as u64 > LIMIT {
        return Err(io::Error::new(io::ErrorKind::InvalidData, say::WORKSHEET_TOO_LARGE));
    }
    Ok(bytes)
}
