//! Conflict copies a file-sync tool leaves beside the ladder when two devices changed it before seeing each
//! other: Syncthing's `ladder.sync-conflict-<when>-<device>.toml`, Dropbox's `ladder (Sam's conflicted copy
//! 2026-11-22).toml`, Nextcloud's `ladder (conflicted copy 2026-11-22 183000).toml`. They are merged into the
//! ladder (three-way, from a version both devices had found in the undo history, see `descends`; with none, a
//! union by uid), then moved into `ladder-merged/` beside it, never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::{format, parent};
use crate::error::{Context, Doing, Error, Result, Store};
use crate::model::{Attempt, Conflict, Gift, Hesitation, Ladder, Rung, Settings};
use crate::store::private;

/// The folder beside the ladder that folded copies are moved into.
pub const MERGED_DIR: &str = "ladder-merged";

/// The conflict copies of `target` in its folder, in name order (oldest first, for Syncthing's names).
pub fn find(target: &Path) -> Vec<PathBuf> {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else { return Vec::new() };
    // Beside an encrypted ladder, a plain copy too: a device that had not encrypted yet wrote it, and what it
    // holds is folded in (and encrypted with the ladder) rather than passed over without a word.
    let plain = super::crypt::is_sealed_path(target).then(|| super::crypt::plain_path(target));
    let plain = plain.as_deref().and_then(Path::file_name).and_then(|n| n.to_str());
    let Ok(entries) = fs::read_dir(parent(target)) else { return Vec::new() };
    let mut copies: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|file| is_copy_of(name, file) || plain.is_some_and(|p| is_copy_of(p, file)))
        })
        .map(|e| e.path())
        .collect();
    copies.sort();
    copies
}

/// Whether `file` is a conflict copy of the file called `name`.
fn is_copy_of(name: &str, file: &str) -> bool {
    let (stem, ext) = match name.rfind('.').filter(|&i| i > 0) {
        Some(i) => name.split_at(i),
        None => (name, ""),
    };
    let Some(middle) = file.strip_prefix(stem).and_then(|rest| rest.strip_suffix(ext)) else { return false };
    let syncthing = middle.strip_prefix(".sync-conflict-").is_some_and(|m| !m.is_empty());
    let conflicted = middle.starts_with(" (") && middle.ends_with(')') && middle.contains("conflicted copy");
    syncthing || conflicted
}

/// The ladder that the file at `path` is a conflict copy of, when its name is a conflict copy's and that ladder
/// is beside it.
pub fn original_of(path: &Path) -> Option<PathBuf> {
    let file = path.file_name()?.to_str()?;
    let dir = parent(path);
    let mut candidates = Vec::new();
    // Syncthing: `STEM.sync-conflict-WHEN-DEVICE.EXT`, the extension (if any) after the last dot.
    if let Some(at) = file.find(".sync-conflict-") {
        let (stem, rest) = file.split_at(at);
        if let Some(dot) = rest.rfind('.').filter(|&d| d > 0) {
            candidates.push(format!("{stem}{}", &rest[dot..]));
        }
        candidates.push(stem.to_string());
    }
    // Dropbox and Nextcloud: `STEM (… conflicted copy …).EXT`.
    for (at, _) in file.match_indices(" (") {
        let (stem, rest) = file.split_at(at);
        if let Some(close) = rest.rfind(')') {
            candidates.push(format!("{stem}{}", &rest[close + 1..]));
        }
    }
    candidates
        .into_iter()
        .filter(|name| !name.is_empty() && is_copy_of(name, file))
        .map(|name| dir.join(name))
        .find(|original| fs::metadata(original).is_ok_and(|m| m.is_file()))
}

/// Why folded copies cannot be put away beside `target` now, in words; `None` when they can. Only a real folder
/// of the user's own is used (or one `put_away` will make): never a symlink, which could lead the copies out of
/// the synced folder, nor a file, nor a folder others can change.
pub fn why_not_put_away(target: &Path) -> Option<Error> {
    let dir = parent(target).join(MERGED_DIR);
    match fs::symlink_metadata(&dir) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        _ => private::why_not_private(&dir),
    }
}

