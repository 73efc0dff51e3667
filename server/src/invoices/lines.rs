//! Lines as staff write them (decimal strings) priced into minor units,
//! and the draft an invoice or quote is written from, checked whole: every
//! failing field is named in one 422 answer.

use jiff::civil::Date;
use portico_shared::money::{self, MAX_DESCRIPTION_CHARS, MAX_LINES, MAX_NOTES_CHARS};
use portico_shared::{FieldError, Id, Line, LineInput, validate};

use crate::error::{ApiError, Result};
use crate::store::billing::{Draft, LineRow};

/// A draft as sent, before it is checked; `until` is named `until_field`
/// (`due_date`, `valid_until`) in errors.
pub struct DraftInput {
    pub organization_id: Id,
    pub currency: String,
    pub issue_date: Date,
    pub until: Date,
    pub until_field: &'static str,
    pub notes: String,
    pub lines: Vec<LineInput>,
}

/// A checked draft with its net and tax in minor units.
pub struct Priced {
    pub draft: Draft,
    pub net: i64,
    pub tax: i64,
}

/// Checks and prices a draft.
pub fn check(input: DraftInput) -> Result<Priced> {
    let mut errors = Vec::new();
    let currency = money::currency(&input.currency).unwrap_or_else(|e| {
        errors.push(e);
        "EUR".to_owned()
    });
    let digits = money::minor_units(&currency).unwrap_or(2);
    if input.until < input.issue_date {
        errors.push(FieldError::new(
            input.until_field,
            "must not be before issue_date",
        ));
    }
    let notes = validate::text("notes", &input.notes, MAX_NOTES_CHARS).unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    let lines = price(&input.lines, digits, &mut errors);
    let draft = Draft {
        organization_id: input.organization_id,
        currency,
        issue_date: input.issue_date,
        until: input.until,
        notes,
        lines,
    };
    let totals = draft
        .totals()
        .filter(|(net, tax)| net.checked_add(*tax).is_some());
    match totals {
        Some((net, tax)) if errors.is_empty() => Ok(Priced { draft, net, tax }),
        None if errors.is_empty() => Err(ApiError::field(
            "lines",
            "the lines add up to more than Portico can hold",
        )),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Prices each line; failures go to `errors` as `lines[i].field`.
fn price(lines: &[LineInput], digits: u32, errors: &mut Vec<FieldError>) -> Vec<LineRow> {
    if lines.len() > MAX_LINES {
        errors.push(FieldError::new(
            "lines",
            format!("at most {MAX_LINES} lines"),
        ));
        return Vec::new();
    }
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| price_one(l, digits, &format!("lines[{i}]"), errors))
        .collect()
}

/// The value, or `None` with its error added to `errors`.
fn keep<T>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

fn price_one(
    l: &LineInput,
    digits: u32,
    at: &str,
    errors: &mut Vec<FieldError>,
) -> Option<LineRow> {
    let field = |name: &str| format!("{at}.{name}");
    let description = keep(
        errors,
        validate::text(&field("description"), &l.description, MAX_DESCRIPTION_CHARS).and_then(
            |d| match d.is_empty() {
                true => Err(FieldError::new(field("description"), "must not be empty")),
                false => Ok(d),
            },
        ),
    );
    let quantity = keep(
        errors,
        money::decimal(&field("quantity"), &l.quantity, money::QUANTITY_SCALE).and_then(
            |q| match q.is_zero() {
                true => Err(FieldError::new(field("quantity"), "must be above zero")),
                false => Ok(q),
            },
        ),
    );
    let unit_price = keep(
        errors,
        money::decimal(&field("unit_price"), &l.unit_price, money::PRICE_SCALE),
    );
    let rate_text = match l.tax_rate.trim() {
        "" => "0",
        t => t,
    };
    let tax_rate = keep(
        errors,
        money::decimal(&field("tax_rate"), rate_text, money::RATE_SCALE).and_then(|r| {
            match r > money::Decimal::ONE_HUNDRED {
                true => Err(FieldError::new(
                    field("tax_rate"),
                    "must be 0 to 100 (percent)",
                )),
                false => Ok(r),
            }
        }),
    );
    let (description, quantity, unit_price, tax_rate) =
        (description?, quantity?, unit_price?, tax_rate?);
    let Some(amounts) = money::line_amounts(quantity, unit_price, tax_rate, digits) else {
        errors.push(FieldError::new(
            field("unit_price"),
            "the line comes to more than Portico can hold",
        ));
        return None;
    };
    Some(LineRow {
        description,
        quantity: quantity.to_string(),
        unit_price: unit_price.to_string(),
        tax_rate: tax_rate.to_string(),
        net: amounts.net,
        tax: amounts.tax,
    })
}

/// A stored line as written again, for re-pricing a draft whose currency changed.
pub fn input_of(l: &LineRow) -> LineInput {
    LineInput {
        description: l.description.clone(),
        quantity: l.quantity.clone(),
        unit_price: l.unit_price.clone(),
        tax_rate: l.tax_rate.clone(),
    }
}

/// A stored line as the API shows it.
pub fn view(l: &LineRow, digits: u32) -> Line {
    Line {
        description: l.description.clone(),
        quantity: l.quantity.clone(),
        unit_price: l.unit_price.clone(),
        tax_rate: l.tax_rate.clone(),
        net: money::format_minor(l.net, digits),
        tax: money::format_minor(l.tax, digits),
        total: money::format_minor(l.net.saturating_add(l.tax), digits),
    }
}
