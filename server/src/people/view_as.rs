//! View as contact: staff open a short read-only session of a client
//! contact and see exactly what that person sees. The session's scope is
//! the contact's own; `auth::guard` refuses every change made through it,
//! and each opening is audited.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{ErrorBody, Id, LoginResponse, Role, UserStatus};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::{self, Client};
use crate::error::{ApiError, AppPath, Result};
use crate::state::AppState;
use crate::store::users;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(view_as))
}

/// Open a read-only session of a client contact (staff): its token answers
/// every read exactly as the contact would see it and refuses every
/// change; it lasts 30 minutes. Audited as `user.view_as`.
#[utoipa::path(post, path = "/users/{id}/view-as", tag = "people", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 201, body = LoginResponse), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "not an active client contact", body = ErrorBody)))]
async fn view_as(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<(StatusCode, Json<LoginResponse>)> {
    viewer.require_staff()?;
    let by = viewer.id();
    let state = st.clone();
    let login = st
        .db
        .write(move |tx| -> Result<_> {
            let user = users::get(tx, id)?;
            if user.role != Role::Client || user.status != UserStatus::Active {
                return Err(ApiError::Conflict(
                    "only an active client contact can be viewed as".into(),
                ));
            }
            let login = auth::open_view_session(tx, &state, user, &client, by)?;
            let target = format!("user:{id}");
            audit(
                tx,
                &state,
                Some(by),
                "user.view_as",
                target,
                &client,
                String::new(),
            )?;
            Ok(login)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(login)))
}
