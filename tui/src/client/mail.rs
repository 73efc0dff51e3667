//! E-mail: my notification choices, and the outbox status (admins).

use portico_shared::{MailStatus, NotificationSettings};
use reqwest::Method;

use super::{Client, Result};

impl Client {
    /// Which mail I get, per category that applies to me.
    pub async fn notifications(&self) -> Result<NotificationSettings> {
        self.get("/me/notifications").await
    }

    /// Turns the categories named on or off; answers all of mine.
    pub async fn set_notifications(
        &self,
        change: &NotificationSettings,
    ) -> Result<NotificationSettings> {
        self.send(Method::PUT, "/me/notifications", change).await
    }

    /// Admins: the outbox and quarantined incoming mail.
    pub async fn mail_status(&self) -> Result<MailStatus> {
        self.get("/mail/status").await
    }
}
