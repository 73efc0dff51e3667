//! People and invites: admins invite, change and remove; invitees accept.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    AcceptInviteRequest, ErrorBody, Id, InviteRequest, InviteResponse, LoginResponse, Page, Role,
    User, UserPatch, UserStatus, validate,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::{self, Client};
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{StoreError, id_cursor, invites, orgs, sessions, ts, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(patch))
        .routes(routes!(invite))
        .routes(routes!(resend))
        .routes(routes!(remove))
        .routes(routes!(accept))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    organization_id: Option<Id>,
    role: Option<Role>,
    limit: Option<u32>,
    cursor: Option<String>,
}

/// People, by id.
#[utoipa::path(get, path = "/users", tag = "people", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, body = Page<User>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ListQuery>,
) -> Result<Json<Page<User>>> {
    viewer.require_admin()?;
    let after = id_cursor(q.cursor.as_deref())?;
    let limit = portico_shared::clamp_limit(q.limit);
    let filter = portico_shared::UserFilter {
        organization_id: q.organization_id,
        role: q.role,
    };
    Ok(Json(
        st.db
            .read(move |c| users::list(c, &filter, after, limit))
            .await?,
    ))
}

/// Checks per-person overrides against the person's role and organisation.
fn check_overrides(
    c: &Conn<'_>,
    role: Role,
    org: Option<Id>,
    modules: Option<&[portico_shared::Module]>,
    locations: Option<&[Id]>,
) -> Result<(), ApiError> {
    if role.is_staff() && (modules.is_some() || locations.is_some()) {
        return Err(ApiError::field(
            "modules",
            "staff have every module and location; overrides are for clients and workers",
        ));
    }
    if let Some(ids) = locations {
        let Some(org) = org else {
            return Err(ApiError::field(
                "location_ids",
                "only client contacts can be limited to locations",
            ));
        };
        let foreign = orgs::foreign_locations(c, org, ids)?;
        if !foreign.is_empty() {
            return Err(ApiError::field(
                "location_ids",
                format!("not locations of this organisation: {foreign:?}"),
            ));
        }
    }
    Ok(())
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
    viewer.require_admin()?;
    let name = req
        .name
        .as_deref()
        .map(|n| validate::name("name", n))
        .transpose()?;
    let team = match &req.team {
        Some(Some(t)) => Some(Some(validate::name("team", t)?)),
        Some(None) => Some(None),
        None => None,
    };
    let state = st.clone();
    let user = st
        .db
        .write(move |tx| -> Result<_> {
            let before = users::get(tx, id)?;
            let modules = req.modules.as_ref().map(|m| m.as_deref());
            let locations = req.location_ids.as_ref().map(|l| l.as_deref());
            check_overrides(
                tx,
                before.role,
                before.organization_id,
                modules.flatten(),
                locations.flatten(),
            )?;
            users::update(
                tx,
                id,
                &users::Changes {
                    name: name.as_deref(),
                    modules,
                    location_ids: locations,
                    portal_selected: req.portal_selected,
                    ticket_scope: req.ticket_scope,
                    team: team.as_ref().map(|t| t.as_deref()),
                },
            )?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "user.update",
                format!("user:{id}"),
                &client,
                String::new(),
            )?;
            Ok(users::get(tx, id)?)
        })
        .await?;
    st.access_changed(id);
    Ok(Json(user))
}

