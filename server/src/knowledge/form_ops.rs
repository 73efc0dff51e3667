//! Support-form operations: forms are checked with the order forms' rules
//! (`validate_form`, `validate_submission`), and a submission opens a
//! ticket routed by the form's tag, assignee and team.

use portico_shared::{
    FieldError, FieldKind, FormDefaults, FormDefinition, FormSubmission, Id, NewSupportForm,
    Priority, SupportForm, SupportFormPatch, Ticket, TicketSource, TicketStatus, after_assign,
    answers_text, validate, validate_form, validate_submission, visibility_tags,
};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::support_forms::{self, FormRow};
use crate::store::{Conn, sla, tickets};
use crate::threads::ops::message_text;

/// Checks a form's whole content: the order-form rules for name and fields
/// (no file fields: a ticket has no place for them), one valid tag, the
/// visibility's tags, and an active staff member as assignee.
fn checked(tx: &Conn<'_>, row: FormRow) -> Result<FormRow> {
    let def = FormDefinition {
        name: row.name,
        fields: row.fields,
        defaults: FormDefaults {
            priority: None,
            team: row.team,
            due_in_days: None,
        },
    };
    let mut errors = Vec::new();
    let def = validate_form(&def).unwrap_or_else(|e| {
        errors.extend(e);
        def
    });
    if def.fields.iter().any(|f| f.kind == FieldKind::File) {
        errors.push(FieldError::new(
            "fields",
            "support forms take no file fields; files are attached to the ticket",
        ));
    }
    let tag = match row.tag {
        Some(t) => match validate::tags(std::slice::from_ref(&t)) {
            Ok(mut one) => one.pop(),
            Err(e) => {
                errors.push(FieldError::new("tag", e.message));
                None
            }
        },
        None => None,
    };
    let tags = visibility_tags(row.visibility, &row.tags).unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    if let Some(a) = row.assignee_id
        && !tickets::is_assignable(tx, a)?
    {
        errors.push(FieldError::new(
            "assignee_id",
            "must be an active staff member",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(FormRow {
        name: def.name,
        fields: def.fields,
        priority: row.priority,
        tag,
        assignee_id: row.assignee_id,
        team: def.defaults.team,
        visibility: row.visibility,
        tags,
    })
}

/// A write to the support forms: a new form, or a change to one.
pub enum Edit {
    New(NewSupportForm),
    Change(Id, SupportFormPatch),
}

/// The content after a change: absent fields keep the stored ones.
fn patched(tx: &Conn<'_>, cur: SupportForm, req: SupportFormPatch) -> Result<FormRow> {
    let (tag, assignee_id, team) = support_forms::routing(tx, cur.id)?;
    Ok(FormRow {
        name: req.name.unwrap_or(cur.name),
        fields: req.fields.unwrap_or(cur.fields),
        priority: req.priority.unwrap_or(cur.priority),
        tag: req.tag.unwrap_or(tag),
        assignee_id: req.assignee_id.unwrap_or(assignee_id),
        team: req.team.unwrap_or(team),
        visibility: req.visibility.unwrap_or(cur.visibility),
        tags: req.tags.unwrap_or(cur.tags),
    })
}

/// Writes a form (staff) and answers it.
pub async fn write(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    edit: Edit,
) -> Result<SupportForm> {
    viewer.require_staff()?;
    let scope = viewer.support_forms()?;
    let me = viewer.id();
    let now = st.clock.now();
    let state = st.clone();
    st.db
        .write(move |tx| -> Result<SupportForm> {
            let id = match edit {
                Edit::New(req) => {
                    let row = FormRow {
                        name: req.name,
                        fields: req.fields,
                        priority: req.priority.unwrap_or(Priority::Normal),
                        tag: req.tag,
                        assignee_id: req.assignee_id,
                        team: req.team,
                        visibility: req.visibility,
                        tags: req.tags,
                    };
                    support_forms::insert(tx, &checked(tx, row)?, now)?
                }
                Edit::Change(id, req) => {
                    let row = patched(tx, support_forms::get(tx, &scope, id)?, req)?;
                    support_forms::replace(tx, id, &checked(tx, row)?, now)?;
                    id
                }
            };
            audit(
                tx,
                &state,
                Some(me),
                "support_form.write",
                format!("support_form:{id}"),
                &client,
                String::new(),
            )?;
            Ok(support_forms::get(tx, &scope, id)?)
        })
        .await
}

/// Opens a ticket from a client's answers to a form they may use: source
/// `form`, the form's priority, tag, assignee and team, the answers as its
/// body. A form they may not use is 404 before any answer is judged.
pub async fn submit(st: &AppState, viewer: &Viewer, id: Id, req: FormSubmission) -> Result<Ticket> {
    let forms = viewer.support_forms()?;
    let scope = viewer.tickets()?;
    let Some(org) = scope.org() else {
        return Err(ApiError::Forbidden(
            "support forms are submitted by clients",
        ));
    };
    let subject = req
        .subject
        .as_deref()
        .map(|s| validate::name("subject", s))
        .transpose()?;
    let me = viewer.id();
    let now = st.clock.now();
    let config = st.config.clone();
    let ticket = st
        .db
        .write(move |tx| -> Result<Id> {
            let form = support_forms::get(tx, &forms, id)?;
            let values =
                validate_submission(&form.fields, &req.values).map_err(ApiError::Validation)?;
            let answers = answers_text(&form.fields, &values);
            let body = message_text(
                "values",
                if answers.is_empty() {
                    &form.name
                } else {
                    &answers
                },
            )?;
            let ticket = tickets::insert(
                tx,
                &tickets::NewTicketRow {
                    organization_id: org,
                    requester_id: me,
                    subject: subject.as_deref().unwrap_or(&form.name),
                    body: &body,
                    priority: form.priority,
                    source: TicketSource::Form,
                    now,
                },
            )?;
            sla::stamp(tx, ticket.id())?;
            let (tag, assignee, team) = support_forms::routing(tx, id)?;
            let tags: Vec<String> = tag.into_iter().collect();
            let status = match assignee {
                Some(_) => after_assign(TicketStatus::New),
                None => TicketStatus::New,
            };
            tickets::update(
                tx,
                &ticket,
                &tickets::Update {
                    assignee_id: assignee.map(Some),
                    team: team.as_deref().map(Some),
                    tags: Some(&tags),
                    ..tickets::Update::status(status, now)
                },
            )?;
            // After routing: a form that assigns its tickets mails no inbox.
            crate::notify::ticket_opened(tx, &config, ticket.id(), me, now)?;
            Ok(ticket.id())
        })
        .await?;
    publish(st, me, vec![Change::ticket("ticket.created", ticket)]).await?;
    crate::tickets::ops::read(st, scope, ticket).await
}
