//! `portico clock …`, `portico working` and `portico timesheets …`: the
//! worker's clock, Who's working, and a week of entries to approve, reject,
//! submit or export.

use portico_shared::{
    ClockAction, ClockStatus, ExportQuery, Shift, ShiftQuery, TimesheetEntry, TimesheetList,
    TimesheetQuery,
};

use crate::cli::{Context, Result, TimesheetsCommand, output};
use crate::screens::timesheets::{entry_status_label, shift_state_label};
use crate::{sanitize, time};

/// Where the worker stands, or a clock action and where it leaves them.
pub async fn clock(ctx: &Context, action: Option<ClockAction>, json: bool) -> Result<()> {
    let client = ctx.signed_in()?;
    let status = match action {
        Some(a) => client.clock(a).await?,
        None => client.clock_status().await?,
    };
    if json {
        return output::json(&status);
    }
    if let Some(a) = action {
        outln!("{}", done(a));
    }
    print_clock(&status);
    Ok(())
}

fn done(a: ClockAction) -> &'static str {
    match a {
        ClockAction::In => "Clocked in.",
        ClockAction::Break => "Break started.",
        ClockAction::Resume => "Back from the break.",
        ClockAction::Out => "Clocked out.",
    }
}

fn print_clock(status: &ClockStatus) {
    match &status.shift {
        Some(s) => {
            let tz = sanitize::line(&s.location.timezone);
            outln!(
                "Shift {}: {} {} {} ({tz}), {}",
                s.id,
                sanitize::line(&s.location.name),
                s.date,
                time::local_span(s.starts_at, s.ends_at, &tz),
                shift_state_label(s.state)
            );
            if let Some(t) = s.clocked_in_at {
                outln!("In: {}", time::local_hm(t, &tz));
            }
            if s.break_minutes > 0 {
                outln!("Break: {}m", s.break_minutes);
            }
            if let Some(t) = s.clocked_out_at {
                outln!("Out: {}", time::local_hm(t, &tz));
            }
        }
        None => outln!("No shift under way or later today."),
    }
    if let Some(e) = &status.entry {
        outln!(
            "Draft entry {} written: {} worked, {}m break; submit it with `portico timesheets submit {}`.",
            e.id,
            time::hours(e.worked_minutes),
            e.break_minutes,
            e.id
        );
    }
}

/// Who's working today at the viewer's locations.
pub async fn working(ctx: &Context, json: bool) -> Result<()> {
    let client = ctx.signed_in()?;
    let mut shifts = client.shifts(&ShiftQuery::default()).await?;
    if json {
        return output::json(&shifts);
    }
    crate::screens::timesheets::sort_shifts(&mut shifts);
    let rows: Vec<Vec<String>> = shifts.iter().map(shift_row).collect();
    output::table(
        &[
            "SHIFT", "WORKER", "LOCATION", "TIME", "STATE", "IN", "OUT", "BREAK",
        ],
        &rows,
    );
    Ok(())
}

pub(super) fn shift_row(s: &Shift) -> Vec<String> {
    let tz = sanitize::line(&s.location.timezone);
    let at =
        |t: Option<portico_shared::Timestamp>| t.map_or("-".to_owned(), |t| time::local_hm(t, &tz));
    vec![
        s.id.to_string(),
        sanitize::line(&s.worker.name),
        sanitize::line(&s.location.name),
        time::local_span(s.starts_at, s.ends_at, &tz),
        shift_state_label(s.state).to_owned(),
        at(s.clocked_in_at),
        at(s.clocked_out_at),
        format!("{}m", s.break_minutes),
    ]
}

pub async fn run(ctx: &Context, cmd: TimesheetsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        TimesheetsCommand::List { week, status, json } => {
            let query = TimesheetQuery {
                week,
                status,
                ..TimesheetQuery::default()
            };
            let list = client.timesheets(&query).await?;
            if json {
                return output::json(&list);
            }
            print_list(&list);
            Ok(())
        }
        TimesheetsCommand::Approve { ids, json } => {
            let approved = client.approve_entries(&ids).await?;
            if json {
                return output::json(&approved);
            }
            for e in &approved {
                outln!("Approved entry {}: {}", e.id, summary(e));
            }
            Ok(())
        }
        TimesheetsCommand::Reject { id, reason, json } => {
            let e = client.reject_entry(id, &reason).await?;
            if json {
                return output::json(&e);
            }
            outln!("Rejected entry {}: {}", e.id, summary(&e));
            Ok(())
        }
        TimesheetsCommand::Submit { id, json } => {
            let e = client.submit_entry(id).await?;
            if json {
                return output::json(&e);
            }
            outln!("Submitted entry {}: {}", e.id, summary(&e));
            Ok(())
        }
        TimesheetsCommand::Export { from, to } => {
            let csv = client.export_timesheets(&ExportQuery { from, to }).await?;
            out!("{}", safe_csv(&csv));
            Ok(())
        }
    }
}

/// The CSV as written, less anything a terminal would act on; records keep
/// their CRLF ends and quoted line breaks.
pub fn safe_csv(csv: &str) -> String {
    csv.split("\r\n")
        .map(sanitize::text)
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn summary(e: &TimesheetEntry) -> String {
    let tz = sanitize::line(&e.location.timezone);
    format!(
        "{} {} {} at {}, {} worked",
        sanitize::line(&e.worker.name),
        e.date,
        time::local_span(e.starts_at, e.ends_at, &tz),
        sanitize::line(&e.location.name),
        time::hours(e.worked_minutes)
    )
}

fn print_list(list: &TimesheetList) {
    outln!("Week {} to {}", list.from, list.to);
    let rows: Vec<Vec<String>> = list
        .entries
        .iter()
        .map(|e| {
            let tz = sanitize::line(&e.location.timezone);
            let why = match &e.reason {
                Some(r) => sanitize::line(r),
                None => sanitize::line(&e.note),
            };
            vec![
                e.id.to_string(),
                e.date.to_string(),
                sanitize::line(&e.worker.name),
                sanitize::line(&e.location.name),
                time::local_span(e.starts_at, e.ends_at, &tz),
                format!("{}m", e.break_minutes),
                time::hours(e.worked_minutes),
                entry_status_label(e.status).to_owned(),
                why,
            ]
        })
        .collect();
    output::table(
        &[
            "ID",
            "DATE",
            "WORKER",
            "LOCATION",
            "TIME",
            "BREAK",
            "WORKED",
            "STATUS",
            "REASON/NOTE",
        ],
        &rows,
    );
    outln!();
    let totals: Vec<Vec<String>> = list
        .totals
        .iter()
        .map(|t| {
            vec![
                sanitize::line(&t.worker.name),
                t.entries.to_string(),
                time::hours(t.worked_minutes),
                time::hours(t.approved_minutes),
            ]
        })
        .collect();
    output::table(&["WORKER", "ENTRIES", "WORKED", "APPROVED"], &totals);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_its_records_and_loses_escapes() {
        let csv = "entry,note\r\n1,\"two\nlines\"\r\n2,a\u{1b}]0;x\u{7}b\r\n";
        assert_eq!(safe_csv(csv), "entry,note\r\n1,\"two\nlines\"\r\n2,ab\r\n");
    }
}
