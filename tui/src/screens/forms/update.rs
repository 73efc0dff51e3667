//! The order forms' update: the list, picking the organisation of a new
//! form, the field editor's keys and typing, and the server's answers.
//! Pure, like every screen's update.

use crossterm::event::{KeyCode, KeyEvent};
use portico_shared::{FieldKind, FormDefinition, FormField, NewOrderForm, OrderForm};

use crate::input::edit::edit_line;
use crate::load::Load;
use crate::sanitize;
use crate::screens::forms::msg::{FormsEffect, FormsMsg};
use crate::screens::forms::{Editor, Prop, Typing, has_options};
use crate::shell::model::{App, Confirm, Modal, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info};
use crate::widgets::for_whom::ForWhom;

/// Opens the list of forms (admins), fetching it afresh.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    if !app.is_admin() {
        error(app, "Order forms are edited by admins.".into(), vec![]);
        return vec![];
    }
    app.screen = Screen::OrderForms;
    vec![Effect::Forms(FormsEffect::FetchForms)]
}

pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::OrderForms {
        app.session.forms.forms = Load::Loading;
    }
    vec![Effect::Forms(FormsEffect::FetchForms)]
}

// ---- answers --------------------------------------------------------------

pub(crate) fn answer(app: &mut App, msg: FormsMsg) -> Vec<Effect> {
    let s = &mut app.session.forms;
    match msg {
        FormsMsg::Listed(Ok((mut forms, orgs))) => {
            forms.iter_mut().for_each(sanitize::order_form);
            s.orgs = orgs
                .into_iter()
                .map(|o| (o.id, sanitize::line(&o.name)))
                .collect();
            s.cursor = s.cursor.min(forms.len().saturating_sub(1));
            s.forms = Load::Ready(forms);
            vec![]
        }
        FormsMsg::Listed(Err(f)) => {
            s.forms = Load::Failed(f.message.clone());
            failed(app, f, vec![Effect::Forms(FormsEffect::FetchForms)])
        }
        FormsMsg::OrgChoices { query, result } => {
            let orgs = match result {
                Ok(o) => o,
                Err(f) => return failed(app, f, vec![]),
            };
            // An answer to an older search changes nothing (see `found`).
            if let Some(fw) = s.picking.as_mut() {
                fw.found(&query, orgs);
            }
            vec![]
        }
        FormsMsg::Saved(r) => saved(app, r),
    }
}

/// A save's answer: the editor takes the form as saved (its new version is
/// the next one's base); a refusal stays in the editor with every change.
fn saved(app: &mut App, r: crate::failure::Outcome<Box<OrderForm>>) -> Vec<Effect> {
    let Some(e) = app.session.forms.editor.as_mut() else {
        return vec![];
    };
    e.saving = false;
    match r {
        Ok(mut form) => {
            sanitize::order_form(&mut form);
            let (cursor, prop) = (e.cursor, e.prop);
            let whose = e.whose.clone();
            *e = Editor::of(&form, whose);
            e.cursor = cursor.min(e.fields.len().saturating_sub(1));
            e.prop = prop;
            let text = format!(
                "Saved {} (version {}): new orders use it",
                form.definition.name, form.version
            );
            info(app, text);
            vec![Effect::Forms(FormsEffect::FetchForms)]
        }
        Err(f) if f.unauthorized => failed(app, f, vec![]),
        Err(f) => {
            e.errors = f.fields.clone();
            e.error = Some(if f.fields.is_empty() {
                f.message
            } else {
                "Not saved: the server refused what is marked ✗; your changes are kept.".into()
            });
            // The first field in error comes into view.
            if let Some(i) = (0..e.fields.len()).find(|&i| e.field_in_error(i)) {
                e.cursor = i;
                if let Some(p) = Prop::ALL.iter().find(|p| e.error_at(i, **p).is_some()) {
                    e.prop = *p;
                }
            }
            vec![]
        }
    }
}

// ---- the list -------------------------------------------------------------

pub(crate) fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    if app.session.forms.picking.is_some() {
        return pick_cmd(app, c);
    }
    let s = &mut app.session.forms;
    let n = s.forms.ready().map_or(0, Vec::len);
    match c {
        Cmd::Down => s.cursor = (s.cursor + 1).min(n.saturating_sub(1)),
        Cmd::Up => s.cursor = s.cursor.saturating_sub(1),
        Cmd::Top => s.cursor = 0,
        Cmd::Bottom => s.cursor = n.saturating_sub(1),
        Cmd::Open => {
            let Some(form) = s.forms.ready().and_then(|f| f.get(s.cursor)).cloned() else {
                return vec![];
            };
            let whose = s.org_name(form.organization_id);
            s.editor = Some(Editor::of(&form, whose));
            app.screen = Screen::OrderFormEdit;
        }
        Cmd::NewOrderForm => {
            s.picking = Some(ForWhom::default());
            return vec![Effect::Forms(FormsEffect::FetchOrgChoices(String::new()))];
        }
        Cmd::Back => return crate::screens::admin::update::open(app),
        _ => app.dirty = false,
    }
    vec![]
}

