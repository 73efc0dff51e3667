//! Organisations, locations, people, invites and module switches.

use serde::{Deserialize, Serialize};

use crate::{
    Id, Module, PortalAccess, Role, TicketHistory, TicketScope, Timestamp, User, UserStatus,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    pub id: Id,
    pub name: String,
    pub tags: Vec<String>,
    pub portal_access: PortalAccess,
    pub default_modules: Vec<Module>,
    pub ticket_history: TicketHistory,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub history_since: Option<Timestamp>,
    /// What the organisation's clients see on their dashboard (empty: nothing).
    #[serde(default)]
    pub welcome: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    /// Its contacts must sign in with a second factor; one who has none
    /// is led through enrolment at their next sign-in.
    #[serde(default)]
    pub require_two_factor: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrganization {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Vec<String>,
    pub portal_access: Option<PortalAccess>,
    pub default_modules: Option<Vec<Module>>,
    /// Which of its earlier tickets a new contact sees (absent: all).
    #[serde(default)]
    pub ticket_history: Option<TicketHistory>,
    /// The first moment seen under `since_date`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub history_since: Option<Timestamp>,
}

/// Absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationPatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Option<Vec<String>>,
    pub portal_access: Option<PortalAccess>,
    pub default_modules: Option<Vec<Module>>,
    pub ticket_history: Option<TicketHistory>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub history_since: Option<Timestamp>,
    /// The dashboard text for its clients; `""` removes it.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub welcome: Option<String>,
    pub require_two_factor: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub id: Id,
    pub organization_id: Id,
    pub name: String,
    /// An IANA time zone such as `Europe/Berlin`.
    pub timezone: String,
    pub address: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewLocation {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub timezone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub address: String,
}

/// `PATCH /organizations/{id}/locations/{location_id}`: absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationPatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub timezone: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub address: Option<String>,
}

/// `PATCH /users/{id}`. For `modules` and `location_ids`, `null` clears the
/// override (back to the organisation's defaults) and absence keeps it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserPatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<Module>>))]
    pub modules: Option<Option<Vec<Module>>>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<i64>>))]
    pub location_ids: Option<Option<Vec<Id>>>,
    pub portal_selected: Option<bool>,
    pub ticket_scope: Option<TicketScope>,
    /// Staff only, between `admin` and `agent`: a client or worker is
    /// invited anew instead, since their organisation and history differ.
    pub role: Option<Role>,
    /// Staff only: the team whose tickets the Team view shows; `null` clears.
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub team: Option<Option<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserFilter {
    pub organization_id: Option<Id>,
    pub role: Option<Role>,
    pub status: Option<UserStatus>,
    /// One person by address (any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `POST /invites`: staff invite a contact (or a colleague, with `role`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    /// Required for clients and workers; must be absent for staff.
    pub organization_id: Option<Id>,
    pub role: Role,
    pub modules: Option<Vec<Module>>,
    pub location_ids: Option<Vec<Id>>,
}

/// The invite code is shown once, to the staff member who invited.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteResponse {
    pub user: User,
    pub invite_code: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: Timestamp,
}

/// Modules switched off for every client at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModuleSwitches {
    pub disabled: Vec<Module>,
}

/// `GET /audit`: newest first, optionally from a moment on, of one person
/// or of one kind of action (`user.` matches every `user.*` action).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = DateTime))]
    pub since: Option<Timestamp>,
    /// The e-mail address of the person who acted.
    #[cfg_attr(feature = "openapi", param(max_length = 254))]
    pub actor: Option<String>,
    /// An action, or the start of one such as `auth.`.
    #[cfg_attr(feature = "openapi", param(max_length = 64))]
    pub action: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Id,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub actor_id: Option<Id>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target: String,
    pub ip: String,
    pub detail: String,
}
