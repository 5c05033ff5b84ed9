//! The undo history: one record for each change `ladder` made to a ladder file, newest last, kept in a
//! private folder of the user's state directory (never beside the ladder, so syncing that folder syncs only
//! the ladder).
//!
//! A record says how to turn the text `ladder` wrote back into the text before it: the written text's first
//! `prefix_len` bytes, then `middle`, then its last `suffix_len` bytes. Changes are a few lines, so an append
//! or an inserted rung leaves `middle` empty and the record small, however long the file. Each record holds
//! the fingerprints of the text before and after, so records chain: the newest applies only to the file as
//! `ladder` left it, the one before only to what undoing the newest gives back, and a restored text is
//! written only if it is exactly the text that was there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::cache::Fingerprint;
use super::private;
use crate::error::{Crypt, Doing, Error, Result, Store};

const MAGIC: &str = "ladder-undo 5";
/// Records of the version before, without the text the change put in (`forward`): read still.
const MAGIC_4: &str = "ladder-undo 4";
/// Changes kept; older ones are forgotten.
pub const KEPT: usize = 50;

pub struct Record {
    /// Its place in the history: higher is newer.
    pub seq: u64,
    /// What the change was, in words ("recorded attempt 3 on rung 1").
    pub description: String,
    /// When it was made, in RFC 3339.
    pub at: String,
    /// The fingerprint of the text before the change, or `None` when there was no file.
    pub before: Option<String>,
    /// The fingerprint of the text `ladder` wrote.
    pub written: String,
    prefix_len: usize,
    suffix_len: usize,
    middle: Vec<u8>,
    /// What the change put between the prefix and the suffix: with it, the text `ladder` wrote is given again
    /// from an older one (`History::latest`). `None` in a record of the version before.
    forward: Option<Vec<u8>>,
}

impl Record {
    /// The record for a change from `old` to the text in `new`'s parts. Nothing the size of the file is
    /// copied when the change is an insertion whose place is known (`inserted`, as (before, after) lengths).
    pub fn new(old: Option<&[u8]>, new: &[&[u8]], inserted: Option<(usize, usize)>) -> Record {
        let sums = (old.map(Fingerprint::of), Fingerprint::of_parts(new));
        Record::known(old, new, inserted, sums)
    }

    /// `new`, when the fingerprints of `old` and of the new text (`sums`) are known already: a save knows both,
    /// and hashing a 1.4 MB file twice again was 1.6 of a years-of-use `done`'s 27 million instructions.
    pub fn known(
        old: Option<&[u8]>,
        new: &[&[u8]],
        inserted: Option<(usize, usize)>,
        sums: (Option<Fingerprint>, Fingerprint),
    ) -> Record {
        let (before, written) = (sums.0.map(Fingerprint::hex), sums.1.hex());
        let old = old.unwrap_or_default();
        let (prefix_len, suffix_len) = match (inserted, new) {
            (Some(lengths), _) => lengths,
            (None, [whole]) => {
                let prefix_len = common_prefix(old, whole);
                // The suffix may not overlap the prefix in either text.
                let room = old.len().min(whole.len()) - prefix_len;
                (prefix_len, common_suffix(&old[prefix_len..], &whole[prefix_len..]).min(room))
            }
            (None, _) => (0, 0),
        };
        let middle = old[prefix_len.min(old.len())..old.len().saturating_sub(suffix_len).max(prefix_len)].to_vec();
        let new_len = new.iter().map(|part| part.len()).sum::<usize>();
        let forward = slice_of_parts(new, prefix_len, new_len.saturating_sub(suffix_len).max(prefix_len));
        Record {
            seq: 0,
            description: String::new(),
            at: String::new(),
            before,
            written,
            prefix_len,
            suffix_len,
            middle,
            forward: Some(forward),
        }
    }

    /// The record's lines, then a checksum of all of them and of the middle and what the change put in, then
    /// the middle, then what the change put in (whose length ends the sixth line).
    fn to_bytes(&self) -> Vec<u8> {
        let forward = self.forward.as_deref().unwrap_or_default();
        let head = format!(
            "{MAGIC}\n{}\n{}\n{}\n{}\n{} {} {}\n",
            self.description.replace(['\n', '\r'], " "),
            self.at,
            self.before.as_deref().unwrap_or("absent"),
            self.written,
            self.prefix_len,
            self.suffix_len,
            forward.len(),
        );
        let rest = [self.middle.as_slice(), forward].concat();
        let sum = format!("{:032x}\n", checksum(head.as_bytes(), &rest));
        [head.as_bytes(), sum.as_bytes(), &rest].concat()
    }

    /// A record from its bytes; `None` when it is not one, or is damaged.
    fn parse(seq: u64, bytes: &[u8]) -> Option<Record> {
        // Six lines, the checksum's line, then the middle.
        let mut parts = bytes.splitn(8, |b| *b == b'\n');
        let mut lines = Vec::with_capacity(7);
        for _ in 0..7 {
            lines.push(std::str::from_utf8(parts.next()?).ok()?);
        }
        let rest = parts.next()?;
        let head = &bytes[..bytes.len() - rest.len() - lines[6].len() - 1];
        if (lines[0] != MAGIC && lines[0] != MAGIC_4) || format!("{:032x}", checksum(head, rest)) != lines[6] {
            return None;
        }
        let (prefix_len, suffix_len) = lines[5].split_once(' ')?;
        let (suffix_len, forward) = match (lines[0] == MAGIC).then(|| suffix_len.split_once(' ')).flatten() {
            Some((suffix_len, forward)) => {
                let at = rest.len().checked_sub(forward.parse().ok()?)?;
                (suffix_len, Some(rest.split_at(at)))
            }
            None => (suffix_len, None),
        };
        let (middle, forward) = forward.map_or((rest, None), |(middle, forward)| (middle, Some(forward.to_vec())));
        Some(Record {
            seq,
            description: lines[1].to_string(),
            at: lines[2].to_string(),
            before: Some(lines[3]).filter(|b| *b != "absent").map(str::to_string),
            written: lines[4].to_string(),
            prefix_len: prefix_len.parse().ok()?,
            suffix_len: suffix_len.parse().ok()?,
            middle: middle.to_vec(),
            forward,
        })
    }

