//! Pure validation both sides apply before anything is stored.

use crate::FieldError;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_BYTES: usize = 1024;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_TAG_CHARS: usize = 40;
pub const MAX_TAGS: usize = 32;
/// RFC 5321's limit on an address.
pub const MAX_EMAIL_BYTES: usize = 254;
/// Invite codes are 64 hex characters; anything much longer is not one.
pub const MAX_CODE_CHARS: usize = 128;
/// A ticket body or a message.
pub const MAX_BODY_CHARS: usize = 65_536;
pub const MAX_TIMEZONE_CHARS: usize = 64;
pub const MAX_ADDRESS_CHARS: usize = 500;
/// A timesheet entry's note.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// Why a timesheet entry was rejected.
pub const MAX_REASON_CHARS: usize = 500;

/// Lower-cases and trims an e-mail address, or says why it is not one.
pub fn email(raw: &str) -> Result<String, FieldError> {
    let e = raw.trim().to_lowercase();
    let ok = e.len() <= MAX_EMAIL_BYTES
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        && match e.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if ok {
        Ok(e)
    } else {
        Err(FieldError::new(
            "email",
            "must be an e-mail address such as ana@example.com",
        ))
    }
}

/// A display name: trimmed, non-empty, bounded, without control characters.
pub fn name(field_name: &str, raw: &str) -> Result<String, FieldError> {
    let n = raw.trim();
    if n.is_empty() {
        return Err(FieldError::new(field_name, "must not be empty"));
    }
    if n.chars().count() > MAX_NAME_CHARS {
        return Err(FieldError::new(
            field_name,
            format!("must be at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if n.chars().any(char::is_control) {
        return Err(FieldError::new(
            field_name,
            "must not contain control characters",
        ));
    }
    Ok(n.to_owned())
}

/// Free text of up to `max` characters, trimmed, possibly empty; line
/// breaks and tabs are the only control characters allowed.
pub fn text(field_name: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(FieldError::new(
            field_name,
            format!("must be at most {max} characters"),
        ));
    }
    if t.chars().any(|c| c.is_control() && !"\n\t".contains(c)) {
        return Err(FieldError::new(
            field_name,
            "must not contain control characters",
        ));
    }
    Ok(t.to_owned())
}

pub fn password(raw: &str) -> Result<(), FieldError> {
    if raw.chars().count() < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            "password",
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if raw.len() > MAX_PASSWORD_BYTES {
        return Err(FieldError::new(
            "password",
            format!("must be at most {MAX_PASSWORD_BYTES} bytes"),
        ));
    }
    Ok(())
}

/// Tags are lower-case words of letters, digits, `-` and `_`; duplicates fold.
pub fn tags(raw: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for t in raw {
        let t = t.trim().to_lowercase();
        let good = !t.is_empty()
            && t.chars().count() <= MAX_TAG_CHARS
            && t.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !good {
            return Err(FieldError::new(
                "tags",
                format!("each tag is 1 to {MAX_TAG_CHARS} letters, digits, '-' or '_'"),
            ));
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(FieldError::new("tags", format!("at most {MAX_TAGS} tags")));
    }
    out.sort();
    Ok(out)
}

/// An IANA zone name's shape (the server checks it against its zone database).
pub fn timezone(raw: &str) -> Result<String, FieldError> {
    let z = raw.trim();
    let good = !z.is_empty()
        && z.len() <= 64
        && z.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
    if good {
        Ok(z.to_owned())
    } else {
        Err(FieldError::new(
            "timezone",
            "must be an IANA time zone such as Europe/Berlin",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            email("  Ana@Example.COM ").as_deref(),
            Ok("ana@example.com")
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.com",
            "a b@x.com",
            "a@x",
            "a@@x.com",
            "a@x.com.",
        ] {
            assert!(email(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn tags_fold_and_sort() {
        let got = tags(&["Platinum".into(), "android".into(), "platinum".into()]);
        assert_eq!(got, Ok(vec!["android".to_owned(), "platinum".to_owned()]));
        assert!(tags(&["no spaces".into()]).is_err());
        assert!(tags(&[String::new()]).is_err());
    }

    #[test]
    fn names_refuse_control_characters() {
        assert!(name("name", "Ana\u{1b}[2J").is_err());
        assert!(name("name", "   ").is_err());
        assert_eq!(name("name", " Ana ").as_deref(), Ok("Ana"));
    }

    #[test]
    fn passwords_have_bounds() {
        assert!(password("short").is_err());
        assert!(password(&"x".repeat(2000)).is_err());
        assert!(password("correct horse").is_ok());
    }
}
