//! The `check`, `analyze`, `audit` and `replay` commands as an author or a supervisor meets
//! them: output, JSON and exit codes.

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
    assert!(endings.contains(&"r-end-completed") && endings.contains(&"r-end-dropout"));
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

#[test]
fn audit_reports_what_strategies_without_the_skill_score() {
    // The right option is the longest in the old fixture base: always choosing the longest
    // passes, and audit says so with exit 1.
    let gameable = "tests/fixtures/broken/W0037-surface-passes.ron";
    let output = run(&["audit", "--format", "json", "--walks", "20", gameable]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let audit = &report["scenarios"][0];
    let run_of = |strategy: &str, area: &str| {
        audit["runs"]
            .as_array()
            .expect("runs")
            .iter()
            .find(|r| r["strategy"] == strategy && r["area"] == area)
            .cloned()
            .expect("a run for every strategy and area")
    };
    assert_eq!(run_of("longest", "Grief")["passed"], true);
    assert_eq!(run_of("expert", "Grief")["passed"], true);
    // With a wrong area, even the expert's choices fail.
    assert_eq!(run_of("expert", "RoleTransition")["passed"], false);
    assert_eq!(audit["random"]["walks"], 20);
    assert_eq!(audit["surface"]["decisions"], 1);

    // The guide's risk example resists every surface strategy: exit 0, and the table says so.
    let output = run(&["audit", "--walks", "20", "scenarios/guide/example-risk.ron"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("longest"), "{text}");
    assert!(text.contains("passes 0 of 20 walks"), "{text}");
    assert!(text.contains("prompts that name the task: none"), "{text}");
}

#[test]
fn a_record_scored_under_older_rules_is_rescored_only_when_asked() {
    let data = tempfile::tempdir().expect("temp dir");
    let answers = data.path().join("answers.txt");
    let expert = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/answers/grief-ruth-expert.txt"),
    )
    .expect("expert answers");
    std::fs::write(&answers, expert).expect("answers");
    let played = Command::new(env!("CARGO_BIN_EXE_ipt-trainer"))
        .args(["play", "grief-ruth", "--seed", "4", "--answers"])
        .arg(&answers)
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .expect("plays");
    assert!(played.status.success());
    let record = std::fs::read_dir(data.path().join("attempts"))
        .expect("attempts")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("a record");
    let path = record.display().to_string();
    let current = run(&["replay", &path]);
    assert_eq!(current.status.code(), Some(0));
    assert!(stdout(&current).contains("Reproduced"));

    // The same record as scoring v1 wrote it: no `scoring` field, and a scorecard of its own.
    let text = std::fs::read_to_string(&record).expect("record");
    let old: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("scoring:"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&record, old).expect("rewritten");
    let shown = run(&["replay", &path]);
    let said = stdout(&shown);
    assert_eq!(shown.status.code(), Some(1), "{said}");
    assert!(said.contains("scored under scoring v1"), "{said}");
    assert!(said.contains("--rescore"), "{said}");
    let rescored = run(&["replay", "--rescore", &path]);
    let said = stdout(&rescored);
    assert_eq!(rescored.status.code(), Some(0), "{said}");
    assert!(said.contains("Rescored under scoring v2"), "{said}");
    // Asking to rescore never rewrites the record.
    let after = std::fs::read_to_string(&record).expect("record");
    assert!(!after.contains("scoring: 2"));
}

/// Plays a built-in course's expert path into `data`; the record's path.
fn played_record(id: &str, data: &Path) -> std::path::PathBuf {
    let answers = format!("tests/answers/{id}-expert.txt");
    let output = run(&[
        "play",
        id,
        "--seed",
        "1",
        "--answers",
        &answers,
        "--data-dir",
        data.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::read_dir(data.join("attempts"))
        .expect("attempts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("a record")
}

#[test]
fn report_exports_an_attempt_and_progress_in_each_format() {
    let data = tempfile::tempdir().expect("temp");
    let record = played_record("grief-ruth", data.path());
    let record = record.to_str().expect("utf-8");

    let html = run(&["report", record]);
    assert_eq!(html.status.code(), Some(0));
    let text = stdout(&html);
    assert!(text.starts_with("<!DOCTYPE html>") && text.contains("id=\"transcript\""));

    let json = run(&["report", record, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["report"], "ipt-trainer/attempt");
    assert_eq!(value["attempt"]["verdict"], "PASS");

    let out = data.path().join("notes.md");
    let md = run(&[
        "report",
        record,
        "--format",
        "md",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(md.status.code(), Some(0));
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.starts_with("# Ruth Adeyemi"), "{written}");

    let data_dir = data.path().to_str().expect("utf-8");
    let progress = run(&[
        "report",
        "--all",
        "--data-dir",
        data_dir,
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&progress.stdout).expect("JSON");
    assert_eq!(value["report"], "ipt-trainer/progress");
    assert_eq!(value["attempts"].as_array().map(Vec::len), Some(1));
    assert!(
        value["practise_next"]["why"]
            .as_str()
            .is_some_and(|w| !w.is_empty())
    );

    let schema = run(&["report", "--schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&schema.stdout).expect("the schema");
    assert_eq!(schema["title"], "IPT Trainer report");
}

#[test]
fn report_refuses_what_is_not_a_record_with_exit_2() {
    let data = tempfile::tempdir().expect("temp");
    let none = run(&["report"]);
    assert_eq!(none.status.code(), Some(2));
    let not_a_record = run(&["report", UNDEFINED]);
    assert_eq!(not_a_record.status.code(), Some(2));
    let said = String::from_utf8_lossy(&not_a_record.stderr).into_owned();
    assert!(said.contains("is not an attempt record"), "{said}");
    // A damaged review beside a record is reported, and the attempt is reported without it.
    let record = played_record("grief-ruth", data.path());
    let id = record.file_stem().and_then(|s| s.to_str()).expect("id");
    std::fs::write(record.with_file_name(format!("{id}.review.ron")), "Review(").expect("write");
    let output = run(&["report", record.to_str().expect("utf-8"), "--format", "md"]);
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(said.contains("without its review"), "{said}");
}
