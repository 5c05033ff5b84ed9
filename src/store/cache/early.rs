//! `done`'s snapshot: read on a thread of its own before the file it may be of, its attempts decoded there
//! while the command saves, and written again with the new attempt's bytes added (`save_appended`).

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::{
    Answers, Fingerprint, HEAD, Parts, Quick, SUMS, Snapshot, SnapshotRef, is_head_of, open_any, snapshot_path, write,
};
use crate::file::Layout;
use crate::model::{Attempt, Ladder};
use crate::store::format::attempt_block;
use crate::store::private;

/// A snapshot read and decoded on a thread of its own before the file it may be of is read (`load_early`), for
/// a command that adds attempts to the journal (`done`). On years of use the attempts' decoding is 2 ms, the
/// longest step of a `done` before its save; nothing of the save needs them, and begun before the file is read,
/// it is over about when the save is.
pub struct Early {
    head: mpsc::Receiver<Head>,
    thread: thread::JoinHandle<Option<Vec<Attempt>>>,
    /// Set once the snapshot is found to be of another text: its attempts are not wanted.
    unwanted: Arc<AtomicBool>,
}

/// What a snapshot is of and the ladder in it but its attempts: sent by `load_early`'s thread as soon as it
/// has them, before it decodes the attempts.
struct Head {
    /// The snapshot's head up to its checksums: the text it is of (`Parts::is_of`).
    of: Vec<u8>,
    ladder: Ladder,
    layout: Layout,
    last_id: u32,
    kept: Kept,
}

/// The bytes of a snapshot, and where its attempts' block starts in them.
pub struct Kept {
    data: Arc<Vec<u8>>,
    block_at: usize,
}

/// The attempts of a snapshot's ladder, being decoded on a thread of their own (`Early`).
pub struct Coming {
    thread: thread::JoinHandle<Option<Vec<Attempt>>>,
    /// The highest attempt ID among them (0 for none).
    pub last_id: u32,
    /// The snapshot they are read from, to be written again with attempts added (`save_appended`).
    kept: Kept,
}

impl Coming {
    /// The attempts, once decoded; `None` if they could not be, which the block's checksum makes a mistake of
    /// `ladder`'s own.
    pub fn wait(self) -> (Option<Vec<Attempt>>, Kept) {
        (self.thread.join().ok().flatten(), self.kept)
    }
}

/// Starts reading the snapshot of the ladder at `target`, whatever text it is of, on a thread of its own.
pub fn load_early(dir: Option<&Path>, target: &Path) -> Option<Early> {
    let dir = dir.filter(|dir| !crate::store::crypt::is_sealed_path(target) && private::is_private_dir(dir))?;
    let path = snapshot_path(dir, target);
    let target = target.to_path_buf();
    let (send, head) = mpsc::sync_channel(1);
    let unwanted = Arc::new(AtomicBool::new(false));
    let given_up = Arc::clone(&unwanted);
    let read = move || {
        // The head first: a snapshot of a text of another length (after most hand edits) is not read further.
        let mut snapshot = private::open_regular(&path, false).ok()?;
        let mut data = Vec::new();
        (&mut snapshot).take(HEAD as u64).read_to_end(&mut data).ok()?;
        let len = SUMS - 4;
        let file_len = std::fs::metadata(&target).ok()?.len();
        if data.get(len - 8..len) != Some(&file_len.to_le_bytes()[..]) {
            return None;
        }
        snapshot.read_to_end(&mut data).ok()?;
        let parts = open_any(&data).filter(Parts::whole)?;
        let of = parts.head.to_vec();
        let (snapshot, block) = postcard::take_from_bytes::<Snapshot>(parts.rest).ok()?;
        let last_id = attempt_block::last_id(block)?;
        let block_at = data.len() - block.len();
        let data = Arc::new(data);
        let kept = Kept { data: Arc::clone(&data), block_at };
        send.send(Head { of, ladder: snapshot.ladder, layout: snapshot.layout, last_id, kept }).ok()?;
        // The command waits for the head; placed on the command's core (a virtual machine whose other core
        // slept), this thread went on decoding for its whole time slice first: timing marks showed the command
        // going on 2 ms after the head was sent, in about half the runs. Yielding lets it go on at once.
        thread::yield_now();
        attempt_block::decode_while(&data[block_at..], &|| !given_up.load(Ordering::Relaxed))
    };
    let thread = thread::Builder::new().spawn(read).ok()?;
    Some(Early { head, thread, unwanted })
}

impl Early {
    /// The ladder but its attempts and its layout, and the attempts still coming, if this is a whole snapshot
    /// of `file`; else nothing, and the thread gives up.
    pub fn of(self, file: Fingerprint) -> Option<(Ladder, Layout, Coming)> {
        let head = self.head.recv().ok().filter(|head| is_head_of(&head.of, file));
        let Some(head) = head else {
            self.unwanted.store(true, Ordering::Relaxed);
            return None;
        };
        Some((head.ladder, head.layout, Coming { thread: self.thread, last_id: head.last_id, kept: head.kept }))
    }
}

/// Keeps a snapshot of `ladder` as the file with fingerprint `file`, where `ladder` is the ladder of the
/// snapshot `kept` with attempts added at the end of its journal and nothing else changed but the layout: its
/// bytes are written again as they are, with the new attempts' after them (`appended`), rather than encoded
/// anew (on years of use 10,000 attempts, 0.7 MB). The same bytes as `save` writes.
pub fn save_appended(
    dir: Option<&Path>,
    target: &Path,
    file: Fingerprint,
    (ladder, layout): (&Ladder, Layout),
    kept: &Kept,
    answers: Option<Answers>,
) {
    let dir = dir.filter(|_| !crate::store::crypt::is_sealed_path(target));
    let Some(path) = dir.map(|dir| snapshot_path(dir, target)) else { return };
    let Ok(rest) = postcard::to_stdvec(&SnapshotRef { ladder, layout }) else { return };
    let mut room = Vec::new();
    let Some(block) = attempt_block::appended(&kept.data[kept.block_at..], &ladder.attempts, &mut room) else { return };
    let quick = answers.map_or_else(Quick::default, |answers| (answers.work_out)(ladder, answers.at));
    let Ok(quick) = postcard::to_stdvec(&quick) else { return };
    let Ok(quick_len) = u32::try_from(quick.len()) else { return };
    let mut sum = Xxh3::new();
    sum.update(&rest);
    for piece in block {
        sum.update(piece);
    }
    let mut head = file.head(quick_len);
    head.extend_from_slice(&xxh3_64(&quick).to_le_bytes());
    head.extend_from_slice(&sum.digest().to_le_bytes());
    let pieces: Vec<&[u8]> = [&head[..], &quick, &rest].into_iter().chain(block).collect();
    let _ = write(&path, &pieces);
}
