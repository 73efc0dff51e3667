//! Where things are on screen: the list geometry from the terminal's size,
//! read by the views to draw and by update to page and to map clicks; and
//! what each frame drew that only drawing can tell (how far the thread on
//! screen scrolls), recorded once per frame for update. Update never asks a
//! view.

use ratatui::layout::Rect;

use crate::shell::model::App;

/// Rows above the list rows: the header bar, the tab line, the column titles.
const LIST_TOP: u16 = 3;
/// Rows below: the status line.
const LIST_BOTTOM: u16 = 1;

/// Where the list's rows are drawn in a terminal of `size`.
pub fn list_rows_area(size: (u16, u16)) -> Rect {
    let (w, h) = size;
    Rect::new(0, LIST_TOP, w, h.saturating_sub(LIST_TOP + LIST_BOTTOM))
}

/// How many list rows fit in a terminal of `size`.
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(list_rows_area(size).height)
}

/// Rows of a list page in the current terminal.
pub fn page_rows(app: &App) -> usize {
    crate::shell::layout::list_rows(app.size).max(1)
}

/// The index of the loaded list row under a click at (`row`, `column`), for a
/// list scrolled to `offset` holding `len` rows; `None` off the rows (a click
/// outside the list area changes nothing on screen).
pub fn clicked_row(
    app: &mut App,
    row: u16,
    column: u16,
    offset: usize,
    len: usize,
) -> Option<usize> {
    let area = crate::shell::layout::list_rows_area(app.size);
    let inside = row >= area.y && row < area.y + area.height && column < area.x + area.width;
    if !inside {
        app.dirty = false;
        return None;
    }
    let index = offset + usize::from(row - area.y);
    (index < len).then_some(index)
}
