//! Tried as an attacker and as a careless user would: nothing is written outside the data
//! folder, no attempt is lost or overwritten, bad input never panics or hangs, and every message
//! says what went wrong in words, with the right exit code. One test per way in.

#![expect(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers stop loudly on a broken fixture or a hang"
)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ipt_trainer::library::built_in;
use ipt_trainer::session::attempt::Attempt;
use ipt_trainer::session::engine::Mode;
use ipt_trainer::session::store;

const BIN: &str = env!("CARGO_BIN_EXE_ipt-trainer");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove(store::DATA_ENV)
        .output()
        .expect("the binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs the binary and stops it if it has not ended within `limit`: a hang is a failure.
fn run_within(limit: Duration, command: &mut Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("waits").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn expert_answers(id: &str) -> String {
    std::fs::read_to_string(root().join(format!("tests/answers/{id}-expert.txt")))
        .expect("expert answers")
}

fn scenario_text(id: &str) -> String {
    std::fs::read_to_string(root().join(format!("scenarios/{id}.ron"))).expect("scenario")
}

fn ruth() -> Arc<ipt_trainer::scenario::model::Scenario> {
    Arc::new(
        built_in()
            .into_iter()
            .filter_map(|c| c.scenario)
            .find(|s| s.id == "grief-ruth")
            .expect("built in"),
    )
}

/// Every file under a folder, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_scenario_id_that_is_a_path_is_refused_and_nothing_is_written_outside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    for id in ["../../escaped", "/tmp/escaped-abs", "a\u{202e}b"] {
        let text = scenario_text("grief-ruth").replacen("\"grief-ruth\"", &format!("{id:?}"), 1);
        std::fs::write(dir.path().join("evil.ron"), text).expect("write");
        let checked = run_in(dir.path(), &["check", "evil.ron"]);
        assert_eq!(checked.status.code(), Some(1), "{id}");
        assert!(text_of(&checked).contains("E0039"), "{id}");
        std::fs::write(dir.path().join("answers.txt"), expert_answers("grief-ruth"))
            .expect("answers");
        let played = Command::new(BIN)
            .args(["play", "evil.ron", "--answers", "answers.txt", "--data-dir"])
            .arg(&data)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert_ne!(played.status.code(), Some(0), "{id}");
    }
    assert!(!Path::new("/tmp/escaped-abs.ron").exists());
    assert!(files_under(&data).is_empty());
}

/// Asserts an exit code and words the output must hold, showing the output if not.
fn says(output: &Output, code: i32, words: &str) {
    let all = text(output);
    assert_eq!(output.status.code(), Some(code), "{all}");
    assert!(all.contains(words), "expected {words:?} in:\n{all}");
}

/// Runs `ipt-trainer play` with these arguments, an answers file and a data folder.
fn play(args: &[&str], answers: impl AsRef<Path>, data: impl AsRef<Path>) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--answers")
        .arg(answers.as_ref())
        .arg("--data-dir")
        .arg(data.as_ref())
        .output()
        .expect("runs")
}

/// An answers file with no answers.
fn no_answers(dir: &Path) -> PathBuf {
    let path = dir.join("no-answers.txt");
    std::fs::write(&path, "").expect("write");
    path
}

fn text_of(output: &Output) -> String {
    text(output)
}

#[test]
fn a_record_whose_id_leads_out_of_the_folder_is_never_resumed_or_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut attempt = Attempt::start(ruth(), 1, Mode::Assessment, Some(data.clone())).expect("ok");
    let answer = attempt.engine.expert_answer().expect("expert");
    attempt.answer(answer).expect("accepted");
    let saved = attempt.saved_at.clone().expect("saved");
    drop(attempt);
    let evil = std::fs::read_to_string(&saved).expect("record").replacen(
        "id: \"grief-ruth-",
        "id: \"../../../../grief-ruth-",
        1,
    );
    std::fs::remove_file(&saved).expect("removed");
    let planted = store::attempts_dir(&data).join("grief-ruth-1-evil.ron");
    std::fs::write(&planted, evil).expect("planted");
    let answers = dir.path().join("rest.txt");
    std::fs::write(&answers, expert_answers("grief-ruth")).expect("answers");
    let output = play(&["play", "grief-ruth", "--resume"], &answers, &data);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("could not be read"), "{said}");
    assert!(said.contains("refused"), "{said}");
    // Nothing was written anywhere but the planted file, which is kept as it was (beside the
    // lock file of the attempt made to plant it).
    let written: Vec<PathBuf> = files_under(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "lock"))
        .collect();
    assert_eq!(written, vec![planted, answers]);
}

