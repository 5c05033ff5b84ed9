//! The one error type: each failure on its way to `main`, as values (what went wrong, with which file), never
//! as sentences. `output::say::error` words it; `main` maps it to the exit code. Every layer may use it: it
//! imports only `model`.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{BadText, Ladder, NotOne};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a command stopped.
#[derive(Debug)]
pub enum Error {
    /// There is no rung, attempt, hesitation or gift with this ID.
    NoSuch(Thing, u32),
    /// The file changed on disk between being read and being replaced (an editor saving in place, a sync):
    /// the command may start over from the new text.
    Raced { shown: PathBuf },
    /// Changes that cannot be taken back onto the file as it is now: what changed since clashes with them.
    Clashed {
        /// The changes, newest first, as the history names them.
        changes: Vec<String>,
        /// Each clash: what ("rung", "attempt", "hesitation", "gift" or "settings"), its ID, the field.
        clashes: Vec<(&'static str, u32, Option<&'static str>)>,
        /// The ladder as it is now, to name each clash by.
        ladder: Box<Ladder>,
    },
    /// A file ladder cannot read: which, where in it, and what is wrong.
    BadFile { path: PathBuf, at: Option<At>, why: Bad },
    /// The operating system said no.
    Io(io::Error),
    /// A step failed (`doing`) for a reason (`why`).
    While(Doing, Box<Error>),
    /// The ladder file and its places on disk refused a change.
    Store(Store),
    /// Encrypting or opening an encrypted ladder failed.
    Crypt(Crypt),
    /// A path that is not a regular file: ladder reads and writes only those.
    NotAFile { path: PathBuf, kind: FileKind },
    /// A symlink where none is followed, or a loop of them (`looped`).
    Symlinked { path: PathBuf, looped: bool },
    /// A folder that is not the user's alone, and why.
    Untrusted { dir: PathBuf, why: Untrusted },
    /// A command's refusal, worded already by `output::say` (bad input: nothing changed).
    Said(String),
}

/// What a path names when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    Socket,
    Device,
    Folder,
    Symlink,
    File,
    Other,
}

/// Why a folder (or a hook) is not the user's alone.
#[derive(Debug)]
pub enum Untrusted {
    Unreadable(io::Error),
    Symlink,
    Kind(FileKind),
    SomeoneElses,
    OthersCanChange,
    /// A symlink to a file in a folder others can change.
    LeadsOut,
}

/// The kinds of entries with an ID a person types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Rung,
    Attempt,
    Hesitation,
    Gift,
}

/// Where in a file a mistake is: its line and column (from 1), and the line itself, trimmed and cut short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub line: usize,
    pub column: usize,
    pub source: String,
}

