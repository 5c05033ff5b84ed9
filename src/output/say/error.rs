//! Every error's message, on one line: `crate::error::Error` in words. The reasons chain with ": ", and stop at
//! the operating system's words, which name temp files and error numbers ("cannot write out/report.md: the
//! folder does not exist").

use std::fmt;
use std::io;
use std::path::Path;

use crate::error::{Bad, BadRecipient, Crypt, Doing, Edit, Error, FileKind, LockWhy, Merge, Side, Store, Thing};
use crate::error::{NoIdentity, Unsealed, Untrusted, Unusable};
use crate::model::merged::NoIdLeft;
use crate::model::{BadText, Choice, How, Mastery, NotOne, Outcome, TextProblem, VERSION};

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&line(self))
    }
}

impl fmt::Display for Bad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bad(self))
    }
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&edit(self))
    }
}

impl fmt::Display for Merge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&merge(self))
    }
}

impl fmt::Display for BadRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadRecipient::Unsupported(kind) => {
                write!(f, "\"{kind}\" keys are not supported; use an age key (age1…), ssh-ed25519 or ssh-rsa")
            }
            BadRecipient::NotAKey(shown) => write!(
                f,
                "\"{shown}…\" is not a public key: give an age key (age1…, from `age-keygen -y`) or an SSH public key \
                 (ssh-ed25519 …)"
            ),
        }
    }
}

impl fmt::Display for Unsealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsealed::Recipient(why) => why.fmt(f),
            Unsealed::NoPassphrase => f.write_str("it is encrypted with a passphrase, and none was given in this run"),
            Unsealed::Age(words) => f.write_str(words),
        }
    }
}

/// Why there is no identity to open an encrypted ladder with, after "… is encrypted, but ".
fn no_identity(why: &NoIdentity) -> String {
    match why {
        NoIdentity::Nowhere => {
            "there is no identity to open it: set LADDER_AGE_IDENTITY to your age identity file".to_string()
        }
        NoIdentity::NotAt(at) => format!(
            "there is no identity to open it: set LADDER_AGE_IDENTITY to your age identity file (or SSH private \
             key), or put it at {}",
            at.display()
        ),
        NoIdentity::Unreadable { from, why } => {
            format!("cannot read the identity file {}: {}", from.display(), io_words(why))
        }
        NoIdentity::Unusable { from, why } => {
            let why = match why {
                Unusable::NotAnSshKey => "is not an SSH private key ladder can read",
                Unusable::SshKindUnsupported => "holds a kind of SSH key age does not support",
                Unusable::NotAnIdentityFile => "is not an age identity file (AGE-SECRET-KEY-…)",
                Unusable::NoKey => "holds no key (AGE-SECRET-KEY-…)",
            };
            format!("the identity file {} {why}", from.display())
        }
    }
}

impl fmt::Display for BadText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = &self.what;
        match self.problem {
            TextProblem::Empty => write!(f, "the {what} is empty"),
            TextProblem::TooLong { chars, max } => {
                write!(f, "the {what} is {chars} characters long; keep it to {max} at most")
            }
            TextProblem::LineBreak => write!(f, "the {what} has a line break; keep it to one line"),
        }
    }
}

impl fmt::Display for NotOne {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given = &self.given;
        let words = |all: &mut dyn Iterator<Item = &'static str>| {
            let all: Vec<&str> = all.collect();
            match all.split_last() {
                Some((last, [])) => (*last).to_string(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            }
        };
        match self.choice {
            Choice::Outcome => {
                let all = words(&mut Outcome::ALL.iter().map(|o| o.as_str()));
                write!(f, "unknown outcome \"{given}\" (use {all})")
            }
            Choice::How => {
                let all = words(&mut How::ALL.iter().map(|h| h.as_str()));
                write!(f, "unknown way of asking \"{given}\" (use {all})")
            }
            Choice::Mastery => {
                let all = words(&mut Mastery::ALL.iter().map(|m| m.as_str()));
                write!(f, "unknown mastery rule \"{given}\" (use {all})")
            }
            Choice::QuietHours => write!(
                f,
                "quiet hours are two hours from 0 to 23, from-to, like \"21-8\" (9 pm to 8 am), not \"{given}\""
            ),
        }
    }
}

/// A text refused, or a word that is none of a choice's, as a command's refusal.
impl From<BadText> for String {
    fn from(bad: BadText) -> String {
        bad.to_string()
    }
}

impl From<NotOne> for String {
    fn from(bad: NotOne) -> String {
        bad.to_string()
    }
}