/// Moves a folded copy into `ladder-merged/` beside the ladder, under a name not yet taken there.
pub fn put_away(target: &Path, copy: &Path) -> Result<(PathBuf, String)> {
    let dir = parent(target).join(MERGED_DIR);
    private::create_private_dir(&dir).doing_with(|| Doing::Create(dir.clone()))?;
    // Checked again just before the move: a folder that became a symlink meanwhile is not followed.
    if let Some(why) = private::why_not_private(&dir) {
        return Err(why);
    }
    if fs::symlink_metadata(copy).is_err() {
        return Err(Store::CopyGone.into());
    }
    let name = copy.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A plain copy of an encrypted ladder (left by a device that had not encrypted yet) is kept encrypted, to the
    // ladder's keys, under the name of an encrypted copy: put back by an undo, it folds in again.
    let seal = super::crypt::is_sealed_path(target) && !super::crypt::is_sealed_path(copy);
    let kept = if seal { sealed_copy_name(target, &name).unwrap_or_else(|| format!("{name}.age")) } else { name };
    let mut destination = dir.join(&kept);
    let mut n = 1;
    while fs::symlink_metadata(&destination).is_ok() {
        destination = dir.join(format!("{kept}.{n}"));
        n += 1;
    }
    if seal {
        seal_into(target, copy, &destination)?;
    } else {
        fs::rename(copy, &destination)?;
    }
    Ok((destination, kept))
}

/// The name of an encrypted conflict copy of the encrypted ladder at `target` for the plain copy `name` of its plain
/// form: `ladder.sync-conflict-X.toml` becomes `ladder.toml.sync-conflict-X.age`, as Syncthing names a copy of
/// `ladder.toml.age`.
fn sealed_copy_name(target: &Path, name: &str) -> Option<String> {
    let sealed = target.file_name()?.to_str()?;
    let plain = super::crypt::plain_path(target);
    let plain = plain.file_name()?.to_str()?;
    let split = |n: &str| match n.rfind('.').filter(|&i| i > 0) {
        Some(i) => (n[..i].to_string(), n[i..].to_string()),
        None => (n.to_string(), String::new()),
    };
    let (stem, ext) = split(plain);
    let middle = name.strip_prefix(stem.as_str())?.strip_suffix(ext.as_str())?;
    let (sealed_stem, sealed_ext) = split(sealed);
    let kept = format!("{sealed_stem}{middle}{sealed_ext}");
    is_copy_of(sealed, &kept).then_some(kept)
}

/// Writes the plain copy at `copy` encrypted to the keys of the encrypted ladder at `target`, as `destination`
/// (which must not be there), then removes the plain copy.
fn seal_into(target: &Path, copy: &Path, destination: &Path) -> Result<()> {
    let plain = private::read_regular(copy, None)?;
    let sealed = super::crypt::seal(target, &plain)?;
    let dir = parent(destination);
    let mut temp = tempfile::Builder::new().prefix(".ladder-").suffix(".tmp").tempfile_in(dir)?;
    std::io::Write::write_all(&mut temp, &sealed)?;
    temp.as_file().sync_data()?;
    temp.persist_noclobber(destination).map_err(|err| err.error)?;
    fs::remove_file(copy)?;
    let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

/// Moves a folded copy back from `ladder-merged/` (where it is `moved`) to its own `name` beside `target`, unless
/// a file of that name is there already. Returns where the copy is now.
pub fn put_back(target: &Path, name: &str, moved: &str) -> Result<PathBuf, PathBuf> {
    let from = parent(target).join(MERGED_DIR).join(moved);
    let to = parent(target).join(name);
    if fs::symlink_metadata(&to).is_ok() || !fs::symlink_metadata(&from).is_ok_and(|m| m.is_file()) {
        return Err(from);
    }
    fs::rename(&from, &to).map(|()| to).map_err(|_| from)
}

/// What the versions of the ladder older than one (in the undo history) held: each entry's values by uid
/// (each value once, in a row), the settings, and the `[[conflict]]` tables. Gathered oldest first, a version at
/// a time (`add`), so that each version is checked against every version before it in one walk.
#[derive(Default)]
pub struct Older<'a> {
    rungs: HashMap<&'a str, Vec<&'a Rung>>,
    attempts: HashMap<&'a str, Vec<&'a Attempt>>,
    hesitations: HashMap<&'a str, Vec<&'a Hesitation>>,
    gifts: HashMap<&'a str, Vec<&'a Gift>>,
    settings: Vec<&'a Settings>,
    conflicts: BTreeSet<&'a Conflict>,
}

impl<'a> Older<'a> {
    /// Adds `version`, the next newer one.
    pub fn add(&mut self, version: &'a Ladder) {
        fn values<'a, T: PartialEq>(seen: &mut HashMap<&'a str, Vec<&'a T>>, items: &'a [T], uid: fn(&T) -> &String) {
            for item in items {
                let values = seen.entry(uid(item).as_str()).or_default();
                if values.last().is_none_or(|last| *last != item) {
                    values.push(item);
                }
            }
        }
        values(&mut self.rungs, &version.rungs, |r| &r.uid);
        values(&mut self.attempts, &version.attempts, |a| &a.uid);
        values(&mut self.hesitations, &version.hesitations, |h| &h.uid);
        values(&mut self.gifts, &version.gifts, |g| &g.uid);
        if self.settings.last().is_none_or(|last| **last != version.settings) {
            self.settings.push(&version.settings);
        }
        self.conflicts.extend(&version.conflicts);
    }
}

