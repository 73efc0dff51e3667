//! Knowledge-base routes. Reading needs no sign-in for public articles; a
//! signed-in reader sees what their scope allows, and an article they may
//! not see is 404 like a missing one. Staff write.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    Article, ArticlePatch, ArticleQuery, ArticleRevision, ErrorBody, Id, NewArticle, Page,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops::{self, Edit};
use super::policy;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::knowledge;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch, delete))
        .routes(routes!(revisions))
}

/// The articles the reader may see, newest first; `q` searches title and
/// body, `category` narrows. Without a token: the public articles.
#[utoipa::path(get, path = "/kb/articles", tag = "knowledge", security((), ("bearer" = [])),
    params(ArticleQuery),
    responses((status = 200, body = Page<Article>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Option<Viewer>,
    AppQuery(q): AppQuery<ArticleQuery>,
) -> Result<Json<Page<Article>>> {
    let scope = policy::reader(viewer.as_ref(), &st.disabled_modules())?;
    let limit = portico_shared::clamp_limit(q.limit);
    Ok(Json(
        st.db
            .read(move |c| knowledge::list(c, &scope, &q, limit))
            .await?,
    ))
}

/// Write an article (staff): markdown body, category, visibility and, for
/// `tags` visibility, the organisation tags that may read it.
#[utoipa::path(post, path = "/kb/articles", tag = "knowledge", security(("bearer" = [])),
    request_body = NewArticle,
    responses((status = 201, body = Article), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<NewArticle>,
) -> Result<(StatusCode, Json<Article>)> {
    let article = ops::write(&st, &viewer, client, Edit::New(req)).await?;
    Ok((StatusCode::CREATED, Json(article)))
}

/// One article, if the reader may see it (public ones without a token).
#[utoipa::path(get, path = "/kb/articles/{id}", tag = "knowledge", security((), ("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Article), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Option<Viewer>,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Article>> {
    let scope = policy::reader(viewer.as_ref(), &st.disabled_modules())?;
    Ok(Json(
        st.db.read(move |c| knowledge::get(c, &scope, id)).await?,
    ))
}

/// The kept revisions of an article the reader may see, newest first;
/// each one also only if its own visibility lets the reader see it.
#[utoipa::path(get, path = "/kb/articles/{id}/revisions", tag = "knowledge", security((), ("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ArticleRevision>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revisions(
    State(st): State<AppState>,
    viewer: Option<Viewer>,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Vec<ArticleRevision>>> {
    let scope = policy::reader(viewer.as_ref(), &st.disabled_modules())?;
    Ok(Json(
        st.db
            .read(move |c| knowledge::revisions(c, &scope, id))
            .await?,
    ))
}

/// Change an article (staff): the change becomes its next revision; the
/// earlier ones are kept.
#[utoipa::path(patch, path = "/kb/articles/{id}", tag = "knowledge", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ArticlePatch,
    responses((status = 200, body = Article), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<ArticlePatch>,
) -> Result<Json<Article>> {
    Ok(Json(
        ops::write(&st, &viewer, client, Edit::Change(id, req)).await?,
    ))
}

/// Delete an article (staff): it leaves every list and search.
#[utoipa::path(delete, path = "/kb/articles/{id}", tag = "knowledge", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<StatusCode> {
    ops::delete(&st, &viewer, client, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
