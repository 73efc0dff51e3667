//! The knowledge base: the articles the reader may see by category,
//! searched as the reader types (the server's full-text search), and one
//! article rendered from its markdown.

pub mod compose;
pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
