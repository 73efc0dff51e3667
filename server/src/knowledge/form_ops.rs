//! Support-form operations: forms are checked with the order forms' rules
//! (`validate_form`, `validate_submission`), and a submission opens a
//! ticket routed by the form's tag, assignee and team.

use portico_shared::{
    FieldError, FieldKind, FormDefaults, FormDefinition, FormSubmission, Id, NewSupportForm,
    Priority, PublicSubmission, SubmissionReceipt, SupportForm, SupportFormPatch, Ticket,
    TicketSource, TicketStatus, after_assign, answers_text, validate, validate_form,
    validate_submission, visibility_tags,
};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::retention::{self, Kept};
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
        public: row.public,
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
        public: req.public.unwrap_or(cur.public),
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
                        public: req.public,
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

/// Deletes a form (staff): no list offers it and no submission reaches it.
pub async fn delete(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<()> {
    viewer.require_staff()?;
    let me = viewer.id();
    let now = st.clock.now();
    let state = st.clone();
    st.db
        .write(move |tx| -> Result<()> {
            support_forms::delete(tx, id, now)?;
            audit(
                tx,
                &state,
                Some(me),
                "support_form.delete",
                format!("support_form:{id}"),
                &client,
                String::new(),
            )?;
            Ok(())
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
    let subject = checked_subject(req.subject.as_deref())?;
    let me = viewer.id();
    let now = st.clock.now();
    let config = st.config.clone();
    let ticket = st
        .db
        .write(move |tx| -> Result<Id> {
            let form = support_forms::get(tx, &forms, id)?;
            let (subject, body) = answered(&form, subject, &req.values)?;
            open_ticket(tx, &config, &form, (org, me, now), &subject, &body)
        })
        .await?;
    publish(st, me, vec![Change::ticket("ticket.created", ticket)]).await?;
    crate::tickets::ops::read(st, scope, ticket).await
}

/// A public form's answers from someone not signed in: a ticket for the
/// active contact with that e-mail, or else held for staff. Every attempt
/// counts against the address like a failed sign-in, so the form cannot
/// be used to flood the desk; the answer is the same either way.
pub async fn submit_public(
    st: &AppState,
    client: &Client,
    id: Id,
    req: PublicSubmission,
) -> Result<SubmissionReceipt> {
    let email = validate::email(&req.email)?;
    let subject = checked_subject(req.subject.as_deref())?;
    // Reserved and never forgiven: each submission uses up one attempt.
    let _attempt = crate::auth::begin_attempt(st, &email, client)?;
    let now = st.clock.now();
    let config = st.config.clone();
    let opened = st
        .db
        .write(move |tx| -> Result<Option<(Id, Id)>> {
            let form = support_forms::get_public(tx, id)?;
            let (subject, body) = answered(&form, subject, &req.values)?;
            match support_forms::contact_by_email(tx, &email)? {
                Some((person, org)) => {
                    let at = (org, person, now);
                    let ticket = open_ticket(tx, &config, &form, at, &subject, &body)?;
                    Ok(Some((person, ticket)))
                }
                None => {
                    support_forms::hold(tx, form.id, &email, &subject, &body, now)?;
                    // Strangers choose how many: bounded here, not only by the job.
                    retention::cap(tx, Kept::Holds, config.retention.max_rows)?;
                    Ok(None)
                }
            }
        })
        .await?;
    if let Some((person, ticket)) = opened {
        publish(st, person, vec![Change::ticket("ticket.created", ticket)]).await?;
    }
    Ok(SubmissionReceipt {
        status: "received".to_owned(),
    })
}

fn checked_subject(subject: Option<&str>) -> Result<Option<String>> {
    Ok(subject.map(|s| validate::name("subject", s)).transpose()?)
}

/// The ticket's subject and body from a form's answers, judged by its fields.
fn answered(
    form: &SupportForm,
    subject: Option<String>,
    values: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<(String, String)> {
    let values = validate_submission(&form.fields, values).map_err(ApiError::Validation)?;
    let answers = answers_text(&form.fields, &values);
    let body = message_text(
        "values",
        if answers.is_empty() {
            &form.name
        } else {
            &answers
        },
    )?;
    Ok((subject.unwrap_or_else(|| form.name.clone()), body))
}

/// Opens the ticket of a form's submission for `requester` of `org`,
/// routed by the form's tag, assignee and team.
/// Opens the ticket of a form's answers for `requester` of `org` at `now`,
/// routed by the form, and mails the inbox about it.
fn open_ticket(
    tx: &Conn<'_>,
    config: &crate::config::Config,
    form: &SupportForm,
    (org, requester, now): (Id, Id, i64),
    subject: &str,
    body: &str,
) -> Result<Id> {
    let ticket = tickets::insert(
        tx,
        &tickets::NewTicketRow {
            organization_id: org,
            requester_id: requester,
            subject,
            body,
            priority: form.priority,
            source: TicketSource::Form,
            now,
        },
    )?;
    sla::stamp(tx, ticket.id())?;
    let (tag, assignee, team) = support_forms::routing(tx, form.id)?;
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
    crate::notify::ticket_opened(tx, config, ticket.id(), requester, now)?;
    Ok(ticket.id())
}
