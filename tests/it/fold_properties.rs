//! Three devices kept in step by a sync tool that does not merge (Syncthing): each round, some devices change
//! their ladder; the sync tool keeps one changed file everywhere and sets the other changed ones beside it as
//! conflict copies; each device then runs `ladder sync`, which folds them in from the base its undo history gives. After
//! every round, whatever the devices did and in whatever order they folded, all three hold the same entries
//! with the same values (`merge_orders::held`, but the `[[conflict]]` tables: see below), and no attempt
//! recorded on any device is lost or doubled, but the ones some device forgot.

use std::collections::BTreeSet;
use std::fs;

use ladder::model::Ladder;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common::Sandbox;
use crate::merge_orders::held;

#[derive(Debug, Clone)]
enum Op {
    Done(Index),
    Thank(Index),
    Fix(Index),
    Forget(Index),
    Edit(Index, u8),
    Hesitated,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => any::<Index>().prop_map(Op::Done),
        1 => any::<Index>().prop_map(Op::Thank),
        1 => any::<Index>().prop_map(Op::Fix),
        1 => any::<Index>().prop_map(Op::Forget),
        1 => (any::<Index>(), 5u8..95).prop_map(|(i, stakes)| Op::Edit(i, stakes)),
        // No plans: a plan made on one device while another recorded an ask on that rung is cleared by a fold
        // that starts from the planning device's history, and kept by one that starts from the other's (README
        // "With Syncthing": the history cannot tell whether the other device had seen the plan).
        1 => Just(Op::Hesitated),
    ]
}

const DEVICES: [&str; 3] = ["LAPTOP1", "PHONE12", "TABLET3"];

