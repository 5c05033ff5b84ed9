//! The keys `ladder` writes in each kind of table, in the order it writes them: what the quick reader looks
//! for (in this order), what an edit may rewrite, and what the warning about unknown names knows.

/// The names at the top of the file.
pub(crate) const TOP: &[&str] = &[
    "version",
    "last_rung_id",
    "last_attempt_id",
    "settings",
    "rung",
    "attempt",
    "hesitation",
    "gave",
    "conflict",
    "forgotten",
    "moved",
];

pub const SETTINGS: &[&str] = &[
    "repeat",
    "comfortable",
    "habituation",
    "max_step",
    "weekly_target",
    "crisis_line",
    "mastery",
    "remind_after_days",
    "quiet_hours",
];
pub const RUNG: &[&str] =
    &["id", "uid", "ask", "stakes", "who", "tags", "created", "fear", "chance", "planned", "where", "safety", "before"];
pub const ATTEMPT: &[&str] = &[
    "id",
    "uid",
    "rung",
    "at",
    "outcome",
    "before",
    "after",
    "note",
    "fear_happened",
    "thanked",
    "learned",
    "used",
    "dropped",
    "peak",
    "likely_before",
    "bad_before",
    "likely_after",
    "bad_after",
    "how",
];
pub const HESITATION: &[&str] = &["id", "uid", "at", "text", "story", "stakes", "rung"];
pub const GAVE: &[&str] = &["id", "uid", "at", "to", "text"];
pub(crate) const CONFLICT: &[&str] = &["rung", "field", "kept", "other", "entry"];
pub(crate) const FORGOTTEN: &[&str] = &["uid", "on"];
pub(crate) const MOVED: &[&str] = &["what", "from", "to", "on"];

/// Whether `text` names anything of a ladder at its top (a key or a table of `TOP`), as every file `ladder`
/// writes does: a file that holds only other keys and tables, or only comments, is something else.
pub fn names_a_ladder(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}').trim_start().trim_start_matches('[').trim_start();
        let name = line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or_default();
        !name.is_empty() && TOP.contains(&name)
    })
}

/// The keys `ladder` writes in the table `name` (`""`: the top of the file), and the name as `'static`; `None`
/// for a table it does not know.
pub(crate) fn of(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    Some(match name {
        "" => ("", TOP),
        "settings" => ("settings", SETTINGS),
        "rung" => ("rung", RUNG),
        "attempt" => ("attempt", ATTEMPT),
        "hesitation" => ("hesitation", HESITATION),
        "gave" => ("gave", GAVE),
        "conflict" => ("conflict", CONFLICT),
        "forgotten" => ("forgotten", FORGOTTEN),
        "moved" => ("moved", MOVED),
        _ => return None,
    })
}

/// The keys `ladder` writes in the table `name`; none for a table it does not know.
pub fn known(name: &str) -> &'static [&'static str] {
    of(name).map_or(&[], |(_, keys)| keys)
}
