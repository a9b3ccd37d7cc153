//! A review of one attempt: the supervisor's comments (on any decision and on the whole
//! attempt), the supervisor's ratings and the trainee's self-rating, item by item on the app's own
//! scale. It is kept in a sidecar beside the record (`<id>.review.ron`), so the record stays as
//! the attempt left it and its replay still reproduces the app's score: a review never changes
//! it. Written atomically; a damaged sidecar is reported, never fatal.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::{self, Replace};
use crate::scoring::{Rating, Scorecard, rubric};
use crate::session::record::AttemptRecord;
use crate::session::store;

/// The review format's version.
pub const FORMAT: u32 = 1;

/// The largest review read: comments on a few hundred decisions fit many times over.
pub const MAX_REVIEW_BYTES: u64 = 4 * 1024 * 1024;

/// Comments and ratings on one attempt.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    pub format: u32,
    /// The id of the attempt reviewed.
    pub attempt: String,
    /// Who supervised, as they want to be named in reports.
    pub supervisor: String,
    /// The supervisor's comment on the whole attempt.
    pub overall: String,
    /// Comments on decisions, by the decision's step (0 is the first answer).
    pub comments: BTreeMap<usize, String>,
    /// The supervisor's rating of each rubric item, by item id.
    pub supervisor_ratings: BTreeMap<String, Rating>,
    /// The trainee's own rating of each item, made before seeing the app's score.
    pub self_ratings: BTreeMap<String, Rating>,
    /// Unix time in milliseconds of the last change.
    pub updated_ms: u64,
}

impl Review {
    /// An empty review of an attempt.
    pub fn of(record: &AttemptRecord) -> Self {
        Review {
            format: FORMAT,
            attempt: record.id.clone(),
            ..Review::default()
        }
    }

    /// The comment on a decision, if there is one worth showing.
    pub fn comment(&self, step: usize) -> Option<&str> {
        self.comments
            .get(&step)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    /// Sets (or with empty text, removes) the comment on a decision.
    pub fn set_comment(&mut self, step: usize, text: &str) {
        if text.trim().is_empty() {
            self.comments.remove(&step);
        } else {
            self.comments.insert(step, text.to_owned());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.supervisor.trim().is_empty()
            && self.overall.trim().is_empty()
            && self.comments.values().all(|c| c.trim().is_empty())
            && self.supervisor_ratings.is_empty()
            && self.self_ratings.is_empty()
    }
}

/// The sidecar of the record kept at `record`: beside it, named after the record's id (which is
/// checked, so the name cannot lead anywhere else).
pub fn path_for(record: &Path, id: &str) -> Result<PathBuf, String> {
    if let Some(problem) = store::record_id_problem(id) {
        return Err(format!("the record's id is refused: {problem}"));
    }
    let folder = record.parent().unwrap_or_else(|| Path::new("."));
    Ok(folder.join(format!("{id}{}", store::REVIEW_SUFFIX)))
}

/// The review beside a record: `Ok(None)` when there is none yet.
pub fn load(record_path: &Path, record: &AttemptRecord) -> Result<Option<Review>, String> {
    let path = path_for(record_path, &record.id)?;
    if !path.exists() {
        return Ok(None);
    }
    let text = files::read_text(&path, MAX_REVIEW_BYTES)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let review: Review =
        ron::from_str(&text).map_err(|e| format!("`{}` is not a review: {e}", path.display()))?;
    if review.format > FORMAT {
        return Err(format!(
            "`{}` is a review of format {}, newer than this version reads ({FORMAT})",
            path.display(),
            review.format
        ));
    }
    if review.attempt != record.id {
        return Err(format!(
            "`{}` reviews the attempt `{}`, not `{}`; it is left as it is",
            path.display(),
            crate::scenario::ids::escaped(&review.attempt),
            record.id
        ));
    }
    Ok(Some(review))
}

/// Saves a review beside its record, atomically, replacing the earlier version of the same
/// review. Returns where.
pub fn save(record_path: &Path, review: &Review) -> Result<PathBuf, String> {
    let path = path_for(record_path, &review.attempt)?;
    let mut review = review.clone();
    review.format = FORMAT;
    review.updated_ms = crate::session::record::now_ms();
    let text = ron::ser::to_string_pretty(&review, ron::ser::PrettyConfig::default())
        .map_err(|e| e.to_string())?;
    files::write_atomic(&path, &text, Replace::Allowed)
        .map_err(|e| format!("could not save `{}`: {e}", path.display()))?;
    Ok(path)
}

/// One rubric item as the app, the trainee and the supervisor rated it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRatings {
    pub item: String,
    pub title: String,
    pub group: rubric::Group,
    pub headline: Option<rubric::Headline>,
    pub app: Rating,
    #[serde(rename = "self")]
    pub trainee: Option<Rating>,
    pub supervisor: Option<Rating>,
}

impl ItemRatings {
    /// Whether the ratings given differ: what a supervision meeting talks about first.
    pub fn disagree(&self) -> bool {
        [self.trainee, self.supervisor]
            .into_iter()
            .flatten()
            .any(|r| r != self.app)
            || matches!((self.trainee, self.supervisor), (Some(a), Some(b)) if a != b)
    }
}

/// Every item of the scorecard with the three ratings side by side.
pub fn three_way(scorecard: &Scorecard, review: Option<&Review>) -> Vec<ItemRatings> {
    scorecard
        .items
        .iter()
        .map(|score| {
            let info = rubric::find(&score.item);
            ItemRatings {
                item: score.item.clone(),
                title: info.map_or(score.item.as_str(), |i| i.title).to_owned(),
                group: info.map_or(rubric::Group::Middle, |i| i.group),
                headline: info.and_then(|i| i.headline),
                app: score.rating,
                trainee: review.and_then(|r| r.self_ratings.get(&score.item).copied()),
                supervisor: review.and_then(|r| r.supervisor_ratings.get(&score.item).copied()),
            }
        })
        .collect()
}

/// How closely the trainee's self-rating agrees with the supervisor's (or, before a supervisor
/// has rated, with the app's): the items rated alike out of those both rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Calibration {
    pub agree: usize,
    pub of: usize,
    /// Whether the comparison is with the supervisor (else with the app).
    pub with_supervisor: bool,
}

