//! `audit`: can the score be had without the skill? Plays a scenario with strategies that know
//! nothing of IPT (always the longest option, the shortest, the first listed, the last listed,
//! random choices, and the phrasing learnt from other courses' expert options) and reports what
//! they score, beside the surface of the options that such strategies feed on: how often the
//! expert option is the longest, phrases only experts say, prompts that name the task, how many
//! options each decision offers.
//!
//! It runs the real engine with no window, so what it reports is what a trainee would get.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, LazyLock};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde::Serialize;

use crate::scenario::model::{Node, ProblemArea, Scenario};
use crate::scoring::rubric::Headline;
use crate::session::engine::{Answer, Engine, Offered, Prompt};

/// How a strategy picks among the options shown (in the order shown, which the engine
/// shuffles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// The author's expert choice: the reference every other strategy is measured against.
    Expert,
    Longest,
    Shortest,
    /// The option of middle length (the shorter of two): what a trainee who has learnt that
    /// the expert is neither the longest nor the shortest would pick.
    Middle,
    FirstListed,
    LastListed,
    /// The option whose words sound most like the expert options of other courses: what a
    /// trainee who has played the rest of the library, and learnt its phrasing rather than IPT,
    /// would pick. Played only when there is a [`Phrasebook`] to learn from.
    Learned,
    /// The same, reading only the small words (pronouns, auxiliaries, "let's", "what", "so"):
    /// the voice of the options with their content taken out: at most the stance (asking, not
    /// telling).
    LearnedVoice,
}

impl Strategy {
    /// The strategies that read only the surface of the options.
    pub const SURFACE: [Strategy; 5] = [
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::Middle,
        Strategy::FirstListed,
        Strategy::LastListed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Strategy::Expert => "expert",
            Strategy::Longest => "longest",
            Strategy::Shortest => "shortest",
            Strategy::Middle => "middle length",
            Strategy::FirstListed => "first listed",
            Strategy::LastListed => "last listed",
            Strategy::Learned => "learned phrasing",
            Strategy::LearnedVoice => "learned voice",
        }
    }

    /// The index of the option this strategy picks: the expert reads the engine, a learned
    /// strategy its phrasebook among `books` (the first option without one), the rest only the
    /// options.
    fn choose(self, engine: &Engine, options: &[Offered], books: &[Phrasebook]) -> usize {
        match self {
            Strategy::Expert => expert_pick(engine, options),
            Strategy::Learned | Strategy::LearnedVoice => books
                .iter()
                .find(|book| book.strategy() == self)
                .map_or(0, |book| book.pick(options)),
            surface => surface.pick(options),
        }
    }

    /// The index of the option a strategy that reads only the options picks (the expert and
    /// the learned strategy choose through [`Strategy::choose`]).
    fn pick(self, options: &[Offered]) -> usize {
        let length = |i: &usize| options.get(*i).map_or(0, |o| o.text.chars().count());
        let indices = 0..options.len();
        match self {
            // Ties go to the option shown first, as a reader scanning down would pick
            // (`max_by_key` keeps the last of equals, `min_by_key` the first).
            Strategy::Longest => indices.rev().max_by_key(length).unwrap_or(0),
            Strategy::Shortest => indices.min_by_key(length).unwrap_or(0),
            Strategy::Middle => {
                let mut by_length: Vec<usize> = indices.collect();
                by_length.sort_by_key(length);
                by_length
                    .get(by_length.len().saturating_sub(1) / 2)
                    .copied()
                    .unwrap_or(0)
            }
            Strategy::FirstListed
            | Strategy::Expert
            | Strategy::Learned
            | Strategy::LearnedVoice => 0,
            Strategy::LastListed => options.len().saturating_sub(1),
        }
    }
}

/// What a phrasebook reads of an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Every word.
    Words,
    /// Only the small words, every other word read as a blank: the voice without the content.
    Voice,
}

/// The phrasing of expert and other options in a set of courses, as a trainee who played them
/// might learn it: each run of three words weighed by how much more often expert options say it
/// than the others do.
#[derive(Debug, Clone)]
pub struct Phrasebook {
    reading: Reading,
    weights: HashMap<String, f64>,
}

