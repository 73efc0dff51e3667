//! Attachment upload and download.

use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use portico_shared::{Attachment, ErrorBody, Id};
use tokio::io::AsyncWriteExt;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::Viewer;
use crate::error::{ApiError, AppMultipart, AppPath, Result};
use crate::state::AppState;
use crate::store::{StoreError, attachments, orders, tickets};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(download))
        // Uploads are bounded by `attachment_max_bytes` while streaming instead.
        .layer(DefaultBodyLimit::disable())
}

const MAX_NAME_CHARS: usize = 100;

/// A name made by the server from the one sent: the last path part, only
/// letters, digits and `._-` (spaces become `_`), no leading dot, bounded.
pub fn safe_file_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter_map(|c| match c {
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => Some(c),
            ' ' => Some('_'),
            _ => None,
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    let mut name: String = trimmed.chars().take(MAX_NAME_CHARS).collect();
    if name.is_empty() {
        name = "attachment".to_owned();
    }
    name
}

/// A content type only when it has the plain `type/subtype` shape.
fn safe_content_type(sent: Option<&str>) -> String {
    let plain = |s: &str| {
        s.len() <= 100
            && s.split_once('/').is_some_and(|(a, b)| {
                let part = |p: &str| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                };
                part(a) && part(b)
            })
    };
    match sent {
        Some(s) if plain(s) => s.to_ascii_lowercase(),
        _ => "application/octet-stream".to_owned(),
    }
}

fn multipart_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!("the upload could not be read: {e}"))
}

fn too_large(max: usize) -> ApiError {
    ApiError::BadRequest {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        code: "payload_too_large",
        message: format!("attachments may be at most {max} bytes"),
    }
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
    AppMultipart(mut form): AppMultipart,
) -> Result<(StatusCode, Json<Attachment>)> {
    viewer.reach()?;
    let max = st.config.attachment_max_bytes;
    while let Some(mut field) = form.next_field().await.map_err(multipart_error)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = safe_file_name(field.file_name().unwrap_or(""));
        let content_type = safe_content_type(field.content_type());
        let spool = tempfile::Builder::new()
            .prefix("upload-")
            .tempfile_in(st.config.spool_dir())
            .map_err(StoreError::from)?;
        let mut out = tokio::fs::File::from_std(spool.reopen().map_err(StoreError::from)?);
        let mut size = 0u64;
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            size += chunk.len() as u64;
            if size > max as u64 {
                return Err(too_large(max));
            }
            out.write_all(&chunk).await.map_err(StoreError::from)?;
        }
        out.flush().await.map_err(StoreError::from)?;
        drop(out);
        let now = st.clock.now();
        let me = viewer.id();
        let org = viewer
            .user
            .organization_id
            .filter(|_| !viewer.user.role.is_staff());
        let quota = |bytes: u64| i64::try_from(bytes).unwrap_or(i64::MAX);
        let (org_quota, person_quota) = (
            quota(st.config.attachment_quota_bytes),
            quota(st.config.attachment_person_quota_bytes),
        );
        let att = st
            .db
            .write(move |tx| {
                // Checked inside the write, so concurrent uploads cannot overshoot.
                let (used, allowed) = match org {
                    Some(org) => (attachments::organization_usage(tx, org)?, org_quota),
                    None => (attachments::person_usage(tx, me)?, person_quota),
                };
                if used.saturating_add(size as i64) > allowed {
                    return Err(ApiError::BadRequest {
                        status: StatusCode::PAYLOAD_TOO_LARGE,
                        code: "quota_exceeded",
                        message: "your attachment storage is full; remove files or ask staff"
                            .into(),
                    });
                }
                let mut data = spool.reopen().map_err(StoreError::from)?;
                let new = attachments::NewFile {
                    uploader_id: me,
                    file_name: &file_name,
                    content_type: &content_type,
                    size,
                    now,
                };
                Ok(attachments::insert(tx, &new, &mut data)?)
            })
            .await?;
        return Ok((StatusCode::CREATED, Json(att)));
    }
    Err(ApiError::field(
        "file",
        "send the file as a multipart part named `file`",
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

/// Bytes read from the database per step of a download.
const DOWNLOAD_CHUNK: usize = 256 * 1024;

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
    let reach = viewer.reach()?;
    let meta = st
        .db
        .read(move |c| {
            let p = attachments::placement(c, id)?.ok_or(StoreError::NotFound)?;
            let visible = match (p.ticket_id, p.order_id) {
                (Some(t), _) => reach
                    .tickets
                    .as_ref()
                    .is_some_and(|s| tickets::check_visible(c, s, t).is_ok()),
                (None, Some(o)) => reach
                    .orders
                    .as_ref()
                    .is_some_and(|s| orders::get(c, s, o).is_ok()),
                (None, None) => false,
            };
            let allowed = p.uploader_id == reach.me || (visible && (reach.staff || !p.internal));
            if !allowed {
                return Err(StoreError::NotFound);
            }
            attachments::meta_of(c, id)
        })
        .await?;
    let size = u64::try_from(meta.size).unwrap_or(0);
    let db = st.db.clone();
    let body = futures_util::stream::try_unfold(0u64, move |offset| {
        let db = db.clone();
        async move {
            if offset >= size {
                return Ok(None);
            }
            let bytes = db
                .read(move |c| attachments::chunk(c, id, offset, DOWNLOAD_CHUNK))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\Windows\\evil.exe"), "evil.exe");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("re\u{202e}port.pdf"), "report.pdf");
        assert_eq!(safe_file_name("a\0b.txt"), "ab.txt");
        assert_eq!(safe_file_name("my file.txt"), "my_file.txt");
        assert_eq!(safe_file_name("/"), "attachment");
        assert_eq!(safe_file_name(&"x".repeat(500)).len(), MAX_NAME_CHARS);
    }

    #[test]
    fn content_types_are_plain_or_octet_stream() {
        assert_eq!(safe_content_type(Some("image/PNG")), "image/png");
        assert_eq!(
            safe_content_type(Some("text/html; charset=utf-8")),
            "application/octet-stream"
        );
        assert_eq!(safe_content_type(None), "application/octet-stream");
    }
}
