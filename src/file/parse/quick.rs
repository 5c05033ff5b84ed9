//! The quick read: the shapes `ladder` itself writes, read line by line, with no TOML tree in between.
//!
//! A cold read (after a hand edit or a sync) used to cost one full TOML parse: 125 ms and 38 MB for a
//! years-of-use ladder of 1.4 MB, 0.5 s and 139 MB for 10,000 rungs (BENCHMARKS.md). This reads the same
//! files in a few milliseconds with little more memory than the ladder itself.
//!
//! It knows only what `ladder` writes and a careful hand keeps: `[settings]` and the `[[...]]` tables
//! `ladder` knows, bare keys `ladder` knows, one value per line (whole numbers, booleans, one-line strings,
//! dates and date-times, one-line lists of strings), comments and blank lines. At anything else (a
//! multi-line string, an inline table, a dotted or quoted key, a name `ladder` does not know, a key given
//! twice, a value of an unexpected kind, a character TOML does not allow) it gives up, and the full TOML
//! parser reads the file. It declines at any error too, so every complaint comes from the parser, with its
//! place. So it can be faster, but it cannot read a file differently: the tests below break good files at
//! random and check that the two read each the same, or this one declines.

use std::str::FromStr;

use rustc_hash::FxHashSet;
use toml::Spanned;
use toml::value::Datetime;

use super::raw::{RawAttempt, RawGift, RawHesitation, RawRung, RawSettings};
use super::{Journal, Layout, last_rung_end};
use crate::file::keys::{ATTEMPT, CONFLICT, FORGOTTEN, GAVE, HESITATION, MOVED, RUNG, SETTINGS};
use crate::model::{Conflict, Forgotten, Ladder, MovedId, VERSION};

/// The ladder and its layout, or `None` when the file needs the full parser: for a shape this does not
/// read, and for any error at all (the parser says where it is).
pub(super) fn read(text: &str) -> Option<(Ladder, Layout)> {
    // A large file is read in two halves, split at a `[[` header near its middle, one on each core: the
    // years-of-use ladder (1.4 MB) reads in about half the time. A small one is not worth a thread.
    let middle = (text.len() > PARALLEL_FROM)
        .then(|| memchr::memmem::find(&text.as_bytes()[text.len() / 2..], b"\n[[").map(|at| text.len() / 2 + at + 1))
        .flatten();
    let (file, mut top) = match middle {
        None => chunk(text, 0)?,
        Some(middle) => {
            let (first, second) = std::thread::scope(|scope| {
                let second = scope.spawn(|| chunk(&text[middle..], middle));
                let mut first = chunk(&text[..middle], 0);
                if let Some((file, _)) = &mut first {
                    // About as many attempts in the second half, for its length.
                    let more = file.ladder.attempts.len().saturating_mul(text.len() - middle) / middle.max(1);
                    touch_room(&mut file.ladder.attempts, more, || second.is_finished());
                }
                (first, second.join().ok().flatten())
            });
            let (mut file, top) = first?;
            // The second half starts with a header, so it has no top-level keys of its own.
            file.append(second?.0)?;
            (file, top)
        }
    };
    file.finish(text, &mut top)
}

/// Touches the pages of `list`'s room for up to `more` entries (the room it has: nothing is reserved here), one
/// entry a page, until `done` (checked every 16 pages). Why: the first half's thread is mostly done before the
/// second's and would only wait for it, and the second half's attempts are then copied into that room
/// (`File::append`): on years of use its pages were 200 of the page faults of a cold read (1.5-4 us each here),
/// on the command's own thread after the two halves were read. Room is never written beyond what is reserved,
/// and what is written is left uninitialised as far as the list knows.
fn touch_room<T>(list: &mut Vec<T>, more: usize, done: impl Fn() -> bool) {
    let step = (4096 / std::mem::size_of::<T>().max(1)).max(1);
    for (page, slot) in list.spare_capacity_mut().iter_mut().take(more).step_by(step).enumerate() {
        if page % 16 == 0 && done() {
            break;
        }
        *slot = std::mem::MaybeUninit::zeroed();
    }
    // Written for the pages they touch, not for anything read back: not to be left out as needless.
    std::hint::black_box(list.spare_capacity_mut().as_mut_ptr());
}

/// Below this size a file is read on one thread.
const PARALLEL_FROM: usize = 256 * 1024;

