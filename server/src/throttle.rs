//! Failed-attempt throttling for sign-ins, password changes and invite
//! codes. An attempt is *reserved* before the costly check and counts as a
//! failure from that moment (until it succeeds), so concurrent guesses cannot
//! all slip in before the first failure is recorded.
//!
//! Three keys are counted in a fixed window opened by the first failure:
//! - one account from one address: refused at `per_account` failures, so an
//!   attacker's address is stopped while the owner, elsewhere, still gets in;
//! - one address, any account: refused at `per_address` failures;
//! - one account from everywhere: never refused (that would let anyone lock a
//!   real user out), but past `account_slow_after` failures every attempt
//!   waits a little longer, which slows guessing spread over many addresses.
//!
//! Keys are fixed-size hashes and their number is bounded: a flood of
//! distinct e-mails or addresses cannot grow memory. Kept in memory; a
//! restart forgives, which is fine for slowing guessing down.
//!
//! A rate-limiting crate such as `governor` counts requests, not failures
//! that a later success forgives, so the counting here is our own.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub enabled: bool,
    pub per_account: u32,
    pub per_address: u32,
    pub account_slow_after: u32,
    pub window_secs: i64,
}

#[derive(Clone, Copy)]
struct Window {
    started: i64,
    failures: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Pair(u64),
    Address(u64),
    Account(u64),
}

pub struct Throttle {
    limits: Limits,
    hasher: std::collections::hash_map::RandomState,
    windows: Mutex<HashMap<Key, Window>>,
}

/// At most this many keys are remembered; past it, expired windows go, then
/// the oldest.
const MAX_KEYS: usize = 100_000;

/// The longest an account-wide slowdown makes an attempt wait.
const MAX_DELAY: Duration = Duration::from_secs(4);

/// A reserved attempt: counted as a failure unless `succeeded` is called.
#[must_use]
pub struct Attempt<'a> {
    throttle: &'a Throttle,
    keys: [Key; 3],
    /// How long to wait before checking, under an account-wide slowdown.
    pub delay: Duration,
}

