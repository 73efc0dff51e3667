//! The account screen's calls to the server.

use portico_shared::NotificationSettings;

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
        AccountEffect::FetchMail => {
            AccountMsg::Mail(c.notifications().await.map_err(Failure::from))
        }
        AccountEffect::SetMail(setting) => {
            let change = NotificationSettings {
                settings: vec![setting],
                mail_configured: false,
            };
            AccountMsg::Mail(c.set_notifications(&change).await.map_err(Failure::from))
        }
    }
}
