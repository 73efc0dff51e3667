//! The closed vocabularies of the portal. Each enum serialises as snake_case
//! text; `FromStr` accepts the same text so the store can read it back.

use serde::{Deserialize, Serialize};

/// Defines a snake_case string enum with `as_str`, `FromStr`, `ALL` and serde.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(crate::error::UnknownValue {
                        kind: stringify!($name),
                        value: s.chars().take(40).collect(),
                    }),
                }
            }
        }
    };
}

text_enum! {
    /// What a person is to the portal.
    Role {
        Admin => "admin",
        Agent => "agent",
        Client => "client",
        Worker => "worker",
    }
}

impl Role {
    /// Staff see every organisation; clients and workers see their own slice.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Agent)
    }
}

text_enum! {
    /// The portal's modules; each can be granted per organisation and person.
    Module {
        Orders => "orders",
        OrderSubmit => "order_submit",
        Tickets => "tickets",
        Timesheets => "timesheets",
        Projects => "projects",
        Tasks => "tasks",
        Invoices => "invoices",
        Quotes => "quotes",
        Knowledge => "knowledge",
        Messages => "messages",
    }
}

text_enum! {
    /// Whether an organisation's contacts may use the portal.
    PortalAccess {
        Off => "off",
        All => "all",
        Selected => "selected",
    }
}

text_enum! {
    /// Where a person stands: invited (pending), active, or removed (revoked).
    UserStatus {
        Invited => "invited",
        Active => "active",
        Removed => "removed",
    }
}

text_enum! {
    /// Which of its organisation's tickets a client contact sees.
    TicketScope {
        Organization => "organization",
        Own => "own",
    }
}

text_enum! {
    /// How far back an organisation's contacts see its ticket history.
    TicketHistory {
        All => "all",
        SinceDate => "since_date",
        SinceAccess => "since_access",
    }
}
