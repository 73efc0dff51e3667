//! An invoice or a quote as a PDF (`pdf-writer`): the company, the client,
//! the lines, the totals and (for an invoice) how to pay. The standard
//! Courier and Helvetica fonts need nothing embedded, and Courier's fixed
//! width lines the columns up.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use portico_shared::{Id, InvoiceDetail, Line, QuoteDetail};

use super::export::{self, Download};
use crate::state::AppState;

/// A4 in points, and the margins.
const PAGE: (f32, f32) = (595.0, 842.0);
const LEFT: f32 = 50.0;
const TOP: f32 = 792.0;
const BOTTOM: f32 = 60.0;
/// Characters in a Courier row at `MONO` points across the text width.
const MONO: f32 = 9.0;
const WIDTH: usize = 88;
const DESCRIPTION: usize = 38;

/// One row of text and its font.
enum Row {
    Heading(String),
    Mono(String),
    Gap,
}

/// What an invoice or a quote prints: the same sheet with its own head
/// rows and totals.
pub struct Sheet<'a> {
    /// `invoice`, `quote`.
    kind: &'static str,
    id: Id,
    number: Option<&'a str>,
    /// Label and value rows under the heading (billed to, dates, status).
    head: Vec<(&'static str, String)>,
    lines: &'a [Line],
    totals: Vec<(&'static str, &'a str)>,
    currency: &'a str,
    payment_link: Option<&'a str>,
    notes: &'a str,
}

impl<'a> From<&'a InvoiceDetail> for Sheet<'a> {
    fn from(d: &'a InvoiceDetail) -> Self {
        let i = &d.invoice;
        Sheet {
            kind: "invoice",
            id: i.id,
            number: i.number.as_deref(),
            head: vec![
                ("Billed to", i.organization.name.clone()),
                ("Issued", i.issue_date.to_string()),
                ("Due", i.due_date.to_string()),
                ("Status", i.status.to_string()),
                ("Currency", i.currency.clone()),
            ],
            lines: &d.lines,
            totals: vec![
                ("Net", &i.net),
                ("Tax", &i.tax),
                ("Total", &i.total),
                ("Paid", &i.paid),
                ("Due", &i.due),
            ],
            currency: &i.currency,
            payment_link: d.payment_link.as_deref(),
            notes: &d.notes,
        }
    }
}

impl<'a> From<&'a QuoteDetail> for Sheet<'a> {
    fn from(d: &'a QuoteDetail) -> Self {
        let q = &d.quote;
        Sheet {
            kind: "quote",
            id: q.id,
            number: q.number.as_deref(),
            head: vec![
                ("For", q.organization.name.clone()),
                ("Issued", q.issue_date.to_string()),
                ("Valid until", q.valid_until.to_string()),
                ("Status", q.status.to_string()),
                ("Currency", q.currency.clone()),
            ],
            lines: &d.lines,
            totals: vec![("Net", &q.net), ("Tax", &q.tax), ("Total", &q.total)],
            currency: &q.currency,
            payment_link: None,
            notes: &d.notes,
        }
    }
}

/// The file name: its number, or its kind and id while a draft.
pub fn file_name(s: &Sheet<'_>) -> String {
    match s.number {
        Some(n) => format!("{n}.pdf"),
        None => format!("{}-draft-{}.pdf", s.kind, s.id),
    }
}

/// The sheet as a PDF to save, branded with the company's name.
pub fn download(st: &AppState, s: &Sheet<'_>) -> Download<Vec<u8>> {
    let bytes = render(s, &st.config.branding.company_name);
    export::download("application/pdf", &file_name(s), bytes)
}

/// The PDF's bytes.
pub fn render(s: &Sheet<'_>, company: &str) -> Vec<u8> {
    let rows = rows(s, company);
    let per_page = ((TOP - BOTTOM) / (MONO * 1.5)) as usize;
    let pages: Vec<&[Row]> = rows.chunks(per_page.max(1)).collect();
    write(&pages, &file_name(s))
}

