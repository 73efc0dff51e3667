//! The knowledge base: the list under its category tabs and search line,
//! and one article rendered from its markdown.

use portico_shared::Article;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use crate::load::Load;
use crate::screens::knowledge::category_name;
use crate::shell::model::App;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::{accent, markdown, truncate, wrap_lines};

const COLUMNS: &[Column] = &[
    flex_column("Title", 24, 0),
    column("Category", 18, 1, false),
    column("Visible to", 10, 3, true),
    column("Updated", 16, 2, false),
];

pub fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let kb = &app.session.knowledge.list;
    let mut tabs = vec![("All".to_owned(), kb.category.is_none())];
    tabs.extend(
        kb.categories
            .iter()
            .map(|c| (c.clone(), kb.category.as_deref() == Some(c.as_str()))),
    );
    let search = if kb.searching {
        Span::styled(
            format!("  / {}▏", kb.query),
            Style::new().fg(accent(app)).add_modifier(Modifier::BOLD),
        )
    } else if kb.query.is_empty() {
        Span::styled("  / to search", Style::new().fg(Color::DarkGray))
    } else {
        Span::styled(format!("  / {}", kb.query), Style::new().fg(Color::Gray))
    };
    let extra = vec![
        search,
        table::count_span(
            kb.rows.items.len(),
            kb.rows.next_cursor.is_some(),
            "articles",
        ),
        Span::styled("  times in UTC", Style::new().fg(Color::DarkGray)),
    ];
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs: table::tab_line(app, &tabs, extra),
            columns: COLUMNS,
            rows: &kb.rows,
            what: "articles",
        },
        row,
    );
}

fn row(a: &Article, cols: &[usize], title_width: usize) -> Row<'static> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(truncate(&a.title, title_width)),
        1 => Cell::from(truncate(category_name(&a.category), 18)),
        2 => Cell::from(a.visibility.as_str().to_owned()),
        _ => Cell::from(crate::time::short(a.updated_at)),
    });
    Row::new(cells)
}

/// The open article's lines at `width`: its title, category and date, then
/// its body from markdown, wrapped.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let Some(v) = &app.session.knowledge.article else {
        return vec![];
    };
    let lines = match &v.article {
        Load::Loading => vec![Line::raw(" Loading…")],
        Load::Failed(e) => vec![Line::raw(format!(
            " Could not load the article: {e}  (^R retry)"
        ))],
        Load::Ready(a) => {
            let mut lines = vec![
                Line::styled(a.title.clone(), Style::new().add_modifier(Modifier::BOLD)),
                Line::styled(
                    format!(
                        "{} · revision {} · updated {} UTC",
                        category_name(&a.category),
                        a.revision,
                        crate::time::short(a.updated_at)
                    ),
                    Style::new().fg(Color::Gray),
                ),
                Line::raw(""),
            ];
            lines.extend(markdown::render(&a.body).lines);
            lines
        }
    };
    wrap_lines(lines, width.saturating_sub(2))
}

pub fn render_article(frame: &mut Frame, area: Rect, app: &App) {
    let Some(v) = &app.session.knowledge.article else {
        return;
    };
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let lines: Vec<Line> = lines(app, area.width).into_iter().skip(v.scroll).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How far the open article scrolls: its lines past one screen of body
/// (everything between the header bar and the status line).
pub fn max_scroll(app: &App) -> usize {
    let (w, h) = app.size;
    lines(app, w)
        .len()
        .saturating_sub(usize::from(h.saturating_sub(2)))
}

/// What the new-ticket editor offers a client once their support forms
/// are known: ` ^F use a form (2) `.
pub fn forms_offer(app: &App, c: &crate::screens::tickets::Compose) -> Option<String> {
    if !matches!(c.kind, crate::screens::tickets::ComposeKind::NewTicket) {
        return None;
    }
    match app.session.knowledge.forms.ready() {
        Some(forms) if !forms.is_empty() => Some(format!(" ^F use a form ({}) ", forms.len())),
        _ => None,
    }
}
