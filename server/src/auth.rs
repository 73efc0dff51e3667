//! Passwords, tokens, sessions and the `Viewer` extractor.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, LazyLock};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::{HeaderMap, header, request::Parts};
use portico_shared::{LoginResponse, Role, User, UserStatus};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::access::{self, Viewer};
use crate::error::{ApiError, Result};
use crate::state::AppState;
use crate::store::{StoreError, sessions};

/// Hashes a password with argon2id on a blocking thread.
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
    .map_err(ApiError::Internal)
}

/// A real hash to verify against when the e-mail is unknown, so that a
/// failed sign-in costs the same time whether or not the account exists.
static DECOY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"portico-decoy-password")
        .map(|h| h.to_string())
        .ok()
});

/// Verifies on a blocking thread; `None` stands for "no such account".
pub async fn verify_password(hash: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match hash {
            Some(h) => (h, true),
            None => (DECOY_HASH.clone().unwrap_or_default(), false),
        };
        let ok = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false)
}

/// 256 random bits as 64 hex characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Where a request came from, for throttling and the audit log.
#[derive(Debug, Clone)]
pub struct Client {
    pub addr: String,
    pub user_agent: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().filter(|c| !c.is_control()).take(200).collect())
            .unwrap_or_default();
        Ok(Client {
            addr: addr.to_string(),
            user_agent,
        })
    }
}

const SESSION_ENDED: &str = "sign-in required: the session is missing, expired or ended";

/// The bearer token of a request, if it carries one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(&parts.headers).ok_or(ApiError::Unauthorized(SESSION_ENDED))?;
        viewer_for_token(state, token).await
    }
}

/// Who a token stands for now: the session must be live and unexpired, the
/// person active, and a client's organisation must let them in.
pub async fn viewer_for_token(state: &AppState, token: &str) -> Result<Viewer, ApiError> {
    let hash = secret_hash(token);
    let row = match state.sessions.get(&hash) {
        Some(row) => row,
        None => {
            let generation = state.sessions.generation();
            let key = hash.clone();
            let row = state
                .db
                .read(move |c| sessions::by_token(c, &key))
                .await?
                .map(Arc::new)
                .ok_or(ApiError::Unauthorized(SESSION_ENDED))?;
            state.sessions.put(hash, row.clone(), generation);
            row
        }
    };
    if row.expires_at <= state.clock.now() || row.user.status != UserStatus::Active {
        return Err(ApiError::Unauthorized(SESSION_ENDED));
    }
    let defaults = match (&row.org, row.user.role) {
        (Some((access, defaults)), Role::Client) => {
            if !access::portal_open(*access, row.user.portal_selected) {
                return Err(ApiError::Unauthorized(
                    "portal access is off for your organisation",
                ));
            }
            Some(defaults.as_slice())
        }
        _ => None,
    };
    let modules = access::effective_modules(&row.user, defaults, &state.disabled_modules());
    let ticket_floor = match row.history {
        Some((rule, since)) => access::ticket_floor(rule, since, row.access_granted_at),
        None => 0,
    };
    Ok(Viewer {
        session_id: row.session_id,
        team: row.user.team.clone(),
        ticket_floor,
        scope: access::scope_of(&row.user),
        modules,
        user: row.user.clone(),
    })
}

/// Opens a new session for `user` inside a write transaction.
pub fn open_session(
    tx: &rusqlite::Connection,
    state: &AppState,
    user: User,
    client: &Client,
) -> Result<LoginResponse, StoreError> {
    let token = new_secret();
    let now = state.clock.now();
    let expires_at = now + i64::from(state.config.session_days) * 86_400;
    sessions::insert(
        tx,
        &sessions::NewSession {
            user_id: user.id,
            token_hash: &secret_hash(&token),
            now,
            expires_at,
            ip: &client.addr,
            user_agent: &client.user_agent,
        },
    )?;
    Ok(LoginResponse {
        token,
        expires_at: crate::store::ts(expires_at),
        user,
    })
}

/// Whether a client's organisation lets them in; staff and workers always pass.
pub fn may_enter(c: &rusqlite::Connection, user: &User) -> Result<bool, StoreError> {
    match user.organization_id {
        Some(org) if user.role == Role::Client => {
            let o = crate::store::orgs::get(c, org)?;
            Ok(access::portal_open(o.portal_access, user.portal_selected))
        }
        _ => Ok(true),
    }
}
