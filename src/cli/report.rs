//! `ipt-trainer report RECORD... [--format html|md|json] [--out FILE]`: exports one attempt (with
//! its review, if it has one) or progress over several, for a supervisor. Each record's scenario
//! is looked up in the library by id, never opened as a path.
//!
//! Exit codes: 0 written; 2 a record, its scenario or the output cannot be used.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{exit, in_library};
use crate::files::{Replace, write_atomic};
use crate::report::{self, Export};
use crate::scenario::model::Scenario;
use crate::session::record::{AttemptRecord, now_ms};
use crate::session::store;
use crate::supervision::review::{self, Review};

pub struct ReportArgs<'a> {
    pub records: &'a [PathBuf],
    pub format: Export,
    pub out: Option<&'a Path>,
    pub all: bool,
    pub progress: bool,
    pub schema: bool,
    pub data: Option<&'a Path>,
    pub folders: &'a [PathBuf],
}

pub fn run(args: ReportArgs<'_>) -> u8 {
    if args.schema {
        return write(args.out, report::SCHEMA);
    }
    let mut paths: Vec<PathBuf> = args.records.to_vec();
    if args.all {
        let Some(data) = store::data_dir(args.data) else {
            eprintln!("error: no data folder: give one with --data-dir");
            return exit::USAGE;
        };
        paths.extend(store::all(&data).into_iter().map(|(path, _)| path));
    }
    if paths.is_empty() {
        eprintln!("error: name an attempt record (`.ron`), or give --all for every attempt");
        return exit::USAGE;
    }
    let mut records: Vec<(AttemptRecord, Option<Review>)> = Vec::new();
    for path in &paths {
        let record = match store::load(path) {
            Ok(record) => record,
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        };
        let review = match review::load(path, &record) {
            Ok(review) => review,
            Err(message) => {
                // A damaged review does not stop the report: the attempt is reported without it.
                eprintln!("warning: {message}; reporting the attempt without its review");
                None
            }
        };
        records.push((record, review));
    }
    // The library is loaded once; every record's scenario must be in it.
    let library = crate::library::load_all(args.folders);
    for (record, _) in &records {
        if let Err(code) = in_library(&record.scenario, &library) {
            return code;
        }
    }
    let text = match (records.as_slice(), args.all || args.progress) {
        ([(record, review)], false) => {
            let Some(scenario) = in_library(&record.scenario, &library)
                .ok()
                .and_then(|c| c.scenario.clone())
            else {
                return exit::USAGE;
            };
            let built = report::attempt::build(Arc::new(scenario), record, review.as_ref());
            args.format.attempt(&built)
        }
        _ => {
            let offered: Vec<&Scenario> =
                library.iter().filter_map(|c| c.scenario.as_ref()).collect();
            let built = report::progress::build(&records, &offered, now_ms());
            args.format.progress(&built)
        }
    };
    write(args.out, &text)
}

fn write(out: Option<&Path>, text: &str) -> u8 {
    match out {
        None => {
            out!("{text}");
            exit::OK
        }
        Some(path) => match write_atomic(path, text, Replace::Allowed) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                exit::OK
            }
            Err(error) => {
                eprintln!("error: could not write `{}`: {error}", path.display());
                exit::USAGE
            }
        },
    }
}