impl Phrasebook {
    /// Learns from every decision with an expert choice in `scenarios`.
    pub fn learn<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>, reading: Reading) -> Self {
        let mut expert: HashMap<String, f64> = HashMap::new();
        let mut other: HashMap<String, f64> = HashMap::new();
        for turn in scenarios.into_iter().flat_map(Scenario::trainee_turns) {
            for choice in &turn.choices {
                let side = if turn.expert.as_ref() == Some(&choice.id) {
                    &mut expert
                } else {
                    &mut other
                };
                for gram in read(&choice.text, reading) {
                    *side.entry(gram).or_default() += 1.0;
                }
            }
        }
        let grams: BTreeSet<&String> = expert.keys().chain(other.keys()).collect();
        // Smoothed log odds; a decision has one expert option to two or three others, so a
        // phrase both sides use alike weighs a little below nothing.
        let weights = grams
            .into_iter()
            .map(|gram| {
                let e = expert.get(gram).copied().unwrap_or(0.0);
                let o = other.get(gram).copied().unwrap_or(0.0);
                (gram.clone(), ((e + 0.5) / (o + 1.0)).ln())
            })
            .collect();
        Phrasebook { reading, weights }
    }

    /// Learns from `library` without the course `id`: a trainee meeting that course for the
    /// first time.
    pub fn without(library: &[Scenario], id: &str, reading: Reading) -> Self {
        Phrasebook::learn(library.iter().filter(|s| s.id != id), reading)
    }

    /// Both readings of `library` without the course `id`.
    pub fn both_without(library: &[Scenario], id: &str) -> Vec<Self> {
        [Reading::Words, Reading::Voice]
            .into_iter()
            .map(|reading| Phrasebook::without(library, id, reading))
            .collect()
    }

    /// The strategy that plays by this phrasebook.
    pub fn strategy(&self) -> Strategy {
        match self.reading {
            Reading::Words => Strategy::Learned,
            Reading::Voice => Strategy::LearnedVoice,
        }
    }

    /// How much an option sounds like an expert's: phrases never seen count for nothing.
    fn score(&self, text: &str) -> f64 {
        read(text, self.reading)
            .iter()
            .filter_map(|gram| self.weights.get(gram))
            .sum()
    }

    /// The option that sounds most like an expert's; ties go to the one shown first.
    fn pick(&self, options: &[Offered]) -> usize {
        let scores: Vec<f64> = options.iter().map(|o| self.score(&o.text)).collect();
        (0..options.len())
            .rev()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
            .unwrap_or(0)
    }
}

/// A headline skill's percentage in a run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeadlinePercent {
    pub headline: Headline,
    pub percent: u8,
}

/// What one strategy scored, formulating one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub strategy: Strategy,
    /// The area formulated (with every statement that supports it).
    pub area: ProblemArea,
    /// False when the strategy never reached an ending (it went round a loop).
    pub finished: bool,
    pub percent: u8,
    pub headlines: Vec<HeadlinePercent>,
    pub passed: bool,
    /// The ending reached, by id.
    pub ending: Option<String>,
    /// Choices made on the way.
    pub decisions: usize,
    /// The decisions, by node id, where it made the expert's choice: how far, and where, a
    /// strategy that knows no IPT follows the expert, pass or not.
    pub agreed: Vec<String>,
    /// Sessions the course went through.
    pub sessions: usize,
}

/// What many random walks scored, and how much of the scenario they saw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RandomWalks {
    pub walks: usize,
    pub passes: usize,
    pub finished: usize,
    pub mean_percent: f64,
    pub best_percent: u8,
    /// Client, trainee, formulation and ending nodes some walk visited, of all of them.
    pub nodes_visited: usize,
    pub nodes: usize,
    pub choices_chosen: usize,
    pub choices: usize,
    /// Each ending reached, with how many walks reached it.
    pub endings: Vec<(String, usize)>,
}

/// A phrase and how many options say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phrase {
    pub text: String,
    pub count: usize,
}

/// A trainee prompt that names what the trainee is to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskPrompt {
    pub node: String,
    pub prompt: String,
    /// The rubric words it uses.
    pub words: Vec<&'static str>,
}

