//! Orders: clients submit them through their organisation's form and
//! follow them; staff move them through their lifecycle, staff their items
//! and attach deliverables.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    Attachment, ErrorBody, Id, ItemInput, NewDeliverables, NewOrder, Order, OrderDetail, OrderItem,
    OrderPatch, OrderQuery, Page,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::orders;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(add_item))
        .routes(routes!(replace_item))
        .routes(routes!(add_deliverables))
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
    let detail = ops::submit(&st, &viewer, req).await?;
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
    Ok(Json(ops::read(&st, viewer.orders()?, id).await?))
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
    Ok(Json(ops::change(&st, &viewer, client, id, req).await?))
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
    let item = ops::write_item(&st, &viewer, id, None, req).await?;
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
    Ok(Json(
        ops::write_item(&st, &viewer, id, Some(item_id), req).await?,
    ))
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
    let files = ops::deliver(&st, &viewer, id, req).await?;
    Ok((StatusCode::CREATED, Json(files)))
}
