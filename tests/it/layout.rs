//! The house as `src/lib.rs` states it: imports run one way only, each layer uses only the outside crates its
//! job needs, and only `output` and `main.rs` print. This fails when a file of the core reaches outward (a
//! rule that renders, a model that knows the disk, a store that prints), and when a file is in no layer.

use std::fs;
use std::path::{Path, PathBuf};

/// A layer of the crate: the top-level modules its files may name, and the outside crates they may use.
struct Layer {
    name: &'static str,
    modules: &'static [&'static str],
    crates: &'static [&'static str],
}

/// The crates every layer may use: the standard library's own.
const STD: [&str; 3] = ["std", "core", "alloc"];

const LAYERS: [Layer; 9] = [
    // The ladder's data: serde for its shape, chrono for its dates, a hash map and the hash of derived uids.
    Layer { name: "model", modules: &["model"], crates: &["serde", "chrono", "rustc_hash", "xxhash_rust"] },
    // The method. toml reads the idea bank built into the program (`data/ideas.toml`).
    Layer { name: "rules", modules: &["model", "rules", "error"], crates: &["serde", "chrono", "rustc_hash", "toml"] },
    Layer {
        name: "file",
        modules: &["model", "file", "error"],
        // csv and serde_json read the worksheets and exports `ladder import` takes.
        crates: &[
            "serde",
            "serde_ignored",
            "serde_json",
            "csv",
            "chrono",
            "rustc_hash",
            "toml",
            "toml_edit",
            "memchr",
            "itoa",
        ],
    },
    Layer {
        name: "store",
        modules: &["model", "file", "store", "error"],
        crates: &[
            "age",
            "serde",
            "serde_json",
            "chrono",
            "dirs",
            "getrandom",
            "postcard",
            "rustix",
            "tempfile",
            "xxhash_rust",
            "memchr",
        ],
    },
    // Words, tables, JSON, the report. clap only to render the command line's own description as a man page.
    Layer {
        name: "output",
        modules: &["model", "rules", "output", "error"],
        crates: &[
            "serde",
            "serde_json",
            "chrono",
            "comfy_table",
            "unicode_width",
            "xxhash_rust",
            "itoa",
            "clap",
            "clap_mangen",
        ],
    },
    Layer { name: "cli", modules: &["model", "cli", "usage", "error"], crates: &["clap", "clap_complete", "chrono"] },
    Layer {
        name: "commands",
        modules: &["model", "rules", "file", "store", "output", "cli", "usage", "commands", "error"],
        crates: &["*"],
    },
    Layer { name: "main", modules: &["*"], crates: &["*"] },
    // The one error type, which carries each failure to `main`: every layer above the model may use it, so it
    // knows only the model, and no outside crate (its words are in `output`).
    Layer { name: "error", modules: &["model", "error"], crates: &[] },
];

/// The top-level modules of the crate.
const MODULES: [&str; 9] = ["model", "rules", "file", "store", "output", "cli", "usage", "commands", "error"];

/// The only layers that write to standard output or standard error.
const PRINTERS: [&str; 2] = ["output", "main"];

/// Files outside those layers that may name a standard stream, and why: not to print, but to hand it on.
const HANDS_ON: [(&str, &str); 2] = [
    ("store/hooks.rs", "a hook's own output goes to ladder's standard error"),
    ("store/crypt.rs", "a passphrase is asked for only when standard input and standard error are a terminal"),
];

pub(super) fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every Rust file under `src/DIR` (`""`: all of `src`), with its text.
pub(super) fn sources(dir: &str) -> Vec<(PathBuf, String)> {
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
    walk(&src().join(dir), &mut found);
    assert!(!found.is_empty(), "src/{dir} has Rust files");
    found
}

/// The module path of a file: `src/store/fold.rs` is `store::fold`, `src/store/mod.rs` is `store`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    parts
}