/// What is wrong with a file ladder cannot read (or, for `UnknownName`, a name in it that ladder does not know).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bad {
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// Two byte order marks at the start.
    TwoBoms,
    /// The TOML parser's own message (a syntax or type mistake), as it gave it.
    Toml(String),
    /// A number too big for any value of the file.
    TooBig,
    /// Nested too deeply for the parser.
    TooDeep,
    /// A `version` below the first.
    UnknownVersion(i64),
    /// A `version` written by a newer ladder.
    TooNew(i64),
    /// Two entries of one kind with this ID.
    SameId(Thing, u32),
    /// Two entries of one kind with this uid (one copied by hand).
    SameUid(Thing, String),
    /// An attempt on a rung that is not in the file.
    NoRungFor { attempt: u32, rung: u32 },
    /// A uid that is not one short word of letters and digits.
    BadUid,
    /// A number (`key` names it) outside `min..=max`.
    OutOfRange { key: &'static str, min: i64, max: i64, value: i64 },
    /// An ID of a `kind` ("rung", "gave", "moved", ...) that is not from 1 to `u32::MAX`.
    BadId { kind: &'static str, value: i64 },
    /// A text that is not one (empty, too long, a line break in a short one).
    Text(BadText),
    /// A word that is none of a choice's (an outcome, a way of asking, a mastery rule, quiet hours).
    NotOne(NotOne),
    /// A date that is not on the calendar.
    NotADate,
    /// A value of `key` that should be a date alone.
    NotJustADate(&'static str),
    /// An attempt's time without a date.
    NotAMoment,
    /// An attempt's time without its offset from UTC.
    NoOffset,
    /// A time that is not on the clock.
    NotATime,
    /// A name `key` ladder does not know, in the table `table` (`""`: at the top), and the known name it is `near`.
    UnknownName { key: String, table: &'static str, near: Option<&'static str> },
}

/// Why a change could not be made to a file's text (`file::edit`), or why the text edited was not what it
/// should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// The text does not read as TOML: the editor's own message.
    Toml(String),
    /// The entries of this table are not written as `[[name]]` tables.
    NotTables(&'static str),
    /// The entry with this ID is not in the text.
    Missing(Thing, u32),
    /// The entry of the table `name` with this uid is not in the text.
    MissingUid(&'static str, String),
    /// `settings` is not written as a table.
    SettingsNotATable,
    /// An entry of the merged ladder has no table in the text.
    EntryMissing,
    /// The edited text reads as another ladder than intended.
    ReadsBackDifferently,
    /// The edited text does not read as a ladder.
    Unreadable(Bad),
}

/// Why a merge of ladder files, or a change taken back onto one (`file::merge`), was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge {
    /// One of the texts does not read as a ladder.
    Side(Side, Bad),
    /// Bringing a file from before uids to this version failed.
    Edit(Edit),
    /// The merged ladder, written, would not read back as merged.
    WouldNotReadBack,
    /// The merge of the ladders refused: no ID left to move an entry to.
    Refused(crate::model::merged::NoIdLeft),
}

/// Which text of a merge or a revert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
    /// The version ladder wrote (a revert's `after`).
    Written,
    /// The version before the change (a revert's `before`).
    Before,
    /// The file as it is now.
    Now,
}

/// Why a worksheet cannot be imported (`file::import`): where in it, when that is known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unimportable {
    pub at: Option<Spot>,
    pub why: NotImported,
}

/// A place in a worksheet, as the person can find it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// A line (from 1).
    Line(usize),
    /// A line and a column (from 1), as the JSON parser counts them.
    LineColumn(usize, usize),
    /// A row of a table (from 1).
    Row(usize),
    /// A cell of a table: its row (from 1), its column (from 0) and the column's header.
    Cell { row: usize, column: usize, header: String },
    /// A value of an export, by its path (`rungs[0].ask`).
    Path(String),
    /// A rung of an export or a ladder file, by its ID.
    Rung(u32),
}

/// What is wrong with a worksheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotImported {
    /// Bytes that are not text (a spreadsheet's own file).
    NotText,
    Empty,
    /// A ladder file that does not read.
    Ladder(Bad),
    /// A table the CSV reader cannot read: its own words.
    Csv(String),
    /// A first row with a number in it: no header.
    NumberHeader,
    /// No column for the situation (`ask` true) or for the rating.
    NoColumn {
        ask: bool,
    },
    /// A text that is not one.
    Text(BadText),
    NoSituation,
    NoRating,
    /// A rating over 100.
    RatingTooHigh(u64),
    /// A rating that is no number.
    NotARating(String),
    /// More rows (`rows` true) or lines than IDs.
    TooMany {
        rows: bool,
    },
    /// A list item with no rating at its end.
    NoRatingAtEnd,
    /// A list with no asks.
    NoAsks,
    /// An export the JSON parser cannot read: its own words.
    Json(String),
    /// A rung of an export there twice.
    Twice(u32),
    /// A plan of an export for a rung it does not hold.
    NoRung(u32),
    /// A word that is none of a choice's.
    NotOne(NotOne),
    /// A number of an export over 100.
    OverHundred(u64),
    /// Not a day like 2026-11-22.
    NotADay(String),
    /// Not a moment like 2026-11-22T18:30:00+01:00.
    NotAMoment(String),
}

