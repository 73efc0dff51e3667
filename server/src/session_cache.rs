//! Recently resolved sessions, so a request needs no database read to learn
//! who sent it. Entries are dropped whenever a person's access changes
//! (`AppState::access_changed`), and expiry is judged on every use, so a
//! cached session never outlives a sign-out, removal or policy change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use portico_shared::Id;

use crate::events::EVERYONE;
use crate::store::sessions::SessionRow;

/// More than this many sessions and the cache starts afresh.
const CAPACITY: usize = 10_000;

#[derive(Default)]
pub struct SessionCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    by_token_hash: HashMap<Vec<u8>, Arc<SessionRow>>,
    /// Bumped by every change, so a lookup that raced one is not stored.
    generation: u64,
}

impl SessionCache {
    pub fn get(&self, token_hash: &[u8]) -> Option<Arc<SessionRow>> {
        self.lock().by_token_hash.get(token_hash).cloned()
    }

    /// The generation to hand back to `put` after reading the database.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Stores a row read at `generation`, unless access changed meanwhile.
    pub fn put(&self, token_hash: Vec<u8>, row: Arc<SessionRow>, generation: u64) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.by_token_hash.len() >= CAPACITY {
            inner.by_token_hash.clear();
        }
        inner.by_token_hash.insert(token_hash, row);
    }

    /// Drops the sessions of `user` (every session for `EVERYONE`).
    pub fn forget(&self, user: Id) {
        let mut inner = self.lock();
        inner.generation += 1;
        if user == EVERYONE {
            inner.by_token_hash.clear();
        } else {
            inner.by_token_hash.retain(|_, row| row.user.id != user);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portico_shared::{Role, TicketScope, User, UserStatus};

    fn row(user: Id) -> Arc<SessionRow> {
        Arc::new(SessionRow {
            session_id: user * 10,
            expires_at: i64::MAX,
            user: User {
                id: user,
                email: format!("u{user}@example.com"),
                name: "U".into(),
                role: Role::Agent,
                status: UserStatus::Active,
                organization_id: None,
                modules: None,
                location_ids: None,
                portal_selected: false,
                ticket_scope: TicketScope::Organization,
                team: None,
                created_at: jiff::Timestamp::UNIX_EPOCH,
            },
            org: None,
            history: None,
            access_granted_at: None,
            viewed_by: None,
            org_requires_two_factor: false,
            two_factor: false,
        })
    }

    #[test]
    fn forgetting_one_person_keeps_the_others() {
        let cache = SessionCache::default();
        let g = cache.generation();
        cache.put(b"a".to_vec(), row(1), g);
        cache.put(b"b".to_vec(), row(2), g);
        cache.forget(1);
        assert!(cache.get(b"a").is_none());
        assert!(cache.get(b"b").is_some());
        cache.forget(EVERYONE);
        assert!(cache.get(b"b").is_none());
    }

    #[test]
    fn a_lookup_that_raced_a_change_is_not_stored() {
        let cache = SessionCache::default();
        let before = cache.generation();
        // The row was read, then access changed before it was stored.
        cache.forget(7);
        cache.put(b"t".to_vec(), row(7), before);
        assert!(cache.get(b"t").is_none());
    }
}
