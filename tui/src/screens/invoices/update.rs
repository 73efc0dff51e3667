//! Invoices & quotes: the two lists (Tab switches), one invoice or quote
//! opened with Enter; a client accepts or declines a sent quote after a
//! confirmation, and saves an invoice's PDF to the downloads folder. Staff
//! write drafts of either kind in one editor (`n` new, `e` change), send
//! them, record payments and void an invoice (asked first).

use portico_shared::{
    BillingQuery, Invoice, InvoiceDetail, InvoiceStatus, Module, Page, Quote, QuoteDetail,
    QuoteStatus,
};

use crate::failure::Outcome;
use crate::list::{Paged, Row};
use crate::load::Load;
use crate::sanitize;
use crate::screens::invoices::msg::{BillingEffect, BillingMsg};
use crate::screens::invoices::{BillingTab, DocView, money};
use crate::screens::orders::forms;
use crate::screens::orders::msg::OrdersEffect;
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Confirm, Modal, Notice, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info, show};
use crate::widgets::form::{DocKind, FormDraft};

/// Rows fetched per page.
const PAGE: u32 = 100;

/// Answers of the invoice and quote calls.
pub(crate) fn answer(app: &mut App, msg: BillingMsg) -> Vec<Effect> {
    let rows = page_rows(app);
    match msg {
        BillingMsg::Invoices {
            generation,
            append,
            result,
        } => {
            let list = &mut app.session.invoices.lists.invoices;
            let result = result.map(|mut p| {
                p.items.iter_mut().for_each(clean_invoice);
                p
            });
            arrived(app_list(list, generation), append, result, rows)
                .map_or_else(|f| failed(app, f, vec![]), |()| vec![])
        }
        BillingMsg::Quotes {
            generation,
            append,
            result,
        } => {
            let list = &mut app.session.invoices.lists.quotes;
            let result = result.map(|mut p| {
                p.items.iter_mut().for_each(clean_quote);
                p
            });
            arrived(app_list(list, generation), append, result, rows)
                .map_or_else(|f| failed(app, f, vec![]), |()| vec![])
        }
        BillingMsg::Invoice(r) => invoice_arrived(app, r),
        BillingMsg::Quote(r) => quote_arrived(app, r),
        BillingMsg::Decided(r) => match r {
            Ok(d) => {
                let number = sanitize::line(d.quote.number.as_deref().unwrap_or(""));
                let status = d.quote.status;
                quote_arrived(app, Ok(d));
                info(app, format!("{number} {status}"));
                reload(app, BillingTab::Quotes)
            }
            Err(f) => failed(app, f, vec![]),
        },
        BillingMsg::InvoiceSent(r) => {
            sent(app, r.map(|d| (d.invoice.number.clone(), d)), |app, d| {
                invoice_arrived(app, Ok(d))
            })
        }
        BillingMsg::QuoteSent(r) => sent(app, r.map(|d| (d.quote.number.clone(), d)), |app, d| {
            quote_arrived(app, Ok(d))
        }),
        BillingMsg::DraftSaved(r) => {
            let view = |d: &InvoiceDetail| DocView::Invoice {
                id: d.invoice.id,
                detail: Load::Loading,
            };
            saved(app, r, view, invoice_arrived, BillingTab::Invoices)
        }
        BillingMsg::QuoteSaved(r) => {
            let view = |d: &QuoteDetail| DocView::Quote {
                id: d.quote.id,
                detail: Load::Loading,
            };
            saved(app, r, view, quote_arrived, BillingTab::Quotes)
        }
        BillingMsg::Voided(r) => match r {
            Ok(d) => {
                let number = sanitize::line(d.invoice.number.as_deref().unwrap_or("The draft"));
                invoice_arrived(app, Ok(d));
                info(app, format!("{number} is void"));
                reload(app, BillingTab::Invoices)
            }
            Err(f) => failed(app, f, vec![]),
        },
        BillingMsg::Paid(r) => match r {
            Ok(d) => {
                app.modal = Modal::None;
                let text = format!(
                    "Payment recorded: {} {}",
                    d.invoice.status,
                    money(&format!("{} due", d.invoice.due), &d.invoice.currency)
                );
                invoice_arrived(app, Ok(d));
                info(app, sanitize::line(&text));
                reload(app, BillingTab::Invoices)
            }
            Err(f) if matches!(app.modal, Modal::Form(_)) => forms::refused(app, f),
            Err(f) => failed(app, f, vec![]),
        },
        BillingMsg::LinkOpened { link, result } => {
            match result {
                Ok(()) => info(app, "Opened the payment page in your browser".into()),
                // No browser here: the link is shown to copy.
                Err(why) => {
                    app.modal = Modal::Notice(Notice {
                        title: "Pay online".into(),
                        lines: vec![
                            format!("Could not open a browser ({}).", sanitize::line(&why)),
                            "Open this address to pay:".into(),
                            sanitize::line(&link),
                        ],
                    })
                }
            }
            vec![]
        }
        BillingMsg::PdfSaved(r) => match r {
            Ok(path) => {
                info(
                    app,
                    format!("Saved {}", sanitize::line(&path.display().to_string())),
                );
                vec![]
            }
            Err(f) => failed(app, f, vec![]),
        },
    }
}

