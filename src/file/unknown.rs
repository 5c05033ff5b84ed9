//! Names in a ladder file that `ladder` does not know: kept in the file, but worth a warning, since a typo
//! (`[[rungs]]`, `comfortible = 20`) would otherwise be ignored without a word.

use std::collections::HashSet;
use std::ops::Range;

use super::keys;
use super::parse::FileError;
use crate::error::Bad;

/// A name the parse passed over: the table it is in (`""` for the top level), which entry of an array of
/// tables, and the name itself. Noted while the file is parsed, so that finding them costs no second parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub table: String,
    pub index: Option<usize>,
    pub key: String,
}

impl Ignored {
    /// The name a path of the parse stands for, from the top: `rung.3.mood` is `mood` in the fourth rung.
    pub fn of(path: &serde_ignored::Path) -> Option<Ignored> {
        let mut parts = Vec::new();
        let mut at = path;
        loop {
            match at {
                serde_ignored::Path::Root => break,
                serde_ignored::Path::Map { parent, key } => {
                    // A value read with its span is wrapped in a map of the parser's own: not a name of the file.
                    if !key.starts_with("$__serde_spanned_private") {
                        parts.push(key.clone());
                    }
                    at = parent;
                }
                serde_ignored::Path::Seq { parent, index } => {
                    parts.push(index.to_string());
                    at = parent;
                }
                serde_ignored::Path::Some { parent }
                | serde_ignored::Path::NewtypeStruct { parent }
                | serde_ignored::Path::NewtypeVariant { parent } => at = parent,
            }
        }
        parts.reverse();
        // From the top: [key], [table, key] or [table, index, key].
        let names: Vec<&str> = parts.iter().map(String::as_str).collect();
        match names.as_slice() {
            [key] => Some(Ignored { table: String::new(), index: None, key: (*key).to_string() }),
            [table, index, key, ..] if index.parse::<usize>().is_ok() => {
                Some(Ignored { table: (*table).to_string(), index: index.parse().ok(), key: (*key).to_string() })
            }
            [table, key, ..] => Some(Ignored { table: (*table).to_string(), index: None, key: (*key).to_string() }),
            [] => None,
        }
    }
}

/// One warning for each name `ladder` does not know (the first place it appears), with a "did you mean"
/// for a near miss of a name it knows. `span_of` says where a name stands in the file, when it can tell.
pub fn warnings(ignored: &[Ignored], span_of: &dyn Fn(&Ignored) -> Option<Range<usize>>) -> Vec<FileError> {
    let mut seen = HashSet::new();
    let mut warnings = Vec::new();
    for name in ignored {
        let Some((table, known)) = keys::of(&name.table) else { continue };
        if !seen.insert((table, name.key.clone())) {
            continue;
        }
        let key = &name.key;
        let near = known.iter().filter(|k| close(k, key)).min_by_key(|k| distance(k, key)).copied();
        warnings.push(FileError { span: span_of(name), why: Bad::UnknownName { key: key.clone(), table, near } });
    }
    warnings.sort_by_key(|w| w.span.as_ref().map_or(usize::MAX, |s| s.start));
    warnings
}

/// Where `key` is written in `region` (which starts at byte `offset` of the file): a line that begins with
/// it, as a key (`key =`, `key.x =`) or a table header (`[key]`, `[[key]]`, `[key.x]`).
pub fn find_key(region: &str, offset: usize, key: &str) -> Option<Range<usize>> {
    let mut at = offset;
    for line in region.split_inclusive('\n') {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        let name = content.trim_start_matches('[').trim_start();
        let skipped = content.len() - name.len();
        let follows = name.strip_prefix(key).and_then(|rest| rest.trim_start().chars().next());
        if matches!(follows, Some('=' | '.' | ']')) {
            let start = at + indent + skipped;
            return Some(start..start + key.len());
        }
        at += line.len();
    }
    None
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
        crate::model::Ladder::parse_noting(text).unwrap().2.into_iter().map(|w| w.why.to_string()).collect()
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
