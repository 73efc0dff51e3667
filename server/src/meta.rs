//! What anyone may ask before signing in: branding.

use axum::Json;
use axum::extract::State;
use portico_shared::Branding;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(branding))
        .routes(routes!(openapi))
}

/// Company name, logo, welcome, accent colour and copyright for the login screen.
#[utoipa::path(get, path = "/branding", tag = "meta", responses((status = 200, body = Branding)))]
async fn branding(State(st): State<AppState>) -> Json<Branding> {
    Json((*st.branding).clone())
}

/// Routes outside `/api/v1`.
pub fn root_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz))
}

/// Where the health check lives; the load shedder never refuses it.
pub const HEALTH_PATH: &str = "/healthz";

/// Liveness: answers `ok` while the server accepts requests.
#[utoipa::path(get, path = "/healthz", tag = "meta", responses((status = 200, body = String, content_type = "text/plain")))]
async fn healthz() -> &'static str {
    "ok"
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", responses((status = 200, description = "the OpenAPI document")))]
async fn openapi() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(crate::api::openapi())
}
