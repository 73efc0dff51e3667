//! Billing mail: an invoice or quote sent, a payment received, an invoice
//! overdue, and to staff a client's answer to their quote. Each is queued through `notify::queue` inside the transaction
//! of the change, to the organisation's active client contacts whom the
//! policy lets see it (their modules, their portal access: `policy::sees`
//! on their own scope) and who did not turn `billing` mail off.

use jiff::civil::Date;
use portico_shared::{Id, MailCategory, Role, money, payment_link};

use super::{policy, view};
use crate::auth::viewer_of;
use crate::notify::queue;
use crate::state::AppState;
use crate::store::billing::{self, Draft, Kind};
use crate::store::invoices::{self, InvoiceRow};
use crate::store::mail::{self, Recipient};
use crate::store::quotes::{self, QuoteRow};
use crate::store::{Conn, StoreError, orgs, sessions};

type Result<T> = std::result::Result<T, StoreError>;

/// The contacts of `org` who see its sent documents of `kind` and want
/// billing mail, except `actor`.
fn recipients(
    tx: &Conn<'_>,
    st: &AppState,
    org: Id,
    kind: Kind,
    actor: Id,
) -> Result<Vec<Recipient>> {
    let mut out = Vec::new();
    for email in invoices::client_emails(tx, org)? {
        let Some(row) = sessions::by_email(tx, &email)? else {
            continue;
        };
        // A contact the portal would turn away is not mailed either.
        let Ok(viewer) = viewer_of(st, &row) else {
            continue;
        };
        let scope = match kind {
            Kind::Invoice => viewer.invoices(),
            Kind::Quote => viewer.quotes(),
        };
        let sees = scope.is_ok_and(|s| policy::sees(&s, org, false));
        if !sees || viewer.id() == actor {
            continue;
        }
        if let Some(to) = mail::recipient(tx, viewer.id(), MailCategory::Billing)? {
            out.push(to);
        }
    }
    Ok(out)
}

/// What every billing mail says about its invoice or quote.
struct About {
    kind: Kind,
    org: Id,
    number: String,
    currency: String,
    digits: u32,
}

impl About {
    fn amount(&self, minor: i64) -> String {
        format!(
            "{} {}",
            money::format_minor(minor, self.digits),
            self.currency
        )
    }

    /// The organisation's (or else the server's) payment page for `due`.
    fn link(&self, tx: &Conn<'_>, st: &AppState, due: i64) -> Result<Option<String>> {
        let template = billing::payment_link(tx, self.org)?.or(st.config.payment_link.clone());
        Ok(template.map(|t| {
            let amount = money::format_minor(due, self.digits);
            payment_link(&t, &self.number, &amount, &self.currency)
        }))
    }

    /// Queues `subject` and `text` (after a greeting, before how to stop
    /// such mail) to everyone who should hear of it.
    fn queue_all(
        &self,
        tx: &Conn<'_>,
        st: &AppState,
        actor: Id,
        subject: &str,
        text: &str,
        now: i64,
    ) -> Result<()> {
        let category = MailCategory::Billing;
        for to in recipients(tx, st, self.org, self.kind, actor)? {
            let body = format!(
                "Hello {name},\n\n{text}\n\n-- \n\
                 You get this mail because {why}. To stop it: \
                 portico me notifications --off {category}\n",
                name = to.name,
                why = category.describe(),
            );
            queue(tx, category, &to, subject, &body, None, now)?;
        }
        Ok(())
    }
}

fn invoice_about(row: &InvoiceRow) -> About {
    About {
        kind: Kind::Invoice,
        org: row.organization.id,
        number: row.number.clone().unwrap_or_default(),
        currency: row.currency.clone(),
        digits: view::digits(&row.currency),
    }
}

