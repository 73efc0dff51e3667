//! What the ticket and order lists share: a tab line, columns that appear
//! as the terminal widens, and a table that builds only the rows on screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::list::visible_offset;
use crate::list::{Paged, Row as ListRow};
use crate::shell::layout::list_rows_area;
use crate::shell::model::App;
use crate::widgets::{accent, selected_style};

/// A column: its title, its width (for the flexible column, the least it
/// needs), and its rank: when the terminal is too narrow, the columns of the
/// highest rank go first; rank 0 always stays.
pub struct Column {
    pub title: &'static str,
    pub width: u16,
    pub rank: u8,
    pub staff_only: bool,
    /// Takes the width the others leave.
    pub flex: bool,
}

pub const fn column(title: &'static str, width: u16, rank: u8, staff_only: bool) -> Column {
    Column {
        title,
        width,
        rank,
        staff_only,
        flex: false,
    }
}

/// The column that takes the rest of the width, at least `min`.
pub const fn flex_column(title: &'static str, min: u16, rank: u8) -> Column {
    Column {
        title,
        width: min,
        rank,
        staff_only: false,
        flex: true,
    }
}

/// The columns shown in `width` (indices into `columns`): the staff-only
/// ones only for staff, then, while they do not fit, the highest rank
/// dropped first (the later of equal ranks first).
pub fn shown_columns(columns: &[Column], width: u16, staff: bool) -> Vec<usize> {
    let mut cols: Vec<usize> = (0..columns.len())
        .filter(|&i| staff || !columns[i].staff_only)
        .collect();
    let needed = |cols: &[usize]| -> u16 { cols.iter().map(|&i| columns[i].width + 1).sum() };
    while needed(&cols) > width {
        let Some(at) = (0..cols.len())
            .filter(|&k| columns[cols[k]].rank > 0)
            .max_by_key(|&k| (columns[cols[k]].rank, k))
        else {
            break;
        };
        cols.remove(at);
    }
    cols
}

/// `Europe/Berlin`: the zones a list's times are read in, each named once
/// (a list over several places names each of their zones); empty for none.
pub fn zone_names<'a>(zones: impl IntoIterator<Item = &'a str>) -> String {
    let mut names: Vec<String> = zones.into_iter().map(crate::time::zone_name).collect();
    names.sort();
    names.dedup();
    names.join(", ")
}

/// `  times in UTC`, after a tab line's counts.
pub fn zones_span<'a>(zones: impl IntoIterator<Item = &'a str>) -> Span<'static> {
    let names = zone_names(zones);
    let text = if names.is_empty() {
        String::new()
    } else {
        format!("  times in {names}")
    };
    Span::styled(text, Style::new().fg(Color::DarkGray))
}

/// `label · Europe/Berlin`: a tab that names the zones of its times, so the
/// zone shows however narrow the terminal (what follows a tab may be cut).
pub fn zoned_tab<'a>(label: String, zones: impl IntoIterator<Item = &'a str>) -> String {
    match zone_names(zones) {
        names if names.is_empty() => label,
        names => format!("{label} · {names}"),
    }
}

/// The tabs, the current one underlined in the accent colour, then `extra`.
pub fn tab_line(app: &App, tabs: &[(String, bool)], extra: Vec<Span<'static>>) -> Line<'static> {
    let accent = accent(app);
    let mut spans: Vec<Span> = tabs
        .iter()
        .map(|(label, on)| {
            if *on {
                Span::styled(
                    format!(" {label} "),
                    Style::new().fg(accent).bold().underlined(),
                )
            } else {
                Span::styled(format!(" {label} "), Style::new().fg(Color::Gray))
            }
        })
        .collect();
    spans.extend(extra);
    Line::from(spans)
}

/// How many rows are loaded, `+` when the server has more: "  12+ orders".
pub fn count_span(n: usize, more: bool, what: &str) -> Span<'static> {
    let more = if more { "+" } else { "" };
    Span::styled(
        format!("  {n}{more} {what}"),
        Style::new().fg(Color::DarkGray),
    )
}

/// A list to draw: its tabs and columns, its rows and how it stands.
pub struct Listing<'a, T> {
    pub tabs: Line<'static>,
    pub columns: &'a [Column],
    pub rows: &'a Paged<T>,
    /// "tickets", "orders": for the empty and failed notes.
    pub what: &'static str,
}

/// Draws the tab line, the column titles and the visible rows. `row` builds
/// one row from the shown columns (indices into `columns`) and the width of
/// the flexible column; marked rows are yellow when not selected.
pub fn render<T: ListRow>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    list: Listing<T>,
    row: impl Fn(&T, &[usize], usize) -> Row<'static>,
) {
    let paged = list.rows;
    let columns = list.columns;
    frame.render_widget(Paragraph::new(list.tabs), Rect { height: 1, ..area });
    let rows_area = list_rows_area((area.width, area.y + area.height + 1));
    let header_area = Rect::new(area.x, area.y + 1, area.width, 1);
    let staff = app.is_staff();
    let cols = shown_columns(columns, area.width, staff);
    let fixed: u16 = cols
        .iter()
        .filter(|&&i| !columns[i].flex)
        .map(|&i| columns[i].width + 1)
        .sum();
    let flex = area.width.saturating_sub(fixed + 1).max(10);
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|&i| {
            if columns[i].flex {
                Constraint::Length(flex)
            } else {
                Constraint::Length(columns[i].width)
            }
        })
        .collect();
    let titles = Row::new(cols.iter().map(|&i| Cell::from(columns[i].title))).style(
        Style::new()
            .fg(Color::Gray)
            .add_modifier(Modifier::UNDERLINED),
    );
    frame.render_widget(Table::new([titles], widths.clone()), header_area);

    if paged.items.is_empty() {
        let note = if paged.loading {
            " Loading…".to_owned()
        } else if let Some(e) = &paged.error {
            format!(" Could not load the {}: {e}  (^R retry)", list.what)
        } else {
            format!(" No {} here.", list.what)
        };
        frame.render_widget(Paragraph::new(note), rows_area);
        return;
    }
    let height = usize::from(rows_area.height);
    let offset = visible_offset(paged.offset, paged.selected, height);
    let end = (offset + height).min(paged.items.len());
    let rows = paged.items[offset..end].iter().enumerate().map(|(i, t)| {
        let r = row(t, &cols, usize::from(flex));
        if offset + i == paged.selected {
            r.style(selected_style(app))
        } else if paged.marks.contains(&t.id()) {
            r.style(Style::new().fg(Color::Yellow))
        } else {
            r
        }
    });
    frame.render_widget(Table::new(rows, widths), rows_area);
}
