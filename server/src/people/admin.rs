//! Portal-wide settings and the audit log (admins).

use axum::Json;
use axum::extract::State;
use portico_shared::{AuditEntry, AuditQuery, ErrorBody, ModuleSwitches, Page, validate};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppQuery, Result};
use crate::state::AppState;
use crate::store::{self, id_cursor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_modules, put_modules))
        .routes(routes!(audit_log))
}

/// Modules switched off for every client.
#[utoipa::path(get, path = "/settings/modules", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = ModuleSwitches), (status = 403, body = ErrorBody)))]
async fn get_modules(State(st): State<AppState>, viewer: Viewer) -> Result<Json<ModuleSwitches>> {
    viewer.require_admin()?;
    Ok(Json(ModuleSwitches {
        disabled: st.disabled_modules(),
    }))
}

/// Switch modules off (or back on) for every client at once.
#[utoipa::path(put, path = "/settings/modules", tag = "admin", security(("bearer" = [])),
    request_body = ModuleSwitches,
    responses((status = 200, body = ModuleSwitches), (status = 403, body = ErrorBody)))]
async fn put_modules(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<ModuleSwitches>,
) -> Result<Json<ModuleSwitches>> {
    Ok(Json(ops::switch_modules(&st, &viewer, client, req).await?))
}

/// The audit log, newest first: from a moment on, of one person, or of
/// one kind of action.
#[utoipa::path(get, path = "/audit", tag = "admin", security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, body = Page<AuditEntry>), (status = 403, body = ErrorBody)))]
async fn audit_log(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<AuditQuery>,
) -> Result<Json<Page<AuditEntry>>> {
    viewer.require_admin()?;
    let before = q
        .cursor
        .as_deref()
        .map(|c| id_cursor(Some(c)))
        .transpose()?;
    let actor = q.actor.as_deref().map(validate::email).transpose()?;
    let action = q
        .action
        .as_deref()
        .map(|a| validate::text("action", a, MAX_ACTION_CHARS))
        .transpose()?;
    let limit = portico_shared::clamp_limit(q.limit);
    let since = q.since.map(|t| t.as_second());
    Ok(Json(
        st.db
            .read(move |c| {
                let filter = store::audit::Filter {
                    before,
                    since,
                    actor_email: actor.as_deref(),
                    action_prefix: action.as_deref(),
                };
                store::audit::list(c, &filter, limit)
            })
            .await?,
    ))
}

/// Actions are short dotted names (`invite.create`); longer is no action.
const MAX_ACTION_CHARS: usize = 64;
