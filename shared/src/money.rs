//! Money: amounts are integer minor units of their currency (cents, yen),
//! read from and written as plain decimal strings, never floats. Line
//! arithmetic is exact (`rust_decimal`) and rounds once per line, half away
//! from zero, to the currency's minor unit.

pub use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;

use crate::FieldError;

/// The ISO 4217 currencies Portico bills in, with their minor units.
const CURRENCIES: &[(&str, u32)] = &[
    ("AUD", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MXN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PLN", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("TND", 3),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// Most lines one invoice or quote holds.
pub const MAX_LINES: usize = 200;
/// A line's description.
pub const MAX_DESCRIPTION_CHARS: usize = 500;
/// Notes on an invoice or quote, and a client's note on a quote decision.
pub const MAX_NOTES_CHARS: usize = 4_000;
/// Digits before the point in any amount, quantity or rate.
const MAX_WHOLE_DIGITS: usize = 12;
/// Digits after the point of a quantity, a unit price and a tax rate.
pub const QUANTITY_SCALE: u32 = 4;
pub const PRICE_SCALE: u32 = 6;
pub const RATE_SCALE: u32 = 4;

/// The minor units of a known currency code (`JPY` 0, `EUR` 2, `KWD` 3).
pub fn minor_units(code: &str) -> Option<u32> {
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, digits)| *digits)
}

/// A currency code, upper-cased, that Portico knows the minor units of.
pub fn currency(raw: &str) -> Result<String, FieldError> {
    let code = raw.trim().to_ascii_uppercase();
    if minor_units(&code).is_some() {
        Ok(code)
    } else {
        Err(FieldError::new(
            "currency",
            "must be a currency code such as EUR, USD, GBP or JPY",
        ))
    }
}

/// A non-negative plain decimal (`1250`, `0.12`): digits, at most one point
/// and at most `scale` digits after it; no sign, exponent or grouping, so
/// what is read is exactly what was written.
pub fn decimal(field: &str, raw: &str, scale: u32) -> Result<Decimal, FieldError> {
    let t = raw.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let shaped = !whole.is_empty()
        && whole.len() <= MAX_WHOLE_DIGITS
        && digits(whole)
        && digits(frac)
        && !(t.contains('.') && frac.is_empty());
    if !shaped {
        return Err(FieldError::new(
            field,
            "must be a plain decimal number such as 12 or 0.75",
        ));
    }
    if frac.len() > scale as usize {
        return Err(FieldError::new(
            field,
            format!("must have at most {scale} digits after the point"),
        ));
    }
    t.parse::<Decimal>()
        .map(|d| d.normalize())
        .map_err(|_| FieldError::new(field, "must be a plain decimal number"))
}

/// An amount of `currency` (`digits` minor units) in minor units; more
/// digits after the point than the currency has is refused, never rounded.
pub fn amount(field: &str, raw: &str, digits: u32) -> Result<i64, FieldError> {
    let d = decimal(field, raw, digits)?;
    to_minor(d, digits).ok_or_else(|| FieldError::new(field, "is too large"))
}

/// `d` (already at most `digits` after the point) in minor units.
fn to_minor(d: Decimal, digits: u32) -> Option<i64> {
    let scaled = d.checked_mul(Decimal::from(10_i64.checked_pow(digits)?))?;
    i64::try_from(scaled.trunc()).ok()
}

/// Minor units as a decimal string with the currency's digits (`150.00`, `1250`).
pub fn format_minor(minor: i64, digits: u32) -> String {
    Decimal::new(minor, digits).to_string()
}

/// What one line comes to, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineAmounts {
    pub net: i64,
    pub tax: i64,
}

/// A line's net (quantity × unit price) and tax (net × rate %), each
/// rounded half away from zero to the minor unit; `None` if too large.
pub fn line_amounts(
    quantity: Decimal,
    unit_price: Decimal,
    tax_percent: Decimal,
    digits: u32,
) -> Option<LineAmounts> {
    let round =
        |d: Decimal| d.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    let net = round(quantity.checked_mul(unit_price)?);
    let tax = round(
        net.checked_mul(tax_percent)?
            .checked_div(Decimal::ONE_HUNDRED)?,
    );
    Some(LineAmounts {
        net: to_minor(net, digits)?,
        tax: to_minor(tax, digits)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(q: &str, p: &str, r: &str, digits: u32) -> LineAmounts {
        let d = |s: &str| decimal("x", s, 6).unwrap_or_default();
        line_amounts(d(q), d(p), d(r), digits).unwrap_or_default()
    }

    #[test]
    fn awkward_lines_are_exact() {
        assert_eq!(
            line("1250", "0.12", "0", 2),
            LineAmounts { net: 15000, tax: 0 }
        );
        assert_eq!(line("3", "0.10", "0", 2), LineAmounts { net: 30, tax: 0 });
        // 0.05 × 10% = 0.005: half away from zero is 0.01.
        assert_eq!(line("1", "0.05", "10", 2), LineAmounts { net: 5, tax: 1 });
        assert_eq!(
            line("3", "333", "10", 0),
            LineAmounts { net: 999, tax: 100 }
        );
        assert_eq!(line("1", "0.125", "0", 2), LineAmounts { net: 13, tax: 0 });
    }

    #[test]
    fn decimals_are_plain_and_bounded() {
        for bad in [
            "",
            "-1",
            "1e3",
            "1,000",
            "1.",
            ".5",
            " ",
            "0x10",
            "1.23456789",
            "1 000",
        ] {
            assert!(decimal("x", bad, 4).is_err(), "{bad:?} accepted");
        }
        assert!(amount("amount", "0.001", 2).is_err());
        assert_eq!(amount("amount", "12.5", 2), Ok(1250));
        assert_eq!(amount("amount", "1250", 0), Ok(1250));
        assert_eq!(format_minor(1250, 0), "1250");
        assert_eq!(format_minor(15000, 2), "150.00");
        assert_eq!(currency(" jpy"), Ok("JPY".to_owned()));
        assert!(currency("XXX").is_err());
    }
}
