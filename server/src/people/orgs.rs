//! Organisations and their locations (staff; changes by admins).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, Id, Location, LocationPatch, NewLocation, NewOrganization, Organization,
    OrganizationPatch, Page,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::{id_cursor, orgs};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(list_locations, create_location))
        .routes(routes!(patch_location))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Part of the name.
    q: Option<String>,
    /// One tag the organisation carries.
    tag: Option<String>,
    limit: Option<u32>,
    cursor: Option<String>,
}

/// Organisations, by id.
#[utoipa::path(get, path = "/organizations", tag = "organizations", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, body = Page<Organization>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ListQuery>,
) -> Result<Json<Page<Organization>>> {
    viewer.require_staff()?;
    let after = id_cursor(q.cursor.as_deref())?;
    let limit = portico_shared::clamp_limit(q.limit);
    let page = st
        .db
        .read(move |c| orgs::list(c, q.q.as_deref(), q.tag.as_deref(), after, limit))
        .await?;
    Ok(Json(page))
}

/// Create an organisation.
#[utoipa::path(post, path = "/organizations", tag = "organizations", security(("bearer" = [])),
    request_body = NewOrganization,
    responses((status = 201, body = Organization), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<NewOrganization>,
) -> Result<(StatusCode, Json<Organization>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::create_org(&st, &viewer, client, req).await?),
    ))
}

/// One organisation.
#[utoipa::path(get, path = "/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Organization), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Organization>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(move |c| orgs::get(c, id)).await?))
}

/// Change an organisation; absent fields stay.
#[utoipa::path(patch, path = "/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = OrganizationPatch,
    responses((status = 200, body = Organization), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<OrganizationPatch>,
) -> Result<Json<Organization>> {
    Ok(Json(ops::change_org(&st, &viewer, client, id, req).await?))
}

/// The organisation's locations.
#[utoipa::path(get, path = "/organizations/{id}/locations", tag = "organizations", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Location>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_locations(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Vec<Location>>> {
    viewer.require_staff()?;
    let locs = st
        .db
        .read(move |c| {
            orgs::get(c, id)?;
            orgs::locations(c, id, None)
        })
        .await?;
    Ok(Json(locs))
}

/// Add a location (site) to the organisation.
#[utoipa::path(post, path = "/organizations/{id}/locations", tag = "organizations", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewLocation,
    responses((status = 201, body = Location), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn create_location(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<NewLocation>,
) -> Result<(StatusCode, Json<Location>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::add_location(&st, &viewer, client, id, req).await?),
    ))
}

/// Change a location: its name, time zone or address; absent fields stay.
#[utoipa::path(patch, path = "/organizations/{id}/locations/{location_id}", tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("location_id" = i64, Path)), request_body = LocationPatch,
    responses((status = 200, body = Location), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch_location(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(ids): AppPath<(Id, Id)>,
    AppJson(req): AppJson<LocationPatch>,
) -> Result<Json<Location>> {
    Ok(Json(
        ops::change_location(&st, &viewer, client, ids, req).await?,
    ))
}
