//! An encrypted ladder (`ladder encrypt`): every command works on it, nothing plain is left on disk, it merges
//! between devices, and the standard `age` tool opens it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use age::secrecy::ExposeSecret;

use crate::common::{Fixture, Sandbox, git, have, on, on_a_terminal, run};

/// The ask every test records, looked for in every file on disk.
const SECRET: &str = "Zanzibar-unique-ask";

fn plain() -> String {
    Fixture::version(2).rung(1, "ask Zanzibar-unique-ask", 30).uid("rungone001").text()
}

/// A new age key: the identity's text and the public key.
pub(crate) fn key() -> (String, String) {
    let identity = age::x25519::Identity::generate();
    (identity.to_string().expose_secret().to_string(), identity.to_public().to_string())
}

/// Where the sandbox's ladder looks for its identity by default.
pub(crate) fn identity_file(s: &Sandbox) -> PathBuf {
    s.path("home").join("config").join("ladder").join("identity.txt")
}

/// A sandbox whose ladder holds `plain()`, encrypted with `ladder encrypt` to a key whose identity is in the
/// default place. Returns the public key.
pub(crate) fn encrypted() -> (Sandbox, String) {
    let s = Sandbox::with(&plain());
    let (identity, public) = key();
    fs::create_dir_all(identity_file(&s).parent().unwrap()).unwrap();
    fs::write(identity_file(&s), format!("{identity}\n")).unwrap();
    s.ok(&["encrypt", "--recipient", &public]);
    (s, public)
}

fn sealed(s: &Sandbox) -> PathBuf {
    s.path("ladder.toml.age")
}

/// Every file under `dir` whose bytes hold `SECRET`.
fn holding_the_secret(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            found.extend(holding_the_secret(&path));
        } else if kind.is_file() && fs::read(&path).unwrap().windows(SECRET.len()).any(|w| w == SECRET.as_bytes()) {
            found.push(path);
        }
    }
    found
}

/// Encrypts `text` to `public` with the age crate, as another device would.
fn seal_to(public: &str, text: &str) -> Vec<u8> {
    let recipient: age::x25519::Recipient = public.parse().unwrap();
    age::encrypt(&recipient, text.as_bytes()).unwrap()
}

fn decrypt(s: &Sandbox, bytes: &[u8]) -> String {
    let text = fs::read_to_string(identity_file(s)).unwrap();
    let identity: age::x25519::Identity = text.trim().parse().unwrap();
    String::from_utf8(age::decrypt(&identity, bytes).unwrap()).unwrap()
}

#[test]
fn encrypt_turns_the_ladder_into_an_age_file_beside_its_keys_and_decrypt_turns_it_back() {
    let s = Sandbox::with(&plain());
    let (identity, public) = key();
    fs::create_dir_all(identity_file(&s).parent().unwrap()).unwrap();
    fs::write(identity_file(&s), &identity).unwrap();
    let shown = s.dir.path().display();
    assert_eq!(
        s.ok(&["encrypt", "--recipient", &public]),
        format!(
            "Encrypted {shown}/ladder.toml into {shown}/ladder.toml.age, and removed the plain file.\n\
             It opens with the identity for that key (listed in {shown}/ladder.toml.age-recipients). Keep that \
             identity safe and backed up: without it nobody, not even ladder, can read your records.\n"
        )
    );
    assert!(!s.file().exists(), "the plain file is gone");
    let bytes = fs::read(sealed(&s)).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert_eq!(decrypt(&s, &bytes), plain());
    // The keys are remembered in the open, in age's recipients-file format.
    let keys = fs::read_to_string(s.path("ladder.toml.age-recipients")).unwrap();
    assert_eq!(keys.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>(), [public.as_str()]);
    // `ladder path` names the encrypted file when only it is there.
    assert_eq!(s.ok(&["path"]), format!("{shown}/ladder.toml.age\n"));
    assert_eq!(
        s.ok(&["decrypt"]),
        format!("Decrypted {shown}/ladder.toml.age into {shown}/ladder.toml; the ladder is plain text again.\n")
    );
    assert_eq!(s.read_raw(), plain());
    assert!(!sealed(&s).exists() && !s.path("ladder.toml.age-recipients").exists());
}

#[test]
fn every_command_works_on_an_encrypted_ladder_and_undo_takes_changes_back() {
    let (s, _) = encrypted();
    assert_eq!(s.ok(&["next", "-q"]), "ask Zanzibar-unique-ask\n");
    s.ok(&["done", "1", "--outcome", "yes"]);
    s.ok(&["add", "Ask Jo for a lift", "--stakes", "40"]);
    assert_eq!(
        s.ok(&["list"]),
        " ID  Stakes  Ask                      Tries  Status\n  \
           1      30  ask Zanzibar-unique-ask      1  practising\n  \
           2      40  Ask Jo for a lift            0  new\n"
    );
    assert_eq!(
        s.ok(&["history"]),
        "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
         1  2026-11-22 18:30  added rung 2\n  \
         2  2026-11-22 18:30  recorded attempt 1 on rung 1\n"
    );
    assert_eq!(s.ok(&["undo", "2"]), "Undone: added rung 2.\nUndone: recorded attempt 1 on rung 1.\n");
    assert_eq!(decrypt(&s, &fs::read(sealed(&s)).unwrap()), plain());
}

