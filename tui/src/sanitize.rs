//! Neutralises control characters and escape sequences in text from the
//! server before it reaches a widget, the window title, stderr or a log.
//!
//! A terminal obeys what it is sent: an OSC 52 writes the clipboard, OSC 0/2
//! retitles the window, `ESC c` resets the screen, a C1 `0x9b` starts a CSI on
//! some terminals, and bidi overrides make text read differently than it is
//! stored. Whole sequences are dropped (not just their ESC, which would leave
//! their parameters as garbage), lone controls are dropped, tabs become spaces.

/// Spaces a tab becomes.
const TAB: &str = "    ";

/// Single-line text: newlines become spaces.
pub fn line(s: &str) -> String {
    clean(s, false)
}

/// Multi-line text: newlines are kept, everything else as in [`line`].
pub fn text(s: &str) -> String {
    clean(s, true)
}

/// Cleans in place; allocates only when something must go.
pub fn line_in_place(s: &mut String) {
    if needs_cleaning(s) {
        *s = line(s);
    }
}

/// [`line_in_place`] for multi-line text.
pub fn text_in_place(s: &mut String) {
    if needs_cleaning(s) {
        *s = text(s);
    }
}

fn needs_cleaning(s: &str) -> bool {
    s.chars().any(|c| c.is_control() || is_invisible_format(c))
}

/// Bidi overrides, isolates and marks, zero-width characters and the BOM:
/// invisible characters that change how the text around them reads.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{061C}'                 // Arabic letter mark
        | '\u{200B}'..='\u{200F}'  // zero-width space, (non-)joiner, LRM, RLM
        | '\u{202A}'..='\u{202E}'  // embeddings and overrides
        | '\u{2028}' | '\u{2029}'  // line and paragraph separators
        | '\u{2060}'..='\u{2064}'  // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'  // isolates
        | '\u{206A}'..='\u{206F}'  // deprecated format controls
        | '\u{FEFF}'               // zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}') // interlinear annotation
}

/// What the scanner is inside of.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    /// After ESC.
    Escape,
    /// After ESC and intermediates (0x20–0x2f), waiting for the final byte.
    EscapeIntermediate,
    /// Control sequence: parameters until a final byte 0x40–0x7e.
    Csi,
    /// OSC, DCS, SOS, PM, APC: a string until BEL or ST.
    Str,
    /// ESC seen inside a string: `\` ends it (ST).
    StrEscape,
}

fn clean(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut state = State::Text;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        state = match state {
            State::Text => match c {
                '\u{1b}' => State::Escape,
                '\u{9b}' => State::Csi,
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => State::Str,
                '\n' => {
                    out.push(if keep_newlines { '\n' } else { ' ' });
                    State::Text
                }
                '\r' => {
                    // CRLF is a newline; a bare CR would overwrite the line.
                    if chars.peek() != Some(&'\n') && !keep_newlines {
                        out.push(' ');
                    }
                    State::Text
                }
                '\t' => {
                    out.push_str(TAB);
                    State::Text
                }
                '\u{2028}' | '\u{2029}' => {
                    out.push(if keep_newlines { '\n' } else { ' ' });
                    State::Text
                }
                c if c.is_control() || is_invisible_format(c) => State::Text,
                c => {
                    out.push(c);
                    State::Text
                }
            },
            State::Escape => match c {
                '[' => State::Csi,
                ']' | 'P' | 'X' | '^' | '_' => State::Str,
                '\u{20}'..='\u{2f}' => State::EscapeIntermediate,
                _ => State::Text,
            },
            State::EscapeIntermediate => match c {
                '\u{20}'..='\u{2f}' => State::EscapeIntermediate,
                _ => State::Text,
            },
            State::Csi => match c {
                '\u{40}'..='\u{7e}' => State::Text,
                // A control inside a CSI aborts it; ESC starts a new sequence.
                '\u{1b}' => State::Escape,
                '\u{20}'..='\u{3f}' => State::Csi,
                _ => State::Text,
            },
            State::Str => match c {
                '\u{07}' | '\u{9c}' => State::Text,
                '\u{1b}' => State::StrEscape,
                _ => State::Str,
            },
            State::StrEscape => match c {
                '\\' => State::Text,
                '\u{1b}' => State::StrEscape,
                _ => State::Str,
            },
        };
    }
    out
}

