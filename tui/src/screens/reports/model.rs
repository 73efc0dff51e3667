//! The reports' part of the model: the span shown and its report.

use jiff::civil::Date;
use portico_shared::{ReportQuery, TicketReport};

use crate::load::Load;

/// Weeks one report spans; `[` and `]` move by as many.
pub const SPAN_WEEKS: i64 = 8;

/// The reports' part of the Session.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The last day of the span (UTC); `None` until first opened (today).
    pub to: Option<Date>,
    pub report: Load<TicketReport>,
}

impl State {
    /// The span ending on `to`: `SPAN_WEEKS` weeks, both ends included.
    pub fn query(to: Date) -> ReportQuery {
        let from = to
            .checked_sub(jiff::Span::new().days(SPAN_WEEKS * 7 - 1))
            .unwrap_or(to);
        ReportQuery {
            from,
            to,
            organization_id: None,
            assignee_id: None,
            tag: None,
        }
    }
}

/// `1h 30m`, `2d 4h`, `45m`, `30s`: a time in business seconds, short;
/// `–` when there is none.
pub fn duration(seconds: Option<i64>) -> String {
    let Some(s) = seconds else {
        return "–".to_owned();
    };
    let (d, h, m) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}
