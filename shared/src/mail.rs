//! E-mail: the kinds of mail the portal sends, each person's choice of
//! which they get, and what administrators see of the outbox and of mail
//! that came in and landed nowhere.

use serde::{Deserialize, Serialize};

use crate::{Id, Role, Timestamp};

text_enum! {
    /// What a mail is about; people turn categories off (invites excepted).
    MailCategory {
        Invite => "invite",
        Reply => "reply",
        NewTicket => "new_ticket",
        ClientReply => "client_reply",
        TicketStatus => "ticket_status",
        OrderUpdate => "order_update",
        TimesheetRejected => "timesheet_rejected",
        ThreadMessage => "thread_message",
        Billing => "billing",
    }
}

impl MailCategory {
    /// The categories a person of `role` may choose about.
    pub fn for_role(role: Role) -> &'static [MailCategory] {
        match role {
            Role::Client => &[
                MailCategory::Reply,
                MailCategory::TicketStatus,
                MailCategory::OrderUpdate,
                MailCategory::ThreadMessage,
                MailCategory::Billing,
            ],
            Role::Admin | Role::Agent => &[
                MailCategory::NewTicket,
                MailCategory::ClientReply,
                MailCategory::ThreadMessage,
                MailCategory::Billing,
            ],
            Role::Worker => &[MailCategory::TimesheetRejected],
        }
    }

    /// Whether a person who never chose gets it: new-ticket mail goes only
    /// to staff who ask for it.
    pub fn default_on(self) -> bool {
        self != MailCategory::NewTicket
    }

    /// One line saying what the category is, for settings screens.
    pub fn describe(self) -> &'static str {
        match self {
            MailCategory::Invite => "your invitation to the portal",
            MailCategory::Reply => "staff answered one of your tickets",
            MailCategory::NewTicket => "a new ticket arrived in the unassigned inbox",
            MailCategory::ClientReply => "a client answered a ticket assigned to you",
            MailCategory::TicketStatus => "one of your tickets was resolved or waits on you",
            MailCategory::OrderUpdate => "one of your orders was delivered or got new files",
            MailCategory::TimesheetRejected => "one of your timesheet entries was rejected",
            MailCategory::ThreadMessage => {
                "someone wrote on a project, order or conversation you take part in"
            }
            MailCategory::Billing => {
                "an invoice or quote was sent, paid, answered or became overdue"
            }
        }
    }
}

/// One category and whether the person gets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSetting {
    pub category: MailCategory,
    pub enabled: bool,
}

/// `GET /me/notifications` (every category that applies to me) and
/// `PUT /me/notifications` (the categories named change; others stay).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSettings {
    pub settings: Vec<NotificationSetting>,
    /// Whether this server sends mail at all (answers only).
    #[serde(default)]
    pub mail_configured: bool,
}

text_enum! {
    /// Where an outbox mail stands.
    OutboxState {
        Queued => "queued",
        Sent => "sent",
        Failed => "failed",
    }
}

/// One mail of the outbox, for administrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxItem {
    pub id: Id,
    pub category: MailCategory,
    pub to: String,
    pub subject: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub last_error: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    /// When it goes out next, while queued.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub next_attempt_at: Option<Timestamp>,
}

/// A mail that came in and landed nowhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarantinedMail {
    pub id: Id,
    pub sender: String,
    pub subject: String,
    pub reason: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: Timestamp,
}

/// `GET /mail/status`: the outbox's counts, the mail not yet sent or given
/// up on (newest first), and recent quarantined mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailStatus {
    pub configured: bool,
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    /// Incoming mail held in quarantine, all of it (`quarantined` lists the newest).
    #[serde(default)]
    pub quarantined_count: u64,
    pub unsent: Vec<OutboxItem>,
    pub quarantined: Vec<QuarantinedMail>,
}
