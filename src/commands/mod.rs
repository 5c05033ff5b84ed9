//! One file per subcommand. Each gets the resolved file location, the clock, and how to paint.

mod add;
mod circle;
mod done;
mod grow;
mod init;
mod report;
mod rung;
mod shell;
mod show;
mod sync;

use std::env;
use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, FixedOffset, Local, Timelike};

use crate::cli::{Cli, ColorChoice, Command, SyncAction};
use crate::model::shown;
use crate::model::{Ladder, MAX_SHORT_TEXT, check_text};
use crate::output::render::Paint;
use crate::store::{self, Location, Session, Source};

/// What every command needs from the outside world, gathered once.
pub struct Ctx<'a> {
    pub location: Location,
    pub now: DateTime<FixedOffset>,
    pub paint: Paint,
    pub out: &'a mut dyn Write,
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let location = store::locate(cli.file.as_deref())?;
    // Buffered: the standard output is line-buffered, and a long list would cost a write per line.
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut ctx = Ctx { location, now: now()?, paint: paint(cli.color), out: &mut out };
    // A file that changed under a save (an editor saving in place) is read again, and the command made anew
    // on what is there now, once.
    let code = match dispatch(&mut ctx, cli.command.clone()) {
        Err(err) if err.is::<store::Raced>() => dispatch(&mut ctx, cli.command),
        done => done,
    }?;
    ctx.out.flush().context("cannot print to standard output")?;
    Ok(code)
}

fn dispatch(ctx: &mut Ctx, command: Command) -> Result<ExitCode> {
    match command {
        Command::Init { example } => init::run(ctx, example),
        Command::Add { ask, stakes, idea, who, tags, fear, chance } => {
            add::run(ctx, add::Input { ask: ask.join(" "), stakes, idea, who, tags, fear, chance })
        }
        Command::Hesitated { text, story, stakes, date } => {
            grow::hesitated(ctx, grow::Noticed { text: text.join(" "), story, stakes, date })
        }
        Command::Hesitations { json } => grow::hesitations(ctx, json),
        Command::Promote { id, stakes, who } => grow::promote(ctx, id, stakes, who),
        Command::Ideas { tag, near, limit, json } => grow::ideas(ctx, tag.as_deref(), near, limit, json),
        Command::Next { json, quiet, review } => show::next(ctx, json, quiet, review),
        Command::Done { id, outcome, before, after, note, date, fear_happened, fear_did_not_happen, thanked } => {
            let fear_happened = (fear_happened || fear_did_not_happen).then_some(fear_happened);
            let input = done::Input { id, outcome, before, after, note, date, fear_happened, thanked };
            done::run(ctx, input)
        }
        Command::Log { id, json } => show::log(ctx, id, json),
        Command::Gave { text, to, date } => circle::gave(ctx, &text.join(" "), &to, date),
        Command::Thank { attempt } => circle::thank(ctx, attempt),
        Command::Circle { json } => circle::show(ctx, json),
        Command::Plan { id, on, place, clear: _ } => circle::plan(ctx, id, on, place),
        Command::Agenda { json: _, ics: true, output, with_names } => {
            report::calendar(ctx, output.as_deref(), with_names)
        }
        Command::Agenda { json, .. } => circle::agenda(ctx, json),
        Command::Edit { id, ask, stakes, who, tags, fear, chance } => {
            rung::edit(ctx, id, &rung::Edits { ask, stakes, who, tags, fear, chance })
        }
        Command::Rm { id } => rung::remove(ctx, id),
        Command::List { json } => show::list(ctx, json),
        Command::Progress { chart: true, .. } => report::chart(ctx),
        Command::Progress { json, .. } => show::progress(ctx, json),
        Command::Report { since, output, names } => report::report(ctx, since, output.as_deref(), names),
        Command::Export { format, output } => shell::export(ctx, format, output.as_deref()),
        Command::Completions { shell } => Ok(shell::completions(ctx, shell)),
        Command::Man => shell::man(ctx),
        Command::Path => path(ctx),
        Command::Undo { count } => undo(ctx, usize::from(count)),
        Command::History { json } => history(ctx, json),
        Command::Merge { base, ours, theirs } => sync::merge(ctx, &base, &ours, &theirs),
        Command::Conflicts { clear } => sync::conflicts(ctx, clear),
        Command::Sync { action: Some(SyncAction::Setup) } => sync::setup(ctx),
        Command::Sync { action: None } => sync::fold(ctx),
    }
}

