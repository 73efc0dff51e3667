//! What tickets and orders share: their message threads (loading, scrolling,
//! replies and notes, live messages) and downloading files.

use portico_shared::{Attachment, Id, Message, NewMessage, NewTicket, Page};

use crate::failure::Outcome;
use crate::load::Load;
use crate::sanitize;
use crate::screens::conversations::msg::ConversationsEffect;
use crate::screens::thread::Thread;
use crate::screens::thread::msg::Download;
use crate::screens::thread::msg::ThreadEffect;
use crate::screens::thread::msg::ThreadMsg;
use crate::screens::tickets::msg::TicketsEffect;
use crate::screens::tickets::{Compose, ComposeField, ComposeKind};
use crate::shell::model::{App, Confirm, Modal, Pending};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info};

/// Thread `id` when a ticket, a standalone thread, a project or an order
/// on screen shows it.
fn thread_mut(app: &mut App, id: Id) -> Option<&mut Thread> {
    let s = &mut app.session;
    [
        s.tickets.detail.as_mut().map(|d| &mut d.thread),
        s.conversations.view.as_mut().map(|v| &mut v.thread),
        s.projects.view.as_mut().map(|v| &mut v.thread),
        s.orders.view.as_mut().map(|v| &mut v.thread),
    ]
    .into_iter()
    .flatten()
    .find(|t| t.id == id)
}

/// Moves a thread's scroll position within the `max` the last frame drew;
/// `Bottom` asks for "as far as it goes", which the view makes the last
/// page (so a thread that grows stays at its end).
pub(crate) fn scroll(t: &mut Thread, c: Cmd, page: usize, max: usize) {
    let at = t.scroll.min(max);
    t.scroll = match c {
        Cmd::Down => (at + 1).min(max),
        Cmd::Up => at.saturating_sub(1),
        Cmd::PageDown => (at + page).min(max),
        Cmd::PageUp => at.saturating_sub(page),
        Cmd::Top => 0,
        Cmd::Bottom => usize::MAX / 2,
        _ => t.scroll,
    };
}

/// Opens the editor for a reply (or, for staff, an internal note) to `thread`.
pub(crate) fn reply(app: &mut App, thread: Id, internal: bool) {
    let kind = ComposeKind::Reply { thread, internal };
    app.modal = Modal::Compose(Box::new(Compose::new(kind)));
}

/// What background work answers to a thread.
pub(crate) fn answer(app: &mut App, msg: ThreadMsg) -> Vec<Effect> {
    match msg {
        ThreadMsg::Messages { thread, result } => messages(app, thread, result),
        ThreadMsg::Posted(r) => posted(app, r),
        ThreadMsg::Download { attachment, event } => download(app, attachment, event),
    }
}

pub(crate) fn messages(app: &mut App, thread: Id, result: Outcome<Page<Message>>) -> Vec<Effect> {
    let Some(t) = thread_mut(app, thread) else {
        return vec![];
    };
    match result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(sanitize::message);
            t.messages = Load::Ready(page.items);
            vec![]
        }
        Err(f) => {
            t.messages = Load::Failed(f.message.clone());
            failed(
                app,
                f,
                vec![Effect::Thread(ThreadEffect::FetchMessages(thread))],
            )
        }
    }
}

pub(crate) fn posted(app: &mut App, r: Outcome<Box<Message>>) -> Vec<Effect> {
    match r {
        Ok(mut m) => {
            sanitize::message(&mut m);
            app.modal = Modal::None;
            let note = if m.internal {
                "Note added"
            } else {
                "Reply sent"
            };
            add_message(app, *m);
            info(app, note.into());
            vec![]
        }
        Err(f) => {
            if let Modal::Compose(c) = &mut app.modal {
                c.sending = false;
            }
            // The text stays in the editor; the status line says why.
            failed(app, f, vec![])
        }
    }
}

/// A message from the live stream: joins its thread when that is on screen
/// (which then counts as read).
pub(crate) fn live_message(app: &mut App, mut m: Message) -> Vec<Effect> {
    sanitize::message(&mut m);
    let thread = m.thread_id;
    let open = thread_mut(app, thread).is_some();
    add_message(app, m);
    if open {
        vec![Effect::Thread(ThreadEffect::MarkRead(thread))]
    } else {
        vec![]
    }
}

fn add_message(app: &mut App, m: Message) {
    if let Some(t) = thread_mut(app, m.thread_id)
        && let Load::Ready(ms) = &mut t.messages
        && !ms.iter().any(|x| x.id == m.id)
    {
        ms.push(m);
        // Follow the conversation to its newest message.
        t.scroll = usize::MAX / 2;
    }
}

