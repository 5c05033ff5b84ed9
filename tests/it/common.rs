//! A sandbox for running the real binary: a temp dir as HOME and XDG dirs, a stripped environment,
//! and a fixed clock, so no test touches the real home directory or depends on today's date.
#![allow(dead_code)] // each test file uses part of this

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The clock every test runs at: a Sunday evening in a non-UTC offset.
pub const NOW: &str = "2026-11-22T18:30:00+01:00";

pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A sandbox whose ladder file already holds `text`.
    pub fn with(text: &str) -> Sandbox {
        let sandbox = Sandbox::new();
        sandbox.write(text);
        sandbox
    }

    /// The ladder file the commands use (through `LADDER_FILE`).
    pub fn file(&self) -> PathBuf {
        self.dir.path().join("ladder.toml")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, text: &str) {
        fs::write(self.file(), text).expect("write ladder file");
    }

    /// The ladder file's text without its `uid = "..."` lines: uids are random, the rest is what tests check.
    pub fn read(&self) -> String {
        let text = self.read_raw();
        text.split_inclusive('\n').filter(|line| !line.trim_start_matches('\u{feff}').starts_with("uid = ")).collect()
    }

    /// The ladder file's text as it is.
    pub fn read_raw(&self) -> String {
        fs::read_to_string(self.file()).expect("read ladder file")
    }

    /// `ladder ARGS`, for assertions.
    /// `ladder ARGS`, ended after a minute: a command that hangs (on a FIFO, say) fails its test rather than
    /// holding up the whole run.
    pub fn ladder(&self, args: &[&str]) -> Command {
        let mut command = Command::from_std(self.process(args));
        command.timeout(std::time::Duration::from_secs(60));
        command
    }

    /// `ladder ARGS` in an environment that holds only what the test gives it.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let home = self.dir.path().join("home");
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"));
        cmd.env_clear()
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("LADDER_FILE", self.file())
            .env("LADDER_NOW", NOW)
            .env("TZ", "UTC")
            .current_dir(self.dir.path())
            .args(args);
        cmd
    }

    /// Runs `ladder ARGS`, expecting exit 0, and returns what it printed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.ladder(args).output().expect("run ladder");
        assert_eq!(out.status.code(), Some(0), "ladder {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs `ladder ARGS`, expecting exit `code`, and returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.ladder(args).output().expect("run ladder");
        assert_eq!(out.status.code(), Some(code), "ladder {args:?}: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8(out.stderr).expect("utf-8 output")
    }

    /// `ladder ARGS` must fail with exit 2, say `words`, and leave the ladder file as it was.
    pub fn refused(&self, args: &[&str], words: &str) {
        let before = self.read();
        let err = self.fails(args, 2);
        assert!(err.contains(words), "ladder {args:?} should say {words:?}: {err}");
        assert_eq!(self.read(), before, "ladder {args:?} changed the file");
    }

    /// `--json` output of `ladder ARGS`, parsed.
    /// A command's JSON, with each entry's `uid` taken out once it is checked to be the one in the file: the
    /// uids are random, and the rest of the shape is what tests compare.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut json = self.json_with_uids(args);
        self.take_uids(&mut json);
        json
    }

    pub fn json_with_uids(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    /// Takes every `uid` out of `json`, checking that it is one, and that the file holds it when every entry
    /// in the file has its uid written (a file from before uids gets them derived, and written on its first
    /// change).
    pub fn take_uids(&self, json: &mut serde_json::Value) {
        let file = fs::read_to_string(self.file()).unwrap_or_default();
        let entries = ["[[rung]]", "[[attempt]]", "[[hesitation]]", "[[gave]]"].map(|h| file.matches(h).count());
        let written = file.lines().filter(|l| l.starts_with("uid = ")).count() == entries.iter().sum::<usize>();
        take_uids(json, &|uid| {
            assert!(uid.len() == 10 && uid.bytes().all(|b| matches!(b, b'a'..=b'z' | b'2'..=b'7')), "uid {uid}");
            assert!(!written || file.contains(&format!("uid = \"{uid}\"")), "uid {uid} is not in the file");
        });
    }
}