/// The current time, to the second. `LADDER_NOW` (RFC 3339) fixes it, for tests and reproducible scripts.
pub fn now() -> Result<DateTime<FixedOffset>> {
    let now = match env::var("LADDER_NOW") {
        Ok(text) if !text.is_empty() => DateTime::parse_from_rfc3339(&text)
            .with_context(|| format!("LADDER_NOW=\"{text}\" is not a time like 2026-11-22T09:30:00+01:00"))?,
        _ => Local::now().fixed_offset(),
    };
    // A TOML file holds whole seconds and offsets in whole minutes (a zone's old local mean time can have
    // seconds): the same moment, written as the file can keep it exactly.
    let offset = FixedOffset::east_opt(now.offset().local_minus_utc() / 60 * 60).unwrap_or(*now.offset());
    let now = now.with_timezone(&offset);
    Ok(now.with_nanosecond(0).unwrap_or(now))
}

/// Colour only on a terminal without `NO_COLOR`, unless asked; tables as wide as the terminal, or `COLUMNS`.
fn paint(choice: ColorChoice) -> Paint {
    let terminal = io::stdout().is_terminal();
    let no_color = env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let width = if terminal {
        comfy_table::Table::new().width()
    } else {
        env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok())
    };
    Paint { color, width }
}

fn path(ctx: &mut Ctx) -> Result<ExitCode> {
    let Location { path, source, .. } = &ctx.location;
    writeln!(ctx.out, "{}", path.display())?;
    // The path first, as a person reading a terminal expects, though stdout is buffered.
    ctx.out.flush()?;
    let missing = if path.exists() { "" } else { "; it does not exist yet" };
    eprintln!("{}{missing}", source.describe());
    Ok(ExitCode::SUCCESS)
}

