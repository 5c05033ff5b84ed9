//! How a snapshot keeps the ladder (see `cache/mod.rs`): the model's own serde shape, but with its dates and
//! moments written in a binary form of the store's, exact and quick to rebuild. The model knows nothing of it:
//! the types that hold a date are mirrored here (serde's `remote`), field for field; the compiler holds each
//! mirror to its type, and `the_snapshot_schema_is_pinned` (in `cache/mod.rs`) to the bytes.

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

    pub const LEN: usize = 18;

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&to_bytes(at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let bytes = <&[u8]>::deserialize(d)?;
        let bytes: &[u8; LEN] = bytes.try_into().map_err(|_| serde::de::Error::custom("not a moment"))?;
        from_bytes(bytes).ok_or_else(|| serde::de::Error::custom("not a moment"))
    }

    /// The moment's 18 bytes.
    pub fn to_bytes(at: &DateTime<FixedOffset>) -> [u8; LEN] {
        let utc = at.naive_utc();
        let mut bytes = [0; LEN];
        bytes[0..4].copy_from_slice(&utc.year().to_le_bytes());
        bytes[4..6].copy_from_slice(&u16::try_from(utc.ordinal()).unwrap_or(0).to_le_bytes());
        bytes[6..10].copy_from_slice(&utc.num_seconds_from_midnight().to_le_bytes());
        bytes[10..14].copy_from_slice(&utc.nanosecond().to_le_bytes());
        bytes[14..18].copy_from_slice(&at.offset().local_minus_utc().to_le_bytes());
        bytes
    }

    /// The moment of `to_bytes`, if they are one.
    pub fn from_bytes(bytes: &[u8; LEN]) -> Option<DateTime<FixedOffset>> {
        let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let day =
            NaiveDate::from_yo_opt(i32::from_le_bytes(word(0)), u32::from(u16::from_le_bytes([bytes[4], bytes[5]])));
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(u32::from_le_bytes(word(6)), u32::from_le_bytes(word(10)));
        match (day, time, FixedOffset::east_opt(i32::from_le_bytes(word(14)))) {
            (Some(day), Some(time), Some(offset)) => {
                Some(DateTime::from_naive_utc_and_offset(NaiveDateTime::new(day, time), offset))
            }
            _ => None,
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
        // The snapshot keeps the attempts as a block (`attempt_block`): their serde form serves `fields` alone.
        #[allow(dead_code)]
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

            /// One entry's fields, by name, to compare field by field (`copies::Candidate`; not needed for
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
    /// Written after the rest, by hand (`attempt_block`).
    #[serde(skip)]
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

/// The attempts, which are most of a long ladder, as one block of bytes and one block of text, written and read
/// by hand: field by field through serde, decoding them was 12.4 of a warm years-of-use `next`'s 21.4 million
/// instructions (callgrind), about 500 for each attempt's fields and 370 for each of its texts.
///
/// Each attempt in `fixed`: ID and rung (4 bytes each), the moment (18, as `moment`), the outcome (1), which
/// optional values are there (2, `HAS_*`), the seven small numbers and how it was asked (8, 0 when absent),
/// then the byte lengths of its uid, note and what was learned, and the counts of what it used and dropped,
/// followed by each of those texts' lengths (each as `put_len` writes it). The texts follow one another in `texts`.
///
/// The block ends the snapshot (`cache::encode`): the count of attempts, then `fixed` and then `texts`, each
/// as its length and its bytes (the count and lengths as `put_len` writes them). Their sizes are worked out
/// first, so that each byte is written once, where it stays: built in buffers of their own and then copied
/// into the snapshot's by postcard, their 0.66 MB on years of use were written twice, in pages touched for the
/// first time twice (160 page faults more, on the way to the end of a cold read, which waits for its snapshot).
pub mod attempt_block {
    use super::{Attempt, Expectancy, How, Outcome, moment};

    const HAS_BEFORE: u16 = 1;
    const HAS_AFTER: u16 = 1 << 1;
    const HAS_PEAK: u16 = 1 << 2;
    const HAS_FEAR: u16 = 1 << 3;
    const FEAR_HAPPENED: u16 = 1 << 4;
    const HAS_THANKED: u16 = 1 << 5;
    const THANKED: u16 = 1 << 6;
    const HAS_LIKELY_BEFORE: u16 = 1 << 7;
    const HAS_BAD_BEFORE: u16 = 1 << 8;
    const HAS_LIKELY_AFTER: u16 = 1 << 9;
    const HAS_BAD_AFTER: u16 = 1 << 10;
    const HAS_HOW: u16 = 1 << 11;
    const HAS_NOTE: u16 = 1 << 12;
    const HAS_LEARNED: u16 = 1 << 13;

    /// The bytes of an attempt in `fixed` before the lengths of its texts.
    const FIXED: usize = 4 + 4 + moment::LEN + 1 + 2 + 8;

    /// A length or a count, seven bits a byte, low bits first, the top bit set on every byte but the last: most
    /// are 0 or a few dozen, one byte. As four bytes each, a years-of-use snapshot was 850 KB rather than 700,
    /// and writing it (on the critical path of a cold read, which waits for it) cost the more.
    fn put_len(out: &mut Vec<u8>, n: usize) {
        let mut n = n;
        while n >= 0x80 {
            out.push(u8::try_from(n & 0x7f).unwrap_or(0) | 0x80);
            n >>= 7;
        }
        out.push(u8::try_from(n).unwrap_or(0));
    }

    /// How many bytes `put_len` writes for `n`.
    fn len_of_len(n: usize) -> usize {
        let mut len = 1;
        let mut n = n >> 7;
        while n > 0 {
            len += 1;
            n >>= 7;
        }
        len
    }

    /// Appends the block of `attempts` to `out`.
    pub fn encode(attempts: &[Attempt], out: &mut Vec<u8>) {
        let (mut fixed_len, mut texts_len) = (0, 0);
        for a in attempts {
            let (note, learned) = (a.note.as_deref().unwrap_or(""), a.learned.as_deref().unwrap_or(""));
            fixed_len += FIXED + len_of_len(a.used.len()) + len_of_len(a.dropped.len());
            for text in
                [a.uid.as_str(), note, learned].into_iter().chain(a.used.iter().chain(&a.dropped).map(String::as_str))
            {
                fixed_len += len_of_len(text.len());
                texts_len += text.len();
            }
        }
        out.reserve(3 * len_of_len(usize::MAX) + fixed_len + texts_len);
        put_len(out, attempts.len());
        put_len(out, fixed_len);
        for a in attempts {
            let e = &a.expected;
            let mut has = 0;
            for (present, bit) in [
                (a.before.is_some(), HAS_BEFORE),
                (a.after.is_some(), HAS_AFTER),
                (a.peak.is_some(), HAS_PEAK),
                (a.fear_happened.is_some(), HAS_FEAR),
                (a.fear_happened == Some(true), FEAR_HAPPENED),
                (a.thanked.is_some(), HAS_THANKED),
                (a.thanked == Some(true), THANKED),
                (e.likely_before.is_some(), HAS_LIKELY_BEFORE),
                (e.bad_before.is_some(), HAS_BAD_BEFORE),
                (e.likely_after.is_some(), HAS_LIKELY_AFTER),
                (e.bad_after.is_some(), HAS_BAD_AFTER),
                (a.how.is_some(), HAS_HOW),
                (a.note.is_some(), HAS_NOTE),
                (a.learned.is_some(), HAS_LEARNED),
            ] {
                if present {
                    has |= bit;
                }
            }
            let outcome = Outcome::ALL.iter().position(|o| *o == a.outcome).unwrap_or(0);
            let how = a.how.and_then(|h| How::ALL.iter().position(|x| *x == h)).unwrap_or(0);
            out.extend_from_slice(&a.id.to_le_bytes());
            out.extend_from_slice(&a.rung.to_le_bytes());
            out.extend_from_slice(&moment::to_bytes(&a.at));
            out.push(u8::try_from(outcome).unwrap_or(0));
            out.extend_from_slice(&has.to_le_bytes());
            let small = [a.before, a.after, a.peak, e.likely_before, e.bad_before, e.likely_after, e.bad_after];
            out.extend(small.map(|n| n.unwrap_or(0)));
            out.push(u8::try_from(how).unwrap_or(0));
            let (note, learned) = (a.note.as_deref().map_or(0, str::len), a.learned.as_deref().map_or(0, str::len));
            for n in [a.uid.len(), note, learned, a.used.len(), a.dropped.len()] {
                put_len(out, n);
            }
            for text in a.used.iter().chain(&a.dropped) {
                put_len(out, text.len());
            }
        }
        put_len(out, texts_len);
        for a in attempts {
            let (note, learned) = (a.note.as_deref().unwrap_or(""), a.learned.as_deref().unwrap_or(""));
            for text in [a.uid.as_str(), note, learned] {
                out.extend_from_slice(text.as_bytes());
            }
            for text in a.used.iter().chain(&a.dropped) {
                out.extend_from_slice(text.as_bytes());
            }
        }
    }

    /// Reads the block front to back; `None` at anything that does not fit.
    struct Reader<'a> {
        fixed: &'a [u8],
        texts: &'a str,
    }

    impl<'a> Reader<'a> {
        fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
            let (head, rest) = self.fixed.split_first_chunk::<N>()?;
            self.fixed = rest;
            Some(*head)
        }

        /// A length or count written by `put_len`.
        fn number(&mut self) -> Option<usize> {
            let mut n: usize = 0;
            for shift in (0..usize::BITS).step_by(7) {
                let [byte] = self.bytes::<1>()?;
                n |= usize::from(byte & 0x7f).checked_shl(shift)?;
                if byte & 0x80 == 0 {
                    return Some(n);
                }
            }
            None
        }

        fn text(&mut self, len: usize) -> Option<&'a str> {
            // Checked as text once, as a whole; each text is a slice of it, checked to start and end on a
            // character's edge.
            let text = self.texts.get(..len)?;
            self.texts = self.texts.get(len..)?;
            Some(text)
        }

        fn attempt(&mut self) -> Option<Attempt> {
            let id = u32::from_le_bytes(self.bytes()?);
            let rung = u32::from_le_bytes(self.bytes()?);
            let at = moment::from_bytes(&self.bytes::<{ moment::LEN }>()?)?;
            let outcome = *Outcome::ALL.get(usize::from(self.bytes::<1>()?[0]))?;
            let has = u16::from_le_bytes(self.bytes()?);
            let [before, after, peak, likely_before, bad_before, likely_after, bad_after, how] = self.bytes::<8>()?;
            let some = |bit: u16, n: u8| (has & bit != 0).then_some(n);
            let yes_no = |bit: u16, yes: u16| (has & bit != 0).then_some(has & yes != 0);
            let how = match has & HAS_HOW {
                0 => None,
                _ => Some(*How::ALL.get(usize::from(how))?),
            };
            let [uid, note, learned, used, dropped] =
                [self.number()?, self.number()?, self.number()?, self.number()?, self.number()?];
            let uid = self.text(uid)?.to_string();
            let note = self.text(note)?;
            let learned = self.text(learned)?;
            // The lengths come in the order of the texts: no list of them is made (nor one split in two).
            let mut texts = |n: usize| -> Option<Vec<String>> {
                // Each text's length takes a byte at least: a count no block could hold is not believed.
                let mut list = Vec::with_capacity(n.min(self.fixed.len()));
                for _ in 0..n {
                    let len = self.number()?;
                    list.push(self.text(len)?.to_string());
                }
                Some(list)
            };
            let (texts, dropped) = (texts(used)?, texts(dropped)?);
            Some(Attempt {
                id,
                uid,
                rung,
                at,
                outcome,
                before: some(HAS_BEFORE, before),
                after: some(HAS_AFTER, after),
                note: (has & HAS_NOTE != 0).then(|| note.to_string()),
                fear_happened: yes_no(HAS_FEAR, FEAR_HAPPENED),
                thanked: yes_no(HAS_THANKED, THANKED),
                learned: (has & HAS_LEARNED != 0).then(|| learned.to_string()),
                used: texts,
                dropped,
                peak: some(HAS_PEAK, peak),
                expected: Expectancy {
                    likely_before: some(HAS_LIKELY_BEFORE, likely_before),
                    bad_before: some(HAS_BAD_BEFORE, bad_before),
                    likely_after: some(HAS_LIKELY_AFTER, likely_after),
                    bad_after: some(HAS_BAD_AFTER, bad_after),
                },
                how,
            })
        }
    }

    /// The count of attempts, their fixed part and their texts' bytes, of the block that is the whole of `data`.
    fn parts(data: &[u8]) -> Option<(usize, &[u8], &[u8])> {
        let mut head = Reader { fixed: data, texts: "" };
        let count = head.number()?;
        let len = head.number()?;
        let (fixed, rest) = head.fixed.split_at_checked(len)?;
        let mut head = Reader { fixed: rest, texts: "" };
        let len = head.number()?;
        (head.fixed.len() == len).then_some((count, fixed, head.fixed))
    }

    /// The attempts of the block that is the whole of `data`; `None` at anything that does not fit.
    pub fn decode(data: &[u8]) -> Option<Vec<Attempt>> {
        decode_while(data, &|| true)
    }

    /// `decode`, given up (`None`) as soon as `wanted` says they are not, asked every 1,024 attempts.
    pub fn decode_while(data: &[u8], wanted: &dyn Fn() -> bool) -> Option<Vec<Attempt>> {
        let (count, fixed, texts) = parts(data)?;
        let texts = std::str::from_utf8(texts).ok()?;
        // Each attempt takes at least 42 bytes: a count no block could hold is not believed. One more, for
        // the attempt a `done` adds.
        let mut attempts = Vec::with_capacity(count.min(fixed.len() / 42) + 1);
        let mut reader = Reader { fixed, texts };
        for n in 0..count {
            if n % 1024 == 1023 && !wanted() {
                return None;
            }
            attempts.push(reader.attempt()?);
        }
        (reader.fixed.is_empty() && reader.texts.is_empty()).then_some(attempts)
    }

    /// The block of `attempts`, whose first are those of the block `old` (the rest were added after them), as
    /// six pieces to write one after the other, `old`'s bytes among them as they are: the same bytes as `encode`
    /// writes for all of them, with nothing the size of the block copied. `room` holds the new bytes.
    pub fn appended<'a>(old: &'a [u8], attempts: &[Attempt], room: &'a mut Vec<u8>) -> Option<[&'a [u8]; 6]> {
        let (count, fixed, texts) = parts(old)?;
        let added = attempts.get(count..)?;
        let mut block = Vec::new();
        encode(added, &mut block);
        let (added_count, added_fixed, added_texts) = parts(&block)?;
        room.clear();
        put_len(room, count.checked_add(added_count)?);
        put_len(room, fixed.len().checked_add(added_fixed.len())?);
        let counts = room.len();
        room.extend_from_slice(added_fixed);
        let before_texts = room.len();
        put_len(room, texts.len().checked_add(added_texts.len())?);
        let texts_len = room.len();
        room.extend_from_slice(added_texts);
        let room: &'a [u8] = room;
        Some([
            &room[..counts],
            fixed,
            &room[counts..before_texts],
            &room[before_texts..texts_len],
            texts,
            &room[texts_len..],
        ])
    }

    /// The highest attempt ID in the block that is the whole of `data` (0 for none), read from the fixed part
    /// alone, nothing built: on years of use a few hundredths of the 2 ms `decode` takes.
    pub fn last_id(data: &[u8]) -> Option<u32> {
        let (count, fixed, _) = parts(data)?;
        let mut reader = Reader { fixed, texts: "" };
        let mut last = 0;
        for _ in 0..count {
            last = last.max(u32::from_le_bytes(reader.bytes()?));
            reader.fixed = reader.fixed.get(FIXED - 4..)?;
            let [_, _, _, used, dropped] =
                [reader.number()?, reader.number()?, reader.number()?, reader.number()?, reader.number()?];
            for _ in 0..used.checked_add(dropped)? {
                reader.number()?;
            }
        }
        reader.fixed.is_empty().then_some(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn block(attempts: &[Attempt]) -> Vec<u8> {
        let mut bytes = b"before".to_vec();
        attempt_block::encode(attempts, &mut bytes);
        bytes.split_off(6)
    }

    fn attempts() -> Vec<Attempt> {
        let at = DateTime::parse_from_rfc3339("2026-11-22T09:30:00.25-05:00").unwrap();
        let bare = Attempt { uid: "bare".into(), ..Attempt::new(7, 2, at, Outcome::NoAnswer) };
        let full = Attempt {
            id: u32::MAX,
            uid: "fülle".into(),
            rung: 0,
            at: at + Duration::days(400),
            outcome: Outcome::Partial,
            before: Some(0),
            after: Some(255),
            note: Some(String::new()),
            fear_happened: Some(false),
            thanked: Some(true),
            learned: Some("ça va, 質問".into()),
            used: vec!["a".into(), String::new(), "ß".into()],
            dropped: vec!["apologising".into()],
            peak: Some(100),
            expected: Expectancy {
                likely_before: Some(1),
                bad_before: None,
                likely_after: Some(0),
                bad_after: Some(9),
            },
            how: Some(How::Other),
        };
        let mut list = vec![bare.clone(), full.clone()];
        for (i, outcome) in Outcome::ALL.into_iter().enumerate() {
            let how = How::ALL.get(i).copied();
            list.push(Attempt { outcome, how, fear_happened: Some(true), thanked: Some(false), ..full.clone() });
        }
        list.push(Attempt { how: Some(How::ALL[4]), note: Some("n".into()), ..bare.clone() });
        // Lengths of one, two and three bytes as `put_len` writes them.
        let long = |n: usize| "é".repeat(n / 2);
        list.push(Attempt { note: Some(long(200)), learned: Some(long(70_000)), used: vec![long(128)], ..bare });
        list
    }

    #[test]
    fn attempts_round_trip_exactly_as_a_block() {
        for list in [Vec::new(), attempts()] {
            assert_eq!(attempt_block::decode(&block(&list)), Some(list));
        }
    }

    #[test]
    fn a_block_with_attempts_appended_is_the_block_of_them_all() {
        let list = attempts();
        for split in 0..=list.len() {
            let (old, added) = list.split_at(split);
            let old = block(old);
            let mut room = Vec::new();
            let pieces = attempt_block::appended(&old, &list, &mut room).unwrap();
            assert_eq!(pieces.concat(), block(&list), "{split} then {}", added.len());
        }
    }

    #[test]
    fn the_last_id_is_the_highest_and_a_decode_no_longer_wanted_stops() {
        let list = attempts();
        assert_eq!(attempt_block::last_id(&block(&list)), Some(u32::MAX));
        assert_eq!(attempt_block::last_id(&block(&list[..1])), Some(7));
        assert_eq!(attempt_block::last_id(&block(&[])), Some(0));
        let many: Vec<Attempt> = (1..=3000).map(|id| Attempt { id, ..list[0].clone() }).collect();
        assert_eq!(attempt_block::last_id(&block(&many)), Some(3000));
        assert_eq!(attempt_block::decode_while(&block(&many), &|| false), None);
        assert_eq!(attempt_block::decode_while(&block(&many), &|| true), Some(many));
    }

    #[test]
    fn a_block_cut_short_or_changed_is_refused() {
        let bytes = block(&attempts());
        for end in 0..bytes.len() {
            assert!(attempt_block::decode(&bytes[..end]).is_none(), "cut at {end}");
            assert!(attempt_block::last_id(&bytes[..end]).is_none(), "cut at {end}");
        }
        assert!(attempt_block::decode(&[&bytes[..], b"x"].concat()).is_none(), "with more after it");
        // Any byte changed: refused, or read as some attempts, never a panic.
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0xa5;
            let _ = attempt_block::decode(&changed);
        }
    }
}
