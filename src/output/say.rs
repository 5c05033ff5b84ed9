//! The sentences the commands say, one function each: a command hands over the values it decided on and prints
//! what comes back as it is. A line for standard output ends with its newline; a note for standard error (said
//! through the store's `note`) and an error's message have none. Text from the file is made safe to show here.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, NaiveDate};

use super::render::{self, Paint, mend, people};
use crate::model::shown;
use crate::model::{Conflict, Ladder, Rung};

// Entries a command was given that are not there: one sentence each, whichever command was given it.

/// An error's message: no rung has this ID.
pub fn no_rung(id: u32) -> String {
    format!("there is no rung with ID {id}; `ladder list` shows them all")
}

/// An error's message: no attempt has this ID.
pub fn no_attempt(id: u32) -> String {
    format!("there is no attempt with ID {id}; `ladder log` shows them")
}

/// An error's message: no hesitation has this ID.
pub fn no_hesitation(id: u32) -> String {
    format!("there is no hesitation with ID {id}; `ladder hesitations` shows them all")
}

/// "Next: #4 Ask Sam", after a change that added a rung.
pub fn next_rung(next: &Rung, paint: Paint) -> String {
    format!("{} #{} {}\n", paint.bold("Next:"), next.id, shown::line(&next.ask))
}

/// Where a new rung went: "at stakes 35, between #2 … and #3 …".
fn placed(stakes: u8, below: Option<&Rung>, above: Option<&Rung>) -> String {
    format!("at stakes {stakes}, {}", shown::line(&render::placement(below, above)))
}

/// `add`: the rung added and where it went, with the nudge for a vague ask if one is due.
pub fn added(id: u32, stakes: u8, (below, above): (Option<&Rung>, Option<&Rung>), paint: Paint) -> String {
    format!("{} #{id} {}.\n", paint.bold("Added"), placed(stakes, below, above))
}

/// `add`: a nudge toward a specific ask, said after a vague one was added.
pub fn vague(id: u32) -> String {
    format!("{}\n", render::vague_nudge(id))
}

/// `split`: the easier step added before the harder rung.
pub fn split(id: u32, stakes: u8, (below, above): (Option<&Rung>, Option<&Rung>), hard: &Rung, paint: Paint) -> String {
    format!(
        "{} #{id} {}: an easier step before {} (stakes {}).\n",
        paint.bold("Added"),
        placed(stakes, below, above),
        shown::line(&mend::subject(hard)),
        hard.stakes
    )
}

/// "stakes 40 → 35", "ask “Ask Sam” → “Ask Sam today”": one for each field that changed, texts quoted.
pub fn rung_changes(old: &Rung, new: &Rung) -> Vec<String> {
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let text = |v: Option<&String>| v.map(|t| render::quoted(t));
    let tags = |r: &Rung| {
        Some(r.tags.iter().map(|t| render::quoted(t)).collect::<Vec<_>>().join(", ")).filter(|t| !t.is_empty())
    };
    let fields = [
        ("ask", text(Some(&old.ask)), text(Some(&new.ask))),
        ("stakes", Some(old.stakes.to_string()), Some(new.stakes.to_string())),
        ("who", text(old.who.as_ref()), text(new.who.as_ref())),
        ("tags", tags(old), tags(new)),
        ("fear", text(old.fear.as_ref()), text(new.fear.as_ref())),
        ("chance", old.chance.map(|c| format!("{c}%")), new.chance.map(|c| format!("{c}%"))),
        (
            "safety behaviours",
            Some(old.safety.join(", ")).filter(|t| !t.is_empty()),
            Some(new.safety.join(", ")).filter(|t| !t.is_empty()),
        ),
    ];
    fields
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(name, a, b)| format!("{name} {} → {}", show(a), show(b)))
        .collect()
}

/// `edit` when nothing changed: the values given were the rung's already, or none were given.
pub fn edit_unchanged(id: u32, given: bool) -> String {
    let why = if given { "it already has those values" } else { "give a new value, such as --stakes 35" };
    format!("Nothing to change on #{id}: {why}.\n")
}

/// `edit`: the rung changed (named by its ask unless the ask is what changed), and each change, old → new.
pub fn edited(old: &Rung, new: &Rung, changes: &[String], paint: Paint) -> String {
    let named = if new.ask == old.ask { mend::subject(new) } else { format!("#{}", new.id) };
    format!("{} {}: {}.\n", paint.bold("Changed"), shown::line(&named), shown::line(&changes.join("; ")))
}

