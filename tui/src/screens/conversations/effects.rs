//! The standalone threads' effects: calls to the server, answered as messages.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::conversations::msg::{ConversationsEffect, ConversationsMsg};

pub async fn run(effect: ConversationsEffect, c: Client) -> ConversationsMsg {
    match effect {
        ConversationsEffect::FetchConversations {
            generation,
            append,
            query,
        } => ConversationsMsg::Conversations {
            generation,
            append,
            result: c.conversations(&query).await.map_err(Failure::from),
        },
        ConversationsEffect::Create(new) => ConversationsMsg::Created(
            c.create_conversation(&new)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
    }
}