/// Downloads files to the downloads directory, showing progress by each.
pub(crate) fn start_download(app: &mut App, files: Vec<Attachment>) -> Vec<Effect> {
    let mut fx = Vec::new();
    for a in files {
        if app.session.downloads.contains_key(&a.id) {
            continue;
        }
        app.session
            .downloads
            .insert(a.id, (0, u64::try_from(a.size).ok()));
        fx.push(Effect::Thread(ThreadEffect::Download(a)));
    }
    fx
}

pub(crate) fn download(app: &mut App, attachment: Id, event: Download) -> Vec<Effect> {
    match event {
        Download::Progress { received, total } => {
            app.session.downloads.insert(attachment, (received, total));
            vec![]
        }
        Download::Done(r) => {
            app.session.downloads.remove(&attachment);
            match r {
                Ok(path) => {
                    let shown = sanitize::line(&path.display().to_string());
                    info(app, format!("Saved {shown}"));
                    vec![]
                }
                Err(f) => failed(app, f, vec![]),
            }
        }
    }
}

pub(crate) fn compose_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    if c == Cmd::UseForm {
        return crate::screens::knowledge::compose::choose_form(app);
    }
    let Modal::Compose(compose) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::NextField | Cmd::PrevField => {
            let fields = compose.fields();
            let n = fields.len();
            let at = fields.iter().position(|f| *f == compose.focus).unwrap_or(0);
            let to = if c == Cmd::PrevField {
                at + n - 1
            } else {
                at + 1
            };
            compose.focus = fields[to % n];
            vec![]
        }
        Cmd::OptionPrev | Cmd::OptionNext => {
            let back = c == Cmd::OptionPrev;
            let Some(fw) = &mut compose.for_whom else {
                return vec![];
            };
            match compose.focus {
                ComposeField::Organization => fw
                    .step_org(back)
                    .map(|org| Effect::Tickets(TicketsEffect::FetchContacts(org)))
                    .into_iter()
                    .collect(),
                _ => {
                    fw.step_person(back);
                    vec![]
                }
            }
        }
        // A thread may be with several contacts: Space adds the one shown.
        Cmd::ToggleOption
            if compose.kind == ComposeKind::NewThread
                && compose.focus == ComposeField::Requester =>
        {
            if let Some(fw) = &mut compose.for_whom {
                fw.toggle_with();
            }
            vec![]
        }
        Cmd::ExternalEditor => vec![Effect::EditExternally(compose.text())],
        Cmd::Cancel => {
            let Modal::Compose(compose) = std::mem::take(&mut app.modal) else {
                return vec![];
            };
            if !compose.is_empty() {
                app.modal = Modal::Confirm(Confirm {
                    question: "Discard what you wrote?".into(),
                    then: Pending::Discard,
                    back: Some(Box::new(Modal::Compose(compose))),
                });
            }
            vec![]
        }
        Cmd::Submit if compose.sending => vec![],
        Cmd::Submit => submit_compose(app),
        _ => vec![],
    }
}

fn submit_compose(app: &mut App) -> Vec<Effect> {
    let Modal::Compose(c) = &mut app.modal else {
        return vec![];
    };
    let body = c.text();
    let no_org = c
        .for_whom
        .as_ref()
        .is_some_and(|fw| fw.organization().is_none());
    let problem = match &c.kind {
        ComposeKind::NewTicket if no_org => Some("Choose the organisation it is for first."),
        ComposeKind::NewThread if no_org => Some("Choose the organisation it is with first."),
        k if k.has_subject() && c.subject.trim().is_empty() => Some("Write a subject first."),
        _ if body.trim().is_empty() => Some("Write a message first."),
        _ => None,
    };
    if let Some(p) = problem {
        error(app, p.into(), vec![]);
        return vec![];
    }
    c.sending = true;
    match c.kind {
        ComposeKind::Reply { thread, internal } => vec![Effect::Thread(ThreadEffect::Post {
            thread,
            message: NewMessage {
                body,
                internal,
                attachment_ids: vec![],
            },
        })],
        ComposeKind::NewTicket => {
            let fw = c.for_whom.as_ref();
            vec![Effect::Tickets(TicketsEffect::Create(NewTicket {
                subject: c.subject.trim().to_owned(),
                body,
                organization_id: fw.and_then(|f| f.organization()).map(|o| o.id),
                requester_id: fw.and_then(|f| f.requester()).map(|p| p.id),
                ..NewTicket::default()
            }))]
        }
        ComposeKind::NewThread => {
            let fw = c.for_whom.as_ref();
            vec![Effect::Conversations(ConversationsEffect::Create(
                portico_shared::NewConversation {
                    subject: c.subject.trim().to_owned(),
                    body,
                    organization_id: fw.and_then(|f| f.organization()).map(|o| o.id),
                    participant_ids: fw
                        .map(crate::widgets::for_whom::ForWhom::participants)
                        .unwrap_or_default(),
                },
            ))]
        }
    }
}