    /// The text `ladder` wrote, from the text before the change, if the record holds what the change put in.
    fn replay(&self, before: &[u8]) -> Option<Vec<u8>> {
        let forward = self.forward.as_deref()?;
        let prefix = before.get(..self.prefix_len)?;
        let suffix = before.get(before.len().checked_sub(self.suffix_len)?..)?;
        (self.prefix_len + self.suffix_len <= before.len()).then(|| [prefix, forward, suffix].concat())
    }

    /// The text before the change, from the text `ladder` wrote, if it is exactly the text that was there;
    /// `Ok(None)` when there was no file.
    pub fn restore(&self, written: &[u8]) -> Result<Option<Vec<u8>>, ()> {
        Ok(self.restore_pieces(written)?.map(|pieces| pieces.concat()))
    }

    /// `restore`, as three pieces to write one after another (two of them `written`'s own): nothing the size
    /// of the text is copied.
    pub fn restore_pieces<'a>(&'a self, written: &'a [u8]) -> Result<Option<[&'a [u8]; 3]>, ()> {
        let Some(before) = &self.before else { return Ok(None) };
        let prefix = written.get(..self.prefix_len).ok_or(())?;
        let suffix = written.get(written.len().checked_sub(self.suffix_len).ok_or(())?..).ok_or(())?;
        if self.prefix_len + self.suffix_len > written.len() {
            return Err(());
        }
        let pieces = [prefix, &self.middle[..], suffix];
        (Fingerprint::of_parts(&pieces).hex() == *before).then_some(Some(pieces)).ok_or(())
    }
}

/// The bytes from `from` to `to` of the text made of `parts` one after another.
fn slice_of_parts(parts: &[&[u8]], from: usize, to: usize) -> Vec<u8> {
    let mut slice = Vec::with_capacity(to.saturating_sub(from));
    let mut start = 0;
    for part in parts {
        let (lo, hi) = (from.max(start), to.min(start + part.len()));
        if lo < hi {
            slice.extend_from_slice(&part[lo - start..hi - start]);
        }
        start += part.len();
    }
    slice
}

/// A checksum of a record's lines and its middle.
fn checksum(head: &[u8], middle: &[u8]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(head);
    hasher.update(middle);
    hasher.digest128()
}

/// The history of one ladder file: a folder of records named by their place, `0000000042.undo`.
pub struct History {
    dir: PathBuf,
    /// The encrypted ladder whose recipients the records are encrypted to (see `crypt.rs`); `None` for a
    /// plain ladder, whose records are plain too.
    sealed: Option<PathBuf>,
    /// For a ladder encrypted with a passphrase: the records are encrypted to a key of the history's own instead
    /// (`KEY_PUBLIC`), whose secret is kept encrypted with the passphrase (`KEY_SECRET`), read once when needed.
    passphrase: Option<std::sync::OnceLock<Option<age::secrecy::SecretString>>>,
    /// The ladder file the history is of (resolved).
    target: PathBuf,
}

/// A key for the file at `target` that every path to it shares: a hash of its canonical folder and its name.
pub fn key(target: &Path) -> u64 {
    let name = fs::canonicalize(parent(target)).map(|d| d.join(target.file_name().unwrap_or_default()));
    let name = name.unwrap_or_else(|_| target.to_path_buf());
    xxh3_64(name.as_os_str().as_encoded_bytes())
}

impl History {
    /// The history of the ladder file at `target` (already resolved), under `state`, the state folder
    /// `ladder` uses. `Err` names the folder when it cannot be trusted: one others can write to.
    pub fn of(state: &Path, target: &Path) -> io::Result<History> {
        let dir = state.join(Self::folder(target));
        let unusable = |why: Error| io::Error::new(io::ErrorKind::PermissionDenied, why);
        private::create_private_dir(&dir)
            .map_err(|err| unusable(Error::Io(err).during(Doing::MakeFolder(dir.clone()))))?;
        if let Some(why) = [state, dir.as_path()].into_iter().find_map(private::why_not_private) {
            return Err(unusable(Store::NotForUndo(Box::new(why)).into()));
        }
        let sealed = super::crypt::is_sealed_path(target).then(|| target.to_path_buf());
        let mut passphrase = None;
        if let Some(sealed) = &sealed
            && super::crypt::recipients_of(sealed).map_err(unusable)? == super::crypt::Recipients::Passphrase
        {
            // Each record encrypted with the passphrase would cost its slow key derivation to write and to read.
            passphrase = Some(std::sync::OnceLock::new());
        }
        Ok(History { dir, sealed, passphrase, target: target.to_path_buf() })
    }

    /// The history of the ladder file at `target`, if there is one: nothing is created.
    pub fn existing(state: &Path, target: &Path) -> io::Result<Option<History>> {
        let dir = state.join(Self::folder(target));
        if fs::symlink_metadata(&dir).is_err() {
            return Ok(None);
        }
        Self::of(state, target).map(Some)
    }

    /// The history's folder name for the ladder file at `target` (already resolved): one per file, however
    /// its path is written.
    fn folder(target: &Path) -> String {
        format!("undo-{:016x}", key(target))
    }

    /// Whether a record in the folder is damaged: it is not read, and undo says so rather than guess.
    pub fn damaged(&self) -> bool {
        let taken = self.taken_back();
        self.seqs()
            .into_iter()
            .filter(|seq| !taken.contains(seq))
            .any(|seq| self.get(&self.path(seq)).is_none_or(|bytes| Record::parse(seq, &bytes).is_none()))
    }

