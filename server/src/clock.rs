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

    /// Sets this clock (and every clone of it) to `unix_secs` from now on.
    pub fn set(&self, unix_secs: i64) {
        let real = jiff::Timestamp::now().as_second();
        self.skew.store(unix_secs - real, Ordering::Relaxed);
    }

    /// Moves this clock (and every clone of it) forward by `secs`.
    pub fn advance(&self, secs: i64) {
        self.skew.fetch_add(secs, Ordering::Relaxed);
    }
}
