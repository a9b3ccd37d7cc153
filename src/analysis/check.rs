//! The whole check of a scenario file, as `check`, the library and the app run it: the
//! format's own validation (`scenario::load`), then the rubric's rules, then the audit's
//! surface strategies.

use std::path::Path;
use std::sync::Arc;

use super::rules;
use crate::scenario::load::{self, Checked};
use crate::scenario::validate::AssetRoot;

/// Reads and checks a scenario file; assets are looked up beside it.
pub fn check_file(path: &Path) -> Checked {
    with_rules(load::load_file(path))
}

/// Checks a scenario given as bytes (the file name is for the diagnostics only).
pub fn check_bytes(file: &str, bytes: &[u8], assets: &AssetRoot) -> Checked {
    with_rules(load::load_bytes(file, bytes, assets))
}

/// Adds the rubric's findings to a scenario that loaded without errors, and, if it still has
/// none, what the audit's surface strategies make of it.
fn with_rules(mut checked: Checked) -> Checked {
    if let Some(scenario) = &checked.scenario {
        let findings = rules::findings(scenario);
        checked.add(findings);
    }
    if let Some(scenario) = checked.scenario.take() {
        // The engine plays a shared scenario; moving it in and out again spares a copy.
        let shared = Arc::new(scenario);
        let findings = rules::surface_findings(&shared);
        checked.scenario = Some(Arc::try_unwrap(shared).unwrap_or_else(|shared| (*shared).clone()));
        checked.add(findings);
    }
    checked
}
