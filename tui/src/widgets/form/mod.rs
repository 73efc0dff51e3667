//! Forms filled in the app: a new order (drawn from the organisation's order
//! form), an order item, the path of a deliverable, a worker's timesheet
//! entry. One model serves them
//! all: rows of inputs, each named the way the server names its errors
//! (`title`, `location_id`, `values.headcount`, `starts_at`), so a refusal
//! lands next to the field it is about. Checking a draft and building its
//! request are pure; files are read and uploaded by the effects.

mod admin;
mod billing;
pub mod view;

pub use billing::{DocKind, DraftRequest, NewDraft};

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use portico_shared::{
    EntryPatch, FieldError, FieldKind, FormField, FormSubmission, Id, InviteRequest, ItemInput,
    ItemState, Location, NewOrder, OrderForm, OrderItem, PersonRef, SupportForm, TimesheetEntry,
    TimesheetStatus, Timestamp, validate, validate_submission,
};
use ratatui_textarea::TextArea;
use serde_json::Value;

use crate::widgets::for_whom::ForWhom;

/// The prefix the server puts before a form field's key in its errors.
const VALUES: &str = "values.";

/// Options of which one (or, for multi-choice, several) are chosen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pick {
    pub options: Vec<String>,
    pub chosen: BTreeSet<usize>,
    /// The option the arrow keys are on.
    pub cursor: usize,
    pub multi: bool,
}

impl Pick {
    fn one(options: Vec<String>, chosen: Option<usize>) -> Pick {
        Pick {
            cursor: chosen.unwrap_or(0),
            chosen: chosen.into_iter().collect(),
            options,
            multi: false,
        }
    }

    fn many(options: Vec<String>) -> Pick {
        Pick {
            options,
            multi: true,
            ..Pick::default()
        }
    }

    /// Moves the cursor; a single choice follows it.
    pub fn step(&mut self, forward: bool) {
        let n = self.options.len();
        if n == 0 {
            return;
        }
        if !self.multi && self.chosen.is_empty() {
            // The first press chooses the option under the cursor.
            self.chosen.insert(self.cursor.min(n - 1));
            return;
        }
        self.cursor = if forward {
            (self.cursor + 1).min(n - 1)
        } else {
            self.cursor.saturating_sub(1)
        };
        if !self.multi {
            self.chosen = BTreeSet::from([self.cursor]);
        }
    }

    /// Chooses or un-chooses the option under the cursor.
    pub fn toggle(&mut self) {
        if self.cursor >= self.options.len() {
            return;
        }
        if !self.chosen.remove(&self.cursor) {
            if !self.multi {
                self.chosen.clear();
            }
            self.chosen.insert(self.cursor);
        }
    }

    pub fn first(&self) -> Option<usize> {
        self.chosen.iter().next().copied()
    }
}

#[derive(Debug)]
pub enum Input {
    Line(String),
    Lines(Box<TextArea<'static>>),
    Pick(Pick),
    /// An organisation found by typing part of its name (staff).
    Org(ForWhom),
}

/// One field of a draft.
#[derive(Debug)]
pub struct Row {
    /// The name the server's errors use for it.
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub input: Input,
    /// The records behind a pick's options (locations, workers).
    pub ids: Vec<Id>,
    /// How to fill it in.
    pub hint: String,
    pub error: Option<String>,
}

impl Row {
    fn new(name: &str, label: &str, kind: FieldKind, required: bool, input: Input) -> Row {
        Row {
            name: name.to_owned(),
            label: label.to_owned(),
            kind,
            required,
            min: None,
            max: None,
            input,
            ids: Vec::new(),
            hint: String::new(),
            error: None,
        }
    }

    fn line(name: &str, label: &str, kind: FieldKind, required: bool, text: String) -> Row {
        Row::new(name, label, kind, required, Input::Line(text))
    }

    /// A row for one field of an order form.
    fn from_field(f: &FormField) -> Row {
        let name = format!("{VALUES}{}", f.key);
        let input = match f.kind {
            FieldKind::Multiline => Input::Lines(Box::default()),
            FieldKind::Choice => Input::Pick(Pick::one(f.options.clone(), None)),
            FieldKind::MultiChoice => Input::Pick(Pick::many(f.options.clone())),
            _ => Input::Line(String::new()),
        };
        let mut row = Row::new(&name, &f.label, f.kind, f.required, input);
        row.min = f.min;
        row.max = f.max;
        row.hint = hint(f);
        row
    }

