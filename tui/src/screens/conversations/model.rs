//! The standalone threads' part of the model: the list, and the one open.

use portico_shared::{Conversation, ConversationQuery};

use crate::list::Paged;
use crate::screens::thread::Thread;

#[derive(Debug, Clone, Default)]
pub struct ConversationList {
    pub rows: Paged<Conversation>,
}

crate::list::pages_of!(ConversationList, Conversation);

impl ConversationList {
    pub fn query(&self) -> ConversationQuery {
        ConversationQuery {
            limit: Some(100),
            ..ConversationQuery::default()
        }
    }
}

/// One standalone thread on screen: its summary from the list, its messages.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: Conversation,
    pub thread: Thread,
}

impl ConversationView {
    pub fn new(conversation: Conversation) -> ConversationView {
        ConversationView {
            thread: Thread::new(conversation.id),
            conversation,
        }
    }
}

/// Standalone threads in the Session: the list and the one open.
#[derive(Debug, Default)]
pub struct State {
    pub list: ConversationList,
    pub view: Option<ConversationView>,
}
