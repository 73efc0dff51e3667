//! Per-person limits on live event streams: how many one person may hold
//! open, and how often one may open them (reconnect loops included), so
//! that no one person can take the slots everyone shares.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use portico_shared::Id;

/// Table size at which idle people are forgotten.
const FORGET_AT: usize = 4096;

pub struct StreamLimits {
    per_person: usize,
    opens_per_minute: u32,
    people: Mutex<HashMap<Id, Person>>,
}

#[derive(Default)]
struct Person {
    open: usize,
    minute: i64,
    opened: u32,
}

/// Why a stream was refused, and in how many seconds to try again.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    TooManyOpen,
    TooOften { retry_after: u64 },
}

/// Held for as long as the stream is open.
pub struct StreamSlot {
    limits: Arc<StreamLimits>,
    person: Id,
}

impl StreamLimits {
    pub fn new(per_person: usize, opens_per_minute: u32) -> Self {
        StreamLimits {
            per_person: per_person.max(1),
            opens_per_minute: opens_per_minute.max(1),
            people: Mutex::default(),
        }
    }

    /// A slot for `person` opening a stream at `now` (seconds), or why not.
    pub fn open(self: &Arc<Self>, person: Id, now: i64) -> Result<StreamSlot, Refused> {
        let mut people = self.lock();
        let minute = now.div_euclid(60);
        // People with nothing open and no opens this minute are forgotten
        // now and then, so the table holds only the active.
        if people.len() >= FORGET_AT {
            people.retain(|_, p| p.open > 0 || p.minute == minute);
        }
        let p = people.entry(person).or_default();
        if p.minute != minute {
            p.minute = minute;
            p.opened = 0;
        }
        if p.opened >= self.opens_per_minute {
            let retry_after = (60 - now.rem_euclid(60)).max(1) as u64;
            return Err(Refused::TooOften { retry_after });
        }
        if p.open >= self.per_person {
            return Err(Refused::TooManyOpen);
        }
        p.opened += 1;
        p.open += 1;
        Ok(StreamSlot {
            limits: self.clone(),
            person,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Id, Person>> {
        self.people.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut people = self.limits.lock();
        if let Some(p) = people.get_mut(&self.person) {
            p.open = p.open.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_holds_at_most_their_share_and_others_still_get_in() {
        let limits = Arc::new(StreamLimits::new(3, 100));
        let held: Vec<_> = (0..3).map(|_| limits.open(1, 0).expect("slot")).collect();
        assert_eq!(limits.open(1, 0).err(), Some(Refused::TooManyOpen));
        assert!(limits.open(2, 0).is_ok());
        drop(held);
        assert!(limits.open(1, 1).is_ok());
    }

    #[test]
    fn reconnect_loops_are_slowed_per_minute() {
        let limits = Arc::new(StreamLimits::new(8, 5));
        for _ in 0..5 {
            drop(limits.open(1, 10).expect("slot"));
        }
        assert_eq!(
            limits.open(1, 10).err(),
            Some(Refused::TooOften { retry_after: 50 })
        );
        assert!(limits.open(1, 60).is_ok());
    }
}
