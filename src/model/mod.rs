//! The model: a ladder of asks, the attempts made on them, the people around them, and the changes
//! `ladder` makes. Imports nothing of the crate: how a file's text becomes a ladder is in `file`.

pub mod merged;
pub mod shown;
pub mod uid;

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// The file format version this build writes. Version 1 (before uids) is read too, and upgraded on the
/// first write.
pub const VERSION: i64 = 2;

/// Longest ask, name or tag, in characters: one line a person can read at a glance.
pub const MAX_SHORT_TEXT: usize = 300;
/// Longest note, in characters: room for a real reflection, not for a pasted file.
pub const MAX_NOTE: usize = 5000;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ladder {
    pub settings: Settings,
    pub rungs: Vec<Rung>,
    /// The journal, in the order the attempts were recorded.
    pub attempts: Vec<Attempt>,
    /// Moments the person wanted to ask and held back, in the order they were noticed.
    pub hesitations: Vec<Hesitation>,
    /// Help the person gave others, in the order it was recorded.
    pub gifts: Vec<Gift>,
    /// The highest rung ID ever given, kept once a rung is removed so that its ID is never reused.
    pub last_rung_id: u32,
    /// The same for attempts.
    pub last_attempt_id: u32,
    /// Values a merge set aside because both devices changed them (`[[conflict]]`), until cleared.
    pub conflicts: Vec<Conflict>,
    /// Entries the person forgot (`[[forgotten]]`): kept as their uids, so that no merge brings them back.
    pub forgotten: Vec<Forgotten>,
    /// IDs a merge moved (`[[moved]]`): for a while, a command given the old ID asks which entry is meant.
    pub moved: Vec<MovedId>,
}

/// An ID a merge gave a new number: both devices had given `from` to different entries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MovedId {
    /// "rung", "attempt", "hesitation" or "gift".
    pub what: String,
    pub from: u32,
    pub to: u32,
    /// The day of the merge.
    pub on: Option<NaiveDate>,
}

/// The trace of a forgotten attempt, hesitation or help given: its uid, and the day it was forgotten.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Forgotten {
    pub uid: String,
    pub on: Option<NaiveDate>,
}

/// The kinds of journal entry a person can forget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Attempt,
    Hesitation,
    Gift,
}

/// A value a merge did not keep: both devices changed the same field of a rung (or a setting) differently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Conflict {
    /// The rung's uid; `None` for a setting, an attempt, a hesitation or help given.
    pub rung: Option<String>,
    /// The uid of the attempt, hesitation or help given whose field it is (`attempt.note`); `None` otherwise.
    pub entry: Option<String>,
    /// The field, as the file names it (`ask`, `settings.repeat`, `attempt.note`, `hesitation.story`,
    /// `gave.text`).
    pub field: String,
    /// The value kept, and the one set aside, as they read ("" for none).
    pub kept: String,
    pub other: String,
}

impl Conflict {
    /// Whether a value was set aside at all: a field cleared on one device and set on the other keeps the
    /// value, and sets nothing aside.
    pub fn sets_aside_something(&self) -> bool {
        !self.other.is_empty()
    }
}

/// Every threshold of the method, each a `[settings]` key in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Counting attempts needed before a rung is mastered.
    pub repeat: u32,
    /// SUDS at or below which an attempt felt comfortable.
    pub comfortable: u8,
    /// An attempt also counts when its after-distress is at most this percent of its before-distress.
    pub habituation: u8,
    /// The widest comfortable step, in SUDS, from the highest mastered rung to the next one.
    pub max_step: u8,
    /// Days a week with practice (on a rung not yet mastered, or a spaced review) that keep a streak going.
    /// The key keeps its old name; it counted attempts before.
    pub weekly_target: u32,
    /// What makes an attempt a rep: what was learned (the default of new ladders), or calm (the habituation
    /// rule, kept by a file without the key).
    pub mastery: Mastery,
    /// The person's own crisis line (a number, a name, a web address), shown beside the line that says
    /// `ladder` is not a crisis service. None is built in: what to call depends on where you live.
    pub crisis_line: Option<String>,
    /// Days without an ask after which `ladder remind` says so; `None`: the key is not in the file
    /// (`REMIND_AFTER_DAYS`).
    pub remind_after_days: Option<u32>,
    /// The hours, local time, in which `ladder remind` stays quiet; `None`: the key is not in the file
    /// (`Quiet::DEFAULT`).
    pub quiet_hours: Option<Quiet>,
}

