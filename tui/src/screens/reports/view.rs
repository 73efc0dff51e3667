//! The reports: the rows (total, by priority, by assignee) as a table,
//! and tickets opened per week as a bar chart.

use portico_shared::{ReportRow, TicketReport};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Paragraph, Row, Table};

use crate::load::Load;
use crate::screens::reports::duration;
use crate::shell::model::App;
use crate::widgets::{accent, truncate};

const HEADER: [&str; 9] = [
    "",
    "Opened",
    "Resolved",
    "1st reply",
    "p90",
    "Resolution",
    "p90",
    "Breaches",
    "",
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let reports = &app.session.reports;
    let report = match &reports.report {
        Load::Loading => {
            frame.render_widget(Paragraph::new(" Loading…"), area);
            return;
        }
        Load::Failed(e) => {
            frame.render_widget(
                Paragraph::new(format!(" Could not load the report: {e}  (^R retry)")),
                area,
            );
            return;
        }
        Load::Ready(r) => r,
    };
    let [title, table_area, chart_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(report.rows.len() as u16 + 1),
        Constraint::Min(6),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                format!(
                    " Tickets opened {} to {} (UTC)   [ earlier · ] later",
                    report.from, report.to
                ),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Line::styled(
                " Times in business hours of the SLA calendar: median and 90th percentile",
                Style::new().fg(Color::DarkGray),
            ),
        ]),
        title,
    );
    render_rows(frame, table_area, report);
    render_weeks(frame, chart_area, app, report);
}

fn render_rows(frame: &mut Frame, area: Rect, report: &TicketReport) {
    let widths = [
        Constraint::Length(20),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(10),
        Constraint::Length(8),
        Constraint::Length(11),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Min(0),
    ];
    let header = Row::new(HEADER.map(Cell::from)).style(
        Style::new()
            .fg(Color::Gray)
            .add_modifier(Modifier::UNDERLINED),
    );
    let rows = report.rows.iter().map(row);
    frame.render_widget(
        Table::new(std::iter::once(header).chain(rows), widths),
        area,
    );
}

fn row(r: &ReportRow) -> Row<'static> {
    let label = match r.group.as_str() {
        "total" => "All tickets".to_owned(),
        _ => truncate(&r.key, 19),
    };
    let breaches = Cell::from(r.breaches.to_string()).style(if r.breaches > 0 {
        Style::new().fg(Color::Red)
    } else {
        Style::new()
    });
    let row = Row::new(vec![
        Cell::from(format!(" {label}")),
        Cell::from(r.opened.to_string()),
        Cell::from(r.resolved.to_string()),
        Cell::from(duration(r.first_response_median)),
        Cell::from(duration(r.first_response_p90)),
        Cell::from(duration(r.resolution_median)),
        Cell::from(duration(r.resolution_p90)),
        breaches,
    ]);
    if r.group == "total" {
        row.style(Style::new().add_modifier(Modifier::BOLD))
    } else {
        row
    }
}

fn render_weeks(frame: &mut Frame, area: Rect, app: &App, report: &TicketReport) {
    let bars: Vec<Bar> = report
        .weeks
        .iter()
        .map(|w| {
            Bar::default()
                .value(u64::from(w.opened))
                .label(Line::from(w.week.strftime("%m-%d").to_string()))
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::bordered().title(" Opened per week (weeks from Monday, UTC) "))
        .data(BarGroup::default().bars(&bars))
        .bar_width(5)
        .bar_gap(2)
        .bar_style(Style::new().fg(accent(app)))
        .value_style(Style::new().add_modifier(Modifier::REVERSED));
    frame.render_widget(chart, area);
}
