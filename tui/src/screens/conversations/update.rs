//! Standalone threads: the list (unread counts), opening one (its messages
//! fetched and marked read), replying, and live messages.

use portico_shared::{ConversationEvent, Module};

use crate::sanitize;
use crate::screens::conversations::msg::{ConversationsEffect, ConversationsMsg};
use crate::screens::conversations::{ConversationList, ConversationView};
use crate::screens::thread::msg::ThreadEffect;
use crate::screens::thread::update as thread;
use crate::screens::tickets::{Compose, ComposeKind};
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Modal, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{failed, info, show};

pub(crate) fn answer(app: &mut App, msg: ConversationsMsg) -> Vec<Effect> {
    let (generation, append, result) = match msg {
        ConversationsMsg::Conversations {
            generation,
            append,
            result,
        } => (generation, append, result),
        ConversationsMsg::Created(Ok(t)) => {
            app.modal = Modal::None;
            info(
                app,
                format!("Thread started: {}", sanitize::line(&t.subject)),
            );
            return reload(app);
        }
        ConversationsMsg::Created(Err(f)) => {
            if let Modal::Compose(c) = &mut app.modal {
                c.sending = false;
            }
            return failed(app, f, vec![]);
        }
    };
    let rows = page_rows(app);
    let l = &mut app.session.conversations.list;
    if !l.answered(generation) {
        app.dirty = false;
        return vec![];
    }
    match result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(sanitize::conversation);
            l.arrived(page.items, page.next_cursor, append, rows);
            vec![]
        }
        Err(f) => {
            l.error = Some(f.message.clone());
            let retry = request(l, generation, append);
            failed(app, f, vec![retry])
        }
    }
}

fn request(list: &ConversationList, generation: u64, append: bool) -> Effect {
    let query = portico_shared::ConversationQuery {
        cursor: list.cursor_for(append),
        ..list.query()
    };
    Effect::Conversations(ConversationsEffect::FetchConversations {
        generation,
        append,
        query,
    })
}

fn fetch(app: &mut App, append: bool) -> Effect {
    let l = &mut app.session.conversations.list;
    let generation = l.load(append);
    request(l, generation, append)
}

fn reload(app: &mut App) -> Vec<Effect> {
    app.session.conversations.list.clear();
    vec![fetch(app, false)]
}

/// Shows the thread list, loading it the first time.
pub(crate) fn open_list(app: &mut App) -> Vec<Effect> {
    let allowed = app.has_module(Module::Messages) && !app.is_worker();
    let why = "Threads are not enabled for your account.";
    if show(app, allowed, Screen::Conversations, why)
        && app.session.conversations.list.generation == 0
    {
        return reload(app);
    }
    vec![]
}

/// What `Retry` and a resync refresh: the list once shown, the open thread.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    let mut fx = vec![];
    if app.session.conversations.list.generation > 0 {
        fx.extend(reload(app));
    }
    if let Some(v) = &app.session.conversations.view {
        fx.push(Effect::Thread(ThreadEffect::FetchMessages(v.thread.id)));
    }
    fx
}

/// A new thread or message: the message joins the open thread; the list's
/// counts are refetched (they are per person).
pub(crate) fn live(app: &mut App, ev: ConversationEvent) -> Vec<Effect> {
    let mut fx = match ev.message {
        Some(m) => thread::live_message(app, m),
        None => vec![],
    };
    if app.session.conversations.list.generation > 0 {
        fx.extend(reload(app));
    }
    fx
}

pub(crate) fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let rows = page_rows(app);
    if let Some(more) = app.session.conversations.list.step(c, rows) {
        return if more { vec![fetch(app, true)] } else { vec![] };
    }
    match (c, app.session.conversations.list.current().cloned()) {
        (Cmd::NewThread, _) => {
            app.modal = Modal::Compose(Box::new(Compose::new(ComposeKind::NewThread)));
            vec![]
        }
        (Cmd::Open, Some(conv)) => {
            let id = conv.id;
            // Opening it reads it: its unread count is gone.
            if let Some(row) = app
                .session
                .conversations
                .list
                .items
                .iter_mut()
                .find(|t| t.id == id)
            {
                row.unread_count = 0;
            }
            app.session.conversations.view = Some(ConversationView::new(conv));
            app.screen = Screen::Conversation;
            vec![
                Effect::Thread(ThreadEffect::FetchMessages(id)),
                Effect::Thread(ThreadEffect::MarkRead(id)),
            ]
        }
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

pub(crate) fn thread_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let max = app.drawn.get().thread_max_scroll;
    let page = page_rows(app);
    let Some(v) = &mut app.session.conversations.view else {
        return vec![];
    };
    match c {
        Cmd::Back => app.screen = Screen::Conversations,
        Cmd::Reply => {
            let id = v.thread.id;
            thread::reply(app, id, false);
        }
        c => thread::scroll(&mut v.thread, c, page, max),
    }
    vec![]
}
