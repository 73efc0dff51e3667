//! Messages in a ticket's or order's thread, and read markers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{ErrorBody, Id, Message, NewMessage, Page, after_client_reply};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::attachments::only_own_uploads;
use crate::access::{Reach, Viewer};
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{StoreError, attachments, id_cursor, messages, orders, tickets};
use crate::tickets::routes::{body_text, publish};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, post))
        .routes(routes!(read))
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
    crate::api::json_now(&st, |_| async move {
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
            crate::orders::routes::publish(
                &st,
                "message.created",
                me,
                order,
                Some(message.clone()),
            )
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