impl Calibration {
    pub fn percent(self) -> u8 {
        u8::try_from(self.agree * 100 / self.of.max(1)).unwrap_or(100)
    }

    /// "Self-rating agrees with the supervisor on 9 of 12 items (75%)."
    pub fn sentence(self) -> String {
        format!(
            "Self-rating agrees with the {} on {} of {} items ({}%).",
            if self.with_supervisor {
                "supervisor"
            } else {
                "app"
            },
            self.agree,
            self.of,
            self.percent()
        )
    }
}

/// The calibration of a self-rated attempt; `None` when the trainee did not rate themselves.
pub fn calibration(rows: &[ItemRatings]) -> Option<Calibration> {
    let with_supervisor = rows.iter().any(|r| r.supervisor.is_some());
    let pairs: Vec<(Rating, Rating)> = rows
        .iter()
        .filter_map(|r| {
            let other = if with_supervisor {
                r.supervisor
            } else {
                Some(r.app)
            };
            Some((r.trainee?, other?))
        })
        .collect();
    (!pairs.is_empty()).then(|| Calibration {
        agree: pairs.iter().filter(|(a, b)| a == b).count(),
        of: pairs.len(),
        with_supervisor,
    })
}

/// An attempt opened for review: its record and where it is kept, the decisions replayed, the
/// scorecard under today's rules, and the review as it is being written.
#[derive(Debug, Clone)]
pub struct Opened {
    pub path: PathBuf,
    pub record: AttemptRecord,
    pub scenario: std::sync::Arc<crate::scenario::model::Scenario>,
    pub decisions: Vec<super::decisions::Decision>,
    pub card: Scorecard,
    pub review: Review,
    /// Why the replay stopped early, or the review beside the record could not be read.
    pub problem: Option<String>,
    /// The review beside the record could not be read: before a new one is saved in its place,
    /// the damaged file is kept under another name, never overwritten.
    damaged: bool,
}

impl Opened {
    /// Opens the record at `path`, its scenario found by id with `find` (never opened as a
    /// path), and the review beside it if there is one.
    pub fn open(
        path: &Path,
        find: impl Fn(&str) -> Option<std::sync::Arc<crate::scenario::model::Scenario>>,
    ) -> Result<Self, String> {
        let record = store::load(path)?;
        let scenario = find(&record.scenario).ok_or_else(|| {
            format!(
                "the attempt is at the scenario `{}`, which is not in the library (open the app \
                 with `--scenarios DIR` to add its folder)",
                crate::scenario::ids::escaped(&record.scenario)
            )
        })?;
        // One replay gives the decisions, and the engine where it ended gives the scorecard.
        let walk = super::decisions::decisions(std::sync::Arc::clone(&scenario), &record);
        let card = match (&walk.engine, &record.scorecard) {
            (Some(engine), _) => engine.scorecard(),
            (None, Some(saved)) => saved.clone(),
            (None, None) => return Err(walk.stopped.unwrap_or_default()),
        };
        let (decisions, stopped) = (walk.decisions, walk.stopped);
        let (review, unread) = match load(path, &record) {
            Ok(review) => (review.unwrap_or_else(|| Review::of(&record)), None),
            Err(why) => (Review::of(&record), Some(why)),
        };
        Ok(Opened {
            path: path.to_path_buf(),
            problem: stopped.or(unread.clone()),
            record,
            scenario,
            decisions,
            card,
            damaged: unread.is_some(),
            review,
        })
    }

    /// Saves the review beside the record; returns where.
    pub fn save(&mut self) -> Result<PathBuf, String> {
        if self.damaged {
            let sidecar = path_for(&self.path, &self.record.id)?;
            let kept =
                sidecar.with_extension(format!("ron.damaged-{}", crate::session::record::now_ms()));
            std::fs::rename(&sidecar, &kept).map_err(|e| {
                format!(
                    "could not keep the damaged `{}` aside: {e}",
                    sidecar.display()
                )
            })?;
            self.damaged = false;
        }
        save(&self.path, &self.review)
    }
}
