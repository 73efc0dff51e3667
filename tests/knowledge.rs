//! The knowledge base over HTTP: what each reader sees in lists, search and
//! fetch by id (public, every client, clients by organisation tag, staff),
//! revisions, deletion, validation and the module switch.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use portico_tests::{Api, TestServer, assert_error, error_fields};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const ANA: &str = "ana@northwind.example"; // Northwind: tagged platinum
const CARLA: &str = "carla@globex.example"; // Globex: tagged android
const DAN: &str = "dan@initech.example"; // Initech: no tags
const WENDY: &str = "wendy@workers.example";
const MISSING: i64 = 987_654;

async fn write(staff: &Api, title: &str, visibility: &str, tags: &[&str]) -> i64 {
    let (status, a) = staff
        .post(
            "/api/v1/kb/articles",
            json!({"title": title, "body": format!("All about {title} and lighthouses."),
                   "category": "Guides", "visibility": visibility, "tags": tags}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    a["id"].as_i64().unwrap()
}

fn id_set(page: &Value) -> BTreeSet<i64> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {page}"))
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

/// What `api` sees of `ids`: in the full list, in a search, and by id
/// (a hidden article answers exactly what a missing one does).
async fn seen(api: &Api, ids: &[i64]) -> (BTreeSet<i64>, BTreeSet<i64>, BTreeSet<i64>) {
    let (status, all) = api.get("/api/v1/kb/articles?limit=200").await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let listed = id_set(&all)
        .into_iter()
        .filter(|i| ids.contains(i))
        .collect();
    let (status, found) = api.get("/api/v1/kb/articles?q=lighthouses").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let found = id_set(&found);
    let missing = api
        .raw(Method::GET, &format!("/api/v1/kb/articles/{MISSING}"))
        .await;
    assert_eq!(missing.0, StatusCode::NOT_FOUND);
    let mut fetched = BTreeSet::new();
    for id in ids {
        let got = api
            .raw(Method::GET, &format!("/api/v1/kb/articles/{id}"))
            .await;
        if got.0 == StatusCode::OK {
            fetched.insert(*id);
        } else {
            assert_eq!(got, missing, "a hidden article must look missing");
        }
    }
    (listed, found, fetched)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_reader_sees_exactly_what_the_visibility_allows() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let public = write(&admin, "Public", "public", &[]).await;
    let clients = write(&admin, "Clients", "clients", &[]).await;
    let android = write(&admin, "Android", "tags", &["android"]).await;
    let staff = write(&admin, "Staff", "staff", &[]).await;
    let all = [public, clients, android, staff];
    let set = |ids: &[i64]| ids.iter().copied().collect::<BTreeSet<i64>>();

    let readers = [
        ("anonymous", server.api(), set(&[public])),
        (
            "Northwind (platinum)",
            server.demo_login(ANA).await,
            set(&[public, clients]),
        ),
        (
            "Globex (android)",
            server.demo_login(CARLA).await,
            set(&[public, clients, android]),
        ),
        (
            "Initech (no tags)",
            server.demo_login(DAN).await,
            set(&[public, clients]),
        ),
        ("staff", admin.clone(), set(&all)),
    ];
    for (who, api, expected) in &readers {
        let (listed, found, fetched) = seen(api, &all).await;
        assert_eq!(&listed, expected, "{who}: list");
        assert_eq!(&found, expected, "{who}: search");
        assert_eq!(&fetched, expected, "{who}: fetch by id");
    }

    // Tags are internal: staff see which open an article, clients do not.
    let carla = &readers[2].1;
    let (_, a) = carla.get(&format!("/api/v1/kb/articles/{android}")).await;
    assert_eq!(a["tags"], json!([]));
    assert!(a["updated_by"].is_null());
    let (_, a) = admin.get(&format!("/api/v1/kb/articles/{android}")).await;
    assert_eq!(a["tags"], json!(["android"]));
    assert_eq!(a["updated_by"]["name"], "Ada Admin");

    // Staff give Northwind the android tag: its contacts now read the article.
    let (_, orgs) = admin.get("/api/v1/organizations?q=Northwind").await;
    let northwind = orgs["items"][0]["id"].as_i64().unwrap();
    let (status, org) = admin
        .patch(
            &format!("/api/v1/organizations/{northwind}"),
            json!({"tags": ["platinum", "Android"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{org}");
    assert_eq!(org["tags"], json!(["android", "platinum"]));
    let ana = &readers[1].1;
    let (listed, found, fetched) = seen(ana, &all).await;
    let now_expected = set(&[public, clients, android]);
    assert_eq!(
        (listed, found, fetched),
        (now_expected.clone(), now_expected.clone(), now_expected)
    );

    // The demo's platinum article: Northwind reads it, Globex does not.
    let (_, page) = ana.get("/api/v1/kb/articles?q=escalation").await;
    assert_eq!(
        page["items"][0]["title"],
        "Escalating an incident (platinum)"
    );
    let (_, page) = carla.get("/api/v1/kb/articles?q=escalation").await;
    assert_eq!(page["items"], json!([]));

    // A worker has no knowledge base; a bad token is refused, not anonymous.
    let wendy = server.demo_login(WENDY).await;
    assert_error(
        &wendy.get("/api/v1/kb/articles").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let forged = server.api().with_token("not-a-real-token");
    assert_error(
        &forged.get("/api/v1/kb/articles").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_keep_revisions_and_deletion_hides_the_article() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let id = write(&admin, "Printer setup", "clients", &[]).await;

    let (status, a) = admin
        .patch(
            &format!("/api/v1/kb/articles/{id}"),
            json!({"body": "Use the *zebra* driver.", "category": "Hardware"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(
        (
            a["revision"].as_i64(),
            a["title"].as_str(),
            a["category"].as_str()
        ),
        (Some(2), Some("Printer setup"), Some("Hardware"))
    );
    let revisions = |sql: &str| server.query_i64(&sql.replace("ID", &id.to_string()));
    assert_eq!(
        revisions("SELECT COUNT(*) FROM kb_article_revisions WHERE article_id = ID"),
        2
    );
    assert_eq!(
        revisions(
            "SELECT COUNT(*) FROM kb_article_revisions WHERE article_id = ID AND revision = 1 AND body LIKE '%lighthouses%'"
        ),
        1,
        "the first text is kept"
    );
    // Search follows the new text, and the category filter the new category.
    let (_, old) = ana.get("/api/v1/kb/articles?q=lighthouses").await;
    assert!(!id_set(&old).contains(&id));
    let (_, new) = ana.get("/api/v1/kb/articles?q=zebra").await;
    assert_eq!(id_set(&new), BTreeSet::from([id]));
    let (_, hw) = ana.get("/api/v1/kb/articles?category=hardware").await;
    assert_eq!(id_set(&hw), BTreeSet::from([id]));

    // Clients do not write; nothing changes.
    assert_error(
        &ana.patch(
            &format!("/api/v1/kb/articles/{id}"),
            json!({"title": "Mine"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let (status, _) = ana
        .post(
            "/api/v1/kb/articles",
            json!({"title": "Client's", "body": "b", "visibility": "public"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM kb_articles WHERE title IN ('Mine', 'Client''s')"),
        0
    );

    // Deleted: gone from fetch, list and search for everyone; revisions stay.
    let (status, _) = ana
        .call(Method::DELETE, &format!("/api/v1/kb/articles/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = admin
        .call(Method::DELETE, &format!("/api/v1/kb/articles/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for api in [&admin, &ana] {
        assert_error(
            &api.get(&format!("/api/v1/kb/articles/{id}")).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
        let (_, found) = api.get("/api/v1/kb/articles?q=zebra").await;
        assert_eq!(found["items"], json!([]));
        let (_, all) = api.get("/api/v1/kb/articles?limit=200").await;
        assert!(!id_set(&all).contains(&id));
    }
    let (status, _) = admin
        .call(Method::DELETE, &format!("/api/v1/kb/articles/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "deleting twice");
    assert_eq!(
        revisions("SELECT COUNT(*) FROM kb_article_revisions WHERE article_id = ID"),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_is_refused_and_changes_nothing() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let before = server.query_i64("SELECT COUNT(*) FROM kb_articles");
    let long = "x".repeat(65_537);
    for (body, field) in [
        (
            json!({"title": "T", "body": "b", "visibility": "tags"}),
            "tags",
        ),
        (
            json!({"title": " ", "body": "b", "visibility": "public"}),
            "title",
        ),
        (
            json!({"title": "T", "body": "  ", "visibility": "public"}),
            "body",
        ),
        (
            json!({"title": "T", "body": long, "visibility": "public"}),
            "body",
        ),
        (
            json!({"title": "T", "body": "b", "category": "a\u{7}", "visibility": "public"}),
            "category",
        ),
        (
            json!({"title": "T", "body": "b", "visibility": "public", "tags": ["no spaces"]}),
            "tags",
        ),
    ] {
        let got = admin.post("/api/v1/kb/articles", body).await;
        assert_error(&got, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert!(
            error_fields(&got).iter().any(|f| f == field),
            "{field}: {}",
            got.1
        );
    }
    let (status, _) = admin
        .post(
            "/api/v1/kb/articles",
            json!({"title": "T", "body": "b", "visibility": "everyone"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM kb_articles"), before);

    // Search text is never FTS syntax; nothing searchable finds nothing.
    for q in ["\"", "NEAR(a b)", "title:x*", "-", "%%%", "a OR b"] {
        let url = format!("/api/v1/kb/articles?q={}", urlencode(q));
        let (status, page) = server.api().get(&url).await;
        assert_eq!(status, StatusCode::OK, "{q}: {page}");
    }
    let (status, _) = server.api().get("/api/v1/kb/articles?cursor=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = server.api().get("/api/v1/kb/articles?color=red").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_module_switch_closes_the_knowledge_base_to_everyone_but_staff() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    assert_eq!(
        server.api().get("/api/v1/kb/articles").await.0,
        StatusCode::OK
    );
    let (status, _) = admin
        .put(
            "/api/v1/settings/modules",
            json!({"disabled": ["knowledge"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let ana = server.api().with_token(ana.token.as_deref().unwrap());
    for api in [&server.api(), &ana] {
        assert_error(
            &api.get("/api/v1/kb/articles").await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
        assert_error(
            &api.get("/api/v1/kb/articles/1").await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
    }
    assert_eq!(admin.get("/api/v1/kb/articles").await.0, StatusCode::OK);
}

/// `(revision, title)` of each listed revision, newest first.
fn revision_titles(list: &Value) -> Vec<(i64, String)> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|r| {
            (
                r["revision"].as_i64().unwrap(),
                r["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revisions_are_listed_only_as_far_as_the_reader_could_read_them() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let anon = server.api();
    // Drafted for staff, then opened to platinum clients, then to everyone.
    let id = write(&admin, "Draft outage plan", "staff", &[]).await;
    let url = format!("/api/v1/kb/articles/{id}/revisions");
    for (title, visibility, tags) in [
        ("Outage plan", "tags", json!(["platinum"])),
        ("Outage plan v2", "public", json!([])),
    ] {
        let (status, a) = admin
            .patch(
                &format!("/api/v1/kb/articles/{id}"),
                json!({"title": title, "visibility": visibility, "tags": tags}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{a}");
    }

    // Staff see every revision, newest first, with who wrote it and the tags.
    let (status, all) = admin.get(&url).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    assert_eq!(
        revision_titles(&all),
        [
            (3, "Outage plan v2".to_owned()),
            (2, "Outage plan".to_owned()),
            (1, "Draft outage plan".to_owned())
        ]
    );
    assert_eq!(all[0]["editor"]["name"], "Ada Admin");
    assert_eq!(all[1]["tags"], json!(["platinum"]));
    assert!(
        all[2]["body"]
            .as_str()
            .unwrap()
            .contains("Draft outage plan")
    );

    // A platinum client: the public and platinum revisions, not the draft;
    // no editor, no tags.
    let (status, ana_sees) = ana.get(&url).await;
    assert_eq!(status, StatusCode::OK, "{ana_sees}");
    assert_eq!(
        revision_titles(&ana_sees),
        [
            (3, "Outage plan v2".to_owned()),
            (2, "Outage plan".to_owned())
        ]
    );
    assert_eq!(ana_sees[0]["editor"], Value::Null);
    assert_eq!(ana_sees[1]["tags"], json!([]));
    // Another client and someone not signed in: the public revision only.
    for api in [&carla, &anon] {
        let (status, seen) = api.get(&url).await;
        assert_eq!(status, StatusCode::OK, "{seen}");
        assert_eq!(revision_titles(&seen), [(3, "Outage plan v2".to_owned())]);
    }

    // Hidden from a reader: exactly what a missing article answers.
    let (status, _) = admin
        .patch(
            &format!("/api/v1/kb/articles/{id}"),
            json!({"visibility": "tags", "tags": ["platinum"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let missing_url = format!("/api/v1/kb/articles/{MISSING}/revisions");
    for api in [&carla, &anon] {
        let hidden = api.raw(Method::GET, &url).await;
        assert_eq!(hidden.0, StatusCode::NOT_FOUND);
        assert_eq!(hidden, api.raw(Method::GET, &missing_url).await);
    }
    assert_eq!(revision_titles(&ana.get(&url).await.1).len(), 3);

    // Deleted: no one lists its revisions, though they are kept.
    let (status, _) = admin
        .call(Method::DELETE, &format!("/api/v1/kb/articles/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_error(&admin.get(&url).await, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM kb_article_revisions WHERE article_id = {id}"
        )),
        4
    );
}
