//! The forms of the orders screens: a new order drawn from the form the
//! server gives, an item, a deliverable's path. Each is checked here as the
//! server would check it; what the server still refuses comes back field by
//! field and is shown next to the field.

use crossterm::event::{KeyCode, KeyEvent};
use portico_shared::{
    Id, Location, LocationPatch, NewLocation, NewOrganization, OrderForm, OrderItem,
    OrganizationPatch, OrganizationRef, PersonRef,
};

use crate::failure::{Failure, Outcome};
use crate::input::edit::edit_line;
use crate::load::Load;
use crate::sanitize;
use crate::screens::account::msg::AccountEffect;
use crate::screens::admin::msg::AdminEffect;
use crate::screens::invoices::msg::BillingEffect;
use crate::screens::knowledge::msg::KnowledgeEffect;
use crate::screens::orders::msg::OrdersEffect;
use crate::screens::projects::msg::ProjectsEffect;
use crate::screens::timesheets::msg::TimesheetsEffect;
use crate::shell::model::{App, Confirm, Modal, Pending};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed};
use crate::widgets::for_whom::ForWhom;
use crate::widgets::form::{DraftRequest, FormDraft, Input, Purpose, Submission, UploadTo};

fn draft(app: &mut App) -> Option<&mut FormDraft> {
    match &mut app.modal {
        Modal::Form(d) => Some(d),
        _ => None,
    }
}

/// Opens the new-order form; its fields come from the server. Staff first
/// find the organisation it is for; its own form follows.
pub(crate) fn new_order(app: &mut App) -> Vec<Effect> {
    if app.is_staff() {
        app.modal = Modal::Form(Box::new(FormDraft::staff_order()));
        return vec![];
    }
    if !app.submits_orders() {
        let why = "Your account cannot submit orders; ask your account manager.";
        error(app, why.into(), vec![]);
        return vec![];
    }
    app.modal = Modal::Form(Box::new(FormDraft::new_order()));
    vec![Effect::Orders(OrdersEffect::FetchOrderForm)]
}

/// The open form's organisation row, where it has one.
fn org_row(app: &mut App) -> Option<&mut ForWhom> {
    draft(app)?
        .rows
        .iter_mut()
        .find_map(|r| match &mut r.input {
            Input::Org(fw) => Some(fw),
            _ => None,
        })
}

/// Organisations whose name holds what staff typed into the form: the
/// first is chosen. An answer to an older query is dropped.
pub(crate) fn orgs_found(
    app: &mut App,
    query: &str,
    result: Outcome<Vec<OrganizationRef>>,
) -> Vec<Effect> {
    let orgs = match result {
        Ok(o) => o,
        Err(f) => return failed(app, f, vec![]),
    };
    match org_row(app).and_then(|fw| fw.found(query, orgs)) {
        Some(chosen) => org_chosen(app, chosen),
        None => vec![],
    }
}

/// Another organisation is chosen in the form: a staff order takes its
/// order form and locations; other forms need nothing more.
fn org_chosen(app: &mut App, org: Option<Id>) -> Vec<Effect> {
    let Some(d) = draft(app).filter(|d| d.purpose == Purpose::NewOrder) else {
        return vec![];
    };
    d.clear_order();
    match org {
        Some(org) => vec![Effect::Orders(OrdersEffect::FetchOrderFormOf(org))],
        None => vec![],
    }
}

/// An organisation's order form and locations arrived for a staff order:
/// laid out under the organisation, if it is still the one chosen.
pub(crate) fn form_of_loaded(
    app: &mut App,
    org: Id,
    r: Outcome<(Box<OrderForm>, Vec<Location>)>,
) -> Vec<Effect> {
    let chosen = org_row(app).and_then(|fw| fw.organization().map(|o| o.id));
    let Some(d) = draft(app).filter(|d| d.purpose == Purpose::NewOrder) else {
        return vec![];
    };
    if chosen != Some(org) {
        return vec![];
    }
    match r {
        Ok((mut form, mut locations)) => {
            sanitize::order_form(&mut form);
            for l in &mut locations {
                sanitize::line_in_place(&mut l.name);
            }
            d.fill_order(&form, &locations);
            vec![]
        }
        Err(f) => {
            d.error = Some(format!("Could not load its order form: {}", f.message));
            failed(app, f, vec![])
        }
    }
}

/// The people an item may be given to: the active workers, and whoever
/// already works on this order (should the list not have come).
fn known_workers(app: &App) -> Vec<PersonRef> {
    let mut people: Vec<PersonRef> = app.session.workers.ready().cloned().unwrap_or_default();
    let on_order = app
        .session
        .orders
        .view
        .iter()
        .flat_map(|v| v.items().iter())
        .filter_map(|i| i.worker.clone());
    for w in on_order {
        if !people.iter().any(|p| p.id == w.id) {
            people.push(w);
        }
    }
    people
}

