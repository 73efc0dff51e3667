//! Onboarding and administration with the `portico` binary only: an admin
//! creates an organisation and its location and invites a client and a
//! worker, both join with their codes, the client sees the ticket staff
//! opened for their organisation; modules, removal and readmission, shifts,
//! locations, order forms and the audit log, all without curl.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::TestServer;
use serde_json::Value;

const ADMIN: &str = "admin@portico.example";
const NEW_PASSWORD: &str = "a long new password";

fn json_out(out: &std::process::Output) -> Value {
    assert_ok(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `args` on a fresh configuration: the server named, the new password on
/// standard input, the token kept in a file.
async fn signs_in(cli: &Cli, args: &[&str]) -> std::process::Output {
    let mut all = args.to_vec();
    all.extend([
        "--server",
        &cli.server,
        "--password-stdin",
        "--token-store",
        "file",
    ]);
    cli.run(&all, &format!("{NEW_PASSWORD}\n")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_onboards_a_client_and_a_worker_who_join_with_their_codes() {
    let server = TestServer::demo().await;
    let admin = Cli::new(&server.base);
    admin.login(ADMIN).await;

    let org = json_out(
        &admin
            .run(&["orgs", "create", "Harbour Bakery", "--json"], "")
            .await,
    );
    assert_eq!(org["name"], "Harbour Bakery");
    let out = admin
        .run(
            &[
                "locations",
                "add",
                "--org",
                "harbour bakery",
                "Quay Street",
                "--tz",
                "Europe/Dublin",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("Quay Street (Europe/Dublin)"),
        "{}",
        stdout(&out)
    );
    let out = admin.run(&["orgs", "show", "Harbour Bakery"], "").await;
    assert_ok(&out);
    assert!(stdout(&out).contains("Quay Street"), "{}", stdout(&out));
    assert!(stdout(&out).contains("Europe/Dublin"), "{}", stdout(&out));
    // A name nobody has is "not found", as a wrong id is.
    let out = admin.run(&["orgs", "show", "No Such Place"], "").await;
    assert_eq!(out.status.code(), Some(4));

    let invite = json_out(
        &admin
            .run(
                &[
                    "people",
                    "invite",
                    "bea@harbour.example",
                    "--org",
                    "Harbour Bakery",
                    "--role",
                    "client",
                    "--name",
                    "Bea Baker",
                    "--location",
                    "quay street",
                    "--json",
                ],
                "",
            )
            .await,
    );
    let first_code = invite["invite_code"].as_str().unwrap().to_owned();
    // A resent invite gets a new code, printed for copying; the first stops working.
    let out = admin
        .run(&["people", "resend", "bea@harbour.example"], "")
        .await;
    assert_ok(&out);
    let code = stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("Invite code: "))
        .unwrap()
        .to_owned();
    assert_ne!(code, first_code);
    assert_eq!(invite["user"]["organization_id"], org["id"]);
    assert_eq!(invite["user"]["location_ids"].as_array().unwrap().len(), 1);
    let pending = json_out(
        &admin
            .run(
                &[
                    "people",
                    "list",
                    "--org",
                    "Harbour Bakery",
                    "--status",
                    "invited",
                    "--json",
                ],
                "",
            )
            .await,
    );
    let emails: Vec<&str> = pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["bea@harbour.example"]);

    let out = admin
        .run(
            &[
                "tickets",
                "new",
                "--org",
                "Harbour Bakery",
                "--subject",
                "Welcome aboard",
                "--body-file",
                "-",
            ],
            "Your portal is ready.\n",
        )
        .await;
    assert_ok(&out);

    // The client joins from a fresh machine: nothing remembered, server named.
    let bea = Cli::new(&server.base);
    let out = signs_in(&bea, &["join", "--code", &first_code]).await;
    assert_ne!(out.status.code(), Some(0));
    let out = signs_in(&bea, &["join", "--code", &code]).await;
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "Signed in as Bea Baker (client)");
    // The code is spent.
    assert_ne!(
        signs_in(&bea, &["join", "--code", &code])
            .await
            .status
            .code(),
        Some(0)
    );

    let subjects = ticket_subjects(&bea).await;
    assert_eq!(subjects, ["Welcome aboard"]);

    // A worker for the bakery's street is invited (no organisation) and
    // joins too; naming the address checks the code is theirs.
    let invite = json_out(
        &admin
            .run(
                &[
                    "people",
                    "invite",
                    "wes@workers.example",
                    "--role",
                    "worker",
                    "--name",
                    "Wes Wright",
                    "--json",
                ],
                "",
            )
            .await,
    );
    let wes_code = invite["invite_code"].as_str().unwrap();
    let wes = Cli::new(&server.base);
    let out = signs_in(
        &wes,
        &["join", "--code", wes_code, "--email", "bea@harbour.example"],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("another address"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Refused, the code is still good for its own address.
    let out = signs_in(
        &wes,
        &["join", "--code", wes_code, "--email", "WES@workers.example"],
    )
    .await;
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "Signed in as Wes Wright (worker)");
    let me = json_out(&wes.run(&["whoami", "--json"], "").await);
    assert_eq!(me["user"]["status"], "active");

    // The chosen password signs in from now on.
    let fresh = Cli::new(&server.base);
    let out = signs_in(&fresh, &["login", "--email", "bea@harbour.example"]).await;
    assert_ok(&out);

    // Her own ticket, then staff's note on her dashboard.
    let out = bea
        .run(
            &[
                "tickets",
                "new",
                "--subject",
                "Oven is cold",
                "--body-file",
                "-",
            ],
            "Since Monday.\n",
        )
        .await;
    assert_ok(&out);
    let out = admin
        .run(
            &[
                "orgs",
                "edit",
                "Harbour Bakery",
                "--welcome",
                "Deliveries before 7, please.",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    let me = json_out(&bea.run(&["whoami", "--json"], "").await);
    assert_eq!(me["welcome"], "Deliveries before 7, please.");

    // A module switched off for her organisation is gone for her; on, back.
    assert!(modules_of(&bea).await.contains(&"orders".to_owned()));
    let out = admin
        .run(
            &["modules", "set", "--org", "Harbour Bakery", "orders", "off"],
            "",
        )
        .await;
    assert_ok(&out);
    assert!(!modules_of(&bea).await.contains(&"orders".to_owned()));
    let shown = admin
        .run(
            &["modules", "show", "--org", "Harbour Bakery", "--json"],
            "",
        )
        .await;
    assert_eq!(json_out(&shown)["orders"], false);
    // Off for every client at once, then on again.
    let out = admin.run(&["modules", "set", "tickets", "off"], "").await;
    assert_ok(&out);
    assert!(!modules_of(&bea).await.contains(&"tickets".to_owned()));
    assert_ok(&admin.run(&["modules", "set", "tickets", "on"], "").await);
    assert!(modules_of(&bea).await.contains(&"tickets".to_owned()));

    // Staff open a ticket for her by address: it is hers and her company's.
    let made = json_out(
        &admin
            .run(
                &[
                    "tickets",
                    "new",
                    "--requester",
                    "BEA@harbour.example",
                    "--subject",
                    "Your new oven",
                    "--body-file",
                    "-",
                    "--json",
                ],
                "Booked for Friday.\n",
            )
            .await,
    );
    assert_eq!(made["organization"]["id"], org["id"]);
    assert_eq!(made["requester"]["name"], "Bea Baker");

    // Signed out everywhere (a lost laptop), she signs in again.
    let out = admin
        .run(&["people", "signout", "bea@harbour.example"], "")
        .await;
    assert_ok(&out);
    assert!(stdout(&out).contains("sessions ended"), "{}", stdout(&out));
    assert_eq!(
        bea.run(&["tickets", "list"], "").await.status.code(),
        Some(3)
    );
    let out = signs_in(&bea, &["login", "--email", "bea@harbour.example"]).await;
    assert_ok(&out);
    assert_ok(&bea.run(&["tickets", "list"], "").await);

    // Removal ends her sessions at once: her next command is "not signed in".
    let out = admin
        .run(&["people", "remove", "bea@harbour.example"], "")
        .await;
    assert_ok(&out);
    assert_eq!(
        bea.run(&["tickets", "list"], "").await.status.code(),
        Some(3)
    );
    // Readmitted, she joins with the new code and finds her history.
    let out = admin
        .run(&["people", "readmit", "bea@harbour.example"], "")
        .await;
    assert_ok(&out);
    let again = stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("Invite code: "))
        .unwrap()
        .to_owned();
    let bea = Cli::new(&server.base);
    assert_ok(&signs_in(&bea, &["join", "--code", &again]).await);
    let subjects = ticket_subjects(&bea).await;
    assert_eq!(
        subjects,
        ["Oven is cold", "Welcome aboard", "Your new oven"]
    );

    // She now sees only her own tickets (opened by her or for her, not
    // staff's note to the company); the audit log tells the story.
    let out = admin
        .run(
            &["people", "edit", "bea@harbour.example", "--sees", "own"],
            "",
        )
        .await;
    assert_ok(&out);
    let subjects = ticket_subjects(&bea).await;
    assert_eq!(subjects, ["Oven is cold", "Your new oven"]);
    let log = json_out(
        &admin
            .run(
                &["audit", "--actor", ADMIN, "--action", "user.", "--json"],
                "",
            )
            .await,
    );
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "user.update",
            "user.readmit",
            "user.remove",
            "user.sessions_ended"
        ]
    );
}

/// The subjects of the tickets `cli`'s person sees, in order.
async fn ticket_subjects(cli: &Cli) -> Vec<String> {
    let tickets = json_out(&cli.run(&["tickets", "list", "--json"], "").await);
    let mut subjects: Vec<String> = tickets["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["subject"].as_str().unwrap().to_owned())
        .collect();
    subjects.sort();
    subjects
}

async fn modules_of(cli: &Cli) -> Vec<String> {
    let me = json_out(&cli.run(&["whoami", "--json"], "").await);
    me["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_schedule_a_worker_edit_a_location_and_write_an_order_form_from_the_cli() {
    let server = TestServer::demo().await;
    let admin = Cli::new(&server.base);
    admin.login(ADMIN).await;
    let org = json_out(
        &admin
            .run(
                &[
                    "orgs",
                    "create",
                    "Harbour Bakery",
                    "--history",
                    "since_access",
                    "--json",
                ],
                "",
            )
            .await,
    );
    assert_eq!(org["ticket_history"], "since_access");
    let out = admin
        .run(
            &[
                "locations",
                "add",
                "--org",
                "Harbour Bakery",
                "Quay Street",
                "--tz",
                "Europe/Dublin",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    let out = admin
        .run(
            &[
                "locations",
                "edit",
                "--org",
                "Harbour Bakery",
                "quay street",
                "--name",
                "Quay St.",
                "--tz",
                "Europe/London",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("Quay St. (Europe/London)"),
        "{}",
        stdout(&out)
    );

    // A worker (the demo's; one is invited in the onboarding above) is put
    // on a shift.
    let shift = json_out(
        &admin
            .run(
                &[
                    "shifts",
                    "add",
                    "--worker",
                    "wendy@workers.example",
                    "--location",
                    "Quay St.",
                    "--start",
                    "2031-03-03T08:00",
                    "--end",
                    "2031-03-03T12:00",
                    "--json",
                ],
                "",
            )
            .await,
    );
    // 08:00 on the location's clocks: London is on UTC in March.
    assert_eq!(shift["starts_at"], "2031-03-03T08:00:00Z");
    let id = shift["id"].as_i64().unwrap().to_string();
    let listed = json_out(
        &admin
            .run(
                &[
                    "shifts",
                    "list",
                    "--date",
                    "2031-03-03",
                    "--location",
                    "Quay St.",
                    "--json",
                ],
                "",
            )
            .await,
    );
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["worker"]["name"], "Wendy Walker");
    assert_ok(&admin.run(&["shifts", "cancel", &id], "").await);
    let listed = json_out(
        &admin
            .run(&["shifts", "list", "--date", "2031-03-03", "--json"], "")
            .await,
    );
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["id"].as_i64() != id.parse().ok())
    );
    assert_eq!(
        admin
            .run(&["shifts", "cancel", &id], "")
            .await
            .status
            .code(),
        Some(4)
    );

    // An order form from a TOML file; a bad field is refused field by field.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bakery.toml");
    std::fs::write(
        &file,
        r#"name = "Bakery order"
[[fields]]
key = "loaves"
label = "How many loaves"
kind = "number"
required = true
min = 1.0
[[fields]]
key = "bread"
label = "Which bread"
kind = "choice"
options = ["rye", "spelt"]
"#,
    )
    .unwrap();
    let file_arg = file.to_str().unwrap();
    let form = json_out(
        &admin
            .run(
                &[
                    "forms",
                    "create",
                    "--org",
                    "Harbour Bakery",
                    "--file",
                    file_arg,
                    "--json",
                ],
                "",
            )
            .await,
    );
    assert_eq!(form["definition"]["fields"].as_array().unwrap().len(), 2);
    let form_id = form["id"].as_i64().unwrap().to_string();
    let out = admin.run(&["forms", "show", &form_id], "").await;
    assert_ok(&out);
    assert!(stdout(&out).contains("How many loaves"), "{}", stdout(&out));
    assert!(stdout(&out).contains("rye, spelt"), "{}", stdout(&out));
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"name": "Bakery order", "fields": [{"key": "Bad Key!", "label": "x", "kind": "text"}]}"#,
    )
    .unwrap();
    let out = admin
        .run(
            &["forms", "edit", &form_id, "--file", bad.to_str().unwrap()],
            "",
        )
        .await;
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = json_out(&admin.run(&["forms", "list", "--json"], "").await);
    let ours = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"].as_i64() == form_id.parse().ok())
        .unwrap()
        .clone();
    assert_eq!(ours["version"], 1, "the refused edit changed nothing");

    // An edit made from version 1 is saved once; made from it again after
    // that, it is refused and the form stays as saved.
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        r#"{"name": "Bakery order", "fields": [{"key": "loaves", "label": "Loaves", "kind": "number"}]}"#,
    )
    .unwrap();
    let argv = [
        "forms",
        "edit",
        form_id.as_str(),
        "--file",
        good.to_str().unwrap(),
        "--version",
        "1",
    ];
    assert_ok(&admin.run(&argv, "").await);
    let out = admin.run(&argv, "").await;
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("version 2 now, not 1"), "{err}");
    let shown = json_out(&admin.run(&["forms", "show", &form_id, "--json"], "").await);
    assert_eq!(shown["version"], 2);
}
