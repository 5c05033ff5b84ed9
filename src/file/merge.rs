//! The merged ladder written onto "ours": its comments, blank lines, key order and unknown keys kept, only
//! what the merge changed changed. Should that ever not read back as the merged ladder, the file is written
//! afresh instead, and should that fail too, nothing is written.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::thread;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, TableLike, Value, value};

use crate::error::{Bad, Edit, Merge, Side};
use crate::file::Layout;
use crate::file::edit;
use crate::file::keys::{self, SETTINGS, TOP};
use crate::model::merged::{Clash, Dropped, Merges, Moved};
use crate::model::{Change, Conflict, Ladder, VERSION};

/// The result of a merge: the text to write, the IDs that moved, and how many values were newly set aside.
pub struct MergedText {
    pub text: String,
    pub moved: Vec<Moved>,
    pub new_conflicts: usize,
    /// Changes one device made to an entry the other forgot: the forget stands, the change went with it.
    pub dropped: Vec<Dropped>,
}

/// The ladder in one of the texts a merge or a revert is given (`which` names it in the error), and its layout.
fn read_side(text: &str, which: Side) -> Result<(Ladder, Layout), Merge> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // As every command refuses it: the parser would take a second mark for the first's.
    if text.starts_with('\u{feff}') {
        return Err(Merge::Side(which, Bad::TwoBoms));
    }
    Ladder::parse_file(text).map_err(|err| Merge::Side(which, err.why))
}

/// Merges the texts of three ladder files. An empty base (only blanks) merges as an empty ladder: a union.
/// A base, `ours` or `theirs` that does not read is an error, and then nothing should be written: a base
/// read as empty would take back edits and bring back removed entries.
pub fn merge_texts(base: &str, ours: &str, theirs: &str, merges: Merges) -> Result<MergedText, Merge> {
    merge_cows(Cow::Borrowed(base), ours, Cow::Borrowed(theirs), merges)
}

/// `merge_texts`, given the texts of the base and theirs to keep: each is freed once its ladder is read,
/// unless what the other device wrote by hand must come across from it. A merge then holds one text beside
/// its ladders, where it held three (a third of its peak memory on two 100k ladders).
pub fn merge_owned(base: String, ours: &str, theirs: String, merges: Merges) -> Result<MergedText, Merge> {
    merge_cows(Cow::Owned(base), ours, Cow::Owned(theirs), merges)
}

fn merge_cows(base: Cow<str>, ours: &str, theirs: Cow<str>, merges: Merges) -> Result<MergedText, Merge> {
    let (bom, body) = match ours.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", ours),
    };
    // The base and theirs are read side by side, each with a look along its lines for what a person wrote by
    // hand there, while ours is looked along; ours is read after, once the texts no longer needed are freed.
    let (base_read, their_read, fresh_hand) = thread::scope(|scope| {
        let base_text: &str = &base;
        let their_text: &str = &theirs;
        let base = scope.spawn(move || {
            let blank = base_text.trim_start_matches('\u{feff}').trim().is_empty();
            let read = if blank {
                Ok((Ladder::default(), None))
            } else {
                read_side(base_text, Side::Base).map(|(l, layout)| (l, Some(layout)))
            };
            (read, hand_written(base_text))
        });
        let theirs = scope.spawn(move || (read_side(their_text, Side::Theirs), hand_written(their_text)));
        let our_hand = hand_written(body);
        let ((base, base_hand), (theirs, their_hand)) = (joined(base.join()), joined(theirs.join()));
        let fresh_hand = their_hand.iter().any(|line| !our_hand.contains(line) && !base_hand.contains(line));
        (base, theirs, fresh_hand)
    });
    // What the other device wrote by hand (comments, names `ladder` does not know) and ours lacks comes across:
    // seldom any, and then both texts are read again as documents. Else they are done with.
    let texts = if fresh_hand {
        Some((base, theirs))
    } else {
        drop((base, theirs));
        None
    };
    let (mut base, base_layout) = base_read?;
    let (mut their_ladder, _) = their_read?;
    let (mut our_ladder, layout) = read_side(ours, Side::Ours)?;
    // A base from before uids: the sides take its derived uids (see `rules::merge`).
    let from_version_1 = base_layout.is_some_and(|l| !l.current);
    let dropped = (merges.dropped)(&base, &our_ladder, &their_ladder);
    let (merged, moved) =
        (merges.merge)(&mut base, &mut our_ladder, &mut their_ladder, from_version_1).map_err(Merge::Refused)?;
    // The base and theirs are done with: freed while the merge is written.
    free_meanwhile((base, their_ladder));
    // A conflict is known by its field and the value set aside (the value kept follows the field).
    let key = |c: &Conflict| (c.rung.clone(), c.entry.clone(), c.field.clone(), c.other.clone());
    let ours_had: HashSet<_> = our_ladder.conflicts.iter().map(key).collect();
    let new_conflicts = merged.conflicts.iter().filter(|c| !ours_had.contains(&key(c))).count();
    let carried = texts.and_then(|(base, theirs)| Carried::of(&base, &theirs));
    let appended = if carried.is_some() { None } else { added_only(body, layout, &our_ladder, &merged) };
    let text = match appended {
        Some(text) => text,
        None => edited(body, layout.current, &our_ladder, &merged, carried.as_ref())?,
    };
    free_meanwhile((our_ladder, merged));
    // Most files have no byte order mark: the text is not copied for nothing.
    let text = if bom.is_empty() { text } else { format!("{bom}{text}") };
    Ok(MergedText { text, moved, new_conflicts, dropped })
}

