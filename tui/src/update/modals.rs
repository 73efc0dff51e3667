//! The modals every screen shares: the command palette, the filter line
//! and confirmations.

use super::tickets;
use crate::action::{Cmd, Effect};
use crate::app::{App, Confirm, Modal, Pending, Screen};
use crate::palette::{self, PaletteCmd};
use crate::sanitize;

pub(super) fn palette_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let (staff, has) = (app.is_staff(), app.palette_has());
    let Modal::Palette(p) = &mut app.modal else {
        return vec![];
    };
    let matches = palette::matching_for(&p.input, staff, has);
    match c {
        Cmd::Down => p.selected = (p.selected + 1).min(matches.len().saturating_sub(1)),
        Cmd::Up => p.selected = p.selected.saturating_sub(1),
        Cmd::Cancel => app.modal = Modal::None,
        Cmd::Submit => {
            let chosen = matches.get(p.selected).map(|e| e.cmd);
            app.modal = Modal::None;
            if let Some(cmd) = chosen {
                return run_palette(app, cmd);
            }
        }
        _ => {}
    }
    vec![]
}

fn run_palette(app: &mut App, cmd: PaletteCmd) -> Vec<Effect> {
    match cmd {
        PaletteCmd::Key(c) => super::command(app, c),
        PaletteCmd::Tab(tab) => tickets::set_tab(app, tab),
        PaletteCmd::Logout => {
            app.modal = Modal::Confirm(Confirm {
                question: "Sign out?".into(),
                then: Pending::Logout,
                back: None,
            });
            vec![]
        }
        PaletteCmd::Quit => {
            app.quit = true;
            vec![]
        }
    }
}

pub(super) fn filter_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Filter(text) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::Submit => {
            app.list.filter = sanitize::line(text.trim());
            app.modal = Modal::None;
            app.screen = Screen::Tickets;
            tickets::reload_list(app)
        }
        Cmd::Cancel => {
            app.modal = Modal::None;
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn confirm_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Confirm(confirm) = std::mem::take(&mut app.modal) else {
        return vec![];
    };
    match c {
        Cmd::Yes => match confirm.then {
            Pending::Status { ids, status } => tickets::set_status(app, &ids, status),
            Pending::Discard => vec![],
            Pending::OrderStatus { id, status } => super::orders::set_status(id, status),
            Pending::Approve(ids) => vec![Effect::Approve(ids)],
            Pending::Clock(action) => super::timesheets::clock_now(app, action),
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
