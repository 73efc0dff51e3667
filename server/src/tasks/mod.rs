//! Tasks: something for a staff member, a worker or a client contact to
//! do, optionally part of a project, with a thread for files and talk.

pub mod ops;
pub mod policy;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
