//! Pure rendering: `render(frame, &App)` draws the model and changes nothing:
//! the header, the screen up, the status line, the modal on top.

use ratatui::Frame;

use crate::screens::account::view as account;
use crate::screens::admin::view as admin;
use crate::screens::conversations::view as conversations;
use crate::screens::dashboard::view as dashboard;
use crate::screens::login::view as login;
use crate::screens::orders::{detail_view as order_detail, list_view as orders};
use crate::screens::projects::{
    detail_view as project, list_view as projects, tasks_view as tasks,
};
use crate::screens::tickets::{detail_view as detail, list_view as tickets};
use crate::screens::timesheets::{
    clock_view as clock, week_view as timesheets, working_view as working,
};
use crate::shell::modal_view as modal;
use crate::shell::model::{App, Drawn, Screen};
use crate::widgets;

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
            Screen::Billing => crate::screens::invoices::list_view::render(frame, body, app),
            Screen::BillingDoc => crate::screens::invoices::detail_view::render(frame, body, app),
            Screen::Admin => admin::render(frame, body, app),
            Screen::Account => account::render(frame, body, app),
            Screen::Projects => projects::render(frame, body, app),
            Screen::Project => project::render(frame, body, app),
            Screen::Tasks => tasks::render(frame, body, app),
            Screen::Conversations => conversations::render_list(frame, body, app),
            Screen::Conversation => conversations::render_thread(frame, body, app),
            Screen::Login => {}
        }
        widgets::status_line(frame, status, app);
    }
    app.drawn.set(Drawn {
        thread_max_scroll: match app.screen {
            Screen::Detail => detail::max_scroll(app),
            Screen::Order => order_detail::max_scroll(app),
            Screen::Conversation => conversations::max_scroll(app),
            _ => 0,
        },
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
