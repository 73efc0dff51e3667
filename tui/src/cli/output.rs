//! How results are printed: aligned tables for people, JSON for scripts.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::error::Result;
use crate::widgets::truncate;

/// Writes to stdout for `outln!`/`out!`. A reader that went away
/// (`portico tickets list | head -1`) ends the program quietly with exit 0:
/// nobody is left to read the rest. Any other write error ends it with 1.
pub fn write_stdout(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        write_stderr(format_args!("portico: cannot write the output: {e}\n"));
        std::process::exit(1);
    }
}

/// Writes to stderr for `errln!`; a closed stderr is ignored (not a panic).
pub fn write_stderr(args: std::fmt::Arguments) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// Pretty JSON on stdout. Strings keep their exact content, but characters a
/// terminal would act on (C1 controls, bidi and zero-width marks) are written
/// as `\u` escapes, which JSON readers decode back to the same text.
pub fn json<T: Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
    outln!("{}", terminal_safe_json(&text));
    Ok(())
}

/// The answer as JSON with `--json`, else one line for people.
pub fn json_or_line<T: Serialize>(json_wanted: bool, value: &T, line: String) -> Result<()> {
    if json_wanted {
        return json(value);
    }
    outln!("{line}");
    Ok(())
}

/// One message of a thread: a header line with its author and time, then
/// its body.
pub fn message(m: &portico_shared::Message) {
    let tag = if m.internal { " [internal note]" } else { "" };
    outln!(
        "\n--- {} · {}{tag}",
        crate::sanitize::line(&m.author.name),
        crate::time::short(m.created_at)
    );
    outln!("{}", crate::sanitize::text(&m.body));
}

/// Says on stderr that a listing of `what` stopped at `--limit` when the
/// server has more.
pub fn more_exist<C>(what: &str, next_cursor: &Option<C>) {
    if next_cursor.is_some() {
        errln!("portico: more {what} exist; raise --limit or narrow the filter");
    }
}

pub fn terminal_safe_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // serde_json already escapes C0; it leaves these raw.
        let risky = c.is_control() || crate::sanitize::line(&c.to_string()).is_empty();
        if risky && c != '\n' && c != ' ' {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Columns of already-sanitised text; the last column takes the rest.
pub fn table(headers: &[&str], rows: &[Vec<String>]) {
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, cell) in r.iter().enumerate().take(n - 1) {
            widths[i] = widths[i].max(cell.width().min(30));
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == n {
                s.push_str(c);
            } else {
                let c = truncate(c, 30);
                s.push_str(&c);
                s.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        outln!("{}", s.trim_end());
    };
    line(headers.iter().map(|h| (*h).to_owned()).collect());
    for r in rows {
        line(r.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_would_obey() {
        let raw = serde_json::to_string(&"a\u{9b}2J\u{202e}b\u{1b}c").unwrap_or_default();
        let safe = terminal_safe_json(&raw);
        assert!(
            !safe.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{safe}"
        );
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, "a\u{9b}2J\u{202e}b\u{1b}c");
    }
}
