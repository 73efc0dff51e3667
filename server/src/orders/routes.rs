//! Orders: clients submit them through their organisation's form and
//! follow them; staff move them through their lifecycle, staff their items
//! and attach deliverables.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    Actor, Attachment, ErrorBody, FieldError, Id, ItemInput, ItemState, NewDeliverables, NewOrder,
    Order, OrderDetail, OrderItem, OrderPatch, OrderQuery, Page, Priority, check_order_transition,
    due_date, submitted_files, validate, validate_submission,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::{OrderScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::events::{OrderChange, Payload, Published};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{attachments, forms, orders, orgs};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(add_item))
        .routes(routes!(replace_item))
        .routes(routes!(add_deliverables))
}

/// Publishes an order event; each subscriber's stream narrows it to their scope.
async fn publish_order(state: &AppState, kind: &'static str, actor: Id, id: Id) -> Result<()> {
    publish(state, kind, actor, id, None).await
}

/// Publishes an order event, or a message of its thread.
pub async fn publish(
    state: &AppState,
    kind: &'static str,
    actor: Id,
    id: Id,
    message: Option<portico_shared::Message>,
) -> Result<()> {
    let order = state
        .db
        .read(move |c| orders::get(c, &OrderScope::everything(actor), id))
        .await?;
    state.hub.publish(|event_id| Published {
        id: event_id,
        kind,
        actor_id: actor,
        payload: Payload::Order(Box::new(OrderChange { order, message })),
    });
    Ok(())
}

/// The orders the viewer sees (within their locations), newest first.
#[utoipa::path(get, path = "/orders", tag = "orders", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = Page<Order>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<OrderQuery>,
) -> Result<Json<Page<Order>>> {
    let scope = viewer.orders()?;
    let limit = portico_shared::clamp_limit(q.limit);
    let db = st.db.clone();
    crate::api::json_now(&st, |_| async move {
        Ok(db.read(move |c| orders::list(c, &scope, &q, limit)).await?)
    })
    .await
}

/// Submit an order through the organisation's form (needs `order_submit`).
/// Every failing field is named in one 422 answer; values of file fields are
/// ids of the submitter's own unused uploads.
#[utoipa::path(post, path = "/orders", tag = "orders", security(("bearer" = [])),
    request_body = NewOrder,
    responses((status = 201, body = OrderDetail), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewOrder>,
) -> Result<(StatusCode, Json<OrderDetail>)> {
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
            // Clients order for their own organisation, whatever was sent.
            let org = match write_scope.org.or(req.organization_id) {
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
            };
            let Some(org) = org else {
                return Err(ApiError::Validation(errors));
            };
            match req.location_id {
                Some(l) if orders::location_of(tx, org, l)? && write_scope.covers(org, l) => {}
                Some(_) => errors.push(FieldError::new(
                    "location_id",
                    "must be one of your organisation's locations open to you",
                )),
                None => errors.push(FieldError::new("location_id", "choose a location")),
            }
            let (form, version_id) = forms::effective(tx, org)?;
            let fields = &form.definition.fields;
            let values = validate_submission(fields, &req.values).unwrap_or_else(|e| {
                errors.extend(e);
                Default::default()
            });
            let files = submitted_files(fields, &values);
            for (key, file) in &files {
                if !attachments::not_free(tx, me, &[*file])?.is_empty() {
                    errors.push(FieldError::new(
                        format!("values.{key}"),
                        "must be a file you uploaded and have not used elsewhere",
                    ));
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let defaults = &form.definition.defaults;
            let today = orders::utc_date(now);
            let id = orders::insert(
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
            attachments::link_to_order(tx, me, &file_ids, id, false)?;
            Ok(id)
        })
        .await?;
    publish_order(&st, "order.created", me, id).await?;
    let detail = st.db.read(move |c| orders::detail(c, &scope, id)).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// One order with the form it was submitted with, its values, items and deliverables.
#[utoipa::path(get, path = "/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = OrderDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<OrderDetail>> {
    let scope = viewer.orders()?;
    Ok(Json(
        st.db.read(move |c| orders::detail(c, &scope, id)).await?,
    ))
}

/// Change an order. Staff: status (along the lifecycle, or cancel while
/// open), title, priority, team (empty clears), due date. Clients with
/// `order_submit`: only `status: cancelled`, while the order is submitted.
#[utoipa::path(patch, path = "/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = OrderPatch,
    responses((status = 200, body = OrderDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the status change is not allowed from the current status", body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<OrderPatch>,
) -> Result<Json<OrderDetail>> {
    let scope = viewer.orders()?;
    let actor = if scope.staff {
        Actor::Staff
    } else {
        viewer.require_module(portico_shared::Module::OrderSubmit)?;
        Actor::Client
    };
    let staff_only = req.title.is_some()
        || req.priority.is_some()
        || req.team.is_some()
        || req.due_date.is_some();
    if actor == Actor::Client && staff_only {
        return Err(ApiError::Forbidden("clients may only cancel an order"));
    }
    let title = req
        .title
        .as_deref()
        .map(|t| validate::name("title", t))
        .transpose()?;
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
            orders::get(tx, &write_scope, id)?;
            let from = orders::status(tx, id)?;
            if let Some(to) = req.status {
                if let Err(e) = check_order_transition(from, to, actor) {
                    return Err(ApiError::Conflict(e.to_string()));
                }
                if to != from {
                    audit(
                        tx,
                        &state,
                        Some(write_scope.me),
                        "order.status",
                        format!("order:{id}"),
                        &client,
                        format!("{from} -> {to}"),
                    )?;
                }
            }
            orders::update(
                tx,
                id,
                &orders::Update {
                    status: req.status,
                    title: title.as_deref(),
                    priority: req.priority,
                    team: team.as_ref().map(|t| t.as_deref()),
                    due_date: req.due_date,
                    now,
                },
            )?;
            Ok(())
        })
        .await?;
    publish_order(&st, "order.updated", viewer.id(), id).await?;
    Ok(Json(
        st.db.read(move |c| orders::detail(c, &scope, id)).await?,
    ))
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
async fn write_item(
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
            orders::get(tx, &scope, id)?;
            let row = item_row(tx, &req, &description, now)?;
            let item_id = match item_id {
                Some(item_id) => {
                    orders::replace_item(tx, id, item_id, &row)?;
                    item_id
                }
                None => orders::insert_item(tx, id, &row)?,
            };
            orders::touch(tx, id, now)?;
            Ok(orders::item(tx, id, item_id)?)
        })
        .await?;
    publish_order(st, "order.updated", viewer.id(), id).await?;
    Ok(item)
}

