//! The top of the house: the command line parses without reading the world, and commands are glue that print
//! only what `output` worded. (The import directions of the layers, the crates each may use and who prints are
//! `layout`'s, which also walks and reads the sources for both.)

use std::path::PathBuf;

use crate::layout::{code, sources};

#[test]
fn commands_print_only_what_output_worded() {
    for (path, text) in sources("commands") {
        let code = code(&text);
        let calls: Vec<String> = code
            .match_indices("write!(")
            .chain(code.match_indices("writeln!("))
            .map(|(at, _)| code[at..].chars().take_while(|c| *c != ';').collect())
            .collect();
        assert!(calls.is_empty(), "{}: words belong in output/, not {calls:?}", path.display());
    }
}

#[test]
fn the_command_line_reads_nothing_of_the_world() {
    for (path, text) in sources("cli") {
        let code = code(&text);
        for name in ["Local::now", "env::var"] {
            assert!(!code.contains(name), "{} uses {name}", path.display());
        }
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
        let code = code(&text);
        for worded in ["Error::said(", "Error::Said(", "Doing::Said(", "anyhow", "bail!("] {
            assert!(!code.contains(worded), "{} hands up words with {worded}", path.display());
        }
    }
}
