//! A dialog box: bordered, centred, as tall as its text once wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::shell::model::App;
use crate::widgets::{accent, centered, wrap_lines};

/// A bordered box `width` wide (at most the screen's), centred, as tall as
/// `lines` once word-wrapped inside it: nothing is cut mid-word.
pub fn boxed(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: &str,
    lines: Vec<Line<'static>>,
    app: &App,
) {
    let width = width.min(area.width);
    let lines = wrap_lines(lines, width.saturating_sub(2));
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = centered(area, width, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent(app)))
        .title(title.to_owned());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
