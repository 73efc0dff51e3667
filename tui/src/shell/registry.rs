//! Every screen module, listed once. The shell's `Screen`, `Session`,
//! `Action`, `Effect` and its routing (`route.rs`) are all made from this
//! list, so a new screen is one line here.
//!
//! A line reads `Variant: folder (Msg, Effect) [its screens]`: `Variant`
//! names the module's `Action` and `Effect` variants, `folder` is
//! `screens/<folder>/` (with `hooks::Hooks` implementing
//! `shell::module::Module` and `model::State`, its part of the Session),
//! `Msg` and `Effect` are the types in its `msg.rs`, and the screens are
//! its `Screen` variants.
//!
//! This file imports nothing, so everything in the shell may read it.

/// Calls `$then! { …the list… }`.
macro_rules! screens {
    ($then:ident) => {
        $then! {
            Tickets: tickets (TicketsMsg, TicketsEffect) [Tickets, Detail],
            Orders: orders (OrdersMsg, OrdersEffect) [Orders, Order],
            Timesheets: timesheets (TimesheetsMsg, TimesheetsEffect) [Working, Timesheets, Clock],
            Thread: thread (ThreadMsg, ThreadEffect) [],
            Billing: invoices (BillingMsg, BillingEffect) [Billing, BillingDoc],
            Admin: admin (AdminMsg, AdminEffect) [Admin],
            Account: account (AccountMsg, AccountEffect) [Account],
            Projects: projects (ProjectsMsg, ProjectsEffect) [Projects, Project, Tasks, ProjectThread, Task],
            Conversations: conversations (ConversationsMsg, ConversationsEffect) [Conversations, Conversation],
            Knowledge: knowledge (KnowledgeMsg, KnowledgeEffect) [Knowledge, Article],
            Reports: reports (ReportsMsg, ReportsEffect) [Reports],
            Mail: mail (MailMsg, MailEffect) [Mail],
            Forms: forms (FormsMsg, FormsEffect) [OrderForms, OrderFormEdit],
            Shifts: shifts (ShiftsMsg, ShiftsEffect) [ShiftWeek],
        }
    };
}

pub(crate) use screens;
