//! Identities that survive two devices: every rung, attempt, hesitation and gift carries a `uid`, ten
//! base32 characters, so that a merge can tell "the same entry, changed" from "two entries that happen to
//! share an ID".

use chrono::{DateTime, FixedOffset};
use xxhash_rust::xxh3::xxh3_64;

/// Characters in a uid.
pub const LEN: usize = 10;
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// The uid an entry written before uids existed gets: derived from what it is, so that two devices that
/// each upgrade the same old file give its entries the same uids, and a merge sees them as one.
pub fn derived(kind: &str, parts: &[&str]) -> String {
    let mut text = String::from(kind);
    for part in parts {
        text.push('\u{0}');
        text.push_str(part);
    }
    encode(xxh3_64(text.as_bytes()))
}

/// The derived uid of a rung (`derived`, from what the file holds of it).
pub fn of_rung(id: u32, ask: &str) -> String {
    derived("rung", &[&id.to_string(), ask])
}

/// The derived uid of an attempt.
pub fn of_attempt(id: u32, rung: u32, at: &DateTime<FixedOffset>) -> String {
    derived("attempt", &[&id.to_string(), &rung.to_string(), &at.to_rfc3339()])
}

/// The derived uid of a hesitation.
pub fn of_hesitation(id: u32, at: &DateTime<FixedOffset>, text: &str) -> String {
    derived("hesitation", &[&id.to_string(), &at.to_rfc3339(), text])
}

/// The derived uid of help given.
pub fn of_gift(id: u32, at: &DateTime<FixedOffset>, to: &str, text: &str) -> String {
    derived("gave", &[&id.to_string(), &at.to_rfc3339(), to, text])
}

/// A uid from 50 of `bits` (the store draws them at random for each new entry: `store::new_uid`).
pub fn encode(mut bits: u64) -> String {
    let mut uid = String::with_capacity(LEN);
    for _ in 0..LEN {
        uid.push(char::from(ALPHABET[usize::try_from(bits & 31).unwrap_or(0)]));
        bits >>= 5;
    }
    uid
}

/// Whether `text` can be a uid: what `ladder` writes, or anything a person typed that is one short word.
pub fn valid(text: &str) -> bool {
    (1..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_ten_base32_characters() {
        let (a, b) = (encode(0x1234_5678_9abc), encode(0x1234_5678_9abd));
        assert_eq!(a.len(), LEN);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)), "{a}");
        assert_ne!(a, b);
        assert!(valid(&a));
    }

    #[test]
    fn a_derived_uid_depends_only_on_what_the_entry_is() {
        assert_eq!(derived("rung", &["1", "Ask"]), derived("rung", &["1", "Ask"]));
        assert_ne!(derived("rung", &["1", "Ask"]), derived("attempt", &["1", "Ask"]));
        assert_ne!(derived("rung", &["1", "Ask"]), derived("rung", &["1A", "sk"]));
        assert!(!valid("") && !valid("a b") && !valid("\"x\""));
    }
}
