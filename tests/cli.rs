//! The `check` and `analyze` commands as an author meets them: output, JSON and exit codes.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipt-trainer"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const UNDEFINED: &str = "tests/fixtures/broken/E0012-undefined-node.ron";

#[test]
fn check_draws_the_source_line_with_a_caret_and_a_hint() {
    let output = run(&["check", UNDEFINED]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[E0012]: jump to a node that does not exist: `dnoe`"),
        "{text}"
    );
    assert!(text.contains(&format!("--> {UNDEFINED}:68:39")), "{text}");
    assert!(text.contains("goto: \"dnoe\","), "{text}");
    assert!(text.contains("^^^^^^ no node has this id"), "{text}");
    assert!(text.contains("did you mean `done`?"), "{text}");
    assert!(
        text.contains("course.sessions[1].nodes[0].choices[0].goto"),
        "{text}"
    );
    // The misspelt jump was the only way to `done`, so it is also reported unreachable.
    assert!(
        text.contains("warning[W0015]: no path from the start reaches `done`"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("checked 1 file: 1 error, 1 warning"),
        "{text}"
    );
}

#[test]
fn check_reports_json() {
    let output = run(&["check", "--format", "json", UNDEFINED]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let diagnostic = &report["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "E0012");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["line"], 68);
    assert_eq!(diagnostic["column"], 39);
    assert_eq!(
        diagnostic["path"],
        "course.sessions[1].nodes[0].choices[0].goto"
    );
    assert_eq!(diagnostic["hint"], "did you mean `done`?");
    assert_eq!(report["errors"], 1);
}

#[test]
fn warnings_fail_only_when_denied() {
    let warning_only = "tests/fixtures/broken/W0019-no-feedback.ron";
    assert_eq!(run(&["check", warning_only]).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--deny-warnings", warning_only])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_clean_folder_passes_with_a_summary() {
    // The library's own files (the folder also holds the guide's deliberately unfinished steps).
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .expect("scenarios")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|p| p.display().to_string())
            .collect();
    files.sort();
    let mut args = vec!["check", "--deny-warnings"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&args);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains(&format!("checked {} files: no problems", files.len())),
        "{text}"
    );
}

#[test]
fn the_built_in_library_is_checked_by_default() {
    let output = run(&["check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(run(&["check", "no/such/folder"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["analyze", "no-such-scenario"]).status.code(), Some(2));
}

#[test]
fn a_folder_is_searched_for_scenarios() {
    let output = run(&["check", "--format", "json", "tests/fixtures/broken"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let files = report["files"].as_array().expect("files");
    let on_disk =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken"))
            .expect("fixtures")
            .count();
    assert_eq!(files.len(), on_disk);
}

#[test]
fn analyze_reports_scores_endings_and_paths() {
    let output = run(&["analyze", "--format", "json", "grief-ruth"]);
    assert_eq!(output.status.code(), Some(0));
    let analysis: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(analysis["scenario"], "grief-ruth");
    assert!(analysis["off_path"].as_array().expect("list").is_empty());
    let endings: Vec<&str> = analysis["endings"]
        .as_array()
        .expect("endings")
        .iter()
        .filter_map(|e| e[0].as_str())
        .collect();
    assert!(endings.contains(&"end-completed") && endings.contains(&"end-dropout"));
    assert_eq!(
        analysis["headlines"].as_array().expect("headlines").len(),
        3
    );
    let human = stdout(&run(&["analyze", "grief-ruth"]));
    assert!(human.contains("distinct paths:"), "{human}");
}

#[test]
fn analyze_refuses_a_broken_file_with_its_diagnostics() {
    let output = run(&["analyze", UNDEFINED]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("error[E0012]"));
}
