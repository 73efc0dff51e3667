//! The signed-in person's own account: two-factor sign-in and sessions.

use portico_shared::{
    Id, LoginResponse, RecoveryCodes, SessionInfo, SessionsEnded, TotpChallenge, TotpCode,
    TotpDisable, TotpEnrollment, TotpLogin,
};
use reqwest::Method;

use super::{Client, Result, checked};

/// What a right password leads to.
#[derive(Debug, Clone)]
pub enum LoginAnswer {
    Session(LoginResponse),
    /// Two-factor sign-in: a code is needed next.
    Code(TotpChallenge),
}

impl Client {
    /// The second step of a sign-in: the challenge and a code.
    pub async fn login_totp(&self, challenge: &str, code: &str) -> Result<LoginResponse> {
        let body = TotpLogin {
            challenge: challenge.to_owned(),
            code: code.trim().to_owned(),
        };
        self.send(Method::POST, "/auth/login/totp", &body).await
    }

    /// Starts two-factor sign-in: a new secret for the authenticator.
    pub async fn totp_enroll(&self) -> Result<TotpEnrollment> {
        self.json(self.request(Method::POST, "/auth/totp/enroll"))
            .await
    }

    /// Confirms it with a code; answers the recovery codes, shown once.
    pub async fn totp_confirm(&self, code: &str) -> Result<RecoveryCodes> {
        let body = TotpCode {
            code: code.trim().to_owned(),
        };
        self.send(Method::POST, "/auth/totp/confirm", &body).await
    }

    /// Turns two-factor sign-in off, with the password and a code.
    pub async fn totp_disable(&self, password: &str, code: &str) -> Result<()> {
        let body = TotpDisable {
            password: password.to_owned(),
            code: code.trim().to_owned(),
        };
        let req = self.request(Method::POST, "/auth/totp/disable").json(&body);
        checked(req.send().await?).await?;
        Ok(())
    }
}

impl Client {
    /// My live sessions (devices signed in), newest first.
    pub async fn my_sessions(&self) -> Result<Vec<SessionInfo>> {
        self.get("/auth/sessions").await
    }

    /// Ends one of my sessions (signs that device out).
    pub async fn end_my_session(&self, id: Id) -> Result<()> {
        self.empty(Method::DELETE, &format!("/auth/sessions/{id}"))
            .await
    }

    /// Staff: a read-only session of a client contact ("view as").
    pub async fn view_as(&self, user: Id) -> Result<LoginResponse> {
        self.json(self.request(Method::POST, &format!("/users/{user}/view-as")))
            .await
    }

    /// Admin: signs a person out everywhere.
    pub async fn end_sessions(&self, user: Id) -> Result<SessionsEnded> {
        self.json(self.request(Method::POST, &format!("/users/{user}/end-sessions")))
            .await
    }
}
