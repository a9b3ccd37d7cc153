//! The command line: `ipt-trainer` opens the app; `check`, `analyze` and `audit` serve scenario
//! authors; `play` and `replay` run courses in the terminal.

/// `print!` for the commands' output. When the reader has gone (`ipt-trainer check | head -1`)
/// the command ends quietly, as a program killed by SIGPIPE would (exit 141), instead of
/// panicking on the broken pipe.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!($($arg)*)) };
}

/// `println!` for the commands' output; see [`out!`].
macro_rules! outln {
    () => { $crate::cli::write_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Writes to standard output, ending the program quietly if the reader has closed the pipe.
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_fmt(args).and_then(|()| stdout.flush())
        && error.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(141);
    }
}

mod analyze;
mod audit;
mod check;
pub mod play;
mod replay;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::check::check_file;
use crate::library::load_all;
use crate::report::Export;
use crate::scenario::load::Checked;
use crate::session::engine::Mode;

/// Practise Interpersonal Psychotherapy with scripted clients, scored like an IPT supervisor.
#[derive(Debug, Parser)]
#[command(name = "ipt-trainer", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Opens the app (the default when no command is given).
    #[command(flatten)]
    pub app: AppArgs,
}

/// Options of the app window.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AppArgs {
    /// A folder of your own scenarios to add to the built-in library (repeatable).
    #[arg(long = "scenarios", value_name = "DIR")]
    pub scenarios: Vec<PathBuf>,
    /// Render the window, save it to this PNG file and exit (for tests, CI and documentation).
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
    /// Print a line for every frame drawn (for the idle benchmark, `benches/idle.sh`).
    #[arg(long)]
    pub frame_stats: bool,
    /// Where attempts and settings are saved (default: $IPT_TRAINER_DATA, else the platform
    /// data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Open this scenario (by id) instead of the library: at its briefing, or with `--at` at a
    /// point of its course, played there with the expert's answers (nothing is saved).
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// With `--scenario`: a trainee turn or formulation node to open at, or `end` for the
    /// debrief.
    #[arg(long, value_name = "NODE", requires = "scenario")]
    pub at: Option<String>,
    /// With `--scenario`: play these answers first (the format of `play --answers`), then the
    /// expert's up to `--at`, if given. Shows what a given attempt looks like on any screen.
    #[arg(long, value_name = "FILE", requires = "scenario")]
    pub answers: Option<PathBuf>,
    /// Which screen to open (default: the one that fits `--scenario` and `--at`); `feedback`
    /// answers the node given by `--at` as an expert would and shows the feedback.
    #[arg(long, value_enum)]
    pub screen: Option<Screen>,
    /// Open this attempt record for review (what `ipt-trainer review RECORD` does).
    #[arg(long, value_name = "RECORD", conflicts_with = "scenario")]
    pub review: Option<PathBuf>,
}

