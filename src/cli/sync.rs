//! The commands about changes and devices: `undo`, `history`, `merge`, `encrypt`, `decrypt`, `show-plain`,
//! `edit-file`, `conflicts` and `sync`.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]
// A command's switches are bools: each is one flag on the command line, and clap sets it.
#![allow(clippy::struct_excessive_bools)]

use std::path::PathBuf;

use clap::Args;

use super::SyncAction;
use super::undo_count;

/// Take back the last change ladder made to the file, or the last N
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder undo\n  ladder undo 3\n  ladder history\n\nladder keeps the last 50 changes it made. A change made by hand since then is never overwritten."
)]
pub struct UndoArgs {
    /// How many changes to take back, newest first
    #[arg(default_value_t = 1, value_parser = undo_count)]
    pub count: u16,
}

/// The changes ladder can take back, newest first
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder history\n  ladder undo 2     # takes back the first two listed")]
pub struct HistoryArgs {
    /// Print JSON: an array of { "change", "at" }
    #[arg(long)]
    pub json: bool,
}

/// Merge two copies of a ladder against the copy both started from (git's merge driver)
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Git runs this for you once `ladder sync setup` is done.\nThe result replaces OURS; it exits 0 when merged.\n\nExamples:\n  ladder merge base.toml mine.toml theirs.toml"
)]
pub struct MergeArgs {
    /// The copy both sides started from (may be empty)
    pub base: PathBuf,
    /// This device's copy; the merged ladder is written here
    pub ours: PathBuf,
    /// The other device's copy
    pub theirs: PathBuf,
    /// The ladder's path in the repository (git's %P): an encrypted ladder's merge is encrypted again to the
    /// keys in PATH-recipients
    pub path: Option<PathBuf>,
}

/// Encrypt the ladder with age: ladder.toml becomes ladder.toml.age, and every command goes on working
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  age-keygen -o ~/.config/ladder/identity.txt\n  \
    ladder encrypt --recipient \"$(age-keygen -y ~/.config/ladder/identity.txt)\"\n  \
    ladder encrypt --recipient \"$(cat ~/.ssh/id_ed25519.pub)\"   (with LADDER_AGE_IDENTITY=~/.ssh/id_ed25519)\n  \
    ladder encrypt --passphrase\n\n\
    The keys are kept in ladder.toml.age-recipients beside it, and each change is encrypted to them again. \
    A key added to that file (by you on another device, or by whoever holds the synced folder) stops every change \
    until `ladder encrypt --confirm-keys` confirms it. \
    ladder opens the file with the identity in $LADDER_AGE_IDENTITY, else ~/.config/ladder/identity.txt; \
    `age -d -i KEY ladder.toml.age` opens it too. Without the identity (or the passphrase) nobody can read it.")]
pub struct EncryptArgs {
    /// A public key to encrypt to: age (age1...) or SSH (ssh-ed25519 ..., ssh-rsa ...); repeat for more
    #[arg(short, long = "recipient", value_name = "KEY", required_unless_present_any = ["passphrase", "confirm_keys"])]
    pub recipients: Vec<String>,
    /// Encrypt with a passphrase instead, asked for on the terminal (it is asked for again by every command)
    #[arg(long, conflicts_with = "recipients")]
    pub passphrase: bool,
    /// On an encrypted ladder: confirm the keys now in its recipients file, a key added there included (until
    /// then, changes are refused)
    #[arg(long, conflicts_with_all = ["recipients", "passphrase"])]
    pub confirm_keys: bool,
}

/// Print the plain text of a ladder file, decrypting it if it is encrypted (git's textconv)
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "`ladder sync setup` tells git to use this, so that `git diff` and `git log -p` show an encrypted \
    ladder's changes.\n\nExamples:\n  ladder show-plain ladder.toml.age | less"
)]
pub struct ShowPlainArgs {
    /// The file [default: the ladder]
    pub file: Option<PathBuf>,
}

/// List the values a merge set aside because two devices changed them differently
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder conflicts\n  ladder conflicts --clear    once you have put right what needed it"
)]
pub struct ConflictsArgs {
    /// Forget them
    #[arg(long)]
    pub clear: bool,
}

/// Fold in the conflict copies a sync tool left beside the ladder; `setup` prepares git
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder sync          fold in conflict copies (every change does too)\n  ladder sync setup    make git merge the ladder with `ladder merge`"
)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
}
