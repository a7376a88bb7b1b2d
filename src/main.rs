//! The `gongwen` command line: parses arguments and dispatches to `gongwen::cmd`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about = "Publish official Chinese documents as a cross-linked static site"
)]
struct Cli {
    /// The site's root folder (with seeds/ and content/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the recognised outline of one text: tree, ids, source lines and anomalies.
    Outline {
        /// A text file, usually under seeds/.
        file: PathBuf,
        /// Print the outline as JSON instead.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Outline { file, json } => gongwen::cmd::outline::run(&cli.root, &file, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
