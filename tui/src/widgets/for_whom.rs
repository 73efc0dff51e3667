//! The type-to-search organisation picker staff use wherever something is
//! made for a client organisation: a new ticket or thread (with which of its
//! contacts asks), an invite, a new order. One model for all of them: the
//! query typed, the organisations the server found for it, the one chosen
//! with the arrows, and (where it matters) the chosen one's contacts.

use portico_shared::{Id, OrganizationRef, PersonRef};

use crate::sanitize;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ForWhom {
    pub query: String,
    /// The organisations matching `query`, as the server answered.
    pub orgs: Vec<OrganizationRef>,
    pub org: usize,
    /// The active contacts of the chosen organisation.
    pub people: Vec<PersonRef>,
    /// `None`: nobody in particular (staff open it in their own name).
    pub person: Option<usize>,
    /// A thread's contacts added one by one (Space), beside the one shown.
    pub with: Vec<Id>,
}

impl ForWhom {
    pub fn organization(&self) -> Option<&OrganizationRef> {
        self.orgs.get(self.org)
    }

    pub fn requester(&self) -> Option<&PersonRef> {
        self.person.and_then(|i| self.people.get(i))
    }

    /// The organisations the server found for `query`: the first is chosen.
    /// An answer to an older query changes nothing and answers `None`; else
    /// the organisation now chosen, if any.
    pub fn found(&mut self, query: &str, mut orgs: Vec<OrganizationRef>) -> Option<Option<Id>> {
        if self.query != query {
            return None;
        }
        for o in &mut orgs {
            sanitize::line_in_place(&mut o.name);
        }
        self.orgs = orgs;
        self.org = 0;
        self.people.clear();
        self.person = None;
        self.with.clear();
        Some(self.organization().map(|o| o.id))
    }

    /// The next (or previous) organisation; its contacts are to be fetched.
    pub fn step_org(&mut self, back: bool) -> Option<Id> {
        let n = self.orgs.len();
        if n == 0 {
            return None;
        }
        self.org = if back {
            (self.org + n - 1) % n
        } else {
            (self.org + 1) % n
        };
        self.people.clear();
        self.person = None;
        self.with.clear();
        self.organization().map(|o| o.id)
    }

    /// The next (or previous) contact, passing through "nobody".
    pub fn step_person(&mut self, back: bool) {
        let n = self.people.len();
        if n == 0 {
            return;
        }
        // Positions 0..n are people, n is nobody.
        let at = self.person.unwrap_or(n);
        let next = if back {
            (at + n) % (n + 1)
        } else {
            (at + 1) % (n + 1)
        };
        self.person = (next < n).then_some(next);
    }

    /// Adds the contact shown to a thread's contacts, or takes them out.
    pub fn toggle_with(&mut self) {
        let Some(id) = self.requester().map(|p| p.id) else {
            return;
        };
        match self.with.iter().position(|w| *w == id) {
            Some(at) => {
                self.with.remove(at);
            }
            None => self.with.push(id),
        }
    }

    /// Whom a thread is with: the contacts added, else the one shown, else
    /// nobody (every contact of the organisation).
    pub fn participants(&self) -> Vec<Id> {
        if self.with.is_empty() {
            self.requester().map(|p| vec![p.id]).unwrap_or_default()
        } else {
            self.with.clone()
        }
    }

    /// The names of the contacts added, in the order they were.
    pub fn with_names(&self) -> Vec<&str> {
        self.with
            .iter()
            .filter_map(|id| self.people.iter().find(|p| p.id == *id))
            .map(|p| p.name.as_str())
            .collect()
    }

    /// What is chosen, as shown after the typed query.
    pub fn chosen_label(&self) -> String {
        match self.organization() {
            Some(o) => format!("→ {} ({} of {}) ↑↓", o.name, self.org + 1, self.orgs.len()),
            None if self.query.is_empty() => "→ …".to_owned(),
            None => "→ no organisation has this in its name".to_owned(),
        }
    }
}