    /// For a passphrase ladder's history that holds records: its folder, when its own key no longer opens them
    /// (`key.secret` does not open with the passphrase, or `key.pub` was replaced by another key). Opens the
    /// secret, once per command, as reading the records does.
    pub fn key_broken(&self) -> Option<&Path> {
        let (Some(_), Some(secret)) = (&self.sealed, &self.passphrase) else { return None };
        if self.seqs().is_empty() {
            return None;
        }
        let opened = secret.get_or_init(|| self.secret_key()).as_ref().and_then(public_of);
        let public = private::read_regular(&self.dir.join(KEY_PUBLIC), Some(4096)).ok();
        let public = public.and_then(|bytes| String::from_utf8(bytes).ok()).map(|key| key.trim().to_string());
        // A public key gone or unreadable is made again from the secret (`public_key`); another one is not.
        let replaced =
            |opened: &String| public.as_ref().is_some_and(|p| p != opened && super::crypt::check_recipient(p).is_ok());
        match opened {
            Some(opened) if !replaced(&opened) => None,
            _ => Some(&self.dir),
        }
    }

    /// The records that can be undone one after another from a file whose fingerprint is `current`, newest
    /// first: each must be of the text the one before it gives back. Records of saves that never landed (a
    /// failed or killed save: made from the text of that moment, but never written) are passed over wherever
    /// they stand.
    pub fn chain(&self, current: &str) -> Vec<Record> {
        self.chain_of(current, usize::MAX)
    }

    /// The first `most` records of `chain`: read newest first, and only until they are found (`undo` of one
    /// change read all 50 records of a full history, 1-2 ms of its 10 on years of use, perf trace). Damaged
    /// records are passed over, and so are those an undo took back whose records it had not forgotten yet when
    /// it was killed (`begin_undo`).
    pub fn chain_of(&self, current: &str, most: usize) -> Vec<Record> {
        let taken = self.taken_back();
        let records = self.seqs().into_iter().rev().filter(|seq| !taken.contains(seq));
        let mut records = records.filter_map(|seq| Record::parse(seq, &self.get(&self.path(seq))?));
        let mut chain = Vec::new();
        let mut now = Some(current.to_string());
        while chain.len() < most
            && let Some(record) = records.next()
        {
            if now.as_deref() == Some(record.written.as_str()) {
                now.clone_from(&record.before);
                chain.push(record);
            } else if now.as_deref() != record.before.as_deref() {
                break;
            }
        }
        chain
    }

    /// The newest record not taken back, if any, reading only as far as it.
    pub fn newest(&self) -> Option<Record> {
        let taken = self.taken_back();
        let mut seqs = self.seqs().into_iter().rev().filter(|seq| !taken.contains(seq));
        seqs.find_map(|seq| Record::parse(seq, &self.get(&self.path(seq))?))
    }

    /// Adds `record` as the newest, forgetting the oldest beyond `KEPT`, and returns where it was written.
    pub fn push(&self, mut record: Record) -> Result<PathBuf> {
        let seqs = self.seqs();
        record.seq = match seqs.last() {
            None => 1,
            Some(last) => {
                last.checked_add(1).filter(|s| *s <= MAX_SEQ).ok_or_else(|| Store::HistoryFull(self.dir.clone()))?
            }
        };
        let path = self.path(record.seq);
        self.put(&path, &[&record.to_bytes()])?;
        for old in &seqs[..seqs.len().saturating_sub(KEPT - 1)] {
            let _ = fs::remove_file(self.path(*old));
            let _ = fs::remove_file(self.path(*old).with_extension(MOVED));
        }
        Ok(path)
    }

    pub fn forget(&self, record: &Record) {
        self.forget_seq(record.seq);
    }

    /// Forgets the records at `seqs`.
    pub fn forget_seqs(&self, seqs: &[u64]) {
        for seq in seqs {
            self.forget_seq(*seq);
        }
    }

    /// The places of the records newer than the one at `seq` (and not taken back) of saves that never landed:
    /// all but one whose text the note of the last text names (it landed, and the file was put back by hand
    /// to an older text since).
    pub fn never_landed_after(&self, seq: u64) -> Vec<u64> {
        let taken = self.taken_back();
        let landed = self.note().map(|(at, ..)| at);
        let newer = self.seqs().into_iter().filter(|s| *s > seq && !taken.contains(s));
        let landed_here = |s: &u64| {
            let record = self.get(&self.path(*s)).and_then(|bytes| Record::parse(*s, &bytes));
            record.is_some_and(|record| Some(&record.written) == landed.as_ref())
        };
        newer.filter(|s| !landed_here(s)).collect()
    }

    fn forget_seq(&self, seq: u64) {
        let _ = fs::remove_file(self.path(seq));
        let _ = fs::remove_file(self.path(seq).with_extension(MOVED));
    }

    /// Notes, before an undo writes the ladder, the records it takes back (`seqs`), the fingerprint of the text
    /// it writes (`None`: it removes the file), and the text the records left will chain from (`latest`, kept as
    /// the next copy of the last text; `None`: none). Until the undo is over (`end_undo`), those records are read
    /// as gone once the ladder holds that text, and as there while it does not: an undo killed at any instant
    /// leaves the history as it was or as the undo leaves it, never a record of a change already taken back,
    /// which would make the file read as edited by hand. Written to disk before the ladder is.
    pub fn begin_undo(&self, restored: Option<&str>, seqs: &[u64], latest: Option<&[&[u8]]>) -> Result<()> {
        let next = self.dir.join(LATEST_NEXT);
        match latest {
            Some(text) => self.put_as(&next, text, false)?,
            None => {
                let _ = fs::remove_file(&next);
            }
        }
        let seqs: Vec<String> = seqs.iter().map(u64::to_string).collect();
        let text = format!("{}\n{}\n", restored.unwrap_or("absent"), seqs.join(" "));
        self.put_as(&self.dir.join(UNDOING), &[text.as_bytes()], true)
    }

