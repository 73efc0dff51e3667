//! The order-form field editor on a `TestBackend`: the forms listed, a form
//! opened from Admin with `F`, its fields added, renamed, retyped, made
//! required, reordered and removed, the save carrying the version it was
//! based on, the server's refusals shown with nothing lost, and a new form
//! for one organisation picked by typing part of its name.
#![allow(clippy::unwrap_used)]

mod support;

use crossterm::event::{KeyCode, KeyModifiers};
use portico::failure::Failure;
use portico::fixtures::{self, admin_app, staffing_form};
use portico::screens::forms::msg::{FormsEffect, FormsMsg};
use portico::shell::model::{App, Modal, Screen};
use portico::shell::msg::{Action, Effect};
use portico::shell::update::update;
use portico_shared::{FieldError, FieldKind, OrderForm, OrganizationRef};
use support::{key, press, text};

fn typed(app: &mut App, s: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in s.chars() {
        fx = press(app, KeyCode::Char(c));
    }
    fx
}

fn save(app: &mut App) -> Vec<Effect> {
    key(app, KeyCode::Char('s'), KeyModifiers::CONTROL)
}

/// The default form (id 1, version 3) and Northwind's own (id 2).
fn forms() -> Vec<OrderForm> {
    let mut default = staffing_form();
    default.id = 1;
    default.organization_id = None;
    default.version = 3;
    default.definition.name = "Order request".into();
    default.definition.fields.truncate(3);
    vec![default, staffing_form()]
}

fn orgs() -> Vec<OrganizationRef> {
    vec![
        OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        OrganizationRef {
            id: 2,
            name: "Globex Corporation".into(),
        },
    ]
}

/// An admin on the forms list, opened from Admin with `F`.
fn forms_app() -> App {
    let mut app = admin_app();
    let fx = press(&mut app, KeyCode::Char('F'));
    assert_eq!(app.screen, Screen::OrderForms);
    assert!(
        matches!(fx.as_slice(), [Effect::Forms(FormsEffect::FetchForms)]),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Forms(FormsMsg::Listed(Ok((forms(), orgs())))),
    );
    app
}

/// The default form open in the editor.
fn editing() -> App {
    let mut app = forms_app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::OrderFormEdit);
    app
}

fn sent(fx: &[Effect]) -> (i64, i64, portico_shared::FormDefinition) {
    match fx {
        [
            Effect::Forms(FormsEffect::Replace {
                id,
                version,
                definition,
            }),
        ] => (*id, *version, definition.clone()),
        other => panic!("a replace: {other:?}"),
    }
}

#[test]
fn the_forms_are_listed_by_whose_they_are() {
    let app = forms_app();
    let screen = text(&app);
    assert!(screen.contains("default: all without"), "{screen}");
    assert!(screen.contains("Northwind Traders"), "{screen}");
    assert!(screen.contains("v3"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn a_field_is_added_edited_moved_and_removed_and_the_save_names_its_version() {
    let mut app = editing();
    insta::assert_snapshot!("order_form_editor", text(&app));
    // Three fields: role, headcount, start_date. A new one after the first,
    // its label typed at once; its key follows the label.
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "Dress code");
    press(&mut app, KeyCode::Enter);
    let e = app.session.forms.editor.as_ref().unwrap();
    assert_eq!(e.cursor, 1);
    assert_eq!(e.fields[1].label, "Dress code");
    assert_eq!(e.fields[1].key, "dress_code");
    // A choice, required, with options typed comma-separated.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(
        app.session.forms.editor.as_ref().unwrap().fields[1].kind,
        FieldKind::Choice
    );
    press(&mut app, KeyCode::Char(' '));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "casual, uniform ,, safety boots");
    press(&mut app, KeyCode::Enter);
    // Up above the role; the start date goes.
    press(&mut app, KeyCode::Char('K'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('x'));
    insta::assert_snapshot!("order_form_editor_changed", text(&app));

    let (id, version, def) = sent(&save(&mut app));
    assert_eq!((id, version), (1, 3), "the version it was based on");
    let keys: Vec<&str> = def.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["dress_code", "role", "headcount"]);
    assert!(def.fields[0].required);
    assert_eq!(def.fields[0].kind, FieldKind::Choice);
    assert_eq!(def.fields[0].options, ["casual", "uniform", "safety boots"]);
    // The form's defaults ride along untouched.
    assert_eq!(def.defaults, forms()[0].definition.defaults);

    // Saved: the next edit is based on the new version.
    let mut saved = forms()[0].clone();
    saved.version = 4;
    saved.definition = def;
    let fx = update(
        &mut app,
        Action::Forms(FormsMsg::Saved(Ok(Box::new(saved)))),
    );
    assert!(matches!(
        fx.as_slice(),
        [Effect::Forms(FormsEffect::FetchForms)]
    ));
    let e = app.session.forms.editor.as_ref().unwrap();
    assert_eq!(e.base_version, 4);
    assert!(!e.touched);
    press(&mut app, KeyCode::Char(' '));
    let (_, version, _) = sent(&save(&mut app));
    assert_eq!(version, 4);
}

