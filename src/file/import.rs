//! A worksheet's text read as rungs (`ladder import`): a CSV or TSV with a header, a Markdown or plain list, the
//! JSON of `ladder export --format json`, or another ladder file. Pure: text in, entries (or one line naming
//! the row and column of the first problem) out. Where the rungs land, and their new IDs, is `rules::import`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use crate::error::{NotImported, Spot, Unimportable};
use crate::model::{
    Attempt, Expectancy, Gift, Hesitation, How, Ladder, MAX_NOTE, MAX_SHORT_TEXT, Outcome, Rung, check_text,
};

/// The entries found in a worksheet: a ladder of their own, with the IDs and uids the source gave them (a table
/// or a list numbers its rungs from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub ladder: Ladder,
    /// Where each rung was found (row 3, line 4), in the order of `ladder.rungs`.
    pub places: Vec<Spot>,
    /// The headers of a table's columns that were not read, each once.
    pub ignored: Vec<String>,
}

/// Why a worksheet cannot be imported, with no place in it.
fn nowhere(why: NotImported) -> Unimportable {
    Unimportable { at: None, why }
}

/// Why a worksheet cannot be imported, and where.
fn at(spot: Spot, why: NotImported) -> Unimportable {
    Unimportable { at: Some(spot), why }
}

/// Reads a worksheet's bytes. `Err` names the first problem and where it is.
pub fn read(bytes: &[u8]) -> Result<Found, Unimportable> {
    let text = std::str::from_utf8(bytes).ok().filter(|t| !t.contains('\0')).ok_or(nowhere(NotImported::NotText))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(nowhere(NotImported::Empty));
    }
    if text.trim_start().starts_with('{') {
        return export(text);
    }
    if is_ladder_file(text) {
        return Ladder::parse(text).map(found).map_err(|err| Unimportable {
            at: err.span.map(|s| Spot::Line(text[..s.start.min(text.len())].matches('\n').count() + 1)),
            why: NotImported::Ladder(err.why),
        });
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    match separator(first) {
        // A first line that ends with a rating is an ask, though it holds a comma: a list.
        Some(separator) if !starts_an_item(first) && !ends_with_rating(first) => table(text, separator),
        _ => list(text),
    }
}

/// The entries of an export or a ladder file, rungs in the order of their IDs, so that their new IDs keep it.
fn found(mut ladder: Ladder) -> Found {
    ladder.rungs.sort_by_key(|r| r.id);
    let places = ladder.rungs.iter().map(|r| Spot::Rung(r.id)).collect();
    Found { ladder, places, ignored: Vec::new() }
}

/// A ladder file: one of its tables, or its version, on a line of its own.
fn is_ladder_file(text: &str) -> bool {
    text.lines().map(str::trim).any(|l| {
        ["[[rung]]", "[[attempt]]", "[settings]", "[[hesitation]]", "[[gave]]"].contains(&l)
            || l.starts_with("version =")
    })
}

/// The separator of a table's header: the one of tab, semicolon and comma it holds most often, outside quotes.
fn separator(header: &str) -> Option<u8> {
    let mut counts = [(b'\t', 0), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(s, _)| *s == b) {
            count.1 += 1;
        }
    }
    counts.into_iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n).map(|(s, _)| s)
}

/// What a table's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Ask,
    Stakes,
    Who,
    Tags,
    Fear,
    Chance,
}

