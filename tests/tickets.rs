//! Tickets, the inbox, threads, attachments and live events over HTTP, as
//! clients of two organisations and staff.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use portico_tests::{Api, EventReader, TestServer, assert_error};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const SAM: &str = "sam@portico.example";
const PRIYA: &str = "priya@portico.example";
const ANA: &str = "ana@northwind.example";
const BEN: &str = "ben@northwind.example";
const CARLA: &str = "carla@globex.example";
const WAIT: Duration = Duration::from_secs(5);

async fn me_id(api: &Api) -> i64 {
    api.get("/api/v1/me").await.1["user"]["id"]
        .as_i64()
        .unwrap()
}

async fn open_ticket(api: &Api, subject: &str, body: &str) -> Value {
    let (status, t) = api
        .post("/api/v1/tickets", json!({"subject": subject, "body": body}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    t
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_client_ticket_lands_unassigned_and_moves_through_its_lifecycle() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let sam_id = me_id(&sam).await;

    // Whatever organisation a client names, the ticket is their own.
    let (status, t) = ana
        .post("/api/v1/tickets", json!({"subject": "Mail is down", "body": "Nothing arrives.", "organization_id": 2, "requester_id": 1}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        (
            t["status"].as_str(),
            t["source"].as_str(),
            t["priority"].as_str()
        ),
        (Some("new"), Some("portal"), Some("normal"))
    );
    assert_eq!(t["organization"]["name"], "Northwind Traders");
    assert_eq!(t["requester"]["id"], me_id(&ana).await);
    assert!(t["assignee"].is_null());
    let id = t["id"].as_i64().unwrap();
    let thread = t["thread_id"].as_i64().unwrap();
    assert!(ids(&sam.get("/api/v1/tickets?view=unassigned").await.1).contains(&id));

    // Assigning a new ticket opens it, with a deadline the client sees.
    let (status, t) = sam
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"assignee_id": sam_id, "deadline": "2030-01-02T03:04:05Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{t}");
    assert_eq!(t["status"], "open");
    let (_, seen) = ana.get(&format!("/api/v1/tickets/{id}")).await;
    assert_eq!(seen["assignee"]["name"], "Sam Agent");
    assert_eq!(seen["deadline"], "2030-01-02T03:04:05Z");
    assert!(!ids(&sam.get("/api/v1/tickets?view=unassigned").await.1).contains(&id));
    assert!(ids(&sam.get("/api/v1/tickets?view=mine").await.1).contains(&id));

    // Waiting on the client; the client's reply reopens it.
    sam.patch(
        &format!("/api/v1/tickets/{id}"),
        json!({"status": "pending"}),
    )
    .await;
    let (status, _) = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "Here are the logs."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        ana.get(&format!("/api/v1/tickets/{id}")).await.1["status"],
        "open"
    );

    // Clients may resolve, nothing else; a reply reopens a resolved ticket.
    let r = ana
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"status": "closed"}),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let r = ana
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"priority": "urgent"}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");
    let (status, t) = ana
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(t["resolved_at"].is_string());
    ana.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "Actually, it broke again."}),
    )
    .await;
    let t = ana.get(&format!("/api/v1/tickets/{id}")).await.1;
    assert_eq!(t["status"], "open");
    assert!(t["resolved_at"].is_null());

    // Staff follow the lifecycle too: closed only from resolved or open work.
    sam.patch(
        &format!("/api/v1/tickets/{id}"),
        json!({"status": "resolved"}),
    )
    .await;
    let r = sam
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"status": "pending"}),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let r = sam
        .patch(&format!("/api/v1/tickets/{id}"), json!({"status": "new"}))
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let r = sam
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"assignee_id": me_id(&ana).await}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    // Unassigning open work puts it back in the inbox as new.
    let (_, t) = sam
        .patch(&format!("/api/v1/tickets/{id}"), json!({"status": "open"}))
        .await;
    assert_eq!(t["status"], "open");
    let (_, t) = sam
        .patch(
            &format!("/api/v1/tickets/{id}"),
            json!({"assignee_id": null}),
        )
        .await;
    assert_eq!(t["status"], "new");
}

