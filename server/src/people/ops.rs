//! People operations: organisations and locations, invites and changes to
//! people, sign-in and passwords, portal-wide switches; each in one
//! transaction, audited where it changes who may do what.

use portico_shared::{
    AcceptInviteRequest, Id, InviteRequest, InviteResponse, Location, LocationPatch, LoginRequest,
    LoginResponse, ModuleSwitches, NewLocation, NewOrganization, Organization, OrganizationPatch,
    PasswordChange, PortalAccess, Role, SessionsEnded, TotpChallenge, User, UserPatch, UserStatus,
    validate,
};

use crate::access::{DEFAULT_CLIENT_MODULES, Viewer};
use crate::api::audit;
use crate::auth::{self, Client};
use crate::error::{ApiError, Result};
use crate::events::EVERYONE;
use crate::fields;
use crate::state::AppState;
use crate::store::{Conn, StoreError, invites, orgs, sessions, settings, ts, two_factor, users};

/// Invites a person; the code is answered once, here.
pub async fn invite(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    req: InviteRequest,
) -> Result<InviteResponse> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let email = validate::email(&req.email)?;
    let name = validate::name("name", &req.name)?;
    let org = match (req.role, req.organization_id) {
        (Role::Client, Some(org)) => Some(org),
        (Role::Client, None) => {
            return Err(ApiError::field(
                "organization_id",
                "a client contact needs an organisation",
            ));
        }
        (_, Some(_)) => {
            return Err(ApiError::field(
                "organization_id",
                "only client contacts belong to an organisation",
            ));
        }
        (_, None) => None,
    };
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            if let Some(org) = org {
                // An unknown organisation id is a field error, not a 404 on /invites.
                if matches!(orgs::get(tx, org), Err(StoreError::NotFound)) {
                    return Err(ApiError::field("organization_id", "no such organisation"));
                }
            }
            check_overrides(
                tx,
                req.role,
                org,
                req.modules.as_deref(),
                req.location_ids.as_deref(),
            )?;
            let now = state.clock.now();
            let id = users::insert(
                tx,
                &users::NewUser {
                    email: &email,
                    name: &name,
                    role: req.role,
                    status: UserStatus::Invited,
                    organization_id: org,
                    password_hash: None,
                    modules: req.modules.as_deref(),
                    location_ids: req.location_ids.as_deref(),
                    now,
                },
            )?;
            // Being invited is being selected, for organisations that grant access to some.
            users::update(
                tx,
                id,
                &users::Changes {
                    portal_selected: Some(true),
                    ..users::Changes::default()
                },
            )?;
            let (code, expires_at) = issue_code(tx, &state, id)?;
            audit(
                tx,
                &state,
                Some(admin),
                "invite.create",
                format!("user:{id}"),
                &client,
                email,
            )?;
            Ok(InviteResponse {
                user: users::get(tx, id)?,
                invite_code: code,
                expires_at: ts(expires_at),
            })
        })
        .await?;
    Ok(answer)
}

/// Changes a person: name, module and location overrides, portal selection.
pub async fn change_person(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    req: UserPatch,
) -> Result<User> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let name = fields::name("name", req.name.as_deref())?;
    let team = fields::clearable_name("team", &req.team)?;
    let state = st.clone();
    let user = st
        .db
        .write(move |tx| -> Result<_> {
            let before = users::get(tx, id)?;
            if let Some(role) = req.role {
                check_role_change(before.role, role, id == admin)?;
            }
            let modules = req.modules.as_ref().map(|m| m.as_deref());
            let locations = req.location_ids.as_ref().map(|l| l.as_deref());
            check_overrides(
                tx,
                before.role,
                before.organization_id,
                modules.flatten(),
                locations.flatten(),
            )?;
            users::update(
                tx,
                id,
                &users::Changes {
                    name: name.as_deref(),
                    modules,
                    location_ids: locations,
                    portal_selected: req.portal_selected,
                    ticket_scope: req.ticket_scope,
                    team: team.as_ref().map(|t| t.as_deref()),
                    role: req.role,
                },
            )?;
            audit(
                tx,
                &state,
                Some(admin),
                "user.update",
                format!("user:{id}"),
                &client,
                String::new(),
            )?;
            Ok(users::get(tx, id)?)
        })
        .await?;
    st.access_changed(id);
    Ok(user)
}