/// What taking a change back onto a file that changed since gave.
pub enum Reverted {
    /// The text to write.
    Text(String),
    /// It cannot be taken back: what clashes, and the ladder now, to name each by.
    Clashes(Vec<Clash>, Box<Ladder>),
}

/// Takes back the change that turned `before` into `after` (`None`: there was no file) onto `now`, the file's
/// text as it is (see `revert.rs`), keeping `now`'s comments and layout. `Err` when a text does not read.
pub fn revert_texts(after: &str, now: &str, before: Option<&str>, merges: Merges) -> Result<Reverted, Merge> {
    let (bom, body) = match now.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", now),
    };
    let (after, _) = read_side(after, Side::Written)?;
    let before = match before {
        Some(before) => read_side(before, Side::Before)?.0,
        None => Ladder::default(),
    };
    let (now_ladder, layout) = read_side(now, Side::Now)?;
    match (merges.revert)(&after, &now_ladder, &before) {
        Ok(reverted) => {
            let mut text = edited(body, layout.current, &now_ladder, &reverted, None)?;
            // An entry taken out at the end leaves no blank line behind it.
            while text.ends_with("\n\n") && !body.ends_with("\n\n") {
                text.pop();
            }
            Ok(Reverted::Text(format!("{bom}{text}")))
        }
        Err(clashes) => Ok(Reverted::Clashes(clashes, Box::new(now_ladder))),
    }
}

/// Frees two ladders on another thread, so that the merge need not wait for it: freeing their entries one by
/// one was a quarter of a merge of two 10k ladders. A process that ends first frees them all at once.
fn free_meanwhile(ladders: (Ladder, Ladder)) {
    // Should no thread start, the ladders are freed here, as the closure is.
    let _ = thread::Builder::new().spawn(move || drop(ladders));
}

/// The merge written onto ours by a full edit of its document.
fn edited(
    body: &str,
    current: bool,
    ours: &Ladder,
    merged: &Ladder,
    carried: Option<&Carried>,
) -> Result<String, Merge> {
    // A file from before uids is brought to this version first, as a change to it would be.
    let doc =
        if current { edit::document(body) } else { edit::document(&edit::upgrade(body, ours).map_err(Merge::Edit)?) };
    let text = match doc.and_then(|doc| onto(doc, edit::newline(body), ours, merged, carried)) {
        Ok(text) if reads_as(&text, merged) => text,
        _ => {
            let fresh = afresh(merged);
            if !reads_as(&fresh, merged) {
                return Err(Merge::WouldNotReadBack);
            }
            fresh
        }
    };
    Ok(text)
}