/// The time zone of `order`'s location, where its items' times are typed.
fn order_zone(app: &App, order: Id) -> String {
    app.session
        .orders
        .view
        .as_ref()
        .filter(|v| v.id() == order)
        .map_or_else(
            || app.home_zone(),
            |v| app.location_zone(v.order.location.id),
        )
}

/// Opens the item form: a new item, or `existing` to change.
pub(crate) fn item(app: &mut App, order: Id, existing: Option<OrderItem>) -> Vec<Effect> {
    let people = known_workers(app);
    let zone = order_zone(app, order);
    app.modal = Modal::Form(Box::new(FormDraft::item(
        order,
        existing.as_ref(),
        &people,
        &zone,
    )));
    match app.session.workers {
        Load::Loading => vec![Effect::Orders(OrdersEffect::FetchWorkers)],
        _ => vec![],
    }
}

/// The worker list arrived while an untouched item form is open: offer them too.
pub(crate) fn workers_arrived(app: &mut App) {
    let Some(d) = draft(app) else { return };
    let (Purpose::Item { order, item }, false) = (d.purpose.clone(), d.touched) else {
        return;
    };
    let focus = d.focus;
    let existing = item.and_then(|id| {
        app.session
            .orders
            .view
            .as_ref()
            .and_then(|v| v.items().iter().find(|i| i.id == id).cloned())
    });
    let zone = order_zone(app, order);
    let mut fresh = FormDraft::item(order, existing.as_ref(), &known_workers(app), &zone);
    fresh.focus = focus;
    app.modal = Modal::Form(Box::new(fresh));
}

pub(crate) fn deliverable(app: &mut App, order: Id) -> Vec<Effect> {
    app.modal = Modal::Form(Box::new(FormDraft::upload(UploadTo::Deliverable(order))));
    vec![]
}

/// The form definition for a new order arrived.
pub(crate) fn form_loaded(app: &mut App, r: Outcome<Box<OrderForm>>) -> Vec<Effect> {
    let locations = app
        .session
        .me
        .as_ref()
        .map(|m| m.locations.clone())
        .unwrap_or_default();
    let Some(d) = draft(app).filter(|d| d.purpose == Purpose::NewOrder && d.loading) else {
        return vec![];
    };
    match r {
        Ok(mut form) => {
            sanitize::order_form(&mut form);
            d.fill_order(&form, &locations);
            vec![]
        }
        Err(f) => {
            d.loading = false;
            d.error = Some(format!("Could not load the order form: {}", f.message));
            failed(app, f, vec![])
        }
    }
}

pub(crate) fn form_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Some(d) = draft(app) else {
        return vec![];
    };
    match c {
        Cmd::Submit => return submit(app),
        Cmd::NextField => d.step(true),
        Cmd::PrevField => d.step(false),
        Cmd::OptionPrev | Cmd::OptionNext | Cmd::ToggleOption => {
            match d.focused_mut().map(|r| &mut r.input) {
                Some(Input::Pick(p)) => {
                    match c {
                        Cmd::ToggleOption => p.toggle(),
                        _ => p.step(c == Cmd::OptionNext),
                    }
                    d.touched = true;
                }
                Some(Input::Org(fw)) if c != Cmd::ToggleOption => {
                    let before = fw.organization().map(|o| o.id);
                    let now = fw.step_org(c == Cmd::OptionPrev);
                    d.touched = true;
                    if now != before {
                        return org_chosen(app, now);
                    }
                }
                _ => {}
            }
        }
        Cmd::Cancel => {
            let Modal::Form(d) = std::mem::take(&mut app.modal) else {
                return vec![];
            };
            if d.touched {
                app.modal = Modal::Confirm(Confirm {
                    question: "Discard this form?".into(),
                    then: Pending::Discard,
                    back: Some(Box::new(Modal::Form(d))),
                });
            }
        }
        _ => app.dirty = false,
    }
    vec![]
}

/// A key typed into the focused field; Enter in a one-line field moves on.
/// Typing into an organisation row asks the server which ones match.
pub(crate) fn form_text(d: &mut FormDraft, key: KeyEvent) -> Vec<Effect> {
    let enter = key.code == KeyCode::Enter;
    let Some(row) = d.focused_mut() else {
        return vec![];
    };
    let mut fx = Vec::new();
    match &mut row.input {
        Input::Line(_) | Input::Org(_) if enter => {
            d.step(true);
            return fx;
        }
        Input::Line(s) => edit_line(s, key),
        Input::Lines(t) => {
            t.input(key);
        }
        Input::Org(fw) => {
            let before = fw.query.clone();
            edit_line(&mut fw.query, key);
            if fw.query != before {
                fx.push(Effect::Orders(OrdersEffect::FindOrgs(fw.query.clone())));
            }
        }
        Input::Pick(_) => return fx,
    }
    d.touched = true;
    d.retotal();
    fx
}

