//! What `undo`, `history`, `merge`, `conflicts` and `sync` say.

use std::fmt::Write as _;
use std::path::Path;

use chrono::DateTime;

use crate::model::shown;
use crate::model::{Conflict, Ladder};

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
    // Said by what the copy brought in, never by device: a sync tool may keep the other device's file and make
    // this device's own version the copy, so what is taken out can be this device's own work.
    let copy = if places.len() > 1 { "the copies" } else { "the copy" };
    if counts.is_empty() {
        let _ = writeln!(
            said,
            "It had brought in no new entries from {copy}, only values that differed; those are taken out."
        );
    } else {
        let _ = writeln!(said, "It took out what {copy} had brought in: {}.", counts.join(", "));
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
                "The copy is still at {}, as a file of its name is already beside the ladder; once `ladder sync` has \
                 folded that one in, move the copy back beside the ladder and it folds in again.",
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
/// `undo` of changes the file no longer holds anything of (a pull or an edit took it out since): nothing in the
/// file changed, only the undo history moved past them.
pub fn already_undone(changes: &[&str]) -> String {
    let it = if changes.len() == 1 { "it" } else { "them" };
    let gone: Vec<String> = changes.iter().map(|c| format!("Already gone: {}.\n", shown::line(c))).collect();
    format!(
        "{}The file had changed since (a pull, or an edit) and no longer held {it}, so nothing in it changed.\n",
        gone.concat()
    )
}

/// `undo` of several changes, of one the file no longer held anything of (beside others taken back).
pub fn already_gone(change: &str) -> String {
    format!("Already gone: {}.\n", shown::line(change))
}

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
    let them = if n == 1 { "it" } else { "them" };
    format!("Cleared {n} merge conflict{s}. (`ladder undo` brings {them} back.)\n")
}

/// `conflicts`: the values merges set aside, or that there are none: each conflict as it stands now (`rules::merge::conflicts_now`): with the value the merge kept when the field
/// has changed since.
pub fn conflicts(ladder: &Ladder, open: &[(Conflict, Option<String>)]) -> String {
    if open.is_empty() {
        return "No conflicts: every merge so far went cleanly.\n".to_string();
    }
    let mut said = "Changed differently on two devices; ladder kept one value and set the other aside:\n".to_string();
    for (conflict, was) in open {
        let _ = writeln!(said, "  {}", shown::line(&conflict_line(ladder, conflict, was.as_deref())));
    }
    // The command that mends each kind: a rung's fields and settings by `edit`, an attempt's by `fix`.
    let on_attempt = open.iter().any(|(c, _)| c.field.starts_with("attempt."));
    let on_rest = open.iter().any(|(c, _)| !c.field.starts_with("attempt."));
    let how = match (on_rest, on_attempt) {
        (true, true) => "`ladder edit` for a rung, `ladder fix` for an attempt",
        (false, true) => "`ladder fix`",
        _ => "`ladder edit`",
    };
    let _ = writeln!(said, "Edit what needs it ({how}), then `ladder conflicts --clear`.");
    said
}

/// `conflicts` while conflict copies (`names`) wait beside the ladder: the conflicts there are, then the copies and
/// what folding them in (`ladder sync`, or any change) will set aside (`coming`, named in `folded`, the ladder with
/// the copies in). `folds`: the copies that can be folded in (each one that cannot was named, with why).
pub fn conflicts_with_copies(
    ladder: &Ladder,
    open: &[(Conflict, Option<String>)],
    folded: &Ladder,
    coming: &[&Conflict],
    names: &[String],
    folds: &[String],
) -> String {
    let mut said =
        if open.is_empty() { "No conflicts from the merges so far.\n".to_string() } else { conflicts(ladder, open) };
    let what = if names.len() == 1 {
        "A conflict copy from another device is".to_string()
    } else {
        format!("{} conflict copies from other devices are", names.len())
    };
    let listed = |names: &[String]| names.iter().map(|n| shown::line(n).into_owned()).collect::<Vec<_>>().join(", ");
    let _ = writeln!(said, "{what} waiting beside the ladder: {}.", listed(names));
    let sync = match folds.len() {
        0 => return said,
        n if n < names.len() => format!("`ladder sync` (or any change) folds in {}", listed(folds)),
        1 => "`ladder sync` (or any change) folds it in".to_string(),
        _ => "`ladder sync` (or any change) folds them in".to_string(),
    };
    if coming.is_empty() {
        let _ = writeln!(said, "{sync}; that sets no value aside.");
        return said;
    }
    let _ = writeln!(said, "{sync}, and that keeps one value and sets the other aside:");
    for conflict in coming {
        let kept = format!("will keep {}", quoted(&conflict.kept));
        let _ = writeln!(said, "  {}", shown::line(&conflict_line_said(folded, conflict, &kept)));
    }
    let _ = writeln!(said, "Run `ladder sync`, edit what needs it, then `ladder conflicts --clear`.");
    said
}

