//! The app's typed client (`portico::client`) against a real server: paging
//! by cursor, bulk assignment, attachments both ways, and typed errors.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use portico::client::{Client, ClientError, LoginAnswer};
use portico_shared::{BulkAssign, NewMessage, NewTicket, TicketQuery, TicketView};
use portico_tests::{DEMO_PASSWORD, TestServer};

async fn signed_in(server: &TestServer, email: &str) -> Client {
    let c = Client::new(&server.base).unwrap();
    let LoginAnswer::Session(login) = c.login(email, DEMO_PASSWORD).await.unwrap() else {
        panic!("the demo accounts sign in without a second factor")
    };
    c.with_token(login.token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_page_by_cursor_without_gaps_or_repeats() {
    let server = TestServer::demo().await;
    let ana = signed_in(&server, "ana@northwind.example").await;
    for i in 0..45 {
        let new = NewTicket {
            subject: format!("Paging ticket {i}"),
            body: "x".into(),
            ..NewTicket::default()
        };
        ana.create_ticket(&new).await.unwrap();
    }
    let sam = signed_in(&server, "sam@portico.example").await;
    let mut query = TicketQuery {
        view: Some(TicketView::All),
        limit: Some(10),
        ..TicketQuery::default()
    };
    let (mut seen, mut pages) = (HashSet::new(), 0);
    loop {
        let page = sam.tickets(&query).await.unwrap();
        pages += 1;
        for t in &page.items {
            assert!(seen.insert(t.id), "ticket {} came twice", t.id);
        }
        match page.next_cursor {
            Some(c) => query.cursor = Some(c),
            None => break,
        }
    }
    assert!(seen.len() >= 45 + 8, "{} tickets", seen.len());
    assert!(pages >= 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_assign_attachments_and_typed_errors() {
    let server = TestServer::demo().await;
    let ana = signed_in(&server, "ana@northwind.example").await;
    let sam = signed_in(&server, "sam@portico.example").await;

    // An attachment goes up with a reply and comes back byte for byte.
    let bytes = b"line one\nline two\n".to_vec();
    let att = ana.upload("notes.txt", bytes.clone()).await.unwrap();
    let t = ana
        .create_ticket(&NewTicket {
            subject: "With a file".into(),
            body: "See the reply.".into(),
            ..NewTicket::default()
        })
        .await
        .unwrap();
    let msg = NewMessage {
        body: "Attached.".into(),
        internal: false,
        attachment_ids: vec![att.id],
    };
    ana.post_message(t.thread_id, &msg).await.unwrap();
    let thread = sam.messages(t.thread_id, None).await.unwrap();
    let file = &thread.items[0].attachments[0];
    assert_eq!(file.file_name, "notes.txt");
    let got = sam.download(file.id).await.unwrap().bytes().await.unwrap();
    assert_eq!(got.to_vec(), bytes);

    // Several tickets to one person in one call.
    let staff = sam.staff().await.unwrap();
    let priya = staff.iter().find(|p| p.name == "Priya Nair").unwrap();
    let other = ana
        .create_ticket(&NewTicket {
            subject: "Second".into(),
            body: "x".into(),
            ..NewTicket::default()
        })
        .await
        .unwrap();
    let deadline: jiff::Timestamp = "2026-12-01T17:00:00Z".parse().unwrap();
    let done = sam
        .bulk_assign(&BulkAssign {
            ticket_ids: vec![t.id, other.id],
            assignee_id: priya.id,
            deadline: Some(deadline),
            team: None,
        })
        .await
        .unwrap();
    assert_eq!(done.updated.len(), 2);
    for u in &done.updated {
        assert_eq!(u.assignee.as_ref().unwrap().id, priya.id);
        assert_eq!(u.deadline, Some(deadline));
    }

    // Errors decode into their codes.
    let missing = sam.ticket(999_999).await.unwrap_err();
    assert!(missing.is_not_found(), "{missing:?}");
    let staff_only = ana.staff().await.unwrap_err();
    assert_eq!(staff_only.status(), Some(403), "{staff_only:?}");
    let anonymous = Client::new(&server.base).unwrap();
    let err = anonymous.me().await.unwrap_err();
    assert!(err.is_unauthorized());
    assert!(matches!(err, ClientError::Api { ref code, .. } if code == "unauthorized"));
    let bad = sam
        .create_ticket(&NewTicket {
            subject: String::new(),
            body: "x".into(),
            ..NewTicket::default()
        })
        .await
        .unwrap_err();
    assert!(
        matches!(bad, ClientError::Api { status: 422, ref fields, .. } if fields.iter().any(|f| f.field == "subject")),
        "{bad:?}"
    );
    let nowhere = Client::new("http://127.0.0.1:9").unwrap();
    assert!(matches!(
        nowhere.branding().await,
        Err(ClientError::Transport(_))
    ));
}