/// An operating system error in plain words, without its number; ladder's own words carried in one ("… is a
/// FIFO, not a regular file") as they are.
pub fn io_words(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::InvalidInput if err.get_ref().is_some() => err.to_string(),
        _ => os_words(err),
    }
}

/// An operating system error in plain words, without its number.
pub fn os_words(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "the folder or file does not exist".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::AlreadyExists | io::ErrorKind::NotADirectory => {
            "a part of that path is a file, not a folder".to_string()
        }
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::FileTooLarge => "the file would be larger than this system allows".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        _ => {
            let text = err.to_string();
            // Neither an error number nor a temp file's path means anything to a person.
            let text = text.split(" (os error").next().unwrap_or(&text);
            text.split(" at path \"").next().unwrap_or(text).to_string()
        }
    }
}

/// What a reason ends with when the command changed nothing.
const UNCHANGED: &str = "; nothing was changed";

/// The error on one line, without `ladder: ` before it.
pub fn line(err: &Error) -> String {
    match err {
        Error::NoSuch(thing, id) => no_such(*thing, *id),
        Error::Raced { shown } => format!(
            "{} changed on disk while ladder was changing it (an editor or a sync saving it?); nothing was \
             written, so try again once it is saved",
            shown.display()
        ),
        Error::Clashed { .. } => {
            "the file has changed since, in a way that clashes with the change to undo; nothing was changed".to_string()
        }
        Error::BadFile { path, at, why } => bad_file(path, at.as_ref(), why),
        Error::Io(err) => io_words(err),
        Error::While(doing, why) => {
            let why = line(why);
            match doing {
                // What failed, why, then what it means: nothing was changed, or what is left to do.
                Doing::NoteUndo | Doing::WriteNew(_) => {
                    format!("{}: {}{UNCHANGED}", self::doing(doing), why.strip_suffix(UNCHANGED).unwrap_or(&why))
                }
                Doing::RemoveOld { .. } => format!("{}: {why}; remove it yourself", self::doing(doing)),
                _ => format!("{}: {why}", self::doing(doing)),
            }
        }
        Error::Store(store) => self::store(store),
        Error::Crypt(crypt) => self::crypt(crypt),
        Error::NotAFile { path, kind: what } => format!(
            "{} is {}, not a regular file; ladder reads and writes only regular files",
            path.display(),
            kind(*what)
        ),
        Error::Symlinked { path, looped } => {
            format!("{} is {}", path.display(), if *looped { "a loop of symlinks" } else { "a symlink" })
        }
        Error::Untrusted { dir, why } => untrusted(dir, why, "chmod 700 it"),
        Error::Said(said) => said.clone(),
    }
}

/// What a path names, in words, when it is not a regular file.
pub fn kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Fifo => "a FIFO (named pipe)",
        FileKind::Socket => "a socket",
        FileKind::Device => "a device",
        FileKind::Folder => "a folder",
        FileKind::Symlink => "a symlink",
        FileKind::File => "a file",
        FileKind::Other => "not a regular file",
    }
}

/// Why `path` is not the user's alone, in words that say what to do (`chmod` for a path others can change).
fn untrusted(path: &Path, why: &Untrusted, chmod: &str) -> String {
    let shown = path.display();
    match why {
        Untrusted::Unreadable(err) => format!("{shown} cannot be read: {}", os_words(err)),
        Untrusted::Symlink => format!("{shown} is a symlink, and could lead anywhere (make it a real folder)"),
        Untrusted::Kind(what) => format!("{shown} is {}, not a folder", kind(*what)),
        Untrusted::SomeoneElses => format!("{shown} belongs to someone else"),
        Untrusted::OthersCanChange => format!("{shown} can be changed by others ({chmod})"),
        Untrusted::LeadsOut => format!("{shown} leads to a folder others can change"),
    }
}

/// Why the hook at `path` was not run.
fn hook_not_run(why: &Error) -> String {
    match why {
        Error::Untrusted { dir, why: Untrusted::Unreadable(err) } => {
            format!("{} cannot be read: {}", dir.display(), os_words(err))
        }
        Error::Untrusted { dir, why: Untrusted::Kind(what) } => {
            format!("{} is {}, not a file, so no hook was run", dir.display(), kind(*what))
        }
        Error::Untrusted { dir, why } => format!("{}, so no hook was run", untrusted(dir, why, "chmod go-w it")),
        other => line(other),
    }
}

fn no_such(thing: Thing, id: u32) -> String {
    match thing {
        Thing::Rung => super::no_rung(id),
        Thing::Attempt => super::no_attempt(id),
        Thing::Hesitation => super::no_hesitation(id),
        Thing::Gift => super::no_gift(id),
    }
}

