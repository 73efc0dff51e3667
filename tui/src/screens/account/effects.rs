//! The account screen's calls to the server.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::account::msg::{AccountEffect, AccountMsg};

pub async fn run(effect: AccountEffect, c: Client) -> AccountMsg {
    match effect {
        AccountEffect::FetchSessions => {
            AccountMsg::Sessions(c.my_sessions().await.map_err(Failure::from))
        }
        AccountEffect::Enroll => {
            AccountMsg::Enrolment(c.totp_enroll().await.map_err(Failure::from))
        }
        AccountEffect::Confirm(code) => {
            AccountMsg::Confirmed(c.totp_confirm(&code).await.map_err(Failure::from))
        }
        AccountEffect::EndSession(id) => AccountMsg::Ended(
            c.end_my_session(id)
                .await
                .map(|()| id)
                .map_err(Failure::from),
        ),
    }
}
