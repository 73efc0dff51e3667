//! Messages in a ticket's or order's thread, read markers, and the live event stream.

use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{self, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use portico_shared::{ErrorBody, Id, Message, NewMessage, Page, after_client_reply};
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::tickets::{body_text, only_own_uploads, publish};
use crate::access::{Reach, Viewer};
use crate::auth;
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::events::{EVERYONE, Published};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{StoreError, attachments, id_cursor, messages, orders, tickets};
use crate::stream_limits::Refused;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, post))
        .routes(routes!(read))
        .routes(routes!(events))
}

/// What a thread hangs off.
#[derive(Debug, Clone, Copy)]
enum ThreadOwner {
    Ticket(Id),
    Order(Id),
}

/// The ticket or order a thread belongs to, if the viewer may see it.
fn visible_thread(c: &Conn<'_>, reach: &Reach, thread_id: Id) -> Result<ThreadOwner, StoreError> {
    match tickets::by_thread(c, thread_id) {
        Ok(ticket) => {
            let scope = reach.tickets.as_ref().ok_or(StoreError::NotFound)?;
            tickets::check_visible(c, scope, ticket)?;
            Ok(ThreadOwner::Ticket(ticket))
        }
        Err(StoreError::NotFound) => {
            let order = orders::by_thread(c, thread_id)?;
            let scope = reach.orders.as_ref().ok_or(StoreError::NotFound)?;
            orders::get(c, scope, order)?;
            Ok(ThreadOwner::Order(order))
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    limit: Option<u32>,
    cursor: Option<String>,
    /// Ignored, as on every list: a client may make a URL unique with it.
    #[serde(rename = "_", default)]
    #[param(rename = "_")]
    #[allow(dead_code)]
    nonce: Option<String>,
}

/// The thread's messages, oldest first. Internal notes only for staff.
#[utoipa::path(get, path = "/threads/{id}/messages", tag = "threads", security(("bearer" = [])),
    params(("id" = i64, Path), ListQuery),
    responses((status = 200, body = Page<Message>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppQuery(q): AppQuery<ListQuery>,
) -> Result<Json<Page<Message>>> {
    let reach = viewer.reach()?;
    let after = id_cursor(q.cursor.as_deref())?;
    let limit = portico_shared::clamp_limit(q.limit);
    let db = st.db.clone();
    super::json_now(&st, |_| async move {
        Ok(db
            .read(move |c| {
                visible_thread(c, &reach, id)?;
                messages::list(c, id, reach.staff, after, limit)
            })
            .await?)
    })
    .await
}

/// Post a message (staff may post an internal note). A client's reply
/// reopens a pending or resolved ticket; order threads have no such rule.
#[utoipa::path(post, path = "/threads/{id}/messages", tag = "threads", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewMessage,
    responses((status = 201, body = Message), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn post(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<NewMessage>,
) -> Result<(StatusCode, Json<Message>)> {
    let reach = viewer.reach()?;
    if req.internal && !reach.staff {
        return Err(ApiError::Forbidden("only staff may post internal notes"));
    }
    let body = body_text("body", &req.body)?;
    let now = st.clock.now();
    let me = viewer.id();
    let (owner, message, reopened) = st
        .db
        .write(move |tx| -> Result<_> {
            let owner = visible_thread(tx, &reach, id)?;
            let mid = messages::insert(
                tx,
                &messages::NewMessageRow {
                    thread_id: id,
                    author_id: me,
                    body: &body,
                    internal: req.internal,
                    now,
                },
            )?;
            let bad = attachments::link(tx, me, &req.attachment_ids, None, Some(mid))?;
            only_own_uploads(&bad)?;
            let ThreadOwner::Ticket(ticket) = owner else {
                return Ok((owner, messages::get(tx, mid)?, false));
            };
            let cur = tickets::current(tx, ticket)?;
            let next = after_client_reply(cur.status);
            let reopened = !reach.staff && next != cur.status;
            if reopened {
                tickets::update(
                    tx,
                    ticket,
                    &tickets::Update {
                        status: next,
                        priority: None,
                        assignee_id: None,
                        deadline: None,
                        team: None,
                        tags: None,
                        now,
                        visible: true,
                    },
                )?;
            }
            Ok((owner, messages::get(tx, mid)?, reopened))
        })
        .await?;
    match owner {
        ThreadOwner::Ticket(ticket) => {
            publish(&st, "message.created", me, ticket, Some(message.clone())).await?;
            if reopened {
                publish(&st, "ticket.updated", me, ticket, None).await?;
            }
        }
        ThreadOwner::Order(order) => {
            super::orders::publish(&st, "message.created", me, order, Some(message.clone()))
                .await?;
        }
    }
    Ok((StatusCode::CREATED, Json(message)))
}

/// Mark every message of the thread read for me.
#[utoipa::path(post, path = "/threads/{id}/read", tag = "threads", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "marked read"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn read(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<StatusCode> {
    let reach = viewer.reach()?;
    st.db
        .write(move |tx| {
            visible_thread(tx, &reach, id)?;
            let last = messages::last_id(tx, id)?;
            messages::mark_read(tx, reach.me, id, last)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
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
    let scope = viewer.reach()?;
    let person =
        st.stream_limits
            .open(viewer.id(), st.clock.now())
            .map_err(|refused| match refused {
                Refused::TooManyOpen => ApiError::TooManyAttempts { retry_after: 5 },
                Refused::TooOften { retry_after } => ApiError::TooManyAttempts { retry_after },
            })?;
    let last_seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<Id>().ok());
    let slot = st
        .stream_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy)?;
    let sub = st.hub.subscribe(last_seen);
    let replayed_up_to = sub.replay.last().map(|e| e.id).or(last_seen).unwrap_or(0);
    let gap = sub.gap.then(resync);
    let replay_scope = scope.clone();
    let replay =
        stream::iter(sub.replay).filter_map(move |e| std::future::ready(to_sse(&e, &replay_scope)));
    let token = auth::bearer(&headers).unwrap_or_default().to_owned();
    let live = Live {
        events: sub.live,
        access: sub.access,
        scope,
        state: st.clone(),
        token,
        me: viewer.id(),
        after: replayed_up_to,
    };
    let live = stream::unfold(live, |mut live| async move {
        let next = live.next().await?;
        Some((next, live))
    });
    let all = stream::iter(gap)
        .chain(replay)
        .chain(live)
        // The closure owns the slots, so they are held exactly as long as the stream.
        .map(move |e| {
            let _held = (&slot, &person);
            Ok(e)
        })
        .take_until(st.shutdown.clone().cancelled_owned());
    Ok(Sse::new(all).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
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
