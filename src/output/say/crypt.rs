//! What `encrypt`, `decrypt`, `show-plain` and `edit-file` say.

use std::path::Path;

use crate::error::BadRecipient;
use crate::model::shown;

pub const PASSPHRASE_NEEDS_A_TERMINAL: &str =
    "a passphrase can only be typed on a terminal; run this in one (or use --recipient); nothing was changed";
pub const CANNOT_READ_PASSPHRASE: &str = "cannot read the passphrase";
pub const PASSPHRASE_PROMPT: &str = "Passphrase for the ladder: ";
pub const PASSPHRASE_AGAIN: &str = "The same passphrase again: ";
pub const PASSPHRASES_DIFFER: &str = "the two passphrases differ; nothing was changed";
pub const EMPTY_PASSPHRASE: &str = "an empty passphrase protects nothing; nothing was changed";
pub const EDIT_INTERRUPTED: &str = "the edit was interrupted; nothing was changed";
pub const EDIT_LEFT: &str = "the file was left as it was; nothing was changed";
/// The editor left the file empty, or removed it: taken as giving the edit up (as git takes an empty message),
/// never as a ladder to save with nothing in it.
pub const EDIT_EMPTIED: &str = "the editor left the file empty (or removed it), which gives the edit up; nothing was changed, your ladder is as it was";
pub const EDIT_AGAIN: &str = "Edit it again? [Y/n] ";

/// A passphrase asked for to open `what`.
pub fn passphrase_for(what: &str) -> String {
    format!("Passphrase for {what}: ")
}

pub fn bad_recipient(why: &BadRecipient) -> String {
    format!("--recipient: {why}; nothing was changed")
}

/// `encrypt`, done: the plain file became `sealed`; it opens with the identity for one of `keys` keys listed in
/// `listed`, or (none) with the passphrase.
pub fn encrypted(plain: &Path, sealed: &Path, keys: Option<(usize, &Path)>) -> String {
    let first = format!("Encrypted {} into {}, and removed the plain file.\n", plain.display(), sealed.display());
    let second = match keys {
        Some((n, listed)) => format!(
            "It opens with the identity for {} (listed in {}). Keep that identity safe and backed up: without it \
             nobody, not even ladder, can read your records.\n",
            if n == 1 { "that key".to_string() } else { format!("any of those {n} keys") },
            listed.display()
        ),
        None => "Every command asks for the passphrase. Without it nobody, not even ladder, can read your records.\n"
            .to_string(),
    };
    first + &second
}

pub fn decrypted(sealed: &Path, plain: &Path) -> String {
    format!("Decrypted {} into {}; the ladder is plain text again.\n", sealed.display(), plain.display())
}

pub fn no_file_at(path: &Path) -> String {
    format!("there is no file at {}", path.display())
}

pub fn no_ladder_yet(path: &Path) -> String {
    format!("there is no ladder at {} yet (`ladder init` makes one)", path.display())
}

pub fn cannot_start_editor(editor: &str) -> String {
    format!("cannot start the editor {}", shown::line(editor))
}

pub fn editor_failed(editor: &str) -> String {
    format!("the editor ({}) did not finish cleanly; nothing was changed", shown::line(editor))
}

/// Why the edited text does not read as a ladder, before asking to edit it again.
pub fn edit_refused(why: &str) -> String {
    format!("{why}; nothing was changed")
}

pub fn file_unchanged(path: &Path) -> String {
    format!("No change to {}.\n", path.display())
}

pub fn file_saved(path: &Path) -> String {
    format!("Saved {}.\n", path.display())
}

/// `encrypt --confirm-keys`, done: `new` are the keys in `file` not confirmed before.
pub fn keys_confirmed(file: &Path, new: &[String]) -> String {
    let shown_keys: Vec<String> =
        new.iter().map(|k| shown::line(&k.chars().take(24).collect::<String>()).into_owned() + "\u{2026}").collect();
    match new.len() {
        0 => format!("Every key in {} was confirmed already; nothing was changed.\n", file.display()),
        1 => format!(
            "Confirmed the key {} in {}: each change is encrypted to it from now on.\n",
            shown_keys[0],
            file.display()
        ),
        n => format!(
            "Confirmed {n} keys in {} ({}): each change is encrypted to them from now on.\n",
            file.display(),
            shown_keys.join(", ")
        ),
    }
}
