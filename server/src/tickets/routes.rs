//! Tickets: the client's list and the staff's triage inbox.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    Actor, BulkAssign, BulkResult, ErrorBody, Id, NewTicket, Page, PersonRef, Priority, Ticket,
    TicketPatch, TicketQuery, TicketSource, TicketStatus, after_assign, check_transition, validate,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::{TicketScope, Viewer};
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::events::{Audience, Payload, Published, TicketChange};
use crate::state::AppState;
use crate::store::{StoreError, attachments, tickets, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(bulk_assign))
        .routes(routes!(staff))
}

pub use portico_shared::validate::MAX_BODY_CHARS;
const MAX_BULK: usize = 200;

/// Staff's view of everything: used to build events and answers.
pub fn staff_scope(me: Id) -> TicketScope {
    TicketScope {
        me,
        staff: true,
        org: None,
        requester: None,
        floor: 0,
        team: None,
    }
}

/// Publishes a ticket event (with an optional message) as staff see it;
/// each subscriber's stream narrows it to their own scope.
pub async fn publish_ticket(state: &AppState, kind: &'static str, actor: Id, id: Id) -> Result<()> {
    publish(state, kind, actor, id, None).await
}

pub async fn publish(
    state: &AppState,
    kind: &'static str,
    actor: Id,
    id: Id,
    message: Option<portico_shared::Message>,
) -> Result<()> {
    publish_to(state, kind, actor, id, message, Audience::Everyone).await
}

/// Publishes a ticket change to `audience` (of those who may see the ticket).
pub async fn publish_to(
    state: &AppState,
    kind: &'static str,
    actor: Id,
    id: Id,
    message: Option<portico_shared::Message>,
    audience: Audience,
) -> Result<()> {
    let now = state.clock.now();
    let (ticket, current) = state
        .db
        .read(move |c| -> Result<_> {
            Ok((
                tickets::get(c, &staff_scope(0), id, now)?,
                tickets::public_count(c, id)?,
            ))
        })
        .await?;
    let requester_id = ticket.requester.id;
    state.hub.publish(|event_id| Published {
        id: event_id,
        kind,
        actor_id: actor,
        payload: Payload::Ticket(Box::new(TicketChange {
            ticket,
            requester_id,
            public_message_count: current,
            message,
            audience,
        })),
    });
    Ok(())
}

