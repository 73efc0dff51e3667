//! Projects (the client's timeline of phases and its history), tasks for
//! client contacts, and standalone threads over HTTP, as contacts of two
//! organisations (one limited to a location), a worker and staff.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use portico_tests::{Api, EventReader, TestServer, assert_error};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const PRIYA: &str = "priya@portico.example";
const ANA: &str = "ana@northwind.example";
const BEN: &str = "ben@northwind.example";
const CARLA: &str = "carla@globex.example";
const WENDY: &str = "wendy@workers.example";
const WAIT: Duration = Duration::from_secs(5);
const MISSING: i64 = 987_654;

fn names(rows: &Value, key: &str) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap().to_owned())
        .collect()
}

/// The id of the project named `name` in the viewer's list.
async fn project_id(api: &Api, name: &str) -> i64 {
    let (_, page) = api.get("/api/v1/projects").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed: {page}"))["id"]
        .as_i64()
        .unwrap()
}

async fn my_id(api: &Api) -> i64 {
    api.get("/api/v1/me").await.1["user"]["id"]
        .as_i64()
        .unwrap()
}

async fn org_id(admin: &Api, name: &str) -> i64 {
    let (_, orgs) = admin.get("/api/v1/organizations").await;
    let rows = orgs["items"]
        .as_array()
        .or(orgs.as_array())
        .unwrap()
        .clone();
    rows.iter().find(|o| o["name"] == name).unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_client_sees_the_timeline_in_date_order_without_internal_phases() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let priya = server.demo_login(PRIYA).await;
    let erp = project_id(&ana, "ERP migration").await;

    let (status, detail) = ana.get(&format!("/api/v1/projects/{erp}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(
        names(&detail["phases"], "name"),
        ["Discovery", "Design", "Build", "Go-live"],
        "the client's timeline: date order, the internal phase left out"
    );
    let starts = names(&detail["phases"], "start_date");
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    let statuses = names(&detail["phases"], "status");
    assert_eq!(statuses, ["done", "done", "active", "planned"]);
    let history = detail["history"].as_array().unwrap();
    assert!(
        history
            .iter()
            .any(|h| h["phase_name"] == "Build" && h["action"] == "started"),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .all(|h| h["phase_name"] != "Vendor contract review"),
        "the internal phase's history is staff-only"
    );
    // Her tasks of the project come with it.
    assert!(
        names(&detail["tasks"], "title")
            .contains(&"Send the signed data-processing agreement".into())
    );

    // Staff see the internal phase, in its place by date.
    let (_, staff_view) = priya.get(&format!("/api/v1/projects/{erp}")).await;
    assert_eq!(
        names(&staff_view["phases"], "name"),
        [
            "Discovery",
            "Design",
            "Vendor contract review",
            "Build",
            "Go-live"
        ]
    );
}

#[tokio::test]
async fn another_organisation_and_another_location_get_not_found() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let erp = project_id(&ana, "ERP migration").await;
    let berlin = project_id(&ana, "Berlin HQ network refresh").await;

    // Carla (Globex) asks for Northwind's project, its tasks and its thread.
    let missing = carla.get(&format!("/api/v1/projects/{MISSING}")).await;
    assert_eq!(missing.0, StatusCode::NOT_FOUND);
    assert_eq!(carla.get(&format!("/api/v1/projects/{erp}")).await, missing);
    let (_, ana_tasks) = ana.get("/api/v1/tasks").await;
    let task = ana_tasks["items"][0]["id"].as_i64().unwrap();
    let missing_task = carla.get(&format!("/api/v1/tasks/{MISSING}")).await;
    assert_eq!(
        carla.get(&format!("/api/v1/tasks/{task}")).await,
        missing_task
    );
    let done = json!({"status": "done"});
    assert_eq!(
        carla
            .patch(&format!("/api/v1/tasks/{task}"), done.clone())
            .await,
        carla.patch(&format!("/api/v1/tasks/{MISSING}"), done).await
    );
    let (_, detail) = ana.get(&format!("/api/v1/projects/{erp}")).await;
    let thread = detail["project"]["thread_id"].as_i64().unwrap();
    assert_eq!(
        carla
            .get(&format!("/api/v1/threads/{thread}/messages"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, carla_projects) = carla.get("/api/v1/projects").await;
    assert_eq!(
        names(&carla_projects["items"], "name"),
        ["Plant floor Wi-Fi"]
    );
    let (_, carla_tasks) = carla.get("/api/v1/tasks").await;
    assert!(
        carla_tasks["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["organization"]["name"] == "Globex Corporation")
    );

    // Ben is limited to Hamburg: the organisation-wide project is his,
    // the Berlin one (and its task) is not.
    let (_, bens) = ben.get("/api/v1/projects").await;
    assert_eq!(names(&bens["items"], "name"), ["ERP migration"]);
    assert_eq!(
        ben.get(&format!("/api/v1/projects/{berlin}")).await,
        ben.get(&format!("/api/v1/projects/{MISSING}")).await
    );
    let (_, ben_tasks) = ben.get("/api/v1/tasks").await;
    assert!(!names(&ben_tasks["items"], "title").contains(&"Send the floor plans".into()));
    // Ana sees both; a worker sees no projects at all.
    let (_, anas) = ana.get("/api/v1/projects").await;
    assert_eq!(anas["items"].as_array().unwrap().len(), 2);
    let wendy = server.demo_login(WENDY).await;
    assert_error(
        &wendy.get("/api/v1/projects").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test]
async fn every_phase_change_is_kept_with_its_date() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let northwind = org_id(&admin, "Northwind Traders").await;
    let (status, created) = admin
        .post(
            "/api/v1/projects",
            json!({"name": "Office move", "organization_id": northwind,
                   "start_date": "2027-01-04", "due_date": "2027-03-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["project"]["id"].as_i64().unwrap();
    assert_eq!(created["project"]["status"], "planned");
    let phases = format!("/api/v1/projects/{id}/phases");
    // Added out of date order; the timeline sorts them.
    let (_, build) = admin
        .post(
            &phases,
            json!({"name": "Build", "start_date": "2027-02-01", "end_date": "2027-02-20"}),
        )
        .await;
    let (_, plan) = admin
        .post(
            &phases,
            json!({"name": "Plan", "start_date": "2027-01-04", "end_date": "2027-01-29"}),
        )
        .await;
    let (status, _) = admin
        .post(
            &phases,
            json!({"name": "Budget sign-off", "start_date": "2027-01-10",
                               "end_date": "2027-01-12", "visible_to_client": false}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // Backwards dates are refused and store nothing.
    let bad = admin
        .post(
            &phases,
            json!({"name": "Oops", "start_date": "2027-02-01", "end_date": "2027-01-01"}),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    // Clients do not keep phases.
    let client_try = ana
        .post(
            &phases,
            json!({"name": "Mine", "start_date": "2027-01-01", "end_date": "2027-01-02"}),
        )
        .await;
    assert_error(&client_try, StatusCode::FORBIDDEN, "forbidden");

    let plan_id = plan["id"].as_i64().unwrap();
    let (status, moved) = admin
        .patch(&format!("{phases}/{plan_id}"), json!({"status": "done"}))
        .await;
    assert_eq!(
        (status, moved["status"].as_str()),
        (StatusCode::OK, Some("done"))
    );
    let build_id = build["id"].as_i64().unwrap();
    admin
        .patch(&format!("{phases}/{build_id}"), json!({"status": "active"}))
        .await;

    let (_, seen) = ana.get(&format!("/api/v1/projects/{id}")).await;
    assert_eq!(names(&seen["phases"], "name"), ["Plan", "Build"]);
    let history: Vec<(String, String)> = seen["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["phase_name"].as_str().unwrap().to_owned(),
                h["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        history,
        [
            pair("Build", "started"),
            pair("Plan", "done"),
            pair("Plan", "added"),
            pair("Build", "added")
        ],
        "newest first, without the internal phase"
    );
    assert!(seen["history"][0]["at"].as_str().is_some());

    // A removed phase leaves the timeline; its history stays.
    let (status, _) = admin
        .call(
            reqwest::Method::DELETE,
            &format!("{phases}/{plan_id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, after) = ana.get(&format!("/api/v1/projects/{id}")).await;
    assert_eq!(names(&after["phases"], "name"), ["Build"]);
    assert_eq!(after["history"][0]["action"], "removed");
    assert_eq!(after["history"][0]["phase_name"], "Plan");
    // Staff-only fields of the project itself.
    let refused = ana
        .patch(&format!("/api/v1/projects/{id}"), json!({"status": "done"}))
        .await;
    assert_error(&refused, StatusCode::FORBIDDEN, "forbidden");
    let (_, changed) = admin
        .patch(
            &format!("/api/v1/projects/{id}"),
            json!({"status": "active"}),
        )
        .await;
    assert_eq!(changed["project"]["status"], "active");
    let bad_dates = admin
        .patch(
            &format!("/api/v1/projects/{id}"),
            json!({"due_date": "2026-01-01"}),
        )
        .await;
    assert_error(&bad_dates, StatusCode::UNPROCESSABLE_ENTITY, "validation");
}

#[tokio::test]
async fn a_client_contact_sees_and_completes_their_task() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let admin = server.demo_login(ADMIN).await;

    let (status, mine) = ana.get("/api/v1/tasks?mine=true").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    let items = mine["items"].as_array().unwrap();
    let ana_id = my_id(&ana).await;
    assert!(items.iter().all(|t| t["assignee"]["id"] == ana_id));
    let due = names(&mine["items"], "due_date");
    assert!(
        due.windows(2).all(|w| w[0] <= w[1]),
        "due soonest first: {due:?}"
    );
    assert_eq!(items[0]["title"], "Approve the cut-over plan draft");
    assert_eq!(items[0]["overdue"], true);
    assert_eq!(items[1]["overdue"], false);
    // All of the organisation's tasks are more than hers.
    let (_, all) = ana.get("/api/v1/tasks").await;
    assert!(all["items"].as_array().unwrap().len() > items.len());

    let task = items[1]["id"].as_i64().unwrap();
    let url = format!("/api/v1/tasks/{task}");
    // Ben sees it but it is not his to finish; Ana may not retitle it.
    assert_eq!(ben.get(&url).await.0, StatusCode::OK);
    assert_error(
        &ben.patch(&url, json!({"status": "done"})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &ana.patch(&url, json!({"status": "done", "title": "Mine now"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(ana.get(&url).await.1["status"], "open");
    let (status, done) = ana.patch(&url, json!({"status": "done"})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "done");
    assert!(done["done_at"].as_str().is_some());
    let (_, open) = ana.get("/api/v1/tasks?mine=true&status=open").await;
    assert!(
        !open["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == task)
    );

    // Staff create tasks for a contact of the organisation only.
    let northwind = org_id(&admin, "Northwind Traders").await;
    let carla_id = my_id(&server.demo_login(CARLA).await).await;
    let wrong = admin
        .post(
            "/api/v1/tasks",
            json!({"title": "Not hers", "organization_id": northwind, "assignee_id": carla_id}),
        )
        .await;
    assert_error(&wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let (status, made) = admin
        .post(
            "/api/v1/tasks",
            json!({"title": "Sign the quote", "organization_id": northwind,
                                      "assignee_id": ana_id, "due_date": "2020-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["overdue"], true);
    // A worker sees only tasks assigned to them.
    let wendy = server.demo_login(WENDY).await;
    let wendy_id = my_id(&wendy).await;
    assert_eq!(
        wendy.get("/api/v1/tasks").await.1["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    admin
        .post("/api/v1/tasks", json!({"title": "Clean the dock", "organization_id": northwind, "assignee_id": wendy_id}))
        .await;
    let (_, wendys) = wendy.get("/api/v1/tasks").await;
    assert_eq!(names(&wendys["items"], "title"), ["Clean the dock"]);
}

#[tokio::test]
async fn module_switches_close_projects_and_tasks() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    admin
        .put(
            "/api/v1/settings/modules",
            json!({"disabled": ["projects"]}),
        )
        .await;
    assert_error(
        &ana.get("/api/v1/projects").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(ana.get("/api/v1/tasks").await.0, StatusCode::OK);
    assert_eq!(admin.get("/api/v1/projects").await.0, StatusCode::OK);
    admin
        .put("/api/v1/settings/modules", json!({"disabled": ["tasks"]}))
        .await;
    assert_error(
        &ana.get("/api/v1/tasks").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(ana.get("/api/v1/projects").await.0, StatusCode::OK);
    admin
        .put("/api/v1/settings/modules", json!({"disabled": []}))
        .await;
    assert_eq!(ana.get("/api/v1/tasks").await.0, StatusCode::OK);
}

#[tokio::test]
async fn standalone_threads_with_unread_counts_and_live_events() {
    let server = TestServer::demo().await;
    let priya = server.demo_login(PRIYA).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let admin = server.demo_login(ADMIN).await;
    let northwind = org_id(&admin, "Northwind Traders").await;
    let globex = org_id(&admin, "Globex Corporation").await;
    let ana_id = my_id(&ana).await;
    let mut ana_events = EventReader::open(&ana, None).await;

    // Staff start a thread with Ana alone.
    let (status, thread) = priya
        .post(
            "/api/v1/threads",
            json!({"subject": "Your renewal", "body": "Can we talk about the renewal?",
                                        "organization_id": northwind, "participant_ids": [ana_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{thread}");
    let id = thread["id"].as_i64().unwrap();
    let ev = ana_events.expect(&["thread.created"], WAIT).await;
    assert_eq!(ev.data["thread"]["id"], id);
    assert_eq!(ev.data["message"]["body"], "Can we talk about the renewal?");

    let unread = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .map(|t| t["unread_count"].as_i64().unwrap())
    };
    assert_eq!(unread(&ana.get("/api/v1/threads").await.1), Some(1));
    // Not Ben's (not named), not Carla's (another organisation).
    assert_eq!(unread(&ben.get("/api/v1/threads").await.1), None);
    let messages = format!("/api/v1/threads/{id}/messages");
    assert_eq!(ben.get(&messages).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        carla.get(&messages).await,
        carla
            .get(&format!("/api/v1/threads/{MISSING}/messages"))
            .await
    );
    assert_eq!(unread(&carla.get("/api/v1/threads").await.1), None);
    // The organisation-wide welcome thread is Ben's too.
    assert!(
        names(&ben.get("/api/v1/threads").await.1["items"], "subject")
            .contains(&"Welcome to your Portico portal".into())
    );

    ana.post(&format!("/api/v1/threads/{id}/read"), json!({}))
        .await;
    assert_eq!(unread(&ana.get("/api/v1/threads").await.1), Some(0));
    priya
        .post(&messages, json!({"body": "Tuesday at ten?"}))
        .await;
    let ev = ana_events.expect(&["message.created"], WAIT).await;
    assert_eq!(ev.data["thread"]["id"], id);
    assert_eq!(ev.data["message"]["body"], "Tuesday at ten?");
    assert_eq!(unread(&ana.get("/api/v1/threads").await.1), Some(1));
    // A staff note stays with staff.
    priya
        .post(
            &messages,
            json!({"body": "They may churn", "internal": true}),
        )
        .await;
    assert_eq!(unread(&ana.get("/api/v1/threads").await.1), Some(1));
    let (_, read) = ana.get(&messages).await;
    assert_eq!(read["items"].as_array().unwrap().len(), 2);

    // A client's thread is with staff, for their own organisation.
    let (status, own) = ana
        .post(
            "/api/v1/threads",
            json!({"subject": "Question", "body": "Who do I call?",
                                        "organization_id": globex}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{own}");
    assert_eq!(own["organization"]["name"], "Northwind Traders");
    assert_eq!(names(&own["participants"], "name"), ["Ana Lima"]);
    let (_, staff_list) = priya.get("/api/v1/threads").await;
    let theirs = staff_list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == own["id"])
        .unwrap();
    assert_eq!(theirs["unread_count"], 1, "new to staff");
    let bad = priya
        .post(
            "/api/v1/threads",
            json!({"subject": "x", "body": "y", "organization_id": northwind,
                                        "participant_ids": [my_id(&carla).await]}),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let many: Vec<i64> = (1..=201).collect();
    let too_many = priya
        .post(
            "/api/v1/threads",
            json!({"subject": "Crowd", "body": "y", "organization_id": northwind, "participant_ids": many}),
        )
        .await;
    assert_error(&too_many, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM conversations WHERE subject = 'Crowd'"),
        0
    );
    let empty = ana
        .post("/api/v1/threads", json!({"subject": "x", "body": "  "}))
        .await;
    assert_error(&empty, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    // Workers have no standalone threads.
    let wendy = server.demo_login(WENDY).await;
    assert_error(
        &wendy.get("/api/v1/threads").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test]
async fn a_client_creates_tasks_in_their_own_organisation_for_its_contacts() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let admin = server.demo_login(ADMIN).await;
    let (ana_id, ben_id) = (my_id(&ana).await, my_id(&ben).await);
    let globex = org_id(&admin, "Globex Corporation").await;
    let erp = project_id(&ana, "ERP migration").await;
    let berlin = project_id(&ana, "Berlin HQ network refresh").await;
    let plant = project_id(&carla, "Plant floor Wi-Fi").await;

    // Unassigned, it is her own; the organisation named is ignored.
    let (status, own) = ana
        .post(
            "/api/v1/tasks",
            json!({"title": "Book the training room", "organization_id": globex}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{own}");
    assert_eq!(
        (&own["organization"]["name"], &own["assignee"]["id"]),
        (&json!("Northwind Traders"), &json!(ana_id))
    );
    // For a colleague, on a project she sees.
    let (status, for_ben) = ana
        .post(
            "/api/v1/tasks",
            json!({"title": "Count the Hamburg stock", "project_id": erp,
                   "assignee_id": ben_id, "due_date": "2031-01-15"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{for_ben}");
    assert_eq!(for_ben["project"]["id"], erp);
    let (_, bens) = ben.get("/api/v1/tasks?mine=true").await;
    assert!(names(&bens["items"], "title").contains(&"Count the Hamburg stock".into()));
    let task = for_ben["id"].as_i64().unwrap();
    let (status, done) = ben
        .patch(&format!("/api/v1/tasks/{task}"), json!({"status": "done"}))
        .await;
    assert_eq!((status, &done["status"]), (StatusCode::OK, &json!("done")));

    // Not for staff nor for another organisation's contact; not on a
    // project she cannot see, which reads exactly as one that is missing.
    let before = server.query_i64("SELECT COUNT(*) FROM tasks");
    let priya_id = my_id(&server.demo_login(PRIYA).await).await;
    let carla_id = my_id(&carla).await;
    for assignee in [priya_id, carla_id, MISSING] {
        let r = ana
            .post(
                "/api/v1/tasks",
                json!({"title": "x", "assignee_id": assignee}),
            )
            .await;
        assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    }
    let missing = ana
        .post(
            "/api/v1/tasks",
            json!({"title": "x", "project_id": MISSING}),
        )
        .await;
    assert_error(&missing, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        ana.post("/api/v1/tasks", json!({"title": "x", "project_id": plant}))
            .await,
        missing
    );
    assert_eq!(
        ben.post("/api/v1/tasks", json!({"title": "x", "project_id": berlin}))
            .await,
        ben.post(
            "/api/v1/tasks",
            json!({"title": "x", "project_id": MISSING})
        )
        .await,
        "Ben is limited to Hamburg"
    );
    let wendy = server.demo_login(WENDY).await;
    assert_error(
        &wendy
            .post(
                "/api/v1/tasks",
                json!({"title": "x", "organization_id": globex}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let empty = ana.post("/api/v1/tasks", json!({"title": "  "})).await;
    assert_error(&empty, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM tasks"), before);
}

#[tokio::test]
async fn project_and_task_changes_are_live_events_for_those_who_see_them() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let priya = server.demo_login(PRIYA).await;
    let berlin = project_id(&ana, "Berlin HQ network refresh").await;
    let ana_id = my_id(&ana).await;
    let mut ana_events = EventReader::open(&ana, None).await;
    let mut ben_events = EventReader::open(&ben, None).await;
    let mut carla_events = EventReader::open(&carla, None).await;
    let mut priya_events = EventReader::open(&priya, None).await;

    let url = format!("/api/v1/projects/{berlin}");
    let (status, _) = priya.patch(&url, json!({"status": "on_hold"})).await;
    assert_eq!(status, StatusCode::OK);
    let ev = ana_events.expect(&["project.updated"], WAIT).await;
    assert_eq!(
        (&ev.data["project"]["id"], &ev.data["project"]["status"]),
        (&json!(berlin), &json!("on_hold"))
    );
    let (status, _) = priya
        .post(
            &format!("{url}/phases"),
            json!({"name": "Cabling", "start_date": "2031-02-01", "end_date": "2031-02-20"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let ev = ana_events.expect(&["project.updated"], WAIT).await;
    assert_eq!(ev.data["project"]["id"], berlin);

    // A task for Ana on the Berlin project: she hears of it, and staff of her finishing it.
    let (status, task) = priya
        .post(
            "/api/v1/tasks",
            json!({"title": "Sign off the cabling", "project_id": berlin, "assignee_id": ana_id}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    let id = task["id"].as_i64().unwrap();
    let ev = ana_events.expect(&["task.created"], WAIT).await;
    assert_eq!(
        (&ev.data["task"]["id"], &ev.data["task"]["title"]),
        (&json!(id), &json!("Sign off the cabling"))
    );
    ana.patch(&format!("/api/v1/tasks/{id}"), json!({"status": "done"}))
        .await;
    let ev = priya_events.expect(&["task.updated"], WAIT).await;
    assert_eq!(
        (&ev.data["task"]["id"], &ev.data["task"]["status"]),
        (&json!(id), &json!("done"))
    );

    // Neither Ben (limited to Hamburg) nor Carla (Globex) hears of any of it.
    for (who, reader) in [("Ben", &mut ben_events), ("Carla", &mut carla_events)] {
        while let Some(ev) = reader.next(Duration::from_millis(400)).await {
            assert!(
                !ev.kind.starts_with("project.") && !ev.kind.starts_with("task."),
                "{who} heard {} {}",
                ev.kind,
                ev.data
            );
        }
    }
    // Ben's stream is live: he hears of the organisation-wide project.
    let erp = project_id(&ana, "ERP migration").await;
    priya
        .patch(
            &format!("/api/v1/projects/{erp}"),
            json!({"status": "active"}),
        )
        .await;
    let ev = ben_events.expect(&["project.updated"], WAIT).await;
    assert_eq!(ev.data["project"]["id"], erp);
}

#[tokio::test]
async fn one_thread_is_read_by_id_and_threads_come_latest_message_first() {
    let server = TestServer::demo().await;
    let priya = server.demo_login(PRIYA).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let admin = server.demo_login(ADMIN).await;
    let northwind = org_id(&admin, "Northwind Traders").await;
    let ana_id = my_id(&ana).await;
    let start = |subject: &'static str, participants: Vec<i64>| {
        let priya = priya.clone();
        async move {
            let (status, t) = priya
                .post(
                    "/api/v1/threads",
                    json!({"subject": subject, "body": "first", "organization_id": northwind,
                           "participant_ids": participants}),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{t}");
            t["id"].as_i64().unwrap()
        }
    };
    let older = start("Older", vec![ana_id]).await;
    server.state.clock.advance(60);
    let newer = start("Newer", vec![]).await;

    let (status, one) = ana.get(&format!("/api/v1/threads/{older}")).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(
        (&one["subject"], &one["unread_count"], &one["message_count"]),
        (&json!("Older"), &json!(1), &json!(1))
    );
    assert_eq!(names(&one["participants"], "name"), ["Ana Lima"]);
    // Not Ben's (not named), not Carla's: exactly as missing.
    let missing = carla.get(&format!("/api/v1/threads/{MISSING}")).await;
    assert_eq!(missing.0, StatusCode::NOT_FOUND);
    assert_eq!(
        carla.get(&format!("/api/v1/threads/{older}")).await,
        missing
    );
    assert_eq!(
        ben.get(&format!("/api/v1/threads/{older}")).await,
        ben.get(&format!("/api/v1/threads/{MISSING}")).await
    );
    // A ticket's thread is not a standalone one.
    let (_, ticket) = ana
        .post("/api/v1/tickets", json!({"subject": "s", "body": "b"}))
        .await;
    let ticket_thread = ticket["thread_id"].as_i64().unwrap();
    assert_eq!(
        ana.get(&format!("/api/v1/threads/{ticket_thread}")).await.0,
        StatusCode::NOT_FOUND
    );

    let order = |page: &Value| -> Vec<i64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .filter(|id| [older, newer].contains(id))
            .collect()
    };
    assert_eq!(order(&ana.get("/api/v1/threads").await.1), [newer, older]);
    // A reply brings the older thread to the top.
    server.state.clock.advance(60);
    ana.post(
        &format!("/api/v1/threads/{older}/messages"),
        json!({"body": "Back to this"}),
    )
    .await;
    assert_eq!(order(&ana.get("/api/v1/threads").await.1), [older, newer]);
    // Paged one at a time, the same order, every thread once.
    let mut seen = Vec::new();
    let mut url = "/api/v1/threads?limit=1".to_owned();
    loop {
        let (status, page) = ana.get(&url).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => url = format!("/api/v1/threads?limit=1&cursor={c}"),
            None => break,
        }
    }
    let (_, all) = ana.get("/api/v1/threads?limit=100").await;
    assert_eq!(seen, order_all(&all));
    assert_eq!(seen[..2], [older, newer]);
    assert_error(
        &ana.get("/api/v1/threads?cursor=bogus").await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    );
}

fn order_all(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

/// An organisation's welcome text opens its first thread, once: a new
/// organisation gets a "Welcome" thread with the text; an organisation
/// that already talks to staff gets none.
#[tokio::test]
async fn the_welcome_text_opens_an_organisations_first_thread() {
    let server = TestServer::demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let (status, org) = admin
        .post("/api/v1/organizations", json!({"name": "Harbour Bakery"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    let id = org["id"].as_i64().unwrap();
    let threads = |org: i64| {
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM threads WHERE organization_id = {org} AND kind = 'standalone'"
        ))
    };
    for text in ["Hello, and welcome aboard.", "Hello again."] {
        let (status, _) = admin
            .patch(
                &format!("/api/v1/organizations/{id}"),
                json!({"welcome": text}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            threads(id),
            1,
            "one welcome thread, however often it changes"
        );
    }
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM messages m JOIN threads t ON t.id = m.thread_id
             WHERE t.organization_id = {id} AND m.body = 'Hello, and welcome aboard.'"
        )),
        1
    );
    let (_, list) = admin
        .get(&format!("/api/v1/threads?organization_id={id}"))
        .await;
    assert_eq!(list["items"][0]["subject"], "Welcome", "{list}");
    // Northwind already talks with staff: its welcome opens nothing new.
    let before = threads(1);
    assert!(before > 0);
    admin
        .patch(
            "/api/v1/organizations/1",
            json!({"welcome": "Hi Northwind"}),
        )
        .await;
    assert_eq!(threads(1), before);
}

/// The file names of a task's own files.
fn file_names(task: &Value) -> Vec<String> {
    names(&task["attachments"], "file_name")
}

#[tokio::test]
async fn a_task_keeps_its_own_files_for_those_who_see_it() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let northwind = org_id(&admin, "Northwind Traders").await;
    let ana_id = my_id(&ana).await;

    // Staff hand over a brief with the task.
    let brief = admin.upload("brief.pdf", b"%PDF brief").await;
    let (status, task) = admin
        .post(
            "/api/v1/tasks",
            json!({"title": "Sign the brief", "organization_id": northwind,
                   "assignee_id": ana_id, "attachment_ids": [brief]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    assert_eq!(file_names(&task), ["brief.pdf"]);
    let url = format!("/api/v1/tasks/{}", task["id"]);

    // Ana reads it and fetches the brief; she hands back the signed copy.
    assert_eq!(file_names(&ana.get(&url).await.1), ["brief.pdf"]);
    let file = format!("/api/v1/attachments/{brief}");
    assert_eq!(
        ana.raw(Method::GET, &file).await,
        (StatusCode::OK, b"%PDF brief".to_vec())
    );
    let signed = ana.upload("signed.pdf", b"%PDF signed").await;
    let (status, after) = ana.patch(&url, json!({"attachment_ids": [signed]})).await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(file_names(&after), ["brief.pdf", "signed.pdf"]);

    // Ben sees the task but it is not his to hand over; a file already on a
    // task is nobody's to attach again; nothing changes either way.
    let bens = ben.upload("other.pdf", b"%PDF other").await;
    assert_error(
        &ben.patch(&url, json!({"attachment_ids": [bens]})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &admin
            .post(
                "/api/v1/tasks",
                json!({"title": "Again", "organization_id": northwind, "attachment_ids": [signed]}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
    assert_eq!(
        file_names(&ben.get(&url).await.1),
        ["brief.pdf", "signed.pdf"]
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM tasks WHERE title = 'Again'"),
        0
    );

    // Another organisation gets exactly what a missing file gets.
    let missing = carla.get(&format!("/api/v1/attachments/{MISSING}")).await;
    let theirs = carla.get(&file).await;
    assert_error(&theirs, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(theirs, missing);

    // A task's files are attached: the orphan sweep a day later keeps them
    // and deletes only Ben's unused upload.
    server.state.clock.advance(25 * 3600);
    portico_server::jobs::delete_orphans_once(&server.state)
        .await
        .unwrap();
    let left = |name: &str| {
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM attachments WHERE file_name = '{name}'"
        ))
    };
    assert_eq!(
        (left("other.pdf"), left("brief.pdf"), left("signed.pdf")),
        (0, 1, 1)
    );
    let (_, kept) = ana.get(&url).await;
    assert_eq!(file_names(&kept), ["brief.pdf", "signed.pdf"]);
    assert_eq!(ana.raw(Method::GET, &file).await.0, StatusCode::OK);
}