/// Whether `other` (a copy from another device) seems to descend from `version`, a version of the ladder this
/// device wrote, given what every version before it held (`older`, as far back as the undo history goes).
/// `other` must hold every entry `version` holds, but one it has forgotten since (entries otherwise leave a
/// ladder only with their rung), and nothing that says it was made before `version`: a value that differs from
/// `version`'s and is one an older version had, or an entry or a `[[conflict]]` an older version had and
/// `version` no longer has (removed or cleared here). Taking `version` as the base then would undo that change
/// without a word. A plan is the exception: recording the ask clears it, so a rung the other device asked
/// since `version` was made (`made`) may lack it.
pub fn descends(other: &Ladder, version: &Ladder, older: &Older, made: Option<DateTime<FixedOffset>>) -> bool {
    // A rung asked on the other device since `version` was made (it is made when its change was) had its plan
    // cleared there by that attempt: no plan there is no sign of being made before a plan set here.
    let asked: HashSet<u32> =
        other.attempts.iter().filter(|a| made.is_some_and(|made| a.at >= made)).map(|a| a.rung).collect();
    let rungs: Vec<Rung> = other
        .rungs
        .iter()
        .map(|their| match version.rungs.iter().find(|r| r.uid == their.uid) {
            Some(mine) if asked.contains(&their.id) => {
                Rung { planned: mine.planned, place: mine.place.clone(), ..their.clone() }
            }
            _ => their.clone(),
        })
        .collect();
    // A version that forgot an entry the other still knows of is newer than the other, however alike they are.
    let forgot: HashSet<&str> = other.forgotten.iter().map(|f| f.uid.as_str()).collect();
    let settings = |s: &Settings| serde_json::to_value(s).unwrap_or_default();
    let cleared = |c: &Conflict| older.conflicts.contains(c) && !version.conflicts.contains(c);
    !older.settings.iter().any(|old| stale(&other.settings, &version.settings, old, settings))
        && version.forgotten.iter().all(|f| forgot.contains(f.uid.as_str()))
        && !other.conflicts.iter().any(cleared)
        && kind((&rungs, &version.rungs, &older.rungs), |r| &r.uid, format::rungs::fields, &forgot)
        && kind((&other.attempts, &version.attempts, &older.attempts), |a| &a.uid, format::attempts::fields, &forgot)
        && kind(
            (&other.hesitations, &version.hesitations, &older.hesitations),
            |h| &h.uid,
            format::hesitations::fields,
            &forgot,
        )
        && kind((&other.gifts, &version.gifts, &older.gifts), |g| &g.uid, format::gifts::fields, &forgot)
}

/// `descends` for one kind of entry, recognised by uid.
fn kind<T: PartialEq>(
    (other, version, older): (&[T], &[T], &HashMap<&str, Vec<&T>>),
    uid: fn(&T) -> &String,
    fields: fn(&T) -> serde_json::Value,
    forgot: &HashSet<&str>,
) -> bool {
    let theirs: HashMap<&str, &T> = other.iter().map(|t| (uid(t).as_str(), t)).collect();
    let holds_all = version.iter().all(|mine| match theirs.get(uid(mine).as_str()) {
        None => forgot.contains(uid(mine).as_str()),
        Some(their) => {
            *their == mine
                || older
                    .get(uid(mine).as_str())
                    .is_none_or(|olds| !olds.iter().any(|old| stale(*their, mine, *old, fields)))
        }
    });
    // An entry an older version had and this one does not was removed here since: a copy still holding it was
    // made before. (Only looked for among the entries this version lacks: most are the other's new ones.)
    holds_all && {
        let mine: HashSet<&str> = version.iter().map(|m| uid(m).as_str()).collect();
        !theirs.keys().any(|key| !mine.contains(key) && older.contains_key(key))
    }
}