/// A draft written, new or changed: the form closes and the draft (as the
/// server took it) is shown; its list is fetched again.
fn saved<D>(
    app: &mut App,
    r: Outcome<Box<D>>,
    view: impl FnOnce(&D) -> DocView,
    show: fn(&mut App, Outcome<Box<D>>) -> Vec<Effect>,
    tab: BillingTab,
) -> Vec<Effect> {
    match r {
        Ok(d) => {
            app.modal = Modal::None;
            app.session.invoices.doc = Some(view(&d));
            app.screen = Screen::BillingDoc;
            show(app, Ok(d));
            info(app, "Draft saved".into());
            reload(app, tab)
        }
        Err(f) if matches!(app.modal, Modal::Form(_)) => forms::refused(app, f),
        Err(f) => failed(app, f, vec![]),
    }
}

/// `Some(list)` when an answer of `generation` is still wanted.
fn app_list<T>(list: &mut Paged<T>, generation: u64) -> Option<&mut Paged<T>>
where
    T: Row,
{
    list.answered(generation).then_some(list)
}

/// Merges a page into its list; a failure is noted on the list too.
fn arrived<T: Row>(
    list: Option<&mut Paged<T>>,
    append: bool,
    result: Outcome<Page<T>>,
    rows: usize,
) -> Outcome<()> {
    let Some(list) = list else { return Ok(()) };
    match result {
        Ok(page) => {
            list.arrived(page.items, page.next_cursor, append, rows);
            Ok(())
        }
        Err(f) => {
            list.error = Some(f.message.clone());
            Err(f)
        }
    }
}

fn clean_invoice(i: &mut Invoice) {
    i.organization.name = sanitize::line(&i.organization.name);
    i.number = i.number.as_deref().map(sanitize::line);
    i.currency = sanitize::line(&i.currency);
    // Amounts are decimal strings from the server: drawn, so made safe.
    for a in [
        &mut i.net,
        &mut i.tax,
        &mut i.total,
        &mut i.paid,
        &mut i.due,
    ] {
        sanitize::line_in_place(a);
    }
}

fn clean_quote(q: &mut Quote) {
    q.organization.name = sanitize::line(&q.organization.name);
    q.number = q.number.as_deref().map(sanitize::line);
    q.currency = sanitize::line(&q.currency);
    q.decision_note = q.decision_note.as_deref().map(sanitize::text);
    for a in [&mut q.net, &mut q.tax, &mut q.total] {
        sanitize::line_in_place(a);
    }
}

fn clean_lines(lines: &mut [portico_shared::Line]) {
    for l in lines {
        l.description = sanitize::line(&l.description);
        for a in [
            &mut l.quantity,
            &mut l.unit_price,
            &mut l.tax_rate,
            &mut l.net,
            &mut l.tax,
            &mut l.total,
        ] {
            sanitize::line_in_place(a);
        }
    }
}