/// Accepts an invite: a password is chosen and a session opened.
pub async fn accept_invite(
    st: &AppState,
    client: Client,
    req: AcceptInviteRequest,
) -> Result<LoginResponse> {
    validate::password(&req.password)?;
    let attempt = auth::begin_attempt(st, "invite", &client)?;
    let code_hash = auth::secret_hash(req.code.trim());
    let now = st.clock.now();
    // The code is checked before the costly hash: bogus codes cost nothing.
    let lookup = code_hash.clone();
    let Some((_, invitee)) = st.db.read(move |c| invites::live(c, &lookup, now)).await? else {
        return Err(ApiError::InvalidInvite);
    };
    // The joiner said whose invite they expect: another's stays unused.
    if let Some(expected) = req.email.as_deref() {
        let expected = validate::email(expected)?;
        let user = st.db.read(move |c| users::get(c, invitee)).await?;
        if !user.email.eq_ignore_ascii_case(&expected) {
            return Err(ApiError::field(
                "email",
                "this invite is for another address; ask for one of your own",
            ));
        }
    }
    let hash = match st.hasher.hash(req.password).await {
        Ok(h) => h,
        Err(e) => {
            attempt.abandon();
            return Err(e.into());
        }
    };
    attempt.succeeded();
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            let now = state.clock.now();
            let Some(id) = invites::redeem(tx, &code_hash, now)? else {
                return Ok(None);
            };
            users::activate(tx, id, &hash, now)?;
            audit(
                tx,
                &state,
                Some(id),
                "invite.accept",
                format!("user:{id}"),
                &client,
                String::new(),
            )?;
            let user = users::get(tx, id)?;
            auth::open_session(tx, &state, user, &client).map(Some)
        })
        .await?;
    answer.ok_or(ApiError::InvalidInvite)
}

/// Why a person gets a new invite code: the last one was never used, or
/// they were removed and come back (everything they wrote is still theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reinvite {
    Resend,
    Readmit,
}

impl Reinvite {
    /// Where the person must stand for it.
    fn from(self) -> UserStatus {
        match self {
            Reinvite::Resend => UserStatus::Invited,
            Reinvite::Readmit => UserStatus::Removed,
        }
    }

    fn action(self) -> &'static str {
        match self {
            Reinvite::Resend => "invite.resend",
            Reinvite::Readmit => "user.readmit",
        }
    }
}

/// A new invite code for a pending person (the old one stops working), or
/// for a removed one who is let back in.
pub async fn reinvite(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    why: Reinvite,
) -> Result<InviteResponse> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            let user = users::get(tx, id)?;
            if user.status != why.from() {
                return Err(StoreError::Conflict(format!(
                    "this person is {}, not {}",
                    user.status,
                    why.from()
                )));
            }
            users::set_status(tx, id, UserStatus::Invited)?;
            let (code, expires_at) = issue_code(tx, &state, id)?;
            audit(
                tx,
                &state,
                Some(admin),
                why.action(),
                format!("user:{id}"),
                &client,
                String::new(),
            )?;
            Ok(InviteResponse {
                user: users::get(tx, id)?,
                invite_code: code,
                expires_at: ts(expires_at),
            })
        })
        .await?;
    Ok(answer)
}

/// Signs a person out everywhere; their access stays.
pub async fn end_sessions(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
) -> Result<SessionsEnded> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let state = st.clone();
    let ended = st
        .db
        .write(move |tx| -> Result<_> {
            users::get(tx, id)?;
            let ended = sessions::revoke_all(tx, id, state.clock.now())?;
            audit(
                tx,
                &state,
                Some(admin),
                "user.sessions_ended",
                format!("user:{id}"),
                &client,
                format!("{ended} sessions ended"),
            )?;
            Ok(ended)
        })
        .await?;
    st.access_changed(id);
    Ok(SessionsEnded {
        ended: ended as u64,
    })
}

