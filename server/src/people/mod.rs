//! People: organisations and their locations, users and invites, sign-in
//! and sessions, and the portal-wide settings admins keep.

pub mod admin;
pub mod ops;
pub mod orgs;
pub mod routes;
pub mod sign_in;
pub mod two_factor;
pub mod view_as;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(sign_in::router())
        .merge(orgs::router())
        .merge(routes::router())
        .merge(admin::router())
        .merge(two_factor::router())
        .merge(view_as::router())
}