fn submit(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    let Some(d) = draft(app) else {
        return vec![];
    };
    if d.sending || d.loading {
        return vec![];
    }
    let Some(s) = d.check(now) else {
        let n = d.rows.iter().filter(|r| r.error.is_some()).count();
        error(app, fields_need(n), vec![]);
        return vec![];
    };
    d.sending = true;
    app.status = None;
    vec![match s {
        // Not sent: the chosen form's own fields come next.
        Submission::SupportFormChosen(form) => {
            app.modal = Modal::Form(Box::new(FormDraft::support_form(&form)));
            return vec![];
        }
        Submission::SupportForm { id, submission } => {
            Effect::Knowledge(KnowledgeEffect::SubmitForm { id, submission })
        }
        Submission::Order { order, files } => {
            Effect::Orders(OrdersEffect::SubmitOrder { order, files })
        }
        Submission::Item { order, item, input } => {
            Effect::Orders(OrdersEffect::WriteItem { order, item, input })
        }
        Submission::Upload {
            to: UploadTo::Deliverable(order),
            path,
        } => Effect::Orders(OrdersEffect::AttachDeliverable { order, path }),
        Submission::Upload {
            to: UploadTo::Task(task),
            path,
        } => Effect::Projects(ProjectsEffect::AttachToTask { task, path }),
        Submission::Entry { id, patch } => {
            Effect::Timesheets(TimesheetsEffect::PatchEntry { id, patch })
        }
        Submission::Invite(req) => Effect::Admin(AdminEffect::Invite(req)),
        Submission::TotpCode(code) => Effect::Account(AccountEffect::Confirm(code)),
        Submission::Payment { invoice, payment } => {
            Effect::Billing(BillingEffect::Pay { invoice, payment })
        }
        Submission::Draft(DraftRequest::Invoice { id, patch }) => {
            Effect::Billing(BillingEffect::SaveDraft { id, patch })
        }
        Submission::Draft(DraftRequest::Quote { id, patch }) => {
            Effect::Billing(BillingEffect::SaveQuoteDraft { id, patch })
        }
        Submission::Draft(DraftRequest::New(draft)) => {
            Effect::Billing(BillingEffect::NewDraft(draft))
        }
        Submission::OrgModules { id, modules } => Effect::Admin(AdminEffect::PatchOrg {
            id,
            patch: OrganizationPatch {
                default_modules: Some(modules),
                ..OrganizationPatch::default()
            },
        }),
        Submission::Organization {
            id: None,
            name,
            tags,
            ticket_history,
            history_since,
            ..
        } => Effect::Admin(AdminEffect::CreateOrg(NewOrganization {
            name,
            tags,
            ticket_history: Some(ticket_history),
            history_since,
            ..NewOrganization::default()
        })),
        Submission::Organization {
            id: Some(id),
            name,
            tags,
            welcome,
            ticket_history,
            history_since,
        } => Effect::Admin(AdminEffect::PatchOrg {
            id,
            patch: OrganizationPatch {
                name: Some(name),
                tags: Some(tags),
                welcome,
                ticket_history: Some(ticket_history),
                history_since,
                ..OrganizationPatch::default()
            },
        }),
        Submission::Location {
            org,
            id,
            name,
            timezone,
            address,
        } => Effect::Admin(match id {
            None => AdminEffect::CreateLocation {
                org,
                new: NewLocation {
                    name,
                    timezone: Some(timezone),
                    address,
                },
            },
            Some(id) => AdminEffect::PatchLocation {
                org,
                id,
                patch: LocationPatch {
                    name: Some(name),
                    timezone: Some(timezone),
                    address: Some(address),
                },
            },
        }),
    }]
}

fn fields_need(n: usize) -> String {
    match n {
        0 => "The form could not be sent; see above the fields.".into(),
        1 => "1 field needs attention.".into(),
        n => format!("{n} fields need attention."),
    }
}

/// The server (or an upload) refused the form: the errors go next to their
/// fields and the form stays open to try again.
pub(crate) fn refused(app: &mut App, f: Failure) -> Vec<Effect> {
    if !f.unauthorized
        && let Some(d) = draft(app)
    {
        d.sending = false;
        if !f.fields.is_empty() {
            d.show_errors(&f.fields);
            let n = d.rows.iter().filter(|r| r.error.is_some()).count();
            error(app, fields_need(n), vec![]);
            return vec![];
        }
    }
    failed(app, f, vec![])
}