/// The layer a file belongs to; every file belongs to one.
fn layer_of(file: &Path) -> &'static Layer {
    let module = module_of(file);
    let name = match module.first().map(String::as_str) {
        None if file.ends_with("main.rs") => "main",
        None => "lib",
        Some("usage") => "cli",
        Some(top) => top,
    };
    if name == "lib" {
        return &LAYERS[7];
    }
    LAYERS.iter().find(|l| l.name == name).unwrap_or_else(|| panic!("{} is in no layer of the house", file.display()))
}

/// The code of a file without its comments and string contents, so that a word in a doc comment or a message
/// is not taken for an import.
pub(super) fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        let mut in_string = false;
        let mut previous = ' ';
        for c in line.chars() {
            if c == '"' && previous != '\\' {
                in_string = !in_string;
                out.push('"');
            } else if !in_string {
                out.push(c);
            }
            previous = if previous == '\\' && c == '\\' { ' ' } else { c };
        }
        out.push('\n');
    }
    out
}

/// The first segment of every path in `code` that starts with `prefix` (`crate::`, `super::`, `ladder::`).
fn after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':'))
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())]
        })
        .collect()
}

/// The crate's own top-level modules a file names: through `crate::`, and through `super::` chains that climb
/// out of its own module.
fn modules_named(file: &Path, code: &str) -> Vec<String> {
    let mut named: Vec<String> = after(code, "crate::").into_iter().map(str::to_string).collect();
    let module = module_of(file);
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") || code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let mut rest = &code[at..];
        let mut depth = module.len();
        while let Some(next) = rest.strip_prefix("super::") {
            depth = depth.saturating_sub(1);
            rest = next;
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if depth == 0 && MODULES.contains(&name.as_str()) {
            named.push(name);
        }
    }
    named.retain(|n| MODULES.contains(&n.as_str()));
    named
}

/// The outside crates this package depends on (not its dev-dependencies, which only tests use).
fn dependencies() -> Vec<String> {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let mut names = Vec::new();
    let mut in_dependencies = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line.ends_with("dependencies]") && !line.contains("dev-") && !line.contains("build-");
        } else if in_dependencies
            && let Some((name, _)) = line.split_once('=')
            && !name.trim().starts_with('#')
        {
            names.push(name.trim().replace('-', "_"));
        }
    }
    names
}

#[test]
fn every_file_imports_only_the_layers_below_it() {
    let all = sources("");
    assert!(all.len() > 40, "the walk found the source files");
    let mut wrong = Vec::new();
    for (file, text) in &all {
        let layer = layer_of(file);
        let code = code(text);
        assert!(!code.contains("crate::{"), "{}: name each import's module", file.display());
        for name in modules_named(file, &code) {
            if !layer.modules.contains(&"*") && !layer.modules.contains(&name.as_str()) {
                wrong.push(format!("{} ({}) imports {name}", file.display(), layer.name));
            }
        }
        if layer.name != "main" && !after(&code, "ladder::").is_empty() {
            wrong.push(format!("{} names the crate as `ladder::`, which hides what it imports", file.display()));
        }
    }
    assert!(wrong.is_empty(), "wrong-way imports:\n{}", wrong.join("\n"));
}

#[test]
fn nothing_but_main_imports_the_commands() {
    for (file, text) in sources("") {
        let layer = layer_of(&file);
        let code = code(&text);
        if ["commands", "main"].contains(&layer.name) || file.ends_with("lib.rs") {
            continue;
        }
        assert!(
            !modules_named(&file, &code).contains(&"commands".to_string()),
            "{} imports the commands",
            file.display()
        );
    }
}

