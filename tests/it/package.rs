//! What the Debian package ships beside the program, checked where `cargo test` can: every completion script
//! loads in its shell without a word on stderr, and the license files carry the copyright notice. Building and
//! trying the package itself is `.ci/package`'s job (it needs cargo-deb and lintian).

use std::path::Path;
use std::process::Command;
use std::{env, fs};

use crate::common::Sandbox;

/// `name` when it is on this machine. CI installs bash, zsh and fish, so there a missing shell fails.
fn shell(name: &str) -> Option<&str> {
    let found =
        Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success());
    assert!(found || env::var_os("CI").is_none(), "{name} must be installed in CI (.ci/run installs it)");
    found.then_some(name)
}

/// Loads `ladder completions SHELL` in that shell, runs `then`, and returns (stdout, stderr).
fn load(shell: &str, then: &str) -> (String, String) {
    let s = Sandbox::new();
    let script = s.path(&format!("ladder.{shell}"));
    fs::write(&script, s.ok(&["completions", shell])).unwrap();
    let code = match shell {
        "zsh" => format!("autoload -U compinit; compinit -u -D; source {}; {then}", script.display()),
        _ => format!("source {}; {then}", script.display()),
    };
    let mut cmd = Command::new(shell);
    if shell == "bash" {
        cmd.args(["--norc", "--noprofile"]);
    } else if shell == "zsh" {
        cmd.arg("-f");
    }
    let out = cmd.args(["-c", &code]).env("HOME", s.path("home")).output().unwrap();
    assert!(out.status.success(), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn fish_loads_every_completion_and_lists_the_report_names_with_their_help() {
    let Some(fish) = shell("fish") else { return };
    // A double quote in a value's help once ended fish's string early: "complete: too many arguments".
    let (out, err) = load(fish, "complete -C 'ladder report --names '");
    assert_eq!(err, "");
    assert_eq!(out, "full\tAs written\ninitials\t“Priya Shah” becomes “P. S.”\nnone\tEvery name becomes “someone”\n");
}

#[test]
fn bash_loads_its_completion_without_a_word_on_stderr() {
    let Some(bash) = shell("bash") else { return };
    let (out, err) = load(
        bash,
        "COMP_WORDS=(ladder report --names ''); COMP_CWORD=3; _ladder ladder '' --names; printf '%s\\n' \"${COMPREPLY[@]}\"",
    );
    assert_eq!(err, "");
    assert_eq!(out, "full\ninitials\nnone\n");
}

#[test]
fn zsh_loads_its_completion_without_a_word_on_stderr() {
    let Some(zsh) = shell("zsh") else { return };
    let (out, err) = load(zsh, "print -r -- ${_comps[ladder]}");
    assert_eq!(err, "");
    assert_eq!(out, "_ladder\n");
}

#[test]
fn the_license_files_carry_the_copyright_notice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mit = fs::read_to_string(root.join("LICENSE-MIT")).unwrap();
    assert_eq!(
        mit.lines().take(3).collect::<Vec<_>>(),
        ["MIT License", "", "Copyright (c) 2026 The ladder developers"]
    );
    let apache = fs::read_to_string(root.join("LICENSE-APACHE")).unwrap();
    assert_eq!(apache.lines().nth(1).map(str::trim), Some("Apache License"));
    assert!(apache.lines().any(|l| l == "   Copyright (c) 2026 The ladder developers"), "the notice in the appendix");
    // What Cargo.toml declares is what the files hold.
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.lines().any(|l| l == r#"license = "MIT OR Apache-2.0""#));
}
