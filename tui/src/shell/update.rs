//! `update`: the one place the model changes. Synchronous and free of I/O;
//! whatever needs the network, the disk or a terminal comes back as effects.
//!
//! This file signs in and starts the Session, and routes keys, text, the
//! mouse, the live stream and each screen's messages to the screen's own
//! update under `screens/`.

use crate::input::edit::edit_line;
use crate::screens::account::msg::AccountEffect;
use crate::screens::orders::forms;
use crate::screens::thread::update as thread;
use crate::screens::tickets::update as tickets;
use crate::screens::timesheets::update as timesheets;
use crate::shell::modals;
use crate::shell::palette::PaletteCmd;
use crate::shell::route;
use crate::shell::session::Session;
use crate::shell::status::signed_out;
use crate::shell::status::{error, info};

use crossterm::event::{KeyCode, KeyEvent};
use portico_shared::{
    Me, Module, TicketQuery, TicketSort, TicketTab, TicketView, Timestamp, validate,
};

use crate::failure::Outcome;
use crate::load::Load;
use crate::sanitize;
use crate::screens::dashboard::Count;
use crate::screens::login::{LoginField, LoginMode};
use crate::screens::tickets::ComposeField;
use crate::screens::tickets::msg::TicketsEffect;
use crate::shell::model::{App, Confirm, Modal, Palette, Pending, Screen, StatusKind};
use crate::shell::msg::{Action, Cmd, Effect, Live, Mouse};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    app.dirty = true;
    let action = match route::answer(app, action) {
        Ok(fx) => return fx,
        Err(shell) => shell,
    };
    match action {
        Action::Cmd(c) => command(app, c),
        Action::Text(k) => text(app, k),
        Action::Mouse(m) => mouse(app, m),
        Action::Resize(w, h) => {
            app.size = (w, h);
            route::resize(app);
            vec![]
        }
        Action::Tick(now) => tick(app, now),
        Action::Branding(r) => {
            app.branding = match r {
                Ok(mut b) => {
                    sanitize::branding(&mut b);
                    Load::Ready(b)
                }
                Err(f) => Load::Failed(f.message),
            };
            vec![]
        }
        Action::LoggedIn(r) => logged_in(app, r.map(|l| l.user.name)),
        Action::CodeNeeded(c) => {
            app.login.password.clear();
            app.login.ask_code(c.challenge);
            vec![]
        }
        Action::Me(r) => me(app, r),
        Action::Viewed(Ok(who)) => me(app, Ok(who)),
        Action::Viewed(Err(f)) => {
            error(app, f.message, vec![]);
            vec![]
        }
        Action::Live(l) => live(app, l),
        Action::Edited(r) => {
            match (r, &mut app.modal) {
                (Ok(text), Modal::Compose(c)) => {
                    // The editor may have left anything in the file.
                    let clean = sanitize::text(&text);
                    c.body =
                        ratatui_textarea::TextArea::new(clean.lines().map(str::to_owned).collect());
                }
                (Err(f), _) => error(app, f.message, vec![]),
                _ => {}
            }
            vec![]
        }
        Action::Info(text) => {
            info(app, sanitize::line(&text));
            vec![]
        }
        Action::FilterSettled(edit) => modals::filter_settled(app, edit),
        Action::LoggedOut => {
            signed_out(app, "Signed out.");
            vec![]
        }
        // The screens' answers went to their modules above.
        _ => vec![],
    }
}

/// The effects of a fresh start: branding, and the session when a token is stored.
pub fn start(app: &mut App, signed_in: bool) -> Vec<Effect> {
    let mut fx = vec![Effect::FetchBranding];
    if signed_in {
        app.login.busy = true;
        fx.push(Effect::FetchMe);
    } else if let Some(first) = app.login.demo.first().cloned() {
        // The demo signs straight in; its login screen can switch accounts.
        fx.extend(sign_in(app, first.email, first.password));
    }
    fx
}

// ---- the session ----------------------------------------------------------

fn sign_in(app: &mut App, email: String, password: String) -> Vec<Effect> {
    app.login.email = email.clone();
    app.login.busy = true;
    app.login.error = None;
    vec![Effect::Login { email, password }]
}

