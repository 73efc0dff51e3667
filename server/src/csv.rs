//! Timesheet export as CSV (RFC 4180), safe to open in a spreadsheet: text
//! that a spreadsheet would run as a formula is prefixed with `'`.

use portico_shared::{TimesheetEntry, zone};

const HEADER: &str = "entry,worker,organisation,location,date,start,end,timezone,\
break_minutes,worked_minutes,worked_hours,order,note,approved_by,approved_at";

/// One text cell: quoted when it holds a separator, quote or line break.
fn text(raw: &str) -> String {
    let guarded = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The entries, one line each after the header, times local to each location.
pub fn timesheets(entries: &[TimesheetEntry]) -> String {
    let mut out = String::with_capacity(64 + entries.len() * 160);
    out.push_str(HEADER);
    out.push_str("\r\n");
    for e in entries {
        let tz = zone(&e.location.timezone);
        let local = |t: jiff::Timestamp| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        };
        let cells = [
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
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn quotes_separators_and_defuses_formulas() {
        assert_eq!(text("plain"), "plain");
        assert_eq!(text("a,b"), "\"a,b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("two\nlines"), "\"two\nlines\"");
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("+1"), "'+1");
    }
}
