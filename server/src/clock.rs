//! The server's notion of now, injectable so tests can move time forward
//! or stop it at a chosen instant.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Real time plus a skew, or a stopped instant once `set`.
#[derive(Clone)]
pub struct Clock {
    skew: Arc<AtomicI64>,
    /// The stopped instant; `RUNNING` while the clock follows real time.
    stopped: Arc<AtomicI64>,
}

const RUNNING: i64 = i64::MIN;

impl Default for Clock {
    fn default() -> Self {
        Clock {
            skew: Arc::default(),
            stopped: Arc::new(AtomicI64::new(RUNNING)),
        }
    }
}

impl Clock {
    /// Unix seconds.
    pub fn now(&self) -> i64 {
        match self.stopped.load(Ordering::Relaxed) {
            RUNNING => jiff::Timestamp::now().as_second() + self.skew.load(Ordering::Relaxed),
            at => at,
        }
    }

    /// Stops this clock (and every clone of it) at `unix_secs`, so what a
    /// test does happens at exactly that second.
    pub fn set(&self, unix_secs: i64) {
        self.stopped.store(unix_secs, Ordering::Relaxed);
    }

    /// Moves this clock (and every clone of it) forward by `secs`.
    pub fn advance(&self, secs: i64) {
        if self.stopped.load(Ordering::Relaxed) == RUNNING {
            self.skew.fetch_add(secs, Ordering::Relaxed);
        } else {
            self.stopped.fetch_add(secs, Ordering::Relaxed);
        }
    }
}
