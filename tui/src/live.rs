//! The live event stream: `GET /events` read as server-sent events, with our
//! own reconnect (exponential backoff) resuming from `Last-Event-ID`.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::action::{Action, Live};
use crate::client::Client;

const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Runs until the app's channel closes or the session ends.
pub async fn follow(client: Client, tx: UnboundedSender<Action>) {
    let mut last_id: Option<String> = None;
    let mut backoff = FIRST_BACKOFF;
    let send = |l: Live| tx.send(Action::Live(l)).is_ok();
    loop {
        let why = match client.events(last_id.as_deref()).await {
            Ok(resp) => {
                if !send(Live::Connected) {
                    return;
                }
                backoff = FIRST_BACKOFF;
                let mut events = resp.bytes_stream().eventsource();
                let mut why = "the server closed the event stream".to_owned();
                while let Some(item) = events.next().await {
                    match item {
                        Ok(ev) => {
                            if !ev.id.is_empty() {
                                last_id = Some(ev.id.clone());
                            }
                            let live = match ev.event.as_str() {
                                "resync" => Some(Live::Resync),
                                _ => serde_json::from_str(&ev.data)
                                    .ok()
                                    .map(|e| Live::Event(Box::new(e))),
                            };
                            if let Some(l) = live
                                && !send(l)
                            {
                                return;
                            }
                        }
                        Err(e) => {
                            why = e.to_string();
                            break;
                        }
                    }
                }
                why
            }
            // A revoked session will not come back by retrying.
            Err(e) if e.is_unauthorized() => {
                send(Live::Disconnected(e.to_string()));
                return;
            }
            Err(e) => e.to_string(),
        };
        if !send(Live::Disconnected(crate::sanitize::line(&why))) {
            return;
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}