#[tokio::test]
async fn resolved_tickets_close_after_the_configured_days() {
    let server = TestServer::start_with(|c| {
        c.auto_close_days = 3;
        c.auto_close_check_secs = 1;
    })
    .await;
    server.seed_demo().await;
    let ana = server.demo_login(ANA).await;
    let t = open_ticket(&ana, "Old issue", "Fixed already").await;
    let id = t["id"].as_i64().unwrap();
    ana.patch(
        &format!("/api/v1/tickets/{id}"),
        json!({"status": "resolved"}),
    )
    .await;
    server.state.clock.advance(2 * 86_400);
    // Only the demo's long-resolved ticket is due yet (the background job may
    // have closed it already); this one stays resolved.
    portico_server::jobs::close_resolved_once(&server.state)
        .await
        .unwrap();
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM tickets WHERE status = 'resolved'"),
        1,
        "only the fresh resolution is left open"
    );
    assert_eq!(
        ana.get(&format!("/api/v1/tickets/{id}")).await.1["status"],
        "resolved"
    );
    server.state.clock.advance(86_400 + 1);
    // The background task (every second here) closes it.
    let mut status = Value::Null;
    for _ in 0..50 {
        status = ana.get(&format!("/api/v1/tickets/{id}")).await.1["status"].clone();
        if status == "closed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "closed");
}

#[tokio::test]
async fn triage_views_filters_search_and_sorting() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let sam = server.demo_login(SAM).await;
    let priya_id = me_id(&server.demo_login(PRIYA).await).await;
    let sam_id = me_id(&sam).await;
    admin
        .patch(
            &format!("/api/v1/users/{sam_id}"),
            json!({"team": "network"}),
        )
        .await;
    let sam = server.demo_login(SAM).await;

    let all = sam.get("/api/v1/tickets?view=all").await.1;
    let rows = all["items"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 8, "the demo's tickets");
    let count = |pred: &dyn Fn(&Value) -> bool| rows.iter().filter(|t| pred(t)).count();
    let open = |t: &Value| ["new", "open", "pending"].contains(&t["status"].as_str().unwrap());

    let unassigned = sam.get("/api/v1/tickets?view=unassigned").await.1;
    assert_eq!(
        ids(&unassigned).len(),
        count(&|t| t["assignee"].is_null() && open(t))
    );
    let mine = sam.get("/api/v1/tickets?view=mine").await.1;
    assert_eq!(
        ids(&mine).len(),
        count(&|t| t["assignee"]["id"] == sam_id && open(t))
    );
    let overdue = sam.get("/api/v1/tickets?view=overdue").await.1;
    assert_eq!(
        overdue["items"][0]["subject"],
        "Backup job failed on Springfield file server"
    );
    assert_eq!(ids(&overdue).len(), 1);

    // Team view: tickets given to Sam's team.
    let first_new = ids(&unassigned)[0];
    sam.patch(
        &format!("/api/v1/tickets/{first_new}"),
        json!({"team": "network", "assignee_id": priya_id}),
    )
    .await;
    assert_eq!(
        ids(&sam.get("/api/v1/tickets?view=team").await.1),
        vec![first_new]
    );
    assert_eq!(
        ids(&sam
            .get(&format!(
                "/api/v1/tickets?assignee_id={priya_id}&status=open"
            ))
            .await
            .1)
        .len(),
        2
    );

    // Filters narrow.
    let urgent = sam.get("/api/v1/tickets?priority=urgent").await.1;
    assert!(
        urgent["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["priority"] == "urgent")
    );
    assert_eq!(ids(&urgent).len(), count(&|t| t["priority"] == "urgent"));
    let globex = sam.get("/api/v1/tickets?organization_id=2").await.1;
    assert_eq!(ids(&globex).len(), count(&|t| t["organization"]["id"] == 2));

    // Full-text search, with FTS syntax in the text taken literally.
    let vpn = sam.get("/api/v1/tickets?q=vpn%20berlin").await.1;
    assert_eq!(
        vpn["items"][0]["subject"],
        "VPN drops every 20 minutes at Berlin HQ"
    );
    assert_eq!(ids(&vpn).len(), 1);
    for hostile in ["%22", "vpn%22%20OR%20*", "NEAR(a%20b)", "a:b", "-", "%5E*"] {
        let (status, _) = sam.get(&format!("/api/v1/tickets?q={hostile}")).await;
        assert_eq!(status, StatusCode::OK, "q={hostile}");
    }
    // Message text is searched too.
    assert_eq!(
        ids(&sam.get("/api/v1/tickets?q=snapshot%20volume").await.1).len(),
        1
    );

    // Sorting.
    let by_priority = sam.get("/api/v1/tickets?sort=priority").await.1;
    assert_eq!(by_priority["items"][0]["priority"], "urgent");
    let by_deadline = sam.get("/api/v1/tickets?sort=deadline").await.1;
    assert_eq!(
        by_deadline["items"][0]["subject"],
        "Backup job failed on Springfield file server"
    );
    let created: Vec<i64> = ids(&all);
    let mut sorted = created.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(created, sorted, "newest first by default");

    // Bad filter values are a clear 400.
    assert_error(
        &sam.get("/api/v1/tickets?view=everything").await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    );
    assert_error(
        &sam.get("/api/v1/tickets?cursor=zzz").await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    );
}