/// `rm`: the rung removed, with how many attempts went with it.
pub fn removed(rung: &Rung, attempts: usize, paint: Paint) -> String {
    let (taken, back) = removed_taken(attempts);
    format!(
        "{} #{} \u{201c}{}\u{201d}{taken}. (`ladder undo` brings {back} back.)\n",
        paint.bold("Removed"),
        rung.id,
        shown::line(&rung.ask)
    )
}

/// " and its 3 attempts" (or nothing), and what `undo` brings back: the words `rm` says and keeps in its history.
fn removed_taken(attempts: usize) -> (String, &'static str) {
    match attempts {
        0 => (String::new(), "it"),
        n => (format!(" and its {}", render::counted(n, "attempt")), "them"),
    }
}

/// `fix` when nothing changed.
pub fn fix_unchanged(id: u32, given: bool) -> String {
    let why = if given { "it already has those values" } else { "give a new value, such as --date 2026-11-20" };
    format!("Nothing to change on attempt {id}: {why}.\n")
}

/// `fix`: the attempt and each change, old → new (`subject` and `day` as `attempt_subject` and `mend::on_day`).
pub fn fixed(id: u32, subject: &str, day: &str, changes: &[String], paint: Paint) -> String {
    let changes: Vec<String> = changes.iter().map(|c| shown::line(c).into_owned()).collect();
    format!("{} attempt {id}{subject}{day}: {}.\n", paint.bold("Fixed"), changes.join("; "))
}

/// " on #4 “Ask Sam” with Sam", safe to show; "" should the rung be gone.
pub fn attempt_subject(rung: Option<&Rung>) -> String {
    rung.map(|r| format!(" on {}", shown::line(&mend::subject(r)))).unwrap_or_default()
}

/// `forget`: what was forgotten, in the words of `forgot_*`.
pub fn forgot(what: &str, paint: Paint) -> String {
    format!(
        "{} {what}. It stays forgotten on every device you sync with; `ladder undo` brings it back.\n",
        paint.bold("Forgot")
    )
}

/// What `forget` names: "attempt 12 on #4 “Ask Sam”, 3 days ago: no".
pub fn forgot_attempt(id: u32, rung: Option<&Rung>, at: NaiveDate, today: NaiveDate, outcome: &str) -> String {
    format!("attempt {id}{}{}: {outcome}", attempt_subject(rung), mend::on_day(at, today))
}

/// What `forget --hesitation` names.
pub fn forgot_hesitation(id: u32, text: &str, at: NaiveDate, today: NaiveDate) -> String {
    format!("hesitation #{id} {}{}", render::quoted(&shown::line(text)), mend::on_day(at, today))
}

/// What `forget --gift` names.
pub fn forgot_gift(id: u32, to: &str, text: &str, at: NaiveDate, today: NaiveDate) -> String {
    format!(
        "help given {id}, to {}: {}{}",
        shown::line(to),
        render::quoted(&shown::line(text)),
        mend::on_day(at, today)
    )
}

/// `gave`: the help noted, and how the giving and taking with that person stands.
pub fn gave(to: &str, text: &str, at: NaiveDate, today: NaiveDate, balance: Option<&str>, paint: Paint) -> String {
    let mut said = format!(
        "{} you helped {}: {}{}. Giving back keeps a circle strong.\n",
        paint.bold("Noted:"),
        shown::line(to),
        render::quoted(&shown::line(text)),
        mend::on_day(at, today)
    );
    if let Some(line) = balance {
        let _ = writeln!(said, "{}", shown::line(line));
    }
    said
}

/// `thank` on an attempt already thanked.
pub fn already_thanked(id: u32) -> String {
    format!("Attempt {id} is already marked thanked.\n")
}

/// `thank`: the attempt marked, on its rung, and its day.
pub fn thanked(id: u32, rung: Option<&Rung>, at: NaiveDate, today: NaiveDate, who: &str, paint: Paint) -> String {
    let on = match rung {
        Some(rung) => format!(" on #{} {}", rung.id, render::quoted(&shown::line(&rung.ask))),
        None => String::new(),
    };
    format!(
        "{} attempt {id}{on}{}: you thanked {}. That makes them likelier to help again.\n",
        paint.bold("Marked"),
        mend::on_day(at, today),
        shown::line(who)
    )
}

/// `plan` when nothing changed.
pub fn plan_unchanged(id: u32, planning: bool) -> String {
    let what = if planning { "is already planned for that day and place" } else { "has no plan" };
    format!("Nothing to change: #{id} {what}.\n")
}

