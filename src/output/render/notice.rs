//! What the store did, told on standard error: folds of conflict copies, names the file holds that `ladder`
//! does not know, and a change that could not be recorded for undo.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::model::shown;

fn shown(text: &str) -> String {
    shown::line(text).into_owned()
}

fn path(path: &Path) -> String {
    shown(&path.display().to_string())
}

/// A name in the file that `ladder` does not know, `located` in it.
pub fn unknown(located: &str) -> String {
    format!("ladder: warning: {}", shown(located))
}

pub fn not_folded(names: &[String], why: &str) -> String {
    let names: Vec<String> = names.iter().map(|n| shown(n)).collect();
    let (what, it, is) = if names.len() == 1 { ("copy", "it", "is") } else { ("copies", "them", "are") };
    format!("ladder: left the conflict {what} {} where {it} {is}, not folded in: {}", names.join(", "), shown(why))
}

pub fn copy_left(name: &str, why: &str) -> String {
    format!("ladder: the conflict copy {} was left where it is: {}", shown(name), shown(why))
}

/// "ladder: rung 3 “Ask Bo” is now rung 4: both devices had used ID 3": an entry named by its text (an ask, what
/// was wanted or given); `gone`: one device had given the ID to an entry it no longer holds.
pub fn moved_text(what: &str, (from, to): (u32, u32), text: &str, gone: bool) -> String {
    moved(what, (from, to), &format!("\u{201c}{text}\u{201d}"), gone)
}

/// "ladder: attempt 3 (made 2026-11-21 10:00) is now attempt 4: both devices had used ID 3".
pub fn moved_made(what: &str, (from, to): (u32, u32), made: DateTime<FixedOffset>, gone: bool) -> String {
    moved(what, (from, to), &format!("(made {})", made.format("%Y-%m-%d %H:%M")), gone)
}

fn moved(what: &str, (from, to): (u32, u32), label: &str, gone: bool) -> String {
    let why = if gone {
        // Either device may be the one that gave the ID out (and either may be this one): said of neither.
        let a = if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        format!("ID {from} had been given on one device to {a} {what} it no longer has")
    } else {
        format!("both devices had used ID {from}")
    };
    format!("ladder: {}", shown(&format!("{what} {from} {label} is now {what} {to}: {why}")))
}

/// "ladder: attempt 1 (made 2026-11-22 10:00) stays forgotten, as asked on one device: the thank it was given
/// since is dropped with it": a forget wins over a change made on another device, and the merge says so. Which
/// device made the change is not said: a fold cannot tell this device's own copy from another's (attack16).
pub fn dropped(what: &str, id: u32, made: DateTime<FixedOffset>, thanked: bool, changed: bool) -> String {
    let change = match (thanked, changed) {
        (true, true) => "the thank it was given since, and another change made to it, are",
        (true, false) => "the thank it was given since is",
        _ => "a change made to it since is",
    };
    format!(
        "ladder: {what} {id} (made {}) stays forgotten, as asked on one device: {change} dropped with it",
        made.format("%Y-%m-%d %H:%M")
    )
}

pub fn not_put_away(name: &str, dir: &Path, why: &str, still: bool) -> String {
    let still = if still { "; it stays beside the ladder, and folding it in again changes nothing" } else { "" };
    format!(
        "ladder: folded the conflict copy {} in, but could not move it to {}: {}{still}",
        shown(name),
        path(dir),
        shown(why)
    )
}

pub fn folded(names: &[String], into: &Path, dir: &Path) -> String {
    let (what, it) = if names.len() == 1 { ("the conflict copy", "it") } else { ("the conflict copies", "them") };
    format!("ladder: folded {what} {} into {} and moved {it} to {}", shown(&names.join(", ")), path(into), path(dir))
}

/// A plain conflict copy folded into an encrypted ladder, kept encrypted under the name `kept`.
pub fn copy_encrypted(name: &str, kept: &str) -> String {
    format!(
        "ladder: the conflict copy {} was plain text: it is now kept encrypted, as {}, and the plain \
         one is removed",
        shown(name),
        shown(kept)
    )
}

/// Copies folded in with no base: `which` names them when only some were.
pub fn union(which: Option<&[String]>) -> String {
    let which = which.map(|names| format!(" for {}", shown(&names.join(", ")))).unwrap_or_default();
    format!(
        "ladder: no version both devices had is in the undo history{which}, so every entry of either was kept (a \
         rung removed on one device comes back)"
    )
}

/// Keys in an encrypted ladder's recipients file that this device has not confirmed, told by a command that only
/// reads.
pub fn keys_unconfirmed(file: &Path, keys: &[String]) -> String {
    let (which, them) = if keys.len() == 1 { ("a key", "it") } else { ("keys", "them") };
    let shown_keys: Vec<String> =
        keys.iter().map(|k| shown(&k.chars().take(24).collect::<String>()) + "\u{2026}").collect();
    format!(
        "ladder: {} holds {which} this device has not confirmed ({}): changes are refused until you confirm {them} \
         (`ladder encrypt --confirm-keys`) or remove {them} from that file",
        path(file),
        shown_keys.join(", ")
    )
}

pub fn not_undoable(why: &str) -> String {
    format!("ladder: this change cannot be undone: {why}")
}
