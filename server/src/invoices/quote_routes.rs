//! Quotes: staff write and send them; the client (with `quotes`) accepts
//! or declines a sent one with a note until its `valid_until` day; staff
//! turn an accepted one into a draft invoice.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use portico_shared::{
    BillingQuery, ErrorBody, Id, InvoiceDetail, NewQuote, Page, Quote, QuoteDecision, QuoteDetail,
    QuotePatch,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::quote_ops as ops;
use super::{export, pdf};
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(send))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(to_invoice))
        .routes(routes!(download_pdf))
        .routes(routes!(download_csv))
}

/// The quotes the viewer sees, newest first: staff all (drafts too),
/// clients with `quotes` their organisation's sent ones and their answers.
/// `status=expired` lists sent quotes past their `valid_until`.
#[utoipa::path(get, path = "/quotes", tag = "quotes", security(("bearer" = [])),
    params(BillingQuery),
    responses((status = 200, body = Page<Quote>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<BillingQuery>,
) -> Result<Json<Page<Quote>>> {
    Ok(Json(ops::list(&st, viewer.quotes()?, q).await?))
}

/// Write a draft quote (staff); lines as for invoices.
#[utoipa::path(post, path = "/quotes", tag = "quotes", security(("bearer" = [])),
    request_body = NewQuote,
    responses((status = 201, body = QuoteDetail), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewQuote>,
) -> Result<(StatusCode, Json<QuoteDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::create(&st, &viewer, req).await?),
    ))
}

/// One quote with its lines.
#[utoipa::path(get, path = "/quotes/{id}", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = QuoteDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<QuoteDetail>> {
    Ok(Json(ops::read(&st, viewer.quotes()?, id).await?))
}

/// Change a draft quote (staff); `lines` replaces all of them.
#[utoipa::path(patch, path = "/quotes/{id}", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = QuotePatch,
    responses((status = 200, body = QuoteDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the quote is no longer a draft", body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<QuotePatch>,
) -> Result<Json<QuoteDetail>> {
    Ok(Json(ops::change(&st, &viewer, id, req).await?))
}

/// Send a draft quote (staff): it is numbered `QUO-YYYY-NNNN` and the client sees it.
#[utoipa::path(post, path = "/quotes/{id}/send", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = QuoteDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the quote is not a draft, or has no lines", body = ErrorBody)))]
async fn send(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<Json<QuoteDetail>> {
    Ok(Json(ops::send(&st, &viewer, client, id).await?))
}

/// Accept a sent quote (the client), with an optional note.
#[utoipa::path(post, path = "/quotes/{id}/accept", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = QuoteDecision,
    responses((status = 200, body = QuoteDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the quote is answered already or has expired", body = ErrorBody)))]
async fn accept(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<QuoteDecision>,
) -> Result<Json<QuoteDetail>> {
    Ok(Json(
        ops::decide(&st, &viewer, client, id, true, req).await?,
    ))
}

/// Decline a sent quote (the client), with an optional note.
#[utoipa::path(post, path = "/quotes/{id}/decline", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = QuoteDecision,
    responses((status = 200, body = QuoteDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the quote is answered already or has expired", body = ErrorBody)))]
async fn decline(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<QuoteDecision>,
) -> Result<Json<QuoteDetail>> {
    Ok(Json(
        ops::decide(&st, &viewer, client, id, false, req).await?,
    ))
}

/// Turn an accepted quote into a draft invoice with the same lines (staff).
#[utoipa::path(post, path = "/quotes/{id}/invoice", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 201, body = InvoiceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the quote is not accepted, or has its invoice already", body = ErrorBody)))]
async fn to_invoice(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<(StatusCode, Json<InvoiceDetail>)> {
    let detail = ops::invoice(&st, &viewer, client, id).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The quote as a PDF: the company, lines and totals.
#[utoipa::path(get, path = "/quotes/{id}/pdf", tag = "quotes", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, description = "the quote as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn download_pdf(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<impl IntoResponse> {
    let detail = ops::read(&st, viewer.quotes()?, id).await?;
    Ok(pdf::download(&st, &(&detail).into()))
}

/// Every quote as CSV (staff), oldest first, amounts as decimal strings.
#[utoipa::path(get, path = "/quotes.csv", tag = "quotes", security(("bearer" = [])),
    responses((status = 200, description = "quotes as CSV", content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody)))]
async fn download_csv(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
) -> Result<impl IntoResponse> {
    let quotes = ops::all(&st, &viewer).await?;
    crate::api::audit_export(&st, &viewer, &client, "quotes", String::new()).await?;
    let csv = export::quotes(&quotes)?;
    Ok(export::download(
        "text/csv; charset=utf-8",
        "quotes.csv",
        csv,
    ))
}
