//! Ticket operations: the rules of opening, changing and assigning tickets,
//! each in one transaction, each answering what it changed for publishing.

use portico_shared::{
    BulkAssign, BulkResult, Id, NewTicket, Priority, Ticket, TicketPatch, TicketSource,
    TicketStatus, after_assign, check_transition, validate,
};

use super::policy;
use crate::access::{TicketScope, Viewer};
use crate::error::{ApiError, Result};
use crate::fields;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::owners::VisibleTicket;
use crate::store::{Conn, StoreError, attachments, orgs, sla, tickets, users};
use crate::threads::attachments::only_own_uploads;
use crate::threads::ops::message_text;

const MAX_BULK: usize = 200;

/// Opens a ticket. A client's is their organisation's, requested by them;
/// staff name the organisation and may name a contact of it as requester.
pub async fn open(st: &AppState, viewer: &Viewer, req: NewTicket) -> Result<Ticket> {
    open_from(st, viewer, req, TicketSource::Portal).await
}

/// Opens a ticket; a client's has `client_source` (the portal, or e-mail
/// for one that came in by mail).
pub async fn open_from(
    st: &AppState,
    viewer: &Viewer,
    req: NewTicket,
    client_source: TicketSource,
) -> Result<Ticket> {
    let scope = viewer.tickets()?;
    let subject = validate::name("subject", &req.subject)?;
    let body = message_text("body", &req.body)?;
    let priority = req.priority.unwrap_or(Priority::Normal);
    let me = viewer.id();
    // Clients' organisation and requester are their own, whatever was sent.
    let fixed_org = scope.org();
    let now = st.clock.now();
    let config = st.config.clone();
    let id = st
        .db
        .write(move |tx| -> Result<_> {
            let (org, requester, source) = match fixed_org {
                Some(org) => (org, me, client_source),
                None => {
                    let (org, requester) = staff_ticket_for(tx, &req, me)?;
                    (org, requester, TicketSource::Staff)
                }
            };
            let ticket = tickets::insert(
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
            sla::stamp(tx, ticket.id())?;
            // Files sent with a new ticket show with its body in the detail.
            only_own_uploads(&attachments::link(
                tx,
                me,
                &req.attachment_ids,
                Some(&ticket),
                None,
            )?)?;
            crate::notify::ticket_opened(tx, &config, ticket.id(), me, now)?;
            Ok(ticket.id())
        })
        .await?;
    publish(st, me, vec![Change::ticket("ticket.created", id)]).await?;
    read(st, scope, id).await
}

/// The organisation and requester of a ticket staff open.
fn staff_ticket_for(tx: &Conn<'_>, req: &NewTicket, me: Id) -> Result<(Id, Id)> {
    let Some(org) = req.organization_id else {
        return Err(ApiError::field(
            "organization_id",
            "staff must name the organisation",
        ));
    };
    if matches!(orgs::get(tx, org), Err(StoreError::NotFound)) {
        return Err(ApiError::field("organization_id", "no such organisation"));
    }
    let requester = match req.requester_id {
        Some(r) if users::get(tx, r).ok().and_then(|u| u.organization_id) == Some(org) => r,
        Some(_) => {
            return Err(ApiError::field(
                "requester_id",
                "must be a contact of that organisation",
            ));
        }
        None => me,
    };
    Ok((org, requester))
}

/// The ticket as `scope` sees it now.
pub async fn read(st: &AppState, scope: TicketScope, id: Id) -> Result<Ticket> {
    let now = st.clock.now();
    Ok(st
        .db
        .read(move |c| tickets::get(c, &scope, id, now))
        .await?)
}

/// Changes a ticket: staff any field, clients only `status: resolved`.
pub async fn change(st: &AppState, viewer: &Viewer, id: Id, req: TicketPatch) -> Result<Ticket> {
    let scope = viewer.tickets()?;
    if !scope.staff() && policy::staff_only(&req) {
        return Err(ApiError::Forbidden(
            "clients may only mark their ticket resolved",
        ));
    }
    let tags = req.tags.as_deref().map(validate::tags).transpose()?;
    let team = fields::clearable_name("team", &req.team)?;
    let visible = policy::client_visible(&req);
    let now = st.clock.now();
    let actor = policy::actor(&scope);
    let write_scope = scope.clone();
    let state = st.clone();
    st.db
        .write(move |tx| -> Result<_> {
            let ticket = tickets::check_visible(tx, &write_scope, id)?;
            let cur = tickets::current(tx, id)?;
            let mut status = cur.status;
            if let Some(assignee) = req.assignee_id {
                match assignee {
                    Some(a) if !tickets::is_assignable(tx, a)? => {
                        return Err(not_assignable());
                    }
                    Some(_) => status = after_assign(status),
                    None if status == TicketStatus::Open => status = TicketStatus::New,
                    None => {}
                }
            }
            if let Some(to) = req.status {
                check_transition(status, to, actor)
                    .map_err(|e| ApiError::Conflict(e.to_string()))?;
                status = to;
            }
            let update = tickets::Update {
                priority: req.priority,
                assignee_id: req.assignee_id,
                deadline: req.deadline.map(|d| d.map(|t| t.as_second())),
                team: team.as_ref().map(|t| t.as_deref()),
                tags: tags.as_deref(),
                visible,
                ..tickets::Update::status(status, now)
            };
            tickets::update(tx, &ticket, &update)?;
            let me = write_scope.me();
            crate::notify::work::ticket_status(tx, &state, id, (cur.status, status), me, now)?;
            // A new priority has other targets.
            if req.priority.is_some() {
                sla::stamp(tx, id)?;
            }
            Ok(())
        })
        .await?;
    let change = Change::Ticket {
        kind: "ticket.updated",
        id,
        message: None,
        audience: policy::audience(visible),
    };
    publish(st, viewer.id(), vec![change]).await?;
    read(st, scope, id).await
}

fn not_assignable() -> ApiError {
    ApiError::field("assignee_id", "must be an active staff member")
}

/// Assigns many tickets to one staff member: all of them, or none.
pub async fn assign_many(st: &AppState, viewer: &Viewer, req: BulkAssign) -> Result<BulkResult> {
    viewer.require_staff()?;
    let scope = viewer.tickets()?;
    if req.ticket_ids.is_empty() || req.ticket_ids.len() > MAX_BULK {
        return Err(ApiError::field(
            "ticket_ids",
            format!("name 1 to {MAX_BULK} tickets"),
        ));
    }
    let team = fields::name("team", req.team.as_deref())?;
    let now = st.clock.now();
    let ids = req.ticket_ids.clone();
    let write_scope = scope.clone();
    st.db
        .write(move |tx| -> Result<_> {
            if !tickets::is_assignable(tx, req.assignee_id)? {
                return Err(not_assignable());
            }
            let found = current_statuses(tx, &write_scope, &req.ticket_ids)?;
            for (ticket, status) in found {
                let update = tickets::Update {
                    assignee_id: Some(Some(req.assignee_id)),
                    deadline: req.deadline.map(|d| Some(d.as_second())),
                    team: team.as_deref().map(Some),
                    ..tickets::Update::status(after_assign(status), now)
                };
                tickets::update(tx, &ticket, &update)?;
            }
            Ok(())
        })
        .await?;
    let changes = ids
        .iter()
        .map(|id| Change::ticket("ticket.updated", *id))
        .collect();
    publish(st, viewer.id(), changes).await?;
    let mut updated = Vec::with_capacity(ids.len());
    for id in ids {
        updated.push(read(st, scope.clone(), id).await?);
    }
    Ok(BulkResult { updated })
}

/// Each of `ids` with its status; one missing is a field error naming all missing.
fn current_statuses(
    tx: &Conn<'_>,
    scope: &TicketScope,
    ids: &[Id],
) -> Result<Vec<(VisibleTicket, TicketStatus)>> {
    let mut missing = Vec::new();
    let mut found = Vec::new();
    for id in ids {
        match tickets::check_visible(tx, scope, *id) {
            Ok(ticket) => found.push((ticket, tickets::current(tx, *id)?.status)),
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
    Ok(found)
}