fn take_uids(json: &mut serde_json::Value, check: &dyn Fn(&str)) {
    match json {
        serde_json::Value::Object(fields) => {
            if let Some(uid) = fields.remove("uid") {
                check(uid.as_str().expect("a uid is a string"));
            }
            fields.values_mut().for_each(|v| take_uids(v, check));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| take_uids(v, check)),
        _ => {}
    }
}

pub fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// The ladder at `location` as `ladder` reads it, once any snapshot it began writing is whole.
pub fn read_ladder(location: &ladder::store::Location) -> Option<ladder::model::Ladder> {
    let ladder = ladder::store::read(location).unwrap();
    location.happened.wait();
    ladder.map(std::sync::Arc::unwrap_or_clone)
}

/// `program` in `dir`, isolated from the machine's configuration (HOME, XDG dirs, git's system config), with
/// this build's `ladder` first on the PATH, as git's merge driver and a person's shell line find it.
pub fn isolated(s: &Sandbox, program: &str, dir: &Path) -> std::process::Command {
    let bin = Path::new(env!("CARGO_BIN_EXE_ladder")).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let home = s.path("home");
    let mut command = std::process::Command::new(program);
    command
        .env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PATH", path)
        .env("LADDER_NOW", NOW)
        .env("TZ", "UTC")
        .current_dir(dir);
    command
}

/// Git, isolated (`isolated`): `ladder sync setup` points git's merge driver at `ladder`.
pub fn git(s: &Sandbox, dir: &Path, args: &[&str]) -> String {
    let out = isolated(s, "git", dir).args(args).output().expect("run git");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "git {args:?} failed: {said}");
    said
}