fn logged_in(app: &mut App, r: Outcome<String>) -> Vec<Effect> {
    match r {
        Ok(_) => {
            let form = &mut app.login;
            form.password.clear();
            // A spent invite code or challenge is no use again; the next
            // sign-in starts with the password.
            if form.mode != LoginMode::Password {
                form.code.clear();
                form.toggle_mode();
            }
            vec![Effect::FetchMe]
        }
        Err(f) => {
            let form = &mut app.login;
            form.busy = false;
            form.error = Some(f.message);
            match form.mode {
                LoginMode::Invite => form.focus = LoginField::Code,
                // A spent or expired challenge: the password again.
                LoginMode::SecondFactor if f.unauthorized => form.toggle_mode(),
                LoginMode::SecondFactor => form.totp.clear(),
                LoginMode::Password => {}
            }
            vec![]
        }
    }
}

fn me(app: &mut App, r: Outcome<Box<Me>>) -> Vec<Effect> {
    match r {
        Ok(mut me) => {
            sanitize::me(&mut me);
            let staff = me.user.role.is_staff();
            // Another account's session (a switch) goes whole.
            app.session = Session::new(*me);
            app.login.busy = false;
            app.login.error = None;
            app.screen = Screen::Dashboard;
            if app
                .session
                .me
                .as_ref()
                .is_some_and(|m| m.two_factor_required)
            {
                return held_at_enrolment(app);
            }
            let mut fx = vec![Effect::StartLive];
            // Workers have no tickets: their clock comes first.
            if app.has_module(Module::Tickets) {
                app.session.dashboard.counts = counts(staff);
                fx.push(tickets::fetch_list(&mut app.session.tickets.list, false));
                fx.extend(
                    app.session
                        .dashboard
                        .counts
                        .iter()
                        .enumerate()
                        .map(|(slot, c)| {
                            Effect::Tickets(TicketsEffect::FetchCount {
                                slot,
                                query: c.query.clone(),
                            })
                        }),
                );
                fx.push(Effect::Tickets(TicketsEffect::FetchMine(mine_query(staff))));
            } else {
                app.session.tickets.list.loading = false;
                app.session.dashboard.mine = Load::Ready(vec![]);
            }
            if staff {
                fx.push(Effect::Tickets(TicketsEffect::FetchStaff));
            }
            if app.clocks() {
                fx.extend(timesheets::open_clock(app));
            }
            fx
        }
        Err(f) => {
            let why = if f.unauthorized {
                "Your session has ended; please sign in again.".to_owned()
            } else {
                f.message
            };
            signed_out(app, &why);
            vec![]
        }
    }
}

/// A second factor is required of this person and they have none: the
/// server answers nothing else until they enrol, so the account screen
/// opens with the enrolment begun.
fn held_at_enrolment(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Account;
    let later = "shown once two-factor sign-in is on";
    app.session.account.sessions = Load::Failed(later.into());
    app.session.account.mail = Load::Failed(later.into());
    error(
        app,
        "A second factor is required of you: scan the code, then press e.".into(),
        vec![],
    );
    vec![Effect::Account(AccountEffect::Enroll)]
}

/// What the dashboard lists as the person's own work.
fn mine_query(staff: bool) -> TicketQuery {
    TicketQuery {
        view: staff.then_some(TicketView::Mine),
        tab: (!staff).then_some(TicketTab::Open),
        sort: Some(TicketSort::Deadline),
        limit: Some(50),
        ..TicketQuery::default()
    }
}

fn counts(staff: bool) -> Vec<Count> {
    let q = |view, tab| TicketQuery {
        view,
        tab,
        limit: Some(200),
        ..TicketQuery::default()
    };
    let slots: Vec<(&'static str, TicketQuery)> = if staff {
        vec![
            ("Unassigned", q(Some(TicketView::Unassigned), None)),
            ("Mine", q(Some(TicketView::Mine), None)),
            ("Overdue", q(Some(TicketView::Overdue), None)),
        ]
    } else {
        vec![
            ("Open", q(None, Some(TicketTab::Open))),
            ("Closed", q(None, Some(TicketTab::Closed))),
        ]
    };
    slots
        .into_iter()
        .map(|(label, query)| Count {
            label,
            query,
            value: Load::Loading,
        })
        .collect()
}

