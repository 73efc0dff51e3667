//! The administration screen: its tabs and lists, its keys, its forms and
//! the server's answers. Pure, like every screen's update.

use portico_shared::{
    AuditEntry, Location, Module, ModuleSwitches, Organization, Role, User, UserFilter, UserStatus,
};

use crate::failure::Failure;
use crate::list::{Paged, Row};
use crate::load::Load;
use crate::screens::admin::msg::{AdminEffect, AdminMsg, Arrived, Fetch};
use crate::screens::admin::{AUDIT_FILTERS, AdminTab, OrgLocations, STATUS_FILTERS};
use crate::screens::orders::forms;
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Confirm, Modal, Notice, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info};
use crate::widgets::form::FormDraft;
use crate::{sanitize, time};

/// Opens the screen (admins only), loading what it has not loaded yet.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    if app.role() != Some(Role::Admin) {
        error(app, "Administration is for admins.".into(), vec![]);
        return vec![];
    }
    app.screen = Screen::Admin;
    let mut fx = Vec::new();
    let tab = app.session.admin.tab;
    if unloaded(app, tab) {
        fx.push(fetch(app, tab, false));
    }
    // The people list names their organisations.
    if tab != AdminTab::Organizations && unloaded(app, AdminTab::Organizations) {
        fx.push(fetch(app, AdminTab::Organizations, false));
    }
    fx
}

/// Loads the tab on screen (or the locations open on it) again from the top.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    if let Some(fx) = fetch_locations(app) {
        return vec![fx];
    }
    let tab = app.session.admin.tab;
    vec![fetch(app, tab, false)]
}

/// The locations of the organisation open on the Organisations tab, if one is.
fn fetch_locations(app: &mut App) -> Option<Effect> {
    let a = &mut app.session.admin;
    let open = a
        .locations
        .as_mut()
        .filter(|_| a.tab == AdminTab::Organizations)?;
    let load = load_of(&mut open.list, false);
    Some(Effect::Admin(AdminEffect::FetchLocations(
        load,
        open.org.id,
    )))
}

fn unloaded(app: &App, tab: AdminTab) -> bool {
    let a = &app.session.admin;
    match tab {
        AdminTab::People => a.people.generation == 0,
        AdminTab::Organizations => a.orgs.generation == 0,
        AdminTab::Audit => a.audit.generation == 0,
        AdminTab::Modules => matches!(a.switched_off, Load::Loading),
    }
}

fn load_of<T: Row>(p: &mut Paged<T>, append: bool) -> Fetch {
    let cursor = p.cursor_for(append);
    Fetch {
        generation: p.load(append),
        append,
        cursor,
    }
}

fn fetch(app: &mut App, tab: AdminTab, append: bool) -> Effect {
    let a = &mut app.session.admin;
    Effect::Admin(match tab {
        AdminTab::People => {
            let filter = UserFilter {
                status: a.status,
                ..UserFilter::default()
            };
            AdminEffect::FetchPeople(load_of(&mut a.people, append), filter)
        }
        AdminTab::Organizations => AdminEffect::FetchOrgs(load_of(&mut a.orgs, append)),
        AdminTab::Audit => AdminEffect::FetchAudit(load_of(&mut a.audit, append), a.audit_action),
        AdminTab::Modules => AdminEffect::FetchSwitches,
    })
}

// ---- answers --------------------------------------------------------------

