//! Gives the program a build key: a hash of its source and data. The snapshot cache is keyed on it, so a build
//! whose rules changed never answers from a snapshot another build made, even under the same version number.
//! It also passes on the man page's date, kept in Cargo.toml beside the version (`[package.metadata.ladder]`).

use std::fs;
use std::hash::Hasher;
use std::path::Path;

fn main() {
    let mut files = Vec::new();
    for root in ["src", "data"] {
        collect(Path::new(root), &mut files);
        println!("cargo:rerun-if-changed={root}");
    }
    files.sort();
    // FNV-1a: stable across Rust releases, unlike the standard library's hasher.
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for file in &files {
        hash.write(file.as_bytes());
        hash.write(&fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=LADDER_BUILD={:016x}", hash.finish());

    println!("cargo:rerun-if-changed=Cargo.toml");
    let manifest = fs::read_to_string("Cargo.toml").unwrap_or_default();
    let Some(date) = man_date(&manifest) else {
        eprintln!("Cargo.toml needs man-date = \"YYYY-MM-DD\" under [package.metadata.ladder] (the man page's date)");
        std::process::exit(1);
    };
    println!("cargo:rustc-env=LADDER_MAN_DATE={date}");
}

/// `man-date` under `[package.metadata.ladder]`, when it is a date written YYYY-MM-DD.
fn man_date(manifest: &str) -> Option<String> {
    let mut section = "";
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
        } else if section == "[package.metadata.ladder]"
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "man-date"
        {
            let date = value.trim().strip_prefix('"')?.strip_suffix('"')?;
            let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
            let mut parts = date.split('-');
            let ok = [4, 2, 2].iter().all(|&n| parts.next().is_some_and(|p| digits(p, n))) && parts.next().is_none();
            return ok.then(|| date.to_owned());
        }
    }
    None
}

fn collect(dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path.to_string_lossy().into_owned());
        }
    }
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
