//! Merging: random divergent histories from a common base, merged in both orders. Nothing recorded is lost,
//! the result is the same whichever side is "ours", it reads, and merging it again changes nothing.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use ladder::file::edit;
use ladder::file::merge::{MergedText, canonical};
use ladder::model::{Attempt, Change, Entry, Gift, Hesitation, Ladder, Outcome, Rung};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// The merge of three texts, as `ladder merge` and a fold make it.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> Result<MergedText, ladder::error::Merge> {
    ladder::file::merge::merge_texts(base, ours, theirs, ladder::rules::merge::MERGES)
}

#[derive(Debug, Clone)]
pub enum Op {
    Add(u8),
    Done(Index),
    Edit(Index, u8, bool),
    Remove(Index),
    Hesitated,
    Gave,
    Thank(Index),
    Repeat(u32),
    Plan(Index, u8),
    Promote(Index, u8),
    ClearConflicts,
    Note(Index, u8),
    /// `ladder fix`: an attempt's day and distress after, set again.
    Fix(Index, u8),
    /// `ladder forget`: an attempt, or a hesitation when told so.
    Forget(Index, bool),
}

pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..=100).prop_map(Op::Add),
        4 => any::<Index>().prop_map(Op::Done),
        2 => (any::<Index>(), 0u8..=3, any::<bool>()).prop_map(|(i, s, w)| Op::Edit(i, s * 10, w)),
        1 => any::<Index>().prop_map(Op::Remove),
        1 => Just(Op::Hesitated),
        1 => Just(Op::Gave),
        1 => any::<Index>().prop_map(Op::Thank),
        1 => (1u32..4).prop_map(Op::Repeat),
        1 => (any::<Index>(), 0u8..3).prop_map(|(i, day)| Op::Plan(i, day)),
        1 => (any::<Index>(), 0u8..=100).prop_map(|(i, stakes)| Op::Promote(i, stakes)),
        1 => Just(Op::ClearConflicts),
        1 => (any::<Index>(), 0u8..3).prop_map(|(i, n)| Op::Note(i, n)),
        1 => (any::<Index>(), 0u8..3).prop_map(|(i, n)| Op::Fix(i, n)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(i, h)| Op::Forget(i, h)),
    ]
}

fn at(step: usize) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:00:00+01:00").unwrap()
        + chrono::Duration::minutes(i64::try_from(step % 7).unwrap())
}

/// `ops` made to `text` as `ladder` makes them, every new entry's uid starting with `side`.
pub fn play(mut text: String, ops: &[Op], side: &str) -> String {
    for (step, op) in ops.iter().enumerate() {
        let now = Ladder::parse(&text).unwrap();
        let uid = format!("{side}{step}");
        let pick = |index: &Index| (!now.rungs.is_empty()).then(|| index.get(&now.rungs).clone());
        let change = match op {
            Op::Add(stakes) => Some(Change::AddRung(Rung {
                uid,
                ..Rung::new(now.next_rung_id().unwrap(), format!("ask {side}{step}"), *stakes)
            })),
            Op::Done(index) => pick(index).map(|rung| {
                Change::AddAttempt(Attempt {
                    uid,
                    ..Attempt::new(now.next_attempt_id().unwrap(), rung.id, at(step), Outcome::Yes)
                })
            }),
            Op::Edit(index, stakes, who) => pick(index).map(|rung| {
                Change::EditRung(Rung { stakes: *stakes, who: who.then(|| format!("who {side}")), ..rung })
            }),
            Op::Remove(index) => pick(index).map(|rung| now.removal(rung.id)),
            Op::Hesitated => Some(Change::AddHesitation(Hesitation {
                id: now.next_hesitation_id().unwrap(),
                uid,
                at: at(step),
                text: format!("held back {side}{step}"),
                story: None,
                stakes: None,
                rung: None,
            })),
            Op::Gave => Some(Change::AddGift(Gift {
                id: now.next_gift_id().unwrap(),
                uid,
                at: at(step),
                to: "Sam".into(),
                text: format!("gift {side}{step}"),
            })),
            Op::Thank(index) => (!now.attempts.is_empty()).then(|| Change::Thank(index.get(&now.attempts).id)),
            Op::Plan(index, day) => pick(index).map(|rung| {
                let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 23 + u32::from(*day));
                Change::EditRung(Rung { planned: on, place: on.map(|_| format!("at {side}")), ..rung })
            }),
            Op::Promote(index, stakes) => {
                let waiting: Vec<&Hesitation> = now.hesitations.iter().filter(|h| h.rung.is_none()).collect();
                (!waiting.is_empty()).then(|| {
                    let hesitation = index.get(&waiting);
                    Change::Promote {
                        hesitation: hesitation.id,
                        rung: Rung { uid, ..Rung::new(now.next_rung_id().unwrap(), hesitation.text.clone(), *stakes) },
                    }
                })
            }
            Op::ClearConflicts => (!now.conflicts.is_empty()).then_some(Change::ClearConflicts),
            Op::Note(index, n) => {
                if !now.attempts.is_empty() {
                    // As a person writes it by hand: there is no command to change an attempt.
                    let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
                    let tables = doc["attempt"].as_array_of_tables_mut().unwrap();
                    let at = now.attempts.iter().position(|a| a.uid == index.get(&now.attempts).uid).unwrap();
                    tables.get_mut(at).unwrap()["note"] = toml_edit::value(format!("note {n}"));
                    text = doc.to_string();
                }
                None
            }
            Op::Fix(index, n) => (!now.attempts.is_empty()).then(|| {
                let old = index.get(&now.attempts);
                let at = old.at - chrono::Duration::days(i64::from(*n) + 1);
                Change::EditAttempt(Attempt { at, after: Some(n * 10), ..old.clone() })
            }),
            Op::Forget(index, hesitation) => {
                let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
                let last_attempt_id = now.last_attempt_id();
                let forget = |entry, uid: &str| Change::Forget { entry, uid: uid.to_string(), on, last_attempt_id };
                // As `ladder forget` does: a promoted hesitation stays with its rung. Any waiting one, a
                // hesitation of the base too, that other devices may promote (then the promotion wins).
                let waiting: Vec<&Hesitation> = now.hesitations.iter().filter(|h| h.rung.is_none()).collect();
                if *hesitation && !waiting.is_empty() {
                    Some(forget(Entry::Hesitation, &index.get(&waiting).uid))
                } else {
                    (!now.attempts.is_empty()).then(|| forget(Entry::Attempt, &index.get(&now.attempts).uid))
                }
            }
            Op::Repeat(repeat) => {
                let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
                doc["settings"]["repeat"] = toml_edit::value(i64::from(*repeat));
                text = doc.to_string();
                None
            }
        };
        if let Some(change) = change {
            text = edit::apply(&text, &change).unwrap();
        }
    }
    text
}

