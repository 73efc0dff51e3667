//! Orders, their items and deliverables, order forms, and the pure rules
//! both sides apply: the order lifecycle and validation of a submission
//! against its form.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{
    Actor, Attachment, FieldError, Id, Message, OrganizationRef, PersonRef, Priority, Timestamp,
};

text_enum! {
    /// `submitted` → `accepted` → `in_progress` → `delivered` → `closed`;
    /// `cancelled` from any open state.
    OrderStatus {
        Submitted => "submitted",
        Accepted => "accepted",
        InProgress => "in_progress",
        Delivered => "delivered",
        Closed => "closed",
        Cancelled => "cancelled",
    }
}

text_enum! {
    /// An order item (a job or placement): nobody on it yet, staffed, or finished.
    ItemState {
        Open => "open",
        Filled => "filled",
        Done => "done",
    }
}

text_enum! {
    /// What a form field takes.
    FieldKind {
        Text => "text",
        Multiline => "multiline",
        Number => "number",
        Date => "date",
        Choice => "choice",
        MultiChoice => "multi_choice",
        File => "file",
    }
}

impl OrderStatus {
    /// Closed and cancelled orders are finished; everything else is open.
    pub fn is_open(self) -> bool {
        !matches!(self, OrderStatus::Closed | OrderStatus::Cancelled)
    }

    /// The one status a staff member may move an open order forward to.
    fn next(self) -> Option<OrderStatus> {
        use OrderStatus::*;
        match self {
            Submitted => Some(Accepted),
            Accepted => Some(InProgress),
            InProgress => Some(Delivered),
            Delivered => Some(Closed),
            Closed | Cancelled => None,
        }
    }
}

/// Where an order takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationRef {
    pub id: Id,
    pub name: String,
}

/// An order as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Id,
    /// `ORD-YYYY-NNNN`, numbered per year.
    pub reference: String,
    pub title: String,
    pub status: OrderStatus,
    pub organization: OrganizationRef,
    pub location: LocationRef,
    pub priority: Priority,
    pub team: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    pub submitted_by: PersonRef,
    pub thread_id: Id,
    pub item_count: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `GET /orders/{id}`: the order with what was submitted, its items and deliverables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDetail {
    pub order: Order,
    /// The form as it was when the order was submitted.
    pub form: FormSnapshot,
    /// The submitted values by field key (file fields hold attachment ids).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub values: BTreeMap<String, Value>,
    pub items: Vec<OrderItem>,
    pub deliverables: Vec<Attachment>,
    /// The files sent in the form's file fields (their ids are the values).
    #[serde(default)]
    pub files: Vec<Attachment>,
}

/// One version of a form, frozen: later edits make a new version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormSnapshot {
    pub form_id: Id,
    pub version: i64,
    pub name: String,
    pub fields: Vec<FormField>,
}

/// A job or placement of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItem {
    pub id: Id,
    pub order_id: Id,
    pub description: String,
    /// The worker scheduled or working on it.
    pub worker: Option<PersonRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub starts_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<Timestamp>,
    pub state: ItemState,
}

/// `POST /orders/{id}/items` and `PUT /orders/{id}/items/{item_id}` (the whole item).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemInput {
    pub description: String,
    pub worker_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub starts_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<Timestamp>,
    /// Defaults to `open`.
    pub state: Option<ItemState>,
}

/// `POST /orders`. Clients order for their own organisation (a sent
/// `organization_id` is ignored); staff name it. Priority, team and due date
/// come from the form's defaults unless `due_date` is given.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrder {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: String,
    pub location_id: Option<Id>,
    pub organization_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    /// Values by field key of the organisation's order form.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub values: BTreeMap<String, Value>,
}

/// `PATCH /orders/{id}`: absent fields stay. Clients may only send
/// `status: cancelled`, and only while the order is `submitted`.
/// An empty `team` clears it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPatch {
    pub status: Option<OrderStatus>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: Option<String>,
    pub priority: Option<Priority>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub team: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
}

/// `GET /orders` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    /// Only the order with this reference (`ORD-2026-0042`, any case).
    pub reference: Option<String>,
    /// Words that must all appear in the reference, the title or a
    /// submitted field value.
    pub q: Option<String>,
    pub location_id: Option<Id>,
    pub organization_id: Option<Id>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Ignored, whatever its value: a client may make a URL unique with it
    /// (to get past a cache, or to measure without one).
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}