/// Days without an ask after which `ladder remind` says so, when the file does not say.
pub const REMIND_AFTER_DAYS: u32 = 4;

/// Quiet hours (`[settings] quiet_hours = "21-8"`): from the start of hour `from` to the start of hour `to`,
/// local time, across midnight when `from` is later. The same hour twice (`"0-0"`) is no quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiet {
    pub from: u8,
    pub to: u8,
}

impl Quiet {
    /// Quiet hours when the file names none: from 9 in the evening to 8 in the morning.
    pub const DEFAULT: Quiet = Quiet { from: 21, to: 8 };

    /// Whether `hour` (0-23) falls in the quiet hours.
    pub fn holds(self, hour: u32) -> bool {
        let (from, to) = (u32::from(self.from), u32::from(self.to));
        if from <= to { (from..to).contains(&hour) } else { hour >= from || hour < to }
    }
}

impl fmt::Display for Quiet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.from, self.to)
    }
}

impl FromStr for Quiet {
    type Err = NotOne;

    fn from_str(s: &str) -> Result<Self, NotOne> {
        let hour = |h: &str| h.trim().parse::<u8>().ok().filter(|h| *h < 24);
        match s.split_once('-').map(|(a, b)| (hour(a), hour(b))) {
            Some((Some(from), Some(to))) => Ok(Quiet { from, to }),
            _ => Err(NotOne { choice: Choice::QuietHours, given: s.to_string() }),
        }
    }
}

/// A word that is none of those a choice allows: which choice, and the word given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOne {
    pub choice: Choice,
    pub given: String,
}

/// The values given as words in the file and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Outcome,
    How,
    Mastery,
    QuietHours,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            repeat: 2,
            comfortable: 30,
            habituation: 50,
            max_step: 15,
            weekly_target: 3,
            mastery: Mastery::Calm,
            crisis_line: None,
            remind_after_days: None,
            quiet_hours: None,
        }
    }
}

/// What makes an attempt a rep (`[settings] mastery`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mastery {
    /// The ask was made, the feared outcome (when one is written down) checked, and no safety behaviour relied
    /// on: the inhibitory-learning model. New ladders get it.
    Learning,
    /// The distress ended comfortable, or fell by enough: the habituation model. A file without the key keeps it.
    #[default]
    Calm,
}

impl Mastery {
    pub const ALL: [Mastery; 2] = [Mastery::Learning, Mastery::Calm];

    /// The word used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Mastery::Learning => "learning",
            Mastery::Calm => "calm",
        }
    }
}

impl FromStr for Mastery {
    type Err = NotOne;

