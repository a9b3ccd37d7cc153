//! How the program reads and writes files, in one place: it reads only regular files and only up
//! to a stated size (a FIFO, a device or a huge file is refused with a message, never waited on
//! or read into memory), and it writes atomically (a temporary file, fsync, rename, folder sync),
//! removing the temporary file whatever goes wrong.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// A folder, FIFO, socket or device: only regular files are read.
    NotRegular,
    /// Larger than the limit for this kind of file, in bytes.
    TooLarge(u64),
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular => write!(f, "it is not a regular file"),
            ReadError::TooLarge(max) => write!(f, "it is larger than {}", size(*max)),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// A size in words: "4 MiB", "64 KiB", "100 bytes".
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads a regular file of at most `max` bytes. The size is checked while reading, not trusted
/// from the file system, so a file that grows as it is read cannot get past the limit.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = fs::metadata(path).map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > max {
        return Err(ReadError::TooLarge(max));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

/// Reads a regular file of at most `max` bytes as UTF-8 text.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    let bytes = read_capped(path, max)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Whether an existing file may be replaced by [`write_atomic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it (a settings file, or the record of the attempt being played).
    Allowed,
    /// Never: the write fails with `AlreadyExists` if the file is there (a new record).
    Never,
}

/// The prefix and suffix of the temporary files [`write_atomic`] leaves only if it is killed.
const TEMP_PREFIX: &str = ".";
const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files older than this are left over from a killed writer, and are swept.
pub const STALE_TEMP: Duration = Duration::from_secs(10 * 60);

/// Writes `text` to `path` so that the file is either the old or the new content, never a mix,
/// and never half written. The temporary file is removed on any failure (a full disk included).
pub fn write_atomic(path: &Path, text: &str, replace: Replace) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(
        "{TEMP_PREFIX}{name}.{}.{:08x}{TEMP_SUFFIX}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let written = write_new(&temp, text).and_then(|()| match replace {
        Replace::Allowed => fs::rename(&temp, path),
        // A hard link is created only if nothing has the name yet: an atomic "create new".
        Replace::Never => fs::hard_link(&temp, path).and_then(|()| fs::remove_file(&temp)),
    });
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    // The rename itself is durable only once the folder is synced. A file system that cannot
    // sync a folder says so with `Unsupported` or `InvalidInput`; anything else is a failure.
    match fs::File::open(folder).and_then(|dir| dir.sync_all()) {
        Err(error)
            if !matches!(
                error.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput
            ) =>
        {
            Err(error)
        }
        _ => Ok(()),
    }
}

/// Creates `path` (which must not exist), writes `text` and syncs it.
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Removes the temporary files a killed writer left in `folder` (older than [`STALE_TEMP`], so
/// that a write in progress elsewhere is never disturbed). Returns what it removed.
pub fn sweep_temps(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).unwrap_or_default() > STALE_TEMP)
        })
        .map(|e| e.path())
        .filter(|p| fs::remove_file(p).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.txt");
        fs::write(&file, "hello").expect("write");
        assert_eq!(read_capped(&file, 5).expect("read"), b"hello");
        assert!(matches!(read_capped(&file, 4), Err(ReadError::TooLarge(4))));
        assert!(matches!(
            read_capped(dir.path(), 100),
            Err(ReadError::NotRegular)
        ));
        // A device is refused at once, not read until memory runs out.
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular)
        ));
    }

    #[test]
    fn writes_replace_only_when_allowed_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("r.ron");
        write_atomic(&file, "one", Replace::Never).expect("new");
        let again = write_atomic(&file, "two", Replace::Never);
        assert_eq!(
            again.map_err(|e| e.kind()),
            Err(io::ErrorKind::AlreadyExists)
        );
        assert_eq!(fs::read_to_string(&file).expect("read"), "one");
        write_atomic(&file, "three", Replace::Allowed).expect("replace");
        assert_eq!(fs::read_to_string(&file).expect("read"), "three");
        let left: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
    }

    #[test]
    fn a_failed_write_removes_its_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        // The target is a folder: the rename fails after the temporary file was written.
        let target = dir.path().join("taken");
        fs::create_dir(&target).expect("folder");
        fs::write(target.join("inside"), "x").expect("write");
        assert!(write_atomic(&target, "text", Replace::Allowed).is_err());
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["taken".to_owned()]);
    }

    #[test]
    fn stale_temporary_files_are_swept_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let stale = dir.path().join(".r.ron.1.0000.tmp");
        let fresh = dir.path().join(".r.ron.2.0000.tmp");
        fs::write(&stale, "x").expect("write");
        fs::write(&fresh, "x").expect("write");
        let old = SystemTime::now() - STALE_TEMP - Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(old))
            .expect("aged");
        assert_eq!(sweep_temps(dir.path()), vec![stale.clone()]);
        assert!(!stale.exists() && fresh.exists());
    }
}