/// The app's screens: the states of the app, and the names `--screen` takes. They live here,
/// beside the flag, so that the command line builds without Bevy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ValueEnum)]
#[cfg_attr(feature = "app", derive(bevy::prelude::States))]
pub enum Screen {
    /// The scenario library, with any load errors.
    #[default]
    Library,
    /// The referral note; start or resume.
    Briefing,
    /// A trainee turn of the course.
    Session,
    /// Choosing the problem area.
    Formulation,
    /// Practice mode: what the last answer earned.
    Feedback,
    /// The scorecard and the annotated transcript.
    Debrief,
    Settings,
    /// Every finished attempt over time, and what to practise next.
    History,
    /// A supervisor's review of one attempt (give it with `--review RECORD`).
    Review,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and report problems the way a compiler does.
    Check {
        /// Scenario files, or folders searched for `*.ron` (default: the built-in library).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit 1 if there are any).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Show a scenario's achievable scores, endings and paths.
    Analyze {
        /// A scenario file, or the id of a built-in scenario.
        scenario: String,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Play a course in the terminal (type a number or a choice id), or from an answers file.
    Play {
        /// A scenario file, or the id of a scenario in the library.
        scenario: String,
        /// The seed for client line variants and option order (default: the time).
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long, value_enum, default_value_t = Mode::Practice)]
        mode: Mode,
        /// Answers, one a line: a choice id, or `formulation: AREA STATEMENT...`.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Continue the newest unfinished attempt at this scenario.
        #[arg(long)]
        resume: bool,
        /// Where attempts are saved (default: $IPT_TRAINER_DATA, else the platform data folder).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
        /// A folder of your own scenarios (repeatable).
        #[arg(long = "scenarios", value_name = "DIR")]
        scenarios: Vec<PathBuf>,
    },
    /// Play each scenario with strategies that know nothing of IPT (longest option, shortest,
    /// first listed, last listed, random) and report what they score: can the score be had
    /// without the skill?
    Audit {
        /// Scenario files, folders of them, or ids of scenarios in the library (default: the
        /// built-in library).
        scenarios: Vec<String>,
        /// How many random walks to play per scenario.
        #[arg(long, default_value_t = 100)]
        walks: usize,
        /// The seed for line variants, option order and the random walks.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Re-run a saved attempt and check that it reproduces its scorecard.
    Replay {
        /// An attempt record (`.ron`) from the data folder.
        record: PathBuf,
        /// Score a record made under older scoring rules under today's (the record itself is
        /// not changed).
        #[arg(long)]
        rescore: bool,
        /// A folder of your own scenarios (repeatable).
        #[arg(long = "scenarios", value_name = "DIR")]
        scenarios: Vec<PathBuf>,
    },
    /// Open the app on an attempt record, to review it as a supervisor: step through every
    /// decision, comment, and rate the attempt on the rubric.
    Review {
        /// An attempt record (`.ron`); the review is saved beside it (`<id>.review.ron`).
        record: PathBuf,
        #[command(flatten)]
        app: AppArgs,
    },
    /// Export attempts for supervision: one record gives the report of that attempt, several
    /// (or `--all`) a progress report with what to practise next.
    Report {
        /// Attempt records (`.ron`); a review beside a record (`<id>.review.ron`) is included.
        records: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Export::Html)]
        format: Export,
        /// Write the report to this file (atomically) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A progress report over every attempt in the data folder.
        #[arg(long)]
        all: bool,
        /// A progress report even of a single record.
        #[arg(long)]
        progress: bool,
        /// Print the JSON schema of reports instead.
        #[arg(long, conflicts_with_all = ["records", "all"])]
        schema: bool,
        /// Where attempts are saved, for `--all` (default: $IPT_TRAINER_DATA, else the platform
        /// data folder).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
        /// A folder of your own scenarios (repeatable).
        #[arg(long = "scenarios", value_name = "DIR")]
        scenarios: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// Exit codes shared by the commands.
pub mod exit {
    /// Everything is in order.
    pub const OK: u8 = 0;
    /// The scenarios have errors (or warnings, with `--deny-warnings`).
    pub const FINDINGS: u8 = 1;
    /// The command could not run: bad arguments, or a file or folder that cannot be read.
    pub const USAGE: u8 = 2;
}

/// Runs a command; `None` means no command was given and the app should open.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Review { .. } => {
            eprintln!("error: `review` opens the app; this build has no window");
            exit::USAGE
        }
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check::run(&paths, format, deny_warnings),
        Command::Analyze { scenario, format } => analyze::run(&scenario, format),
        Command::Play {
            scenario,
            seed,
            mode,
            answers,
            resume,
            data_dir,
            scenarios,
        } => play::run(play::PlayArgs {
            scenario: &scenario,
            folders: &scenarios,
            seed,
            mode,
            answers: answers.as_deref(),
            resume,
            data: data_dir.as_deref(),
        }),
        Command::Audit {
            scenarios,
            walks,
            seed,
            format,
        } => audit::run(&scenarios, walks, seed, format),
        Command::Replay {
            record,
            rescore,
            scenarios,
        } => replay::run(&record, &scenarios, rescore),
        Command::Report {
            records,
            format,
            out,
            all,
            progress,
            schema,
            data_dir,
            scenarios,
        } => report::run(report::ReportArgs {
            records: &records,
            format,
            out: out.as_deref(),
            all,
            progress,
            schema,
            data: data_dir.as_deref(),
            folders: &scenarios,
        }),
    };
    ExitCode::from(code)
}