    fn from_str(s: &str) -> Result<Self, NotOne> {
        Mastery::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| NotOne { choice: Choice::Mastery, given: s.to_string() })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rung {
    pub id: u32,
    /// The rung's identity across devices (see `uid.rs`); `id` is what people type.
    pub uid: String,
    pub ask: String,
    /// SUDS 0-100: the distress the person expects.
    pub stakes: u8,
    pub who: Option<String>,
    pub tags: Vec<String>,
    pub created: Option<NaiveDate>,
    /// What the person fears will happen when they ask.
    pub fear: Option<String>,
    /// The chance of a yes they predict, in percent.
    pub chance: Option<u8>,
    /// The day the next ask on this rung is planned for.
    pub planned: Option<NaiveDate>,
    /// Where it is planned (`where` in the file).
    pub place: Option<String>,
    /// What the person does to feel safer while asking (texting instead of calling, apologising, having
    /// someone with them): named so that an attempt can say whether it was used or dropped.
    pub safety: Vec<String>,
    /// The uid of the harder rung this is an easier step before (`ladder split`); `None` for most rungs.
    pub before: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub id: u32,
    pub uid: String,
    pub rung: u32,
    pub at: DateTime<FixedOffset>,
    pub outcome: Outcome,
    pub before: Option<u8>,
    pub after: Option<u8>,
    pub note: Option<String>,
    /// Whether the feared outcome came true; absent when not recorded.
    pub fear_happened: Option<bool>,
    pub thanked: Option<bool>,
    /// What the person said they learned (`done --learned`): a note is "what you learned" only when they say so.
    pub learned: Option<String>,
    /// The safety behaviours relied on during it: then it is practice, not a rep.
    pub used: Vec<String>,
    /// The safety behaviours the person chose to do without.
    pub dropped: Vec<String>,
    /// The highest distress during the ask (SUDS), beside before and after.
    pub peak: Option<u8>,
    /// How likely (percent) and how bad (0-100) the feared outcome seemed before the ask, and after it: the
    /// estimated social cost whose fall goes with getting better (Hofmann 2004).
    pub expected: Expectancy,
    /// How the ask was made: in person, by phone, by text...; absent when not recorded.
    pub how: Option<How>,
}

/// How an ask was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum How {
    InPerson,
    Phone,
    Text,
    Email,
    Other,
}

impl How {
    pub const ALL: [How; 5] = [How::InPerson, How::Phone, How::Text, How::Email, How::Other];

    /// The word used in the file and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            How::InPerson => "in-person",
            How::Phone => "phone",
            How::Text => "text",
            How::Email => "email",
            How::Other => "other",
        }
    }
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for How {
    type Err = NotOne;

    fn from_str(s: &str) -> Result<Self, NotOne> {
        How::ALL
            .into_iter()
            .find(|h| h.as_str() == s)
            .ok_or_else(|| NotOne { choice: Choice::How, given: s.to_string() })
    }
}

/// How likely and how bad the feared outcome seemed, before an ask and after it; each optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Expectancy {
    pub likely_before: Option<u8>,
    pub bad_before: Option<u8>,
    pub likely_after: Option<u8>,
    pub bad_after: Option<u8>,
}

/// A moment the person wanted to ask for help and did not: the raw material of new rungs.
#[derive(Debug, Clone, PartialEq)]
pub struct Hesitation {
    pub id: u32,
    pub uid: String,
    pub at: DateTime<FixedOffset>,
    /// What they wanted to ask.
    pub text: String,
    /// The story they told themselves ("I'd be bothering them").
    pub story: Option<String>,
    /// Their guess at its stakes.
    pub stakes: Option<u8>,
    /// The rung it became, once promoted. The rung may since have been removed.
    pub rung: Option<u32>,
}

/// Help the person gave someone: asking is half of a circle, giving back the other half.
#[derive(Debug, Clone, PartialEq)]
pub struct Gift {
    pub id: u32,
    pub uid: String,
    pub at: DateTime<FixedOffset>,
    pub to: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Yes,
    Partial,
    No,
    NoAnswer,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Yes, Outcome::Partial, Outcome::No, Outcome::NoAnswer];

    /// The word used in the file and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Yes => "yes",
            Outcome::Partial => "partial",
            Outcome::No => "no",
            Outcome::NoAnswer => "no-answer",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = NotOne;

    fn from_str(s: &str) -> Result<Self, NotOne> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| NotOne { choice: Choice::Outcome, given: s.to_string() })
    }
}

/// Where the path of the ladder file came from (`store::locate`; `ladder path` says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--file`.
    Flag,
    /// The `LADDER_FILE` environment variable.
    Env,
    /// The default: `ladder/ladder.toml` in the platform's data directory.
    DataDir,
}

