//! Supervision over real attempts at built-in courses: a review (comments and three-way
//! ratings) kept beside the record, round trip, without changing the record or its replay; the
//! attempt stepped through decision by decision exactly as shown; every report format (the JSON
//! validated against its schema); and what to practise next over made-up histories.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ipt_trainer::cli::play::parse_answer;
use ipt_trainer::library::built_in;
use ipt_trainer::report::{self, Export};
use ipt_trainer::scenario::model::Scenario;
use ipt_trainer::scoring::Rating;
use ipt_trainer::scoring::rubric::Headline;
use ipt_trainer::session::attempt::Attempt;
use ipt_trainer::session::engine::{Answer, Mode, Prompt};
use ipt_trainer::session::record::AttemptRecord;
use ipt_trainer::session::store;
use ipt_trainer::supervision::decisions::decisions;
use ipt_trainer::supervision::practise::{self, HeadlinePoint, Point, practise_next};
use ipt_trainer::supervision::review::{self, Review};

fn scenario(id: &str) -> Arc<Scenario> {
    Arc::new(
        built_in()
            .into_iter()
            .filter_map(|c| c.scenario)
            .find(|s| s.id == id)
            .expect("a built-in course"),
    )
}

/// Plays a course to its end, saved in `data`: the expert path from its answers file, or (when
/// `expert` is false) the first non-expert option wherever there is one.
fn played(id: &str, data: &Path, expert: bool) -> (PathBuf, AttemptRecord) {
    let scenario = scenario(id);
    let mut attempt = Attempt::start(
        Arc::clone(&scenario),
        7,
        Mode::Practice,
        Some(data.to_path_buf()),
    )
    .expect("start");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/answers/{id}-expert.txt"));
    let mut lines = std::fs::read_to_string(path)
        .expect("expert answers")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter();
    while !attempt.engine.is_finished() {
        let answer = match (expert, attempt.engine.prompt()) {
            (true, prompt) => {
                parse_answer(prompt, &lines.next().expect("an answer")).expect("fits")
            }
            (false, Prompt::Choose { options, .. }) => {
                let best = attempt.engine.expert_answer();
                let other = options
                    .iter()
                    .find(|o| !matches!(&best, Some(Answer::Choice { id, .. }) if *id == o.id))
                    .unwrap_or(&options[0]);
                Answer::Choice {
                    id: other.id.clone(),
                    written: Some("I'd ask how the week went".into()),
                }
            }
            (false, _) => attempt.engine.expert_answer().expect("an answer"),
        };
        attempt.answer(answer).expect("answered");
    }
    (attempt.saved_at.clone().expect("saved"), attempt.record)
}

#[test]
fn a_review_is_kept_beside_the_record_and_never_changes_it_or_its_replay() {
    let data = tempfile::tempdir().expect("temp");
    let (path, record) = played("grief-ruth", data.path(), true);
    let before = std::fs::read(&path).expect("record");
    assert!(
        review::load(&path, &record)
            .expect("no review yet")
            .is_none()
    );

    let mut written = Review::of(&record);
    written.supervisor = "Dr Okafor".into();
    written.overall = "Good sick role; the ending was rushed.".into();
    written.set_comment(3, "Ask about means here.");
    written.set_comment(4, "  ");
    written
        .supervisor_ratings
        .insert("sick_role_legitimise".into(), Rating::Partial);
    written
        .self_ratings
        .insert("sick_role_legitimise".into(), Rating::Done);
    let sidecar = review::save(&path, &written).expect("saved");
    assert_eq!(sidecar.parent(), path.parent(), "beside the record");
    assert!(sidecar.to_string_lossy().ends_with(".review.ron"));

    let read = review::load(&path, &record)
        .expect("readable")
        .expect("there");
    assert_eq!(read.comments.len(), 1, "an empty comment is no comment");
    assert_eq!(read.comment(3), Some("Ask about means here."));
    assert_eq!(read.supervisor_ratings, written.supervisor_ratings);
    assert_eq!(read.self_ratings, written.self_ratings);

    // The record is byte for byte as it was, still the only record, and replays to its score.
    assert_eq!(std::fs::read(&path).expect("record"), before);
    let scan = store::scan(data.path());
    assert_eq!(scan.records.len(), 1);
    assert!(
        scan.damaged.is_empty(),
        "the sidecar is not taken for a damaged record: {:?}",
        scan.damaged
    );
    let (engine, failed) = record.replay(scenario("grief-ruth")).expect("replays");
    assert!(failed.is_none());
    assert_eq!(Some(engine.scorecard()), record.scorecard);

    // A review of another attempt put beside this record is refused, not applied.
    let mut stranger = read.clone();
    stranger.attempt = "grief-ruth-1-00000000".into();
    std::fs::write(
        review::path_for(&path, &record.id).expect("path"),
        ron::to_string(&stranger).expect("ron"),
    )
    .expect("write");
    let refused = review::load(&path, &record).expect_err("another attempt's review");
    assert!(refused.contains("not `"), "{refused}");
}