#[test]
fn nothing_plain_is_on_disk_after_any_command() {
    let s = Sandbox::with(&plain());
    let (identity, public) = key();
    fs::create_dir_all(identity_file(&s).parent().unwrap()).unwrap();
    fs::write(identity_file(&s), &identity).unwrap();
    let tmp = s.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    // Before: a snapshot and an undo history of the plain ladder, which encrypting removes.
    let in_tmp = |args: &[&str]| {
        let out = s.ladder(args).env("TMPDIR", &tmp).env("XDG_RUNTIME_DIR", &tmp).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    in_tmp(&["done", "1"]);
    in_tmp(&["list"]);
    assert!(!holding_the_secret(&s.path("home")).is_empty(), "the plain ladder's snapshot and history");
    in_tmp(&["encrypt", "--recipient", &public]);
    let clean = |after: &str| {
        assert_eq!(holding_the_secret(s.dir.path()), Vec::<PathBuf>::new(), "after {after}");
    };
    clean("encrypt");
    // The other device's copy, encrypted, waiting to be folded in.
    let copy = "ladder.toml.sync-conflict-20261121-120000-PHONE12.age";
    let theirs = plain() + &Fixture::new().rung(2, "Ask Kim", 50).uid("phonerung1").text();
    fs::write(s.path(copy), seal_to(&public, &theirs)).unwrap();
    let editor = s.path("editor.sh");
    fs::write(&editor, "#!/bin/sh\nsed -i 's/stakes = 30/stakes = 25/' \"$1\"\n").unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(&mut fs::metadata(&editor).unwrap().permissions(), 0o755);
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    for args in [
        &["next"][..],
        &["next", "-q"],
        &["sync"],
        &["done", "1", "--outcome", "no", "--note", "Zanzibar-unique-ask again"],
        &["edit", "2", "--stakes", "45"],
        &["plan", "2", "--on", "tomorrow", "--where", "the Zanzibar-unique-ask cafe"],
        &["agenda", "--ics"],
        &["report"],
        &["list"],
        &["progress"],
        &["history"],
        &["undo"],
        &["export", "--format", "csv"],
        &["hesitated", "Did not ask about Zanzibar-unique-ask", "--date", "today"],
        &["conflicts"],
    ] {
        in_tmp(args);
        clean(&args.join(" "));
    }
    let out = s.ladder(&["edit-file"]).env("TMPDIR", &tmp).env("EDITOR", &editor).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    clean("edit-file");
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "edit-file leaves nothing in the temp folder");
    let text = decrypt(&s, &fs::read(sealed(&s)).unwrap());
    assert!(text.contains("stakes = 25") && text.contains("Ask Kim"), "{text}");
    // The copy folded in is kept encrypted, as it came.
    let merged = s.path("ladder-merged").join(copy);
    assert_eq!(decrypt(&s, &fs::read(merged).unwrap()), theirs);
}

#[test]
fn a_wrong_identity_a_truncated_or_a_tampered_file_is_refused_and_left_as_it_was() {
    let (s, _) = encrypted();
    let good = fs::read(sealed(&s)).unwrap();
    let shown = sealed(&s).display().to_string();
    let refused = |s: &Sandbox, bytes: &[u8], said: &str| {
        fs::write(sealed(s), bytes).unwrap();
        for args in [&["list"][..], &["done", "1"], &["next", "-q"], &["undo"], &["decrypt"]] {
            assert_eq!(s.fails(args, 2), format!("ladder: {said}\n"), "{args:?}");
            assert_eq!(fs::read(sealed(s)).unwrap(), bytes, "{args:?} changed the file");
        }
    };
    let damaged = format!(
        "{shown} is damaged (cut short, or changed since it was encrypted), so ladder will not read it; nothing \
         was changed"
    );
    refused(&s, &good[..good.len() - 20], &damaged);
    let mut tampered = good.clone();
    let last = tampered.len() - 5;
    tampered[last] ^= 1;
    refused(&s, &tampered, &damaged);
    // Encrypted to someone else.
    let (_, other) = key();
    let elsewhere = seal_to(&other, &plain());
    let identity = identity_file(&s).display().to_string();
    refused(
        &s,
        &elsewhere,
        &format!(
            "{shown} is not encrypted to the key in {identity} (another person's or device's key?); nothing was \
             changed"
        ),
    );
    // No identity at all: a lost identity is lost records.
    fs::write(sealed(&s), &good).unwrap();
    fs::remove_file(identity_file(&s)).unwrap();
    assert_eq!(
        s.fails(&["list"], 2),
        format!(
            "ladder: {shown} is encrypted, but there is no identity to open it: set LADDER_AGE_IDENTITY to your \
             age identity file (or SSH private key), or put it at {identity}; nothing was changed\n"
        )
    );
}

#[test]
fn the_identity_can_be_named_by_ladder_age_identity() {
    let (s, _) = encrypted();
    let elsewhere = s.path("my-key.txt");
    fs::rename(identity_file(&s), &elsewhere).unwrap();
    let out = s.ladder(&["next", "-q"]).env("LADDER_AGE_IDENTITY", &elsewhere).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "ask Zanzibar-unique-ask\n");
}

/// A ladder encrypted with a passphrase, by the age crate (a low work factor, for the test's speed).
pub(crate) fn with_passphrase(s: &Sandbox, text: &str) {
    let mut recipient = age::scrypt::Recipient::new("correct horse".to_string().into());
    recipient.set_work_factor(10);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
    let mut bytes = Vec::new();
    let mut writer = encryptor.wrap_output(&mut bytes).unwrap();
    writer.write_all(text.as_bytes()).unwrap();
    writer.finish().unwrap();
    fs::write(sealed(s), bytes).unwrap();
}

