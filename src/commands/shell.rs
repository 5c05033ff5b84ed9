//! `completions`, `man` and `export`: ladder as a citizen of the shell.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Ctx;
use crate::cli::{Cli, CompletionsArgs, ExportArgs, ExportFormat};
use crate::error::{Context, Doing, Error, Result};
use crate::output::export;
use crate::output::say::{self, NotWritten};
use crate::store;

pub fn completions(ctx: &mut Ctx, args: &CompletionsArgs) -> ExitCode {
    clap_complete::generate(args.shell, &mut Cli::command(), "ladder", ctx.out);
    ExitCode::SUCCESS
}

pub fn man(ctx: &mut Ctx) -> Result<ExitCode> {
    ctx.out.write_all(&crate::output::render::man::page(&Cli::command())?)?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(ctx: &mut Ctx, args: &ExportArgs) -> Result<ExitCode> {
    let output = args.output.as_deref();
    destination(output, &ctx.location.path)?; // refused before any work
    let ladder = super::read(ctx)?;
    let text = match args.format {
        ExportFormat::Csv => export::csv(&ladder),
        ExportFormat::Markdown => export::markdown(&ladder, ctx.now),
        ExportFormat::Json => export::json(&ladder, ctx.now).map_err(std::io::Error::from)?,
    };
    write_output(ctx, &text, output)
}

/// Prints `text`, or writes it to `output` (an export, a report, a calendar) privately and atomically.
pub(super) fn write_output(ctx: &mut Ctx, text: &str, output: Option<&Path>) -> Result<ExitCode> {
    let Some(output) = destination(output, &ctx.location.path)? else {
        ctx.out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    };
    // An existing export becomes readable by you alone, as a new one is, before the new text goes in.
    if fs::metadata(output).is_ok() {
        private(output).doing_with(|| Doing::Said(say::cannot_make_private(output)))?;
    }
    store::write_private(output, text.as_bytes())?;
    crate::output::note(&say::wrote(output));
    Ok(ExitCode::SUCCESS)
}

/// The file an export goes to, or `None` for standard output (no `--output`, `-` or `/dev/stdout`). Only a
/// regular file, or a new one, is written, and never the ladder file itself.
fn destination<'a>(output: Option<&'a Path>, ladder: &Path) -> Result<Option<&'a Path>> {
    let Some(output) = output.filter(|o| !STANDARD_OUTPUT.iter().any(|s| o.as_os_str() == *s)) else {
        return Ok(None);
    };
    if store::same_file(output, ladder) {
        return Err(Error::said(say::not_written(output, NotWritten::Ladder)));
    }
    // Anyone can plant a symlink in /tmp pointing at a file of yours: there, follow none.
    if fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) && shared_folder(output) {
        return Err(Error::said(say::not_written(output, NotWritten::SharedSymlink)));
    }
    // Following symlinks: what matters is what would be written.
    match fs::metadata(output) {
        Ok(meta) if meta.is_dir() => return Err(Error::said(say::not_written(output, NotWritten::Folder))),
        Ok(meta) if !meta.is_file() => return Err(Error::said(say::not_written(output, NotWritten::NotAFile))),
        _ => {} // a regular file, a new one, or one that writing will say is out of reach
    }
    Ok(Some(output))
}

/// Paths that mean "standard output", however it is connected: a pipe, a terminal or a file.
const STANDARD_OUTPUT: [&str; 3] = ["-", "/dev/stdout", "/dev/fd/1"];

#[cfg(unix)]
fn private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Whether the folder holding `path` can be written by others than its owner (group or world).
#[cfg(unix)]
fn shared_folder(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::metadata(folder).is_ok_and(|m| m.permissions().mode() & 0o022 != 0)
}

#[cfg(not(unix))]
fn shared_folder(_path: &Path) -> bool {
    false
}