// ---- the status line ------------------------------------------------------

fn tick(app: &mut App, now: Timestamp) -> Vec<Effect> {
    app.now = now;
    if let Some(s) = &mut app.status
        && s.kind == StatusKind::Info
    {
        s.ticks_left = s.ticks_left.saturating_sub(1);
        if s.ticks_left == 0 {
            app.status = None;
        }
    }
    route::tick(app)
}

// ---- commands -------------------------------------------------------------

pub(crate) fn command(app: &mut App, c: Cmd) -> Vec<Effect> {
    match &app.modal {
        Modal::None => {}
        Modal::Help => {
            app.modal = Modal::None;
            return vec![];
        }
        Modal::Palette(_) => {
            return match modals::palette_cmd(app, c) {
                Some(chosen) => run_palette(app, chosen),
                None => vec![],
            };
        }
        Modal::Filter(_) => return modals::filter_cmd(app, c),
        Modal::Confirm(_) => return modals::confirm_cmd(app, c),
        Modal::Assign(_) => return tickets::assign_cmd(app, c),
        Modal::Compose(_) => return thread::compose_cmd(app, c),
        Modal::Form(_) => return forms::form_cmd(app, c),
        Modal::Reject(_) => return timesheets::reject_cmd(app, c),
        Modal::Notice(_) => {
            if c == Cmd::Cancel {
                app.modal = Modal::None;
            }
            return vec![];
        }
    }
    match (app.screen, c) {
        (_, Cmd::Quit) => {
            app.quit = true;
            vec![]
        }
        (Screen::Login, c) => login_cmd(app, c),
        (_, Cmd::Help) => {
            app.modal = Modal::Help;
            vec![]
        }
        (_, Cmd::Palette) => {
            app.modal = Modal::Palette(Palette {
                input: String::new(),
                selected: 0,
            });
            vec![]
        }
        (_, Cmd::Retry) => retry(app),
        (_, Cmd::EndView) if app.viewed_by().is_some() => vec![Effect::EndView],
        (_, Cmd::Dashboard) => {
            app.screen = Screen::Dashboard;
            vec![]
        }
        (_, c) => match route::open(app, c).or_else(|| route::keys(app, c)) {
            Some(fx) => fx,
            None => {
                app.dirty = false;
                vec![]
            }
        },
    }
}

