//! Properties over many generated ladders: what is saved reads back unchanged, random sequences of
//! add, done and undo never lose or duplicate anything, and no input whatever makes the parser panic.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ladder::file::edit;
use ladder::model::{Attempt, Change, Ladder, Outcome, Rung};
use ladder::rules::plan;
use ladder::store::{self, Session};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// One line of text as a person might type it: quotes, backslashes, TOML syntax, emoji, tabs.
fn short_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 '\"\\\\#=\\[\\]{}.,é😀\t]{1,40}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("words", |s| !s.is_empty())
}

/// A note may span lines.
fn note() -> impl Strategy<Value = String> {
    "[a-zA-Z '\"\\\\#=\\[\\]\n\r\t😀]{1,120}".prop_map(|s| s.trim().to_string()).prop_filter("words", |s| !s.is_empty())
}

fn moment() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..3_000_000_000, -720i32..=840).prop_map(|(secs, minutes)| {
        let offset = FixedOffset::east_opt(minutes * 60).unwrap();
        offset.timestamp_opt(secs, 0).unwrap()
    })
}

fn rung(id: u32) -> impl Strategy<Value = Rung> {
    use proptest::option::of;
    let text = (short_text(), of(short_text()), vec(short_text(), 0..3), of(short_text()));
    (text, 0u8..=100, of(0u32..20_000), of(0u8..=100)).prop_map(move |((ask, who, tags, fear), stakes, day, chance)| {
        let place = fear.as_ref().map(|f| format!("where {f}"));
        let safety = tags.iter().map(|t| format!("safe {t}")).collect();
        Rung {
            id,
            uid: format!("r{id}"),
            ask,
            stakes,
            who,
            tags,
            created: day.map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(u64::from(d))),
            fear,
            chance,
            planned: day.map(|d| NaiveDate::from_ymd_opt(2001, 1, 1).unwrap() + chrono::Days::new(u64::from(d))),
            // An easier step's link: to rung 1, on the rungs with a chance.
            before: chance.map(|_| "r1".to_string()),
            place,
            safety,
        }
    })
}

fn outcome() -> impl Strategy<Value = Outcome> {
    select(Outcome::ALL.to_vec())
}

fn attempt(id: u32, rung: u32) -> impl Strategy<Value = Attempt> {
    let suds = proptest::option::of(0u8..=100);
    let flag = proptest::option::of(any::<bool>());
    let text = || proptest::option::of(note());
    (moment(), outcome(), suds.clone(), suds, text(), flag.clone(), flag, text()).prop_map(
        move |(at, outcome, before, after, note, fear_happened, thanked, learned)| Attempt {
            id,
            uid: format!("a{id}"),
            rung,
            at,
            outcome,
            before,
            after,
            note,
            fear_happened,
            thanked,
            learned,
            used: if thanked == Some(true) { vec!["texting \"first\"".into()] } else { Vec::new() },
            dropped: if fear_happened == Some(false) {
                vec!["apologising".into(), "a script".into()]
            } else {
                Vec::new()
            },
            peak: before.zip(after).map(|(b, a)| b.max(a)),
            expected: ladder::model::Expectancy {
                likely_before: before,
                bad_before: after,
                likely_after: after.and(before),
                bad_after: before.and(after),
            },
            how: match (before, after) {
                (Some(b), _) => Some(ladder::model::How::ALL[usize::from(b) % ladder::model::How::ALL.len()]),
                _ => None,
            },
        },
    )
}

/// A ladder with unique, unordered IDs and attempts on its rungs.
fn any_ladder() -> impl Strategy<Value = Ladder> {
    (vec(1u32..1000, 1..8), vec((any::<Index>(), 1u32..1000), 0..12)).prop_flat_map(|(rung_ids, attempt_picks)| {
        let mut rung_ids = rung_ids;
        rung_ids.sort_unstable();
        rung_ids.dedup();
        let rungs: Vec<_> = rung_ids.iter().map(|id| rung(*id)).collect();
        let mut seen = std::collections::HashSet::new();
        let attempts: Vec<_> = attempt_picks
            .into_iter()
            .filter(|(_, id)| seen.insert(*id))
            .map(|(pick, id)| attempt(id, *pick.get(&rung_ids)))
            .collect();
        // A new file's settings: what the round trip starts from.
        (rungs, attempts).prop_map(|(rungs, attempts)| Ladder { rungs, attempts, ..edit::new_ladder() })
    })
}

fn changes(ladder: &Ladder) -> Vec<Change> {
    let rungs = ladder.rungs.iter().cloned().map(Change::AddRung);
    rungs.chain(ladder.attempts.iter().cloned().map(Change::AddAttempt)).collect()
}

