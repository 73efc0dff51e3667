//! The order forms listed: whose each is, its name, version and fields;
//! and, while a new form's organisation is picked, the search line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::load::Load;
use crate::screens::forms::State;
use crate::shell::model::App;
use crate::time;
use crate::widgets::{selected_style, truncate};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.session.forms;
    let [title, picker, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if s.picking.is_some() { 2 } else { 0 }),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            " Order forms: the default, and each organisation's own",
            Style::new().add_modifier(Modifier::BOLD),
        )),
        title,
    );
    if s.picking.is_some() {
        render_picker(frame, picker, app, s);
    }
    let forms = match &s.forms {
        Load::Loading => {
            frame.render_widget(Paragraph::new(" Loading…"), body);
            return;
        }
        Load::Failed(e) => {
            let note = format!(" Could not load the forms: {e}  (^R retry)");
            frame.render_widget(Paragraph::new(note), body);
            return;
        }
        Load::Ready(f) => f,
    };
    let name_width = usize::from(area.width)
        .saturating_sub(34 + 8 + 7 + 17 + 6)
        .max(10);
    let rows: Vec<Row> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let row = Row::new(vec![
                Cell::from(truncate(&s.org_name(f.organization_id), 34)),
                Cell::from(truncate(&f.definition.name, name_width)),
                Cell::from(format!("v{}", f.version)),
                Cell::from(f.definition.fields.len().to_string()),
                Cell::from(time::short(f.updated_at)),
            ]);
            if i == s.cursor && s.picking.is_none() {
                row.style(selected_style(app))
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(34),
            Constraint::Min(10),
            Constraint::Length(8),
            Constraint::Length(7),
            Constraint::Length(17),
        ],
    )
    .header(
        Row::new(["For", "Name", "Version", "Fields", "Saved (UTC)"])
            .style(Style::new().fg(Color::Gray).bold()),
    );
    frame.render_widget(table, body);
    let hint = if s.picking.is_some() {
        " type part of the name · ↑/↓ choose · Enter edit its form · Esc cancel"
    } else {
        " Enter edit the fields · n a form for one organisation · Esc back · ? help"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(hint, Style::new().fg(Color::DarkGray))),
        foot,
    );
}

/// The organisation of a new form, found by typing part of its name, as
/// the new-ticket composer finds it.
fn render_picker(frame: &mut Frame, area: Rect, app: &App, s: &State) {
    let Some(fw) = &s.picking else {
        return;
    };
    let chosen = match fw.organization() {
        Some(o) => format!("→ {} ({} of {}) ↑↓", o.name, fw.org + 1, fw.orgs.len()),
        None if fw.query.is_empty() => "→ …".to_owned(),
        None => "→ no organisation has this in its name".to_owned(),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" New form for: ", Style::new().fg(Color::Gray)),
            Span::styled(format!("{}▏", fw.query), Style::new().underlined()),
            Span::raw("  "),
            Span::styled(chosen, selected_style(app)),
        ])),
        area,
    );
}
