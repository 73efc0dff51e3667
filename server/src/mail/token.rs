//! How a reply finds its thread: every mail about a thread carries the
//! thread's id in its `Message-ID` (`<portico.t12.m34@domain>`), in the
//! root it references (`<portico.t12@domain>`), in its reply address
//! (`support+t12@domain`) and in its subject (`[ref:t12]`). Which thread a
//! sender may write to is still decided by the sender's own access.

use portico_shared::Id;

/// The id every mail about `thread` refers to, so mail readers show them as one conversation.
pub fn root_id(thread: Id, domain: &str) -> String {
    format!("<portico.t{thread}@{domain}>")
}

/// A mail's own `Message-ID`.
pub fn message_id(thread: Option<Id>, mail: Id, domain: &str) -> String {
    match thread {
        Some(t) => format!("<portico.t{t}.m{mail}@{domain}>"),
        None => format!("<portico.m{mail}@{domain}>"),
    }
}

/// The local part of a reply address that routes to `thread`.
pub fn reply_local(local: &str, thread: Id) -> String {
    format!("{local}+t{thread}")
}

/// The subject's token.
pub fn subject_tag(thread: Id) -> String {
    format!("[ref:t{thread}]")
}

/// The thread named in a message id such as `portico.t12.m34@…` (angle
/// brackets or not).
pub fn thread_of_message_id(id: &str) -> Option<Id> {
    digits_after(id.trim().trim_start_matches('<'), "portico.t")
}

/// The thread named by a plus-address such as `support+t12@example.com`.
pub fn thread_of_address(address: &str) -> Option<Id> {
    let local = address.split('@').next()?;
    let (_, tag) = local.rsplit_once('+')?;
    let id = tag.strip_prefix('t')?;
    parse_id(id)
}

/// The thread named in a subject such as `Re: Printer [ref:t12]`.
pub fn thread_of_subject(subject: &str) -> Option<Id> {
    let at = subject.rfind("[ref:t")?;
    let rest = &subject[at + "[ref:t".len()..];
    let (id, _) = rest.split_once(']')?;
    parse_id(id)
}

fn digits_after(text: &str, prefix: &str) -> Option<Id> {
    let rest = text.strip_prefix(prefix)?;
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    parse_id(&rest[..end])
}

/// A positive id of at most 18 digits.
fn parse_id(text: &str) -> Option<Id> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|id| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back() {
        assert_eq!(thread_of_message_id(&root_id(12, "x.example")), Some(12));
        assert_eq!(
            thread_of_message_id(&message_id(Some(7), 99, "x.example")),
            Some(7)
        );
        assert_eq!(
            thread_of_message_id(&message_id(None, 99, "x.example")),
            None
        );
        assert_eq!(
            thread_of_address(&format!("{}@x.example", reply_local("help", 5))),
            Some(5)
        );
        assert_eq!(
            thread_of_subject(&format!("Re: Printer {}", subject_tag(42))),
            Some(42)
        );
    }

    #[test]
    fn strangers_tokens_are_not_read() {
        assert_eq!(thread_of_message_id("<CAF123@mail.example>"), None);
        assert_eq!(thread_of_message_id("<xportico.t5@x>"), None);
        assert_eq!(thread_of_address("ana+news@x.example"), None);
        assert_eq!(thread_of_address("ana+t@x.example"), None);
        assert_eq!(thread_of_subject("[ref:t99999999999999999999]"), None);
        assert_eq!(thread_of_subject("[ref:t0]"), None);
        assert_eq!(thread_of_subject("Re: [ref:tx1]"), None);
    }
}
