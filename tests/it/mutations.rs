//! Real ladders, mutated as people edit them by hand (comments, blank lines, keys and tables `ladder` does
//! not know, Windows line ends, a byte order mark), then changed by random sequences of every kind of write
//! a command makes: nothing present before is ever lost unless the change removes it, and no table of the
//! person's changes owner.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use ladder::model::{Attempt, Change, Gift, Hesitation, Ladder, Outcome, Rung};
use ladder::store::{Location, Places, Session, Source};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

const BASES: [&str; 3] = [
    include_str!("../../examples/asking-for-help.toml"),
    include_str!("../../examples/work.toml"),
    include_str!("../edits/handwritten.toml"),
];

/// A line a person might add by hand, before line `at` of the file.
#[derive(Debug, Clone)]
enum Insert {
    Comment,
    Blank,
    UnknownKey,
    SubTable,
    /// `[rung.x]` at the very end, after the journal: TOML gives it to the last rung.
    TrailingSubTable,
}

fn insert() -> impl Strategy<Value = (Index, Insert)> {
    let kind = prop_oneof![
        Just(Insert::Comment),
        Just(Insert::Blank),
        Just(Insert::UnknownKey),
        Just(Insert::SubTable),
        Just(Insert::TrailingSubTable)
    ];
    (any::<Index>(), kind)
}

/// A base ladder with the insertions made; `None` when they make a file that does not read (a key inside a
/// multi-line value, a sub-table before any rung).
fn mutate(base: &str, inserts: &[(Index, Insert)], crlf: bool, bom: bool) -> Option<String> {
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    for (k, (at, kind)) in inserts.iter().enumerate() {
        let line = match kind {
            Insert::Comment => format!("# note {k}"),
            Insert::Blank => String::new(),
            Insert::UnknownKey => format!("mine_{k} = {k}"),
            Insert::SubTable | Insert::TrailingSubTable => format!("[rung.extra_{k}]\nx = {k}"),
        };
        let at = if matches!(kind, Insert::TrailingSubTable) { lines.len() } else { at.index(lines.len() + 1) };
        if matches!(kind, Insert::SubTable) && !lines.get(at).is_none_or(|l| l.starts_with('[')) {
            continue; // a sub-table needs the table before it to have ended
        }
        lines.insert(at, line);
    }
    let nl = if crlf { "\r\n" } else { "\n" };
    let text = format!("{}{}{nl}", if bom { "\u{feff}" } else { "" }, lines.join(nl));
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    (Ladder::parse(body).is_ok() && body.parse::<toml::Table>().is_ok()).then_some(text)
}

/// Who holds each key and table the person added: `root`, `settings`, or a journal entry or rung by ID.
fn owners(text: &str) -> BTreeMap<String, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = body.parse().expect("the file reads");
    let mut owners = BTreeMap::new();
    let mut note = |owner: &str, table: &toml::Table| {
        for key in table.keys().filter(|k| k.starts_with("mine_") || k.starts_with("extra_")) {
            owners.insert(key.clone(), owner.to_string());
        }
    };
    note("root", &table);
    if let Some(settings) = table.get("settings").and_then(toml::Value::as_table) {
        note("settings", settings);
    }
    for kind in ["rung", "attempt", "hesitation", "gave"] {
        for entry in table.get(kind).and_then(toml::Value::as_array).into_iter().flatten() {
            let Some(entry) = entry.as_table() else { continue };
            let id = entry.get("id").and_then(toml::Value::as_integer).unwrap_or(0);
            // A sub-table `[rung.extra_K]` is a key of its rung.
            note(&format!("{kind} {id}"), entry);
        }
    }
    owners
}

fn comments(text: &str) -> Vec<String> {
    let mut found: Vec<String> =
        text.lines().map(str::trim).filter(|l| l.starts_with("# note ")).map(str::to_string).collect();
    found.sort();
    found
}

/// A write a command makes, chosen against the ladder as it is.
#[derive(Debug, Clone)]
enum Op {
    Add(u8),
    Done(Index, Outcome),
    Edit(Index, u8, bool),
    Plan(Index, bool),
    Remove(Index),
    Hesitated(u8),
    Promote(Index),
    Gave,
    Thank(Index),
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    let outcome = proptest::sample::select(Outcome::ALL.to_vec());
    prop_oneof![
        2 => (0u8..=100).prop_map(Op::Add),
        3 => (any::<Index>(), outcome).prop_map(|(i, o)| Op::Done(i, o)),
        2 => (any::<Index>(), 0u8..=100, any::<bool>()).prop_map(|(i, s, who)| Op::Edit(i, s, who)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(i, clear)| Op::Plan(i, clear)),
        1 => any::<Index>().prop_map(Op::Remove),
        1 => (0u8..=100).prop_map(Op::Hesitated),
        1 => any::<Index>().prop_map(Op::Promote),
        1 => Just(Op::Gave),
        1 => any::<Index>().prop_map(Op::Thank),
        1 => Just(Op::Undo),
    ]
}

fn at(step: usize) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").unwrap()
        + chrono::Duration::minutes(i64::try_from(step).unwrap())
}

