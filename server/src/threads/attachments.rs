//! Attachment upload and download.

use axum::Json;
use axum::body::Body;
use axum::extract::Multipart;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use portico_shared::{Attachment, ErrorBody, Id};
use tokio::io::AsyncWriteExt;
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
    ops::may_upload(&viewer)?;
    let spooled = spool(&st, form).await?;
    let file = ops::upload(&st, &viewer, spooled).await?;
    Ok((StatusCode::CREATED, Json(file)))
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
    let meta = ops::file_to_send(&st, &viewer, id).await?;
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

/// The first part named `file`, written to a spool file as it arrives (so
/// an upload never sits whole in memory), refused once it passes
/// `attachment_max_bytes`.
async fn spool(st: &AppState, mut form: Multipart) -> Result<ops::Spooled> {
    let max = st.config.attachment_max_bytes;
    while let Some(mut field) = form.next_field().await.map_err(multipart_error)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = ops::safe_file_name(field.file_name().unwrap_or(""));
        let content_type = ops::safe_content_type(field.content_type());
        let file = tempfile::Builder::new()
            .prefix("upload-")
            .tempfile_in(st.config.spool_dir())
            .map_err(StoreError::from)?;
        let mut out = tokio::fs::File::from_std(file.reopen().map_err(StoreError::from)?);
        let mut size = 0u64;
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            size += chunk.len() as u64;
            if size > max as u64 {
                return Err(ApiError::FileTooLarge { max });
            }
            out.write_all(&chunk).await.map_err(StoreError::from)?;
        }
        out.flush().await.map_err(StoreError::from)?;
        return Ok(ops::Spooled {
            file,
            name,
            content_type,
            size,
        });
    }
    Err(ApiError::field(
        "file",
        "send the file as a multipart part named `file`",
    ))
}

fn multipart_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!("the upload could not be read: {e}"))
}
