//! A message thread as shown under a ticket or an order.

use portico_shared::{Attachment, Id, Message};

use crate::load::Load;

/// A message thread as shown under a ticket or an order.
#[derive(Debug, Clone)]
pub struct Thread {
    pub id: Id,
    pub messages: Load<Vec<Message>>,
    /// First line on screen.
    pub scroll: usize,
}

impl Thread {
    pub fn new(id: Id) -> Thread {
        Thread {
            id,
            messages: Load::Loading,
            scroll: 0,
        }
    }

    /// Every attachment in the thread, in order.
    pub fn attachments(&self) -> Vec<&Attachment> {
        self.messages
            .ready()
            .map(|ms| ms.iter().flat_map(|m| m.attachments.iter()).collect())
            .unwrap_or_default()
    }
}

/// A thread keeps nothing of its own in the Session: it lives in the
/// ticket, order or conversation it belongs to.
pub type State = ();
