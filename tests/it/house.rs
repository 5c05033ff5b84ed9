//! The top of the house: the command line parses without reading the world, and commands are glue that print
//! only what `output` worded. (The import directions of the layers are `layout`'s.)

use std::fs;
use std::path::{Path, PathBuf};

/// The Rust files under `src/DIR`, with their text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir), &mut found);
    assert!(!found.is_empty(), "src/{dir} has Rust files");
    found
}

#[test]
fn commands_print_only_what_output_worded() {
    for (path, text) in sources("commands") {
        for (at, _) in text.match_indices("write!(").chain(text.match_indices("writeln!(")) {
            let call: String = text[at..].chars().take_while(|c| *c != ';').collect();
            panic!("{}: words belong in output/, not {call:?}", path.display());
        }
        for printer in ["println!(", "eprintln!(", "print!(", "eprint!("] {
            assert!(!text.contains(printer), "{}: prints with {printer}", path.display());
        }
    }
}

#[test]
fn the_command_line_reads_nothing_of_the_world_and_names_nothing_above_it() {
    for (path, text) in sources("cli") {
        for name in ["crate::commands", "crate::output", "crate::store", "crate::rules", "Local::now", "env::var"] {
            assert!(!text.contains(name), "{} uses {name}", path.display());
        }
    }
    // The model is plain data: the words typed on the command line are clap's business, in cli.
    for (path, text) in sources("model") {
        assert!(!text.contains("clap"), "{} uses clap", path.display());
    }
}

#[test]
fn a_sentence_said_in_several_places_is_written_once() {
    let everything: Vec<(PathBuf, String)> = ["commands", "output", "cli"].into_iter().flat_map(sources).collect();
    for sentence in ["there is no rung with ID", "there is no attempt with ID", "there is no hesitation with ID"] {
        let places: Vec<String> = everything
            .iter()
            .filter(|(_, text)| text.contains(sentence))
            .map(|(path, text)| format!("{} ({}x)", path.display(), text.matches(sentence).count()))
            .collect();
        assert_eq!(places.len(), 1, "{sentence:?} is written in {places:?}");
        assert!(places[0].ends_with("output/say/mod.rs (1x)"), "{sentence:?} is written in {places:?}");
    }
}

#[test]
fn the_store_hands_failures_up_as_values_not_words() {
    // `Error::Said` carries words `output` made for a command; the store and the file layer never make them.
    for (path, text) in sources("store").into_iter().chain(sources("file")) {
        for worded in ["Error::said(", "Error::Said(", "Doing::Said(", "anyhow", "bail!("] {
            assert!(!text.contains(worded), "{} hands up words with {worded}", path.display());
        }
    }
}