/// `path:line:column: message: ` followed by the line itself in backticks; `path: message` when where is not known.
fn bad_file(path: &Path, at: Option<&crate::error::At>, why: &Bad) -> String {
    let message = bad(why);
    match at {
        Some(at) => format!("{}:{}:{}: {message}: `{}`", path.display(), at.line, at.column, at.source),
        None => format!("{}: {message}", path.display()),
    }
}

/// What is wrong with a file, in the words of a person editing it.
fn bad(why: &Bad) -> String {
    match why {
        Bad::NotUtf8 => "this is not UTF-8 text (a binary file, or saved in another encoding?)".to_string(),
        Bad::TwoBoms => {
            "the file begins with two byte order marks (invisible marks some editors add); remove one".to_string()
        }
        Bad::Toml(message) => plain(message),
        Bad::TooBig => "this number is far too big".to_string(),
        Bad::TooDeep => "this is nested too deeply to read".to_string(),
        Bad::UnknownVersion(v) => format!("unknown version {v} (this ladder reads version {VERSION})"),
        Bad::TooNew(v) => format!(
            "this file is version {v}, written by a newer ladder; this one reads version {VERSION}, so it will not \
             touch the file (please upgrade ladder)"
        ),
        Bad::SameId(thing, id) => format!("two {} share the ID {id}", entries(*thing)),
        Bad::SameUid(thing, uid) => format!(
            "two {} share the uid \"{uid}\" (copied by hand? remove the uid line from the copy and ladder gives it \
             a new one)",
            entries(*thing)
        ),
        Bad::NoRungFor { attempt, rung } => {
            format!("attempt {attempt} is on rung {rung}, and there is no rung with that ID")
        }
        Bad::BadUid => "a uid is one short word of letters and digits (remove the line and ladder gives the entry a \
                        new one)"
            .to_string(),
        Bad::OutOfRange { key, min, max, value } => {
            format!("{key} must be a whole number from {min} to {max}, not {value}")
        }
        Bad::BadId { kind, value } => format!("a {kind} ID must be a whole number from 1 to {}, not {value}", u32::MAX),
        Bad::Text(bad) => bad.to_string(),
        Bad::NotOne(bad) => bad.to_string(),
        Bad::NotADate => "not a real date".to_string(),
        Bad::NotJustADate(key) => format!("{key} must be a date like 2026-11-21"),
        Bad::NotAMoment => "at must be a date and time like 2026-11-22T09:30:00+01:00".to_string(),
        Bad::NoOffset => "at needs a UTC offset, like 2026-11-22T09:30:00+01:00".to_string(),
        Bad::NotATime => "not a real time".to_string(),
        Bad::UnknownName { key, table, near } => {
            let place = match *table {
                "" => String::new(),
                "settings" => " in [settings]".to_string(),
                table => format!(" in [[{table}]]"),
            };
            let kept = "stays in the file, and ladder ignores it";
            match near {
                Some(near) => {
                    format!("\"{key}\"{place} is not a name ladder knows; did you mean \"{near}\"? It {kept}")
                }
                None => format!("\"{key}\"{place} is not a name ladder knows; it {kept}"),
            }
        }
    }
}

/// Entries of a kind, as the file has them.
fn entries(thing: Thing) -> &'static str {
    match thing {
        Thing::Rung => "rungs",
        Thing::Attempt => "attempts",
        Thing::Hesitation => "hesitations",
        Thing::Gift => "[[gave]] entries",
    }
}

/// The TOML parser's words for a type mismatch, in the words of a person editing the file.
fn plain(message: &str) -> String {
    message
        .replace("invalid type: ", "wrong kind of value: ")
        .replace("floating point", "a decimal number")
        .replace("expected i64", "expected a whole number")
        .replace("expected a sequence", "expected a list, like [\"a\", \"b\"]")
}

/// Why a change could not be made to a file's text.
fn edit(why: &Edit) -> String {
    match why {
        Edit::Toml(message) => message.clone(),
        Edit::NotTables(name) => format!("its {name} entries are not written as [[{name}]] tables"),
        Edit::Missing(thing, id) => {
            let what = match thing {
                Thing::Rung => "rung",
                Thing::Attempt => "attempt",
                Thing::Hesitation => "hesitation",
                Thing::Gift => "gift",
            };
            format!("{what} {id} is not in it")
        }
        Edit::MissingUid(name, uid) => format!("its {name} {uid} is not in it"),
        Edit::SettingsNotATable => "its settings are not a table".to_string(),
        Edit::EntryMissing => "an entry went missing".to_string(),
        Edit::ReadsBackDifferently => "it would read back differently".to_string(),
        Edit::Unreadable(why) => bad(why),
    }
}

