//! Portal-wide settings and the audit log (admins).

use axum::Json;
use axum::extract::State;
use portico_shared::{AuditEntry, ErrorBody, ModuleSwitches, Page};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::Client;
use crate::error::{AppJson, AppQuery, Result};
use crate::events::EVERYONE;
use crate::state::AppState;
use crate::store::{self, id_cursor, settings};

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
    AppJson(mut req): AppJson<ModuleSwitches>,
) -> Result<Json<ModuleSwitches>> {
    viewer.require_admin()?;
    req.disabled.sort();
    req.disabled.dedup();
    let disabled = req.disabled.clone();
    let state = st.clone();
    st.db
        .write(move |tx| {
            settings::set_disabled_modules(tx, &disabled)?;
            let detail = disabled
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(",");
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "settings.modules",
                String::new(),
                &client,
                detail,
            )
        })
        .await?;
    st.set_disabled_modules(req.disabled.clone());
    st.access_changed(EVERYONE);
    Ok(Json(req))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct AuditQuery {
    limit: Option<u32>,
    cursor: Option<String>,
}

/// The audit log, newest first.
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
    let limit = portico_shared::clamp_limit(q.limit);
    Ok(Json(
        st.db
            .read(move |c| store::audit::list(c, before, limit))
            .await?,
    ))
}
