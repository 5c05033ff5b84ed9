//! The keys `ladder` writes in each kind of table, in the order it writes them: what the quick reader looks
//! for (in this order), what an edit may rewrite, and what the warning about unknown names knows.

pub(crate) const SETTINGS: &[&str] = &[
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
pub const CONFLICT: &[&str] = &["rung", "field", "kept", "other", "entry"];
pub const FORGOTTEN: &[&str] = &["uid", "on"];
pub const MOVED: &[&str] = &["what", "from", "to", "on"];
