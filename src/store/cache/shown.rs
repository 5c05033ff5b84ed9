//! What read commands printed, kept beside the snapshot (`<key>.shown`) so that a warm `next` or `progress`
//! prints again without decoding the ladder.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::{Fingerprint, Sight, snapshot_path, write_aside};
use crate::store::private;

/// Where what read commands showed for the file is kept (see `shown`), beside its snapshot.
pub(super) fn shown_path(current: &Path) -> PathBuf {
    current.with_extension("shown")
}

const SHOWN_MAGIC: &[u8; 8] = b"ladshow\n";
/// Magic, schema, the program's version, the file's hash and length, then a checksum of the rest.
const SHOWN_HEAD: usize = SHOWN_MAGIC.len() + 4 + 8 + 16 + 8 + 8;
/// How many views of one file are kept: `next`, `progress`, with and without `--json`, and a few more.
const SHOWN_KEPT: usize = 8;

/// What a read command printed for a file, and the stretch of time through which it would print it again.
/// Kept so that a warm `next` or `progress` prints without decoding the ladder: on the years-of-use ladder of
/// `bench/`, decoding the snapshot was 12.8 of a warm `next`'s 21.4 million instructions (callgrind), and the
/// rules most of the rest; a warm read was 8x the cost of starting a process, and the target is 4x.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// Which command, with which options and painting, as the command words it: only the same is answered.
    pub view: String,
    /// The moments (seconds since 1970) from which and until which the text holds, and the UTC offset (in
    /// seconds) the command saw them from.
    pub from: i64,
    pub until: i64,
    pub offset: i32,
    /// The exit code and what was printed on standard output.
    pub code: u8,
    /// Text rather than bytes: postcard reads bytes in a `Vec` one at a time (1.5 million instructions for
    /// the 100 KB of a years-of-use `progress --json`), and text at once.
    pub text: String,
}

/// The views kept for the file with fingerprint `file`, if any: those of another text, another build, or
/// damaged, are none.
fn read_shown(dir: Option<&Path>, target: &Path, file: impl Sight) -> Option<Vec<Shown>> {
    let dir = dir.filter(|_| !crate::store::crypt::is_sealed_path(target));
    let dir = dir.filter(|dir| private::is_private_dir(dir))?;
    let path = shown_path(&snapshot_path(dir, target));
    let mut shown = private::open_regular(&path, false).ok()?;
    // The head first: after a hand edit or a change, what is kept is of another text, and not read further
    // (nor the file hashed, when that text had another length).
    let mut data = Vec::with_capacity(16 * 1024);
    (&mut shown).take(SHOWN_HEAD as u64).read_to_end(&mut data).ok()?;
    if data.get(SHOWN_HEAD - 16..SHOWN_HEAD - 8) != Some(&file.length().to_le_bytes()[..]) {
        return None;
    }
    if data.get(..SHOWN_HEAD - 8) != Some(&shown_head(file.get()?)[..]) {
        return None;
    }
    shown.read_to_end(&mut data).ok()?;
    let (head, rest) = data.split_at_checked(SHOWN_HEAD)?;
    if xxh3_64(rest).to_le_bytes() != head[SHOWN_HEAD - 8..] {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

fn shown_head(file: Fingerprint) -> Vec<u8> {
    file.made_by(SHOWN_MAGIC, SHOWN_HEAD)
}

/// What the command `view` printed for exactly the file with fingerprint `file`, when it holds at `at`
/// (seconds since 1970) seen from the UTC offset `offset`.
pub fn shown(dir: Option<&Path>, target: &Path, file: impl Sight, view: &str, at: i64, offset: i32) -> Option<Shown> {
    read_shown(dir, target, file)?
        .into_iter()
        .find(|s| s.view == view && s.offset == offset && s.from <= at && at < s.until)
}

/// Keeps what a command printed for the file with fingerprint `file`, beside the other views of the same text.
/// Best effort: errors are ignored.
pub fn keep_shown(dir: Option<&Path>, target: &Path, file: Fingerprint, shown: Shown) {
    let dir = dir.filter(|_| !crate::store::crypt::is_sealed_path(target));
    let Some(dir) = dir else { return };
    let mut kept = read_shown(Some(dir), target, file).unwrap_or_default();
    kept.retain(|s| s.view != shown.view);
    kept.push(shown);
    let extra = kept.len().saturating_sub(SHOWN_KEPT);
    kept.drain(..extra);
    let Ok(rest) = postcard::to_stdvec(&kept) else { return };
    let mut data = shown_head(file);
    data.extend_from_slice(&xxh3_64(&rest).to_le_bytes());
    data.extend_from_slice(&rest);
    let path = shown_path(&snapshot_path(dir, target));
    let _ = write_aside(&path, &[&data], false);
}