    /// Whether typed keys go into this row (else they choose options).
    pub fn takes_text(&self) -> bool {
        !matches!(self.input, Input::Pick(_))
    }

    /// The text of a one-line or multi-line row.
    pub fn text(&self) -> String {
        match &self.input {
            Input::Line(s) => s.clone(),
            Input::Lines(t) => t.lines().join("\n"),
            Input::Pick(_) | Input::Org(_) => String::new(),
        }
    }

    fn picked(&self) -> Option<usize> {
        match &self.input {
            Input::Pick(p) => p.first(),
            _ => None,
        }
    }

    fn picked_id(&self) -> Option<Id> {
        match &self.input {
            Input::Org(fw) => fw.organization().map(|o| o.id),
            _ => self.picked().and_then(|i| self.ids.get(i).copied()),
        }
    }

    /// An organisation row: the one found by typing, chosen with the arrows.
    fn organization(hint: &str) -> Row {
        let mut row = Row::new(
            "organization_id",
            "Organisation",
            FieldKind::Choice,
            false,
            Input::Org(ForWhom::default()),
        );
        row.hint = format!("type part of its name, ↑/↓ choose{hint}");
        row
    }

    /// The JSON value this row submits (`None`: left empty), or why it
    /// cannot be one. File rows answer their path.
    fn value(&self) -> Result<Option<Value>, String> {
        let text = self.text();
        let trimmed = text.trim();
        match (&self.input, self.kind) {
            (Input::Pick(p), _) => {
                let names: Vec<Value> = p
                    .chosen
                    .iter()
                    .filter_map(|&i| p.options.get(i))
                    .map(|o| Value::String(o.clone()))
                    .collect();
                Ok(match (p.multi, names.is_empty()) {
                    (_, true) => None,
                    (true, false) => Some(Value::Array(names)),
                    (false, false) => names.into_iter().next(),
                })
            }
            (_, _) if trimmed.is_empty() => Ok(None),
            (_, FieldKind::Number) => number(trimmed).map(Some),
            (_, FieldKind::Multiline) => Ok(Some(Value::String(text.trim_end().to_owned()))),
            _ => Ok(Some(Value::String(trimmed.to_owned()))),
        }
    }

    /// The row as a form field, for the shared validation.
    fn as_field(&self, key: &str) -> FormField {
        let options = match &self.input {
            Input::Pick(p) => p.options.clone(),
            _ => Vec::new(),
        };
        FormField {
            key: key.to_owned(),
            label: self.label.clone(),
            kind: self.kind,
            required: self.required,
            options,
            min: self.min,
            max: self.max,
        }
    }
}

/// A number as typed: whole numbers travel as integers.
fn number(s: &str) -> Result<Value, String> {
    let n: f64 = s
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite())
        .ok_or_else(|| "must be a number".to_owned())?;
    if n.fract() == 0.0 && n.abs() < 9e15 {
        Ok(Value::from(n as i64))
    } else {
        Ok(Value::from(n))
    }
}

/// The line under a field that says what it takes.
fn hint(f: &FormField) -> String {
    let n = |v: f64| v.to_string();
    match (f.kind, f.min, f.max) {
        (FieldKind::Number, Some(lo), Some(hi)) => format!("a number from {} to {}", n(lo), n(hi)),
        (FieldKind::Number, Some(lo), None) => format!("a number, at least {}", n(lo)),
        (FieldKind::Number, None, Some(hi)) => format!("a number, at most {}", n(hi)),
        (FieldKind::Number, None, None) => "a number".into(),
        (FieldKind::Date, ..) => "a date: YYYY-MM-DD".into(),
        (FieldKind::Choice, ..) => "←/→ choose".into(),
        (FieldKind::MultiChoice, ..) => "←/→ move · Space choose or drop".into(),
        (FieldKind::File, ..) => "the path of a file; it is uploaded when you send".into(),
        (FieldKind::Multiline, ..) => "Enter starts a new line".into(),
        (FieldKind::Text, ..) => String::new(),
    }
}

