//! A snapshot of the parsed ladder, so that a command on an unchanged file skips the parse.
//!
//! One snapshot per ladder file, in the user's cache directory, keyed by a hash of the file's exact bytes:
//! a hand edit changes the bytes, so the snapshot stops matching and the file is read afresh. The TOML file
//! is the only truth. A snapshot that is missing, stale, damaged or from another version of `ladder` is not
//! used, and failing to write one is not an error: the next command just parses again.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::ladder::Ladder;

const MAGIC: &[u8; 8] = b"ladsnap\n";
/// Bumped whenever the model's shape changes; `the_snapshot_schema_is_pinned` below says when.
const SCHEMA: u32 = 1;
const HEAD: usize = MAGIC.len() + 4 + 16 + 8;

/// What is known about where text can be added to the file without a full edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Layout {
    /// The byte offset (in the text after any BOM) just past the last rung's table, when known exactly.
    pub rung_end: Option<u64>,
    /// Whether a `[[attempt]]`, `[[hesitation]]` or `[[gave]]` table can be appended to the end.
    pub journal: Journal,
}

/// For each journal kind: absent from the file, or written as `[[...]]` tables, so that another can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Journal {
    pub attempt: bool,
    pub hesitation: bool,
    pub gave: bool,
}

#[derive(Serialize, Deserialize)]
struct Snapshot {
    ladder: Ladder,
    layout: Layout,
}

/// The file's fingerprint: its exact bytes, hashed.
pub fn fingerprint(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// Where the snapshot of the ladder file at `target` lives, if there is a cache directory.
fn snapshot_path(target: &Path) -> Option<PathBuf> {
    let name = fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let key = xxh3_64(name.as_os_str().as_encoded_bytes());
    Some(dirs::cache_dir()?.join("ladder").join(format!("{key:016x}.snapshot")))
}

/// The ladder and layout of the file at `target`, if a snapshot of exactly `bytes` is there.
pub fn load(target: &Path, bytes: &[u8], hash: u128) -> Option<(Ladder, Layout)> {
    let data = fs::read(snapshot_path(target)?).ok()?;
    let (head, body) = data.split_at_checked(HEAD)?;
    let mut expected = Vec::with_capacity(HEAD);
    expected.extend_from_slice(MAGIC);
    expected.extend_from_slice(&SCHEMA.to_le_bytes());
    expected.extend_from_slice(&hash.to_le_bytes());
    expected.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    if head != expected {
        return None;
    }
    let snapshot: Snapshot = postcard::from_bytes(body).ok()?;
    Some((snapshot.ladder, snapshot.layout))
}

/// Keeps a snapshot of `ladder` as the file whose bytes hash to `hash`. Best effort: errors are ignored.
pub fn save(target: &Path, len: usize, hash: u128, ladder: &Ladder, layout: Layout) {
    let Some(path) = snapshot_path(target) else { return };
    let snapshot = Snapshot { ladder: ladder.clone(), layout };
    let Ok(body) = postcard::to_stdvec(&snapshot) else { return };
    let mut data = Vec::with_capacity(HEAD + body.len());
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&SCHEMA.to_le_bytes());
    data.extend_from_slice(&hash.to_le_bytes());
    data.extend_from_slice(&(len as u64).to_le_bytes());
    data.extend_from_slice(&body);
    let _ = write(&path, &data);
}

fn write(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::NotFound)?;
    crate::store::private_dir(dir)?;
    let mut temp = tempfile::Builder::new().prefix(".snapshot.").tempfile_in(dir)?;
    temp.write_all(data)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A moment as seconds since the epoch and its UTC offset: compact, and exact to the second.
pub mod moment {
    use super::{DateTime, Deserialize, Deserializer, FixedOffset, Serialize, Serializer, TimeZone};

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        (at.timestamp(), at.offset().local_minus_utc()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let (secs, offset) = <(i64, i32)>::deserialize(d)?;
        FixedOffset::east_opt(offset)
            .and_then(|o| o.timestamp_opt(secs, 0).single())
            .ok_or_else(|| serde::de::Error::custom("not a moment"))
    }
}

/// An optional day as a day number.
pub mod day {
    use super::{Datelike, Deserialize, Deserializer, NaiveDate, Serializer};

    #[allow(clippy::ref_option)] // serde's `with` passes a reference to the field
    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(d) => s.serialize_some(&d.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            Some(n) => {
                NaiveDate::from_num_days_from_ce_opt(n).map(Some).ok_or_else(|| serde::de::Error::custom("not a day"))
            }
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{Attempt, Gift, Hesitation, Outcome, Rung};

    fn sample() -> Ladder {
        let at = DateTime::parse_from_rfc3339("2026-11-22T09:30:00-05:00").unwrap();
        Ladder {
            rungs: vec![Rung {
                who: Some("Sam".into()),
                tags: vec!["work".into()],
                created: NaiveDate::from_ymd_opt(2026, 11, 21),
                fear: Some("a".into()),
                chance: Some(30),
                planned: NaiveDate::from_ymd_opt(2026, 12, 1),
                place: Some("b".into()),
                ..Rung::new(3, "Ask", 40)
            }],
            attempts: vec![Attempt {
                id: 1,
                rung: 3,
                at,
                outcome: Outcome::NoAnswer,
                before: Some(50),
                after: None,
                note: Some("n".into()),
                fear_happened: Some(false),
                thanked: Some(true),
            }],
            hesitations: vec![Hesitation { id: 1, at, text: "t".into(), story: None, stakes: Some(5), rung: Some(3) }],
            gifts: vec![Gift { id: 1, at, to: "Sam".into(), text: "g".into() }],
            last_rung_id: 4,
            last_attempt_id: 2,
            ..Ladder::default()
        }
    }

    #[test]
    fn a_snapshot_round_trips_exactly() {
        let snapshot = Snapshot {
            ladder: sample(),
            layout: Layout { rung_end: Some(7), journal: Journal { attempt: true, hesitation: false, gave: true } },
        };
        let bytes = postcard::to_stdvec(&snapshot).unwrap();
        let back: Snapshot = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.ladder, snapshot.ladder);
        assert_eq!(back.layout, snapshot.layout);
    }

    /// If this fails, the model changed shape: bump `SCHEMA` so old snapshots are not misread, then update
    /// the fingerprint here.
    #[test]
    fn the_snapshot_schema_is_pinned() {
        let bytes = postcard::to_stdvec(&Snapshot { ladder: sample(), layout: Layout::default() }).unwrap();
        assert_eq!((SCHEMA, format!("{:016x}", xxh3_64(&bytes))), (1, "5a41f2bf6b0e2591".to_string()));
    }
}