#[test]
fn a_passphrase_ladder_without_a_terminal_is_refused_in_one_line() {
    let s = Sandbox::new();
    with_passphrase(&s, &plain());
    let before = fs::read(sealed(&s)).unwrap();
    let out = s.process(&["done", "1"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: {} is encrypted with a passphrase, and ladder asks for it only on a terminal; run this in one, \
             or encrypt to a key for scripts (`ladder decrypt`, then `ladder encrypt --recipient`); nothing was \
             changed\n",
            sealed(&s).display()
        )
    );
    assert_eq!(fs::read(sealed(&s)).unwrap(), before);
    let out = s.process(&["encrypt", "--passphrase"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn encrypting_to_a_key_your_identity_cannot_open_is_refused_and_the_ladder_stays_plain() {
    let s = Sandbox::with(&plain());
    let (identity, _) = key();
    let (_, someone_else) = key();
    fs::create_dir_all(identity_file(&s).parent().unwrap()).unwrap();
    fs::write(identity_file(&s), &identity).unwrap();
    let err = s.fails(&["encrypt", "--recipient", &someone_else], 2);
    let sealed_name = sealed(&s).display().to_string();
    let keys = s.path("ladder.toml.age-recipients").display().to_string();
    let identity_path = identity_file(&s).display().to_string();
    assert_eq!(
        err,
        format!(
            "ladder: cannot write {sealed_name}: the keys in {keys} do not include yours, so the saved ladder would \
             not open for you: it is not encrypted to the key in {identity_path} (another person's or device's key?); \
             nothing was changed\n"
        )
    );
    assert_eq!(s.read_raw(), plain());
    assert!(!sealed(&s).exists() && !s.path("ladder.toml.age-recipients").exists());
    assert_eq!(
        s.fails(&["encrypt", "--recipient", "age1nope"], 2),
        "ladder: --recipient: \"age1nope…\" is not a public key: give an age key (age1…, from `age-keygen -y`) or \
         an SSH public key (ssh-ed25519 …); nothing was changed\n"
    );
}

#[test]
fn a_plain_and_an_encrypted_ladder_side_by_side_are_not_guessed_between() {
    let (s, _) = encrypted();
    s.write(&plain());
    let shown = s.dir.path().display();
    assert_eq!(
        s.fails(&["list"], 2),
        format!(
            "ladder: both {shown}/ladder.toml and {shown}/ladder.toml.age are there, and ladder will not guess which \
             is your ladder: once the encrypted one opens (`ladder --file {shown}/ladder.toml.age list`), remove the \
             plain one (or `ladder decrypt` would, with the other removed first)\n"
        )
    );
    s.ok(&["--file", &sealed(&s).display().to_string(), "list"]);
}

#[test]
fn edit_file_refuses_a_text_that_does_not_read_and_leaves_no_plain_copy() {
    let (s, _) = encrypted();
    let before = fs::read(sealed(&s)).unwrap();
    let tmp = s.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    let editor = s.path("editor.sh");
    fs::write(&editor, "#!/bin/sh\nsed -i 's/stakes = 30/stakes = 300/' \"$1\"\n").unwrap();
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out =
        s.process(&["edit-file"]).env("TMPDIR", &tmp).env("EDITOR", &editor).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with(&format!("ladder: {}:7:10: stakes must be", sealed(&s).display())), "{err}");
    assert!(err.ends_with("; nothing was changed\n"), "{err}");
    assert_eq!(fs::read(sealed(&s)).unwrap(), before);
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "no plain copy is left");
}

/// Whether the `age` tool is there; with CI set it must be (.ci/run installs it).
#[test]
fn the_age_tool_opens_a_ladder_ladder_encrypted_and_ladder_reads_one_age_encrypted() {
    if !have("age") {
        return;
    }
    let (s, public) = encrypted();
    s.ok(&["done", "1"]);
    let out =
        std::process::Command::new("age").args(["-d", "-i"]).arg(identity_file(&s)).arg(sealed(&s)).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&plain()) && text.contains("[[attempt]]"), "{text}");
    // And the other way: `age -r`, binary and armored, read by ladder.
    for armor in [false, true] {
        fs::write(s.path("plain.toml"), plain().replace("stakes = 30", "stakes = 35")).unwrap();
        let mut age = std::process::Command::new("age");
        age.args(["-r", &public, "-o"]).arg(sealed(&s));
        if armor {
            age.arg("-a");
        }
        let out = age.arg(s.path("plain.toml")).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            s.ok(&["list"]),
            " ID  Stakes  Ask                      Tries  Status\n  1      35  ask Zanzibar-unique-ask      0  new\n"
        );
    }
    // The recipients file is age's own: `age -R` encrypts to it.
    let out = std::process::Command::new("age")
        .arg("-R")
        .arg(s.path("ladder.toml.age-recipients"))
        .arg(s.path("plain.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn two_devices_merge_an_encrypted_ladder_through_git_and_git_shows_its_changes_as_text() {
    let s = Sandbox::new();
    let home = s.path("home");
    fs::create_dir_all(&home).unwrap();
    fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n",
    )
    .unwrap();
    let (identity, public) = key();
    fs::create_dir_all(identity_file(&s).parent().unwrap()).unwrap();
    fs::write(identity_file(&s), &identity).unwrap();
    git(&s, s.dir.path(), &["init", "--bare", "-q", "origin.git"]);
    git(&s, s.dir.path(), &["clone", "-q", "origin.git", "laptop"]);
    let laptop = s.path("laptop");
    fs::write(laptop.join("ladder.toml"), plain()).unwrap();
    on(&s, "laptop", &["encrypt", "--recipient", &public]);
    let setup = on(&s, "laptop", &["sync", "setup"]);
    let attributes = laptop.join(".gitattributes").display().to_string();
    assert_eq!(
        setup,
        format!(
            "Added to {attributes}: ladder.toml.age merge=ladder diff=ladder  (commit it, so every clone merges the same way)\n\
             Set in this repository's config: merge.ladder.driver = ladder merge %O %A %B %P\n\
             Set in this repository's config: diff.ladder.textconv = ladder show-plain  (git diff and git log -p show the text)\n\
             Commit ladder.toml.age-recipients too: the other devices encrypt to the keys in it.\n\
             Each clone needs `ladder sync setup` once; `ladder` must be on the PATH git runs with.\n"
        )
    );
    git(&s, &laptop, &["add", "."]);
    git(&s, &laptop, &["commit", "-qm", "my ladder"]);
    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    git(&s, s.dir.path(), &["clone", "-q", "origin.git", "phone"]);
    let phone = s.path("phone");
    // The keys came with the clone: nothing to say of committing them.
    assert_eq!(
        on(&s, "phone", &["sync", "setup"]),
        format!(
            "Already in {}: ladder.toml.age merge=ladder diff=ladder\n\
             Set in this repository's config: merge.ladder.driver = ladder merge %O %A %B %P\n\
             Set in this repository's config: diff.ladder.textconv = ladder show-plain  (git diff and git log -p show the text)\n\
             Each clone needs `ladder sync setup` once; `ladder` must be on the PATH git runs with.\n",
            phone.join(".gitattributes").display()
        )
    );
    // Offline, each records an attempt.
    on(&s, "laptop", &["done", "1", "--note", "on the laptop"]);
    on(&s, "phone", &["done", "1", "--note", "on the phone"]);
    for (dir, what) in [(&laptop, "laptop"), (&phone, "phone")] {
        git(&s, dir, &["commit", "-qam", what]);
    }
    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    git(&s, &phone, &["pull", "-q", "--no-edit", "origin", "main"]);
    let (code, out, err) = run(&s, "phone", &["log"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("on the laptop") && out.contains("on the phone"), "{out}");
    let merged = fs::read(phone.join("ladder.toml.age")).unwrap();
    assert!(merged.starts_with(b"age-encryption.org/v1\n"), "the merge is encrypted again");
    // git shows the change as text.
    let shown = git(&s, &phone, &["log", "-p", "-1", "--no-merges", "--format=", "--", "ladder.toml.age"]);
    assert!(shown.contains("+note = \"on the phone\"") || shown.contains("+note = \"on the laptop\""), "{shown}");
    assert_eq!(holding_the_secret(&s.path("origin.git")), Vec::<PathBuf>::new());
}

/// Whether `ssh-keygen` is there; with CI set it must be (.ci/run installs it).
#[test]
fn a_ladder_encrypted_to_an_age_key_and_an_ssh_key_opens_with_either() {
    if !have("ssh-keygen") {
        return;
    }
    let s = Sandbox::with(&plain());
    let (identity, public) = key();
    fs::create_dir_all(identity_file(&s).parent().unwrap()).unwrap();
    fs::write(identity_file(&s), &identity).unwrap();
    let ssh = s.path("id_ed25519");
    let out = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "phone", "-f"])
        .arg(&ssh)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ssh_public = fs::read_to_string(s.path("id_ed25519.pub")).unwrap();
    s.ok(&["encrypt", "--recipient", &public, "--recipient", ssh_public.trim()]);
    let keys = fs::read_to_string(s.path("ladder.toml.age-recipients")).unwrap();
    assert_eq!(keys.lines().filter(|l| !l.starts_with('#')).count(), 2, "{keys}");
    s.ok(&["done", "1"]);
    // The phone opens it with its SSH key alone, and its change is encrypted to both again.
    fs::remove_file(identity_file(&s)).unwrap();
    let with_ssh = |args: &[&str]| {
        let out = s.ladder(args).env("LADDER_AGE_IDENTITY", &ssh).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    with_ssh(&["done", "1"]);
    assert_eq!(
        with_ssh(&["list"]),
        " ID  Stakes  Ask                      Tries  Status\n  1      30  ask Zanzibar-unique-ask      2  practising\n"
    );
    fs::write(identity_file(&s), &identity).unwrap();
    assert!(decrypt(&s, &fs::read(sealed(&s)).unwrap()).matches("[[attempt]]").count() == 2);
}