/// `ladder ARGS` on the ladder in `clone`: its exit code, stdout and stderr.
pub fn run(s: &Sandbox, clone: &str, args: &[&str]) -> (i32, String, String) {
    let out = s.process(args).env("LADDER_FILE", s.path(clone).join("ladder.toml")).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// `ladder ARGS` on the ladder in `clone`, which must succeed: its stdout.
pub fn on(s: &Sandbox, clone: &str, args: &[&str]) -> String {
    let (code, out, err) = run(s, clone, args);
    assert_eq!(code, 0, "ladder {args:?} in {clone}: {err}");
    out
}

/// A sandbox with a git identity of its own, a bare `origin.git` and its first clone, `laptop`.
pub fn git_sandbox() -> Sandbox {
    let s = Sandbox::new();
    let home = s.path("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n",
    )
    .unwrap();
    git(&s, s.dir.path(), &["init", "--bare", "-q", "origin.git"]);
    git(&s, s.dir.path(), &["clone", "-q", "origin.git", "laptop"]);
    s
}

/// Two clones of one ladder, laptop and phone, both set up for `ladder`'s merge driver.
pub fn two_clones(text: &str) -> Sandbox {
    let s = git_sandbox();
    std::fs::write(s.path("laptop").join("ladder.toml"), text).unwrap();
    on(&s, "laptop", &["sync", "setup"]);
    let laptop = s.path("laptop");
    git(&s, &laptop, &["add", "."]);
    git(&s, &laptop, &["commit", "-qm", "my ladder"]);
    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    git(&s, s.dir.path(), &["clone", "-q", "origin.git", "phone"]);
    on(&s, "phone", &["sync", "setup"]);
    s
}

/// How many cases a property test runs: `PROPTEST_CASES` when set (a longer run), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// A ladder file's text in the layout `ladder` writes and the README documents, built entry by entry, for
/// tests whose point is what the ladder holds, not how its text is laid out (those keep their text literal):
///
/// ```text
/// Fixture::version(1)
///     .setting("repeat", 3)
///     .rung(1, "Ask Sam to look at one slide", 35).who("Sam").tags(&["work"])
///     .attempt(1, 1, "2026-11-20T10:00:00+01:00").outcome("yes").before(50).after(20)
///     .text()
/// ```
///
/// `version = N` first (none from `Fixture::new()`: the text then starts with the first table, to append to
/// another), then `[settings]`, then each table after a blank line, its keys in the order `ladder` writes
/// them (`src/file/keys.rs`) whatever the order they are given in; a key the fixture does not know goes last.
/// A setter sets a key of the table added last.
#[derive(Clone, Debug, Default)]
pub struct Fixture {
    head: Vec<(&'static str, String)>,
    settings: Vec<(&'static str, String)>,
    tables: Vec<Table>,
}

#[derive(Clone, Debug)]
struct Table {
    name: &'static str,
    keys: Vec<(&'static str, String)>,
}

/// The keys of each table in the order `ladder` writes them, read from where `ladder` keeps that order, so that
/// the two cannot drift apart. (The layout itself is held by the tests that keep their text literal.)
fn key_order(table: &str) -> &'static [&'static str] {
    ladder::file::keys::known(table)
}

/// Whether the program `name` can be run here; when it cannot, a note, or a failure under CI (.ci/run installs
/// what the tests use).
pub fn have(name: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "CI is set and {name} is missing; .ci/run installs it");
        eprintln!("note: skipping, {name} is missing (CI would fail here)");
    }
    found
}

/// `ladder ARGS` in a real terminal `columns` wide, with `env` added to the sandbox's: what a person sees (see
/// `terminal`). None when there is no `script`.
pub fn in_terminal(s: &Sandbox, env: &[(&str, &str)], columns: u16, args: &[&str]) -> Option<String> {
    terminal(s, env, Some(columns), args, "").map(|(_, shown)| shown)
}

/// `ladder ARGS` on a terminal with `typed` typed into it: its exit code and all it showed (see `terminal`).
/// None when there is no `script`.
pub fn on_a_terminal(s: &Sandbox, args: &[&str], typed: &str) -> Option<(i32, String)> {
    terminal(s, &[], None, args, typed)
}

/// `ladder ARGS` on a real terminal (a pseudo-terminal, through util-linux's `script`), `columns` wide when
/// given, with `env` added to the sandbox's and `typed` typed into it: its exit code and all it showed, with the
/// terminal's line ends made `\n`. None when `script` is missing (see `have`: Debian and Ubuntu always have it).
fn terminal(
    s: &Sandbox,
    env: &[(&str, &str)],
    columns: Option<u16>,
    args: &[&str],
    typed: &str,
) -> Option<(i32, String)> {
    use std::io::Write as _;
    use std::process::Stdio;
    if !have("script") {
        return None;
    }
    let quote = |word: &str| format!("'{}'", word.replace('\'', "'\\''"));
    let sandboxed = s.process(args);
    let program = quote(&sandboxed.get_program().to_string_lossy());
    let words: Vec<String> = args.iter().map(|a| quote(a)).collect();
    let size = columns.map(|columns| format!("stty cols {columns} rows 50 && ")).unwrap_or_default();
    let line = format!("{size}exec {program} {}", words.join(" "));
    let mut script = std::process::Command::new("script");
    script.env_clear().env("PATH", "/usr/bin:/bin").current_dir(s.dir.path());
    for (key, value) in sandboxed.get_envs() {
        if let Some(value) = value {
            script.env(key, value);
        }
    }
    script.envs(env.iter().copied()).args(["-qec", &line, "/dev/null"]);
    let mut child =
        script.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run script");
    child.stdin.take().unwrap().write_all(typed.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "script {line}");
    let shown = String::from_utf8(out.stdout).expect("utf-8 output").replace("\r\n", "\n");
    Some((out.status.code().unwrap_or(-1), shown))
}

/// A value as TOML writes it.
pub trait Toml {
    fn toml(self) -> String;
}

impl Toml for &str {
    /// A basic string: quotes, backslashes and controls escaped.
    fn toml(self) -> String {
        let mut out = String::from("\"");
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

impl Toml for String {
    fn toml(self) -> String {
        self.as_str().toml()
    }
}

impl Toml for u32 {
    fn toml(self) -> String {
        self.to_string()
    }
}

impl Toml for i32 {
    fn toml(self) -> String {
        self.to_string()
    }
}

impl Toml for bool {
    fn toml(self) -> String {
        self.to_string()
    }
}

impl Toml for &[&str] {
    fn toml(self) -> String {
        format!("[{}]", self.iter().copied().map(Toml::toml).collect::<Vec<_>>().join(", "))
    }
}

impl<const N: usize> Toml for [&str; N] {
    fn toml(self) -> String {
        self.as_slice().toml()
    }
}

/// A value written as it is: a date (`2026-11-24`), a date-time, or anything a test spells itself.
pub struct Bare<'a>(pub &'a str);

impl Toml for Bare<'_> {
    fn toml(self) -> String {
        self.0.to_string()
    }
}

impl Fixture {
    /// No `version` line: the tables alone, to append to another fixture's text.
    pub fn new() -> Fixture {
        Fixture::default()
    }

    /// A file that starts `version = N`.
    pub fn version(version: u32) -> Fixture {
        Fixture { head: vec![("version", version.toml())], ..Fixture::default() }
    }

    /// A top-level key after `version` (`last_rung_id`).
    pub fn top(mut self, key: &'static str, value: impl Toml) -> Fixture {
        self.head.push((key, value.toml()));
        self
    }

    /// A key in `[settings]`, in the order given.
    pub fn setting(mut self, key: &'static str, value: impl Toml) -> Fixture {
        self.settings.push((key, value.toml()));
        self
    }

    /// A `[[NAME]]` table with no keys yet.
    pub fn table(mut self, name: &'static str) -> Fixture {
        self.tables.push(Table { name, keys: Vec::new() });
        self
    }

    /// Sets `key` of the table added last (once: setting it again replaces it).
    pub fn set(mut self, key: &'static str, value: impl Toml) -> Fixture {
        let table = self.tables.last_mut().expect("a fixture's key needs a table: call rung() or attempt() first");
        let value = value.toml();
        match table.keys.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => table.keys.push((key, value)),
        }
        self
    }

    pub fn rung(self, id: u32, ask: &str, stakes: u32) -> Fixture {
        self.table("rung").set("id", id).set("ask", ask).set("stakes", stakes)
    }

    /// An attempt at `at`, a TOML date-time or date, with no outcome written (which means yes).
    pub fn attempt(self, id: u32, rung: u32, at: &str) -> Fixture {
        self.table("attempt").set("id", id).set("rung", rung).set("at", Bare(at))
    }

    pub fn hesitation(self, id: u32, at: &str, text: &str) -> Fixture {
        self.table("hesitation").set("id", id).set("at", Bare(at)).set("text", text)
    }

    pub fn gave(self, id: u32, at: &str, to: &str, text: &str) -> Fixture {
        self.table("gave").set("id", id).set("at", Bare(at)).set("to", to).set("text", text)
    }

    /// The trace `ladder forget` leaves of the entry with `uid`, forgotten on `day`.
    pub fn forgotten(self, uid: &str, day: &str) -> Fixture {
        self.table("forgotten").set("uid", uid).set("on", Bare(day))
    }

    pub fn uid(self, uid: &str) -> Fixture {
        self.set("uid", uid)
    }

    // A rung's keys.
    pub fn who(self, who: &str) -> Fixture {
        self.set("who", who)
    }

    pub fn tags(self, tags: &[&str]) -> Fixture {
        self.set("tags", tags)
    }

    pub fn created(self, day: &str) -> Fixture {
        self.set("created", Bare(day))
    }

    pub fn fear(self, fear: &str) -> Fixture {
        self.set("fear", fear)
    }

    pub fn chance(self, percent: u32) -> Fixture {
        self.set("chance", percent)
    }

    pub fn planned(self, day: &str) -> Fixture {
        self.set("planned", Bare(day))
    }

    /// The rung's `where`.
    pub fn place(self, place: &str) -> Fixture {
        self.set("where", place)
    }

    pub fn safety(self, behaviours: &[&str]) -> Fixture {
        self.set("safety", behaviours)
    }

    // An attempt's keys (and a hesitation's `story` and `stakes`).
    pub fn outcome(self, outcome: &str) -> Fixture {
        self.set("outcome", outcome)
    }

    /// The SUDS before an attempt.
    pub fn before(self, suds: u32) -> Fixture {
        self.set("before", suds)
    }

    pub fn after(self, suds: u32) -> Fixture {
        self.set("after", suds)
    }

    pub fn note(self, note: &str) -> Fixture {
        self.set("note", note)
    }

    pub fn fear_happened(self, happened: bool) -> Fixture {
        self.set("fear_happened", happened)
    }

    pub fn thanked(self) -> Fixture {
        self.set("thanked", true)
    }

    pub fn learned(self, learned: &str) -> Fixture {
        self.set("learned", learned)
    }

    pub fn used(self, behaviours: &[&str]) -> Fixture {
        self.set("used", behaviours)
    }

    pub fn story(self, story: &str) -> Fixture {
        self.set("story", story)
    }

    pub fn stakes(self, stakes: u32) -> Fixture {
        self.set("stakes", stakes)
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let mut blocks: Vec<String> = Vec::new();
        if !self.head.is_empty() {
            blocks.push(key_lines(&self.head));
        }
        if !self.settings.is_empty() {
            blocks.push(format!("[settings]\n{}", key_lines(&self.settings)));
        }
        for table in &self.tables {
            let order = key_order(table.name);
            let rank = |key: &str| order.iter().position(|k| *k == key).unwrap_or(order.len());
            let mut keys = table.keys.clone();
            keys.sort_by_key(|(k, _)| rank(k)); // stable: unknown keys keep the order given
            blocks.push(format!("[[{}]]\n{}", table.name, key_lines(&keys)));
        }
        match (self.head.is_empty(), blocks.is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("\n{}", blocks.join("\n")), // to append: each table after a blank line
            (false, _) => blocks.join("\n"),
        }
    }
}

