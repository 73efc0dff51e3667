//! Sign-in, sessions, invites, the signed-in person and branding.

use serde::{Deserialize, Serialize};

use crate::{Id, Location, Module, Role, TicketScope, Timestamp, UserStatus};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub password: String,
}

/// The answer to a sign-in or an accepted invite.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for `Authorization: Bearer …`; shown once, stored hashed.
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: Timestamp,
    pub user: User,
}

/// `202` to a sign-in whose password was right when the person has
/// two-factor sign-in: the code comes next, with this challenge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpChallenge {
    pub challenge: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: Timestamp,
}

/// `POST /auth/login/totp`: the challenge and a code from the
/// authenticator (six digits) or one of the recovery codes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpLogin {
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub challenge: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub code: String,
}

/// A new authenticator secret: as text, and as the `otpauth://` address
/// an authenticator app reads from a QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpEnrollment {
    /// Base32, as authenticator apps take it typed in.
    pub secret: String,
    pub otpauth_url: String,
}

/// A code from the authenticator (enrolment is confirmed with one).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpCode {
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub code: String,
}

/// Ten single-use codes for when the authenticator is lost; shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// Turning two-factor sign-in off takes the password and a code.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpDisable {
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub password: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInviteRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub password: String,
    /// The address the joiner expects the invite to be for: when given and
    /// it is another (case aside), the invite is refused and stays unused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: Option<String>,
}

/// A person as staff (and the person themself) see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: Id,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub status: UserStatus,
    /// The client organisation; absent for staff.
    pub organization_id: Option<Id>,
    /// Per-person module grant; absent means the organisation's defaults.
    pub modules: Option<Vec<Module>>,
    /// Per-person location limit; absent means every location of the organisation.
    pub location_ids: Option<Vec<Id>>,
    /// Chosen for portal access when the organisation grants it to selected contacts.
    pub portal_selected: bool,
    pub ticket_scope: TicketScope,
    /// A staff member's team, for the Team view.
    pub team: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// `GET /me`: who I am and what I may use, computed by the server's policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: User,
    pub organization: Option<OrganizationRef>,
    /// The modules this person may use after every switch and override.
    pub modules: Vec<Module>,
    /// The locations this person may see (every location for staff).
    pub locations: Vec<Location>,
    /// The client's organisation's welcome text, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome: Option<String>,
    /// Whether this person signs in with a second factor.
    #[serde(default)]
    pub two_factor: bool,
    /// A second factor is required of this person and they have none yet:
    /// until they enrol, only enrolment, `/me` and signing out answer.
    #[serde(default)]
    pub two_factor_required: bool,
    /// This is a read-only view of the person, opened by this staff member
    /// ("view as contact"); every change is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewed_by: Option<crate::PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationRef {
    pub id: Id,
    pub name: String,
}

/// Served before sign-in so the login screen carries the company's look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    pub company_name: String,
    pub logo: String,
    pub welcome: String,
    /// A colour as `#rrggbb`.
    pub accent: String,
    pub copyright: String,
}

/// One of my sign-ins, for `GET /auth/sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub id: Id,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: Timestamp,
    pub ip: String,
    pub user_agent: String,
    /// The session this request was made with.
    pub current: bool,
}

/// How many sessions an admin ended for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionsEnded {
    pub ended: u64,
}

/// `POST /auth/password`: every other session ends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub new_password: String,
}