/// The tables in `text`, which starts at byte `base` of the file, and the keys before the first table.
pub(super) fn chunk(text: &str, base: usize) -> Option<(File, Fields)> {
    let mut file = File { uids: true, ..File::default() };
    // Room for every entry at once: growing the lists as they fill copied them again and again, a tenth of
    // the 10k ladder's cold read. A table `ladder` writes takes 50 bytes or more, so this is room enough for
    // a ladder of either kind alone; memory not written to is never given a page, so room to spare costs
    // nothing. (Counting the headers first cost a twentieth of the read.)
    let room = text.len() / 50;
    file.ladder.rungs.reserve(room);
    file.ladder.attempts.reserve(room);
    // One set of fields for every table, emptied as each closes: a table's fields are half a kilobyte, and
    // moving them in and out of each table cost a twentieth of a cold read.
    let mut table: Option<Kind> = None;
    let mut fields = Fields::new(TOP);
    let mut top = Fields::new(TOP);
    let mut start = 0;
    while start < text.len() {
        let len = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len() - start, |n| n + 1);
        let line = &text[start..start + len];
        let offset = base + start;
        start += len;
        // A `\r` ends a line only before a `\n`: one anywhere else (even at the very end) is the parser's to refuse.
        let line = line.strip_suffix('\n').map_or(line, |line| line.strip_suffix('\r').unwrap_or(line));
        let content = blanks(line);
        let indent = line.len() - content.len();
        let offset = offset + indent;
        match content.as_bytes().first() {
            None => {}
            Some(b'#') => comment(content)?,
            Some(b'[') => {
                if let Some(kind) = table {
                    close(kind, &mut fields, &mut file)?;
                }
                let kind = open(content, offset, &mut file)?;
                (table, fields.names, fields.guess) = (Some(kind), names(kind), 0);
            }
            Some(_) => if table.is_some() { &mut fields } else { &mut top }.set(content, offset)?,
        }
    }
    if let Some(kind) = table {
        close(kind, &mut fields, &mut file)?;
    }
    Some((file, top))
}

/// The file as read so far: the ladder, and what its layout needs.
#[derive(Default)]
pub(super) struct File {
    pub(super) ladder: Ladder,
    settings_seen: bool,
    /// Whether every entry so far has its uid.
    uids: bool,
    /// Where the last `[[rung]]` header starts, and where the first table after it starts (other than a
    /// `[[conflict]]`, which the layout reads past).
    last_rung: Option<usize>,
    after_last_rung: Option<usize>,
    /// Where the first table other than a rung or a conflict starts: it ends an earlier chunk's last rung.
    first_other: Option<usize>,
}

impl File {
    /// Adds the chunk that follows this one.
    fn append(&mut self, mut next: File) -> Option<()> {
        if next.settings_seen {
            if self.settings_seen {
                return None;
            }
            (self.settings_seen, self.ladder.settings) = (true, next.ladder.settings);
        }
        self.uids &= next.uids;
        self.ladder.rungs.append(&mut next.ladder.rungs);
        self.ladder.attempts.append(&mut next.ladder.attempts);
        self.ladder.hesitations.append(&mut next.ladder.hesitations);
        self.ladder.gifts.append(&mut next.ladder.gifts);
        self.ladder.conflicts.append(&mut next.ladder.conflicts);
        self.ladder.forgotten.append(&mut next.ladder.forgotten);
        self.ladder.moved.append(&mut next.ladder.moved);
        if next.last_rung.is_some() {
            (self.last_rung, self.after_last_rung) = (next.last_rung, next.after_last_rung);
        } else if self.last_rung.is_some() && self.after_last_rung.is_none() {
            self.after_last_rung = next.first_other;
        }
        Some(())
    }

    /// The whole ladder, once the checks that span tables pass: unique IDs and uids, and every attempt on a rung.
    fn finish(mut self, text: &str, top: &mut Fields) -> Option<(Ladder, Layout)> {
        let version = top.int(0)?.map(Spanned::into_inner);
        if version.is_some_and(|v| !(1..=VERSION).contains(&v)) {
            return None;
        }
        let last = |value: Option<Spanned<i64>>| value.map_or(Some(0), |v| u32::try_from(v.into_inner()).ok());
        self.ladder.last_rung_id = last(top.int(1)?)?;
        self.ladder.last_attempt_id = last(top.int(2)?)?;
        let ladder = self.ladder;
        let rungs: FxHashSet<u32> = ladder.rungs.iter().map(|r| r.id).collect();
        let sound = rungs.len() == ladder.rungs.len()
            && distinct_ids(ladder.attempts.iter().map(|a| a.id))
            && ladder.attempts.iter().all(|a| rungs.contains(&a.rung))
            && distinct_ids(ladder.hesitations.iter().map(|h| h.id))
            && distinct_ids(ladder.gifts.iter().map(|g| g.id))
            && distinct_texts(ladder.rungs.iter().map(|r| r.uid.as_str()))
            && distinct_texts(ladder.attempts.iter().map(|a| a.uid.as_str()))
            && distinct_texts(ladder.hesitations.iter().map(|h| h.uid.as_str()))
            && distinct_texts(ladder.gifts.iter().map(|g| g.uid.as_str()));
        if !sound {
            return None;
        }
        let rung_end = self
            .last_rung
            .and_then(|start| last_rung_end(text, start, self.after_last_rung.unwrap_or(text.len())))
            .and_then(|end| u64::try_from(end).ok());
        let current = version.is_none_or(|v| v == VERSION) && self.uids;
        let journal = Journal { attempt: true, hesitation: true, gave: true };
        Some((ladder, Layout { rung_end, journal, current }))
    }
}

/// `distinct`, for IDs: those `ladder` writes rise through the file, and IDs that rise are distinct without
/// a set (10,000 attempts' IDs put in one were 0.7 of the 3 million instructions a cold read of years of use
/// spends after its two halves are read, callgrind).
fn distinct_ids(ids: impl ExactSizeIterator<Item = u32> + Clone) -> bool {
    ids.clone().is_sorted_by(|a, b| a < b) || distinct(ids)
}

