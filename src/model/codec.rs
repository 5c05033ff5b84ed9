//! How the model's dates and moments are kept in a snapshot: exact, and quick to rebuild.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A moment as its UTC day (year and day of the year), second of that day, nanosecond and UTC offset: exact,
/// and rebuilt without calendar arithmetic, which a snapshot of 30,000 attempts would feel.
pub mod moment {
    use super::{DateTime, Datelike, Deserialize, Deserializer, FixedOffset, NaiveDate, Serialize, Serializer};
    use chrono::{NaiveDateTime, NaiveTime, Timelike};

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        let utc = at.naive_utc();
        let day = (utc.year(), utc.ordinal());
        (day, utc.num_seconds_from_midnight(), utc.nanosecond(), at.offset().local_minus_utc()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let ((year, ordinal), second, nano, offset) = <((i32, u32), u32, u32, i32)>::deserialize(d)?;
        let day = NaiveDate::from_yo_opt(year, ordinal);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(second, nano);
        match (day, time, FixedOffset::east_opt(offset)) {
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