#[test]
fn replay_looks_the_scenario_up_in_the_library_never_as_a_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let answers = dir.path().join("a.txt");
    std::fs::write(&answers, expert_answers("grief-ruth")).expect("answers");
    let played = play(&["play", "grief-ruth", "--seed", "2"], &answers, &data);
    assert_eq!(played.status.code(), Some(0), "{}", text(&played));
    let record = store::all(&data).remove(0).0;
    // A file named like the scenario in the current folder does not shadow the library.
    std::fs::write(dir.path().join("grief-ruth"), "not a scenario").expect("decoy");
    let replayed = run_in(dir.path(), &["replay", &record.display().to_string()]);
    says(&replayed, 0, "Reproduced");
    // A record naming a system file as its scenario is refused without opening it.
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-LINE\n").expect("secret");
    let pointed = std::fs::read_to_string(&record).expect("record").replacen(
        "scenario: \"grief-ruth\"",
        &format!("scenario: {:?}", secret.display().to_string()),
        1,
    );
    let copy = dir.path().join("pointed.ron");
    std::fs::write(&copy, pointed).expect("copy");
    let replayed = run_in(dir.path(), &["replay", "pointed.ron"]);
    let said = text(&replayed);
    assert_eq!(replayed.status.code(), Some(2), "{said}");
    assert!(said.contains("no scenario"), "{said}");
    assert!(!said.contains("TOP-SECRET-LINE"), "{said}");
}

#[test]
fn a_portrait_linked_out_of_the_folder_is_refused_however_the_file_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = tempfile::tempdir().expect("outside");
    let picture = outside.path().join("p.png");
    std::fs::write(&picture, "not really a png").expect("picture");
    std::os::unix::fs::symlink(&picture, dir.path().join("p.png")).expect("link");
    let text = scenario_text("grief-ruth").replacen(
        "difficulty: Introductory,",
        "portrait: \"p.png\",\n        difficulty: Introductory,",
        1,
    );
    std::fs::write(dir.path().join("f.ron"), text).expect("scenario");
    for name in ["f.ron", "./f.ron"] {
        let output = run_in(dir.path(), &["check", name]);
        says(&output, 1, "E0026");
    }
}

#[test]
fn eighty_concurrent_plays_keep_eighty_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let answers = dir.path().join("a.txt");
    std::fs::write(&answers, expert_answers("grief-ruth")).expect("answers");
    let mut saved = 0;
    for _ in 0..2 {
        let children: Vec<_> = (0..40)
            .map(|_| {
                Command::new(BIN)
                    .args(["play", "grief-ruth", "--seed", "7", "--answers"])
                    .arg(&answers)
                    .arg("--data-dir")
                    .arg(&data)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("starts")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("ends");
            assert_eq!(output.status.code(), Some(0), "{}", text(&output));
            saved += usize::from(text(&output).contains("Saved:"));
        }
    }
    assert_eq!(saved, 80);
    let records = store::all(&data);
    assert_eq!(records.len(), 80);
    assert!(records.iter().all(|(_, r)| r.finished));
    // No lock or temporary file is left behind by a finished attempt.
    assert_eq!(files_under(&data).len(), 80);
}

#[test]
fn an_open_attempt_cannot_be_opened_a_second_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().to_path_buf();
    let mut first = Attempt::start(ruth(), 1, Mode::Practice, Some(data.clone())).expect("ok");
    let answer = first.engine.expert_answer().expect("expert");
    first.answer(answer).expect("accepted");
    let record = first.record.clone();
    drop(first);
    let resumed = Attempt::resume(ruth(), record.clone(), Some(data.clone())).expect("resumes");
    let again = Attempt::resume(ruth(), record.clone(), Some(data.clone()));
    let refused = again.err().expect("refused while the first is open");
    assert!(refused.contains("open in another window"), "{refused}");
    // In another process too: `play --resume` is refused while the attempt is open here.
    let output = play(
        &["play", "grief-ruth", "--resume"],
        no_answers(dir.path()),
        &data,
    );
    says(&output, 2, "open in another window");
    drop(resumed);
    assert!(Attempt::resume(ruth(), record, Some(data)).is_ok());
}

