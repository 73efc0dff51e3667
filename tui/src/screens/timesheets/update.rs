//! Timesheets: Who's working (a live board of today's shifts), the week of
//! entries that approvers approve or reject and workers submit, and the
//! worker's clock.

use portico_shared::{
    ClockAction, ClockStatus, Id, Shift, ShiftEvent, TimesheetEntry, TimesheetEvent, TimesheetList,
    TimesheetStatus, local_day, zone,
};

use crate::failure::Outcome;
use crate::input::edit::edit_line;
use crate::load::Load;
use crate::screens::orders::forms;
use crate::screens::timesheets::msg::TimesheetsEffect;
use crate::screens::timesheets::msg::TimesheetsMsg;
use crate::screens::timesheets::{
    RejectForm, entry_status_label, monday_of, sort_entries, sort_shifts,
};
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Confirm, Modal, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info, show};
use crate::widgets::form::{FormDraft, Purpose};
use crate::{sanitize, time};

// ---- opening the views ----------------------------------------------------

/// Who's working, loading it the first time.
pub(crate) fn open_working(app: &mut App) -> Vec<Effect> {
    let allowed = app.approves_timesheets();
    let why = "Who's working is not enabled for your account.";
    if show(app, allowed, Screen::Working, why) && app.session.timesheets.board.generation == 0 {
        return reload_board(app);
    }
    vec![]
}

fn reload_board(app: &mut App) -> Vec<Effect> {
    let b = &mut app.session.timesheets.board;
    vec![Effect::Timesheets(TimesheetsEffect::FetchShifts {
        generation: b.start(),
        location: b.location,
    })]
}

/// The timesheet week (this week the first time).
pub(crate) fn open_week(app: &mut App) -> Vec<Effect> {
    let allowed = app.sees_timesheets();
    if !show(
        app,
        allowed,
        Screen::Timesheets,
        "Timesheets are not enabled for your account.",
    ) {
        return vec![];
    }
    if app.session.timesheets.week.monday.is_none() {
        app.session.timesheets.week.monday = Some(monday_of(today(app)));
    }
    if app.session.timesheets.week.generation == 0 {
        return reload_week(app);
    }
    vec![]
}

/// Today where the person works: at their first location (the server
/// places entries by the day there), else where this terminal is.
fn today(app: &App) -> jiff::civil::Date {
    let tz = app
        .session
        .me
        .as_ref()
        .and_then(|m| m.locations.first())
        .map_or_else(jiff::tz::TimeZone::system, |l| zone(&l.timezone));
    local_day(app.now, &tz)
}

fn reload_week(app: &mut App) -> Vec<Effect> {
    let w = &mut app.session.timesheets.week;
    let Some(monday) = w.monday else {
        return vec![];
    };
    vec![Effect::Timesheets(TimesheetsEffect::FetchTimesheets {
        generation: w.start(),
        monday,
    })]
}

/// The worker's clock, fetched each time it is opened.
pub(crate) fn open_clock(app: &mut App) -> Vec<Effect> {
    let allowed = app.clocks();
    if !show(app, allowed, Screen::Clock, "The clock is for workers.") {
        return vec![];
    }
    vec![Effect::Timesheets(TimesheetsEffect::FetchClock)]
}

/// What `Retry` and a resync refresh: whatever of these was shown.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    let mut fx = vec![];
    if app.session.timesheets.board.generation > 0 {
        fx.extend(reload_board(app));
    }
    if app.session.timesheets.week.generation > 0 {
        fx.extend(reload_week(app));
    }
    if app.clocks() && !matches!(app.session.timesheets.clock.status, Load::Loading) {
        fx.push(Effect::Timesheets(TimesheetsEffect::FetchClock));
    }
    fx
}

/// Seconds after which the board or the clock on screen is fetched again.
const STALE_SECONDS: i64 = 60;

/// Time passes: the board or the clock on screen, when stale, is fetched
/// again (a shift turns late or a no-show with no event).
pub(crate) fn tick(app: &mut App) -> Vec<Effect> {
    let stale = |at: Option<portico_shared::Timestamp>| {
        at.is_some_and(|t| app.now.as_second() - t.as_second() >= STALE_SECONDS)
    };
    match app.screen {
        Screen::Working
            if !app.session.timesheets.board.loading
                && stale(app.session.timesheets.board.fetched_at) =>
        {
            reload_board(app)
        }
        Screen::Clock
            if !app.session.timesheets.clock.busy
                && stale(app.session.timesheets.clock.fetched_at) =>
        {
            app.session.timesheets.clock.fetched_at = None;
            vec![Effect::Timesheets(TimesheetsEffect::FetchClock)]
        }
        _ => vec![],
    }
}

