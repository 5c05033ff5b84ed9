//! One file per subcommand. Each gets the resolved file location, the clock, and how to paint.

mod add;
mod circle;
mod crypt;
mod done;
mod grow;
mod import;
mod init;
mod mend;
mod remind;
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

use chrono::{DateTime, FixedOffset, Local, Timelike};

use crate::cli::{AddArgs, Cli, ColorChoice, Command, DoneArgs, EditArgs, FixArgs, HesitatedArgs, Ref, RungFields};
use crate::cli::{HistoryArgs, SyncAction, SyncArgs, UndoArgs};
use crate::error::{Context, Doing, Error, Result};
use crate::model::shown;
use crate::model::{Ladder, MAX_SHORT_TEXT, check_text};
use crate::output::render::{self, Paint};
use crate::output::say;
use crate::store::cache::Answers;
use crate::store::{self, Location, Notice, Saved, Session, Source};

/// Standard output, through the one buffer all a command prints goes through: big enough for megabytes of
/// `--json` (which the serialiser writes a token and an indent at a time) to cost few writes, and a type of its
/// own rather than a `dyn Write`, so that each of those small writes is a copy into the buffer rather than a
/// call (10k `log --json`: a third more instructions through a `dyn Write`).
pub type Out = io::BufWriter<io::StdoutLock<'static>>;

/// What every command needs from the outside world, gathered once.
pub struct Ctx<'a> {
    pub location: Location,
    pub now: DateTime<FixedOffset>,
    pub paint: Paint,
    pub out: &'a mut Out,
    /// The entries for hooks (`store::hooks`), by name, to run once the command is done.
    pub hooks: Vec<(&'static str, Vec<u8>)>,
}

/// Runs the command, and says what the store did on the way, even when the command failed. Also returns
/// whether a change was saved: an error after that (a full or closed standard output) is not "nothing changed".
pub fn run(cli: Cli, out: &mut Out) -> (Result<ExitCode>, bool) {
    // An encrypted ladder's passphrase is asked for here, on the terminal, when the store needs it.
    store::crypt::ask_with(crypt::ask_passphrase);
    let location = match store::locate(cli.file.as_deref()) {
        Ok(location) => location,
        // The encrypted ladder named was decrypted since: `path` says where the ladder is now.
        Err(Error::Store(crate::error::Store::PlainNow { sealed, plain })) if matches!(cli.command, Command::Path) => {
            let source = if cli.file.is_some() { Source::Flag } else { Source::Env };
            let printed = out.write_all(say::path(&plain).as_bytes()).and_then(|()| out.flush());
            crate::output::note(&say::note(&say::path_plain_now(&sealed, &plain, source)));
            return (printed.map(|()| ExitCode::SUCCESS).map_err(Error::from), false);
        }
        Err(err) => return (Err(err), false),
    };
    let happened = Arc::clone(&location.happened);
    let result = run_at(cli, location, out);
    for notice in happened.notices() {
        crate::output::note(&notice_line(&notice));
    }
    // A snapshot may still be being written for the next command: the process ends once it is whole.
    happened.wait();
    (result, happened.saved())
}

/// An ID a merge or a fold moved, in the person's words.
pub fn moved_line(moved: &crate::model::merged::Moved) -> String {
    use crate::model::merged::Label;
    use crate::output::render::notice;
    match &moved.label {
        Label::Text(text) => notice::moved_text(moved.what, (moved.from, moved.to), text, moved.gone),
        Label::Made(at) => notice::moved_made(moved.what, (moved.from, moved.to), *at, moved.gone),
    }
}

/// What the store did, in the person's words.
fn notice_line(notice: &Notice) -> String {
    use crate::output::render::notice as words;
    match notice {
        Notice::Unknown(located) => words::unknown(&located.to_string()),
        Notice::NotFolded { names, why } => words::not_folded(names, &why.to_string()),
        Notice::CopyLeft { name, why } => words::copy_left(name, &why.to_string()),
        Notice::Moved(moved) => moved_line(moved),
        Notice::Dropped(d) => words::dropped(d.what, d.id, d.made, d.thanked, d.changed),
        Notice::NotPutAway { name, dir, why, still } => words::not_put_away(name, dir, &why.to_string(), *still),
        Notice::Folded { names, into, dir } => words::folded(names, into, dir),
        Notice::CopyEncrypted { name, kept } => words::copy_encrypted(name, kept),
        Notice::Union(which) => words::union(which.as_deref()),
        Notice::NotUndoable(why) => words::not_undoable(why),
        Notice::KeysUnconfirmed { file, keys } => words::keys_unconfirmed(file, keys),
    }
}