fn undo(ctx: &mut Ctx, count: usize) -> Result<ExitCode> {
    for what in store::undo(&ctx.location, ctx.now, count)? {
        writeln!(ctx.out, "Undone: {}.", shown::line(&what))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn history(ctx: &mut Ctx, json: bool) -> Result<ExitCode> {
    let past = store::history(&ctx.location)?;
    if json {
        let changes: Vec<_> =
            past.changes.iter().map(|c| serde_json::json!({ "change": c.description, "at": c.at })).collect();
        print_json(ctx, &changes)?;
    } else if past.edited_since {
        writeln!(
            ctx.out,
            "The file has changed since ladder's last change (edited by hand?), so undo would lose that: nothing can be taken back."
        )?;
    } else if past.changes.is_empty() {
        writeln!(ctx.out, "Nothing to undo: ladder has made no change to this file that it can take back.")?;
    } else {
        writeln!(ctx.out, "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):")?;
        for (n, change) in past.changes.iter().enumerate() {
            let at = DateTime::parse_from_rfc3339(&change.at)
                .map_or_else(|_| shown::line(&change.at).into_owned(), |at| at.format("%Y-%m-%d %H:%M").to_string());
            writeln!(ctx.out, "{:>3}  {at}  {}", n + 1, shown::line(&change.description))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The ladder, for a command that only reads. No file yet is an empty ladder, so that a new user is guided
/// kindly; but a file named with `--file` that is not there is a mistake worth naming (a typo in the path).
fn read(ctx: &Ctx) -> Result<ReadLadder> {
    or_new(ctx, store::read(&ctx.location)?)
}

/// A ladder read for a command: shared with the snapshot of it being written meanwhile, if any, and kept
/// until the process ends (see `keep`).
type ReadLadder = ManuallyDrop<Arc<Ladder>>;

/// The ladder found, or a new one when there is no file yet (an error when the file was named with `--file`).
fn or_new(ctx: &Ctx, found: Option<Arc<Ladder>>) -> Result<ReadLadder> {
    match found {
        Some(ladder) => Ok(ManuallyDrop::new(ladder)),
        None if ctx.location.source == Source::Flag => {
            let path = ctx.location.path.display();
            anyhow::bail!("there is no ladder at {path}; `ladder init --file {path}` creates one")
        }
        None => Ok(ManuallyDrop::new(Arc::default())),
    }
}

/// Makes the ladder's text safe to show a person (`shown::ladder`). The ladder is copied only when some text
/// must change while a snapshot of it is still being written.
fn shown_to_person(ladder: &mut ReadLadder) {
    if shown::needed(ladder) {
        shown::ladder(Arc::make_mut(ladder));
    }
}

/// Says on stderr that a change is starting a new ladder file, so that a mistyped `--file` is noticed.
fn note_new_file(ctx: &Ctx, session: &Session) {
    if !session.exists() {
        eprintln!("Started a new ladder at {}.", shown::line(&ctx.location.path.display().to_string()));
    }
}

/// A ladder kept until the process ends, never freed: freeing a long ladder's many small values one by one
/// costs a command about a tenth of its time, and the end of the process frees them all at once.
fn keep(ladder: Ladder) -> ManuallyDrop<Ladder> {
    ManuallyDrop::new(ladder)
}

/// One line of text from the command line, checked as the file would check it.
fn short_text(text: &str, what: &str) -> Result<String> {
    check_text(text, what, MAX_SHORT_TEXT).map_err(|e| anyhow!(e))
}

/// A new entry's ID, or a clear refusal once the file has used the highest ID there is: IDs are never
/// reused, so giving one twice would make a file that no longer reads.
fn new_id(id: Option<u32>, what: &str) -> Result<u32> {
    id.ok_or_else(|| {
        anyhow!(
            "no {what} ID is left: the file already uses {}, the highest ladder can give; nothing was written",
            u32::MAX
        )
    })
}

/// Tags from the command line, checked, each kept once.
fn tags(given: impl IntoIterator<Item = String>) -> Result<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for tag in given {
        let tag = short_text(&tag, "tag")?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

/// Pretty JSON and a newline: what every `--json` prints, in `serde_json`'s pretty layout. The serialiser makes
/// a write for every token and indent: a buffer of its own takes them without a call through `dyn Write`
/// each, and `Indented` writes each line's indentation at once (10k `list --json`, 10 MB: 58 ms with neither,
/// about 40 with both).
fn print_json(ctx: &mut Ctx, value: &impl serde::Serialize) -> Result<()> {
    print_buffered(ctx, |out| {
        // As an io::Error, so that a closed pipe is seen as one (`serde_json::Error` hides it from anyhow's chain).
        value
            .serialize(&mut serde_json::Serializer::with_formatter(out, crate::output::json::Indented::default()))
            .map_err(io::Error::from)
    })
}

/// What `write` writes, through a buffer of its own, then a newline.
fn print_buffered(
    ctx: &mut Ctx,
    write: impl FnOnce(&mut io::BufWriter<&mut dyn Write>) -> io::Result<()>,
) -> Result<()> {
    let mut out: io::BufWriter<&mut dyn Write> = io::BufWriter::with_capacity(64 * 1024, ctx.out);
    write(&mut out)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// When something happened: now, or noon on an earlier day (in the same offset as now). Not in the future.
fn when(date: Option<chrono::NaiveDate>, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
    let Some(day) = date else { return Ok(now) };
    match day.cmp(&now.date_naive()) {
        std::cmp::Ordering::Equal => Ok(now),
        std::cmp::Ordering::Greater => anyhow::bail!("{day} is in the future; record it once it has happened"),
        std::cmp::Ordering::Less => day
            .and_time(chrono::NaiveTime::MIN + chrono::Duration::hours(12))
            .and_local_timezone(*now.offset())
            .single()
            .ok_or_else(|| anyhow!("{day} is not a day ladder can record")),
    }
}
