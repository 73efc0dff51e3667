//! One-click unsubscribe (RFC 8058), outside `/api/v1` because mail
//! programs and browsers reach it from a mail's `List-Unsubscribe` link:
//! `POST /mail/unsubscribe/{token}` turns the token's category off for its
//! person (what a mail program's "Unsubscribe" button does); `GET` shows a
//! tiny page saying what the POST will do, with a button for it. The token
//! is the only credential: an unknown one is 404 and changes nothing.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use portico_shared::{ErrorBody, Id, MailCategory};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, Result};
use crate::state::AppState;
use crate::store::{mail, unsubscribe};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(page, unsubscribe))
}

/// What `GET` shows: what the button (or a mail program) will do.
#[utoipa::path(get, path = "/mail/unsubscribe/{token}", tag = "mail",
    params(("token" = String, Path, description = "the token of a mail's List-Unsubscribe link")),
    responses((status = 200, content_type = "text/html", body = String, description = "what unsubscribing will do"),
        (status = 404, body = ErrorBody)))]
async fn page(State(st): State<AppState>, Path(token): Path<String>) -> Result<impl IntoResponse> {
    let (_, category, email) = holder(&st, token).await?;
    let html = format!(
        "<!doctype html><meta charset=utf-8><title>Unsubscribe</title>\
         <p>Stop e-mail to {email} when {what}?</p>\
         <form method=post><button type=submit>Unsubscribe</button></form>\
         <p>You can turn it on again in the Portico app (Account) or with \
         <code>portico me notifications --on {category}</code>.</p>",
        email = escape(&email),
        what = category.describe(),
    );
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html))
}

/// Turns the token's category of mail off for its person (RFC 8058
/// one-click: the body, `List-Unsubscribe=One-Click`, is not needed).
#[utoipa::path(post, path = "/mail/unsubscribe/{token}", tag = "mail",
    params(("token" = String, Path, description = "the token of a mail's List-Unsubscribe link")),
    responses((status = 200, content_type = "text/plain", body = String, description = "the category is off"),
        (status = 404, body = ErrorBody)))]
async fn unsubscribe(
    State(st): State<AppState>,
    Path(token): Path<String>,
) -> Result<impl IntoResponse> {
    let (person, category, _) = holder(&st, token).await?;
    st.db
        .write(move |tx| mail::set_wants(tx, person, category, false))
        .await?;
    tracing::info!(person, %category, "mail category turned off by its unsubscribe link");
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("Done: no more e-mail when {}.\n", category.describe()),
    ))
}

/// The person (id, e-mail) and category a token stands for; anything that
/// is not a token of ours is not found, without a look in the database
/// unless it could be one.
async fn holder(st: &AppState, token: String) -> Result<(Id, MailCategory, String)> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let found = st
        .db
        .read(move |c| {
            let Some((person, category)) = unsubscribe::holder(c, &token)? else {
                return Ok(None);
            };
            let email = crate::store::users::get(c, person)?.email;
            Ok::<_, crate::store::StoreError>(Some((person, category, email)))
        })
        .await?;
    found.ok_or(ApiError::NotFound)
}

/// Text safe inside HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
