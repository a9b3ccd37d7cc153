//! The scenario library: the built-in scenarios embedded in the binary, plus every `*.ron` in
//! the folders an instructor adds with `--scenarios DIR`, each fully checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::analysis::check::{check_bytes, check_file};
use crate::scenario::load::Checked;
use crate::scenario::validate::AssetRoot;

include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// Checks every built-in scenario.
pub fn built_in() -> Vec<Checked> {
    BUILT_IN
        .iter()
        .map(|(name, text)| {
            check_bytes(
                &format!("builtin:{name}"),
                text.as_bytes(),
                &AssetRoot::Embedded(&[]),
            )
        })
        .collect()
}

/// The scenario files named by `paths`: files as given, folders searched (recursively, in
/// name order) for `*.ron`. A folder reached again through a link is not searched again, and a
/// file reached twice is listed once, so links that loop cannot make the walk endless. A path
/// that does not exist is returned as an error.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut walk = Walk::default();
    for path in paths {
        if path.is_dir() {
            walk.folder(path)
                .map_err(|e| format!("cannot read the folder `{}`: {e}", path.display()))?;
        } else if path.exists() || path.is_symlink() {
            walk.file(path);
        } else {
            return Err(format!("no such file or folder: `{}`", path.display()));
        }
    }
    Ok(walk.files)
}

/// A walk through folders, remembering where it has been.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    folders_seen: HashSet<PathBuf>,
    files_seen: HashSet<PathBuf>,
}

impl Walk {
    fn folder(&mut self, folder: &Path) -> std::io::Result<()> {
        if !self.folders_seen.insert(folder.canonicalize()?) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                self.folder(&path)?;
            } else if path.extension().is_some_and(|e| e == "ron") {
                self.file(&path);
            }
        }
        Ok(())
    }

    /// Lists a file once, however many links lead to it (a broken link is listed, so that
    /// checking it says what is wrong).
    fn file(&mut self, path: &Path) {
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if self.files_seen.insert(real) {
            self.files.push(path.to_path_buf());
        }
    }
}

/// Every scenario the app offers: the built-in ones, then those in the added folders. A file
/// in an added folder replaces a built-in scenario with the same id, so that an instructor can
/// edit a copy of one; two added files with the same id are a conflict, and the later one is
/// reported instead of loaded.
pub fn load_all(folders: &[PathBuf]) -> Vec<Checked> {
    let mut all = built_in();
    let added = match scenario_files(folders) {
        Ok(files) => files.iter().map(|f| check_file(f)).collect(),
        Err(message) => vec![Checked::io_error(
            &folders
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            message,
        )],
    };
    // Which entries are still the built-in version, and so may be replaced.
    let mut replaceable = vec![true; all.len()];
    for checked in added {
        let id = checked.scenario.as_ref().map(|s| s.id.clone());
        let same = id.as_ref().and_then(|id| {
            all.iter()
                .position(|c| c.scenario.as_ref().is_some_and(|s| &s.id == id))
        });
        match same {
            Some(i) if replaceable[i] => {
                all[i] = checked;
                replaceable[i] = false;
            }
            Some(i) => {
                let earlier = all[i].file.clone();
                all.push(checked.conflict(&earlier));
                replaceable.push(false);
            }
            None => {
                all.push(checked);
                replaceable.push(false);
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_added_file_replaces_a_built_in_and_a_second_copy_conflicts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = BUILT_IN
            .first()
            .map(|(_, text)| *text)
            .expect("a built-in scenario");
        std::fs::write(dir.path().join("a.ron"), text).expect("write");
        std::fs::write(dir.path().join("b.ron"), text).expect("write");
        let all = load_all(&[dir.path().to_path_buf()]);
        assert_eq!(all.len(), BUILT_IN.len() + 1);
        assert!(all[0].file.ends_with("a.ron") && all[0].scenario.is_some());
        let last = all.last().expect("the conflict");
        assert!(last.file.ends_with("b.ron") && last.scenario.is_none());
        assert_eq!(
            last.diagnostics[0].code,
            crate::scenario::diagnostic::Code::DuplicateScenario
        );
    }
}
