//! Type-to-search choice of an organisation, for staff: what is typed is
//! searched for (the server answers the organisations with it in their
//! name), the arrows step through the answer. The new-ticket composer's
//! "for whom" and the new draft invoice or quote both choose with it.

use crossterm::event::KeyEvent;
use portico_shared::{Id, OrganizationRef};
use ratatui::style::Style;
use ratatui::text::Span;

use crate::input::edit::edit_line;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgPick {
    pub query: String,
    /// The organisations matching `query`, as the server answered.
    pub orgs: Vec<OrganizationRef>,
    pub org: usize,
}

impl OrgPick {
    pub fn organization(&self) -> Option<&OrganizationRef> {
        self.orgs.get(self.org)
    }

    /// The next (or previous) organisation, wrapping around; its id.
    pub fn step(&mut self, back: bool) -> Option<Id> {
        let n = self.orgs.len();
        if n == 0 {
            return None;
        }
        self.org = if back {
            (self.org + n - 1) % n
        } else {
            (self.org + 1) % n
        };
        self.organization().map(|o| o.id)
    }

    /// A key typed into the search; answers the new query when it changed
    /// (to search for).
    pub fn typed(&mut self, key: KeyEvent) -> Option<String> {
        let before = self.query.clone();
        edit_line(&mut self.query, key);
        (self.query != before).then(|| self.query.clone())
    }

    /// The server's answer to `query`, names made safe; the first is chosen.
    /// An answer to an older query is dropped (answers `false`).
    pub fn arrived(&mut self, query: &str, mut orgs: Vec<OrganizationRef>) -> bool {
        if self.query != query {
            return false;
        }
        for o in &mut orgs {
            crate::sanitize::line_in_place(&mut o.name);
        }
        self.orgs = orgs;
        self.org = 0;
        true
    }

    /// The search as typed (a cursor while `typing`) and the organisation
    /// chosen, in `chosen` style.
    pub fn spans(&self, typing: bool, chosen: Style) -> Vec<Span<'static>> {
        let choice = match self.organization() {
            Some(o) => format!("→ {} ({} of {}) ↑↓", o.name, self.org + 1, self.orgs.len()),
            None if self.query.is_empty() => "→ …".to_owned(),
            None => "→ no organisation has this in its name".to_owned(),
        };
        vec![
            Span::styled(
                format!("{}{}", self.query, if typing { "▏" } else { "" }),
                Style::new().underlined(),
            ),
            Span::raw("  "),
            Span::styled(choice, chosen),
        ]
    }
}
