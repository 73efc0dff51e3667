//! One order: its facts, the items (who, when, state), the deliverables,
//! and its thread led by what was submitted. A line at the bottom names
//! the actions this person may take on it, and only those.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use serde_json::Value;

use portico_shared::{FieldKind, OrderDetail, OrderItem};

use crate::load::Load;
use crate::screens::orders::list_view::order_status_style;
use crate::screens::orders::{OrderPane, OrderView, next_status, status_label};
use crate::screens::thread::view as thread;
use crate::shell::model::App;
use crate::time;
use crate::widgets::{accent, selected_style, truncate, wrap};

/// At most this many item rows before the pane scrolls.
const ITEM_ROWS: usize = 5;
/// At most this many deliverable rows before the pane scrolls.
const FILE_ROWS: usize = 3;

/// Facts, items, deliverables, thread, actions.
fn layout(area: Rect, v: &OrderView) -> [Rect; 5] {
    let items = v.items().len().clamp(1, ITEM_ROWS) as u16 + 2;
    let files = v.deliverables().len().clamp(1, FILE_ROWS) as u16 + 2;
    Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(items),
        Constraint::Length(files),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

fn pane_block(app: &App, title: String, focused: bool) -> Block<'static> {
    let border = if focused {
        Style::new().fg(accent(app))
    } else {
        Style::new().fg(Color::DarkGray)
    };
    Block::bordered().title(title).border_style(border)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(v) = &app.session.orders.view else {
        return;
    };
    let [facts, items, files, thread_area, actions] = layout(area, v);
    render_facts(frame, facts, app, v);
    render_items(frame, items, app, v);
    let focused = v.pane == OrderPane::Deliverables;
    let title = if focused {
        " Deliverables · Enter download · D all "
    } else {
        " Deliverables "
    };
    thread::files(
        frame,
        files,
        app,
        &v.deliverables(),
        v.deliverable,
        focused,
        title,
    );
    let block = pane_block(app, " Thread ".into(), v.pane == OrderPane::Thread);
    let inner = block.inner(thread_area);
    frame.render_widget(block, thread_area);
    thread::render(
        frame,
        inner,
        thread_lines(app, v, usize::from(inner.width)),
        &v.thread,
    );
    render_actions(frame, actions, app, v);
}

fn render_facts(frame: &mut Frame, area: Rect, app: &App, v: &OrderView) {
    let o = &v.order;
    let w = usize::from(area.width);
    let label = |s: &'static str| Span::styled(s, Style::new().fg(Color::Gray));
    let mut second = vec![
        label(" Status "),
        Span::styled(status_label(o.status), order_status_style(o.status)),
        label("  Priority "),
        Span::raw(o.priority.as_str()),
        label("  Due "),
        Span::raw(o.due_date.map_or("none".to_owned(), |d| d.to_string())),
    ];
    if let Some(team) = &o.team {
        second.push(label("  Team "));
        second.push(Span::raw(team.clone()));
    }
    let lines = vec![
        Line::from(vec![
            Span::styled(
                format!(" {} ", o.reference),
                Style::new().fg(accent(app)).bold(),
            ),
            Span::styled(
                truncate(&o.title, w.saturating_sub(o.reference.len() + 3)),
                Style::new().bold(),
            ),
        ]),
        Line::from(second),
        Line::from(vec![
            label(" Location "),
            Span::raw(format!("{}, {}", o.location.name, o.organization.name)),
            label("  Submitted by "),
            Span::raw(format!(
                "{} · {}",
                o.submitted_by.name,
                time::at(o.created_at, &app.location_zone(o.location.id))
            )),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::BOTTOM)),
        area,
    );
}

/// `2026-11-21 09:00 → 17:00`, or the whole end when it is another day,
/// at the place with time zone `tz`.
fn span_of(i: &OrderItem, tz: &str) -> String {
    let short = |t| time::short_in(t, tz);
    match (i.starts_at, i.ends_at) {
        (Some(s), Some(e)) => {
            let (s, e) = (short(s), short(e));
            match (s.split_once(' '), e.split_once(' ')) {
                (Some((sd, _)), Some((ed, et))) if sd == ed => format!("{s} → {et}"),
                _ => format!("{s} → {e}"),
            }
        }
        (Some(s), None) => format!("from {}", short(s)),
        (None, Some(e)) => format!("until {}", short(e)),
        (None, None) => "not scheduled".to_owned(),
    }
}

