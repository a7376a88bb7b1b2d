//! The `gongwen` command line: parses arguments and dispatches to `gongwen::cmd`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A build makes millions of small strings on every core; with mimalloc a 2000-document
/// build takes about a fifth less CPU time than with the system allocator (README,
/// dependency notes).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Start a project: content/site.yaml, seeds/, a sample page, .gitignore and the GitHub
    /// Pages workflow (nothing existing is overwritten).
    Init {
        /// The project folder (default: ROOT, the current folder).
        dir: Option<PathBuf>,
    },
    /// Copy texts into seeds/ (as UTF-8 with LF line ends) and say what was recognised in
    /// each; a text already there, or a name already taken, adds nothing.
    Add {
        /// The texts (UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Build the site: seeds/ + content/ → public/.
    Build {
        /// The output folder (default: ROOT/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Where the site is published, e.g. https://owner.github.io/repo/ (overrides
        /// base_url in content/site.yaml).
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time each stage took.
        #[arg(long, short)]
        verbose: bool,
        /// Leave out what the site adds to the texts (glossary links and pages, resolved
        /// references, related passages, subjects): the baseline of the enrichment
        /// benchmark. Pages that link to the glossary or subjects fail the link check.
        #[arg(long, hide = true)]
        no_enrich: bool,
        /// Replace the output folder even if it is not empty and no build made it. The
        /// project's own folders (seeds/, content/, ...) are refused all the same.
        #[arg(long)]
        force: bool,
        /// Print nothing but errors (no progress, warnings or summary).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check every internal link and anchor of a built site.
    Check {
        /// The built site (default: ROOT/public).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Work on the glossary (content/glossary.yaml).
    Glossary {
        #[command(subcommand)]
        command: GlossaryCommand,
    },
    /// Work on translations (content/translations/<lang>/).
    Translations {
        #[command(subcommand)]
        command: TranslationsCommand,
    },
    /// Build, then rebuild whenever seeds/, content/, templates/ or theme/ change.
    Watch {
        #[command(flatten)]
        args: WatchArgs,
    },
    /// Watch, and serve the site on 127.0.0.1 with live reload.
    Serve {
        /// The port (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[command(flatten)]
        args: WatchArgs,
    },
    /// Print the recognised outline of one text: tree, ids, source lines and anomalies.
    Outline {
        /// A text file, usually under seeds/.
        file: PathBuf,
        /// Print the outline as JSON instead.
        #[arg(long)]
        json: bool,
    },
}

/// Options of `watch` and `serve`.
#[derive(clap::Args)]
struct WatchArgs {
    /// The output folder (default: ROOT/public).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Scan for changes instead of relying on file-system events (network and container
    /// file systems).
    #[arg(long)]
    poll: bool,
    /// Print the time each stage of a rebuild took.
    #[arg(long, short)]
    verbose: bool,
    /// Replace the output folder even if it is not empty and no build made it.
    #[arg(long)]
    force: bool,
}

impl WatchArgs {
    fn into_args(self, root: PathBuf) -> gongwen::cmd::watch::Args {
        gongwen::cmd::watch::Args {
            root,
            out: self.out,
            detect: if self.poll {
                gongwen::watch::Detect::Poll
            } else {
                gongwen::watch::Detect::Native
            },
            verbose: self.verbose,
            force: self.force,
        }
    }
}

#[derive(Subcommand)]
enum GlossaryCommand {
    /// List terms found in the texts but not yet in the glossary, with counts and lines.
    Suggest {
        /// Show at most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Subcommand)]
enum TranslationsCommand {
    /// Write or update the translation file of every document in LANG: every id with its
    /// source text, what is translated kept.
    Export {
        /// A language of content/site.yaml other than the source, e.g. en.
        lang: String,
    },
    /// Per document: how many units are translated, missing and stale, and which.
    Status {
        /// Only this language.
        lang: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root;
    let result = match cli.command {
        Command::Init { dir } => gongwen::cmd::init::run(&dir.unwrap_or(root)),
        Command::Add { files } => gongwen::cmd::add::run(&root, &files),
        Command::Build {
            out,
            base_url,
            verbose,
            no_enrich,
            force,
            quiet,
        } => gongwen::cmd::build::run(gongwen::cmd::build::Args {
            quiet,
            root,
            enrich: !no_enrich,
            force,
            out,
            base_url,
            verbose,
        }),
        Command::Check { dir } => {
            let dir = dir.unwrap_or_else(|| root.join("public"));
            gongwen::cmd::check::run(&root, &dir)
        }
        Command::Glossary {
            command: GlossaryCommand::Suggest { limit },
        } => gongwen::cmd::glossary::suggest(&root, limit),
        Command::Translations { command } => match command {
            TranslationsCommand::Export { lang } => {
                gongwen::cmd::translations::export(&root, &lang)
            }
            TranslationsCommand::Status { lang } => {
                gongwen::cmd::translations::status(&root, lang.as_deref())
            }
        },
        Command::Watch { args } => gongwen::cmd::watch::run(args.into_args(root)),
        Command::Serve { port, args } => gongwen::cmd::watch::serve(args.into_args(root), port),
        Command::Outline { file, json } => gongwen::cmd::outline::run(&root, &file, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