/// `distinct`, for texts (uids): their hashes are put in a set, of half the size of one of the texts
/// themselves (for 10,000 attempts' uids, 36 pages of memory touched for the first time rather than 68, on the
/// way to the end of a cold read), and the texts are compared only when two hashes are the same.
fn distinct_texts<'a>(texts: impl ExactSizeIterator<Item = &'a str> + Clone) -> bool {
    use std::hash::BuildHasher;
    distinct(texts.clone().map(|text| rustc_hash::FxBuildHasher.hash_one(text))) || distinct(texts)
}

fn distinct<T: Eq + std::hash::Hash>(items: impl ExactSizeIterator<Item = T>) -> bool {
    let mut seen = FxHashSet::default();
    seen.reserve(items.len());
    items.into_iter().all(|item| seen.insert(item))
}

const TOP: &[&str] = &["version", "last_rung_id", "last_attempt_id"];

/// The tables `ladder` writes, as their headers are written.
const HEADERS: [(Kind, &str); 8] = [
    (Kind::Attempt, "[[attempt]]"),
    (Kind::Rung, "[[rung]]"),
    (Kind::Hesitation, "[[hesitation]]"),
    (Kind::Gave, "[[gave]]"),
    (Kind::Settings, "[settings]"),
    (Kind::Conflict, "[[conflict]]"),
    (Kind::Forgotten, "[[forgotten]]"),
    (Kind::Moved, "[[moved]]"),
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Settings,
    Rung,
    Attempt,
    Hesitation,
    Gave,
    Conflict,
    Forgotten,
    Moved,
}
/// The kind of table a header line opens; `None` for a header `ladder` does not write.
fn open(content: &str, offset: usize, file: &mut File) -> Option<Kind> {
    let (kind, header) = HEADERS.iter().find(|(_, header)| content.starts_with(header))?;
    let (kind, len) = (*kind, header.len());
    if kind == Kind::Settings {
        if file.settings_seen {
            return None;
        }
        file.settings_seen = true;
    }
    end_of_line(&content[len..])?;
    match kind {
        Kind::Rung => (file.last_rung, file.after_last_rung) = (Some(offset), None),
        Kind::Conflict | Kind::Forgotten | Kind::Moved => {}
        _ => {
            if file.last_rung.is_some() && file.after_last_rung.is_none() {
                file.after_last_rung = Some(offset);
            }
            file.first_other = file.first_other.or(Some(offset));
        }
    }
    Some(kind)
}

fn names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Settings => SETTINGS,
        Kind::Rung => RUNG,
        Kind::Attempt => ATTEMPT,
        Kind::Hesitation => HESITATION,
        Kind::Gave => GAVE,
        Kind::Conflict => CONFLICT,
        Kind::Forgotten => FORGOTTEN,
        Kind::Moved => MOVED,
    }
}

/// Adds the finished table to the ladder, checked as the parser's tables are, and empties `f` for the next;
/// `None` when a key it needs is missing or of the wrong kind, or a value is out of its range.
fn close(kind: Kind, f: &mut Fields, file: &mut File) -> Option<()> {
    let ladder = &mut file.ladder;
    match kind {
        Kind::Settings => {
            let settings = RawSettings {
                repeat: f.int(0)?,
                comfortable: f.int(1)?,
                habituation: f.int(2)?,
                max_step: f.int(3)?,
                weekly_target: f.int(4)?,
                crisis_line: f.string(5)?,
                mastery: f.string(6)?,
                remind_after_days: f.int(7)?,
                quiet_hours: f.string(8)?,
            };
            ladder.settings = settings.check().ok()?;
        }
        Kind::Rung => {
            let rung = RawRung {
                id: f.int(0)??,
                uid: f.string(1)?,
                ask: f.string(2)??,
                stakes: f.int(3)??,
                who: f.string(4)?,
                tags: f.list(5)?.unwrap_or_default(),
                created: f.date(6)?,
                fear: f.string(7)?,
                chance: f.int(8)?,
                planned: f.date(9)?,
                place: f.string(10)?,
                safety: f.list(11)?.unwrap_or_default(),
                before: f.string(12)?,
            };
            file.uids &= rung.uid.is_some();
            ladder.rungs.push(rung.check().ok()?);
        }
        Kind::Attempt => {
            let attempt = RawAttempt {
                id: f.int(0)??,
                uid: f.string(1)?,
                rung: f.int(2)??,
                at: f.date(3)??,
                outcome: f.string(4)?,
                before: f.int(5)?,
                after: f.int(6)?,
                note: f.string(7)?,
                fear_happened: f.bool(8)?,
                thanked: f.bool(9)?,
                learned: f.string(10)?,
                used: f.list(11)?.unwrap_or_default(),
                dropped: f.list(12)?.unwrap_or_default(),
                peak: f.int(13)?,
                likely_before: f.int(14)?,
                bad_before: f.int(15)?,
                likely_after: f.int(16)?,
                bad_after: f.int(17)?,
                how: f.string(18)?,
            };
            file.uids &= attempt.uid.is_some();
            ladder.attempts.push(attempt.check().ok()?);
        }
        Kind::Hesitation => {
            let hesitation = RawHesitation {
                id: f.int(0)??,
                uid: f.string(1)?,
                at: f.date(2)??,
                text: f.string(3)??,
                story: f.string(4)?,
                stakes: f.int(5)?,
                rung: f.int(6)?,
            };
            file.uids &= hesitation.uid.is_some();
            ladder.hesitations.push(hesitation.check().ok()?);
        }
        Kind::Gave => {
            let gift =
                RawGift { id: f.int(0)??, uid: f.string(1)?, at: f.date(2)??, to: f.string(3)??, text: f.string(4)?? };
            file.uids &= gift.uid.is_some();
            ladder.gifts.push(gift.check().ok()?);
        }
        Kind::Conflict => ladder.conflicts.push(Conflict {
            rung: f.string(0)?.map(Spanned::into_inner),
            field: f.string(1)??.into_inner(),
            kept: f.string(2)?.map(Spanned::into_inner).unwrap_or_default(),
            other: f.string(3)?.map(Spanned::into_inner).unwrap_or_default(),
            entry: f.string(4)?.map(Spanned::into_inner),
        }),
        Kind::Forgotten => {
            let uid = f.string(0)??.into_inner();
            let on = match f.date(1)? {
                Some(on) => Some(super::raw::day(&on)?),
                None => None,
            };
            if !crate::model::uid::valid(&uid) {
                return None;
            }
            ladder.forgotten.push(Forgotten { uid, on });
        }
        Kind::Moved => {
            let what = f.string(0)??.into_inner();
            let id = |n: Spanned<i64>| u32::try_from(n.into_inner()).ok().filter(|&n| n > 0);
            let (from, to) = (id(f.int(1)??)?, id(f.int(2)??)?);
            let on = match f.date(3)? {
                Some(on) => Some(super::raw::day(&on)?),
                None => None,
            };
            ladder.moved.push(MovedId { what, from, to, on });
        }
    }
    Some(())
}

