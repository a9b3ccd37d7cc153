//! `ipt-trainer play`: a whole course in the terminal, answered interactively (type a number
//! or a choice id) or from an answers file, saved after every step.

use std::collections::VecDeque;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{exit, find_scenario};
use crate::report::text;
use crate::scenario::model::{ProblemArea, Scenario};
use crate::session::attempt::Attempt;
use crate::session::engine::{Engine, Mode, Prompt};
use crate::session::record::{Answer, now_ms};
use crate::session::store;

/// The options of `play`.
pub struct PlayArgs<'a> {
    pub scenario: &'a str,
    pub folders: &'a [PathBuf],
    pub seed: Option<u64>,
    pub mode: Mode,
    pub answers: Option<&'a Path>,
    pub resume: bool,
    pub data: Option<&'a Path>,
}

/// Where answers come from.
enum Source {
    Script(VecDeque<String>),
    Terminal,
}

impl Source {
    fn next(&mut self) -> Option<String> {
        match self {
            Source::Script(lines) => lines.pop_front(),
            Source::Terminal => {
                print!("> ");
                let _ = std::io::stdout().flush();
                let mut line = String::new();
                match std::io::stdin().lock().read_line(&mut line) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => Some(line.trim().to_owned()),
                }
            }
        }
    }
}

/// Reads an answers file: one answer a line (a choice id, or `formulation: AREA STATEMENT...`);
/// blank lines and `#` comments are skipped.
pub(crate) fn read_answers(path: &Path) -> Result<VecDeque<String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// A problem area by name (`Grief`, `role dispute`...) or by its number in the list shown.
fn parse_area(token: &str) -> Option<ProblemArea> {
    if let Ok(n) = token.parse::<usize>() {
        return ProblemArea::ALL.get(n.checked_sub(1)?).copied();
    }
    let wanted: String = token
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    ProblemArea::ALL
        .into_iter()
        .find(|a| format!("{a:?}").to_lowercase() == wanted || a.label().replace(' ', "") == wanted)
}

/// An item by its number in the list shown or by its id.
fn pick(token: &str, ids: &[&str]) -> Option<String> {
    match token.parse::<usize>() {
        Ok(n) => ids.get(n.checked_sub(1)?).map(|s| (*s).to_owned()),
        Err(_) => ids.iter().find(|id| **id == token).map(|s| (*s).to_owned()),
    }
}