/// The field a header names, loosely, and how surely (lower is surer): "Situation", "Distress (0-100)",
/// "SUDS", "Feared outcome", "Who", "Tags", "Chance of a yes (%)".
fn field(header: &str) -> Option<(Field, usize)> {
    let lower = header.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| list.iter().position(|w| words.contains(w));
    if let Some(rank) = has(&["chance", "likely", "likelihood", "probability"]) {
        return Some((Field::Chance, rank));
    }
    let rated = has(&["suds", "distress", "stakes", "rating", "rate", "anxiety", "discomfort", "level", "score"]);
    if let Some(rank) = rated.or_else(|| (lower.contains("0-100") || lower.contains("0\u{2013}100")).then_some(9)) {
        return Some((Field::Stakes, rank));
    }
    if let Some(rank) = has(&["situation", "ask", "asks", "step", "task", "activity", "exposure", "item", "trigger"]) {
        return Some((Field::Ask, rank));
    }
    if let Some(rank) = has(&["fear", "feared", "outcome", "worry", "worst", "prediction", "afraid"]) {
        return Some((Field::Fear, rank));
    }
    if let Some(rank) = has(&["who", "person", "whom", "people", "helper"]) {
        return Some((Field::Who, rank));
    }
    if let Some(rank) = has(&["tags", "tag", "category", "categories", "theme", "group"]) {
        return Some((Field::Tags, rank));
    }
    has(&["what", "description"]).map(|rank| (Field::Ask, 20 + rank))
}

fn table(text: &str, separator: u8) -> Result<Found, Unimportable> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(csv_error(&err)),
        None => return Err(nowhere(NotImported::Empty)),
    };
    let headers: Vec<String> = header.iter().map(|h| h.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if headers.iter().any(|h| percent(h).is_ok()) {
        return Err(nowhere(NotImported::NumberHeader));
    }
    // Each field from the surest column that names it; any other column is named as not read.
    let mut columns: Vec<(Field, usize, usize)> = Vec::new();
    for (index, name) in headers.iter().enumerate() {
        let Some((field, rank)) = field(name) else { continue };
        match columns.iter_mut().find(|(f, _, _)| *f == field) {
            Some(taken) if rank < taken.2 => *taken = (field, index, rank),
            Some(_) => {}
            None => columns.push((field, index, rank)),
        }
    }
    let column = |field: Field| columns.iter().find(|(f, _, _)| *f == field).map(|(_, index, _)| *index);
    let (Some(ask), Some(stakes)) = (column(Field::Ask), column(Field::Stakes)) else {
        return Err(nowhere(NotImported::NoColumn { ask: column(Field::Ask).is_none() }));
    };
    let mut ignored: Vec<String> = Vec::new();
    for (index, name) in headers.iter().enumerate() {
        if !columns.iter().any(|(_, i, _)| *i == index) && !name.is_empty() && !ignored.contains(name) {
            ignored.push(name.clone());
        }
    }
    let mut ladder = Ladder::default();
    let mut places = Vec::new();
    for (n, record) in records.enumerate() {
        let record = record.map_err(|err| csv_error(&err))?;
        let row = n + 2;
        // A line of a template left unfilled (its step number, but no situation and no rating) is no ask.
        let blank = |index: usize| record.get(index).is_none_or(|cell| cell.trim().is_empty());
        if blank(ask) && blank(stakes) {
            continue;
        }
        let spot = |column: usize| Spot::Cell { row, column, header: headers[column].clone() };
        let at = |column: usize, why: NotImported| at(spot(column), why);
        let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).map(one_line).filter(|c| !c.is_empty());
        let short = |field: Field, what: &str| -> Result<Option<String>, Unimportable> {
            let index = column(field);
            cell(index)
                .map(|c| check_text(&c, what, MAX_SHORT_TEXT).map_err(|e| at(index.unwrap_or(0), NotImported::Text(e))))
                .transpose()
        };
        let ask_text = cell(Some(ask)).ok_or_else(|| at(ask, NotImported::NoSituation))?;
        // A step's number ("3. Ask ...") is its place on the sheet, not part of the ask.
        let ask_text = item(&ask_text)
            .filter(|_| ask_text.starts_with(|c: char| c.is_ascii_digit()))
            .map_or(ask_text.clone(), str::to_string);
        let ask_text = check_text(&ask_text, "situation", MAX_SHORT_TEXT).map_err(|e| at(ask, NotImported::Text(e)))?;
        let rating = cell(Some(stakes)).ok_or_else(|| at(stakes, NotImported::NoRating))?;
        let rating = percent(&rating).map_err(|e| at(stakes, e))?;
        let chance =
            column(Field::Chance).and_then(|i| cell(Some(i)).map(|c| percent(&c).map_err(|e| at(i, e)))).transpose()?;
        let tags = match cell(column(Field::Tags)) {
            Some(tags) => {
                let given = tags.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(String::from);
                texts(given.collect(), "tag", &spot(column(Field::Tags).unwrap_or(0)))?
            }
            None => Vec::new(),
        };
        let id = u32::try_from(ladder.rungs.len() + 1).map_err(|_| nowhere(NotImported::TooMany { rows: true }))?;
        let rung = Rung {
            who: short(Field::Who, "name")?,
            fear: short(Field::Fear, "fear")?,
            chance,
            tags,
            ..Rung::new(id, ask_text, rating)
        };
        ladder.rungs.push(rung);
        places.push(Spot::Row(row));
    }
    Ok(Found { ladder, places, ignored })
}