/// Revokes a person's access: every session ends at once.
pub async fn remove(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<User> {
    viewer.require_admin()?;
    let admin = viewer.id();
    if id == admin {
        return Err(ApiError::Conflict("you cannot remove yourself".into()));
    }
    let state = st.clone();
    let user = st
        .db
        .write(move |tx| {
            users::get(tx, id)?;
            let now = state.clock.now();
            users::set_status(tx, id, UserStatus::Removed)?;
            let ended = sessions::revoke_all(tx, id, now)?;
            invites::void_all(tx, id, now)?;
            audit(
                tx,
                &state,
                Some(admin),
                "user.remove",
                format!("user:{id}"),
                &client,
                format!("{ended} sessions ended"),
            )?;
            users::get(tx, id)
        })
        .await?;
    st.access_changed(id);
    Ok(user)
}

/// What a right password leads to: a session, or (for people with a second
/// factor) a challenge to answer with a code.
pub enum SignedIn {
    Session(LoginResponse),
    Challenge(TotpChallenge),
}

/// Signs in with e-mail and password; one answer for every failure.
pub async fn sign_in(st: &AppState, client: Client, req: LoginRequest) -> Result<SignedIn> {
    // No account has an address that is not one: refused before any work,
    // which also keeps the throttle's keys and the audit log bounded.
    let email = validate::email(&req.email).map_err(|_| ApiError::Unauthorized(BAD_SIGN_IN))?;
    if req.password.len() > validate::MAX_PASSWORD_BYTES {
        return Err(ApiError::Unauthorized(BAD_SIGN_IN));
    }
    let attempt = auth::begin_attempt(st, &email, &client)?;
    let lookup = email.clone();
    let found = st.db.read(move |c| users::credentials(c, &lookup)).await?;
    let (user, hash) = match found {
        Some((u, h)) if u.status == UserStatus::Active => (Some(u), h),
        _ => (None, None),
    };
    let password_ok = auth::check_password(st, attempt, hash, req.password).await?;
    let Some(user) = user.filter(|_| password_ok) else {
        let (state, cl) = (st.clone(), client.clone());
        st.db
            .write(move |tx| {
                audit(
                    tx,
                    &state,
                    None,
                    "auth.login_failed",
                    email,
                    &cl,
                    String::new(),
                )
            })
            .await?;
        return Err(ApiError::Unauthorized(BAD_SIGN_IN));
    };
    let state = st.clone();
    let answer = st
        .db
        .write(move |tx| {
            if !auth::may_enter(tx, &user)? {
                return Ok(None);
            }
            if two_factor::enabled(tx, user.id)? {
                let now = state.clock.now();
                return super::two_factor::challenge(tx, user.id, now)
                    .map(|c| Some(SignedIn::Challenge(c)));
            }
            audit(
                tx,
                &state,
                Some(user.id),
                "auth.login",
                format!("user:{}", user.id),
                &client,
                String::new(),
            )?;
            auth::open_session(tx, &state, user, &client).map(|s| Some(SignedIn::Session(s)))
        })
        .await?;
    answer.ok_or(ApiError::Forbidden(
        "portal access is off for your organisation",
    ))
}

/// Changes the viewer's password; their other sessions end.
pub async fn change_password(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    req: PasswordChange,
) -> Result<()> {
    validate::password(&req.new_password).map_err(|mut e| {
        e.field = "new_password".into();
        ApiError::from(e)
    })?;
    let (me, session) = (viewer.id(), viewer.session_id());
    let attempt = auth::begin_attempt(st, &format!("user:{me}"), &client)?;
    let stored = st.db.read(move |c| sessions::password_hash(c, me)).await?;
    if !auth::check_password(st, attempt, stored, req.current_password).await? {
        return Err(ApiError::field("current_password", "is not right"));
    }
    let hash = st.hasher.hash(req.new_password).await?;
    let state = st.clone();
    st.db
        .write(move |tx| {
            users::set_password(tx, me, &hash)?;
            let ended = sessions::revoke_others(tx, me, session, state.clock.now())?;
            audit(
                tx,
                &state,
                Some(me),
                "auth.password_changed",
                format!("user:{me}"),
                &client,
                format!("{ended} other sessions ended"),
            )
        })
        .await?;
    st.access_changed(me);
    Ok(())
}

/// Changes an organisation (admins).
pub async fn change_org(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    req: OrganizationPatch,
) -> Result<Organization> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let name = fields::name("name", req.name.as_deref())?;
    let tags = req.tags.as_deref().map(validate::tags).transpose()?;
    let welcome = req
        .welcome
        .as_deref()
        .map(|w| validate::text("welcome", w, validate::MAX_NOTE_CHARS))
        .transpose()?;
    let state = st.clone();
    let reach = viewer.reach()?;
    let now = st.clock.now();
    let (org, opened) = st
        .db
        .write(move |tx| -> Result<_> {
            orgs::update(
                tx,
                id,
                &orgs::Changes {
                    name: name.as_deref(),
                    tags: tags.as_deref(),
                    portal_access: req.portal_access,
                    default_modules: req.default_modules.as_deref(),
                    ticket_history: req.ticket_history,
                    history_since: req.history_since.map(|t| t.as_second()),
                    welcome: welcome.as_deref(),
                    require_two_factor: req.require_two_factor,
                },
            )?;
            // New tags may bring other SLA targets (overrides by tag).
            if tags.is_some() {
                crate::store::sla::restamp_org(tx, id)?;
            }
            audit(
                tx,
                &state,
                Some(admin),
                "organization.update",
                format!("organization:{id}"),
                &client,
                String::new(),
            )?;
            let text = welcome.as_deref().unwrap_or_default();
            let opened =
                crate::threads::standalone::open_welcome(tx, &reach, (id, admin, now), text)?;
            Ok((orgs::get(tx, id)?, opened))
        })
        .await?;
    st.access_changed(EVERYONE);
    if let Some((thread, message)) = opened {
        let change = crate::publish::Change::Conversation {
            kind: "thread.created",
            id: thread,
            message: Some(message),
        };
        crate::publish::publish(st, admin, vec![change]).await?;
    }
    Ok(org)
}