#[test]
fn a_finished_record_is_never_changed_by_a_copy_of_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().to_path_buf();
    let mut attempt = Attempt::start(ruth(), 1, Mode::Assessment, Some(data.clone())).expect("ok");
    attempt.expert_until("end").expect("finished");
    let path = attempt.saved_at.clone().expect("saved");
    let finished = std::fs::read_to_string(&path).expect("record");
    // A copy under another name, made unfinished, carrying the finished record's id.
    let copy = store::attempts_dir(&data).join("copy.ron");
    std::fs::write(&copy, finished.replace("finished: true", "finished: false")).expect("copy");
    let scan = store::scan(&data);
    assert!(scan.unfinished("grief-ruth").is_none());
    assert!(
        scan.damaged
            .iter()
            .any(|(p, why)| p == &copy && why.contains("another name"))
    );
    assert_eq!(std::fs::read_to_string(&path).expect("record"), finished);
    // And a finished record cannot be resumed at all.
    let record = store::load(&path).expect("loads");
    assert!(Attempt::resume(ruth(), record, Some(data)).is_err());
}

#[test]
fn nothing_saved_means_a_message_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("a.txt");
    std::fs::write(&answers, expert_answers("grief-ruth")).expect("answers");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("file");
    let attempts_blocked = dir.path().join("data");
    std::fs::create_dir(&attempts_blocked).expect("data");
    std::fs::write(attempts_blocked.join("attempts"), "x").expect("attempts is a file");
    for data in [&file, &attempts_blocked] {
        let output = play(&["play", "grief-ruth"], &answers, data);
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{said}");
        assert!(said.contains("was not saved"), "{said}");
        assert!(!said.contains("Saved:"), "{said}");
    }
    // An empty answers file answers nothing, and says that nothing was saved.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "# nothing yet\n").expect("empty");
    let output = play(&["play", "grief-ruth"], &empty, dir.path().join("fresh"));
    says(&output, 1, "nothing was saved");
    assert!(!dir.path().join("fresh").join("attempts").exists());
}

#[test]
fn extreme_changes_are_refused_by_check_and_cannot_overflow() {
    let text = scenario_text("grief-ruth").replacen("rapport: 5,", "rapport: 2147483647,", 1);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("big.ron"), &text).expect("write");
    let output = run_in(dir.path(), &["check", "big.ron"]);
    says(&output, 1, "E0030");
}

#[test]
fn folder_walks_end_despite_links_and_never_wait_on_a_fifo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("mine");
    std::fs::create_dir(&folder).expect("folder");
    std::fs::write(folder.join("a.ron"), scenario_text("grief-ruth")).expect("scenario");
    std::os::unix::fs::symlink(&folder, folder.join("loop1")).expect("link");
    std::os::unix::fs::symlink(&folder, folder.join("loop2")).expect("link");
    std::os::unix::fs::symlink(folder.join("a.ron"), folder.join("b.ron")).expect("link");
    let output = run_within(
        Duration::from_secs(30),
        Command::new(BIN)
            .args(["check", "--format", "json"])
            .arg(&folder),
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["files"].as_array().expect("files").len(), 1);
    let fifo = dir.path().join("x.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let output = run_within(
        Duration::from_secs(30),
        Command::new(BIN).arg("check").arg(&fifo),
    );
    says(&output, 2, "not a regular file");
}

