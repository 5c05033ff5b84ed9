//! Changes to a ladder file's text that leave everything the person wrote where it was.
//!
//! An attempt is appended to the end as text, so recording one never rewrites the rest of the file.
//! Every other change goes through `toml_edit`, which keeps comments, blank lines, key order and keys
//! `ladder` does not know: a new rung lands after the last rung, ahead of the journal; an edited rung
//! changes only the values that changed; a removed rung's comments move to the table after it.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use toml_edit::{Array, ArrayOfTables, Decor, DocumentMut, Item, RawString, Table, Value, value};

use crate::error::{Edit, Thing};
use crate::file::{Layout, keys};
use crate::model::{
    Attempt, Change, Entry, Forgotten, Gift, Hesitation, Ladder, Mastery, MovedId, Rung, Settings, VERSION,
};

/// The text of a new, empty ladder file.
pub fn new_file() -> String {
    format!(
        "# My ladder of asks. Lowest stakes first; ladder keeps anything you write here.\n\
         # Stakes are SUDS, 0-100: the distress you expect (0 calm, 50 clearly anxious, 100 the worst imaginable).\n\
         # Add a rung with: ladder add \"Ask ...\" --stakes 30\n\
         version = {VERSION}\n\
         \n\
         [settings]\n\
         # A rep is an ask made, its fear checked, with no safety behaviour relied on (\"calm\": distress fell instead).\n\
         mastery = \"learning\"\n"
    )
}

/// The ladder of a new file (`new_file`): empty, with the settings a new ladder gets.
pub fn new_ladder() -> Ladder {
    Ladder { settings: Settings { mastery: Mastery::Learning, ..Settings::default() }, ..Ladder::default() }
}

/// The file's text with `change` made to it.
pub fn apply(text: &str, change: &Change) -> Result<String, Edit> {
    let nl = newline(text);
    let edited = match change {
        Change::AddAttempt(_) | Change::AddHesitation(_) | Change::AddGift(_) => {
            return Ok(append(text, &journal_entry(change, nl).unwrap_or_default(), nl));
        }
        Change::NoteMoved(moved) => return Ok(append(text, &moved_entries(moved, nl), nl)),
        Change::AddRung(rung) => add_rung(text, rung),
        Change::EditRung(rung) => edit_rung(text, rung),
        Change::RemoveRung { id, last_rung_id, last_attempt_id } => {
            remove_rung(text, *id, *last_rung_id, *last_attempt_id)
        }
        Change::Promote { hesitation, rung } => promote(text, *hesitation, rung),
        Change::Attach { hesitation, rung } => attach(text, *hesitation, *rung),
        Change::Thank(attempt) => thank(text, *attempt),
        Change::ClearConflicts => clear_conflicts(text),
        Change::EditAttempt(attempt) => edit_attempt(text, attempt),
        Change::Forget { entry, uid, on, last_attempt_id } => forget(text, *entry, uid, *on, *last_attempt_id),
    }?;
    Ok(with_newlines(edited, nl))
}

/// The file's text with `changes` made to it, in order, as `apply` makes each; but a run of new rungs goes in
/// with one parse, and a run of new journal entries is appended to one text: an import brings thousands at once,
/// and a parse or a copy of the file for each would take minutes.
pub fn apply_all(text: &str, changes: &[Change]) -> Result<String, Edit> {
    let mut text = text.to_string();
    let mut rest = changes;
    while let Some(first) = rest.first() {
        let rungs = rest.iter().take_while(|c| matches!(c, Change::AddRung(_))).count();
        let appends = rest
            .iter()
            .take_while(|c| matches!(c, Change::AddAttempt(_) | Change::AddHesitation(_) | Change::AddGift(_)))
            .count();
        let nl = newline(&text);
        if rungs > 1 {
            let mut doc = document(&text)?;
            for change in &rest[..rungs] {
                if let Change::AddRung(rung) = change {
                    push_rung(&mut doc, rung)?;
                }
            }
            text = with_newlines(doc.to_string(), nl);
            rest = &rest[rungs..];
        } else if appends > 1 {
            for added in rest[..appends].iter().filter_map(|change| journal_entry(change, nl)) {
                let between = gap(&text, nl);
                text.push_str(&between);
                text.push_str(&added);
            }
            rest = &rest[appends..];
        } else {
            text = apply(&text, first)?;
            rest = &rest[1..];
        }
    }
    Ok(text)
}

const CRLF: &str = "\r\n";

