//! Organisations and their locations (staff; changes by admins).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, Id, Location, NewLocation, NewOrganization, Organization, OrganizationPatch, Page,
    PortalAccess, validate,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::{DEFAULT_CLIENT_MODULES, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::events::EVERYONE;
use crate::state::AppState;
use crate::store::{id_cursor, orgs};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(list_locations, create_location))
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
    viewer.require_admin()?;
    let name = validate::name("name", &req.name)?;
    let tags = validate::tags(&req.tags)?;
    let modules = req
        .default_modules
        .unwrap_or_else(|| DEFAULT_CLIENT_MODULES.to_vec());
    let portal_access = req.portal_access.unwrap_or(PortalAccess::All);
    let state = st.clone();
    let org = st
        .db
        .write(move |tx| {
            let id = orgs::insert(
                tx,
                &orgs::NewOrg {
                    name: &name,
                    tags: &tags,
                    portal_access,
                    default_modules: &modules,
                    now: state.clock.now(),
                },
            )?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "organization.create",
                format!("organization:{id}"),
                &client,
                name,
            )?;
            orgs::get(tx, id)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(org)))
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
    viewer.require_admin()?;
    let name = req
        .name
        .as_deref()
        .map(|n| validate::name("name", n))
        .transpose()?;
    let tags = req.tags.as_deref().map(validate::tags).transpose()?;
    let state = st.clone();
    let org = st
        .db
        .write(move |tx| {
            orgs::update(
                tx,
                id,
                &orgs::Changes {
                    name: name.as_deref(),
                    tags: tags.as_deref(),
                    portal_access: req.portal_access,
                    default_modules: req.default_modules.as_deref(),
                    ticket_history: req.ticket_history,
                    history_since: req.history_since.map(|t| t.as_second()),
                },
            )?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "organization.update",
                format!("organization:{id}"),
                &client,
                String::new(),
            )?;
            orgs::get(tx, id)
        })
        .await?;
    st.access_changed(EVERYONE);
    Ok(Json(org))
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
    viewer.require_staff()?;
    let name = validate::name("name", &req.name)?;
    let tz = validate::timezone(req.timezone.as_deref().unwrap_or("UTC"))?;
    if jiff::tz::TimeZone::get(&tz).is_err() {
        return Err(ApiError::field(
            "timezone",
            format!("{tz} is not a known time zone"),
        ));
    }
    let address = validate::text("address", &req.address, validate::MAX_ADDRESS_CHARS)?;
    let state = st.clone();
    let loc = st
        .db
        .write(move |tx| -> Result<_> {
            let loc = orgs::insert_location(tx, id, &name, &tz, &address, state.clock.now())?;
            audit(
                tx,
                &state,
                Some(viewer.id()),
                "location.create",
                format!("location:{}", loc.id),
                &client,
                name,
            )?;
            Ok(loc)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(loc)))
}