    /// The undo wrote the ladder and forgot its records: the next copy of the last text takes the place of the
    /// old one, and the note goes.
    pub fn end_undo(&self) {
        let _ = fs::remove_file(self.dir.join(LATEST_AT));
        let next = self.dir.join(LATEST_NEXT);
        if fs::rename(&next, self.dir.join(LATEST)).is_err() {
            let _ = fs::remove_file(self.dir.join(LATEST));
        }
        let _ = fs::remove_file(self.dir.join(UNDOING));
    }

    /// The undo failed before it wrote the ladder: its note goes, and the history is as it was.
    pub fn abandon_undo(&self) {
        let _ = fs::remove_file(self.dir.join(LATEST_NEXT));
        let _ = fs::remove_file(self.dir.join(UNDOING));
    }

    /// What `begin_undo` noted: the fingerprint of the text the undo writes (`None`: no file), and the records.
    fn undoing(&self) -> Option<(Option<String>, Vec<u64>)> {
        let bytes = self.get(&self.dir.join(UNDOING))?;
        let text = String::from_utf8(bytes).ok()?;
        let mut lines = text.lines();
        let restored = lines.next()?;
        let seqs = lines.next()?.split(' ').filter_map(|n| n.parse().ok()).collect();
        Some(((restored != "absent").then(|| restored.to_string()), seqs))
    }

    /// The records an undo killed after it wrote the ladder had not forgotten yet: the ladder holds the text the
    /// undo wrote.
    fn taken_back(&self) -> Vec<u64> {
        let Some((restored, seqs)) = self.undoing() else { return Vec::new() };
        let now = match Fingerprint::of_file(&self.target) {
            Ok(file) => Some(file.hex()),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(_) => return Vec::new(),
        };
        if self.undo_wrote(now.as_ref(), restored.as_ref(), &seqs) { seqs } else { Vec::new() }
    }

    /// Whether the undo noted (`restored`, `seqs`) wrote the ladder, whose fingerprint is now `now`: the ladder
    /// holds the text it wrote, or it had begun forgetting its records (it does so only once the ladder is
    /// written), so that a hand edit made after an undo killed while forgetting does not leave records of
    /// changes already taken back, and a copy of the last text from before the undo.
    fn undo_wrote(&self, now: Option<&String>, restored: Option<&String>, seqs: &[u64]) -> bool {
        now == restored || seqs.iter().any(|seq| fs::symlink_metadata(self.path(*seq)).is_err())
    }

    /// Finishes, under the lock, what an undo killed midway left (`begin_undo`): when the ladder, `current`, holds
    /// the text it wrote, its records are forgotten (an undone fold's copies put back beside the ladder) and the
    /// next copy of the last text takes its place; when it does not, the undo never happened, and its note goes.
    pub fn settle(&self, current: Option<&[u8]>) {
        let Some((restored, seqs)) = self.undoing() else {
            if fs::symlink_metadata(self.dir.join(UNDOING)).is_ok() {
                self.abandon_undo();
            }
            return;
        };
        let now = current.map(|text| Fingerprint::of(text).hex());
        if !self.undo_wrote(now.as_ref(), restored.as_ref(), &seqs) {
            self.abandon_undo();
            return;
        }
        for seq in seqs {
            for (name, moved) in self.moved_at(seq) {
                let _ = super::copies::put_back(&self.target, &name, &moved);
            }
            self.forget_seq(seq);
        }
        self.end_undo();
    }

    /// Notes, beside the record at `record` (a fold's), where each folded copy went: its own name and its name
    /// in `ladder-merged/`, so that undoing the fold can put it back.
    pub fn note_moved(record: &Path, moved: &[(String, String)]) {
        let mut bytes = Vec::new();
        for (name, now) in moved {
            for part in [name, now] {
                bytes.extend_from_slice(part.as_bytes());
                bytes.push(0);
            }
        }
        let _ = super::write_atomic(&record.with_extension(MOVED), &[&bytes], false, &|| Ok(()));
    }

    /// Where the copies a fold folded in went (see `note_moved`); empty when that is not known.
    pub fn moved(&self, record: &Record) -> Vec<(String, String)> {
        self.moved_at(record.seq)
    }

    fn moved_at(&self, seq: u64) -> Vec<(String, String)> {
        let Ok(bytes) = private::read_regular(&self.path(seq).with_extension(MOVED), Some(1 << 20)) else {
            return Vec::new();
        };
        let parts: Vec<&str> =
            bytes.split(|b| *b == 0).filter_map(|p| std::str::from_utf8(p).ok()).filter(|p| !p.is_empty()).collect();
        parts.chunks_exact(2).map(|pair| (pair[0].to_string(), pair[1].to_string())).collect()
    }

    /// Keeps a copy of the text the history's records chain from: the last text `ladder` wrote, or gave back
    /// by an undo; whether it was written (if not, there is none). With it, a change can be taken back after the
    /// file changed otherwise (a pull, a hand edit), three-way. The text comes in parts, as a save writes them:
    /// joining them copied the whole file in memory once more (1.4 of a years-of-use `done`'s 27 million
    /// instructions).
    pub fn keep_latest(&self, text: &[&[u8]]) -> bool {
        let path = self.dir.join(LATEST);
        let kept = self.put(&path, text).is_ok();
        if !kept {
            let _ = fs::remove_file(&path);
        }
        // A note names a text before this copy. Killed just before this, the note of an older text beside a
        // newer copy reads as out of step (`latest`: not known), never as another text.
        let _ = fs::remove_file(self.dir.join(LATEST_AT));
        kept
    }