pub(crate) fn answer(app: &mut App, msg: AdminMsg) -> Vec<Effect> {
    let rows = page_rows(app);
    let a = &mut app.session.admin;
    let arrived = match msg {
        AdminMsg::People(p) => page_in(&mut a.people, p, rows, clean_user),
        AdminMsg::Orgs(p) => page_in(&mut a.orgs, p, rows, clean_org),
        AdminMsg::Audit(p) => page_in(&mut a.audit, p, rows, clean_audit),
        AdminMsg::Locations(p) => match &mut a.locations {
            Some(open) => page_in(&mut open.list, p, rows, clean_location),
            None => Ok(()),
        },
        AdminMsg::LocationSaved(r) => return location_saved(app, r),
        AdminMsg::Invited(r) => return invited(app, r),
        AdminMsg::Removed(r) => return removed(app, r),
        AdminMsg::OrgSaved(r) => return org_saved(app, r),
        AdminMsg::SessionsEnded(r) => match r {
            Ok(e) => {
                let text = format!("Signed out everywhere: {} sessions ended", e.ended);
                info(app, text);
                return vec![];
            }
            Err(f) => Err(f),
        },
        AdminMsg::Switches(r) => match r {
            Ok(s) => {
                a.switched_off = Load::Ready(s.disabled);
                Ok(())
            }
            Err(f) => {
                a.switched_off = Load::Failed(f.message.clone());
                Err(f)
            }
        },
    };
    match arrived {
        Ok(()) => vec![],
        Err(f) => failed(app, f, vec![]),
    }
}

/// A page for `p`, if it answers the latest load; a failure stays on the list.
fn page_in<T: Row>(
    p: &mut Paged<T>,
    a: Arrived<T>,
    rows: usize,
    clean: fn(&mut T),
) -> Result<(), Failure> {
    if !p.answered(a.generation) {
        return Ok(());
    }
    match a.result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(clean);
            p.arrived(page.items, page.next_cursor, a.append, rows);
            Ok(())
        }
        Err(f) => {
            p.error = Some(f.message.clone());
            Err(f)
        }
    }
}

fn invited(
    app: &mut App,
    r: crate::failure::Outcome<Box<portico_shared::InviteResponse>>,
) -> Vec<Effect> {
    match r {
        Ok(mut inv) => {
            clean_user(&mut inv.user);
            sanitize::line_in_place(&mut inv.invite_code);
            // Shown once by the server, so it stays up until read.
            app.modal = Modal::Notice(Notice {
                title: format!("Invite for {}", inv.user.name),
                lines: vec![
                    format!("Invite code for {}:", inv.user.email),
                    inv.invite_code.clone(),
                    format!(
                        "It works once, until {} UTC. They join on the sign-in screen with F3, or with `portico join --code …`.",
                        time::short(inv.expires_at)
                    ),
                    "The code is not shown again; a new one can be sent with r.".into(),
                ],
            });
            app.session.admin.tab = AdminTab::People;
            vec![fetch(app, AdminTab::People, false)]
        }
        Err(f) => refused(app, f),
    }
}

fn removed(app: &mut App, r: crate::failure::Outcome<Box<User>>) -> Vec<Effect> {
    match r {
        Ok(mut u) => {
            clean_user(&mut u);
            let text = format!("Removed {}: their sessions have ended", u.name);
            app.session.admin.people.replace(*u);
            info(app, text);
            vec![]
        }
        Err(f) => failed(app, f, vec![]),
    }
}

fn org_saved(app: &mut App, r: crate::failure::Outcome<Box<Organization>>) -> Vec<Effect> {
    match r {
        Ok(mut o) => {
            clean_org(&mut o);
            app.modal = Modal::None;
            let text = format!("Organisation {} saved", o.name);
            let new = app.session.admin.orgs.replace(*o).is_some();
            info(app, text);
            // A new one is listed where the server lists it.
            if new {
                vec![fetch(app, AdminTab::Organizations, false)]
            } else {
                vec![]
            }
        }
        Err(f) => refused(app, f),
    }
}

fn location_saved(app: &mut App, r: crate::failure::Outcome<Box<Location>>) -> Vec<Effect> {
    match r {
        Ok(mut l) => {
            clean_location(&mut l);
            app.modal = Modal::None;
            info(
                app,
                format!(
                    "Location {} saved ({})",
                    l.name,
                    time::zone_name(&l.timezone)
                ),
            );
            // Listed where the server lists it.
            fetch_locations(app).into_iter().collect()
        }
        Err(f) => refused(app, f),
    }
}

/// A refusal lands in the open form, field by field; else on the status line.
fn refused(app: &mut App, f: Failure) -> Vec<Effect> {
    if matches!(app.modal, Modal::Form(_)) {
        forms::refused(app, f)
    } else {
        failed(app, f, vec![])
    }
}

fn clean_user(u: &mut User) {
    sanitize::line_in_place(&mut u.name);
    sanitize::line_in_place(&mut u.email);
}

