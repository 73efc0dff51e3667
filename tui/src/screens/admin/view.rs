//! The administration screen: a tab line and the tab's table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use portico_shared::{AuditEntry, Location, Module, Organization, User, UserStatus};

use crate::load::Load;
use crate::screens::admin::{Admin, AdminTab};
use crate::shell::model::App;
use crate::time;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::{selected_style, truncate};

const PEOPLE: &[Column] = &[
    flex_column("Name", 16, 0),
    column("E-mail", 28, 0, false),
    column("Role", 7, 1, false),
    column("Status", 8, 0, false),
    column("Organisation", 20, 2, false),
];

const ORGS: &[Column] = &[
    flex_column("Name", 20, 0),
    column("Portal", 8, 2, false),
    column("Tags", 20, 1, false),
    column("Welcome", 30, 3, false),
];

const LOCATIONS: &[Column] = &[
    flex_column("Location", 20, 0),
    column("Time zone", 24, 0, false),
    column("Address", 30, 1, false),
];

const AUDIT: &[Column] = &[
    column("When (UTC)", 16, 0, false),
    column("Who", 24, 1, false),
    column("Action", 20, 0, false),
    flex_column("Target", 12, 0),
    column("From", 15, 2, false),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let a = &app.session.admin;
    let tabs = tab_line(app, a);
    match a.tab {
        AdminTab::People => {
            let listing = Listing {
                tabs,
                columns: PEOPLE,
                rows: &a.people,
                what: "people",
            };
            table::render(frame, area, app, listing, |u, cols, w| {
                person_row(a, u, cols, w)
            });
        }
        AdminTab::Organizations if a.locations_open().is_some() => {
            if let Some(open) = a.locations_open() {
                let listing = Listing {
                    tabs,
                    columns: LOCATIONS,
                    rows: &open.list,
                    what: "locations",
                };
                table::render(frame, area, app, listing, location_row);
            }
        }
        AdminTab::Organizations => {
            let listing = Listing {
                tabs,
                columns: ORGS,
                rows: &a.orgs,
                what: "organisations",
            };
            table::render(frame, area, app, listing, org_row);
        }
        AdminTab::Modules => modules(frame, area, app, a, tabs),
        AdminTab::Audit => {
            let listing = Listing {
                tabs,
                columns: AUDIT,
                rows: &a.audit,
                what: "entries",
            };
            table::render(frame, area, app, listing, audit_row);
        }
    }
}

fn tab_line(app: &App, a: &Admin) -> Line<'static> {
    let tabs: Vec<(String, bool)> = AdminTab::ALL
        .iter()
        .map(|t| (t.label().to_owned(), *t == a.tab))
        .collect();
    let extra = match a.tab {
        AdminTab::People => vec![
            table::count_span(
                a.people.items.len(),
                a.people.next_cursor.is_some(),
                "people",
            ),
            Span::styled(
                format!("  showing: {}", a.status.map_or("everyone", status_label)),
                Style::new().fg(Color::DarkGray),
            ),
        ],
        AdminTab::Organizations if a.locations_open().is_some() => {
            let name = a.locations_open().map_or("", |o| o.org.name.as_str());
            vec![Span::styled(
                format!("  locations of {} · Esc back", truncate(name, 30)),
                Style::new().fg(Color::DarkGray),
            )]
        }
        AdminTab::Organizations => vec![table::count_span(
            a.orgs.items.len(),
            a.orgs.next_cursor.is_some(),
            "organisations",
        )],
        AdminTab::Modules => vec![Span::styled(
            "  for every client; an organisation's own: m on its row",
            Style::new().fg(Color::DarkGray),
        )],
        AdminTab::Audit => vec![
            table::count_span(
                a.audit.items.len(),
                a.audit.next_cursor.is_some(),
                "entries",
            ),
            Span::styled(
                format!(
                    "  showing: {}",
                    a.audit_action
                        .map_or("every action".to_owned(), |p| format!("{p}*"))
                ),
                Style::new().fg(Color::DarkGray),
            ),
        ],
    };
    table::tab_line(app, &tabs, extra)
}

pub fn status_label(s: UserStatus) -> &'static str {
    match s {
        UserStatus::Invited => "pending",
        UserStatus::Active => "active",
        UserStatus::Removed => "removed",
    }
}

fn status_style(s: UserStatus) -> Style {
    match s {
        UserStatus::Invited => Style::new().fg(Color::Yellow),
        UserStatus::Active => Style::new().fg(Color::Green),
        UserStatus::Removed => Style::new().fg(Color::DarkGray),
    }
}

fn person_row(a: &Admin, u: &User, cols: &[usize], name_width: usize) -> Row<'static> {
    let org = u.organization_id.map_or(String::new(), |id| {
        a.org_name(id).map_or(format!("#{id}"), str::to_owned)
    });
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(truncate(&u.name, name_width)),
        1 => Cell::from(truncate(&u.email, 28)),
        2 => Cell::from(u.role.to_string()),
        3 => Cell::from(Span::styled(status_label(u.status), status_style(u.status))),
        _ => Cell::from(truncate(&org, 20)),
    });
    Row::new(cells)
}

fn org_row(o: &Organization, cols: &[usize], name_width: usize) -> Row<'static> {
    let welcome = o.welcome.lines().next().unwrap_or_default();
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(truncate(&o.name, name_width)),
        1 => Cell::from(o.portal_access.to_string()),
        2 => Cell::from(truncate(&o.tags.join(", "), 20)),
        _ => Cell::from(truncate(welcome, 30)),
    });
    Row::new(cells)
}

fn location_row(l: &Location, cols: &[usize], name_width: usize) -> Row<'static> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(truncate(&l.name, name_width)),
        1 => Cell::from(truncate(&time::zone_name(&l.timezone), 24)),
        _ => Cell::from(truncate(&l.address, 30)),
    });
    Row::new(cells)
}

fn audit_row(e: &AuditEntry, cols: &[usize], target_width: usize) -> Row<'static> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(time::short(e.at)),
        1 => Cell::from(truncate(e.actor_email.as_deref().unwrap_or("-"), 24)),
        2 => Cell::from(truncate(&e.action, 20)),
        3 => Cell::from(truncate(&e.target, target_width)),
        _ => Cell::from(truncate(&e.ip, 15)),
    });
    Row::new(cells)
}

/// Each module, on or off for every client; Space switches the one under
/// the cursor.
fn modules(frame: &mut Frame, area: Rect, app: &App, a: &Admin, tabs: Line<'static>) {
    frame.render_widget(Paragraph::new(tabs), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    let off = match &a.switched_off {
        Load::Ready(off) => off,
        Load::Loading => {
            frame.render_widget(Paragraph::new(" Loading…"), body);
            return;
        }
        Load::Failed(e) => {
            let note = format!(" Could not load the modules: {e}  (^R retry)");
            frame.render_widget(Paragraph::new(note), body);
            return;
        }
    };
    let lines: Vec<Line> = Module::ALL
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (state, style) = if off.contains(m) {
                ("off for every client", Style::new().fg(Color::DarkGray))
            } else {
                ("on", Style::new().fg(Color::Green))
            };
            let line = Line::from(vec![
                Span::raw(format!(" {:<14}", m.as_str())),
                Span::styled(state, style),
            ]);
            if i == a.module {
                line.style(selected_style(app))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