/// The surface of the options, which strategies that know nothing of IPT feed on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Surface {
    /// Decisions with an expert choice and at least two options.
    pub decisions: usize,
    /// Of those, the ones where the expert option is strictly the longest.
    pub expert_longest: usize,
    /// And the ones where it is strictly the shortest: over-correcting the first give-away makes
    /// the opposite one.
    pub expert_shortest: usize,
    /// Mean length in characters of the expert options and of the others, over those decisions.
    pub expert_chars: f64,
    pub other_chars: f64,
    /// How many decisions offer 1, 2, 3, 4, and 5 or more options.
    pub options: [usize; 5],
    /// Of those decisions, the expert options that ask a question, and the other options that
    /// do, of how many: when only the expert asks, the question mark is the give-away.
    pub expert_asks: usize,
    pub others_ask: usize,
    pub others: usize,
    /// Phrases of three words said by two or more expert options and by no other option.
    pub expert_phrases: Vec<Phrase>,
    pub task_prompts: Vec<TaskPrompt>,
}

impl Surface {
    /// The share of decisions where the expert option is strictly the longest.
    pub fn expert_longest_share(&self) -> f64 {
        share(self.expert_longest, self.decisions)
    }

    /// The share of decisions where the expert option is strictly the shortest.
    pub fn expert_shortest_share(&self) -> f64 {
        share(self.expert_shortest, self.decisions)
    }

    /// Mean expert length over mean other length.
    pub fn length_ratio(&self) -> f64 {
        if self.other_chars > 0.0 {
            self.expert_chars / self.other_chars
        } else {
            1.0
        }
    }

    /// The share of expert options that ask a question.
    pub fn expert_asks_share(&self) -> f64 {
        share(self.expert_asks, self.decisions)
    }

    /// The share of the other options that ask a question.
    pub fn others_ask_share(&self) -> f64 {
        share(self.others_ask, self.others)
    }

    /// The share of decisions that offer three or four options.
    pub fn three_or_four_share(&self) -> f64 {
        let all: usize = self.options.iter().sum();
        share(self.options[2] + self.options[3], all)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Everything the audit found about one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    pub scenario: String,
    /// The expert, then each surface strategy, each with the right area and then each wrong
    /// one.
    pub runs: Vec<Run>,
    /// Random choices, with the expert's formulation.
    pub random: RandomWalks,
    pub surface: Surface,
}

impl Audit {
    /// A strategy's run with the right area.
    pub fn run(&self, strategy: Strategy, area: ProblemArea) -> Option<&Run> {
        self.runs
            .iter()
            .find(|r| r.strategy == strategy && r.area == area)
    }

    /// The surface strategies that pass with the expert's formulation: the audit's worst news.
    pub fn passing_surface_strategies(&self, answer: ProblemArea) -> Vec<&Run> {
        Strategy::SURFACE
            .iter()
            .filter_map(|&s| self.run(s, answer))
            .filter(|r| r.passed)
            .collect()
    }
}

/// The most choices a strategy makes before the audit decides it is going round a loop.
const MAX_DECISIONS: usize = 10_000;

/// Audits a scenario: the expert and the surface strategies with every area (and a learned
/// strategy for each of `books`, learnt from other courses), and `walks` random walks. `seed`
/// fixes the client's line variants, the order options are shown in and the random choices.
pub fn audit(scenario: &Scenario, walks: usize, seed: u64, books: &[Phrasebook]) -> Audit {
    let shared = Arc::new(scenario.clone());
    let answer = scenario.answer.problem_area;
    let areas: Vec<ProblemArea> = std::iter::once(answer)
        .chain(ProblemArea::ALL.into_iter().filter(|&a| a != answer))
        .collect();
    let learned = books.iter().map(Phrasebook::strategy);
    let mut runs = Vec::new();
    for strategy in std::iter::once(Strategy::Expert)
        .chain(Strategy::SURFACE)
        .chain(learned)
    {
        for &area in &areas {
            let played = play(&shared, seed, area, &mut |engine, options| {
                strategy.choose(engine, options, books)
            });
            runs.push(Played::run(played.as_ref(), strategy, area));
        }
    }
    Audit {
        scenario: scenario.id.clone(),
        runs,
        random: random_walks(&shared, walks, seed),
        surface: surface(scenario),
    }
}

/// One strategy's run with the right area formulated, as `check` uses it.
pub fn play_strategy(scenario: &Arc<Scenario>, strategy: Strategy, seed: u64) -> Run {
    let area = scenario.answer.problem_area;
    let played = play(scenario, seed, area, &mut |engine, options| {
        strategy.choose(engine, options, &[])
    });
    Played::run(played.as_ref(), strategy, area)
}

/// The index of the expert's answer among the options shown (the first if there is none).
fn expert_pick(engine: &Engine, options: &[Offered]) -> usize {
    match engine.expert_answer() {
        Some(Answer::Choice { id, .. }) => options.iter().position(|o| o.id == id).unwrap_or(0),
        _ => 0,
    }
}

/// A course played to its end by a picking rule.
struct Played {
    engine: Engine,
    decisions: usize,
    /// Of those, the nodes where the choice was the expert's.
    agreed: Vec<String>,
    /// Ids of the nodes where the engine asked something, and of the choices made.
    asked: Vec<String>,
    chosen: Vec<String>,
}

impl Played {
    /// What a course scored; a course that could not start scored nothing.
    fn run(played: Option<&Played>, strategy: Strategy, area: ProblemArea) -> Run {
        let Some(played) = played else {
            return Run {
                strategy,
                area,
                finished: false,
                percent: 0,
                headlines: Vec::new(),
                passed: false,
                ending: None,
                decisions: 0,
                agreed: Vec::new(),
                sessions: 0,
            };
        };
        played.scored(strategy, area)
    }

