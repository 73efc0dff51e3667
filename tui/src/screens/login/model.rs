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
    /// Joining: the invite code, then the password twice.
    Code,
    Repeat,
    /// Two-factor sign-in: the authenticator's code.
    Totp,
}

/// Signing in with a password, or joining with an invite code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoginMode {
    #[default]
    Password,
    Invite,
    /// The password was right; the authenticator's code comes next.
    SecondFactor,
}

impl LoginMode {
    /// The fields of the mode, in Tab order.
    pub fn fields(self) -> &'static [LoginField] {
        match self {
            LoginMode::Password => &[LoginField::Email, LoginField::Password],
            LoginMode::Invite => &[LoginField::Code, LoginField::Password, LoginField::Repeat],
            LoginMode::SecondFactor => &[LoginField::Totp],
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    pub mode: LoginMode,
    pub email: String,
    pub password: String,
    pub code: String,
    pub repeat: String,
    /// Two-factor sign-in: the challenge the password earned, and the code.
    pub challenge: Option<String>,
    pub totp: String,
    pub focus: LoginField,
    pub busy: bool,
    pub error: Option<String>,
    pub demo: Vec<DemoAccount>,
    pub demo_index: usize,
}

impl LoginForm {
    /// The text of a field, to type into.
    pub fn text_mut(&mut self, field: LoginField) -> &mut String {
        match field {
            LoginField::Email => &mut self.email,
            LoginField::Password => &mut self.password,
            LoginField::Code => &mut self.code,
            LoginField::Repeat => &mut self.repeat,
            LoginField::Totp => &mut self.totp,
        }
    }

    /// Switches between signing in and joining; what was typed as a
    /// password goes, since it meant something else in the other mode.
    pub fn toggle_mode(&mut self) {
        self.mode = match self.mode {
            LoginMode::Password => LoginMode::Invite,
            LoginMode::Invite | LoginMode::SecondFactor => LoginMode::Password,
        };
        self.challenge = None;
        self.totp.clear();
        self.focus = self.mode.fields()[0];
        self.password.clear();
        self.repeat.clear();
        self.error = None;
    }

    /// The password was right: ask for the authenticator's code.
    pub fn ask_code(&mut self, challenge: String) {
        self.mode = LoginMode::SecondFactor;
        self.challenge = Some(challenge);
        self.totp.clear();
        self.focus = LoginField::Totp;
        self.busy = false;
        self.error = None;
    }

    /// The field after (or before) the focused one, round the mode's fields.
    pub fn step_focus(&mut self, back: bool) {
        let fields = self.mode.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        self.focus = fields[if back { (at + n - 1) % n } else { (at + 1) % n }];
    }
}
