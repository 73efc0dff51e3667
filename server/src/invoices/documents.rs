//! The routes invoices and quotes share, written once: list and write
//! drafts, read and change one, send it, its PDF, all of them as CSV.
//! `document_routes!` makes them for one kind of document in the module
//! it is used in, from that kind's operations module (which has `list`,
//! `create`, `read`, `change`, `send` and `all`), its scope, its types, its
//! paths and its OpenAPI words; what only one kind does (paying, voiding,
//! answering a quote) stays beside it in `routes.rs` / `quote_routes.rs`.
//!
//! A macro and not generic handlers: the OpenAPI document is made from
//! each handler's `#[utoipa::path]`, whose paths, types and words must be
//! written out for each kind; the handlers' bodies are the same.

/// Makes the shared handlers and `fn shared()` (their router) for one kind.
macro_rules! document_routes {
    (
        ops: $ops:ident, scope: $scope:ident, tag: $tag:literal,
        summary: $summary:ident, detail: $detail:ident, new: $new:ident, patch: $patch:ident,
        paths: { list: $list_path:literal, one: $one_path:literal, send: $send_path:literal,
                 pdf: $pdf_path:literal, csv: $csv_path:literal },
        csv: { rows: $csv_rows:ident, audit: $audit:literal, file: $csv_file:literal,
               says: $csv_says:literal },
        pdf_says: $pdf_says:literal,
        $(#[doc = $list_doc:literal])* list;
        $(#[doc = $create_doc:literal])* create;
        $(#[doc = $get_doc:literal])* get;
        $(#[doc = $patch_doc:literal])* patch, refused: $patch_409:literal;
        $(#[doc = $send_doc:literal])* send, refused: $send_409:literal;
        $(#[doc = $pdf_doc:literal])* pdf;
        $(#[doc = $csv_doc:literal])* csv;
    ) => {
        /// The routes every kind of document has.
        fn shared() -> utoipa_axum::router::OpenApiRouter<crate::state::AppState> {
            utoipa_axum::router::OpenApiRouter::new()
                .routes(utoipa_axum::routes!(list, create))
                .routes(utoipa_axum::routes!(get, patch))
                .routes(utoipa_axum::routes!(send))
                .routes(utoipa_axum::routes!(download_pdf))
                .routes(utoipa_axum::routes!(download_csv))
        }

        $(#[doc = $list_doc])*
        #[utoipa::path(get, path = $list_path, tag = $tag, security(("bearer" = [])),
            params(BillingQuery),
            responses((status = 200, body = Page<$summary>), (status = 403, body = ErrorBody)))]
        async fn list(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            crate::error::AppQuery(q): crate::error::AppQuery<BillingQuery>,
        ) -> crate::error::Result<axum::Json<Page<$summary>>> {
            Ok(axum::Json($ops::list(&st, viewer.$scope()?, q).await?))
        }

        $(#[doc = $create_doc])*
        #[utoipa::path(post, path = $list_path, tag = $tag, security(("bearer" = [])),
            request_body = $new,
            responses((status = 201, body = $detail), (status = 403, body = ErrorBody)))]
        async fn create(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            crate::error::AppJson(req): crate::error::AppJson<$new>,
        ) -> crate::error::Result<(axum::http::StatusCode, axum::Json<$detail>)> {
            let detail = $ops::create(&st, &viewer, req).await?;
            Ok((axum::http::StatusCode::CREATED, axum::Json(detail)))
        }

        $(#[doc = $get_doc])*
        #[utoipa::path(get, path = $one_path, tag = $tag, security(("bearer" = [])),
            params(("id" = i64, Path)),
            responses((status = 200, body = $detail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
        async fn get(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            crate::error::AppPath(id): crate::error::AppPath<Id>,
        ) -> crate::error::Result<axum::Json<$detail>> {
            Ok(axum::Json($ops::read(&st, viewer.$scope()?, id).await?))
        }

        $(#[doc = $patch_doc])*
        #[utoipa::path(patch, path = $one_path, tag = $tag, security(("bearer" = [])),
            params(("id" = i64, Path)), request_body = $patch,
            responses((status = 200, body = $detail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
                (status = 409, description = $patch_409, body = ErrorBody)))]
        async fn patch(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            crate::error::AppPath(id): crate::error::AppPath<Id>,
            crate::error::AppJson(req): crate::error::AppJson<$patch>,
        ) -> crate::error::Result<axum::Json<$detail>> {
            Ok(axum::Json($ops::change(&st, &viewer, id, req).await?))
        }

        $(#[doc = $send_doc])*
        #[utoipa::path(post, path = $send_path, tag = $tag, security(("bearer" = [])),
            params(("id" = i64, Path)),
            responses((status = 200, body = $detail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
                (status = 409, description = $send_409, body = ErrorBody)))]
        async fn send(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            client: crate::auth::Client,
            crate::error::AppPath(id): crate::error::AppPath<Id>,
        ) -> crate::error::Result<axum::Json<$detail>> {
            Ok(axum::Json($ops::send(&st, &viewer, client, id).await?))
        }

        $(#[doc = $pdf_doc])*
        #[utoipa::path(get, path = $pdf_path, tag = $tag, security(("bearer" = [])),
            params(("id" = i64, Path)),
            responses((status = 200, description = $pdf_says, content_type = "application/pdf", body = Vec<u8>),
                (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
        async fn download_pdf(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            crate::error::AppPath(id): crate::error::AppPath<Id>,
        ) -> crate::error::Result<impl axum::response::IntoResponse> {
            let detail = $ops::read(&st, viewer.$scope()?, id).await?;
            Ok(super::pdf::download(&st, &(&detail).into()))
        }

        $(#[doc = $csv_doc])*
        #[utoipa::path(get, path = $csv_path, tag = $tag, security(("bearer" = [])),
            responses((status = 200, description = $csv_says, content_type = "text/csv", body = String),
                (status = 403, body = ErrorBody)))]
        async fn download_csv(
            axum::extract::State(st): axum::extract::State<crate::state::AppState>,
            viewer: crate::access::Viewer,
            client: crate::auth::Client,
        ) -> crate::error::Result<impl axum::response::IntoResponse> {
            let all = $ops::all(&st, &viewer).await?;
            crate::api::audit_export(&st, &viewer, &client, $audit, String::new()).await?;
            let csv = super::export::$csv_rows(&all)?;
            Ok(super::export::download("text/csv; charset=utf-8", $csv_file, csv))
        }
    };
}

pub(crate) use document_routes;