fn run_at(cli: Cli, mut location: Location, out: &mut Out) -> Result<ExitCode> {
    let mut command = cli.command;
    from_stdin(&mut command)?;
    let now = now()?;
    location.answers = Some(Answers { work_out: show::quick_answers, at: now });
    location.merges = Some(crate::rules::merge::MERGES);
    let mut ctx = Ctx { location, now, paint: paint(cli.color), out, hooks: Vec::new() };
    // A file that changed under a save (an editor saving in place) is read again, and the command made anew
    // on what is there now, once.
    let code = match dispatch(&mut ctx, &command) {
        Err(err) if err.is_raced() => dispatch(&mut ctx, &command),
        done => done,
    }?;
    ctx.out.flush().doing(Doing::Said(say::CANNOT_PRINT.to_string()))?;
    run_hooks(&mut ctx);
    Ok(code)
}

/// Runs the hooks waiting for what this command saved (see `store::hooks`), once the lock is released and what
/// the command says is printed. What goes wrong with a hook is said on stderr, and changes nothing else.
fn run_hooks(ctx: &mut Ctx) {
    let location = &ctx.location;
    let mut queued = std::mem::take(&mut ctx.hooks);
    for saved in location.happened.changes() {
        let change = match saved {
            Saved::Change(change) => change,
            // Each change on its own: one that names a file (a merge) is left as it is (`as_now`).
            Saved::Undid(all, renumbered) => {
                let all: Vec<String> = all.iter().map(|d| say::change::as_now(d, &renumbered)).collect();
                say::change::undid(&all)
            }
            Saved::Fold => say::change::FOLDED_COPIES.to_string(),
        };
        let entry = serde_json::json!({ "change": change, "at": ctx.now.to_rfc3339() });
        queued.push(("on-change", serde_json::to_vec_pretty(&entry).unwrap_or_default()));
    }
    let (false, true, Some(dir)) = (queued.is_empty(), store::hooks::enabled(), store::hooks::folder()) else {
        return;
    };
    let hooks = match store::hooks::find(&dir, &store::hooks::NAMES) {
        Ok(hooks) => hooks,
        Err(why) => return crate::output::note(&say::note(&why.to_string())),
    };
    if hooks.is_empty() {
        return;
    }
    // A hook that reads the ladder finds the snapshot of it whole.
    location.happened.wait();
    let file = std::path::absolute(&location.path).unwrap_or_else(|_| location.path.clone());
    let limit = store::hooks::timeout();
    for (name, mut entry) in queued {
        let Some((_, path)) = hooks.iter().find(|(hook, _)| *hook == name) else { continue };
        entry.push(b'\n');
        let said = match store::hooks::run(path, &entry, &[("LADDER_FILE", file.as_os_str())], limit) {
            store::hooks::Ran::Done => continue,
            store::hooks::Ran::Failed(ended) => crate::output::render::hooks::failed(name, ended),
            store::hooks::Ran::TooLong => crate::output::render::hooks::too_long(name, limit.as_secs()),
            store::hooks::Ran::NotExecutable => crate::output::render::hooks::not_executable(name),
            store::hooks::Ran::NotStarted(why) => {
                crate::output::render::hooks::not_started(name, &crate::output::say::error::io_words(&why))
            }
        };
        crate::output::note(&said);
    }
}

