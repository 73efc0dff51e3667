//! The messages and effects of a thread: its messages, a reply, a download.

use std::path::PathBuf;

use portico_shared::{Attachment, Id, Message, NewMessage, Page};

use crate::failure::Outcome;

#[derive(Debug, Clone, PartialEq)]
pub enum Download {
    Progress { received: u64, total: Option<u64> },
    Done(Outcome<PathBuf>),
}

/// What background work answers to this screen.
#[derive(Debug, Clone)]
pub enum ThreadMsg {
    Messages {
        thread: Id,
        result: Outcome<Page<Message>>,
    },
    Posted(Outcome<Box<Message>>),
    Download {
        attachment: Id,
        event: Download,
    },
}

/// Work this screen asks the runtime for; `update` returns it as data.
#[derive(Debug, Clone)]
pub enum ThreadEffect {
    FetchMessages(Id),
    MarkRead(Id),
    Post { thread: Id, message: NewMessage },
    Download(Attachment),
}