/// Why a merge or a change taken back was not made.
fn merge(why: &Merge) -> String {
    match why {
        Merge::Side(side, Bad::TwoBoms) => format!(
            "{} does not read as a ladder: it begins with two byte order marks (invisible marks some editors add); \
             remove one",
            self::side(*side)
        ),
        Merge::Side(side, why) => format!("{} does not read as a ladder: {}", self::side(*side), bad(why)),
        Merge::Edit(why) => edit(why),
        Merge::WouldNotReadBack => "the merged ladder would not read back as merged; nothing was written".to_string(),
        Merge::Refused(NoIdLeft { what, id }) => format!(
            "both devices used {what} ID {id}, and no {what} ID is left to give one of them: the highest ladder can \
             give, {}, is in use; nothing was merged",
            u32::MAX
        ),
    }
}

fn side(side: Side) -> &'static str {
    match side {
        Side::Base => "the base",
        Side::Ours => "our side",
        Side::Theirs => "their side",
        Side::Written => "the version ladder wrote",
        Side::Before => "the version before the change",
        Side::Now => "the file",
    }
}

fn doing(doing: &Doing) -> String {
    match doing {
        Doing::Read(path) => format!("cannot read {}", path.display()),
        Doing::Write(path) | Doing::WriteNew(path) => format!("cannot write {}", path.display()),
        Doing::Save(path) => format!("cannot save {}", path.display()),
        Doing::Remove(path) => format!("cannot remove {}", path.display()),
        Doing::Lock(path) => format!("cannot lock {}", path.display()),
        Doing::Follow(path) => format!("cannot follow {}", path.display()),
        Doing::CreateFolder(path) => format!("cannot create the folder {}", path.display()),
        Doing::Create(path) => format!("cannot create {}", path.display()),
        Doing::MakeFolder(path) => format!("cannot make the folder {}", path.display()),
        Doing::AddToHistory => "cannot add to the undo history".to_string(),
        Doing::NoteUndo => "cannot note the undo in its history".to_string(),
        Doing::MakeScratch => "cannot make a private folder to edit in".to_string(),
        Doing::RemoveOld { written, left, plain } => format!(
            "{} is written, but {}{} could not be removed",
            written.display(),
            if *plain { "the plain " } else { "" },
            left.display()
        ),
        Doing::Said(said) => said.clone(),
    }
}