/// A draft just sent as `number`, by `actor`.
pub fn sent(
    tx: &Conn<'_>,
    st: &AppState,
    kind: Kind,
    number: &str,
    draft: &Draft,
    actor: Id,
    now: i64,
) -> Result<()> {
    if st.config.smtp.is_none() {
        return Ok(());
    }
    let about = About {
        kind,
        org: draft.organization_id,
        number: number.to_owned(),
        currency: draft.currency.clone(),
        digits: view::digits(&draft.currency),
    };
    let (net, tax) = draft.totals().unwrap_or_default();
    let total = about.amount(net.saturating_add(tax));
    let company = &st.config.branding.company_name;
    let org = orgs::get(tx, draft.organization_id)?.name;
    let until = draft.until;
    let (subject, text) = match kind {
        Kind::Invoice => {
            let pay = match about.link(tx, st, net.saturating_add(tax))? {
                Some(link) => format!("Pay online: {link}\n"),
                None => String::new(),
            };
            (
                format!("Invoice {number} from {company}: {total} due {until}"),
                format!(
                    "{company} sent {org} invoice {number} for {total}, due on {until}.\n\n\
                     {pay}See it in the app: portico invoices show {number}\n\
                     Save it as a PDF: portico invoices pdf {number}"
                ),
            )
        }
        Kind::Quote => (
            format!("Quote {number} from {company}: {total}, valid until {until}"),
            format!(
                "{company} sent {org} quote {number} for {total}, valid until {until}.\n\n\
                 See it in the app: portico quotes show {number}\n\
                 Accept it: portico quotes accept {number}\n\
                 Decline it: portico quotes decline {number} --note \"why\""
            ),
        ),
    };
    about.queue_all(tx, st, actor, &subject, &text, now)
}

/// A client's answer to a sent quote, to the staff member who wrote it
/// (unless they turned billing mail off or are no longer active).
pub fn quote_answered(
    tx: &Conn<'_>,
    st: &AppState,
    row: &QuoteRow,
    accepted: bool,
    who: &str,
    now: i64,
) -> Result<()> {
    if st.config.smtp.is_none() {
        return Ok(());
    }
    let category = MailCategory::Billing;
    let Some(to) = mail::recipient(tx, quotes::author(tx, row.id)?, category)?
        .filter(|p| matches!(p.role, Role::Admin | Role::Agent))
    else {
        return Ok(());
    };
    let number = row.number.as_deref().unwrap_or_default();
    let what = if accepted { "accepted" } else { "declined" };
    let note = match row.decision_note.as_deref() {
        Some(n) if !n.is_empty() => format!("Their note:\n{n}\n\n"),
        _ => String::new(),
    };
    let next = if accepted {
        format!("Turn it into a draft invoice: portico quotes show {number}, then `i` in the app")
    } else {
        format!("See it: portico quotes show {number}")
    };
    let body = format!(
        "Hello {name},\n\n{who} of {org} {what} quote {number}.\n\n{note}{next}\n\n-- \n\
         You get this mail because {why}. To stop it: \
         portico me notifications --off {category}\n",
        name = to.name,
        org = row.organization.name,
        why = category.describe(),
    );
    let subject = format!("Quote {number} {what} by {who}");
    queue(tx, category, &to, &subject, &body, None, now)
}

/// A payment of `amount` (minor units) recorded by `actor` on `row` as it
/// stood before it.
pub fn payment(
    tx: &Conn<'_>,
    st: &AppState,
    row: &InvoiceRow,
    amount: i64,
    paid_on: Date,
    actor: Id,
    now: i64,
) -> Result<()> {
    if st.config.smtp.is_none() {
        return Ok(());
    }
    let about = invoice_about(row);
    let number = &about.number;
    let left = row
        .net
        .saturating_add(row.tax)
        .saturating_sub(row.paid)
        .saturating_sub(amount);
    let received = about.amount(amount);
    let company = &st.config.branding.company_name;
    let standing = match left {
        0 => "It is paid in full. Thank you.".to_owned(),
        _ => format!("Still due: {}. Thank you.", about.amount(left)),
    };
    let subject = format!("Payment received for invoice {number}: {received}");
    let text =
        format!("{company} received {received} for invoice {number} on {paid_on}.\n{standing}");
    about.queue_all(tx, st, actor, &subject, &text, now)
}

/// `row` has just been found overdue (nobody did it).
pub fn overdue(tx: &Conn<'_>, st: &AppState, row: &InvoiceRow, now: i64) -> Result<()> {
    if st.config.smtp.is_none() {
        return Ok(());
    }
    let about = invoice_about(row);
    let number = &about.number;
    let due = row.net.saturating_add(row.tax).saturating_sub(row.paid);
    let left = about.amount(due);
    let pay = match about.link(tx, st, due)? {
        Some(link) => format!("Pay online: {link}\n"),
        None => String::new(),
    };
    let subject = format!(
        "Invoice {number} is overdue: {left} was due on {}",
        row.due_date
    );
    let text = format!(
        "Invoice {number} for {org} was due on {due_date}; {left} is still to pay.\n\n\
         {pay}See it in the app: portico invoices show {number}",
        org = row.organization.name,
        due_date = row.due_date,
    );
    about.queue_all(tx, st, 0, &subject, &text, now)
}