// ---- answers --------------------------------------------------------------

pub(crate) fn answer(app: &mut App, msg: TimesheetsMsg) -> Vec<Effect> {
    match msg {
        TimesheetsMsg::Shifts { generation, result } => shifts(app, generation, result),
        TimesheetsMsg::Timesheets { generation, result } => week(app, generation, result),
        TimesheetsMsg::ClockStatus(r) => match r {
            Ok(mut status) => {
                sanitize::clock_status(&mut status);
                app.session.timesheets.clock.status = Load::Ready(*status);
                app.session.timesheets.clock.fetched_at = Some(app.now);
                vec![]
            }
            Err(f) => {
                app.session.timesheets.clock.status = Load::Failed(f.message.clone());
                failed(
                    app,
                    f,
                    vec![Effect::Timesheets(TimesheetsEffect::FetchClock)],
                )
            }
        },
        TimesheetsMsg::Clocked { action, result } => clocked(app, action, result),
        TimesheetsMsg::Approved(r) => match r {
            Ok(entries) => {
                let n = entries.len();
                for mut e in entries {
                    sanitize::entry(&mut e);
                    app.session.timesheets.week.marks.remove(&e.id);
                    app.session.timesheets.week.put(e, page_rows(app));
                }
                let what = if n == 1 { "entry" } else { "entries" };
                info(app, format!("Approved {n} {what}"));
                vec![]
            }
            Err(f) => failed(app, f, vec![]),
        },
        TimesheetsMsg::EntrySaved(r) => match r {
            Ok(mut e) => {
                sanitize::entry(&mut e);
                if matches!(&app.modal, Modal::Reject(f) if f.id == e.id) {
                    app.modal = Modal::None;
                }
                let edited = matches!(&app.modal,
                    Modal::Form(d) if d.purpose == Purpose::Entry { id: e.id });
                let text = match e.status {
                    _ if edited => {
                        app.modal = Modal::None;
                        format!("Saved the entry of {}; s submits it", time::day(e.date))
                    }
                    TimesheetStatus::Rejected => format!(
                        "Rejected {}'s entry of {}",
                        e.worker.name,
                        time::day(e.date)
                    ),
                    s => format!(
                        "Entry of {} is {}",
                        time::day(e.date),
                        entry_status_label(s)
                    ),
                };
                app.session.timesheets.week.marks.remove(&e.id);
                app.session.timesheets.week.put(*e, page_rows(app));
                info(app, text);
                vec![]
            }
            Err(f) => {
                if let Modal::Reject(form) = &mut app.modal
                    && !f.unauthorized
                {
                    form.sending = false;
                    form.error = Some(f.message);
                    return vec![];
                }
                if matches!(app.modal, Modal::Form(_)) {
                    return forms::refused(app, f);
                }
                failed(app, f, vec![])
            }
        },
    }
}

fn shifts(app: &mut App, generation: u64, result: Outcome<Vec<Shift>>) -> Vec<Effect> {
    let rows = page_rows(app);
    let b = &mut app.session.timesheets.board;
    if !b.answered(generation) {
        app.dirty = false;
        return vec![];
    }
    match result {
        Ok(mut list) => {
            list.iter_mut().for_each(sanitize::shift);
            sort_shifts(&mut list);
            b.arrived(list, None, false, rows);
            b.fetched_at = Some(app.now);
            vec![]
        }
        Err(f) => {
            b.error = Some(f.message.clone());
            let location = b.location;
            failed(
                app,
                f,
                vec![Effect::Timesheets(TimesheetsEffect::FetchShifts {
                    generation,
                    location,
                })],
            )
        }
    }
}

fn week(app: &mut App, generation: u64, result: Outcome<TimesheetList>) -> Vec<Effect> {
    let rows = page_rows(app);
    let w = &mut app.session.timesheets.week;
    if !w.answered(generation) {
        app.dirty = false;
        return vec![];
    }
    match result {
        Ok(mut list) => {
            sanitize::timesheet_list(&mut list);
            sort_entries(&mut list.entries);
            w.monday = Some(monday_of(list.from));
            w.marks
                .retain(|id| list.entries.iter().any(|e| e.id == *id));
            w.totals = list.totals;
            w.arrived(list.entries, None, false, rows);
            vec![]
        }
        Err(f) => {
            w.error = Some(f.message.clone());
            let retry = w
                .monday
                .map(|monday| {
                    Effect::Timesheets(TimesheetsEffect::FetchTimesheets { generation, monday })
                })
                .into_iter()
                .collect();
            failed(app, f, retry)
        }
    }
}