/// Whether `their` entry has, in a field where it differs from `mine`, the value `old` had: it was made before
/// `mine`'s change to that field.
fn stale<T: PartialEq>(their: &T, mine: &T, old: &T, value: impl Fn(&T) -> serde_json::Value) -> bool {
    if their == mine {
        return false;
    }
    let fields = |t: &T| match value(t) {
        serde_json::Value::Object(fields) => fields,
        _ => serde_json::Map::new(),
    };
    let (their, mine, old) = (fields(their), fields(mine), fields(old));
    let none = serde_json::Value::Null;
    their.keys().chain(mine.keys()).any(|key| {
        let value = |fields: &serde_json::Map<String, serde_json::Value>| fields.get(key).unwrap_or(&none).clone();
        value(&their) != value(&mine) && value(&their) == value(&old)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copies_of_syncthing_dropbox_and_nextcloud_are_known_by_name() {
        for copy in [
            "ladder.sync-conflict-20261122-183000-ABCDEFG.toml",
            "ladder (Sam's conflicted copy 2026-11-22).toml",
            "ladder (conflicted copy 2026-11-22 183000).toml",
        ] {
            assert!(is_copy_of("ladder.toml", copy), "{copy}");
        }
        for other in [
            "ladder.toml",
            "ladder.sync-conflict-.toml",
            "other.sync-conflict-20261122-183000-ABCDEFG.toml",
            "ladder (copy).toml",
            "ladder.sync-conflict-20261122-183000-ABCDEFG.toml.tmp",
            "ladder2 (conflicted copy 2026-11-22).toml",
        ] {
            assert!(!is_copy_of("ladder.toml", other), "{other}");
        }
        assert!(is_copy_of("ladder", "ladder.sync-conflict-20261122-183000-ABCDEFG"));
    }

    #[test]
    fn a_copy_names_the_ladder_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let ladder = dir.path().join("ladder.toml");
        let copies = [
            "ladder.sync-conflict-20261122-183000-ABCDEFG.toml",
            "ladder (Sam's conflicted copy 2026-11-22).toml",
            "ladder (conflicted copy 2026-11-22 183000).toml",
        ];
        for copy in copies {
            assert_eq!(original_of(&dir.path().join(copy)), None, "no ladder beside it yet");
        }
        fs::write(&ladder, "").unwrap();
        for copy in copies {
            assert_eq!(original_of(&dir.path().join(copy)), Some(ladder.clone()), "{copy}");
        }
        assert_eq!(original_of(&ladder), None);
        assert_eq!(original_of(&dir.path().join("ladder (copy).toml")), None);
        fs::write(dir.path().join("plain"), "").unwrap();
        let bare = dir.path().join("plain.sync-conflict-20261122-183000-ABCDEFG");
        assert_eq!(original_of(&bare), Some(dir.path().join("plain")));
    }

    #[test]
    fn a_copy_descends_from_a_version_it_has_every_entry_of_and_no_older_value_than() {
        let ladder = |text: &str| Ladder::parse(&format!("version = 2\n{text}")).unwrap();
        let rung = |stakes: u8, plan: &str| {
            format!("[[rung]]\nid = 1\nuid = \"rungone001\"\nask = \"A\"\nstakes = {stakes}\n{plan}")
        };
        let attempt = |uid: &str, day: u8| {
            format!("[[attempt]]\nid = 1\nuid = \"{uid}\"\nrung = 1\nat = 2026-11-{day}T09:00:00+01:00\n")
        };
        let older = ladder(&rung(30, ""));
        let version = ladder(&rung(40, ""));
        let mut seen = Older::default();
        seen.add(&older);
        // Made from `version`, with an attempt of its own.
        assert!(descends(&ladder(&(rung(40, "") + &attempt("theirs0001", 22))), &version, &seen, None));
        // Made from `older`: the change to 40 would be undone without a word.
        assert!(!descends(&ladder(&(rung(30, "") + &attempt("theirs0001", 22))), &version, &seen, None));
        // A value of its own, neither 30 nor 40.
        assert!(descends(&ladder(&rung(45, "")), &version, &seen, None));
        // Without an entry `version` has, unless forgotten there since.
        let with_attempt = ladder(&(rung(40, "") + &attempt("mine000001", 21)));
        let mut seen_version = Older::default();
        seen_version.add(&version);
        assert!(!descends(&ladder(&rung(40, "")), &with_attempt, &seen_version, None));
        let forgotten = "[[forgotten]]\nuid = \"mine000001\"\non = 2026-11-22\n";
        assert!(descends(&ladder(&(rung(40, "") + forgotten)), &with_attempt, &seen_version, None));
        // Still holding an entry removed here since: made before the removal.
        let mut seen_attempt = Older::default();
        seen_attempt.add(&with_attempt);
        assert!(!descends(&with_attempt, &version, &seen_attempt, None));
        // A value some version before the one just before had: made before that change, however far back.
        let newest = ladder(&(rung(40, "") + &attempt("mine000001", 21)));
        let mut two_back = Older::default();
        two_back.add(&older);
        two_back.add(&version);
        assert!(!descends(&ladder(&(rung(30, "") + &attempt("mine000001", 21))), &newest, &two_back, None));
        // A plan made here, and the ask recorded there since: no plan there is no sign of an older copy.
        let planned = ladder(&rung(40, "planned = 2026-11-25\n"));
        let made = DateTime::parse_from_rfc3339("2026-11-21T18:00:00+01:00").ok();
        let asked = ladder(&(rung(40, "") + &attempt("theirs0001", 22)));
        assert!(descends(&asked, &planned, &seen_version, made));
        let asked_before = ladder(&(rung(40, "") + &attempt("theirs0001", 20)));
        assert!(!descends(&asked_before, &planned, &seen_version, made));
    }
}
