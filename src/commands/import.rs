use std::io::{self, IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::Ctx;
use crate::file::import;
use crate::model::Ladder;
use crate::output::render::import as words;
use crate::rules::import as rules;
use crate::store::{self, Session, private};

/// The most a worksheet may hold: far more than any hierarchy, and no more than memory should hold at once.
const LIMIT: u64 = 64 * 1024 * 1024;

pub fn run(ctx: &mut Ctx, file: &Path, dry_run: bool) -> Result<ExitCode> {
    let stdin = file == Path::new("-");
    let name = if stdin { "standard input".to_string() } else { file.display().to_string() };
    let bytes = read(file, stdin).map_err(|err| anyhow!(words::refused(&name, &private::words(&err))))?;
    let found = import::read(&bytes).map_err(|why| anyhow!(words::refused(&name, &why)))?;
    let today = ctx.now.date_naive();
    let ran_out = |what: &str| {
        anyhow!(
            "no {what} ID is left: the file already uses {}, the highest ladder can give; nothing was imported",
            u32::MAX
        )
    };
    if dry_run {
        let ladder = super::read(ctx)?;
        let plan = rules::plan(&ladder, &found.ladder, today, &mut store::new_uid).map_err(ran_out)?;
        let mut after: Ladder = (**ladder).clone();
        for change in &plan.changes {
            after.apply(change);
        }
        let text = words::imported(&plan, &found.places, &found.ignored, &after, &name, true);
        ctx.out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let session = Session::open(&ctx.location, ctx.now)?;
    let plan = rules::plan(session.ladder(), &found.ladder, today, &mut store::new_uid).map_err(ran_out)?;
    if plan.is_empty() {
        let text = words::imported(&plan, &found.places, &found.ignored, session.ladder(), &name, false);
        ctx.out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    super::note_new_file(ctx, &session);
    let n = plan.added.len();
    let description = format!("imported {n} rung{} from {name}", if n == 1 { "" } else { "s" });
    let after = super::keep(session.commit(&plan.changes, &description)?);
    let text = words::imported(&plan, &found.places, &found.ignored, &after, &name, false);
    ctx.out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The worksheet's bytes: a regular file (a symlink to one is followed), or standard input.
fn read(file: &Path, stdin: bool) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if stdin {
        if io::stdin().is_terminal() {
            crate::output::note("Paste or type the worksheet, then press Ctrl-D on a line of its own:");
        }
        io::stdin().lock().take(LIMIT).read_to_end(&mut bytes)?;
    } else {
        private::open_regular(file, true)?.take(LIMIT).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}