/// `ladder ARGS` on `device` on day `day` of the run (each round is a day; each step a minute), its stdout.
fn run(device: &Sandbox, (day, step): (usize, usize), args: &[String]) -> (Option<i32>, String) {
    let now = format!("2026-11-{:02}T{:02}:{:02}:00+01:00", 23 + day, 9 + step / 60, step % 60);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = device.ladder(&args).env("LADDER_NOW", now).output().expect("run ladder");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Whether `device` is the one that changes the values of the entry with `uid` (see `command`).
fn changes_values_of(device: usize, uid: &str) -> bool {
    uid.bytes().next().is_some_and(|b| usize::from(b) % 3 == device)
}

/// What `op` is on `ladder` as `ladder`'s command line on `device`, if there is anything to do it to. A rung's
/// stakes and an attempt's note are changed by one device each (by uid): when two devices set the same field
/// between two syncs, a fold cannot always tell that from a change made after the other's, and the devices may
/// keep different values of it (README "With Syncthing"); everything else any device may do to any entry.
fn command(op: &Op, ladder: &Ladder, (device, round): (usize, usize)) -> Option<Vec<String>> {
    let rung = |i: &Index| (!ladder.rungs.is_empty()).then(|| i.get(&ladder.rungs).id.to_string());
    let attempt = |i: &Index| (!ladder.attempts.is_empty()).then(|| i.get(&ladder.attempts).uid[..6].to_string());
    let own_rungs: Vec<_> = ladder.rungs.iter().filter(|r| changes_values_of(device, &r.uid)).collect();
    let own_attempts: Vec<_> = ladder.attempts.iter().filter(|a| changes_values_of(device, &a.uid)).collect();
    let own_rung = |i: &Index| (!own_rungs.is_empty()).then(|| i.get(&own_rungs).id.to_string());
    let own_attempt = |i: &Index| (!own_attempts.is_empty()).then(|| i.get(&own_attempts).uid[..6].to_string());
    let args = |words: &[&str]| words.iter().map(|w| (*w).to_string()).collect::<Vec<_>>();
    Some(match op {
        Op::Done(i) => args(&["done", &rung(i)?, "--before", "40", "--after", "20"]),
        Op::Thank(i) => args(&["thank", &attempt(i)?]),
        Op::Fix(i) => args(&["fix", &own_attempt(i)?, "--note", &format!("noted in round {round}")]),
        Op::Forget(i) => args(&["forget", &attempt(i)?]),
        Op::Edit(i, stakes) => args(&["edit", &own_rung(i)?, "--stakes", &stakes.to_string()]),
        Op::Hesitated => args(&["hesitated", &format!("Held back in round {round}")]),
    })
}

fn ladder_of(device: &Sandbox) -> Ladder {
    Ladder::parse(&device.read_raw()).expect("a ladder")
}

proptest! {
    // PROPTEST_CASES=100 for a longer run (each case runs the binary some fifty times).
    #![proptest_config(ProptestConfig { cases: crate::common::cases(8), ..ProptestConfig::default() })]

    #[test]
    fn three_devices_synced_by_conflict_copies_hold_the_same_ladder_after_every_round(
        rounds in vec((vec((0usize..3, op()), 1..7), 0usize..3, 0usize..3), 1..4),
    ) {
        let devices: Vec<Sandbox> = (0..3).map(|_| Sandbox::new()).collect();
        run(&devices[0], (0, 0), &["init".to_string(), "--example".to_string()]);
        // Each device has written the ladder once, the same change to the same text: its undo history knows the
        // version the devices start from. (A device that never changed the ladder knows no version, and folds
        // its first copy as a union: the README's case, where a conflict may be set aside on one device and not
        // on another until the next sync.)
        for device in &devices[1..] {
            device.write(&devices[0].read_raw());
        }
        for device in &devices {
            run(device, (0, 0), &["edit", "1", "--who", "Sam"].map(String::from));
        }
        prop_assert!(devices.iter().all(|d| d.read_raw() == devices[0].read_raw()));
        let (mut recorded, mut forgotten) = (BTreeSet::new(), BTreeSet::new());
        for (round, (ops, winner, first)) in rounds.iter().enumerate() {
            let start: Vec<String> = devices.iter().map(Sandbox::read_raw).collect();
            for (step, (at, op)) in ops.iter().enumerate() {
                let device = &devices[*at];
                let before = ladder_of(device);
                let Some(args) = command(op, &before, (*at, round)) else { continue };
                if run(device, (round, step + 1), &args).0 != Some(0) {
                    continue;
                }
                let after = ladder_of(device);
                recorded.extend(after.attempts.iter().map(|a| a.uid.clone()));
                forgotten.extend(after.forgotten.iter().map(|f| f.uid.clone()));
            }
            // As Syncthing does: of the devices whose file changed, one's is kept everywhere and the others' are
            // set beside it as conflict copies; a device that changed nothing just receives it.
            let texts: Vec<String> = devices.iter().map(Sandbox::read_raw).collect();
            let changed: Vec<usize> = (0..3).filter(|&d| texts[d] != start[d]).collect();
            let Some(&kept) = changed.get(winner % changed.len().max(1)) else { continue };
            for device in &devices {
                for &loser in changed.iter().filter(|&&l| l != kept && texts[l] != texts[kept]) {
                    let copy = format!("ladder.sync-conflict-202611{:02}-090000-{}.toml", 23 + round, DEVICES[loser]);
                    fs::write(device.path(&copy), &texts[loser]).unwrap();
                }
                device.write(&texts[kept]);
            }
            for at in (0..3).map(|n| (first + n) % 3) {
                let (code, said) = run(&devices[at], (round, 59), &["sync".to_string()]);
                prop_assert!(code == Some(0) || code == Some(2), "sync on {}: {}", DEVICES[at], said);
            }
            // The same entries and values everywhere. Not always the same `[[conflict]]` tables: a device that
            // only received the ladder since the others last folded knows no version they folded from, and may
            // set aside a value they did not (README "With Syncthing").
            let all: Vec<String> = devices.iter().map(Sandbox::read_raw).collect();
            let without_conflicts = |text: &str| crate::merge_orders::Held { conflicts: Vec::new(), ..held(text) };
            for (at, text) in all.iter().enumerate().skip(1) {
                prop_assert_eq!(
                    without_conflicts(&all[0]),
                    without_conflicts(text),
                    "round {}: {} and {} differ",
                    round,
                    DEVICES[0],
                    DEVICES[at]
                );
            }
            let held_now: BTreeSet<String> = ladder_of(&devices[0]).attempts.into_iter().map(|a| a.uid).collect();
            let kept: BTreeSet<&String> = recorded.iter().filter(|uid| !forgotten.contains(*uid)).collect();
            prop_assert_eq!(held_now.iter().collect::<BTreeSet<_>>(), kept, "round {}", round);
        }
    }
}