/// A diagnostics renderer suited to where the output goes: colours only on a terminal.
fn renderer() -> annotate_snippets::Renderer {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        annotate_snippets::Renderer::styled()
    } else {
        annotate_snippets::Renderer::plain()
    }
}

/// The scenarios named on the command line: files, folders of `*.ron` and ids of library
/// scenarios; the built-in library when none is named. A named file with errors has its
/// diagnostics printed and `Err` carries the exit code.
fn scenarios_named(names: &[String]) -> Result<Vec<crate::scenario::model::Scenario>, u8> {
    if names.is_empty() {
        return Ok(crate::library::built_in()
            .into_iter()
            .filter_map(|c| c.scenario)
            .collect());
    }
    let mut scenarios = Vec::new();
    for name in names {
        let path = std::path::Path::new(name);
        if path.is_dir() {
            let files = crate::library::scenario_files(&[path.to_path_buf()]).map_err(|e| {
                eprintln!("error: {e}");
                exit::USAGE
            })?;
            // In a folder, a file with errors is skipped with a word, so that one unfinished
            // file does not stop the rest from being audited.
            for file in files {
                let checked = check_file(&file);
                if checked.scenario.is_none() {
                    eprintln!(
                        "note: skipped `{}`: it has errors (see `ipt-trainer check`)",
                        checked.file
                    );
                }
                scenarios.extend(checked.scenario);
            }
        } else {
            scenarios.extend(find_scenario(name, &[])?.scenario);
        }
    }
    Ok(scenarios)
}

/// The library scenario with this id (built in, or in `folders`), never a file: what a record
/// names is looked up, not opened, so a record cannot make the program read an arbitrary file.
fn library_scenario(id: &str, folders: &[PathBuf]) -> Result<Checked, u8> {
    in_library(id, &load_all(folders)).cloned()
}

/// The scenario with this id in a library already loaded; said on standard error if it is not
/// there.
fn in_library<'a>(id: &str, library: &'a [Checked]) -> Result<&'a Checked, u8> {
    let found = library
        .iter()
        .find(|c| c.scenario.as_ref().is_some_and(|s| s.id == id));
    found.ok_or_else(|| {
        eprintln!(
            "error: no scenario `{}` in the library (add its folder with `--scenarios DIR`)",
            crate::scenario::ids::escaped(id)
        );
        exit::USAGE
    })
}

/// A scenario named on the command line: a file, or the id of one in the library (built-in or
/// in `folders`). A broken file's diagnostics are printed; `Err` carries the exit code.
fn find_scenario(name: &str, folders: &[PathBuf]) -> Result<Checked, u8> {
    let checked = if std::path::Path::new(name).is_file() {
        check_file(std::path::Path::new(name))
    } else {
        let found = load_all(folders)
            .into_iter()
            .find(|c| c.scenario.as_ref().is_some_and(|s| s.id == name));
        match found {
            Some(found) => found,
            None => {
                eprintln!(
                    "error: `{name}` is neither a file nor the id of a scenario in the library"
                );
                return Err(exit::USAGE);
            }
        }
    };
    if checked.scenario.is_none() {
        let renderer = renderer();
        for diagnostic in &checked.diagnostics {
            outln!("{}\n", diagnostic.render(&checked.source, &renderer));
        }
        eprintln!(
            "error: `{}` has errors; fix them first (see `ipt-trainer check`)",
            checked.file
        );
        let unreadable = checked
            .diagnostics
            .iter()
            .any(|d| d.code == crate::scenario::diagnostic::Code::Io);
        return Err(if unreadable {
            exit::USAGE
        } else {
            exit::FINDINGS
        });
    }
    Ok(checked)
}
