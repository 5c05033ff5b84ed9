//! The merged ladder written onto "ours": its comments, blank lines, key order and unknown keys kept, only
//! what the merge changed changed. Should that ever not read back as the merged ladder, the file is written
//! afresh instead, and should that fail too, nothing is written.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value, value};

use super::{Moved, merge};
use crate::edit;
use crate::ladder::{Conflict, Ladder, VERSION};

/// The result of a merge: the text to write, the IDs that moved, and how many values were newly set aside.
pub struct MergedText {
    pub text: String,
    pub moved: Vec<Moved>,
    pub new_conflicts: usize,
}

/// Merges the texts of three ladder files. A base that does not read (or is empty) merges as an empty
/// ladder: a union. `ours` or `theirs` that does not read is an error, and then nothing should be written.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> Result<MergedText, String> {
    let read = |text: &str, which: &str| {
        Ladder::parse_file(text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(|err| format!("{which} does not read as a ladder: {}", err.message))
    };
    let base = read(base, "the base").map(|(l, _)| l).unwrap_or_default();
    let (our_ladder, layout) = read(ours, "our side")?;
    let (their_ladder, _) = read(theirs, "their side")?;
    let (merged, moved) = merge(&base, &our_ladder, &their_ladder);
    let new_conflicts = merged.conflicts.len() - our_ladder.conflicts.len().min(merged.conflicts.len());
    let (bom, body) = match ours.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", ours),
    };
    let body = if layout.current { body.to_string() } else { edit::upgrade(body, &our_ladder)? };
    let text = match onto(&body, &our_ladder, &merged) {
        Ok(text) if reads_as(&text, &merged) => text,
        _ => {
            let fresh = afresh(&merged);
            if !reads_as(&fresh, &merged) {
                return Err("the merged ladder would not read back as merged; nothing was written".into());
            }
            fresh
        }
    };
    Ok(MergedText { text: format!("{bom}{text}"), moved, new_conflicts })
}

/// Whether `text` reads as `ladder`, whatever the order of its entries.
fn reads_as(text: &str, ladder: &Ladder) -> bool {
    Ladder::parse(text).is_ok_and(|read| canonical(read) == canonical(ladder.clone()))
}

/// A ladder with every list in uid order: two ladders with the same entries compare equal.
pub fn canonical(mut ladder: Ladder) -> Ladder {
    ladder.rungs.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.attempts.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.hesitations.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.gifts.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.conflicts.sort();
    ladder
}

const ATTEMPT_KEYS: [&str; 10] =
    ["id", "uid", "rung", "at", "outcome", "before", "after", "note", "fear_happened", "thanked"];
const HESITATION_KEYS: [&str; 7] = ["id", "uid", "at", "text", "story", "stakes", "rung"];
const GIFT_KEYS: [&str; 5] = ["id", "uid", "at", "to", "text"];

