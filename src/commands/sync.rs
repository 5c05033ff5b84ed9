//! `ladder merge`, `ladder conflicts` and `ladder sync`: one ladder on several devices.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::Ctx;
use crate::cli::{ConflictsArgs, MergeArgs};
use crate::error::{Context, Doing, Error, Merge, Result, Side};
use crate::file::merge;
use crate::model::{Change, Conflict};
use crate::output::say;
use crate::rules::merge::MERGES;
use crate::store::{self, Session};

/// The merge driver git runs: `%O %A %B`.
const DRIVER: &str = "ladder merge %O %A %B";
/// The merge driver for an encrypted ladder: `%P`, its path, says where its recipients file is.
const SEALED_DRIVER: &str = "ladder merge %O %A %B %P";
/// What git runs to show an encrypted ladder's changes as text (`git diff`, `git log -p`).
const TEXTCONV: &str = "ladder show-plain";

/// `ladder merge BASE OURS THEIRS`. Each file is read only when it is a regular file (a FIFO, a device or a
/// folder is refused, as by every command). A missing BASE is an empty one, as git's is when both sides
/// added the file; a BASE that cannot be read, or does not read as a ladder, is refused: read as empty, it
/// would undo our own edits and bring back what was removed. When OURS is the ladder itself, the merge is a
/// change like any other: it holds the lock, and `ladder undo` takes it back.
///
/// Encrypted copies (age files, whatever their names) are decrypted in memory, and the merge is encrypted
/// again, to the keys in `PATH-recipients` (git's `%P`), else to the ladder's, when any of them was.
pub fn merge(ctx: &Ctx, args: &MergeArgs) -> Result<ExitCode> {
    let (base, ours, theirs) = (args.base.as_path(), args.ours.as_path(), args.theirs.as_path());
    let path = args.path.as_deref();
    let (base_text, base_sealed) = store::read_any(base)?.unwrap_or_default();
    let (their_text, their_sealed) = side(theirs)?;
    // "the base does not read as a ladder: …", with the file it is about.
    let named = |why: Merge| {
        let path = match &why {
            Merge::Side(Side::Base, _) => Some(base),
            Merge::Side(Side::Ours, _) => Some(ours),
            Merge::Side(Side::Theirs, _) => Some(theirs),
            _ => None,
        };
        match path {
            Some(path) => Error::said(say::merge_refused(path, &why.to_string())),
            None => Error::said(why.to_string()),
        }
    };
    // The IDs that moved are noted in the file, so that for a while a command given an old one asks which is meant.
    let today = ctx.now.date_naive();
    // The merged text is taken, not copied: on two 100k ladders each copy of a text is 58 MB.
    let noted = |merged: &mut merge::MergedText| {
        let text = std::mem::take(&mut merged.text);
        if merged.moved.is_empty() {
            return text;
        }
        crate::file::edit::note_moved(&text, &crate::model::merged::moved_ids(&merged.moved, today)).unwrap_or(text)
    };
    // The base and theirs are handed over, to be freed as soon as the merge has read them.
    let merged = if store::same_file(ours, &ctx.location.path) {
        let session = Session::open_only(&ctx.location, ctx.now)?;
        let our_text = session.raw().ok_or_else(|| Error::said(say::cannot_read(ours)))?;
        let mut merged = merge::merge_owned(base_text, our_text, their_text, MERGES).map_err(named)?;
        session.write(&noted(&mut merged), &say::change::merged_in(theirs))?;
        merged
    } else {
        let (our_text, our_sealed) = side(ours)?;
        let mut merged = merge::merge_owned(base_text, &our_text, their_text, MERGES).map_err(named)?;
        drop(our_text);
        let text = noted(&mut merged);
        if base_sealed || our_sealed || their_sealed {
            let ladder = match path {
                Some(path) => path.to_path_buf(),
                None if store::crypt::is_sealed_path(&ctx.location.path) => ctx.location.path.clone(),
                None => return Err(Error::said(say::merge_to_whom(ours))),
            };
            store::write_private(ours, &store::crypt::seal_ladder(&ladder, text.as_bytes())?)?;
        } else {
            store::write_private(ours, text.as_bytes())?;
        }
        merged
    };
    // What the merge did, said once it is saved; a notice that cannot be printed costs nothing.
    for moved in &merged.moved {
        crate::output::note(&super::moved_line(moved));
    }
    for d in &merged.dropped {
        crate::output::note(&crate::output::render::notice::dropped(d.what, d.id, d.made, d.thanked, d.changed));
    }
    if merged.new_conflicts > 0 {
        crate::output::note(&say::merge_conflicts(merged.new_conflicts));
    }
    Ok(ExitCode::SUCCESS)
}