    /// Notes that a save wrote `text` (fingerprint `written`) over the text of fingerprint `from` with the
    /// records `added`: the copy `keep_latest` keeps is written whole again only after `STEPS` saves, when
    /// the text saved over is not the last one `ladder` wrote (a hand edit, a pull), or when the copy is not
    /// as the note left it (gone, cut short); in between, a small note names the text written, which `latest`
    /// gives again from the copy and the records' insertions. A whole copy of a years-of-use ladder was 1.4 MB
    /// written at every save, 1.2-1.9 ms of a `done`'s 11 (perf stat).
    pub fn saved(&self, text: &[&[u8]], from: Option<&str>, written: &str, added: usize) {
        let copy_len = || fs::metadata(self.dir.join(LATEST)).ok().map(|meta| meta.len());
        // In step: the note names the text saved over, and the copy is as it left it.
        let in_step = |(at, _, len): &(String, usize, u64)| from == Some(at.as_str()) && Some(*len) == copy_len();
        // A passphrase ladder's note opens only with the history's secret, a key derivation of a second (README:
        // only `undo` and `history` pay it): there the copy is written whole at every save, as before the note.
        let noted = self.passphrase.is_none().then(|| self.note()).flatten().filter(in_step);
        let noted = noted.and_then(|(_, steps, len)| Some((steps.checked_add(added).filter(|s| *s <= STEPS)?, len)));
        let whole = || self.keep_latest(text).then(copy_len).flatten().map(|len| (0, len));
        let Some((steps, len)) = noted.or_else(whole) else { return };
        // Always as long, so that it is written over without being cut first (`put_in_place`).
        let note = format!("{:<NOTE_WIDTH$}\n", format!("{written} {steps} {len}"));
        if self.put_in_place(&self.dir.join(LATEST_AT), note.as_bytes()).is_err() {
            // Without its note the copy would be taken for the last text, which it may be saves behind.
            let _ = fs::remove_file(self.dir.join(LATEST));
            let _ = fs::remove_file(self.dir.join(LATEST_AT));
        }
    }

    /// The note `saved` wrote: the fingerprint of the last text, how many saves it is from the copy, and the
    /// copy's length on disk.
    fn note(&self) -> Option<(String, usize, u64)> {
        let note = String::from_utf8(self.get(&self.dir.join(LATEST_AT))?).ok()?;
        let mut words = note.trim_end().split(' ');
        let (at, steps, len) = (words.next()?, words.next()?.parse().ok()?, words.next()?.parse().ok()?);
        Some((at.to_string(), steps, len))
    }

    /// The last text `ladder` wrote (or gave back by an undo), if it is known: the copy `keep_latest` kept, and
    /// when a note names a later text (`saved`), that text given again from the copy through the insertions
    /// of the records since, checked to be exactly the text named.
    pub fn latest(&self) -> Option<Vec<u8>> {
        // An undo killed after it wrote the ladder: the copy it made of the text it left is the last text.
        if !self.taken_back().is_empty() {
            return self.get(&self.dir.join(LATEST_NEXT));
        }
        let copy = self.get(&self.dir.join(LATEST))?;
        if fs::symlink_metadata(self.dir.join(LATEST_AT)).is_err() {
            return Some(copy);
        }
        // A note that does not read (cut short by a kill) names no text: the last one is not known.
        let (at, ..) = self.note()?;
        let at = at.as_str();
        let from = Fingerprint::of(&copy).hex();
        if at == from {
            return Some(copy);
        }
        let chain = self.chain_of(at, STEPS + 1);
        let back = chain.iter().position(|record| record.before.as_deref() == Some(from.as_str()))?;
        let mut text = copy;
        for record in chain[..=back].iter().rev() {
            text = record.replay(&text)?;
        }
        (Fingerprint::of(&text).hex() == at).then_some(text)
    }