/// What the draft makes when sent.
/// What an uploaded file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadTo {
    /// An order's finished work (staff).
    Deliverable(Id),
    /// A task's own files (staff, or the person it is for).
    Task(Id),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A new order for the signed-in client's organisation.
    NewOrder,
    /// A new item (`item` absent) or a changed one.
    Item { order: Id, item: Option<Id> },
    /// A file uploaded from its path: an order's finished work, a task's
    /// document.
    Upload { to: UploadTo },
    /// A worker's draft or rejected timesheet entry, changed.
    Entry { id: Id },
    /// Admins invite a person.
    Invite,
    /// Admins create an organisation (`id` absent) or change one.
    Organization { id: Option<Id> },
    /// Staff add a location to organisation `org` (`id` absent) or change one.
    Location { org: Id, id: Option<Id> },
    /// Admins choose the modules of an organisation's contacts.
    OrgModules { id: Id },
    /// The code an authenticator shows, confirming two-factor enrolment.
    TotpCode,
    /// A client chooses the support form of a new ticket.
    PickSupportForm { forms: Vec<SupportForm> },
    /// A client's answers to a support form: a new ticket.
    SupportForm { id: Id },
    /// Staff record a payment of an invoice.
    Payment { invoice: Id },
    /// Staff write a new draft invoice or quote (`id` absent) or change
    /// one (in `currency`, for its live totals).
    Draft {
        kind: DocKind,
        id: Option<Id>,
        currency: String,
    },
}

/// A checked draft, ready to send.
#[derive(Debug, Clone)]
pub enum Submission {
    /// The order, and the files to upload first: (field key, path).
    Order {
        order: NewOrder,
        files: Vec<(String, PathBuf)>,
    },
    Item {
        order: Id,
        item: Option<Id>,
        input: ItemInput,
    },
    Upload {
        to: UploadTo,
        path: PathBuf,
    },
    Entry {
        id: Id,
        patch: EntryPatch,
    },
    Invite(InviteRequest),
    Organization {
        id: Option<Id>,
        name: String,
        tags: Vec<String>,
        /// Only when changing an organisation.
        welcome: Option<String>,
        ticket_history: portico_shared::TicketHistory,
        history_since: Option<Timestamp>,
    },
    Location {
        org: Id,
        id: Option<Id>,
        name: String,
        timezone: String,
        address: String,
    },
    OrgModules {
        id: Id,
        modules: Vec<portico_shared::Module>,
    },
    TotpCode(String),
    /// The support form chosen; its own draft comes next.
    SupportFormChosen(Box<SupportForm>),
    SupportForm {
        id: Id,
        submission: FormSubmission,
    },
    Payment {
        invoice: Id,
        payment: portico_shared::NewPayment,
    },
    Draft(DraftRequest),
}

#[derive(Debug)]
pub struct FormDraft {
    pub purpose: Purpose,
    pub title: String,
    pub rows: Vec<Row>,
    pub focus: usize,
    /// The form's definition is on its way.
    pub loading: bool,
    pub sending: bool,
    /// What is wrong beyond single fields, or why the form did not load.
    pub error: Option<String>,
    /// Something was typed or chosen: leaving asks first.
    pub touched: bool,
    /// The IANA time zone its times are typed in: the place's.
    pub zone: String,
    /// What to read before filling it in (why an entry was rejected), whole.
    pub notice: Option<String>,
}

impl FormDraft {
    fn new(purpose: Purpose, title: &str, rows: Vec<Row>) -> FormDraft {
        FormDraft {
            purpose,
            title: title.to_owned(),
            rows,
            focus: 0,
            loading: false,
            sending: false,
            error: None,
            touched: false,
            zone: "UTC".to_owned(),
            notice: None,
        }
    }

    /// A new order whose form is still loading.
    pub fn new_order() -> FormDraft {
        FormDraft {
            loading: true,
            ..FormDraft::new(Purpose::NewOrder, "New order", Vec::new())
        }
    }