fn render_items(frame: &mut Frame, area: Rect, app: &App, v: &OrderView) {
    let focused = v.pane == OrderPane::Items;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let items = v.items();
    let tz = app.location_zone(v.order.location.id);
    let title = format!(
        " Items ({}) · times in {} ",
        items.len(),
        time::zone_name(&tz)
    );
    let mut lines: Vec<Line> = Vec::new();
    match &v.detail {
        Load::Loading => lines.push(Line::raw(" Loading…")),
        Load::Failed(e) => lines.push(Line::styled(
            format!(" Could not load the order: {e}  (^R retry)"),
            Style::new().fg(Color::Red),
        )),
        Load::Ready(_) if items.is_empty() => lines.push(Line::styled(
            " No items yet.",
            Style::new().fg(Color::DarkGray),
        )),
        Load::Ready(_) => {
            let height = usize::from(area.height.saturating_sub(2)).max(1);
            let first = crate::list::visible_offset(0, v.item, height);
            let what = inner_width.saturating_sub(16 + 26 + 8 + 4).max(8);
            for (n, i) in items.iter().enumerate().skip(first).take(height) {
                let who = i.worker.as_ref().map_or("—", |w| w.name.as_str());
                let text = format!(
                    " {:<what$} {:<16} {:<26} {}",
                    truncate(&i.description, what),
                    truncate(who, 16),
                    span_of(i, &tz),
                    i.state
                );
                lines.push(if focused && n == v.item {
                    Line::styled(text, selected_style(app))
                } else {
                    Line::raw(text)
                });
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(app, title, focused)),
        area,
    );
}

/// A submitted value as people read it.
fn shown_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(shown_value).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What was submitted, field by field, in the form's order.
fn submission(d: &OrderDetail, width: usize, tz: &str) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!(
            " {} · {} · submitted the order ({} v{})",
            d.order.submitted_by.name,
            time::at(d.order.created_at, tz),
            d.form.name,
            d.form.version
        ),
        Style::new().fg(Color::Cyan).bold(),
    )];
    for f in &d.form.fields {
        let Some(v) = d.values.get(&f.key) else {
            continue;
        };
        let text = match (f.kind, v) {
            (FieldKind::File, Value::Number(n)) => {
                match d.files.iter().find(|a| n.as_i64() == Some(a.id)) {
                    Some(a) => format!("{} ({} bytes)", a.file_name, a.size),
                    None => format!("file #{n}"),
                }
            }
            _ => shown_value(v),
        };
        let mut wrapped = wrap(&text, thread::body_width(width).saturating_sub(2)).into_iter();
        let first = wrapped.next().unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("   {}: ", f.label), Style::new().fg(Color::Gray)),
            Span::raw(first),
        ]));
        lines.extend(wrapped.map(|l| Line::raw(format!("     {l}"))));
    }
    lines.push(Line::raw(""));
    lines
}

/// The thread as lines: the submission, then each message.
pub fn thread_lines(app: &App, v: &OrderView, width: usize) -> Vec<Line<'static>> {
    let tz = app.location_zone(v.order.location.id);
    let lead = v
        .detail
        .ready()
        .map_or_else(Vec::new, |d| submission(d, width, &tz));
    thread::lines(lead, &v.thread, width, &tz)
}

/// The keys that do something to this order for this person.
fn actions(app: &App, v: &OrderView) -> Vec<(&'static str, String)> {
    let staff = app.is_staff();
    let status = v.order.status;
    let mut a: Vec<(&'static str, String)> = Vec::new();
    if staff && let Some(next) = next_status(status) {
        a.push((">", status_label(next).to_lowercase()));
    }
    if app.may_cancel(status) {
        a.push(("X", "cancel".into()));
    }
    if staff {
        a.push(("+", "item".into()));
        if !v.items().is_empty() {
            a.push(("e", "edit item".into()));
        }
        a.push(("u", "attach".into()));
    }
    if !v.deliverables().is_empty() {
        a.push(("D", "download all".into()));
    }
    a.push(("r", "reply".into()));
    if staff {
        a.push(("i", "note".into()));
    }
    a.push(("Tab", "pane".into()));
    a.push(("Esc", "back".into()));
    a
}

fn render_actions(frame: &mut Frame, area: Rect, app: &App, v: &OrderView) {
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in actions(app, v) {
        spans.push(Span::styled(key, Style::new().fg(accent(app)).bold()));
        spans.push(Span::styled(
            format!(" {what}  "),
            Style::new().fg(Color::Gray),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The furthest the thread can scroll in a terminal of `app.size`.
pub fn max_scroll(app: &App) -> usize {
    let Some(v) = &app.session.orders.view else {
        return 0;
    };
    let (w, h) = app.size;
    // The body between the header bar and the status line.
    let body = Rect::new(0, 1, w, h.saturating_sub(2));
    let [_, _, _, thread_area, _] = layout(body, v);
    let inner = Block::bordered().inner(thread_area);
    let lines = thread_lines(app, v, usize::from(inner.width)).len();
    lines.saturating_sub(usize::from(inner.height))
}