/// A change `ladder` makes to a ladder; the store applies the same change to the file's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    AddRung(Rung),
    AddAttempt(Attempt),
    /// Replace the rung with the same ID.
    EditRung(Rung),
    /// Remove a rung and its attempts, keeping the highest IDs given so far.
    RemoveRung {
        id: u32,
        last_rung_id: u32,
        last_attempt_id: u32,
    },
    AddHesitation(Hesitation),
    /// Add `rung` and link hesitation `hesitation` to it.
    Promote {
        hesitation: u32,
        rung: Rung,
    },
    AddGift(Gift),
    /// Link hesitation `hesitation` to the rung `rung` already on the ladder.
    Attach {
        hesitation: u32,
        rung: u32,
    },
    /// Mark attempt `id` as thanked.
    Thank(u32),
    /// Replace the attempt with the same uid (its fields fixed).
    EditAttempt(Attempt),
    /// Note IDs a merge moved (`[[moved]]`).
    NoteMoved(Vec<MovedId>),
    /// Remove an entry and keep its uid in `[[forgotten]]`, keeping the highest attempt ID given so far.
    Forget {
        entry: Entry,
        uid: String,
        on: NaiveDate,
        last_attempt_id: u32,
    },
    /// Forget the values a merge set aside.
    ClearConflicts,
}

impl Rung {
    /// A rung with just an ask and its stakes; everything optional left empty. Its uid is derived from its ID
    /// and ask: a new entry of a person's gets a random one (`store::new_uid`) in its place.
    pub fn new(id: u32, ask: impl Into<String>, stakes: u8) -> Rung {
        let ask = ask.into();
        Rung {
            id,
            uid: uid::of_rung(id, &ask),
            ask,
            stakes,
            who: None,
            tags: Vec::new(),
            created: None,
            fear: None,
            chance: None,
            before: None,
            planned: None,
            place: None,
            safety: Vec::new(),
        }
    }
}

impl Attempt {
    /// An attempt with just its rung, moment and outcome; distress, note and the rest left unrecorded. Its
    /// uid is derived from the three: a new entry of a person's gets a random one (`store::new_uid`).
    pub fn new(id: u32, rung: u32, at: DateTime<FixedOffset>, outcome: Outcome) -> Attempt {
        Attempt {
            id,
            uid: uid::of_attempt(id, rung, &at),
            rung,
            at,
            outcome,
            before: None,
            after: None,
            note: None,
            fear_happened: None,
            thanked: None,
            learned: None,
            used: Vec::new(),
            dropped: Vec::new(),
            peak: None,
            expected: Expectancy::default(),
            how: None,
        }
    }
}

impl Attempt {
    /// The most distress recorded around it: before, at its peak, or after.
    pub fn felt(&self) -> Option<u8> {
        self.before.max(self.peak).max(self.after)
    }
}

