//! The administration forms: invite a person, create or change an
//! organisation. Rows are named as the server names its errors.

use portico_shared::{
    FieldError, FieldKind, Id, InviteRequest, Location, Module, Organization, Role, TicketHistory,
    validate,
};
use ratatui_textarea::TextArea;

use super::{FormDraft, Input, Pick, Purpose, Row, Submission, field_error};

/// The ticket-history rules an organisation may have, as offered.
const HISTORY: [(TicketHistory, &str); 3] = [
    (TicketHistory::All, "all of them"),
    (TicketHistory::SinceDate, "since a day"),
    (TicketHistory::SinceAccess, "since they joined"),
];

/// The roles an invite offers, in the order shown.
const ROLES: [Role; 4] = [Role::Client, Role::Worker, Role::Agent, Role::Admin];

impl FormDraft {
    /// Invite a person: address, name, role, and (for clients) the
    /// organisation, found by typing part of its name.
    pub fn invite() -> FormDraft {
        let email = Row::line("email", "E-mail", FieldKind::Text, true, String::new());
        let mut name = Row::line("name", "Name", FieldKind::Text, false, String::new());
        name.hint = "empty: the part of the address before the @".into();
        let roles = ROLES.iter().map(|r| r.to_string()).collect();
        let mut role = Row::new(
            "role",
            "Role",
            FieldKind::Choice,
            true,
            Input::Pick(Pick::one(roles, Some(0))),
        );
        role.hint = "←/→ choose: clients belong to an organisation".into();
        let org = Row::organization(" (clients only)");
        FormDraft::new(
            Purpose::Invite,
            "Invite a person",
            vec![email, name, role, org],
        )
    }

    /// A new organisation, or a change to `o`: name, tags and (once it
    /// exists) the welcome text its clients see on their dashboard.
    pub fn organization(o: Option<&Organization>) -> FormDraft {
        let name = Row::line(
            "name",
            "Name",
            FieldKind::Text,
            true,
            o.map_or(String::new(), |o| o.name.clone()),
        );
        let mut tags = Row::line(
            "tags",
            "Tags",
            FieldKind::Text,
            false,
            o.map_or(String::new(), |o| o.tags.join(", ")),
        );
        tags.hint = "comma-separated, such as enterprise, emea".into();
        let rule = o.map_or(TicketHistory::All, |o| o.ticket_history);
        let mut history = Row::new(
            "ticket_history",
            "Ticket history",
            FieldKind::Choice,
            true,
            Input::Pick(Pick::one(
                HISTORY
                    .iter()
                    .map(|(_, label)| (*label).to_owned())
                    .collect(),
                HISTORY.iter().position(|(h, _)| *h == rule),
            )),
        );
        history.hint = "←/→ choose: which of its earlier tickets a new contact sees".into();
        let since = o.and_then(|o| o.history_since).map_or(String::new(), |t| {
            t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string()
        });
        let mut since = Row::line(
            "history_since",
            "History since",
            FieldKind::Date,
            false,
            since,
        );
        since.hint = "YYYY-MM-DD (UTC): for \"since a day\" only".into();
        let mut rows = vec![name, tags, history, since];
        if let Some(o) = o {
            let mut welcome = Row::new(
                "welcome",
                "Welcome",
                FieldKind::Multiline,
                false,
                Input::Lines(Box::new(TextArea::new(
                    o.welcome.lines().map(str::to_owned).collect(),
                ))),
            );
            welcome.hint = "on its clients' dashboard; Enter starts a new line".into();
            rows.push(welcome);
        }
        let (id, title) = match o {
            Some(o) => (Some(o.id), format!("Organisation {}", o.name)),
            None => (None, "New organisation".to_owned()),
        };
        FormDraft::new(Purpose::Organization { id }, &title, rows)
    }

    /// A new location of organisation `org`, or a change to `l`: its name,
    /// IANA time zone and address.
    pub fn location(org: &Organization, l: Option<&Location>) -> FormDraft {
        let name = Row::line(
            "name",
            "Name",
            FieldKind::Text,
            true,
            l.map_or(String::new(), |l| l.name.clone()),
        );
        let mut zone = Row::line(
            "timezone",
            "Time zone",
            FieldKind::Text,
            true,
            l.map_or(String::new(), |l| l.timezone.clone()),
        );
        zone.hint = "an IANA zone, such as Europe/Berlin or America/New_York".into();
        let address = Row::line(
            "address",
            "Address",
            FieldKind::Text,
            false,
            l.map_or(String::new(), |l| l.address.clone()),
        );
        let (id, title) = match l {
            Some(l) => (Some(l.id), format!("Location {} of {}", l.name, org.name)),
            None => (None, format!("New location of {}", org.name)),
        };
        let purpose = Purpose::Location { org: org.id, id };
        FormDraft::new(purpose, &title, vec![name, zone, address])
    }

