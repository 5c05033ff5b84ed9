//! Conflict copies a file-sync tool leaves beside the ladder when two devices changed it before seeing each
//! other: Syncthing's `ladder.sync-conflict-<when>-<device>.toml`, Dropbox's `ladder (Sam's conflicted copy
//! 2026-11-22).toml`, Nextcloud's `ladder (conflicted copy 2026-11-22 183000).toml`. They are merged into the
//! ladder (three-way, from a version both devices had found in the undo history, see `Candidate`; with none, a
//! union by uid), then moved into `ladder-merged/` beside it, never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::{format, parent};
use crate::error::{Context, Doing, Error, Result, Store};
use crate::model::{Conflict, Ladder, Rung, Settings};
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

/// An entry's fields as values, to compare field by field.
type Fields = serde_json::Map<String, serde_json::Value>;

/// The kinds of entry, as `Index` keeps them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rung,
    Attempt,
    Hesitation,
    Gift,
}

/// A version's entries by uid, each kind apart (in the order of `Kind`), to look one up by its uid.
pub struct Index<'a> {
    ladder: &'a Ladder,
    places: [HashMap<&'a str, usize>; 4],
}

impl<'a> Index<'a> {
    pub fn of(ladder: &'a Ladder) -> Index<'a> {
        fn places<T>(items: &[T], uid: fn(&T) -> &String) -> HashMap<&str, usize> {
            items.iter().enumerate().map(|(i, item)| (uid(item).as_str(), i)).collect()
        }
        Index {
            ladder,
            places: [
                places(&ladder.rungs, |r| &r.uid),
                places(&ladder.attempts, |a| &a.uid),
                places(&ladder.hesitations, |h| &h.uid),
                places(&ladder.gifts, |g| &g.uid),
            ],
        }
    }

    fn has(&self, kind: Kind, uid: &str) -> bool {
        self.places[kind as usize].contains_key(uid)
    }

    /// The fields of the entry of `kind` with `uid`, if this version holds it.
    fn fields(&self, kind: Kind, uid: &str) -> Option<Fields> {
        let at = *self.places[kind as usize].get(uid)?;
        let l = self.ladder;
        Some(as_fields(match kind {
            Kind::Rung => format::rungs::fields(&l.rungs[at]),
            Kind::Attempt => format::attempts::fields(&l.attempts[at]),
            Kind::Hesitation => format::hesitations::fields(&l.hesitations[at]),
            Kind::Gift => format::gifts::fields(&l.gifts[at]),
        }))
    }

    /// Whether the entry of `kind` with `uid` is the same in both versions.
    fn same(&self, other: &Index, kind: Kind, uid: &str) -> bool {
        let (Some(&a), Some(&b)) = (self.places[kind as usize].get(uid), other.places[kind as usize].get(uid)) else {
            return false;
        };
        let (x, y) = (self.ladder, other.ladder);
        match kind {
            Kind::Rung => x.rungs[a] == y.rungs[b],
            Kind::Attempt => x.attempts[a] == y.attempts[b],
            Kind::Hesitation => x.hesitations[a] == y.hesitations[b],
            Kind::Gift => x.gifts[a] == y.gifts[b],
        }
    }
}

fn as_fields(value: serde_json::Value) -> Fields {
    match value {
        serde_json::Value::Object(fields) => fields,
        _ => Fields::new(),
    }
}

/// A version of the ladder this device wrote that a copy from another device seems to descend from, so far as
/// the versions after it tell: the copy holds every entry it holds (but one forgotten there since; entries
/// otherwise leave a ladder only with their rung) and every forget. Kept, with what the copy holds otherwise,
/// while the walk back through the undo history meets each older version: one that says the copy was made
/// before this version (`made_before`) rules it out, as taking it for the base would undo a change made here
/// without a word. Only what differs is kept, not the version itself: a walk through 50 versions of a
/// years-of-use ladder held 230 MB when it kept them all.
pub struct Candidate {
    settings: Fields,
    /// Each entry the copy holds otherwise than this version: its kind, its uid, and the two sides' fields.
    differs: Vec<(Kind, String, Fields, Fields)>,
    /// The entries the copy holds and this version does not: new there, or removed here since.
    lacks: Vec<(Kind, String)>,
    /// The copy's `[[conflict]]` tables this version does not have: new there, or cleared here since.
    conflicts: Vec<Conflict>,
}

impl Candidate {
    /// `version` (made at `made`) as a base for `other`, if `other` holds every entry and every
    /// forget it holds. A plan is the exception among the values: recording the ask clears it, so a rung the
    /// other device asked since `version` was made may lack it, and is compared as if it had it.
    pub fn of(other: &Ladder, theirs: &Index, version: &Ladder, made: Option<DateTime<FixedOffset>>) -> Option<Self> {
        let forgot: HashSet<&str> = other.forgotten.iter().map(|f| f.uid.as_str()).collect();
        if !version.forgotten.iter().all(|f| forgot.contains(f.uid.as_str())) {
            return None;
        }
        let mine = Index::of(version);
        let asked: HashSet<u32> =
            other.attempts.iter().filter(|a| made.is_some_and(|made| a.at >= made)).map(|a| a.rung).collect();
        // Only when the other device asked since: its rungs, each asked one with this version's plan. (Copying
        // and looking up every rung for each version was 10 s of a fold of a 20,000-rung copy.)
        let planned = (!asked.is_empty()).then(|| {
            let rungs =
                other.rungs.iter().map(|their| match mine.places[Kind::Rung as usize].get(their.uid.as_str()) {
                    Some(&at) if asked.contains(&their.id) => {
                        let mine = &version.rungs[at];
                        Rung { planned: mine.planned, place: mine.place.clone(), ..their.clone() }
                    }
                    _ => their.clone(),
                });
            Ladder { rungs: rungs.collect(), ..Ladder::default() }
        });
        let theirs_planned = planned.as_ref().map(Index::of);
        let mut candidate = Candidate {
            settings: as_fields(serde_json::to_value(&version.settings).unwrap_or_default()),
            differs: Vec::new(),
            lacks: Vec::new(),
            conflicts: other.conflicts.iter().filter(|c| !version.conflicts.contains(c)).cloned().collect(),
        };
        for kind in [Kind::Rung, Kind::Attempt, Kind::Hesitation, Kind::Gift] {
            let their = if kind == Kind::Rung { theirs_planned.as_ref().unwrap_or(theirs) } else { theirs };
            if mine.places[kind as usize].keys().any(|uid| !their.has(kind, uid) && !forgot.contains(uid)) {
                return None;
            }
            for uid in their.places[kind as usize].keys() {
                if !mine.has(kind, uid) {
                    candidate.lacks.push((kind, uid.to_string()));
                } else if !their.same(&mine, kind, uid) {
                    let (Some(t), Some(m)) = (their.fields(kind, uid), mine.fields(kind, uid)) else { continue };
                    candidate.differs.push((kind, uid.to_string(), t, m));
                }
            }
        }
        Some(candidate)
    }