/// `key = value` lines, each ended by a newline.
fn key_lines(keys: &[(&str, String)]) -> String {
    keys.iter().fold(String::new(), |mut text, (key, value)| {
        let _ = writeln!(text, "{key} = {value}");
        text
    })
}

impl std::fmt::Display for Fixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

#[test]
fn the_fixture_builder_writes_the_layout_ladder_writes() {
    // Keys given out of order come out in ladder's order; strings are escaped; `Fixture::new()` appends.
    let text = Fixture::version(2)
        .setting("repeat", 3)
        .rung(1, "Ask \"Sam\" for help\\advice", 20)
        .planned("2026-11-26")
        .who("Sam")
        .uid("k2x7qm4ab9")
        .tags(&["work", "tab\there"])
        .attempt(1, 1, "2026-11-22T09:30:00+01:00")
        .thanked()
        .before(40)
        .outcome("no")
        .note("line one\nline two\u{1b}")
        .hesitation(1, "2026-11-21T09:00:00+01:00", "Ask Jo")
        .stakes(30)
        .story("I'd be a burden")
        .gave(1, "2026-11-20T12:00:00+01:00", "Sam", "Reviewed his slides")
        .text();
    assert_eq!(
        text,
        "version = 2\n\n[settings]\nrepeat = 3\n\n\
         [[rung]]\nid = 1\nuid = \"k2x7qm4ab9\"\nask = \"Ask \\\"Sam\\\" for help\\\\advice\"\nstakes = 20\nwho = \"Sam\"\n\
         tags = [\"work\", \"tab\\there\"]\nplanned = 2026-11-26\n\n\
         [[attempt]]\nid = 1\nrung = 1\nat = 2026-11-22T09:30:00+01:00\noutcome = \"no\"\nbefore = 40\n\
         note = \"line one\\nline two\\u001b\"\nthanked = true\n\n\
         [[hesitation]]\nid = 1\nat = 2026-11-21T09:00:00+01:00\ntext = \"Ask Jo\"\nstory = \"I'd be a burden\"\nstakes = 30\n\n\
         [[gave]]\nid = 1\nat = 2026-11-20T12:00:00+01:00\nto = \"Sam\"\ntext = \"Reviewed his slides\"\n"
    );
    assert_eq!(Fixture::new().attempt(2, 1, "2026-11-23").text(), "\n[[attempt]]\nid = 2\nrung = 1\nat = 2026-11-23\n");
    assert_eq!(
        Fixture::version(1).rung(1, "Ask Sam for help", 20).text(),
        "version = 1\n\n[[rung]]\nid = 1\nask = \"Ask Sam for help\"\nstakes = 20\n"
    );

    // Every key the builder orders is one ladder knows: a file with all of them reads without a warning.
    let all = Fixture::version(2)
        .top("last_rung_id", 2)
        .top("last_attempt_id", 1)
        .rung(1, "Ask Sam", 20)
        .uid("k2x7qm4ab9")
        .who("Sam")
        .tags(&["work"])
        .created("2026-11-01")
        .fear("He'll say no")
        .chance(40)
        .planned("2026-11-26")
        .place("after stand-up")
        .safety(&["text instead of calling"])
        .rung(2, "Ask Sam later", 30)
        .uid("m8c2rt5vqe")
        .set("before", "k2x7qm4ab9")
        .attempt(1, 1, "2026-11-20T10:00:00+01:00")
        .uid("p3d5ntw6ce")
        .outcome("partial")
        .before(40)
        .after(15)
        .note("Fine")
        .fear_happened(false)
        .thanked()
        .learned("Asking is fine")
        .used(&["text instead of calling"])
        .set("dropped", ["apologise first"])
        .set("peak", 55)
        .set("likely_before", 70)
        .set("bad_before", 80)
        .set("likely_after", 20)
        .set("bad_after", 30)
        .set("how", "phone")
        .hesitation(1, "2026-11-21T09:00:00+01:00", "Ask Jo")
        .uid("h3d5ntw6ce")
        .story("I'd be a burden")
        .stakes(30)
        .set("rung", 2)
        .gave(1, "2026-11-21T12:00:00+01:00", "Sam", "Fed the cat")
        .uid("g3d5ntw6ce")
        .table("forgotten")
        .uid("f3d5ntw6ce")
        .set("on", Bare("2026-11-21"))
        .table("moved")
        .set("what", "attempt")
        .set("from", 1)
        .set("to", 4)
        .set("on", Bare("2026-11-21"))
        .table("conflict")
        .set("rung", "k2x7qm4ab9")
        .set("field", "stakes")
        .set("kept", "20")
        .set("other", "25");
    let s = Sandbox::with(&all.text());
    let out = s.ladder(&["list"]).output().expect("run ladder");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{all}");
}