#[test]
fn each_layer_uses_only_the_outside_crates_its_job_needs() {
    let crates = dependencies();
    assert!(crates.contains(&"clap".to_string()) && crates.contains(&"serde".to_string()), "{crates:?}");
    let mut wrong = Vec::new();
    for (file, text) in &sources("") {
        let layer = layer_of(file);
        if layer.crates.contains(&"*") {
            continue;
        }
        let code = code(text);
        for name in &crates {
            let used = !after(&code, &format!("{name}::")).is_empty();
            if used && !layer.crates.contains(&name.as_str()) && !STD.contains(&name.as_str()) {
                wrong.push(format!("{} ({}) uses the crate {name}", file.display(), layer.name));
            }
        }
    }
    assert!(wrong.is_empty(), "crates outside a layer's job:\n{}", wrong.join("\n"));
}

#[test]
fn only_output_and_main_print() {
    let printing = ["println!", "print!", "eprintln!", "eprint!", "dbg!", "stdout()", "stderr()"];
    let mut wrong = Vec::new();
    for (file, text) in &sources("") {
        let layer = layer_of(file);
        let relative = file.strip_prefix(src()).unwrap().to_string_lossy().into_owned();
        if PRINTERS.contains(&layer.name) || HANDS_ON.iter().any(|(path, _)| *path == relative) {
            continue;
        }
        let code = code(text);
        for word in printing {
            if code.match_indices(word).any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            {
                wrong.push(format!("{} ({}) prints with {word}", file.display(), layer.name));
            }
        }
    }
    assert!(wrong.is_empty(), "printing outside output:\n{}", wrong.join("\n"));
}

/// The checks above can fail: each wrong-way edge the house once had is caught.
#[test]
fn the_checks_catch_the_edges_the_house_once_had() {
    let at = |path: &str| src().join(path);
    let named = |path: &str, text: &str| modules_named(&at(path), &code(text));
    assert_eq!(named("store/cache.rs", "let s = crate::rules::care::offers_from(l);"), ["rules"]);
    assert_eq!(named("store/mod.rs", "use super::rules::care;"), ["rules"], "super:: out of store is the crate");
    assert_eq!(named("store/fold.rs", "use super::super::output::note;"), ["output"]);
    assert!(named("store/fold.rs", "use super::Session;").is_empty(), "super:: within the layer");
    assert!(named("store/mod.rs", "// crate::rules is named in a comment").is_empty());
    assert!(named("store/mod.rs", "bail!(\"see crate::rules\")").is_empty(), "nor in a message");
    assert_eq!(named("cli.rs", "let t = crate::commands::now();"), ["commands"]);
    assert!(!LAYERS[5].modules.contains(&"commands"), "cli may not import the commands");
    assert!(!LAYERS[5].modules.contains(&"output"), "nor output");
    assert!(!LAYERS[3].modules.contains(&"rules"), "store may not use the rules");
    assert!(!after(&code("#[derive(clap::ValueEnum)]"), "clap::").is_empty(), "a derive names its crate");
    assert!(!LAYERS[0].crates.contains(&"clap") && !LAYERS[0].crates.contains(&"getrandom"), "model is pure");
    assert_eq!(layer_of(&at("usage.rs")).name, "cli");
    assert_eq!(named("error.rs", "use crate::output::say;"), ["output"]);
    assert!(!LAYERS[8].modules.contains(&"output") && LAYERS[8].crates.is_empty(), "errors are values, not words");
    assert!(!LAYERS[0].modules.contains(&"error"), "the model knows nothing of failures on the way to main");
}

/// A file's text before its tests (`#[cfg(test)]`, or `#[cfg(all(test, unix))]` for tests of one platform).
fn before_tests(text: &str) -> &str {
    let at = ["#[cfg(test)]", "#[cfg(all(test"].iter().filter_map(|start| text.find(start)).min();
    &text[..at.unwrap_or(text.len())]
}

