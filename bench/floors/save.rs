// The floor for a safe save: read a file, write it to a temp file beside it, sync, rename over it.
use std::io::Write;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path)?;
    let temp = format!("{path}.floor.tmp");
    let mut file = std::fs::File::create(&temp)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    std::fs::rename(&temp, &path)
}