    /// Writes a small file of the history's in place, readable by its owner only, encrypted when the ladder
    /// is: a kill midway leaves it empty, cut short or partly the note before, none of which names a text that
    /// `latest` gives (it checks the text by its fingerprint). It is written over and cut only where it was
    /// longer: cut first (`O_TRUNC`), it cost 0.5 ms of a `done` on ext4 (strace), which writes it every save.
    fn put_in_place(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let sealed = self.sealed(&[bytes])?;
        let bytes = sealed.as_deref().unwrap_or(bytes);
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600).custom_flags(i32::try_from(rustix::fs::OFlags::NOFOLLOW.bits()).unwrap_or(0));
        }
        let mut file = options.open(path)?;
        std::io::Write::write_all(&mut file, bytes)?;
        if file.metadata()?.len() > bytes.len() as u64 {
            file.set_len(bytes.len() as u64)?;
        }
        Ok(())
    }

    /// Writes one of the history's files, encrypted when the ladder is.
    fn put(&self, path: &Path, parts: &[&[u8]]) -> Result<()> {
        self.put_as(path, parts, false)
    }

    /// Writes `parts` one after another; encrypted, they are joined first.
    fn put_as(&self, path: &Path, parts: &[&[u8]], durable: bool) -> Result<()> {
        match self.sealed(parts)? {
            Some(sealed) => super::write_atomic(path, &[&sealed], durable, &|| Ok(())),
            None => super::write_atomic(path, parts, durable, &|| Ok(())),
        }
    }

    /// `parts` joined and encrypted, when the ladder is encrypted; `None` when it is not.
    fn sealed(&self, parts: &[&[u8]]) -> Result<Option<Vec<u8>>> {
        Ok(match (&self.sealed, &self.passphrase) {
            (Some(_), Some(_)) => {
                let public = self.public_key()?;
                Some(
                    super::crypt::seal_to(&super::crypt::Recipients::Keys(vec![public]), &parts.concat())
                        .map_err(Crypt::HistoryUnsealed)?,
                )
            }
            (Some(sealed), None) => Some(super::crypt::seal(sealed, &parts.concat())?),
            (None, _) => None,
        })
    }

    /// One of the history's files, decrypted when the ladder is encrypted; `None` when it cannot be read.
    fn get(&self, path: &Path) -> Option<Vec<u8>> {
        let bytes = private::read_regular(path, None).ok()?;
        match (&self.sealed, &self.passphrase) {
            (Some(_), _) if !super::crypt::is_sealed(&bytes) => None,
            (Some(_), Some(secret)) => {
                let secret = secret.get_or_init(|| self.secret_key()).as_ref()?;
                super::crypt::open_with_key(secret, &bytes)
            }
            (Some(_), None) => super::crypt::open(path, bytes, true).ok(),
            (None, _) => Some(bytes),
        }
    }

    /// The public key a passphrase ladder's history is encrypted to; made, with its secret encrypted with the
    /// passphrase, the first time (the one write that costs the passphrase's key derivation).
    fn public_key(&self) -> Result<String> {
        let public_path = self.dir.join(KEY_PUBLIC);
        if let Ok(bytes) = private::read_regular(&public_path, Some(4096))
            && let Ok(key) = String::from_utf8(bytes)
            && super::crypt::check_recipient(key.trim()).is_ok()
            && fs::symlink_metadata(self.dir.join(KEY_SECRET)).is_ok()
        {
            return Ok(key.trim().to_string());
        }
        // The public key gone (or unreadable) but its secret there: made again from the secret (one key
        // derivation), so that the records already written stay readable; a new pair would overwrite it.
        if fs::symlink_metadata(self.dir.join(KEY_SECRET)).is_ok()
            && let Some(public) = self.secret_key().and_then(|secret| public_of(&secret))
        {
            super::write_atomic(&public_path, &[public.as_bytes()], true, &|| Ok(()))?;
            return Ok(public);
        }
        let (secret, public) = super::crypt::new_key();
        let wrapped = super::crypt::seal_to(
            &super::crypt::Recipients::Passphrase,
            age::secrecy::ExposeSecret::expose_secret(&secret).as_bytes(),
        )
        .map_err(Crypt::HistoryKeyUnsealed)?;
        // The secret first: a public key is never there without the secret that opens what it encrypts.
        super::write_atomic(&self.dir.join(KEY_SECRET), &[&wrapped], true, &|| Ok(()))?;
        super::write_atomic(&public_path, &[public.as_bytes()], true, &|| Ok(()))?;
        Ok(public)
    }

    /// The secret of a passphrase ladder's history, opened with the passphrase; `None` when it cannot be.
    fn secret_key(&self) -> Option<age::secrecy::SecretString> {
        let path = self.dir.join(KEY_SECRET);
        let bytes = private::read_regular(&path, Some(1 << 16)).ok()?;
        let plain = super::crypt::open_with_passphrase(&path, &bytes).ok()?;
        String::from_utf8(plain).ok().map(age::secrecy::SecretString::from)
    }

    /// Removes the history of the ladder file at `target` (a ladder just encrypted or decrypted: the history of
    /// its other form holds its text in the other form).
    pub fn remove(state: &Path, target: &Path) {
        let _ = fs::remove_dir_all(state.join(Self::folder(target)));
    }

    fn path(&self, seq: u64) -> PathBuf {
        self.dir.join(format!("{seq:010}.undo"))
    }

    /// The places of the records in the folder, oldest first: only names of exactly ten digits are records.
    fn seqs(&self) -> Vec<u64> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut seqs: Vec<u64> = entries
            .flatten()
            .filter_map(|e| {
                let stem = e.file_name().to_str()?.strip_suffix(".undo")?.to_string();
                (stem.len() == 10 && stem.bytes().all(|b| b.is_ascii_digit())).then(|| stem.parse().ok())?
            })
            .collect();
        seqs.sort_unstable();
        seqs
    }
}

/// The public key of the X25519 secret `secret` (an `AGE-SECRET-KEY-…` identity).
fn public_of(secret: &age::secrecy::SecretString) -> Option<String> {
    let identity: age::x25519::Identity = age::secrecy::ExposeSecret::expose_secret(secret).trim().parse().ok()?;
    Some(identity.to_public().to_string())
}

/// A passphrase ladder's history: the public key its files are encrypted to, and the secret key, encrypted with
/// the passphrase.
const KEY_PUBLIC: &str = "key.pub";
/// (Not named `.age`: `write_atomic` would take it for an encrypted ladder, and encrypt it again.)
const KEY_SECRET: &str = "key.secret";

/// The note of an undo under way, and the copy of the last text it will leave (see `begin_undo`).
const UNDOING: &str = "undoing";
const LATEST_NEXT: &str = "latest.next";

/// The copy of the text the records chain from (see `keep_latest`).
const LATEST: &str = "latest.toml";

/// The note of the text `ladder` last wrote, when it is later than the copy: its fingerprint, and how many
/// records it is from the copy (see `saved`).
const LATEST_AT: &str = "latest.at";
/// The width the note of the last text is written at: its fingerprint, count and length, at their longest.
const NOTE_WIDTH: usize = 32 + 1 + 20 + 1 + 20 + 1 + 20;

/// Saves between whole copies of the last text: few enough that the records from the copy are never forgotten
/// (`KEPT`), and that giving the text again costs little.
const STEPS: usize = 16;

/// The extension of the note, beside a fold's record, of where its copies went.
const MOVED: &str = "moved";

/// The highest place a record can have: its name is ten digits.
const MAX_SEQ: u64 = 9_999_999_999;

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Blocks compared at once when looking for what two texts share: a file can be megabytes.
const BLOCK: usize = 4096;