    pub(super) fn check_location(
        &self,
        org: Id,
        id: Option<Id>,
    ) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |name: &str| self.row(name).map(Row::text).unwrap_or_default();
        let name = validate::name("name", &text("name")).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        });
        // Checked as the server checks it: a name it takes, in the zone database.
        let timezone = match validate::timezone(text("timezone").trim()) {
            Ok(tz) if jiff::tz::TimeZone::get(&tz).is_ok() => tz,
            Ok(tz) => {
                let why = format!("{tz} is not a known time zone: use one such as Europe/Berlin");
                errors.push(field_error("timezone", &why));
                String::new()
            }
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::Location {
            org,
            id,
            name,
            timezone,
            address: text("address").trim().to_owned(),
        })
    }

    /// The modules `o`'s contacts have (each person may narrow them).
    pub fn org_modules(o: &Organization) -> FormDraft {
        let names: Vec<String> = Module::ALL.iter().map(|m| m.to_string()).collect();
        let mut pick = Pick::many(names);
        pick.chosen = Module::ALL
            .iter()
            .enumerate()
            .filter(|(_, m)| o.default_modules.contains(m))
            .map(|(i, _)| i)
            .collect();
        let mut row = Row::new(
            "default_modules",
            "Modules",
            FieldKind::MultiChoice,
            false,
            Input::Pick(pick),
        );
        row.hint = "←/→ move · Space switch on or off".into();
        let title = format!("Modules of {}", o.name);
        FormDraft::new(Purpose::OrgModules { id: o.id }, &title, vec![row])
    }

    /// The code from the authenticator that switches two-factor sign-in on.
    pub fn totp_code() -> FormDraft {
        let mut code = Row::line("code", "Code", FieldKind::Text, true, String::new());
        code.hint = "the six digits your authenticator app shows now".into();
        FormDraft::new(Purpose::TotpCode, "Confirm two-factor sign-in", vec![code])
    }

    pub(super) fn check_org_modules(&self, id: Id) -> Submission {
        let chosen = match self.row("default_modules").map(|r| &r.input) {
            Some(Input::Pick(p)) => p.chosen.clone(),
            _ => Default::default(),
        };
        let modules = chosen
            .iter()
            .filter_map(|&i| Module::ALL.get(i).copied())
            .collect();
        Submission::OrgModules { id, modules }
    }

    pub(super) fn check_invite(&self) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = self.row("email").map(Row::text).unwrap_or_default();
        let email = validate::email(&email).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        });
        let role = self
            .row("role")
            .and_then(Row::picked)
            .and_then(|i| ROLES.get(i).copied())
            .unwrap_or(Role::Client);
        let organization_id = self.row("organization_id").and_then(Row::picked_id);
        match (role, organization_id) {
            (Role::Client, None) => errors.push(field_error(
                "organization_id",
                "choose the organisation of this client",
            )),
            (r, Some(_)) if r != Role::Client => errors.push(field_error(
                "organization_id",
                "only clients belong to an organisation",
            )),
            _ => {}
        }
        let typed = self.row("name").map(Row::text).unwrap_or_default();
        let name = match typed.trim() {
            "" => email.split('@').next().unwrap_or_default().to_owned(),
            t => t.to_owned(),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::Invite(InviteRequest {
            email,
            name,
            organization_id,
            role,
            modules: None,
            location_ids: None,
        }))
    }

    pub(super) fn check_organization(&self, id: Option<Id>) -> Result<Submission, Vec<FieldError>> {
        let name = self.row("name").map(Row::text).unwrap_or_default();
        let name = validate::name("name", &name).map_err(|e| vec![e])?;
        let tags: Vec<String> = self
            .row("tags")
            .map(Row::text)
            .unwrap_or_default()
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let tags = validate::tags(&tags).map_err(|e| vec![e])?;
        let welcome = self.row("welcome").map(|r| r.text().trim_end().to_owned());
        let ticket_history = self
            .row("ticket_history")
            .and_then(Row::picked)
            .and_then(|i| HISTORY.get(i))
            .map_or(TicketHistory::All, |(h, _)| *h);
        let typed = self.row("history_since").map(Row::text).unwrap_or_default();
        let history_since = match (ticket_history, typed.trim()) {
            (TicketHistory::SinceDate, "") => {
                return Err(vec![field_error("history_since", "the first day they see")]);
            }
            (_, "") => None,
            (_, day) => match day.parse::<jiff::civil::Date>() {
                Ok(d) => d
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .ok()
                    .map(|z| z.timestamp()),
                Err(_) => {
                    return Err(vec![field_error(
                        "history_since",
                        "a day such as 2026-12-01",
                    )]);
                }
            },
        };
        Ok(Submission::Organization {
            id,
            name,
            tags,
            welcome,
            ticket_history,
            history_since,
        })
    }
}