    fn scored(&self, strategy: Strategy, area: ProblemArea) -> Run {
        let card = self.engine.scorecard();
        let finished = self.engine.is_finished();
        let sessions: BTreeSet<u8> = self
            .engine
            .transcript
            .iter()
            .filter_map(|e| match e {
                crate::session::engine::Event::SessionStart { number, .. } => Some(*number),
                _ => None,
            })
            .collect();
        Run {
            strategy,
            area,
            finished,
            percent: card.percent,
            headlines: card
                .headlines
                .iter()
                .map(|h| HeadlinePercent {
                    headline: h.headline,
                    percent: h.percent,
                })
                .collect(),
            passed: finished && card.passed,
            ending: self.ending(),
            decisions: self.decisions,
            agreed: self.agreed.clone(),
            sessions: sessions.len(),
        }
    }

    fn ending(&self) -> Option<String> {
        match self.engine.current_node() {
            Some(Node::Ending(e)) if self.engine.is_finished() => Some(e.id.clone()),
            _ => None,
        }
    }
}

/// Plays a course choosing with `pick` and formulating `area` with every statement that
/// supports it (the best case for that area); `None` if the course cannot start (validation
/// lets no such scenario through).
fn play(
    scenario: &Arc<Scenario>,
    seed: u64,
    area: ProblemArea,
    pick: &mut dyn FnMut(&Engine, &[Offered]) -> usize,
) -> Option<Played> {
    let mut played = Played {
        engine: Engine::new(Arc::clone(scenario), seed).ok()?,
        decisions: 0,
        agreed: Vec::new(),
        asked: Vec::new(),
        chosen: Vec::new(),
    };
    while played.decisions < MAX_DECISIONS {
        let engine = &played.engine;
        let answer = match (engine.prompt(), engine.current_node()) {
            (Prompt::Choose { node, options, .. }, _) => {
                played.asked.push(node.clone());
                let Some(option) = options.get(pick(engine, options)) else {
                    break;
                };
                played.chosen.push(option.id.clone());
                played.decisions += 1;
                let expert = expert_pick(engine, options);
                if options.get(expert).is_some_and(|e| e.id == option.id) {
                    played.agreed.push(node.clone());
                }
                Answer::Choice {
                    id: option.id.clone(),
                    written: None,
                }
            }
            (Prompt::Formulate { node, .. }, Some(Node::Formulation(f))) => {
                played.asked.push(node.clone());
                Answer::Formulation {
                    area,
                    ticked: f.supporting(area),
                }
            }
            _ => break,
        };
        if played.engine.answer(&answer).is_err() {
            break;
        }
    }
    Some(played)
}

fn random_walks(scenario: &Arc<Scenario>, walks: usize, seed: u64) -> RandomWalks {
    let answer = scenario.answer.problem_area;
    let mut visited: BTreeSet<String> = BTreeSet::new();
    let mut chosen: BTreeSet<String> = BTreeSet::new();
    let mut endings: BTreeMap<String, usize> = BTreeMap::new();
    let (mut passes, mut finished, mut total, mut best) = (0, 0, 0u64, 0u8);
    // Which node each client line belongs to, so that the transcript tells which client turns
    // a walk heard.
    let line_node: HashMap<&str, &str> = scenario
        .client_turns()
        .flat_map(|turn| turn.lines.iter().map(|l| (l.id.as_str(), turn.id.as_str())))
        .collect();
    for walk in 0..walks {
        let walk_seed = seed.wrapping_add(walk as u64);
        // The choices draw from a stream of their own, apart from the engine's (seeded with
        // `walk_seed` too), so that what is picked does not follow what the client said.
        let mut rng = StdRng::seed_from_u64(walk_seed ^ 0x5eed_f00d);
        let played = play(scenario, walk_seed, answer, &mut |_, options| {
            let indices: Vec<usize> = (0..options.len()).collect();
            indices.choose(&mut rng).copied().unwrap_or(0)
        });
        let run = Played::run(played.as_ref(), Strategy::Expert, answer);
        passes += usize::from(run.passed);
        finished += usize::from(run.finished);
        total += u64::from(run.percent);
        best = best.max(run.percent);
        if let Some(ending) = &run.ending {
            *endings.entry(ending.clone()).or_default() += 1;
            visited.insert(ending.clone());
        }
        let Some(played) = played else { continue };
        visited.extend(played.asked.iter().cloned());
        chosen.extend(played.chosen.iter().cloned());
        for event in &played.engine.transcript {
            if let crate::session::engine::Event::Client { line, .. } = event
                && let Some(node) = line_node.get(line.as_str())
            {
                visited.insert((*node).to_owned());
            }
        }
    }
    let nodes = scenario
        .nodes()
        .filter(|n| !matches!(n, Node::Branch(_)))
        .count();
    let choices = scenario.trainee_turns().map(|t| t.choices.len()).sum();
    RandomWalks {
        walks,
        passes,
        finished,
        mean_percent: if walks == 0 {
            0.0
        } else {
            total as f64 / walks as f64
        },
        best_percent: best,
        nodes_visited: visited.len(),
        nodes,
        choices_chosen: chosen.len(),
        choices,
        endings: endings.into_iter().collect(),
    }
}

/// Words in a trainee prompt that name the rubric task, which a trainee should have to
/// recognise for themselves. Matched in lower case, word by word, the last word as a word start
/// (`formulat` matches "formulation"); punctuation between words does not matter.
pub const TASK_WORDS: &[&str] = &[
    "sick role",
    "inventory",
    "onset",
    "problem area",
    "formulat",
    "here and now",
    "time limit",
    "sessions remain",
    "sessions left",
    "course in view",
    "termination",
    "raise the ending",
    "risk",
    "safety",
    "suicid",
    "diagnos",
    "transference",
    "strateg",
    "credit",
    "warning sign",
    "relapse",
    "stressor",
    "contract",
    "grief",
    "mourn",
    "role dispute",
    "role transition",
    "deficit",
    "renegotiat",
    "impasse",
    "dissolution",
];

/// [`TASK_WORDS`], each split into its words once: `check` asks every prompt about every one.
static TASK_PHRASES: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    TASK_WORDS
        .iter()
        .map(|phrase| (*phrase, words_of(phrase).collect()))
        .collect()
});