    /// A new order staff open for an organisation: found first by typing
    /// part of its name; its order form comes when one is chosen.
    pub fn staff_order() -> FormDraft {
        let org = Row::organization(": its order form follows");
        FormDraft::new(Purpose::NewOrder, "New order", vec![org])
    }

    /// A staff order's organisation changed: only it stays until the
    /// chosen one's order form comes.
    pub fn clear_order(&mut self) {
        self.rows.retain(|r| matches!(r.input, Input::Org(_)));
        self.title = "New order".to_owned();
        self.focus = 0;
        self.error = None;
    }

    /// Lays out the order form: a title, where, then the form's own fields
    /// (under the organisation it is for, when staff chose one).
    pub fn fill_order(&mut self, form: &OrderForm, locations: &[Location]) {
        let mut location = Row::new(
            "location_id",
            "Location",
            FieldKind::Choice,
            true,
            Input::Pick(Pick::one(
                locations.iter().map(|l| l.name.clone()).collect(),
                (locations.len() == 1).then_some(0),
            )),
        );
        location.ids = locations.iter().map(|l| l.id).collect();
        location.hint = "←/→ choose".into();
        let mut rows: Vec<Row> = self
            .rows
            .drain(..)
            .filter(|r| matches!(r.input, Input::Org(_)))
            .collect();
        rows.push(Row::line(
            "title",
            "Title",
            FieldKind::Text,
            true,
            String::new(),
        ));
        rows.push(location);
        rows.extend(form.definition.fields.iter().map(Row::from_field));
        self.title = format!("New order · {}", form.definition.name);
        self.rows = rows;
        self.focus = 0;
        self.loading = false;
        self.error = None;
    }

    /// An item of `order`, new or (with `existing`) changed, its times typed
    /// in `zone`, the order's location's. `workers` are the people who may
    /// be put on it.
    pub fn item(
        order: Id,
        existing: Option<&OrderItem>,
        workers: &[PersonRef],
        zone: &str,
    ) -> FormDraft {
        let mut people: Vec<PersonRef> = workers.to_vec();
        if let Some(w) = existing.and_then(|i| i.worker.as_ref())
            && !people.iter().any(|p| p.id == w.id)
        {
            people.push(w.clone());
        }
        let current = existing
            .and_then(|i| i.worker.as_ref())
            .and_then(|w| people.iter().position(|p| p.id == w.id))
            .map_or(0, |i| i + 1);
        let mut worker = Row::new(
            "worker_id",
            "Worker",
            FieldKind::Choice,
            false,
            Input::Pick(Pick::one(
                std::iter::once("nobody yet".to_owned())
                    .chain(people.iter().map(|p| p.name.clone()))
                    .collect(),
                Some(current),
            )),
        );
        worker.ids = std::iter::once(0)
            .chain(people.iter().map(|p| p.id))
            .collect();
        worker.hint = "←/→ choose".into();
        let starts = time_row(
            "starts_at",
            "Starts",
            existing.and_then(|i| i.starts_at),
            zone,
        );
        let ends = time_row("ends_at", "Ends", existing.and_then(|i| i.ends_at), zone);
        let state_now = existing.map_or(ItemState::Open, |i| i.state);
        let mut state = Row::new(
            "state",
            "State",
            FieldKind::Choice,
            true,
            Input::Pick(Pick::one(
                ItemState::ALL.iter().map(|s| s.to_string()).collect(),
                ItemState::ALL.iter().position(|s| *s == state_now),
            )),
        );
        state.hint = "←/→ choose".into();
        let rows = vec![
            Row::line(
                "description",
                "What",
                FieldKind::Text,
                true,
                existing.map(|i| i.description.clone()).unwrap_or_default(),
            ),
            worker,
            starts,
            ends,
            state,
        ];
        let item = existing.map(|i| i.id);
        let title = if item.is_some() {
            "Change the item"
        } else {
            "Add an item"
        };
        FormDraft {
            zone: zone.to_owned(),
            ..FormDraft::new(Purpose::Item { order, item }, title, rows)
        }
    }

