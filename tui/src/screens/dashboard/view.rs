//! The dashboard: welcome, counts, and what needs the signed-in person.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use portico_shared::{Ticket, TicketStatus, TicketView};

use crate::load::Load;
use crate::screens::tickets::Tab;
use crate::shell::model::App;
use crate::time;
use crate::widgets::{accent, priority_style, truncate};

/// The client's organisation's own welcome (its first lines, cut to
/// `width`), else the first line of the portal's.
fn greeting(app: &App, width: usize) -> Vec<String> {
    let own = app.session.me.as_ref().and_then(|m| m.welcome.as_deref());
    match own {
        Some(text) => text
            .lines()
            .take(WELCOME_LINES)
            .map(|l| truncate(l, width))
            .collect(),
        None => vec![app.branding.ready().map_or(String::new(), |b| {
            b.welcome.lines().next().unwrap_or("").to_owned()
        })],
    }
}

/// At most this many tickets under "Needs you".
const NEEDS_ME: usize = 8;

/// At most this many lines of an organisation's welcome text.
const WELCOME_LINES: usize = 4;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let greeting = greeting(app, usize::from(area.width.saturating_sub(2)));
    let [welcome, counts, needs] = Layout::vertical([
        Constraint::Length(2 + greeting.len() as u16),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(area);
    let name = app.session.me.as_ref().map_or("", |m| m.user.name.as_str());
    let org = app
        .session
        .me
        .as_ref()
        .and_then(|m| m.organization.as_ref())
        .map_or(String::new(), |o| format!(" · {}", o.name));
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" Welcome, {name}"),
            Style::new().fg(accent(app)).bold(),
        ),
        Span::styled(org, Style::new().fg(Color::Gray)),
    ])];
    lines.extend(greeting.into_iter().map(|g| Line::raw(format!(" {g}"))));
    frame.render_widget(Paragraph::new(lines), welcome);
    let cells: Vec<Span> = app
        .session
        .dashboard
        .counts
        .iter()
        .map(|c| {
            let value = match &c.value {
                Load::Loading => "…".to_owned(),
                Load::Ready((n, more)) => format!("{n}{}", if *more { "+" } else { "" }),
                Load::Failed(_) => "?".to_owned(),
            };
            Span::raw(format!("  {}: ", c.label)).patch_style(Style::new().fg(Color::Gray))
                + Span::styled(value, Style::new().bold())
        })
        .flat_map(|l| l.spans)
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(cells)).block(Block::bordered().title(" Tickets ")),
        counts,
    );
    let width = usize::from(needs.width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    let loading = matches!(app.session.dashboard.mine, Load::Loading);
    if loading {
        lines.push(Line::raw(" Loading…"));
    }
    let mine = needs_me(app);
    if mine.is_empty() && !loading {
        lines.push(Line::styled(
            " Nothing needs you right now.",
            Style::new().fg(Color::Green),
        ));
    }
    let zone = app.home_zone();
    for t in mine {
        let due = t.deadline.map_or(String::new(), |d| {
            format!(" due {}", time::short_in(d, &zone))
        });
        let overdue = app.overdue(t);
        lines.push(Line::from(vec![
            Span::raw(format!(" #{:<5} ", t.id)),
            Span::styled(
                format!("{:<7}", t.priority.as_str()),
                priority_style(t.priority),
            ),
            Span::raw(truncate(&t.subject, width.saturating_sub(40))),
            Span::styled(
                due,
                if overdue {
                    Style::new().fg(Color::Red)
                } else {
                    Style::new()
                },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let mut hints: Vec<&str> = Vec::new();
    if app.has_module(portico_shared::Module::Tickets) {
        hints.push("Enter or t: open the tickets · n: new ticket");
    }
    if app.sees_orders() {
        hints.push("o: the orders");
    }
    hints.push("?: help");
    lines.push(Line::styled(
        format!(" {}", hints.join(" · ")),
        Style::new().fg(Color::DarkGray),
    ));
    let timesheets = if app.approves_timesheets() {
        Some(" w: who's working today · T: the timesheet week")
    } else if app.clocks() {
        Some(" c: your clock · T: your week")
    } else {
        None
    };
    if let Some(t) = timesheets {
        lines.push(Line::styled(t, Style::new().fg(Color::DarkGray)));
    }
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered().title(format!(" Needs you · times in {} ", time::zone_name(&zone))),
        ),
        needs,
    );
}

/// Staff: mine and the unassigned inbox, most urgent first. Clients: their
/// tickets waiting on them or with unread answers.
fn needs_me(app: &App) -> Vec<&Ticket> {
    let me = app.my_id();
    let mine = app
        .session
        .dashboard
        .mine
        .ready()
        .map_or(&[][..], Vec::as_slice);
    let inbox: &[Ticket] = if app.session.tickets.list.tab == Tab::View(TicketView::Unassigned) {
        &app.session.tickets.list.items
    } else {
        &[]
    };
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<&Ticket> = mine
        .iter()
        .chain(inbox)
        .filter(|t| seen.insert(t.id))
        .filter(|t| !t.status.is_done())
        .filter(|t| {
            if app.is_staff() {
                t.assignee.is_none() || t.assignee.as_ref().map(|a| a.id) == me
            } else {
                t.status == TicketStatus::Pending || t.unread_count > 0
            }
        })
        .collect();
    found.sort_by_key(|t| {
        (
            std::cmp::Reverse(t.priority),
            t.deadline.is_none(),
            t.deadline,
        )
    });
    found.truncate(NEEDS_ME);
    found
}
