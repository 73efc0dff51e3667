//! `portico reports tickets`: the ticket report as a table, JSON or CSV.

use portico_shared::{ReportQuery, ReportRow};

use crate::cli::timesheets::safe_csv;
use crate::cli::{Context, ReportsCommand, Result, output};
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: ReportsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        ReportsCommand::Tickets {
            from,
            to,
            csv,
            json,
        } => {
            let query = ReportQuery {
                from,
                to,
                organization_id: None,
                assignee_id: None,
                tag: None,
            };
            if csv {
                out!("{}", safe_csv(&client.ticket_report_csv(&query).await?));
                return Ok(());
            }
            let report = client.ticket_report(&query).await?;
            if json {
                return output::json(&report);
            }
            let rows: Vec<Vec<String>> = report.rows.iter().map(row).collect();
            output::table(
                &[
                    "GROUP",
                    "KEY",
                    "OPENED",
                    "RESOLVED",
                    "1ST REPLY (MED/P90)",
                    "RESOLVED IN (MED/P90)",
                    "BREACHES",
                ],
                &rows,
            );
            Ok(())
        }
    }
}

fn row(r: &ReportRow) -> Vec<String> {
    let pair = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(a), Some(b)) => format!("{} / {}", time::age(a), time::age(b)),
        _ => "-".to_owned(),
    };
    vec![
        r.group.clone(),
        sanitize::line(&r.key),
        r.opened.to_string(),
        r.resolved.to_string(),
        pair(r.first_response_median, r.first_response_p90),
        pair(r.resolution_median, r.resolution_p90),
        r.breaches.to_string(),
    ]
}
