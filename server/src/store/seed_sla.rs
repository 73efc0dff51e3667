//! The demo's service levels: targets for every priority in Berlin office
//! hours (closed on the German Christmas holidays), tighter ones for
//! platinum customers, so the inbox shows time left and the reports breaches.

use std::collections::BTreeMap;

use jiff::civil::date;
use portico_shared::{BusinessHours, Priority, SlaOverride, SlaSettings, SlaTarget};

use super::{Conn, Result, sla};

/// Sets the targets and stamps the demo's open tickets with due times.
pub fn seed(c: &Conn<'_>) -> Result<()> {
    let target = |first_response_minutes, resolution_minutes| SlaTarget {
        first_response_minutes,
        resolution_minutes,
    };
    let settings = SlaSettings {
        targets: BTreeMap::from([
            (Priority::Urgent, target(30, 240)),
            (Priority::High, target(120, 960)),
            (Priority::Normal, target(480, 2400)),
            (Priority::Low, target(960, 4800)),
        ]),
        overrides: vec![SlaOverride {
            tag: "platinum".to_owned(),
            targets: BTreeMap::from([
                (Priority::Urgent, target(15, 120)),
                (Priority::High, target(60, 480)),
            ]),
        }],
        hours: BusinessHours {
            timezone: "Europe/Berlin".to_owned(),
            holidays: vec![date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)],
            ..BusinessHours::default()
        },
    };
    sla::set_settings(c, &settings)
}