/// The folder of the two FIFOs a paused command and its test meet at (`here`, `go`; see `pause_for_test`).
#[cfg(unix)]
pub fn gates(s: &Sandbox) -> PathBuf {
    let gates = s.path("gates");
    fs::create_dir(&gates).unwrap();
    for fifo in ["here", "go"] {
        assert!(std::process::Command::new("mkfifo").arg(gates.join(fifo)).status().unwrap().success());
    }
    gates
}

/// `ladder ARGS`, paused `pauses` times at the step the variable `var` names. A command that ends before a
/// pause fails the test with what it said, rather than leaving it waiting for a pause that never comes.
#[cfg(unix)]
pub fn paused_at(
    s: &Sandbox,
    var: &str,
    pauses: usize,
    args: &[&str],
    mut between: impl FnMut(usize),
) -> std::process::Output {
    use std::io::{Read as _, Write as _};
    use std::process::Stdio;
    let gates = gates(s);
    // Held open for reading and writing from the start: the command's `x` at each pause, and the `e` below, wait
    // in it until read, whoever comes first.
    let mut here = fs::OpenOptions::new().read(true).write(true).open(gates.join("here")).unwrap();
    let mut cmd = s.process(args);
    let child = cmd.env(var, &gates).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // Once the command has ended, an `e`.
    let ended = std::thread::spawn({
        let here = gates.join("here");
        move || {
            let out = child.wait_with_output().unwrap();
            fs::OpenOptions::new().write(true).open(here).unwrap().write_all(b"e").unwrap();
            out
        }
    });
    for pause in 0..pauses {
        // Blocks until the command is at its pause (it has read the file and made its change) or has ended.
        let mut byte = [0; 1];
        here.read_exact(&mut byte).unwrap();
        if byte == *b"e" {
            let out = ended.join().unwrap();
            panic!("the command ended before pause {}: {}", pause + 1, String::from_utf8_lossy(&out.stderr));
        }
        between(pause);
        fs::OpenOptions::new().write(true).open(gates.join("go")).unwrap().write_all(b"x").unwrap();
    }
    ended.join().unwrap()
}

/// The text without its colour escapes (`ESC [ ... m`).
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        rest = rest[at..].find('m').map_or("", |end| &rest[at + end + 1..]);
    }
    out + rest
}
