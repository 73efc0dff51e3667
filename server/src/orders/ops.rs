//! Order operations: submitting through a form, moving along the
//! lifecycle, staffing items and delivering files, each in one transaction.

use portico_shared::{
    Actor, Attachment, FieldError, Id, ItemInput, ItemState, NewDeliverables, NewOrder,
    NewOrderForm, OrderDetail, OrderForm, OrderItem, OrderPatch, OrderStatus, Priority,
    check_order_transition, due_date, submitted_files, validate, validate_form,
    validate_submission,
};

use super::policy;
use crate::access::{OrderScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::fields;
use crate::notify::work::OrderNews;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::{Conn, attachments, forms, orders, orgs};
use crate::threads::attachments::only_own_uploads;

/// The order with its form, values, items and deliverables, as `scope` sees it.
pub async fn read(st: &AppState, scope: OrderScope, id: Id) -> Result<OrderDetail> {
    Ok(st.db.read(move |c| orders::detail(c, &scope, id)).await?)
}

/// Submits an order through the organisation's form (needs `order_submit`).
/// Every failing field is named in one 422 answer; values of file fields are
/// ids of the submitter's own unused uploads.
pub async fn submit(st: &AppState, viewer: &Viewer, req: NewOrder) -> Result<OrderDetail> {
    let scope = viewer.order_submit()?;
    let mut errors = Vec::new();
    // Every failing field is collected, so one answer names them all.
    let title = match validate::name("title", &req.title) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let me = viewer.id();
    let now = st.clock.now();
    let write_scope = scope.clone();
    let id = st
        .db
        .write(move |tx| {
            let Some(org) = ordering_org(tx, &write_scope, req.organization_id, &mut errors) else {
                return Err(ApiError::Validation(errors));
            };
            check_location(tx, &write_scope, org, req.location_id, &mut errors)?;
            let (form, version_id) = forms::effective(tx, org)?;
            let fields = &form.definition.fields;
            let values = validate_submission(fields, &req.values).unwrap_or_else(|e| {
                errors.extend(e);
                Default::default()
            });
            let files = submitted_files(fields, &values);
            check_files(tx, me, &files, &mut errors)?;
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let defaults = &form.definition.defaults;
            let today = orders::utc_date(now);
            let order = orders::insert(
                tx,
                &orders::NewOrderRow {
                    organization_id: org,
                    location_id: req.location_id.unwrap_or_default(),
                    title: &title,
                    priority: defaults.priority.unwrap_or(Priority::Normal),
                    team: defaults.team.as_deref(),
                    due_date: due_date(req.due_date, today, defaults),
                    submitted_by: me,
                    form_version_id: version_id,
                    values: &values,
                    year: today.year(),
                    now,
                },
            )?;
            let file_ids: Vec<Id> = files.iter().map(|(_, f)| *f).collect();
            attachments::link_to_order(tx, me, &file_ids, &order, false)?;
            Ok(order.id())
        })
        .await?;
    publish(st, me, vec![Change::order("order.created", id)]).await?;
    read(st, scope, id).await
}

/// The organisation an order is for: a client's own, whatever was sent;
/// staff name an existing one. `None` (with the reason in `errors`) otherwise.
fn ordering_org(
    tx: &Conn<'_>,
    scope: &OrderScope,
    sent: Option<Id>,
    errors: &mut Vec<FieldError>,
) -> Option<Id> {
    match scope.org().or(sent) {
        Some(org) if orgs::get(tx, org).is_ok() => Some(org),
        Some(_) => {
            errors.push(FieldError::new("organization_id", "no such organisation"));
            None
        }
        None => {
            errors.push(FieldError::new(
                "organization_id",
                "staff must name the organisation",
            ));
            None
        }
    }
}

/// The location must be the organisation's and open to the submitter.
fn check_location(
    tx: &Conn<'_>,
    scope: &OrderScope,
    org: Id,
    location: Option<Id>,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    match location {
        Some(l) if orders::location_of(tx, org, l)? && scope.covers(org, l) => {}
        Some(_) => errors.push(FieldError::new(
            "location_id",
            "must be one of your organisation's locations open to you",
        )),
        None => errors.push(FieldError::new("location_id", "choose a location")),
    }
    Ok(())
}

/// Every file field's value must be the submitter's own unused upload.
fn check_files(
    tx: &Conn<'_>,
    me: Id,
    files: &[(String, Id)],
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    for (key, file) in files {
        if !attachments::not_free(tx, me, &[*file])?.is_empty() {
            errors.push(FieldError::new(
                format!("values.{key}"),
                "must be a file you uploaded and have not used elsewhere",
            ));
        }
    }
    Ok(())
}

/// Changes an order: staff along the lifecycle and its fields, clients
/// with `order_submit` only cancel while it is submitted.
pub async fn change(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    req: OrderPatch,
) -> Result<OrderDetail> {
    let scope = viewer.orders()?;
    let actor = if scope.staff() {
        Actor::Staff
    } else {
        viewer.require_module(portico_shared::Module::OrderSubmit)?;
        Actor::Client
    };
    if actor == Actor::Client && policy::staff_only(&req) {
        return Err(ApiError::Forbidden("clients may only cancel an order"));
    }
    let title = fields::name("title", req.title.as_deref())?;
    let team = match req.team.as_deref().map(str::trim) {
        Some("") => Some(None),
        Some(t) => Some(Some(validate::name("team", t)?)),
        None => None,
    };
    let now = st.clock.now();
    let state = st.clone();
    let write_scope = scope.clone();
    st.db
        .write(move |tx| {
            let order = orders::check_visible(tx, &write_scope, id)?;
            let from = orders::status(tx, id)?;
            if let Some(to) = req.status {
                if let Err(e) = check_order_transition(from, to, actor) {
                    return Err(ApiError::Conflict(e.to_string()));
                }
                if to != from {
                    audit(
                        tx,
                        &state,
                        Some(write_scope.me()),
                        "order.status",
                        format!("order:{id}"),
                        &client,
                        format!("{from} -> {to}"),
                    )?;
                }
            }
            orders::update(
                tx,
                &order,
                &orders::Update {
                    status: req.status,
                    title: title.as_deref(),
                    priority: req.priority,
                    team: team.as_ref().map(|t| t.as_deref()),
                    due_date: req.due_date,
                    now,
                },
            )?;
            if req.status == Some(OrderStatus::Delivered) && from != OrderStatus::Delivered {
                let me = write_scope.me();
                crate::notify::work::order_news(tx, &state, id, OrderNews::Delivered, me, now)?;
            }
            Ok(())
        })
        .await?;
    publish(st, viewer.id(), vec![Change::order("order.updated", id)]).await?;
    read(st, scope, id).await
}

/// An item as stored, once its worker and times are checked.
fn item_row<'a>(
    c: &Conn<'_>,
    input: &'a ItemInput,
    description: &'a str,
    now: i64,
) -> Result<orders::ItemRow<'a>> {
    if let Some(w) = input.worker_id
        && !orders::is_worker(c, w)?
    {
        return Err(ApiError::field("worker_id", "must be an active worker"));
    }
    let (starts, ends) = (
        input.starts_at.map(|t| t.as_second()),
        input.ends_at.map(|t| t.as_second()),
    );
    if let (Some(s), Some(e)) = (starts, ends)
        && e < s
    {
        return Err(ApiError::field("ends_at", "must not be before starts_at"));
    }
    Ok(orders::ItemRow {
        description,
        worker_id: input.worker_id,
        starts_at: starts,
        ends_at: ends,
        state: input.state.unwrap_or(ItemState::Open),
        now,
    })
}