/// A text flag given as `-` (`done --note -`) reads its text from standard input, as the convention goes: the
/// note, what was learned, the story and the fear, which can run long. One flag per command can: there is one
/// standard input. The ask and names stay on the command line: they are short, and a `-` there is a `-`.
fn from_stdin(command: &mut Command) -> Result<()> {
    let flags: Vec<(&str, &mut Option<String>)> = match command {
        Command::Done(DoneArgs { note, learned, .. }) | Command::Fix(FixArgs { note, learned, .. }) => {
            vec![("--note", note), ("--learned", learned)]
        }
        Command::Add(AddArgs { rung: RungFields { fear, .. }, .. })
        | Command::Edit(EditArgs { rung: RungFields { fear, .. }, .. }) => vec![("--fear", fear)],
        Command::Hesitated(HesitatedArgs { story, .. }) => vec![("--story", story)],
        _ => return Ok(()),
    };
    let mut dashed: Vec<(&str, &mut Option<String>)> =
        flags.into_iter().filter(|(_, value)| value.as_deref() == Some("-")).collect();
    if let [(first, _), (second, _), ..] = dashed.as_slice() {
        return Err(Error::said(say::both_from_stdin(first, second)));
    }
    let Some((flag, value)) = dashed.pop() else { return Ok(()) };
    let stdin = io::stdin();
    if stdin.is_terminal() {
        crate::output::note(&say::type_text(flag));
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut stdin.lock(), &mut bytes).doing_with(|| Doing::Said(say::stdin_unreadable(flag)))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::said(say::stdin_not_text(flag)))?;
    *value = Some(text.trim_end_matches(['\n', '\r']).to_string());
    Ok(())
}

fn dispatch(ctx: &mut Ctx, command: &Command) -> Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Add(args) => add::run(ctx, args),
        Command::Next(args) => show::next(ctx, args),
        Command::Remind(args) => remind::run(ctx, args),
        Command::Done(args) => done::run(ctx, args),
        Command::Fix(args) => mend::fix(ctx, args),
        Command::Forget(args) => mend::forget(ctx, args),
        Command::List(args) => show::list(ctx, args),
        Command::Log(args) => show::log(ctx, args),
        Command::Edit(args) => rung::edit(ctx, args),
        Command::Split(args) => rung::split(ctx, args),
        Command::Rm(args) => rung::remove(ctx, args),
        Command::Hesitated(args) => grow::hesitated(ctx, args),
        Command::Hesitations(args) => grow::hesitations(ctx, args),
        Command::Promote(args) => grow::promote(ctx, args),
        Command::Ideas(args) => grow::ideas(ctx, args),
        Command::Gave(args) => circle::gave(ctx, args),
        Command::Thank(args) => circle::thank(ctx, args),
        Command::Circle(args) => circle::show(ctx, args),
        Command::Plan(args) => circle::plan(ctx, args),
        Command::Agenda(args) if args.ics => report::calendar(ctx, args),
        Command::Agenda(args) => circle::agenda(ctx, args),
        Command::Progress(args) if args.chart => report::chart(ctx),
        Command::Progress(args) => show::progress(ctx, args),
        Command::Report(args) => report::report(ctx, args),
        Command::Path => path(ctx),
        Command::Export(args) => shell::export(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Completions(args) => Ok(shell::completions(ctx, args)),
        Command::Man => shell::man(ctx),
        Command::Undo(args) => undo(ctx, args),
        Command::History(args) => history(ctx, args),
        Command::Merge(args) => sync::merge(ctx, args),
        Command::Encrypt(args) if args.confirm_keys => crypt::confirm_keys(ctx),
        Command::Encrypt(args) => crypt::encrypt(ctx, &args.recipients, args.passphrase),
        Command::Decrypt => crypt::decrypt(ctx),
        Command::ShowPlain(args) => crypt::show_plain(ctx, args.file.as_deref()),
        Command::EditFile => crypt::edit_file(ctx),
        Command::Conflicts(args) => sync::conflicts(ctx, args),
        Command::Sync(SyncArgs { action: Some(SyncAction::Setup) }) => sync::setup(ctx),
        Command::Sync(SyncArgs { action: None }) => sync::fold(ctx),
    }
}

