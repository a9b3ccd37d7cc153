//! `ipt-trainer play`: a whole course in the terminal, answered interactively (type a number
//! or a choice id) or from an answers file, saved after every step.
//!
//! Exit codes: 0 the course finished and was saved; 1 the answers ran out (the attempt is
//! saved, and `--resume` continues it) or none were given; 2 unusable input (a scenario with
//! errors, an answers file that does not fit the course) or nothing could be saved.

use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{exit, find_scenario};
use crate::files;
use crate::report::text;
use crate::scenario::diagnostic::did_you_mean;
use crate::scenario::ids::escaped;
use crate::scenario::model::{Node, ProblemArea, Scenario};
use crate::session::attempt::Attempt;
use crate::session::engine::{Engine, Mode, Prompt};
use crate::session::record::{Answer, now_ms};
use crate::session::store;

/// The largest answers file read: ten thousand answers fit in a tenth of it.
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;

/// The longest line read from the terminal; the rest of a longer line is skipped.
pub const MAX_LINE_BYTES: u64 = 64 * 1024;

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

/// One answer of an answers file, with its line number for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    pub number: usize,
    pub text: String,
}

/// Where answers come from.
enum Source {
    Script {
        file: String,
        lines: VecDeque<AnswerLine>,
        /// The line of the last answer taken.
        last: usize,
    },
    Terminal,
}

impl Source {
    fn next(&mut self) -> Option<String> {
        match self {
            Source::Script { lines, last, .. } => lines.pop_front().map(|line| {
                *last = line.number;
                line.text
            }),
            Source::Terminal => {
                out!("> ");
                read_terminal_line()
            }
        }
    }
}

/// A line typed at the terminal, at most [`MAX_LINE_BYTES`] long; `None` at the end of input.
/// A longer line ends the input (what is piped in is then not a trainee typing, and reading on
/// could go on for ever, as with `< /dev/zero`).
fn read_terminal_line() -> Option<String> {
    let mut line = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(MAX_LINE_BYTES)
        .read_until(b'\n', &mut line);
    match read {
        Ok(0) | Err(_) => None,
        Ok(_) if line.last() != Some(&b'\n') && line.len() as u64 >= MAX_LINE_BYTES => {
            eprintln!(
                "error: a line of input is over {}; reading stops here",
                files::size(MAX_LINE_BYTES)
            );
            None
        }
        Ok(_) => Some(String::from_utf8_lossy(&line).trim().to_owned()),
    }
}