/// The longest file name written to disk, in characters.
const MAX_FILE_NAME: usize = 200;

/// A file name from the server made safe to create: printable, one plain
/// name (no directory separators, no leading dots, never `.` or `..`), of a
/// sane length; `file` when nothing is left.
pub fn file_name(name: &str) -> String {
    let clean: String = line(name)
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    if clean.is_empty() {
        return "file".to_owned();
    }
    if clean.chars().count() <= MAX_FILE_NAME {
        return clean.to_owned();
    }
    // Too long: keep the extension.
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.chars().count() <= 10 => (s, format!(".{e}")),
        _ => (clean, String::new()),
    };
    let keep = MAX_FILE_NAME - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

// ---- the API's types, cleaned field by field as they arrive ----------------

use portico_shared::{
    Attachment, Branding, ClockStatus, FormField, Me, Message, Order, OrderDetail, OrderForm,
    OrderItem, PersonRef, Place, Shift, Ticket, TimesheetEntry, TimesheetList,
};
use serde_json::Value;

pub fn person(p: &mut PersonRef) {
    line_in_place(&mut p.name);
}

pub fn ticket(t: &mut Ticket) {
    line_in_place(&mut t.subject);
    text_in_place(&mut t.body);
    line_in_place(&mut t.organization.name);
    person(&mut t.requester);
    if let Some(a) = &mut t.assignee {
        person(a);
    }
    if let Some(team) = &mut t.team {
        line_in_place(team);
    }
    t.tags.iter_mut().for_each(line_in_place);
}

pub fn attachment(a: &mut Attachment) {
    line_in_place(&mut a.file_name);
    line_in_place(&mut a.content_type);
}

pub fn message(m: &mut Message) {
    person(&mut m.author);
    text_in_place(&mut m.body);
    m.attachments.iter_mut().for_each(attachment);
}

pub fn order(o: &mut Order) {
    line_in_place(&mut o.reference);
    line_in_place(&mut o.title);
    line_in_place(&mut o.organization.name);
    line_in_place(&mut o.location.name);
    if let Some(team) = &mut o.team {
        line_in_place(team);
    }
    person(&mut o.submitted_by);
}

pub fn item(i: &mut OrderItem) {
    line_in_place(&mut i.description);
    if let Some(w) = &mut i.worker {
        person(w);
    }
}

fn field(f: &mut FormField) {
    line_in_place(&mut f.key);
    line_in_place(&mut f.label);
    f.options.iter_mut().for_each(line_in_place);
}

/// Every string inside a JSON value (multi-line text keeps its lines).
pub fn json(v: &mut Value) {
    match v {
        Value::String(s) => text_in_place(s),
        Value::Array(items) => items.iter_mut().for_each(json),
        Value::Object(map) => map.values_mut().for_each(json),
        _ => {}
    }
}

pub fn order_detail(d: &mut OrderDetail) {
    order(&mut d.order);
    line_in_place(&mut d.form.name);
    d.form.fields.iter_mut().for_each(field);
    d.values.values_mut().for_each(json);
    d.items.iter_mut().for_each(item);
    d.deliverables.iter_mut().for_each(attachment);
    d.files.iter_mut().for_each(attachment);
}

pub fn order_form(f: &mut OrderForm) {
    line_in_place(&mut f.definition.name);
    f.definition.fields.iter_mut().for_each(field);
    if let Some(team) = &mut f.definition.defaults.team {
        line_in_place(team);
    }
}

pub fn support_form(f: &mut portico_shared::SupportForm) {
    line_in_place(&mut f.name);
    f.fields.iter_mut().for_each(field);
}

