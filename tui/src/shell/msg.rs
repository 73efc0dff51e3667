//! The messages `update` takes: intents derived from keys and mouse, and the
//! results of background work; and the effects it asks the runtime to do.

use crossterm::event::KeyEvent;
use portico_shared::{Branding, Event, LoginResponse, Me, OrderEvent, Timestamp, TotpChallenge};
use portico_shared::{ShiftEvent, TimesheetEvent};

pub use crate::input::cmd::Cmd;

use crate::failure::Outcome;

/// Mouse intents, already reduced to what the app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp,
    ScrollDown,
    Click { column: u16, row: u16 },
}

/// Something that happened on the live event stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Live {
    Connected,
    Disconnected(String),
    Event(Box<Event>),
    /// An order changed, or a message arrived in an order's thread.
    Order(Box<OrderEvent>),
    /// Someone clocked, or a shift was scheduled.
    Shift(Box<ShiftEvent>),
    /// A timesheet entry was written, submitted or decided.
    Timesheet(Box<TimesheetEvent>),
    /// A project or task changed (or a message arrived in its thread).
    Projects,
    /// A standalone thread began, or a message arrived in one.
    Conversation(Box<portico_shared::ConversationEvent>),
    /// Events were missed: refetch what is on screen.
    Resync,
}

/// `Action` and `Effect`: the shell's own, then one variant per screen
/// module (listed in `registry.rs`) carrying its messages and effects.
macro_rules! messages {
    ($($name:ident: $folder:ident ($msg:ident, $fx:ident) [$($screen:ident),*]),* $(,)?) => {
        #[derive(Debug, Clone)]
        pub enum Action {
            Cmd(Cmd),
            /// A key typed into the focused text field.
            Text(KeyEvent),
            Mouse(Mouse),
            Resize(u16, u16),
            /// Time passes (status messages expire, deadlines become overdue).
            Tick(Timestamp),
            Branding(Outcome<Branding>),
            LoggedIn(Outcome<Box<LoginResponse>>),
            /// The password was right; the authenticator's code comes next.
            CodeNeeded(Box<TotpChallenge>),
            Me(Outcome<Box<Me>>),
            Live(Live),
            /// Text back from `$EDITOR`.
            Edited(Outcome<String>),
            LoggedOut,
            /// A note for the status line from background work.
            Info(String),
            /// The filter text of keystroke `seq` has stood for a moment.
            FilterSettled(u64),
            $(
                #[doc = concat!("Answers for `screens/", stringify!($folder), "`.")]
                $name(crate::screens::$folder::msg::$msg),
            )*
        }

        /// Work for the runtime; `update` returns these as data and never does I/O.
        #[derive(Debug, Clone)]
        pub enum Effect {
            FetchBranding,
            Login {
                email: String,
                password: String,
            },
            /// Accept an invite: choose a password, and sign in with it.
            Join {
                code: String,
                password: String,
            },
            /// The second step of a two-factor sign-in.
            LoginCode {
                challenge: String,
                code: String,
            },
            FetchMe,
            StartLive,
            /// Answer `Action::FilterSettled(seq)` after a typing pause: the list
            /// filter is fetched when typing stops, not at every key.
            SettleFilter(u64),
            /// Suspend the screen and edit `text` in `$EDITOR`.
            EditExternally(String),
            Logout,
            $(
                #[doc = concat!("Work for `screens/", stringify!($folder), "`.")]
                $name(crate::screens::$folder::msg::$fx),
            )*
        }

        $(impl From<crate::screens::$folder::msg::$msg> for Action {
            fn from(m: crate::screens::$folder::msg::$msg) -> Action {
                Action::$name(m)
            }
        })*
    };
}

crate::shell::registry::screens!(messages);