#[test]
fn edit_file_edits_in_the_private_runtime_folder_and_works_on_a_plain_ladder_too() {
    let s = Sandbox::with(&plain());
    let runtime = s.path("run");
    fs::create_dir_all(&runtime).unwrap();
    fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let editor = s.path("editor.sh");
    let seen = s.path("seen");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$(dirname \"$1\")\" \"$1\" > '{}'\nsed -i 's/stakes = 30/stakes = 20/' \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = s.ladder(&["edit-file"]).env("XDG_RUNTIME_DIR", &runtime).env("EDITOR", &editor).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("Saved {}.\n", s.file().display()));
    assert_eq!(s.read_raw(), plain().replace("stakes = 30", "stakes = 20"));
    let seen = fs::read_to_string(seen).unwrap();
    let lines: Vec<&str> = seen.lines().collect();
    let folder = lines[0].strip_prefix("700 ").unwrap_or_else(|| panic!("a folder only you can read: {seen}"));
    assert!(folder.starts_with(&format!("{}/ladder-edit-", runtime.display())), "{seen}");
    assert!(lines[1].starts_with("600 ") && lines[1].ends_with("/ladder.toml"), "{seen}");
    assert_eq!(fs::read_dir(&runtime).unwrap().count(), 0, "the plain copy is removed");
    assert_eq!(s.ok(&["undo"]), "Undone: edited the file by hand.\n");
    assert_eq!(s.read_raw(), plain());
}

#[test]
fn a_link_from_an_encrypted_name_to_a_plain_one_is_not_written_through() {
    let (s, _) = encrypted();
    let elsewhere = s.path("store.bin");
    fs::rename(sealed(&s), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, sealed(&s)).unwrap();
    let before = fs::read(&elsewhere).unwrap();
    let err = s.fails(&["done", "1"], 2);
    assert!(err.contains("only one of the two names ends in .age"), "{err}");
    assert_eq!(fs::read(&elsewhere).unwrap(), before);
    s.ok(&["list"]);
}

#[test]
fn a_passphrase_is_asked_for_on_a_terminal_and_the_ladder_is_saved_with_it_again() {
    let s = Sandbox::new();
    with_passphrase(&s, &plain());
    let shown = sealed(&s).display().to_string();
    let Some((code, said)) = on_a_terminal(&s, &["--color", "never", "done", "1"], "correct horse\n") else { return };
    assert_eq!(code, 0, "{said}");
    let lines: Vec<&str> = said.lines().collect();
    // The terminal may echo what was typed before the prompt turns echo off: the prompt, then anything.
    assert!(said.contains(&format!("Passphrase for {shown}: ")), "{said}");
    assert!(lines.contains(&"Recorded attempt 1 on #1 “ask Zanzibar-unique-ask”: yes."), "{said}");
    assert!(!said.contains("cannot be undone"), "{said}");
    let bytes = fs::read(sealed(&s)).unwrap();
    let identity = age::scrypt::Identity::new("correct horse".to_string().into());
    let text = String::from_utf8(age::decrypt(&identity, &bytes).unwrap()).unwrap();
    assert!(text.starts_with(&plain()) && text.contains("[[attempt]]"), "{text}");
    // A wrong one is asked for once, and nothing is written.
    let (code, said) = on_a_terminal(&s, &["done", "1"], "wrong\n").unwrap();
    assert_eq!(code, 2, "{said}");
    assert!(said.ends_with(&format!("ladder: the passphrase does not open {shown}; nothing was changed\n")), "{said}");
    assert_eq!(said.matches("Passphrase for").count(), 1, "{said}");
    assert_eq!(fs::read(sealed(&s)).unwrap(), bytes);
}

#[test]
fn a_plain_copy_left_by_an_edit_that_was_killed_is_removed_by_the_next_one() {
    let (s, _) = encrypted();
    let runtime = s.path("run");
    fs::create_dir_all(&runtime).unwrap();
    fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    // What `kill -9` of ladder while the editor was open leaves: the folder, its lock file (no longer held) and
    // the plain text; and the folder of an edit still going on, whose lock is held.
    let abandoned = runtime.join("ladder-edit-AbCdEf");
    let in_use = runtime.join("ladder-edit-GhIjKl");
    for dir in [&abandoned, &in_use] {
        fs::create_dir(dir).unwrap();
        fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        fs::write(dir.join(".in-use"), "").unwrap();
        fs::write(dir.join("ladder.toml"), plain()).unwrap();
    }
    let held = fs::File::open(in_use.join(".in-use")).unwrap();
    held.lock().unwrap();
    let editor = s.path("editor.sh");
    fs::write(&editor, "#!/bin/sh\ntrue\n").unwrap();
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = s.ladder(&["edit-file"]).env("XDG_RUNTIME_DIR", &runtime).env("EDITOR", &editor).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("No change to {}.\n", sealed(&s).display()));
    assert!(!abandoned.exists(), "the abandoned plain copy is removed");
    assert!(in_use.join("ladder.toml").exists(), "another edit's is not");
    assert_eq!(fs::read_dir(&runtime).unwrap().count(), 1);
}