#[test]
fn devices_and_endless_input_are_refused_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let limit = Duration::from_secs(30);
    let replay = run_within(limit, Command::new(BIN).args(["replay", "/dev/zero"]));
    says(&replay, 2, "not a regular file");
    let answers = run_within(
        limit,
        Command::new(BIN)
            .args(["play", "grief-ruth", "--answers", "/dev/zero", "--data-dir"])
            .arg(dir.path()),
    );
    assert_eq!(answers.status.code(), Some(2));
    let stdin = run_within(
        limit,
        Command::new(BIN)
            .args(["play", "grief-ruth", "--data-dir"])
            .arg(dir.path())
            .stdin(std::fs::File::open("/dev/zero").expect("zero")),
    );
    assert!(
        text(&stdin).contains("reading stops here"),
        "{}",
        text(&stdin)
    );
    // A record far over the size limit is refused before it is read.
    let huge = dir.path().join("huge.ron");
    let file = std::fs::File::create(&huge).expect("huge");
    file.set_len(store::MAX_RECORD_BYTES + 1).expect("sized");
    let replay = run_within(limit, Command::new(BIN).arg("replay").arg(&huge));
    says(&replay, 2, "larger than");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(BIN)
        .args(["check", "--format", "json"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("ends");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn replay_exit_codes_follow_the_readme() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().to_path_buf();
    let mut attempt = Attempt::start(ruth(), 1, Mode::Assessment, Some(data.clone())).expect("ok");
    for _ in 0..3 {
        let answer = attempt.engine.expert_answer().expect("expert");
        attempt.answer(answer).expect("accepted");
    }
    let path = attempt.saved_at.clone().expect("saved");
    drop(attempt);
    let record = std::fs::read_to_string(&path).expect("record");
    let replay = |text: &str| {
        let file = dir.path().join("r.ron");
        std::fs::write(&file, text).expect("write");
        let output = run_in(dir.path(), &["replay", "r.ron"]);
        (output.status.code(), text_of(&output))
    };
    assert_eq!(replay(&record).0, Some(0), "an unfinished record replays");
    // A step the scenario does not have: the replay stops, and says so.
    let unknown = record.replacen("r1-ask-direct", "r1-no-such-choice", 1);
    let (code, said) = replay(&unknown);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("stopped at step"), "{said}");
    // A format from a newer version is refused, not guessed at.
    let (code, said) = replay(&record.replacen("format: 1", "format: 999", 1));
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("newer"), "{said}");
    // Finished, but with no scorecard: said plainly.
    let mut finisher = Attempt::start(ruth(), 1, Mode::Assessment, Some(data)).expect("ok");
    finisher.expert_until("end").expect("finished");
    let finished =
        std::fs::read_to_string(finisher.saved_at.clone().expect("saved")).expect("record");
    let start = finished.find("scorecard: Some(").expect("scorecard");
    let end = finished.rfind("scoring:").expect("scoring");
    let stripped = format!(
        "{}scorecard: None,\n    {}",
        &finished[..start],
        &finished[end..]
    );
    let (code, said) = replay(&stripped);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("holds no scorecard"), "{said}");
}

#[test]
fn resume_says_which_damaged_files_it_passed_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().to_path_buf();
    let mut older = Attempt::start(ruth(), 1, Mode::Assessment, Some(data.clone())).expect("ok");
    let answer = older.engine.expert_answer().expect("expert");
    older.answer(answer).expect("accepted");
    drop(older);
    let truncated = store::attempts_dir(&data).join("grief-ruth-99999999999999-0000abcd.ron");
    std::fs::write(&truncated, "AttemptRecord(format: 1, id: \"grief-ruth-9").expect("write");
    let empty = no_answers(dir.path());
    let output = play(&["play", "grief-ruth", "--resume"], &empty, &data);
    let said = text(&output);
    assert!(said.contains("skipped a damaged attempt file"), "{said}");
    assert!(
        said.contains("grief-ruth-99999999999999-0000abcd.ron"),
        "{said}"
    );
    // With only the damaged file, the user is told it could not be read.
    for (path, _) in store::all(&data) {
        std::fs::remove_file(path).expect("removed");
    }
    let output = play(&["play", "grief-ruth", "--resume"], &empty, &data);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("could not be read"), "{said}");
    assert!(truncated.exists(), "a damaged file is kept");
}