/// The string literals in a file's code before its tests, in order: plain, byte and raw strings, with comments
/// and character literals (`'"'`) passed over. Those read rather than written are left out: a text looked for
/// (`message.contains("...")`), a lint's reason (`reason = "..."`).
fn literals(text: &str) -> Vec<String> {
    let read = |chars: &[char], at: usize| {
        let before: String = chars[at.saturating_sub(12)..at].iter().collect();
        ["contains(", "starts_with(", "ends_with(", "reason = "].iter().any(|r| before.ends_with(r))
    };
    let text = before_tests(text);
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest = |n: usize| chars.get(i + n).copied().unwrap_or(' ');
        match chars[i] {
            '/' if rest(1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if rest(1) == '*' => {
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            // A character literal ('x', '\'', '\u{feff}'), not a lifetime ('a).
            '\'' if rest(2) == '\'' || rest(1) == '\\' => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            'r' if (rest(1) == '"' || rest(1) == '#') && !chars[..i].last().is_some_and(|c| c.is_alphanumeric()) => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let start = i + 2 + hashes;
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let body: String = chars[start..].iter().collect();
                let end = body.find(&close).unwrap_or(body.len());
                if !read(&chars, i) {
                    found.push(body[..end].to_string());
                }
                i = start + body[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let mut body = String::new();
                let was_read = read(&chars, i);
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        body.push(chars[i]);
                        i += 1;
                    }
                    if let Some(&c) = chars.get(i) {
                        body.push(c);
                    }
                    i += 1;
                }
                if !was_read {
                    found.push(body);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// Whether a literal is a sentence: three words in a row (a label such as "safety behaviour" is not).
fn is_sentence(literal: &str) -> bool {
    let words: Vec<&str> = literal.split([' ', '\n']).collect();
    words.windows(3).any(|w| w.iter().all(|word| word.len() > 1 && word.chars().all(|c| c.is_ascii_lowercase())))
}

/// Files of `file`, `rules` and `store` whose words are not messages, and why: none is read by a person.
const FILE_WORDS: [(&str, &str); 3] = [
    ("store/format.rs", "\"not a block of attempts\" is serde's error inside a snapshot, which is then rebuilt"),
    ("store/reported.rs", "\"ladder last report 2\" (and 1) is the first line of its file in the state folder"),
    ("store/exported.rs", "\"ladder exported events 1\" is the first line of its file in the state folder"),
];

#[test]
fn file_rules_and_store_return_what_happened_and_output_words_it() {
    let mut all = sources("file");
    all.extend(sources("rules"));
    all.extend(sources("store"));
    assert!(all.len() > 30, "the walk found the files of file/, rules/ and store/");
    let mut wrong = Vec::new();
    for (file, text) in &all {
        let relative = file.strip_prefix(src()).unwrap().to_string_lossy().into_owned();
        if FILE_WORDS.iter().any(|(path, _)| *path == relative) {
            continue;
        }
        // A comment of the text of a new file is the file's own, not a message.
        for literal in literals(text).iter().filter(|l| !l.starts_with("# ")) {
            if is_sentence(literal) {
                wrong.push(format!("{relative}: \"{literal}\""));
            }
        }
        let code = code(before_tests(text));
        if code.lines().any(|line| line.contains("Result<") && line.contains(", String>")) {
            wrong.push(format!("{relative}: a `Result` whose error is a `String`"));
        }
    }
    assert!(
        wrong.is_empty(),
        "words in file/, rules/ or store/ (what they decide, what happened and what went wrong are values, worded in \
         output/):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_word_check_finds_a_sentence_and_only_in_code() {
    let found = literals(
        "// \"a comment is not code\"\nlet q = '\"';\nErr(format!(\"attempt {id} is not in it\"))\nlet r = r#\"raw \"x\" here\"#; 'a: loop {}\nif m.contains(\"the parser said this\") {}\n#[cfg(test)]\n\"tests say what they like\"",
    );
    assert_eq!(found, ["attempt {id} is not in it", "raw \"x\" here"]);
    assert_eq!(literals("let a = \"x\";\n#[cfg(all(test, unix))]\n\"a unix test says this\""), ["x"]);
    assert!(is_sentence(&found[0]) && !is_sentence("safety behaviour") && !is_sentence("[[gave]] entries"));
}
