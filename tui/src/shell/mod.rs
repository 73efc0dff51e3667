//! The app shell: the model (the current screen, the signed-in account's
//! state, the modal, the status line), message routing to the screens, the
//! effects runner, the one event loop, and the layout the views and update
//! both read.

pub mod effects;
pub mod layout;
pub mod live;
pub mod modal_view;
pub mod modals;
pub mod model;
pub mod module;
pub mod msg;
pub mod palette;
pub mod registry;
pub mod route;
pub mod run;
pub mod session;
pub mod status;
pub mod task;
pub mod update;
pub mod view;
