//! Messages in a ticket's or order's thread, and read markers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{ErrorBody, Id, Message, NewMessage, Page};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::{id_cursor, messages, owners};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, post))
        .routes(routes!(read))
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
                let thread = owners::thread(c, &reach, id)?;
                messages::list(c, &thread, reach.staff(), after, limit)
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
    let message = ops::post(&st, &viewer, id, req).await?;
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
            let thread = owners::thread(tx, &reach, id)?;
            messages::mark_read(tx, reach.me(), &thread)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