#[test]
fn decisions_are_the_attempt_exactly_as_it_was_shown() {
    let data = tempfile::tempdir().expect("temp");
    let (_, record) = played("deficits-finn", data.path(), false);
    let walk = decisions(scenario("deficits-finn"), &record);
    let (steps, stopped) = (walk.decisions, walk.stopped);
    assert!(stopped.is_none());
    assert_eq!(steps.len(), record.steps.len(), "one decision per answer");
    assert!(
        !steps[0].context.is_empty(),
        "the first decision follows what the client said"
    );
    for (decision, kept) in steps.iter().zip(&record.steps) {
        assert_eq!(decision.answer, kept.answer);
        assert_eq!(decision.took_ms, kept.took_ms);
        if decision.is_formulation() {
            continue;
        }
        assert!(
            !decision.offered.is_empty(),
            "{}: the options offered",
            decision.node
        );
        assert_eq!(decision.offered.iter().filter(|o| o.chosen).count(), 1);
        assert!(decision.offered.iter().filter(|o| o.expert).count() <= 1);
        assert!(decision.written.is_some());
        let chosen = decision.offered.iter().find(|o| o.chosen).expect("chosen");
        assert_eq!(decision.said, chosen.text);
        // Where the trainee missed the expert's choice, the expert alternative is given.
        if decision.offered.iter().any(|o| o.expert && !o.chosen) {
            assert!(decision.expert.is_some(), "{}", decision.node);
        }
    }
    // The order shown is the seeded order, the same on every replay.
    assert_eq!(
        steps,
        decisions(scenario("deficits-finn"), &record).decisions
    );
}

#[test]
fn three_way_ratings_mark_disagreements_and_calibration_compares_with_the_supervisor() {
    let data = tempfile::tempdir().expect("temp");
    let (_, record) = played("grief-ruth", data.path(), true);
    let card = record.scorecard.clone().expect("finished");
    let app = |id: &str| card.item(id).expect("item").rating;
    let mut r = Review::of(&record);
    assert!(review::calibration(&review::three_way(&card, Some(&r))).is_none());
    r.self_ratings
        .insert("sick_role_legitimise".into(), app("sick_role_legitimise"));
    r.self_ratings
        .insert("problem_area".into(), Rating::NotDone);
    let rows = review::three_way(&card, Some(&r));
    let row = |id: &str| rows.iter().find(|x| x.item == id).expect("row");
    assert!(!row("sick_role_legitimise").disagree());
    assert!(row("problem_area").disagree());
    let with_app = review::calibration(&rows).expect("self-rated");
    assert_eq!(
        (with_app.agree, with_app.of, with_app.with_supervisor),
        (1, 2, false)
    );

    r.supervisor_ratings
        .insert("problem_area".into(), Rating::NotDone);
    let rows = review::three_way(&card, Some(&r));
    let with_supervisor = review::calibration(&rows).expect("self-rated");
    assert_eq!(
        (
            with_supervisor.agree,
            with_supervisor.of,
            with_supervisor.with_supervisor
        ),
        (1, 1, true)
    );
    assert!(
        rows.iter()
            .find(|x| x.item == "problem_area")
            .expect("row")
            .disagree(),
        "both differ from the app"
    );
}

