//! The support forms offered in the client's new-ticket editor: `^F`
//! turns the still-empty editor into the choice of a form.

use crate::screens::tickets::ComposeKind;
use crate::shell::model::{App, Modal};
use crate::shell::msg::Effect;
use crate::shell::status::error;
use crate::widgets::form::FormDraft;

/// From the new-ticket editor (still empty: nothing typed is dropped) to
/// the choice of a support form.
pub(crate) fn choose_form(app: &mut App) -> Vec<Effect> {
    let Modal::Compose(c) = &app.modal else {
        return vec![];
    };
    if !matches!(c.kind, ComposeKind::NewTicket) {
        app.dirty = false;
        return vec![];
    }
    if !c.subject.trim().is_empty() || !c.body.is_empty() {
        error(
            app,
            "A form takes the place of this text: clear it first, or send it.".into(),
            vec![],
        );
        return vec![];
    }
    match app.session.knowledge.forms.ready() {
        Some(forms) if !forms.is_empty() => {
            app.modal = Modal::Form(Box::new(FormDraft::pick_support_form(forms)));
        }
        _ => app.dirty = false,
    }
    vec![]
}
