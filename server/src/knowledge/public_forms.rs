//! Support forms anyone may use without signing in: the public help
//! page lists them, and a submission opens a ticket for the contact whose
//! e-mail it names, or is held for staff. Throttled like sign-in.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, Id, PublicSubmission, SubmissionReceipt, SupportForm, SupportFormHold,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::form_ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppPath, Result};
use crate::state::AppState;
use crate::store::support_forms;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(submit))
        .routes(routes!(held))
}

/// Support forms are the tickets module's: off for everyone, none here.
fn tickets_on(st: &AppState) -> Result<()> {
    if st
        .disabled_modules()
        .contains(&portico_shared::Module::Tickets)
    {
        return Err(ApiError::Forbidden("this module is not enabled for you"));
    }
    Ok(())
}

/// The support forms anyone may use without signing in, by name.
#[utoipa::path(get, path = "/public/support-forms", tag = "knowledge", security(()),
    responses((status = 200, body = Vec<SupportForm>), (status = 403, body = ErrorBody)))]
async fn list(State(st): State<AppState>) -> Result<Json<Vec<SupportForm>>> {
    tickets_on(&st)?;
    Ok(Json(st.db.read(support_forms::list_public).await?))
}

/// Submit a public form without signing in: a ticket for the active
/// contact with this e-mail, otherwise held for staff. The answer is the
/// same either way; each submission counts against the address like a
/// failed sign-in (429 past the limit).
#[utoipa::path(post, path = "/public/support-forms/{id}/submit", tag = "knowledge", security(()),
    params(("id" = i64, Path)), request_body = PublicSubmission,
    responses((status = 202, body = SubmissionReceipt), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn submit(
    State(st): State<AppState>,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<PublicSubmission>,
) -> Result<(StatusCode, Json<SubmissionReceipt>)> {
    tickets_on(&st)?;
    let receipt = form_ops::submit_public(&st, &client, id, req).await?;
    Ok((StatusCode::ACCEPTED, Json(receipt)))
}

/// The public submissions held because no contact has their e-mail,
/// newest first (staff): someone to invite, or to answer by mail.
#[utoipa::path(get, path = "/support-form-holds", tag = "knowledge", security(("bearer" = [])),
    responses((status = 200, body = Vec<SupportFormHold>), (status = 403, body = ErrorBody)))]
async fn held(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Vec<SupportFormHold>>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(support_forms::holds).await?))
}
