//! The messages and effects of the standalone-thread list.

use portico_shared::{Conversation, ConversationQuery, NewConversation, Page};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum ConversationsMsg {
    Conversations {
        generation: u64,
        append: bool,
        result: Outcome<Page<Conversation>>,
    },
    /// The thread this person just started.
    Created(Outcome<Box<Conversation>>),
}

#[derive(Debug, Clone)]
pub enum ConversationsEffect {
    FetchConversations {
        generation: u64,
        append: bool,
        query: ConversationQuery,
    },
    Create(NewConversation),
}
