//! The demo's mail: one reply mailed to Ana, one mail the receiving server
//! refused for good, and one stranger's mail held in quarantine, so
//! `portico mail status` and the Admin screen have something to show.
//! Nothing is left queued: a demo with SMTP configured sends nothing old.

use portico_shared::MailCategory;

use super::mail::{self, NewMail};
use super::{Conn, Result};

pub fn seed(c: &Conn<'_>, now: i64) -> Result<()> {
    let printer: (i64, i64) = c.0.query_row(
        "SELECT requester_id, thread_id FROM tickets WHERE subject LIKE 'Printer on floor 2%'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let sent = mail::enqueue(
        c,
        &NewMail {
            category: MailCategory::Reply,
            recipient_id: Some(printer.0),
            to_address: "ana@northwind.example",
            to_name: "Ana Lima",
            subject: "Re: Printer on floor 2 jams on duplex",
            body: "Sam Agent wrote on ticket \"Printer on floor 2 jams on duplex\":\n\n\
                   Thanks Ana, I will bring a new duplex unit on Thursday.\n",
            thread_id: Some(printer.1),
            now: now - 40 * 3_600,
        },
    )?;
    mail::mark_sent(c, sent, now - 40 * 3_600 + 5)?;
    let refused = mail::enqueue(
        c,
        &NewMail {
            category: MailCategory::Invite,
            recipient_id: None,
            to_address: "old.contact@globex.example",
            to_name: "Old Contact",
            subject: "Your invitation to Portico",
            body: "You are invited to the client portal.\n",
            thread_id: None,
            now: now - 6 * 3_600,
        },
    )?;
    mail::mark_failed(
        c,
        refused,
        "permanent error (550): 5.1.1 <old.contact@globex.example>: Recipient address rejected",
        true,
        now - 6 * 3_600 + 5,
    )?;
    mail::quarantine(
        c,
        "deals@vendor.example",
        "Your weekly printer deals",
        "unknown sender",
        now - 2 * 3_600,
    )?;
    Ok(())
}
