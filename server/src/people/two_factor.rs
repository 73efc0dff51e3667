//! Two-factor sign-in (TOTP, RFC 6238): a person enrols with a secret shown
//! as text and as an `otpauth://` address, confirms it with one code (ten
//! recovery codes come back, once), then signs in with a code after the
//! password; turning it off takes the password and a code. Codes are
//! checked on the server's clock, each accepted once, and wrong ones are
//! throttled like passwords.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, Id, LoginResponse, RecoveryCodes, TotpChallenge, TotpCode, TotpDisable,
    TotpEnrollment, TotpLogin,
};
use rand::RngCore;
use totp_rs::{Builder, Secret};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::access::Viewer;
use crate::api::audit;
use crate::auth::{self, Client};
use crate::error::{ApiError, AppJson, Result};
use crate::state::AppState;
use crate::store::{Conn, StoreError, sessions, ts, two_factor, users};

/// How long the code may take after the password.
const CHALLENGE_SECS: i64 = 300;
/// Wrong codes a challenge takes before it is spent.
const CHALLENGE_TRIES: i64 = 5;
const RECOVERY_CODES: usize = 10;
/// 160 bits, as RFC 4226 recommends for HMAC-SHA-1.
const SECRET_BYTES: usize = 20;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(enroll))
        .routes(routes!(confirm))
        .routes(routes!(disable))
        .routes(routes!(login_totp))
}

/// Start two-factor sign-in: a new secret for the authenticator app.
#[utoipa::path(post, path = "/auth/totp/enroll", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = TotpEnrollment),
        (status = 409, description = "two-factor sign-in is on already", body = ErrorBody)))]
async fn enroll(State(st): State<AppState>, viewer: Viewer) -> Result<Json<TotpEnrollment>> {
    let me = viewer.id();
    let mut bytes = vec![0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let secret = bytes.clone();
    st.db
        .write(move |tx| -> Result<_> {
            if two_factor::enabled(tx, me)? {
                return Err(ApiError::Conflict(
                    "two-factor sign-in is on already; turn it off first".into(),
                ));
            }
            Ok(two_factor::start(tx, me, &secret)?)
        })
        .await?;
    let base32 = Secret::from(bytes).to_base32();
    let account = viewer.user().email.clone();
    Ok(Json(TotpEnrollment {
        otpauth_url: otpauth_url(&st.config.branding.company_name, &account, &base32),
        secret: base32,
    }))
}

/// Confirm the enrolment with a code from the authenticator; answers the
/// recovery codes, shown this once.
#[utoipa::path(post, path = "/auth/totp/confirm", tag = "auth", security(("bearer" = [])),
    request_body = TotpCode,
    responses((status = 200, body = RecoveryCodes),
        (status = 409, description = "no enrolment under way", body = ErrorBody),
        (status = 422, description = "the code is not right", body = ErrorBody),
        (status = 429, description = "too many wrong codes; see Retry-After", body = ErrorBody)))]
async fn confirm(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<TotpCode>,
) -> Result<Json<RecoveryCodes>> {
    let me = viewer.id();
    let attempt = auth::begin_attempt(&st, &totp_account(me), &client)?;
    let (state, now) = (st.clone(), st.clock.now());
    let codes = st
        .db
        .write(move |tx| -> Result<_> {
            let secret = match two_factor::secret(tx, me)? {
                Some(s) if !s.confirmed => s,
                _ => {
                    return Err(ApiError::Conflict(
                        "start with POST /auth/totp/enroll".into(),
                    ));
                }
            };
            if !spend_totp(tx, me, &secret.bytes, &req.code, now)? {
                return Err(ApiError::field("code", "is not right"));
            }
            two_factor::confirm(tx, me, now)?;
            let codes = recovery_codes();
            let hashes: Vec<Vec<u8>> = codes.iter().map(|c| auth::secret_hash(c)).collect();
            two_factor::replace_recovery(tx, me, &hashes)?;
            audit(
                tx,
                &state,
                Some(me),
                "auth.totp_enabled",
                format!("user:{me}"),
                &client,
                String::new(),
            )?;
            Ok(codes)
        })
        .await?;
    attempt.succeeded();
    // A person held at enrolment is let through from now on.
    st.access_changed(me);
    Ok(Json(RecoveryCodes { codes }))
}

/// Turn two-factor sign-in off, with the password and a code.
#[utoipa::path(post, path = "/auth/totp/disable", tag = "auth", security(("bearer" = [])),
    request_body = TotpDisable,
    responses((status = 204, description = "off"),
        (status = 409, description = "two-factor sign-in is not on", body = ErrorBody),
        (status = 422, description = "the password or the code is not right", body = ErrorBody),
        (status = 429, description = "too many wrong tries; see Retry-After", body = ErrorBody)))]
async fn disable(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<TotpDisable>,
) -> Result<StatusCode> {
    let me = viewer.id();
    let attempt = auth::begin_attempt(&st, &format!("user:{me}"), &client)?;
    let stored = st.db.read(move |c| sessions::password_hash(c, me)).await?;
    if !auth::check_password(&st, attempt, stored, req.password).await? {
        return Err(ApiError::field("password", "is not right"));
    }
    let attempt = auth::begin_attempt(&st, &totp_account(me), &client)?;
    let (state, now) = (st.clone(), st.clock.now());
    st.db
        .write(move |tx| -> Result<_> {
            if !two_factor::enabled(tx, me)? {
                return Err(ApiError::Conflict("two-factor sign-in is not on".into()));
            }
            if !second_factor(tx, me, &req.code, now)? {
                return Err(ApiError::field("code", "is not right"));
            }
            two_factor::remove(tx, me)?;
            audit(
                tx,
                &state,
                Some(me),
                "auth.totp_disabled",
                format!("user:{me}"),
                &client,
                String::new(),
            )?;
            Ok(())
        })
        .await?;
    attempt.succeeded();
    st.access_changed(me);
    Ok(StatusCode::NO_CONTENT)
}

