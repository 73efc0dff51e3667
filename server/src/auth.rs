//! Tokens, sessions, where a request came from, and the `Viewer` extractor.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::{HeaderMap, Method, header, request::Parts};
use portico_shared::{LoginResponse, Role, User, UserStatus};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::access::{self, Viewer};
use crate::error::{ApiError, Result};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{StoreError, sessions};
use crate::throttle::Attempt;

/// Checks a password under a reserved attempt. Past an account-wide
/// slowdown it waits first; a check the busy hasher refused was no guess and
/// is not counted; a right password forgives the attempt.
pub async fn check_password(
    state: &AppState,
    attempt: Attempt<'_>,
    hash: Option<String>,
    password: String,
) -> Result<bool> {
    if !attempt.delay.is_zero() {
        tokio::time::sleep(attempt.delay).await;
    }
    match state.hasher.verify(hash, password).await {
        Ok(true) => {
            attempt.succeeded();
            Ok(true)
        }
        Ok(false) => Ok(false),
        Err(e) => {
            attempt.abandon();
            Err(e.into())
        }
    }
}

/// Reserves a throttled attempt for `account` from the client's address.
pub fn begin_attempt<'a>(
    state: &'a AppState,
    account: &str,
    client: &Client,
) -> Result<Attempt<'a>> {
    state
        .throttle
        .begin(account, &client.addr, state.clock.now())
        .map_err(|retry_after| ApiError::TooManyAttempts { retry_after })
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

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let addr = client_address(peer, &parts.headers, |a| state.config.trusts(a));
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

/// The client's address: the peer's, unless the peer is a trusted proxy;
/// then the right-most address in its forwarding header that is not itself
/// a trusted proxy (addresses further left were written by the client and
/// prove nothing). `Forwarded` is read first, then `X-Forwarded-For`.
pub fn client_address(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: impl Fn(IpAddr) -> bool,
) -> IpAddr {
    if !trusted(peer) {
        return peer;
    }
    let forwarded = forwarded_for(headers, "forwarded", forwarded_element);
    let chain = if forwarded.is_empty() {
        forwarded_for(headers, "x-forwarded-for", |s| s.trim().parse().ok())
    } else {
        forwarded
    };
    chain
        .iter()
        .rev()
        .find(|a| !trusted(**a))
        .or(chain.first())
        .copied()
        .unwrap_or(peer)
}

/// Every address in every `name` header, left to right; an element that is
/// not an address (`unknown`, an obfuscated name) ends the chain there.
fn forwarded_for(
    headers: &HeaderMap,
    name: &str,
    parse: impl Fn(&str) -> Option<IpAddr>,
) -> Vec<IpAddr> {
    let mut chain = Vec::new();
    for value in headers.get_all(name) {
        let Ok(value) = value.to_str() else {
            return Vec::new();
        };
        for element in value.split(',').take(32) {
            match parse(element) {
                Some(a) => chain.push(a),
                None => return Vec::new(),
            }
        }
    }
    chain
}

/// The `for=` address of one `Forwarded` element (RFC 7239).
fn forwarded_element(element: &str) -> Option<IpAddr> {
    let value = element.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        k.trim().eq_ignore_ascii_case("for").then_some(v.trim())
    })?;
    let value = value.trim_matches('"');
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    value
        .parse()
        .ok()
        .or_else(|| value.rsplit_once(':')?.0.parse().ok())
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
        let viewer = viewer_for_token(state, token).await?;
        guard(&viewer, parts)?;
        Ok(viewer)
    }
}

/// The routes a person held at enrolment may still use.
const ENROL_PATHS: &[&str] = &[
    "/me",
    "/auth/totp/enroll",
    "/auth/totp/confirm",
    "/auth/logout",
];

/// What a restricted session may do: a view-as session only reads (and
/// signs out); a person who must enrol a second factor only enrols, reads
/// `/me` and signs out. Checked here, once, so no route can forget it.
fn guard(viewer: &Viewer, parts: &Parts) -> Result<()> {
    let path = parts.uri.path();
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    let reads = parts.method == Method::GET || parts.method == Method::HEAD;
    if viewer.viewed_by().is_some() && !reads && path != "/auth/logout" {
        return Err(ApiError::Forbidden(
            "this is a read-only view of the contact: nothing can be changed",
        ));
    }
    if viewer.enrol_due() && !ENROL_PATHS.contains(&path) {
        return Err(ApiError::Forbidden(
            "two-factor sign-in is required: enrol a second factor first (portico 2fa enroll)",
        ));
    }
    Ok(())
}

