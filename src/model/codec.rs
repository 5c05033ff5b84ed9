//! How the model's dates and moments are kept in a snapshot: exact, and quick to rebuild.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

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