/// How a hook that failed ended (a hook's failure is no error of the command's: its change is saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// With this exit status.
    Status(i32),
    /// Ended by this signal.
    Signal(i32),
    /// Neither (as a platform may say).
    Abnormally,
}

/// The step that failed, with the path it was done to.
#[derive(Debug)]
pub enum Doing {
    Read(PathBuf),
    Write(PathBuf),
    /// Writing a new file, which is then not there: nothing was changed.
    WriteNew(PathBuf),
    Save(PathBuf),
    Remove(PathBuf),
    Lock(PathBuf),
    Follow(PathBuf),
    /// Making a private folder (`cannot create the folder …`).
    CreateFolder(PathBuf),
    /// Making a private folder for copies (`cannot create …`).
    Create(PathBuf),
    /// Making a folder for files ladder installs (`cannot make the folder …`).
    MakeFolder(PathBuf),
    AddToHistory,
    /// Noting in the undo history, before the ladder is written, what an undo takes back.
    NoteUndo,
    MakeScratch,
    /// `written` is in place, but the old form `left` could not be removed; `plain` when that is the plain one.
    RemoveOld {
        written: PathBuf,
        left: PathBuf,
        plain: bool,
    },
    /// A step a command names, worded already by `output::say`.
    Said(String),
}

/// The lock file could not be opened: because it is a symlink, or the operating system said no.
#[derive(Debug)]
pub enum LockWhy {
    Symlink,
    Io(io::Error),
}

