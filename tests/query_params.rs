//! Query parameters are a contract: every route that takes a query refuses a
//! parameter it does not know with a 422 naming it (a typo such as `?stauts=`
//! never silently lists everything), and every parameter the OpenAPI document
//! lists is one the route takes.
#![allow(clippy::unwrap_used)]

use portico_tests::{Api, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// Each GET route of the document with its query parameters' (name, schema).
fn query_routes(doc: &Value) -> Vec<(String, Vec<(String, Value)>)> {
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let params: Vec<(String, Value)> = get["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == "query")
                    .map(|p| (p["name"].as_str().unwrap().to_owned(), p["schema"].clone()))
                    .collect()
            })
            .unwrap_or_default();
        if !params.is_empty() {
            // Path parameters are ids: the demo has a 1 of each.
            let concrete = path
                .split('/')
                .map(|seg| if seg.starts_with('{') { "1" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            routes.push((concrete, params));
        }
    }
    routes
}

/// A value of the parameter's schema type (an enum's first value).
fn sample(schema: &Value, doc: &Value) -> String {
    let schema = match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => schema,
    };
    if let Some(first) = schema["enum"].get(0) {
        return first.as_str().unwrap().to_owned();
    }
    let one_of = schema["oneOf"]
        .as_array()
        .and_then(|v| v.iter().find(|s| s["type"] != "null"));
    if let Some(inner) = one_of {
        return sample(inner, doc);
    }
    let ty = match &schema["type"] {
        Value::Array(types) => types
            .iter()
            .find(|t| *t != "null")
            .cloned()
            .unwrap_or_default(),
        t => t.clone(),
    };
    match (ty.as_str().unwrap_or(""), schema["format"].as_str()) {
        ("integer" | "number", _) => "1".to_owned(),
        ("boolean", _) => "true".to_owned(),
        (_, Some("date")) => "2026-11-16".to_owned(),
        (_, Some("date-time")) => "2026-11-16T09:00:00Z".to_owned(),
        _ => "x".to_owned(),
    }
}

async fn get(api: &Api, path_and_query: &str) -> (StatusCode, Value) {
    // Headers are enough: a live event stream answers 200 and never ends.
    let resp = api
        .request(Method::GET, path_and_query)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    if status == StatusCode::OK {
        return (status, Value::Null);
    }
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_query_parameters_are_refused_and_documented_ones_accepted() {
    let server = TestServer::demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let (_, doc) = server.api().get("/api/v1/openapi.json").await;
    let routes = query_routes(&doc);
    // The lists people filter most must be among them.
    for list in [
        "/api/v1/tickets",
        "/api/v1/orders",
        "/api/v1/timesheets",
        "/api/v1/users",
    ] {
        let found: Vec<&str> = routes.iter().map(|(p, _)| p.as_str()).collect();
        assert!(found.contains(&list), "{list} takes no query? {found:?}");
    }
    // The refusal is documented for each of them (schemathesis holds us to it).
    for (path, item) in doc["paths"].as_object().unwrap() {
        let get = &item["get"];
        let takes_query = get["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
        if takes_query {
            assert!(
                get["responses"]["422"].is_object(),
                "GET {path} lacks its 422"
            );
        }
    }
    for (path, params) in &routes {
        let (status, body) = get(&admin, &format!("{path}?stauts=open")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {body}");
        assert_eq!(body["error"]["code"], "validation", "{path}: {body}");
        let fields = body["error"]["fields"].as_array().unwrap();
        assert_eq!(
            fields.len(),
            1,
            "only the unknown one is named: {path}: {body}"
        );
        assert_eq!(fields[0]["field"], "stauts", "{path}: {body}");
        // The refusal says what the route does take.
        let first = &params[0].0;
        assert!(
            fields[0]["message"]
                .as_str()
                .unwrap()
                .contains(first.as_str()),
            "{path}: {body}"
        );
        for (name, schema) in params {
            let value = sample(schema, &doc);
            let (status, body) = get(&admin, &format!("{path}?{name}={value}")).await;
            let unknown = body["error"]["fields"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["field"] == name.as_str()))
                && body["error"]["fields"]
                    .to_string()
                    .contains("unknown parameter");
            assert!(
                !unknown && status != StatusCode::INTERNAL_SERVER_ERROR,
                "{path}?{name}={value} is documented but refused: {status} {body}"
            );
        }
    }
    // A route's own parameters still work, and a bad value stays a 400.
    let (status, page) = admin.get("/api/v1/tickets?status=open&limit=2").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page["items"].as_array().unwrap().len() <= 2);
    let (status, body) = admin.get("/api/v1/tickets?limit=lots").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

/// `_` is the one parameter every list takes and ignores, so a client (or a
/// benchmark) can make each URL unique; it is documented like the others.
#[tokio::test]
async fn every_list_takes_the_ignored_underscore() {
    let server = TestServer::demo().await;
    let sam = server.demo_login("sam@portico.example").await;
    let (_, page) = sam.get("/api/v1/tickets?limit=1").await;
    let thread = page["items"][0]["thread_id"].as_i64().unwrap();
    let (_, doc) = sam.get("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/tickets".to_owned(),
        "/api/v1/orders".to_owned(),
        "/api/v1/timesheets".to_owned(),
        "/api/v1/shifts".to_owned(),
        format!("/api/v1/threads/{thread}/messages"),
    ] {
        let (status, body) = get(&sam, &format!("{path}?_=bench.1")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        let documented = path.replace(&thread.to_string(), "{id}");
        let params = doc["paths"][&documented]["get"]["parameters"]
            .as_array()
            .unwrap();
        assert!(
            params.iter().any(|p| p["name"] == "_"),
            "{documented} does not document _"
        );
    }
}