/// The text of OURS or THEIRS, which must be there, and whether it was encrypted.
fn side(path: &Path) -> Result<(String, bool)> {
    store::read_any(path)?.ok_or_else(|| Error::said(say::no_such_side(path)))
}

pub fn conflicts(ctx: &mut Ctx, args: &ConflictsArgs) -> Result<ExitCode> {
    if args.clear {
        let session = Session::open(&ctx.location, ctx.now)?;
        // A copy folded in now could set values aside that nobody has seen yet: look first, then clear.
        if session.folding() {
            return Err(Error::said(say::CLEAR_AFTER_SYNC));
        }
        let n = session.ladder().conflicts.len();
        if n == 0 {
            super::prose(ctx, say::NO_CONFLICTS_TO_CLEAR)?;
            return Ok(ExitCode::SUCCESS);
        }
        session.commit(&[Change::ClearConflicts], &say::change::cleared_conflicts(n))?;
        super::prose(ctx, &say::conflicts_cleared(n))?;
        return Ok(ExitCode::SUCCESS);
    }
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let open = crate::rules::merge::conflicts_now(&ladder);
    let copies = store::waiting_copies(&ctx.location);
    if copies.is_empty() {
        super::prose(ctx, &say::conflicts(&ladder, &open))?;
        return Ok(ExitCode::SUCCESS);
    }
    // A copy waits: fold it in memory, as the next change will (nothing is saved), to say what it will set aside.
    let session = Session::open(&ctx.location, ctx.now)?;
    let folded = session.ladder();
    let coming: Vec<&Conflict> = if session.folding() {
        folded.conflicts.iter().filter(|c| c.sets_aside_something() && !ladder.conflicts.contains(c)).collect()
    } else {
        Vec::new()
    };
    let name = |c: &Path| c.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let names: Vec<String> = copies.iter().map(|c| name(c)).collect();
    let folds: Vec<String> = session.folded_copies().into_iter().map(name).collect();
    let said = say::conflicts_with_copies(&ladder, &open, folded, &coming, &names, &folds);
    drop(session);
    super::prose(ctx, &said)?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder sync`: folds the conflict copies beside the ladder into it.
pub fn fold(ctx: &mut Ctx) -> Result<ExitCode> {
    let folded = Session::open(&ctx.location, ctx.now)?.finish()?;
    if folded == 0 && !store::waiting_copies(&ctx.location).is_empty() {
        // Each copy left where it is was named, with why, as it was found.
        return Err(Error::said(say::NOTHING_FOLDED));
    }
    if folded == 0 {
        let dir = ctx.location.path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        super::prose(ctx, &say::nothing_to_fold(dir))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn setup(ctx: &mut Ctx) -> Result<ExitCode> {
    let file = &ctx.location.path.clone();
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).doing_with(|| Doing::Said(say::not_in_git(file)))?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let name = file.file_name().ok_or_else(|| Error::said(say::NO_FILE_NAME))?;
    let canonical_dir = fs::canonicalize(&dir).doing_with(|| Doing::Said(say::cannot_find(&dir)))?;
    let canonical_top = fs::canonicalize(&top).doing_with(|| Doing::Said(say::cannot_find(&top)))?;
    let relative = canonical_dir.strip_prefix(&canonical_top).unwrap_or(Path::new("")).join(name);
    let pattern =
        attribute_pattern(&relative).map_err(|why| Error::said(say::unnameable(&relative.to_string_lossy(), why)))?;
    let sealed = store::crypt::is_sealed_path(file);
    // An encrypted ladder's changes are shown as text by `ladder show-plain`.
    let line = if sealed { format!("{pattern} merge=ladder diff=ladder") } else { format!("{pattern} merge=ladder") };
    let driver = if sealed { SEALED_DRIVER } else { DRIVER };

    let attributes = canonical_top.join(".gitattributes");
    let existing = match fs::read_to_string(&attributes) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).doing_with(|| Doing::Said(say::cannot_read(&attributes))),
    };
    let already = existing.as_deref().is_some_and(|text| text.lines().any(|l| l.trim() == line));
    if !already {
        let text = existing.as_deref().unwrap_or("");
        let gap = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&attributes)
            .doing_with(|| Doing::Said(say::cannot_write(&attributes)))?;
        file.write_all(format!("{gap}{line}\n").as_bytes())
            .doing_with(|| Doing::Said(say::cannot_write(&attributes)))?;
    }
    // Git itself says whether the line names the ladder: another line (here or in .git/info/attributes) can
    // set `merge` for it otherwise.
    let merges_with = git(&canonical_top, &["check-attr", "-z", "merge", "--", &relative.to_string_lossy()])
        .map(|said| said.split('\0').nth(2).unwrap_or_default().to_string());
    if merges_with.as_deref().ok() != Some("ladder") {
        if !already {
            // Put back .gitattributes as it was: nothing was changed.
            let restored = match &existing {
                Some(text) => fs::write(&attributes, text),
                None => fs::remove_file(&attributes),
            };
            restored.doing_with(|| Doing::Said(say::cannot_put_back(&attributes)))?;
        }
        return Err(Error::said(say::git_would_not_merge(
            &relative.to_string_lossy(),
            merges_with.as_deref().ok(),
            already,
        )));
    }
    super::say(ctx, &say::attributes(&attributes, &line, already))?;

    let name = [("merge.ladder.name", "ladder: merges the ladder file")];
    let already = set_config(&canonical_top, "merge.ladder.driver", driver, &name)?;
    super::say(ctx, &say::driver(driver, already))?;
    if sealed {
        let already = set_config(&canonical_top, "diff.ladder.textconv", TEXTCONV, &[])?;
        super::say(ctx, &say::textconv(TEXTCONV, already))?;
        let keys = store::crypt::recipients_path(file);
        // Said only while git does not track it yet: a clone of a set-up repository has it already.
        let tracked = keys.canonicalize().is_ok_and(|keys| {
            git(&canonical_top, &["ls-files", "--error-unmatch", "--", &keys.to_string_lossy()]).is_ok()
        });
        if keys.exists() && !tracked {
            super::prose(ctx, &say::commit_keys(&keys.file_name().unwrap_or_default().to_string_lossy()))?;
        }
    }
    super::prose(ctx, say::EACH_CLONE)?;
    Ok(ExitCode::SUCCESS)
}

/// The `.gitattributes` pattern that matches the path `relative` (from the repository's top), and no other
/// name but one with a tab where it has a space; or why there is none. Git reads a line up to the first blank
/// and treats `[`, `]`, `*`, `?` and `\\` in it as a glob, a leading `#` as a comment and a leading `!` as a
/// negation: each of those is escaped with a backslash, and a space is written `[[:space:]]`, which any git
/// reads (a quoted pattern only newer ones do).
fn attribute_pattern(relative: &Path) -> Result<String, &'static str> {
    let mut pattern = String::new();
    for (n, part) in relative.components().enumerate() {
        let part = part.as_os_str().to_str().ok_or("is not UTF-8 text")?;
        if n > 0 {
            pattern.push('/');
        }
        for c in part.chars() {
            match c {
                ' ' => pattern.push_str("[[:space:]]"),
                c if c.is_control() => return Err("holds a control character (a tab or a line break)"),
                '[' | ']' | '*' | '?' | '\\' | '#' | '!' | '"' => {
                    pattern.push('\\');
                    pattern.push(c);
                }
                c => pattern.push(c),
            }
        }
    }
    Ok(pattern)
}

/// Sets `key` to `value` in the repository's own config at `top`, with the settings `along` that go with it,
/// unless it is set so already; returns whether it was.
fn set_config(top: &Path, key: &str, value: &str, along: &[(&str, &str)]) -> Result<bool> {
    let current = git(top, &["config", "--local", "--get", key]).unwrap_or_default();
    if current.trim_end() == value {
        return Ok(true);
    }
    for (key, value) in along.iter().chain([&(key, value)]) {
        git(top, &["config", "--local", key, value])?;
    }
    Ok(false)
}

/// Runs git in `dir` and returns what it printed, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .doing(Doing::Said(say::CANNOT_RUN_GIT.to_string()))?;
    if !out.status.success() {
        return Err(Error::said(say::git_failed(args, &String::from_utf8_lossy(&out.stderr))));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
