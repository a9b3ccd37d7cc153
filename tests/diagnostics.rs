//! Every diagnostic code has a broken fixture in `tests/fixtures/broken`, whose first lines say
//! what must be reported and where (`// expect: E0012 at 68:39`); this checks each one, plus
//! the inputs that are not scenarios at all.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ipt_trainer::analysis::check::{check_bytes, check_file};
use ipt_trainer::scenario::diagnostic::Code;
use ipt_trainer::scenario::load::{Checked, MAX_FILE_BYTES};
use ipt_trainer::scenario::validate::AssetRoot;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// The `(code, line, column)` triples a fixture's header expects.
fn expectations(path: &Path) -> Vec<(String, usize, usize)> {
    let bytes = std::fs::read(path).expect("fixture");
    String::from_utf8_lossy(&bytes)
        .lines()
        .map_while(|line| line.strip_prefix("// expect: "))
        .map(|rest| {
            let (code, place) = rest.split_once(" at ").expect("`CODE at L:C`");
            let (line, column) = place.split_once(':').expect("L:C");
            (
                code.to_owned(),
                line.parse().expect("line"),
                column.parse().expect("column"),
            )
        })
        .collect()
}

fn found(checked: &Checked) -> Vec<(String, usize, usize)> {
    checked
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_owned(), d.line, d.column))
        .collect()
}

#[test]
fn each_fixture_reports_its_code_at_its_line_and_column() {
    let mut failures = Vec::new();
    for path in fixtures() {
        let expected = expectations(&path);
        assert!(
            !expected.is_empty(),
            "{} has no `// expect:` header",
            path.display()
        );
        let checked = check_file(&path);
        for want in &expected {
            if !found(&checked).contains(want) {
                failures.push(format!(
                    "{}: expected {} at {}:{}, found {:?}",
                    path.display(),
                    want.0,
                    want.1,
                    want.2,
                    found(&checked)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_fixture_or_a_test_of_its_own() {
    let covered: HashSet<String> = fixtures()
        .iter()
        .flat_map(|p| expectations(p))
        .map(|(code, _, _)| code)
        .collect();
    // These cannot be single files in the repository: they are tested below, and the library
    // conflict in `library`.
    let tested_here = [Code::TooLarge, Code::Io, Code::DuplicateScenario];
    for code in Code::ALL {
        assert!(
            covered.contains(code.as_str()) || tested_here.contains(code),
            "no fixture for {}",
            code.as_str()
        );
    }
}

#[test]
fn the_fixture_base_is_clean() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-base.ron");
    let checked = check_file(&base);
    assert_eq!(found(&checked), vec![]);
    assert!(checked.scenario.is_some());
}

#[test]
fn the_built_in_library_is_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("scenarios") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let checked = check_file(&path);
            assert_eq!(found(&checked), vec![], "{}", path.display());
            count += 1;
        }
    }
    assert!(count >= 1);
}

#[test]
fn a_file_over_the_limit_is_refused_without_parsing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let size = usize::try_from(MAX_FILE_BYTES).expect("fits") + 1;
    std::fs::write(&path, vec![b' '; size]).expect("write");
    let checked = check_file(&path);
    assert_eq!(found(&checked), vec![("E0007".to_owned(), 1, 1)]);
}

#[test]
fn a_100_mb_input_is_refused() {
    let bytes = vec![b'('; 100 * 1024 * 1024];
    let checked = check_bytes("big.ron", &bytes, &AssetRoot::Embedded(&[]));
    assert_eq!(checked.diagnostics[0].code, Code::TooLarge);
}

#[test]
fn nesting_100_000_deep_is_refused_without_overflowing_the_stack() {
    for open in ["[", "(", "Some(", "Not("] {
        let text = open.repeat(100_000);
        let checked = check_bytes("deep.ron", text.as_bytes(), &AssetRoot::Embedded(&[]));
        // Not a scenario at all: one error, whichever RON meets first, and no crash.
        assert_eq!(checked.diagnostics.len(), 1, "{open}");
        assert!(
            checked.diagnostics[0].is_error() && checked.scenario.is_none(),
            "{open}"
        );
    }
    let deep_condition = format!(
        "Scenario(id: \"x\", title: \"x\", client: Profile(name: \"x\", age: 1, presenting_complaint: \"x\", background: \"x\", difficulty: Introductory), answer: Answer(problem_area: Grief, why: \"x\"), course: Course(time_limit: 1, sessions: [Session(number: 1, phase: Initial, nodes: [Branch(id: \"b\", cases: [Case(when: {}Flag(\"f\"){}, goto: \"b\")], otherwise: \"b\")])]), start: \"b\")",
        "Not(".repeat(100_000),
        ")".repeat(100_000)
    );
    let checked = check_bytes(
        "deep.ron",
        deep_condition.as_bytes(),
        &AssetRoot::Embedded(&[]),
    );
    assert_eq!(checked.diagnostics[0].code, Code::TooDeep);
}

#[test]
fn binary_data_is_not_a_scenario() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let checked = check_bytes("noise.bin", &bytes, &AssetRoot::Embedded(&[]));
    assert_eq!(checked.diagnostics.len(), 1);
    assert!(checked.scenario.is_none());
}