/// Creates an organisation (admins).
pub async fn create_org(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    req: NewOrganization,
) -> Result<Organization> {
    viewer.require_admin()?;
    let admin = viewer.id();
    let name = validate::name("name", &req.name)?;
    let tags = validate::tags(&req.tags)?;
    let modules = req
        .default_modules
        .unwrap_or_else(|| DEFAULT_CLIENT_MODULES.to_vec());
    let portal_access = req.portal_access.unwrap_or(PortalAccess::All);
    let state = st.clone();
    let org = st
        .db
        .write(move |tx| {
            let id = orgs::insert(
                tx,
                &orgs::NewOrg {
                    name: &name,
                    tags: &tags,
                    portal_access,
                    default_modules: &modules,
                    now: state.clock.now(),
                },
            )?;
            // The history rule is a change to the new row, as an edit makes it.
            if req.ticket_history.is_some() || req.history_since.is_some() {
                orgs::update(
                    tx,
                    id,
                    &orgs::Changes {
                        ticket_history: req.ticket_history,
                        history_since: req.history_since.map(|t| t.as_second()),
                        ..orgs::Changes::default()
                    },
                )?;
            }
            audit(
                tx,
                &state,
                Some(admin),
                "organization.create",
                format!("organization:{id}"),
                &client,
                name,
            )?;
            orgs::get(tx, id)
        })
        .await?;
    Ok(org)
}

/// Adds a location to an organisation (staff).
pub async fn add_location(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    req: NewLocation,
) -> Result<Location> {
    viewer.require_staff()?;
    let staff = viewer.id();
    let name = validate::name("name", &req.name)?;
    let tz = zone(req.timezone.as_deref().unwrap_or("UTC"))?;
    let address = validate::text("address", &req.address, validate::MAX_ADDRESS_CHARS)?;
    let state = st.clone();
    let loc = st
        .db
        .write(move |tx| -> Result<_> {
            let loc = orgs::insert_location(tx, id, &name, &tz, &address, state.clock.now())?;
            audit(
                tx,
                &state,
                Some(staff),
                "location.create",
                format!("location:{}", loc.id),
                &client,
                name,
            )?;
            Ok(loc)
        })
        .await?;
    Ok(loc)
}

