//! What every list shares: moving the cursor, fetching the next page in
//! time, merging a page, cycling tabs.

use crate::shell::msg::Cmd;

/// Moves a cursor over `n` rows, answering the new selection.
pub fn moved(c: Cmd, at: usize, n: usize, page: usize) -> Option<usize> {
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
pub fn wants_next_page(selected: usize, n: usize, has_more: bool, loading: bool) -> bool {
    selected + PREFETCH_ROWS >= n && has_more && !loading
}

/// The tab `step` places from `current` among `tabs`, wrapping around.
pub fn cycle<T: Copy + PartialEq>(tabs: &[T], current: T, step: isize) -> T {
    let at = tabs.iter().position(|t| *t == current).unwrap_or(0) as isize;
    tabs[(at + step).rem_euclid(tabs.len() as isize) as usize]
}

/// A fetched page into a list: appended without the rows already loaded, or
/// in place of them.
pub fn merge_page<T>(
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