#[test]
fn a_missing_file_is_an_io_error() {
    let checked = check_file(Path::new("/no/such/scenario.ron"));
    assert_eq!(checked.diagnostics[0].code, Code::Io);
}

/// The guide's example files, in `scenarios/guide/`.
fn guide_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/guide");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("guide folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Text with each line's indentation and trailing space removed, to compare a fragment shown
/// at the left margin with the same lines nested inside a file.
fn dedented(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

#[test]
fn each_guide_step_reports_what_the_guide_says_and_the_last_is_clean() {
    let files = guide_files();
    assert!(files.len() >= 3, "the step-by-step guide has its files");
    for path in files {
        let checked = check_file(&path);
        let expected = expectations(&path);
        if expected.is_empty() {
            assert_eq!(found(&checked), vec![], "{}", path.display());
        } else {
            assert_eq!(found(&checked), expected, "{}", path.display());
        }
    }
}

#[test]
fn every_ron_example_in_the_authoring_guide_comes_from_a_checked_file() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/README.md"))
            .expect("guide");
    let files: Vec<String> = guide_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("guide file"))
        .collect();
    let mut examples = 0;
    let mut rest = guide.as_str();
    while let Some(start) = rest.find("```ron\n") {
        let body = &rest[start + 7..];
        let end = body.find("```").expect("closed code block");
        let text = &body[..end];
        if text.trim_start().starts_with("Scenario(") {
            // A whole scenario is one of the files, to the letter, and checks clean.
            assert!(
                files.iter().any(|f| f == text),
                "a complete example in the guide is not a file in scenarios/guide:\n{text}"
            );
            let checked = check_bytes(
                "README.md example",
                text.as_bytes(),
                &AssetRoot::Embedded(&[]),
            );
            assert_eq!(found(&checked), vec![], "an example in scenarios/README.md");
        } else {
            // A fragment stands, line for line, inside one of the files.
            assert!(
                files.iter().any(|f| dedented(f).contains(&dedented(text))),
                "a fragment in the guide is in no file of scenarios/guide:\n{text}"
            );
        }
        examples += 1;
        rest = &body[end + 3..];
    }
    assert!(examples >= 4, "the guide shows its steps");
}

#[test]
fn the_guide_documents_every_code_and_rubric_item() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/README.md"))
            .expect("guide");
    for code in Code::ALL {
        assert!(
            guide.contains(&format!("| {} |", code.as_str())),
            "{} is not in the guide",
            code.as_str()
        );
    }
    for item in ipt_trainer::scoring::rubric::ITEMS {
        assert!(
            guide.contains(&format!("| `{}` |", item.id)),
            "{} is not in the guide",
            item.id
        );
    }
}
