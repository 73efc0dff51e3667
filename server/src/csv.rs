//! CSV exports (RFC 4180, written by the `csv` crate), safe to open in a
//! spreadsheet: text that a spreadsheet would run as a formula is prefixed
//! with `'`.

use portico_shared::{TimesheetEntry, zone};

const TIMESHEET_HEADER: &[&str] = &[
    "entry",
    "worker",
    "organisation",
    "location",
    "date",
    "start",
    "end",
    "timezone",
    "break_minutes",
    "worked_minutes",
    "worked_hours",
    "order",
    "note",
    "approved_by",
    "approved_at",
];

/// One text cell, defused: a leading `=`, `+`, `-`, `@`, tab or carriage
/// return would make a spreadsheet run it as a formula.
pub fn text(raw: &str) -> String {
    if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    }
}

/// A header and rows as CSV with CRLF line ends; cells are quoted where
/// they hold a separator, quote or line break.
pub fn write<I>(header: &[&str], rows: I) -> Result<String, csv::Error>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(header)?;
    for row in rows {
        out.write_record(&row)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Every cell was a Rust string, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The entries, one line each after the header, times local to each location.
pub fn timesheets(entries: &[TimesheetEntry]) -> Result<String, csv::Error> {
    let rows = entries.iter().map(|e| {
        let tz = zone(&e.location.timezone);
        let local = |t: jiff::Timestamp| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        };
        vec![
            e.id.to_string(),
            text(&e.worker.name),
            text(e.organization.as_ref().map_or("", |o| o.name.as_str())),
            text(&e.location.name),
            e.date.to_string(),
            local(e.starts_at),
            local(e.ends_at),
            text(&e.location.timezone),
            e.break_minutes.to_string(),
            e.worked_minutes.to_string(),
            format!("{:.2}", e.worked_minutes as f64 / 60.0),
            text(e.order.as_ref().map_or("", |o| o.reference.as_str())),
            text(&e.note),
            text(e.decided_by.as_ref().map_or("", |p| p.name.as_str())),
            e.decided_at.map(|t| t.to_string()).unwrap_or_default(),
        ]
    });
    write(TIMESHEET_HEADER, rows)
}

#[cfg(test)]
mod tests {
    use super::{text, write};

    fn cell(raw: &str) -> String {
        let out = write(&["h"], [vec![text(raw)]]).expect("csv");
        out.strip_prefix("h\r\n")
            .and_then(|s| s.strip_suffix("\r\n"))
            .expect("one row")
            .to_owned()
    }

    #[test]
    fn quotes_separators_and_defuses_formulas() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
    }
}
