//! Portico's server: `app` builds the router, `serve` runs it until shutdown.

pub mod access;
pub mod api;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csv;
pub mod error;
pub mod events;
pub mod fields;
pub mod hashing;
pub mod invoices;
pub mod jobs;
pub mod knowledge;
pub mod listen;
pub mod mail;
pub mod meta;
pub mod notify;
pub mod orders;
pub mod people;
pub mod projects;
pub mod publish;
pub mod relay;
pub mod session_cache;
pub mod sla;
pub mod state;
pub mod store;
pub mod stream_limits;
pub mod tasks;
pub mod threads;
pub mod throttle;
pub mod tickets;
pub mod timesheets;

use std::future::Future;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::response::Response;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

pub use clock::Clock;
pub use config::Config;
pub use state::AppState;
/// Demo and benchmark data, loaded by the store (kept at the old paths for the app's demo mode and the tests).
pub use store::{seed, seed_large, seed_shifts};

use error::error_response;

/// The whole HTTP application over `state`.
pub fn app(state: AppState) -> Router {
    let (api, _) = api::api();
    let body_limit = state.config.max_body_bytes;
    api.fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), shed_load))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // The matched route, never the raw URI: no ids or user text in logs.
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), route)
        }))
        .with_state(state)
}

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
/// Long-lived streams end through `state.shutdown`.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let streams = state.shutdown.clone();
    let max_connections = listen::connection_cap(state.config.max_connections);
    let header_timeout = std::time::Duration::from_secs(state.config.header_timeout_secs.max(1));
    jobs::spawn(state.clone());
    listen::serve(
        listener,
        app(state),
        max_connections,
        header_timeout,
        streams,
        shutdown,
    )
    .await
}

/// Answers 503 at once when `max_in_flight` requests are being served, so an
/// overload costs a quick refusal rather than unbounded queues and memory.
/// Event streams are bounded separately (they stay open by design).
async fn shed_load(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Event streams have their own limits; the health check must answer
    // even when everything else is busy.
    let path = req.uri().path();
    if path == threads::stream::EVENTS_PATH || path == meta::HEALTH_PATH {
        return next.run(req).await;
    }
    match state.in_flight.try_acquire() {
        Ok(_slot) => next.run(req).await,
        Err(_) => error::ApiError::Busy.into_response(),
    }
}

async fn not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such route".into(),
        Vec::new(),
    )
}

async fn method_not_allowed() -> Response {
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method".into(),
        Vec::new(),
    )
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "something went wrong on the server".into(),
        Vec::new(),
    )
}
