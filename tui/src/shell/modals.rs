//! The modals every screen shares: the command palette, the filter line
//! and confirmations.

use crate::sanitize;
use crate::screens::tickets::update as tickets;
use crate::shell::model::{App, Modal, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::palette::{self, PaletteCmd};

/// Keys in the palette; answers the entry chosen, which the shell runs.
pub(crate) fn palette_cmd(app: &mut App, c: Cmd) -> Option<PaletteCmd> {
    let (staff, has) = (app.is_staff(), app.palette_has());
    let Modal::Palette(p) = &mut app.modal else {
        return None;
    };
    let matches = palette::matching_for(&p.input, staff, has);
    match c {
        Cmd::Down => p.selected = (p.selected + 1).min(matches.len().saturating_sub(1)),
        Cmd::Up => p.selected = p.selected.saturating_sub(1),
        Cmd::Cancel => app.modal = Modal::None,
        Cmd::Submit => {
            let chosen = matches.get(p.selected).map(|e| e.cmd);
            app.modal = Modal::None;
            return chosen;
        }
        _ => {}
    }
    None
}

pub(crate) fn filter_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Filter(text) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::Submit => {
            let text = sanitize::line(text.trim());
            app.modal = Modal::None;
            apply_filter(app, text)
        }
        Cmd::Cancel => {
            app.modal = Modal::None;
            apply_filter(app, app.session.tickets.list.filter_before.clone())
        }
        _ => vec![],
    }
}

/// The filter line was edited: its text is fetched once typing pauses.
pub(crate) fn filter_edited(app: &mut App) -> Vec<Effect> {
    app.session.tickets.list.filter_edits += 1;
    vec![Effect::SettleFilter(app.session.tickets.list.filter_edits)]
}

/// Typing paused: if no key came since, the list narrows to the text.
pub(crate) fn filter_settled(app: &mut App, edit: u64) -> Vec<Effect> {
    let Modal::Filter(text) = &app.modal else {
        app.dirty = false;
        return vec![];
    };
    if edit != app.session.tickets.list.filter_edits {
        app.dirty = false;
        return vec![];
    }
    let text = sanitize::line(text.trim());
    apply_filter(app, text)
}

/// Shows the tickets matching `text`, fetching only when it changed.
fn apply_filter(app: &mut App, text: String) -> Vec<Effect> {
    app.screen = Screen::Tickets;
    if text == app.session.tickets.list.filter {
        return vec![];
    }
    app.session.tickets.list.filter = text;
    tickets::reload_list(app)
}

pub(crate) fn confirm_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Confirm(confirm) = std::mem::take(&mut app.modal) else {
        return vec![];
    };
    match c {
        Cmd::Yes => match confirm.then {
            Pending::Status { ids, status } => tickets::set_status(app, &ids, status),
            Pending::Discard => vec![],
            Pending::Then(f) => f(app),
            Pending::Run(fx) => fx,
            Pending::Logout => vec![Effect::Logout],
            Pending::Quit => {
                app.quit = true;
                vec![]
            }
        },
        Cmd::No => {
            if let Some(back) = confirm.back {
                app.modal = *back;
            }
            vec![]
        }
        _ => {
            // Any other key leaves the question standing.
            app.modal = Modal::Confirm(confirm);
            vec![]
        }
    }
}