/// Runs what was chosen in the palette.
fn run_palette(app: &mut App, cmd: PaletteCmd) -> Vec<Effect> {
    match cmd {
        PaletteCmd::Key(c) => command(app, c),
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

fn login_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let form = &mut app.login;
    match c {
        Cmd::NextField | Cmd::PrevField => {
            form.step_focus(c == Cmd::PrevField);
            vec![]
        }
        Cmd::InviteCode if !form.busy => {
            form.toggle_mode();
            vec![]
        }
        Cmd::NextDemoAccount if !form.demo.is_empty() && form.mode == LoginMode::Password => {
            form.demo_index = (form.demo_index + 1) % form.demo.len();
            let a = &form.demo[form.demo_index];
            form.email = a.email.clone();
            form.password = a.password.clone();
            form.focus = LoginField::Password;
            vec![]
        }
        Cmd::Retry => {
            app.branding = Load::Loading;
            vec![Effect::FetchBranding]
        }
        Cmd::Submit if form.busy => vec![],
        Cmd::Submit if form.mode == LoginMode::Invite => join(app),
        Cmd::Submit if form.mode == LoginMode::SecondFactor => {
            let code = form.totp.trim().to_owned();
            let Some(challenge) = form.challenge.clone().filter(|_| !code.is_empty()) else {
                form.error = Some("Enter the code your authenticator shows.".into());
                return vec![];
            };
            form.busy = true;
            form.error = None;
            vec![Effect::LoginCode { challenge, code }]
        }
        Cmd::Submit if form.focus == LoginField::Email && form.password.is_empty() => {
            form.focus = LoginField::Password;
            vec![]
        }
        Cmd::Submit => {
            let (email, password) = (form.email.trim().to_owned(), form.password.clone());
            if email.is_empty() || password.is_empty() {
                form.error = Some("Enter your e-mail address and password.".into());
                return vec![];
            }
            sign_in(app, email, password)
        }
        _ => vec![],
    }
}

/// Joining with an invite code: Enter moves on until the last field, which
/// sends once the password is long enough and typed the same twice.
fn join(app: &mut App) -> Vec<Effect> {
    let form = &mut app.login;
    if form.focus != LoginField::Repeat {
        form.step_focus(false);
        return vec![];
    }
    let code = form.code.trim().to_owned();
    let problem = if code.is_empty() {
        Some("Enter the invite code you were given.".to_owned())
    } else if form.password.chars().count() < validate::MIN_PASSWORD_CHARS {
        Some(format!(
            "Choose a password of at least {} characters.",
            validate::MIN_PASSWORD_CHARS
        ))
    } else if form.password != form.repeat {
        Some("The two passwords differ.".to_owned())
    } else {
        None
    };
    if let Some(p) = problem {
        form.error = Some(p);
        return vec![];
    }
    form.busy = true;
    form.error = None;
    let password = std::mem::take(&mut form.password);
    form.repeat.clear();
    vec![Effect::Join { code, password }]
}

fn retry(app: &mut App) -> Vec<Effect> {
    if let Some(s) = app.status.take()
        && !s.retry.is_empty()
    {
        return s.retry;
    }
    route::refresh(app).unwrap_or_else(|| tickets::reload_list(app))
}

// ---- the live stream ------------------------------------------------------

fn live(app: &mut App, l: Live) -> Vec<Effect> {
    match l {
        Live::Connected => {
            let recovered = app.live == crate::shell::model::LiveState::Connecting;
            app.live = crate::shell::model::LiveState::Connected;
            // The server is back: what failed while it was away is tried
            // again and its error goes (it returns only if the retry fails).
            if recovered
                && app
                    .status
                    .as_ref()
                    .is_some_and(|s| s.kind == StatusKind::Error)
            {
                return retry(app);
            }
        }
        Live::Disconnected(_) => app.live = crate::shell::model::LiveState::Connecting,
        Live::Resync => return route::resync(app),
        l => return route::live(app, &l),
    }
    vec![]
}

// ---- typing and the mouse -------------------------------------------------

fn text(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if matches!(app.modal, Modal::None) && route::takes_text(app) {
        return route::text(app, key);
    }
    match &mut app.modal {
        Modal::Palette(p) => {
            edit_line(&mut p.input, key);
            p.selected = 0;
        }
        Modal::Filter(f) => {
            let before = f.clone();
            edit_line(f, key);
            if *f != before {
                return modals::filter_edited(app);
            }
        }
        Modal::Assign(f) => edit_line(&mut f.deadline, key),
        Modal::Compose(c) => match c.focus {
            ComposeField::Subject if key.code == KeyCode::Enter => c.focus = ComposeField::Body,
            ComposeField::Subject => edit_line(&mut c.subject, key),
            ComposeField::Body => {
                c.body.input(key);
            }
            ComposeField::Organization => {
                if let Some(fw) = &mut c.for_whom {
                    let before = fw.query.clone();
                    edit_line(&mut fw.query, key);
                    if fw.query != before {
                        return vec![Effect::Tickets(TicketsEffect::FetchOrgChoices(
                            fw.query.clone(),
                        ))];
                    }
                }
            }
            // Picked with the arrows; letters mean nothing here.
            ComposeField::Requester => app.dirty = false,
        },
        Modal::Form(d) => return forms::form_text(d, key),
        Modal::Reject(f) => timesheets::reject_text(f, key),
        Modal::None if app.screen == Screen::Login => {
            let form = &mut app.login;
            let focus = form.focus;
            edit_line(form.text_mut(focus), key);
        }
        _ => app.dirty = false,
    }
    vec![]
}

fn mouse(app: &mut App, m: Mouse) -> Vec<Effect> {
    if !matches!(app.modal, Modal::None) {
        app.dirty = false;
        return vec![];
    }
    route::mouse(app, m).unwrap_or_else(|| {
        app.dirty = false;
        vec![]
    })
}
