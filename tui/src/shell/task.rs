//! Background work: a tokio task whose answer comes back as an action.

use tokio::sync::mpsc::UnboundedSender;

use crate::shell::msg::Action;

pub fn spawn(
    tx: UnboundedSender<Action>,
    work: impl std::future::Future<Output = Action> + Send + 'static,
) {
    tokio::spawn(async move {
        // A closed channel means the app is quitting; the answer is moot.
        let _ = tx.send(work.await);
    });
}
