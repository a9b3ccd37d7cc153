//! Where attempt records live, and how they are kept: one RON file per attempt in the data
//! folder's `attempts/`, named after the record's id (which is checked, so no name can lead out
//! of the folder); written atomically; the first save of an attempt never replaces another
//! file; one writer per attempt at a time (an advisory lock held while it is open); read only as
//! regular files within a size limit, so that a damaged file is reported, never fatal.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::record::{AttemptRecord, FORMAT};
use crate::files::{self, Replace};
use crate::scenario::ids;

/// The environment variable that moves the data folder (tests use it).
pub const DATA_ENV: &str = "IPT_TRAINER_DATA";

/// The largest record read. A course of a few hundred answers is well under 1 MiB; this refuses
/// anything that is clearly not a record before it is read into memory.
pub const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;

/// The longest record id: a scenario id, the start time and a random suffix.
pub const RECORD_ID_MAX: usize = ids::SCENARIO_ID_MAX + 32;

/// The folder for attempt records: the flag if given, else `$IPT_TRAINER_DATA`, else the
/// platform's data folder (e.g. `~/.local/share/ipt-trainer` on Linux).
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| std::env::var_os(DATA_ENV).map(PathBuf::from))
        .or_else(|| {
            directories::ProjectDirs::from("org", "IPT Trainer", "ipt-trainer")
                .map(|dirs| dirs.data_dir().to_path_buf())
        })
}

/// The attempts folder under a data folder.
pub fn attempts_dir(data: &Path) -> PathBuf {
    data.join("attempts")
}