#[test]
fn answers_file_mistakes_are_placed_like_check_places_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let play_with = |answers: &str| {
        let file = dir.path().join("answers.txt");
        std::fs::write(&file, answers).expect("answers");
        let output = play(
            &["play", "grief-ruth", "--seed", "1"],
            &file,
            dir.path().join("data"),
        );
        (output.status.code(), text(&output))
    };
    // A misspelt choice: file and line, the node, what was offered, and the likely fix.
    let (code, said) = play_with("// my answers\n\nr1-welcome-how\nr1-ask-direcct\n");
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("answers.txt:4:"), "{said}");
    assert!(said.contains("at `r1-ask`"), "{said}");
    assert!(said.contains("r1-ask-choir"), "{said}");
    assert!(said.contains("did you mean `r1-ask-direct`?"), "{said}");
    // A choice of the node that its `when` hides in this state: said so.
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid-base.ron"))
        .expect("fixture")
        .replacen(
            "                                rationale: \"Ending as a loss.\",\n                                goto: \"done\",\n                            ),",
            "                                rationale: \"Ending as a loss.\",\n                                goto: \"done\",\n                            ),\n                            Choice(id: \"end-hidden\", text: \"Shown only later.\", when: Flag(\"given-later\"), goto: \"done\"),",
            1,
        );
    std::fs::write(dir.path().join("when.ron"), base).expect("write");
    std::fs::write(
        dir.path().join("when.txt"),
        "sick-both\nformulation: Grief st-1\nend-hidden\n",
    )
    .expect("answers");
    let output = Command::new(BIN)
        .args([
            "play",
            "when.ron",
            "--answers",
            "when.txt",
            "--data-dir",
            "data",
        ])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let said = text(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("when.txt:3:"), "{said}");
    assert!(
        said.contains("hidden in this state by its `when`"),
        "{said}"
    );
    // A long line with hidden characters is quoted short and escaped.
    let long = format!("r1-welcome-how\n{}\u{0}\u{200b}\n", "x".repeat(10_000));
    let (code, said) = play_with(&long);
    assert_eq!(code, Some(2));
    assert!(
        !said.contains(&"x".repeat(200)),
        "the long line is echoed in full"
    );
    assert!(!said.contains('\u{0}') && !said.contains('\u{200b}'));
    // Answers left over after the course ends are an error, not ignored.
    let extra = format!("{}\nr12-goodbye-sad\n", expert_answers("grief-ruth"));
    let (code, said) = play_with(&extra);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("were not used"), "{said}");
}

#[test]
fn scenario_text_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = scenario_text("grief-ruth").replacen(
        "A retired nurse who stopped singing",
        "A retired nurse \u{1b}[2J who \u{202e}stopped singing",
        1,
    );
    std::fs::write(dir.path().join("esc.ron"), text).expect("write");
    let output = Command::new(BIN)
        .args(["play", "esc.ron", "--seed", "1", "--answers"])
        .arg(no_answers(dir.path()))
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(shown.contains("\\u{1b}[2J"), "{shown}");
}

#[test]
fn a_byte_order_mark_and_number_kinds_are_understood() {
    let dir = tempfile::tempdir().expect("temp dir");
    let with_bom = format!("\u{feff}{}", scenario_text("grief-ruth"));
    std::fs::write(dir.path().join("bom.ron"), with_bom).expect("write");
    let output = run_in(dir.path(), &["check", "--deny-warnings", "bom.ron"]);
    assert_eq!(output.status.code(), Some(0), "{}", text_of(&output));
    let float = scenario_text("grief-ruth").replacen("rapport: 5,", "rapport: 5.5,", 1);
    std::fs::write(dir.path().join("float.ron"), float).expect("write");
    let output = run_in(dir.path(), &["check", "float.ron"]);
    let said = text_of(&output);
    assert!(
        said.contains("expected a whole number, found `5.5`"),
        "{said}"
    );
}

#[test]
fn flags_deliberately_alike_are_not_taken_for_misspellings() {
    let text = scenario_text("grief-ruth").replacen(
        "set: [\"r_plan\"],",
        "set: [\"r_plan\", \"r_planned\"],",
        1,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("flags.ron"), text).expect("write");
    let output = run_in(dir.path(), &["check", "flags.ron"]);
    let said = text_of(&output);
    assert!(said.contains("W0017"), "{said}");
    assert!(!said.contains("did you mean"), "{said}");
}

#[test]
fn stale_temporary_files_are_swept_when_an_attempt_starts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = store::attempts_dir(dir.path());
    std::fs::create_dir_all(&folder).expect("folder");
    let stale = folder.join(".grief-ruth-1.ron.1234.00000000.tmp");
    std::fs::write(&stale, "half a record").expect("write");
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(old))
        .expect("aged");
    let _attempt = Attempt::start(ruth(), 1, Mode::Practice, Some(dir.path().to_path_buf()));
    assert!(!stale.exists());
}

#[test]
fn typed_lines_with_a_closed_input_end_the_course_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(BIN)
        .args(["play", "grief-ruth", "--seed", "1", "--data-dir"])
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "\n1").expect("typed");
    drop(stdin);
    let output = child.wait_with_output().expect("ends");
    says(&output, 1, "--resume");
    assert_eq!(store::all(dir.path()).len(), 1);
}
