//! `ipt-trainer analyze`: what a scenario lets a trainee score, where it can end, and how many
//! ways there are through it.

use std::path::Path;

use super::{Format, exit, renderer};
use crate::scenario::analyze::{Analysis, Bounds, analyze};
use crate::scenario::library::built_in;
use crate::scenario::load::{Checked, check_file};
use crate::scoring::rubric;

pub fn run(scenario: &str, format: Format) -> u8 {
    let checked = if Path::new(scenario).exists() {
        check_file(Path::new(scenario))
    } else {
        match built_in()
            .into_iter()
            .find(|c| c.scenario.as_ref().is_some_and(|s| s.id == scenario))
        {
            Some(found) => found,
            None => {
                eprintln!(
                    "error: `{scenario}` is neither a file nor the id of a built-in scenario"
                );
                return exit::USAGE;
            }
        }
    };
    let Some(loaded) = &checked.scenario else {
        let renderer = renderer();
        for diagnostic in &checked.diagnostics {
            println!("{}\n", diagnostic.render(&checked.source, &renderer));
        }
        eprintln!(
            "error: `{}` has errors; fix them first (see `ipt-trainer check`)",
            checked.file
        );
        return if has_io_error(&checked) {
            exit::USAGE
        } else {
            exit::FINDINGS
        };
    };
    let analysis = analyze(loaded);
    match format {
        Format::Human => print!("{}", human(&analysis)),
        Format::Json => match serde_json::to_string_pretty(&analysis) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("error: cannot write the analysis: {error}");
                return exit::USAGE;
            }
        },
    }
    exit::OK
}

fn has_io_error(checked: &Checked) -> bool {
    checked
        .diagnostics
        .iter()
        .any(|d| d.code == crate::scenario::diagnostic::Code::Io)
}

fn range(bounds: &Bounds) -> String {
    let qualifier = if bounds.exact { "" } else { " (outer bounds)" };
    format!("{:>4} .. {:<4}{qualifier}", bounds.min, bounds.max)
}

/// The analysis as a plain-text report.
pub fn human(a: &Analysis) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("scenario {} ({} nodes)", a.scenario, a.nodes));
    line(format!(
        "  total score      {}   full score {}",
        range(&a.total),
        a.full_score
    ));
    for h in &a.headlines {
        line(format!(
            "  {:<16} {}   full score {}",
            h.headline.label(),
            range(&h.bounds),
            h.full
        ));
    }
    line("  rubric items:".into());
    for item in &a.items {
        let title = rubric::find(item.item).map_or(item.item, |i| i.title);
        line(format!(
            "    {:<26} {}  {title}",
            item.item,
            range(&item.bounds)
        ));
    }
    let endings: Vec<String> = a
        .endings
        .iter()
        .map(|(id, kind)| format!("{id} ({kind:?})"))
        .collect();
    line(format!(
        "  reachable endings: {}",
        if endings.is_empty() {
            "none".into()
        } else {
            endings.join(", ")
        }
    ));
    line(format!(
        "  nodes on no path to an ending: {}",
        if a.off_path.is_empty() {
            "none".into()
        } else {
            a.off_path.join(", ")
        }
    ));
    line(format!("  distinct paths: {}", a.paths));
    out
}
