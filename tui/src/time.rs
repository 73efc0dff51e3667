//! Dates as people type and read them. Times are stored in UTC and read
//! at a place: in its IANA time zone, with the zone named.

use jiff::{Span, Timestamp, ToSpan, civil};

/// Deadlines typed as `2026-12-01` (end of that working day, 17:00 UTC),
/// `2026-12-01T09:00`, `+3d`, `3d`, `+4h`; empty means none.
pub fn parse_deadline(raw: &str, now: Timestamp) -> Result<Option<Timestamp>, String> {
    parse_at(raw, now, "UTC")
}

/// A date and time typed on the clocks of the place with time zone `tz`:
/// `2026-12-01 09:00` or `2026-12-01T09:00` there, `2026-12-01` (17:00
/// there), `+3d`, `+4h`; a written offset wins. Empty means none.
pub fn parse_at(raw: &str, now: Timestamp, tz: &str) -> Result<Option<Timestamp>, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("{s:?} is not a deadline: use 2026-12-01, 2026-12-01T09:00, +3d or +4h");
    let rel = s.strip_prefix('+').unwrap_or(s);
    if let Some((n, unit)) = rel.split_at_checked(rel.len().saturating_sub(1))
        && let Ok(n) = n.parse::<i64>()
    {
        let span: Span = match unit {
            "d" => (n * 24).hours(),
            "h" => n.hours(),
            "w" => (n * 24 * 7).hours(),
            _ => return Err(bad()),
        };
        return now.checked_add(span).map(Some).map_err(|_| bad());
    }
    let zone = portico_shared::zone(tz);
    // jiff reads a date out of a date-time too: look for a time first.
    let has_time = s.contains(['T', 't', ' ']);
    if !has_time && let Ok(date) = s.parse::<civil::Date>() {
        return date
            .at(17, 0, 0, 0)
            .to_zoned(zone)
            .map(|z| Some(z.timestamp()))
            .map_err(|_| bad());
    }
    // With an offset it is an instant; without one, the place's time.
    if has_time && let Ok(t) = s.parse::<Timestamp>() {
        return Ok(Some(t));
    }
    if has_time && let Ok(dt) = s.parse::<civil::DateTime>() {
        return dt
            .to_zoned(zone)
            .map(|z| Some(z.timestamp()))
            .map_err(|_| bad());
    }
    s.parse::<Timestamp>().map(Some).map_err(|_| bad())
}

/// The name of the time zone `tz` as shown beside times: its IANA name, or
/// `UTC` for a name this build does not know (times are then read in UTC).
pub fn zone_name(tz: &str) -> String {
    portico_shared::zone(tz)
        .iana_name()
        .filter(|n| *n != "Etc/Unknown")
        .unwrap_or("UTC")
        .to_owned()
}

/// `2026-11-25 17:00` on the clocks of the place with time zone `tz`, as
/// typed into the forms (the zone is named beside them).
pub fn short_in(t: Timestamp, tz: &str) -> String {
    t.to_zoned(portico_shared::zone(tz))
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// `2026-11-25 18:00 CET`: a time with its zone named by the short name
/// the place uses then (`CEST` in summer, `UTC`), so it fits a line at 80
/// columns; titles and form labels name the zone in full.
pub fn at(t: Timestamp, tz: &str) -> String {
    t.to_zoned(portico_shared::zone(tz))
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// `2026-11-25 17:00` in UTC: stable for scripts and snapshots.
pub fn short(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M").to_string()
}

/// `08:30`: the wall-clock time at a place with IANA time zone `tz`.
pub fn local_hm(t: Timestamp, tz: &str) -> String {
    t.to_zoned(portico_shared::zone(tz))
        .strftime("%H:%M")
        .to_string()
}

/// `08:00–16:30` at a place with time zone `tz`.
pub fn local_span(start: Timestamp, end: Timestamp, tz: &str) -> String {
    format!("{}–{}", local_hm(start, tz), local_hm(end, tz))
}

/// `7:30`: minutes as hours and minutes.
pub fn hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

/// `Mon 16 Nov`: a day as a timesheet lists it.
pub fn day(d: civil::Date) -> String {
    d.strftime("%a %d %b").to_string()
}

/// `3d 4h`, `5h`, `12m`: how long something has been open.
pub fn age(seconds: i64) -> String {
    let (d, h, m) = (
        seconds / 86_400,
        (seconds % 86_400) / 3600,
        (seconds % 3600) / 60,
    );
    match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, h) => format!("{h}h"),
        (d, 0) => format!("{d}d"),
        (d, h) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn deadlines_parse_in_the_forms_offered() {
        let now: Timestamp = "2026-11-25T10:00:00Z".parse().unwrap();
        let at = |s: &str| parse_deadline(s, now).unwrap().map(|t| t.to_string());
        assert_eq!(at(""), None);
        assert_eq!(at("2026-12-01").as_deref(), Some("2026-12-01T17:00:00Z"));
        assert_eq!(
            at("2026-12-01T09:30").as_deref(),
            Some("2026-12-01T09:30:00Z")
        );
        assert_eq!(at("+3d").as_deref(), Some("2026-11-28T10:00:00Z"));
        assert_eq!(at("4h").as_deref(), Some("2026-11-25T14:00:00Z"));
        assert_eq!(
            at("2026-12-01T09:30:00+02:00").as_deref(),
            Some("2026-12-01T07:30:00Z")
        );
        assert!(parse_deadline("tomorrow-ish", now).is_err());
        assert!(parse_deadline("+3x", now).is_err());
    }

    #[test]
    fn times_are_typed_and_read_at_the_place() {
        let now: Timestamp = "2027-01-01T10:00:00Z".parse().unwrap();
        let at_hamburg = |s: &str| {
            parse_at(s, now, "Europe/Berlin")
                .unwrap()
                .map(|t| t.to_string())
        };
        // Winter: Hamburg is an hour ahead of UTC.
        assert_eq!(
            at_hamburg("2027-01-04 22:00").as_deref(),
            Some("2027-01-04T21:00:00Z")
        );
        assert_eq!(
            at_hamburg("2027-01-04").as_deref(),
            Some("2027-01-04T16:00:00Z")
        );
        assert_eq!(at_hamburg("+1d").as_deref(), Some("2027-01-02T10:00:00Z"));
        let t: Timestamp = "2027-01-04T21:00:00Z".parse().unwrap();
        assert_eq!(short_in(t, "Europe/Berlin"), "2027-01-04 22:00");
        assert_eq!(super::at(t, "Europe/Berlin"), "2027-01-04 22:00 CET");
        assert_eq!(super::at(t, "Not/AZone"), "2027-01-04 21:00 UTC");
        assert_eq!(zone_name("UTC"), "UTC");
    }

    #[test]
    fn times_read_at_the_place() {
        let t: Timestamp = "2026-11-20T07:30:00Z".parse().unwrap();
        assert_eq!(local_hm(t, "Europe/Berlin"), "08:30");
        assert_eq!(local_hm(t, "America/New_York"), "02:30");
        assert_eq!(local_hm(t, "Not/AZone"), "07:30");
        assert_eq!(hours(450), "7:30");
        assert_eq!(hours(5), "0:05");
        assert_eq!(day("2026-11-16".parse().unwrap()), "Mon 16 Nov");
    }

    #[test]
    fn ages_read_short() {
        assert_eq!(age(59), "0m");
        assert_eq!(age(3 * 86_400 + 4 * 3600 + 60), "3d 4h");
        assert_eq!(age(5 * 3600), "5h");
    }
}
