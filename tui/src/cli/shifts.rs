//! `portico shifts …`: staff schedule workers at locations and cancel
//! shifts nobody has clocked into.

use clap::Subcommand;
use jiff::civil::Date;
use portico_shared::{Id, Location, NewShift, PersonRef, Shift, ShiftQuery};

use crate::cli::{CliError, Context, Result, output, pick, timesheets};
use crate::client::Client;
use crate::{sanitize, time};

#[derive(Subcommand, Debug)]
pub enum ShiftsCommand {
    /// The shifts of some days (today at each location by default).
    List {
        /// The first day, such as 2026-12-07.
        #[arg(long, value_parser = crate::cli::parse_date)]
        date: Option<Date>,
        /// How many days from it (1 to 31).
        #[arg(long, default_value_t = 1)]
        days: u32,
        /// Only this location (name or id).
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Put a worker on a shift; times are read on the location's clocks.
    Add {
        /// The worker (name, e-mail address or id).
        #[arg(long)]
        worker: String,
        /// Where (name or id).
        #[arg(long)]
        location: String,
        /// 2026-12-07T08:00 or 2026-12-07 08:00 at the location.
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        /// The order item the shift covers.
        #[arg(long)]
        item: Option<Id>,
        #[arg(long)]
        json: bool,
    },
    /// Cancel a shift nobody has clocked into; whoever watches it sees it go.
    Cancel {
        id: Id,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(ctx: &Context, cmd: ShiftsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        ShiftsCommand::List {
            date,
            days,
            location,
            json,
        } => {
            let location_id = match location {
                Some(l) => Some(place(&client, &l).await?.id),
                None => None,
            };
            let query = ShiftQuery {
                date,
                days: Some(days),
                location_id,
                nonce: None,
            };
            let mut shifts = client.shifts(&query).await?;
            if json {
                return output::json(&shifts);
            }
            crate::screens::timesheets::sort_shifts(&mut shifts);
            print_list(&shifts);
            Ok(())
        }
        ShiftsCommand::Add {
            worker,
            location,
            start,
            end,
            item,
            json,
        } => {
            let worker = worker_id(&client, &worker).await?;
            let at = place(&client, &location).await?;
            let when = |raw: &str, flag: &str| {
                time::parse_at(raw, jiff::Timestamp::now(), &at.timezone)
                    .map_err(|e| CliError::Usage(format!("--{flag}: {e}")))?
                    .ok_or_else(|| CliError::Usage(format!("--{flag} is needed")))
            };
            let new = NewShift {
                order_item_id: item,
                worker_id: Some(worker),
                location_id: Some(at.id),
                starts_at: Some(when(&start, "start")?),
                ends_at: Some(when(&end, "end")?),
            };
            let s = client.create_shift(&new).await?;
            if json {
                return output::json(&s);
            }
            outln!(
                "Shift {} added: {} at {}, {} {} ({})",
                s.id,
                sanitize::line(&s.worker.name),
                sanitize::line(&s.location.name),
                time::day(s.date),
                time::local_span(s.starts_at, s.ends_at, &s.location.timezone),
                time::zone_name(&s.location.timezone)
            );
            Ok(())
        }
        ShiftsCommand::Cancel { id, json } => {
            client.cancel_shift(id).await?;
            if json {
                return output::json(&serde_json::json!({ "cancelled": id }));
            }
            outln!("Shift {id} cancelled");
            Ok(())
        }
    }
}

/// One of the locations the signed-in person sees (staff: all of them).
async fn place(client: &Client, given: &str) -> Result<Location> {
    let here = client.me().await?.locations;
    let id = pick::location(&here, given)?;
    here.into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| CliError::NotFound(format!("no location {id}")))
}

/// An active worker by id, e-mail address or name.
async fn worker_id(client: &Client, given: &str) -> Result<Id> {
    let given = given.trim();
    if let Ok(id) = given.parse::<Id>() {
        return Ok(id);
    }
    let workers: Vec<PersonRef> = client.workers().await?;
    if given.contains('@')
        && let Some(u) = super::people::find_by_email(client, given).await?
        && workers.iter().any(|w| w.id == u.id)
    {
        return Ok(u.id);
    }
    let found: Vec<&PersonRef> = workers
        .iter()
        .filter(|w| w.name.eq_ignore_ascii_case(given))
        .collect();
    let found = pick::the_one(
        found,
        CliError::NotFound(format!("no active worker {:?}", sanitize::line(given))),
        format!(
            "several workers are called {:?}; use the id",
            sanitize::line(given)
        ),
    )?;
    Ok(found.id)
}

fn print_list(shifts: &[Shift]) {
    let rows: Vec<Vec<String>> = shifts
        .iter()
        .map(|s| {
            let mut row = timesheets::shift_row(s);
            row.insert(1, time::day(s.date));
            row
        })
        .collect();
    output::table(
        &[
            "SHIFT", "DAY", "WORKER", "LOCATION", "TIME", "STATE", "IN", "OUT", "BREAK",
        ],
        &rows,
    );
}
