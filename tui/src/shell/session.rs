//! The signed-in account's state: one `Session` value, made at sign-in and
//! dropped whole at sign-out or when another account signs in, so nothing
//! of one account is drawn for the next.

use std::collections::BTreeMap;

use portico_shared::{Id, Me, PersonRef};

use crate::load::Load;
use crate::screens::dashboard::Dashboard;
use crate::screens::tickets::{Tab, TicketList};

/// `Session`: the shell's part, then each screen module's `model::State`
/// (listed in `registry.rs`), in a field named after its folder.
macro_rules! session {
    ($($name:ident: $folder:ident ($msg:ident, $fx:ident) [$($screen:ident),*]),* $(,)?) => {
        #[derive(Debug, Default)]
        pub struct Session {
            /// Who is signed in; `None` before sign-in.
            pub me: Option<Me>,
            pub dashboard: Dashboard,
            $(pub $folder: crate::screens::$folder::model::State,)*
            pub staff: Load<Vec<PersonRef>>,
            /// Workers who can be put on order items (only admins may list them).
            pub workers: Load<Vec<PersonRef>>,
            /// Downloads under way: attachment id → (bytes so far, total).
            pub downloads: BTreeMap<Id, (u64, Option<u64>)>,
        }
    };
}

crate::shell::registry::screens!(session);

impl Session {
    /// A fresh session for `me`, its ticket list on the first tab of its kind.
    pub fn new(me: Me) -> Session {
        let staff = me.user.role.is_staff();
        let mut s = Session {
            me: Some(me),
            ..Session::default()
        };
        s.tickets.list = TicketList::new(Tab::all(staff)[0]);
        s
    }
}
