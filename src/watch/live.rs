//! The state the live-reload clients follow: a generation number that moves after every
//! rebuild, and the error of the last one if it failed. Server-sent-event handlers wait on
//! it; the watcher publishes to it.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// What a browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A rebuild succeeded and is on disk: reload the page.
    Reload,
    /// A rebuild failed: show this error over the page.
    Error(String),
}

#[derive(Default)]
struct State {
    generation: u64,
    /// Whether a build has ever succeeded (before that, the server shows the error page).
    built: bool,
    error: Option<String>,
}

#[derive(Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    /// Publishes the outcome of a rebuild.
    pub fn publish(&self, outcome: Result<(), String>) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.generation += 1;
        match outcome {
            Ok(()) => {
                s.built = true;
                s.error = None;
            }
            Err(e) => s.error = Some(e),
        }
        self.changed.notify_all();
    }

    /// The current generation and error, for a client that just connected.
    pub fn current(&self) -> (u64, Option<String>) {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        (s.generation, s.error.clone())
    }

    /// The error to show instead of the site when no build has succeeded yet.
    pub fn first_build_error(&self) -> Option<String> {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        (!s.built).then(|| s.error.clone()).flatten()
    }

    /// Waits up to `timeout` for a generation after `seen`; returns it with its event, or
    /// None on timeout (the caller sends a keep-alive).
    pub fn wait(&self, seen: u64, timeout: Duration) -> Option<(u64, Event)> {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        (s.generation != seen).then(|| {
            let event = match &s.error {
                Some(e) => Event::Error(e.clone()),
                None => Event::Reload,
            };
            (s.generation, event)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_client_sees_the_next_outcome() {
        let live = Live::default();
        let (seen, error) = live.current();
        assert_eq!(error, None);
        assert_eq!(live.wait(seen, Duration::ZERO), None);
        live.publish(Err("content/site.yaml:2: bad".into()));
        assert_eq!(
            live.first_build_error().as_deref(),
            Some("content/site.yaml:2: bad")
        );
        let (seen, event) = live.wait(seen, Duration::ZERO).unwrap();
        assert_eq!(event, Event::Error("content/site.yaml:2: bad".into()));
        live.publish(Ok(()));
        assert_eq!(live.wait(seen, Duration::ZERO).unwrap().1, Event::Reload);
        assert_eq!(live.first_build_error(), None);
    }
}