/// Choosing the organisation of a new form: typed, then ↑/↓ and Enter.
fn pick_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let s = &mut app.session.forms;
    let Some(fw) = s.picking.as_mut() else {
        return vec![];
    };
    match c {
        Cmd::OptionNext | Cmd::Down => {
            fw.step_org(false);
        }
        Cmd::OptionPrev | Cmd::Up => {
            fw.step_org(true);
        }
        Cmd::Cancel | Cmd::Back => s.picking = None,
        Cmd::Submit | Cmd::Open => {
            let Some(org) = fw.organization().cloned() else {
                return vec![];
            };
            s.picking = None;
            let forms = s.forms.ready().cloned().unwrap_or_default();
            // One form per organisation: its own opens if it has one.
            if let Some(own) = forms.iter().find(|f| f.organization_id == Some(org.id)) {
                s.editor = Some(Editor::of(own, org.name.clone()));
                app.screen = Screen::OrderFormEdit;
                info(
                    app,
                    format!("{} has its own form already: here it is", org.name),
                );
                return vec![];
            }
            let default = forms.iter().find(|f| f.organization_id.is_none());
            s.editor = Some(Editor::new_for(org.id, org.name.clone(), default));
            app.screen = Screen::OrderFormEdit;
        }
        _ => app.dirty = false,
    }
    vec![]
}

// ---- the editor -----------------------------------------------------------

/// Whether keys are text on `screen`: the organisation being typed for a
/// new form, or a line of the editor.
pub(crate) fn typing(app: &App, screen: Screen) -> bool {
    let s = &app.session.forms;
    match screen {
        Screen::OrderForms => s.picking.is_some(),
        _ => s.editor.as_ref().is_some_and(|e| e.typing.is_some()),
    }
}

pub(crate) fn text(app: &mut App, screen: Screen, key: KeyEvent) -> Vec<Effect> {
    let s = &mut app.session.forms;
    if screen == Screen::OrderForms {
        let Some(fw) = s.picking.as_mut() else {
            return vec![];
        };
        let before = fw.query.clone();
        edit_line(&mut fw.query, key);
        if fw.query == before {
            app.dirty = false;
            return vec![];
        }
        return vec![Effect::Forms(FormsEffect::FetchOrgChoices(
            fw.query.clone(),
        ))];
    }
    if let Some((_, line)) = s.editor.as_mut().and_then(|e| e.typing.as_mut()) {
        if key.code == KeyCode::Enter {
            return editor_cmd(app, Cmd::Submit);
        }
        edit_line(line, key);
    }
    vec![]
}

pub(crate) fn editor_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Some(e) = app.session.forms.editor.as_mut() else {
        app.screen = Screen::OrderForms;
        return vec![];
    };
    if e.typing.is_some() {
        match c {
            Cmd::Submit => commit(e),
            Cmd::Cancel => e.typing = None,
            _ => app.dirty = false,
        }
        return vec![];
    }
    let n = e.fields.len();
    match c {
        Cmd::Down => e.cursor = (e.cursor + 1).min(n.saturating_sub(1)),
        Cmd::Up => e.cursor = e.cursor.saturating_sub(1),
        Cmd::MoveFieldDown if e.cursor + 1 < n => {
            e.fields.swap(e.cursor, e.cursor + 1);
            e.cursor += 1;
            e.touched = true;
        }
        Cmd::MoveFieldUp if e.cursor > 0 && e.cursor < n => {
            e.fields.swap(e.cursor, e.cursor - 1);
            e.cursor -= 1;
            e.touched = true;
        }
        Cmd::AddField => add_field(e),
        Cmd::RemoveField if e.cursor < n => {
            e.fields.remove(e.cursor);
            e.cursor = e.cursor.min(e.fields.len().saturating_sub(1));
            // The server's errors were about the fields as they stood.
            e.errors.clear();
            e.touched = true;
        }
        Cmd::NextField | Cmd::PrevField => {
            let at = Prop::ALL.iter().position(|p| *p == e.prop).unwrap_or(0);
            let k = Prop::ALL.len();
            let to = if c == Cmd::NextField {
                at + 1
            } else {
                at + k - 1
            };
            e.prop = Prop::ALL[to % k];
        }
        Cmd::OptionNext | Cmd::OptionPrev => step_kind(e, c == Cmd::OptionNext),
        Cmd::ToggleOption => {
            if let Some(f) = e.field_mut() {
                f.required = !f.required;
                e.touched = true;
            }
        }
        Cmd::Open => match e.prop {
            Prop::Kind => step_kind(e, true),
            Prop::Required => return editor_cmd(app, Cmd::ToggleOption),
            p if e.field().is_some() => e.typing = Some((Typing::Prop(p), e.prop_text(p))),
            _ => {}
        },
        Cmd::RenameForm => e.typing = Some((Typing::Name, e.name.clone())),
        Cmd::Submit => return save(app),
        Cmd::Back if e.touched => {
            app.modal = Modal::Confirm(Confirm {
                question: "Leave the form? Changes not saved are lost.".into(),
                then: Pending::Then(close_editor),
                back: None,
            });
        }
        Cmd::Back => return close_editor(app),
        _ => app.dirty = false,
    }
    vec![]
}

