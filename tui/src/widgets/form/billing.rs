//! The billing forms: staff record a payment on a sent invoice, and change
//! a draft invoice's lines with live totals. Rows are named as the server
//! names its errors (`amount`, `method`, `paid_on`, `due_date`, `lines`).

use portico_shared::{
    FieldError, FieldKind, Id, Invoice, InvoiceDetail, InvoicePatch, LineInput, NewPayment, money,
};
use ratatui_textarea::TextArea;

use super::{FormDraft, Input, Purpose, Row, Submission, field_error};

impl FormDraft {
    /// A payment of `i`, what is due filled in; an empty day is today.
    pub fn payment(i: &Invoice) -> FormDraft {
        let mut amount = Row::line("amount", "Amount", FieldKind::Text, true, i.due.clone());
        amount.hint = format!("in {}, at most the {} due", i.currency, i.due);
        let method = Row::line(
            "method",
            "Method",
            FieldKind::Text,
            true,
            "bank transfer".into(),
        );
        let mut paid_on = Row::line("paid_on", "Paid on", FieldKind::Text, false, String::new());
        paid_on.hint = "YYYY-MM-DD; empty for today".into();
        let title = format!(
            "Record a payment of {}",
            i.number.as_deref().unwrap_or("the invoice")
        );
        FormDraft::new(
            Purpose::Payment { invoice: i.id },
            &title,
            vec![amount, method, paid_on],
        )
    }

    pub(super) fn check_payment(&self, invoice: Id) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |name: &str| self.row(name).map(Row::text).unwrap_or_default();
        let amount = text("amount").trim().to_owned();
        if amount.is_empty() {
            errors.push(field_error("amount", "write the amount paid"));
        }
        let method = text("method").trim().to_owned();
        if method.is_empty() {
            errors.push(field_error("method", "say how it was paid"));
        }
        let paid_on = match text("paid_on").trim() {
            "" => None,
            day => match day.parse() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(field_error("paid_on", "a day such as 2026-12-01"));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Submission::Payment {
            invoice,
            payment: NewPayment {
                amount,
                paid_on,
                method,
            },
        })
    }
}

/// How a draft's lines are written, one a line.
const LINE_FORMAT: &str = "description | quantity | unit price | tax %";

/// The lines as typed: `description | quantity | unit price | tax %` (tax
/// may be left out), blank lines skipped; the first unreadable one is named.
fn parse_lines(text: &str) -> Result<Vec<LineInput>, String> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = raw.split('|').map(str::trim).collect();
        match parts.as_slice() {
            [description, quantity, unit_price, rest @ ..] if rest.len() <= 1 => {
                out.push(LineInput {
                    description: (*description).to_owned(),
                    quantity: (*quantity).to_owned(),
                    unit_price: (*unit_price).to_owned(),
                    tax_rate: rest.first().copied().unwrap_or("0").to_owned(),
                })
            }
            _ => return Err(format!("line {}: write {LINE_FORMAT}", n + 1)),
        }
    }
    Ok(out)
}

/// Net and tax of the lines in minor units of a currency with `digits`,
/// priced as the server prices them; or what is wrong.
fn totals(lines: &[LineInput], digits: u32) -> Result<(i64, i64), String> {
    let mut sum = (0_i64, 0_i64);
    for (n, l) in lines.iter().enumerate() {
        let read = |field: &str, raw: &str, scale: u32| {
            money::decimal(field, raw, scale).map_err(|e| format!("line {}: {}", n + 1, e.message))
        };
        let q = read("quantity", &l.quantity, money::QUANTITY_SCALE)?;
        let p = read("unit price", &l.unit_price, money::PRICE_SCALE)?;
        let r = read("tax", &l.tax_rate, money::RATE_SCALE)?;
        let a = money::line_amounts(q, p, r, digits)
            .ok_or_else(|| format!("line {}: too large", n + 1))?;
        sum = (
            sum.0.checked_add(a.net).ok_or("too large")?,
            sum.1.checked_add(a.tax).ok_or("too large")?,
        );
    }
    Ok(sum)
}

impl FormDraft {
    /// Staff change a draft invoice's lines and due date; the totals
    /// follow as they type.
    pub fn invoice_draft(d: &InvoiceDetail) -> FormDraft {
        let i = &d.invoice;
        let mut due = Row::line(
            "due_date",
            "Due",
            FieldKind::Text,
            true,
            i.due_date.to_string(),
        );
        due.hint = "YYYY-MM-DD".into();
        let typed: Vec<String> = d
            .lines
            .iter()
            .map(|l| {
                format!(
                    "{} | {} | {} | {}",
                    l.description, l.quantity, l.unit_price, l.tax_rate
                )
            })
            .collect();
        let mut lines = Row::new(
            "lines",
            "Lines",
            FieldKind::Multiline,
            true,
            Input::Lines(Box::new(TextArea::new(typed))),
        );
        lines.hint = format!("one a line: {LINE_FORMAT}");
        let purpose = Purpose::InvoiceDraft {
            id: i.id,
            currency: i.currency.clone(),
        };
        let mut form = FormDraft::new(purpose, "Edit the draft invoice", vec![due, lines]);
        form.retotal();
        form
    }

    /// The live totals of a draft's lines, shown above its fields; other
    /// forms have none.
    pub fn retotal(&mut self) {
        let Purpose::InvoiceDraft { currency, .. } = &self.purpose else {
            return;
        };
        let digits = money::minor_units(currency).unwrap_or(2);
        let text = self.row("lines").map(Row::text).unwrap_or_default();
        let shown = parse_lines(&text).and_then(|l| totals(&l, digits));
        self.notice = Some(match shown {
            Ok((net, tax)) => format!(
                "Net {} · tax {} · total {} {currency}",
                money::format_minor(net, digits),
                money::format_minor(tax, digits),
                money::format_minor(net.saturating_add(tax), digits)
            ),
            Err(why) => format!("Totals: {why}"),
        });
    }

    pub(super) fn check_invoice_draft(&self, id: Id) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let due = self.row("due_date").map(Row::text).unwrap_or_default();
        let due_date = due.trim().parse().map_err(|_| {
            errors.push(field_error("due_date", "a day such as 2026-12-01"));
        });
        let text = self.row("lines").map(Row::text).unwrap_or_default();
        let lines = parse_lines(&text).map_err(|why| errors.push(field_error("lines", &why)));
        match (due_date, lines) {
            (Ok(due_date), Ok(lines)) if errors.is_empty() => Ok(Submission::InvoiceDraft {
                id,
                patch: InvoicePatch {
                    due_date: Some(due_date),
                    lines: Some(lines),
                    ..InvoicePatch::default()
                },
            }),
            _ => Err(errors),
        }
    }
}
