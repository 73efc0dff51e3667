//! The order forms' messages and effects.

use portico_shared::{FormDefinition, Id, NewOrderForm, OrderForm, OrganizationRef};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum FormsMsg {
    /// Every form, and the organisations to name them by.
    Listed(Outcome<(Vec<OrderForm>, Vec<OrganizationRef>)>),
    /// Organisations matching what was typed for a new form.
    OrgChoices {
        query: String,
        result: Outcome<Vec<OrganizationRef>>,
    },
    /// A save's answer: the form at its new version, or why not.
    Saved(Outcome<Box<OrderForm>>),
}

#[derive(Debug, Clone)]
pub enum FormsEffect {
    FetchForms,
    FetchOrgChoices(String),
    /// A new version of form `id`, based on `version`.
    Replace {
        id: Id,
        version: i64,
        definition: FormDefinition,
    },
    Create(NewOrderForm),
}
