//! Live update: the open page asks `/events?v=VERSION` and the answer comes as soon as the file
//! is no longer that version (a long poll: one plain `fetch` at a time, no event-stream framing
//! for the HTTP server to buffer). The CLI's file watcher (`notify`) calls [`Changes::notify`]
//! when the file changes on disk, and so does every edit made in the page; a request also looks
//! at the file once a second, so a change a watcher cannot see (some network file systems) shows
//! up too, only later.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// A counter of changes seen, and a way to wait for the next one.
#[derive(Debug, Default)]
pub struct Changes {
    seen: Mutex<u64>,
    bell: Condvar,
}

impl Changes {
    pub fn new() -> Changes {
        Changes::default()
    }

    /// Something changed: wake everyone waiting.
    pub fn notify(&self) {
        if let Ok(mut n) = self.seen.lock() {
            *n += 1;
        }
        self.bell.notify_all();
    }

    /// How many changes have been seen.
    pub fn count(&self) -> u64 {
        self.seen.lock().map(|n| *n).unwrap_or(0)
    }

    /// Waits until the count is past `after`, or `timeout` passes.
    pub fn wait_past(&self, after: u64, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let Ok(mut n) = self.seen.lock() else { return };
        while *n <= after {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            match self.bell.wait_timeout(n, left) {
                Ok((g, _)) => n = g,
                Err(_) => return,
            }
        }
    }
}