fn csv_error(err: &csv::Error) -> Unimportable {
    let at = err.position().and_then(|at| usize::try_from(at.line()).ok()).map(Spot::Line);
    Unimportable { at, why: NotImported::Csv(err.to_string()) }
}

/// A cell on one line: a line break inside it (Alt-Enter in a spreadsheet) and runs of spaces become one space.
fn one_line(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rating or a chance from 0 to 100: "40", "40%", "40/100", "40.0".
fn percent(text: &str) -> Result<u8, NotImported> {
    let plain = text.trim();
    let plain = plain.strip_suffix('%').or_else(|| plain.strip_suffix("/100")).unwrap_or(plain).trim();
    let plain = plain.strip_suffix(".0").or_else(|| plain.strip_suffix(",0")).unwrap_or(plain);
    match plain.parse::<u64>() {
        Ok(n) if n <= 100 => Ok(u8::try_from(n).unwrap_or(100)),
        Ok(n) => Err(NotImported::RatingTooHigh(n)),
        Err(_) => Err(NotImported::NotARating(text.trim().to_string())),
    }
}

/// A line that starts an item of a list: "- ", "* ", "+ ", "• ", "1. ", "1) ".
fn starts_an_item(line: &str) -> bool {
    item(line).is_some()
}

/// The text of a list item, without its bullet (and any checkbox); `None` for a line without one.
fn item(line: &str) -> Option<&str> {
    let line = line.trim();
    let rest =
        ["- ", "* ", "+ ", "\u{2022} ", "\u{2013} "].iter().find_map(|b| line.strip_prefix(b)).or_else(|| {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = &line[digits..];
            (digits > 0).then(|| after.strip_prefix(". ").or_else(|| after.strip_prefix(") "))).flatten()
        })?;
    let rest = rest.trim_start();
    Some(["[ ] ", "[x] ", "[X] "].iter().find_map(|c| rest.strip_prefix(c)).unwrap_or(rest))
}

/// A Markdown or plain list: one ask a line, its rating at the end ("- Ask Sam for a lift (40)"). When some lines
/// have a bullet, only those are asks; otherwise every line but a heading is.
fn list(text: &str) -> Result<Found, Unimportable> {
    let bulleted = text.lines().any(starts_an_item);
    let mut ladder = Ladder::default();
    let mut places = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("```") {
            continue;
        }
        let entry = match item(trimmed) {
            Some(entry) => entry,
            None if bulleted => continue,
            None => trimmed,
        };
        let line = Spot::Line(n + 1);
        let (ask, rating) = split_rating(entry).ok_or_else(|| at(line.clone(), NotImported::NoRatingAtEnd))?;
        let stakes = percent(rating).map_err(|e| at(line.clone(), e))?;
        let ask = check_text(&one_line(ask), "situation", MAX_SHORT_TEXT)
            .map_err(|e| at(line.clone(), NotImported::Text(e)))?;
        let id = u32::try_from(ladder.rungs.len() + 1).map_err(|_| nowhere(NotImported::TooMany { rows: false }))?;
        ladder.rungs.push(Rung::new(id, ask, stakes));
        places.push(line);
    }
    if ladder.rungs.is_empty() {
        return Err(nowhere(NotImported::NoAsks));
    }
    Ok(Found { ladder, places, ignored: Vec::new() })
}