/// The uids any of `sides` forgot, but a hesitation some side promoted: the promotion wins.
pub fn forgotten(sides: &[&Ladder]) -> BTreeSet<String> {
    let promoted: BTreeSet<&str> = sides
        .iter()
        .flat_map(|side| side.hesitations.iter().filter(|h| h.rung.is_some()))
        .map(|h| h.uid.as_str())
        .collect();
    sides
        .iter()
        .flat_map(|side| side.forgotten.iter().map(|f| f.uid.clone()))
        .filter(|uid| !promoted.contains(uid.as_str()))
        .collect()
}

fn uids(ladder: &Ladder) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    all.extend(ladder.attempts.iter().map(|a| a.uid.clone()));
    all.extend(ladder.hesitations.iter().map(|h| h.uid.clone()));
    all.extend(ladder.gifts.iter().map(|g| g.uid.clone()));
    all
}

proptest! {
    // PROPTEST_CASES=2000 for a longer run.
    #![proptest_config(ProptestConfig { cases: crate::common::cases(128), ..ProptestConfig::default() })]

    #[test]
    fn merging_loses_nothing_is_symmetric_and_idempotent(
        common in vec(op(), 0..8),
        mine in vec(op(), 0..10),
        other in vec(op(), 0..10),
        with_base in any::<bool>(),
    ) {
        let start = play(edit::new_file(), &common, "b");
        let ours = play(start.clone(), &mine, "o");
        let theirs = play(start.clone(), &other, "t");
        // Without a base (a conflict copy folded in, or a base git could not give), as an empty one.
        let base = if with_base { start } else { String::new() };
        let one = merge_texts(&base, &ours, &theirs).unwrap();
        let two = merge_texts(&base, &theirs, &ours).unwrap();
        let (a, b) = (Ladder::parse(&one.text).unwrap(), Ladder::parse(&two.text).unwrap());
        prop_assert_eq!(canonical(a.clone()), canonical(b), "the same whichever side is ours");

        // Nothing recorded on either side is dropped: everything new, and everything both still hold.
        let (o, t, base_ladder) = (Ladder::parse(&ours).unwrap(), Ladder::parse(&theirs).unwrap(), Ladder::parse(&base).unwrap());
        // (Without a base, every entry either side holds is new: none may go but what a side forgot.)
        let (in_o, in_t, in_base, merged) = (uids(&o), uids(&t), uids(&base_ladder), uids(&a));
        // What either side forgot is the one thing that goes, and it never comes back.
        let forgotten = forgotten(&[&o, &t]);
        for uid in &forgotten {
            prop_assert!(!merged.contains(uid), "{} forgotten, yet back:\n{}", uid, one.text);
        }
        for uid in in_o.union(&in_t).filter(|uid| !forgotten.contains(*uid)) {
            if !in_base.contains(uid) || (in_o.contains(uid) && in_t.contains(uid)) {
                prop_assert!(merged.contains(uid), "{} lost:\n{}", uid, one.text);
            }
        }
        for h in o.hesitations.iter().chain(&t.hesitations).map(|h| &h.uid).chain(o.gifts.iter().chain(&t.gifts).map(|g| &g.uid)) {
            prop_assert!(merged.contains(h) || forgotten.contains(h), "{} lost", h);
        }

        // Merging again with either side changes nothing.
        prop_assert_eq!(&merge_texts(&base, &one.text, &ours).unwrap().text, &one.text);
        prop_assert_eq!(&merge_texts(&base, &one.text, &theirs).unwrap().text, &one.text);
        prop_assert!(merge_texts(&base, &one.text, &theirs).unwrap().moved.is_empty());
    }

    /// A forget wins over the other side's change to the entry (a thank, a note, a fix), but never without a
    /// word: the merge names every entry it drops a change with, the same ones in either order, and only those.
    #[test]
    fn a_change_dropped_with_a_forgotten_entry_is_always_named(
        common in vec(op(), 1..8),
        mine in vec(op(), 0..10),
        other in vec(op(), 0..10),
    ) {
        let start = play(edit::new_file(), &common, "b");
        let ours = play(start.clone(), &mine, "o");
        let theirs = play(start.clone(), &other, "t");
        let one = merge_texts(&start, &ours, &theirs).unwrap();
        let two = merge_texts(&start, &theirs, &ours).unwrap();
        let named = |m: &MergedText| m.dropped.iter().map(|d| d.uid.clone()).collect::<BTreeSet<_>>();
        prop_assert_eq!(named(&one), named(&two), "the same whichever side is ours");
        let (o, t, base) = (Ladder::parse(&ours).unwrap(), Ladder::parse(&theirs).unwrap(), Ladder::parse(&start).unwrap());
        let merged = uids(&Ladder::parse(&one.text).unwrap());
        let forgotten = forgotten(&[&o, &t]);
        for side in [&o, &t] {
            let forgot_here: BTreeSet<&str> = side.forgotten.iter().map(|f| f.uid.as_str()).collect();
            let lost = |uid: &str| forgotten.contains(uid) && !merged.contains(uid) && !forgot_here.contains(uid);
            let changed = side
                .attempts
                .iter()
                .filter(|a| lost(&a.uid) && base.attempts.iter().any(|b| b.uid == a.uid && b != *a))
                .map(|a| a.uid.clone())
                .chain(side.hesitations.iter().filter(|h| lost(&h.uid) && base.hesitations.iter().any(|b| b.uid == h.uid && b != *h)).map(|h| h.uid.clone()))
                .chain(side.gifts.iter().filter(|g| lost(&g.uid) && base.gifts.iter().any(|b| b.uid == g.uid && b != *g)).map(|g| g.uid.clone()));
            for uid in changed {
                prop_assert!(named(&one).contains(&uid), "{} changed on one side, forgotten on the other, dropped without a word", uid);
            }
        }
        for uid in named(&one) {
            prop_assert!(!merged.contains(&uid) && forgotten.contains(&uid), "{} named as dropped, yet kept", uid);
        }
    }
}

/// A key the file writes but the merge does not know would keep one side's value silently (and undo would not
/// take a change to it back).
#[test]
fn every_key_is_merged() {
    use ladder::file::keys;
    let merged: BTreeSet<(&str, &str)> = ladder::rules::merge::merged_keys().collect();
    // IDs, uids and rung links are renumbered, not merged; a thank is never undone.
    let elsewhere = ["id", "uid", "rung", "thanked"];
    let tables = [
        ("settings", keys::SETTINGS),
        ("rung", keys::RUNG),
        ("attempt", keys::ATTEMPT),
        ("hesitation", keys::HESITATION),
        ("gave", keys::GAVE),
    ];
    let written: BTreeSet<(&str, &str)> =
        tables.iter().flat_map(|&(table, keys)| keys.iter().map(move |&key| (table, key))).collect();
    let missing: Vec<&(&str, &str)> =
        written.iter().filter(|entry| !merged.contains(entry) && !elsewhere.contains(&entry.1)).collect();
    assert_eq!(missing, Vec::<&(&str, &str)>::new());
    // And no name the file does not write (a conflict names its field so).
    assert_eq!(merged.difference(&written).collect::<Vec<_>>(), Vec::<&(&str, &str)>::new());
}