/// A value as written, with its span.
enum Value {
    Int(i64),
    Bool(bool),
    String(String),
    Date(Datetime),
    List(Vec<Spanned<String>>),
}

/// The keys one table may hold, and the values read for them (room for the most keys a table has: an attempt's 19).
pub(super) struct Fields {
    names: &'static [&'static str],
    values: [Option<Spanned<Value>>; 19],
    /// Where the next key is likely to be among `names`: keys are mostly written in `ladder`'s order.
    guess: usize,
}

#[allow(clippy::option_option)]
impl Fields {
    fn new(names: &'static [&'static str]) -> Fields {
        Fields { names, values: Default::default(), guess: 0 }
    }

    /// Reads a `key = value` line; `None` for a key this table does not hold, or holds already.
    fn set(&mut self, content: &str, offset: usize) -> Option<()> {
        // The key `ladder` writes next, and ` = ` after it, are looked for first: scanning the key and then
        // the blanks around `=` a byte at a time was a tenth of a cold read.
        let bytes = content.as_bytes();
        let (index, key_len) = match self.names.get(self.guess) {
            Some(name) if bytes.starts_with(name.as_bytes()) && matches!(bytes.get(name.len()), Some(b' ' | b'=')) => {
                (self.guess, name.len())
            }
            _ => {
                let key_len = bytes.iter().position(|&b| !is_key_byte(b)).unwrap_or(bytes.len());
                (self.names.iter().position(|name| name.as_bytes() == &bytes[..key_len])?, key_len)
            }
        };
        self.guess = index + 1;
        let after_key = &content[key_len..];
        let rest = blanks(after_key.strip_prefix(" = ").or_else(|| blanks(after_key).strip_prefix('='))?);
        let start = offset + content.len() - rest.len();
        let (value, len) = value(rest, start)?;
        end_of_line(&rest[len..])?;
        let slot = &mut self.values[index];
        if slot.is_some() {
            return None;
        }
        *slot = Some(Spanned::new(start..start + len, value));
        Some(())
    }

    // Each getter: `None` when the value is of the wrong kind (the parser words that error), else the value
    // if there is one. Those are two different "nones", so the getters return `Option<Option<_>>`, which `?`
    // reads best where the tables are put together.

    fn int(&mut self, index: usize) -> Option<Option<Spanned<i64>>> {
        self.take(index, |v| if let Value::Int(n) = v { Some(n) } else { None })
    }

    fn bool(&mut self, index: usize) -> Option<Option<bool>> {
        let value = self.take(index, |v| if let Value::Bool(b) = v { Some(b) } else { None })?;
        Some(value.map(Spanned::into_inner))
    }

    fn string(&mut self, index: usize) -> Option<Option<Spanned<String>>> {
        self.take(index, |v| if let Value::String(s) = v { Some(s) } else { None })
    }

    fn date(&mut self, index: usize) -> Option<Option<Spanned<Datetime>>> {
        self.take(index, |v| if let Value::Date(d) = v { Some(d) } else { None })
    }

    fn list(&mut self, index: usize) -> Option<Option<Vec<Spanned<String>>>> {
        let value = self.take(index, |v| if let Value::List(l) = v { Some(l) } else { None })?;
        Some(value.map(Spanned::into_inner))
    }

    fn take<T>(&mut self, index: usize, kind: impl FnOnce(Value) -> Option<T>) -> Option<Option<Spanned<T>>> {
        match self.values[index].take() {
            None => Some(None),
            Some(value) => {
                let span = value.span();
                kind(value.into_inner()).map(|v| Some(Spanned::new(span, v)))
            }
        }
    }
}