/// The rubric words a prompt uses.
pub fn task_words(prompt: &str) -> Vec<&'static str> {
    let words: Vec<String> = words_of(prompt).map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    TASK_PHRASES
        .iter()
        .filter(|(_, parts)| names_phrase(&words, parts))
        .map(|(phrase, _)| *phrase)
        .collect()
}

/// The words of a text, without punctuation.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether the words hold the phrase's words in a row, the last one as a word start.
fn names_phrase(words: &[String], parts: &[&str]) -> bool {
    let Some((last, before)) = parts.split_last() else {
        return false;
    };
    parts.len() <= words.len()
        && words.windows(parts.len()).any(|run| {
            run.iter().zip(before).all(|(w, p)| w == p)
                && run.last().is_some_and(|w| w.starts_with(last))
        })
}

/// The surface facts of a scenario's options and prompts.
pub fn surface(scenario: &Scenario) -> Surface {
    let turns: Vec<_> = scenario.trainee_turns().collect();
    let mut options = [0usize; 5];
    let (mut decisions, mut expert_longest, mut expert_shortest) = (0, 0, 0);
    let (mut expert_chars, mut other_chars, mut others) = (0usize, 0usize, 0usize);
    let (mut expert_asks, mut others_ask) = (0usize, 0usize);
    let asks = |text: &str| text.contains('?');
    let mut task_prompts = Vec::new();
    for turn in &turns {
        if let Some(slot) = options.get_mut(turn.choices.len().clamp(1, 5) - 1) {
            *slot += 1;
        }
        let words = task_words(&turn.prompt);
        if !words.is_empty() {
            task_prompts.push(TaskPrompt {
                node: turn.id.clone(),
                prompt: turn.prompt.clone(),
                words,
            });
        }
        let Some(expert) = turn
            .expert
            .as_ref()
            .and_then(|e| turn.choices.iter().find(|c| &c.id == e))
        else {
            continue;
        };
        if turn.choices.len() < 2 {
            continue;
        }
        decisions += 1;
        expert_asks += usize::from(asks(&expert.text));
        others_ask += turn
            .choices
            .iter()
            .filter(|c| c.id != expert.id && asks(&c.text))
            .count();
        let length = expert.text.chars().count();
        expert_chars += length;
        let rest: Vec<usize> = turn
            .choices
            .iter()
            .filter(|c| c.id != expert.id)
            .map(|c| c.text.chars().count())
            .collect();
        other_chars += rest.iter().sum::<usize>();
        others += rest.len();
        if rest.iter().all(|&l| l < length) {
            expert_longest += 1;
        }
        if rest.iter().all(|&l| l > length) {
            expert_shortest += 1;
        }
    }
    Surface {
        decisions,
        expert_longest,
        expert_shortest,
        expert_chars: mean(expert_chars, decisions),
        other_chars: mean(other_chars, others),
        options,
        expert_asks,
        others_ask,
        others,
        expert_phrases: expert_phrases(std::slice::from_ref(scenario), 2),
        task_prompts,
    }
}