/// Text a person typed for a ticket body or message: present and bounded.
pub fn body_text(field: &str, raw: &str) -> Result<String> {
    if raw.trim().is_empty() {
        return Err(ApiError::field(field, "must not be empty"));
    }
    if raw.chars().count() > MAX_BODY_CHARS {
        return Err(ApiError::field(
            field,
            format!("must be at most {MAX_BODY_CHARS} characters"),
        ));
    }
    Ok(raw.to_owned())
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
    let scope = viewer.tickets()?;
    let subject = validate::name("subject", &req.subject)?;
    let body = body_text("body", &req.body)?;
    let priority = req.priority.unwrap_or(Priority::Normal);
    let me = viewer.id();
    // Clients' organisation and requester are their own, whatever was sent.
    let fixed_org = scope.org;
    let now = st.clock.now();
    let id = st
        .db
        .write(move |tx| {
            let (org, requester, source) = match fixed_org {
                Some(org) => (org, me, TicketSource::Portal),
                None => {
                    let Some(org) = req.organization_id else {
                        return Err(ApiError::field(
                            "organization_id",
                            "staff must name the organisation",
                        ));
                    };
                    if matches!(crate::store::orgs::get(tx, org), Err(StoreError::NotFound)) {
                        return Err(ApiError::field("organization_id", "no such organisation"));
                    }
                    let requester = match req.requester_id {
                        Some(r)
                            if users::get(tx, r).ok().and_then(|u| u.organization_id)
                                == Some(org) =>
                        {
                            r
                        }
                        Some(_) => {
                            return Err(ApiError::field(
                                "requester_id",
                                "must be a contact of that organisation",
                            ));
                        }
                        None => me,
                    };
                    (org, requester, TicketSource::Staff)
                }
            };
            let id = tickets::insert(
                tx,
                &tickets::NewTicketRow {
                    organization_id: org,
                    requester_id: requester,
                    subject: &subject,
                    body: &body,
                    priority,
                    source,
                    now,
                },
            )?;
            // Files sent with a new ticket show with its body in the detail.
            let bad = attachments::link(tx, me, &req.attachment_ids, Some(id), None)?;
            crate::threads::attachments::only_own_uploads(&bad)?;
            Ok(id)
        })
        .await?;
    publish_ticket(&st, "ticket.created", me, id).await?;
    let ticket = st
        .db
        .read(move |c| tickets::get(c, &scope, id, now))
        .await?;
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
    let scope = viewer.tickets()?;
    let db = st.db.clone();
    crate::api::json_now(&st, |now| async move {
        Ok(db.read(move |c| tickets::get(c, &scope, id, now)).await?)
    })
    .await
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
    let scope = viewer.tickets()?;
    let staff_only = req.priority.is_some()
        || req.assignee_id.is_some()
        || req.deadline.is_some()
        || req.team.is_some()
        || req.tags.is_some();
    if !scope.staff && staff_only {
        return Err(ApiError::Forbidden(
            "clients may only mark their ticket resolved",
        ));
    }
    let tags = req.tags.as_deref().map(validate::tags).transpose()?;
    let team = match &req.team {
        Some(Some(t)) => Some(Some(validate::name("team", t)?)),
        Some(None) => Some(None),
        None => None,
    };
    // Tags are staff's own: changing only them is no news to the client.
    let visible = req.status.is_some()
        || req.priority.is_some()
        || req.assignee_id.is_some()
        || req.deadline.is_some()
        || req.team.is_some();
    let now = st.clock.now();
    let actor = if scope.staff {
        Actor::Staff
    } else {
        Actor::Client
    };
    let write_scope = scope.clone();
    st.db
        .write(move |tx| {
            tickets::check_visible(tx, &write_scope, id)?;
            let cur = tickets::current(tx, id)?;
            let mut status = cur.status;
            if let Some(assignee) = req.assignee_id {
                match assignee {
                    Some(a) if !tickets::is_assignable(tx, a)? => {
                        return Err(ApiError::field(
                            "assignee_id",
                            "must be an active staff member",
                        ));
                    }
                    Some(_) => status = after_assign(status),
                    None if status == TicketStatus::Open => status = TicketStatus::New,
                    None => {}
                }
            }
            if let Some(to) = req.status {
                if let Err(e) = check_transition(status, to, actor) {
                    return Err(ApiError::Conflict(e.to_string()));
                }
                status = to;
            }
            tickets::update(
                tx,
                id,
                &tickets::Update {
                    status,
                    priority: req.priority,
                    assignee_id: req.assignee_id,
                    deadline: req.deadline.map(|d| d.map(|t| t.as_second())),
                    team: team.as_ref().map(|t| t.as_deref()),
                    tags: tags.as_deref(),
                    now,
                    visible,
                },
            )?;
            Ok(())
        })
        .await?;
    let audience = if visible {
        Audience::Everyone
    } else {
        Audience::Staff
    };
    publish_to(&st, "ticket.updated", viewer.id(), id, None, audience).await?;
    Ok(Json(
        st.db
            .read(move |c| tickets::get(c, &scope, id, now))
            .await?,
    ))
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
    viewer.require_staff()?;
    let scope = viewer.tickets()?;
    if req.ticket_ids.is_empty() || req.ticket_ids.len() > MAX_BULK {
        return Err(ApiError::field(
            "ticket_ids",
            format!("name 1 to {MAX_BULK} tickets"),
        ));
    }
    let team = req
        .team
        .as_deref()
        .map(|t| validate::name("team", t))
        .transpose()?;
    let now = st.clock.now();
    let ids = req.ticket_ids.clone();
    st.db
        .write(move |tx| {
            if !tickets::is_assignable(tx, req.assignee_id)? {
                return Err(ApiError::field(
                    "assignee_id",
                    "must be an active staff member",
                ));
            }
            let mut missing = Vec::new();
            let mut found = Vec::new();
            for id in &req.ticket_ids {
                match tickets::current(tx, *id) {
                    Ok(cur) => found.push((*id, cur.status)),
                    Err(StoreError::NotFound) => missing.push(*id),
                    Err(e) => return Err(e.into()),
                }
            }
            if !missing.is_empty() {
                return Err(ApiError::field(
                    "ticket_ids",
                    format!("no such tickets: {missing:?}"),
                ));
            }
            for (id, status) in found {
                tickets::update(
                    tx,
                    id,
                    &tickets::Update {
                        status: after_assign(status),
                        priority: None,
                        assignee_id: Some(Some(req.assignee_id)),
                        deadline: req.deadline.map(|d| Some(d.as_second())),
                        team: team.as_deref().map(Some),
                        tags: None,
                        now,
                        visible: true,
                    },
                )?;
            }
            Ok(())
        })
        .await?;
    let mut updated = Vec::with_capacity(ids.len());
    for id in ids {
        publish_ticket(&st, "ticket.updated", viewer.id(), id).await?;
        let scope = scope.clone();
        updated.push(
            st.db
                .read(move |c| tickets::get(c, &scope, id, now))
                .await?,
        );
    }
    Ok(Json(BulkResult { updated }))
}

/// Staff who can be assigned tickets.
#[utoipa::path(get, path = "/staff", tag = "tickets", security(("bearer" = [])),
    responses((status = 200, body = Vec<PersonRef>), (status = 403, body = ErrorBody)))]
async fn staff(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Vec<PersonRef>>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(tickets::staff).await?))
}
