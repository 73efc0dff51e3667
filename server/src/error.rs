//! `ApiError`: every failure a handler can answer with, rendered as
//! `{"error":{"code","message"}}`. Internal errors are logged, never detailed.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_shared::{ErrorBody, ErrorDetail, FieldError};

use crate::store::{InvalidCursor, StoreError};

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("some fields are not valid")]
    Validation(Vec<FieldError>),
    /// A request the server cannot read: malformed JSON, wrong types, bad path or query.
    #[error("{message}")]
    BadRequest {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    #[error("attachments may be at most {max} bytes")]
    FileTooLarge { max: usize },
    #[error("your attachment storage is full; remove files or ask staff")]
    QuotaExceeded,
    #[error("this invite code is unknown, already used or expired; ask for a new one")]
    InvalidInvite,
    #[error("too many attempts; try again in {retry_after} seconds")]
    TooManyAttempts { retry_after: u64 },
    #[error("the server's storage is full; try again later")]
    StorageFull,
    #[error("the server is busy; try again")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    /// Whether the fault is the server's (5xx), so the caller should try again later.
    pub fn is_server_side(&self) -> bool {
        self.status_and_code().0.is_server_error()
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            ApiError::BadRequest { status, code, .. } => (*status, code),
            ApiError::FileTooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ApiError::QuotaExceeded => (StatusCode::PAYLOAD_TOO_LARGE, "quota_exceeded"),
            ApiError::InvalidInvite => (StatusCode::BAD_REQUEST, "invalid_invite"),
            ApiError::TooManyAttempts { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            }
            ApiError::StorageFull => (StatusCode::INSUFFICIENT_STORAGE, "storage_full"),
            ApiError::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

/// Renders an error body with the given status; used by fallbacks too.
pub fn error_response(
    status: StatusCode,
    code: &str,
    message: String,
    fields: Vec<FieldError>,
) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message,
            fields,
        },
    };
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            ApiError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                "something went wrong on the server".to_owned()
            }
            other => other.to_string(),
        };
        let fields = match self {
            ApiError::Validation(ref f) => f.clone(),
            _ => Vec::new(),
        };
        let mut resp = error_response(status, code, message, fields);
        let retry_after = match self {
            ApiError::TooManyAttempts { retry_after } => Some(retry_after),
            ApiError::Busy => Some(1),
            _ => None,
        };
        if let Some(Ok(v)) = retry_after.map(|s| HeaderValue::from_str(&s.to_string())) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        resp
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if e.is_full() {
            tracing::error!("storage full: {e}");
            return ApiError::StorageFull;
        }
        match e {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Rollback(m) => ApiError::bad_request(m),
            StoreError::Cursor(c) => c.into(),
            e if e.is_busy() => {
                tracing::warn!("database busy");
                ApiError::Busy
            }
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<crate::hashing::HashError> for ApiError {
    fn from(e: crate::hashing::HashError) -> Self {
        match e {
            crate::hashing::HashError::Busy => ApiError::Busy,
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::Validation(vec![e])
    }
}

impl From<InvalidCursor> for ApiError {
    fn from(e: InvalidCursor) -> Self {
        ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_cursor",
            message: e.to_string(),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = r.status();
        let code = match &r {
            JsonRejection::JsonDataError(_) => "invalid_body",
            JsonRejection::JsonSyntaxError(_) => "malformed_json",
            JsonRejection::MissingJsonContentType(_) => "unsupported_media_type",
            _ if status == StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            _ => "bad_request",
        };
        ApiError::BadRequest {
            status,
            code,
            message: r.body_text(),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_path",
            message: r.body_text(),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_query",
            message: r.body_text(),
        }
    }
}

impl From<MultipartRejection> for ApiError {
    fn from(r: MultipartRejection) -> Self {
        ApiError::BadRequest {
            status: r.status(),
            code: "invalid_upload",
            message: r.body_text(),
        }
    }
}

/// `Multipart` whose rejection is our error shape.
pub struct AppMultipart(pub axum::extract::Multipart);

impl<S: Send + Sync> axum::extract::FromRequest<S> for AppMultipart {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        Ok(AppMultipart(
            axum::extract::Multipart::from_request(req, state).await?,
        ))
    }
}

/// `Json` whose rejection is our error shape.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct AppJson<T>(pub T);

/// `Path` whose rejection is our error shape.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct AppPath<T>(pub T);

/// `Query` whose rejection is our error shape. A parameter the route does
/// not take is a 422 naming it, never silently ignored: the accepted names are
/// the query type's OpenAPI parameters, so the document and the check agree.
pub struct AppQuery<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for AppQuery<T>
where
    T: serde::de::DeserializeOwned + utoipa::IntoParams + 'static,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        let unknown = unknown_parameters::<T>(&parts.uri);
        if !unknown.is_empty() {
            return Err(ApiError::Validation(unknown));
        }
        let axum::extract::Query(q) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(AppQuery(q))
    }
}

/// One field error per query parameter of `uri` that `T` does not declare.
fn unknown_parameters<T: utoipa::IntoParams + 'static>(uri: &axum::http::Uri) -> Vec<FieldError> {
    // Malformed query strings are left to the real parse (a 400).
    let Ok(axum::extract::Query(pairs)) =
        axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
    else {
        return Vec::new();
    };
    if pairs.is_empty() {
        return Vec::new();
    }
    let known = known_parameters::<T>();
    let mut unknown: Vec<FieldError> = Vec::new();
    for (name, _) in pairs {
        // A hostile query is answered in bounded size: a few names, each short.
        let name: String = name.chars().take(64).collect();
        if unknown.len() < 10 && !known.contains(&name) && !unknown.iter().any(|f| f.field == name)
        {
            let message = if known.is_empty() {
                "unknown parameter: this route takes none".to_owned()
            } else {
                format!("unknown parameter; this route takes {}", known.join(", "))
            };
            unknown.push(FieldError::new(name, message));
        }
    }
    unknown
}

/// The query parameter names `T` declares, built from its OpenAPI
/// parameters once per type: building them means building every parameter's
/// schema, too dear for every request.
fn known_parameters<T: utoipa::IntoParams + 'static>() -> Arc<[String]> {
    static KNOWN: LazyLock<RwLock<HashMap<TypeId, Arc<[String]>>>> =
        LazyLock::new(Default::default);
    let key = TypeId::of::<T>();
    // The map only grows with complete entries, so a poisoned lock holds a
    // valid map.
    if let Some(names) = KNOWN.read().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return names.clone();
    }
    let names: Arc<[String]> = T::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query))
        .into_iter()
        .map(|p| p.name)
        .collect();
    KNOWN
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key, names.clone());
    names
}