proptest! {
    #[test]
    fn any_ladder_round_trips_through_the_text(ladder in any_ladder()) {
        let mut text = edit::new_file();
        for change in changes(&ladder) {
            text = edit::apply(&text, &change).unwrap();
        }
        prop_assert_eq!(Ladder::parse(&text).unwrap(), ladder);
    }

        /// The quick way to the next step (every save and prompt uses it) agrees with the full survey.
    #[test]
    fn the_next_rung_found_by_counting_is_the_one_the_survey_finds(ladder in any_ladder(), repeat in 1u32..4) {
        let mut ladder = ladder;
        ladder.settings.repeat = repeat;
        let surveyed = plan::next(&plan::survey(&ladder)).map(|s| s.rung.id);
        prop_assert_eq!(plan::next_rung(&ladder).map(|r| r.id), surveyed);
        for rung in &ladder.rungs {
            let state = plan::state_of(&ladder, rung);
            let surveyed = plan::survey(&ladder).into_iter().find(|s| s.rung.id == rung.id).unwrap();
            let ids = |attempts: &[&Attempt]| attempts.iter().map(|a| a.id).collect::<Vec<_>>();
            prop_assert_eq!((ids(&state.attempts), state.counted, state.status),
                (ids(&surveyed.attempts), surveyed.counted, surveyed.status));
        }
    }

    #[test]
    fn no_bytes_make_the_parser_panic(bytes in vec(any::<u8>(), 0..2000)) {
        let _ = Ladder::parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn no_near_toml_makes_the_parser_panic(parts in vec(select(FRAGMENTS.to_vec()), 0..60)) {
        let _ = Ladder::parse(&parts.concat());
    }
}

/// Pieces of ladder files, to build inputs that get deep into the parser and the checks.
const FRAGMENTS: &[&str] = &[
    "[[rung]]\n",
    "[[attempt]]\n",
    "[settings]\n",
    "version = 1\n",
    "version = 7\n",
    "id = 1\n",
    "id = 2\n",
    "rung = 1\n",
    "rung = 2\n",
    "ask = 'x'\n",
    "ask = \"\"\n",
    "stakes = 30\n",
    "stakes = 300\n",
    "repeat = 0\n",
    "comfortable = -1\n",
    "at = 2026-11-22T09:30:00+01:00\n",
    "at = 2026-13-40\n",
    "at = 2026-11-22T09:30:00\n",
    "outcome = 'no'\n",
    "outcome = 'maybe'\n",
    "before = 101\n",
    "tags = ['a', 1]\n",
    "created = 2026-02-30\n",
    "note = '''\nx\n'''\n",
    "\u{feff}",
    "[",
    "]",
    "=",
    "'",
    "\"",
    "{",
    "}",
    "\n",
    "#",
    "\\",
    "99999999999999999999999",
    "1e400",
    "nan",
    "inf",
    "-0",
    "0x10",
    "tru",
    "[[rung]",
    "a.b.c = 1\n",
    "rung = []\n",
    "attempt = 3\n",
];

/// An operation a person might run, in the order they run them.
#[derive(Debug, Clone)]
enum Op {
    Add(u8),
    Done(Index, Outcome),
    Edit(Index, u8),
    Remove(Index),
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..=100).prop_map(Op::Add),
        3 => (any::<Index>(), outcome()).prop_map(|(i, o)| Op::Done(i, o)),
        1 => (any::<Index>(), 0u8..=100).prop_map(|(i, s)| Op::Edit(i, s)),
        1 => any::<Index>().prop_map(Op::Remove),
        2 => Just(Op::Undo),
    ]
}

fn at(step: usize) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:00:00+01:00").unwrap()
        + chrono::Duration::minutes(i64::try_from(step).unwrap())
}

