//! Portico's terminal app and command line: a typed API client, the token
//! store, and an Elm-style app (model, actions, pure update, effects, views).

pub mod action;
pub mod app;
pub mod cli;
pub mod client;
pub mod credentials;
#[cfg(feature = "demo")]
pub mod demo;
pub mod effects;
pub mod fixtures;
pub mod form;
pub mod input;
pub mod keyring;
pub mod live;
pub mod palette;
pub mod run;
pub mod sanitize;
pub mod time;
pub mod ui;
pub mod update;
