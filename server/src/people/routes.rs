//! People and invites: staff read, admins invite, change, remove and
//! readmit; invitees accept.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    AcceptInviteRequest, ErrorBody, Id, InviteRequest, InviteResponse, LoginResponse, Page, Role,
    SessionsEnded, User, UserPatch, UserStatus, validate,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::{id_cursor, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(patch))
        .routes(routes!(invite))
        .routes(routes!(resend))
        .routes(routes!(remove))
        .routes(routes!(readmit))
        .routes(routes!(end_sessions))
        .routes(routes!(accept))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    organization_id: Option<Id>,
    role: Option<Role>,
    status: Option<UserStatus>,
    /// One person by e-mail address (any case).
    #[param(max_length = 254)]
    email: Option<String>,
    limit: Option<u32>,
    cursor: Option<String>,
}

/// People, by id; optionally of one organisation, role or status, or one
/// person by address.
#[utoipa::path(get, path = "/users", tag = "people", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, body = Page<User>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ListQuery>,
) -> Result<Json<Page<User>>> {
    // Agents open tickets and orders for a client's people, so they read
    // them; every change to a person stays the admins'.
    viewer.require_staff()?;
    let after = id_cursor(q.cursor.as_deref())?;
    let limit = portico_shared::clamp_limit(q.limit);
    let filter = portico_shared::UserFilter {
        organization_id: q.organization_id,
        role: q.role,
        status: q.status,
        email: q.email.as_deref().map(validate::email).transpose()?,
    };
    Ok(Json(
        st.db
            .read(move |c| users::list(c, &filter, after, limit))
            .await?,
    ))
}

/// Change a person: name, module and location overrides, portal selection.
#[utoipa::path(patch, path = "/users/{id}", tag = "people", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = UserPatch,
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<UserPatch>,
) -> Result<Json<User>> {
    Ok(Json(
        ops::change_person(&st, &viewer, client, id, req).await?,
    ))
}

/// Invite a person; the code is answered once, here.
#[utoipa::path(post, path = "/invites", tag = "people", security(("bearer" = [])),
    request_body = InviteRequest,
    responses((status = 201, body = InviteResponse), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn invite(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<InviteRequest>,
) -> Result<(StatusCode, Json<InviteResponse>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::invite(&st, &viewer, client, req).await?),
    ))
}

/// A new invite code for a pending person; the old one stops working.
#[utoipa::path(post, path = "/users/{id}/resend-invite", tag = "people", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = InviteResponse), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "the person is not pending", body = ErrorBody)))]
async fn resend(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<InviteResponse>> {
    let why = ops::Reinvite::Resend;
    Ok(Json(ops::reinvite(&st, &viewer, client, id, why).await?))
}

/// Revoke a person's access: every session ends at once.
#[utoipa::path(post, path = "/users/{id}/remove", tag = "people", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = User), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "cannot remove yourself", body = ErrorBody)))]
async fn remove(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<User>> {
    Ok(Json(ops::remove(&st, &viewer, client, id).await?))
}

/// Let a removed person back in: a new invite code; their history stays theirs.
#[utoipa::path(post, path = "/users/{id}/readmit", tag = "people", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = InviteResponse), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "the person is not removed", body = ErrorBody)))]
async fn readmit(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<InviteResponse>> {
    let why = ops::Reinvite::Readmit;
    Ok(Json(ops::reinvite(&st, &viewer, client, id, why).await?))
}

/// Sign a person out everywhere (a lost laptop): every session ends at
/// once; they can sign in again.
#[utoipa::path(post, path = "/users/{id}/end-sessions", tag = "people", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = SessionsEnded), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn end_sessions(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<SessionsEnded>> {
    Ok(Json(ops::end_sessions(&st, &viewer, client, id).await?))
}

/// Accept an invite: choose a password and sign in.
#[utoipa::path(post, path = "/invites/accept", tag = "people", request_body = AcceptInviteRequest,
    responses((status = 200, body = LoginResponse),
        (status = 400, description = "unknown, used or expired code", body = ErrorBody),
        (status = 422, description = "a bad password, or `email` given and the invite is for another address (it stays unused)", body = ErrorBody),
        (status = 429, description = "too many bad codes from this address; see Retry-After", body = ErrorBody),
        (status = 503, description = "the server is busy; see Retry-After", body = ErrorBody)))]
async fn accept(
    State(st): State<AppState>,
    client: Client,
    AppJson(req): AppJson<AcceptInviteRequest>,
) -> Result<Json<LoginResponse>> {
    Ok(Json(ops::accept_invite(&st, client, req).await?))
}