/// Add a job or placement to an order (staff).
#[utoipa::path(post, path = "/orders/{id}/items", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ItemInput,
    responses((status = 201, body = OrderItem), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn add_item(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<ItemInput>,
) -> Result<(StatusCode, Json<OrderItem>)> {
    let item = write_item(&st, &viewer, id, None, req).await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// Replace an item of an order: description, worker, times, state (staff).
#[utoipa::path(put, path = "/orders/{id}/items/{item_id}", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path), ("item_id" = i64, Path)), request_body = ItemInput,
    responses((status = 200, body = OrderItem), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn replace_item(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath((id, item_id)): AppPath<(Id, Id)>,
    AppJson(req): AppJson<ItemInput>,
) -> Result<Json<OrderItem>> {
    let item = write_item(&st, &viewer, id, Some(item_id), req).await?;
    Ok(Json(item))
}

/// Attach finished work to an order (staff): ids of your own unused
/// uploads. Whoever sees the order downloads them at `/attachments/{id}`.
#[utoipa::path(post, path = "/orders/{id}/deliverables", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewDeliverables,
    responses((status = 201, body = Vec<Attachment>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn add_deliverables(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<NewDeliverables>,
) -> Result<(StatusCode, Json<Vec<Attachment>>)> {
    viewer.require_staff()?;
    let scope = viewer.orders()?;
    if req.attachment_ids.is_empty() {
        return Err(ApiError::field("attachment_ids", "name at least one file"));
    }
    let me = viewer.id();
    let now = st.clock.now();
    let files = st
        .db
        .write(move |tx| -> Result<_> {
            orders::get(tx, &scope, id)?;
            let bad = attachments::link_to_order(tx, me, &req.attachment_ids, id, true)?;
            crate::threads::attachments::only_own_uploads(&bad)?;
            orders::touch(tx, id, now)?;
            Ok(attachments::of_order(tx, id, true)?)
        })
        .await?;
    publish_order(&st, "order.updated", me, id).await?;
    Ok((StatusCode::CREATED, Json(files)))
}