fn invoice_arrived(app: &mut App, r: Outcome<Box<InvoiceDetail>>) -> Vec<Effect> {
    let detail = match r {
        Ok(mut d) => {
            clean_invoice(&mut d.invoice);
            clean_lines(&mut d.lines);
            d.notes = sanitize::text(&d.notes);
            d.payment_link = d.payment_link.as_deref().map(sanitize::line);
            d.payments.iter_mut().for_each(|p| {
                p.method = sanitize::line(&p.method);
                sanitize::line_in_place(&mut p.amount);
            });
            Load::Ready(*d)
        }
        Err(f) => {
            let message = f.message.clone();
            failed(app, f, vec![]);
            Load::Failed(message)
        }
    };
    if let Some(DocView::Invoice { detail: d, .. }) = &mut app.session.invoices.doc {
        *d = detail;
    }
    vec![]
}

fn quote_arrived(app: &mut App, r: Outcome<Box<QuoteDetail>>) -> Vec<Effect> {
    let detail = match r {
        Ok(mut d) => {
            clean_quote(&mut d.quote);
            clean_lines(&mut d.lines);
            d.notes = sanitize::text(&d.notes);
            Load::Ready(*d)
        }
        Err(f) => {
            let message = f.message.clone();
            failed(app, f, vec![]);
            Load::Failed(message)
        }
    };
    if let Some(DocView::Quote { detail: d, .. }) = &mut app.session.invoices.doc {
        *d = detail;
    }
    vec![]
}

/// The request for a page of `tab`'s list.
fn fetch(app: &mut App, tab: BillingTab, append: bool) -> Effect {
    let b = &mut app.session.invoices.lists;
    match tab {
        BillingTab::Invoices => {
            let generation = b.invoices.load(append);
            let query = query(b.invoices.cursor_for(append));
            Effect::Billing(BillingEffect::FetchInvoices {
                generation,
                append,
                query,
            })
        }
        BillingTab::Quotes => {
            let generation = b.quotes.load(append);
            let query = query(b.quotes.cursor_for(append));
            Effect::Billing(BillingEffect::FetchQuotes {
                generation,
                append,
                query,
            })
        }
    }
}

fn query(cursor: Option<String>) -> BillingQuery {
    BillingQuery {
        cursor,
        limit: Some(PAGE),
        ..BillingQuery::default()
    }
}

/// `tab`'s list again from the top.
fn reload(app: &mut App, tab: BillingTab) -> Vec<Effect> {
    match tab {
        BillingTab::Invoices => app.session.invoices.lists.invoices.clear(),
        BillingTab::Quotes => app.session.invoices.lists.quotes.clear(),
    }
    vec![fetch(app, tab, false)]
}

fn module_of(tab: BillingTab) -> Module {
    match tab {
        BillingTab::Invoices => Module::Invoices,
        BillingTab::Quotes => Module::Quotes,
    }
}

/// Whether this person sees invoices or quotes at all.
pub(crate) fn sees_billing(app: &App) -> bool {
    app.has_module(Module::Invoices) || app.has_module(Module::Quotes)
}

/// Shows the lists (on a tab this person has), loading the first time.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    let why = "Invoices and quotes are not enabled for your account.";
    if !show(app, sees_billing(app), Screen::Billing, why) {
        return vec![];
    }
    let tab = app.session.invoices.lists.tab;
    if !app.has_module(module_of(tab)) {
        return switch_tab(app);
    }
    load_if_new(app, tab)
}

fn load_if_new(app: &mut App, tab: BillingTab) -> Vec<Effect> {
    let generation = match tab {
        BillingTab::Invoices => app.session.invoices.lists.invoices.generation,
        BillingTab::Quotes => app.session.invoices.lists.quotes.generation,
    };
    if generation == 0 {
        reload(app, tab)
    } else {
        vec![]
    }
}

/// The other list, when this person has its module.
fn switch_tab(app: &mut App) -> Vec<Effect> {
    let other = match app.session.invoices.lists.tab {
        BillingTab::Invoices => BillingTab::Quotes,
        BillingTab::Quotes => BillingTab::Invoices,
    };
    if !app.has_module(module_of(other)) {
        return vec![];
    }
    app.session.invoices.lists.tab = other;
    load_if_new(app, other)
}

