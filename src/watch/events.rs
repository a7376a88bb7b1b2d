//! The event loop: notify (native events, or polling with `--poll`), debounced into
//! batches, each batch classified and rebuilt; Ctrl-C ends it cleanly.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher};

use super::{classify, relative, ChangeKind, Rebuilt, Session, WATCHED};
use crate::build::BuildOptions;

/// How long the files must be quiet before a batch is built: an editor's save (write a
/// temporary, rename it over the file) takes well under this.
const QUIET: Duration = Duration::from_millis(10);
/// How long after a file was closed after writing, or renamed into place, a batch waits for
/// the rest of the save (a backup removed, a second file): the file itself is complete.
const SETTLE: Duration = Duration::from_millis(2);
/// A batch is built after this long even if events keep coming.
const LONGEST: Duration = Duration::from_millis(1000);
/// How often `--poll` scans the folders.
const POLL: Duration = Duration::from_millis(200);

/// How native events are replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detect {
    /// inotify, FSEvents, ReadDirectoryChangesW.
    Native,
    /// Scan the watched folders (network and container file systems).
    Poll,
}

pub struct WatchOptions {
    pub build: BuildOptions,
    pub detect: Detect,
}

enum Msg {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// Called after each rebuild with the session, the changes built and the outcome.
pub type AfterRebuild<'a> = &'a mut dyn FnMut(&Session, &[ChangeKind], &Result<Rebuilt>);

/// Builds, then rebuilds on every change until Ctrl-C. `after` sees each rebuild's outcome
/// (the log line is printed by the caller); build errors never end the loop.
pub fn watch(opts: WatchOptions, after: AfterRebuild) -> Result<()> {
    // Absolute, so that event paths compare with it whatever `--root` was.
    let root = opts
        .build
        .root
        .canonicalize()
        .with_context(|| format!("{}: cannot open", opts.build.root.display()))?;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    })
    .context("cannot install the Ctrl-C handler")?;
    let handler = move |e| {
        let _ = tx.send(Msg::Fs(e));
    };
    let mut watcher: Box<dyn Watcher> = match opts.detect {
        Detect::Native => Box::new(notify::recommended_watcher(handler)?),
        Detect::Poll => Box::new(notify::PollWatcher::new(
            handler,
            // notify compares modification times in whole seconds: compare contents too,
            // or a second save within the same second goes unseen.
            notify::Config::default()
                .with_poll_interval(POLL)
                .with_compare_contents(true),
        )?),
    };
    let mut watched = BTreeSet::new();
    watch_folders(watcher.as_mut(), &root, &mut watched)?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| format!("{}: cannot watch", root.display()))?;
    let mut seen = Fingerprints::scan(&root);
    let mut session = Session::new(opts.build);
    let result = session.rebuild(&[]);
    after(&session, &[], &result);
    loop {
        let Some(paths) = next_batch(&rx) else {
            return Ok(());
        };
        let mut changes = BTreeSet::new();
        for path in paths {
            if path.parent() == Some(root.as_path()) && path.is_dir() {
                // A watched folder was created (templates/, theme/): watch it too.
                watch_folders(watcher.as_mut(), &root, &mut watched)?;
                for entry in walkdir::WalkDir::new(&path).into_iter().flatten() {
                    changes.extend(seen.changed(&root, entry.path()));
                }
            }
            changes.extend(seen.changed(&root, &path));
        }
        if changes.is_empty() {
            continue;
        }
        let changes: Vec<ChangeKind> = changes.into_iter().collect();
        let result = session.rebuild(&changes);
        after(&session, &changes, &result);
    }
}

fn watch_folders(
    watcher: &mut dyn Watcher,
    root: &Path,
    watched: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    for dir in WATCHED.map(|d| root.join(d)) {
        if dir.is_dir() && !watched.contains(&dir) {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .with_context(|| format!("{}: cannot watch", dir.display()))?;
            watched.insert(dir);
        }
    }
    Ok(())
}

/// Waits for a change, then for the files to be quiet; returns the paths touched, or None
/// on Ctrl-C.
fn next_batch(rx: &mpsc::Receiver<Msg>) -> Option<BTreeSet<PathBuf>> {
    let mut paths = BTreeSet::new();
    let mut first: Option<Instant> = None;
    let mut quiet = QUIET;
    loop {
        let msg = match first {
            None => rx.recv().ok()?,
            Some(t) => {
                let wait = quiet.min(LONGEST.saturating_sub(t.elapsed()));
                match rx.recv_timeout(wait) {
                    Ok(m) => m,
                    Err(mpsc::RecvTimeoutError::Timeout) => return Some(paths),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                }
            }
        };
        match msg {
            Msg::Stop => return None,
            Msg::Fs(Ok(event)) if relevant(&event.kind) => {
                quiet = if complete(&event.kind) { SETTLE } else { QUIET };
                paths.extend(event.paths);
                first.get_or_insert_with(Instant::now);
            }
            Msg::Fs(Ok(_)) => {}
            Msg::Fs(Err(e)) => eprintln!("watch: {e}"),
        }
    }
}

/// Reads (including the build's own) are not changes; a file closed after writing is.
fn relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether an event says a file is complete: closed after writing, or renamed into place
/// (an atomic save). A write still going on sends modifications, and waits [`QUIET`].
fn complete(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// The contents last seen of every input file, so that an event that changed nothing (a
/// save without edits, a `touch`, a backup written and removed) does not rebuild.
struct Fingerprints(HashMap<PathBuf, Option<u64>>);

impl Fingerprints {
    fn scan(root: &Path) -> Self {
        let mut map = HashMap::new();
        for dir in WATCHED {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if entry.file_type().is_file() {
                    map.insert(entry.path().to_path_buf(), fingerprint(entry.path()));
                }
            }
        }
        Fingerprints(map)
    }

    /// The change `path` makes, if it is an input and its contents differ from last time.
    fn changed(&mut self, root: &Path, path: &Path) -> Option<ChangeKind> {
        let kind = classify(&relative(root, path)?)?;
        if path.is_dir() {
            return None;
        }
        let now = fingerprint(path);
        let before = self.0.insert(path.to_path_buf(), now);
        (before != Some(now)).then_some(kind)
    }
}

fn fingerprint(path: &Path) -> Option<u64> {
    let bytes = std::fs::read(path).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange};

    #[test]
    fn a_closed_or_renamed_file_is_complete_and_a_write_under_way_is_not() {
        assert!(complete(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(complete(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(!complete(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!complete(&EventKind::Create(CreateKind::File)));
        assert!(!complete(&EventKind::Modify(ModifyKind::Name(
            RenameMode::From
        ))));
    }
}
