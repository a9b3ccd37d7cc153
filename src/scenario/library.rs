//! The scenario library: the built-in scenarios embedded in the binary, plus every `*.ron` in
//! the folders an instructor adds with `--scenarios DIR`.

use std::path::{Path, PathBuf};

use super::load::{Checked, check_bytes, check_file};
use super::validate::AssetRoot;

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
/// name order) for `*.ron`. A path that does not exist is returned as an error.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_ron(path, &mut files)
                .map_err(|e| format!("cannot read the folder `{}`: {e}", path.display()))?;
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(format!("no such file or folder: `{}`", path.display()));
        }
    }
    Ok(files)
}

fn collect_ron(folder: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_ron(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            files.push(path);
        }
    }
    Ok(())
}

/// Every scenario the app offers: the built-in ones, then those in the added folders.
pub fn load_all(folders: &[PathBuf]) -> Vec<Checked> {
    let mut all = built_in();
    match scenario_files(folders) {
        Ok(files) => all.extend(files.iter().map(|f| check_file(f))),
        Err(message) => all.push(Checked::io_error(
            &folders
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            message,
        )),
    }
    all
}
