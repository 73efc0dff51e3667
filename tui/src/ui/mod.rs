//! Pure rendering: `render(frame, &App)` draws the model and changes nothing.
//! Layout helpers live here too, because `update` maps mouse clicks with them.

mod clock;
mod dashboard;
pub mod detail;
mod login;
pub mod modal;
pub mod order_detail;
mod order_form;
mod orders;
mod table;
pub mod thread;
mod tickets;
pub mod timesheets;
pub mod widgets;
pub mod working;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, Screen};

/// Rows above the list rows: the header bar, the tab line, the column titles.
const LIST_TOP: u16 = 3;
/// Rows below: the status line.
const LIST_BOTTOM: u16 = 1;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if app.screen == Screen::Login {
        login::render(frame, area, app);
    } else {
        let [header, body, status] = widgets::frame_layout(area);
        widgets::header(frame, header, app);
        match app.screen {
            Screen::Dashboard => dashboard::render(frame, body, app),
            Screen::Tickets => tickets::render(frame, body, app),
            Screen::Detail => detail::render(frame, body, app),
            Screen::Orders => orders::render(frame, body, app),
            Screen::Order => order_detail::render(frame, body, app),
            Screen::Working => working::render(frame, body, app),
            Screen::Timesheets => timesheets::render(frame, body, app),
            Screen::Clock => clock::render(frame, body, app),
            Screen::Login => {}
        }
        widgets::status_line(frame, status, app);
    }
    modal::render(frame, area, app);
    if app.no_color {
        strip_colours(frame.buffer_mut());
    }
}

/// Every cell in the terminal's own colours; bold, underline and reverse
/// video stay, so the selection and emphasis still show.
fn strip_colours(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        cell.set_fg(ratatui::style::Color::Reset);
        cell.set_bg(ratatui::style::Color::Reset);
    }
}

/// Where the list's rows are drawn in a terminal of `size`.
pub fn list_rows_area(size: (u16, u16)) -> Rect {
    let (w, h) = size;
    Rect::new(0, LIST_TOP, w, h.saturating_sub(LIST_TOP + LIST_BOTTOM))
}

/// How many list rows fit in a terminal of `size`.
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(list_rows_area(size).height)
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