/// Whether a line ends with a rating from 0 to 100, as an item of a list does.
fn ends_with_rating(line: &str) -> bool {
    split_rating(line).is_some_and(|(_, rating)| percent(rating).is_ok())
}

/// An item's ask and its rating: "(40)", "[40]", "(SUDS 40)", "- 40", ": 40".
fn split_rating(entry: &str) -> Option<(&str, &str)> {
    let entry = entry.trim_end();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inside) = entry.strip_suffix(close)
            && let Some(at) = inside.rfind(open)
        {
            let rating = inside[at + 1..].trim();
            let rating =
                rating.trim_start_matches(|c: char| c.is_alphabetic()).trim_start_matches([':', '=', ' ']).trim();
            if rating.starts_with(|c: char| c.is_ascii_digit()) {
                return Some((entry[..at].trim_end(), rating));
            }
        }
    }
    let number_start = entry.trim_end_matches(['%']).trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if number_start == entry.len() || number_start == 0 {
        return None;
    }
    let before = entry[..number_start].trim_end();
    ["-", ":", "\u{2013}", "\u{2014}", ",", "="]
        .iter()
        .find_map(|s| before.strip_suffix(s))
        .map(|ask| (ask.trim_end(), &entry[number_start..]))
}

// The JSON of `ladder export --format json`: only what an import keeps, every field optional but the ask.

#[derive(Deserialize)]
struct ExportIn {
    #[serde(default)]
    rungs: Vec<RungIn>,
    #[serde(default)]
    hesitations: Vec<HesitationIn>,
    #[serde(default)]
    gifts: Vec<GiftIn>,
    #[serde(default)]
    plans: Vec<PlanIn>,
}

#[derive(Deserialize)]
struct RungIn {
    id: u32,
    #[serde(default)]
    uid: Option<String>,
    ask: String,
    stakes: u64,
    who: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    created: Option<String>,
    fear: Option<String>,
    chance: Option<u64>,
    #[serde(default)]
    attempts: Vec<AttemptIn>,
    #[serde(default)]
    safety: Vec<String>,
}

#[derive(Deserialize)]
struct AttemptIn {
    id: u32,
    at: String,
    outcome: String,
    before: Option<u64>,
    after: Option<u64>,
    note: Option<String>,
    fear_happened: Option<bool>,
    thanked: Option<bool>,
    learned: Option<String>,
    #[serde(default)]
    used: Vec<String>,
    #[serde(default)]
    dropped: Vec<String>,
    peak: Option<u64>,
    likely_before: Option<u64>,
    bad_before: Option<u64>,
    likely_after: Option<u64>,
    bad_after: Option<u64>,
    how: Option<String>,
}

#[derive(Deserialize)]
struct HesitationIn {
    id: u32,
    at: String,
    text: String,
    story: Option<String>,
    stakes: Option<u64>,
    rung: Option<u32>,
}

#[derive(Deserialize)]
struct GiftIn {
    id: u32,
    at: String,
    to: String,
    text: String,
}

#[derive(Deserialize)]
struct PlanIn {
    id: u32,
    planned: Option<String>,
    #[serde(rename = "where")]
    place: Option<String>,
    before: Option<String>,
}

/// A value of an export, by its path.
fn path(at: &str, field: &str) -> Spot {
    Spot::Path(format!("{at}.{field}"))
}