/// The current time, to the second. `LADDER_NOW` (RFC 3339) fixes it, for tests and reproducible scripts.
pub fn now() -> Result<DateTime<FixedOffset>> {
    let now = match env::var("LADDER_NOW") {
        Ok(text) if !text.is_empty() => DateTime::parse_from_rfc3339(&text)
            .map_err(|e| Error::said(e.to_string()).during(Doing::Said(say::bad_now(&text))))?,
        _ => Local::now().fixed_offset(),
    };
    // A TOML file holds whole seconds and offsets in whole minutes (a zone's old local mean time can have
    // seconds): the same moment, written as the file can keep it exactly.
    let offset = FixedOffset::east_opt(now.offset().local_minus_utc() / 60 * 60).unwrap_or(*now.offset());
    let now = now.with_timezone(&offset);
    Ok(now.with_nanosecond(0).unwrap_or(now))
}

fn paint(choice: ColorChoice) -> Paint {
    render::paint(match choice {
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
        ColorChoice::Auto => None,
    })
}

fn path(ctx: &mut Ctx) -> Result<ExitCode> {
    let Location { path, source, .. } = &ctx.location;
    let (said, why) = (say::path(path), say::path_why(*source, path.exists()));
    say(ctx, &said)?;
    // The path first, as a person reading a terminal expects, though stdout is buffered.
    ctx.out.flush()?;
    crate::output::note(&why);
    Ok(ExitCode::SUCCESS)
}