impl Ladder {
    /// Gives each entry whose `uid` line is missing from the file (a hand edit deleted it: the uid it was read
    /// with is derived, as for a file from before uids) the uid the entry of that kind and ID has in `known`,
    /// the last text `ladder` wrote, when it is otherwise that same entry. Else the next save would write the
    /// derived uid, and another device, which knows the entry by its old one, would fold it in as a second one.
    pub fn restore_uids(&mut self, known: &Ladder) {
        fn restore<T: Clone + PartialEq>(
            entries: &mut [T],
            known: &[T],
            id: fn(&T) -> u32,
            uid: fn(&mut T) -> &mut String,
            derived: impl Fn(&T) -> String,
        ) {
            let by_id: FxHashMap<u32, &T> = known.iter().map(|k| (id(k), k)).collect();
            // A uid some entry holds already is never given to a second one.
            let mut taken: FxHashSet<String> = entries.iter_mut().map(|e| uid(e).clone()).collect();
            for entry in entries.iter_mut() {
                let read_with = derived(entry);
                let Some(old) = by_id.get(&id(entry)).filter(|_| *uid(entry) == read_with) else { continue };
                // The known entry with the uid it was read with: the same entry, if then equal.
                let mut old = (*old).clone();
                let known_uid = std::mem::replace(uid(&mut old), read_with);
                if old == *entry && taken.insert(known_uid.clone()) {
                    *uid(entry) = known_uid;
                }
            }
        }
        restore(&mut self.rungs, &known.rungs, |r| r.id, |r| &mut r.uid, |r| uid::of_rung(r.id, &r.ask));
        restore(
            &mut self.attempts,
            &known.attempts,
            |a| a.id,
            |a| &mut a.uid,
            |a| uid::of_attempt(a.id, a.rung, &a.at),
        );
        restore(
            &mut self.hesitations,
            &known.hesitations,
            |h| h.id,
            |h| &mut h.uid,
            |h| uid::of_hesitation(h.id, &h.at, &h.text),
        );
        restore(&mut self.gifts, &known.gifts, |g| g.id, |g| &mut g.uid, |g| uid::of_gift(g.id, &g.at, &g.to, &g.text));
    }

    pub fn rung(&self, id: u32) -> Option<&Rung> {
        self.rungs.iter().find(|r| r.id == id)
    }

    /// Rungs by ID, for loops over the journal: one lookup per attempt, however long the ladder.
    pub fn rungs_by_id(&self) -> FxHashMap<u32, &Rung> {
        self.rungs.iter().map(|r| (r.id, r)).collect()
    }

    /// The highest rung ID ever given: in use, or kept after a removal.
    pub fn last_rung_id(&self) -> u32 {
        self.rungs.iter().map(|r| r.id).max().unwrap_or(0).max(self.last_rung_id)
    }

    pub fn last_attempt_id(&self) -> u32 {
        self.attempts.iter().map(|a| a.id).max().unwrap_or(0).max(self.last_attempt_id)
    }

    /// The ID for a new rung; `None` once the highest ID there can be is taken (IDs are never reused).
    pub fn next_rung_id(&self) -> Option<u32> {
        self.last_rung_id().checked_add(1)
    }

    pub fn next_attempt_id(&self) -> Option<u32> {
        self.last_attempt_id().checked_add(1)
    }

    pub fn next_hesitation_id(&self) -> Option<u32> {
        self.hesitations.iter().map(|h| h.id).max().unwrap_or(0).checked_add(1)
    }

    pub fn next_gift_id(&self) -> Option<u32> {
        self.gifts.iter().map(|g| g.id).max().unwrap_or(0).checked_add(1)
    }

    pub fn attempt(&self, id: u32) -> Option<&Attempt> {
        self.attempts.iter().find(|a| a.id == id)
    }

    pub fn hesitation(&self, id: u32) -> Option<&Hesitation> {
        self.hesitations.iter().find(|h| h.id == id)
    }

