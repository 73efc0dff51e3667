//! The one list model every list screen uses (`Paged<T>`: rows loaded page
//! by page, a cursor kept on screen, marks, live rows joining without
//! moving the cursor off its row), and the helpers behind it: moving the
//! cursor, fetching the next page in time, merging a page, cycling tabs.

use std::collections::BTreeSet;

use portico_shared::{Id, Order, Shift, Ticket, TimesheetEntry};

use crate::shell::msg::Cmd;

/// A row of a list: known by its id (marks, live updates, page merges).
pub trait Row {
    fn id(&self) -> Id;
}

macro_rules! rows {
    ($($t:ty),*) => { $(impl Row for $t { fn id(&self) -> Id { self.id } })* };
}
rows!(Ticket, Order, Shift, TimesheetEntry);
rows!(
    portico_shared::Project,
    portico_shared::Task,
    portico_shared::Conversation
);

/// A list screen's model reaches its rows' cursor, paging and marks as its
/// own (`list.selected`, `list.items`), keeping only what it asks with.
macro_rules! pages_of {
    ($list:ty, $row:ty) => {
        impl std::ops::Deref for $list {
            type Target = $crate::list::Paged<$row>;
            fn deref(&self) -> &Self::Target {
                &self.rows
            }
        }

        impl std::ops::DerefMut for $list {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.rows
            }
        }
    };
}
pub(crate) use pages_of;

/// Rows from the server, loaded page by page, with a cursor.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Where the next page starts; `None` when all are loaded.
    pub next_cursor: Option<String>,
    /// A load is on its way; its answer must carry `generation`.
    pub loading: bool,
    /// Bumped by each load from the top; zero until the list is first shown.
    pub generation: u64,
    pub error: Option<String>,
    pub selected: usize,
    /// The first row on screen; kept so scrolling is stable.
    pub offset: usize,
    /// Rows marked for acting on together.
    pub marks: BTreeSet<Id>,
}

impl<T> Default for Paged<T> {
    fn default() -> Paged<T> {
        Paged {
            items: Vec::new(),
            next_cursor: None,
            loading: false,
            generation: 0,
            error: None,
            selected: 0,
            offset: 0,
            marks: BTreeSet::new(),
        }
    }
}

impl<T: Row> Paged<T> {
    pub fn current(&self) -> Option<&T> {
        self.items.get(self.selected)
    }

    /// A load from the top: answers the generation its answer must carry.
    pub fn start(&mut self) -> u64 {
        self.generation += 1;
        self.loading = true;
        self.error = None;
        self.generation
    }

    /// A load: the next page when `append`, else from the top; answers the
    /// generation its answer must carry.
    pub fn load(&mut self, append: bool) -> u64 {
        if append {
            self.loading = true;
            self.generation
        } else {
            self.start()
        }
    }

    /// Where a load starts: after the loaded rows when `append`.
    pub fn cursor_for(&self, append: bool) -> Option<String> {
        append.then(|| self.next_cursor.clone()).flatten()
    }

    /// Drops the rows, the cursor and the marks (a reload with other filters).
    pub fn clear(&mut self) {
        self.items.clear();
        self.marks.clear();
        self.next_cursor = None;
        self.error = None;
        self.selected = 0;
        self.offset = 0;
    }

    /// Whether an answer belongs to the latest load; if so, that load is over.
    pub fn answered(&mut self, generation: u64) -> bool {
        if generation != self.generation {
            return false;
        }
        self.loading = false;
        true
    }

    /// A page arrived (after the loaded rows when `append`): the cursor
    /// stays within the rows and on screen (`rows` of them).
    pub fn arrived(
        &mut self,
        page: Vec<T>,
        next_cursor: Option<String>,
        append: bool,
        rows: usize,
    ) {
        merge_page(&mut self.items, page, append, Row::id);
        self.next_cursor = next_cursor;
        self.error = None;
        self.select(self.selected, rows);
    }

    /// Moves the cursor to `to` (within the rows), keeping it on screen;
    /// answers whether the next page should be fetched now.
    pub fn select(&mut self, to: usize, rows: usize) -> bool {
        self.selected = to.min(self.items.len().saturating_sub(1));
        self.keep_in_view(rows);
        wants_next_page(
            self.selected,
            self.items.len(),
            self.next_cursor.is_some(),
            self.loading,
        )
    }

    /// A cursor key: `None` when `c` does not move the cursor, else whether
    /// the next page should be fetched now.
    pub fn step(&mut self, c: Cmd, rows: usize) -> Option<bool> {
        moved(c, self.selected, self.items.len(), rows).map(|to| self.select(to, rows))
    }

    /// The offset moved as little as needed to show the cursor.
    pub fn keep_in_view(&mut self, rows: usize) {
        self.offset = visible_offset(self.offset, self.selected, rows);
    }

    /// Marks or unmarks the row under the cursor, then moves on to the next.
    pub fn toggle_mark(&mut self, rows: usize) -> bool {
        if let Some(id) = self.current().map(Row::id)
            && !self.marks.remove(&id)
        {
            self.marks.insert(id);
        }
        self.select(self.selected + 1, rows)
    }