/// The value at the start of `text` (which starts at byte `start` of the file), and how many bytes it takes.
fn value(text: &str, start: usize) -> Option<(Value, usize)> {
    match text.as_bytes().first()? {
        b'"' | b'\'' => string(text).map(|(s, len)| (Value::String(s), len)),
        b'[' => list(text, start).map(|(l, len)| (Value::List(l), len)),
        // A number or a moment alone on its line, as `ladder` writes them, is read whole; with anything after
        // it, the word is cut out first, below.
        b'0'..=b'9' | b'-'
            if let Some(value) = whole_number(text.as_bytes())
                .map(Value::Int)
                .or_else(|| canonical_date(text.as_bytes()).map(Value::Date)) =>
        {
            Some((value, text.len()))
        }
        _ => {
            let len = text.bytes().position(|b| b == b' ' || b == b'\t').unwrap_or(text.len());
            let word = &text[..len];
            let value = match word {
                _ if word.contains('#') => return None,
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ if is_integer(word) => Value::Int(word.parse().ok()?),
                // A date and a time may be written with a space between them: left to the parser.
                _ if is_date(word)
                    && !text[len..].trim_start_matches([' ', '\t']).starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    Value::Date(canonical_date(word.as_bytes()).or_else(|| Datetime::from_str(word).ok())?)
                }
                _ => return None,
            };
            Some((value, len))
        }
    }
}

/// A decimal whole number as TOML writes one: no leading zeros, no `+`, no underscores (those go to the parser).
fn is_integer(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'))
}

