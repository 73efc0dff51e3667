//! E-mail both ways. Out: `send` delivers what `crate::notify` queued in the
//! outbox, over SMTP (`compose` makes each mail). In: `inbound` turns one
//! RFC 5322 message into a reply on its thread or a new ticket (`trim`
//! cuts quoted history and signatures; `token` finds the thread a reply
//! belongs to). `routes`/`ops`: notification choices and the outbox status;
//! `unsubscribe`: the one-click links in notification mail.

pub mod compose;
/// The IMAP poller: fetched mail goes through `inbound` like `mail-in`'s.
pub mod imap;
pub mod inbound;
pub mod ops;
pub mod routes;
pub mod send;
pub mod token;
pub mod trim;
pub mod unsubscribe;

pub use routes::router;
