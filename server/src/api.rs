//! The route table: each module's `router()`, a small `OpenApiRouter`, merged
//! here under `/api/v1` so the OpenAPI document is built from the same table.

use crate::invoices;
use crate::knowledge;
use crate::sla;
use crate::{meta, orders, people, projects, tasks, threads, tickets, timesheets};

use std::sync::LazyLock;

use axum::Router;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi as _};
use utoipa_axum::router::OpenApiRouter;

use crate::auth::Client;
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{StoreError, audit as audit_store};

#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "Portico API", description = "Self-hosted client portal: tickets, orders, timesheets and threads."),
    // Enums used only in query parameters are not collected from bodies.
    components(schemas(
        portico_shared::ErrorBody,
        portico_shared::Role,
        portico_shared::TicketView,
        portico_shared::TicketTab,
        portico_shared::TicketSort,
        portico_shared::TicketStatus,
        portico_shared::Priority,
    )),
    modifiers(&CommonResponses)
)]
struct ApiDoc;

/// The API router and its OpenAPI document, built from one table.
pub fn api() -> (Router<AppState>, OpenApi) {
    let v1 = OpenApiRouter::new()
        .merge(meta::router())
        .merge(people::router())
        .merge(tickets::router())
        .merge(threads::router())
        .merge(orders::router())
        .merge(timesheets::router())
        .merge(projects::router())
        .merge(tasks::router())
        .merge(invoices::router());
    let v1 = v1.merge(knowledge::router());
    let v1 = v1.merge(sla::router());
    let v1 = v1.merge(crate::mail::router());
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(meta::root_router())
        .merge(crate::mail::unsubscribe::router())
        .nest("/api/v1", v1)
        .split_for_parts();
    CommonResponses.modify(&mut doc);
    (router, doc)
}

/// The OpenAPI document, built once.
pub fn openapi() -> &'static OpenApi {
    static DOC: LazyLock<OpenApi> = LazyLock::new(|| api().1);
    &DOC
}

/// Adds the answers every operation of a kind can give, so each handler
/// lists only its own: 401 where a token is needed, 400/413/415/422 where a
/// body or parameters are read, 507 where it writes, 500 and 503 everywhere.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        for item in doc.paths.paths.values_mut() {
            let ops = [
                (&mut item.get, false),
                (&mut item.post, true),
                (&mut item.put, true),
                (&mut item.patch, true),
                (&mut item.delete, true),
            ];
            for (op, writes) in ops {
                let Some(op) = op.as_mut() else { continue };
                let mut add = |status: &str, why: &str| {
                    let error = ResponseBuilder::new()
                        .description(why)
                        .content(
                            "application/json",
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("ErrorBody")))
                                .build(),
                        )
                        .build();
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert(error.into());
                };
                if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    add("401", "sign-in required, or the session has ended");
                }
                let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                if has_params || op.request_body.is_some() {
                    add("400", "the path, query or body could not be read");
                }
                let has_query = op.parameters.as_ref().is_some_and(|ps| {
                    ps.iter().any(|p| {
                        matches!(p, utoipa::openapi::RefOr::T(p)
                            if p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
                    })
                });
                if has_query {
                    add("422", "a query parameter this route does not take");
                }
                if op.request_body.is_some() {
                    add("413", "the body is larger than the server accepts");
                    add("415", "the body is not JSON");
                    add(
                        "422",
                        "the body does not fit the schema, or fields are not valid",
                    );
                }
                if writes {
                    add("507", "the server's storage is full");
                }
                add("500", "the server failed; details are in its log");
                add("503", "the server is busy or shutting down");
            }
        }
    }
}

/// Answers `make(now)` as JSON, made for this request: every list is an
/// index range cheap enough to make each time (BENCHMARKS.md), so no answer
/// is kept and none can be stale.
pub(crate) async fn json_now<T, F, Fut>(
    st: &AppState,
    make: F,
) -> crate::error::Result<axum::Json<T>>
where
    T: serde::Serialize,
    F: FnOnce(i64) -> Fut,
    Fut: std::future::Future<Output = crate::error::Result<T>>,
{
    Ok(axum::Json(make(st.clock.now()).await?))
}

/// Records that `viewer` took an export (`export.<what>`, with what was
/// asked for in `detail`): the data leaves the portal, so it is audited.
pub(crate) async fn audit_export(
    st: &AppState,
    viewer: &crate::access::Viewer,
    client: &Client,
    what: &str,
    detail: String,
) -> crate::error::Result<()> {
    let (state, actor, client) = (st.clone(), viewer.id(), client.clone());
    let action = format!("export.{what}");
    st.db
        .write(move |tx| {
            audit(
                tx,
                &state,
                Some(actor),
                &action,
                String::new(),
                &client,
                detail,
            )
        })
        .await?;
    Ok(())
}

/// Writes one audit line inside the caller's transaction.
pub(crate) fn audit(
    tx: &Conn<'_>,
    state: &AppState,
    actor: Option<portico_shared::Id>,
    action: &str,
    target: String,
    client: &Client,
    detail: String,
) -> Result<(), StoreError> {
    audit_store::record(
        tx,
        &audit_store::Entry {
            at: state.clock.now(),
            actor_id: actor,
            action,
            target,
            ip: &client.addr,
            detail,
        },
    )
}
