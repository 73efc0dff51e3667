//! Portico's terminal app and command line: a typed API client, the token
//! store, and an Elm-style app (model, actions, pure update, effects, views).

pub mod client;
pub mod credentials;
pub mod keyring;
pub mod sanitize;