/// "rung 3 “Ask Sam”, stakes: kept 40, set aside 35"; when the field changed since the merge (`was`, the value
/// the merge kept), "stakes: now 45 (the merge kept 40, changed since), set aside 35".
pub fn conflict_line(ladder: &Ladder, conflict: &Conflict, was: Option<&str>) -> String {
    let kept = match was {
        None => format!("kept {}", quoted(&conflict.kept)),
        Some(was) => format!("now {} (the merge kept {}, changed since)", quoted(&conflict.kept), quoted(was)),
    };
    conflict_line_said(ladder, conflict, &kept)
}

/// A value as a conflict's line says it: quoted, or "nothing".
fn quoted(value: &str) -> String {
    if value.is_empty() { "nothing".to_string() } else { format!("\u{201c}{value}\u{201d}") }
}

/// A conflict's line, with `kept` saying what became of the value kept ("kept “40”", or "will keep “40”" before
/// a fold).
fn conflict_line_said(ladder: &Ladder, conflict: &Conflict, kept: &str) -> String {
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
    format!("{what}, {field}: {kept}, set aside {}", quoted(&conflict.other))
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

/// `sync setup`: the merge driver, set or found.
pub fn driver(driver: &str, already: bool) -> String {
    config("merge.ladder.driver", driver, already, "")
}

/// `sync setup` of an encrypted ladder: what shows its changes as text, set or found.
pub fn textconv(textconv: &str, already: bool) -> String {
    config("diff.ladder.textconv", textconv, already, "  (git diff and git log -p show the text)")
}

/// A setting of the repository's own config, set (with `what_for` after it) or found set so already.
fn config(key: &str, value: &str, already: bool, what_for: &str) -> String {
    if already {
        format!("Already set in this repository's config: {key} = {value}\n")
    } else {
        format!("Set in this repository's config: {key} = {value}{what_for}\n")
    }
}

/// `sync setup` of an encrypted ladder with its keys beside it (`keys`: the file's name).
pub fn commit_keys(keys: &str) -> String {
    format!("Commit {} too: the other devices encrypt to the keys in it.\n", shown::line(keys))
}

/// `sync setup`: what each clone needs.
pub const EACH_CLONE: &str = "Each clone needs `ladder sync setup` once; `ladder` must be on the PATH git runs with.\n";

/// `merge`: how many values both devices changed differently (for standard error).
pub fn merge_conflicts(n: usize) -> String {
    let (values, were) = if n == 1 { ("value", "was") } else { ("values", "were") };
    format!(
        "ladder: {n} {values} {were} changed differently on both devices; one of each is kept, and `ladder \
         conflicts` lists the other"
    )
}

/// `merge`: one of the three copies did not read as a ladder (`why` names which, first).
pub fn merge_refused(path: &Path, why: &str) -> String {
    format!("{}: {why}; nothing was merged", path.display())
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

/// `merge` of an encrypted ladder whose path git did not give.
pub fn merge_to_whom(ours: &Path) -> String {
    format!(
        "{} is encrypted, but ladder does not know whom to encrypt the merge to: run `ladder sync setup` again, so \
         that git gives the ladder's path (%P); nothing was merged",
        ours.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_name_the_command_that_mends_each_kind_listed() {
        let conflict = |entry: Option<&str>, field: &str| Conflict {
            rung: None,
            entry: entry.map(str::to_string),
            field: field.to_string(),
            kept: "4".to_string(),
            other: "3".to_string(),
        };
        let (setting, attempt) = (conflict(None, "settings.repeat"), conflict(Some("a1"), "attempt.note"));
        let ladder = Ladder::default();
        let last = |open: &[&Conflict]| {
            let open: Vec<(Conflict, Option<String>)> = open.iter().map(|c| ((*c).clone(), None)).collect();
            conflicts(&ladder, &open).lines().last().unwrap_or_default().to_string()
        };
        assert_eq!(last(&[&setting]), "Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.");
        assert_eq!(last(&[&attempt]), "Edit what needs it (`ladder fix`), then `ladder conflicts --clear`.");
        assert_eq!(
            last(&[&setting, &attempt]),
            "Edit what needs it (`ladder edit` for a rung, `ladder fix` for an attempt), then `ladder conflicts \
             --clear`."
        );
    }
}