/// `text` as a whole number, when it is one of at most 18 digits written as `is_integer` takes them: longer
/// ones, and anything else, are left to the general path.
fn whole_number(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first()? {
        (b'-', digits) => (true, digits),
        _ => (false, text),
    };
    if !(1..=18).contains(&digits.len()) || (digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    let n = digits.iter().try_fold(0i64, |n, &b| b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0')))?;
    Some(if negative { -n } else { n })
}

/// Whether a word starts like a date (`2026-11-22`); whether it is one, the date parser says.
fn is_date(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// A date (`2026-11-22`) or date-time (`2026-11-22T09:30:00+01:00`, `...:00.25Z`) in the form `ladder`
/// writes, read without the general date parser (which took a fifth of a cold read); `None` for any other
/// form, which the general parser then reads. Only values in range are taken here, so nothing the general
/// parser refuses is taken.
fn canonical_date(b: &[u8]) -> Option<Datetime> {
    let date = toml::value::Date { year: digits(b, 0, 4)?, month: part(b, 5, 1, 12)?, day: part(b, 8, 1, 31)? };
    let sep = |at: usize, c: u8| (b.get(at) == Some(&c)).then_some(());
    sep(4, b'-')?;
    sep(7, b'-')?;
    if b.len() == 10 {
        return Some(Datetime { date: Some(date), time: None, offset: None });
    }
    sep(10, b'T')?;
    sep(13, b':')?;
    sep(16, b':')?;
    let (hour, minute, second) = (part(b, 11, 0, 23)?, part(b, 14, 0, 59)?, part(b, 17, 0, 59)?);
    let mut at = 19;
    let mut nanosecond = None;
    if b.get(at) == Some(&b'.') {
        let count = b.get(at + 1..)?.iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=9).contains(&count) {
            return None;
        }
        let fraction: u32 = std::str::from_utf8(&b[at + 1..at + 1 + count]).ok()?.parse().ok()?;
        nanosecond = Some(fraction * 10u32.pow(u32::try_from(9 - count).ok()?));
        at += 1 + count;
    }
    let offset = match b.get(at..)? {
        b"Z" => toml::value::Offset::Z,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let minutes = i16::from(part(b, at + 1, 0, 23)?) * 60 + i16::from(part(b, at + 4, 0, 59)?);
            toml::value::Offset::Custom { minutes: if *sign == b'-' { -minutes } else { minutes } }
        }
        _ => return None,
    };
    let time = toml::value::Time { hour, minute, second: Some(second), nanosecond };
    Some(Datetime { date: Some(date), time: Some(time), offset: Some(offset) })
}

/// Two digits at `at`, if they make a number from `min` to `max`.
fn part(b: &[u8], at: usize, min: u8, max: u8) -> Option<u8> {
    u8::try_from(digits(b, at, 2)?).ok().filter(|n| (min..=max).contains(n))
}

fn digits(b: &[u8], at: usize, count: usize) -> Option<u16> {
    b.get(at..at + count)?.iter().try_fold(0u16, |n, &c| c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0')))
}

/// A one-line string, basic (`"..."`, with the usual escapes) or literal (`'...'`); `None` for a multi-line
/// one, a character TOML does not allow, or an escape `ladder` does not write.
fn string(text: &str) -> Option<(String, usize)> {
    let quote = *text.as_bytes().first().filter(|&&q| q == b'"' || q == b'\'')?;
    let body = &text[1..];
    if body.as_bytes().starts_with(&[quote, quote]) {
        return None;
    }
    // Most strings have nothing to unescape: the closing quote found with `memchr`, and the text before it
    // checked in one pass that the compiler vectorises (a byte-at-a-time search for the first special byte
    // was a twentieth of a cold read), then copied once.
    if let Some(end) = memchr::memchr(quote, body.as_bytes())
        && !escapes_or_controls(&body.as_bytes()[..end])
    {
        return Some((body[..end].to_string(), end + 2));
    }
    let mut out = String::new();
    let mut plain_from = 0;
    let mut bytes = body.bytes().enumerate();
    while let Some((i, b)) = bytes.next() {
        if b == quote {
            out.push_str(&body[plain_from..i]);
            return Some((out, i + 2));
        }
        if is_control(b) {
            return None;
        }
        if b == b'\\' && quote == b'"' {
            out.push_str(&body[plain_from..i]);
            let (escaped, len) = escape(&body[i + 1..])?;
            out.push(escaped);
            for _ in 0..len {
                bytes.next();
            }
            plain_from = i + 1 + len;
        }
    }
    None
}

/// Whether `bytes` hold a backslash or a control character. `|` rather than `||`, so the loop has no early
/// exit and the compiler vectorises it (counting them instead took 2 million more instructions on the years
/// ladder).
#[allow(clippy::needless_bitwise_bool, reason = "no early exit, so that the loop vectorises")]
fn escapes_or_controls(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| found | (b == b'\\') | is_control(b))
}

/// The character an escape (after its backslash) stands for, and how many bytes it takes.
fn escape(text: &str) -> Option<(char, usize)> {
    let simple = match text.as_bytes().first()? {
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'"' => '"',
        b'\\' => '\\',
        b'u' => return hex(text.get(1..5)?).map(|c| (c, 5)),
        b'U' => return hex(text.get(1..9)?).map(|c| (c, 9)),
        _ => return None,
    };
    Some((simple, 1))
}

fn hex(digits: &str) -> Option<char> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// A one-line list of strings, like `["work", 'family']`.
fn list(text: &str, start: usize) -> Option<(Vec<Spanned<String>>, usize)> {
    let mut items = Vec::new();
    let mut at = 1;
    loop {
        at = skip_blanks(text, at);
        if text[at..].starts_with(']') {
            return Some((items, at + 1));
        }
        let (item, len) = string(text.get(at..)?)?;
        items.push(Spanned::new(start + at..start + at + len, item));
        at = skip_blanks(text, at + len);
        match text.as_bytes().get(at)? {
            b',' => at += 1,
            b']' => return Some((items, at + 1)),
            _ => return None,
        }
    }
}

/// `text` without its leading blanks (spaces and tabs, as TOML has them).
fn blanks(text: &str) -> &str {
    let n = text.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    &text[n..]
}

fn skip_blanks(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

/// What may follow a value or a header: nothing, or blanks and then perhaps a comment.
fn end_of_line(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.is_empty() {
        Some(())
    } else if trimmed.starts_with('#') && trimmed.len() < rest.len() {
        comment(trimmed)
    } else {
        None
    }
}

/// A comment may hold any character but the control characters (tab aside).
fn comment(text: &str) -> Option<()> {
    (!text.bytes().any(is_control)).then_some(())
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::fmt::Write;

    use super::read;
    use crate::model::Ladder;

    /// A file with every table and key `ladder` knows, written as `ladder` and a careful hand write them.
    const EVERY_KEY: &str = r#"# my ladder
version = 2
last_rung_id = 3
last_attempt_id = 2

[settings]
repeat = 3 # more practice
comfortable = 25
habituation = 50
max_step = 15
weekly_target = 3

[[rung]]
id = 1
uid = "r1aaaaaaaa"
ask = "Ask Sam about \"one\" slide\tnow \u00e9 \U0001F600"
stakes = 20
who = 'Sam'
tags = ["work", 'home' , ]
created = 2026-11-21
fear = "They will sigh"
chance = 60
planned = 2026-11-25
where = "the office"

  [[rung]]
  id = 3
  uid = "r3aaaaaaaa"
  ask = "Ask for a lift"
  stakes = 45
  tags = []

[[attempt]]
id = 1
uid = "a1aaaaaaaa"
rung = 1
at = 2026-11-22T09:30:00+01:00
outcome = "no-answer"
before = 40
after = 15
note = "They were glad I asked.\nReally."
fear_happened = false
thanked = true

[[attempt]] # from the phone
id = 2
uid = "a2aaaaaaaa"
rung = 3
at = 2026-11-23T18:05:30.25Z
outcome = "no"

[[hesitation]]
id = 1
uid = "h1aaaaaaaa"
at = 2026-11-24T08:00:00-05:00
text = "Ask Jo for help moving"
story = "I'd be a bother"
stakes = 50
rung = 3

[[gave]]
id = 1
uid = "g1aaaaaaaa"
at = 2026-11-24T12:00:00+00:00
to = "Jo"
text = "Lent a book"

[[conflict]]
rung = "r1aaaaaaaa"
field = "ask"
kept = "a"
other = "b"

[[forgotten]]
uid = "a9aaaaaaaa"
on = 2026-11-24

[[moved]]
what = "attempt"
from = 2
to = 5
on = 2026-11-24
"#;

    /// The quick read and the full parser agree on `text`: either the quick read declines, or both give the
    /// same ladder, layout and warnings, or the same error at the same place.
    fn agree(text: &str) -> bool {
        let full = super::super::parse_toml(text);
        match read(text) {
            Some((ladder, layout)) => {
                assert_eq!(Ok((ladder, layout, Vec::new())), full, "{text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn the_files_ladder_writes_are_read_quickly_and_alike() {
        let files = [
            EVERY_KEY,
            include_str!("../../../examples/asking-for-help.toml"),
            include_str!("../../../examples/work.toml"),
            "",
            "# only a comment\n",
            "version = 2",
        ];
        for text in files {
            assert!(agree(text), "read by the parser instead: {text}");
        }
        assert!(agree(&EVERY_KEY.replace('\n', "\r\n")), "Windows line ends");
        let ladder = Ladder::parse(EVERY_KEY).unwrap();
        assert_eq!(ladder.rungs[0].ask, "Ask Sam about \"one\" slide\tnow \u{e9} \u{1F600}");
        assert_eq!(ladder.attempts[1].at.to_rfc3339(), "2026-11-23T18:05:30.250+00:00");
    }

    #[test]
    fn every_error_is_left_to_the_parser() {
        for (from, to) in [
            ("stakes = 20", "stakes = 101"),
            ("  id = 3\n", "  id = 1\n"),
            ("rung = 3\nat", "rung = 9\nat"),
            ("uid = \"a2aaaaaaaa\"", "uid = \"a1aaaaaaaa\""),
            ("created = 2026-11-21", "created = 2026-11-21T10:00:00Z"),
            ("at = 2026-11-22T09:30:00+01:00", "at = 2026-11-22T09:30:00"),
            ("outcome = \"no\"", "outcome = \"maybe\""),
            ("version = 2", "version = 7"),
            ("tags = []", "tags = [\"  \"]"),
        ] {
            let text = EVERY_KEY.replacen(from, to, 1);
            assert!(read(&text).is_none(), "{to}");
            assert!(Ladder::parse(&text).is_err(), "{to}");
        }
    }

    #[test]
    fn what_only_the_parser_knows_is_left_to_it() {
        assert!(!agree(include_str!("../../../tests/edits/handwritten.toml")), "names ladder does not know");
        for (from, to) in [
            ("stakes = 20", "stakes = 2_0"),
            ("stakes = 20", "stakes = 020"),
            ("stakes = 20", "stakes = +20"),
            ("stakes = 20", "stakes = \"20\""),
            ("stakes = 20", "stakes = 20\nstakes = 21"),
            ("stakes = 20", "mood = 20"),
            ("stakes = 20", "\"stakes\" = 20"),
            ("stakes = 20", "rung.stakes = 20"),
            ("who = 'Sam'", "who = '''Sam'''"),
            ("who = 'Sam'", "who = \"\"\"Sam\"\"\""),
            ("who = 'Sam'", "who = \"Sam\\e\""),
            ("who = 'Sam'", "who = 'Sam'x"),
            ("who = 'Sam'", "who = 'Sam'# no blank"),
            ("who = 'Sam'", "who = 'Sam' # a \u{7f}"),
            ("who = 'Sam'", "who = { name = 'Sam' }"),
            ("at = 2026-11-22T09:30:00+01:00", "at = 2026-11-22 09:30:00+01:00"),
            ("[settings]", "[ settings ]"),
            ("[settings]", "[settings]\n[settings]"),
            ("[[gave]]", "[gave.x]\n[[gave]]"),
            ("tags = []", "tags = [\n]"),
        ] {
            let text = EVERY_KEY.replacen(from, to, 1);
            assert!(!agree(&text), "{to}");
        }
    }

    /// Found by an attack on the quick reader: a file whose last byte was a lone `\r` was read, though TOML
    /// (and the parser) refuse it.
    #[test]
    fn a_carriage_return_not_before_a_line_feed_is_left_to_the_parser() {
        for text in ["version = 2\r", "version = 2\n\r", "version = 2\n# c\r", "version = 2\r\n\r"] {
            assert!(!agree(text), "{text:?}");
            assert!(super::super::parse_toml(text).is_err(), "{text:?}");
        }
        let ends_in_cr = format!("{}\r", EVERY_KEY.trim_end());
        assert!(!agree(&ends_in_cr));
        assert!(agree(&EVERY_KEY.replace('\n', "\r\n")), "a CR before each LF is fine");
    }

    #[test]
    fn numbers_and_moments_read_as_the_parser_reads_them_however_they_are_written() {
        for (from, to, quickly) in [
            ("stakes = 20", "stakes = 0", true),
            ("stakes = 20", "stakes = -0", true),
            ("stakes = 20", "stakes=20", true),
            ("stakes = 20", "stakes =  20", true),
            ("stakes = 20", "stakes = 20 # a comment", true),
            ("stakes = 20", "stakes = 00", false),
            ("stakes = 20", "stakes = -", false),
            ("stakes = 20", "stakes = 20-", false),
            ("last_rung_id = 3", "last_rung_id = 000000000000000003", false),
            ("last_rung_id = 3", "last_rung_id = 999999999999999999", false),
            ("last_rung_id = 3", "last_rung_id = 9223372036854775808", false),
            ("at = 2026-11-22T09:30:00+01:00", "at = 2026-11-22T09:30:00-01:30", true),
            ("at = 2026-11-22T09:30:00+01:00", "at = 2026-11-22T09:30:00+01:00 # a comment", true),
            ("at = 2026-11-22T09:30:00+01:00", "at = 2026-11-22T09:30:00+01:00x", false),
            ("created = 2026-11-21", "created = 2026-11-21 ", true),
            ("created = 2026-11-21", "created = 2026-02-30", false),
        ] {
            let text = EVERY_KEY.replacen(from, to, 1);
            assert_ne!(text, EVERY_KEY, "{from}");
            assert_eq!(agree(&text), quickly, "{to}");
        }
    }

    /// A ladder large enough to be read in two halves: `EVERY_KEY`, then `attempts` more attempts on rung 1,
    /// with `middle` written among them, halfway.
    fn large(attempts: u32, middle: &str) -> String {
        let mut text = EVERY_KEY.to_string();
        for id in 3..attempts + 3 {
            if id == attempts / 2 {
                text.push_str(middle);
            }
            let _ = write!(
                text,
                "\n[[attempt]]\nid = {id}\nuid = \"x{id:08}\"\nrung = 1\nat = 2026-11-25T10:00:00+01:00\nnote = \"a note to make the file longer than it would otherwise be\"\n"
            );
        }
        assert!(text.len() > super::PARALLEL_FROM);
        text
    }

    #[test]
    fn touching_a_list_s_room_leaves_the_list_as_it_was() {
        let mut list: Vec<String> = Vec::with_capacity(1002);
        list.extend(["a".into(), "b".into()]);
        super::touch_room(&mut list, 1000, || false);
        super::touch_room(&mut list, usize::MAX, || false);
        assert!(list == ["a", "b"] && list.capacity() >= 1002);
        super::touch_room(&mut list, 5000, || true);
        list.extend((0..5000).map(|n| n.to_string()));
        assert_eq!((list.len(), list[2].as_str(), list[5001].as_str()), (5002, "0", "4999"));
    }

    #[test]
    fn texts_are_distinct_by_their_hashes_and_then_by_themselves() {
        let uids: Vec<String> = (0..5000).map(|n| format!("uid{n}")).collect();
        assert!(super::distinct_texts(uids.iter().map(String::as_str)));
        let twice = uids.iter().chain([&uids[1234]]).map(String::as_str).collect::<Vec<_>>();
        assert!(!super::distinct_texts(twice.into_iter()));
        assert!(super::distinct_texts(std::iter::empty()));
    }

    #[test]
    fn a_large_file_read_in_two_halves_reads_as_one() {
        let rung = "\n[[rung]]\nid = 7\nuid = \"r7aaaaaaaa\"\nask = \"Ask late\"\nstakes = 70\n";
        for middle in ["", rung, "\n[[conflict]]\nfield = \"x\"\n"] {
            let text = large(4000, middle);
            assert!(agree(&text), "{middle}");
            // The rung as the first table of the second half, or the last of the first.
            for from in [text.len() / 2, text.len() / 2 - 2000] {
                let at = from + text[from..].find("\n[[").unwrap();
                let another = rung.replace('7', "8");
                assert!(agree(&format!("{}{another}{}", &text[..at], &text[at..])), "{middle} and a rung at {at}");
            }
        }
        let twice = large(4000, "\n[settings]\nrepeat = 4\n");
        assert!(read(&twice).is_none() && Ladder::parse(&twice).is_err(), "[settings] in both halves");
        // A line that looks like a header inside a multi-line string, just where the file is split: declined,
        // and the parser reads the string whole.
        let text = large(4000, "");
        let split = text.len() / 2 + text[text.len() / 2..].find("\n[[").unwrap();
        let note = text[..split].rfind("note = ").unwrap();
        let text = format!("{}note = \"\"\"\nfirst\n[[attempt]]\nid = 9\"\"\"\n{}", &text[..note], &text[split..]);
        assert!(read(&text).is_none());
        let ladder = Ladder::parse(&text).unwrap();
        assert_eq!(ladder.attempts.len(), 4002);
        assert!(ladder.attempts.iter().any(|a| a.note.as_deref() == Some("first\n[[attempt]]\nid = 9")));
        let (ladder, layout) = read(&large(4000, rung)).unwrap();
        assert_eq!((ladder.rungs.len(), ladder.attempts.len(), layout.current), (3, 4002, true));
    }

    /// Characters that matter to TOML, to break a good file with.
    const TRICKY: &[&str] = &[
        "\"", "'", "\\", "#", "[", "]", "=", " ", "\t", "\r", "\n", ".", ",", "-", "+", "0", "9", "T", "Z", ":", "u",
        "e", "x", "_", "\u{7f}", "\u{1}", "\u{e9}", "\"\"\"", "'''", "\\u", "{", "}", "true", "[[", "]]",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// However a good file is broken, the quick read either declines or reads what the parser reads.
        #[test]
        fn broken_files_read_alike_or_go_to_the_parser(
            edits in proptest::collection::vec((0..EVERY_KEY.len(), 0..4usize, 0..TRICKY.len()), 1..4),
        ) {
            let mut text = EVERY_KEY.to_string();
            for (at, cut, tricky) in edits {
                let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                let end = (at..=(at + cut).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(at);
                text.replace_range(at..end, TRICKY[tricky]);
            }
            agree(&text);
        }
    }
}