/// `plan`: the rung planned for a day (and place), or its plan cleared.
pub fn planned(rung: &Rung, today: NaiveDate, paint: Paint) -> String {
    match rung.planned {
        Some(day) => format!(
            "{} #{} {}{}: {}.\n",
            paint.bold("Planned"),
            rung.id,
            shown::line(&rung.ask),
            shown::line(&mend::person(rung)),
            shown::line(&people::when_planned(rung, day, today))
        ),
        None => format!("{} the plan for #{} {}.\n", paint.bold("Cleared"), rung.id, shown::line(&rung.ask)),
    }
}

/// `promote --to`: the hesitation attached to a rung.
pub fn attached(id: u32, text: &str, rung: &Rung, paint: Paint) -> String {
    format!(
        "{} hesitation #{id} {} to rung {}.\n",
        paint.bold("Attached"),
        render::quoted(&shown::line(text)),
        shown::line(&mend::subject(rung))
    )
}

/// `promote`: the hesitation made a rung, and where it went.
pub fn promoted(id: u32, text: &str, rung: &Rung, neighbours: (Option<&Rung>, Option<&Rung>), paint: Paint) -> String {
    format!(
        "{} hesitation #{id} {} to rung #{}{} {}.\n",
        paint.bold("Promoted"),
        render::quoted(&shown::line(text)),
        rung.id,
        shown::line(&mend::person(rung)),
        placed(rung.stakes, neighbours.0, neighbours.1)
    )
}

/// `next`: how many values a merge set aside, when any.
pub fn conflicts_waiting(n: usize) -> String {
    let values = if n == 1 { "value" } else { "values" };
    format!("A merge set {n} {values} aside that two devices changed differently: `ladder conflicts`.\n")
}

/// `next -q`: the ask alone, on one line.
pub fn ask_alone(ask: &str) -> String {
    format!("{ask}\n")
}

/// `next --json` when there is nothing to suggest.
pub const NULL: &str = "null\n";

/// `settled` from `render`, as a line.
pub fn settled(n: usize) -> String {
    format!("{}\n", render::settled(n))
}

/// `init`: the file made, and the first step.
pub fn created(path: &Path, rungs: usize) -> String {
    let path = shown::line(&path.display().to_string()).into_owned();
    if rungs > 0 {
        format!(
            "Created {path} with {rungs} asks, lowest stakes first.\n\
             Change any ask to fit your life, then see your first step: ladder next\n"
        )
    } else {
        format!("Created {path}.\nAdd your first ask: ladder add \"Ask a coworker a quick question\" --stakes 30\n")
    }
}

/// `path`: the path, for standard output.
pub fn path(path: &Path) -> String {
    format!("{}\n", path.display())
}

/// `path`: why this file, for standard error.
pub fn path_why(source: &str, exists: bool) -> String {
    let missing = if exists { "" } else { "; it does not exist yet" };
    format!("{source}{missing}")
}

