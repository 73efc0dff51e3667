//! The order forms' model: the forms listed, the one being edited, and the
//! organisation being picked for a new one.

use portico_shared::{FieldError, FieldKind, FormDefaults, FormField, Id, OrderForm};

use crate::load::Load;
use crate::widgets::for_whom::ForWhom;

/// The properties of a field, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prop {
    #[default]
    Label,
    Key,
    Kind,
    Required,
    Options,
}

impl Prop {
    pub const ALL: [Prop; 5] = [
        Prop::Label,
        Prop::Key,
        Prop::Kind,
        Prop::Required,
        Prop::Options,
    ];

    /// The name the server's errors give it after `fields[i].`.
    pub fn server_name(self) -> &'static str {
        match self {
            Prop::Label => "label",
            Prop::Key => "key",
            Prop::Kind => "kind",
            Prop::Required => "required",
            Prop::Options => "options",
        }
    }
}

/// What a line being typed in the editor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// The form's name.
    Name,
    /// A property of the selected field (label, key or options).
    Prop(Prop),
}

/// A form's fields being edited: nothing reaches the server before Ctrl-S.
#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    /// `None`: a new form, not saved yet.
    pub form_id: Option<Id>,
    /// The organisation it is for; `None` for the default form.
    pub organization: Option<Id>,
    /// The organisation's name, as shown.
    pub whose: String,
    /// The version this edit started from (0 for a new form).
    pub base_version: i64,
    pub name: String,
    pub fields: Vec<FormField>,
    /// Carried unchanged: the editor does not touch them.
    pub defaults: FormDefaults,
    /// The selected field.
    pub cursor: usize,
    /// The selected field's focused property.
    pub prop: Prop,
    /// A line being typed, and what it changes.
    pub typing: Option<(Typing, String)>,
    /// What the server refused, field by field (`fields[2].key`, `name`).
    pub errors: Vec<FieldError>,
    /// A refusal beyond single fields (a newer version, say).
    pub error: Option<String>,
    /// Changed since it was loaded or saved: leaving asks first.
    pub touched: bool,
    pub saving: bool,
}

impl Editor {
    /// An existing form, as the server last sent it.
    pub fn of(form: &OrderForm, whose: String) -> Editor {
        Editor {
            form_id: Some(form.id),
            organization: form.organization_id,
            whose,
            base_version: form.version,
            name: form.definition.name.clone(),
            fields: form.definition.fields.clone(),
            defaults: form.definition.defaults.clone(),
            cursor: 0,
            prop: Prop::default(),
            typing: None,
            errors: Vec::new(),
            error: None,
            touched: false,
            saving: false,
        }
    }

    /// A new form for organisation `org`, starting from `start`'s fields
    /// (the default form's) so the usual ones need not be typed again.
    pub fn new_for(org: Id, whose: String, start: Option<&OrderForm>) -> Editor {
        let mut e = match start {
            Some(f) => Editor::of(f, whose.clone()),
            None => Editor::of(&blank(), whose.clone()),
        };
        e.form_id = None;
        e.organization = Some(org);
        e.base_version = 0;
        e.name = format!("Order form of {whose}");
        e.touched = true;
        e
    }

    pub fn field(&self) -> Option<&FormField> {
        self.fields.get(self.cursor)
    }

    pub fn field_mut(&mut self) -> Option<&mut FormField> {
        self.fields.get_mut(self.cursor)
    }

    /// The server's complaint about property `prop` of field `i`.
    pub fn error_at(&self, i: usize, prop: Prop) -> Option<&str> {
        let name = format!("fields[{i}].{}", prop.server_name());
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.as_str())
    }

    /// Whether the server complained about field `i` at all.
    pub fn field_in_error(&self, i: usize) -> bool {
        let prefix = format!("fields[{i}].");
        self.errors.iter().any(|e| e.field.starts_with(&prefix))
    }

    /// The complaints not about one field's property: the name, the list.
    pub fn form_errors(&self) -> Vec<String> {
        self.errors
            .iter()
            .filter(|e| !e.field.starts_with("fields["))
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect()
    }

    /// The selected field's property as it is typed: options comma-separated.
    pub fn prop_text(&self, prop: Prop) -> String {
        let Some(f) = self.field() else {
            return String::new();
        };
        match prop {
            Prop::Label => f.label.clone(),
            Prop::Key => f.key.clone(),
            Prop::Options => f.options.join(", "),
            Prop::Kind => f.kind.to_string(),
            Prop::Required => if f.required { "yes" } else { "no" }.to_owned(),
        }
    }
}

/// A form with nothing in it.
fn blank() -> OrderForm {
    OrderForm {
        id: 0,
        organization_id: None,
        version: 0,
        definition: portico_shared::FormDefinition::default(),
        updated_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Whether a field of this kind has options.
pub fn has_options(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Choice | FieldKind::MultiChoice)
}

/// The order forms' part of the Session.
#[derive(Debug, Default)]
pub struct State {
    /// Every form at its latest version, the default first.
    pub forms: Load<Vec<OrderForm>>,
    /// Organisation names by id, for the list (as far as loaded).
    pub orgs: Vec<(Id, String)>,
    /// The selected form in the list.
    pub cursor: usize,
    /// A new form: its organisation being typed and picked.
    pub picking: Option<ForWhom>,
    /// The form open in the editor.
    pub editor: Option<Editor>,
}

impl State {
    /// The name of organisation `id` when known, else its number.
    pub fn org_name(&self, id: Option<Id>) -> String {
        match id {
            None => "default: all without their own".to_owned(),
            Some(id) => self
                .orgs
                .iter()
                .find(|(o, _)| *o == id)
                .map_or_else(|| format!("organisation #{id}"), |(_, n)| n.clone()),
        }
    }
}
