//! The command line: `ipt-trainer` opens the app; `check` and `analyze` serve scenario authors.

mod analyze;
mod check;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Render the first frame, save it to this PNG file and exit (for tests and CI).
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
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
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check::run(&paths, format, deny_warnings),
        Command::Analyze { scenario, format } => analyze::run(&scenario, format),
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