/// Where a copy a fold took in is, after `undo` took the fold back.
pub enum CopyPlace<'a> {
    /// Back beside the ladder, under this name.
    Back(&'a Path),
    /// Still where it was moved to.
    Kept(&'a Path),
    /// No longer where it was moved to.
    Gone(&'a Path),
}

/// `undo`: one change taken back. `taken` counts what a fold had brought in (rungs, attempts, hesitations,
/// gifts), with where each copy it took in is now.
pub fn undone(description: &str, fold: Option<([usize; 4], &[CopyPlace])>) -> String {
    let mut said = format!("Undone: {}.\n", shown::line(description));
    let Some((taken, places)) = fold else { return said };
    let kinds = [
        ("rung", "rungs"),
        ("attempt", "attempts"),
        ("hesitation", "hesitations"),
        ("note of help given", "notes of help given"),
    ];
    let counts: Vec<String> = taken
        .iter()
        .zip(kinds)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (one, many))| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if counts.is_empty() {
        said.push_str(
            "It had brought in no new entries, only values changed on another device; those are taken out.\n",
        );
    } else {
        let devices = if places.len() > 1 { "the other devices" } else { "the other device" };
        let _ = writeln!(said, "It took out what {devices} had added: {}.", counts.join(", "));
    }
    for place in places {
        let _ = match place {
            CopyPlace::Back(back) => writeln!(
                said,
                "The copy is back beside the ladder as {}; `ladder sync` folds it in again.",
                shown::line(&back.file_name().unwrap_or_default().to_string_lossy())
            ),
            CopyPlace::Kept(kept) => writeln!(
                said,
                "The copy is still at {}; move it beside the ladder, then `ladder sync` folds it in again.",
                shown::line(&kept.display().to_string())
            ),
            CopyPlace::Gone(gone) => writeln!(
                said,
                "The copy is no longer at {}, so it cannot come back; the ladder is as it was before the fold.",
                shown::line(&gone.display().to_string())
            ),
        };
    }
    said
}

/// `undo`, after the changes taken back: the file had changed since, and what came since is kept.
pub const UNDONE_ONTO_CHANGED: &str = "The file had changed since (a pull, or an edit): what came since is kept.\n";

/// `history`: the changes `undo` can take back, newest first, each with its time as written (RFC 3339).
pub fn history(changes: &[(&str, &str)], edited_since: bool, changed_since: bool) -> String {
    if edited_since {
        return "The file has changed since ladder's last change (edited by hand?), so undo would lose that: nothing \
                can be taken back.\n"
            .to_string();
    }
    if changes.is_empty() {
        return "Nothing to undo: ladder has made no change to this file that it can take back.\n".to_string();
    }
    let mut said = String::new();
    if changed_since {
        said.push_str(
            "The file has changed since ladder's last change (a pull, or an edit): undo takes a change back onto it \
             as it is now, keeping what came since.\n",
        );
    }
    said.push_str("Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n");
    for (n, (description, at)) in changes.iter().enumerate() {
        let at = DateTime::parse_from_rfc3339(at)
            .map_or_else(|_| shown::line(at).into_owned(), |at| at.format("%Y-%m-%d %H:%M").to_string());
        let _ = writeln!(said, "{:>3}  {at}  {}", n + 1, shown::line(description));
    }
    said
}

/// `conflicts --clear` with none to clear.
pub const NO_CONFLICTS_TO_CLEAR: &str = "No conflicts to clear.\n";

/// `conflicts --clear`: how many were forgotten.
pub fn conflicts_cleared(n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("Cleared {n} merge conflict{s}. (`ladder undo` brings them back.)\n")
}

/// `conflicts`: the values merges set aside, or that there are none.
pub fn conflicts(ladder: &Ladder, open: &[&Conflict]) -> String {
    if open.is_empty() {
        return "No conflicts: every merge so far went cleanly.\n".to_string();
    }
    let mut said = "Changed differently on two devices; ladder kept one value and set the other aside:\n".to_string();
    for conflict in open {
        let _ = writeln!(said, "  {}", shown::line(&conflict_line(ladder, conflict)));
    }
    said.push_str("Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n");
    said
}

/// "rung 3 “Ask Sam”, stakes: kept 40, set aside 35"
pub fn conflict_line(ladder: &Ladder, conflict: &Conflict) -> String {
    let quoted = |v: &str| if v.is_empty() { "nothing".to_string() } else { format!("\u{201c}{v}\u{201d}") };
    let what = match (&conflict.rung, &conflict.entry) {
        (Some(uid), _) => match ladder.rungs.iter().find(|r| &r.uid == uid) {
            Some(rung) => format!("rung {} \u{201c}{}\u{201d}", rung.id, rung.ask),
            None => "a removed rung".to_string(),
        },
        (None, Some(uid)) => {
            let kind = conflict.field.split('.').next().unwrap_or_default();
            let found = match kind {
                "attempt" => ladder
                    .attempts
                    .iter()
                    .find(|a| &a.uid == uid)
                    .map(|a| format!("attempt {} (made {})", a.id, a.at.format("%Y-%m-%d %H:%M"))),
                "hesitation" => ladder
                    .hesitations
                    .iter()
                    .find(|h| &h.uid == uid)
                    .map(|h| format!("hesitation {} \u{201c}{}\u{201d}", h.id, h.text)),
                _ => ladder
                    .gifts
                    .iter()
                    .find(|g| &g.uid == uid)
                    .map(|g| format!("help given {} \u{201c}{}\u{201d}", g.id, g.text)),
            };
            found.unwrap_or_else(|| "a removed entry".to_string())
        }
        (None, None) => "settings".to_string(),
    };
    let field = ["settings.", "attempt.", "hesitation.", "gave."]
        .iter()
        .find_map(|prefix| conflict.field.strip_prefix(prefix))
        .unwrap_or(&conflict.field);
    format!("{what}, {field}: kept {}, set aside {}", quoted(&conflict.kept), quoted(&conflict.other))
}

/// `sync` with no copy to fold in.
pub fn nothing_to_fold(dir: &Path) -> String {
    format!("No conflict copies beside the ladder in {}: nothing to fold in.\n", dir.display())
}

/// `sync setup`: the `.gitattributes` line, added or found.
pub fn attributes(file: &Path, line: &str, already: bool) -> String {
    if already {
        format!("Already in {}: {}\n", file.display(), shown::line(line))
    } else {
        format!("Added to {}: {}  (commit it, so every clone merges the same way)\n", file.display(), shown::line(line))
    }
}

/// `sync setup`: the merge driver, set or found, and what each clone needs.
pub fn driver(driver: &str, already: bool) -> String {
    let first = if already {
        format!("Already set in this repository's config: merge.ladder.driver = {driver}\n")
    } else {
        format!("Set in this repository's config: merge.ladder.driver = {driver}\n")
    };
    first + "Each clone needs `ladder sync setup` once; `ladder` must be on the PATH git runs with.\n"
}

/// `merge`: how many values both devices changed differently (for standard error).
pub fn merge_conflicts(n: usize) -> String {
    let (values, were) = if n == 1 { ("value", "was") } else { ("values", "were") };
    format!(
        "ladder: {n} {values} {were} changed differently on both devices; one of each is kept, and `ladder \
         conflicts` lists the other"
    )
}

/// A line worded elsewhere in `output`, ended for standard output.
pub fn line(text: &str) -> String {
    format!("{text}\n")
}

// Notes for standard error.

/// A line of a failure or a warning for standard error, after `ladder: `, its text made safe to show.
pub fn note(line: &str) -> String {
    format!("ladder: {}", shown::line(line))
}

/// Asks for the text of a flag given as `-`, when standard input is a terminal.
pub fn type_text(flag: &str) -> String {
    format!("Type the text for {flag}, then press Ctrl-D on a line of its own:")
}

/// A change is starting a new ladder file here.
pub fn started(path: &Path) -> String {
    format!("Started a new ladder at {}.", shown::line(&path.display().to_string()))
}

/// Conflict copies wait beside the ladder, by name, and how to fold them in (`--file` repeated when it was given).
pub fn waiting(copies: &[&Path], file: Option<&Path>) -> String {
    let names: Vec<String> =
        copies.iter().map(|c| shown::line(&c.file_name().unwrap_or_default().to_string_lossy()).into_owned()).collect();
    let sync = match file {
        Some(file) => format!("ladder --file {} sync", shown::line(&file.display().to_string())),
        None => "ladder sync".to_string(),
    };
    let n = copies.len();
    let (what, it) = if n == 1 {
        ("a conflict copy from another device is".to_string(), "it")
    } else {
        (format!("{n} conflict copies from other devices are"), "them")
    };
    format!("ladder: {what} waiting beside the ladder, not shown here: {}; `{sync}` folds {it} in.", names.join(", "))
}

/// `remind`: today's nudge could not be noted (`why` as the OS said it).
pub fn nudge_not_noted(why: &str) -> String {
    format!("ladder could not note today's nudge ({why}), so it may nudge again today.")
}

/// `report`: the day of this report could not be kept (`why` in plain words).
pub fn report_not_remembered(why: &str) -> String {
    format!(
        "ladder: warning: could not remember that this report was written ({why}); the next one starts where this \
         one did"
    )
}

/// `agenda --ics`: the events this calendar holds could not be kept (`why` in plain words).
pub fn calendar_not_remembered(why: &str) -> String {
    format!(
        "ladder: warning: could not remember which asks this calendar holds ({why}); the next export cannot \
         cancel those whose plan is gone"
    )
}

/// `export`, `report` and `agenda --ics` with `--output`: where it went.
pub fn wrote(path: &Path) -> String {
    format!("Wrote {}.", shown::line(&path.display().to_string()))
}

// Refusals: an error's message, for a command that changed nothing.

/// `add --idea` with an ID the bank does not have.
pub fn no_idea(id: u32) -> String {
    format!("there is no idea with ID {id}; `ladder ideas` lists them")
}

/// `add` with neither stakes nor an idea that brings its own.
pub const GIVE_STAKES: &str = "give the stakes: --stakes N";

/// `add --idea` for an idea already on the ladder.
pub fn idea_on_ladder(rung: u32) -> String {
    format!("that idea is already on your ladder as #{rung}")
}

/// A rung with the same words is on the ladder: `nothing` says what was not done, `anyway` how to do it anyway.
pub fn twin_refused(twin: &Rung, nothing: &str, anyway: &str) -> String {
    shown::line(&render::twin_refused(twin, nothing, anyway)).into_owned()
}

/// `add` of a rung with the same words as one on the ladder.
pub fn twin_not_added(twin: &Rung) -> String {
    twin_refused(twin, "nothing was added", "To add a second rung with these words anyway, add --anyway.")
}

/// `hesitated` with the words of a rung on the ladder.
pub fn twin_not_noted(twin: &Rung) -> String {
    twin_refused(twin, "nothing was noted", "To note it as a moment you held back from that rung, add --anyway.")
}

/// `promote` of a hesitation with the words of a rung on the ladder.
pub fn twin_not_promoted(id: u32, twin: &Rung) -> String {
    let anyway = format!("`ladder promote {id} --to {}` attaches it to that rung; --anyway makes a new rung.", twin.id);
    twin_refused(twin, "nothing was changed", &anyway)
}

/// `thank` on an attempt that had no answer.
pub fn no_one_to_thank(id: u32) -> String {
    format!(
        "attempt {id} had no answer, so there is no one to thank for it yet; if they answered since, `ladder \
         fix {id} --outcome yes` (or partial, or no) says so; nothing was changed"
    )
}

/// `plan --on` a day that has passed.
pub fn plan_passed(day: NaiveDate) -> String {
    format!("{day} has passed; plan the ask for today or a day to come")
}

/// `done` given the same safety behaviour as used and as dropped.
pub fn used_and_dropped(both: &str) -> String {
    format!("\u{201c}{}\u{201d} is given as both used and dropped; say which it was", shown::line(both))
}

/// `done` with no rung named and none to suggest: the ladder is empty, its rungs rest, or all are mastered.
pub fn nothing_to_record(empty: bool, resting: bool) -> String {
    if empty {
        "your ladder is empty, so there is nothing to record yet; add an ask with `ladder add`".to_string()
    } else if resting {
        "the rungs left are resting, so there is no suggested rung; name one: `ladder done ID`".to_string()
    } else {
        "every rung is mastered, so there is no suggested rung; name one: `ladder done ID`".to_string()
    }
}

/// `promote` of a hesitation already promoted.
pub fn already_promoted(id: u32, rung: u32) -> String {
    format!("hesitation {id} is already rung #{rung}")
}

/// `promote` of a hesitation noted without stakes, none given.
pub fn promote_without_stakes(id: u32) -> String {
    format!("hesitation {id} has no stakes yet; give them: ladder promote {id} --stakes N")
}

/// `ideas --tag` with a tag no idea has.
pub fn no_idea_tag(tag: &str, tags: &[&str]) -> String {
    format!("no idea has the tag \"{tag}\"; the tags are {}", tags.join(", "))
}

/// `init` where only a conflict copy of a ladder is.
pub fn init_only_copies(path: &Path) -> String {
    format!(
        "there is no ladder at {}, but a sync tool left a conflict copy of one beside it; `ladder sync` makes \
         the ladder from it; nothing was changed",
        path.display()
    )
}

/// `init` where a ladder is.
pub fn init_exists(path: &Path) -> String {
    format!(
        "{} already exists, and ladder never overwrites a ladder; `ladder list` shows what is in it",
        path.display()
    )
}

/// `fix --date` a day to come.
pub fn fix_in_future(day: NaiveDate) -> String {
    format!("{day} is in the future; give the day you asked")
}

/// `forget --hesitation` of one promoted to a rung.
pub fn hesitation_stays(id: u32, rung: u32) -> String {
    format!(
        "hesitation #{id} became rung #{rung}, and stays with it; `ladder rm {rung}` removes the rung; nothing was changed"
    )
}

/// `forget --gift` with an ID no help given has.
pub fn no_gift(id: u32) -> String {
    format!("there is no help given with ID {id}; `ladder export --format csv` lists it with its ID")
}

/// `forget` with nothing named.
pub const FORGET_WHAT: &str = "name what to forget: ladder forget ATTEMPT, --hesitation ID or --gift ID";

/// `split` with stakes not below the harder rung's.
pub fn split_not_easier(id: u32, hard: u8, stakes: u8) -> String {
    format!(
        "an easier step needs stakes below #{id}'s {hard}, not {stakes}; nothing was added (ladder split {id} \"...\" --stakes N)"
    )
}

/// `report --since last` before any report.
pub const NO_REPORT_YET: &str = "no report has been written for this ladder yet; leave out --since to cover all of it";

/// `report --since` a day to come.
pub fn report_in_future(since: NaiveDate) -> String {
    format!("{since} is in the future; a report covers days that have happened")
}

// Failures common to the commands.

/// Standard output could not be written to.
pub const CANNOT_PRINT: &str = "cannot print to standard output";

/// Two flags given as `-` both asked for standard input.
pub fn both_from_stdin(first: &str, second: &str) -> String {
    format!("{first} and {second} both asked to read standard input; only one of them can")
}

/// Standard input could not be read for a flag given as `-`.
pub fn stdin_unreadable(flag: &str) -> String {
    format!("cannot read {flag} from standard input")
}

/// Standard input was not text, for a flag given as `-`.
pub fn stdin_not_text(flag: &str) -> String {
    format!("{flag} -: standard input is not UTF-8 text")
}

/// `LADDER_NOW` does not name a moment.
pub fn bad_now(text: &str) -> String {
    format!("LADDER_NOW=\"{text}\" is not a time like 2026-11-22T09:30:00+01:00")
}

/// `--file` names a file that is not there, for a command that reads.
pub fn no_ladder_at(path: &Path) -> String {
    let path = path.display();
    format!("there is no ladder at {path}; `ladder init --file {path}` creates one")
}

/// No entry of this kind ("rung", "attempt") has a uid that starts so.
pub fn no_uid(what: &str, start: &str) -> String {
    let list = if what == "rung" { "list --json" } else { "log --json" };
    format!("no {what} has a uid that starts with \"{start}\"; `ladder {list}` shows them")
}

/// Several entries' uids start so: their IDs, with `mark` before each ("#" for rungs).
pub fn uid_ambiguous(what: &str, start: &str, ids: &[u32], mark: &str) -> String {
    let ids: Vec<String> = ids.iter().map(|id| format!("{mark}{id}")).collect();
    format!("\"{start}\" starts the uids of {what}s {}; give more of it", ids.join(", "))
}

/// How a rung is named when a merge moved its ID: its ask, quoted.
pub fn rung_label(ask: &str) -> String {
    format!("\u{201c}{}\u{201d}", shown::line(ask))
}

/// How an attempt is named when a merge moved its ID: when it was made.
pub fn attempt_label(at: DateTime<chrono::FixedOffset>) -> String {
    format!("(made {})", at.format("%Y-%m-%d %H:%M"))
}

/// A day given for something that happened is still to come.
pub fn record_in_future(day: NaiveDate) -> String {
    format!("{day} is in the future; record it once it has happened")
}

/// A day that has no noon in this offset.
pub fn not_recordable(day: NaiveDate) -> String {
    format!("{day} is not a day ladder can record")
}

/// An export's file could not be made private.
pub fn cannot_make_private(path: &Path) -> String {
    format!("cannot make {} readable by you alone", path.display())
}

/// Why an export, a report or a calendar will not be written to `path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWritten {
    Ladder,
    SharedSymlink,
    Folder,
    NotAFile,
}