/// `POST /orders/{id}/deliverables`: staff attach their own uploads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDeliverables {
    pub attachment_ids: Vec<Id>,
}

/// The `data:` of an `order.created` / `order.updated` live event, or of a
/// `message.created` event in an order's thread (then `message` is set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    pub id: Id,
    pub kind: String,
    pub order: Order,
    #[serde(default)]
    pub message: Option<Message>,
}

/// One field of an order form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    /// The key its value is sent under: `a-z`, `0-9`, `_`.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// The allowed options of `choice` and `multi_choice` fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Bounds of `number` fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// What a form sets on the order it creates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormDefaults {
    pub priority: Option<Priority>,
    pub team: Option<String>,
    pub due_in_days: Option<u32>,
}

/// A form's content: `PUT /order-forms/{id}` makes it the form's next version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormDefinition {
    pub name: String,
    pub fields: Vec<FormField>,
    #[serde(default)]
    pub defaults: FormDefaults,
}

/// An order form, at its latest version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderForm {
    pub id: Id,
    /// Absent for the default form of organisations without their own.
    pub organization_id: Option<Id>,
    pub version: i64,
    pub definition: FormDefinition,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `POST /order-forms`: an organisation's own form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrderForm {
    pub organization_id: Id,
    pub definition: FormDefinition,
}

/// `PUT /order-forms/{id}?version=`: the version the edit was based on.
/// When the form has moved on since, the edit is refused (409) and nothing
/// changes; without it the edit replaces whatever is there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct FormVersionQuery {
    pub version: Option<i64>,
}

/// `GET /order-forms/effective?organization_id=` (staff name the organisation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct EffectiveFormQuery {
    pub organization_id: Option<Id>,
}

/// Why a status change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderTransitionError {
    #[error("an order cannot go from {from} to {to}")]
    NotAllowed { from: OrderStatus, to: OrderStatus },
    #[error("clients may only cancel an order")]
    ClientMayOnlyCancel,
    #[error("clients may cancel an order only while it is submitted")]
    ClientCancelsOnlySubmitted,
}

/// The lifecycle: may `actor` move an order from `from` to `to`?
pub fn check_order_transition(
    from: OrderStatus,
    to: OrderStatus,
    actor: Actor,
) -> Result<(), OrderTransitionError> {
    if from == to {
        return Ok(());
    }
    if actor == Actor::Client {
        return match (from, to) {
            (OrderStatus::Submitted, OrderStatus::Cancelled) => Ok(()),
            (_, OrderStatus::Cancelled) => Err(OrderTransitionError::ClientCancelsOnlySubmitted),
            _ => Err(OrderTransitionError::ClientMayOnlyCancel),
        };
    }
    let allowed = from.is_open() && (to == OrderStatus::Cancelled || from.next() == Some(to));
    if allowed {
        Ok(())
    } else {
        Err(OrderTransitionError::NotAllowed { from, to })
    }
}

pub const MAX_FORM_FIELDS: usize = 50;
pub const MAX_OPTIONS: usize = 100;
pub const MAX_KEY_CHARS: usize = 40;
pub const MAX_TEXT_CHARS: usize = 1_000;
pub const MAX_MULTILINE_CHARS: usize = 65_536;

