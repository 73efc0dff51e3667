//! Live events for changes another process made. `portico-server mail-in`
//! runs beside the server on the same database, but the event streams live
//! in the server's memory (`events::Hub`): so mail-in records the changes
//! it caused in `relayed_events` (after its own commit), and the server
//! publishes them about once a second, as if it had made them itself.
//!
//! A lost record costs only a live update (the change itself is
//! committed), so recording never fails the delivery: an MTA retrying a
//! message for want of an event would post it twice.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use portico_shared::Id;
use serde::Deserialize;

use crate::error::Result;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::relayed;

/// How often the server looks for recorded changes.
const EVERY: Duration = Duration::from_secs(1);
/// Changes published per look; more wait for the next.
const BATCH: u32 = 200;
/// A change not published within this many seconds is dropped: no server
/// was running, and a client that connects later refetches anyway.
const KEEP_SECS: i64 = 600;
/// Distinct event kinds read back before any more are refused (there are a
/// few dozen in the code).
const MAX_KINDS: usize = 256;

/// Records what `actor` caused for the running server to publish.
pub async fn record(st: &AppState, actor: Id, changes: Vec<Change>) {
    if changes.is_empty() {
        return;
    }
    let json: Vec<String> = changes
        .iter()
        .filter_map(|c| match serde_json::to_string(c) {
            Ok(j) => Some(j),
            Err(e) => {
                tracing::warn!("a live event could not be recorded: {e}");
                None
            }
        })
        .collect();
    let now = st.clock.now();
    let written = st
        .db
        .write(move |tx| relayed::record(tx, actor, &json, now, now - KEEP_SECS))
        .await;
    if let Err(e) = written {
        tracing::warn!("live events for the running server were not recorded: {e}");
    }
}

/// Publishes what other processes recorded, oldest first, and forgets it;
/// answers how many were published. A change whose object is gone by now
/// is skipped; a server-side failure leaves the rest for the next look.
pub async fn publish_recorded_once(st: &AppState) -> Result<usize> {
    let rows = st.db.read(|c| relayed::pending(c, BATCH)).await?;
    let Some(last) = rows.last().map(|r| r.id) else {
        return Ok(0);
    };
    let stale_before = st.clock.now() - KEEP_SECS;
    let mut published = 0;
    let mut done = last;
    for row in rows {
        if row.created_at < stale_before {
            continue;
        }
        let change = match read(&row.change) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(id = row.id, "a recorded live event is unreadable: {e}");
                continue;
            }
        };
        match publish(st, row.actor_id, vec![change]).await {
            Ok(()) => published += 1,
            Err(e) if e.is_server_side() => {
                done = row.id - 1;
                tracing::warn!("publishing recorded live events failed: {e}");
                break;
            }
            // The object was deleted since: nobody needs to hear of it.
            Err(_) => {}
        }
    }
    st.db
        .write(move |tx| relayed::forget_through(tx, done))
        .await?;
    Ok(published)
}

/// Publishes recorded changes every second until shutdown.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = state.shutdown.cancelled() => break,
                _ = tick.tick() => {
                    if let Err(e) = publish_recorded_once(&state).await {
                        tracing::warn!("relaying live events failed: {e}");
                    }
                }
            }
        }
    });
}

/// A recorded change. Read through a `Value`, whose strings are owned: a
/// change's kind is `&'static str`, which serde would otherwise borrow
/// from the text (see `kind`).
fn read(json: &str) -> serde_json::Result<Change> {
    Change::deserialize(serde_json::from_str::<serde_json::Value>(json)?)
}

/// Reads an event kind back as the `&'static str` events carry. Kinds are
/// constants of this program, so each distinct one is kept once, for the
/// life of the process; past `MAX_KINDS` (a corrupt table) they are refused.
pub fn kind<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<&'static str, D::Error> {
    static KINDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let name = String::deserialize(d)?;
    let mut kinds = KINDS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(known) = kinds.get(name.as_str()) {
        return Ok(known);
    }
    if kinds.len() >= MAX_KINDS {
        return Err(serde::de::Error::custom("too many distinct event kinds"));
    }
    let kept: &'static str = Box::leak(name.into_boxed_str());
    kinds.insert(kept);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Audience;

    #[test]
    fn a_change_reads_back_as_it_was_recorded() {
        let change = Change::Ticket {
            kind: "message.created",
            id: 7,
            message: None,
            audience: Audience::Staff,
        };
        let json = serde_json::to_string(&change).expect("json");
        let back = read(&json).expect("back");
        let Change::Ticket {
            kind, id, audience, ..
        } = back
        else {
            panic!("{back:?}")
        };
        assert_eq!(
            (kind, id, audience),
            ("message.created", 7, Audience::Staff)
        );
        // The same kind twice is the same string, kept once.
        let again = read(&json).expect("again");
        let Change::Ticket { kind: k2, .. } = again else {
            panic!()
        };
        assert!(std::ptr::eq(kind, k2));
    }
}