    /// A newer copy of a loaded row takes its place; answers it back when
    /// the row is not loaded.
    pub fn replace(&mut self, row: T) -> Option<T> {
        match self.items.iter_mut().find(|x| x.id() == row.id()) {
            Some(slot) => {
                *slot = row;
                None
            }
            None => Some(row),
        }
    }

    /// A row that is gone (deleted, cancelled, out of the viewer's sight);
    /// the cursor stays on the row it was on, or the one that took its place.
    pub fn remove(&mut self, id: Id, rows: usize) -> Option<T> {
        let at = self.items.iter().position(|x| x.id() == id)?;
        let row = self.items.remove(at);
        self.marks.remove(&id);
        if at < self.selected || self.selected >= self.items.len() {
            self.selected = self.selected.saturating_sub(1);
        }
        self.keep_in_view(rows);
        Some(row)
    }

    /// A new row at `at`; the cursor stays on the row it was on.
    pub fn insert(&mut self, at: usize, row: T, rows: usize) {
        let at = at.min(self.items.len());
        self.items.insert(at, row);
        if self.items.len() > 1 && at <= self.selected {
            self.selected += 1;
        }
        self.keep_in_view(rows);
    }
}

/// The first visible row: `offset` moved as little as needed to show `selected`.
pub fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// Moves a cursor over `n` rows, answering the new selection.
fn moved(c: Cmd, at: usize, n: usize, page: usize) -> Option<usize> {
    let last = n.saturating_sub(1);
    let to = match c {
        Cmd::Down => at + 1,
        Cmd::Up => at.saturating_sub(1),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        Cmd::PageDown => at + page,
        Cmd::PageUp => at.saturating_sub(page),
        _ => return None,
    };
    Some(to.min(last))
}

/// Rows from the end of the loaded list at which the next page is fetched.
const PREFETCH_ROWS: usize = 30;

/// Whether a paged list whose cursor is at `selected` of `n` loaded rows
/// should fetch its next page now: near the end, with more on the server
/// and no page already on its way.
fn wants_next_page(selected: usize, n: usize, has_more: bool, loading: bool) -> bool {
    selected + PREFETCH_ROWS >= n && has_more && !loading
}

/// The tab `step` places from `current` among `tabs`, wrapping around.
pub fn cycle<T: Copy + PartialEq>(tabs: &[T], current: T, step: isize) -> T {
    let at = tabs.iter().position(|t| *t == current).unwrap_or(0) as isize;
    tabs[(at + step).rem_euclid(tabs.len() as isize) as usize]
}

/// A fetched page into a list: appended without the rows already loaded, or
/// in place of them.
fn merge_page<T>(
    items: &mut Vec<T>,
    page: Vec<T>,
    append: bool,
    id: impl Fn(&T) -> portico_shared::Id,
) {
    if append {
        let known: std::collections::HashSet<portico_shared::Id> = items.iter().map(&id).collect();
        items.extend(page.into_iter().filter(|x| !known.contains(&id(x))));
    } else {
        *items = page;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::fixtures::ticket;

    fn loaded(n: Id) -> Paged<Ticket> {
        let mut p = Paged::default();
        let generation = p.start();
        assert!(p.answered(generation));
        p.arrived(
            (1..=n).map(ticket).collect(),
            Some("more".into()),
            false,
            10,
        );
        p
    }

    #[test]
    fn the_cursor_stays_on_screen_and_fetches_the_next_page_near_the_end() {
        let mut p = loaded(50);
        assert_eq!(p.step(Cmd::PageDown, 10), Some(false));
        assert_eq!((p.selected, p.offset), (10, 1));
        assert_eq!(p.step(Cmd::Bottom, 10), Some(true), "near the end: fetch");
        assert_eq!((p.selected, p.offset), (49, 40));
        assert_eq!(p.step(Cmd::Open, 10), None, "not a cursor key");
        assert_eq!((p.load(true), p.cursor_for(true)), (1, Some("more".into())));
        assert!(!p.answered(0), "an older load's answer is dropped");
    }

    #[test]
    fn live_rows_join_without_moving_the_cursor_off_its_row() {
        let mut p = loaded(5);
        p.select(2, 10);
        let on = p.current().unwrap().id;
        let mut newer = ticket(3);
        newer.subject = "changed".into();
        assert!(p.replace(newer).is_none());
        assert_eq!(p.items[2].subject, "changed");
        let new = p.replace(ticket(99)).unwrap();
        p.insert(0, new, 10);
        assert_eq!(p.current().unwrap().id, on);
        p.insert(5, ticket(100), 10);
        assert_eq!(p.current().unwrap().id, on);
    }

    #[test]
    fn marks_toggle_and_go_with_a_reload() {
        let mut p = loaded(5);
        p.toggle_mark(10);
        p.toggle_mark(10);
        assert_eq!(p.marks.len(), 2);
        assert_eq!(p.selected, 2);
        p.select(0, 10);
        p.toggle_mark(10);
        assert_eq!(p.marks.len(), 1);
        p.clear();
        assert!(p.marks.is_empty() && p.items.is_empty() && p.selected == 0);
    }
}