/// An export, a report or a calendar refused its `--output`.
pub fn not_written(path: &Path, why: NotWritten) -> String {
    let shown = path.display();
    match why {
        NotWritten::Ladder => format!("{shown} is your ladder file; write to another file"),
        NotWritten::SharedSymlink => format!(
            "{shown} is a symlink in a folder others can write to; export to the file it points to by its own path"
        ),
        NotWritten::Folder => format!("{shown} is a folder; give the export a file name inside it"),
        NotWritten::NotAFile => {
            format!("{shown} is not a regular file (a device, a pipe or a socket); write to a file, or use --output -")
        }
    }
}

// Merging and syncing.

/// `merge`: one of the three copies did not read as a ladder (`why` names which, first).
pub fn merge_refused(path: &Path, why: &str) -> String {
    format!("{}: {why}; nothing was merged", path.display())
}

/// A file could not be read.
pub fn cannot_read(path: &Path) -> String {
    format!("cannot read {}", path.display())
}

/// `merge`: our side or theirs is not there.
pub fn no_such_side(path: &Path) -> String {
    format!("cannot read {}: there is no such file", path.display())
}

/// `conflicts --clear` while a conflict copy waits to be folded in.
pub const CLEAR_AFTER_SYNC: &str = "a conflict copy from another device is waiting beside the ladder, and folding it \
    in may set more values aside; run `ladder sync`, look at `ladder conflicts`, then clear; nothing was changed";

