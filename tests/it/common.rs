//! A sandbox for running the real binary: a temp dir as HOME and XDG dirs, a stripped environment,
//! and a fixed clock, so no test touches the real home directory or depends on today's date.
#![allow(dead_code)] // each test file uses part of this

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
    pub fn ladder(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
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

/// Git, isolated from the machine's configuration, with this build's `ladder` first on the PATH for the
/// merge driver (`ladder sync setup` points git at `ladder`).
pub fn git(s: &Sandbox, dir: &Path, args: &[&str]) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_ladder")).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let home = s.path("home");
    let out = std::process::Command::new("git")
        .env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PATH", path)
        .env("LADDER_NOW", NOW)
        .env("TZ", "UTC")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run git");
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
