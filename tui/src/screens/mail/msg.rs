//! The messages and effects of the mail status.

use portico_shared::MailStatus;

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum MailMsg {
    Status(Outcome<Box<MailStatus>>),
}

#[derive(Debug, Clone)]
pub enum MailEffect {
    Fetch,
}
