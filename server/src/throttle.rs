//! Failed sign-in throttling per account and per client address: a fixed
//! window opened by the first failure; at the limit, attempts are refused
//! until the window ends. Kept in memory: a restart forgives, which is fine
//! for slowing guessing down.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub enabled: bool,
    pub per_account: u32,
    pub per_address: u32,
    pub window_secs: i64,
}

#[derive(Clone, Copy)]
struct Window {
    started: i64,
    failures: u32,
}

pub struct Throttle {
    limits: Limits,
    windows: Mutex<HashMap<String, Window>>,
}

/// How many entries before expired windows are swept out.
const SWEEP_AT: usize = 10_000;

impl Throttle {
    pub fn new(limits: Limits) -> Self {
        Throttle {
            limits,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn keys(&self, account: &str, address: &str) -> [(String, u32); 2] {
        [
            (format!("a:{account}"), self.limits.per_account),
            (format!("i:{address}"), self.limits.per_address),
        ]
    }

    /// `Err(seconds)` while either key is at its limit.
    pub fn check(&self, account: &str, address: &str, now: i64) -> Result<(), u64> {
        if !self.limits.enabled {
            return Ok(());
        }
        let windows = self.lock();
        let wait = self
            .keys(account, address)
            .iter()
            .filter_map(|(k, max)| {
                let w = windows.get(k)?;
                let ends = w.started + self.limits.window_secs;
                (w.failures >= *max && ends > now).then_some(ends - now)
            })
            .max();
        match wait {
            Some(secs) => Err(secs.max(1) as u64),
            None => Ok(()),
        }
    }

    pub fn fail(&self, account: &str, address: &str, now: i64) {
        if !self.limits.enabled {
            return;
        }
        let window_secs = self.limits.window_secs;
        let mut windows = self.lock();
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, w| w.started + window_secs > now);
        }
        for (k, _) in self.keys(account, address) {
            let w = windows.entry(k).or_insert(Window {
                started: now,
                failures: 0,
            });
            if w.started + window_secs <= now {
                *w = Window {
                    started: now,
                    failures: 0,
                };
            }
            w.failures += 1;
        }
    }

    /// A successful sign-in forgives the account (not the address).
    pub fn succeed(&self, account: &str) {
        self.lock().remove(&format!("a:{account}"));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Window>> {
        self.windows.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            enabled: true,
            per_account: 3,
            per_address: 5,
            window_secs: 60,
        }
    }

    #[test]
    fn account_locks_at_limit_and_opens_after_window() {
        let t = Throttle::new(limits());
        for _ in 0..3 {
            assert!(t.check("ana", "1.1.1.1", 100).is_ok());
            t.fail("ana", "1.1.1.1", 100);
        }
        assert_eq!(t.check("ana", "2.2.2.2", 110), Err(50));
        assert!(t.check("bob", "2.2.2.2", 110).is_ok());
        assert!(t.check("ana", "2.2.2.2", 160).is_ok());
    }

    #[test]
    fn address_locks_across_accounts() {
        let t = Throttle::new(limits());
        for i in 0..5 {
            t.fail(&format!("user{i}"), "9.9.9.9", 0);
        }
        assert!(t.check("someone", "9.9.9.9", 1).is_err());
        assert!(t.check("someone", "8.8.8.8", 1).is_ok());
    }

    #[test]
    fn disabled_never_locks() {
        let t = Throttle::new(Limits {
            enabled: false,
            ..limits()
        });
        for _ in 0..10 {
            t.fail("ana", "1.1.1.1", 0);
        }
        assert!(t.check("ana", "1.1.1.1", 0).is_ok());
    }
}