/// What the store refused, and why.
#[derive(Debug)]
pub enum Store {
    NoDataDir,
    /// Both the plain and the encrypted ladder are there.
    BothThere {
        plain: PathBuf,
        sealed: PathBuf,
    },
    EncryptedAlready(PathBuf),
    NotEncrypted(PathBuf),
    /// There is no ladder to encrypt (`encrypt` true) or decrypt.
    NothingToConvert {
        path: PathBuf,
        encrypt: bool,
    },
    CannotRemoveOldKeys {
        keys: PathBuf,
        why: io::Error,
    },
    AppearedMeanwhile(PathBuf),
    ReadBackDiffers,
    /// The encrypted ladder just written would not open again: why, and the plain ladder left as it was.
    WouldNotOpen {
        why: Box<Error>,
        plain: PathBuf,
    },
    NoLadderAt(PathBuf),
    IsSymlink(PathBuf),
    CopiesWaiting(PathBuf),
    ThereAlready(PathBuf),
    ScratchUnlocked,
    /// A command on a conflict copy rather than on the ladder.
    IsACopy {
        path: PathBuf,
        ladder: PathBuf,
    },
    /// A symlink and its target differ on ending in `.age`.
    MixedLink {
        path: PathBuf,
        target: PathBuf,
    },
    /// The encrypted ladder named (`sealed`) is not there, but its plain form (`plain`) is: decrypted since.
    PlainNow {
        sealed: PathBuf,
        plain: PathBuf,
    },
    /// A change to an encrypted ladder named (`sealed`) that is not there: only `ladder encrypt` makes one.
    NoSealedLadder {
        sealed: PathBuf,
        plain: PathBuf,
    },
    /// Encrypted or decrypted by another command while this one waited.
    Became {
        path: PathBuf,
        other: PathBuf,
    },
    /// A change that cannot be made without disturbing the file, and why (`file::edit`, or the check after it).
    UnsafeEdit {
        shown: PathBuf,
        why: Edit,
    },
    /// Folding in the copies would give a file ladder cannot read: what is wrong with it.
    FoldUnreadable(Bad),
    LockUnopenable {
        path: PathBuf,
        why: LockWhy,
    },
    LockNotAFile(PathBuf),
    /// Another command has held the lock for `seconds`.
    Busy {
        target: PathBuf,
        seconds: u64,
    },
    HistoryFull(PathBuf),
    /// A passphrase ladder's undo history (its folder) whose own key no longer opens its records: `key.secret`
    /// does not open with the passphrase, or `key.pub` is not its public key.
    HistoryKeyBroken(PathBuf),
    NoHistory(io::Error),
    CannotUndo(io::Error),
    NothingToUndo(PathBuf),
    NoRecordOf(PathBuf),
    LastRecordDamaged,
    ChangedSince(PathBuf),
    UndoUnreadable,
    UndoNotUtf8(PathBuf),
    HistoryDamaged,
    /// The file is empty, where `ladder` last wrote a ladder: an editor or a sync may be saving it.
    EmptiedSince(PathBuf),
    /// A copy could not be merged.
    NotMerged(Merge),
    /// Taking the change back failed.
    RevertFailed(Merge),
    /// An entry a change to take back touched has lost its `uid` line since (a hand edit) and is no longer as
    /// `ladder` wrote it, so undo cannot tell it is the same entry: what ("rung", "attempt", "hesitation",
    /// "gift"), its ID, and the uid it had.
    UidLost {
        what: &'static str,
        id: u32,
        uid: String,
    },
    /// A folder not used for undo, and why (`Untrusted`, or a folder that could not be made).
    NotForUndo(Box<Error>),
    /// The hooks in `dir` were not run, because of `why` (an `Untrusted` folder).
    HooksNotRun {
        dir: PathBuf,
        why: Box<Error>,
    },
    /// A hook that cannot be trusted (`Untrusted`): no hook was run.
    HookNotRun(Box<Error>),
    /// Only `can` changes can be undone.
    OnlyCan(usize),
    RecordDamaged(String),
    /// A file ladder would install is someone else's: a file (`file` true) or something else.
    NotOurs {
        path: PathBuf,
        file: bool,
    },
    CopyGone,
    /// A conflict copy that is not UTF-8 text.
    CopyNotText,
    /// A conflict copy with nothing in it (a sync cut short): folded in, it would set every setting back.
    CopyEmpty,
    /// A conflict copy that names nothing of a ladder (other keys and tables, or only comments).
    CopyNotALadder,
    /// No state folder of ladder's own to keep a day in.
    NoStateFolder,
    /// No state folder to keep the undo history in.
    NoStateForHistory,
    /// `encrypt --confirm-keys` on a ladder that is not encrypted.
    NoKeysToConfirm(PathBuf),
    /// `encrypt --confirm-keys` on a ladder encrypted with a passphrase.
    PassphraseHasNoKeys(PathBuf),
    /// No state folder of ladder's own to keep the confirmed keys in.
    NoStateForKeys,
    /// A fold or an undo onto a changed file, with no merge handed in (`Location::merges`): a caller's mistake.
    NoMerges,
}

/// What went wrong with an encrypted ladder.
#[derive(Debug)]
pub enum Crypt {
    NoKeys(PathBuf),
    /// Key `n` (from 1) of the keys file is not one (`why`).
    BadKey {
        path: PathBuf,
        n: usize,
        why: BadRecipient,
    },
    KeysMissing(PathBuf),
    NoPassphraseGiven(String),
    /// Nothing names whom to encrypt to (the keys file `keys`).
    NoOneToSealTo {
        sealed: PathBuf,
        keys: PathBuf,
    },
    CannotSeal {
        sealed: PathBuf,
        why: Unsealed,
    },
    /// The keys in `keys` leave out the identity here (`why` the saved ladder would not open).
    LeavesYouOut {
        keys: PathBuf,
        sealed: PathBuf,
        why: Box<Error>,
    },
    SealedUnnamed {
        path: PathBuf,
        sealed: PathBuf,
    },
    NotSealed(PathBuf),
    Damaged(PathBuf),
    NewerFormat(PathBuf),
    WrongPassphrase(PathBuf),
    NeedsTerminal(PathBuf),
    NotToKeyIn {
        path: PathBuf,
        from: PathBuf,
    },
    TooMuchWork(PathBuf),
    NotToYou(PathBuf),
    /// No identity to open `path` with (`why`).
    NoIdentity {
        path: PathBuf,
        why: NoIdentity,
    },
    /// The undo history of a passphrase ladder could not be encrypted to its own key (`why`).
    HistoryUnsealed(Unsealed),
    /// The key of a passphrase ladder's undo history could not be encrypted with the passphrase (`why`).
    HistoryKeyUnsealed(Unsealed),
    /// The recipients file `keys_file` holds keys this device has not confirmed (`keys`, shortened).
    Unconfirmed {
        keys_file: PathBuf,
        keys: Vec<String>,
    },
    /// The passphrase given in this run does not open `path`.
    PassphraseDoesNotOpen(PathBuf),
}