/// Stores a fresh invite code for `user_id`, voiding any earlier one.
fn issue_code(tx: &Conn<'_>, state: &AppState, user_id: Id) -> Result<(String, i64), StoreError> {
    let now = state.clock.now();
    invites::void_all(tx, user_id, now)?;
    let code = auth::new_secret();
    let expires_at = now + i64::from(state.config.invite_days) * 86_400;
    invites::insert(tx, user_id, &auth::secret_hash(&code), now, expires_at)?;
    Ok((code, expires_at))
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
    viewer.require_admin()?;
    let email = validate::email(&req.email)?;
    let name = validate::name("name", &req.name)?;
    let org = match (req.role, req.organization_id) {
        (Role::Client, Some(org)) => Some(org),
        (Role::Client, None) => {
            return Err(ApiError::field(
                "organization_id",
                "a client contact needs an organisation",
            ));
        }
        (_, Some(_)) => {
            return Err(ApiError::field(
                "organization_id",
                "only client contacts belong to an organisation",
            ));
        }
        (_, None) => None,
    };
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            if let Some(org) = org {
                // An unknown organisation id is a field error, not a 404 on /invites.
                if matches!(orgs::get(tx, org), Err(StoreError::NotFound)) {
                    return Err(ApiError::field("organization_id", "no such organisation"));
                }
            }
            check_overrides(
                tx,
                req.role,
                org,
                req.modules.as_deref(),
                req.location_ids.as_deref(),
            )?;
            let now = state.clock.now();
            let id = users::insert(
                tx,
                &users::NewUser {
                    email: &email,
                    name: &name,
                    role: req.role,
                    status: UserStatus::Invited,
                    organization_id: org,
                    password_hash: None,
                    modules: req.modules.as_deref(),
                    location_ids: req.location_ids.as_deref(),
                    now,
                },
            )?;
            // Being invited is being selected, for organisations that grant access to some.
            users::update(
                tx,
                id,
                &users::Changes {
                    name: None,
                    modules: None,
                    location_ids: None,
                    portal_selected: Some(true),
                    ticket_scope: None,
                    team: None,
                },
            )?;
            let (code, expires_at) = issue_code(tx, &state, id)?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "invite.create",
                format!("user:{id}"),
                &client,
                email,
            )?;
            Ok(InviteResponse {
                user: users::get(tx, id)?,
                invite_code: code,
                expires_at: ts(expires_at),
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
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
    viewer.require_admin()?;
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            let user = users::get(tx, id)?;
            if user.status != UserStatus::Invited {
                return Err(StoreError::Conflict(format!(
                    "this person is {}, not invited",
                    user.status
                )));
            }
            let (code, expires_at) = issue_code(tx, &state, id)?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "invite.resend",
                format!("user:{id}"),
                &client,
                String::new(),
            )?;
            Ok(InviteResponse {
                user,
                invite_code: code,
                expires_at: ts(expires_at),
            })
        })
        .await?;
    Ok(Json(answer))
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
    viewer.require_admin()?;
    if id == viewer.id() {
        return Err(ApiError::Conflict("you cannot remove yourself".into()));
    }
    let state = st.clone();
    let user = st
        .db
        .write(move |tx| {
            users::get(tx, id)?;
            let now = state.clock.now();
            users::set_status(tx, id, UserStatus::Removed)?;
            let ended = sessions::revoke_all(tx, id, now)?;
            invites::void_all(tx, id, now)?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "user.remove",
                format!("user:{id}"),
                &client,
                format!("{ended} sessions ended"),
            )?;
            users::get(tx, id)
        })
        .await?;
    st.access_changed(id);
    Ok(Json(user))
}

/// Accept an invite: choose a password and sign in.
#[utoipa::path(post, path = "/invites/accept", tag = "people", request_body = AcceptInviteRequest,
    responses((status = 200, body = LoginResponse),
        (status = 400, description = "unknown, used or expired code", body = ErrorBody),
        (status = 429, description = "too many bad codes from this address; see Retry-After", body = ErrorBody),
        (status = 503, description = "the server is busy; see Retry-After", body = ErrorBody)))]
async fn accept(
    State(st): State<AppState>,
    client: Client,
    AppJson(req): AppJson<AcceptInviteRequest>,
) -> Result<Json<LoginResponse>> {
    validate::password(&req.password)?;
    let attempt = auth::begin_attempt(&st, "invite", &client)?;
    let code_hash = auth::secret_hash(req.code.trim());
    let now = st.clock.now();
    // The code is checked before the costly hash: bogus codes cost nothing.
    let lookup = code_hash.clone();
    if st
        .db
        .read(move |c| invites::live(c, &lookup, now))
        .await?
        .is_none()
    {
        return Err(invalid_invite());
    }
    let hash = match st.hasher.hash(req.password).await {
        Ok(h) => h,
        Err(e) => {
            attempt.abandon();
            return Err(e.into());
        }
    };
    attempt.succeeded();
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            let now = state.clock.now();
            let Some(id) = invites::redeem(tx, &code_hash, now)? else {
                return Ok(None);
            };
            users::activate(tx, id, &hash, now)?;
            audit(
                tx,
                &state,
                Some(id),
                "invite.accept",
                format!("user:{id}"),
                &client,
                String::new(),
            )?;
            let user = users::get(tx, id)?;
            auth::open_session(tx, &state, user, &client).map(Some)
        })
        .await?;
    answer.map(Json).ok_or_else(invalid_invite)
}

fn invalid_invite() -> ApiError {
    ApiError::BadRequest {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_invite",
        message: "this invite code is unknown, already used or expired; ask for a new one".into(),
    }
}