fn clocked(app: &mut App, action: ClockAction, result: Outcome<Box<ClockStatus>>) -> Vec<Effect> {
    app.session.timesheets.clock.busy = false;
    match result {
        Ok(mut status) => {
            sanitize::clock_status(&mut status);
            app.session.timesheets.clock.refused = None;
            let place = status
                .shift
                .as_ref()
                .map_or(String::new(), |s| format!(" at {}", s.location.name));
            let text = match action {
                ClockAction::In => format!("Clocked in{place}"),
                ClockAction::Break => "Break started".to_owned(),
                ClockAction::Resume => "Back from the break".to_owned(),
                ClockAction::Out => match &status.entry {
                    Some(e) => format!(
                        "Clocked out: a draft entry of {} was written",
                        time::hours(e.worked_minutes)
                    ),
                    None => "Clocked out".to_owned(),
                },
            };
            if let Some(e) = status.entry.clone() {
                app.session.timesheets.week.put(e, page_rows(app));
            }
            app.session.timesheets.clock.status = Load::Ready(*status);
            info(app, text);
            vec![]
        }
        Err(f) if f.unauthorized => failed(app, f, vec![]),
        Err(f) => {
            // The server's reason (a 409 when the action does not fit).
            app.session.timesheets.clock.refused = Some(f.message.clone());
            error(app, f.message, vec![]);
            vec![Effect::Timesheets(TimesheetsEffect::FetchClock)]
        }
    }
}

// ---- keys -----------------------------------------------------------------

pub(crate) fn working_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = page_rows(app);
    if app.session.timesheets.board.step(c, page).is_some() {
        return vec![];
    }
    match c {
        Cmd::Location => {
            app.session.timesheets.board.location =
                crate::shell::model::next_location(app, app.session.timesheets.board.location);
            app.session.timesheets.board.clear();
            return reload_board(app);
        }
        Cmd::Back => app.screen = Screen::Dashboard,
        _ => app.dirty = false,
    }
    vec![]
}

pub(crate) fn week_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = page_rows(app);
    let approver = app.approves_timesheets();
    let w = &mut app.session.timesheets.week;
    if w.step(c, page).is_some() {
        return vec![];
    }
    match c {
        Cmd::PrevWeek | Cmd::NextWeek => {
            let days = if c == Cmd::PrevWeek { -7 } else { 7 };
            let Some(monday) = w.monday else {
                return vec![];
            };
            w.monday = monday.checked_add(jiff::Span::new().days(days)).ok();
            w.clear();
            w.totals.clear();
            reload_week(app)
        }
        Cmd::ToggleMark if approver => {
            w.toggle_mark(page);
            vec![]
        }
        Cmd::ClearMarks if approver => {
            w.marks.clear();
            vec![]
        }
        Cmd::Approve if approver => approve(app),
        Cmd::Reject if approver => reject(app),
        Cmd::SubmitEntry if app.clocks() => submit(app),
        Cmd::EditEntry if app.clocks() => edit(app),
        Cmd::Back => {
            app.screen = if app.clocks() {
                Screen::Clock
            } else {
                Screen::Dashboard
            };
            vec![]
        }
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// The marked entries after asking, or the selected one at once.
fn approve(app: &mut App) -> Vec<Effect> {
    let w = &app.session.timesheets.week;
    if !w.marks.is_empty() {
        let ids: Vec<Id> = w.marks.iter().copied().collect();
        let n = ids.len();
        app.modal = Modal::Confirm(Confirm {
            question: format!(
                "Approve {n} marked {}?",
                if n == 1 { "entry" } else { "entries" }
            ),
            then: Pending::Run(vec![Effect::Timesheets(TimesheetsEffect::Approve(ids))]),
            back: None,
        });
        return vec![];
    }
    match w.current() {
        Some(e) if e.status == TimesheetStatus::Submitted => {
            vec![Effect::Timesheets(TimesheetsEffect::Approve(vec![e.id]))]
        }
        Some(e) => {
            let why = format!(
                "Only submitted entries can be approved; this one is {}.",
                entry_status_label(e.status)
            );
            error(app, why, vec![]);
            vec![]
        }
        None => vec![],
    }
}

/// Asks for the reason to reject the selected entry.
fn reject(app: &mut App) -> Vec<Effect> {
    match app.session.timesheets.week.current() {
        Some(e) if e.status == TimesheetStatus::Submitted => {
            app.modal = Modal::Reject(RejectForm {
                id: e.id,
                worker: e.worker.name.clone(),
                date: e.date,
                reason: String::new(),
                error: None,
                sending: false,
            });
        }
        Some(e) => {
            let why = format!(
                "Only submitted entries can be rejected; this one is {}.",
                entry_status_label(e.status)
            );
            error(app, why, vec![]);
        }
        None => {}
    }
    vec![]
}

/// A worker sends their draft or rejected entry for approval.
fn submit(app: &mut App) -> Vec<Effect> {
    if let Some(e) = own_open_entry(app, "submitted") {
        return vec![Effect::Timesheets(TimesheetsEffect::SubmitEntry(e.id))];
    }
    vec![]
}

/// A worker changes their draft or rejected entry in a form, under the
/// whole reason it was rejected; saving sends it, submitting is `s` after.
fn edit(app: &mut App) -> Vec<Effect> {
    if let Some(e) = own_open_entry(app, "changed") {
        app.modal = Modal::Form(Box::new(FormDraft::entry(&e)));
    }
    vec![]
}

/// The selected entry when its worker may still change it (a draft, or
/// rejected); else says why `done` cannot be.
fn own_open_entry(app: &mut App, done: &str) -> Option<TimesheetEntry> {
    match app.session.timesheets.week.current() {
        Some(e) if matches!(e.status, TimesheetStatus::Draft | TimesheetStatus::Rejected) => {
            Some(e.clone())
        }
        Some(e) => {
            let why = format!(
                "Only a draft or rejected entry can be {done}; this one is {}.",
                entry_status_label(e.status)
            );
            error(app, why, vec![]);
            None
        }
        None => None,
    }
}

pub(crate) fn reject_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Reject(f) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::Submit if f.sending => vec![],
        Cmd::Submit => {
            let reason = sanitize::line(f.reason.trim());
            if reason.is_empty() {
                f.error = Some("Say why, so the worker can fix it.".into());
                return vec![];
            }
            f.sending = true;
            f.error = None;
            vec![Effect::Timesheets(TimesheetsEffect::Reject {
                id: f.id,
                reason,
            })]
        }
        Cmd::Cancel => {
            app.modal = Modal::None;
            vec![]
        }
        _ => vec![],
    }
}

