//! The mail status's effects: the status from the server, as a message.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::mail::msg::{MailEffect, MailMsg};

pub async fn run(effect: MailEffect, c: Client) -> MailMsg {
    match effect {
        MailEffect::Fetch => {
            MailMsg::Status(c.mail_status().await.map(Box::new).map_err(Failure::from))
        }
    }
}
