//! Where attempt records live, and how they are written: atomically (a temporary file, fsync,
//! rename), so that a crash never leaves a half-written record.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::record::AttemptRecord;

/// The environment variable that moves the data folder (tests use it).
pub const DATA_ENV: &str = "IPT_TRAINER_DATA";

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

/// Writes `text` to `path` so that the file is either the old or the new content, never a mix.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = fs::File::create(&temp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temp, path)?;
    // The rename itself is durable only once the folder is synced.
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Saves a record as `attempts/<id>.ron`.
pub fn save(data: &Path, record: &AttemptRecord) -> std::io::Result<PathBuf> {
    let text = ron::ser::to_string_pretty(record, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let path = attempts_dir(data).join(format!("{}.ron", record.id));
    write_atomic(&path, &text)?;
    Ok(path)
}

/// Reads a record file.
pub fn load(path: &Path) -> Result<AttemptRecord, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    ron::from_str(&text).map_err(|e| format!("`{}` is not an attempt record: {e}", path.display()))
}

/// Every readable record in the data folder, oldest first. Unreadable files are skipped, not
/// fatal: one damaged file must not hide the others.
pub fn all(data: &Path) -> Vec<(PathBuf, AttemptRecord)> {
    let Ok(entries) = fs::read_dir(attempts_dir(data)) else {
        return Vec::new();
    };
    let mut records: Vec<(PathBuf, AttemptRecord)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter_map(|p| load(&p).ok().map(|r| (p, r)))
        .collect();
    records.sort_by_key(|(_, r)| r.started_ms);
    records
}

/// The newest unfinished attempt at a scenario, to offer for resumption.
pub fn unfinished(data: &Path, scenario: &str) -> Option<(PathBuf, AttemptRecord)> {
    newest(data, scenario, false)
}

/// The newest finished attempt at a scenario, to review.
pub fn last_finished(data: &Path, scenario: &str) -> Option<(PathBuf, AttemptRecord)> {
    newest(data, scenario, true)
}

fn newest(data: &Path, scenario: &str, finished: bool) -> Option<(PathBuf, AttemptRecord)> {
    all(data)
        .into_iter()
        .rev()
        .find(|(_, r)| r.finished == finished && r.scenario == scenario)
}
