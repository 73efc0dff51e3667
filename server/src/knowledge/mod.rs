//! The knowledge base and support forms: staff write markdown articles and
//! forms; readers see those their visibility allows (public articles
//! without signing in), and a client's form submission opens a ticket.

pub mod form_ops;
pub mod forms;
pub mod ops;
pub mod policy;
pub mod public_forms;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(forms::router())
        .merge(public_forms::router())
}
