//! `ipt-trainer check`: rustc-style diagnostics (or JSON) for scenario files.

use std::path::PathBuf;

use serde::Serialize;

use super::{Format, exit, renderer};
use crate::analysis::check::check_file;
use crate::library::{built_in, scenario_files};
use crate::report::text::plural;
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::load::Checked;

#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Report<'a> {
    files: Vec<FileReport<'a>>,
    errors: usize,
    warnings: usize,
}

pub fn run(paths: &[PathBuf], format: Format, deny_warnings: bool) -> u8 {
    let checked: Vec<Checked> = if paths.is_empty() {
        built_in()
    } else {
        match scenario_files(paths) {
            Ok(files) => files.iter().map(|f| check_file(f)).collect(),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        }
    };
    let errors: usize = checked.iter().map(Checked::errors).sum();
    let warnings: usize = checked.iter().map(Checked::warnings).sum();
    match format {
        Format::Human => {
            let renderer = renderer();
            for file in &checked {
                for diagnostic in &file.diagnostics {
                    outln!("{}\n", diagnostic.render(&file.source, &renderer));
                }
            }
            outln!("{}", summary(checked.len(), errors, warnings));
        }
        Format::Json => {
            let report = Report {
                files: checked
                    .iter()
                    .map(|c| FileReport {
                        file: &c.file,
                        errors: c.errors(),
                        warnings: c.warnings(),
                        diagnostics: &c.diagnostics,
                    })
                    .collect(),
                errors,
                warnings,
            };
            match serde_json::to_string_pretty(&report) {
                Ok(json) => outln!("{json}"),
                Err(error) => {
                    eprintln!("error: cannot write the report: {error}");
                    return exit::USAGE;
                }
            }
        }
    }
    let unreadable = checked.iter().any(|c| {
        c.diagnostics
            .iter()
            .any(|d| d.code == crate::scenario::diagnostic::Code::Io)
    });
    if unreadable {
        exit::USAGE
    } else if errors > 0 || (deny_warnings && warnings > 0) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// The closing line, e.g. "checked 3 files: 2 errors, 1 warning".
fn summary(files: usize, errors: usize, warnings: usize) -> String {
    let verdict = if errors == 0 && warnings == 0 {
        "no problems".to_owned()
    } else {
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    };
    format!("checked {}: {verdict}", plural(files, "file"))
}