/// `sync` when each copy waiting failed to fold in (each was named as it was found).
pub const NOTHING_FOLDED: &str = "no conflict copy was folded in; nothing was changed";

/// `sync setup` for a ladder outside a git work tree.
pub fn not_in_git(file: &Path) -> String {
    format!("{} is not in a git repository; `git init` there first, or sync it with Syncthing", file.display())
}

/// `sync setup` for a ladder path with no file name.
pub const NO_FILE_NAME: &str = "the ladder path has no file name";

/// A folder could not be found.
pub fn cannot_find(path: &Path) -> String {
    format!("cannot find {}", path.display())
}

/// A file could not be written.
pub fn cannot_write(path: &Path) -> String {
    format!("cannot write {}", path.display())
}

/// A file could not be put back as it was.
pub fn cannot_put_back(path: &Path) -> String {
    format!("cannot put back {}", path.display())
}

/// `sync setup`: the ladder's path cannot be written in `.gitattributes` (`why` says what it holds).
pub fn unnameable(relative: &str, why: &str) -> String {
    format!(
        "the ladder's path \"{}\" {why}, so .gitattributes cannot name it and git would never merge it with \
         ladder; rename it (letters, digits, spaces and most punctuation are fine)",
        shown::line(relative)
    )
}

/// `sync setup`: another attribute line decides how git merges the ladder (`says`: what `git check-attr` said).
pub fn git_would_not_merge(relative: &str, says: Option<&str>, already: bool) -> String {
    format!(
        "git would still not merge {} with ladder (`git check-attr merge` says \"{}\"): another line in \
         .gitattributes or .git/info/attributes sets `merge` for it; {}",
        shown::line(relative),
        shown::line(says.unwrap_or("nothing")),
        if already { "remove that line" } else { "remove that line, then run this again; nothing was changed" }
    )
}