fn export(text: &str) -> Result<Found, Unimportable> {
    let input: ExportIn = serde_json::from_str(text).map_err(|err| {
        let why = err.to_string();
        // The place is said once, before the parser's words.
        let why = why.split(" at line ").next().unwrap_or(&why).to_string();
        at(Spot::LineColumn(err.line(), err.column()), NotImported::Json(why))
    })?;
    let mut ladder = Ladder::default();
    let mut seen = std::collections::HashSet::new();
    for (r, given) in input.rungs.into_iter().enumerate() {
        let at = format!("rungs[{r}]");
        let short = |text: Option<String>, what: &str, field: &str| {
            text.map(|t| {
                check_text(&t, what, MAX_SHORT_TEXT).map_err(|e| self::at(path(&at, field), NotImported::Text(e)))
            })
            .transpose()
        };
        if !seen.insert(given.id) {
            return Err(self::at(path(&at, "id"), NotImported::Twice(given.id)));
        }
        let mut rung = Rung::new(
            given.id,
            short(Some(given.ask), "ask", "ask")?.unwrap_or_default(),
            rating(given.stakes, &at, "stakes")?,
        );
        if let Some(uid) = given.uid {
            rung.uid = uid;
        }
        rung.who = short(given.who, "name", "who")?;
        rung.fear = short(given.fear, "fear", "fear")?;
        rung.chance = given.chance.map(|c| rating(c, &at, "chance")).transpose()?;
        rung.created = given.created.map(|d| day(&d, path(&at, "created"))).transpose()?;
        rung.tags = texts(given.tags, "tag", &path(&at, "tags"))?;
        rung.safety = texts(given.safety, "safety behaviour", &path(&at, "safety"))?;
        for (a, attempt) in given.attempts.into_iter().enumerate() {
            ladder.attempts.push(attempt_in(attempt, rung.id, &format!("{at}.attempts[{a}]"))?);
        }
        ladder.rungs.push(rung);
    }
    let uids: std::collections::HashMap<String, u32> = ladder.rungs.iter().map(|r| (r.uid.clone(), r.id)).collect();
    let places: std::collections::HashMap<u32, usize> =
        ladder.rungs.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for (p, plan) in input.plans.into_iter().enumerate() {
        let at = format!("plans[{p}]");
        let index = places.get(&plan.id).ok_or_else(|| self::at(path(&at, "id"), NotImported::NoRung(plan.id)))?;
        let rung = &mut ladder.rungs[*index];
        rung.planned = plan.planned.map(|d| day(&d, path(&at, "planned"))).transpose()?;
        rung.place = plan
            .place
            .map(|t| {
                check_text(&t, "place", MAX_SHORT_TEXT).map_err(|e| self::at(path(&at, "where"), NotImported::Text(e)))
            })
            .transpose()?;
        // The harder rung this one is a step before, when it is in the export too.
        rung.before = plan.before.filter(|uid| uids.get(uid).is_some_and(|id| *id != plan.id));
    }
    for (h, given) in input.hesitations.into_iter().enumerate() {
        let at = format!("hesitations[{h}]");
        ladder.hesitations.push(Hesitation {
            id: given.id,
            uid: String::new(),
            at: moment(&given.at, path(&at, "at"))?,
            text: check_text(&given.text, "hesitation", MAX_SHORT_TEXT)
                .map_err(|e| self::at(path(&at, "text"), NotImported::Text(e)))?,
            story: given
                .story
                .map(|s| {
                    check_text(&s, "story", MAX_NOTE).map_err(|e| self::at(path(&at, "story"), NotImported::Text(e)))
                })
                .transpose()?,
            stakes: given.stakes.map(|s| rating(s, &at, "stakes")).transpose()?,
            rung: given.rung,
        });
    }
    for (g, given) in input.gifts.into_iter().enumerate() {
        let at = format!("gifts[{g}]");
        ladder.gifts.push(Gift {
            id: given.id,
            uid: String::new(),
            at: moment(&given.at, path(&at, "at"))?,
            to: check_text(&given.to, "name", MAX_SHORT_TEXT)
                .map_err(|e| self::at(path(&at, "to"), NotImported::Text(e)))?,
            text: check_text(&given.text, "help given", MAX_SHORT_TEXT)
                .map_err(|e| self::at(path(&at, "text"), NotImported::Text(e)))?,
        });
    }
    Ok(found(ladder))
}

