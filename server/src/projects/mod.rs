//! Projects: an organisation's project with a timeline of phases the
//! client follows, its history, its tasks and its thread.

pub mod ops;
pub mod phases;
pub mod policy;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
