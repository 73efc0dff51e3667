//! The mail status's part of the model.

use portico_shared::MailStatus;

use crate::load::Load;

/// The mail status's part of the Session.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Whether it was loaded once (opening it again shows what is there
    /// and refreshes).
    pub opened: bool,
    pub status: Load<MailStatus>,
    /// Lines scrolled down.
    pub scroll: u16,
}