#[tokio::test]
async fn pages_neither_skip_nor_repeat_under_concurrent_inserts() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    for i in 0..25 {
        open_ticket(&ana, &format!("Batch {i}"), "x").await;
    }
    for sort in ["created", "priority", "deadline", "updated"] {
        let before = ids(&sam
            .get(&format!("/api/v1/tickets?sort={sort}&limit=200"))
            .await
            .1);
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/tickets?sort={sort}&limit=7&cursor={c}"),
                None => format!("/api/v1/tickets?sort={sort}&limit=7"),
            };
            let page = sam.get(&path).await.1;
            seen.extend(ids(&page));
            // Someone opens a ticket between every two pages.
            open_ticket(&ana, "Concurrent", "y").await;
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        if sort == "created" || sort == "updated" {
            assert_eq!(seen, before, "sort={sort}");
        } else {
            // New tickets may sort into later pages; nothing old is skipped or repeated.
            let mut uniq = seen.clone();
            uniq.sort();
            uniq.dedup();
            assert_eq!(uniq.len(), seen.len(), "sort={sort} repeated");
            assert!(
                before.iter().all(|id| seen.contains(id)),
                "sort={sort} skipped"
            );
        }
    }
}

#[tokio::test]
async fn clients_see_only_their_organisation_within_its_history_rule() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;

    let northwind = ana.get("/api/v1/tickets").await.1;
    assert!(
        northwind["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["organization"]["name"] == "Northwind Traders")
    );
    assert!(
        northwind["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["tags"] == json!([]))
    );
    let globex = carla.get("/api/v1/tickets").await.1;
    for id in ids(&globex) {
        let (status, a) = ana.raw(Method::GET, &format!("/api/v1/tickets/{id}")).await;
        let (_, missing) = ana.raw(Method::GET, "/api/v1/tickets/987654").await;
        assert_eq!(
            (status, &a),
            (StatusCode::NOT_FOUND, &missing),
            "another organisation's ticket is exactly missing"
        );
    }
    // Tabs.
    let open_tab = ids(&ana.get("/api/v1/tickets?tab=open").await.1);
    let closed_tab = ids(&ana.get("/api/v1/tickets?tab=closed").await.1);
    assert_eq!(open_tab.len() + closed_tab.len(), ids(&northwind).len());
    assert_eq!(closed_tab.len(), 1, "the demo's resolved Northwind ticket");

    // Per person: only the tickets they opened.
    let ben_id = me_id(&ben).await;
    assert!(ids(&ben.get("/api/v1/tickets").await.1).len() > 1);
    admin
        .patch(
            &format!("/api/v1/users/{ben_id}"),
            json!({"ticket_scope": "own"}),
        )
        .await;
    let own = ben.get("/api/v1/tickets").await.1;
    assert!(
        own["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["requester"]["id"] == ben_id)
    );
    assert_eq!(ids(&own).len(), 1);

    // History: tickets since a date.
    let before = ids(&ana.get("/api/v1/tickets").await.1).len();
    server.state.clock.advance(60);
    let fresh = open_ticket(&ana, "After the cut", "z").await;
    let cut = fresh["created_at"].as_str().unwrap();
    admin
        .patch(
            "/api/v1/organizations/1",
            json!({"ticket_history": "since_date", "history_since": cut}),
        )
        .await;
    assert_eq!(
        ids(&ana.get("/api/v1/tickets").await.1),
        vec![fresh["id"].as_i64().unwrap()]
    );
    let old = ids(&northwind)[0];
    assert_error(
        &ana.get(&format!("/api/v1/tickets/{old}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    // Since portal access was granted: a freshly invited contact sees only what came after.
    admin
        .patch(
            "/api/v1/organizations/1",
            json!({"ticket_history": "since_access"}),
        )
        .await;
    let (_, inv) = admin
        .post("/api/v1/invites", json!({"email": "new@northwind.example", "name": "New", "organization_id": 1, "role": "client"}))
        .await;
    server.state.clock.advance(60);
    let (_, acc) = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "long enough pw"}),
        )
        .await;
    let newbie = server.api().with_token(acc["token"].as_str().unwrap());
    assert_eq!(
        ids(&newbie.get("/api/v1/tickets").await.1),
        Vec::<i64>::new()
    );
    server.state.clock.advance(60);
    let later = open_ticket(&ana, "Later still", "w").await;
    assert_eq!(
        ids(&newbie.get("/api/v1/tickets").await.1),
        vec![later["id"].as_i64().unwrap()]
    );
    assert!(before > 1);

    // Without the tickets module, the routes refuse.
    let carla_id = me_id(&carla).await;
    admin
        .patch(
            &format!("/api/v1/users/{carla_id}"),
            json!({"modules": ["orders"]}),
        )
        .await;
    assert_error(
        &carla.get("/api/v1/tickets").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    admin
        .patch(
            &format!("/api/v1/users/{carla_id}"),
            json!({"modules": null}),
        )
        .await;
    admin
        .put("/api/v1/settings/modules", json!({"disabled": ["tickets"]}))
        .await;
    assert_error(
        &carla
            .post("/api/v1/tickets", json!({"subject": "s", "body": "b"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(
        admin.get("/api/v1/tickets").await.0,
        StatusCode::OK,
        "staff keep every module"
    );
}

#[tokio::test]
async fn internal_notes_never_reach_clients() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let t = open_ticket(&ana, "Laptop fan noise", "It is loud.").await;
    let (id, thread) = (t["id"].as_i64().unwrap(), t["thread_id"].as_i64().unwrap());
    let mut ana_events = EventReader::open(&ana, None).await;

    let (status, note) = sam
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "Probably the xylophonic bearing", "internal": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(note["internal"], true);
    sam.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "We will swap the fan."}),
    )
    .await;

    // The client's stream gets the public reply and never the note.
    let ev = ana_events.expect(&["message.created"], WAIT).await;
    assert_eq!(ev.data["message"]["body"], "We will swap the fan.");

    // Detail, counts and unread counts leave the note out.
    let mine = ana.get(&format!("/api/v1/tickets/{id}")).await.1;
    assert_eq!(
        (
            mine["message_count"].as_i64(),
            mine["unread_count"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let staff = sam.get(&format!("/api/v1/tickets/{id}")).await.1;
    assert_eq!(staff["message_count"], 2);
    let listed = ana.get("/api/v1/tickets").await.1;
    let row = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(row["message_count"], 1);
    let msgs = ana
        .get(&format!("/api/v1/threads/{thread}/messages"))
        .await
        .1;
    assert_eq!(msgs["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        sam.get(&format!("/api/v1/threads/{thread}/messages"))
            .await
            .1["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Search does not find the note's words for the client.
    assert_eq!(
        ids(&ana.get("/api/v1/tickets?q=xylophonic").await.1),
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(&sam.get("/api/v1/tickets?q=xylophonic").await.1),
        vec![id]
    );
    // Clients cannot post notes.
    let r = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "sneaky", "internal": true}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");

    // Staff count notes too; one's own messages are never unread.
    let unread = |t: &Value| t["unread_count"].as_i64().unwrap();
    assert_eq!(
        unread(&sam.get(&format!("/api/v1/tickets/{id}")).await.1),
        0
    );
    let priya = server.demo_login(PRIYA).await;
    assert_eq!(
        unread(&priya.get(&format!("/api/v1/tickets/{id}")).await.1),
        2
    );
    ana.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "Thanks!"}),
    )
    .await;
    assert_eq!(
        unread(&sam.get(&format!("/api/v1/tickets/{id}")).await.1),
        1
    );
    assert_eq!(
        unread(&priya.get(&format!("/api/v1/tickets/{id}")).await.1),
        3
    );

    // Reading clears the unread count.
    let (status, _) = ana
        .call(
            Method::POST,
            &format!("/api/v1/threads/{thread}/read"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        ana.get(&format!("/api/v1/tickets/{id}")).await.1["unread_count"],
        0
    );
}

#[tokio::test]
async fn attachments_are_scoped_named_safely_and_bounded() {
    let server = TestServer::start_with(|c| c.attachment_max_bytes = 10_000).await;
    server.seed_demo().await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let sam = server.demo_login(SAM).await;

    let upload = |api: Api, name: &'static str, bytes: Vec<u8>| async move {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name)
            .mime_str("text/plain")
            .unwrap();
        let form = reqwest::multipart::Form::new().part("file", part);
        let resp = api
            .request(Method::POST, "/api/v1/attachments")
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json::<Value>().await.unwrap())
    };
    let (status, att) = upload(ana.clone(), "../../etc/passwd", b"root:x:0:0".to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{att}");
    assert_eq!(att["file_name"], "passwd");
    let (status, big) = upload(ana.clone(), "big.bin", vec![0u8; 10_001]).await;
    assert_eq!(
        (status, big["error"]["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM attachments WHERE file_name = 'big.bin'"),
        0
    );

    // Another person cannot attach my upload; I can.
    let r = carla
        .post(
            "/api/v1/tickets",
            json!({"subject": "s", "body": "b", "attachment_ids": [att["id"]]}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let (status, t) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": "With file", "body": "see file", "attachment_ids": [att["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let thread = t["thread_id"].as_i64().unwrap();
    let att_id = att["id"].as_i64().unwrap();

    let resp = sam
        .request(Method::GET, &format!("/api/v1/attachments/{att_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers()["content-disposition"],
        "attachment; filename=\"passwd\""
    );
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert_eq!(resp.bytes().await.unwrap().as_ref(), b"root:x:0:0");
    let (other, _) = carla
        .raw(Method::GET, &format!("/api/v1/attachments/{att_id}"))
        .await;
    let (missing_status, missing) = carla.raw(Method::GET, "/api/v1/attachments/999999").await;
    assert_eq!(other, StatusCode::NOT_FOUND);
    assert_eq!(
        carla
            .raw(Method::GET, &format!("/api/v1/attachments/{att_id}"))
            .await
            .1,
        missing
    );
    assert_eq!(missing_status, StatusCode::NOT_FOUND);

    // A file on an internal note is staff-only.
    let (_, secret) = upload(sam.clone(), "notes.txt", b"internal".to_vec()).await;
    let r = sam
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "see file", "internal": true, "attachment_ids": [secret["id"]]}),
        )
        .await;
    assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
    assert_eq!(r.1["attachments"][0]["file_name"], "notes.txt");
    let sid = secret["id"].as_i64().unwrap();
    assert_eq!(
        ana.raw(Method::GET, &format!("/api/v1/attachments/{sid}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sam.raw(Method::GET, &format!("/api/v1/attachments/{sid}"))
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn live_events_reach_only_those_who_may_see_them() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let sam = server.demo_login(SAM).await;
    let mut staff_events = EventReader::open(&sam, None).await;
    let mut carla_events = EventReader::open(&carla, None).await;

    let t = open_ticket(&ana, "Northwind secret", "only for Northwind").await;
    let ev = staff_events.expect(&["ticket.created"], WAIT).await;
    assert_eq!(ev.data["ticket"]["subject"], "Northwind secret");
    let first_id = ev.id.clone().unwrap();
    sam.post(
        &format!("/api/v1/threads/{}/messages", t["thread_id"]),
        json!({"body": "Northwind reply"}),
    )
    .await;

    // Carla's first event is her own organisation's, not Northwind's.
    let sam_id = me_id(&sam).await;
    let globex_ticket = ids(&carla.get("/api/v1/tickets?tab=open").await.1)[0];
    sam.patch(
        &format!("/api/v1/tickets/{globex_ticket}"),
        json!({"assignee_id": sam_id}),
    )
    .await;
    let ev = carla_events.next(WAIT).await.unwrap();
    assert_eq!(ev.kind, "ticket.updated");
    assert_eq!(
        ev.data["ticket"]["organization"]["name"],
        "Globex Corporation"
    );
    assert_eq!(ev.data["ticket"]["tags"], json!([]));

    // Resuming with Last-Event-ID replays what came after it (Sam's own
    // actions are not news to Sam, so Priya resumes).
    let priya = server.demo_login(PRIYA).await;
    let mut resumed = EventReader::open(&priya, Some(&first_id)).await;
    let ev = resumed.next(WAIT).await.unwrap();
    assert_eq!(ev.kind, "message.created");
    assert_eq!(ev.data["message"]["body"], "Northwind reply");
    // A stale id asks the client to refetch.
    let mut stale = EventReader::open(&sam, Some("1")).await;
    assert_eq!(stale.next(WAIT).await.unwrap().kind, "resync");
}

#[tokio::test]
async fn bulk_assign_is_all_or_nothing() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let priya = me_id(&server.demo_login(PRIYA).await).await;
    let inbox = ids(&sam.get("/api/v1/tickets?view=unassigned").await.1);
    assert!(inbox.len() >= 3);

    let r = sam
        .post(
            "/api/v1/tickets/bulk-assign",
            json!({"ticket_ids": [inbox[0], 999999], "assignee_id": priya}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        ids(&sam.get("/api/v1/tickets?view=unassigned").await.1),
        inbox
    );

    let (status, res) = sam
        .post(
            "/api/v1/tickets/bulk-assign",
            json!({"ticket_ids": inbox, "assignee_id": priya, "deadline": "2031-05-01T12:00:00Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{res}");
    assert!(
        res["updated"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["status"] == "open" && t["assignee"]["id"] == priya)
    );
    assert_eq!(
        ids(&sam.get("/api/v1/tickets?view=unassigned").await.1),
        Vec::<i64>::new()
    );
    let r = ana
        .post(
            "/api/v1/tickets/bulk-assign",
            json!({"ticket_ids": [1], "assignee_id": priya}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        sam.get("/api/v1/staff").await.1.as_array().unwrap().len(),
        3
    );
}

/// Many writers on one ticket: no 5xx and no "database is locked".
/// `PORTICO_WRITERS_SECS` stretches it (30 for the soak).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_writers_on_one_ticket() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let t = open_ticket(&ana, "Busy thread", "lots of replies").await;
    let thread = t["thread_id"].as_i64().unwrap();
    let secs: u64 = std::env::var("PORTICO_WRITERS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let until = tokio::time::Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for w in 0..50 {
        let api = if w % 2 == 0 { ana.clone() } else { sam.clone() };
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut failed) = (0u32, Vec::new());
            while tokio::time::Instant::now() < until {
                let (status, body) = api
                    .post(
                        &format!("/api/v1/threads/{thread}/messages"),
                        json!({"body": format!("w{w}")}),
                    )
                    .await;
                if status == StatusCode::CREATED {
                    ok += 1;
                } else {
                    failed.push(format!("{status} {body}"));
                }
            }
            (ok, failed)
        }));
    }
    let mut total = 0;
    for t in tasks {
        let (ok, failed) = t.await.unwrap();
        assert!(failed.is_empty(), "{failed:?}");
        total += ok;
    }
    assert!(total > 50, "only {total} posts");
    let stored = server.query_i64(&format!(
        "SELECT COUNT(*) FROM messages WHERE thread_id = {thread}"
    ));
    assert_eq!(stored, i64::from(total));
    println!(
        "{total} messages posted by 50 writers in {secs}s ({:.0}/s)",
        f64::from(total) / secs as f64
    );
}

/// Lists may be answered from a cache of this second's answers: a write
/// must show at once, and one viewer never gets another's answer.
#[tokio::test]
async fn lists_show_a_write_made_in_the_same_second() {
    let server = TestServer::demo().await;
    server.state.clock.set(server.state.clock.now());
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let (_, first) = ana.get("/api/v1/tickets?limit=5").await;
    assert_eq!(ana.get("/api/v1/tickets?limit=5").await.1, first);
    let (status, made) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": "Within the second", "body": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let (_, after) = ana.get("/api/v1/tickets?limit=5").await;
    assert_eq!(after["items"][0]["id"], made["id"]);
    let sam = server.demo_login(SAM).await;
    let thread = made["thread_id"].as_i64().unwrap();
    sam.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "On it"}),
    )
    .await;
    let (_, ana_view) = ana.get("/api/v1/tickets?limit=5").await;
    let (_, ben_view) = ben.get("/api/v1/tickets?limit=5").await;
    let unread = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == made["id"])
            .map(|t| t["unread_count"].clone())
    };
    assert_eq!(unread(&ana_view), Some(json!(1)));
    // Ben's answer is his own, with his read markers, not Ana's.
    assert_ne!(ana_view, ben_view);
}

#[tokio::test]
async fn search_takes_any_text_stays_in_scope_and_lists_a_ticket_once() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    // The word is in the ticket's own text and in two of its messages.
    let t = open_ticket(&ana, "Quasarflux outage", "the quasarflux unit is down").await;
    let (id, thread) = (t["id"].as_i64().unwrap(), t["thread_id"].as_i64().unwrap());
    for body in ["quasarflux again", "still quasarflux"] {
        let (status, _) = ana
            .post(
                &format!("/api/v1/threads/{thread}/messages"),
                json!({ "body": body }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let theirs = open_ticket(&carla, "Our quasarflux too", "globex side").await;
    let theirs = theirs["id"].as_i64().unwrap();
    for sort in ["created", "updated", "deadline", "priority"] {
        let path = format!("/api/v1/tickets?q=quasarflux&sort={sort}");
        assert_eq!(
            ids(&ana.get(&path).await.1),
            vec![id],
            "{sort}: once, own org only"
        );
        assert_eq!(ids(&carla.get(&path).await.1), vec![theirs], "{sort}");
        let mut all = ids(&sam.get(&path).await.1);
        all.sort_unstable();
        assert_eq!(all, vec![id, theirs], "{sort}: staff see both, once each");
    }
    // Any text is an answer, never a server error: FTS operators, quotes,
    // NUL and other control characters, 3,000 characters, no word at all.
    let long = "quasarflux".repeat(300);
    let hostile = [
        "\"",
        "\"\"",
        "quasarflux\" OR *",
        "NEAR(quasarflux outage)",
        "a AND b",
        "OR",
        "NOT x",
        "*",
        "^quasarflux",
        "text:quasarflux",
        "scope : o1",
        "{text scope}: x",
        "x\0y",
        "\0",
        "\u{1}\u{7f}",
        "'; DROP TABLE tickets; --",
        "(((",
        "ünïcødé 漢字",
        "   ",
        long.as_str(),
    ];
    for api in [&sam, &ana] {
        for q in hostile {
            let resp = api
                .request(Method::GET, "/api/v1/tickets")
                .query(&[("q", q)])
                .send()
                .await
                .unwrap();
            let status = resp.status();
            assert!(
                status.is_success() || status.is_client_error(),
                "q={q:?} answered {status}"
            );
        }
    }
    // The quoted words are still words: a phrase with an operator finds nothing
    // extra, and the scope token is never searchable as text.
    assert_eq!(
        ids(&ana.get("/api/v1/tickets?q=quasarflux%20OR%20x").await.1),
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(&sam.get("/api/v1/tickets?q=po1").await.1),
        Vec::<i64>::new()
    );
}

/// Staff search over every organisation reads the newest matches below the
/// cursor a window at a time; paging on, filtered so that a window yields
/// less than a page, still reaches every match exactly once.
#[tokio::test]
async fn staff_search_pages_through_every_match_past_the_candidate_window() {
    let server = TestServer::seeded(900, 1).await;
    let staff = server.login("sam@portico.example", "portico-demo").await;
    let matches = server.query_i64(
        "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH 'text : (\"printer\")'",
    );
    assert!(matches > 2_000, "more matches than one window: {matches}");
    let expected = server.query_ids(
        "SELECT t.id FROM tickets t WHERE t.status = 'pending' AND t.id IN \
         (SELECT rowid >> 20 FROM ticket_search WHERE ticket_search MATCH 'text : (\"printer\")') \
         ORDER BY t.id DESC",
    );
    assert!(expected.len() > 60, "several pages: {}", expected.len());
    let got = staff
        .ids_of_all_pages("/api/v1/tickets?q=printer&status=pending&limit=20")
        .await;
    assert_eq!(got, expected, "every match once, newest first");
}