#[test]
fn a_refused_field_is_marked_and_nothing_is_lost() {
    let mut app = editing();
    // The second field takes the first one's key.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "role");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Up);
    let before = app.session.forms.editor.as_ref().unwrap().fields.clone();
    sent(&save(&mut app));
    let refusal = Failure {
        fields: vec![FieldError::new(
            "fields[1].key",
            "another field has this key",
        )],
        ..Failure::new("validation failed")
    };
    update(&mut app, Action::Forms(FormsMsg::Saved(Err(refusal))));
    let e = app.session.forms.editor.as_ref().unwrap();
    assert_eq!(e.fields, before, "every change is kept");
    assert_eq!(e.cursor, 1, "the field in error comes into view");
    assert!(!e.saving);
    let screen = text(&app);
    assert!(screen.contains("✗ another field has this key"), "{screen}");
    insta::assert_snapshot!(screen);
    // Fixing it clears its mark.
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    assert!(!text(&app).contains("another field has this key"));
}

#[test]
fn a_stale_version_is_refused_in_words_and_the_edit_stays() {
    let mut app = editing();
    press(&mut app, KeyCode::Char('x'));
    sent(&save(&mut app));
    let stale = "this form is at version 4 now, not 3: someone saved it since; load it again and redo the change";
    update(
        &mut app,
        Action::Forms(FormsMsg::Saved(Err(Failure::new(stale)))),
    );
    let e = app.session.forms.editor.as_ref().unwrap();
    assert_eq!(e.fields.len(), 2);
    assert_eq!(e.base_version, 3);
    let screen = text(&app);
    assert!(screen.contains("version 4 now, not 3"), "{screen}");
    insta::assert_snapshot!(screen);
    // Leaving asks first, and no keeps the edit.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.modal, Modal::Confirm(_)));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen, Screen::OrderFormEdit);
    assert_eq!(app.session.forms.editor.as_ref().unwrap().fields.len(), 2);
}

#[test]
fn a_new_form_is_for_an_organisation_found_by_typing() {
    let mut app = forms_app();
    let fx = press(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(fx.as_slice(), [Effect::Forms(FormsEffect::FetchOrgChoices(q))] if q.is_empty())
    );
    let fx = typed(&mut app, "glo");
    assert!(
        matches!(fx.as_slice(), [Effect::Forms(FormsEffect::FetchOrgChoices(q))] if q == "glo"),
        "{fx:?}"
    );
    // An answer to an older query is dropped.
    update(
        &mut app,
        Action::Forms(FormsMsg::OrgChoices {
            query: "gl".into(),
            result: Ok(orgs()),
        }),
    );
    update(
        &mut app,
        Action::Forms(FormsMsg::OrgChoices {
            query: "glo".into(),
            result: Ok(vec![orgs()[1].clone()]),
        }),
    );
    let screen = text(&app);
    assert!(screen.contains("→ Globex Corporation (1 of 1)"), "{screen}");
    insta::assert_snapshot!(screen);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::OrderFormEdit);
    let fx = save(&mut app);
    match fx.as_slice() {
        [Effect::Forms(FormsEffect::Create(new))] => {
            assert_eq!(new.organization_id, 2);
            // It starts from the default form's fields.
            assert_eq!(new.definition.fields, forms()[0].definition.fields);
            assert_eq!(new.definition.name, "Order form of Globex Corporation");
        }
        other => panic!("a new form: {other:?}"),
    }
}

#[test]
fn an_organisation_with_its_own_form_gets_that_one() {
    let mut app = forms_app();
    press(&mut app, KeyCode::Char('n'));
    typed(&mut app, "north");
    update(
        &mut app,
        Action::Forms(FormsMsg::OrgChoices {
            query: "north".into(),
            result: Ok(vec![orgs()[0].clone()]),
        }),
    );
    press(&mut app, KeyCode::Enter);
    let e = app.session.forms.editor.as_ref().unwrap();
    assert_eq!(e.form_id, Some(2));
    assert!(matches!(
        sent(&{
            press(&mut app, KeyCode::Char(' '));
            save(&mut app)
        }),
        (2, 1, _)
    ));
}

#[test]
fn the_editor_and_the_list_have_help() {
    let mut app = editing();
    press(&mut app, KeyCode::Char('?'));
    let screen = text(&app);
    assert!(screen.contains("move the field up"), "{screen}");
    insta::assert_snapshot!("order_form_editor_help", screen);
    let mut app = forms_app();
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("order_forms_help", text(&app));
}

#[test]
fn only_admins_open_the_forms() {
    let mut app = fixtures::app(portico_shared::Role::Agent, 3, (100, 30));
    let fx = update(&mut app, Action::Cmd(portico::shell::msg::Cmd::OrderForms));
    assert!(fx.is_empty());
    assert_ne!(app.screen, Screen::OrderForms);
}