/// The merge written onto ours when all it does is add entries (the usual case: each device recorded its
/// own attempts), each spliced in as `ladder add` or `done` would: new rungs after the last rung, the rest
/// at the end. Everything already in ours is left byte for byte, and the added text is read back on its
/// own, which is as sure as reading the whole file back (the places it goes are those `add` and `done`
/// splice at) at a tiny part of the cost. `None` for any other merge, which then edits the whole document:
/// on the 10k ladder, that edit costs several times reading both sides.
fn added_only(body: &str, layout: Layout, ours: &Ladder, merged: &Ladder) -> Option<String> {
    let unchanged = layout.current
        && (&merged.settings, merged.last_rung_id, merged.last_attempt_id)
            == (&ours.settings, ours.last_rung_id, ours.last_attempt_id)
        && merged.conflicts == ours.conflicts
        && merged.forgotten == ours.forgotten
        && merged.moved == ours.moved;
    if !unchanged {
        return None;
    }
    let mut changes = Vec::new();
    new_entries(&ours.rungs, &merged.rungs, |r| &r.uid, |r| Change::AddRung(r.clone()), &mut changes)?;
    new_entries(&ours.attempts, &merged.attempts, |a| &a.uid, |a| Change::AddAttempt(a.clone()), &mut changes)?;
    new_entries(
        &ours.hesitations,
        &merged.hesitations,
        |h| &h.uid,
        |h| Change::AddHesitation(h.clone()),
        &mut changes,
    )?;
    new_entries(&ours.gifts, &merged.gifts, |g| &g.uid, |g| Change::AddGift(g.clone()), &mut changes)?;
    let (mut rungs, mut rest) = (String::new(), String::new());
    for change in &changes {
        let (insertion, _) = edit::splice(body, change, layout)?;
        if matches!(change, Change::AddRung(_)) { &mut rungs } else { &mut rest }.push_str(&insertion.text);
    }
    let added = Ladder::parse_entries(&[rungs.as_str(), rest.as_str()].concat())?;
    let mut expected = Ladder::default();
    for change in &changes {
        expected.apply(change);
    }
    let same = (&added.rungs, &added.attempts, &added.hesitations, &added.gifts)
        == (&expected.rungs, &expected.attempts, &expected.hesitations, &expected.gifts);
    if !same || !added.conflicts.is_empty() {
        return None;
    }
    let at = usize::try_from(layout.rung_end.unwrap_or(0)).ok()?;
    if !rungs.is_empty() && (layout.rung_end.is_none() || !body.is_char_boundary(at)) {
        return None;
    }
    let at = if rungs.is_empty() { body.len() } else { at };
    Some([&body[..at], &rungs, &body[at..], &rest].concat())
}

/// The changes that add the entries of `merged` that `ours` lacks; `None` when an entry of ours is gone or
/// changed.
fn new_entries<T: PartialEq>(
    ours: &[T],
    merged: &[T],
    uid: fn(&T) -> &String,
    add: fn(&T) -> Change,
    changes: &mut Vec<Change>,
) -> Option<()> {
    let merged_places = places(merged, uid);
    for entry in ours {
        (merged.get(*merged_places.get(uid(entry).as_str())?)? == entry).then_some(())?;
    }
    let our_places = places(ours, uid);
    changes.extend(merged.iter().filter(|e| !our_places.contains_key(uid(e).as_str())).map(add));
    Some(())
}