/// `Option<Viewer>`: nobody when the request carries no token, for routes
/// anyone may read; a token that is not valid is still a 401, never nobody.
impl OptionalFromRequestParts<AppState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match bearer(&parts.headers) {
            Some(token) => {
                let viewer = viewer_for_token(state, token).await?;
                guard(&viewer, parts)?;
                Ok(Some(viewer))
            }
            None => Ok(None),
        }
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
    if row.expires_at <= state.clock.now() {
        return Err(ApiError::Unauthorized(SESSION_ENDED));
    }
    viewer_of(state, &row)
}

/// The person with this (lower-cased) address, as the policy sees them,
/// when they may use the portal; for mail that comes in from them.
pub async fn viewer_for_email(state: &AppState, email: &str) -> Result<Option<Viewer>, ApiError> {
    let email = email.to_owned();
    let row = state
        .db
        .read(move |c| sessions::by_email(c, &email))
        .await?;
    row.map(|r| viewer_of(state, &r)).transpose()
}

/// The person with this e-mail as the access policy sees them, read inside
/// a transaction: who may be mailed about a thread is who may see it. None
/// for nobody, or for someone who may not sign in now.
pub fn viewer_in(
    c: &Conn<'_>,
    state: &AppState,
    email: &str,
) -> std::result::Result<Option<Viewer>, StoreError> {
    Ok(sessions::by_email(c, email)?.and_then(|row| viewer_of(state, &row).ok()))
}

/// The person of a session row: active, and a client's organisation must let them in.
pub(crate) fn viewer_of(state: &AppState, row: &sessions::SessionRow) -> Result<Viewer, ApiError> {
    if row.user.status != UserStatus::Active {
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
    let required = match row.user.role {
        Role::Client => row.org_requires_two_factor,
        Role::Admin | Role::Agent => state.config.require_two_factor_staff,
        Role::Worker => false,
    };
    Ok(
        Viewer::new(row.session_id, row.user.clone(), modules, ticket_floor)
            .restricted(row.viewed_by, required && !row.two_factor),
    )
}

/// How long a view-as session lasts: long enough to look around.
const VIEW_AS_SECS: i64 = 30 * 60;

/// Opens a new session for `user` inside a write transaction.
pub fn open_session(
    tx: &Conn<'_>,
    state: &AppState,
    user: User,
    client: &Client,
) -> Result<LoginResponse, StoreError> {
    let lasts = i64::from(state.config.session_days) * 86_400;
    open(tx, state, user, client, None, lasts)
}

/// Opens a short read-only session of the client contact `user` for the
/// staff member `by` ("view as contact").
pub fn open_view_session(
    tx: &Conn<'_>,
    state: &AppState,
    user: User,
    client: &Client,
    by: portico_shared::Id,
) -> Result<LoginResponse, StoreError> {
    open(tx, state, user, client, Some(by), VIEW_AS_SECS)
}

fn open(
    tx: &Conn<'_>,
    state: &AppState,
    user: User,
    client: &Client,
    viewed_by: Option<portico_shared::Id>,
    lasts: i64,
) -> Result<LoginResponse, StoreError> {
    let token = new_secret();
    let now = state.clock.now();
    let expires_at = now + lasts;
    sessions::insert(
        tx,
        &sessions::NewSession {
            user_id: user.id,
            token_hash: &secret_hash(&token),
            now,
            expires_at,
            ip: &client.addr,
            user_agent: &client.user_agent,
            viewed_by,
        },
    )?;
    Ok(LoginResponse {
        token,
        expires_at: crate::store::ts(expires_at),
        user,
    })
}

/// Whether a client's organisation lets them in; staff and workers always pass.
pub fn may_enter(c: &Conn<'_>, user: &User) -> Result<bool, StoreError> {
    match user.organization_id {
        Some(org) if user.role == Role::Client => {
            let o = crate::store::orgs::get(c, org)?;
            Ok(access::portal_open(o.portal_access, user.portal_selected))
        }
        _ => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let proxy = |a: IpAddr| a == ip("10.0.0.1") || a == ip("10.0.0.2");
        let forged = headers(&[("x-forwarded-for", "1.2.3.4")]);
        assert_eq!(client_address(ip("9.9.9.9"), &forged, proxy), ip("9.9.9.9"));
        // The right-most untrusted address; a forged one to its left is ignored.
        let chain = headers(&[("x-forwarded-for", "6.6.6.6, 5.5.5.5, 10.0.0.2")]);
        assert_eq!(client_address(ip("10.0.0.1"), &chain, proxy), ip("5.5.5.5"));
        let fwd = headers(&[(
            "forwarded",
            "for=6.6.6.6, for=\"[2001:db8::7]:4711\";proto=https",
        )]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &fwd, proxy),
            ip("2001:db8::7")
        );
        let port = headers(&[("forwarded", "for=\"192.0.2.60:8080\"")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &port, proxy),
            ip("192.0.2.60")
        );
        // Nothing usable: the proxy's own address.
        let junk = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(client_address(ip("10.0.0.1"), &junk, proxy), ip("10.0.0.1"));
    }
}
