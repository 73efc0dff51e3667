//! Support forms: fields like an order form's, shown to the clients an
//! article's visibility would reach; a submission opens a ticket carrying
//! the form's tag, team and assignee, with the answers as its body.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{ArticleVisibility, FormField, Id, PersonRef, Priority, Timestamp};

/// A support form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportForm {
    pub id: Id,
    pub name: String,
    /// The same field kinds and rules as order forms (no file fields).
    pub fields: Vec<FormField>,
    /// The priority of the tickets it opens.
    pub priority: Priority,
    /// The tag the tickets it opens carry; only staff are told.
    pub tag: Option<String>,
    /// Who the tickets it opens go to; only staff are told.
    pub assignee: Option<PersonRef>,
    /// The team the tickets it opens go to; only staff are told.
    pub team: Option<String>,
    pub visibility: ArticleVisibility,
    /// The organisation tags that may use a `tags` form; only staff are told.
    pub tags: Vec<String>,
    /// Anyone may use it without signing in (`/public/support-forms`).
    #[serde(default)]
    pub public: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `POST /support-forms` (staff).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSupportForm {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub fields: Vec<FormField>,
    pub priority: Option<Priority>,
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub tag: Option<String>,
    pub assignee_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub team: Option<String>,
    pub visibility: ArticleVisibility,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Vec<String>,
    /// Anyone may use it without signing in.
    #[serde(default)]
    pub public: bool,
}

/// `PATCH /support-forms/{id}` (staff): absent fields stay; `null` clears
/// the tag, assignee or team.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportFormPatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub fields: Option<Vec<FormField>>,
    pub priority: Option<Priority>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub tag: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub assignee_id: Option<Option<Id>>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub team: Option<Option<String>>,
    pub visibility: Option<ArticleVisibility>,
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Option<Vec<String>>,
    pub public: Option<bool>,
}

/// `POST /support-forms/{id}/submit`: the answers by field key, and an
/// optional subject (the form's name otherwise).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormSubmission {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub subject: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub values: BTreeMap<String, Value>,
}

/// `POST /public/support-forms/{id}/submit` (no sign-in): the answers, and
/// the e-mail of the person asking.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicSubmission {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub subject: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub values: BTreeMap<String, Value>,
}

/// The answer to a public submission: the same whether it opened a ticket
/// (a known contact's e-mail) or was held for staff, so it tells no one
/// which addresses are known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionReceipt {
    /// Always `received`.
    pub status: String,
}

/// A public submission from an address no contact has, held for staff
/// (`GET /support-form-holds`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportFormHold {
    pub id: Id,
    pub form_id: Id,
    pub form_name: String,
    pub email: String,
    pub subject: String,
    /// The answers, as a ticket's body would hold them.
    pub body: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// The answers as the ticket's body: one `Label: value` line per answered
/// field in the form's order, multi-line text indented below its label.
pub fn answers_text(fields: &[FormField], values: &BTreeMap<String, Value>) -> String {
    let mut out = String::new();
    for f in fields {
        let Some(v) = values.get(&f.key) else {
            continue;
        };
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(", "),
            other => other.to_string(),
        };
        if text.contains('\n') {
            out.push_str(&format!("{}:\n", f.label));
            for line in text.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        } else {
            out.push_str(&format!("{}: {text}\n", f.label));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldKind;

    #[test]
    fn answers_follow_the_form_order_with_lists_and_lines() {
        let field = |key: &str, label: &str, kind| FormField {
            key: key.into(),
            label: label.into(),
            kind,
            required: false,
            options: Vec::new(),
            min: None,
            max: None,
        };
        let fields = [
            field("what", "What happened", FieldKind::Multiline),
            field("seats", "Seats", FieldKind::Number),
            field("apps", "Apps", FieldKind::MultiChoice),
            field("skipped", "Skipped", FieldKind::Text),
        ];
        let values = BTreeMap::from([
            ("apps".to_owned(), serde_json::json!(["iOS", "Android"])),
            ("seats".to_owned(), serde_json::json!(12)),
            ("what".to_owned(), serde_json::json!("It broke.\nTwice.")),
        ]);
        assert_eq!(
            answers_text(&fields, &values),
            "What happened:\n  It broke.\n  Twice.\nSeats: 12\nApps: iOS, Android\n"
        );
    }
}
