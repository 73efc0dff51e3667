//! Orders: submitted through an organisation's form, moved along their
//! lifecycle by staff, staffed with items and delivered with files.

pub mod forms;
pub mod ops;
pub mod policy;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(forms::router())
}