#[test]
fn ladder_terminated_while_the_editor_is_open_removes_the_plain_copy_and_changes_nothing() {
    let (s, _) = encrypted();
    let before = fs::read(sealed(&s)).unwrap();
    let runtime = s.path("run");
    fs::create_dir_all(&runtime).unwrap();
    fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    // The editor changes the text, then terminates ladder (found among its parents) before it closes.
    let editor = s.path("editor.sh");
    fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/stakes = 30/stakes = 20/' \"$1\"\np=$PPID\n\
         while [ \"$p\" -gt 1 ] && [ \"$(cat /proc/$p/comm)\" != ladder ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done\n\
         kill -TERM \"$p\"\n",
    )
    .unwrap();
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = s.ladder(&["edit-file"]).env("XDG_RUNTIME_DIR", &runtime).env("EDITOR", &editor).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "ladder: the edit was interrupted; nothing was changed\n");
    assert_eq!(fs::read_dir(&runtime).unwrap().count(), 0, "the plain copy is removed");
    assert_eq!(fs::read(sealed(&s)).unwrap(), before);
}

/// Whoever holds the synced folder could put their key in the recipients file in place of yours: the next change
/// would then lock you out of your records. It is refused, and nothing is changed.
#[test]
fn a_recipients_file_without_your_key_is_refused_before_it_locks_you_out() {
    let (s, _) = encrypted();
    let keys = s.path("ladder.toml.age-recipients");
    let yours = fs::read_to_string(&keys).unwrap();
    let before = fs::read(sealed(&s)).unwrap();
    let (_, someone_else) = key();
    fs::write(&keys, format!("{someone_else}\n")).unwrap();
    let err = s.fails(&["done", "1"], 2);
    assert!(err.contains(" holds a key this device has not confirmed ("), "{err}");
    // Confirmed by mistake, it is still refused: the change would not open for you.
    s.ok(&["encrypt", "--confirm-keys"]);
    let err = s.fails(&["done", "1"], 2);
    assert!(err.contains(" do not include yours, so the saved ladder would not open for you: "), "{err}");
    assert_eq!(fs::read(sealed(&s)).unwrap(), before, "nothing was changed");
    fs::write(&keys, yours).unwrap();
    // Taken out by that confirmation, your key needs confirming again.
    s.ok(&["encrypt", "--confirm-keys"]);
    s.ok(&["done", "1"]);
    assert_ne!(fs::read(sealed(&s)).unwrap(), before, "and with your key back, it saves");
}

