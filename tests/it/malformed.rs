//! A corpus of broken ladder files: every command refuses each one with exit 2, a one-line message
//! naming the file, the line and the problem, and leaves the file byte-for-byte as it was.

use std::fs;
use std::path::Path;

use crate::common::Sandbox;

/// Each file in `tests/malformed/`, the line the error must name (0: none), and words it must say.
const CORPUS: &[(&str, usize, &str)] = &[
    ("truncated.toml", 11, "invalid date"),
    ("unterminated-string.toml", 5, "invalid basic string"),
    ("binary-garbage.toml", 1, "not UTF-8 text"),
    ("invalid-utf8.toml", 5, "not UTF-8 text"),
    ("wrong-type-stakes.toml", 6, "expected a whole number"),
    ("wrong-type-id.toml", 4, "expected a whole number"),
    ("wrong-type-tags.toml", 7, "expected a list"),
    ("unknown-outcome.toml", 12, "unknown outcome \"maybe\""),
    ("duplicate-rung-id.toml", 9, "two rungs share the ID 1"),
    ("duplicate-attempt-id.toml", 15, "two attempts share the ID 1"),
    ("duplicate-key.toml", 7, "duplicate key"),
    ("future-version.toml", 1, "written by a newer ladder"),
    ("huge-number.toml", 6, "far too big"),
    ("stakes-out-of-range.toml", 6, "stakes must be a whole number from 0 to 100, not 250"),
    ("negative-distress.toml", 13, "before must be a whole number from 0 to 100, not -5"),
    ("orphan-attempt.toml", 10, "no rung with that ID"),
    ("missing-ask.toml", 3, "missing field `ask`"),
    ("empty-ask.toml", 5, "the ask is empty"),
    ("attempt-without-offset.toml", 11, "needs a UTC offset"),
    ("rungs-not-tables.toml", 2, "expected a list"),
    ("deep-nesting.toml", 2, "nested too deeply"),
    ("very-long-ask.toml", 5, "keep it to 300 at most"),
    ("bom-then-bad-stakes.toml", 6, "not 101"),
];

const COMMANDS: &[&[&str]] = &[
    &["next"],
    &["next", "--json"],
    &["list"],
    &["progress", "--json"],
    &["add", "Ask for help", "--stakes", "20"],
    &["done"],
    &["done", "1", "--outcome", "no"],
    &["undo"],
];

#[test]
fn the_corpus_is_all_here() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let on_disk = fs::read_dir(&dir).unwrap().count();
    assert_eq!(on_disk, CORPUS.len(), "every file in {} has an expectation", dir.display());
}

#[test]
fn every_command_refuses_every_broken_file_and_changes_nothing() {
    for (name, line, words) in CORPUS {
        let original = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed").join(name)).unwrap();
        let s = Sandbox::new();
        fs::write(s.file(), &original).unwrap();
        for args in COMMANDS {
            let err = s.fails(args, 2);
            let context = format!("{name}, ladder {args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "one line: {context}");
            let at = format!("ladder: {}:{line}:", s.file().display());
            assert!(err.starts_with(&at), "names the file and line {line}: {context}");
            assert!(err.contains(words), "says {words:?}: {context}");
            assert_eq!(fs::read(s.file()).unwrap(), original, "unchanged: {context}");
        }
        let left: Vec<_> = fs::read_dir(s.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(
            left.iter().all(|n| n == "ladder.toml" || n == "home"),
            "{name}: nothing but the file (and the sandbox's home, where the lock is): {left:?}"
        );
    }
}
