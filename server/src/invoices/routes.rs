//! Invoices: staff write drafts, send them under a yearly number, void
//! them and record payments; clients with `invoices` see what was sent to
//! their organisation, download its PDF and follow its payment link.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use portico_shared::{
    BillingQuery, ErrorBody, Id, Invoice, InvoiceDetail, InvoicePatch, NewInvoice, NewPayment,
    Page, PaymentLinkSetting,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{export, ops, pdf};
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(send))
        .routes(routes!(void))
        .routes(routes!(add_payment))
        .routes(routes!(download_pdf))
        .routes(routes!(download_csv))
        .routes(routes!(get_payment_link, set_payment_link))
}

/// The invoices the viewer sees, newest first: staff all (drafts too),
/// clients with `invoices` their organisation's sent, paid and void ones.
/// `status=overdue` lists sent invoices past their due date.
#[utoipa::path(get, path = "/invoices", tag = "invoices", security(("bearer" = [])),
    params(BillingQuery),
    responses((status = 200, body = Page<Invoice>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<BillingQuery>,
) -> Result<Json<Page<Invoice>>> {
    Ok(Json(ops::list(&st, viewer.invoices()?, q).await?))
}

/// Write a draft invoice (staff). Quantities, unit prices and tax rates
/// (percent) are decimal strings; each line's net and tax are rounded half
/// away from zero to the currency's minor unit.
#[utoipa::path(post, path = "/invoices", tag = "invoices", security(("bearer" = [])),
    request_body = NewInvoice,
    responses((status = 201, body = InvoiceDetail), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewInvoice>,
) -> Result<(StatusCode, Json<InvoiceDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::create(&st, &viewer, req).await?),
    ))
}

/// One invoice with its lines, payments and payment link.
#[utoipa::path(get, path = "/invoices/{id}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = InvoiceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<InvoiceDetail>> {
    Ok(Json(ops::read(&st, viewer.invoices()?, id).await?))
}

/// Change a draft invoice (staff); `lines` replaces all of them.
#[utoipa::path(patch, path = "/invoices/{id}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = InvoicePatch,
    responses((status = 200, body = InvoiceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the invoice is no longer a draft", body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<InvoicePatch>,
) -> Result<Json<InvoiceDetail>> {
    Ok(Json(ops::change(&st, &viewer, id, req).await?))
}

/// Send a draft (staff): it is numbered `INV-YYYY-NNNN` and the client sees it.
#[utoipa::path(post, path = "/invoices/{id}/send", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = InvoiceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the invoice is not a draft, or comes to nothing", body = ErrorBody)))]
async fn send(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<InvoiceDetail>> {
    Ok(Json(ops::send(&st, &viewer, client, id).await?))
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

/// The invoice as a PDF: the company, lines, totals and how to pay.
#[utoipa::path(get, path = "/invoices/{id}/pdf", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, description = "the invoice as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn download_pdf(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<impl IntoResponse> {
    let detail = ops::read(&st, viewer.invoices()?, id).await?;
    Ok(pdf::download(&st, &(&detail).into()))
}

/// Every invoice as CSV (staff), oldest first, amounts as decimal strings.
#[utoipa::path(get, path = "/invoices.csv", tag = "invoices", security(("bearer" = [])),
    responses((status = 200, description = "invoices as CSV", content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody)))]
async fn download_csv(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
) -> Result<impl IntoResponse> {
    let invoices = ops::all(&st, &viewer).await?;
    crate::api::audit_export(&st, &viewer, &client, "invoices", String::new()).await?;
    let csv = export::invoices(&invoices)?;
    Ok(export::download(
        "text/csv; charset=utf-8",
        "invoices.csv",
        csv,
    ))
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