fn attempt_in(given: AttemptIn, rung: u32, at: &str) -> Result<Attempt, Unimportable> {
    let number = |value: Option<u64>, field: &str| value.map(|v| rating(v, at, field)).transpose();
    let note = |text: Option<String>, what: &str, field: &str| {
        text.map(|t| check_text(&t, what, MAX_NOTE).map_err(|e| self::at(path(at, field), NotImported::Text(e))))
            .transpose()
    };
    let outcome =
        given.outcome.parse::<Outcome>().map_err(|e| self::at(path(at, "outcome"), NotImported::NotOne(e)))?;
    Ok(Attempt {
        before: number(given.before, "before")?,
        after: number(given.after, "after")?,
        note: note(given.note, "note", "note")?,
        fear_happened: given.fear_happened,
        thanked: given.thanked,
        learned: note(given.learned, "lesson", "learned")?,
        used: texts(given.used, "safety behaviour", &path(at, "used"))?,
        dropped: texts(given.dropped, "safety behaviour", &path(at, "dropped"))?,
        peak: number(given.peak, "peak")?,
        expected: Expectancy {
            likely_before: number(given.likely_before, "likely_before")?,
            bad_before: number(given.bad_before, "bad_before")?,
            likely_after: number(given.likely_after, "likely_after")?,
            bad_after: number(given.bad_after, "bad_after")?,
        },
        how: given
            .how
            .map(|h| h.parse::<How>().map_err(|e| self::at(path(at, "how"), NotImported::NotOne(e))))
            .transpose()?,
        ..Attempt::new(given.id, rung, moment(&given.at, path(at, "at"))?, outcome)
    })
}

fn rating(value: u64, at: &str, field: &str) -> Result<u8, Unimportable> {
    u8::try_from(value)
        .ok()
        .filter(|v| *v <= 100)
        .ok_or_else(|| self::at(path(at, field), NotImported::OverHundred(value)))
}

fn texts(given: Vec<String>, what: &str, spot: &Spot) -> Result<Vec<String>, Unimportable> {
    let mut out: Vec<String> = Vec::new();
    for text in given {
        let text = check_text(&text, what, MAX_SHORT_TEXT).map_err(|e| at(spot.clone(), NotImported::Text(e)))?;
        if !out.contains(&text) {
            out.push(text);
        }
    }
    Ok(out)
}

fn day(text: &str, spot: Spot) -> Result<NaiveDate, Unimportable> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| at(spot, NotImported::NotADay(text.to_string())))
}