    /// Whether the copy (`other`) holds a third value of a field that the change from `older` (the version just
    /// before this one) to this one set: the two devices set it at once.
    pub fn set_at_once(&self, other: &Ladder, older: &Index) -> bool {
        let settings = |s: &Settings| as_fields(serde_json::to_value(s).unwrap_or_default());
        third_value(&settings(&other.settings), &self.settings, &settings(&older.ladder.settings))
            || (self.differs.iter()).any(|(kind, uid, their, mine)| {
                older.fields(*kind, uid).is_some_and(|old| third_value(their, mine, &old))
            })
    }

    /// Whether `older`, a version before this one, says the copy (`other`) was made before this one: the copy
    /// holds a value that differs from this version's and is the one `older` had, an entry `older` had and this
    /// version does not (removed here since), or a `[[conflict]]` `older` had and this version does not
    /// (cleared here since).
    pub fn made_before(&self, other: &Ladder, older: &Index) -> bool {
        let settings = |s: &Settings| as_fields(serde_json::to_value(s).unwrap_or_default());
        stale(&settings(&other.settings), &self.settings, &settings(&older.ladder.settings))
            || self.lacks.iter().any(|(kind, uid)| older.has(*kind, uid))
            || self.conflicts.iter().any(|c| older.ladder.conflicts.contains(c))
            || self
                .differs
                .iter()
                .any(|(kind, uid, their, mine)| older.fields(*kind, uid).is_some_and(|old| stale(their, mine, &old)))
    }
}

/// Whether `their` entry has a third value in a field `mine` changed from `old`.
fn third_value(their: &Fields, mine: &Fields, old: &Fields) -> bool {
    let none = serde_json::Value::Null;
    their.keys().chain(mine.keys()).any(|key| {
        let [their, mine, old] = [their, mine, old].map(|fields| fields.get(key).unwrap_or(&none));
        mine != old && their != mine && their != old
    })
}

/// Whether `their` entry has, in a field where it differs from `mine`, the value `old` had: it was made before
/// `mine`'s change to that field.
fn stale(their: &Fields, mine: &Fields, old: &Fields) -> bool {
    let none = serde_json::Value::Null;
    their.keys().chain(mine.keys()).any(|key| {
        let their = their.get(key).unwrap_or(&none);
        their != mine.get(key).unwrap_or(&none) && their == old.get(key).unwrap_or(&none)
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
        // Whether `other` fits `version` as its base, with `before` the version just before it.
        let fits = |other: &Ladder, version: &Ladder, before: &Ladder, made| {
            Candidate::of(other, &Index::of(other), version, made)
                .is_some_and(|c| !c.made_before(other, &Index::of(before)))
        };
        // Made from `version`, with an attempt of its own.
        assert!(fits(&ladder(&(rung(40, "") + &attempt("theirs0001", 22))), &version, &older, None));
        // Made from `older`: the change to 40 would be undone without a word.
        assert!(!fits(&ladder(&(rung(30, "") + &attempt("theirs0001", 22))), &version, &older, None));
        // A value of its own, neither 30 nor 40.
        assert!(fits(&ladder(&rung(45, "")), &version, &older, None));
        // Without an entry `version` has, unless forgotten there since.
        let with_attempt = ladder(&(rung(40, "") + &attempt("mine000001", 21)));
        let bare = ladder(&rung(40, ""));
        assert!(Candidate::of(&bare, &Index::of(&bare), &with_attempt, None).is_none());
        let forgotten = "[[forgotten]]\nuid = \"mine000001\"\non = 2026-11-22\n";
        assert!(fits(&ladder(&(rung(40, "") + forgotten)), &with_attempt, &version, None));
        // Still holding an entry removed here since: made before the removal.
        assert!(!fits(&with_attempt, &version, &with_attempt, None));
        // A plan made here, and the ask recorded there since: no plan there is no sign of an older copy.
        let planned = ladder(&rung(40, "planned = 2026-11-25\n"));
        let made = DateTime::parse_from_rfc3339("2026-11-21T18:00:00+01:00").ok();
        let asked = ladder(&(rung(40, "") + &attempt("theirs0001", 22)));
        assert!(fits(&asked, &planned, &version, made));
        let asked_before = ladder(&(rung(40, "") + &attempt("theirs0001", 20)));
        assert!(!fits(&asked_before, &planned, &version, made));
    }
}
