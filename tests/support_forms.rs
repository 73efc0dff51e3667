//! Support forms over HTTP: offered and accepted only where their
//! visibility reaches (by organisation tag), a submission opens a ticket
//! with the form's tag, routing and the answers; staff write forms with the
//! order forms' field rules.
#![allow(clippy::unwrap_used)]

use portico_tests::{Api, TestServer, assert_error, error_fields};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const ANA: &str = "ana@northwind.example"; // Northwind: platinum
const CARLA: &str = "carla@globex.example"; // Globex: android
const DAN: &str = "dan@initech.example"; // Initech: no tags
const WENDY: &str = "wendy@workers.example";
const MISSING: i64 = 987_654;

async fn names(api: &Api) -> Vec<String> {
    let (status, forms) = api.get("/api/v1/support-forms").await;
    assert_eq!(status, StatusCode::OK, "{forms}");
    forms
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn form_id(staff: &Api, name: &str) -> i64 {
    let (_, forms) = staff.get("/api/v1/support-forms").await;
    forms
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

fn tickets(server: &TestServer) -> i64 {
    server.query_i64("SELECT COUNT(*) FROM tickets")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_are_offered_and_accepted_only_where_visible() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let dan = server.demo_login(DAN).await;
    assert_eq!(names(&ana).await, ["General question", "Incident report"]);
    assert_eq!(
        names(&carla).await,
        ["Android app issue", "General question"]
    );
    assert_eq!(names(&dan).await, ["General question"]);
    assert_eq!(names(&admin).await.len(), 3);
    let incident = form_id(&admin, "Incident report").await;

    // Routing is internal: clients see the form, not where it sends them.
    let (_, f) = ana.get(&format!("/api/v1/support-forms/{incident}")).await;
    assert_eq!(
        (&f["tag"], &f["assignee"], &f["team"], &f["tags"]),
        (&Value::Null, &Value::Null, &Value::Null, &json!([]))
    );
    let (_, f) = admin
        .get(&format!("/api/v1/support-forms/{incident}"))
        .await;
    assert_eq!(
        (
            f["tag"].as_str(),
            f["team"].as_str(),
            f["assignee"]["name"].as_str()
        ),
        (Some("incident"), Some("On-call"), Some("Sam Agent"))
    );

    // Globex may neither see nor submit the platinum form: exactly missing.
    let before = tickets(&server);
    let answers = json!({"values": {"system": "Website", "since": "09:00"}});
    for path in ["", "/submit"] {
        let method = if path.is_empty() {
            Method::GET
        } else {
            Method::POST
        };
        let send = |id: i64| {
            let req = carla.request(method.clone(), &format!("/api/v1/support-forms/{id}{path}"));
            let req = if path.is_empty() {
                req
            } else {
                req.json(&answers)
            };
            async move {
                let r = req.send().await.unwrap();
                (r.status(), r.bytes().await.unwrap())
            }
        };
        let (real, missing) = (send(incident).await, send(MISSING).await);
        assert_eq!(real.0, StatusCode::NOT_FOUND);
        assert_eq!(real, missing, "{path}: a hidden form must look missing");
    }
    assert_eq!(tickets(&server), before, "nothing was opened");

    // Wrong answers are named in one 422 and open nothing.
    let bad = ana
        .post(
            &format!("/api/v1/support-forms/{incident}/submit"),
            json!({"values": {"system": "Moon base", "extra": "x"}}),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let fields = error_fields(&bad);
    assert_eq!(fields, ["values.extra", "values.since", "values.system"]);
    assert_eq!(tickets(&server), before);

    // Northwind submits: a ticket from the form, routed and tagged.
    let (status, t) = ana
        .post(
            &format!("/api/v1/support-forms/{incident}/submit"),
            json!({"values": {"system": "Website", "since": "09:00", "impact": "No orders.\nNone at all."}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    assert_eq!(
        (
            t["subject"].as_str(),
            t["source"].as_str(),
            t["priority"].as_str()
        ),
        (Some("Incident report"), Some("form"), Some("urgent"))
    );
    assert_eq!(
        t["body"],
        "Affected system: Website\nDown since: 09:00\nImpact:\n  No orders.\n  None at all.\n"
    );
    assert_eq!(t["tags"], json!([]), "clients never see tags");
    let (_, staff_view) = admin.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    assert_eq!(staff_view["tags"], json!(["incident"]));
    assert_eq!(staff_view["assignee"]["name"], "Sam Agent");
    assert_eq!(staff_view["team"], "On-call");
    assert_eq!(staff_view["status"], "open", "assigned on arrival");
    assert_eq!(staff_view["organization"]["name"], "Northwind Traders");

    // A form without an assignee leaves the ticket new, in the inbox.
    let general = form_id(&admin, "General question").await;
    let (status, t) = dan
        .post(
            &format!("/api/v1/support-forms/{general}/submit"),
            json!({"subject": "Invoices by e-mail?", "values": {"question": "Can we?"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    let (_, staff_view) = admin.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    assert_eq!(
        (
            staff_view["subject"].as_str(),
            staff_view["status"].as_str(),
            staff_view["tags"].clone()
        ),
        (Some("Invoices by e-mail?"), Some("new"), json!(["general"]))
    );

    // Staff do not submit forms; workers have none.
    assert_error(
        &admin
            .post(
                &format!("/api/v1/support-forms/{general}/submit"),
                json!({"values": {"question": "?"}}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let wendy = server.demo_login(WENDY).await;
    assert_error(
        &wendy.get("/api/v1/support-forms").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_write_forms_with_the_order_form_rules() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let ana_id = ana.get("/api/v1/me").await.1["user"]["id"].clone();
    let before = server.query_i64("SELECT COUNT(*) FROM support_forms");
    let text = |key: &str| json!({"key": key, "label": "L", "kind": "text"});
    for (body, field) in [
        (
            json!({"name": "F", "fields": [{"key": "f", "label": "File", "kind": "file"}], "visibility": "clients"}),
            "fields",
        ),
        (
            json!({"name": "F", "fields": [text("a"), text("a")], "visibility": "clients"}),
            "fields[1].key",
        ),
        (
            json!({"name": "F", "fields": [{"key": "c", "label": "C", "kind": "choice"}], "visibility": "clients"}),
            "fields[0].options",
        ),
        (
            json!({"name": "F", "fields": [], "visibility": "tags"}),
            "tags",
        ),
        (
            json!({"name": "F", "fields": [], "visibility": "clients", "tag": "two words"}),
            "tag",
        ),
        (
            json!({"name": "F", "fields": [], "visibility": "clients", "assignee_id": ana_id}),
            "assignee_id",
        ),
        (
            json!({"name": " ", "fields": [], "visibility": "clients"}),
            "name",
        ),
    ] {
        let got = admin.post("/api/v1/support-forms", body).await;
        assert_error(&got, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert!(
            error_fields(&got).iter().any(|f| f == field),
            "{field}: {}",
            got.1
        );
    }
    assert_error(
        &ana.post(
            "/api/v1/support-forms",
            json!({"name": "Mine", "fields": [], "visibility": "clients"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM support_forms"),
        before
    );

    let (status, f) = admin
        .post(
            "/api/v1/support-forms",
            json!({"name": "Billing", "fields": [text("invoice")], "visibility": "staff",
                   "tag": "Billing", "team": "Finance"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{f}");
    assert_eq!(
        (f["tag"].as_str(), f["priority"].as_str()),
        (Some("billing"), Some("normal"))
    );
    let id = f["id"].as_i64().unwrap();
    assert!(!names(&ana).await.contains(&"Billing".to_owned()));
    let (status, f) = admin
        .patch(
            &format!("/api/v1/support-forms/{id}"),
            json!({"tag": null, "visibility": "clients"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{f}");
    assert_eq!(
        (f["tag"].clone(), f["team"].as_str()),
        (Value::Null, Some("Finance"))
    );
    assert!(names(&ana).await.contains(&"Billing".to_owned()));
    assert_error(
        &ana.patch(
            &format!("/api/v1/support-forms/{id}"),
            json!({"name": "Mine"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_form_is_offered_no_more_and_its_tickets_stay() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let dan = server.demo_login(DAN).await;
    let general = form_id(&admin, "General question").await;
    let (status, t) = dan
        .post(
            &format!("/api/v1/support-forms/{general}/submit"),
            json!({"values": {"question": "Before it goes?"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    let url = format!("/api/v1/support-forms/{general}");

    // Clients may not delete; the form stays.
    for api in [&ana, &dan] {
        let got = api.call(Method::DELETE, &url, None).await;
        assert_error(&got, StatusCode::FORBIDDEN, "forbidden");
    }
    assert!(names(&dan).await.contains(&"General question".to_owned()));

    let (status, _) = admin.call(Method::DELETE, &url, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'support_form.delete' AND target = 'support_form:{general}'"
        )),
        1
    );
    // Gone for everyone: lists, fetch, submission, a change, a second delete.
    assert_eq!(names(&dan).await, Vec::<String>::new());
    assert_eq!(names(&ana).await, ["Incident report"]);
    assert!(!names(&admin).await.contains(&"General question".to_owned()));
    let before = tickets(&server);
    let missing = dan
        .raw(Method::GET, &format!("/api/v1/support-forms/{MISSING}"))
        .await;
    assert_eq!(dan.raw(Method::GET, &url).await, missing);
    assert_error(
        &dan.post(
            &format!("{url}/submit"),
            json!({"values": {"question": "After?"}}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_eq!(tickets(&server), before, "nothing was opened");
    assert_error(
        &admin.patch(&url, json!({"name": "Back"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (status, _) = admin.call(Method::DELETE, &url, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "deleting twice");
    assert_error(
        &admin
            .call(
                Method::DELETE,
                &format!("/api/v1/support-forms/{MISSING}"),
                None,
            )
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    // The ticket it opened keeps its tag and answers.
    let (_, kept) = admin.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    assert_eq!(kept["tags"], json!(["general"]));
    assert!(kept["body"].as_str().unwrap().contains("Before it goes?"));
}

fn holds(server: &TestServer) -> i64 {
    server.query_i64("SELECT COUNT(*) FROM support_form_holds")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_uses_a_public_form_and_only_a_known_contact_opens_a_ticket() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let anon = server.api();
    // The demo's general form is public; its routing stays internal.
    let (status, forms) = anon.get("/api/v1/public/support-forms").await;
    assert_eq!(status, StatusCode::OK, "{forms}");
    assert_eq!(forms.as_array().unwrap().len(), 1, "{forms}");
    assert_eq!(
        (&forms[0]["name"], &forms[0]["tag"], &forms[0]["public"]),
        (&json!("General question"), &Value::Null, &json!(true))
    );
    let general = forms[0]["id"].as_i64().unwrap();
    let url = format!("/api/v1/public/support-forms/{general}/submit");

    // A form that is not public is exactly a missing one.
    let incident = form_id(&admin, "Incident report").await;
    let answers = json!({"email": "dan@initech.example", "values": {"question": "?"}});
    let send = |id: i64| {
        let req = anon
            .request(
                Method::POST,
                &format!("/api/v1/public/support-forms/{id}/submit"),
            )
            .json(&answers);
        async move {
            let r = req.send().await.unwrap();
            (r.status(), r.bytes().await.unwrap())
        }
    };
    let (hidden, missing) = (send(incident).await, send(MISSING).await);
    assert_eq!(hidden.0, StatusCode::NOT_FOUND);
    assert_eq!(hidden, missing);

    // Bad input is refused and changes nothing.
    let (before_tickets, before_holds) = (tickets(&server), holds(&server));
    let bad = anon
        .post(
            &url,
            json!({"email": "not an address", "values": {"question": "?"}}),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(error_fields(&bad), ["email"]);
    let bad = anon
        .post(&url, json!({"email": "dan@initech.example", "values": {}}))
        .await;
    assert_eq!(error_fields(&bad), ["values.question"]);
    assert_eq!(
        (tickets(&server), holds(&server)),
        (before_tickets, before_holds)
    );

    // A known contact's e-mail opens a ticket for them, routed by the form.
    let (status, known) = anon
        .post(
            &url,
            json!({"email": "Dan@Initech.example", "subject": "Invoices by post?", "values": {"question": "Can we?"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{known}");
    assert_eq!(tickets(&server), before_tickets + 1);
    let newest = server.query_i64("SELECT MAX(id) FROM tickets");
    let (_, t) = admin.get(&format!("/api/v1/tickets/{newest}")).await;
    let t = &t;
    assert_eq!(
        (
            t["subject"].as_str(),
            t["requester"]["name"].as_str(),
            t["source"].as_str()
        ),
        (Some("Invoices by post?"), Some("Dan Porter"), Some("form"))
    );
    assert_eq!(t["tags"], json!(["general"]));

    // An unknown one is held for staff; the answer does not tell.
    let (status, unknown) = anon
        .post(
            &url,
            json!({"email": "stranger@example.com", "values": {"question": "Hello?"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(unknown, known, "the same answer either way");
    assert_eq!(tickets(&server), before_tickets + 1);
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM support_form_holds WHERE email = 'stranger@example.com' AND body LIKE '%Hello?%'"
        ),
        1
    );

    // Staff see what was held; clients do not.
    let (status, held) = admin.get("/api/v1/support-form-holds").await;
    assert_eq!(status, StatusCode::OK, "{held}");
    assert_eq!(
        (
            &held[0]["email"],
            &held[0]["form_name"],
            &held[0]["subject"]
        ),
        (
            &json!("stranger@example.com"),
            &json!("General question"),
            &json!("General question")
        )
    );
    let dan = server.demo_login(DAN).await;
    assert_error(
        &dan.get("/api/v1/support-form-holds").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    // Staff choose which forms are public.
    let (status, f) = admin
        .patch(
            &format!("/api/v1/support-forms/{general}"),
            json!({"public": false}),
        )
        .await;
    assert_eq!((status, &f["public"]), (StatusCode::OK, &json!(false)));
    assert_eq!(anon.get("/api/v1/public/support-forms").await.1, json!([]));
    assert_eq!(send(general).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_submissions_are_throttled_like_sign_in() {
    let server = TestServer::start_with(|c| c.login_throttle.enabled = true).await;
    server.seed_demo().await;
    let anon = server.api();
    let (_, forms) = anon.get("/api/v1/public/support-forms").await;
    let url = format!("/api/v1/public/support-forms/{}/submit", forms[0]["id"]);
    let body = json!({"email": "flood@example.com", "values": {"question": "again"}});
    let mut accepted = 0;
    let mut refused = None;
    for _ in 0..10 {
        let got = anon.post(&url, body.clone()).await;
        if got.0 == StatusCode::ACCEPTED {
            accepted += 1;
        } else {
            refused = Some(got);
            break;
        }
    }
    assert_eq!(accepted, 5, "the sign-in limit per address and account");
    assert_error(
        &refused.unwrap(),
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    );
    assert_eq!(holds(&server), 5, "nothing past the limit was kept");
}