/// How the file ends its lines, judged by its first line.
pub(crate) fn newline(text: &str) -> &'static str {
    let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
    if crlf { CRLF } else { "\n" }
}

/// New text for a file, and where it goes: a change made without a parse, and without copying the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// A byte offset in the text.
    pub at: usize,
    pub text: String,
}

impl Insertion {
    /// `text` with the insertion made.
    pub fn apply(&self, text: &str) -> String {
        [&text[..self.at], &self.text, &text[self.at..]].concat()
    }
}

/// `change` as an insertion into `text`, and the layout after it; or `None` if it needs a real edit.
/// Appends go to the end of the journal, a rung where the last one ended: the same bytes the careful way
/// writes.
pub fn splice(text: &str, change: &Change, layout: Layout) -> Option<(Insertion, Layout)> {
    let journal = layout.journal;
    let nl = newline(text);
    let appended = match change {
        Change::AddAttempt(a) if journal.attempt => entry("attempt", attempt_table(a), nl),
        Change::AddHesitation(h) if journal.hesitation => entry("hesitation", hesitation_table(h), nl),
        Change::AddGift(g) if journal.gave => entry("gave", gift_table(g), nl),
        Change::AddRung(rung) => {
            let at = usize::try_from(layout.rung_end?).ok().filter(|e| text.is_char_boundary(*e))?;
            let table = format!("{nl}{}", entry("rung", rung_table(rung), nl));
            let rung_end = u64::try_from(at + table.len()).ok();
            return Some((Insertion { at, text: table }, Layout { rung_end, journal, current: layout.current }));
        }
        _ => return None,
    };
    Some((Insertion { at: text.len(), text: gap(text, nl) + &appended }, layout))
}

/// `text` with `created = day` on every rung that does not say when it was added: a new ladder made from the
/// starter file began today, so a day before it is checked as a slip like any other.
pub fn stamp_created(text: &str, day: NaiveDate) -> Result<String, Edit> {
    let mut doc = document(text)?;
    if let Some(Item::ArrayOfTables(rungs)) = doc.get_mut("rung") {
        for rung in rungs.iter_mut().filter(|t| !t.contains_key("created")) {
            rung["created"] = value(toml_date(day));
        }
    }
    Ok(doc.to_string())
}