/// Why a record could not be kept.
#[derive(Debug)]
pub enum StoreError {
    /// The record's id could name a file outside the attempts folder, or hide characters.
    BadId(String),
    /// Another window or terminal has this attempt open.
    Busy(String),
    /// A file with this record's name already exists: another attempt's, never replaced.
    Taken(PathBuf),
    Io(io::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::BadId(problem) => write!(f, "the record's id is refused: {problem}"),
            StoreError::Busy(id) => write!(
                f,
                "the attempt `{id}` is open in another window or terminal; finish or close it \
                 there first"
            ),
            StoreError::Taken(path) => write!(
                f,
                "`{}` already exists and belongs to another attempt; it was left as it is",
                path.display()
            ),
            StoreError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<io::Error> for StoreError {
    fn from(error: io::Error) -> Self {
        StoreError::Io(error)
    }
}

/// What a review's file name ends with: a supervisor's review of an attempt is kept beside its
/// record as `<id>.review.ron` (see `supervision::review`), never in the record itself.
pub const REVIEW_SUFFIX: &str = ".review.ron";

/// Whether a file in the attempts folder is a review rather than a record.
pub fn is_review(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(REVIEW_SUFFIX))
}

/// Why a record id is refused, if it is.
pub fn record_id_problem(id: &str) -> Option<String> {
    ids::plain_id_problem(id, RECORD_ID_MAX)
}

/// The file of the record with this id: `attempts/<id>.ron`, never anywhere else.
pub fn record_path(data: &Path, id: &str) -> Result<PathBuf, StoreError> {
    if let Some(problem) = record_id_problem(id) {
        return Err(StoreError::BadId(problem));
    }
    Ok(attempts_dir(data).join(format!("{id}.ron")))
}

/// Saves a record. Its first save (`first`) creates the file and fails if one is there (so that
/// two attempts can never share a file); later saves replace the attempt's own file.
pub fn save(data: &Path, record: &AttemptRecord, first: bool) -> Result<PathBuf, StoreError> {
    let path = record_path(data, &record.id)?;
    let text = ron::ser::to_string_pretty(record, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    let replace = if first {
        Replace::Never
    } else {
        Replace::Allowed
    };
    match files::write_atomic(&path, &text, replace) {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Taken(path)),
        Err(error) => Err(StoreError::Io(error)),
        Ok(()) => Ok(path),
    }
}

/// Reads a record file (given anywhere, e.g. on the command line): a regular file within the
/// size limit, of a format this version knows, with a usable id.
pub fn load(path: &Path) -> Result<AttemptRecord, String> {
    let text = files::read_text(path, MAX_RECORD_BYTES)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let record: AttemptRecord = ron::from_str(&text)
        .map_err(|e| format!("`{}` is not an attempt record: {e}", path.display()))?;
    if record.format > FORMAT {
        return Err(format!(
            "`{}` is an attempt record of format {}, newer than this version reads ({FORMAT}); \
             open it with a newer IPT Trainer",
            path.display(),
            record.format
        ));
    }
    if let Some(problem) = record_id_problem(&record.id) {
        return Err(format!(
            "`{}` is refused: its id `{}` {problem}",
            path.display(),
            ids::escaped(&record.id)
        ));
    }
    Ok(record)
}

/// Reads a record from the attempts folder, which must carry the id its file is named after
/// (a copy under another name would otherwise be saved over the original).
fn load_kept(path: &Path) -> Result<AttemptRecord, String> {
    let record = load(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() != Some(record.id.as_str()) {
        return Err(format!(
            "`{}` holds the record `{}` under another name; it is left as it is",
            path.display(),
            record.id
        ));
    }
    Ok(record)
}

/// What the attempts folder holds: the records, oldest first, and the files that could not be
/// read, with why.
#[derive(Debug, Default)]
pub struct Scan {
    pub records: Vec<(PathBuf, AttemptRecord)>,
    pub damaged: Vec<(PathBuf, String)>,
}

impl Scan {
    /// The newest unfinished attempt at a scenario, to offer for resumption.
    pub fn unfinished(&self, scenario: &str) -> Option<&(PathBuf, AttemptRecord)> {
        self.newest(scenario, false)
    }

    /// The newest finished attempt at a scenario, to review.
    pub fn last_finished(&self, scenario: &str) -> Option<&(PathBuf, AttemptRecord)> {
        self.newest(scenario, true)
    }

    fn newest(&self, scenario: &str, finished: bool) -> Option<&(PathBuf, AttemptRecord)> {
        self.records
            .iter()
            .rev()
            .find(|(_, r)| r.finished == finished && r.scenario == scenario)
    }

    /// Damaged files that look like attempts at this scenario (by their name).
    pub fn damaged_for(&self, scenario: &str) -> impl Iterator<Item = &(PathBuf, String)> {
        let prefix = format!("{scenario}-");
        self.damaged.iter().filter(move |(path, _)| {
            path.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
    }
}

/// Reads the attempts folder. One damaged file never hides the others: it is listed in
/// `damaged`, and left on disk as it is.
pub fn scan(data: &Path) -> Scan {
    let mut scan = Scan::default();
    let Ok(entries) = fs::read_dir(attempts_dir(data)) else {
        return scan;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && !is_review(p))
        .collect();
    paths.sort();
    for path in paths {
        match load_kept(&path) {
            Ok(record) => scan.records.push((path, record)),
            Err(why) => scan.damaged.push((path, why)),
        }
    }
    scan.records.sort_by_key(|(_, r)| r.started_ms);
    scan
}

/// Every readable record in the data folder, oldest first.
pub fn all(data: &Path) -> Vec<(PathBuf, AttemptRecord)> {
    scan(data).records
}

/// The newest unfinished attempt at a scenario, to offer for resumption.
pub fn unfinished(data: &Path, scenario: &str) -> Option<(PathBuf, AttemptRecord)> {
    scan(data).unfinished(scenario).cloned()
}

/// The newest finished attempt at a scenario, to review.
pub fn last_finished(data: &Path, scenario: &str) -> Option<(PathBuf, AttemptRecord)> {
    scan(data).last_finished(scenario).cloned()
}

/// Removes the temporary files a killed save left in the attempts folder.
pub fn sweep(data: &Path) -> Vec<PathBuf> {
    files::sweep_temps(&attempts_dir(data))
}

/// The advisory lock of an open attempt: while one window or terminal holds it, no other can
/// open the same attempt. The operating system releases it if the program dies.
#[derive(Debug)]
pub struct Lock {
    file: fs::File,
    path: PathBuf,
}

/// Takes the lock of attempt `id`, or says who has it.
pub fn lock(data: &Path, id: &str) -> Result<Lock, StoreError> {
    if let Some(problem) = record_id_problem(id) {
        return Err(StoreError::BadId(problem));
    }
    let folder = attempts_dir(data);
    fs::create_dir_all(&folder)?;
    let path = folder.join(format!("{id}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { file, path }),
        Err(fs::TryLockError::WouldBlock) => Err(StoreError::Busy(id.to_owned())),
        Err(fs::TryLockError::Error(error)) => Err(StoreError::Io(error)),
    }
}

impl Lock {
    /// Releases the lock of a finished attempt and removes its file: nobody opens a finished
    /// attempt to answer it again.
    pub fn release_finished(self) {
        let _ = self.file.unlock();
        let _ = fs::remove_file(&self.path);
    }
}
