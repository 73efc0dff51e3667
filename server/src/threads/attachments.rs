//! Attachment upload and download.

use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use portico_shared::{Attachment, ErrorBody, Id};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::error::{ApiError, AppMultipart, AppPath, Result};
use crate::state::AppState;
use crate::store::{StoreError, attachments};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(download))
        // Uploads are bounded by `attachment_max_bytes` while streaming instead.
        .layer(DefaultBodyLimit::disable())
}

/// Upload one file (multipart field `file`), then name its id in
/// `attachment_ids` of a new ticket or message. The file is spooled to a
/// temporary file as it arrives and copied into the database from there, so
/// an upload never sits whole in memory.
#[utoipa::path(post, path = "/attachments", tag = "attachments", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "one part named `file`"),
    responses((status = 201, body = Attachment), (status = 403, body = ErrorBody),
        (status = 413, description = "the file is too large, or the organisation's or person's quota is used up", body = ErrorBody)))]
async fn upload(
    State(st): State<AppState>,
    viewer: Viewer,
    AppMultipart(form): AppMultipart,
) -> Result<(StatusCode, Json<Attachment>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::upload(&st, viewer, form).await?),
    ))
}

/// Ids among `attachment_ids` that were not the sender's unused uploads
/// refuse the whole write (which then rolls back).
pub fn only_own_uploads(bad: &[Id]) -> Result<()> {
    if bad.is_empty() {
        Ok(())
    } else {
        Err(ApiError::field(
            "attachment_ids",
            format!("not your unattached uploads: {bad:?}"),
        ))
    }
}

/// Download a file: yours, or one on a ticket, order or message you may see.
/// Sent a chunk at a time, each read on its own, so a slow reader holds no
/// database connection and a large file is never whole in memory.
#[utoipa::path(get, path = "/attachments/{id}", tag = "attachments", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, description = "the file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn download(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Response> {
    let meta = ops::file_to_send(&st, viewer, id).await?;
    file_response(&st, id, meta)
}

/// The file as a download, sent a chunk at a time, each read on its own.
fn file_response(st: &AppState, id: Id, meta: Attachment) -> Result<Response> {
    let size = u64::try_from(meta.size).unwrap_or(0);
    let db = st.db.clone();
    let body = futures_util::stream::try_unfold(0u64, move |offset| {
        let db = db.clone();
        async move {
            if offset >= size {
                return Ok(None);
            }
            let bytes = db
                .read(move |c| attachments::chunk(c, id, offset, ops::DOWNLOAD_CHUNK))
                .await?;
            if bytes.is_empty() {
                return Ok(None);
            }
            let next = offset + bytes.len() as u64;
            Ok::<_, StoreError>(Some((axum::body::Bytes::from(bytes), next)))
        }
    });
    let disposition = format!("attachment; filename=\"{}\"", meta.file_name);
    Response::builder()
        .status(StatusCode::OK)
        // Always a download, never something a browser would render; the
        // declared type travels in the attachment's metadata instead.
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::CONTENT_LENGTH, size)
        .header(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
        )
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(Body::from_stream(body))
        .map_err(|e| ApiError::Internal(e.into()))
}