/// git could not be started.
pub const CANNOT_RUN_GIT: &str = "cannot run git (is it installed?)";

/// git ran and failed, with what it said.
pub fn git_failed(args: &[&str], said: &str) -> String {
    format!("git {} failed: {}", args.join(" "), said.trim())
}

/// `remind --install` could not tell where this program is.
pub const WHERE_AM_I: &str = "cannot tell where this ladder program is";

/// `remind --install` could not make a path absolute.
pub fn cannot_tell_where(path: &Path) -> String {
    format!("cannot tell where {} is", path.display())
}

/// What each change is called in the undo history (`ladder history`, `Undone: …`, `history --json`'s "change").
pub mod change {
    use std::path::Path;

    pub const CREATED: &str = "created the ladder file";

    pub fn added_rung(id: u32) -> String {
        format!("added rung {id}")
    }

    pub fn added_before(id: u32, hard: u32) -> String {
        format!("added rung {id} before rung {hard}")
    }

    pub fn changed_rung(id: u32) -> String {
        format!("changed rung {id}")
    }

    pub fn removed_rung(id: u32, attempts: usize) -> String {
        format!("removed rung {id}{}", super::removed_taken(attempts).0)
    }

    pub fn planned(id: u32, planning: bool) -> String {
        let what = if planning { "planned" } else { "cleared the plan of" };
        format!("{what} rung {id}")
    }

