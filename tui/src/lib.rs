//! Portico's terminal app and command line: a typed API client, the token
//! store, and an Elm-style app (model, messages, pure update, effects,
//! views): the shell routes to one folder per screen under `screens/`.

pub mod cli;
pub mod client;
pub mod credentials;
#[cfg(feature = "demo")]
pub mod demo;
pub mod failure;
pub mod fixtures;
pub mod input;
pub mod keyring;
pub mod list;
pub mod load;
pub mod paths;
pub mod sanitize;
pub mod screens;
pub mod shell;
pub mod time;
pub mod widgets;
