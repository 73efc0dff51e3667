//! Onboarding with the `portico` binary only: an admin creates an
//! organisation and its location and invites a client, the client joins with
//! the code, and sees the ticket staff opened for their organisation.
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
async fn an_admin_onboards_a_client_who_joins_with_the_code_and_sees_staffs_ticket() {
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

    let tickets = json_out(&bea.run(&["tickets", "list", "--json"], "").await);
    let subjects: Vec<&str> = tickets["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Welcome aboard"]);
    // The chosen password signs in from now on.
    let fresh = Cli::new(&server.base);
    let out = signs_in(&fresh, &["login", "--email", "bea@harbour.example"]).await;
    assert_ok(&out);

    // Removal ends her sessions at once: her next command is "not signed in".
    let out = admin
        .run(&["people", "remove", "bea@harbour.example"], "")
        .await;
    assert_ok(&out);
    assert_eq!(
        bea.run(&["tickets", "list"], "").await.status.code(),
        Some(3)
    );
}