/// A device that had not encrypted yet leaves a plain conflict copy beside the encrypted ladder: what it holds is
/// folded in, encrypted with the ladder, never passed over without a word.
#[test]
fn a_plain_conflict_copy_beside_an_encrypted_ladder_is_folded_in() {
    let (s, _) = encrypted();
    let copy = "ladder.sync-conflict-20261121-120000-PHONE12.toml";
    let theirs = plain() + &Fixture::new().rung(2, "Ask Kim", 50).uid("phonerung1").text();
    fs::write(s.path(copy), &theirs).unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{err}");
    let (into, dir) = (sealed(&s).display().to_string(), s.path("ladder-merged").display().to_string());
    let kept = "ladder.toml.sync-conflict-20261121-120000-PHONE12.age";
    assert_eq!(
        err,
        format!(
            "ladder: folded the conflict copy {copy} into {into} and moved it to {dir}\n\
             ladder: the conflict copy {copy} was plain text: it is now kept encrypted, as {kept}, \
             and the plain one is removed\n\
             ladder: no version both devices had is in the undo history, so every entry of either was kept (a rung \
             removed on one device comes back)\n"
        )
    );
    // The copy itself is kept encrypted, to the ladder's keys, under an encrypted copy's name: nothing plain is left.
    assert!(!s.path(copy).exists() && !s.path("ladder-merged").join(copy).exists());
    assert_eq!(decrypt(&s, &fs::read(s.path("ladder-merged").join(kept)).unwrap()), theirs);
    assert_eq!(holding_the_secret(s.dir.path()), Vec::<PathBuf>::new());
    assert!(fs::read(sealed(&s)).unwrap().starts_with(b"age-encryption.org/v1\n"), "still encrypted");
    assert!(s.ok(&["list"]).contains("Ask Kim"));
    // Undoing the fold puts the copy back beside the ladder, encrypted, where the next sync folds it in again.
    let undone = s.ok(&["undo"]);
    assert_eq!(
        undone,
        format!(
            "Undone: folded in the conflict copy {copy}.\nIt took out what the copy had brought in: 1 rung.\n\
             The copy is back beside the ladder as {kept}; `ladder sync` folds it in again.\n"
        )
    );
    assert!(!s.ok(&["list"]).contains("Ask Kim"));
    assert_eq!(decrypt(&s, &fs::read(s.path(kept)).unwrap()), theirs);
    assert!(!s.path("ladder-merged").join(kept).exists());
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: folded the conflict copy {kept} into {into} and moved it to {dir}\n\
             ladder: no version both devices had is in the undo history, so every entry of either was kept (a rung \
             removed on one device comes back)\n"
        )
    );
    assert!(s.ok(&["list"]).contains("Ask Kim"));
    assert_eq!(holding_the_secret(s.dir.path()), Vec::<PathBuf>::new());
}

/// A recipients file lost (a sync that skipped it, a hand slip) is said plainly, with how to put it back, and
/// nothing is changed: never taken for a passphrase ladder.
#[test]
fn a_missing_recipients_file_is_said_plainly_and_nothing_is_changed() {
    let (s, _) = encrypted();
    let keys = s.path("ladder.toml.age-recipients");
    fs::remove_file(&keys).unwrap();
    let before = fs::read(sealed(&s)).unwrap();
    let keys = keys.display().to_string();
    let said = format!(
        "{keys} is missing: each change to the encrypted ladder is encrypted to the keys in it; put it back (for \
         your own key: `age-keygen -y IDENTITY > {keys}`); nothing was changed"
    );
    assert_eq!(s.fails(&["done", "1"], 2), format!("ladder: {said}\n"));
    assert_eq!(fs::read(sealed(&s)).unwrap(), before);
}