fn clean_org(o: &mut Organization) {
    sanitize::line_in_place(&mut o.name);
    o.tags.iter_mut().for_each(sanitize::line_in_place);
    sanitize::text_in_place(&mut o.welcome);
}

fn clean_location(l: &mut Location) {
    for s in [&mut l.name, &mut l.timezone, &mut l.address] {
        sanitize::line_in_place(s);
    }
}

fn clean_audit(e: &mut AuditEntry) {
    if let Some(a) = &mut e.actor_email {
        sanitize::line_in_place(a);
    }
    for s in [&mut e.action, &mut e.target, &mut e.ip, &mut e.detail] {
        sanitize::line_in_place(s);
    }
}

// ---- keys -----------------------------------------------------------------

pub(crate) fn admin_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let tab = app.session.admin.tab;
    if app.session.admin.locations_open().is_some() {
        return locations_cmd(app, c);
    }
    match c {
        Cmd::NextTab | Cmd::PrevTab => switch_tab(app, c == Cmd::NextTab),
        Cmd::Invite => {
            app.modal = Modal::Form(Box::new(FormDraft::invite()));
            vec![]
        }
        Cmd::OrgLocations if tab == AdminTab::Organizations => {
            let Some(o) = app.session.admin.orgs.current().cloned() else {
                return vec![];
            };
            app.session.admin.locations = Some(OrgLocations {
                org: o,
                list: Paged::default(),
            });
            fetch_locations(app).into_iter().collect()
        }
        Cmd::PeopleStatus if tab == AdminTab::Audit => {
            let a = &mut app.session.admin;
            let at = AUDIT_FILTERS
                .iter()
                .position(|s| *s == a.audit_action)
                .unwrap_or(0);
            a.audit_action = AUDIT_FILTERS[(at + 1) % AUDIT_FILTERS.len()];
            a.audit.clear();
            vec![fetch(app, AdminTab::Audit, false)]
        }
        Cmd::PeopleStatus if tab == AdminTab::People => {
            let a = &mut app.session.admin;
            let at = STATUS_FILTERS
                .iter()
                .position(|s| *s == a.status)
                .unwrap_or(0);
            a.status = STATUS_FILTERS[(at + 1) % STATUS_FILTERS.len()];
            a.people.clear();
            vec![fetch(app, AdminTab::People, false)]
        }
        Cmd::ResendInvite | Cmd::Readmit | Cmd::RemovePerson | Cmd::EndSessions | Cmd::ViewAs
            if tab == AdminTab::People =>
        {
            person_cmd(app, c)
        }
        Cmd::NewOrganization if tab == AdminTab::Organizations => {
            app.modal = Modal::Form(Box::new(FormDraft::organization(None)));
            vec![]
        }
        Cmd::OrgModules if tab == AdminTab::Organizations => {
            let Some(o) = app.session.admin.orgs.current() else {
                return vec![];
            };
            app.modal = Modal::Form(Box::new(FormDraft::org_modules(o)));
            vec![]
        }
        Cmd::ToggleMark if tab == AdminTab::Modules => switch_module(app),
        Cmd::EditOrganization if tab == AdminTab::Organizations => {
            let Some(o) = app.session.admin.orgs.current() else {
                return vec![];
            };
            app.modal = Modal::Form(Box::new(FormDraft::organization(Some(o))));
            vec![]
        }
        c => step(app, c),
    }
}

/// Keys on one organisation's locations: add, change, back to the list.
fn locations_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let rows = page_rows(app);
    let a = &mut app.session.admin;
    let Some(open) = &mut a.locations else {
        return vec![];
    };
    match c {
        Cmd::Back => a.locations = None,
        Cmd::NewLocation => {
            app.modal = Modal::Form(Box::new(FormDraft::location(&open.org, None)));
        }
        Cmd::EditLocation => {
            if let Some(l) = open.list.current() {
                app.modal = Modal::Form(Box::new(FormDraft::location(&open.org, Some(l))));
            }
        }
        c => {
            // One list, never paged: the cursor only.
            if open.list.step(c, rows).is_none() {
                app.dirty = false;
            }
        }
    }
    vec![]
}

