//! Notification choices (each person their own) and the outbox status
//! (administrators).

use portico_shared::{MailCategory, MailStatus, NotificationSetting, NotificationSettings};

use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::state::AppState;
use crate::store::{Conn, StoreError, mail};

/// Unsent and quarantined mails listed in the status.
const STATUS_ROWS: u32 = 50;

/// My choice for every category that applies to me.
pub async fn notifications(st: &AppState, viewer: &Viewer) -> Result<NotificationSettings> {
    let (me, role) = (viewer.id(), viewer.user().role);
    let configured = st.config.smtp.is_some();
    Ok(st
        .db
        .read(move |c| settings_of(c, me, role, configured))
        .await?)
}

/// Changes the categories named; the others stay as they were.
pub async fn set_notifications(
    st: &AppState,
    viewer: &Viewer,
    req: NotificationSettings,
) -> Result<NotificationSettings> {
    let (me, role) = (viewer.id(), viewer.user().role);
    let mine = MailCategory::for_role(role);
    if let Some(other) = req.settings.iter().find(|s| !mine.contains(&s.category)) {
        return Err(ApiError::field(
            "settings",
            format!(
                "{} is not a category you get; yours: {}",
                other.category,
                names(mine)
            ),
        ));
    }
    let configured = st.config.smtp.is_some();
    Ok(st
        .db
        .write(move |tx| {
            for s in &req.settings {
                mail::set_wants(tx, me, s.category, s.enabled)?;
            }
            settings_of(tx, me, role, configured)
        })
        .await?)
}

fn settings_of(
    c: &Conn<'_>,
    me: portico_shared::Id,
    role: portico_shared::Role,
    configured: bool,
) -> std::result::Result<NotificationSettings, StoreError> {
    let settings = MailCategory::for_role(role)
        .iter()
        .map(|&category| {
            Ok(NotificationSetting {
                category,
                enabled: mail::wants(c, me, category)?,
            })
        })
        .collect::<std::result::Result<_, StoreError>>()?;
    Ok(NotificationSettings {
        settings,
        mail_configured: configured,
    })
}

fn names(categories: &[MailCategory]) -> String {
    let names: Vec<&str> = categories.iter().map(|c| c.as_str()).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// The outbox's counts, what is not sent yet or was given up on, and the
/// mail that came in and landed nowhere.
pub async fn status(st: &AppState, viewer: &Viewer) -> Result<MailStatus> {
    viewer.require_admin()?;
    let configured = st.config.smtp.is_some();
    Ok(st
        .db
        .read(move |c| mail::status(c, configured, STATUS_ROWS))
        .await?)
}
