//! The login screen's model: the form, and the demo's accounts.

/// A sign-in the demo offers on its login screen.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoAccount {
    pub label: String,
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoginField {
    #[default]
    Email,
    Password,
}

#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub focus: LoginField,
    pub busy: bool,
    pub error: Option<String>,
    pub demo: Vec<DemoAccount>,
    pub demo_index: usize,
}
