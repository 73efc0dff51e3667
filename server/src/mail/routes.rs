//! Notification choices (`/me/notifications`, anyone about themselves) and
//! the mail status (`/mail/status`, administrators).

use axum::Json;
use axum::extract::State;
use portico_shared::{ErrorBody, MailStatus, NotificationSettings};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::error::{AppJson, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_notifications, put_notifications))
        .routes(routes!(mail_status))
}

/// Which mail I get, per category that applies to me.
#[utoipa::path(get, path = "/me/notifications", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings)))]
async fn get_notifications(
    State(st): State<AppState>,
    viewer: Viewer,
) -> Result<Json<NotificationSettings>> {
    Ok(Json(ops::notifications(&st, &viewer).await?))
}

/// Turn categories of mail on or off (those named; the rest stay).
#[utoipa::path(put, path = "/me/notifications", tag = "mail", security(("bearer" = [])),
    request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings)))]
async fn put_notifications(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NotificationSettings>,
) -> Result<Json<NotificationSettings>> {
    Ok(Json(ops::set_notifications(&st, &viewer, req).await?))
}

/// The outbox (queued, sent, failed, with the last error) and quarantined
/// incoming mail (administrators).
#[utoipa::path(get, path = "/mail/status", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = MailStatus), (status = 403, body = ErrorBody)))]
async fn mail_status(State(st): State<AppState>, viewer: Viewer) -> Result<Json<MailStatus>> {
    Ok(Json(ops::status(&st, &viewer).await?))
}
