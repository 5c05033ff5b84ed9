//! Names in a ladder file that `ladder` does not know: kept in the file, but worth a warning, since a typo
//! (`[[rungs]]`, `comfortible = 20`) would otherwise be ignored without a word.

use std::collections::HashSet;
use std::ops::Range;

use toml_edit::{Document, Item, TableLike};

use super::parse::FileError;

const TOP: [&str; 8] =
    ["version", "last_rung_id", "last_attempt_id", "settings", "rung", "attempt", "hesitation", "gave"];
const SETTINGS: [&str; 5] = ["repeat", "comfortable", "habituation", "max_step", "weekly_target"];
const RUNG: [&str; 10] = ["id", "ask", "stakes", "who", "tags", "created", "fear", "chance", "planned", "where"];
const ATTEMPT: [&str; 9] = ["id", "rung", "at", "outcome", "before", "after", "note", "fear_happened", "thanked"];
const HESITATION: [&str; 6] = ["id", "at", "text", "story", "stakes", "rung"];
const GAVE: [&str; 4] = ["id", "at", "to", "text"];

/// One warning for each name `ladder` does not know (the first place it appears), with a "did you mean"
/// for a near miss of a name it knows. The text must already read as a ladder.
pub fn unknown_names(text: &str) -> Vec<FileError> {
    let Ok(doc) = Document::parse(text) else { return Vec::new() };
    let mut seen = HashSet::new();
    let mut warnings = Vec::new();
    let root = doc.as_table();
    let mut warn = |place: &str, known: &[&str], key: &str, span: Option<Range<usize>>| {
        if seen.insert(format!("{place}.{key}")) {
            let near = known.iter().filter(|k| close(k, key)).min_by_key(|k| distance(k, key));
            let table = if place.is_empty() { String::new() } else { format!(" in {place}") };
            let kept = "stays in the file, and ladder ignores it";
            let message = match near {
                Some(n) => format!("\"{key}\"{table} is not a name ladder knows; did you mean \"{n}\"? It {kept}"),
                None => format!("\"{key}\"{table} is not a name ladder knows; it {kept}"),
            };
            warnings.push(FileError { span, message });
        }
    };
    for (key, item) in root {
        let span = root.key(key).and_then(toml_edit::Key::span);
        if !TOP.contains(&key) {
            warn("", &TOP, key, span.or_else(|| item.span()));
            continue;
        }
        let (place, known): (&str, &[&str]) = match key {
            "settings" => ("[settings]", &SETTINGS),
            "rung" => ("[[rung]]", &RUNG),
            "attempt" => ("[[attempt]]", &ATTEMPT),
            "hesitation" => ("[[hesitation]]", &HESITATION),
            "gave" => ("[[gave]]", &GAVE),
            _ => continue,
        };
        for table in tables(item) {
            for (name, _) in table.iter() {
                if !known.contains(&name) {
                    warn(place, known, name, table.get_key_value(name).and_then(|(k, _)| k.span()));
                }
            }
        }
    }
    warnings
}

/// The tables an item holds: itself, or each in an array of tables or of inline tables.
fn tables(item: &Item) -> Vec<&dyn TableLike> {
    if let Some(array) = item.as_array_of_tables() {
        return array.iter().map(|t| t as &dyn TableLike).collect();
    }
    if let Some(array) = item.as_array() {
        return array.iter().filter_map(|v| v.as_inline_table()).map(|t| t as &dyn TableLike).collect();
    }
    item.as_table_like().into_iter().collect()
}

/// A near miss: one or two edits away (one for short names).
fn close(known: &str, typed: &str) -> bool {
    let allowed = if known.len() <= 4 { 1 } else { 2 };
    distance(known, &typed.to_lowercase()) <= allowed
}

/// Edit distance (insertions, deletions, substitutions).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        unknown_names(text).into_iter().map(|w| w.message).collect()
    }

    #[test]
    fn typos_are_named_once_with_a_near_miss() {
        let text = "[settings]\ncomfortible = 20\n\n[[rungs]]\nid = 1\n\n[[rungs]]\nid = 2\n\n[[rung]]\nid = 3\nask = 'a'\nstakes = 1\nmood = 'x'\n";
        assert_eq!(
            messages(text),
            [
                "\"comfortible\" in [settings] is not a name ladder knows; did you mean \"comfortable\"? It stays in \
                 the file, and ladder ignores it",
                "\"rungs\" is not a name ladder knows; did you mean \"rung\"? It stays in the file, and ladder \
                 ignores it",
                "\"mood\" in [[rung]] is not a name ladder knows; it stays in the file, and ladder ignores it",
            ]
        );
    }

    #[test]
    fn a_file_of_known_names_has_no_warnings() {
        assert!(messages("version = 1\n[[rung]]\nid = 1\nask = 'a'\nstakes = 1\nwhere = 'x'\n").is_empty());
        assert_eq!(distance("atempt", "attempt"), 1);
    }
}