pub(crate) fn reject_text(f: &mut RejectForm, key: crossterm::event::KeyEvent) {
    if !f.sending {
        edit_line(&mut f.reason, key);
    }
}

pub(crate) fn clock_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    match c {
        Cmd::Clock(ClockAction::Out) => {
            app.modal = Modal::Confirm(Confirm {
                question: "Clock out? This ends your shift.".into(),
                then: Pending::Then(|app| clock_now(app, ClockAction::Out)),
                back: None,
            });
            vec![]
        }
        Cmd::Clock(action) => clock_now(app, action),
        Cmd::Back => {
            app.screen = Screen::Dashboard;
            vec![]
        }
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// Sends a clock action (one at a time).
fn clock_now(app: &mut App, action: ClockAction) -> Vec<Effect> {
    if app.session.timesheets.clock.busy {
        return vec![];
    }
    app.session.timesheets.clock.busy = true;
    app.session.timesheets.clock.refused = None;
    vec![Effect::Timesheets(TimesheetsEffect::Clock(action))]
}

// ---- the live stream ------------------------------------------------------

/// Someone clocked, or a shift was scheduled or cancelled: the board
/// follows, taking in new shifts of today at their place.
pub(crate) fn live_shift(app: &mut App, ev: ShiftEvent) -> Vec<Effect> {
    let mut shift = ev.shift;
    sanitize::shift(&mut shift);
    if let Load::Ready(status) = &mut app.session.timesheets.clock.status
        && let Some(mine) = &mut status.shift
        && mine.id == shift.id
    {
        *mine = shift.clone();
    }
    let rows = page_rows(app);
    let b = &mut app.session.timesheets.board;
    if ev.kind == "shift.cancelled" {
        b.remove(shift.id, rows);
        return vec![];
    }
    let today = local_day(app.now, &zone(&shift.location.timezone));
    let known = b.items.iter().any(|s| s.id == shift.id);
    // A shift moved to another day leaves today's board.
    if known && shift.date != today {
        b.remove(shift.id, rows);
        return vec![];
    }
    if b.generation > 0 && (known || shift.date == today) {
        b.put(shift, rows);
    }
    vec![]
}

/// An entry was written or decided: the week follows.
pub(crate) fn live_entry(app: &mut App, ev: TimesheetEvent) -> Vec<Effect> {
    let mut entry: TimesheetEntry = ev.entry;
    sanitize::entry(&mut entry);
    let decided = matches!(
        entry.status,
        TimesheetStatus::Approved | TimesheetStatus::Rejected
    );
    if app.clocks() && decided {
        let text = format!(
            "Your entry of {} was {}",
            time::day(entry.date),
            entry_status_label(entry.status)
        );
        info(app, text);
    }
    app.session.timesheets.week.put(entry, page_rows(app));
    vec![]
}
