//! The billing forms: staff record a payment on a sent invoice. Rows are
//! named as the server names its errors (`amount`, `method`, `paid_on`).

use portico_shared::{FieldError, FieldKind, Id, Invoice, NewPayment};

use super::{FormDraft, Purpose, Row, Submission, field_error};

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
