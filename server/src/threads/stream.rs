//! The live event stream: server-sent events, each only to people allowed
//! to see it, resumable with `Last-Event-ID`.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{self, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use portico_shared::{ErrorBody, Id};
use tokio::sync::OwnedSemaphorePermit;
use tokio::sync::broadcast::{self, error::RecvError};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::{Reach, Viewer};
use crate::auth;
use crate::error::{ApiError, Result};
use crate::events::{EVERYONE, Published};
use crate::state::AppState;
use crate::stream_limits::{Refused, StreamSlot};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}

/// Where the event stream lives; the load shedder leaves it to its own limit.
pub const EVENTS_PATH: &str = "/api/v1/events";

/// Live updates as server-sent events (`ticket.created`, `ticket.updated`,
/// `message.created`, `order.created`, `order.updated`), each only to people
/// allowed to see it. Send
/// `Last-Event-ID` to resume; a `resync` event means some were missed.
#[utoipa::path(get, path = "/events", tag = "threads", security(("bearer" = [])),
    params(("Last-Event-ID" = Option<i64>, Header, description = "the last event id seen")),
    responses((status = 200, description = "an event stream", content_type = "text/event-stream", body = String),
        (status = 403, body = ErrorBody),
        (status = 429, description = "too many streams open, or opened too often, by this person; see Retry-After", body = ErrorBody),
        (status = 503, description = "every stream slot is taken", body = ErrorBody)))]
async fn events(
    State(st): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<sse::Event, Infallible>>>> {
    let reach = viewer.reach()?;
    let held = hold(&st, viewer.id())?;
    let last_seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<Id>().ok());
    let token = auth::bearer(&headers).unwrap_or_default().to_owned();
    let all = event_stream(&st, reach, viewer.id(), token, last_seen, held);
    Ok(Sse::new(all).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// What an open stream holds: the person's stream and a server-wide slot.
struct Held {
    _person: StreamSlot,
    _slot: OwnedSemaphorePermit,
}

/// Takes the person's and the server's stream slots, or refuses.
fn hold(st: &AppState, me: Id) -> Result<Held> {
    let person = st
        .stream_limits
        .open(me, st.clock.now())
        .map_err(|refused| match refused {
            Refused::TooManyOpen => ApiError::TooManyAttempts { retry_after: 5 },
            Refused::TooOften { retry_after } => ApiError::TooManyAttempts { retry_after },
        })?;
    let slot = st
        .stream_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy)?;
    Ok(Held {
        _person: person,
        _slot: slot,
    })
}

/// A resync if events were missed, the missed ones `reach` may see, then
/// the live feed, until shutdown; `held` is released when the stream ends.
fn event_stream(
    st: &AppState,
    reach: Reach,
    me: Id,
    token: String,
    last_seen: Option<Id>,
    held: Held,
) -> impl Stream<Item = Result<sse::Event, Infallible>> + use<> {
    let sub = st.hub.subscribe(last_seen);
    let replayed_up_to = sub.replay.last().map(|e| e.id).or(last_seen).unwrap_or(0);
    let gap = sub.gap.then(resync);
    let replay_scope = reach.clone();
    let replay =
        stream::iter(sub.replay).filter_map(move |e| std::future::ready(to_sse(&e, &replay_scope)));
    let live = Live {
        events: sub.live,
        access: sub.access,
        scope: reach,
        state: st.clone(),
        token,
        me,
        after: replayed_up_to,
    };
    let live = stream::unfold(live, |mut live| async move {
        let next = live.next().await?;
        Some((next, live))
    });
    stream::iter(gap)
        .chain(replay)
        .chain(live)
        // The closure owns the slots, so they are held exactly as long as the stream.
        .map(move |e| {
            let _held = &held;
            Ok(e)
        })
        .take_until(st.shutdown.clone().cancelled_owned())
}

/// One subscriber's live feed: events narrowed to its reach, ending when its
/// session no longer stands.
struct Live {
    events: broadcast::Receiver<Id>,
    access: broadcast::Receiver<Id>,
    scope: Reach,
    state: AppState,
    token: String,
    me: Id,
    /// Events up to this id were replayed already.
    after: Id,
}

impl Live {
    /// The next event to send, or `None` when the stream should end.
    async fn next(&mut self) -> Option<sse::Event> {
        loop {
            tokio::select! {
                e = self.events.recv() => match e {
                    Ok(id) if id > self.after => match self.state.hub.get(id) {
                        Some(e) => {
                            if let Some(ev) = to_sse(&e, &self.scope) {
                                return Some(ev);
                            }
                        }
                        // It left the bounded history before we read it: refetch.
                        None => return Some(resync()),
                    },
                    Ok(_) => {}
                    // Too slow a reader: tell it to refetch, then carry on.
                    Err(RecvError::Lagged(_)) => return Some(resync()),
                    Err(RecvError::Closed) => return None,
                },
                changed = self.access.recv() => match changed {
                    Ok(who) if who != EVERYONE && who != self.me => {}
                    Err(RecvError::Closed) => return None,
                    // Mine, everyone's, or missed: re-check, and end if it no longer stands.
                    _ => {
                        let viewer = auth::viewer_for_token(&self.state, &self.token).await.ok()?;
                        self.scope = viewer.reach().ok()?;
                    }
                },
            }
        }
    }
}

/// Tells the client it missed events and should refetch.
fn resync() -> sse::Event {
    sse::Event::default().event("resync").data("{}")
}

fn to_sse(e: &Published, scope: &Reach) -> Option<sse::Event> {
    let ev = e.for_viewer(scope)?;
    sse::Event::default()
        .id(e.id.to_string())
        .event(e.kind)
        .json_data(&ev)
        .ok()
}