/// The second step of a sign-in: the challenge from `/auth/login` and a
/// code from the authenticator or a recovery code.
#[utoipa::path(post, path = "/auth/login/totp", tag = "auth", request_body = TotpLogin,
    responses((status = 200, body = LoginResponse),
        (status = 401, description = "the challenge or the code is not right (one answer for both)", body = ErrorBody),
        (status = 429, description = "too many wrong codes; see Retry-After", body = ErrorBody)))]
async fn login_totp(
    State(st): State<AppState>,
    client: Client,
    AppJson(req): AppJson<TotpLogin>,
) -> Result<Json<LoginResponse>> {
    let hash = auth::secret_hash(req.challenge.trim());
    let now = st.clock.now();
    let lookup = hash.clone();
    let user = st
        .db
        .write(move |tx| two_factor::try_challenge(tx, &lookup, now, CHALLENGE_TRIES))
        .await?
        .ok_or(ApiError::Unauthorized(BAD_CODE))?;
    let attempt = auth::begin_attempt(&st, &totp_account(user), &client)?;
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| -> Result<_> {
            if !second_factor(tx, user, &req.code, now)? {
                audit(
                    tx,
                    &state,
                    Some(user),
                    "auth.totp_failed",
                    format!("user:{user}"),
                    &client,
                    String::new(),
                )?;
                return Ok(None);
            }
            two_factor::end_challenge(tx, &hash)?;
            let person = users::get(tx, user)?;
            audit(
                tx,
                &state,
                Some(user),
                "auth.login",
                format!("user:{user}"),
                &client,
                "with a second factor".into(),
            )?;
            Ok(Some(auth::open_session(tx, &state, person, &client)?))
        })
        .await?;
    let session = answer.ok_or(ApiError::Unauthorized(BAD_CODE))?;
    attempt.succeeded();
    Ok(Json(session))
}

const BAD_CODE: &str = "the sign-in code is not right, or the sign-in took too long";

/// The password was right and the person has a second factor: a challenge
/// to answer with a code, instead of a session.
pub fn challenge(tx: &Conn<'_>, user: Id, now: i64) -> Result<TotpChallenge, StoreError> {
    let token = auth::new_secret();
    let expires_at = now + CHALLENGE_SECS;
    two_factor::insert_challenge(tx, &auth::secret_hash(&token), user, now, expires_at)?;
    Ok(TotpChallenge {
        challenge: token,
        expires_at: ts(expires_at),
    })
}

/// A right second factor, spent: a code of the authenticator not used
/// before, or an unused recovery code.
fn second_factor(tx: &Conn<'_>, user: Id, code: &str, now: i64) -> Result<bool> {
    let Some(secret) = two_factor::secret(tx, user)?.filter(|s| s.confirmed) else {
        return Ok(false);
    };
    let code = code.trim();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        return spend_totp(tx, user, &secret.bytes, code, now);
    }
    let typed = normalise_recovery(code);
    Ok(two_factor::spend_recovery(
        tx,
        user,
        &auth::secret_hash(&typed),
        now,
    )?)
}

/// Whether `code` is the authenticator's for a step around `now` (one
/// step either side, for clocks a little apart) that was not used yet.
fn spend_totp(tx: &Conn<'_>, user: Id, secret: &[u8], code: &str, now: i64) -> Result<bool> {
    let totp = Builder::new()
        .with_secret(secret.to_vec())
        .build()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("a stored TOTP secret: {e:?}")))?;
    let Some(step) = totp.check(code.trim(), u64::try_from(now).unwrap_or(0)) else {
        return Ok(false);
    };
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    Ok(two_factor::spend_step(tx, user, step)?)
}

/// The throttle's account for a person's codes, apart from their password.
fn totp_account(user: Id) -> String {
    format!("totp:{user}")
}

/// Ten codes such as `k7q2r-m9xzt`: easy to read out and type.
fn recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..10)
                .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// A recovery code as typed: any case, with or without the dash or spaces.
fn normalise_recovery(typed: &str) -> String {
    let bare: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match bare.len() {
        10 => format!("{}-{}", &bare[..5], &bare[5..]),
        _ => bare,
    }
}

/// The address authenticator apps read (from a QR code, or typed).
fn otpauth_url(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_read_back_however_typed() {
        let codes = recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        for c in &codes {
            assert_eq!(normalise_recovery(c), *c);
            assert_eq!(normalise_recovery(&c.to_uppercase().replace('-', " ")), *c);
        }
    }

    #[test]
    fn the_otpauth_address_escapes_names() {
        let url = otpauth_url("Acme & Co", "ana@x.example", "ABC");
        assert_eq!(
            url,
            "otpauth://totp/Acme%20%26%20Co:ana%40x.example?secret=ABC&issuer=Acme%20%26%20Co&algorithm=SHA1&digits=6&period=30"
        );
    }
}
