//! Something fetched from the server: not yet, here, or failed.

use portico_shared::PersonRef;

use crate::failure::Outcome;
use crate::sanitize;

/// Something fetched: not yet, here, or failed.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Loading,
    Ready(T),
    Failed(String),
}

impl<T> Load<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(t) => Some(t),
            _ => None,
        }
    }
}

/// A list of people from the server, sanitised, or why it did not come.
pub fn people(r: Outcome<Vec<PersonRef>>) -> Load<Vec<PersonRef>> {
    match r {
        Ok(mut people) => {
            people.iter_mut().for_each(sanitize::person);
            Load::Ready(people)
        }
        Err(f) => Load::Failed(f.message),
    }
}