/// Adds an item to an order (`item_id` absent) or replaces one, for staff.
pub async fn write_item(
    st: &AppState,
    viewer: &Viewer,
    id: Id,
    item_id: Option<Id>,
    req: ItemInput,
) -> Result<OrderItem> {
    viewer.require_staff()?;
    let scope = viewer.orders()?;
    let description = validate::name("description", &req.description)?;
    let now = st.clock.now();
    let item = st
        .db
        .write(move |tx| -> Result<_> {
            let order = orders::check_visible(tx, &scope, id)?;
            let row = item_row(tx, &req, &description, now)?;
            let item_id = match item_id {
                Some(item_id) => {
                    orders::replace_item(tx, &order, item_id, &row)?;
                    item_id
                }
                None => orders::insert_item(tx, &order, &row)?,
            };
            orders::touch(tx, &order, now)?;
            Ok(orders::item(tx, id, item_id)?)
        })
        .await?;
    publish(st, viewer.id(), vec![Change::order("order.updated", id)]).await?;
    Ok(item)
}

/// Attaches finished work to an order (staff): the sender's own unused uploads.
pub async fn deliver(
    st: &AppState,
    viewer: &Viewer,
    id: Id,
    req: NewDeliverables,
) -> Result<Vec<Attachment>> {
    viewer.require_staff()?;
    let scope = viewer.orders()?;
    if req.attachment_ids.is_empty() {
        return Err(ApiError::field("attachment_ids", "name at least one file"));
    }
    let me = viewer.id();
    let now = st.clock.now();
    let state = st.clone();
    let files = st
        .db
        .write(move |tx| -> Result<_> {
            let order = orders::check_visible(tx, &scope, id)?;
            let bad = attachments::link_to_order(tx, me, &req.attachment_ids, &order, true)?;
            only_own_uploads(&bad)?;
            orders::touch(tx, &order, now)?;
            let files = OrderNews::Files(&req.attachment_ids);
            crate::notify::work::order_news(tx, &state, id, files, me, now)?;
            Ok(attachments::of_order(tx, id, true)?)
        })
        .await?;
    publish(st, me, vec![Change::order("order.updated", id)]).await?;
    Ok(files)
}

/// Creates an organisation's own order form (admins).
pub async fn create_form(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    req: NewOrderForm,
) -> Result<OrderForm> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let def = validate_form(&req.definition).map_err(ApiError::Validation)?;
    let now = st.clock.now();
    let state = st.clone();
    let org = req.organization_id;
    let form = st
        .db
        .write(move |tx| {
            if orgs::get(tx, org).is_err() {
                return Err(ApiError::field("organization_id", "no such organisation"));
            }
            let id = forms::insert(tx, org, &def, now)?;
            audit(
                tx,
                &state,
                Some(admin),
                "order_form.create",
                format!("order_form:{id}"),
                &client,
                format!("organization:{org}"),
            )?;
            Ok(forms::get(tx, id)?)
        })
        .await?;
    Ok(form)
}
