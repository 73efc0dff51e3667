//! The server foundation over HTTP: sign-in and sessions, throttling,
//! invites, access overrides, error shapes and the OpenAPI document.
#![allow(clippy::unwrap_used)]

use portico_tests::{Api, TestServer, assert_error};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const AGENT: &str = "sam@portico.example";
const ANA: &str = "ana@northwind.example"; // Northwind, all locations
const BEN: &str = "ben@northwind.example"; // Northwind, Hamburg only
const CARLA: &str = "carla@globex.example"; // Globex

async fn org_id(admin: &Api, name: &str) -> i64 {
    let (_, page) = admin.get("/api/v1/organizations?limit=200").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// Invites a contact and accepts the invite; answers (user id, signed-in client).
async fn invite_and_accept(server: &TestServer, admin: &Api, email: &str, org: i64) -> (i64, Api) {
    let (status, inv) = admin
        .post(
            "/api/v1/invites",
            json!({"email": email, "name": "New Person", "organization_id": org, "role": "client"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    assert_eq!(inv["user"]["status"], "invited");
    let (status, acc) = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "a long new password"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{acc}");
    assert_eq!(acc["user"]["status"], "active");
    (
        inv["user"]["id"].as_i64().unwrap(),
        server.api().with_token(acc["token"].as_str().unwrap()),
    )
}

#[tokio::test]
async fn sign_in_me_and_sign_out() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let (status, me) = ana.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["email"], ANA);
    assert_eq!(me["organization"]["name"], "Northwind Traders");
    assert_eq!(me["locations"].as_array().unwrap().len(), 2);
    assert!(
        me["modules"]
            .as_array()
            .unwrap()
            .contains(&json!("tickets"))
    );

    // Every sign-in gets its own token; ending one leaves the other.
    let second = server.demo_login(ANA).await;
    assert_ne!(ana.token, second.token);
    let (status, _) = ana.call(Method::POST, "/api/v1/auth/logout", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_error(
        &ana.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_eq!(second.get("/api/v1/me").await.0, StatusCode::OK);

    // Tokens are stored only as hashes.
    let token = second.token.clone().unwrap();
    let c = rusqlite::Connection::open(server.db_path()).unwrap();
    let plain: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM sessions WHERE token_hash = ?1 OR CAST(token_hash AS TEXT) = ?1",
            [&token],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(plain, 0);
}

#[tokio::test]
async fn sessions_expire() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    server.state.clock.advance(29 * 86_400);
    assert_eq!(ana.get("/api/v1/me").await.0, StatusCode::OK);
    server.state.clock.advance(2 * 86_400);
    assert_error(
        &ana.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

#[tokio::test]
async fn failed_sign_ins_look_the_same_whether_or_not_the_account_exists() {
    let server = TestServer::demo().await;
    let api = server.api();
    let wrong_password = api
        .raw_post(
            "/api/v1/auth/login",
            json!({"email": ANA, "password": "not the password"}),
        )
        .await;
    let unknown = api
        .raw_post(
            "/api/v1/auth/login",
            json!({"email": "nobody@nowhere.example", "password": "not the password"}),
        )
        .await;
    let invited_only = {
        let admin = server.demo_login(ADMIN).await;
        let org = org_id(&admin, "Globex Corporation").await;
        admin
            .post("/api/v1/invites", json!({"email": "pending@globex.example", "name": "P", "organization_id": org, "role": "client"}))
            .await;
        api.raw_post(
            "/api/v1/auth/login",
            json!({"email": "pending@globex.example", "password": "anything at all"}),
        )
        .await
    };
    assert_eq!(wrong_password.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password, unknown);
    assert_eq!(wrong_password, invited_only);
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account_and_per_address() {
    let server = TestServer::start_with(|c| {
        c.login_throttle.enabled = true;
        c.login_throttle.per_account = 3;
        c.login_throttle.per_address = 6;
    })
    .await;
    server.seed_demo().await;
    let api = server.api();
    for _ in 0..3 {
        let r = api
            .post(
                "/api/v1/auth/login",
                json!({"email": ANA, "password": "wrong password!"}),
            )
            .await;
        assert_eq!(r.0, StatusCode::UNAUTHORIZED);
    }
    // Locked now, even with the right password; the answer says how long.
    let resp = api
        .request(Method::POST, "/api/v1/auth/login")
        .json(&json!({"email": ANA, "password": portico_tests::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "retry-after {retry}");
    // Another account from the same address still signs in, until the address limit.
    server.demo_login(BEN).await;
    for i in 0..3 {
        api.post(
            "/api/v1/auth/login",
            json!({"email": format!("x{i}@example.com"), "password": "wrong password!"}),
        )
        .await;
    }
    let r = api
        .post(
            "/api/v1/auth/login",
            json!({"email": CARLA, "password": portico_tests::DEMO_PASSWORD}),
        )
        .await;
    assert_error(&r, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    // The window passes.
    server.state.clock.advance(901);
    server.demo_login(ANA).await;
}

#[tokio::test]
async fn invite_accept_resend_and_expiry() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let org = org_id(&admin, "Globex Corporation").await;

    let (id, fresh) = invite_and_accept(&server, &admin, "eve@globex.example", org).await;
    assert_eq!(fresh.get("/api/v1/me").await.1["user"]["id"], id);
    server
        .login("eve@globex.example", "a long new password")
        .await;

    // A used code is spent.
    let (_, inv) = admin
        .post("/api/v1/invites", json!({"email": "fay@globex.example", "name": "Fay", "organization_id": org, "role": "client"}))
        .await;
    let first_code = inv["invite_code"].as_str().unwrap().to_owned();
    let fay = inv["user"]["id"].as_i64().unwrap();
    // Resend: a new code; the old one stops working.
    let (status, again) = admin
        .post(&format!("/api/v1/users/{fay}/resend-invite"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let second_code = again["invite_code"].as_str().unwrap().to_owned();
    assert_ne!(first_code, second_code);
    let r = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": first_code, "password": "a long new password"}),
        )
        .await;
    assert_error(&r, StatusCode::BAD_REQUEST, "invalid_invite");
    // Codes expire after seven days.
    server.state.clock.advance(7 * 86_400 + 1);
    let r = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": second_code, "password": "a long new password"}),
        )
        .await;
    assert_error(&r, StatusCode::BAD_REQUEST, "invalid_invite");
    // An active person cannot be re-invited.
    let r = admin
        .post(&format!("/api/v1/users/{id}/resend-invite"), json!({}))
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    // Short passwords are refused and spend nothing.
    let (_, inv) = admin
        .post("/api/v1/invites", json!({"email": "gus@globex.example", "name": "Gus", "organization_id": org, "role": "client"}))
        .await;
    let r = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "short"}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "password");
    let r = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "long enough now"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::OK);
}

#[tokio::test]
async fn removing_a_person_ends_every_session_at_once() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let org = org_id(&admin, "Northwind Traders").await;
    let (id, first) = invite_and_accept(&server, &admin, "hal@northwind.example", org).await;
    let second = server
        .login("hal@northwind.example", "a long new password")
        .await;
    assert_eq!(first.get("/api/v1/me").await.0, StatusCode::OK);

    let (status, user) = admin
        .post(&format!("/api/v1/users/{id}/remove"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["status"], "removed");
    for api in [&first, &second] {
        assert_error(
            &api.get("/api/v1/me").await,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        );
    }
    let r = server
        .api()
        .post(
            "/api/v1/auth/login",
            json!({"email": "hal@northwind.example", "password": "a long new password"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::UNAUTHORIZED);
    // Admins cannot remove themselves.
    let (_, me) = admin.get("/api/v1/me").await;
    let r = admin
        .post(
            &format!("/api/v1/users/{}/remove", me["user"]["id"]),
            json!({}),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    // The audit log saw it.
    let (_, log) = admin.get("/api/v1/audit").await;
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "user.remove")
    );
}

#[tokio::test]
async fn overrides_and_the_global_switch_change_what_a_person_gets() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let modules = |me: &Value| me["modules"].as_array().unwrap().clone();

    // Ben is limited to one location of Northwind's two.
    let (_, me) = ben.get("/api/v1/me").await;
    let locs = me["locations"].as_array().unwrap();
    assert_eq!(locs.len(), 1);
    assert_eq!(locs[0]["name"], "Hamburg Depot");
    let ben_id = me["user"]["id"].as_i64().unwrap();

    // A personal module grant replaces the organisation's defaults.
    let (_, me) = ana.get("/api/v1/me").await;
    let ana_id = me["user"]["id"].as_i64().unwrap();
    assert!(modules(&me).contains(&json!("orders")));
    let r = admin
        .patch(
            &format!("/api/v1/users/{ana_id}"),
            json!({"modules": ["tickets", "invoices"]}),
        )
        .await;
    assert_eq!(r.0, StatusCode::OK, "{}", r.1);
    let (_, me) = ana.get("/api/v1/me").await;
    assert_eq!(modules(&me), vec![json!("tickets"), json!("invoices")]);

    // The global switch beats the personal grant, for clients only.
    let r = admin
        .put(
            "/api/v1/settings/modules",
            json!({"disabled": ["invoices"]}),
        )
        .await;
    assert_eq!(r.0, StatusCode::OK);
    let (_, me) = ana.get("/api/v1/me").await;
    assert_eq!(modules(&me), vec![json!("tickets")]);
    let (_, me) = admin.get("/api/v1/me").await;
    assert!(modules(&me).contains(&json!("invoices")));
    assert_eq!(
        admin.get("/api/v1/settings/modules").await.1["disabled"],
        json!(["invoices"])
    );

    // null clears an override back to the organisation's defaults.
    admin
        .patch(&format!("/api/v1/users/{ana_id}"), json!({"modules": null}))
        .await;
    let (_, me) = ana.get("/api/v1/me").await;
    assert!(modules(&me).contains(&json!("orders")));

    // Location limits must name the person's own organisation's locations.
    let globex = org_id(&admin, "Globex Corporation").await;
    let (_, globex_locs) = admin
        .get(&format!("/api/v1/organizations/{globex}/locations"))
        .await;
    let foreign = globex_locs[0]["id"].as_i64().unwrap();
    let r = admin
        .patch(
            &format!("/api/v1/users/{ben_id}"),
            json!({"location_ids": [foreign]}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let r = admin
        .patch(
            &format!("/api/v1/users/{ben_id}"),
            json!({"location_ids": null}),
        )
        .await;
    assert_eq!(r.0, StatusCode::OK);
    assert_eq!(
        ben.get("/api/v1/me").await.1["locations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn portal_access_off_or_for_selected_contacts() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let carla = server.demo_login(CARLA).await;
    let globex = org_id(&admin, "Globex Corporation").await;

    admin
        .patch(
            &format!("/api/v1/organizations/{globex}"),
            json!({"portal_access": "off"}),
        )
        .await;
    assert_error(
        &carla.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    let r = server
        .api()
        .post(
            "/api/v1/auth/login",
            json!({"email": CARLA, "password": portico_tests::DEMO_PASSWORD}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");

    admin
        .patch(
            &format!("/api/v1/organizations/{globex}"),
            json!({"portal_access": "selected"}),
        )
        .await;
    assert_eq!(
        carla.get("/api/v1/me").await.0,
        StatusCode::OK,
        "Carla is selected in the demo"
    );
    let carla_id = carla.get("/api/v1/me").await.1["user"]["id"]
        .as_i64()
        .unwrap();
    admin
        .patch(
            &format!("/api/v1/users/{carla_id}"),
            json!({"portal_selected": false}),
        )
        .await;
    assert_eq!(carla.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
}

/// Staff-only routes answer 403 to clients and workers for every id,
/// existing or not, so the answer tells nothing about other organisations.
#[tokio::test]
async fn staff_routes_refuse_clients_alike_for_every_id() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let carla = server.demo_login(CARLA).await;
    let wendy = server.demo_login("wendy@workers.example").await;
    let agent = server.demo_login(AGENT).await;
    let northwind = org_id(&admin, "Northwind Traders").await;
    let globex = org_id(&admin, "Globex Corporation").await;
    let ana_id = server.demo_login(ANA).await.get("/api/v1/me").await.1["user"]["id"]
        .as_i64()
        .unwrap();

    let reads = [
        "/api/v1/organizations".to_owned(),
        format!("/api/v1/organizations/{northwind}"),
        format!("/api/v1/organizations/{globex}"),
        "/api/v1/organizations/999999".to_owned(),
        format!("/api/v1/organizations/{northwind}/locations"),
        "/api/v1/organizations/999999/locations".to_owned(),
        "/api/v1/users".to_owned(),
        "/api/v1/settings/modules".to_owned(),
        "/api/v1/audit".to_owned(),
    ];
    let writes = [
        (
            Method::POST,
            "/api/v1/organizations".to_owned(),
            json!({"name": "Mine"}),
        ),
        (
            Method::PATCH,
            format!("/api/v1/organizations/{northwind}"),
            json!({"name": "Taken"}),
        ),
        (
            Method::PATCH,
            "/api/v1/organizations/999999".to_owned(),
            json!({"name": "Taken"}),
        ),
        (
            Method::POST,
            format!("/api/v1/organizations/{northwind}/locations"),
            json!({"name": "X"}),
        ),
        (
            Method::PATCH,
            format!("/api/v1/users/{ana_id}"),
            json!({"name": "Hacked"}),
        ),
        (
            Method::POST,
            "/api/v1/invites".to_owned(),
            json!({"email": "x@y.example", "name": "X", "organization_id": northwind, "role": "admin"}),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{ana_id}/resend-invite"),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{ana_id}/remove"),
            json!({}),
        ),
        (
            Method::PUT,
            "/api/v1/settings/modules".to_owned(),
            json!({"disabled": ["tickets"]}),
        ),
    ];
    for who in [&carla, &wendy] {
        let mut bodies = Vec::new();
        for path in &reads {
            let (status, body) = who.raw(Method::GET, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "GET {path}");
            bodies.push(body);
        }
        for (method, path, body) in &writes {
            let r = who.call(method.clone(), path, Some(body.clone())).await;
            assert_error(&r, StatusCode::FORBIDDEN, "forbidden");
        }
        // The same bytes for an existing organisation and a missing one.
        assert_eq!(bodies[1], bodies[3]);
        assert_eq!(bodies[2], bodies[3]);
    }
    // Agents read organisations and people but change nothing that is the admin's.
    assert_eq!(agent.get("/api/v1/organizations").await.0, StatusCode::OK);
    let (status, people) = agent
        .get(&format!(
            "/api/v1/users?organization_id={northwind}&email=ANA@northwind.example"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(people["items"][0]["id"], ana_id);
    assert_eq!(people["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        agent.get("/api/v1/audit").await.0,
        StatusCode::FORBIDDEN,
        "the audit log is the admins'"
    );
    for (method, path, body) in &writes[..3] {
        assert_eq!(
            agent.call(method.clone(), path, Some(body.clone())).await.0,
            StatusCode::FORBIDDEN
        );
    }
    // Nothing changed.
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM users WHERE name = 'Hacked'"),
        0
    );
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM module_switches"), 0);
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM organizations"), 3);
}

#[tokio::test]
async fn staff_manage_organisations_and_locations() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let (status, org) = admin
        .post(
            "/api/v1/organizations",
            json!({"name": "Umbrella", "tags": ["Platinum", "android", "platinum"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    assert_eq!(org["tags"], json!(["android", "platinum"]));
    assert_eq!(org["portal_access"], "all");
    let id = org["id"].as_i64().unwrap();
    let r = admin
        .post("/api/v1/organizations", json!({"name": "umbrella"}))
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let (_, page) = admin.get("/api/v1/organizations?tag=platinum").await;
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Northwind Traders", "Umbrella"]);

    let r = admin
        .post(
            &format!("/api/v1/organizations/{id}/locations"),
            json!({"name": "Raccoon City", "timezone": "Mars/Olympus"}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let (status, loc) = admin
        .post(
            &format!("/api/v1/organizations/{id}/locations"),
            json!({"name": "Raccoon City", "timezone": "America/Denver"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{loc}");
    let (_, locs) = admin
        .get(&format!("/api/v1/organizations/{id}/locations"))
        .await;
    assert_eq!(locs.as_array().unwrap().len(), 1);
    assert_error(
        &admin.get("/api/v1/organizations/424242").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // Pages neither skip nor repeat.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/organizations?limit=1&cursor={c}"),
            None => "/api/v1/organizations?limit=1".to_owned(),
        };
        let (_, page) = admin.get(&path).await;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, vec![1, 2, 3, 4]);
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let server = TestServer::start_with(|c| c.max_body_bytes = 4096).await;
    server.seed_demo().await;
    let admin = server.demo_login(ADMIN).await;
    let snapshot = || {
        (
            server.query_i64("SELECT COUNT(*) FROM organizations"),
            server.query_i64("SELECT COUNT(*) FROM users"),
            server.query_i64("SELECT COUNT(*) FROM locations"),
            server.query_i64("SELECT total_changes()"),
        )
    };
    let before = snapshot();
    let send = |body: &'static str, ctype: &'static str| {
        let admin = admin.clone();
        async move {
            let resp = admin
                .request(Method::POST, "/api/v1/organizations")
                .header("content-type", ctype)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = resp.status();
            (
                status,
                serde_json::from_str::<Value>(&resp.text().await.unwrap()).unwrap(),
            )
        }
    };
    assert_error(
        &send("{\"name\": ", "application/json").await,
        StatusCode::BAD_REQUEST,
        "malformed_json",
    );
    assert_error(
        &send("{\"name\": 5}", "application/json").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    );
    assert_error(
        &send("{}", "application/json").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    );
    assert_error(
        &send(
            "{\"name\": \"X\", \"portal_access\": \"sometimes\"}",
            "application/json",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    );
    assert_error(
        &send("{\"name\": \"X\"}", "text/plain").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(10_000));
    let resp = admin
        .request(Method::POST, "/api/v1/organizations")
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");
    // Field validation names the field.
    let r = admin
        .post("/api/v1/organizations", json!({"name": "  "}))
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "name");
    let r = admin
        .post(
            "/api/v1/invites",
            json!({"email": "not-an-email", "name": "X", "role": "agent"}),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "email");
    let r = admin
        .post(
            "/api/v1/invites",
            json!({"email": "ok@example.com", "name": "X", "role": "client"}),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "organization_id");
    let r = admin
        .post(
            "/api/v1/invites",
            json!({"email": ANA, "name": "X", "role": "agent"}),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    // Paths, queries, routes and methods.
    assert_error(
        &admin.get("/api/v1/organizations/abc").await,
        StatusCode::BAD_REQUEST,
        "invalid_path",
    );
    assert_error(
        &admin.get("/api/v1/organizations?limit=lots").await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    );
    assert_error(
        &admin.get("/api/v1/organizations?cursor=-5").await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    );
    assert_error(
        &admin.get("/api/v1/nothing-here").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &admin.call(Method::DELETE, "/api/v1/me", None).await,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
    assert_error(
        &server.api().get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &admin.with_token("forged").get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );

    let after = snapshot();
    assert_eq!((before.0, before.1, before.2), (after.0, after.1, after.2));
}

#[tokio::test]
async fn branding_and_health_need_no_sign_in() {
    let server = TestServer::start_with(|c| c.branding.company_name = "Acme Support".into()).await;
    let api = server.api();
    let (status, b) = api.get("/api/v1/branding").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(b["company_name"], "Acme Support");
    assert!(
        b["logo"].as_str().unwrap().contains("|_|"),
        "the bundled logo"
    );
    let (status, body) = api.raw(Method::GET, "/healthz").await;
    assert_eq!(
        (status, body.as_slice()),
        (StatusCode::OK, b"ok".as_slice())
    );
}

#[tokio::test]
async fn openapi_lists_every_route_with_its_statuses() {
    let server = TestServer::start().await;
    let (status, doc) = server.api().get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/healthz", &["get"][..]),
        ("/api/v1/openapi.json", &["get"]),
        ("/api/v1/branding", &["get"]),
        ("/api/v1/auth/login", &["post"]),
        ("/api/v1/auth/logout", &["post"]),
        ("/api/v1/me", &["get"]),
        ("/api/v1/invites", &["post"]),
        ("/api/v1/invites/accept", &["post"]),
        ("/api/v1/organizations", &["get", "post"]),
        ("/api/v1/organizations/{id}", &["get", "patch"]),
        ("/api/v1/organizations/{id}/locations", &["get", "post"]),
        ("/api/v1/users", &["get"]),
        ("/api/v1/users/{id}", &["patch"]),
        ("/api/v1/users/{id}/resend-invite", &["post"]),
        ("/api/v1/users/{id}/remove", &["post"]),
        ("/api/v1/settings/modules", &["get", "put"]),
        ("/api/v1/audit", &["get"]),
        ("/api/v1/tickets", &["get", "post"]),
        ("/api/v1/tickets/{id}", &["get", "patch"]),
        ("/api/v1/tickets/bulk-assign", &["post"]),
        ("/api/v1/staff", &["get"]),
        ("/api/v1/threads/{id}/messages", &["get", "post"]),
        ("/api/v1/threads/{id}/read", &["post"]),
        ("/api/v1/attachments", &["post"]),
        ("/api/v1/attachments/{id}", &["get"]),
        ("/api/v1/events", &["get"]),
        ("/api/v1/orders", &["get", "post"]),
        ("/api/v1/orders/{id}", &["get", "patch"]),
        ("/api/v1/orders/{id}/items", &["post"]),
        ("/api/v1/orders/{id}/items/{item_id}", &["put"]),
        ("/api/v1/orders/{id}/deliverables", &["post"]),
        ("/api/v1/order-forms", &["get", "post"]),
        ("/api/v1/order-forms/effective", &["get"]),
        ("/api/v1/order-forms/{id}", &["get", "put"]),
    ] {
        for m in methods {
            assert!(paths[path][*m].is_object(), "{m} {path} missing");
        }
    }
    // Every operation documents the answers every route of its kind can give.
    for (path, item) in paths {
        for (m, op) in item.as_object().unwrap() {
            let statuses = op["responses"].as_object().unwrap();
            assert!(
                statuses.contains_key("500") && statuses.contains_key("503"),
                "{m} {path}"
            );
            if op["security"].is_array() {
                assert!(statuses.contains_key("401"), "{m} {path} lacks 401");
            }
            if op["requestBody"].is_object() {
                for s in ["400", "413", "415", "422"] {
                    assert!(statuses.contains_key(s), "{m} {path} lacks {s}");
                }
            }
            if m != "get" {
                assert!(statuses.contains_key("507"), "{m} {path} lacks 507");
            }
        }
    }
    assert_eq!(
        paths["/api/v1/auth/login"]["post"]["responses"]["429"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/ErrorBody"
    );
}

#[tokio::test]
async fn a_removed_person_is_readmitted_with_a_new_code_and_keeps_their_history() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let org = org_id(&admin, "Northwind Traders").await;
    let (id, hal) = invite_and_accept(&server, &admin, "hal@northwind.example", org).await;
    let (_, ticket) = hal
        .post(
            "/api/v1/tickets",
            json!({"subject": "Before I left", "body": "mine"}),
        )
        .await;
    // Only a removed person is readmitted.
    assert_error(
        &admin
            .post(&format!("/api/v1/users/{id}/readmit"), json!({}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    admin
        .post(&format!("/api/v1/users/{id}/remove"), json!({}))
        .await;
    let (status, inv) = admin
        .post(&format!("/api/v1/users/{id}/readmit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{inv}");
    assert_eq!(inv["user"]["status"], "invited");
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.readmit' AND target = 'user:{id}'"
        )),
        1
    );
    // The old password is no way back in; the new code is.
    let r = server
        .api()
        .post(
            "/api/v1/auth/login",
            json!({"email": "hal@northwind.example", "password": "a long new password"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::UNAUTHORIZED);
    let (status, acc) = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "another long password"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{acc}");
    let hal = server.api().with_token(acc["token"].as_str().unwrap());
    let (status, mine) = hal.get(&format!("/api/v1/tickets/{}", ticket["id"])).await;
    assert_eq!(status, StatusCode::OK, "their ticket is still theirs");
    assert_eq!(mine["subject"], "Before I left");
    // A missing person is 404, and a client may not readmit anyone.
    assert_error(
        &admin.post("/api/v1/users/999999/readmit", json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &hal.post(&format!("/api/v1/users/{id}/readmit"), json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test]
async fn staff_edit_locations_and_the_welcome_text_reaches_the_clients_dashboard() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let northwind = org_id(&admin, "Northwind Traders").await;
    let globex = org_id(&admin, "Globex Corporation").await;
    assert!(ana.get("/api/v1/me").await.1.get("welcome").is_none());

    let (status, org) = admin
        .patch(
            &format!("/api/v1/organizations/{northwind}"),
            json!({"welcome": "Welcome aboard: call 555-0100 for anything urgent."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{org}");
    assert_eq!(
        org["welcome"],
        "Welcome aboard: call 555-0100 for anything urgent."
    );
    let (_, me) = ana.get("/api/v1/me").await;
    assert_eq!(
        me["welcome"],
        "Welcome aboard: call 555-0100 for anything urgent."
    );
    let carla = server.demo_login(CARLA).await;
    assert!(carla.get("/api/v1/me").await.1.get("welcome").is_none());
    let too_long = "x".repeat(2_001);
    let r = admin
        .patch(
            &format!("/api/v1/organizations/{northwind}"),
            json!({"welcome": too_long}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");

    let (_, locs) = admin
        .get(&format!("/api/v1/organizations/{northwind}/locations"))
        .await;
    let hamburg = locs
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "Hamburg Depot")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/organizations/{northwind}/locations/{hamburg}");
    let r = admin
        .patch(&path, json!({"timezone": "Mars/Olympus"}))
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "timezone");
    // Through another organisation, the location does not exist.
    let wrong = format!("/api/v1/organizations/{globex}/locations/{hamburg}");
    let r = admin.patch(&wrong, json!({"name": "Stolen"})).await;
    assert_error(&r, StatusCode::NOT_FOUND, "not_found");
    let (status, loc) = admin
        .patch(
            &path,
            json!({"name": "Hamburg Port", "timezone": "Europe/Berlin"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{loc}");
    assert_eq!(loc["name"], "Hamburg Port");
    let (_, me) = ana.get("/api/v1/me").await;
    assert!(
        me["locations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["name"] == "Hamburg Port")
    );
}

#[tokio::test]
async fn only_staff_change_role_and_never_their_own() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let id_of =
        |email: &str| server.query_i64(&format!("SELECT id FROM users WHERE email = '{email}'"));
    let (sam, ana, me) = (id_of(AGENT), id_of(ANA), id_of(ADMIN));
    let (status, user) = admin
        .patch(&format!("/api/v1/users/{sam}"), json!({"role": "admin"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{user}");
    assert_eq!(user["role"], "admin");
    // Sam is an admin now: the audit log is theirs to read.
    let sam_api = server.demo_login(AGENT).await;
    assert_eq!(sam_api.get("/api/v1/audit").await.0, StatusCode::OK);
    for (id, role) in [(ana, "agent"), (me, "agent")] {
        let r = admin
            .patch(&format!("/api/v1/users/{id}"), json!({"role": role}))
            .await;
        assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(r.1["error"]["fields"][0]["field"], "role");
    }
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM users WHERE id = {ana} AND role = 'client'"
        )),
        1
    );
}

#[tokio::test]
async fn the_audit_log_narrows_to_a_person_a_kind_of_action_and_a_moment() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let org = org_id(&admin, "Northwind Traders").await;
    let (id, _) = invite_and_accept(&server, &admin, "ivy@northwind.example", org).await;
    admin
        .post(&format!("/api/v1/users/{id}/remove"), json!({}))
        .await;
    server.demo_login(ANA).await;

    let actions = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, mine) = admin
        .get("/api/v1/audit?actor=ADMIN@portico.example&action=user.")
        .await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(actions(&mine), ["user.remove"]);
    let (_, logins) = admin
        .get("/api/v1/audit?actor=ana@northwind.example&action=auth.")
        .await;
    assert!(!actions(&logins).is_empty());
    assert!(actions(&logins).iter().all(|a| a == "auth.login"));
    let (_, invites) = admin.get("/api/v1/audit?action=invite.").await;
    assert_eq!(actions(&invites), ["invite.accept", "invite.create"]);
    let (_, future) = admin.get("/api/v1/audit?since=2100-01-01T00:00:00Z").await;
    assert!(actions(&future).is_empty());
    let (_, past) = admin
        .get("/api/v1/audit?since=2000-01-01T00:00:00Z&limit=500")
        .await;
    let (_, all) = admin.get("/api/v1/audit?limit=500").await;
    assert_eq!(actions(&past), actions(&all));
    let r = admin.get("/api/v1/audit?actor=not-an-address").await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
}

#[tokio::test]
async fn an_admin_signs_a_person_out_everywhere_and_they_sign_in_again() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let (first, second) = (server.demo_login(ANA).await, server.demo_login(ANA).await);
    let id = server.query_i64(&format!("SELECT id FROM users WHERE email = '{ANA}'"));
    let (status, ended) = admin
        .post(&format!("/api/v1/users/{id}/end-sessions"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    assert_eq!(ended["ended"], 2);
    for api in [&first, &second] {
        assert_eq!(api.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    }
    // Still active: the password works again.
    let again = server.demo_login(ANA).await;
    assert_eq!(again.get("/api/v1/me").await.1["user"]["status"], "active");
    assert_error(
        &again
            .post(&format!("/api/v1/users/{id}/end-sessions"), json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &admin
            .post("/api/v1/users/999999/end-sessions", json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn audit_entries_past_their_keeping_time_are_deleted() {
    let server = TestServer::start_with(|c| c.audit_days = 30).await;
    server.state.clock.set(1_790_000_000);
    server.seed_demo().await;
    server.demo_login(ANA).await;
    let before = server.query_i64("SELECT COUNT(*) FROM audit_log");
    assert!(before > 0);
    // 29 days on, a new sign-in; then 31 days after the first ones.
    server.state.clock.set(1_790_000_000 + 29 * 86_400);
    server.demo_login(ANA).await;
    server.state.clock.set(1_790_000_000 + 31 * 86_400);
    let deleted = portico_server::jobs::prune_audit_once(&server.state)
        .await
        .unwrap();
    assert_eq!(i64::try_from(deleted).unwrap(), before);
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM audit_log"), 1);
    let admin = server.demo_login(ADMIN).await;
    let (_, page) = admin.get("/api/v1/audit?actor=ana@northwind.example").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

/// Every export of data out of the portal is in the audit log: who, what
/// and for which days.
#[tokio::test]
async fn exports_are_audited() {
    let server = TestServer::demo().await;
    let sam = server.demo_login("sam@portico.example").await;
    for path in [
        "/api/v1/invoices.csv",
        "/api/v1/quotes.csv",
        "/api/v1/reports/tickets.csv?from=2026-11-01&to=2026-11-30",
        "/api/v1/timesheets/export?from=2026-11-01&to=2026-11-30",
    ] {
        let (status, _) = sam.raw(Method::GET, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    let admin = server.demo_login("admin@portico.example").await;
    let (_, log) = admin.get("/api/v1/audit?action=export.&limit=50").await;
    let mut kinds: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|e| assert_eq!(e["actor_email"], "sam@portico.example", "{e}"))
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            "export.invoices",
            "export.quotes",
            "export.ticket_report",
            "export.timesheets"
        ]
    );
    let (_, days) = admin.get("/api/v1/audit?action=export.timesheets").await;
    assert_eq!(days["items"][0]["detail"], "2026-11-01 to 2026-11-30");
}
