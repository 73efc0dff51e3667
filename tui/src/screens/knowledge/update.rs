//! The knowledge base: `/` starts the search line and every change to it
//! asks the server again (an older answer is dropped), Tab steps through
//! the categories, Enter opens an article, which scrolls.

use crossterm::event::KeyEvent;
use portico_shared::{Article, Module};

use crate::input::edit::edit_line;
use crate::load::Load;
use crate::sanitize;
use crate::screens::knowledge::msg::{KnowledgeEffect, KnowledgeMsg};
use crate::screens::knowledge::{ArticleView, Knowledge};
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Modal, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{failed, info, show};

/// Answers of the knowledge-base calls.
pub(crate) fn answer(app: &mut App, msg: KnowledgeMsg) -> Vec<Effect> {
    match msg {
        KnowledgeMsg::Articles {
            generation,
            append,
            result,
        } => {
            let rows = page_rows(app);
            let kb = &mut app.session.knowledge.list;
            if !kb.rows.answered(generation) {
                return vec![];
            }
            match result {
                Ok(mut page) => {
                    page.items.iter_mut().for_each(clean);
                    kb.learn_categories(&page.items);
                    kb.rows.arrived(page.items, page.next_cursor, append, rows);
                    vec![]
                }
                Err(f) => {
                    kb.rows.error = Some(f.message.clone());
                    failed(app, f, vec![])
                }
            }
        }
        KnowledgeMsg::Article(r) => {
            let article = match r {
                Ok(mut a) => {
                    clean(&mut a);
                    Load::Ready(*a)
                }
                Err(f) => {
                    let message = f.message.clone();
                    failed(app, f, vec![]);
                    Load::Failed(message)
                }
            };
            if let Some(v) = &mut app.session.knowledge.article {
                v.article = article;
            }
            vec![]
        }
        KnowledgeMsg::Forms(r) => {
            // Without them the editor offers none: a plain new ticket.
            app.session.knowledge.forms = match r {
                Ok(mut forms) => {
                    forms.iter_mut().for_each(sanitize::support_form);
                    Load::Ready(forms)
                }
                Err(f) => Load::Failed(f.message),
            };
            vec![]
        }
        KnowledgeMsg::Submitted(Ok(ticket)) => {
            app.modal = Modal::None;
            info(
                app,
                format!(
                    "Ticket #{} opened: {}",
                    ticket.id,
                    sanitize::line(&ticket.subject)
                ),
            );
            crate::screens::tickets::update::reload_list(app)
        }
        KnowledgeMsg::Submitted(Err(f)) => crate::screens::orders::forms::refused(app, f),
    }
}

/// The forms a client starting a new ticket may use (the editor offers
/// them once they arrive).
pub(crate) fn fetch_forms(app: &mut App) -> Vec<Effect> {
    if app.is_staff() {
        return vec![];
    }
    app.session.knowledge.forms = Load::Loading;
    vec![Effect::Knowledge(KnowledgeEffect::FetchForms)]
}

/// Title and category are drawn as lines; the body is sanitised piece by
/// piece by the markdown renderer.
fn clean(a: &mut Article) {
    a.title = sanitize::line(&a.title);
    a.category = sanitize::line(&a.category);
}

/// The request for the list's first page (or the next one).
fn fetch(kb: &mut Knowledge, append: bool) -> Effect {
    let generation = kb.rows.load(append);
    let query = kb.query(kb.rows.cursor_for(append));
    Effect::Knowledge(KnowledgeEffect::FetchArticles {
        generation,
        append,
        query,
    })
}

/// The list again from the top, as the search line and category say.
fn reload(app: &mut App) -> Vec<Effect> {
    let kb = &mut app.session.knowledge.list;
    kb.rows.clear();
    vec![fetch(kb, false)]
}

/// Shows the knowledge base, loading it the first time.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    let why = "The knowledge base is not enabled for your account.";
    if show(
        app,
        app.has_module(Module::Knowledge),
        Screen::Knowledge,
        why,
    ) && app.session.knowledge.list.rows.generation == 0
    {
        return reload(app);
    }
    vec![]
}

/// What `Retry` and a resync refresh: the list once shown, the open article.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    let mut fx = vec![];
    if app.session.knowledge.list.rows.generation > 0 {
        fx.extend(reload(app));
    }
    if let Some(v) = &app.session.knowledge.article {
        fx.push(Effect::Knowledge(KnowledgeEffect::FetchArticle(v.id)));
    }
    fx
}

/// Keys on the list.
pub(crate) fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let rows = page_rows(app);
    let kb = &mut app.session.knowledge.list;
    if let Some(more) = kb.rows.step(c, rows) {
        return if more { vec![fetch(kb, true)] } else { vec![] };
    }
    match c {
        Cmd::Filter => {
            kb.searching = true;
            vec![]
        }
        Cmd::NextTab | Cmd::PrevTab => {
            kb.category = kb.next_category(if c == Cmd::NextTab { 1 } else { -1 });
            reload(app)
        }
        Cmd::Open => open_article(app),
        Cmd::Back => {
            app.screen = Screen::Dashboard;
            vec![]
        }
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// Keys while the search line has them: Enter keeps the words and gives
/// the keys back to the list, Esc clears them; the arrows move the cursor.
pub(crate) fn search_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let kb = &mut app.session.knowledge.list;
    match c {
        Cmd::Submit => {
            kb.searching = false;
            vec![]
        }
        Cmd::Cancel => {
            kb.searching = false;
            if kb.query.is_empty() {
                return vec![];
            }
            kb.query.clear();
            reload(app)
        }
        Cmd::Up | Cmd::Down => list_cmd(app, c),
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// A key typed into the search line: the list follows every change.
pub(crate) fn search_text(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let kb = &mut app.session.knowledge.list;
    let before = kb.query.clone();
    edit_line(&mut kb.query, key);
    if kb.query == before {
        app.dirty = false;
        return vec![];
    }
    reload(app)
}

/// Whether typed text goes to the search line.
pub(crate) fn takes_text(app: &App) -> bool {
    app.screen == Screen::Knowledge && app.session.knowledge.list.searching
}

/// Opens the article under the cursor.
fn open_article(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.session.knowledge.list.rows.current().map(|a| a.id) else {
        return vec![];
    };
    app.session.knowledge.article = Some(ArticleView {
        id,
        article: Load::Loading,
        scroll: 0,
    });
    app.screen = Screen::Article;
    vec![Effect::Knowledge(KnowledgeEffect::FetchArticle(id))]
}

/// Keys on one article: it scrolls; Esc goes back to the list.
pub(crate) fn article_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = page_rows(app);
    let max = crate::screens::knowledge::view::max_scroll(app);
    let Some(v) = &mut app.session.knowledge.article else {
        return vec![];
    };
    v.scroll = match c {
        Cmd::Back => {
            app.screen = Screen::Knowledge;
            return vec![];
        }
        Cmd::Down => v.scroll + 1,
        Cmd::Up => v.scroll.saturating_sub(1),
        Cmd::PageDown => v.scroll + page,
        Cmd::PageUp => v.scroll.saturating_sub(page),
        Cmd::Top => 0,
        Cmd::Bottom => max,
        _ => {
            app.dirty = false;
            return vec![];
        }
    }
    .min(max);
    vec![]
}
