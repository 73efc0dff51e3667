//! Pure rendering: `render(frame, &App)` draws the model and changes nothing:
//! the header, the screen up, the status line, the modal on top.

use ratatui::Frame;

use crate::screens::dashboard::view as dashboard;
use crate::screens::login::view as login;
use crate::shell::modal_view as modal;
use crate::shell::model::{App, Drawn, Screen};
use crate::shell::route;
use crate::widgets;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if app.screen == Screen::Login {
        login::render(frame, area, app);
    } else {
        let [header, body, status] = widgets::frame_layout(area);
        widgets::header(frame, header, app);
        if !route::render(frame, body, app) {
            dashboard::render(frame, body, app);
        }
        widgets::status_line(frame, status, app);
    }
    app.drawn.set(Drawn {
        thread_max_scroll: route::max_scroll(app),
    });
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