fn mean(sum: usize, count: usize) -> f64 {
    if count == 0 {
        0.0
    } else {
        sum as f64 / count as f64
    }
}

/// Phrases of three words that `at_least` expert options say and no other option does, most
/// said first: a trainee who learns them can find the expert without the skill.
pub fn expert_phrases(scenarios: &[Scenario], at_least: usize) -> Vec<Phrase> {
    let mut expert: HashMap<String, usize> = HashMap::new();
    let mut other: BTreeSet<String> = BTreeSet::new();
    for turn in scenarios.iter().flat_map(Scenario::trainee_turns) {
        for choice in &turn.choices {
            let grams = trigrams(&choice.text);
            if turn.expert.as_ref() == Some(&choice.id) {
                for gram in grams {
                    *expert.entry(gram).or_default() += 1;
                }
            } else {
                other.extend(grams);
            }
        }
    }
    let mut phrases: Vec<Phrase> = expert
        .into_iter()
        .filter(|(gram, count)| *count >= at_least && !other.contains(gram))
        .map(|(text, count)| Phrase { text, count })
        .collect();
    phrases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    phrases
}

/// The distinct runs of three words in a text, in lower case without punctuation.
fn trigrams(text: &str) -> BTreeSet<String> {
    read(text, Reading::Words)
}

/// The small words a voice is made of: every other word reads as a blank.
const SMALL_WORDS: &[&str] = &[
    "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "it", "its", "we", "us",
    "our", "they", "them", "their", "this", "that", "these", "those", "a", "an", "the", "and",
    "or", "but", "if", "so", "because", "as", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "about", "into", "after", "before", "up", "out", "than", "then", "there", "here",
    "what", "which", "who", "when", "where", "why", "how", "not", "no", "yes", "do", "does", "did",
    "be", "is", "am", "are", "was", "were", "been", "have", "has", "had", "will", "would",
    "should", "can", "could", "may", "might", "must", "let's", "let", "i'm", "you're", "it's",
    "that's", "there's", "don't", "doesn't", "didn't", "isn't", "won't", "can't", "i'd", "you'd",
    "i'll", "you'll", "we'll", "you've", "i've", "what's", "very", "really", "just", "too", "also",
    "still", "even", "only", "all", "some", "any", "more", "much", "each", "every", "now", "today",
    "week",
];