/// A moment as the file keeps it: whole seconds, a whole-minute offset.
fn moment(text: &str, spot: Spot) -> Result<DateTime<FixedOffset>, Unimportable> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .filter(|m| m.timestamp_subsec_nanos() == 0 && m.offset().local_minus_utc() % 60 == 0)
        .ok_or_else(|| at(spot, NotImported::NotAMoment(text.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(found: &Found) -> Vec<(String, u8)> {
        found.ladder.rungs.iter().map(|r| (r.ask.clone(), r.stakes)).collect()
    }

    #[test]
    fn a_list_takes_its_rating_from_the_end() {
        let found = read(b"# My list\n\nFrom Tuesday's session:\n\n- Ask Sam for a lift (40)\n* [ ] Call the GP [SUDS 70]\n1. Ask a stranger the time - 20\n").unwrap();
        assert_eq!(
            asks(&found),
            [("Ask Sam for a lift".into(), 40), ("Call the GP".into(), 70), ("Ask a stranger the time".into(), 20)]
        );
        assert_eq!(found.places, [Spot::Line(5), Spot::Line(6), Spot::Line(7)]);
        let found = read(b"+ Ask Jo (SUDS 30)\n- [x] Ask Ana [45]\n").unwrap();
        assert_eq!(asks(&found), [("Ask Jo".into(), 30), ("Ask Ana".into(), 45)]);
        assert_eq!(
            read(b"Ask Sam, my neighbour, for a lift (40)\n").unwrap().ladder.rungs[0].ask,
            "Ask Sam, my neighbour, for a lift"
        );
    }

    #[test]
    fn a_list_item_without_a_rating_is_named() {
        let err = read(b"- Ask Sam for a lift (40)\n- Call the GP\n").unwrap_err();
        assert_eq!(err, at(Spot::Line(2), NotImported::NoRatingAtEnd));
        assert_eq!(read(b"- Ask Sam (150)\n").unwrap_err(), at(Spot::Line(1), NotImported::RatingTooHigh(150)));
    }

    #[test]
    fn headers_are_matched_loosely() {
        let pick = |h: &str| field(h).map(|(f, _)| f);
        assert_eq!(pick("Situation"), Some(Field::Ask));
        assert_eq!(pick("Feared situation"), Some(Field::Ask));
        assert_eq!(pick("SUDS (0-100)"), Some(Field::Stakes));
        assert_eq!(pick("Fear rating"), Some(Field::Stakes));
        assert_eq!(pick("Distress (0\u{2013}100)"), Some(Field::Stakes));
        assert_eq!(pick("Feared outcome"), Some(Field::Fear));
        assert_eq!(pick("Fear"), Some(Field::Fear));
        assert_eq!(pick("Chance of a yes (%)"), Some(Field::Chance));
        assert_eq!(pick("Who could help"), Some(Field::Who));
        for (header, wanted) in [
            ("Ask", Field::Ask),
            ("Step", Field::Ask),
            ("Task", Field::Ask),
            ("Stakes", Field::Stakes),
            ("Rating", Field::Stakes),
            ("Anxiety", Field::Stakes),
            ("Fear (0-100)", Field::Stakes),
            ("Worry", Field::Fear),
            ("Who", Field::Who),
            ("Tags", Field::Tags),
            ("Category", Field::Tags),
            ("Chance", Field::Chance),
            ("How likely (%)", Field::Chance),
        ] {
            assert_eq!(pick(header), Some(wanted), "{header}");
        }
        assert_eq!(pick("Notes"), None);
    }

    #[test]
    fn a_table_with_semicolons_quotes_and_a_bom() {
        let text =
            "\u{feff}Rank;Situation;SUDS;Notes\r\n1;\"Ask Sam; my neighbour\r\nfor a lift\";40;\"a, b\"\r\n;;;\r\n";
        let found = read(text.as_bytes()).unwrap();
        assert_eq!(asks(&found), [("Ask Sam; my neighbour for a lift".into(), 40)]);
        assert_eq!(found.ignored, ["Rank", "Notes"]);
        let template = read(b"Step,Situation,SUDS\n1,Ask Sam,40,5\n2,,\n3,,,\n").unwrap();
        assert_eq!(asks(&template), [("Ask Sam".into(), 40)], "unfilled steps of a template are skipped");
        assert_eq!(percent("40,0"), Ok(40));
        let cell = |row, column, header: &str| Spot::Cell { row, column, header: header.into() };
        let err = read(b"Situation,Distress (0-100)\nAsk Sam,40\n,30\n").unwrap_err();
        assert_eq!(err, at(cell(3, 0, "Situation"), NotImported::NoSituation));
        let err = read(b"Situation,Distress (0-100)\nAsk Sam,150\n").unwrap_err();
        assert_eq!(err, at(cell(2, 1, "Distress (0-100)"), NotImported::RatingTooHigh(150)));
        assert_eq!(
            err.to_string(),
            "row 2, column B \u{201c}Distress (0-100)\u{201d}: the rating is 150; ratings go from 0 (calm) to 100 (the worst imaginable)"
        );
    }

    #[test]
    fn a_ladder_file_with_a_mistake_names_its_line() {
        let err = read(b"version = 2\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 150\n").unwrap_err();
        assert_eq!(err.at, Some(Spot::Line(6)));
    }

    #[test]
    fn bytes_that_are_not_text_are_refused() {
        assert_eq!(read(b"PK\x03\x04\0\0binary").unwrap_err(), nowhere(NotImported::NotText));
        assert_eq!(read(b"\xff\xfe\x00S").unwrap_err(), nowhere(NotImported::NotText));
    }
}