fn undo(ctx: &mut Ctx, args: &UndoArgs) -> Result<ExitCode> {
    let all = match store::undo(&ctx.location, ctx.now, usize::from(args.count)) {
        Ok(all) => all,
        Err(err) => {
            let Error::Clashed { changes, clashes, ladder } = err else { return Err(err) };
            for line in crate::output::render::mend::undo_clashes(&changes, &clashes, &ladder) {
                crate::output::note(&say::note(&line));
            }
            return Ok(ExitCode::from(2));
        }
    };
    // Each change names its entries as they are now, when a merge renumbered them since.
    let all: Vec<store::Undone> = all
        .into_iter()
        .map(|u| store::Undone { description: say::change::as_now(&u.description, &u.renumbered), ..u })
        .collect();
    if all.iter().all(|u| u.already_gone) {
        let changes: Vec<&str> = all.iter().map(|u| u.description.as_str()).collect();
        prose(ctx, &say::already_undone(&changes))?;
        return Ok(ExitCode::SUCCESS);
    }
    let onto = all.iter().any(|u| u.onto_changed);
    for undone in all {
        if undone.already_gone {
            prose(ctx, &say::already_gone(&undone.description))?;
            continue;
        }
        let fold = undone.fold.as_ref().map(|(taken, places)| {
            let places: Vec<say::CopyPlace> = places
                .iter()
                .map(|place| match place {
                    Ok(back) => say::CopyPlace::Back(back),
                    Err(kept) if kept.exists() => say::CopyPlace::Kept(kept),
                    Err(gone) => say::CopyPlace::Gone(gone),
                })
                .collect();
            ([taken.rungs, taken.attempts, taken.hesitations, taken.gifts], places)
        });
        let said = say::undone(&undone.description, fold.as_ref().map(|(taken, places)| (*taken, places.as_slice())));
        prose(ctx, &said)?;
    }
    if onto {
        prose(ctx, say::UNDONE_ONTO_CHANGED)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn history(ctx: &mut Ctx, args: &HistoryArgs) -> Result<ExitCode> {
    let mut past = store::history(&ctx.location)?;
    // Each change names its entries as they are now, when a merge renumbered them since.
    for change in &mut past.changes {
        change.description = say::change::as_now(&change.description, &past.renumbered);
    }
    if args.json {
        let changes: Vec<_> =
            past.changes.iter().map(|c| serde_json::json!({ "change": c.description, "at": c.at })).collect();
        print_json(ctx, &changes)?;
    } else {
        let changes: Vec<(&str, &str)> = past.changes.iter().map(|c| (c.description.as_str(), c.at.as_str())).collect();
        prose(ctx, &say::history(&changes, past.edited_since, past.changed_since))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints what `output` worded: the one place a command writes to standard output.
fn say(ctx: &mut Ctx, text: &str) -> Result<()> {
    ctx.out.write_all(text.as_bytes())?;
    Ok(())
}

/// Prints sentences worded in `output`, folded to the terminal's width when it is known (`render::prose`):
/// what the commands that talk to a person print. Tables fit by themselves, and what a person copies into
/// another program (a crontab line, git's settings) is printed as it is, with `say`.
fn prose(ctx: &mut Ctx, text: &str) -> Result<()> {
    let text = render::prose::wrap(text, ctx.paint.width);
    say(ctx, &text)
}

/// Prints sentences as `prose` does, but each line `to_copy` picks, one a person copies into another program (a
/// crontab line, a `systemctl` command), as it is, whole however narrow the terminal.
fn prose_but(ctx: &mut Ctx, text: &str, to_copy: impl Fn(&str) -> bool) -> Result<()> {
    let mut sentences = String::new();
    for line in text.split_inclusive('\n') {
        if to_copy(line) {
            prose(ctx, &std::mem::take(&mut sentences))?;
            say(ctx, line)?;
        } else {
            sentences.push_str(line);
        }
    }
    prose(ctx, &sentences)
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
        None if ctx.location.source == Source::Flag => Err(Error::said(say::no_ladder_at(&ctx.location.path))),
        None => Ok(ManuallyDrop::new(Arc::default())),
    }
}

/// The ladder, with its text made safe to show (`shown::ladder`) when it is for a person rather than for
/// `--json`. The ladder is copied only when some text must change while a snapshot of it is still being written.
fn shown_if(mut ladder: ReadLadder, for_person: bool) -> ReadLadder {
    if for_person && shown::needed(&ladder) {
        shown::ladder(Arc::make_mut(&mut ladder));
    }
    ladder
}

/// The ladder, for a command that only reads (`read`), made safe to show when it is for a person.
fn read_shown(ctx: &Ctx, for_person: bool) -> Result<ReadLadder> {
    Ok(shown_if(read(ctx)?, for_person))
}

/// Says on stderr, in one line, that conflict copies from another device wait beside the ladder, and how to fold
/// them in: a read command shows the ladder without them.
fn mention_waiting(ctx: &Ctx) {
    let copies = store::waiting_copies(&ctx.location);
    if copies.is_empty() {
        return;
    }
    let copies: Vec<&std::path::Path> = copies.iter().map(AsRef::as_ref).collect();
    let file = (ctx.location.source == Source::Flag).then_some(ctx.location.path.as_path());
    crate::output::note(&say::waiting(&copies, file));
}

/// Says on stderr that a change is starting a new ladder file, so that a mistyped `--file` is noticed.
fn note_new_file(ctx: &Ctx, session: &Session) {
    if !session.exists() {
        crate::output::note(&say::started(&ctx.location.path));
    }
}

/// A ladder kept until the process ends, never freed: freeing a long ladder's many small values one by one
/// costs a command about a tenth of its time, and the end of the process frees them all at once.
fn keep(ladder: Ladder) -> ManuallyDrop<Ladder> {
    ManuallyDrop::new(ladder)
}

/// One line of text from the command line, checked as the file would check it.
fn short_text(text: &str, what: &str) -> Result<String> {
    check_text(text, what, MAX_SHORT_TEXT).map_err(Error::said)
}

/// A new entry's ID, or a clear refusal once the file has used the highest ID there is: IDs are never
/// reused, so giving one twice would make a file that no longer reads.
fn new_id(id: Option<u32>, what: &str) -> Result<u32> {
    id.ok_or_else(|| Error::said(say::no_id_left(what)))
}

/// Short texts from the command line (tags, safety behaviours), checked, each kept once.
fn texts(given: impl IntoIterator<Item = String>, what: &str) -> Result<Vec<String>> {
    let mut texts: Vec<String> = Vec::new();
    for text in given {
        let text = short_text(&text, what)?;
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    Ok(texts)
}

/// `value` as every `--json` prints it (`json::write`).
fn print_json(ctx: &mut Ctx, value: &impl serde::Serialize) -> Result<()> {
    crate::output::json::write(ctx.out, value)?;
    Ok(())
}

/// The ID of the rung `given` names: its ID as given (each command says when there is no such rung), or the one
/// rung whose uid starts so.
fn rung_id(ladder: &Ladder, given: &Ref, today: chrono::NaiveDate) -> Result<u32> {
    match given {
        Ref::Id(id) => match moved_lately(ladder, "rung", *id, today) {
            Some(moved) => {
                let named = |id: u32| ladder.rung(id).map(|r| (id, say::rung_label(&r.ask), r.uid.clone()));
                let named: Vec<_> = [moved.from, moved.to].into_iter().filter_map(named).collect();
                Err(Error::said(crate::output::render::mend::moved_id(moved, &named)))
            }
            None => Ok(*id),
        },
        Ref::Uid(start) => by_uid(ladder.rungs.iter().map(|r| (r.id, r.uid.as_str())), start, "rung", "#"),
    }
}

/// The ID of the attempt `given` names, as `rung_id` does for rungs.
fn attempt_id(ladder: &Ladder, given: &Ref, today: chrono::NaiveDate) -> Result<u32> {
    match given {
        Ref::Id(id) => match moved_lately(ladder, "attempt", *id, today) {
            Some(moved) => {
                let named = |id: u32| ladder.attempt(id).map(|a| (id, say::attempt_label(a.at), a.uid.clone()));
                let named: Vec<_> = [moved.from, moved.to].into_iter().filter_map(named).collect();
                Err(Error::said(crate::output::render::mend::moved_id(moved, &named)))
            }
            None => Ok(*id),
        },
        Ref::Uid(start) => by_uid(ladder.attempts.iter().map(|a| (a.id, a.uid.as_str())), start, "attempt", ""),
    }
}

/// How long after a merge moved an ID a command given the old one asks which entry is meant.
const MOVED_LATELY_DAYS: i64 = 30;

/// The move of `what` `id` a merge made in the last 30 days, if any.
fn moved_lately<'a>(
    ladder: &'a Ladder,
    what: &str,
    id: u32,
    today: chrono::NaiveDate,
) -> Option<&'a crate::model::MovedId> {
    ladder.moved.iter().rev().find(|m| {
        m.what == what
            && m.from == id
            // A day after today (a clock behind the device that merged) is lately too.
            && m.on.is_some_and(|on| (today - on).num_days() <= MOVED_LATELY_DAYS)
    })
}

/// The ID of the one entry whose uid starts with `start`.
fn by_uid<'a>(entries: impl Iterator<Item = (u32, &'a str)>, start: &str, what: &str, mark: &str) -> Result<u32> {
    let mut found: Vec<u32> = entries.filter(|(_, uid)| uid.starts_with(start)).map(|(id, _)| id).collect();
    found.sort_unstable();
    match found[..] {
        [id] => Ok(id),
        [] => Err(Error::said(say::no_uid(what, start))),
        _ => Err(Error::said(say::uid_ambiguous(what, start, &found, mark))),
    }
}

