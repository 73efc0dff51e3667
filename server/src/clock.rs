//! The server's notion of now, injectable so tests can move time forward.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Default)]
pub struct Clock {
    skew: Arc<AtomicI64>,
}

impl Clock {
    /// Unix seconds.
    pub fn now(&self) -> i64 {
        jiff::Timestamp::now().as_second() + self.skew.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every clone of it) forward by `secs`.
    pub fn advance(&self, secs: i64) {
        self.skew.fetch_add(secs, Ordering::Relaxed);
    }
}
