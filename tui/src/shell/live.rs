//! The live event stream: `GET /events` read as server-sent events, with our
//! own reconnect (exponential backoff) resuming from `Last-Event-ID`.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use portico_shared::{OrderEvent, ShiftEvent, TimesheetEvent};
use tokio::sync::mpsc::UnboundedSender;

use crate::client::Client;
use crate::shell::msg::{Action, Live};

const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// An event's data: an order's, a shift's or a timesheet entry's (each
/// names its object), or a ticket's.
fn parse(data: &str) -> Option<Live> {
    if let Ok(order) = serde_json::from_str::<OrderEvent>(data) {
        return Some(Live::Order(Box::new(order)));
    }
    if let Ok(shift) = serde_json::from_str::<ShiftEvent>(data) {
        return Some(Live::Shift(Box::new(shift)));
    }
    if let Ok(entry) = serde_json::from_str::<TimesheetEvent>(data) {
        return Some(Live::Timesheet(Box::new(entry)));
    }
    if let Ok(ev) = serde_json::from_str::<portico_shared::ConversationEvent>(data) {
        return Some(Live::Conversation(Box::new(ev)));
    }
    if let Ok(ev) = serde_json::from_str::<portico_shared::InvoiceEvent>(data) {
        return Some(Live::Invoice(Box::new(ev)));
    }
    if let Ok(ev) = serde_json::from_str::<portico_shared::QuoteEvent>(data) {
        return Some(Live::Quote(Box::new(ev)));
    }
    let project = serde_json::from_str::<portico_shared::ProjectEvent>(data).is_ok();
    if project || serde_json::from_str::<portico_shared::TaskEvent>(data).is_ok() {
        return Some(Live::Projects);
    }
    serde_json::from_str(data)
        .ok()
        .map(|e| Live::Event(Box::new(e)))
}

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
                                _ => parse(&ev.data),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_ticket_events_are_told_apart() {
        let order = r#"{"id":5,"kind":"order.updated","order":{"id":1,"reference":"ORD-2026-0001","title":"t","status":"accepted","organization":{"id":1,"name":"o"},"location":{"id":2,"name":"l"},"priority":"normal","team":null,"due_date":null,"submitted_by":{"id":3,"name":"p"},"thread_id":9,"item_count":0,"created_at":"2026-11-20T09:00:00Z","updated_at":"2026-11-20T09:00:00Z"}}"#;
        assert!(matches!(parse(order), Some(Live::Order(e)) if e.order.thread_id == 9));
        let ticket = r#"{"id":6,"kind":"message.created","ticket":null,"message":null}"#;
        assert!(matches!(parse(ticket), Some(Live::Event(e)) if e.kind == "message.created"));
        assert_eq!(parse("not json"), None);
    }

    #[test]
    fn invoice_and_quote_events_are_told_apart() {
        let head = r#""id":3,"number":"QUO-2026-0001","organization":{"id":1,"name":"o"},"currency":"EUR","issue_date":"2026-11-20","net":"1.00","tax":"0.00","total":"1.00","updated_at":"2026-11-20T09:00:00Z""#;
        let quote = format!(
            r#"{{"id":10,"kind":"quote.accepted","quote":{{{head},"status":"accepted","valid_until":"2026-12-01","decision_note":"ok","decided_by":null,"decided_at":null,"invoice_id":null}}}}"#
        );
        assert!(
            matches!(parse(&quote), Some(Live::Quote(e)) if e.quote.decision_note.as_deref() == Some("ok"))
        );
        let invoice = format!(
            r#"{{"id":11,"kind":"invoice.paid","invoice":{{{head},"status":"paid","due_date":"2026-12-01","paid":"1.00","due":"0.00","sent_at":null,"quote_id":null}}}}"#
        );
        assert!(matches!(parse(&invoice), Some(Live::Invoice(e)) if e.kind == "invoice.paid"));
    }

    #[test]
    fn shift_and_timesheet_events_are_told_apart() {
        let mut shift = crate::fixtures::board().remove(0);
        shift.id = 77;
        let data = serde_json::json!({"id": 8, "kind": "shift.updated", "shift": shift});
        assert!(matches!(parse(&data.to_string()), Some(Live::Shift(e)) if e.shift.id == 77));
        let entry = crate::fixtures::week().entries.remove(0);
        let data = serde_json::json!({"id": 9, "kind": "timesheet.updated", "entry": entry});
        assert!(matches!(parse(&data.to_string()), Some(Live::Timesheet(e)) if e.entry.id == 101));
    }
}