/// Checks a form's content: unique keys, labels, options where needed,
/// sane bounds and defaults. Answers the trimmed definition.
pub fn validate_form(def: &FormDefinition) -> Result<FormDefinition, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = def.clone();
    match crate::validate::name("name", &def.name) {
        Ok(n) => out.name = n,
        Err(e) => errors.push(e),
    }
    if def.fields.len() > MAX_FORM_FIELDS {
        errors.push(FieldError::new(
            "fields",
            format!("at most {MAX_FORM_FIELDS} fields"),
        ));
    }
    let mut keys = BTreeSet::new();
    for (i, (f, o)) in def.fields.iter().zip(out.fields.iter_mut()).enumerate() {
        let at = |what: &str| format!("fields[{i}].{what}");
        let key_ok = !f.key.is_empty()
            && f.key.chars().count() <= MAX_KEY_CHARS
            && f.key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            errors.push(FieldError::new(
                at("key"),
                format!("1 to {MAX_KEY_CHARS} of a-z, 0-9 and _"),
            ));
        } else if !keys.insert(f.key.as_str()) {
            errors.push(FieldError::new(at("key"), "another field has this key"));
        }
        match crate::validate::name(&at("label"), &f.label) {
            Ok(l) => o.label = l,
            Err(e) => errors.push(e),
        }
        let choice = matches!(f.kind, FieldKind::Choice | FieldKind::MultiChoice);
        if choice {
            let distinct: BTreeSet<&str> = f.options.iter().map(String::as_str).collect();
            let each_ok = f
                .options
                .iter()
                .all(|o| crate::validate::name("option", o).is_ok_and(|n| &n == o));
            if f.options.is_empty() || f.options.len() > MAX_OPTIONS {
                errors.push(FieldError::new(
                    at("options"),
                    format!("1 to {MAX_OPTIONS} options"),
                ));
            } else if distinct.len() != f.options.len() || !each_ok {
                errors.push(FieldError::new(
                    at("options"),
                    "options are distinct, trimmed, non-empty names",
                ));
            }
        } else if !f.options.is_empty() {
            errors.push(FieldError::new(
                at("options"),
                "only choice fields have options",
            ));
        }
        let bounded = f.min.is_some() || f.max.is_some();
        if bounded && f.kind != FieldKind::Number {
            errors.push(FieldError::new(at("min"), "only number fields have bounds"));
        }
        let finite = [f.min, f.max].iter().flatten().all(|v| v.is_finite());
        if !finite || matches!((f.min, f.max), (Some(lo), Some(hi)) if lo > hi) {
            errors.push(FieldError::new(
                at("max"),
                "bounds are finite and min ≤ max",
            ));
        }
    }
    if let Some(team) = &def.defaults.team {
        match crate::validate::name("defaults.team", team) {
            Ok(t) => out.defaults.team = Some(t),
            Err(e) => errors.push(e),
        }
    }
    if def.defaults.due_in_days.is_some_and(|d| d > 3650) {
        errors.push(FieldError::new("defaults.due_in_days", "at most 3650 days"));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The error field name of a submitted value.
fn value_field(key: &str) -> String {
    format!("values.{key}")
}

/// Checks one present, non-null value against its field.
fn check_value(f: &FormField, v: &Value) -> Result<(), String> {
    let text = |max: usize, lines: bool| match v.as_str() {
        Some(s) if s.chars().count() > max => Err(format!("must be at most {max} characters")),
        Some(s)
            if s.chars()
                .any(|c| c.is_control() && !(lines && "\n\t".contains(c))) =>
        {
            Err("must not contain control characters".to_owned())
        }
        Some(_) => Ok(()),
        None => Err("must be text".to_owned()),
    };
    match f.kind {
        FieldKind::Text => text(MAX_TEXT_CHARS, false),
        FieldKind::Multiline => text(MAX_MULTILINE_CHARS, true),
        FieldKind::Number => {
            let n = v.as_f64().ok_or("must be a number")?;
            match (f.min, f.max) {
                (Some(lo), _) if n < lo => Err(format!("must be at least {lo}")),
                (_, Some(hi)) if n > hi => Err(format!("must be at most {hi}")),
                _ => Ok(()),
            }
        }
        FieldKind::Date => v
            .as_str()
            .and_then(|s| s.parse::<Date>().ok())
            .map(|_| ())
            .ok_or_else(|| "must be a date such as 2026-01-31".to_owned()),
        FieldKind::Choice => match v.as_str() {
            Some(s) if f.options.iter().any(|o| o == s) => Ok(()),
            _ => Err(format!("must be one of: {}", f.options.join(", "))),
        },
        FieldKind::MultiChoice => {
            let picked = v.as_array().ok_or("must be a list of options")?;
            let mut seen = BTreeSet::new();
            for p in picked {
                match p.as_str() {
                    Some(s) if f.options.iter().any(|o| o == s) && seen.insert(s) => {}
                    _ => {
                        return Err(format!(
                            "each must be a different one of: {}",
                            f.options.join(", ")
                        ));
                    }
                }
            }
            Ok(())
        }
        FieldKind::File => match v.as_i64() {
            Some(id) if id > 0 => Ok(()),
            _ => Err("must be the id of a file you uploaded".to_owned()),
        },
    }
}

/// Whether a value counts as "not given" for a required field.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Validates a submission against a form's fields: every required field
/// given, every value of its kind, no unknown keys. Answers the values to
/// store (nulls dropped), or one error per failing field.
pub fn validate_submission(
    fields: &[FormField],
    values: &BTreeMap<String, Value>,
) -> Result<BTreeMap<String, Value>, Vec<FieldError>> {
    let mut errors = Vec::new();
    for key in values.keys() {
        if !fields.iter().any(|f| &f.key == key) {
            errors.push(FieldError::new(
                value_field(key),
                "is not a field of this form",
            ));
        }
    }
    let mut out = BTreeMap::new();
    for f in fields {
        let v = values.get(&f.key).unwrap_or(&Value::Null);
        if is_blank(v) {
            if f.required {
                errors.push(FieldError::new(value_field(&f.key), "is required"));
            }
            continue;
        }
        match check_value(f, v) {
            Ok(()) => {
                out.insert(f.key.clone(), v.clone());
            }
            Err(m) => errors.push(FieldError::new(value_field(&f.key), m)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The attachment ids that file fields of a (validated) submission name.
pub fn submitted_files(
    fields: &[FormField],
    values: &BTreeMap<String, Value>,
) -> Vec<(String, Id)> {
    fields
        .iter()
        .filter(|f| f.kind == FieldKind::File)
        .filter_map(|f| Some((f.key.clone(), values.get(&f.key)?.as_i64()?)))
        .collect()
}

/// The due date a new order gets: the one asked for, else today plus the
/// form's default days, else none.
pub fn due_date(asked: Option<Date>, today: Date, defaults: &FormDefaults) -> Option<Date> {
    asked.or_else(|| {
        defaults
            .due_in_days
            .and_then(|d| today.checked_add(jiff::Span::new().days(i64::from(d))).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;
    use serde_json::json;

    fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
        FormField {
            key: key.into(),
            label: key.into(),
            kind,
            required,
            options: Vec::new(),
            min: None,
            max: None,
        }
    }

    fn values(v: Value) -> BTreeMap<String, Value> {
        serde_json::from_value(v).unwrap_or_default()
    }

    fn failing(fields: &[FormField], v: Value) -> Vec<String> {
        match validate_submission(fields, &values(v)) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn staff_move_orders_forward_and_cancel_open_ones() {
        for (from, to) in [
            (Submitted, Accepted),
            (Accepted, InProgress),
            (InProgress, Delivered),
            (Delivered, Closed),
        ] {
            assert_eq!(check_order_transition(from, to, Actor::Staff), Ok(()));
        }
        for from in [Submitted, Accepted, InProgress, Delivered] {
            assert_eq!(
                check_order_transition(from, Cancelled, Actor::Staff),
                Ok(())
            );
        }
        for (from, to) in [
            (Submitted, InProgress),
            (Delivered, Accepted),
            (Closed, Cancelled),
            (Cancelled, Submitted),
            (Closed, Submitted),
            (Accepted, Submitted),
        ] {
            assert_eq!(
                check_order_transition(from, to, Actor::Staff),
                Err(OrderTransitionError::NotAllowed { from, to })
            );
        }
    }

    #[test]
    fn clients_cancel_only_while_submitted() {
        assert_eq!(
            check_order_transition(Submitted, Cancelled, Actor::Client),
            Ok(())
        );
        assert_eq!(
            check_order_transition(Accepted, Cancelled, Actor::Client),
            Err(OrderTransitionError::ClientCancelsOnlySubmitted)
        );
        assert_eq!(
            check_order_transition(Submitted, Accepted, Actor::Client),
            Err(OrderTransitionError::ClientMayOnlyCancel)
        );
    }

    #[test]
    fn each_kind_refuses_what_it_does_not_take() {
        let mut num = field("n", FieldKind::Number, false);
        num.min = Some(1.0);
        num.max = Some(10.0);
        let mut choice = field("c", FieldKind::Choice, false);
        choice.options = vec!["a".into(), "b".into()];
        let mut multi = field("m", FieldKind::MultiChoice, false);
        multi.options = vec!["x".into(), "y".into()];
        let fields = [
            field("t", FieldKind::Text, false),
            field("ml", FieldKind::Multiline, false),
            num,
            field("d", FieldKind::Date, false),
            choice,
            multi,
            field("f", FieldKind::File, false),
        ];
        let good = json!({"t": "x", "ml": "a\nb", "n": 10, "d": "2026-02-28",
                          "c": "a", "m": ["y", "x"], "f": 3});
        assert_eq!(failing(&fields, good), Vec::<String>::new());
        let bad = json!({"t": "a\nb", "ml": 5, "n": 11, "d": "2026-02-30",
                         "c": "z", "m": ["x", "x"], "f": "3", "extra": 1});
        assert_eq!(
            failing(&fields, bad),
            [
                "values.extra",
                "values.t",
                "values.ml",
                "values.n",
                "values.d",
                "values.c",
                "values.m",
                "values.f"
            ]
        );
        assert_eq!(failing(&fields, json!({"n": 0.5})), ["values.n"]);
        assert_eq!(failing(&fields, json!({"m": "x"})), ["values.m"]);
        assert_eq!(failing(&fields, json!({"f": -1})), ["values.f"]);
    }

    #[test]
    fn required_fields_must_be_given_and_nulls_are_dropped() {
        let fields = [
            field("a", FieldKind::Text, true),
            field("b", FieldKind::MultiChoice, true),
            field("c", FieldKind::Text, false),
        ];
        assert_eq!(
            failing(&fields, json!({"a": "  ", "b": []})),
            ["values.a", "values.b"]
        );
        let mut fields = fields;
        fields[1].options = vec!["o".into()];
        let ok = validate_submission(&fields, &values(json!({"a": "x", "b": ["o"], "c": null})));
        assert_eq!(ok.map(|v| v.len()), Ok(2));
    }

    #[test]
    fn forms_need_unique_keys_options_and_sane_bounds() {
        let mut choice = field("c", FieldKind::Choice, false);
        choice.options = vec![];
        let mut num = field("n", FieldKind::Number, false);
        num.min = Some(5.0);
        num.max = Some(1.0);
        let def = FormDefinition {
            name: "Form".into(),
            fields: vec![
                field("a", FieldKind::Text, false),
                field("a", FieldKind::Text, false),
                field("Bad Key", FieldKind::Text, false),
                choice,
                num,
            ],
            defaults: FormDefaults::default(),
        };
        let fields: Vec<String> = validate_form(&def)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "fields[1].key",
                "fields[2].key",
                "fields[3].options",
                "fields[4].max"
            ]
        );
    }

    #[test]
    fn due_dates_come_from_the_request_or_the_defaults() {
        let today = jiff::civil::date(2026, 12, 30);
        let defaults = FormDefaults {
            due_in_days: Some(5),
            ..FormDefaults::default()
        };
        assert_eq!(
            due_date(None, today, &defaults),
            Some(jiff::civil::date(2027, 1, 4))
        );
        let asked = jiff::civil::date(2027, 3, 1);
        assert_eq!(due_date(Some(asked), today, &defaults), Some(asked));
        assert_eq!(due_date(None, today, &FormDefaults::default()), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_value() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(|n| json!(n)),
                (-100.0f64..100.0).prop_map(|n| json!(n)),
                "[a-z \\n-]{0,6}".prop_map(Value::String),
                prop::collection::vec("[a-z]{1,2}", 0..4).prop_map(|v| json!(v)),
            ]
        }

        /// One field of every kind, keys `a` to `g`, the odd ones required.
        fn every_kind() -> Vec<FormField> {
            FieldKind::ALL
                .iter()
                .enumerate()
                .map(|(i, kind)| {
                    let mut f = field(&((b'a' + i as u8) as char).to_string(), *kind, i % 2 == 1);
                    if matches!(kind, FieldKind::Choice | FieldKind::MultiChoice) {
                        f.options = vec!["x".into(), "yy".into()];
                    }
                    if *kind == FieldKind::Number {
                        f.min = Some(-10.0);
                        f.max = Some(10.0);
                    }
                    f
                })
                .collect()
        }

        proptest! {
            /// Whatever is sent: accepted values are known, well-typed and
            /// cover the required fields; refusals name only sent or required keys.
            #[test]
            fn a_verdict_for_any_values(values in prop::collection::btree_map("[a-h]", any_value(), 0..8)) {
                let fields = every_kind();
                match validate_submission(&fields, &values) {
                    Ok(out) => {
                        for f in &fields {
                            prop_assert!(!f.required || out.contains_key(&f.key));
                            if let Some(v) = out.get(&f.key) {
                                prop_assert!(check_value(f, v).is_ok());
                            }
                        }
                        prop_assert!(out.keys().all(|k| values.contains_key(k)));
                    }
                    Err(errors) => {
                        prop_assert!(!errors.is_empty());
                        for e in errors {
                            let key = e.field.strip_prefix("values.").unwrap_or_default();
                            let required = fields.iter().any(|f| f.key == key && f.required);
                            prop_assert!(values.contains_key(key) || required, "{}", e.field);
                        }
                    }
                }
            }
        }
    }
}