/// A thread's result; its panic, should it have one, goes on in this thread.
fn joined<T>(result: thread::Result<T>) -> T {
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Whether `text` reads as `ladder`, whatever the order of its entries.
fn reads_as(text: &str, ladder: &Ladder) -> bool {
    let Ok(read) = Ladder::parse(text) else { return false };
    let (mut a, mut b) = (read.conflicts.clone(), ladder.conflicts.clone());
    a.sort();
    b.sort();
    read.settings == ladder.settings
        && same_set(&read.forgotten, &ladder.forgotten)
        && same_set(&read.moved, &ladder.moved)
        && (read.last_rung_id, read.last_attempt_id) == (ladder.last_rung_id, ladder.last_attempt_id)
        && a == b
        && same_entries(&read.rungs, &ladder.rungs, |r| &r.uid)
        && same_entries(&read.attempts, &ladder.attempts, |a| &a.uid)
        && same_entries(&read.hesitations, &ladder.hesitations, |h| &h.uid)
        && same_entries(&read.gifts, &ladder.gifts, |g| &g.uid)
}

/// Whether two lists hold the same values, in any order.
fn same_set<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

/// Whether two lists hold the same entries, in any order (a ladder never holds two entries with one uid).
fn same_entries<T: PartialEq>(a: &[T], b: &[T], uid: fn(&T) -> &String) -> bool {
    let places = places(b, uid);
    a.len() == b.len() && a.iter().all(|entry| places.get(uid(entry).as_str()).is_some_and(|&i| b[i] == *entry))
}

/// A ladder with every list in uid order: two ladders with the same entries compare equal.
pub fn canonical(mut ladder: Ladder) -> Ladder {
    ladder.rungs.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.attempts.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.hesitations.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.gifts.sort_by(|a, b| a.uid.cmp(&b.uid));
    ladder.conflicts.sort();
    ladder.forgotten.sort();
    ladder.moved.sort();
    ladder
}

/// Each entry's place in `items`, by uid.
fn places<T>(items: &[T], uid: fn(&T) -> &String) -> HashMap<&str, usize> {
    items.iter().enumerate().map(|(i, item)| (uid(item).as_str(), i)).collect()
}

/// `merged` written onto `doc`, the text of `ours`, changing only what differs.
fn onto(
    mut doc: DocumentMut,
    nl: &str,
    ours: &Ladder,
    merged: &Ladder,
    carried: Option<&Carried>,
) -> Result<String, Edit> {
    for ((key, new), (_, old)) in settings(merged).into_iter().zip(settings(ours)) {
        if new != old {
            let table = doc.entry("settings").or_insert_with(|| Item::Table(Table::new()));
            // `[settings]` or `settings = { … }`: either is kept in its own shape.
            let table = table.as_table_like_mut().ok_or(Edit::SettingsNotATable)?;
            set(table, key, Value::from(i64::from(new)));
        }
    }
    if merged.settings.crisis_line != ours.settings.crisis_line {
        let table = doc.entry("settings").or_insert_with(|| Item::Table(Table::new()));
        let table = table.as_table_mut().ok_or(Edit::SettingsNotATable)?;
        match &merged.settings.crisis_line {
            Some(line) => set(table, "crisis_line", Value::from(line.as_str())),
            None => {
                table.remove("crisis_line");
            }
        }
    }
    if merged.settings.remind_after_days != ours.settings.remind_after_days {
        let table = doc.entry("settings").or_insert_with(|| Item::Table(Table::new()));
        let table = table.as_table_like_mut().ok_or(Edit::SettingsNotATable)?;
        match merged.settings.remind_after_days {
            Some(days) => set(table, "remind_after_days", Value::from(i64::from(days))),
            None => {
                table.remove("remind_after_days");
            }
        }
    }
    if merged.settings.quiet_hours != ours.settings.quiet_hours {
        let table = doc.entry("settings").or_insert_with(|| Item::Table(Table::new()));
        let table = table.as_table_like_mut().ok_or(Edit::SettingsNotATable)?;
        match merged.settings.quiet_hours {
            Some(quiet) => set(table, "quiet_hours", Value::from(quiet.to_string())),
            None => {
                table.remove("quiet_hours");
            }
        }
    }
    if merged.settings.mastery != ours.settings.mastery {
        let table = doc.entry("settings").or_insert_with(|| Item::Table(Table::new()));
        let table = table.as_table_mut().ok_or(Edit::SettingsNotATable)?;
        set(table, "mastery", Value::from(merged.settings.mastery.as_str()));
    }
    let (rungs, attempts) = (places(&merged.rungs, |r| &r.uid), places(&merged.attempts, |a| &a.uid));
    let (hesitations, gifts) = (places(&merged.hesitations, |h| &h.uid), places(&merged.gifts, |g| &g.uid));
    let (our_rungs, our_attempts) = (places(&ours.rungs, |r| &r.uid), places(&ours.attempts, |a| &a.uid));
    let (our_hesitations, our_gifts) = (places(&ours.hesitations, |h| &h.uid), places(&ours.gifts, |g| &g.uid));
    let of_kind = |name: &str| match name {
        "rung" => Some(&rungs),
        "attempt" => Some(&attempts),
        "hesitation" => Some(&hesitations),
        "gave" => Some(&gifts),
        _ => None,
    };
    let uid_of = |table: &Table| table.get("uid").and_then(Item::as_str).unwrap_or("").to_string();
    let keep = |name: &str, table: &Table| {
        of_kind(name).is_none_or(|kind| table.get("uid").and_then(Item::as_str).is_some_and(|u| kind.contains_key(u)))
    };
    edit::carry_comments(&mut doc, &|name, table| !keep(name, table));
    let mut orphaned = Vec::new();
    for name in ["rung", "attempt", "hesitation", "gave"] {
        let Some(item) = doc.get_mut(name) else { continue };
        let tables = item.as_array_of_tables_mut().ok_or(Edit::NotTables(name))?;
        tables.retain(|t| keep(name, t));
        for table in tables.iter_mut() {
            let uid = uid_of(table);
            let at = of_kind(name).and_then(|kind| kind.get(uid.as_str())).copied().ok_or(Edit::EntryMissing)?;
            // Most entries are as ours has them: nothing to write.
            let (fresh, keys): (Table, &[&str]) = match name {
                "rung" if our_rungs.get(uid.as_str()).is_some_and(|&o| ours.rungs[o] == merged.rungs[at]) => continue,
                "attempt"
                    if our_attempts.get(uid.as_str()).is_some_and(|&o| ours.attempts[o] == merged.attempts[at]) =>
                {
                    continue;
                }
                "hesitation"
                    if our_hesitations
                        .get(uid.as_str())
                        .is_some_and(|&o| ours.hesitations[o] == merged.hesitations[at]) =>
                {
                    continue;
                }
                "gave" if our_gifts.get(uid.as_str()).is_some_and(|&o| ours.gifts[o] == merged.gifts[at]) => continue,
                "rung" => (edit::rung_table(&merged.rungs[at]), keys::RUNG),
                "attempt" => (edit::attempt_table(&merged.attempts[at]), keys::ATTEMPT),
                "hesitation" => (edit::hesitation_table(&merged.hesitations[at]), keys::HESITATION),
                _ => (edit::gift_table(&merged.gifts[at]), keys::GAVE),
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
    let written = |name: &str| -> HashSet<String> {
        doc.get(name).and_then(Item::as_array_of_tables).map(|t| t.iter().map(uid_of).collect()).unwrap_or_default()
    };
    let (had_rungs, had_attempts, had_hesitations, had_gifts) =
        (written("rung"), written("attempt"), written("hesitation"), written("gave"));
    let new_tables = [
        ("rung", merged.rungs.iter().filter(|r| !had_rungs.contains(&r.uid)).map(edit::rung_table).collect::<Vec<_>>()),
        (
            "attempt",
            merged.attempts.iter().filter(|a| !had_attempts.contains(&a.uid)).map(edit::attempt_table).collect(),
        ),
        (
            "hesitation",
            merged
                .hesitations
                .iter()
                .filter(|h| !had_hesitations.contains(&h.uid))
                .map(edit::hesitation_table)
                .collect(),
        ),
        ("gave", merged.gifts.iter().filter(|g| !had_gifts.contains(&g.uid)).map(edit::gift_table).collect()),
    ];
    for (name, tables) in new_tables {
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
    // Theirs go after ours; one of ours the other side took back (undo) goes.
    let kept: HashSet<&str> = merged.forgotten.iter().map(|f| f.uid.as_str()).collect();
    if ours.forgotten.iter().any(|f| !kept.contains(f.uid.as_str()))
        && let Some(tables) = doc.get_mut("forgotten").and_then(Item::as_array_of_tables_mut)
    {
        tables.retain(|t| t.get("uid").and_then(Item::as_str).is_some_and(|uid| kept.contains(uid)));
    }
    for forgotten in merged.forgotten.iter().filter(|f| !ours.forgotten.iter().any(|o| o.uid == f.uid)) {
        let mut table = edit::forgotten_table(forgotten);
        table.decor_mut().set_prefix("\n");
        edit::tables_mut(&mut doc, "forgotten")?.push(table);
    }
    for moved in merged.moved.iter().skip(ours.moved.len()) {
        let mut table = edit::moved_table(moved);
        table.decor_mut().set_prefix("\n");
        edit::tables_mut(&mut doc, "moved")?.push(table);
    }
    if merged.conflicts != ours.conflicts {
        doc.remove("conflict");
        if !merged.conflicts.is_empty() {
            doc.insert("conflict", Item::ArrayOfTables(conflict_tables(&merged.conflicts)));
        }
    }
    if let Some(carried) = carried {
        carried.onto(&mut doc, ours);
    }
    Ok(edit::with_newlines(doc.to_string(), nl))
}

/// What the other device wrote by hand that ours lacks: comments, and names `ladder` does not know (a key in a
/// rung, an attempt or the settings, a table of its own). Taken against the base, so that what ours removed
/// stays removed: only what theirs added since comes across. An entry new from theirs comes with all of it.
struct Carried {
    theirs: DocumentMut,
    base: Option<DocumentMut>,
}

impl Carried {
    /// Theirs and the base read as documents, for when theirs holds a hand-written line that neither ours nor
    /// the base holds (`hand_written`); `None` should either not read so.
    fn of(base: &str, theirs: &str) -> Option<Carried> {
        let theirs = edit::document(theirs.trim_start_matches('\u{feff}')).ok()?;
        let base = base.trim_start_matches('\u{feff}');
        let base = if base.trim().is_empty() { None } else { Some(edit::document(base).ok()?) };
        Some(Carried { theirs, base })
    }

    /// Carries what theirs added onto `doc`, the merge written onto ours.
    fn onto(&self, doc: &mut DocumentMut, ours: &Ladder) {
        let in_base = |key: &str| self.base.as_ref().is_some_and(|b| b.contains_key(key));
        // A table or key of its own at the top.
        for (key, item) in self.theirs.iter() {
            if TOP.contains(&key) || doc.contains_key(key) || in_base(key) {
                continue;
            }
            let mut item = item.clone();
            if let Some(table) = item.as_table_mut() {
                table.set_position(None);
            }
            match self.theirs.as_table().get_key_value(key) {
                Some((key, _)) => doc.as_table_mut().insert_formatted(key, item),
                None => doc.insert(key, item),
            };
        }
        // Unknown keys in the settings.
        if let Some(theirs) = self.theirs.get("settings").and_then(Item::as_table) {
            let base = self.base.as_ref().and_then(|b| b.get("settings")).and_then(Item::as_table_like);
            let fresh = |key: &str| !SETTINGS.contains(&key) && base.is_none_or(|b| !b.contains_key(key));
            if theirs.iter().any(|(key, _)| fresh(key))
                && let Some(ours) = doc.entry("settings").or_insert_with(|| Item::Table(Table::new())).as_table_mut()
            {
                add_keys(ours, theirs, &fresh);
            }
        }
        // Each entry, by its uid.
        for name in ["rung", "attempt", "hesitation", "gave"] {
            let keys = keys::known(name);
            let theirs = by_uid_of(&self.theirs, name);
            if theirs.is_empty() {
                continue;
            }
            let base = self.base.as_ref().map(|b| by_uid_of(b, name)).unwrap_or_default();
            let our_uids: HashSet<String> = ours_uids(ours, name);
            let Some(tables) = doc.get_mut(name).and_then(Item::as_array_of_tables_mut) else { continue };
            for table in tables.iter_mut() {
                let Some(uid) = table.get("uid").and_then(Item::as_str).map(str::to_string) else { continue };
                let Some(their) = theirs.get(uid.as_str()) else { continue };
                let was = base.get(uid.as_str());
                let new = !our_uids.contains(&uid);
                // Their comment above the entry, when it is new, or theirs changed it and ours did not.
                let comments = |t: &Table| -> Vec<String> {
                    comment_lines(t.decor().prefix().and_then(|p| p.as_str()).unwrap_or(""))
                };
                let (theirs_said, base_said) = (comments(their), was.map(|b| comments(b)).unwrap_or_default());
                if !theirs_said.is_empty()
                    && theirs_said != base_said
                    && (new || comments(table) == base_said)
                    && let Some(prefix) = their.decor().prefix().and_then(|p| p.as_str())
                {
                    let prefix = if prefix.starts_with('\n') || table.position() == Some(0) {
                        prefix.to_string()
                    } else {
                        format!("\n{prefix}")
                    };
                    table.decor_mut().set_prefix(prefix);
                }
                // Their keys `ladder` does not know, and the comments above their known keys on a new entry.
                let fresh = |key: &str| !keys.contains(&key) && was.is_none_or(|b| !b.contains_key(key));
                add_keys(table, their, &fresh);
                if new {
                    for &key in keys {
                        if let (Some(mut ours_key), Some(their_key)) = (table.key_mut(key), their.key(key)) {
                            *ours_key.leaf_decor_mut() = their_key.leaf_decor().clone();
                        }
                    }
                }
            }
        }
    }
}

/// The keys of `from` that `keep` passes and `to` lacks, added to `to` with the comments above them.
fn add_keys(to: &mut Table, from: &Table, keep: &dyn Fn(&str) -> bool) {
    for (key, _) in from {
        if !keep(key) || to.contains_key(key) {
            continue;
        }
        if let Some((key, item)) = from.get_key_value(key) {
            to.insert_formatted(key, item.clone());
        }
    }
}

/// The comment lines of a decor, trimmed.
fn comment_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| l.starts_with('#')).map(str::to_string).collect()
}

/// Each table of the array `name` in `doc`, by its uid.
fn by_uid_of<'a>(doc: &'a DocumentMut, name: &str) -> HashMap<&'a str, &'a Table> {
    doc.get(name)
        .and_then(Item::as_array_of_tables)
        .map(|tables| tables.iter().filter_map(|t| Some((t.get("uid")?.as_str()?, t))).collect())
        .unwrap_or_default()
}

fn ours_uids(ours: &Ladder, name: &str) -> HashSet<String> {
    match name {
        "rung" => ours.rungs.iter().map(|r| r.uid.clone()).collect(),
        "attempt" => ours.attempts.iter().map(|a| a.uid.clone()).collect(),
        "hesitation" => ours.hesitations.iter().map(|h| h.uid.clone()).collect(),
        _ => ours.gifts.iter().map(|g| g.uid.clone()).collect(),
    }
}

/// The lines of a ladder file that a person wrote by hand, trimmed: comments (a line of its own, or after a
/// value), and lines with a name `ladder` does not know in their table. A look along the lines, never a parse: a line of a
/// multi-line note may be taken for one, which only costs the careful path.
fn hand_written(text: &str) -> HashSet<&str> {
    let mut table = "";
    let mut lines = HashSet::default();
    for line in text.trim_start_matches('\u{feff}').lines().map(str::trim) {
        if line.starts_with('#') {
            lines.insert(line);
        } else if line.starts_with('[') {
            let header = line.split('#').next().unwrap_or(line);
            table = header.trim().trim_matches(|c| c == '[' || c == ']').trim();
            if !TOP.contains(&table) || line.contains('#') {
                lines.insert(line);
            }
        } else if let Some((key, value)) = line.split_once('=') {
            let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
            let known = keys::known(table);
            // A comment after the value: a `#` past a string's closing quote, or in a value that is no string.
            let after = value.rsplit_once('"').map_or(value, |(_, rest)| rest);
            if !known.contains(&key) || after.contains('#') {
                lines.insert(line);
            }
        } else if line.contains('#') {
            lines.insert(line);
        }
    }
    lines
}

/// Sets `key` to `new`, keeping the comment beside the old value.
fn set(table: &mut dyn TableLike, key: &str, new: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(new));
        }
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
        if let Some(entry) = &c.entry {
            t["entry"] = value(entry);
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
    if let Some(line) = &ladder.settings.crisis_line {
        table["crisis_line"] = value(line.as_str());
    }
    table["mastery"] = value(ladder.settings.mastery.as_str());
    if let Some(days) = ladder.settings.remind_after_days {
        table["remind_after_days"] = value(i64::from(days));
    }
    if let Some(quiet) = ladder.settings.quiet_hours {
        table["quiet_hours"] = value(quiet.to_string());
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
    for forgotten in &ladder.forgotten {
        let mut table = edit::forgotten_table(forgotten);
        table.decor_mut().set_prefix("\n");
        if let Ok(tables) = edit::tables_mut(&mut doc, "forgotten") {
            tables.push(table);
        }
    }
    for moved in &ladder.moved {
        let mut table = edit::moved_table(moved);
        table.decor_mut().set_prefix("\n");
        if let Ok(tables) = edit::tables_mut(&mut doc, "moved") {
            tables.push(table);
        }
    }
    doc.to_string()
}