    pub fn recorded(attempt: u32, rung: u32) -> String {
        format!("recorded attempt {attempt} on rung {rung}")
    }

    pub fn fixed(attempt: u32) -> String {
        format!("fixed attempt {attempt}")
    }

    pub fn thanked(attempt: u32) -> String {
        format!("marked attempt {attempt} thanked")
    }

    pub fn noted_gift(id: u32) -> String {
        format!("noted help given {id}")
    }

    pub fn noted_hesitation(id: u32) -> String {
        format!("noted hesitation {id}")
    }

    pub fn attached(hesitation: u32, rung: u32) -> String {
        format!("attached hesitation {hesitation} to rung {rung}")
    }

    pub fn promoted(hesitation: u32) -> String {
        format!("promoted hesitation {hesitation}")
    }

    pub fn forgot_attempt(id: u32) -> String {
        format!("forgot attempt {id}")
    }

    pub fn forgot_hesitation(id: u32) -> String {
        format!("forgot hesitation {id}")
    }

    pub fn forgot_gift(id: u32) -> String {
        format!("forgot help given {id}")
    }

    pub fn cleared_conflicts(n: usize) -> String {
        format!("cleared {n} merge conflicts")
    }

    /// A merge into the ladder itself, named by their side's file.
    pub fn merged_in(theirs: &Path) -> String {
        let name = theirs.file_name().map_or_else(|| theirs.display().to_string(), |n| n.to_string_lossy().into());
        format!("merged in {name}")
    }
}
