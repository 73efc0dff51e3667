//! What the screen tests share: the app drawn on a `TestBackend` as text,
//! and keys pressed through the real key table and update.
#![allow(dead_code, clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico::input::map_key;
use portico::shell::model::App;
use portico::shell::msg::Effect;
use portico::shell::update::update;
use portico::shell::view as ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The whole screen as text, one line per row, trailing blanks cut.
pub fn text(app: &App) -> String {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let a = map_key(app, KeyEvent::new(code, mods)).unwrap();
    update(app, a)
}

pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    key(app, code, KeyModifiers::NONE)
}
