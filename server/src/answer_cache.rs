//! Recent list answers, kept only for the second they were made in and
//! until the next write. A viewer who asks for the same page again (the app
//! redrawing after an event, a script polling) gets the same bytes without
//! a query or serialising. Any committed write and the clock's next second
//! make every entry stale, so no answer outlives a change or shows another
//! second's times; access is checked on every request before the cache.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use portico_shared::Id;

/// Entries kept at most; past it the cache starts over.
const MAX_ANSWERS: usize = 512;

/// What makes answers current: the database's write generation and the second.
pub type Stamp = (u64, i64);

#[derive(Default)]
pub struct AnswerCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    stamp: Stamp,
    answers: HashMap<(Id, String), Bytes>,
}

impl AnswerCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The answer `viewer` got for `request` under this stamp, if any.
    pub fn get(&self, stamp: Stamp, viewer: Id, request: &str) -> Option<Bytes> {
        let inner = self.lock();
        if inner.stamp != stamp {
            return None;
        }
        inner.answers.get(&(viewer, request.to_owned())).cloned()
    }

    pub fn put(&self, stamp: Stamp, viewer: Id, request: &str, answer: Bytes) {
        let mut inner = self.lock();
        if inner.stamp != stamp {
            // Answers made under an older stamp are never wanted again; one
            // made under an older stamp than the cache's is not kept.
            if stamp < inner.stamp {
                return;
            }
            inner.stamp = stamp;
            inner.answers.clear();
        }
        if inner.answers.len() >= MAX_ANSWERS {
            inner.answers.clear();
        }
        inner.answers.insert((viewer, request.to_owned()), answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_lives_for_its_stamp_and_viewer_only() {
        let cache = AnswerCache::default();
        let page = Bytes::from_static(b"[1]");
        cache.put((3, 100), 7, "/tickets", page.clone());
        assert_eq!(cache.get((3, 100), 7, "/tickets"), Some(page.clone()));
        assert_eq!(cache.get((3, 100), 8, "/tickets"), None, "another viewer");
        assert_eq!(cache.get((3, 100), 7, "/tickets?limit=5"), None);
        assert_eq!(cache.get((4, 100), 7, "/tickets"), None, "after a write");
        assert_eq!(cache.get((3, 101), 7, "/tickets"), None, "a second later");
        // A late answer from before a write does not push out newer ones.
        cache.put((4, 100), 7, "/tickets", Bytes::from_static(b"[2]"));
        cache.put((3, 100), 7, "/tickets", page);
        assert_eq!(
            cache.get((4, 100), 7, "/tickets"),
            Some(Bytes::from_static(b"[2]"))
        );
    }
}
