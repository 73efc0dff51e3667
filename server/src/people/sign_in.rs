//! Sign-in, sign-out and who am I.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portico_shared::{
    ErrorBody, LoginRequest, LoginResponse, Me, OrganizationRef, Role, TotpChallenge,
};
use portico_shared::{Id, PasswordChange, PersonRef, SessionInfo};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, Result};
use crate::state::AppState;
use crate::store::{orgs, sessions, two_factor, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(list_sessions))
        .routes(routes!(end_session))
        .routes(routes!(change_password))
}

/// Sign in with e-mail and password; answers a new bearer token, or, for
/// people with two-factor sign-in, a challenge for `/auth/login/totp`.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 202, description = "the password is right; a code is needed next", body = TotpChallenge),
        (status = 401, description = "wrong e-mail or password (one answer for both)", body = ErrorBody),
        (status = 403, description = "portal access is off for the organisation", body = ErrorBody),
        (status = 429, description = "too many failed attempts; see Retry-After", body = ErrorBody),
        (status = 503, description = "sign-ins are saturated; see Retry-After", body = ErrorBody),
    ))]
async fn login(
    State(st): State<AppState>,
    client: Client,
    AppJson(req): AppJson<LoginRequest>,
) -> Result<Response> {
    Ok(match ops::sign_in(&st, client, req).await? {
        ops::SignedIn::Session(s) => Json(s).into_response(),
        ops::SignedIn::Challenge(c) => (StatusCode::ACCEPTED, Json(c)).into_response(),
    })
}

/// Sign out: this token stops working at once.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "signed out")))]
async fn logout(State(st): State<AppState>, viewer: Viewer) -> Result<StatusCode> {
    let now = st.clock.now();
    let me = viewer.id();
    st.db
        .write(move |tx| sessions::revoke(tx, viewer.session_id(), now))
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
            let (organization, locations, welcome) =
                match (viewer.user().role, viewer.user().organization_id) {
                    (Role::Client, Some(org)) => {
                        let o = orgs::get(c, org)?;
                        let locs = orgs::locations(c, org, viewer.user().location_ids.as_deref())?;
                        let welcome = Some(o.welcome).filter(|w| !w.is_empty());
                        let org = OrganizationRef {
                            id: o.id,
                            name: o.name,
                        };
                        (Some(org), locs, welcome)
                    }
                    (Role::Admin | Role::Agent, _) => (None, orgs::all_locations(c)?, None),
                    _ => (None, Vec::new(), None),
                };
            Ok(Me {
                user: viewer.user().clone(),
                organization,
                modules: viewer.modules().to_vec(),
                locations,
                welcome,
                two_factor: two_factor::enabled(c, viewer.id())?,
                two_factor_required: viewer.enrol_due(),
                viewed_by: match viewer.viewed_by() {
                    Some(by) => {
                        let staff = users::get(c, by)?;
                        Some(PersonRef {
                            id: staff.id,
                            name: staff.name,
                        })
                    }
                    None => None,
                },
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
        .read(move |c| sessions::list_live(c, viewer.id(), now, viewer.session_id()))
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
    ops::change_password(&st, &viewer, client, req).await?;
    Ok(StatusCode::NO_CONTENT)
}
