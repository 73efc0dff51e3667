//! What hangs off an owner (a ticket, an order, …): its thread of messages,
//! read markers and files, and the live event stream.

pub mod attachments;
pub mod ops;
pub mod policy;
pub mod routes;
pub mod standalone;
pub mod stream;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(stream::router())
        .merge(attachments::router())
        .merge(standalone::router())
}
