//! Order forms: administrators define one per organisation (a default
//! covers the rest); every edit is a new version, so past orders keep the
//! form they were submitted with.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    EffectiveFormQuery, ErrorBody, FormDefinition, FormVersionQuery, Id, NewOrderForm, OrderForm,
    validate_form,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::{forms, orgs};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(effective))
        .routes(routes!(get, replace))
}

/// Every order form at its latest version, the default first (staff).
#[utoipa::path(get, path = "/order-forms", tag = "orders", security(("bearer" = [])),
    responses((status = 200, body = Vec<OrderForm>), (status = 403, body = ErrorBody)))]
async fn list(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Vec<OrderForm>>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(forms::list).await?))
}

/// Give an organisation its own order form (administrators).
#[utoipa::path(post, path = "/order-forms", tag = "orders", security(("bearer" = [])),
    request_body = NewOrderForm,
    responses((status = 201, body = OrderForm), (status = 403, body = ErrorBody),
        (status = 409, description = "the organisation already has a form", body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<NewOrderForm>,
) -> Result<(StatusCode, Json<OrderForm>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::create_form(&st, &viewer, client, req).await?),
    ))
}

/// The form that applies to an organisation's new orders: its own, else
/// the default. Clients (with `order_submit`) get their own organisation's;
/// staff name one.
#[utoipa::path(get, path = "/order-forms/effective", tag = "orders", security(("bearer" = [])),
    params(EffectiveFormQuery),
    responses((status = 200, body = OrderForm), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "staff did not name the organisation", body = ErrorBody)))]
async fn effective(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<EffectiveFormQuery>,
) -> Result<Json<OrderForm>> {
    let scope = viewer.order_submit()?;
    let Some(org) = scope.org().or(q.organization_id) else {
        return Err(ApiError::field(
            "organization_id",
            "staff must name the organisation",
        ));
    };
    let form = st
        .db
        .read(move |c| {
            orgs::get(c, org)?;
            forms::effective(c, org)
        })
        .await?
        .0;
    Ok(Json(form))
}

/// One form at its latest version (staff).
#[utoipa::path(get, path = "/order-forms/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = OrderForm), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<OrderForm>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(move |c| forms::get(c, id)).await?))
}

/// Change a form (administrators): the definition becomes its next
/// version; orders already submitted keep theirs. With `version`, the edit
/// is refused when someone saved another version since.
#[utoipa::path(put, path = "/order-forms/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path), FormVersionQuery), request_body = FormDefinition,
    responses((status = 200, body = OrderForm), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the form has a newer version than the one edited", body = ErrorBody)))]
async fn replace(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppQuery(q): AppQuery<FormVersionQuery>,
    AppJson(req): AppJson<FormDefinition>,
) -> Result<Json<OrderForm>> {
    viewer.require_admin()?;
    let def = validate_form(&req).map_err(ApiError::Validation)?;
    let now = st.clock.now();
    let state = st.clone();
    let form = st
        .db
        .write(move |tx| -> Result<_> {
            if let Some(base) = q.version {
                let current = forms::get(tx, id)?.version;
                if current != base {
                    return Err(ApiError::Conflict(format!(
                        "this form is at version {current} now, not {base}: someone saved it since; load it again and redo the change"
                    )));
                }
            }
            forms::replace(tx, id, &def, now)?;
            let form = forms::get(tx, id)?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "order_form.update",
                format!("order_form:{id}"),
                &client,
                format!("version {}", form.version),
            )?;
            Ok(form)
        })
        .await?;
    Ok(Json(form))
}
