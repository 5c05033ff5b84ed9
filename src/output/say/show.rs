//! What `next`, `init`, `path`, `ideas`, `report`, `remind` and `export` say, and the notes about the file.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::{Source, shown};

/// `next`: how many values a merge set aside, when any.
pub fn conflicts_waiting(n: usize) -> String {
    let values = if n == 1 { "value" } else { "values" };
    format!("A merge set {n} {values} aside that two devices changed differently: `ladder conflicts`.\n")
}

/// `next --json` when there is nothing to suggest.
pub const NULL: &str = "null\n";

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

/// Why the ladder file is the one it is, as `path` says it.
fn chosen(source: Source) -> &'static str {
    match source {
        Source::Flag => "chosen with --file",
        Source::Env => "chosen by the LADDER_FILE environment variable",
        Source::DataDir => "the default, in your data directory (set LADDER_FILE or pass --file to change it)",
    }
}

/// `path`: why this file, for standard error.
pub fn path_why(source: Source, exists: bool) -> String {
    let missing = if exists { "" } else { "; it does not exist yet" };
    format!("{}{missing}", chosen(source))
}

/// `path`, when the encrypted ladder named (`sealed`) was decrypted since: the plain one is printed, and this
/// said on standard error.
pub fn path_plain_now(sealed: &Path, plain: &Path, source: Source) -> String {
    format!(
        "{} ({}) is not there, but {} is: the ladder is plain text now (`ladder decrypt` made it so?); name \
         that one (--file or LADDER_FILE), as the other commands ask",
        sealed.display(),
        chosen(source),
        plain.display()
    )
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

/// `report --since last` when the only reports were written today: they do not count as the last.
pub const NO_REPORT_BEFORE_TODAY: &str =
    "no report was written for this ladder before today; leave out --since to cover what today's did";

/// `report --since last` before any report.
pub const NO_REPORT_YET: &str = "no report has been written for this ladder yet; leave out --since to cover all of it";

/// `report --since` a day to come.
pub fn report_in_future(since: NaiveDate) -> String {
    format!("{since} is in the future; a report covers days that have happened")
}

/// `remind --install` could not tell where this program is.
pub const WHERE_AM_I: &str = "cannot tell where this ladder program is";

/// `remind --install` could not make a path absolute.
pub fn cannot_tell_where(path: &Path) -> String {
    format!("cannot tell where {} is", path.display())
}

/// `remind --install` in Termux with no config folder to write the script in.
pub const NO_CONFIG_FOLDER: &str = "cannot find your config folder (set HOME)";

/// `remind --install` in Termux could not make its script runnable.
pub fn cannot_make_runnable(path: &Path) -> String {
    format!("cannot make {} runnable", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_says_why_the_ladder_is_where_it_is() {
        assert_eq!(path_why(Source::Flag, true), "chosen with --file");
        assert_eq!(
            path_why(Source::Env, false),
            "chosen by the LADDER_FILE environment variable; it does not exist yet"
        );
        assert_eq!(
            path_why(Source::DataDir, true),
            "the default, in your data directory (set LADDER_FILE or pass --file to change it)"
        );
    }
}