/// Whoever holds the synced folder could add their key to the recipients file: every change would then be
/// readable by them. A key this device has not confirmed stops every change, in one line naming it and the command
/// that confirms it; commands that only read go on, and say it once.
#[test]
fn a_key_added_to_the_recipients_file_stops_changes_until_it_is_confirmed() {
    let (s, public) = encrypted();
    s.ok(&["done", "1"]);
    let keys = s.path("ladder.toml.age-recipients");
    let (other_identity, someone_else) = key();
    let text = fs::read_to_string(&keys).unwrap();
    fs::write(&keys, format!("{text}{someone_else}\n")).unwrap();
    let before = fs::read(sealed(&s)).unwrap();
    let short: String = someone_else.chars().take(24).collect();
    let file = keys.display();
    let refused = format!(
        "ladder: {file} holds a key this device has not confirmed ({short}\u{2026}), so ladder will not encrypt your \
         records to it: if you added it, `ladder encrypt --confirm-keys` confirms it; if not, remove it from that \
         file; nothing was changed\n"
    );
    for args in [&["done", "1"][..], &["add", "Ask Kim", "--stakes", "20"], &["undo"], &["edit-file"]] {
        assert_eq!(s.fails(args, 2), refused, "{args:?}");
        assert_eq!(fs::read(sealed(&s)).unwrap(), before, "{args:?} changed nothing");
    }
    // A conflict copy is not folded in, by `sync` or by a change, while the key stands.
    let copy = "ladder.toml.sync-conflict-20261121-120000-PHONE12.age";
    fs::write(s.path(copy), seal_to(&public, &plain())).unwrap();
    assert_eq!(s.fails(&["sync"], 2), refused);
    assert!(s.path(copy).exists());
    fs::remove_file(s.path(copy)).unwrap();
    // git's merge driver, writing the merge of three encrypted sides for the ladder, refuses too.
    let sides = s.path("sides");
    fs::create_dir_all(&sides).unwrap();
    for side in ["base", "ours", "theirs"] {
        fs::write(sides.join(side), &before).unwrap();
    }
    let side = |name: &str| sides.join(name).display().to_string();
    let ladder = sealed(&s).display().to_string();
    assert_eq!(s.fails(&["merge", &side("base"), &side("ours"), &side("theirs"), &ladder], 2), refused);
    assert_eq!(fs::read(sides.join("ours")).unwrap(), before);
    // Commands that only read go on, and say it once.
    let out = s.ladder(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: {file} holds a key this device has not confirmed ({short}\u{2026}): changes are refused until you \
             confirm it (`ladder encrypt --confirm-keys`) or remove it from that file\n"
        )
    );
    let again = s.ladder(&["next", "-q"]).output().unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), "ask Zanzibar-unique-ask\n");
    assert_eq!(String::from_utf8(again.stderr).unwrap(), "", "said once");
    // Confirmed, the change goes through, encrypted to the new key too.
    assert_eq!(
        s.ok(&["encrypt", "--confirm-keys"]),
        format!("Confirmed the key {short}\u{2026} in {file}: each change is encrypted to it from now on.\n")
    );
    assert_eq!(
        s.ok(&["encrypt", "--confirm-keys"]),
        format!("Every key in {file} was confirmed already; nothing was changed.\n")
    );
    let out = s.ladder(&["done", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    let theirs: age::x25519::Identity = other_identity.trim().parse().unwrap();
    assert!(age::decrypt(&theirs, &fs::read(sealed(&s)).unwrap()).is_ok(), "the confirmed key opens it");
}

/// A key taken out of the recipients file and put back needs confirming again; the first `encrypt` of a ladder
/// (after a `decrypt`, to another key) is never stopped: the keys it is given are confirmed.
#[test]
fn a_key_put_back_needs_confirming_and_encrypt_itself_is_never_stopped() {
    let (s, _) = encrypted();
    let keys = s.path("ladder.toml.age-recipients");
    let (_, someone_else) = key();
    let text = fs::read_to_string(&keys).unwrap();
    fs::write(&keys, format!("{text}{someone_else}\n")).unwrap();
    s.ok(&["encrypt", "--confirm-keys"]);
    s.ok(&["done", "1"]);
    fs::write(&keys, &text).unwrap();
    s.ok(&["done", "1"]);
    fs::write(&keys, format!("{text}{someone_else}\n")).unwrap();
    assert!(s.fails(&["done", "1"], 2).contains(" holds a key this device has not confirmed ("));
    fs::write(&keys, &text).unwrap();
    s.ok(&["decrypt"]);
    let (identity, public) = key();
    fs::write(identity_file(&s), format!("{identity}\n")).unwrap();
    s.ok(&["encrypt", "--recipient", &public]);
    s.ok(&["done", "1"]);
    assert_eq!(
        s.fails(&["encrypt", "--confirm-keys", "--recipient", &public], 2).lines().next().unwrap_or_default(),
        "ladder: --confirm-keys and --recipient cannot be used together"
    );
}

/// An encrypted ladder or export is imported as every command reads an encrypted ladder: with the identity, in
/// memory; one another key opens is refused in one line, nothing changed.
#[test]
fn import_reads_an_encrypted_ladder_or_export_with_the_identity() {
    let (s, public) = encrypted();
    let other = plain().replace("ask Zanzibar-unique-ask", "Ask Kim for a coffee").replace("rungone001", "kimrung001");
    fs::write(s.path("other.toml.age"), seal_to(&public, &other)).unwrap();
    let said = s.ok(&["import", "other.toml.age"]);
    assert_eq!(
        said,
        "Imported 1 rung from other.toml.age, as one change (`ladder undo` takes it all back):\n  \
           rung 1: #2 Ask Kim for a coffee (30), at the top, above #1 \u{201c}ask Zanzibar-unique-ask\u{201d} (30)\n"
    );
    assert!(s.ok(&["list"]).contains("Ask Kim for a coffee"));
    let (_, someone_else) = key();
    fs::write(s.path("theirs.json.age"), seal_to(&someone_else, "[]")).unwrap();
    let before = fs::read(sealed(&s)).unwrap();
    assert_eq!(
        s.fails(&["import", "theirs.json.age"], 2),
        format!(
            "ladder: theirs.json.age is not encrypted to the key in {} (another person's or device's key?); nothing \
             was changed\n",
            identity_file(&s).display()
        )
    );
    assert_eq!(fs::read(sealed(&s)).unwrap(), before);
    assert_eq!(holding_the_secret(s.dir.path()), Vec::<PathBuf>::new());
}

/// `ladder undo` killed at any instant (`LADDER_TEST_ABORT` ends it as `kill -9` would, at a named step) leaves the
/// ladder and its history as they were, or as the undo leaves them: never a record of a change already taken back,
/// which made the ladder read as edited by hand.
#[test]
fn undo_killed_at_any_step_leaves_the_old_state_or_the_new_one() {
    for sealed_ladder in [true, false] {
        for step in ["undo-noted", "undo-written", "undo-forgetting", "undo-forgot"] {
            let s = if sealed_ladder { encrypted().0 } else { Sandbox::with(&plain()) };
            let ladder = if sealed_ladder { sealed(&s) } else { s.file() };
            s.ok(&["done", "1"]);
            s.ok(&["done", "1", "--outcome", "no"]);
            s.ok(&["add", "Ask Jo for a lift", "--stakes", "40"]);
            let out = s.ladder(&["undo", "2"]).env("LADDER_TEST_ABORT", step).output().unwrap();
            assert_eq!(out.status.code(), None, "{step}: killed");
            let history = s.ok(&["history"]);
            let list = s.ok(&["list"]);
            let at = format!("{step}, encrypted: {sealed_ladder}");
            if step == "undo-noted" {
                assert_eq!(
                    history,
                    "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
                     1  2026-11-22 18:30  added rung 2\n  \
                     2  2026-11-22 18:30  recorded attempt 2 on rung 1\n  \
                     3  2026-11-22 18:30  recorded attempt 1 on rung 1\n",
                    "{at}"
                );
                assert!(list.contains("Ask Jo"), "{at}");
                assert_eq!(s.ok(&["undo", "2"]), "Undone: added rung 2.\nUndone: recorded attempt 2 on rung 1.\n");
            } else {
                assert_eq!(
                    history,
                    "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
                     1  2026-11-22 18:30  recorded attempt 1 on rung 1\n",
                    "{at}"
                );
                assert!(!list.contains("Ask Jo"), "{at}");
            }
            assert_eq!(s.ok(&["undo"]), "Undone: recorded attempt 1 on rung 1.\n", "{at}");
            assert_eq!(
                s.fails(&["undo"], 2),
                format!("ladder: nothing to undo: ladder has no record of a change to {}\n", ladder.display()),
                "{at}"
            );
        }
    }
}

/// A passphrase ladder keeps its undo history too, encrypted to a key of its own whose secret is encrypted with the
/// passphrase: `history` and `undo` work, and nothing plain is left in the state folder.
#[test]
fn a_passphrase_ladder_keeps_an_encrypted_undo_history() {
    let s = Sandbox::new();
    with_passphrase(&s, &plain());
    let Some((code, said)) = on_a_terminal(&s, &["--color", "never", "done", "1"], "correct horse\n") else { return };
    assert_eq!(code, 0, "{said}");
    let (code, said) =
        on_a_terminal(&s, &["add", "Ask Jo Zanzibar-unique-ask", "--stakes", "40"], "correct horse\n").unwrap();
    assert_eq!(code, 0, "{said}");
    assert_eq!(holding_the_secret(s.dir.path()), Vec::<PathBuf>::new());
    let state = s.path("home").join("state").join("ladder");
    let undo_dir =
        fs::read_dir(&state).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with("undo-"));
    let undo_dir = undo_dir.expect("an undo history").path();
    let mut names: Vec<String> =
        fs::read_dir(&undo_dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["0000000001.undo", "0000000002.undo", "key.pub", "key.secret", "latest.at", "latest.toml"]);
    for name in ["0000000001.undo", "0000000002.undo", "key.secret", "latest.at", "latest.toml"] {
        assert!(fs::read(undo_dir.join(name)).unwrap().starts_with(b"age-encryption.org/v1\n"), "{name}");
    }
    // The history's own key is encrypted with the passphrase, and opens with it.
    let identity = age::scrypt::Identity::new("correct horse".to_string().into());
    let secret = age::decrypt(&identity, &fs::read(undo_dir.join("key.secret")).unwrap()).unwrap();
    assert!(secret.starts_with(b"AGE-SECRET-KEY-1"));
    let (code, said) = on_a_terminal(&s, &["--color", "never", "history"], "correct horse\n").unwrap();
    assert_eq!(code, 0, "{said}");
    assert!(
        said.ends_with(
            "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
             1  2026-11-22 18:30  added rung 2\n  \
             2  2026-11-22 18:30  recorded attempt 1 on rung 1\n"
        ),
        "{said}"
    );
    let (code, said) = on_a_terminal(&s, &["--color", "never", "undo", "2"], "correct horse\n").unwrap();
    assert_eq!(code, 0, "{said}");
    assert!(said.ends_with("Undone: added rung 2.\nUndone: recorded attempt 1 on rung 1.\n"), "{said}");
    let text = String::from_utf8(age::decrypt(&identity, &fs::read(sealed(&s)).unwrap()).unwrap()).unwrap();
    assert_eq!(text, plain());
    assert_eq!(holding_the_secret(s.dir.path()), Vec::<PathBuf>::new());
}

/// A second plain copy of the same name is kept beside the first, numbered, and named as it is kept.
#[test]
fn a_second_plain_copy_of_the_same_name_is_named_as_it_is_kept() {
    let (s, _) = encrypted();
    let copy = "ladder.sync-conflict-20261121-120000-PHONE12.toml";
    let kept = "ladder.toml.sync-conflict-20261121-120000-PHONE12.age";
    let mut said = Vec::new();
    for (id, ask) in [(2, "Ask Kim"), (3, "Ask Lee")] {
        let theirs = plain() + &Fixture::new().rung(id, ask, 50).uid(&format!("phonerung{id}")).text();
        fs::write(s.path(copy), &theirs).unwrap();
        let out = s.ladder(&["sync"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8(out.stderr).unwrap();
        said.extend(err.lines().filter(|line| line.contains(" was plain text")).map(str::to_string));
    }
    let named = |kept: &str| {
        format!(
            "ladder: the conflict copy {copy} was plain text: it is now kept encrypted, as {kept}, and the plain one \
             is removed"
        )
    };
    assert_eq!(said, [named(kept), named(&format!("{kept}.1"))]);
    assert!(s.path("ladder-merged").join(format!("{kept}.1")).exists());
}