/// What `Retry` and the live stream refresh.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    let mut fx = reload(app, app.session.invoices.lists.tab);
    match &app.session.invoices.doc {
        Some(DocView::Invoice { id, .. }) => {
            fx.push(Effect::Billing(BillingEffect::FetchInvoice(*id)))
        }
        Some(DocView::Quote { id, .. }) => fx.push(Effect::Billing(BillingEffect::FetchQuote(*id))),
        None => {}
    }
    fx
}

/// Keys on the lists.
pub(crate) fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let rows = page_rows(app);
    let tab = app.session.invoices.lists.tab;
    let b = &mut app.session.invoices.lists;
    let stepped = match tab {
        BillingTab::Invoices => b.invoices.step(c, rows),
        BillingTab::Quotes => b.quotes.step(c, rows),
    };
    if let Some(next_page) = stepped {
        return if next_page {
            vec![fetch(app, tab, true)]
        } else {
            vec![]
        };
    }
    match c {
        Cmd::NextTab | Cmd::PrevTab => switch_tab(app),
        Cmd::Open => open_doc(app),
        Cmd::NewDraft => new_draft(app),
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

/// Opens the selected invoice or quote.
fn open_doc(app: &mut App) -> Vec<Effect> {
    let b = &app.session.invoices.lists;
    let (view, effect) = match b.tab {
        BillingTab::Invoices => match b.invoices.current() {
            Some(i) => (
                DocView::Invoice {
                    id: i.id,
                    detail: Load::Loading,
                },
                BillingEffect::FetchInvoice(i.id),
            ),
            None => return vec![],
        },
        BillingTab::Quotes => match b.quotes.current() {
            Some(q) => (
                DocView::Quote {
                    id: q.id,
                    detail: Load::Loading,
                },
                BillingEffect::FetchQuote(q.id),
            ),
            None => return vec![],
        },
    };
    app.session.invoices.doc = Some(view);
    app.screen = Screen::BillingDoc;
    vec![Effect::Billing(effect)]
}

/// Keys on one invoice or quote.
pub(crate) fn doc_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    match c {
        Cmd::Back => {
            app.screen = Screen::Billing;
            vec![]
        }
        Cmd::AcceptQuote => ask_decision(app, true),
        Cmd::DeclineQuote => ask_decision(app, false),
        Cmd::Download => save_pdf(app),
        Cmd::SendDraft => ask_send(app),
        Cmd::RecordPayment => payment_form(app),
        Cmd::EditDraft => draft_form(app),
        Cmd::VoidInvoice => ask_void(app),
        Cmd::OpenPaymentLink => open_link(app),
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// A client answering a sent quote is asked to confirm first.
fn ask_decision(app: &mut App, accept: bool) -> Vec<Effect> {
    let Some(DocView::Quote {
        detail: Load::Ready(d),
        ..
    }) = &app.session.invoices.doc
    else {
        return vec![];
    };
    let q = &d.quote;
    if app.is_staff() || q.status != QuoteStatus::Sent {
        let why = match q.status {
            QuoteStatus::Sent => "The client answers a quote.".to_owned(),
            other => format!("This quote is {other}; it takes no answer."),
        };
        error(app, why, vec![]);
        return vec![];
    }
    let verb = if accept { "Accept" } else { "Decline" };
    let question = format!(
        "{verb} quote {} for {}?",
        q.number.as_deref().unwrap_or(""),
        money(&q.total, &q.currency)
    );
    app.modal = Modal::Confirm(Confirm {
        question,
        then: Pending::Run(decide(q.id, accept)),
        back: None,
    });
    vec![]
}

/// What a confirmed answer does.
fn decide(id: portico_shared::Id, accept: bool) -> Vec<Effect> {
    vec![Effect::Billing(BillingEffect::Decide { id, accept })]
}

/// Saves the open invoice's PDF.
fn save_pdf(app: &mut App) -> Vec<Effect> {
    let Some(DocView::Invoice {
        id,
        detail: Load::Ready(d),
    }) = &app.session.invoices.doc
    else {
        return vec![];
    };
    let name = match &d.invoice.number {
        Some(n) => format!("{n}.pdf"),
        None => format!("invoice-draft-{id}.pdf"),
    };
    let id = *id;
    info(app, format!("Saving {name}…"));
    vec![Effect::Billing(BillingEffect::SavePdf { id, name })]
}

/// A draft sent (numbered): shown, said, and its list reloaded.
fn sent<D>(
    app: &mut App,
    r: Outcome<(Option<String>, Box<D>)>,
    show: impl FnOnce(&mut App, Box<D>) -> Vec<Effect>,
) -> Vec<Effect> {
    match r {
        Ok((number, d)) => {
            let mut fx = show(app, d);
            let number = sanitize::line(number.as_deref().unwrap_or(""));
            info(app, format!("Sent as {number}"));
            fx.extend(reload(app, app.session.invoices.lists.tab));
            fx
        }
        Err(f) => failed(app, f, vec![]),
    }
}

/// Staff sending the open draft are asked to confirm first: once sent it
/// is numbered and the client sees it.
fn ask_send(app: &mut App) -> Vec<Effect> {
    let (what, id, quote, total, org) = match &app.session.invoices.doc {
        Some(DocView::Invoice {
            id,
            detail: Load::Ready(d),
        }) if d.invoice.number.is_none() => {
            let i = &d.invoice;
            (
                "invoice",
                *id,
                false,
                money(&i.total, &i.currency),
                i.organization.name.clone(),
            )
        }
        Some(DocView::Quote {
            id,
            detail: Load::Ready(d),
        }) if d.quote.number.is_none() => {
            let q = &d.quote;
            (
                "quote",
                *id,
                true,
                money(&q.total, &q.currency),
                q.organization.name.clone(),
            )
        }
        Some(_) => {
            error(app, "Only a draft is sent.".into(), vec![]);
            return vec![];
        }
        None => return vec![],
    };
    app.modal = Modal::Confirm(Confirm {
        question: format!("Send the draft {what} for {total} to {org}?"),
        then: Pending::Run(vec![Effect::Billing(BillingEffect::Send { id, quote })]),
        back: None,
    });
    vec![]
}

/// Staff record a payment of the open sent invoice in a form.
fn payment_form(app: &mut App) -> Vec<Effect> {
    let Some(DocView::Invoice {
        detail: Load::Ready(d),
        ..
    }) = &app.session.invoices.doc
    else {
        return vec![];
    };
    if d.invoice.number.is_none() || d.invoice.due.trim_start_matches(['0', '.']).is_empty() {
        error(
            app,
            "Payments are recorded on sent invoices with something due.".into(),
            vec![],
        );
        return vec![];
    }
    app.modal = Modal::Form(Box::new(FormDraft::payment(&d.invoice)));
    vec![]
}

/// Opens the open invoice's payment page, when it has one.
fn open_link(app: &mut App) -> Vec<Effect> {
    let link = match &app.session.invoices.doc {
        Some(DocView::Invoice {
            detail: Load::Ready(d),
            ..
        }) => d.payment_link.clone(),
        _ => return vec![],
    };
    match link {
        Some(link) => {
            info(app, "Opening the payment page…".into());
            vec![Effect::Billing(BillingEffect::OpenLink(link))]
        }
        None => {
            error(app, "This invoice has no payment page.".into(), vec![]);
            vec![]
        }
    }
}

/// An invoice or quote changed: its list is fetched again if it was
/// loaded, and the one open too if it is this one.
pub(crate) fn live(
    app: &mut App,
    kind: &str,
    tab: BillingTab,
    id: portico_shared::Id,
) -> Vec<Effect> {
    tracing::debug!(kind, id, "billing event");
    let lists = &app.session.invoices.lists;
    let loaded = match tab {
        BillingTab::Invoices => lists.invoices.generation > 0,
        BillingTab::Quotes => lists.quotes.generation > 0,
    };
    let mut fx = if loaded { reload(app, tab) } else { vec![] };
    match &app.session.invoices.doc {
        Some(DocView::Invoice { id: open, .. }) if tab == BillingTab::Invoices && *open == id => {
            fx.push(Effect::Billing(BillingEffect::FetchInvoice(id)))
        }
        Some(DocView::Quote { id: open, .. }) if tab == BillingTab::Quotes && *open == id => {
            fx.push(Effect::Billing(BillingEffect::FetchQuote(id)))
        }
        _ => {}
    }
    fx
}

/// Staff are told on the status line when a client answers a quote, with
/// the client's note.
pub(crate) fn note_answer(app: &mut App, ev: &portico_shared::QuoteEvent) {
    let verb = match ev.kind.as_str() {
        "quote.accepted" => "accepted",
        "quote.declined" => "declined",
        _ => return,
    };
    if !app.is_staff() {
        return;
    }
    let q = &ev.quote;
    let mut text = format!(
        "{} {verb} {}",
        sanitize::line(&q.organization.name),
        sanitize::line(q.number.as_deref().unwrap_or("a quote"))
    );
    if let Some(note) = q.decision_note.as_deref().filter(|n| !n.trim().is_empty()) {
        text.push_str(&format!(": \u{201c}{}\u{201d}", sanitize::line(note)));
    }
    info(app, text);
}

/// Staff change the open draft's lines and last day (due, or valid
/// until) in the draft editor, whose totals follow what they type.
fn draft_form(app: &mut App) -> Vec<Effect> {
    let form = match &app.session.invoices.doc {
        Some(DocView::Invoice {
            detail: Load::Ready(d),
            ..
        }) if d.invoice.number.is_none() => FormDraft::invoice_draft(d),
        Some(DocView::Quote {
            detail: Load::Ready(d),
            ..
        }) if d.quote.number.is_none() => FormDraft::quote_draft(d),
        Some(DocView::Invoice {
            detail: Load::Ready(_),
            ..
        })
        | Some(DocView::Quote {
            detail: Load::Ready(_),
            ..
        }) => {
            error(app, "Only a draft is changed.".into(), vec![]);
            return vec![];
        }
        _ => return vec![],
    };
    app.modal = Modal::Form(Box::new(form));
    vec![]
}

/// How long a new draft gives to pay (or to accept) to start with.
const NEW_DRAFT_DAYS: i64 = 30;

/// Staff write a new draft invoice or quote (of the list shown) in the
/// draft editor: its organisation is searched by name as the new-ticket
/// composer's is, then its currency, last day and lines.
fn new_draft(app: &mut App) -> Vec<Effect> {
    if !app.is_staff() {
        app.dirty = false;
        return vec![];
    }
    let kind = match app.session.invoices.lists.tab {
        BillingTab::Invoices => DocKind::Invoice,
        BillingTab::Quotes => DocKind::Quote,
    };
    let today = app.now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let until = today
        .checked_add(jiff::Span::new().days(NEW_DRAFT_DAYS))
        .unwrap_or(today);
    app.modal = Modal::Form(Box::new(FormDraft::new_draft(kind, until)));
    // Every organisation until something is typed, as any form's organisation row.
    vec![Effect::Orders(OrdersEffect::FindOrgs(String::new()))]
}

/// Staff voiding the open invoice are asked first: nothing more is due on
/// it, and its number is never given again.
fn ask_void(app: &mut App) -> Vec<Effect> {
    let Some(DocView::Invoice {
        id,
        detail: Load::Ready(d),
    }) = &app.session.invoices.doc
    else {
        return vec![];
    };
    let i = &d.invoice;
    if !matches!(
        i.status,
        InvoiceStatus::Draft | InvoiceStatus::Sent | InvoiceStatus::Overdue
    ) {
        error(
            app,
            format!("A {} invoice cannot be voided.", i.status),
            vec![],
        );
        return vec![];
    }
    let what = match &i.number {
        Some(n) => format!("invoice {n}"),
        None => "the draft invoice".to_owned(),
    };
    let question = format!(
        "Void {what} for {} to {}? Nothing more will be due on it.",
        money(&i.total, &i.currency),
        i.organization.name
    );
    let id = *id;
    app.modal = Modal::Confirm(Confirm {
        question,
        then: Pending::Run(vec![Effect::Billing(BillingEffect::Void(id))]),
        back: None,
    });
    vec![]
}
