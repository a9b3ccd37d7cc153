//! The `ipt-trainer` executable: opens the app, or runs an authoring command.

use std::process::ExitCode;

use clap::Parser;
use ipt_trainer::cli::{AppArgs, Cli, Command, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Review { record, app }) => open_app(AppArgs {
            review: Some(record),
            ..app
        }),
        Some(command) => run(command),
        None => open_app(cli.app),
    }
}

#[cfg(feature = "app")]
fn open_app(args: AppArgs) -> ExitCode {
    ipt_trainer::app::run(args)
}

#[cfg(not(feature = "app"))]
fn open_app(_: AppArgs) -> ExitCode {
    eprintln!(
        "error: this build has no window (built without the `app` feature); use a subcommand, see --help"
    );
    ExitCode::from(2)
}