fn change(op: &Op, ladder: &Ladder, step: usize) -> Option<Change> {
    let rung = |i: &Index| (!ladder.rungs.is_empty()).then(|| ladder.rungs[i.index(ladder.rungs.len())].clone());
    Some(match op {
        Op::Add(stakes) => Change::AddRung(Rung::new(ladder.next_rung_id()?, format!("ask {step}"), *stakes)),
        Op::Done(i, outcome) => Change::AddAttempt(Attempt {
            uid: ladder::store::new_uid(),
            before: Some(40),
            after: Some(20),
            note: Some(format!("note {step}\nsecond line")),
            ..Attempt::new(ladder.next_attempt_id()?, rung(i)?.id, at(step), *outcome)
        }),
        Op::Edit(i, stakes, who) => {
            let mut rung = rung(i)?;
            rung.stakes = *stakes;
            rung.who = who.then(|| format!("who {step}"));
            Change::EditRung(rung)
        }
        Op::Plan(i, clear) => {
            let mut rung = rung(i)?;
            rung.planned = (!clear).then(|| at(step).date_naive());
            rung.place = (!clear).then(|| format!("place {step}"));
            Change::EditRung(rung)
        }
        Op::Remove(i) => ladder.removal(rung(i)?.id),
        Op::Hesitated(stakes) => Change::AddHesitation(Hesitation {
            id: ladder.next_hesitation_id()?,
            uid: ladder::store::new_uid(),
            at: at(step),
            text: format!("held back {step}"),
            story: Some("I'd be a burden".into()),
            stakes: Some(*stakes),
            rung: None,
        }),
        Op::Promote(i) => {
            let open: Vec<&Hesitation> = ladder.hesitations.iter().filter(|h| h.rung.is_none()).collect();
            let hesitation = open.get(i.index(open.len().max(1)))?;
            Change::Promote {
                hesitation: hesitation.id,
                rung: Rung::new(ladder.next_rung_id()?, hesitation.text.clone(), 45),
            }
        }
        Op::Gave => Change::AddGift(Gift {
            id: ladder.next_gift_id()?,
            uid: ladder::store::new_uid(),
            at: at(step),
            to: "Sam".into(),
            text: format!("gift {step}"),
        }),
        Op::Thank(i) => {
            let attempts = &ladder.attempts;
            (!attempts.is_empty()).then(|| Change::Thank(attempts[i.index(attempts.len())].id))?
        }
        Op::Undo => return None,
    })
}

/// Whether the owner named in `owners` still exists in `ladder`.
fn exists(owner: &str, ladder: &Ladder) -> bool {
    let Some((kind, id)) = owner.split_once(' ') else { return true };
    let id: u32 = id.parse().unwrap_or(0);
    match kind {
        "rung" => ladder.rung(id).is_some(),
        "attempt" => ladder.attempt(id).is_some(),
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn hand_edited_ladders_lose_nothing_through_every_write(
        base in 0..BASES.len(),
        inserts in vec(insert(), 0..24),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        ops in vec(op(), 1..20),
    ) {
        let Some(text) = mutate(BASES[base], &inserts, crlf, bom) else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let location = Location {
            path: dir.path().join("ladder.toml"),
            source: Source::Flag,
            places: Places { cache: Some(dir.path().join("cache")), state: Some(dir.path().join("state")) },
            happened: std::sync::Arc::default(),
            answers: None,
            merges: Some(ladder::rules::merge::MERGES),
        };
        std::fs::write(&location.path, &text).unwrap();
        let (added_keys, added_comments) = (owners(&text), comments(&text));
        // The file before each change not yet undone, newest last: undo must give back exactly that.
        let mut undoable: Vec<String> = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            let session = Session::open(&location, at(step)).unwrap();
            let before = session.ladder().clone();
            let mut expected = before.clone();
            match change(op, &before, step) {
                Some(change) => {
                    expected.apply(&change);
                    let old = std::fs::read_to_string(&location.path).unwrap();
                    prop_assert_eq!(session.commit(std::slice::from_ref(&change), "change").unwrap(), expected.clone());
                    // A change that changes nothing writes nothing, and leaves nothing to undo.
                    if std::fs::read_to_string(&location.path).unwrap() != old {
                        undoable.push(old);
                    }
                }
                None if matches!(op, Op::Undo) && !undoable.is_empty() => {
                    session.undo(1).unwrap();
                    prop_assert_eq!(std::fs::read_to_string(&location.path).unwrap(), undoable.pop().unwrap());
                    expected = crate::common::read_ladder(&location).unwrap();
                }
                None => continue,
            }
            let now = std::fs::read_to_string(&location.path).unwrap();
            prop_assert_eq!(crate::common::read_ladder(&location).unwrap(), expected.clone());
            prop_assert_eq!(comments(&now), added_comments.clone(), "a comment was lost:\n{}", now);
            let owned = owners(&now);
            for (key, owner) in &added_keys {
                if exists(owner, &expected) {
                    prop_assert_eq!(owned.get(key), Some(owner), "{} changed owner or was lost:\n{}", key, now);
                }
            }
            prop_assert_eq!(now.starts_with('\u{feff}'), bom, "the byte order mark is kept");
            prop_assert_eq!(now.contains("\r\n"), crlf, "the line ends are kept");
        }
    }
}