/// Turns one line of input into an answer for the current prompt.
pub(crate) fn parse_answer(prompt: &Prompt, line: &str) -> Result<Answer, String> {
    match prompt {
        Prompt::Choose { options, .. } => {
            // `CHOICE | what I would say` keeps the trainee's own words beside the choice.
            let (choice, written) = match line.split_once('|') {
                Some((choice, own)) => (
                    choice.trim(),
                    Some(own.trim().to_owned()).filter(|w| !w.is_empty()),
                ),
                None => (line, None),
            };
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            pick(choice, &ids)
                .map(|id| Answer::Choice { id, written })
                .ok_or_else(|| format!("`{choice}` is not one of the options (1 to {})", ids.len()))
        }
        Prompt::Formulate { statements, .. } => {
            let line = line.strip_prefix("formulation:").unwrap_or(line);
            let mut tokens = line.split_whitespace();
            let area = tokens
                .next()
                .and_then(parse_area)
                .ok_or("start with the problem area: 1-4 or its name, e.g. `Grief`")?;
            let ids: Vec<&str> = statements.iter().map(|s| s.id.as_str()).collect();
            let ticked = tokens
                .map(|t| pick(t, &ids).ok_or_else(|| format!("`{t}` is not one of the statements")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Answer::Formulation { area, ticked })
        }
        Prompt::Ended { .. } => Err("the course has ended".into()),
    }
}

fn show_prompt(prompt: &Prompt) {
    match prompt {
        Prompt::Choose {
            prompt, options, ..
        } => {
            println!("\n[{prompt}]");
            for (i, option) in options.iter().enumerate() {
                println!("  {}. {}", i + 1, option.text);
            }
        }
        Prompt::Formulate {
            prompt, statements, ..
        } => {
            println!("\n[{prompt}]");
            for (i, area) in ProblemArea::ALL.iter().enumerate() {
                println!("  area {}. {}", i + 1, area.label());
            }
            for (i, statement) in statements.iter().enumerate() {
                println!("  statement {}. {}", i + 1, statement.text);
            }
            println!("  (answer with the area, then the statements that support it: `1 2 4`)");
        }
        Prompt::Ended { .. } => {}
    }
}

pub fn run(args: PlayArgs<'_>) -> u8 {
    let checked = match find_scenario(args.scenario, args.folders) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let Some(scenario) = &checked.scenario else {
        return exit::FINDINGS;
    };
    let mut source = match args.answers {
        Some(path) => match read_answers(path) {
            Ok(lines) => Source::Script(lines),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        },
        None => Source::Terminal,
    };
    let data = store::data_dir(args.data);
    match play(scenario, &args, data.as_deref(), &mut source) {
        Ok(true) => exit::OK,
        Ok(false) => exit::FINDINGS,
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

/// Plays to the end (true) or until the answers run out (false, the attempt stays resumable).
fn play(
    scenario: &Scenario,
    args: &PlayArgs<'_>,
    data: Option<&Path>,
    source: &mut Source,
) -> Result<bool, String> {
    let resumed = match (args.resume, data) {
        (true, Some(data)) => Some(
            store::unfinished(data, &scenario.id)
                .ok_or_else(|| format!("no unfinished attempt at `{}` to resume", scenario.id))?
                .1,
        ),
        (true, None) => return Err("no data folder to resume from".into()),
        (false, _) => None,
    };
    if let (None, Some(data)) = (&resumed, data)
        && let Some((path, _)) = store::unfinished(data, &scenario.id)
    {
        println!(
            "(An unfinished attempt is saved at {}; `--resume` continues it.)",
            path.display()
        );
    }
    let shared = Arc::new(scenario.clone());
    let data = data.map(Path::to_path_buf);
    let mut attempt = match resumed {
        Some(record) => Attempt::resume(shared, record, data)?,
        None => Attempt::start(shared, args.seed.unwrap_or_else(now_ms), args.mode, data)
            .map_err(|e| e.to_string())?,
    };
    println!(
        "{} ({}), seed {}, {:?} mode",
        scenario.title,
        scenario.client.name,
        attempt.record.seed,
        attempt.mode()
    );
    let mut shown = 0;
    loop {
        for event in &attempt.engine.transcript[shown..] {
            println!("{}", text::event(scenario, event));
        }
        shown = attempt.engine.transcript.len();
        if attempt.engine.is_finished() {
            break;
        }
        let prompt = attempt.engine.prompt().clone();
        // Write first: in the terminal the trainee may say it in their own words before seeing
        // the options (an answers file writes `CHOICE | own words` instead).
        let mut written = None;
        if let (Prompt::Choose { prompt: task, .. }, Source::Terminal) = (&prompt, &*source) {
            println!("\n[{task}] First, what would you say? (Enter to see the options)");
            written = source.next().filter(|w| !w.is_empty());
        }
        show_prompt(&prompt);
        let Some(line) = source.next() else {
            println!("\n(The answers ran out; the attempt is saved and `--resume` continues it.)");
            return Ok(false);
        };
        let answer = match parse_answer(&prompt, &line) {
            Ok(Answer::Choice { id, written: None }) if written.is_some() => {
                Answer::Choice { id, written }
            }
            Ok(answer) => answer,
            Err(message) if matches!(source, Source::Terminal) => {
                println!("{message}");
                continue;
            }
            Err(message) => return Err(format!("answers file: {message}")),
        };
        let feedback = attempt.answer(answer).map_err(|e| e.to_string())?;
        if let Some(problem) = &attempt.unsaved {
            eprintln!("warning: {problem}");
        }
        if attempt.mode() == Mode::Practice {
            if let Some(rationale) = &feedback.rationale {
                println!("  feedback: {rationale}");
            }
            if let Some(expert) = &feedback.expert {
                println!("  an expert might say: {expert}");
            }
        }
    }
    print!("{}", text::scorecard(&attempt.engine.scorecard()));
    if let (Some(path), None) = (&attempt.saved_at, &attempt.unsaved) {
        println!("\nSaved: {}", path.display());
    }
    Ok(true)
}

/// Plays a scenario from answers (choice ids and formulation lines) with no terminal, for
/// tests and tools: the finished engine.
pub fn script(scenario: &Scenario, seed: u64, answers: &[&str]) -> Result<Engine, String> {
    let mut engine = Engine::new(Arc::new(scenario.clone()), seed).map_err(|e| e.to_string())?;
    for line in answers {
        let answer = parse_answer(engine.prompt(), line)?;
        engine.answer(&answer).map_err(|e| e.to_string())?;
    }
    Ok(engine)
}