/// The distinct runs of three words in a text as `reading` reads them, in lower case without
/// punctuation.
fn read(text: &str, reading: Reading) -> BTreeSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let word = w.to_lowercase();
            match reading {
                Reading::Voice if !SMALL_WORDS.contains(&word.as_str()) => "_".to_owned(),
                _ => word,
            }
        })
        .collect();
    words.windows(3).map(|w| w.join(" ")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::engine::Offered;

    fn offered(texts: &[&str]) -> Vec<Offered> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Offered {
                id: i.to_string(),
                text: (*t).to_owned(),
            })
            .collect()
    }

    #[test]
    fn strategies_pick_by_the_surface_only() {
        let options = offered(&["medium one", "the longest option here", "short", "tiny!"]);
        assert_eq!(Strategy::Longest.pick(&options), 1);
        assert_eq!(Strategy::Shortest.pick(&options), 2);
        assert_eq!(Strategy::Middle.pick(&options), 3);
        assert_eq!(Strategy::FirstListed.pick(&options), 0);
        assert_eq!(Strategy::LastListed.pick(&options), 3);
        // Ties go to the option shown first.
        let tied = offered(&["abc", "xyz"]);
        assert_eq!(Strategy::Longest.pick(&tied), 0);
        assert_eq!(Strategy::Shortest.pick(&tied), 0);
    }

    /// A generated course whose first decision offers `expert` and `others`.
    fn course(salt: usize, expert: &str, others: &[&str]) -> Scenario {
        let mut scenario = crate::scenario::synthetic::scenario(12, salt);
        let Some(Node::Trainee(turn)) = scenario.course.sessions[0]
            .nodes
            .iter_mut()
            .find(|n| matches!(n, Node::Trainee(_)))
        else {
            panic!("the ladder has a trainee turn");
        };
        turn.choices.truncate(1);
        let mut template = turn.choices[0].clone();
        turn.choices[0].text = expert.to_owned();
        turn.expert = Some(turn.choices[0].id.clone());
        for (i, text) in others.iter().enumerate() {
            template.id = format!("other-{i}");
            template.text = (*text).to_owned();
            turn.choices.push(template.clone());
        }
        scenario
    }

    #[test]
    fn the_learned_strategy_follows_the_phrasing_of_other_courses() {
        let seen = [
            course(
                1,
                "Let's look back at what changed for you",
                &["You'll be fine, honestly", "Keep a chart out of ten"],
            ),
            course(
                2,
                "Let's look back at how far you came",
                &["You'll be fine without me", "Rate it out of ten"],
            ),
        ];
        let book = Phrasebook::learn(&seen, Reading::Words);
        // A new course's options: the one in the experts' words wins, wherever it is shown.
        let options = offered(&["You'll be fine, I think", "Let's look back together"]);
        assert_eq!(book.pick(&options), 1);
        // Words never seen weigh nothing, so the first shown wins a tie.
        assert_eq!(
            book.pick(&offered(&["quite new words", "other new words"])),
            0
        );
        // Learning without a course leaves its phrasing out.
        let alone = Phrasebook::without(&seen[..1], &seen[0].id, Reading::Words);
        assert_eq!(alone.pick(&options), 0);
        // The voice reads the small words only: a question to the client against an opinion.
        let voice = Phrasebook::learn(
            &[
                course(3, "What was it like for you?", &["I think it was hard."]),
                course(
                    4,
                    "What was the chair to you?",
                    &["I think the chair mattered."],
                ),
            ],
            Reading::Voice,
        );
        let shown = offered(&["I think the house mattered.", "What was the house to you?"]);
        assert_eq!(voice.pick(&shown), 1);
        assert!(read("What was the house to you?", Reading::Voice).contains("what was the"));
        assert!(read("What was the house to you?", Reading::Voice).contains("the _ to"));
    }

    #[test]
    fn task_words_match_at_word_starts() {
        assert_eq!(
            task_words("Begin the interpersonal inventory."),
            vec!["inventory"]
        );
        assert_eq!(task_words("Formulate the case"), vec!["formulat"]);
        assert!(task_words("A brisk walk.").is_empty());
        assert_eq!(task_words("Keep the here-and-now"), vec!["here and now"]);
        assert_eq!(
            task_words("Three sessions remaining"),
            vec!["sessions remain"]
        );
        assert!(task_words("").is_empty());
    }

    #[test]
    fn trigrams_ignore_case_and_punctuation() {
        let grams = trigrams("Your part is, to come; your PART is");
        assert!(grams.contains("your part is"));
        assert!(grams.contains("part is to"));
        assert_eq!(grams.len(), 5);
    }
}