fn close_editor(app: &mut App) -> Vec<Effect> {
    app.session.forms.editor = None;
    app.screen = Screen::OrderForms;
    vec![Effect::Forms(FormsEffect::FetchForms)]
}

/// A new text field after the selected one, its label typed at once; its
/// key follows the label until the key is edited.
fn add_field(e: &mut Editor) {
    let mut n = e.fields.len() + 1;
    while e.fields.iter().any(|f| f.key == format!("new_field_{n}")) {
        n += 1;
    }
    let at = if e.fields.is_empty() { 0 } else { e.cursor + 1 };
    e.fields.insert(
        at,
        FormField {
            key: format!("new_field_{n}"),
            label: format!("New field {n}"),
            kind: FieldKind::Text,
            required: false,
            options: Vec::new(),
            min: None,
            max: None,
        },
    );
    e.cursor = at;
    e.prop = Prop::Label;
    e.errors.clear();
    e.touched = true;
    e.typing = Some((Typing::Prop(Prop::Label), String::new()));
}

fn step_kind(e: &mut Editor, forward: bool) {
    let Some(f) = e.field_mut() else {
        return;
    };
    let all = FieldKind::ALL;
    let at = all.iter().position(|k| *k == f.kind).unwrap_or(0);
    let to = if forward { at + 1 } else { at + all.len() - 1 };
    f.kind = all[to % all.len()];
    e.touched = true;
}

/// The typed line becomes the name or the property.
fn commit(e: &mut Editor) {
    let Some((what, line)) = e.typing.take() else {
        return;
    };
    let text = line.trim().to_owned();
    let at = e.cursor;
    match what {
        Typing::Name => e.name = text,
        Typing::Prop(p) => {
            let Some(f) = e.fields.get_mut(at) else {
                return;
            };
            match p {
                Prop::Label if text.is_empty() => return,
                Prop::Label => {
                    // A new field's key follows its label.
                    if f.key.starts_with("new_field_") {
                        let key = key_of(&text);
                        if !key.is_empty() {
                            f.key = key;
                        }
                    }
                    f.label = text;
                }
                Prop::Key => f.key = text,
                Prop::Options => {
                    f.options = text
                        .split(',')
                        .map(str::trim)
                        .filter(|o| !o.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                Prop::Kind | Prop::Required => {}
            }
            let name = format!("fields[{at}].{}", p.server_name());
            e.errors.retain(|x| x.field != name);
        }
    }
    e.touched = true;
}

/// A key from a label: lower case letters, digits and `_`.
fn key_of(label: &str) -> String {
    let mut key = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    key.trim_end_matches('_').chars().take(40).collect()
}

/// Sends the form: a new version based on the one edited, or a new form.
/// Options and bounds stay with the fields whose type has them; the rest
/// wait in the editor should the type come back.
fn save(app: &mut App) -> Vec<Effect> {
    let Some(e) = app.session.forms.editor.as_mut() else {
        return vec![];
    };
    if e.saving {
        return vec![];
    }
    let fields = e
        .fields
        .iter()
        .map(|f| FormField {
            options: if has_options(f.kind) {
                f.options.clone()
            } else {
                Vec::new()
            },
            min: f.min.filter(|_| f.kind == FieldKind::Number),
            max: f.max.filter(|_| f.kind == FieldKind::Number),
            ..f.clone()
        })
        .collect();
    let definition = FormDefinition {
        name: e.name.clone(),
        fields,
        defaults: e.defaults.clone(),
    };
    e.saving = true;
    e.error = None;
    let fx = match (e.form_id, e.organization) {
        (Some(id), _) => FormsEffect::Replace {
            id,
            version: e.base_version,
            definition,
        },
        (None, Some(organization_id)) => FormsEffect::Create(NewOrderForm {
            organization_id,
            definition,
        }),
        (None, None) => {
            e.saving = false;
            return vec![];
        }
    };
    vec![Effect::Forms(fx)]
}

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn a_key_is_made_of_the_label() {
        assert_eq!(key_of("Dress code"), "dress_code");
        assert_eq!(key_of("  PPE / boots? "), "ppe_boots");
        assert_eq!(key_of("Ünïcode"), "n_code");
    }
}
