//! Files and folders that are the user's own: opened only when they are regular files, never blocking on a
//! FIFO or reading a device without end, and folders that nobody else can write to.
//!
//! A ladder holds private words. Its snapshot and undo history are read back and trusted only from a folder
//! that only the user can change, as ssh treats `~/.ssh`; a folder `ladder` creates is made that way.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::error::{Error, FileKind, Untrusted};

/// What a path names.
pub fn kind(meta: &fs::Metadata) -> FileKind {
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return FileKind::Fifo;
        } else if kind.is_socket() {
            return FileKind::Socket;
        } else if kind.is_char_device() || kind.is_block_device() {
            return FileKind::Device;
        }
    }
    if kind.is_dir() {
        FileKind::Folder
    } else if kind.is_symlink() {
        FileKind::Symlink
    } else if kind.is_file() {
        FileKind::File
    } else {
        FileKind::Other
    }
}

/// The error for a path that is not a regular file: an I/O error of ladder's own (`InvalidInput`, carrying
/// `Error::NotAFile`).
pub fn not_a_file(path: &Path, meta: &fs::Metadata) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, Error::NotAFile { path: path.to_path_buf(), kind: kind(meta) })
}

/// Opens `path` for reading if it is a regular file. `follow` says whether a symlink at `path` itself is
/// followed. Opening does not block on a FIFO, and the open file is checked, not the path, so nothing can be
/// swapped in between.
pub fn open_regular(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = rustix::fs::OFlags::NONBLOCK;
        if !follow {
            flags |= rustix::fs::OFlags::NOFOLLOW;
        }
        options.custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
    }
    let file = options.open(path).map_err(|err| why_not_opened(path, follow, err))?;
    let meta = file.metadata()?;
    if meta.is_file() { Ok(file) } else { Err(not_a_file(path, &meta)) }
}

/// A failed open in the same words whatever the command: a socket cannot be opened at all, and a loop of
/// symlinks (or, not following, any symlink) is named as one.
fn why_not_opened(path: &Path, follow: bool, err: io::Error) -> io::Error {
    #[cfg(unix)]
    if err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
        let symlinked = Error::Symlinked { path: path.to_path_buf(), looped: follow };
        return io::Error::new(io::ErrorKind::InvalidInput, symlinked);
    }
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => not_a_file(path, &meta),
        _ => err,
    }
}

/// The bytes of the regular file at `path`, without following a symlink there, up to `limit` bytes if given.
pub fn read_regular(path: &Path, limit: Option<usize>) -> io::Result<Vec<u8>> {
    let file = open_regular(path, false)?;
    let mut data = Vec::new();
    match limit {
        Some(limit) => file.take(limit as u64).read_to_end(&mut data)?,
        None => (&file).read_to_end(&mut data)?,
    };
    Ok(data)
}

/// Whether `dir` is a real folder (not a symlink) owned by the user, that nobody else can write to.
pub fn is_private_dir(dir: &Path) -> bool {
    why_not_private(dir).is_none()
}

/// Why `dir` is not a folder of the user's alone (`Error::Untrusted`); `None` when it is.
pub fn why_not_private(dir: &Path) -> Option<Error> {
    let why = |why: Untrusted| Some(Error::Untrusted { dir: dir.to_path_buf(), why });
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(err) => return why(Untrusted::Unreadable(err)),
    };
    if meta.file_type().is_symlink() {
        return why(Untrusted::Symlink);
    }
    if !meta.is_dir() {
        return why(Untrusted::Kind(kind(&meta)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return why(Untrusted::SomeoneElses);
        }
        if meta.permissions().mode() & 0o022 != 0 {
            return why(Untrusted::OthersCanChange);
        }
    }
    None
}

/// Makes `dir` (and any missing parents) readable by its owner only, then says whether it can be trusted:
/// an existing folder that others can write to is left as it is, and not used.
pub fn private_dir(dir: &Path) -> io::Result<bool> {
    create_private_dir(dir)?;
    Ok(is_private_dir(dir))
}

/// Creates the folder (and any missing parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Options for a new file readable by its owner only.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn only_regular_files_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "x").unwrap();
        assert_eq!(read_regular(&file, None).unwrap(), b"x");
        assert!(open_regular(dir.path(), true).is_err(), "a folder");
        assert!(open_regular(Path::new("/dev/zero"), true).is_err(), "an endless device");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(read_regular(&link, None).is_err(), "a symlink is not followed");
        assert!(open_regular(&link, true).is_ok(), "unless asked");
    }

    #[test]
    fn a_folder_others_can_write_to_is_not_private() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine");
        assert!(private_dir(&mine).unwrap());
        assert_eq!(fs::metadata(&mine).unwrap().permissions().mode() & 0o777, 0o700);
        fs::set_permissions(&mine, fs::Permissions::from_mode(0o777)).unwrap();
        assert!(!private_dir(&mine).unwrap(), "left as it is, and not used");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        assert!(!is_private_dir(&link), "a symlinked folder could be anyone's");
    }
}
