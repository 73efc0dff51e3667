//! Standalone threads: conversations between staff and an organisation
//! that belong to no ticket, order, project or task.

use serde::{Deserialize, Serialize};

use crate::{Id, Message, OrganizationRef, PersonRef, Timestamp};

/// A standalone thread as lists show it. Its id is its thread's id, so
/// `/threads/{id}/messages` reads and posts its messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conversation {
    pub id: Id,
    pub subject: String,
    pub organization: OrganizationRef,
    pub started_by: PersonRef,
    /// The contacts taking part; empty means every contact of the organisation.
    pub participants: Vec<PersonRef>,
    /// Messages the viewer can see.
    pub message_count: i64,
    /// Of those, how many the viewer has not read.
    pub unread_count: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub last_message_at: Timestamp,
}

/// `POST /threads`: a subject and the first message. Staff name the
/// organisation and, if they like, the contacts of it who take part;
/// a client's thread is with staff, for their own organisation (a sent
/// `organization_id` or `participant_ids` is ignored).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewConversation {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    pub body: String,
    pub organization_id: Option<Id>,
    /// At most 200.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub participant_ids: Vec<Id>,
}

/// `GET /threads` filters. Newest activity first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ConversationQuery {
    pub organization_id: Option<Id>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Ignored, whatever its value: a client may make a URL unique with it.
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}

/// The `data:` of a `thread.created` live event, or of `message.created`
/// in a standalone thread (then `message` is set). Counts are the staff's
/// view; clients refetch the list for their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationEvent {
    pub id: Id,
    pub kind: String,
    pub thread: Conversation,
    #[serde(default)]
    pub message: Option<Message>,
}