fn place(p: &mut Place) {
    line_in_place(&mut p.name);
    line_in_place(&mut p.timezone);
}

pub fn shift(s: &mut Shift) {
    person(&mut s.worker);
    place(&mut s.location);
    if let Some(o) = &mut s.organization {
        line_in_place(&mut o.name);
    }
    if let Some(o) = &mut s.order {
        line_in_place(&mut o.reference);
    }
}

pub fn entry(e: &mut TimesheetEntry) {
    person(&mut e.worker);
    place(&mut e.location);
    if let Some(o) = &mut e.organization {
        line_in_place(&mut o.name);
    }
    if let Some(o) = &mut e.order {
        line_in_place(&mut o.reference);
    }
    text_in_place(&mut e.note);
    if let Some(r) = &mut e.reason {
        line_in_place(r);
    }
    if let Some(p) = &mut e.decided_by {
        person(p);
    }
}

pub fn timesheet_list(l: &mut TimesheetList) {
    l.entries.iter_mut().for_each(entry);
    l.totals.iter_mut().for_each(|t| person(&mut t.worker));
}

pub fn clock_status(c: &mut ClockStatus) {
    if let Some(s) = &mut c.shift {
        shift(s);
    }
    if let Some(e) = &mut c.entry {
        entry(e);
    }
}

pub fn branding(b: &mut Branding) {
    line_in_place(&mut b.company_name);
    text_in_place(&mut b.logo);
    text_in_place(&mut b.welcome);
    line_in_place(&mut b.accent);
    line_in_place(&mut b.copyright);
}

pub fn me(m: &mut Me) {
    line_in_place(&mut m.user.name);
    line_in_place(&mut m.user.email);
    if let Some(o) = &mut m.organization {
        line_in_place(&mut o.name);
    }
    for l in &mut m.locations {
        line_in_place(&mut l.name);
        line_in_place(&mut l.address);
    }
    if let Some(w) = &mut m.welcome {
        text_in_place(w);
    }
}

pub fn project(p: &mut portico_shared::Project) {
    line_in_place(&mut p.name);
    line_in_place(&mut p.description);
    line_in_place(&mut p.organization.name);
    if let Some(l) = &mut p.location {
        line_in_place(&mut l.name);
    }
    if let Some(o) = &mut p.owner {
        person(o);
    }
}

pub fn task(t: &mut portico_shared::Task) {
    line_in_place(&mut t.title);
    text_in_place(&mut t.description);
    line_in_place(&mut t.organization.name);
    if let Some(p) = &mut t.project {
        line_in_place(&mut p.name);
    }
    if let Some(l) = &mut t.location {
        line_in_place(&mut l.name);
    }
    if let Some(a) = &mut t.assignee {
        person(a);
    }
}

pub fn conversation(c: &mut portico_shared::Conversation) {
    line_in_place(&mut c.subject);
    line_in_place(&mut c.organization.name);
    person(&mut c.started_by);
    c.participants.iter_mut().for_each(person);
}

