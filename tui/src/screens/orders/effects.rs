//! The orders' effects: calls to the server (uploading files first where a form has them), each answered as a message.

use std::path::{Path, PathBuf};

use portico_shared::Attachment;

use crate::client::Client;
use crate::failure::Failure;
use crate::paths::expand_home;
use crate::screens::orders::msg::{OrdersEffect, OrdersMsg};

/// Runs one effect; its answer comes back as this screen's message.
pub async fn run(effect: OrdersEffect, c: Client) -> OrdersMsg {
    match effect {
        OrdersEffect::FetchOrders {
            generation,
            append,
            query,
        } => OrdersMsg::Orders {
            generation,
            append,
            result: c.orders(&query).await.map_err(Failure::from),
        },
        OrdersEffect::FetchOrder(id) => {
            OrdersMsg::Order(c.order(id).await.map(Box::new).map_err(Failure::from))
        }
        OrdersEffect::PatchOrder { id, patch } => OrdersMsg::OrderSaved(
            c.patch_order(id, &patch)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        OrdersEffect::FetchOrderForm => OrdersMsg::OrderForm(
            c.effective_form(None)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        OrdersEffect::SubmitOrder { order, files } => {
            OrdersMsg::OrderCreated(submit_order(&c, order, files).await.map(Box::new))
        }
        OrdersEffect::WriteItem { order, item, input } => OrdersMsg::ItemSaved {
            order,
            result: c
                .write_item(order, item, &input)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        },
        OrdersEffect::AttachDeliverable { order, path } => {
            let result = async {
                let file = upload(&c, &path, "path").await?;
                Ok(c.add_deliverables(order, &[file.id]).await?)
            }
            .await;
            OrdersMsg::Deliverables { order, result }
        }
        OrdersEffect::FetchWorkers => OrdersMsg::Workers(c.workers().await.map_err(Failure::from)),
        OrdersEffect::FindOrgs(query) => {
            let result = c.organization_refs(&query).await.map_err(Failure::from);
            OrdersMsg::OrgsFound { query, result }
        }
        OrdersEffect::FetchOrderFormOf(org) => {
            let result = async {
                let form = c.effective_form(Some(org)).await?;
                Ok((Box::new(form), c.locations(org).await?))
            }
            .await
            .map_err(|e: crate::client::ClientError| Failure::from(e));
            OrdersMsg::OrderFormOf { org, result }
        }
    }
}

/// Uploads a file from disk; a failure is an error of the form's `field`.
async fn upload(c: &Client, path: &Path, field: &str) -> Result<Attachment, Failure> {
    let path = expand_home(path);
    if !path.is_file() {
        let why = format!("{}: no such file", path.display());
        return Err(Failure::field(field, &why));
    }
    c.upload_path(&path).await.map_err(|e| {
        let f = Failure::from(e);
        if f.unauthorized {
            f
        } else {
            Failure::field(field, &f.message)
        }
    })
}

/// Uploads the order's files into their fields, then submits it.
async fn submit_order(
    c: &Client,
    mut order: portico_shared::NewOrder,
    files: Vec<(String, PathBuf)>,
) -> Result<portico_shared::OrderDetail, Failure> {
    for (key, path) in files {
        let file = upload(c, &path, &format!("values.{key}")).await?;
        order.values.insert(key, serde_json::Value::from(file.id));
    }
    Ok(c.create_order(&order).await?)
}