fn switch_tab(app: &mut App, forward: bool) -> Vec<Effect> {
    let a = &mut app.session.admin;
    let n = AdminTab::ALL.len();
    let at = AdminTab::ALL.iter().position(|t| *t == a.tab).unwrap_or(0);
    let to = if forward { at + 1 } else { at + n - 1 };
    a.tab = AdminTab::ALL[to % n];
    let tab = a.tab;
    if unloaded(app, tab) {
        vec![fetch(app, tab, false)]
    } else {
        vec![]
    }
}

/// Resend, readmit or remove the person under the cursor, where it fits
/// where they stand.
fn person_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Some(u) = app.session.admin.people.current().cloned() else {
        return vec![];
    };
    let refusal = match (c, u.status) {
        (Cmd::ResendInvite, UserStatus::Invited) => {
            return vec![Effect::Admin(AdminEffect::Resend(u.id))];
        }
        (Cmd::Readmit, UserStatus::Removed) => {
            return vec![Effect::Admin(AdminEffect::Readmit(u.id))];
        }
        (Cmd::RemovePerson, UserStatus::Removed) => "This person is already removed.",
        (Cmd::RemovePerson, _) if app.my_id() == Some(u.id) => "You cannot remove yourself.",
        (Cmd::RemovePerson, _) => {
            app.modal = Modal::Confirm(Confirm {
                question: format!(
                    "Remove {} <{}>? Their sessions end at once.",
                    u.name, u.email
                ),
                then: Pending::Run(vec![Effect::Admin(AdminEffect::Remove(u.id))]),
                back: None,
            });
            return vec![];
        }
        (Cmd::EndSessions, UserStatus::Active) => {
            app.modal = Modal::Confirm(Confirm {
                question: format!("Sign {} out everywhere? They can sign in again.", u.name),
                then: Pending::Run(vec![Effect::Admin(AdminEffect::EndSessions(u.id))]),
                back: None,
            });
            return vec![];
        }
        (Cmd::ViewAs, UserStatus::Active) if u.role == portico_shared::Role::Client => {
            return vec![Effect::ViewAs(u.id)];
        }
        (Cmd::ViewAs, _) => "Only an active client contact can be viewed as.",
        (Cmd::EndSessions, _) => "Only someone who has joined has sessions.",
        (Cmd::ResendInvite, _) => "Only someone who has not joined yet gets a new code.",
        _ => "Only a removed person is readmitted.",
    };
    error(app, refusal.into(), vec![]);
    vec![]
}

/// Switches the module under the cursor on or off for every client.
fn switch_module(app: &mut App) -> Vec<Effect> {
    let a = &app.session.admin;
    let (Load::Ready(off), Some(m)) = (&a.switched_off, Module::ALL.get(a.module)) else {
        return vec![];
    };
    let mut disabled: Vec<Module> = off.iter().copied().filter(|x| x != m).collect();
    if !off.contains(m) {
        disabled.push(*m);
    }
    vec![Effect::Admin(AdminEffect::SetSwitches(ModuleSwitches {
        disabled,
    }))]
}

/// Cursor keys on the tab's list; the next page comes near its end.
fn step(app: &mut App, c: Cmd) -> Vec<Effect> {
    let rows = page_rows(app);
    let a = &mut app.session.admin;
    let tab = a.tab;
    let more = match tab {
        AdminTab::People => a.people.step(c, rows),
        AdminTab::Organizations => a.orgs.step(c, rows),
        AdminTab::Audit => a.audit.step(c, rows),
        AdminTab::Modules => {
            let last = Module::ALL.len() - 1;
            a.module = match c {
                Cmd::Down => (a.module + 1).min(last),
                Cmd::Up => a.module.saturating_sub(1),
                Cmd::Top => 0,
                Cmd::Bottom => last,
                _ => {
                    app.dirty = false;
                    return vec![];
                }
            };
            return vec![];
        }
    };
    match more {
        None => {
            app.dirty = false;
            vec![]
        }
        Some(true) => vec![fetch(app, tab, true)],
        Some(false) => vec![],
    }
}
