//! Sign-in, sign-out and who am I.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, LoginRequest, LoginResponse, Me, OrganizationRef, Role, UserStatus,
};
use portico_shared::{Id, PasswordChange, SessionInfo, validate};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::{self, Client};
use crate::error::{ApiError, AppJson, AppPath, Result};
use crate::state::AppState;
use crate::store::{orgs, sessions, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(list_sessions))
        .routes(routes!(end_session))
        .routes(routes!(change_password))
}

/// One answer for every failed sign-in, so it never tells whether an e-mail exists.
const BAD_SIGN_IN: &str = "the e-mail address or password is not right";

/// Sign in with e-mail and password; answers a new bearer token.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "wrong e-mail or password (one answer for both)", body = ErrorBody),
        (status = 403, description = "portal access is off for the organisation", body = ErrorBody),
        (status = 429, description = "too many failed attempts; see Retry-After", body = ErrorBody),
        (status = 503, description = "sign-ins are saturated; see Retry-After", body = ErrorBody),
    ))]
async fn login(
    State(st): State<AppState>,
    client: Client,
    AppJson(req): AppJson<LoginRequest>,
) -> Result<Json<LoginResponse>> {
    // No account has an address that is not one: refused before any work,
    // which also keeps the throttle's keys and the audit log bounded.
    let email = validate::email(&req.email).map_err(|_| ApiError::Unauthorized(BAD_SIGN_IN))?;
    if req.password.len() > validate::MAX_PASSWORD_BYTES {
        return Err(ApiError::Unauthorized(BAD_SIGN_IN));
    }
    let attempt = auth::begin_attempt(&st, &email, &client)?;
    let lookup = email.clone();
    let found = st.db.read(move |c| users::credentials(c, &lookup)).await?;
    let (user, hash) = match found {
        Some((u, h)) if u.status == UserStatus::Active => (Some(u), h),
        _ => (None, None),
    };
    let password_ok = auth::check_password(&st, attempt, hash, req.password).await?;
    let Some(user) = user.filter(|_| password_ok) else {
        let (state, cl) = (st.clone(), client.clone());
        st.db
            .write(move |tx| {
                audit(
                    tx,
                    &state,
                    None,
                    "auth.login_failed",
                    email,
                    &cl,
                    String::new(),
                )
            })
            .await?;
        return Err(ApiError::Unauthorized(BAD_SIGN_IN));
    };
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            if !auth::may_enter(tx, &user)? {
                return Ok(None);
            }
            audit(
                tx,
                &state,
                Some(user.id),
                "auth.login",
                format!("user:{}", user.id),
                &client,
                String::new(),
            )?;
            auth::open_session(tx, &state, user, &client).map(Some)
        })
        .await?;
    answer.map(Json).ok_or(ApiError::Forbidden(
        "portal access is off for your organisation",
    ))
}

/// Sign out: this token stops working at once.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "signed out")))]
async fn logout(State(st): State<AppState>, viewer: Viewer) -> Result<StatusCode> {
    let now = st.clock.now();
    let me = viewer.id();
    st.db
        .write(move |tx| sessions::revoke(tx, viewer.session_id, now))
        .await?;
    st.access_changed(me);
    Ok(StatusCode::NO_CONTENT)
}

/// Who I am, and the modules and locations I may use.
#[utoipa::path(get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me)))]
async fn me(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Me>> {
    let me = st
        .db
        .read(move |c| -> Result<_> {
            let (organization, locations) = match (viewer.user.role, viewer.user.organization_id) {
                (Role::Client, Some(org)) => {
                    let o = orgs::get(c, org)?;
                    let locs = orgs::locations(c, org, viewer.user.location_ids.as_deref())?;
                    (
                        Some(OrganizationRef {
                            id: o.id,
                            name: o.name,
                        }),
                        locs,
                    )
                }
                (Role::Admin | Role::Agent, _) => (None, orgs::all_locations(c)?),
                _ => (None, Vec::new()),
            };
            Ok(Me {
                user: viewer.user,
                organization,
                modules: viewer.modules,
                locations,
            })
        })
        .await?;
    Ok(Json(me))
}

/// My live sessions (devices signed in), newest first.
#[utoipa::path(get, path = "/auth/sessions", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionInfo>)))]
async fn list_sessions(
    State(st): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Vec<SessionInfo>>> {
    let now = st.clock.now();
    let sessions = st
        .db
        .read(move |c| sessions::list_live(c, viewer.id(), now, viewer.session_id))
        .await?;
    Ok(Json(sessions))
}

/// End one of my sessions (sign a device out).
#[utoipa::path(delete, path = "/auth/sessions/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "ended"), (status = 404, body = ErrorBody)))]
async fn end_session(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<StatusCode> {
    let now = st.clock.now();
    let me = viewer.id();
    st.db
        .write(move |tx| sessions::revoke_own(tx, me, id, now))
        .await?;
    st.access_changed(me);
    Ok(StatusCode::NO_CONTENT)
}

/// Change my password; every other session ends.
#[utoipa::path(post, path = "/auth/password", tag = "auth", security(("bearer" = [])),
    request_body = PasswordChange,
    responses((status = 204, description = "changed"),
        (status = 422, description = "the current password is not right, or the new one too weak", body = ErrorBody),
        (status = 429, description = "too many wrong current passwords; see Retry-After", body = ErrorBody)))]
async fn change_password(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<PasswordChange>,
) -> Result<StatusCode> {
    validate::password(&req.new_password).map_err(|mut e| {
        e.field = "new_password".into();
        ApiError::from(e)
    })?;
    let me = viewer.id();
    let attempt = auth::begin_attempt(&st, &format!("user:{me}"), &client)?;
    let stored = st.db.read(move |c| sessions::password_hash(c, me)).await?;
    if !auth::check_password(&st, attempt, stored, req.current_password).await? {
        return Err(ApiError::field("current_password", "is not right"));
    }
    let hash = st.hasher.hash(req.new_password).await?;
    let state = st.clone();
    st.db
        .write(move |tx| {
            users::set_password(tx, me, &hash)?;
            let ended = sessions::revoke_others(tx, me, viewer.session_id, state.clock.now())?;
            audit(
                tx,
                &state,
                Some(me),
                "auth.password_changed",
                format!("user:{me}"),
                &client,
                format!("{ended} other sessions ended"),
            )
        })
        .await?;
    st.access_changed(me);
    Ok(StatusCode::NO_CONTENT)
}
