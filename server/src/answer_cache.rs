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

/// Bytes kept at most (a busy second's worth of pages); past it the cache
/// starts over, so it never holds more than this.
const MAX_BYTES: usize = 4 * 1024 * 1024;

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
    bytes: usize,
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
            inner.bytes = 0;
        }
        if answer.len() > MAX_BYTES {
            return;
        }
        if inner.bytes + answer.len() > MAX_BYTES {
            inner.answers.clear();
            inner.bytes = 0;
        }
        inner.bytes += answer.len();
        if let Some(old) = inner.answers.insert((viewer, request.to_owned()), answer) {
            inner.bytes -= old.len();
        }
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

    #[test]
    fn it_holds_no_more_than_its_byte_budget() {
        let cache = AnswerCache::default();
        let page = Bytes::from(vec![b' '; MAX_BYTES / 2 + 1]);
        cache.put((1, 1), 1, "/a", page.clone());
        cache.put((1, 1), 1, "/b", page.clone());
        assert_eq!(cache.get((1, 1), 1, "/a"), None, "started over");
        assert_eq!(cache.get((1, 1), 1, "/b"), Some(page));
        cache.put((1, 1), 1, "/huge", Bytes::from(vec![b' '; MAX_BYTES + 1]));
        assert_eq!(cache.get((1, 1), 1, "/huge"), None, "never kept");
        assert!(cache.lock().bytes <= MAX_BYTES);
    }
}
