//! Support-form routes: clients list and submit the forms their
//! organisation's tags open (a form they may not use is 404); staff write
//! them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, FormSubmission, Id, NewSupportForm, SupportForm, SupportFormPatch, Ticket,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::form_ops::{self, Edit};
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, Result};
use crate::state::AppState;
use crate::store::support_forms;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch, delete))
        .routes(routes!(submit))
}

/// The support forms the viewer may use (needs `tickets`), by name; staff
/// see every form and its routing.
#[utoipa::path(get, path = "/support-forms", tag = "knowledge", security(("bearer" = [])),
    responses((status = 200, body = Vec<SupportForm>), (status = 403, body = ErrorBody)))]
async fn list(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Vec<SupportForm>>> {
    let scope = viewer.support_forms()?;
    Ok(Json(
        st.db.read(move |c| support_forms::list(c, &scope)).await?,
    ))
}

/// Add a support form (staff): order-form fields, and the priority, tag,
/// assignee and team of the tickets it opens.
#[utoipa::path(post, path = "/support-forms", tag = "knowledge", security(("bearer" = [])),
    request_body = NewSupportForm,
    responses((status = 201, body = SupportForm), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<NewSupportForm>,
) -> Result<(StatusCode, Json<SupportForm>)> {
    let form = form_ops::write(&st, &viewer, client, Edit::New(req)).await?;
    Ok((StatusCode::CREATED, Json(form)))
}

/// One support form, if the viewer may use it.
#[utoipa::path(get, path = "/support-forms/{id}", tag = "knowledge", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = SupportForm), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<SupportForm>> {
    let scope = viewer.support_forms()?;
    Ok(Json(
        st.db
            .read(move |c| support_forms::get(c, &scope, id))
            .await?,
    ))
}

/// Change a support form (staff); `null` clears the tag, assignee or team.
#[utoipa::path(patch, path = "/support-forms/{id}", tag = "knowledge", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = SupportFormPatch,
    responses((status = 200, body = SupportForm), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<SupportFormPatch>,
) -> Result<Json<SupportForm>> {
    Ok(Json(
        form_ops::write(&st, &viewer, client, Edit::Change(id, req)).await?,
    ))
}

/// Delete a support form (staff): it is offered no more and takes no
/// submissions; the tickets it opened keep their tag and answers.
#[utoipa::path(delete, path = "/support-forms/{id}", tag = "knowledge", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<StatusCode> {
    form_ops::delete(&st, &viewer, client, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submit a form (clients): opens a ticket with source `form`, the form's
/// tag, assignee, team and priority, and the answers as its body. Every
/// failing answer is named in one 422.
#[utoipa::path(post, path = "/support-forms/{id}/submit", tag = "knowledge", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = FormSubmission,
    responses((status = 201, body = Ticket), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn submit(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<FormSubmission>,
) -> Result<(StatusCode, Json<Ticket>)> {
    let ticket = form_ops::submit(&st, &viewer, id, req).await?;
    Ok((StatusCode::CREATED, Json(ticket)))
}