    /// The choice of a support form for a new ticket.
    pub fn pick_support_form(forms: &[SupportForm]) -> FormDraft {
        let mut form = Row::new(
            "form",
            "Form",
            FieldKind::Choice,
            true,
            Input::Pick(Pick::one(
                forms.iter().map(|f| f.name.clone()).collect(),
                Some(0),
            )),
        );
        form.hint = "←/→ choose · Enter fills it in".into();
        FormDraft::new(
            Purpose::PickSupportForm {
                forms: forms.to_vec(),
            },
            "New ticket from a form",
            vec![form],
        )
    }

    /// A support form's fields, after an optional subject (the form's name
    /// otherwise).
    pub fn support_form(form: &SupportForm) -> FormDraft {
        let mut subject = Row::line("subject", "Subject", FieldKind::Text, false, String::new());
        subject.hint = format!("optional: \"{}\" otherwise", form.name);
        let mut rows = vec![subject];
        rows.extend(form.fields.iter().map(Row::from_field));
        FormDraft::new(
            Purpose::SupportForm { id: form.id },
            &format!("New ticket · {}", form.name),
            rows,
        )
    }

    /// The path of a file to upload and attach to what `to` names.
    pub fn upload(to: UploadTo) -> FormDraft {
        let mut path = Row::line("path", "File", FieldKind::File, true, String::new());
        path.hint = "the path of the file to upload and attach".into();
        let title = match to {
            UploadTo::Deliverable(_) => "Attach a deliverable",
            UploadTo::Task(_) => "Hand over a file for the task",
        };
        FormDraft::new(Purpose::Upload { to }, title, vec![path])
    }

    /// A worker's draft or rejected entry to change, its times typed at
    /// its location; a rejected one shows the whole reason above the fields.
    pub fn entry(e: &TimesheetEntry) -> FormDraft {
        let zone = e.location.timezone.as_str();
        let mut starts = time_row("starts_at", "Starts", Some(e.starts_at), zone);
        let mut ends = time_row("ends_at", "Ends", Some(e.ends_at), zone);
        starts.required = true;
        ends.required = true;
        let mut pause = Row::line(
            "break_minutes",
            "Break (minutes)",
            FieldKind::Number,
            true,
            e.break_minutes.to_string(),
        );
        pause.min = Some(0.0);
        pause.hint = "whole minutes, shorter than the time worked".into();
        let mut note = Row::new(
            "note",
            "Note",
            FieldKind::Multiline,
            false,
            Input::Lines(Box::new(TextArea::new(
                e.note.lines().map(str::to_owned).collect(),
            ))),
        );
        note.hint = "Enter starts a new line".into();
        let notice = match (&e.status, &e.reason) {
            (TimesheetStatus::Rejected, Some(why)) => {
                let by = e
                    .decided_by
                    .as_ref()
                    .map_or(String::new(), |p| format!(" by {}", p.name));
                Some(format!("Rejected{by}: {why}"))
            }
            _ => None,
        };
        let title = format!(
            "Entry of {} at {}",
            crate::time::day(e.date),
            e.location.name
        );
        FormDraft {
            zone: zone.to_owned(),
            notice,
            ..FormDraft::new(
                Purpose::Entry { id: e.id },
                &title,
                vec![starts, ends, pause, note],
            )
        }
    }