/// Refuses a day that looks like a slip (see `rules::dates`) unless the person confirmed it: exit 2, and
/// `nothing` says what was left undone ("nothing was recorded").
fn check_day(
    ladder: &Ladder,
    rung: Option<&crate::model::Rung>,
    except: Option<&str>,
    date: Option<chrono::NaiveDate>,
    now: DateTime<FixedOffset>,
    confirmed: bool,
    nothing: &str,
) -> Result<()> {
    let today = now.date_naive();
    let Some(day) = date.filter(|day| !confirmed && *day < today) else { return Ok(()) };
    match crate::rules::dates::unusual(ladder, rung, except, day, today) {
        Some(why) => {
            Err(Error::said(crate::output::render::mend::unusual_day(day, today, why, rung.map(|r| r.id), nothing)))
        }
        None => Ok(()),
    }
}

/// When something happened: now, or noon on an earlier day (in the same offset as now). Not in the future.
fn when(date: Option<chrono::NaiveDate>, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
    let Some(day) = date else { return Ok(now) };
    match day.cmp(&now.date_naive()) {
        std::cmp::Ordering::Equal => Ok(now),
        std::cmp::Ordering::Greater => Err(Error::said(say::record_in_future(day))),
        std::cmp::Ordering::Less => day
            .and_time(chrono::NaiveTime::MIN + chrono::Duration::hours(12))
            .and_local_timezone(*now.offset())
            .single()
            .ok_or_else(|| Error::said(say::not_recordable(day))),
    }
}
