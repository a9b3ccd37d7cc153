//! `ipt-trainer replay RECORD`: re-runs a saved attempt and checks that it reproduces the same
//! scorecard; if the scenario changed since, it says so and shows what still applies.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{exit, find_scenario};
use crate::report::text;
use crate::session::record::content_hash;
use crate::session::store;

pub fn run(record: &Path, folders: &[PathBuf]) -> u8 {
    let record = match store::load(record) {
        Ok(record) => record,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let checked = match find_scenario(&record.scenario, folders) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let Some(scenario) = &checked.scenario else {
        return exit::FINDINGS;
    };
    let changed = content_hash(scenario) != record.scenario_hash;
    if changed {
        println!(
            "Note: the scenario `{}` has changed since this attempt (content hash {} then, {} now); replaying what still applies.",
            record.scenario,
            record.scenario_hash,
            content_hash(scenario)
        );
    }
    let (engine, failed) = match record.replay(Arc::new(scenario.clone())) {
        Ok(result) => result,
        Err(error) => {
            eprintln!("error: {error}");
            return exit::FINDINGS;
        }
    };
    print!("{}", text::transcript(scenario, &engine.transcript));
    if let Some((i, error)) = &failed {
        println!(
            "\nThe replay stopped at step {} of {}: {error}",
            i + 1,
            record.steps.len()
        );
    }
    let card = engine.scorecard();
    print!("{}", text::scorecard(&card));
    match (&record.scorecard, failed) {
        (Some(saved), None) if *saved == card => {
            println!("\nReproduced: the same scorecard as saved.");
            exit::OK
        }
        (Some(_), _) => {
            println!("\nThe scorecard differs from the one saved with the attempt.");
            exit::FINDINGS
        }
        (None, _) => {
            println!("\n(The attempt was not finished; this is the score so far.)");
            if changed { exit::FINDINGS } else { exit::OK }
        }
    }
}