impl Throttle {
    pub fn new(limits: Limits) -> Self {
        Throttle {
            limits,
            hasher: Default::default(),
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn keys(&self, account: &str, address: &str) -> [Key; 3] {
        let h = |parts: (&str, &str)| self.hasher.hash_one(parts);
        [
            Key::Pair(h((account, address))),
            Key::Address(h(("", address))),
            Key::Account(h((account, ""))),
        ]
    }

    fn limit(&self, key: Key) -> Option<u32> {
        match key {
            Key::Pair(_) => Some(self.limits.per_account),
            Key::Address(_) => Some(self.limits.per_address),
            Key::Account(_) => None,
        }
    }

    /// Reserves an attempt for `account` from `address`, or `Err(seconds)`
    /// to wait while the pair or the address is at its limit.
    pub fn begin(&self, account: &str, address: &str, now: i64) -> Result<Attempt<'_>, u64> {
        let keys = self.keys(account, address);
        let mut attempt = Attempt {
            throttle: self,
            keys,
            delay: Duration::ZERO,
        };
        if !self.limits.enabled {
            return Ok(attempt);
        }
        let window = self.limits.window_secs;
        let mut windows = self.lock();
        let live = |w: &Window| w.started + window > now;
        let wait = keys
            .iter()
            .filter_map(|k| {
                let max = self.limit(*k)?;
                let w = windows.get(k).filter(|w| live(w))?;
                (w.failures >= max).then_some(w.started + window - now)
            })
            .max();
        if let Some(secs) = wait {
            return Err(secs.max(1) as u64);
        }
        if windows.len() + keys.len() > MAX_KEYS {
            make_room(&mut windows, now, window);
        }
        for k in keys {
            let w = windows.entry(k).or_insert(Window {
                started: now,
                failures: 0,
            });
            if !live(w) {
                *w = Window {
                    started: now,
                    failures: 0,
                };
            }
            w.failures += 1;
            if let Key::Account(_) = k {
                attempt.delay = slowdown(w.failures, self.limits.account_slow_after);
            }
        }
        Ok(attempt)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Window>> {
        self.windows.lock().unwrap_or_else(|p| p.into_inner())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

impl Attempt<'_> {
    /// It succeeded: the account is forgiven (from this address and
    /// everywhere), and the address is not charged for it.
    pub fn succeeded(self) {
        let mut windows = self.throttle.lock();
        for k in self.keys {
            match k {
                Key::Pair(_) | Key::Account(_) => {
                    windows.remove(&k);
                }
                Key::Address(_) => {
                    if let Some(w) = windows.get_mut(&k) {
                        w.failures = w.failures.saturating_sub(1);
                    }
                }
            }
        }
    }
}

impl Attempt<'_> {
    /// It was never checked (the server was too busy): it counts for nothing.
    pub fn abandon(self) {
        if !self.throttle.limits.enabled {
            return;
        }
        let mut windows = self.throttle.lock();
        for k in self.keys {
            if let Some(w) = windows.get_mut(&k) {
                w.failures = w.failures.saturating_sub(1);
            }
        }
    }
}

/// No wait up to `after` failures, then 250 ms doubling per failure, at most `MAX_DELAY`.
fn slowdown(failures: u32, after: u32) -> Duration {
    match failures.checked_sub(after) {
        None | Some(0) => Duration::ZERO,
        Some(over) => Duration::from_millis(250)
            .saturating_mul(1 << over.min(8))
            .min(MAX_DELAY),
    }
}

/// Drops expired windows; if that is not enough, the oldest half.
fn make_room(windows: &mut HashMap<Key, Window>, now: i64, window: i64) {
    windows.retain(|_, w| w.started + window > now);
    if windows.len() * 10 >= MAX_KEYS * 9 {
        let mut starts: Vec<i64> = windows.values().map(|w| w.started).collect();
        let mid = starts.len() / 2;
        let (_, median, _) = starts.select_nth_unstable(mid);
        let cut = *median;
        windows.retain(|_, w| w.started > cut);
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
            account_slow_after: 4,
            window_secs: 60,
        }
    }

    #[test]
    fn the_pair_locks_at_its_limit_and_the_owner_elsewhere_gets_in() {
        let t = Throttle::new(limits());
        for _ in 0..3 {
            let _ = t.begin("ana", "1.1.1.1", 100).expect("allowed");
        }
        assert_eq!(t.begin("ana", "1.1.1.1", 110).err(), Some(50));
        // The owner, from another address, is not locked out.
        t.begin("ana", "2.2.2.2", 110).expect("owner").succeeded();
        assert!(t.begin("ana", "1.1.1.1", 160).is_ok());
    }

    #[test]
    fn reservations_count_before_the_outcome() {
        let t = Throttle::new(limits());
        // Three in flight at once: the fourth is refused before any finished.
        let held: Vec<_> = (0..3)
            .map(|_| t.begin("ana", "1.1.1.1", 0).expect("allowed"))
            .collect();
        assert!(t.begin("ana", "1.1.1.1", 0).is_err());
        drop(held);
    }

    #[test]
    fn success_forgives_the_account_and_does_not_charge_the_address() {
        let t = Throttle::new(limits());
        let _ = t.begin("ana", "1.1.1.1", 0).expect("first");
        let _ = t.begin("ana", "1.1.1.1", 0).expect("second");
        t.begin("ana", "1.1.1.1", 0).expect("third").succeeded();
        assert!(t.begin("ana", "1.1.1.1", 0).is_ok());
        for i in 0..3 {
            t.begin(&format!("u{i}"), "1.1.1.1", 0)
                .expect("ok")
                .succeeded();
        }
        // 3 failures (two for ana, one just now) + 0 for the successes.
        assert!(t.begin("bob", "1.1.1.1", 0).is_ok());
    }

    #[test]
    fn address_locks_across_accounts() {
        let t = Throttle::new(limits());
        for i in 0..5 {
            let _ = t.begin(&format!("user{i}"), "9.9.9.9", 0).expect("ok");
        }
        assert!(t.begin("someone", "9.9.9.9", 1).is_err());
        assert!(t.begin("someone", "8.8.8.8", 1).is_ok());
    }

    #[test]
    fn many_addresses_slow_an_account_down_but_never_lock_it() {
        let t = Throttle::new(limits());
        let delays: Vec<Duration> = (0..12)
            .map(|i| {
                t.begin("ana", &format!("10.0.0.{i}"), 0)
                    .expect("never refused")
                    .delay
            })
            .collect();
        assert_eq!(delays[3], Duration::ZERO);
        assert_eq!(delays[4], Duration::from_millis(500));
        assert_eq!(delays[11], MAX_DELAY);
    }

    #[test]
    fn keys_stay_bounded_under_a_flood_of_names() {
        let t = Throttle::new(limits());
        for i in 0..(MAX_KEYS / 2) {
            let _ = t.begin(
                &format!("{i}@flood.example"),
                &format!("{i}"),
                i as i64 / 1000,
            );
        }
        assert!(t.len() <= MAX_KEYS, "{} keys", t.len());
    }

    #[test]
    fn disabled_never_locks() {
        let t = Throttle::new(Limits {
            enabled: false,
            ..limits()
        });
        for _ in 0..10 {
            let _ = t.begin("ana", "1.1.1.1", 0).expect("ok");
        }
        assert!(t.begin("ana", "1.1.1.1", 0).is_ok());
    }
}