fn schema() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(report::SCHEMA).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn assert_valid(validator: &jsonschema::Validator, json: &str) {
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn every_report_format_of_an_attempt_has_its_sections_and_the_json_fits_its_schema() {
    let data = tempfile::tempdir().expect("temp");
    let (path, record) = played("dispute-priya", data.path(), false);
    let mut r = Review::of(&record);
    r.supervisor = "Dr <Okafor>".into();
    r.overall = "Slow down at the onset.".into();
    r.set_comment(0, "Warm opening | but closed question");
    r.self_ratings
        .insert("sick_role_legitimise".into(), Rating::Done);
    r.supervisor_ratings
        .insert("sick_role_legitimise".into(), Rating::Partial);
    review::save(&path, &r).expect("saved");
    let r = review::load(&path, &record).expect("read");
    let built = report::attempt::build(scenario("dispute-priya"), &record, r.as_ref());
    assert_eq!(built.decisions.len(), record.steps.len());
    assert_eq!(built.attempt.verdict, "NOT YET");
    assert!(
        built
            .items
            .iter()
            .any(|i| i.id == "sick_role_legitimise" && i.disagree)
    );

    let validator = schema();
    assert_valid(&validator, &Export::Json.attempt(&built));
    // The schema is strict: a field it does not know is refused.
    let mut value: serde_json::Value =
        serde_json::from_str(&Export::Json.attempt(&built)).expect("JSON");
    value["attempt"]["surprise"] = serde_json::json!(1);
    assert!(!validator.is_valid(&value));

    let html = Export::Html.attempt(&built);
    for section in [
        "id=\"headlines\"",
        "id=\"gates\"",
        "id=\"ratings\"",
        "id=\"supervisor\"",
        "id=\"evidence\"",
        "id=\"transcript\"",
        "<svg",
        "@page { size: A4",
    ] {
        assert!(html.contains(section), "HTML lacks {section}");
    }
    assert!(!html.contains("<script"), "no scripts");
    assert!(html.contains("Dr &lt;Okafor&gt;"), "text is escaped");
    assert!(html.contains("Warm opening | but closed question"));

    let md = Export::Md.attempt(&built);
    for heading in [
        "## The three core skills",
        "## The pass rule",
        "## The rubric, rated three ways",
        "## Supervisor's comment",
        "## The transcript, decision by decision",
    ] {
        assert!(md.contains(heading), "Markdown lacks {heading}");
    }
    assert!(
        md.contains("Warm opening \\| but closed question"),
        "a pipe cannot break the table"
    );
}

#[test]
fn the_progress_report_fits_its_schema_and_suggests_what_to_practise() {
    let data = tempfile::tempdir().expect("temp");
    let records: Vec<(AttemptRecord, Option<Review>)> =
        [("grief-ruth", true), ("dispute-priya", false)]
            .into_iter()
            .map(|(id, expert)| (played(id, data.path(), expert).1, None))
            .collect();
    let library: Vec<Scenario> = built_in().into_iter().filter_map(|c| c.scenario).collect();
    let offered: Vec<&Scenario> = library.iter().collect();
    let built = report::progress::build(&records, &offered, 0);
    assert_eq!(built.attempts.len(), 2);
    let next = built.practise_next.as_ref().expect("a suggestion");
    assert!(
        !["grief-ruth", "dispute-priya"].contains(&next.scenario.as_str()),
        "not a course just done"
    );
    assert_valid(&schema(), &Export::Json.progress(&built));
    let html = Export::Html.progress(&built);
    assert!(
        html.contains("id=\"chart\"")
            && html.contains("<polyline")
            && html.contains("Practise next")
    );
    assert!(Export::Md.progress(&built).contains("## Practise next"));
}

const DAY: u64 = 24 * 60 * 60 * 1000;

fn point(scenario: &str, day: u64, scores: &[(Headline, u8, bool)]) -> Point {
    Point {
        attempt: format!("{scenario}-{day}"),
        scenario: scenario.into(),
        started_ms: day * DAY,
        mode: Mode::Practice,
        passed: scores.iter().all(|s| s.2),
        percent: 70,
        headlines: scores
            .iter()
            .map(|&(h, percent, passed)| (h, HeadlinePoint { percent, passed }))
            .collect::<BTreeMap<_, _>>(),
        calibration: None,
    }
}

#[test]
fn practise_next_picks_the_weakest_unpassed_skill_avoids_recent_courses_and_brings_skills_round_again()
 {
    let library: Vec<Scenario> = built_in().into_iter().filter_map(|c| c.scenario).collect();
    let offered: Vec<&Scenario> = library.iter().collect();
    let most = |h: Headline, except: &[&str]| {
        offered
            .iter()
            .filter(|s| !except.contains(&s.id.as_str()))
            .map(|s| practise::exercises(s, h))
            .max()
            .expect("courses")
    };

    // Nothing played: the problem area first (the first skill), in a course that asks for it most.
    let first = practise_next(&offered, &[], 0).expect("a suggestion");
    assert_eq!(first.headline, Headline::ProblemArea);
    let chosen = offered
        .iter()
        .find(|s| s.id == first.scenario)
        .expect("offered");
    assert_eq!(
        practise::exercises(chosen, Headline::ProblemArea),
        most(Headline::ProblemArea, &[])
    );
    assert!(first.why.contains("not practised yet"), "{}", first.why);

    // The sick role passed, the problem area failed at 40%, termination at 55%: the problem area.
    use Headline::*;
    let history = vec![
        point(
            "grief-ruth",
            1,
            &[
                (ProblemArea, 40, false),
                (SickRole, 80, true),
                (Termination, 55, false),
            ],
        ),
        point(
            "dispute-priya",
            2,
            &[
                (ProblemArea, 100, true),
                (SickRole, 50, false),
                (Termination, 50, false),
            ],
        ),
    ];
    let next = practise_next(&offered, &history, 3 * DAY).expect("a suggestion");
    assert_eq!(
        next.headline, Termination,
        "the problem area and sick role are passed once each"
    );
    assert!(!["grief-ruth", "dispute-priya"].contains(&next.scenario.as_str()));
    assert!(next.why.contains("best so far 55%"), "{}", next.why);
    assert_eq!(
        practise_next(&offered, &history, 3 * DAY),
        Some(next),
        "deterministic"
    );

    // Everything passed: the skill passed longest ago comes round again, said so after a week.
    let all = vec![
        point(
            "grief-ruth",
            1,
            &[
                (ProblemArea, 90, true),
                (SickRole, 90, true),
                (Termination, 90, true),
            ],
        ),
        point(
            "dispute-priya",
            5,
            &[(ProblemArea, 90, true), (SickRole, 90, true)],
        ),
    ];
    let again = practise_next(&offered, &all, 20 * DAY).expect("a suggestion");
    assert_eq!(again.headline, Termination);
    assert!(again.why.contains("19 days ago"), "{}", again.why);
    let soon = practise_next(&offered, &all, 6 * DAY).expect("a suggestion");
    assert!(soon.why.contains("passed longest ago"), "{}", soon.why);

    // No course offered: nothing to suggest.
    assert_eq!(practise_next(&[], &history, 0), None);
}

#[test]
fn a_damaged_review_is_reported_and_kept_aside_never_overwritten() {
    let data = tempfile::tempdir().expect("temp");
    let (path, record) = played("grief-ruth", data.path(), true);
    let sidecar = review::path_for(&path, &record.id).expect("path");
    std::fs::write(&sidecar, "Review(comments: {").expect("write");
    let mut opened = review::Opened::open(&path, |_| Some(scenario("grief-ruth"))).expect("opens");
    let said = opened.problem.clone().expect("the damage is said");
    assert!(said.contains("is not a review"), "{said}");
    assert!(opened.review.is_empty(), "a fresh review is started");
    opened.review.overall = "Fine work.".into();
    opened.save().expect("saved");
    let kept: Vec<String> = std::fs::read_dir(data.path().join("attempts"))
        .expect("folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".review.ron.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged review is kept aside");
    assert_eq!(
        review::load(&path, &record)
            .expect("readable")
            .expect("there")
            .overall,
        "Fine work."
    );
    // Only records are taken for records.
    assert_eq!(store::scan(data.path()).records.len(), 1);
}