/// Why a public key given (`--recipient`, a line of the recipients file) is not one ladder encrypts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadRecipient {
    /// An SSH key of a kind age does not support: its kind, as written.
    Unsupported(String),
    /// Not a public key: its first characters.
    NotAKey(String),
}

/// Why a text could not be encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsealed {
    /// A key it is to be encrypted to is not one.
    Recipient(BadRecipient),
    /// It is to be encrypted with a passphrase, and none was given in this run.
    NoPassphrase,
    /// age's own words.
    Age(String),
}

/// Why there is no identity to open an encrypted ladder with.
#[derive(Debug, Clone)]
pub enum NoIdentity {
    /// `LADDER_AGE_IDENTITY` is not set, and there is no config folder to look in.
    Nowhere,
    /// `LADDER_AGE_IDENTITY` is not set, and there is no identity file at its usual place, `at`.
    NotAt(PathBuf),
    /// The identity file `from` could not be read.
    Unreadable { from: PathBuf, why: Arc<io::Error> },
    /// The identity file `from` holds no identity ladder can use.
    Unusable { from: PathBuf, why: Unusable },
}

/// What is wrong with an identity file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// It looks like an SSH private key, but does not read as one.
    NotAnSshKey,
    /// An SSH private key of a kind age does not support.
    SshKindUnsupported,
    /// It is not an age identity file.
    NotAnIdentityFile,
    /// An age identity file with no key in it.
    NoKey,
}

impl Error {
    /// Whether this is, or was caused by, a closed pipe (`ladder list | head -1`).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io(err) => err.kind() == io::ErrorKind::BrokenPipe,
            Error::While(_, why) => why.is_broken_pipe(),
            _ => false,
        }
    }

    /// A command's refusal in the words `output::say` gave it.
    pub fn said(words: impl Into<String>) -> Error {
        Error::Said(words.into())
    }

    /// Whether the file changed under a save.
    pub fn is_raced(&self) -> bool {
        matches!(self, Error::Raced { .. })
    }

    /// This error as the reason `doing` failed; a race stays a race, to be met by making the change anew.
    #[must_use]
    pub fn during(self, doing: Doing) -> Error {
        if self.is_raced() { self } else { Error::While(doing, Box::new(self)) }
    }
}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Error {
        Error::Io(err)
    }
}

impl From<Store> for Error {
    fn from(err: Store) -> Error {
        Error::Store(err)
    }
}

impl From<Crypt> for Error {
    fn from(err: Crypt) -> Error {
        Error::Crypt(err)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(err) => Some(err),
            Error::While(_, why) => Some(why.as_ref()),
            _ => None,
        }
    }
}

/// Names the step that failed (`Error::While`): `doing` a step known already, `doing_with` one made only on failure.
pub trait Context<T> {
    fn doing(self, doing: Doing) -> Result<T>;
    fn doing_with(self, doing: impl FnOnce() -> Doing) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for Result<T, E> {
    fn doing(self, doing: Doing) -> Result<T> {
        self.map_err(|err| err.into().during(doing))
    }

    fn doing_with(self, doing: impl FnOnce() -> Doing) -> Result<T> {
        self.map_err(|err| err.into().during(doing()))
    }
}
