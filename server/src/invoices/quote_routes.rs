//! Quotes: staff write and send them; the client (with `quotes`) accepts
//! or declines a sent one with a note until its `valid_until` day; staff
//! turn an accepted one into a draft invoice.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    BillingQuery, ErrorBody, Id, InvoiceDetail, NewQuote, Page, Quote, QuoteDecision, QuoteDetail,
    QuotePatch,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::documents::document_routes;
use super::quote_ops as ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    shared()
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(to_invoice))
}

document_routes! {
    ops: ops, scope: quotes, tag: "quotes",
    summary: Quote, detail: QuoteDetail, new: NewQuote, patch: QuotePatch,
    paths: { list: "/quotes", one: "/quotes/{id}", send: "/quotes/{id}/send",
             pdf: "/quotes/{id}/pdf", csv: "/quotes.csv" },
    csv: { rows: quotes, audit: "quotes", file: "quotes.csv", says: "quotes as CSV" },
    pdf_says: "the quote as a PDF",
    /// The quotes the viewer sees, newest first: staff all (drafts too),
    /// clients with `quotes` their organisation's sent ones and their answers.
    /// `status=expired` lists sent quotes past their `valid_until`.
    list;
    /// Write a draft quote (staff); lines as for invoices.
    create;
    /// One quote with its lines.
    get;
    /// Change a draft quote (staff); `lines` replaces all of them.
    patch, refused: "the quote is no longer a draft";
    /// Send a draft quote (staff): it is numbered `QUO-YYYY-NNNN` and the client sees it.
    send, refused: "the quote is not a draft, or has no lines";
    /// The quote as a PDF: the company, lines and totals.
    pdf;
    /// Every quote as CSV (staff), oldest first, amounts as decimal strings.
    csv;
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