/// A file from before uids, brought to this version: `version` set, and each entry without a uid given the
/// one `ladder` read it with (`ladder`'s entries in the file's order), after its other keys.
pub fn upgrade(text: &str, ladder: &Ladder) -> Result<String, Edit> {
    let mut doc = document(text)?;
    // A file without a version is read as the current one: no key is added that the person did not write.
    if let Some(old) = doc.get_mut("version").and_then(Item::as_value_mut) {
        let decor = old.decor().clone();
        *old = Value::from(VERSION);
        *old.decor_mut() = decor;
    }
    let uids: [(&str, Vec<&str>); 4] = [
        ("rung", ladder.rungs.iter().map(|r| r.uid.as_str()).collect()),
        ("attempt", ladder.attempts.iter().map(|a| a.uid.as_str()).collect()),
        ("hesitation", ladder.hesitations.iter().map(|h| h.uid.as_str()).collect()),
        ("gave", ladder.gifts.iter().map(|g| g.uid.as_str()).collect()),
    ];
    for (name, uids) in uids {
        match doc.get_mut(name) {
            Some(Item::ArrayOfTables(tables)) => {
                for (table, uid) in tables.iter_mut().zip(uids) {
                    if !table.contains_key("uid") {
                        insert_after_id(table, uid);
                    }
                }
            }
            Some(Item::Value(Value::Array(array))) => {
                for (entry, uid) in array.iter_mut().zip(uids) {
                    if let Some(table) = entry.as_inline_table_mut().filter(|t| !t.contains_key("uid")) {
                        table.insert("uid", Value::from(uid));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(with_newlines(doc.to_string(), newline(text)))
}

/// `toml_edit` ends every line with "\n": a file written with Windows line ends gets its own back.
pub(crate) fn with_newlines(edited: String, nl: &str) -> String {
    if nl == CRLF { edited.replace(CRLF, "\n").replace('\n', CRLF) } else { edited }
}

/// Puts `uid = "..."` right below a table's `id`, where `ladder` writes it in new entries.
fn insert_after_id(table: &mut Table, uid: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let after: Vec<_> = keys.iter().skip_while(|k| *k != "id").skip(1).filter_map(|k| table.remove_entry(k)).collect();
    table["uid"] = value(uid);
    for (key, item) in after {
        table.insert_formatted(&key, item);
    }
}

pub(crate) fn document(text: &str) -> Result<DocumentMut, Edit> {
    text.parse().map_err(|e: toml_edit::TomlError| Edit::Toml(e.message().to_string()))
}

/// The `[[name]]` tables, made if there are none yet.
pub(crate) fn tables_mut<'d>(doc: &'d mut DocumentMut, name: &'static str) -> Result<&'d mut ArrayOfTables, Edit> {
    doc.entry(name)
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or(Edit::NotTables(name))
}

fn integer(table: &Table, key: &str) -> Option<i64> {
    table.get(key).and_then(Item::as_integer)
}

fn add_rung(text: &str, rung: &Rung) -> Result<String, Edit> {
    let mut doc = document(text)?;
    push_rung(&mut doc, rung)?;
    Ok(doc.to_string())
}

/// `rung` as a new `[[rung]]` table at the end of the rungs, after a blank line.
fn push_rung(doc: &mut DocumentMut, rung: &Rung) -> Result<(), Edit> {
    let mut table = rung_table(rung);
    table.decor_mut().set_prefix("\n");
    tables_mut(doc, "rung")?.push(table);
    Ok(())
}

/// A new attempt, hesitation or gift as the text appended for it (its lines ended with `nl`); `None` for any
/// other change.
fn journal_entry(change: &Change, nl: &str) -> Option<String> {
    match change {
        Change::AddAttempt(a) => Some(entry("attempt", attempt_table(a), nl)),
        Change::AddHesitation(h) => Some(entry("hesitation", hesitation_table(h), nl)),
        Change::AddGift(g) => Some(entry("gave", gift_table(g), nl)),
        _ => None,
    }
}

fn clear_conflicts(text: &str) -> Result<String, Edit> {
    let mut doc = document(text)?;
    doc.remove("conflict");
    Ok(doc.to_string())
}

fn thank(text: &str, attempt: u32) -> Result<String, Edit> {
    let mut doc = document(text)?;
    let table = tables_mut(&mut doc, "attempt")?
        .iter_mut()
        .find(|t| integer(t, "id") == Some(i64::from(attempt)))
        .ok_or(Edit::Missing(Thing::Attempt, attempt))?;
    table["thanked"] = value(true);
    Ok(doc.to_string())
}

fn promote(text: &str, hesitation: u32, rung: &Rung) -> Result<String, Edit> {
    attach(&add_rung(text, rung)?, hesitation, rung.id)
}

fn attach(text: &str, hesitation: u32, rung: u32) -> Result<String, Edit> {
    let mut doc = document(text)?;
    let noticed = tables_mut(&mut doc, "hesitation")?
        .iter_mut()
        .find(|t| integer(t, "id") == Some(i64::from(hesitation)))
        .ok_or(Edit::Missing(Thing::Hesitation, hesitation))?;
    noticed["rung"] = value(i64::from(rung));
    Ok(doc.to_string())
}

fn edit_rung(text: &str, rung: &Rung) -> Result<String, Edit> {
    let mut doc = document(text)?;
    let table = tables_mut(&mut doc, "rung")?
        .iter_mut()
        .find(|t| integer(t, "id") == Some(i64::from(rung.id)))
        .ok_or(Edit::Missing(Thing::Rung, rung.id))?;
    let position = table.position();
    let orphaned = update_table(table, &rung_table(rung), keys::RUNG);
    if !orphaned.is_empty() {
        give_comments(&mut doc, position, &orphaned);
    }
    Ok(doc.to_string())
}

/// Brings the values of `keys` in `table` to those in `fresh`, changing only what differs and keeping each
/// value's comment; the keys of the person's own stay as they are. The `uid` is left alone: it is what the entry
/// is known by, and a file from before uids gets them all at once (`upgrade`), right below each `id`. Returns the
/// comments of removed keys that no key below could take.
pub(crate) fn update_table(table: &mut Table, fresh: &Table, keys: &[&str]) -> String {
    let mut orphaned = String::new();
    for &key in keys.iter().filter(|&&key| key != "uid") {
        match (table.get_mut(key), fresh.get(key)) {
            (Some(Item::Value(old)), Some(Item::Value(new))) if same(old, new) => {}
            (Some(Item::Value(old)), Some(Item::Value(new))) => {
                // A comment after the old value (`stakes = 45  # my note`) stays with the new one.
                let decor = old.decor().clone();
                *old = new.clone();
                *old.decor_mut() = decor;
            }
            (_, Some(new)) => table[key] = new.clone(),
            (Some(_), None) => orphaned.push_str(&remove_key(table, key)),
            (None, None) => {}
        }
    }
    orphaned
}

/// Removes `key` from `table`. The person's comments on it (the lines above it, a note beside its value)
/// move above the next key; when it was the last key, they are returned, for the table after this one.
fn remove_key(table: &mut Table, key: &str) -> String {
    let mut comments = String::new();
    if let Some(k) = table.key(key) {
        decor_comments(k.leaf_decor(), &mut comments);
    }
    if let Some(item) = table.get(key) {
        item_comments(item, &mut comments);
    }
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let next = keys.iter().skip_while(|k| *k != key).nth(1).cloned();
    table.remove(key);
    if comments.is_empty() {
        return comments;
    }
    match next.as_deref().and_then(|next| table.key_mut(next)) {
        Some(mut next) => {
            let decor = next.leaf_decor_mut();
            let prefix = decor.prefix().and_then(|p| p.as_str()).unwrap_or("").to_string();
            decor.set_prefix(comments + &prefix);
            String::new()
        }
        None => comments,
    }
}

/// Puts `comments` above the first table that starts after `position` (a sub-table or the next table), or at
/// the end of the file.
pub(crate) fn give_comments(doc: &mut DocumentMut, position: Option<isize>, comments: &str) {
    let after = position.unwrap_or(isize::MAX);
    let mut next = None;
    visit_tables(doc.as_item_mut(), &mut |table| {
        if let Some(p) = table.position().filter(|p| *p > after) {
            next = Some(next.map_or(p, |n: isize| n.min(p)));
        }
    });
    let mut given = false;
    visit_tables(doc.as_item_mut(), &mut |table| {
        if !given && next.is_some() && table.position() == next {
            let prefix = table.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").to_string();
            table.decor_mut().set_prefix(prefix + comments);
            given = true;
        }
    });
    if !given {
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing(trailing + comments);
    }
}

/// Calls `f` on every table under `item`, nested ones included.
fn visit_tables(item: &mut Item, f: &mut dyn FnMut(&mut Table)) {
    match item {
        Item::Table(table) => {
            f(table);
            for (_, child) in table.iter_mut() {
                visit_tables(child, f);
            }
        }
        Item::ArrayOfTables(tables) => {
            for table in tables.iter_mut() {
                f(table);
                for (_, child) in table.iter_mut() {
                    visit_tables(child, f);
                }
            }
        }
        Item::Value(_) | Item::None => {}
    }
}

/// The comment lines (`# ...`) in a piece of a file's decoration, each on a line of its own.
fn comment_lines(raw: Option<&RawString>, into: &mut String) {
    for line in raw.and_then(RawString::as_str).unwrap_or("").lines().map(str::trim) {
        if line.starts_with('#') {
            into.push_str(line);
            into.push('\n');
        }
    }
}

fn decor_comments(decor: &Decor, into: &mut String) {
    comment_lines(decor.prefix(), into);
    comment_lines(decor.suffix(), into);
}

/// Every comment inside a table: beside its header, above and beside its keys, in its values and sub-tables.
fn table_comments(table: &Table, into: &mut String) {
    comment_lines(table.decor().suffix(), into);
    for (key, item) in table {
        if let Some(key) = table.key(key) {
            decor_comments(key.leaf_decor(), into);
        }
        item_comments(item, into);
    }
}

fn item_comments(item: &Item, into: &mut String) {
    match item {
        Item::Value(value) => value_comments(value, into),
        Item::Table(table) => {
            comment_lines(table.decor().prefix(), into);
            table_comments(table, into);
        }
        Item::ArrayOfTables(tables) => {
            for table in tables {
                comment_lines(table.decor().prefix(), into);
                table_comments(table, into);
            }
        }
        Item::None => {}
    }
}

fn value_comments(value: &Value, into: &mut String) {
    decor_comments(value.decor(), into);
    if let Value::Array(array) = value {
        for element in array {
            value_comments(element, into);
        }
        comment_lines(Some(array.trailing()), into);
    }
}

/// Whether two values mean the same, however each is written.
fn same(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| same(x, y)),
        _ => false,
    }
}

fn edit_attempt(text: &str, attempt: &Attempt) -> Result<String, Edit> {
    let mut doc = document(text)?;
    let table = tables_mut(&mut doc, "attempt")?
        .iter_mut()
        .find(|t| t.get("uid").and_then(Item::as_str) == Some(attempt.uid.as_str()))
        .ok_or(Edit::Missing(Thing::Attempt, attempt.id))?;
    let position = table.position();
    let orphaned = update_table(table, &attempt_table(attempt), keys::ATTEMPT);
    if !orphaned.is_empty() {
        give_comments(&mut doc, position, &orphaned);
    }
    Ok(doc.to_string())
}

/// Takes the entry out, its comments kept for the table after it, and leaves its uid in `[[forgotten]]`.
fn forget(text: &str, entry: Entry, uid: &str, on: NaiveDate, last_attempt_id: u32) -> Result<String, Edit> {
    let mut doc = document(text)?;
    let name = match entry {
        Entry::Attempt => "attempt",
        Entry::Hesitation => "hesitation",
        Entry::Gift => "gave",
    };
    let doomed = |kind: &str, table: &Table| kind == name && table.get("uid").and_then(Item::as_str) == Some(uid);
    carry_comments(&mut doc, &doomed);
    let tables = tables_mut(&mut doc, name)?;
    let before = tables.len();
    tables.retain(|t| !doomed(name, t));
    if tables.len() == before {
        return Err(Edit::MissingUid(name, uid.to_string()));
    }
    if tables.is_empty() {
        doc.remove(name);
    }
    if entry == Entry::Attempt && last_attempt_id > 0 {
        doc["last_attempt_id"] = value(i64::from(last_attempt_id));
    }
    let mut table = forgotten_table(&Forgotten { uid: uid.to_string(), on: Some(on) });
    table.decor_mut().set_prefix("\n");
    tables_mut(&mut doc, "forgotten")?.push(table);
    Ok(doc.to_string())
}

pub(crate) fn moved_table(moved: &MovedId) -> Table {
    let mut t = Table::new();
    t["what"] = value(&moved.what);
    t["from"] = value(i64::from(moved.from));
    t["to"] = value(i64::from(moved.to));
    if let Some(on) = moved.on {
        t["on"] = value(toml_date(on));
    }
    t
}

/// `[[moved]]` tables, one blank line apart.
fn moved_entries(moved: &[MovedId], nl: &str) -> String {
    moved.iter().map(|m| entry("moved", moved_table(m), nl)).collect::<Vec<_>>().join(nl)
}

/// `text` with the IDs a merge moved noted at its end, as `[[moved]]` tables; `None` should the result not read
/// as `text` with just those added (the merge is then written without them).
pub fn note_moved(text: &str, moved: &[MovedId]) -> Option<String> {
    if moved.is_empty() {
        return Some(text.to_string());
    }
    let nl = newline(text);
    let added = moved_entries(moved, nl);
    let noted = append(text, &added, nl);
    // Only a name `moved` written some other way could change what the added tables mean: then all is read.
    let plain = text.lines().all(|l| {
        let l = l.trim();
        l == "[[moved]]" || !l.trim_start_matches(['[', '"', '\'', ' ']).starts_with("moved")
    });
    let reads = if plain {
        Ladder::parse_entries(&added).is_some_and(|l| l.moved == moved)
    } else {
        let (before, after) = (Ladder::parse(text).ok()?, Ladder::parse(&noted).ok()?);
        after.moved.len() == before.moved.len() + moved.len()
    };
    reads.then_some(noted)
}

pub(crate) fn forgotten_table(forgotten: &Forgotten) -> Table {
    let mut t = Table::new();
    t["uid"] = value(&forgotten.uid);
    if let Some(on) = forgotten.on {
        t["on"] = value(toml_date(on));
    }
    t
}

fn remove_rung(text: &str, id: u32, last_rung_id: u32, last_attempt_id: u32) -> Result<String, Edit> {
    let mut doc = document(text)?;
    let id = i64::from(id);
    let doomed = |name: &str, table: &Table| match name {
        "rung" => integer(table, "id") == Some(id),
        "attempt" => integer(table, "rung") == Some(id),
        _ => false,
    };
    carry_comments(&mut doc, &doomed);
    for name in ["rung", "attempt"] {
        if let Some(tables) = doc.get_mut(name).and_then(Item::as_array_of_tables_mut) {
            tables.retain(|t| !doomed(name, t));
        }
    }
    // Written so that the removed IDs are never given again.
    for (key, last) in [("last_rung_id", last_rung_id), ("last_attempt_id", last_attempt_id)] {
        if last > 0 {
            doc[key] = value(i64::from(last));
        }
    }
    Ok(doc.to_string())
}

/// A table about to be removed may carry the person's comments above it (`# --- work asks ---`):
/// they move to the next table that stays, or to the end of the file, and so do the comments inside it.
pub(crate) fn carry_comments(doc: &mut DocumentMut, doomed: &dyn Fn(&str, &Table) -> bool) {
    // Every `[[table]]` in file order: its place, its array's name and index, and whether it goes.
    let mut slots = Vec::new();
    for (name, item) in doc.iter() {
        if let Some(tables) = item.as_array_of_tables() {
            for (index, table) in tables.iter().enumerate() {
                slots.push((table.position().unwrap_or(isize::MAX), name.to_string(), index, doomed(name, table)));
            }
        }
    }
    slots.sort_by_key(|slot| slot.0);
    let mut carried = String::new();
    for (_, name, index, goes) in &slots {
        let Some(table) = doc.get_mut(name).and_then(Item::as_array_of_tables_mut).and_then(|t| t.get_mut(*index))
        else {
            continue;
        };
        let prefix = table.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").to_string();
        if *goes {
            if prefix.contains('#') {
                carried.push_str(&prefix);
            }
            table_comments(table, &mut carried);
        } else if !carried.is_empty() {
            table.decor_mut().set_prefix(std::mem::take(&mut carried) + &prefix);
        }
    }
    if !carried.is_empty() {
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing(trailing + &carried);
    }
}

/// `text` with `addition` after it, one blank line between.
fn append(text: &str, addition: &str, nl: &str) -> String {
    format!("{text}{}{addition}", gap(text, nl))
}

/// What goes between the end of `text` and a table appended to it: one blank line.
fn gap(text: &str, nl: &str) -> String {
    if text.is_empty() || text.ends_with(&nl.repeat(2)) {
        String::new()
    } else if text.ends_with('\n') {
        nl.to_string()
    } else {
        nl.repeat(2)
    }
}

/// One `[[name]]` table on its own, as text, its lines ended with `nl`.
pub(crate) fn entry(name: &str, table: Table, nl: &str) -> String {
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    let mut doc = DocumentMut::new();
    doc.insert(name, Item::ArrayOfTables(tables));
    let text = doc.to_string();
    if nl == "\n" { text } else { text.replace('\n', nl) }
}

pub(crate) fn rung_table(rung: &Rung) -> Table {
    let mut t = Table::new();
    t["id"] = value(i64::from(rung.id));
    t["uid"] = value(&rung.uid);
    t["ask"] = value(&rung.ask);
    t["stakes"] = value(i64::from(rung.stakes));
    if let Some(who) = &rung.who {
        t["who"] = value(who);
    }
    if !rung.tags.is_empty() {
        t["tags"] = value(rung.tags.iter().collect::<Array>());
    }
    if let Some(created) = rung.created {
        t["created"] = value(toml_date(created));
    }
    if let Some(fear) = &rung.fear {
        t["fear"] = value(fear);
    }
    if let Some(chance) = rung.chance {
        t["chance"] = value(i64::from(chance));
    }
    if let Some(planned) = rung.planned {
        t["planned"] = value(toml_date(planned));
    }
    if let Some(place) = &rung.place {
        t["where"] = value(place);
    }
    if !rung.safety.is_empty() {
        t["safety"] = value(rung.safety.iter().collect::<Array>());
    }
    if let Some(before) = &rung.before {
        t["before"] = value(before);
    }
    t
}

pub(crate) fn gift_table(gift: &Gift) -> Table {
    let mut t = Table::new();
    t["id"] = value(i64::from(gift.id));
    t["uid"] = value(&gift.uid);
    t["at"] = value(toml_moment(gift.at));
    t["to"] = value(&gift.to);
    t["text"] = value(&gift.text);
    t
}

pub(crate) fn attempt_table(attempt: &Attempt) -> Table {
    let mut t = Table::new();
    t["id"] = value(i64::from(attempt.id));
    t["uid"] = value(&attempt.uid);
    t["rung"] = value(i64::from(attempt.rung));
    t["at"] = value(toml_moment(attempt.at));
    t["outcome"] = value(attempt.outcome.as_str());
    if let Some(before) = attempt.before {
        t["before"] = value(i64::from(before));
    }
    if let Some(after) = attempt.after {
        t["after"] = value(i64::from(after));
    }
    if let Some(note) = &attempt.note {
        t["note"] = Item::Value(text_value(note));
    }
    if let Some(happened) = attempt.fear_happened {
        t["fear_happened"] = value(happened);
    }
    if let Some(thanked) = attempt.thanked {
        t["thanked"] = value(thanked);
    }
    if let Some(learned) = &attempt.learned {
        t["learned"] = Item::Value(text_value(learned));
    }
    if !attempt.used.is_empty() {
        t["used"] = value(attempt.used.iter().collect::<Array>());
    }
    if !attempt.dropped.is_empty() {
        t["dropped"] = value(attempt.dropped.iter().collect::<Array>());
    }
    let e = attempt.expected;
    let numbers = [
        ("peak", attempt.peak),
        ("likely_before", e.likely_before),
        ("bad_before", e.bad_before),
        ("likely_after", e.likely_after),
        ("bad_after", e.bad_after),
    ];
    for (key, number) in numbers {
        if let Some(number) = number {
            t[key] = value(i64::from(number));
        }
    }
    if let Some(how) = attempt.how {
        t["how"] = value(how.as_str());
    }
    t
}

pub(crate) fn hesitation_table(hesitation: &Hesitation) -> Table {
    let mut t = Table::new();
    t["id"] = value(i64::from(hesitation.id));
    t["uid"] = value(&hesitation.uid);
    t["at"] = value(toml_moment(hesitation.at));
    t["text"] = value(&hesitation.text);
    if let Some(story) = &hesitation.story {
        t["story"] = Item::Value(text_value(story));
    }
    if let Some(stakes) = hesitation.stakes {
        t["stakes"] = value(i64::from(stakes));
    }
    if let Some(rung) = hesitation.rung {
        t["rung"] = value(i64::from(rung));
    }
    t
}

/// A text that may hold line breaks, written on one line with escapes (`"line\\nbreak"`): then the only
/// raw line ends in a table are its own, and a file's line ends can be matched safely.
fn text_value(text: &str) -> Value {
    if !text.contains(['\n', '\r']) {
        return Value::from(text);
    }
    let mut quoted = String::with_capacity(text.len() + 8);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted.parse().unwrap_or_else(|_| Value::from(text))
}

fn toml_date(day: NaiveDate) -> toml_edit::Date {
    toml_edit::Date {
        year: u16::try_from(day.year()).unwrap_or(0),
        month: u8::try_from(day.month()).unwrap_or(1),
        day: u8::try_from(day.day()).unwrap_or(1),
    }
}

/// An offset date-time to the second, as people write them.
fn toml_moment(at: DateTime<FixedOffset>) -> toml_edit::Datetime {
    let minutes = at.offset().local_minus_utc() / 60;
    toml_edit::Datetime {
        date: Some(toml_date(at.date_naive())),
        time: Some(toml_edit::Time {
            hour: u8::try_from(at.hour()).unwrap_or(0),
            minute: u8::try_from(at.minute()).unwrap_or(0),
            second: Some(u8::try_from(at.second()).unwrap_or(0)),
            nanosecond: None,
        }),
        offset: Some(toml_edit::Offset::Custom { minutes: i16::try_from(minutes).unwrap_or(0) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ladder, Outcome};

    fn rung(id: u32) -> Rung {
        Rung {
            who: Some("Sam".into()),
            tags: vec!["work".into()],
            created: NaiveDate::from_ymd_opt(2026, 11, 21),
            uid: format!("r{id}"),
            ..Rung::new(id, "Ask \"Sam\" for help", 30)
        }
    }

    #[test]
    fn many_changes_at_once_write_what_one_at_a_time_would() {
        let changes: Vec<Change> = [Change::AddRung(rung(1)), Change::AddRung(rung(2)), Change::AddRung(rung(3))]
            .into_iter()
            .chain([Change::AddAttempt(attempt(1)), Change::AddAttempt(attempt(2))])
            .chain([Change::EditRung(Rung { stakes: 40, ..rung(2) }), Change::AddAttempt(attempt(3))])
            .collect();
        for start in [new_file(), new_file().replace('\n', "\r\n")] {
            let mut one_by_one = start.clone();
            for change in &changes {
                one_by_one = apply(&one_by_one, change).unwrap();
            }
            assert_eq!(apply_all(&start, &changes).unwrap(), one_by_one);
        }
    }

    fn attempt(id: u32) -> Attempt {
        Attempt {
            id,
            uid: format!("a{id}"),
            rung: 1,
            at: DateTime::parse_from_rfc3339("2026-11-22T09:30:00-05:00").unwrap(),
            outcome: Outcome::NoAnswer,
            before: Some(40),
            after: None,
            note: Some("line one\nline \"two\"".into()),
            fear_happened: Some(false),
            thanked: None,
            learned: None,
            used: Vec::new(),
            dropped: Vec::new(),
            peak: None,
            expected: crate::model::Expectancy::default(),
            how: None,
        }
    }

    #[test]
    fn a_new_file_is_an_empty_ladder() {
        assert_eq!(Ladder::parse(&new_file()).unwrap(), new_ladder());
    }

    #[test]
    fn an_attempt_is_appended_and_nothing_else_moves() {
        let before = "# mine\nversion = 1 # keep\n\n[[rung]]\nid = 1\nask = 'a'\nstakes = 5";
        let after = apply(before, &Change::AddAttempt(attempt(1))).unwrap();
        assert!(after.starts_with(&format!("{before}\n\n[[attempt]]\nid = 1\nuid = \"a1\"\nrung = 1\n")), "{after}");
        assert!(after.contains("at = 2026-11-22T09:30:00-05:00\n"), "{after}");
        assert_eq!(Ladder::parse(&after).unwrap().attempts, [attempt(1)]);
    }

    #[test]
    fn a_rung_lands_after_the_last_rung_and_before_the_journal() {
        let before = "version = 1\n\n# first\n[[rung]] # one\nid = 1\nask = 'a'\nstakes = 5\n\n\
                      [[attempt]]\nid = 1\nrung = 1\nat = 2026-01-01\n";
        let after = apply(before, &Change::AddRung(rung(2))).unwrap();
        let expected = "version = 1\n\n# first\n[[rung]] # one\nid = 1\nask = 'a'\nstakes = 5\n\n\
                        [[rung]]\nid = 2\nuid = \"r2\"\nask = 'Ask \"Sam\" for help'\nstakes = 30\nwho = \"Sam\"\n\
                        tags = [\"work\"]\ncreated = 2026-11-21\n\n\
                        [[attempt]]\nid = 1\nrung = 1\nat = 2026-01-01\n";
        assert_eq!(after, expected);
    }

    #[test]
    fn the_first_rung_goes_into_a_new_file() {
        let after = apply(&new_file(), &Change::AddRung(rung(1))).unwrap();
        assert_eq!(Ladder::parse(&after).unwrap().rungs, [rung(1)]);
        assert!(after.starts_with(&new_file()));
    }

    const TWO_RUNGS: &str = "version = 1\n\n# easy ones\n[[rung]]\nid = 1\nask = 'a' # first\nstakes = 5 # low\nmine = true\n\n\
                             # harder\n[[rung]]\nid = 2\nask = 'b'\nstakes = 50\n\n\
                             # the journal\n[[attempt]]\nid = 1\nrung = 1\nat = 2026-01-01\n\n\
                             [[attempt]]\nid = 2\nrung = 2\nat = 2026-01-02\n";

    #[test]
    fn an_edit_changes_only_what_changed() {
        let mut rung = Ladder::parse(TWO_RUNGS).unwrap().rungs[0].clone();
        rung.stakes = 10;
        rung.who = Some("Sam".into());
        let after = apply(TWO_RUNGS, &Change::EditRung(rung.clone())).unwrap();
        let expected =
            TWO_RUNGS.replace("stakes = 5 # low\nmine = true\n", "stakes = 10 # low\nmine = true\nwho = \"Sam\"\n");
        assert_eq!(after, expected);
        rung.who = None;
        let back = apply(&after, &Change::EditRung(rung)).unwrap();
        assert_eq!(back, TWO_RUNGS.replace("stakes = 5 # low", "stakes = 10 # low"));
    }

    #[test]
    fn a_removal_takes_the_attempts_and_keeps_the_comments() {
        let after = apply(TWO_RUNGS, &Change::RemoveRung { id: 1, last_rung_id: 2, last_attempt_id: 2 }).unwrap();
        let ladder = Ladder::parse(&after).unwrap();
        assert_eq!(ladder.rungs.iter().map(|r| r.id).collect::<Vec<_>>(), [2]);
        assert_eq!(ladder.attempts.iter().map(|a| a.id).collect::<Vec<_>>(), [2]);
        assert_eq!((ladder.last_rung_id, ladder.last_attempt_id), (2, 2));
        for comment in ["# easy ones", "# harder", "# the journal"] {
            assert!(after.contains(comment), "{comment} kept in:\n{after}");
        }
        assert!(after.find("# easy ones") < after.find("# harder"), "in their order:\n{after}");
    }

    #[test]
    fn rungs_written_another_way_are_left_alone() {
        assert!(apply("rung = 3\n", &Change::AddRung(rung(1))).is_err());
    }
}