    /// The change that removes rung `id` and its attempts without freeing their IDs.
    pub fn removal(&self, id: u32) -> Change {
        Change::RemoveRung { id, last_rung_id: self.last_rung_id(), last_attempt_id: self.last_attempt_id() }
    }

    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::AddRung(rung) => self.rungs.push(rung.clone()),
            Change::AddAttempt(attempt) => self.attempts.push(attempt.clone()),
            Change::EditRung(rung) => {
                if let Some(old) = self.rungs.iter_mut().find(|r| r.id == rung.id) {
                    *old = rung.clone();
                }
            }
            Change::RemoveRung { id, last_rung_id, last_attempt_id } => {
                self.rungs.retain(|r| r.id != *id);
                self.attempts.retain(|a| a.rung != *id);
                self.last_rung_id = *last_rung_id;
                self.last_attempt_id = *last_attempt_id;
            }
            Change::AddHesitation(hesitation) => self.hesitations.push(hesitation.clone()),
            Change::Promote { hesitation, rung } => {
                self.rungs.push(rung.clone());
                if let Some(h) = self.hesitations.iter_mut().find(|h| h.id == *hesitation) {
                    h.rung = Some(rung.id);
                }
            }
            Change::AddGift(gift) => self.gifts.push(gift.clone()),
            Change::Attach { hesitation, rung } => {
                if let Some(h) = self.hesitations.iter_mut().find(|h| h.id == *hesitation) {
                    h.rung = Some(*rung);
                }
            }
            Change::Thank(id) => {
                if let Some(a) = self.attempts.iter_mut().find(|a| a.id == *id) {
                    a.thanked = Some(true);
                }
            }
            Change::ClearConflicts => self.conflicts.clear(),
            Change::NoteMoved(moved) => {
                for m in moved {
                    if !self.moved.iter().any(|o| o.what == m.what && o.from == m.from && o.to == m.to) {
                        self.moved.push(m.clone());
                    }
                }
            }
            Change::EditAttempt(attempt) => {
                if let Some(old) = self.attempts.iter_mut().find(|a| a.uid == attempt.uid) {
                    *old = attempt.clone();
                }
            }
            Change::Forget { entry, uid, on, last_attempt_id } => {
                match entry {
                    Entry::Attempt => {
                        self.attempts.retain(|a| a.uid != *uid);
                        self.last_attempt_id = *last_attempt_id;
                    }
                    Entry::Hesitation => self.hesitations.retain(|h| h.uid != *uid),
                    Entry::Gift => self.gifts.retain(|g| g.uid != *uid),
                }
                if !self.forgotten.iter().any(|f| f.uid == *uid) {
                    self.forgotten.push(Forgotten { uid: uid.clone(), on: Some(*on) });
                }
            }
        }
    }
}

/// The rules for a piece of text, shared by the file and the command line.
pub fn check_text(text: &str, what: &str, max: usize) -> Result<String, BadText> {
    checked_text(text, what, max).map(str::to_string)
}

/// `check_text` for a text already owned, kept as it is when it needs no trimming: reading a file, that saves
/// copying every text once more.
pub fn check_owned_text(text: String, what: &str, max: usize) -> Result<String, BadText> {
    let trimmed = checked_text(&text, what, max)?;
    if trimmed.len() == text.len() { Ok(text) } else { Ok(trimmed.to_string()) }
}

fn checked_text<'a>(text: &'a str, what: &str, max: usize) -> Result<&'a str, BadText> {
    let trimmed = text.trim();
    // No more bytes than the most characters allowed is no more characters: counted only when it may matter.
    let chars = if trimmed.len() > max { trimmed.chars().count() } else { trimmed.len().min(max) };
    let problem = if trimmed.is_empty() {
        TextProblem::Empty
    } else if chars > max {
        TextProblem::TooLong { chars, max }
    } else if max == MAX_SHORT_TEXT && trimmed.contains(['\n', '\r']) {
        TextProblem::LineBreak
    } else {
        return Ok(trimmed);
    };
    Err(BadText { what: what.to_string(), problem })
}

/// A text refused: what it is (the ask, a note, ...), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadText {
    pub what: String,
    pub problem: TextProblem,
}

/// Why a text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// Nothing but blanks.
    Empty,
    /// Longer than the `max` characters allowed.
    TooLong { chars: usize, max: usize },
    /// A line break in a text of one line.
    LineBreak,
}

/// An event of a calendar export as it was written: what the next export compares against, to cancel an
/// event whose plan is gone and to number a changed one (see `rules::calendar`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The rung's uid, from which the event's UID is made.
    pub uid: String,
    /// The day the event was on.
    pub day: NaiveDate,
    pub sequence: u32,
    /// A digest of what the event said (its day, title, place and description), to tell when it changed.
    pub digest: u64,
    pub cancelled: bool,
}