fn store(store: &Store) -> String {
    match store {
        Store::NoDataDir => "cannot find your data directory; set LADDER_FILE or pass --file".to_string(),
        Store::BothThere { plain, sealed } => format!(
            "both {} and {} are there, and ladder will not guess which is your ladder: once the encrypted one \
             opens (`ladder --file {} list`), remove the plain one (or `ladder decrypt` would, with the other \
             removed first)",
            plain.display(),
            sealed.display(),
            sealed.display()
        ),
        Store::EncryptedAlready(path) => format!("{} is encrypted already; nothing was changed", path.display()),
        Store::NotEncrypted(path) => {
            format!("{} is not encrypted (`ladder encrypt` does that); nothing was changed", path.display())
        }
        Store::NothingToConvert { path, encrypt } => {
            format!("there is no ladder at {} to {}", path.display(), if *encrypt { "encrypt" } else { "decrypt" })
        }
        Store::CannotRemoveOldKeys { keys, why } => {
            format!("cannot remove the old {}: {}; nothing was changed", keys.display(), os_words(why))
        }
        Store::AppearedMeanwhile(path) => format!("{} appeared meanwhile", path.display()),
        Store::ReadBackDiffers => "the encrypted file did not read back the same; nothing was changed".to_string(),
        Store::WouldNotOpen { why, plain } => format!(
            "the encrypted ladder would not open again with your identity, so you could not read it: {}; {} stays \
             as it was",
            line(why).trim_end_matches(UNCHANGED),
            plain.display()
        ),
        Store::NoLadderAt(path) => format!("there is no ladder at {}", path.display()),
        Store::IsSymlink(path) => format!(
            "{} is a symlink; run this with --file naming the file it leads to; nothing was changed",
            path.display()
        ),
        Store::CopiesWaiting(path) => format!(
            "conflict copies are waiting beside {}; fold them in first (`ladder sync`); nothing was changed",
            path.display()
        ),
        Store::ThereAlready(path) => {
            format!("{} is there already; move it away first; nothing was changed", path.display())
        }
        Store::ScratchUnlocked => "cannot lock the private folder to edit in".to_string(),
        Store::IsACopy { path, ladder } => format!(
            "{} is a conflict copy of {}, left by a sync tool, and ladder changes only the ladder itself; \
             `ladder --file {} sync` folds the copy into it; nothing was changed",
            path.display(),
            ladder.display(),
            ladder.display()
        ),
        Store::MixedLink { path, target } => format!(
            "{} is a symlink to {}, and only one of the two names ends in .age, so ladder cannot tell whether \
             to keep it encrypted; link to a file of the same kind of name; nothing was changed",
            path.display(),
            target.display()
        ),
        Store::PlainNow { sealed, plain } => format!(
            "{} is not there, but {} is: the ladder is plain text now (`ladder decrypt` made it so?); name that one \
             (--file or LADDER_FILE), and `ladder encrypt` it again if you want it encrypted; nothing was changed",
            sealed.display(),
            plain.display()
        ),
        Store::NoSealedLadder { sealed, plain } => format!(
            "{} is not there, and ladder starts a ladder only in plain text: start it at {} (--file or LADDER_FILE), \
             then `ladder encrypt` it; nothing was changed",
            sealed.display(),
            plain.display()
        ),
        Store::Became { path, other } => format!(
            "{} became {} while this command waited (encrypted or decrypted by another ladder command); run it \
             again; nothing was changed",
            path.display(),
            other.display()
        ),
        Store::UnsafeEdit { shown, why } => format!(
            "cannot make this change to {} without disturbing what is there ({}); nothing was written",
            shown.display(),
            edit(why)
        ),
        Store::FoldUnreadable(why) => format!(
            "folding in the conflict copies would give a file ladder cannot read ({}); nothing was written",
            bad(why)
        ),
        Store::LockUnopenable { path, why } => format!(
            "cannot open the lock file {}: {}; remove it when no ladder is running",
            path.display(),
            match why {
                LockWhy::Symlink => "it is a symlink".to_string(),
                LockWhy::Io(err) => os_words(err),
            }
        ),
        Store::LockNotAFile(path) => {
            format!("the lock file {} is not a regular file; remove it when no ladder is running", path.display())
        }
        Store::Busy { target, seconds } => format!(
            "another ladder command has been changing {} for over {seconds} seconds; try again when it is done",
            target.display()
        ),
        Store::HistoryFull(dir) => {
            format!("the undo history in {} is full; delete that folder to start it again", dir.display())
        }
        Store::HistoryKeyBroken(dir) => format!(
            "the undo history in {} is damaged: its key (key.secret, key.pub) no longer opens its records with this \
             passphrase (changed outside ladder, or tampered with); delete that folder to start the history again; \
             nothing was changed",
            dir.display()
        ),
        Store::NoHistory(why) => format!("there is no undo history: {why}"),
        Store::CannotUndo(why) => format!("cannot undo: {why}"),
        Store::NothingToUndo(path) => format!("nothing to undo: {} does not exist", path.display()),
        Store::NoRecordOf(path) => format!("nothing to undo: ladder has no record of a change to {}", path.display()),
        Store::LastRecordDamaged => "the undo record of ladder's last change is damaged, so undo cannot take it \
                                     back safely; nothing was changed"
            .to_string(),
        Store::ChangedSince(path) => format!(
            "{} has changed since ladder's last change (edited by hand?), so undo would lose that; nothing was changed",
            path.display()
        ),
        Store::UndoUnreadable => "undoing would give back a file ladder cannot read; nothing was changed".to_string(),
        Store::UndoNotUtf8(path) => format!(
            "{} is not UTF-8 text, so undo cannot take a change back onto it; nothing was changed",
            path.display()
        ),
        Store::HistoryDamaged => "the undo history is damaged; nothing was changed".to_string(),
        Store::EmptiedSince(path) => format!(
            "{} is empty, though ladder last wrote a ladder into it (an editor or a sync saving it?); nothing was \
             written: try again once it is saved, or remove the file to start a new ladder",
            path.display()
        ),
        Store::NotMerged(why) => merge(why),
        Store::RevertFailed(why) => format!("undo cannot take the change back: {}; nothing was changed", merge(why)),
        Store::UidLost { what, id, uid } => format!(
            "cannot undo: {what} {id} lost its uid line since ladder's last change and is not as ladder wrote it, \
             and undo finds entries by their uid; put the line uid = \"{uid}\" back in it, or make the change by \
             hand; nothing was changed"
        ),
        Store::OnlyCan(can) => format!(
            "only {can} change{} can be undone (`ladder history` lists them); nothing was changed",
            if *can == 1 { "" } else { "s" }
        ),
        Store::RecordDamaged(description) => {
            format!("the undo record of \"{description}\" is damaged; nothing was changed")
        }
        Store::NotOurs { path, file: true } => {
            format!("{} is there already and was not written by ladder; it is left as it is", path.display())
        }
        Store::NotOurs { path, file: false } => {
            format!("{} is there already and is not a file ladder wrote; it is left as it is", path.display())
        }
        Store::NotForUndo(why) => format!("{}, so ladder will not use it for undo", line(why)),
        Store::HooksNotRun { dir, why } => format!("{}, so the hooks in {} were not run", line(why), dir.display()),
        Store::HookNotRun(why) => hook_not_run(why),
        Store::CopyGone => "it is gone already (did the sync tool remove it?)".to_string(),
        Store::CopyNotText => "it is not UTF-8 text".to_string(),
        Store::CopyEmpty => "it is empty (a sync cut short?), so it holds nothing to fold in; remove it".to_string(),
        Store::CopyNotALadder => {
            "it holds nothing of a ladder (none of its keys or tables); look at it, and move it away if it is not \
             a ladder"
                .to_string()
        }
        Store::NoStateFolder => "there is no private state folder to remember the day in".to_string(),
        Store::NoStateForHistory => "there is no state folder to keep it in".to_string(),
        Store::NoKeysToConfirm(path) => format!(
            "{} is not encrypted (`ladder encrypt --recipient KEY` does that); nothing was changed",
            path.display()
        ),
        Store::PassphraseHasNoKeys(path) => format!(
            "{} is encrypted with a passphrase: there are no keys to confirm; nothing was changed",
            path.display()
        ),
        Store::NoMerges => "a bug in ladder: it was built without its merge, so it cannot fold in copies or undo onto \
                            a changed file; nothing was changed"
            .to_string(),
        Store::NoStateForKeys => "there is no state folder of your own to keep the confirmed keys in, and ladder \
                                  could not make one; nothing was changed"
            .to_string(),
    }
}

