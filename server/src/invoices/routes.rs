//! Invoices: staff write drafts, send them under a yearly number, void
//! them and record payments; clients with `invoices` see what was sent to
//! their organisation, download its PDF and follow its payment link.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    BillingQuery, ErrorBody, Id, Invoice, InvoiceDetail, InvoicePatch, NewInvoice, NewPayment,
    Page, PaymentLinkSetting,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::documents::document_routes;
use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    shared()
        .routes(routes!(void))
        .routes(routes!(add_payment))
        .routes(routes!(get_payment_link, set_payment_link))
}

document_routes! {
    ops: ops, scope: invoices, tag: "invoices",
    summary: Invoice, detail: InvoiceDetail, new: NewInvoice, patch: InvoicePatch,
    paths: { list: "/invoices", one: "/invoices/{id}", send: "/invoices/{id}/send",
             pdf: "/invoices/{id}/pdf", csv: "/invoices.csv" },
    csv: { rows: invoices, audit: "invoices", file: "invoices.csv", says: "invoices as CSV" },
    pdf_says: "the invoice as a PDF",
    /// The invoices the viewer sees, newest first: staff all (drafts too),
    /// clients with `invoices` their organisation's sent, paid and void ones.
    /// `status=overdue` lists sent invoices past their due date.
    list;
    /// Write a draft invoice (staff). Quantities, unit prices and tax rates
    /// (percent) are decimal strings; each line's net and tax are rounded half
    /// away from zero to the currency's minor unit.
    create;
    /// One invoice with its lines, payments and payment link.
    get;
    /// Change a draft invoice (staff); `lines` replaces all of them.
    patch, refused: "the invoice is no longer a draft";
    /// Send a draft (staff): it is numbered `INV-YYYY-NNNN` and the client sees it.
    send, refused: "the invoice is not a draft, or comes to nothing";
    /// The invoice as a PDF: the company, lines, totals and how to pay.
    pdf;
    /// Every invoice as CSV (staff), oldest first, amounts as decimal strings.
    csv;
}

/// Void a draft or sent invoice (staff); its number is never given again.
#[utoipa::path(post, path = "/invoices/{id}/void", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = InvoiceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the invoice is paid or void", body = ErrorBody)))]
async fn void(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<InvoiceDetail>> {
    Ok(Json(ops::void(&st, &viewer, client, id).await?))
}

/// Record a payment (staff): part or all of what is due; all makes it paid.
#[utoipa::path(post, path = "/invoices/{id}/payments", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewPayment,
    responses((status = 201, body = InvoiceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the invoice is not sent, or nothing is due", body = ErrorBody)))]
async fn add_payment(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<NewPayment>,
) -> Result<(StatusCode, Json<InvoiceDetail>)> {
    let detail = ops::pay(&st, &viewer, client, id, req).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// An organisation's own payment-link template (staff); `null` when it
/// uses the server's `payment_link`.
#[utoipa::path(get, path = "/organizations/{id}/payment-link", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = PaymentLinkSetting), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_payment_link(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<PaymentLinkSetting>> {
    Ok(Json(ops::org_payment_link(&st, &viewer, id).await?))
}

/// Set an organisation's own payment-link template (admins), or clear it
/// to use the server's `payment_link`.
#[utoipa::path(put, path = "/organizations/{id}/payment-link", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = PaymentLinkSetting,
    responses((status = 200, body = PaymentLinkSetting), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn set_payment_link(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<PaymentLinkSetting>,
) -> Result<Json<PaymentLinkSetting>> {
    Ok(Json(ops::set_payment_link(&st, &viewer, id, req).await?))
}
