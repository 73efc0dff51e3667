//! Timesheets and the shifts they come from: scheduling, the clock, Who's
//! working, logging, approval and export.

pub mod ops;
pub mod policy;
pub mod routes;
pub mod shifts;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(shifts::router())
        .merge(routes::router())
}
