//! `completions`, `man` and `export`: ladder as a citizen of the shell.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::CommandFactory;

use super::Ctx;
use crate::cli::{Cli, ExportFormat};
use crate::export;
use crate::store;

pub fn completions(ctx: &mut Ctx, shell: clap_complete::Shell) -> ExitCode {
    clap_complete::generate(shell, &mut Cli::command(), "ladder", ctx.out);
    ExitCode::SUCCESS
}

pub fn man(ctx: &mut Ctx) -> Result<ExitCode> {
    ctx.out.write_all(&crate::render::man::page(&Cli::command())?)?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(ctx: &mut Ctx, format: ExportFormat, output: Option<&Path>) -> Result<ExitCode> {
    let ladder = super::read(ctx)?;
    let text = match format {
        ExportFormat::Csv => export::csv(&ladder),
        ExportFormat::Markdown => export::markdown(&ladder, ctx.now),
        ExportFormat::Json => export::json(&ladder, ctx.now)?,
    };
    let Some(output) = output else {
        ctx.out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    };
    if store::same_file(output, &ctx.location.path) {
        bail!("{} is your ladder file; export to another file", output.display());
    }
    store::write_private(output, text.as_bytes())?;
    eprintln!("Wrote {}.", output.display());
    Ok(ExitCode::SUCCESS)
}
