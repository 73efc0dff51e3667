//! Reports (staff): opened on the weeks up to today; `[` and `]` move the
//! span by its length.

use crate::load::Load;
use crate::sanitize;
use crate::screens::reports::msg::{ReportsEffect, ReportsMsg};
use crate::screens::reports::{SPAN_WEEKS, State};
use crate::shell::model::{App, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{failed, show};

pub(crate) fn answer(app: &mut App, msg: ReportsMsg) -> Vec<Effect> {
    let ReportsMsg::Report(r) = msg;
    app.session.reports.report = match r {
        Ok(mut report) => {
            for row in &mut report.rows {
                row.key = sanitize::line(&row.key);
            }
            Load::Ready(*report)
        }
        Err(f) => {
            let message = f.message.clone();
            failed(app, f, vec![]);
            Load::Failed(message)
        }
    };
    vec![]
}

/// The report of the span shown, fetched again.
fn fetch(app: &mut App) -> Vec<Effect> {
    let today = app.now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let to = *app.session.reports.to.get_or_insert(today);
    app.session.reports.report = Load::Loading;
    vec![Effect::Reports(ReportsEffect::Fetch(State::query(to)))]
}

/// Shows the reports (staff), loading them the first time.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    let why = "Reports are for staff.";
    if show(app, app.is_staff(), Screen::Reports, why) && app.session.reports.to.is_none() {
        return fetch(app);
    }
    vec![]
}

/// What `Retry` and a resync refresh.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    if app.session.reports.to.is_some() {
        return fetch(app);
    }
    vec![]
}

pub(crate) fn cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let weeks = match c {
        Cmd::PrevWeek => -SPAN_WEEKS,
        Cmd::NextWeek => SPAN_WEEKS,
        Cmd::Back => {
            app.screen = Screen::Dashboard;
            return vec![];
        }
        _ => {
            app.dirty = false;
            return vec![];
        }
    };
    if let Some(to) = app.session.reports.to {
        let moved = to
            .checked_add(jiff::Span::new().days(weeks * 7))
            .unwrap_or(to);
        app.session.reports.to = Some(moved);
    }
    fetch(app)
}
