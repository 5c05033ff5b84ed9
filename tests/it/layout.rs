//! The crate's imports run one way only, as `src/lib.rs` states: this fails when a module of the core reaches
//! outward (a rule that renders, a model that knows the disk).

use std::fs;
use std::path::Path;

/// Each folder of `src/`, and the top-level modules its files may name with `crate::`.
const ALLOWED: [(&str, &[&str]); 5] = [
    ("model", &["model"]),
    ("rules", &["model", "rules"]),
    ("file", &["model", "file"]),
    ("store", &["model", "file", "rules", "store"]),
    ("output", &["model", "rules", "output"]),
];

/// Every `crate::NAME` in the Rust files under `dir`, with where it was found.
fn uses(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            uses(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("crate::") {
                let name: String =
                    text[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                found.push((name, path.display().to_string()));
            }
            // A grouped `use crate::{a, b}` would hide names from the check above.
            assert!(!text.contains("crate::{"), "{}: name each import's module", path.display());
        }
    }
}

#[test]
fn the_core_imports_nothing_outward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (folder, allowed) in ALLOWED {
        let mut found = Vec::new();
        uses(&src.join(folder), &mut found);
        assert!(!found.is_empty() || folder == "model", "{folder} should use something");
        for (name, file) in found {
            assert!(allowed.contains(&name.as_str()), "{file} imports crate::{name}, outside {allowed:?}");
        }
    }
}

#[test]
fn nothing_but_main_imports_the_commands() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    uses(&src, &mut found);
    for (name, file) in found {
        let top = file.contains("/commands/") || file.ends_with("/cli.rs") || file.ends_with("/usage.rs");
        assert!(name != "commands" || top, "{file} imports the commands");
    }
}
