//! Three devices, six merge orders: merging the same devices' work in any order gives the same ladder — the
//! same entries, the same field values, the same conflicts (IDs are the file's own labels and may differ, as
//! may the text's layout). Histories are played as in `merge_properties`.

use std::collections::BTreeSet;

use ladder::file::edit;
use ladder::model::{Conflict, Ladder, Settings};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::merge_properties::{forgotten, merge_texts, op, play};

/// What a ladder holds, with IDs taken out: each entry by its uid, and each reference to a rung by the rung's
/// uid.
#[derive(Debug, PartialEq)]
pub struct Held {
    pub settings: Settings,
    pub rungs: Vec<String>,
    pub attempts: Vec<String>,
    pub hesitations: Vec<String>,
    pub gifts: Vec<String>,
    pub conflicts: Vec<Conflict>,
    pub forgotten: Vec<String>,
}

pub fn held(text: &str) -> Held {
    let ladder = Ladder::parse(text).unwrap();
    let rung_uid = |id: u32| ladder.rung(id).map_or_else(|| format!("gone {id}"), |r| r.uid.clone());
    let mut rungs: Vec<String> =
        ladder.rungs.iter().map(|r| format!("{:?}", ladder::model::Rung { id: 0, ..r.clone() })).collect();
    let mut attempts: Vec<String> = ladder
        .attempts
        .iter()
        .map(|a| format!("{:?} on {}", ladder::model::Attempt { id: 0, rung: 0, ..a.clone() }, rung_uid(a.rung)))
        .collect();
    let mut hesitations: Vec<String> = ladder
        .hesitations
        .iter()
        .map(|h| {
            format!("{:?} on {:?}", ladder::model::Hesitation { id: 0, rung: None, ..h.clone() }, h.rung.map(rung_uid))
        })
        .collect();
    let mut gifts: Vec<String> =
        ladder.gifts.iter().map(|g| format!("{:?}", ladder::model::Gift { id: 0, ..g.clone() })).collect();
    let mut conflicts = ladder.conflicts.clone();
    for list in [&mut rungs, &mut attempts, &mut hesitations, &mut gifts] {
        list.sort();
    }
    conflicts.sort();
    let mut forgotten: Vec<String> = ladder.forgotten.iter().map(|f| f.uid.clone()).collect();
    forgotten.sort();
    Held { settings: ladder.settings, rungs, attempts, hesitations, gifts, conflicts, forgotten }
}

proptest! {
    // PROPTEST_CASES=2000 for a longer run.
    #![proptest_config(ProptestConfig { cases: crate::common::cases(96), ..ProptestConfig::default() })]

    #[test]
    fn three_devices_merged_in_any_of_the_six_orders_hold_the_same(
        common in vec(op(), 0..8),
        first in vec(op(), 0..8),
        second in vec(op(), 0..8),
        third in vec(op(), 0..8),
        with_base in any::<bool>(),
    ) {
        let start = play(edit::new_file(), &common, "b");
        let devices = [play(start.clone(), &first, "x"), play(start.clone(), &second, "y"), play(start.clone(), &third, "z")];
        // Without a base (conflict copies folded in one after another), as an empty one.
        let base = if with_base { start } else { String::new() };
        let mut results = Vec::new();
        let mut dropped = Vec::new();
        for [a, b, c] in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let two = merge_texts(&base, &devices[a], &devices[b]).unwrap();
            let all = merge_texts(&base, &two.text, &devices[c]).unwrap();
            // What `ladder conflicts` says was kept is the field's value now, in every order.
            let now = Ladder::parse(&all.text).unwrap();
            for (conflict, was) in ladder::rules::merge::conflicts_now(&now) {
                prop_assert!(was.is_none(), "{:?}: {:?} says kept {:?}, the field holds another", (a, b, c), conflict, was);
            }
            // A change dropped with an entry another device forgot is named by one of the two merges.
            let named: BTreeSet<String> = two.dropped.iter().chain(&all.dropped).map(|d| d.uid.clone()).collect();
            dropped.push(((a, b, c), named, now));
            // Merging the result again with any device changes nothing.
            for device in &devices {
                prop_assert_eq!(&merge_texts(&base, &all.text, device).unwrap().text, &all.text, "{:?}", (a, b, c));
            }
            results.push(((a, b, c), held(&all.text), all.text));
        }
        // Nothing recorded on any device is lost (every attempt new there, every hesitation and gift) but what
        // some device forgot, and that never comes back.
        let merged = Ladder::parse(&results[0].2).unwrap();
        let base_attempts: Vec<String> = Ladder::parse(&base).unwrap().attempts.into_iter().map(|a| a.uid).collect();
        let parsed: Vec<Ladder> = devices.iter().map(|d| Ladder::parse(d).unwrap()).collect();
        let gone = forgotten(&parsed.iter().collect::<Vec<_>>());
        for uid in &gone {
            let back = merged.attempts.iter().any(|a| &a.uid == uid) || merged.hesitations.iter().any(|h| &h.uid == uid);
            prop_assert!(!back, "{} forgotten, yet back", uid);
        }
        for device in &parsed {
            for attempt in device.attempts.iter().filter(|a| !base_attempts.contains(&a.uid) && !gone.contains(&a.uid)) {
                prop_assert!(merged.attempts.iter().any(|m| m.uid == attempt.uid), "attempt {} lost", attempt.uid);
            }
            for h in device.hesitations.iter().filter(|h| !gone.contains(&h.uid)) {
                prop_assert!(merged.hesitations.iter().any(|m| m.uid == h.uid), "hesitation {} lost", h.uid);
            }
            for g in &device.gifts {
                prop_assert!(merged.gifts.iter().any(|m| m.uid == g.uid), "gift {} lost", g.uid);
            }
        }
        // Every entry a device changed since the base that ends forgotten on another is named as dropped, in
        // every order (with a base: without one, nothing can be told changed).
        if with_base {
            let start = Ladder::parse(&base).unwrap();
            for device in &parsed {
                let own: BTreeSet<&str> = device.forgotten.iter().map(|f| f.uid.as_str()).collect();
                let changed = device.attempts.iter().filter(|a| {
                    gone.contains(&a.uid) && !own.contains(a.uid.as_str()) && start.attempts.iter().any(|b| b.uid == a.uid && b != *a)
                });
                for attempt in changed {
                    for (order, named, now) in &dropped {
                        if !now.attempts.iter().any(|m| m.uid == attempt.uid) {
                            prop_assert!(named.contains(&attempt.uid), "{:?}: attempt {} dropped without a word", order, attempt.uid);
                        }
                    }
                }
            }
        }
        let (order, first_held, first_text) = &results[0];
        for (other, held, text) in &results[1..] {
            prop_assert_eq!(first_held, held, "{:?}:\n{}\n{:?}:\n{}", order, first_text, other, text);
        }
    }
}
