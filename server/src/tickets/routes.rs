//! Ticket routes: the client's list and the staff's triage inbox.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    BulkAssign, BulkResult, ErrorBody, Id, NewTicket, Page, PersonRef, Ticket, TicketPatch,
    TicketQuery,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::tickets;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(bulk_assign))
        .routes(routes!(staff))
}

/// Tickets the viewer sees: staff pick a triage `view`; everyone may filter,
/// search (`q`) and sort.
#[utoipa::path(get, path = "/tickets", tag = "tickets", security(("bearer" = [])),
    params(TicketQuery),
    responses((status = 200, body = Page<Ticket>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<TicketQuery>,
) -> Result<Json<Page<Ticket>>> {
    let scope = viewer.tickets()?;
    let limit = portico_shared::clamp_limit(q.limit);
    let db = st.db.clone();
    crate::api::json_now(&st, |now| async move {
        Ok(db
            .read(move |c| tickets::list(c, &scope, &q, limit, now))
            .await?)
    })
    .await
}

/// Open a ticket. A client's lands unassigned in the inbox; staff name the organisation.
#[utoipa::path(post, path = "/tickets", tag = "tickets", security(("bearer" = [])),
    request_body = NewTicket,
    responses((status = 201, body = Ticket), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewTicket>,
) -> Result<(StatusCode, Json<Ticket>)> {
    let ticket = ops::open(&st, &viewer, req).await?;
    Ok((StatusCode::CREATED, Json(ticket)))
}

/// One ticket with its assignee, deadline, counts and times.
#[utoipa::path(get, path = "/tickets/{id}", tag = "tickets", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Ticket), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Ticket>> {
    Ok(Json(ops::read(&st, viewer.tickets()?, id).await?))
}

/// Change a ticket. Staff: status, priority, assignee, deadline, team, tags.
/// Clients: only `status: resolved` on their own tickets.
#[utoipa::path(patch, path = "/tickets/{id}", tag = "tickets", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = TicketPatch,
    responses((status = 200, body = Ticket), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the status change is not allowed from the current status", body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<TicketPatch>,
) -> Result<Json<Ticket>> {
    Ok(Json(ops::change(&st, &viewer, id, req).await?))
}

/// Assign many tickets to one person at once (all or nothing).
#[utoipa::path(post, path = "/tickets/bulk-assign", tag = "tickets", security(("bearer" = [])),
    request_body = BulkAssign,
    responses((status = 200, body = BulkResult), (status = 403, body = ErrorBody)))]
async fn bulk_assign(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<BulkAssign>,
) -> Result<Json<BulkResult>> {
    Ok(Json(ops::assign_many(&st, &viewer, req).await?))
}

/// Staff who can be assigned tickets.
#[utoipa::path(get, path = "/staff", tag = "tickets", security(("bearer" = [])),
    responses((status = 200, body = Vec<PersonRef>), (status = 403, body = ErrorBody)))]
async fn staff(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Vec<PersonRef>>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(tickets::staff).await?))
}