/// Reads an answers file: one answer a line (a choice id, `CHOICE | own words`, or
/// `formulation: AREA STATEMENT...`). Blank lines, and lines starting with `#` or `//`, are
/// skipped.
pub(crate) fn read_answers(path: &Path) -> Result<Vec<AnswerLine>, String> {
    let text = files::read_text(path, MAX_ANSWERS_BYTES)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    Ok(text
        .lines()
        .enumerate()
        .map(|(i, line)| AnswerLine {
            number: i + 1,
            text: line.trim().to_owned(),
        })
        .filter(|l| !(l.text.is_empty() || l.text.starts_with('#') || l.text.starts_with("//")))
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

/// Some of what the user typed, as a message may quote it: hidden characters escaped and long
/// text cut short.
fn quoted(text: &str) -> String {
    const LONGEST: usize = 80;
    let shown: String = text.chars().take(LONGEST).collect();
    let more = if text.chars().count() > LONGEST {
        "..."
    } else {
        ""
    };
    format!("`{}{more}`", escaped(&shown))
}

/// The choice part of an answer line (`CHOICE | own words`).
fn choice_token(line: &str) -> &str {
    line.split_once('|')
        .map_or(line, |(choice, _)| choice)
        .trim()
}

/// Turns one line of input into an answer for the current prompt.
pub fn parse_answer(prompt: &Prompt, line: &str) -> Result<Answer, String> {
    match prompt {
        Prompt::Choose { options, .. } => {
            // `CHOICE | what I would say` keeps the trainee's own words beside the choice.
            let written = line
                .split_once('|')
                .map(|(_, own)| own.trim().to_owned())
                .filter(|w| !w.is_empty());
            let choice = choice_token(line);
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            pick(choice, &ids)
                .map(|id| Answer::Choice { id, written })
                .ok_or_else(|| {
                    format!(
                        "{} is not one of the options (1 to {})",
                        quoted(choice),
                        ids.len()
                    )
                })
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
                .map(|t| {
                    pick(t, &ids)
                        .ok_or_else(|| format!("{} is not one of the statements", quoted(t)))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Answer::Formulation { area, ticked })
        }
        Prompt::Ended { .. } => Err("the course has ended".into()),
    }
}

/// What an answers file got wrong, placed as `check` places a finding: the file and line, the
/// node, what was on offer, and the likely fix.
fn answers_error(file: &str, number: usize, line: &str, engine: &Engine, problem: &str) -> String {
    let mut message = format!("{file}:{number}: {problem}");
    match (engine.prompt(), engine.current_node()) {
        (Prompt::Choose { node, options, .. }, current) => {
            let offered: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            message.push_str(&format!(
                "\n  at `{node}` the options on offer are: {}",
                offered.join(", ")
            ));
            let token = choice_token(line);
            let hidden = matches!(current, Some(Node::Trainee(turn))
                if turn.choices.iter().any(|c| c.id == token));
            if hidden {
                message.push_str(&format!(
                    "\n  `{token}` is a choice here, but hidden in this state by its `when`"
                ));
            } else if let Some(suggestion) = did_you_mean(token, offered) {
                message.push_str(&format!("\n  {suggestion}"));
            }
        }
        (
            Prompt::Formulate {
                node, statements, ..
            },
            _,
        ) => {
            let ids: Vec<&str> = statements.iter().map(|s| s.id.as_str()).collect();
            message.push_str(&format!(
                "\n  at the formulation `{node}`, answer `formulation: AREA STATEMENT...`; the \
                 statements are: {}",
                ids.join(", ")
            ));
        }
        (Prompt::Ended { .. }, _) => {}
    }
    message
}

fn show_prompt(prompt: &Prompt) {
    match prompt {
        Prompt::Choose {
            prompt, options, ..
        } => {
            outln!("\n[{}]", escaped(prompt));
            for (i, option) in options.iter().enumerate() {
                outln!("  {}. {}", i + 1, escaped(&option.text));
            }
        }
        Prompt::Formulate {
            prompt, statements, ..
        } => {
            outln!("\n[{}]", escaped(prompt));
            for (i, area) in ProblemArea::ALL.iter().enumerate() {
                outln!("  area {}. {}", i + 1, area.label());
            }
            for (i, statement) in statements.iter().enumerate() {
                outln!("  statement {}. {}", i + 1, escaped(&statement.text));
            }
            outln!("  (answer with the area, then the statements that support it: `1 2 4`)");
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
            Ok(lines) => Source::Script {
                file: path.display().to_string(),
                lines: lines.into(),
                last: 0,
            },
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        },
        None => Source::Terminal,
    };
    let data = store::data_dir(args.data);
    match play(scenario, &args, data.as_deref(), &mut source) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

/// The unfinished attempt `--resume` continues, saying which damaged files it passed over.
fn to_resume(data: &Path, scenario: &str) -> Result<crate::session::record::AttemptRecord, String> {
    let scan = store::scan(data);
    let damaged: Vec<String> = scan
        .damaged_for(scenario)
        .map(|(path, why)| format!("`{}` ({why})", path.display()))
        .collect();
    match scan.unfinished(scenario) {
        Some((_, record)) => {
            for file in &damaged {
                eprintln!("warning: skipped a damaged attempt file, kept as it is: {file}");
            }
            Ok(record.clone())
        }
        None if damaged.is_empty() => {
            Err(format!("no unfinished attempt at `{scenario}` to resume"))
        }
        None => Err(format!(
            "no readable unfinished attempt at `{scenario}`; these files could not be read and \
             are kept as they are: {}",
            damaged.join("; ")
        )),
    }
}

/// Plays to the end or until the answers run out; the exit code (see the file's header).
fn play(
    scenario: &Scenario,
    args: &PlayArgs<'_>,
    data: Option<&Path>,
    source: &mut Source,
) -> Result<u8, String> {
    let resumed = match (args.resume, data) {
        (true, Some(data)) => Some(to_resume(data, &scenario.id)?),
        (true, None) => return Err("no data folder to resume from".into()),
        (false, _) => None,
    };
    if let (None, Some(data)) = (&resumed, data)
        && let Some((path, _)) = store::unfinished(data, &scenario.id)
    {
        outln!(
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
    outln!(
        "{} ({}), seed {}, {:?} mode",
        escaped(&scenario.title),
        escaped(&scenario.client.name),
        attempt.record.seed,
        attempt.mode()
    );
    let mut shown = 0;
    let mut answered = 0;
    loop {
        for event in &attempt.engine.transcript[shown..] {
            outln!("{}", text::event(scenario, event));
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
            outln!(
                "\n[{}] First, what would you say? (Enter to see the options)",
                escaped(task)
            );
            written = source.next().filter(|w| !w.is_empty());
        }
        show_prompt(&prompt);
        let Some(line) = source.next() else {
            return Ok(ran_out(&attempt, answered));
        };
        let answer = match parse_answer(&prompt, &line) {
            Ok(Answer::Choice { id, written: None }) if written.is_some() => {
                Answer::Choice { id, written }
            }
            Ok(answer) => answer,
            Err(message) => match source {
                Source::Terminal => {
                    outln!("{message}");
                    continue;
                }
                Source::Script { file, last, .. } => {
                    return Err(answers_error(file, *last, &line, &attempt.engine, &message));
                }
            },
        };
        let feedback = attempt.answer(answer).map_err(|e| e.to_string())?;
        answered += 1;
        if let Some(problem) = &attempt.unsaved {
            eprintln!("warning: {problem}");
        }
        if attempt.mode() == Mode::Practice {
            if let Some(rationale) = &feedback.rationale {
                outln!("  feedback: {}", escaped(rationale));
            }
            if let Some(expert) = &feedback.expert {
                outln!("  an expert might say: {}", escaped(expert));
            }
        }
    }
    out!("{}", text::scorecard(&attempt.engine.scorecard()));
    if let Some(problem) = &attempt.unsaved {
        eprintln!("error: the attempt was not saved: {problem}");
        return Ok(exit::USAGE);
    }
    match &attempt.saved_at {
        Some(path) => outln!("\nSaved: {}", path.display()),
        None if attempt.data_dir().is_none() => {
            eprintln!("error: there is no data folder, so the attempt was not saved");
            return Ok(exit::USAGE);
        }
        None => {}
    }
    if let Source::Script { file, lines, last } = source
        && let Some(next) = lines.front()
    {
        eprintln!(
            "error: {file}:{}: the course ended with the answer on line {last}; {} more \
             answer(s) from here on were not used",
            next.number,
            lines.len()
        );
        return Ok(exit::USAGE);
    }
    Ok(exit::OK)
}

/// When the answers run out before the end: what was kept, and the exit code.
fn ran_out(attempt: &Attempt, answered: usize) -> u8 {
    if let Some(problem) = &attempt.unsaved {
        eprintln!("error: the answers ran out, and the attempt was not saved: {problem}");
        return exit::USAGE;
    }
    match (&attempt.saved_at, answered) {
        (Some(path), _) => outln!(
            "\n(The answers ran out; the attempt is saved at {} and `--resume` continues it.)",
            path.display()
        ),
        (None, 0) => outln!("\n(No answers were given; nothing was saved.)"),
        (None, _) => {
            eprintln!("error: there is no data folder, so the attempt was not saved");
            return exit::USAGE;
        }
    }
    exit::FINDINGS
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