/// `merged` written onto the text of `ours`, changing only what differs.
fn onto(text: &str, ours: &Ladder, merged: &Ladder) -> Result<String, String> {
    let nl = edit::newline(text);
    let mut doc = edit::document(text)?;
    for ((key, new), (_, old)) in settings(merged).into_iter().zip(settings(ours)) {
        if new != old {
            let table = doc.entry("settings").or_insert_with(|| Item::Table(Table::new()));
            let table = table.as_table_mut().ok_or("its settings are not a table")?;
            set(table, key, Value::from(i64::from(new)));
        }
    }
    let keep = |name: &str, uid: &str| match name {
        "rung" => merged.rungs.iter().any(|r| r.uid == uid),
        "attempt" => merged.attempts.iter().any(|a| a.uid == uid),
        "hesitation" => merged.hesitations.iter().any(|h| h.uid == uid),
        "gave" => merged.gifts.iter().any(|g| g.uid == uid),
        _ => true,
    };
    let uid_of = |table: &Table| table.get("uid").and_then(Item::as_str).unwrap_or("").to_string();
    edit::carry_comments(&mut doc, &|name, table| !keep(name, &uid_of(table)));
    let mut orphaned = Vec::new();
    for name in ["rung", "attempt", "hesitation", "gave"] {
        let Some(item) = doc.get_mut(name) else { continue };
        let tables = item.as_array_of_tables_mut().ok_or_else(|| format!("its {name} entries are not tables"))?;
        tables.retain(|t| keep(name, &uid_of(t)));
        for table in tables.iter_mut() {
            let uid = uid_of(table);
            let (fresh, keys): (Table, &[&str]) = match name {
                "rung" => (edit::rung_table(find(&merged.rungs, |r| r.uid == uid)?), &edit::RUNG_KEYS),
                "attempt" => (edit::attempt_table(find(&merged.attempts, |a| a.uid == uid)?), &ATTEMPT_KEYS),
                "hesitation" => {
                    (edit::hesitation_table(find(&merged.hesitations, |h| h.uid == uid)?), &HESITATION_KEYS)
                }
                _ => (edit::gift_table(find(&merged.gifts, |g| g.uid == uid)?), &GIFT_KEYS),
            };
            let comments = edit::update_table(table, &fresh, keys);
            if !comments.is_empty() {
                orphaned.push((table.position(), comments));
            }
        }
    }
    for (position, comments) in orphaned {
        edit::give_comments(&mut doc, position, &comments);
    }
    let has = |tables: Option<&Item>, uid: &str| {
        tables.and_then(Item::as_array_of_tables).is_some_and(|t| t.iter().any(|t| uid_of(t) == uid))
    };
    let new_rungs: Vec<Table> =
        merged.rungs.iter().filter(|r| !has(doc.get("rung"), &r.uid)).map(edit::rung_table).collect();
    let new_attempts: Vec<Table> =
        merged.attempts.iter().filter(|a| !has(doc.get("attempt"), &a.uid)).map(edit::attempt_table).collect();
    let new_hesitations: Vec<Table> =
        merged.hesitations.iter().filter(|h| !has(doc.get("hesitation"), &h.uid)).map(edit::hesitation_table).collect();
    let new_gifts: Vec<Table> =
        merged.gifts.iter().filter(|g| !has(doc.get("gave"), &g.uid)).map(edit::gift_table).collect();
    for (name, tables) in
        [("rung", new_rungs), ("attempt", new_attempts), ("hesitation", new_hesitations), ("gave", new_gifts)]
    {
        for mut table in tables {
            table.decor_mut().set_prefix("\n");
            edit::tables_mut(&mut doc, name)?.push(table);
        }
    }
    if let Some(version) = doc.get_mut("version").and_then(Item::as_value_mut) {
        let decor = version.decor().clone();
        *version = Value::from(VERSION);
        *version.decor_mut() = decor;
    }
    for (key, new, old) in [
        ("last_rung_id", merged.last_rung_id, ours.last_rung_id),
        ("last_attempt_id", merged.last_attempt_id, ours.last_attempt_id),
    ] {
        if new != old {
            doc[key] = value(i64::from(new));
        }
    }
    if merged.conflicts != ours.conflicts {
        doc.remove("conflict");
        if !merged.conflicts.is_empty() {
            doc.insert("conflict", Item::ArrayOfTables(conflict_tables(&merged.conflicts)));
        }
    }
    Ok(edit::with_newlines(doc.to_string(), nl))
}

fn find<T>(items: &[T], pred: impl Fn(&T) -> bool) -> Result<&T, String> {
    items.iter().find(|item| pred(item)).ok_or_else(|| "an entry went missing".to_string())
}

/// Sets `key` to `new`, keeping the comment beside the old value.
fn set(table: &mut Table, key: &str, new: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        None => table[key] = Item::Value(new),
    }
}

fn settings(ladder: &Ladder) -> [(&'static str, u32); 5] {
    let s = &ladder.settings;
    [
        ("repeat", s.repeat),
        ("comfortable", u32::from(s.comfortable)),
        ("habituation", u32::from(s.habituation)),
        ("max_step", u32::from(s.max_step)),
        ("weekly_target", s.weekly_target),
    ]
}

fn conflict_tables(conflicts: &[Conflict]) -> ArrayOfTables {
    let mut tables = ArrayOfTables::new();
    for c in conflicts {
        let mut t = Table::new();
        if let Some(rung) = &c.rung {
            t["rung"] = value(rung);
        }
        t["field"] = value(&c.field);
        t["kept"] = value(&c.kept);
        t["other"] = value(&c.other);
        t.decor_mut().set_prefix("\n");
        tables.push(t);
    }
    tables
}

/// The merged ladder as a new file: used only when writing it onto "ours" went wrong.
fn afresh(ladder: &Ladder) -> String {
    let mut doc: DocumentMut = edit::new_file().parse().unwrap_or_default();
    if ladder.last_rung_id > 0 {
        doc["last_rung_id"] = value(i64::from(ladder.last_rung_id));
    }
    if ladder.last_attempt_id > 0 {
        doc["last_attempt_id"] = value(i64::from(ladder.last_attempt_id));
    }
    let mut table = Table::new();
    for (key, number) in settings(ladder) {
        table[key] = value(i64::from(number));
    }
    doc.insert("settings", Item::Table(table));
    let mut all: Vec<(&str, Vec<Table>)> = vec![
        ("rung", ladder.rungs.iter().map(edit::rung_table).collect()),
        ("attempt", ladder.attempts.iter().map(edit::attempt_table).collect()),
        ("hesitation", ladder.hesitations.iter().map(edit::hesitation_table).collect()),
        ("gave", ladder.gifts.iter().map(edit::gift_table).collect()),
    ];
    for (name, tables) in all.drain(..) {
        let mut array = ArrayOfTables::new();
        for mut table in tables {
            table.decor_mut().set_prefix("\n");
            array.push(table);
        }
        if !array.is_empty() {
            doc.insert(name, Item::ArrayOfTables(array));
        }
    }
    if !ladder.conflicts.is_empty() {
        doc.insert("conflict", Item::ArrayOfTables(conflict_tables(&ladder.conflicts)));
    }
    doc.to_string()
}