/// The change `op` makes to `now`, if it makes one.
fn change(op: &Op, now: &Ladder, step: usize) -> Option<Change> {
    let pick = |index: &Index| (!now.rungs.is_empty()).then(|| index.get(&now.rungs).clone());
    match op {
        Op::Add(stakes) => {
            Some(Change::AddRung(Rung::new(now.next_rung_id().unwrap(), format!("ask {step}"), *stakes)))
        }
        Op::Done(index, outcome) => pick(index).map(|rung| {
            Change::AddAttempt(Attempt {
                uid: format!("a{step}"),
                ..Attempt::new(now.next_attempt_id().unwrap(), rung.id, at(step), *outcome)
            })
        }),
        Op::Edit(index, stakes) => pick(index).map(|mut rung| {
            rung.stakes = *stakes;
            rung.who = Some(format!("who {step}"));
            Change::EditRung(rung)
        }),
        Op::Remove(index) => pick(index).map(|rung| now.removal(rung.id)),
        Op::Undo => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn add_done_edit_rm_and_undo_never_lose_or_reuse_anything(ops in vec(op(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        let location = sandboxed(dir.path());
        let clock = at(0);
        let mut expected = edit::new_ladder();
        // What each change replaced, newest last: undo goes back through them one at a time.
        let mut undone: Vec<Ladder> = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            let session = Session::open(&location, clock).unwrap();
            let now = session.ladder().clone();
            prop_assert_eq!(&now, &expected);
            if let Some(change) = change(op, &now, step) {
                if let Change::AddRung(rung) = &change {
                    prop_assert!(rung.id > now.last_rung_id, "a removed rung's ID is never given again");
                }
                expected.apply(&change);
                prop_assert_eq!(session.commit(std::slice::from_ref(&change), "change").unwrap(), expected.clone());
                undone.push(now);
            } else if matches!(op, Op::Undo) {
                match undone.pop() {
                    Some(previous) => {
                        prop_assert_eq!(session.undo(1).unwrap(), ["change"]);
                        expected = previous;
                    }
                    None => prop_assert!(session.undo(1).is_err(), "nothing left to undo"),
                }
            }
            prop_assert_eq!(crate::common::read_ladder(&location).unwrap_or_else(edit::new_ladder), expected.clone());
        }
    }
}

/// The ladder at `dir/ladder.toml`, with its snapshots and undo history in `dir` too, never in the real home.
fn sandboxed(dir: &std::path::Path) -> store::Location {
    store::Location {
        path: dir.join("ladder.toml"),
        source: store::Source::Flag,
        places: store::Places { cache: Some(dir.join("cache")), state: Some(dir.join("state")) },
        happened: std::sync::Arc::default(),
        answers: None,
        merges: Some(ladder::rules::merge::MERGES),
    }
}

/// A change that the fast path may splice in.
fn appendable(step: usize, stakes: u8, kind: u8, ladder: &Ladder) -> Change {
    use ladder::model::{Gift, Hesitation};
    let at = at(step);
    match kind % 4 {
        0 => Change::AddRung(Rung {
            who: Some(format!("who \"{step}\"")),
            ..Rung::new(ladder.next_rung_id().unwrap(), format!("ask {step}"), stakes)
        }),
        1 if !ladder.rungs.is_empty() => Change::AddAttempt(Attempt {
            id: ladder.next_attempt_id().unwrap(),
            uid: format!("a{step}"),
            rung: ladder.rungs[step % ladder.rungs.len()].id,
            at,
            outcome: Outcome::Partial,
            before: Some(stakes),
            after: None,
            note: Some(format!("line\nbreak {step}")),
            fear_happened: None,
            thanked: None,
            learned: Some(format!("learned\nthis {step}")),
            used: Vec::new(),
            dropped: Vec::new(),
            peak: None,
            expected: ladder::model::Expectancy::default(),
            how: None,
        }),
        2 => Change::AddHesitation(Hesitation {
            id: ladder.next_hesitation_id().unwrap(),
            uid: format!("h{step}"),
            at,
            text: format!("held back {step}"),
            story: None,
            stakes: Some(stakes),
            rung: None,
        }),
        _ => Change::AddGift(Gift {
            id: ladder.next_gift_id().unwrap(),
            uid: format!("g{step}"),
            at,
            to: "Sam".into(),
            text: format!("gift {step}"),
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The fast path (splicing text into the file without a parse) writes the very bytes the careful path
    /// (edit in place, then check) writes, from a new file or a hand-written one.
    #[test]
    fn splicing_writes_what_the_careful_edit_writes(
        steps in vec((0u8..=100, any::<u8>()), 1..24),
        start in 0u8..3,
    ) {
        let hand_written = include_str!("../edits/handwritten.toml");
        let start = match start {
            0 => edit::new_file(),
            1 => hand_written.to_string(),
            _ => hand_written.replace('\n', "\r\n"),
        };
                let (mut ladder, mut layout) = Ladder::parse_file(&start).unwrap();
        let mut careful = start.clone();
        let mut fast = start;

        for (step, (stakes, kind)) in steps.into_iter().enumerate() {
            let change = appendable(step, stakes, kind, &ladder);
            careful = edit::apply(&careful, &change).unwrap();
                        if let Some((insertion, next)) = edit::splice(&fast, &change, layout) {
                (fast, layout) = (insertion.apply(&fast), next);
            } else {
                fast = edit::apply(&fast, &change).unwrap();
                                layout = Ladder::parse_file(&fast).unwrap().1;
            }
            prop_assert_eq!(&fast, &careful);
            ladder.apply(&change);
        }
        prop_assert_eq!(Ladder::parse(&fast).unwrap(), ladder);
    }
}