fn crypt(crypt: &Crypt) -> String {
    match crypt {
        Crypt::NoKeys(path) => {
            format!("{} names no public key, so ladder cannot encrypt the ladder again", path.display())
        }
        Crypt::BadKey { path, n, why } => format!("{}: key {n}: {why}", path.display()),
        Crypt::KeysMissing(path) => format!(
            "{} is missing: each change to the encrypted ladder is encrypted to the keys in it; put it back (for \
             your own key: `age-keygen -y IDENTITY > {}`); nothing was changed",
            path.display(),
            path.display()
        ),
        Crypt::NoPassphraseGiven(what) => format!("no passphrase was given for {what}"),
        Crypt::NoOneToSealTo { sealed, keys } => format!(
            "cannot encrypt {}: there is no {} naming whom to encrypt it to, and no passphrase was given (`ladder \
             encrypt` makes an encrypted ladder from a plain one)",
            sealed.display(),
            keys.display()
        ),
        Crypt::CannotSeal { sealed, why } => format!("cannot encrypt {}: {why}", sealed.display()),
        Crypt::LeavesYouOut { keys, sealed, why } => format!(
            "the keys in {} do not include yours, so the saved ladder would not open for you: {}",
            keys.display(),
            line(why).replace(&sealed.display().to_string(), "it").trim_end_matches(UNCHANGED)
        ),
        Crypt::SealedUnnamed { path, sealed } => format!(
            "{} is encrypted with age, but its name does not end in .age; rename it to {} so that ladder keeps it \
             encrypted",
            path.display(),
            sealed.display()
        ),
        Crypt::NotSealed(path) => format!(
            "{} is not an age-encrypted file, though its name ends in .age (`ladder encrypt` makes one); nothing \
             was changed",
            path.display()
        ),
        Crypt::Damaged(path) => format!(
            "{} is damaged (cut short, or changed since it was encrypted), so ladder will not read it; nothing was \
             changed",
            path.display()
        ),
        Crypt::NewerFormat(path) => {
            format!("{} is an age file of a newer format than this ladder reads; nothing was changed", path.display())
        }
        Crypt::WrongPassphrase(path) => format!("the passphrase does not open {}; nothing was changed", path.display()),
        Crypt::NeedsTerminal(path) => format!(
            "{} is encrypted with a passphrase, and ladder asks for it only on a terminal; run this in one, or \
             encrypt to a key for scripts (`ladder decrypt`, then `ladder encrypt --recipient`); nothing was \
             changed",
            path.display()
        ),
        Crypt::NotToKeyIn { path, from } => format!(
            "{} is not encrypted to the key in {} (another person's or device's key?); nothing was changed",
            path.display(),
            from.display()
        ),
        Crypt::TooMuchWork(path) => {
            format!("{} asks for more work to open than ladder allows (a passphrase made elsewhere?)", path.display())
        }
        Crypt::NotToYou(path) => format!("{} is not encrypted to your identity; nothing was changed", path.display()),
        Crypt::NoIdentity { path, why } => {
            format!("{} is encrypted, but {}; nothing was changed", path.display(), no_identity(why))
        }
        Crypt::HistoryUnsealed(why) => format!("cannot encrypt the undo history: {why}"),
        Crypt::HistoryKeyUnsealed(why) => format!("cannot encrypt the undo history's key: {why}"),
        Crypt::Unconfirmed { keys_file, keys } => {
            let (which, them) = if keys.len() == 1 { ("a key", "it") } else { ("keys", "them") };
            format!(
                "{} holds {which} this device has not confirmed ({}), so ladder will not encrypt your records to \
                 {them}: if you added {them}, `ladder encrypt --confirm-keys` confirms {them}; if not, remove {them} \
                 from that file; nothing was changed",
                keys_file.display(),
                keys.join(", ")
            )
        }
        Crypt::PassphraseDoesNotOpen(path) => format!("{} does not open with the ladder's passphrase", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::path::PathBuf;

    use super::line;
    use crate::error::{Bad, Context, Doing, Error, FileKind, Store, Thing};
    use crate::model::{BadText, Choice, NotOne, TextProblem};

    #[test]
    fn a_step_s_reason_stops_at_the_operating_system_s_words() {
        let failed: Result<(), io::Error> = Err(io::Error::from(io::ErrorKind::NotFound));
        let err = failed.doing(Doing::Write(PathBuf::from("out/report.md"))).unwrap_err();
        assert_eq!(line(&err), "cannot write out/report.md: the folder or file does not exist");
        let err = Error::Io(io::Error::from(io::ErrorKind::StorageFull)).during(Doing::AddToHistory);
        assert_eq!(err.to_string(), "cannot add to the undo history: the disk is full");
    }

    #[test]
    fn ladder_s_own_words_carried_in_an_io_error_are_said_as_they_are() {
        let fifo = Error::NotAFile { path: PathBuf::from("l.toml"), kind: FileKind::Fifo };
        let err = Error::Io(io::Error::new(io::ErrorKind::InvalidInput, fifo));
        assert_eq!(
            line(&err),
            "l.toml is a FIFO (named pipe), not a regular file; ladder reads and writes only regular files"
        );
    }

    #[test]
    fn a_step_says_what_failed_and_why_then_what_it_means() {
        let denied = || Error::Io(io::Error::from(io::ErrorKind::PermissionDenied));
        let err = denied().during(Doing::WriteNew(PathBuf::from("l.toml.age")));
        assert_eq!(line(&err), "cannot write l.toml.age: permission denied; nothing was changed");
        let appeared = Error::from(Store::EncryptedAlready(PathBuf::from("l.toml.age")));
        assert_eq!(
            line(&appeared.during(Doing::WriteNew(PathBuf::from("l.toml.age")))),
            "cannot write l.toml.age: l.toml.age is encrypted already; nothing was changed",
            "said once"
        );
        let old = Doing::RemoveOld { written: "l.toml.age".into(), left: "l.toml".into(), plain: true };
        assert_eq!(
            line(&denied().during(old)),
            "l.toml.age is written, but the plain l.toml could not be removed: permission denied; remove it yourself"
        );
    }

    #[test]
    fn a_file_s_mistakes_are_said_as_a_person_editing_it_would_put_them() {
        let said = |why: Bad| why.to_string();
        assert_eq!(
            said(Bad::Toml("invalid type: string \"high\", expected i64".into())),
            "wrong kind of value: string \"high\", expected a whole number"
        );
        assert_eq!(said(Bad::SameId(Thing::Gift, 3)), "two [[gave]] entries share the ID 3");
        assert_eq!(
            said(Bad::BadId { kind: "rung", value: 0 }),
            "a rung ID must be a whole number from 1 to 4294967295, not 0"
        );
        let not_one = |choice| said(Bad::NotOne(NotOne { choice, given: "maybe".into() }));
        assert_eq!(not_one(Choice::Outcome), "unknown outcome \"maybe\" (use yes, partial, no or no-answer)");
        assert_eq!(
            not_one(Choice::How),
            "unknown way of asking \"maybe\" (use in-person, phone, text, email or other)"
        );
        assert_eq!(not_one(Choice::Mastery), "unknown mastery rule \"maybe\" (use learning or calm)");
        let text = |problem| said(Bad::Text(BadText { what: "ask".into(), problem }));
        assert_eq!(text(TextProblem::Empty), "the ask is empty");
        assert_eq!(
            text(TextProblem::TooLong { chars: 9, max: 8 }),
            "the ask is 9 characters long; keep it to 8 at most"
        );
        assert_eq!(text(TextProblem::LineBreak), "the ask has a line break; keep it to one line");
        let unknown = |table, near| Bad::UnknownName { key: "mood".into(), table, near };
        assert_eq!(
            said(unknown("settings", Some("mastery"))),
            "\"mood\" in [settings] is not a name ladder knows; did you mean \"mastery\"? It stays in the file, and \
             ladder ignores it"
        );
        assert_eq!(
            said(unknown("", None)),
            "\"mood\" is not a name ladder knows; it stays in the file, and ladder ignores it"
        );
    }

    #[test]
    fn a_race_stays_a_race_whatever_step_it_ended() {
        let raced = Error::Raced { shown: PathBuf::from("l.toml") }.during(Doing::Save(PathBuf::from("l.toml")));
        assert!(raced.is_raced());
        assert!(line(&raced).starts_with("l.toml changed on disk while ladder was changing it"));
    }

    #[test]
    fn a_closed_pipe_is_found_under_any_step() {
        let pipe = Error::Io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(pipe.during(Doing::Said(super::super::CANNOT_PRINT.to_string())).is_broken_pipe());
        assert!(!Error::from(Store::ReadBackDiffers).is_broken_pipe());
    }

    #[test]
    fn an_id_that_is_not_there_is_said_in_one_place() {
        assert_eq!(line(&Error::NoSuch(Thing::Rung, 9)), super::super::no_rung(9));
        assert_eq!(line(&Error::NoSuch(Thing::Attempt, 9)), super::super::no_attempt(9));
        assert_eq!(line(&Error::NoSuch(Thing::Hesitation, 9)), super::super::no_hesitation(9));
        assert_eq!(line(&Error::NoSuch(Thing::Gift, 9)), super::super::no_gift(9));
    }

    #[test]
    fn what_the_store_found_wrong_with_keys_and_identities_is_said_in_full() {
        use crate::error::{BadRecipient, Crypt, NoIdentity, Unsealed, Unusable};
        use std::sync::Arc;
        let (path, from) = (PathBuf::from("l.toml.age"), PathBuf::from("id.txt"));
        let bad = |why| line(&Crypt::BadKey { path: PathBuf::from("k"), n: 2, why }.into());
        assert_eq!(
            bad(BadRecipient::Unsupported("ssh-dss".into())),
            "k: key 2: \"ssh-dss\" keys are not supported; use an age key (age1…), ssh-ed25519 or ssh-rsa"
        );
        assert_eq!(
            bad(BadRecipient::NotAKey("age1nope".into())),
            "k: key 2: \"age1nope…\" is not a public key: give an age key (age1…, from `age-keygen -y`) or an SSH \
             public key (ssh-ed25519 …)"
        );
        let unsealed = |why| line(&Crypt::CannotSeal { sealed: path.clone(), why }.into());
        assert_eq!(
            unsealed(Unsealed::NoPassphrase),
            "cannot encrypt l.toml.age: it is encrypted with a passphrase, and none was given in this run"
        );
        assert_eq!(unsealed(Unsealed::Age("age said so".into())), "cannot encrypt l.toml.age: age said so");
        let none = |why| line(&Crypt::NoIdentity { path: path.clone(), why }.into());
        let start = "l.toml.age is encrypted, but ";
        assert_eq!(
            none(NoIdentity::Nowhere),
            format!(
                "{start}there is no identity to open it: set LADDER_AGE_IDENTITY to your age identity file; nothing \
                 was changed"
            )
        );
        let unreadable = NoIdentity::Unreadable { from: from.clone(), why: Arc::new(io::ErrorKind::NotFound.into()) };
        assert_eq!(
            none(unreadable),
            format!(
                "{start}cannot read the identity file id.txt: the folder or file does not exist; nothing was changed"
            )
        );
        for (why, said) in [
            (Unusable::NotAnSshKey, "is not an SSH private key ladder can read"),
            (Unusable::SshKindUnsupported, "holds a kind of SSH key age does not support"),
            (Unusable::NotAnIdentityFile, "is not an age identity file (AGE-SECRET-KEY-…)"),
            (Unusable::NoKey, "holds no key (AGE-SECRET-KEY-…)"),
        ] {
            let got = none(NoIdentity::Unusable { from: from.clone(), why });
            assert_eq!(got, format!("{start}the identity file id.txt {said}; nothing was changed"));
        }
    }

    #[test]
    fn a_change_without_a_state_folder_says_why_it_cannot_be_undone() {
        let why = io::Error::new(io::ErrorKind::NotFound, Error::from(Store::NoStateForHistory));
        assert_eq!(why.to_string(), "there is no state folder to keep it in");
    }
}
