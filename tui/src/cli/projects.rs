//! `portico projects list|show` and `portico tasks list|show|done|new|attach|download`.

use portico_shared::{
    NewTask, Phase, PhaseChange, Project, ProjectDetail, ProjectQuery, Task, TaskPatch, TaskQuery,
    TaskStatus,
};

use crate::cli::{Context, ProjectsCommand, Result, TasksCommand, files, output};
use crate::widgets::human_size;
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: ProjectsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        ProjectsCommand::List {
            status,
            limit,
            json,
        } => {
            let query = ProjectQuery {
                status,
                limit: Some(limit),
                ..ProjectQuery::default()
            };
            let page = client.projects(&query).await?;
            if json {
                return output::json(&page);
            }
            print_projects(&page.items);
            output::more_exist("projects", &page.next_cursor);
            Ok(())
        }
        ProjectsCommand::Show { id, json } => {
            let detail = client.project(id).await?;
            if json {
                return output::json(&detail);
            }
            print_project(&detail);
            Ok(())
        }
    }
}

pub async fn tasks(ctx: &Context, cmd: TasksCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        TasksCommand::List {
            mine,
            open,
            limit,
            json,
        } => {
            let query = TaskQuery {
                mine: mine.then_some(true),
                status: open.then_some(TaskStatus::Open),
                limit: Some(limit),
                ..TaskQuery::default()
            };
            let page = client.tasks(&query).await?;
            if json {
                return output::json(&page);
            }
            print_tasks(&page.items);
            output::more_exist("tasks", &page.next_cursor);
            Ok(())
        }
        TasksCommand::Done { id, json } => {
            let patch = TaskPatch {
                status: Some(TaskStatus::Done),
                ..TaskPatch::default()
            };
            let task = client.patch_task(id, &patch).await?;
            done(&task, json, "done")
        }
        TasksCommand::New {
            title,
            org,
            project,
            assignee,
            due,
            attach,
            json,
        } => {
            let organization_id = crate::cli::orgs::resolve_given(&client, org).await?;
            let attachment_ids = files::upload_all(&client, &attach).await?;
            let task = client
                .create_task(&NewTask {
                    title,
                    organization_id,
                    project_id: project,
                    assignee_id: assignee,
                    due_date: due,
                    attachment_ids,
                    ..NewTask::default()
                })
                .await?;
            done(&task, json, "created")
        }
        TasksCommand::Show { id, json } => {
            let task = client.task(id).await?;
            if json {
                return output::json(&task);
            }
            print_task(&task);
            Ok(())
        }
        TasksCommand::Attach {
            id,
            files: paths,
            json,
        } => {
            let patch = TaskPatch {
                attachment_ids: files::upload_all(&client, &paths).await?,
                ..TaskPatch::default()
            };
            let task = client.patch_task(id, &patch).await?;
            done(&task, json, "has your files")
        }
        TasksCommand::Download { id, to } => {
            let task = client.task(id).await?;
            if task.attachments.is_empty() {
                errln!("portico: task #{id} has no files");
                return Ok(());
            }
            files::save_all(&client, &task.attachments, &to).await
        }
    }
}

/// A task as a page: what, for whom, by when, and its files.
fn print_task(t: &Task) {
    outln!("Task #{} {}", t.id, sanitize::line(&t.title));
    outln!(
        "Status: {}  {}  For: {}  Due: {}",
        if t.overdue {
            "overdue".to_owned()
        } else {
            t.status.to_string()
        },
        sanitize::line(&t.organization.name),
        t.assignee
            .as_ref()
            .map_or("nobody".to_owned(), |a| sanitize::line(&a.name)),
        t.due_date.map_or("-".to_owned(), time::day)
    );
    if let Some(p) = &t.project {
        outln!("Project: #{} {}", p.id, sanitize::line(&p.name));
    }
    if !t.description.is_empty() {
        outln!("\n{}", sanitize::text(&t.description));
    }
    outln!("\nFiles:");
    if t.attachments.is_empty() {
        outln!("  none");
    }
    for a in &t.attachments {
        outln!(
            "  [{}] {} ({})",
            a.id,
            sanitize::line(&a.file_name),
            human_size(a.size)
        );
    }
    outln!("\nThread: portico threads show {}", t.thread_id);
}

fn done(t: &Task, json: bool, what: &str) -> Result<()> {
    if json {
        return output::json(t);
    }
    outln!("Task #{} {what}: {}", t.id, sanitize::line(&t.title));
    Ok(())
}

fn print_projects(items: &[Project]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.status.to_string(),
                p.due_date.map_or("-".to_owned(), time::day),
                sanitize::line(&p.organization.name),
                p.location
                    .as_ref()
                    .map_or("all".to_owned(), |l| sanitize::line(&l.name)),
                sanitize::line(&p.name),
            ]
        })
        .collect();
    output::table(
        &["ID", "STATUS", "DUE", "ORGANISATION", "LOCATION", "NAME"],
        &rows,
    );
}

fn print_project(d: &ProjectDetail) {
    let p = &d.project;
    outln!("#{} {}", p.id, sanitize::line(&p.name));
    outln!(
        "Status: {}  {}  Owner: {}",
        p.status,
        sanitize::line(&p.organization.name),
        p.owner
            .as_ref()
            .map_or("nobody".to_owned(), |o| sanitize::line(&o.name))
    );
    if !p.description.is_empty() {
        outln!("\n{}", sanitize::text(&p.description));
    }
    outln!("\nTimeline:");
    print_phases(&d.phases);
    if !d.history.is_empty() {
        outln!("\nHistory:");
        for h in &d.history {
            outln!("  {}", history_line(h));
        }
    }
    outln!("\nTasks:");
    print_tasks(&d.tasks);
}

fn print_phases(phases: &[Phase]) {
    let rows: Vec<Vec<String>> = phases
        .iter()
        .map(|ph| {
            vec![
                time::day(ph.start_date),
                time::day(ph.end_date),
                ph.status.to_string(),
                if ph.visible_to_client { "" } else { "internal" }.to_owned(),
                sanitize::line(&ph.name),
            ]
        })
        .collect();
    output::table(&["FROM", "TO", "STATUS", "", "PHASE"], &rows);
}

/// "Build started on 15 Dec 2026": one change to a phase as a sentence.
pub fn history_line(h: &PhaseChange) -> String {
    use portico_shared::PhaseAction::*;
    let what = match h.action {
        Added => "added",
        Changed => "changed",
        Started => "started",
        Done => "done",
        Removed => "removed",
    };
    format!(
        "{} {what} on {}",
        sanitize::line(&h.phase_name),
        time::day(h.at.to_zoned(jiff::tz::TimeZone::UTC).date())
    )
}

fn print_tasks(items: &[Task]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                if t.overdue {
                    "overdue".to_owned()
                } else {
                    t.status.to_string()
                },
                t.due_date.map_or("-".to_owned(), time::day),
                t.assignee
                    .as_ref()
                    .map_or("-".to_owned(), |a| sanitize::line(&a.name)),
                sanitize::line(&t.title),
            ]
        })
        .collect();
    output::table(&["ID", "STATUS", "DUE", "ASSIGNEE", "TITLE"], &rows);
}