/// Everything the sheet says, top to bottom.
fn rows(s: &Sheet<'_>, company: &str) -> Vec<Row> {
    let number = s.number.unwrap_or("DRAFT");
    let mut rows = vec![
        Row::Heading(format!("{company}: {} {number}", s.kind)),
        Row::Gap,
    ];
    let label_width = s.head.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 1;
    for (label, value) in &s.head {
        let label = format!("{label}:");
        rows.push(Row::Mono(format!("{label:<label_width$} {value}")));
    }
    rows.extend([
        Row::Gap,
        Row::Mono(format!(
            "{:<DESCRIPTION$} {:>10} {:>14} {:>8} {:>14}",
            "Description", "Quantity", "Unit price", "Tax %", "Net"
        )),
        Row::Mono("-".repeat(WIDTH)),
    ]);
    for l in s.lines {
        let description: String = l.description.chars().take(DESCRIPTION).collect();
        rows.push(Row::Mono(format!(
            "{description:<DESCRIPTION$} {:>10} {:>14} {:>8} {:>14}",
            l.quantity, l.unit_price, l.tax_rate, l.net
        )));
    }
    rows.push(Row::Mono("-".repeat(WIDTH)));
    for (label, value) in &s.totals {
        let cell = format!("{label}  {value} {}", s.currency);
        rows.push(Row::Mono(format!("{cell:>WIDTH$}")));
    }
    rows.push(Row::Gap);
    if let Some(link) = s.payment_link {
        rows.push(Row::Mono("Pay online:".into()));
        rows.push(Row::Mono(link.chars().take(WIDTH).collect()));
    }
    for line in s.notes.lines() {
        rows.push(Row::Mono(line.chars().take(WIDTH).collect()));
    }
    rows
}

/// Writes the pages: a catalog, a page tree, two fonts, and per page a
/// page object and its content stream.
fn write(pages: &[&[Row]], title: &str) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let mono = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let page_ref = |n: usize| Ref::new(6 + 2 * n as i32);
    let content_ref = |n: usize| Ref::new(7 + 2 * n as i32);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..pages.len()).map(page_ref))
        .count(pages.len() as i32);
    pdf.type1_font(mono)
        .base_font(Name(b"Courier"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr("Portico"));
    for (n, rows) in pages.iter().enumerate() {
        let mut page = pdf.page(page_ref(n));
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1))
            .contents(content_ref(n));
        page.resources()
            .fonts()
            .pair(Name(b"M"), mono)
            .pair(Name(b"B"), bold);
        page.finish();
        let footer = format!("Page {} of {}", n + 1, pages.len());
        let content = content(rows, &footer);
        pdf.stream(content_ref(n), &content);
    }
    pdf.finish()
}

/// One page's drawing: each row on its own line, then the footer.
fn content(rows: &[Row], footer: &str) -> Vec<u8> {
    let mut c = Content::new();
    let mut y = TOP;
    for row in rows {
        let (font, size, text) = match row {
            Row::Heading(t) => (Name(b"B"), 16.0, t.as_str()),
            Row::Mono(t) => (Name(b"M"), MONO, t.as_str()),
            Row::Gap => {
                y -= MONO;
                continue;
            }
        };
        c.begin_text();
        c.set_font(font, size);
        c.next_line(LEFT, y);
        c.show(Str(&win_ansi(text)));
        c.end_text();
        y -= size * 1.5;
    }
    c.begin_text();
    c.set_font(Name(b"M"), 8.0);
    c.next_line(LEFT, BOTTOM - 24.0);
    c.show(Str(&win_ansi(footer)));
    c.end_text();
    c.finish().to_vec()
}

/// Text in the standard fonts' WinAnsi encoding: Latin-1 as it is, the
/// euro sign at 0x80, anything else (and control characters) as `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|ch| match ch {
            '€' => 0x80,
            ' '..='~' | '\u{a0}'..='\u{ff}' => ch as u8,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::win_ansi;

    #[test]
    fn text_is_win_ansi() {
        assert_eq!(win_ansi("Ä €5\u{1b}"), vec![0xC4, b' ', 0x80, b'5', b'?']);
    }
}