/// How many bytes `a` and `b` share at the start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let same_blocks = a.chunks_exact(BLOCK).zip(b.chunks_exact(BLOCK)).take_while(|(x, y)| x == y).count();
    let start = same_blocks * BLOCK;
    start + a[start..].iter().zip(&b[start..]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` share at the end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let same_blocks = a.rchunks_exact(BLOCK).zip(b.rchunks_exact(BLOCK)).take_while(|(x, y)| x == y).count();
    let end = same_blocks * BLOCK;
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    end + a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(record: &Record) -> Record {
        Record::parse(7, &record.to_bytes()).expect("a record")
    }

    #[test]
    fn a_record_round_trips_and_restores_any_change() {
        for (old, new) in [
            ("a\nc\n", "a\nb\nc\n"),
            ("aaaa", "aa"),
            ("aa", "aaaa"),
            ("", "x"),
            ("abc", "xyz"),
            ("a\nb\nb\n", "a\nb\n"),
        ] {
            let record = round_trip(&Record::new(Some(old.as_bytes()), &[new.as_bytes()], None));
            assert_eq!(record.restore(new.as_bytes()), Ok(Some(old.as_bytes().to_vec())), "{old:?} -> {new:?}");
        }
        let created = round_trip(&Record::new(None, &[b"version = 1\n"], None));
        assert_eq!(created.restore(b"version = 1\n"), Ok(None));
    }

    #[test]
    fn an_insertion_needs_no_copy_of_the_old_text() {
        let record = Record::new(Some(b"head\ntail\n"), &[b"head\n", b"new rung\n", b"tail\n"], Some((5, 5)));
        assert!(record.middle.is_empty());
        assert_eq!(record.restore(b"head\nnew rung\ntail\n"), Ok(Some(b"head\ntail\n".to_vec())));
    }

    #[test]
    fn a_damaged_record_is_no_record_and_a_wrong_restore_is_refused() {
        let record = Record::new(Some(b"version = 1\n# mine\n"), &[b"version = 1\n"], None);
        let mut bytes = record.to_bytes();
        assert!(Record::parse(1, &bytes).is_some());
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(Record::parse(1, &bytes).is_none(), "the middle's checksum");
        assert!(Record::parse(1, b"something else\n").is_none());
        assert!(Record::parse(1, b"ladder-undo 4\nx\nt\nabsent\nabc\nnot numbers\n0\n").is_none());
        let mut bytes = record.to_bytes();
        bytes[15] ^= 1;
        assert!(Record::parse(1, &bytes).is_none(), "the description is checked too");
        assert_eq!(record.restore(b"version = 2\n"), Err(()), "not the text it was made for");
    }

    #[test]
    fn the_common_prefix_and_suffix_are_found_across_blocks() {
        let a = "x".repeat(10_000);
        assert_eq!(common_prefix(a.as_bytes(), a.as_bytes()), 10_000);
        let mut b = a.clone().into_bytes();
        b[5_000] = b'y';
        assert_eq!(common_prefix(a.as_bytes(), &b), 5_000);
        assert_eq!(common_prefix(&a.as_bytes()[..4096], a.as_bytes()), 4096);
        assert_eq!(common_prefix(b"abcd", b"abxd"), 2);
        let mut c = a.clone().into_bytes();
        c[1_000] = b'y';
        assert_eq!(common_suffix(a.as_bytes(), &c), 8_999);
        assert_eq!(common_suffix(a.as_bytes(), &a.as_bytes()[1..]), 9_999);
        assert_eq!(common_suffix(b"xabc", b"yabc"), 3);
    }

    #[test]
    fn the_chain_skips_saves_that_never_landed_and_stops_at_a_hand_edit() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::of(dir.path(), &dir.path().join("l.toml")).unwrap();
        let texts: [&[u8]; 4] = [b"a\n", b"a\nb\n", b"a\nb\nc\n", b"a\nb\nc\nd\n"];
        for pair in texts.windows(2) {
            history.push(Record::new(Some(pair[0]), &[pair[1]], None)).unwrap();
        }
        let fp = |t: &[u8]| Fingerprint::of(t).hex();
        assert_eq!(history.chain(&fp(texts[3])).len(), 3);
        // A save that failed after its record was written.
        history.push(Record::new(Some(texts[3]), &[b"never written\n"], None)).unwrap();
        assert_eq!(history.chain(&fp(texts[3])).iter().map(|r| r.seq).collect::<Vec<_>>(), [3, 2, 1]);
        assert!(history.chain(&fp(b"edited by hand\n")).is_empty());
        // A later change: the record of the save that never landed stays behind, inside the chain now.
        history.push(Record::new(Some(texts[3]), &[b"a later change\n"], None)).unwrap();
        assert_eq!(history.chain(&fp(b"a later change\n")).iter().map(|r| r.seq).collect::<Vec<_>>(), [5, 3, 2, 1]);
        let first_two = history.chain_of(&fp(b"a later change\n"), 2);
        assert_eq!(first_two.iter().map(|r| r.seq).collect::<Vec<_>>(), [5, 3], "read only as far as asked");
        assert_eq!(history.newest().map(|r| r.seq), Some(5));
        // Names that are not records are not counted, and cannot push the next place past the last.
        fs::write(history.dir.join("4.undo"), "").unwrap();
        fs::write(history.dir.join("18446744073709551615.undo"), "").unwrap();
        assert_eq!(history.seqs(), [1, 2, 3, 4, 5]);
        for _ in 0..KEPT {
            history.push(Record::new(Some(b"x"), &[b"y"], None)).unwrap();
        }
        assert_eq!(history.seqs().len(), KEPT);
    }

    /// A save the history records (as `write_recorded` does): its record, then the note of the text written.
    fn save(history: &History, old: Option<&[u8]>, new: &[u8]) {
        let record = Record::new(old, &[new], None);
        let (from, written) = (record.before.clone(), record.written.clone());
        history.push(record).unwrap();
        history.saved(&[new], from.as_deref(), &written, 1);
    }

    #[test]
    fn the_note_is_written_over_in_place_and_one_half_written_names_no_text() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::of(dir.path(), &dir.path().join("l.toml")).unwrap();
        save(&history, None, b"one\n");
        save(&history, Some(b"one\n"), b"one\ntwo\n");
        let note = fs::read(history.dir.join(LATEST_AT)).unwrap();
        assert_eq!(note.len(), NOTE_WIDTH + 1, "{:?}", String::from_utf8_lossy(&note));
        // A longer file there (a note of the version before with a longer count, say) is cut to the note.
        fs::write(history.dir.join(LATEST_AT), [&note[..], &[b' '; 300][..], b"9\n"].concat()).unwrap();
        save(&history, Some(b"one\ntwo\n"), b"one\ntwo\nthree\n");
        assert_eq!(fs::read(history.dir.join(LATEST_AT)).unwrap().len(), NOTE_WIDTH + 1);
        assert_eq!(history.latest().as_deref(), Some(&b"one\ntwo\nthree\n"[..]));
        // Killed halfway through writing it over: the start of one note and the end of the one before.
        let before = fs::read(history.dir.join(LATEST_AT)).unwrap();
        save(&history, Some(b"one\ntwo\nthree\n"), b"one\ntwo\nthree\nfour\n");
        let after = fs::read(history.dir.join(LATEST_AT)).unwrap();
        for cut in [1, 16, 31] {
            fs::write(history.dir.join(LATEST_AT), [&after[..cut], &before[cut..]].concat()).unwrap();
            assert_eq!(history.latest(), None, "cut at {cut}");
        }
    }

    #[test]
    fn the_last_text_is_given_again_from_the_copy_and_the_records_since() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::of(dir.path(), &dir.path().join("l.toml")).unwrap();
        let copy = || fs::read(history.dir.join(LATEST)).unwrap();
        let mut text = b"[[rung]]\nid = 1\n".to_vec();
        save(&history, None, &text);
        assert_eq!(copy(), text, "the first save keeps a whole copy");
        let first = text.clone();
        for n in 0..STEPS {
            let new = [&text[..], format!("\n[[attempt]]\nid = {n}\n").as_bytes()].concat();
            save(&history, Some(&text), &new);
            text = new;
            assert_eq!(history.latest().as_deref(), Some(&text[..]));
        }
        assert_eq!(copy(), first, "no whole copy for {STEPS} saves");
        let new = [b"# a change at the start\n", &text[..]].concat();
        save(&history, Some(&text), &new);
        assert_eq!(copy(), new, "then a whole copy again");
        assert_eq!(history.latest().as_deref(), Some(&new[..]));
        // A save over a text `ladder` did not write (a hand edit): a whole copy.
        save(&history, Some(b"edited by hand\n"), b"edited by hand\nand changed\n");
        assert_eq!(copy(), b"edited by hand\nand changed\n");
        let edited = b"edited by hand\nand changed\n".to_vec();
        save(&history, Some(&edited), b"edited by hand\nand changed twice\n");
        assert_eq!(history.latest().as_deref(), Some(&b"edited by hand\nand changed twice\n"[..]));
        // A copy gone or cut short is written whole again at the next save, as is one whose note is cut short.
        fs::remove_file(history.dir.join(LATEST)).unwrap();
        let twice = b"edited by hand\nand changed twice\n".to_vec();
        save(&history, Some(&twice), b"edited by hand\nand changed thrice\n");
        assert_eq!(copy(), b"edited by hand\nand changed thrice\n");
        fs::write(history.dir.join(LATEST), b"edited by").unwrap();
        save(&history, Some(b"edited by hand\nand changed thrice\n"), b"once more\n");
        assert_eq!(copy(), b"once more\n");
        save(&history, Some(b"once more\n"), b"once more\nand again\n");
        fs::write(history.dir.join(LATEST_AT), b"cut sh").unwrap();
        assert_eq!(history.latest(), None, "a note cut short names no text");
        save(&history, Some(b"once more\nand again\n"), b"after a cut note\n");
        assert_eq!(copy(), b"after a cut note\n");
        // A count that does not fit is no count.
        let fp = Fingerprint::of(b"after a cut note\n").hex();
        fs::write(history.dir.join(LATEST_AT), format!("{fp} {} 17\n", usize::MAX)).unwrap();
        save(&history, Some(b"after a cut note\n"), b"after a big count\n");
        assert_eq!(copy(), b"after a big count\n");
        save(&history, Some(b"after a big count\n"), b"after a big count\nnoted only\n");
        assert_eq!(history.latest().as_deref(), Some(&b"after a big count\nnoted only\n"[..]));
        // A record on the way that is damaged, or of the version before (without what it put in): not known.
        let newest = history.seqs().last().copied().unwrap();
        let mut bytes = fs::read(history.path(newest)).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(history.path(newest), &bytes).unwrap();
        assert_eq!(history.latest(), None);
        let head = format!("{MAGIC_4}\nadded rung 2\n2026-11-22T18:30:00+01:00\nabsent\n{}\n0 0\n", "0".repeat(32));
        let v4 = format!("{head}{:032x}\nold middle", checksum(head.as_bytes(), b"old middle"));
        let record = Record::parse(7, v4.as_bytes()).expect("a record of the version before still reads");
        assert_eq!((record.middle.as_slice(), record.forward), (&b"old middle"[..], None));
        fs::write(history.path(newest), v4).unwrap();
        assert_eq!(history.latest(), None, "a text not given again is not known");
    }

    #[test]
    fn where_a_fold_s_copies_went_is_kept_beside_its_record_and_forgotten_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::of(dir.path(), &dir.path().join("l.toml")).unwrap();
        let path = history.push(Record::new(Some(b"a\n"), &[b"a\nb\n"], None)).unwrap();
        let moved = [("l (conflicted copy).toml".to_string(), "l (conflicted copy).toml.1".to_string())];
        History::note_moved(&path, &moved);
        let record = history.newest().unwrap();
        assert_eq!(history.moved(&record), moved);
        assert!(!history.damaged(), "the note is no record");
        history.forget(&record);
        assert!(history.moved(&record).is_empty());
        assert_eq!(fs::read_dir(&history.dir).unwrap().count(), 0);
    }

    #[test]
    fn an_encrypted_ladder_s_history_is_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let sealed = dir.path().join("l.toml.age");
        let public = age::x25519::Identity::generate().to_public().to_string();
        fs::write(super::super::crypt::recipients_path(&sealed), format!("{public}\n")).unwrap();
        let history = History::of(&state, &sealed).unwrap();
        history.keep_latest(&[b"ask Zanzibar"]);
        let kept = fs::read(history.dir.join(LATEST)).unwrap();
        assert!(super::super::crypt::is_sealed(&kept), "the copy of the last text is encrypted");
    }
}
