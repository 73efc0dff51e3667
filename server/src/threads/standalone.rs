//! Standalone threads: conversations between staff and an organisation
//! (or chosen contacts of it) that belong to nothing else. Their messages
//! and read markers are the ordinary `/threads/{id}/…` routes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    Conversation, ConversationQuery, ErrorBody, Id, NewConversation, Page, validate,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops::message_text;
use crate::access::{ConversationScope, Viewer};
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::{Conn, conversations, messages, orgs, owners};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get))
}

/// The standalone threads the viewer takes part in, the latest message
/// first, with message and unread counts.
#[utoipa::path(get, path = "/threads", tag = "threads", security(("bearer" = [])),
    params(ConversationQuery),
    responses((status = 200, body = Page<Conversation>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ConversationQuery>,
) -> Result<Json<Page<Conversation>>> {
    let scope = viewer.conversations()?;
    let limit = portico_shared::clamp_limit(q.limit);
    Ok(Json(
        st.db
            .read(move |c| conversations::list(c, &scope, &q, limit))
            .await?,
    ))
}

/// One standalone thread the viewer takes part in, with its participants
/// and counts; its messages are `/threads/{id}/messages`.
#[utoipa::path(get, path = "/threads/{id}", tag = "threads", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Conversation), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Conversation>> {
    let scope = viewer.conversations()?;
    Ok(Json(
        st.db
            .read(move |c| conversations::get(c, &scope, id))
            .await?,
    ))
}

/// Start a standalone thread with its first message. Staff name the
/// organisation and, if they like, which of its contacts take part; a
/// contact's thread is between them and staff.
#[utoipa::path(post, path = "/threads", tag = "threads", security(("bearer" = [])),
    request_body = NewConversation,
    responses((status = 201, body = Conversation), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewConversation>,
) -> Result<(StatusCode, Json<Conversation>)> {
    let thread = start(&st, &viewer, req).await?;
    Ok((StatusCode::CREATED, Json(thread)))
}

/// The most contacts a thread may name: a bound on the work one request asks.
const MAX_PARTICIPANTS: usize = 200;

/// Who a new thread is with: a contact's own organisation and themselves;
/// for staff the organisation named and the contacts of it chosen.
fn counterpart(
    c: &Conn<'_>,
    scope: &ConversationScope,
    req: &NewConversation,
) -> Result<(Id, Vec<Id>)> {
    if let Some(org) = scope.org() {
        return Ok((org, vec![scope.me()]));
    }
    let org = match req.organization_id {
        Some(o) if orgs::get(c, o).is_ok() => o,
        _ => return Err(ApiError::field("organization_id", "name an organisation")),
    };
    if req.participant_ids.len() > MAX_PARTICIPANTS {
        return Err(ApiError::field(
            "participant_ids",
            format!("at most {MAX_PARTICIPANTS} people"),
        ));
    }
    let found = conversations::contacts_of(c, org, &req.participant_ids)?;
    if found.len() != req.participant_ids.len() {
        return Err(ApiError::field(
            "participant_ids",
            "each must be a contact of the organisation, named once",
        ));
    }
    Ok((org, found))
}

/// An organisation's welcome text opens its first thread: when it has no
/// standalone thread yet, one titled "Welcome" starts with the text, from
/// `author`, for the whole organisation. Answers the thread and message.
pub fn open_welcome(
    tx: &Conn<'_>,
    reach: &crate::access::Reach,
    (org, author, now): (Id, Id, i64),
    welcome: &str,
) -> Result<Option<(Id, portico_shared::Message)>> {
    if welcome.trim().is_empty() || conversations::any_in(tx, org)? {
        return Ok(None);
    }
    let id = conversations::insert(tx, org, "Welcome", author, &[], now)?;
    let row = messages::NewMessageRow {
        thread: owners::thread(tx, reach, id)?,
        author_id: author,
        body: welcome,
        internal: false,
        now,
    };
    let message = messages::get(tx, messages::insert(tx, &row)?)?;
    Ok(Some((id, message)))
}

/// Starts a thread and posts its first message, in one transaction.
pub async fn start(st: &AppState, viewer: &Viewer, req: NewConversation) -> Result<Conversation> {
    let scope = viewer.conversations()?;
    let reach = viewer.reach()?;
    let subject = validate::name("subject", &req.subject)?;
    let body = message_text("body", &req.body)?;
    let (now, me) = (st.clock.now(), viewer.id());
    let state = st.clone();
    let (id, message) = st
        .db
        .write(move |tx| -> Result<_> {
            let (org, participants) = counterpart(tx, &scope, &req)?;
            let id = conversations::insert(tx, org, &subject, me, &participants, now)?;
            let thread = owners::thread(tx, &reach, id)?;
            let row = messages::NewMessageRow {
                thread,
                author_id: me,
                body: &body,
                internal: false,
                now,
            };
            let message = messages::get(tx, messages::insert(tx, &row)?)?;
            crate::notify::threads::message_posted(tx, &state, &thread, &message, now)?;
            Ok((id, message))
        })
        .await?;
    let change = Change::Conversation {
        kind: "thread.created",
        id,
        message: Some(message),
    };
    publish(st, me, vec![change]).await?;
    let scope = viewer.conversations()?;
    Ok(st
        .db
        .read(move |c| conversations::get(c, &scope, id))
        .await?)
}