pub fn project_detail(d: &mut portico_shared::ProjectDetail) {
    project(&mut d.project);
    d.phases.iter_mut().for_each(|p| line_in_place(&mut p.name));
    d.history
        .iter_mut()
        .for_each(|h| line_in_place(&mut h.phase_name));
    d.tasks.iter_mut().for_each(task);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn has_control(s: &str, allow_newline: bool) -> bool {
        s.chars()
            .any(|c| (c.is_control() && !(allow_newline && c == '\n')) || is_invisible_format(c))
    }

    #[test]
    fn escape_sequences_vanish_whole() {
        let cases = [
            ("a\u{1b}]52;c;cHduZWQ=\u{07}b", "ab"), // OSC 52 clipboard, BEL
            ("a\u{1b}]52;c;cHduZWQ=\u{1b}\\b", "ab"), // OSC 52, ST
            ("\u{1b}]0;pwned\u{07}title", "title"), // OSC 0 window title
            ("\u{1b}]2;pwned\u{1b}\\x", "x"),       // OSC 2
            (
                "\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "link",
            ), // OSC 8 hyperlink
            ("x\u{1b}[2Jy", "xy"),                  // CSI clear screen
            ("x\u{1b}[38;5;196mred\u{1b}[0m", "xred"), // SGR
            ("\u{1b}cafter reset", "after reset"),  // RIS
            ("\u{1b}(Bascii", "ascii"),             // charset designation
            ("\u{1b}P1$qm\u{1b}\\dcs", "dcs"),      // DCS
            ("\u{1b}_apc\u{1b}\\a", "a"),           // APC
            ("\u{1b}^pm\u{1b}\\p", "p"),            // PM
            ("\u{1b}Xsos\u{1b}\\s", "s"),           // SOS
            ("c1\u{9b}2Jcsi", "c1csi"),             // C1 CSI
            ("c1\u{9d}0;t\u{9c}osc", "c1osc"),      // C1 OSC and ST
            ("bell\u{07}s", "bells"),
            ("nul\u{0}del\u{7f}", "nuldel"),
            ("unterminated\u{1b}]52;c;AAAA", "unterminated"),
        ];
        for (input, want) in cases {
            assert_eq!(line(input), want, "input {input:?}");
        }
    }

    #[test]
    fn bidi_and_invisible_characters_vanish() {
        let input = "invoice\u{202E}fdp.exe\u{202C} \u{2066}x\u{2069}\u{200E}\u{200F}\u{200D}\u{200B}\u{FEFF}";
        assert_eq!(line(input), "invoicefdp.exe x");
    }

    #[test]
    fn whitespace_is_made_harmless() {
        assert_eq!(line("a\tb"), "a    b");
        assert_eq!(line("one\ntwo"), "one two");
        assert_eq!(text("one\r\ntwo\nthree"), "one\ntwo\nthree");
        assert_eq!(text("over\rwrite"), "overwrite");
        assert_eq!(line("over\rwrite"), "over write");
    }

    #[test]
    fn file_names_stay_plain_names() {
        assert_eq!(file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_name("..\\..\\boot.ini"), "_.._boot.ini");
        assert_eq!(file_name(".."), "file");
        assert_eq!(file_name("  .bashrc"), "bashrc");
        assert_eq!(file_name("\u{1b}]0;x\u{7}"), "file");
        assert_eq!(file_name("re\u{202e}port.pdf"), "report.pdf");
        let long = format!("{}.csv", "a".repeat(500));
        let cut = file_name(&long);
        assert_eq!(cut.chars().count(), MAX_FILE_NAME);
        assert!(cut.ends_with("a.csv"));
    }

    #[test]
    fn plain_text_passes_unchanged() {
        let s = "Grüße, 東京 — ✓ #42 (ok) [x] {y} ~!@$%^&*";
        assert_eq!(line(s), s);
        let mut owned = s.to_owned();
        line_in_place(&mut owned);
        assert_eq!(owned, s);
    }

    proptest! {
        #[test]
        fn output_never_holds_a_control_character(s in any::<String>()) {
            prop_assert!(!has_control(&line(&s), false));
            prop_assert!(!has_control(&text(&s), true));
        }

        #[test]
        fn escape_heavy_input_is_cleaned(parts in proptest::collection::vec(
            prop_oneof![
                Just("\u{1b}".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
                Just("\u{9b}".to_owned()), Just("\u{9d}".to_owned()), Just("\u{07}".to_owned()),
                Just("\u{1b}\\".to_owned()), Just("\r".to_owned()), Just("\u{202e}".to_owned()),
                "[a-z0-9;]{0,4}",
            ], 0..40)) {
            let s: String = parts.concat();
            prop_assert!(!has_control(&line(&s), false));
            prop_assert!(!has_control(&text(&s), true));
        }
    }
}
