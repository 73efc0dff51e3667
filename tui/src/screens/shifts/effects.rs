//! The week grid's calls to the server.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::shifts::msg::{ShiftsEffect, ShiftsMsg};

pub async fn run(effect: ShiftsEffect, c: Client) -> ShiftsMsg {
    match effect {
        ShiftsEffect::FetchWeek { generation, query } => ShiftsMsg::Week {
            generation,
            result: c.shifts(&query).await.map_err(Failure::from),
        },
        ShiftsEffect::FetchWorkers => ShiftsMsg::Workers(c.workers().await.map_err(Failure::from)),
        ShiftsEffect::Add(new) => ShiftsMsg::Saved(
            c.create_shift(&new)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        ShiftsEffect::Move(id, patch) => ShiftsMsg::Saved(
            c.move_shift(id, &patch)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        ShiftsEffect::Cancel(id) => {
            ShiftsMsg::Cancelled(id, c.cancel_shift(id).await.map_err(Failure::from))
        }
    }
}
