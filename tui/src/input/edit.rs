//! Editing one line of text, as every text field and search line does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One-line editing: type, Backspace, Ctrl-U clears.
pub fn edit_line(s: &mut String, key: KeyEvent) {
    match key.code {
        KeyCode::Backspace => {
            s.pop();
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => s.clear(),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() => {
            s.push(c)
        }
        _ => {}
    }
}