    pub fn focused(&self) -> Option<&Row> {
        self.rows.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut Row> {
        self.rows.get_mut(self.focus)
    }

    fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// Moves the focus by one row, wrapping around.
    pub fn step(&mut self, forward: bool) {
        let n = self.rows.len();
        if n > 0 {
            self.focus = if forward {
                (self.focus + 1) % n
            } else {
                (self.focus + n - 1) % n
            };
        }
    }

    /// Puts errors next to their fields (the rest above the form) and moves
    /// the focus to the first field in error.
    pub fn show_errors(&mut self, errors: &[FieldError]) {
        for r in &mut self.rows {
            r.error = None;
        }
        let mut loose = Vec::new();
        for e in errors {
            match self.rows.iter_mut().find(|r| r.name == e.field) {
                Some(r) if r.error.is_none() => r.error = Some(e.message.clone()),
                Some(_) => {}
                None => loose.push(format!("{}: {}", e.field, e.message)),
            }
        }
        self.error = (!loose.is_empty()).then(|| loose.join("; "));
        if let Some(first) = self.rows.iter().position(|r| r.error.is_some()) {
            self.focus = first;
        }
    }

    /// Checks the draft as the server would; answers what to send, or marks
    /// the fields in error and answers `None`.
    pub fn check(&mut self, now: Timestamp) -> Option<Submission> {
        let checked = match self.purpose.clone() {
            Purpose::NewOrder => self.check_order(),
            Purpose::Item { order, item } => self.check_item(now, order, item),
            Purpose::Entry { id } => self.check_entry(now, id),
            Purpose::Invite => self.check_invite(),
            Purpose::Organization { id } => self.check_organization(id),
            Purpose::OrgModules { id } => Ok(self.check_org_modules(id)),
            Purpose::Location { org, id } => self.check_location(org, id),
            Purpose::TotpCode => {
                let code = self.row("code").map(Row::text).unwrap_or_default();
                let code = code.trim();
                if code.is_empty() {
                    Err(vec![field_error("code", "type the code your app shows")])
                } else {
                    Ok(Submission::TotpCode(code.to_owned()))
                }
            }
            Purpose::PickSupportForm { forms } => {
                match self
                    .row("form")
                    .and_then(Row::picked)
                    .and_then(|i| forms.get(i))
                {
                    Some(f) => Ok(Submission::SupportFormChosen(Box::new(f.clone()))),
                    None => Err(vec![field_error("form", "choose a form")]),
                }
            }
            Purpose::SupportForm { id } => self.check_support_form(id),
            Purpose::Payment { invoice } => self.check_payment(invoice),
            Purpose::Draft { kind, id, .. } => self.check_draft(kind, id),
            Purpose::Upload { to } => {
                let path = self.row("path").map(Row::text).unwrap_or_default();
                let path = path.trim();
                if path.is_empty() {
                    Err(vec![field_error("path", "name the file to attach")])
                } else {
                    Ok(Submission::Upload {
                        to,
                        path: PathBuf::from(path),
                    })
                }
            }
        };
        match checked {
            Ok(s) => {
                self.show_errors(&[]);
                Some(s)
            }
            Err(errors) => {
                self.show_errors(&errors);
                None
            }
        }
    }

    /// The form's own fields: each row's value, checked by the shared rules.
    fn form_values(&self, errors: &mut Vec<FieldError>) -> BTreeMap<String, Value> {
        let mut fields = Vec::new();
        let mut values = BTreeMap::new();
        for r in &self.rows {
            let Some(key) = r.name.strip_prefix(VALUES) else {
                continue;
            };
            fields.push(r.as_field(key));
            match r.value() {
                Ok(Some(v)) => {
                    values.insert(key.to_owned(), v);
                }
                Ok(None) => {}
                Err(m) => errors.push(field_error(&r.name, &m)),
            }
        }
        if let Err(found) = validate_submission(&fields, &values) {
            for e in found {
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        values
    }

    fn check_support_form(&self, id: Id) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let subject = self.row("subject").map(Row::text).unwrap_or_default();
        let subject = match subject.trim() {
            "" => None,
            s => validate::name("subject", s)
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let values = self.form_values(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::SupportForm {
            id,
            submission: FormSubmission { subject, values },
        })
    }

    fn check_order(&self) -> Result<Submission, Vec<FieldError>> {
        // Staff: the organisation first; the rest is its form's.
        let organization_id = self.row("organization_id").and_then(Row::picked_id);
        if self.row("organization_id").is_some() && organization_id.is_none() {
            return Err(vec![field_error(
                "organization_id",
                "choose the organisation it is for",
            )]);
        }
        if self.row("title").is_none() {
            return Err(vec![field_error(
                "organization_id",
                "its order form is still loading",
            )]);
        }
        let mut errors = Vec::new();
        let title = self.row("title").map(Row::text).unwrap_or_default();
        let title = validate::name("title", &title).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        });
        let location_id = self.row("location_id").and_then(Row::picked_id);
        if location_id.is_none() {
            errors.push(field_error("location_id", "choose a location"));
        }
        let mut fields = Vec::new();
        // What the shared check sees: a file stands in as an upload id.
        let mut checked = BTreeMap::new();
        let mut values = BTreeMap::new();
        let mut files = Vec::new();
        for r in &self.rows {
            let Some(key) = r.name.strip_prefix(VALUES) else {
                continue;
            };
            fields.push(r.as_field(key));
            match r.value() {
                Ok(Some(Value::String(path))) if r.kind == FieldKind::File => {
                    checked.insert(key.to_owned(), Value::from(1));
                    files.push((key.to_owned(), PathBuf::from(path)));
                }
                Ok(Some(v)) => {
                    checked.insert(key.to_owned(), v.clone());
                    values.insert(key.to_owned(), v);
                }
                Ok(None) => {}
                Err(m) => errors.push(field_error(&r.name, &m)),
            }
        }
        if let Err(found) = validate_submission(&fields, &checked) {
            for e in found {
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::Order {
            order: NewOrder {
                title,
                location_id,
                organization_id,
                values,
                ..NewOrder::default()
            },
            files,
        })
    }

    fn check_item(
        &self,
        now: Timestamp,
        order: Id,
        item: Option<Id>,
    ) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let description = self.row("description").map(Row::text).unwrap_or_default();
        let description = validate::name("description", &description).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        });
        let (starts_at, ends_at) = self.span(now, &mut errors);
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e < s
        {
            errors.push(field_error("ends_at", "must not be before the start"));
        }
        let state = self
            .row("state")
            .and_then(Row::picked)
            .and_then(|i| ItemState::ALL.get(i).copied());
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::Item {
            order,
            item,
            input: ItemInput {
                description,
                worker_id: self
                    .row("worker_id")
                    .and_then(Row::picked_id)
                    .filter(|id| *id > 0),
                starts_at,
                ends_at,
                state,
            },
        })
    }

    /// The `starts_at` and `ends_at` rows as typed at the place (`None`:
    /// left empty); what cannot be read goes into `errors`.
    fn span(
        &self,
        now: Timestamp,
        errors: &mut Vec<FieldError>,
    ) -> (Option<Timestamp>, Option<Timestamp>) {
        let mut when = |name: &str| {
            let raw = self.row(name).map(Row::text).unwrap_or_default();
            crate::time::parse_at(&raw, now, &self.zone).unwrap_or_else(|_| {
                errors.push(field_error(
                    name,
                    "not a date and time: use 2026-12-01 09:00, 2026-12-01 or +2d",
                ));
                None
            })
        };
        (when("starts_at"), when("ends_at"))
    }

    /// The whole entry as the worker left it: start and end at the place,
    /// the break in minutes, the note.
    fn check_entry(&self, now: Timestamp, id: Id) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let (starts_at, ends_at) = self.span(now, &mut errors);
        for (name, t) in [("starts_at", starts_at), ("ends_at", ends_at)] {
            if t.is_none() && !errors.iter().any(|e| e.field == name) {
                errors.push(field_error(name, "give a date and time"));
            }
        }
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            errors.push(field_error("ends_at", "must be after the start"));
        }
        let pause = self.row("break_minutes").map(Row::text).unwrap_or_default();
        let break_minutes = match pause.trim().parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            Ok(_) => {
                errors.push(field_error("break_minutes", "cannot be negative"));
                None
            }
            Err(_) => {
                errors.push(field_error("break_minutes", "whole minutes, such as 30"));
                None
            }
        };
        let note = self.row("note").map(Row::text).unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::Entry {
            id,
            patch: EntryPatch {
                starts_at,
                ends_at,
                break_minutes,
                note: Some(note.trim_end().to_owned()),
            },
        })
    }
}

/// A date and time typed at the place with time zone `zone`, the zone
/// named in its label.
fn time_row(name: &str, label: &str, value: Option<Timestamp>, zone: &str) -> Row {
    let zone_name = crate::time::zone_name(zone);
    let text = value.map_or_else(String::new, |t| crate::time::short_in(t, zone));
    let mut row = Row::line(
        name,
        &format!("{label} ({zone_name})"),
        FieldKind::Text,
        false,
        text,
    );
    row.hint = format!("2026-12-01 09:00 on the clocks of {zone_name}, or +2d");
    row
}

fn field_error(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}
