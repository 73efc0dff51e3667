//! The reports' effects: the report from the server, as a message.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::reports::msg::{ReportsEffect, ReportsMsg};

pub async fn run(effect: ReportsEffect, c: Client) -> ReportsMsg {
    match effect {
        ReportsEffect::Fetch(query) => ReportsMsg::Report(
            c.ticket_report(&query)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
    }
}
