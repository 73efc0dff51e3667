//! The new words of a reply: what comes before the quoted history (`On …
//! wrote:`, `-----Original Message-----`, an Outlook header block) and
//! before the signature (`-- `, `Sent from my …`); quoted (`>`) lines are
//! dropped wherever they are.

/// The reply's own text, trimmed; empty when it was nothing but quotes.
pub fn reply_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or("");
        if starts_history(line, next) || starts_signature(line) {
            break;
        }
        if !line.trim_start().starts_with('>') {
            kept.push(line);
        }
    }
    kept.join("\n").trim().to_owned()
}

/// `On Mon, 1 Dec 2026, Ana <ana@x> wrote:` (on one line or wrapped onto
/// two), its German form, and the separators Outlook and others write.
fn starts_history(line: &str, next: &str) -> bool {
    let wrote = |l: &str| l.ends_with("wrote:") || l.ends_with("schrieb:");
    let lower = line.to_ascii_lowercase();
    ((line.starts_with("On ") || line.starts_with("Am ")) && (wrote(line) || wrote(next)))
        || (lower.starts_with("-----") && lower.contains("original message"))
        || line.starts_with("________________")
        || (line.starts_with("From: ") && next.starts_with("Sent: "))
}

fn starts_signature(line: &str) -> bool {
    // "-- " is the signature separator; its trailing space was trimmed.
    line == "--" || line.starts_with("Sent from my ") || line.starts_with("Get Outlook for ")
}

#[cfg(test)]
mod tests {
    use super::reply_text;

    #[test]
    fn history_and_signature_are_cut() {
        let mail = "Thanks, that fixed it.\n\nAna\n-- \nAna Client\nAcme Ltd\n\nOn Tue, 1 Dec 2026 at 10:00, Support <help@x> wrote:\n> Try turning it off.\n";
        assert_eq!(reply_text(mail), "Thanks, that fixed it.\n\nAna");
    }

    #[test]
    fn wrapped_headers_outlook_blocks_and_inline_quotes() {
        let gmail = "Yes please.\r\n\r\nOn Tue, 1 Dec 2026 at 10:00, Support\r\n<help@x> wrote:\r\n> old\r\n";
        assert_eq!(reply_text(gmail), "Yes please.");
        let outlook = "Done.\n\nFrom: Support <help@x>\nSent: Tuesday\nSubject: Re: x\n\nold text";
        assert_eq!(reply_text(outlook), "Done.");
        let inline = "> question one\nanswer one\n> question two\nanswer two";
        assert_eq!(reply_text(inline), "answer one\nanswer two");
        let original = "See below\n-----Original Message-----\nold";
        assert_eq!(reply_text(original), "See below");
    }

    #[test]
    fn a_reply_of_quotes_only_is_empty() {
        assert_eq!(reply_text("> all quoted\n> still quoted\n"), "");
    }
}
