//! The timesheets' effects: calls to the server, each answered as a message.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::timesheets::msg::{TimesheetsEffect, TimesheetsMsg};

/// Runs one effect; its answer comes back as this screen's message.
pub async fn run(effect: TimesheetsEffect, c: Client) -> TimesheetsMsg {
    match effect {
        TimesheetsEffect::FetchShifts {
            generation,
            location,
        } => {
            let query = portico_shared::ShiftQuery {
                location_id: location,
                ..Default::default()
            };
            TimesheetsMsg::Shifts {
                generation,
                result: c.shifts(&query).await.map_err(Failure::from),
            }
        }
        TimesheetsEffect::FetchClock => {
            TimesheetsMsg::ClockStatus(c.clock_status().await.map(Box::new).map_err(Failure::from))
        }
        TimesheetsEffect::Clock(action) => TimesheetsMsg::Clocked {
            action,
            result: c.clock(action).await.map(Box::new).map_err(Failure::from),
        },
        TimesheetsEffect::FetchTimesheets { generation, monday } => {
            let query = portico_shared::TimesheetQuery {
                week: Some(monday),
                ..Default::default()
            };
            TimesheetsMsg::Timesheets {
                generation,
                result: c.timesheets(&query).await.map_err(Failure::from),
            }
        }
        TimesheetsEffect::Approve(ids) => {
            TimesheetsMsg::Approved(c.approve_entries(&ids).await.map_err(Failure::from))
        }
        TimesheetsEffect::Reject { id, reason } => TimesheetsMsg::EntrySaved(
            c.reject_entry(id, &reason)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        TimesheetsEffect::SubmitEntry(id) => TimesheetsMsg::EntrySaved(
            c.submit_entry(id)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        TimesheetsEffect::PatchEntry { id, patch } => TimesheetsMsg::EntrySaved(
            c.patch_entry(id, &patch)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
    }
}
