//! The billing forms: staff record a payment on a sent invoice, and write
//! a draft invoice or quote (new, with its organisation and currency, or
//! changed) in one editor whose totals follow what they type. Rows are
//! named as the server names its errors (`amount`, `method`, `paid_on`,
//! `organization_id`, `currency`, `due_date`/`valid_until`, `lines`).

use jiff::civil::Date;
use portico_shared::{
    FieldError, FieldKind, Id, Invoice, InvoiceDetail, InvoicePatch, Line, LineInput, NewInvoice,
    NewPayment, NewQuote, QuoteDetail, QuotePatch, money,
};
use ratatui_textarea::TextArea;

use super::{FormDraft, Input, Purpose, Row, Submission, field_error};
use crate::widgets::for_whom::ForWhom;

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

/// Which kind of document a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Invoice,
    Quote,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Invoice => "invoice",
            DocKind::Quote => "quote",
        }
    }

    /// Its last day as the server names the field, and its label.
    fn until(self) -> (&'static str, &'static str) {
        match self {
            DocKind::Invoice => ("due_date", "Due"),
            DocKind::Quote => ("valid_until", "Valid until"),
        }
    }
}

/// What a checked draft asks of the server: a new invoice or quote, or a
/// change to one.
#[derive(Debug, Clone)]
pub enum DraftRequest {
    Invoice { id: Id, patch: InvoicePatch },
    Quote { id: Id, patch: QuotePatch },
    New(NewDraft),
}

#[derive(Debug, Clone)]
pub enum NewDraft {
    Invoice(NewInvoice),
    Quote(NewQuote),
}

impl FormDraft {
    /// Staff change a draft invoice's lines and due date; the totals
    /// follow as they type.
    pub fn invoice_draft(d: &InvoiceDetail) -> FormDraft {
        let i = &d.invoice;
        FormDraft::draft(
            DocKind::Invoice,
            Some(i.id),
            &i.currency,
            i.due_date,
            &d.lines,
        )
    }

    /// Staff change a draft quote's lines and last valid day, as an invoice's.
    pub fn quote_draft(d: &QuoteDetail) -> FormDraft {
        let q = &d.quote;
        FormDraft::draft(
            DocKind::Quote,
            Some(q.id),
            &q.currency,
            q.valid_until,
            &d.lines,
        )
    }

    /// A new draft of `kind`: the organisation (searched by name) and the
    /// currency first, then its last day (`until` to start with) and lines.
    pub fn new_draft(kind: DocKind, until: Date) -> FormDraft {
        let mut form = FormDraft::draft(kind, None, "EUR", until, &[]);
        let mut org = Row::new(
            "organization_id",
            "Organisation",
            FieldKind::Text,
            true,
            Input::Org(ForWhom::default()),
        );
        org.hint = "type part of its name · ↑↓ choose".into();
        let mut currency = Row::line("currency", "Currency", FieldKind::Text, true, "EUR".into());
        currency.hint = "a currency code: EUR, USD, JPY…".into();
        form.rows.splice(0..0, [org, currency]);
        form.retotal();
        form
    }

    /// The draft editor of either kind; `id` absent for a new one.
    fn draft(
        kind: DocKind,
        id: Option<Id>,
        currency: &str,
        until: Date,
        lines: &[Line],
    ) -> FormDraft {
        let (field, label) = kind.until();
        let mut until = Row::line(field, label, FieldKind::Text, true, until.to_string());
        until.hint = "YYYY-MM-DD".into();
        let typed: Vec<String> = lines
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
        let purpose = Purpose::Draft {
            kind,
            id,
            currency: currency.to_owned(),
        };
        let title = match id {
            Some(_) => format!("Edit the draft {}", kind.name()),
            None => format!("New draft {}", kind.name()),
        };
        let mut form = FormDraft::new(purpose, &title, vec![until, lines]);
        form.retotal();
        form
    }

    /// The currency a draft is written in: as typed, for a new one.
    fn currency(&self) -> Option<String> {
        let Purpose::Draft { currency, .. } = &self.purpose else {
            return None;
        };
        Some(match self.row("currency") {
            Some(r) => r.text().trim().to_ascii_uppercase(),
            None => currency.clone(),
        })
    }

    /// The live totals of a draft's lines, shown above its fields; other
    /// forms have none.
    pub fn retotal(&mut self) {
        let Some(currency) = self.currency() else {
            return;
        };
        let text = self.row("lines").map(Row::text).unwrap_or_default();
        let shown = match money::minor_units(&currency) {
            Some(digits) => parse_lines(&text)
                .and_then(|l| totals(&l, digits))
                .map(|t| (t, digits)),
            None => Err(format!("{currency:?} is not a currency code")),
        };
        self.notice = Some(match shown {
            Ok(((net, tax), digits)) => format!(
                "Net {} · tax {} · total {} {currency}",
                money::format_minor(net, digits),
                money::format_minor(tax, digits),
                money::format_minor(net.saturating_add(tax), digits)
            ),
            Err(why) => format!("Totals: {why}"),
        });
    }

    pub(super) fn check_draft(
        &self,
        kind: DocKind,
        id: Option<Id>,
    ) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let (field, _) = kind.until();
        let typed = self.row(field).map(Row::text).unwrap_or_default();
        let until: Option<Date> = typed.trim().parse().ok();
        if until.is_none() {
            errors.push(field_error(field, "a day such as 2026-12-01"));
        }
        let text = self.row("lines").map(Row::text).unwrap_or_default();
        let lines = parse_lines(&text)
            .map_err(|why| errors.push(field_error("lines", &why)))
            .ok();
        let org = self.rows.iter().find_map(|r| match &r.input {
            Input::Org(p) => Some(p.organization().map(|o| o.id)),
            _ => None,
        });
        if org == Some(None) {
            errors.push(field_error(
                "organization_id",
                "choose the organisation it is for",
            ));
        }
        let currency = self.currency().unwrap_or_default();
        if money::minor_units(&currency).is_none() {
            errors.push(field_error("currency", "a currency code such as EUR"));
        }
        let (Some(until), Some(lines), true) = (until, lines, errors.is_empty()) else {
            return Err(errors);
        };
        let request = match (kind, id, org.flatten()) {
            (DocKind::Invoice, Some(id), _) => DraftRequest::Invoice {
                id,
                patch: InvoicePatch {
                    due_date: Some(until),
                    lines: Some(lines),
                    ..InvoicePatch::default()
                },
            },
            (DocKind::Quote, Some(id), _) => DraftRequest::Quote {
                id,
                patch: QuotePatch {
                    valid_until: Some(until),
                    lines: Some(lines),
                    ..QuotePatch::default()
                },
            },
            (DocKind::Invoice, None, Some(organization_id)) => {
                DraftRequest::New(NewDraft::Invoice(NewInvoice {
                    organization_id,
                    currency,
                    issue_date: None,
                    due_date: until,
                    notes: String::new(),
                    lines,
                }))
            }
            (DocKind::Quote, None, Some(organization_id)) => {
                DraftRequest::New(NewDraft::Quote(NewQuote {
                    organization_id,
                    currency,
                    issue_date: None,
                    valid_until: until,
                    notes: String::new(),
                    lines,
                }))
            }
            (_, None, None) => {
                return Err(vec![field_error(
                    "organization_id",
                    "choose the organisation it is for",
                )]);
            }
        };
        Ok(Submission::Draft(request))
    }
}
