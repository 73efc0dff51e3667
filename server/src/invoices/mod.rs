//! Invoices, quotes and payments: staff bill organisations in exact
//! minor units of a currency; clients see what was sent to them, answer
//! quotes and follow a configured payment link (no card data here).

pub mod documents;
pub mod drafts;
pub mod export;
pub mod lines;
pub mod mail;
pub mod ops;
pub mod pdf;
pub mod policy;
pub mod quote_ops;
pub mod quote_routes;
pub mod routes;
pub mod view;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(quote_routes::router())
}
