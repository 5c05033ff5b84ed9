//! How a snapshot keeps the ladder (see `cache.rs`): the model's own serde shape, but with its dates and
//! moments written in a binary form of the store's, exact and quick to rebuild. The model knows nothing of it:
//! the types that hold a date are mirrored here (serde's `remote`), field for field; the compiler holds each
//! mirror to its type, and `the_snapshot_schema_is_pinned` (in `cache.rs`) to the bytes.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{
    Attempt, Conflict, Expectancy, Forgotten, Gift, Hesitation, How, Ladder, MovedId, Outcome, Rung, Settings,
};

/// A moment as its UTC day (year and day of the year), second of that day, nanosecond and UTC offset: exact,
/// and rebuilt without calendar arithmetic, which a snapshot of 30,000 attempts would feel. The five numbers
/// are kept as one run of 18 bytes: written one number at a time, moments were half the cost of writing a
/// snapshot (callgrind, years-of-use ladder: 2.6 of 5.8 million instructions).
pub mod moment {
    use super::{DateTime, Datelike, Deserialize, Deserializer, FixedOffset, NaiveDate, Serializer};
    use chrono::{NaiveDateTime, NaiveTime, Timelike};

    const LEN: usize = 18;

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        let utc = at.naive_utc();
        let mut bytes = [0; LEN];
        bytes[0..4].copy_from_slice(&utc.year().to_le_bytes());
        bytes[4..6].copy_from_slice(&u16::try_from(utc.ordinal()).unwrap_or(0).to_le_bytes());
        bytes[6..10].copy_from_slice(&utc.num_seconds_from_midnight().to_le_bytes());
        bytes[10..14].copy_from_slice(&utc.nanosecond().to_le_bytes());
        bytes[14..18].copy_from_slice(&at.offset().local_minus_utc().to_le_bytes());
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let bytes = <&[u8]>::deserialize(d)?;
        let bytes: &[u8; LEN] = bytes.try_into().map_err(|_| serde::de::Error::custom("not a moment"))?;
        let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let day =
            NaiveDate::from_yo_opt(i32::from_le_bytes(word(0)), u32::from(u16::from_le_bytes([bytes[4], bytes[5]])));
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(u32::from_le_bytes(word(6)), u32::from_le_bytes(word(10)));
        match (day, time, FixedOffset::east_opt(i32::from_le_bytes(word(14)))) {
            (Some(day), Some(time), Some(offset)) => {
                Ok(DateTime::from_naive_utc_and_offset(NaiveDateTime::new(day, time), offset))
            }
            _ => Err(serde::de::Error::custom("not a moment")),
        }
    }
}

/// An optional day as its year and day of the year.
pub mod day {
    use super::{Datelike, Deserialize, Deserializer, NaiveDate, Serializer};

    #[allow(clippy::ref_option)] // serde's `with` passes a reference to the field
    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(d) => s.serialize_some(&(d.year(), d.ordinal())),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<(i32, u32)>::deserialize(d)? {
            Some((year, ordinal)) => {
                NaiveDate::from_yo_opt(year, ordinal).map(Some).ok_or_else(|| serde::de::Error::custom("not a day"))
            }
            None => Ok(None),
        }
    }
}

/// A `Vec` of a mirrored type, written as serde writes any sequence.
macro_rules! seq {
    ($module:ident, $ty:ty, $mirror:literal) => {
        pub mod $module {
            use super::*;

            #[derive(Serialize)]
            struct Out<'a>(#[serde(with = $mirror)] &'a $ty);

            #[derive(Deserialize)]
            struct In(#[serde(with = $mirror)] $ty);

            pub fn serialize<S: Serializer>(items: &[$ty], s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(items.iter().map(Out))
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<$ty>, D::Error> {
                Ok(Vec::<In>::deserialize(d)?.into_iter().map(|In(item)| item).collect())
            }

            /// One entry's fields, by name, to compare field by field (`copies::descends`; not needed for
            /// forgotten entries and moved IDs).
            #[allow(dead_code)]
            pub fn fields(item: &$ty) -> serde_json::Value {
                serde_json::to_value(Out(item)).unwrap_or_default()
            }
        }
    };
}

seq!(rungs, Rung, "RungDef");
seq!(attempts, Attempt, "AttemptDef");
seq!(hesitations, Hesitation, "HesitationDef");
seq!(gifts, Gift, "GiftDef");
seq!(forgotten, Forgotten, "ForgottenDef");
seq!(moved, MovedId, "MovedIdDef");

/// The ladder, as a snapshot keeps it.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Ladder")]
pub struct LadderDef {
    settings: Settings,
    #[serde(with = "rungs")]
    rungs: Vec<Rung>,
    #[serde(with = "attempts")]
    attempts: Vec<Attempt>,
    #[serde(with = "hesitations")]
    hesitations: Vec<Hesitation>,
    #[serde(with = "gifts")]
    gifts: Vec<Gift>,
    last_rung_id: u32,
    last_attempt_id: u32,
    conflicts: Vec<Conflict>,
    #[serde(with = "forgotten")]
    forgotten: Vec<Forgotten>,
    #[serde(with = "moved")]
    moved: Vec<MovedId>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "MovedId")]
struct MovedIdDef {
    what: String,
    from: u32,
    to: u32,
    #[serde(with = "day")]
    on: Option<NaiveDate>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Forgotten")]
struct ForgottenDef {
    uid: String,
    #[serde(with = "day")]
    on: Option<NaiveDate>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Rung")]
struct RungDef {
    id: u32,
    uid: String,
    ask: String,
    stakes: u8,
    who: Option<String>,
    tags: Vec<String>,
    #[serde(with = "day")]
    created: Option<NaiveDate>,
    fear: Option<String>,
    chance: Option<u8>,
    #[serde(with = "day")]
    planned: Option<NaiveDate>,
    place: Option<String>,
    safety: Vec<String>,
    before: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Attempt")]
struct AttemptDef {
    id: u32,
    uid: String,
    rung: u32,
    #[serde(with = "moment")]
    at: DateTime<FixedOffset>,
    outcome: Outcome,
    before: Option<u8>,
    after: Option<u8>,
    note: Option<String>,
    fear_happened: Option<bool>,
    thanked: Option<bool>,
    learned: Option<String>,
    used: Vec<String>,
    dropped: Vec<String>,
    peak: Option<u8>,
    expected: Expectancy,
    how: Option<How>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Hesitation")]
struct HesitationDef {
    id: u32,
    uid: String,
    #[serde(with = "moment")]
    at: DateTime<FixedOffset>,
    text: String,
    story: Option<String>,
    stakes: Option<u8>,
    rung: Option<u32>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Gift")]
struct GiftDef {
    id: u32,
    uid: String,
    #[serde(with = "moment")]
    at: DateTime<FixedOffset>,
    to: String,
    text: String,
}