/// Changes a location of an organisation (staff): its name, zone or address.
pub async fn change_location(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    (org, id): (Id, Id),
    req: LocationPatch,
) -> Result<Location> {
    viewer.require_staff()?;
    let staff = viewer.id();
    let name = fields::name("name", req.name.as_deref())?;
    let tz = req.timezone.as_deref().map(zone).transpose()?;
    let address = req
        .address
        .as_deref()
        .map(|a| validate::text("address", a, validate::MAX_ADDRESS_CHARS))
        .transpose()?;
    let state = st.clone();
    let loc = st
        .db
        .write(move |tx| -> Result<_> {
            let changes = orgs::LocationChanges {
                name: name.as_deref(),
                timezone: tz.as_deref(),
                address: address.as_deref(),
            };
            let loc = orgs::update_location(tx, org, id, &changes)?;
            audit(
                tx,
                &state,
                Some(staff),
                "location.update",
                format!("location:{id}"),
                &client,
                String::new(),
            )?;
            Ok(loc)
        })
        .await?;
    // Shift times and who sees what follow a location's zone and name.
    st.access_changed(EVERYONE);
    Ok(loc)
}

/// A time zone the server knows, by its IANA name.
fn zone(raw: &str) -> Result<String> {
    let tz = validate::timezone(raw)?;
    if jiff::tz::TimeZone::get(&tz).is_err() {
        return Err(ApiError::field(
            "timezone",
            format!("{tz} is not a known time zone"),
        ));
    }
    Ok(tz)
}

/// Switches modules off (or back on) for every client at once.
pub async fn switch_modules(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    mut req: ModuleSwitches,
) -> Result<ModuleSwitches> {
    viewer.require_admin()?;
    let admin = viewer.id();
    req.disabled.sort();
    req.disabled.dedup();
    let disabled = req.disabled.clone();
    let state = st.clone();
    st.db
        .write(move |tx| {
            settings::set_disabled_modules(tx, &disabled)?;
            let detail = disabled
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(",");
            audit(
                tx,
                &state,
                Some(admin),
                "settings.modules",
                String::new(),
                &client,
                detail,
            )
        })
        .await?;
    st.set_disabled_modules(req.disabled.clone());
    st.access_changed(EVERYONE);
    Ok(req)
}

/// Only staff change role, between admin and agent, and never their own
/// (an admin who demoted themselves could lock everyone out).
fn check_role_change(from: Role, to: Role, own: bool) -> Result<(), ApiError> {
    if from == to {
        return Ok(());
    }
    if !(from.is_staff() && to.is_staff()) {
        return Err(ApiError::field(
            "role",
            "only staff change role (admin or agent); invite a client or worker anew",
        ));
    }
    if own {
        return Err(ApiError::field("role", "you cannot change your own role"));
    }
    Ok(())
}

/// Checks per-person overrides against the person's role and organisation.
pub fn check_overrides(
    c: &Conn<'_>,
    role: Role,
    org: Option<Id>,
    modules: Option<&[portico_shared::Module]>,
    locations: Option<&[Id]>,
) -> Result<(), ApiError> {
    if role.is_staff() && (modules.is_some() || locations.is_some()) {
        return Err(ApiError::field(
            "modules",
            "staff have every module and location; overrides are for clients and workers",
        ));
    }
    if let Some(ids) = locations {
        let Some(org) = org else {
            return Err(ApiError::field(
                "location_ids",
                "only client contacts can be limited to locations",
            ));
        };
        let foreign = orgs::foreign_locations(c, org, ids)?;
        if !foreign.is_empty() {
            return Err(ApiError::field(
                "location_ids",
                format!("not locations of this organisation: {foreign:?}"),
            ));
        }
    }
    Ok(())
}

/// Stores a fresh invite code for `user_id`, voiding any earlier one, and
/// mails it when mail is configured.
pub fn issue_code(
    tx: &Conn<'_>,
    state: &AppState,
    user_id: Id,
) -> Result<(String, i64), StoreError> {
    let now = state.clock.now();
    invites::void_all(tx, user_id, now)?;
    let code = auth::new_secret();
    let expires_at = now + i64::from(state.config.invite_days) * 86_400;
    invites::insert(tx, user_id, &auth::secret_hash(&code), now, expires_at)?;
    let user = users::get(tx, user_id)?;
    crate::notify::invite(tx, &state.config, &user, &code, expires_at, now)?;
    Ok((code, expires_at))
}

/// One answer for every failed sign-in, so it never tells whether an e-mail exists.
pub const BAD_SIGN_IN: &str = "the e-mail address or password is not right";
