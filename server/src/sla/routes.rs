//! SLA settings (staff read, administrators change) and the ticket report
//! (staff only), as JSON and as CSV.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use portico_shared::{ErrorBody, ReportQuery, SlaSettings, TicketReport, validate_sla};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::report;
use crate::access::Viewer;
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppQuery, Result};
use crate::state::AppState;
use crate::store::sla::{self, ReportFilter};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(tickets_report))
        .routes(routes!(tickets_csv))
}

/// The SLA settings: targets per priority and the business hours (staff).
#[utoipa::path(get, path = "/settings/sla", tag = "sla", security(("bearer" = [])),
    responses((status = 200, body = SlaSettings), (status = 403, body = ErrorBody)))]
async fn get_settings(State(st): State<AppState>, viewer: Viewer) -> Result<Json<SlaSettings>> {
    viewer.require_staff()?;
    Ok(Json(st.db.read(sla::settings).await?))
}

/// Replace the SLA settings (administrators); every open ticket's due
/// times are set again under them.
#[utoipa::path(put, path = "/settings/sla", tag = "sla", security(("bearer" = [])),
    request_body = SlaSettings,
    responses((status = 200, body = SlaSettings), (status = 403, body = ErrorBody)))]
async fn put_settings(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<SlaSettings>,
) -> Result<Json<SlaSettings>> {
    viewer.require_admin()?;
    let settings = validate_sla(&req).map_err(ApiError::Validation)?;
    let me = viewer.id();
    let state = st.clone();
    let saved = settings.clone();
    st.db
        .write(move |tx| -> Result<()> {
            sla::set_settings(tx, &saved)?;
            audit(
                tx,
                &state,
                Some(me),
                "sla.update",
                "settings:sla".to_owned(),
                &client,
                String::new(),
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(settings))
}

/// The report's tickets, judged now.
async fn build(st: &AppState, viewer: &Viewer, q: ReportQuery) -> Result<TicketReport> {
    viewer.require_staff()?;
    crate::timesheets::ops::check_range(q.from, q.to)?;
    let day = |d: jiff::civil::Date| -> Result<i64> {
        Ok(d.to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|_| ApiError::field("from", "not a day the server can count"))?
            .timestamp()
            .as_second())
    };
    let from = day(q.from)?;
    let until = day(q.to)? + 86_400;
    let now = st.clock.now();
    let (tickets, settings) = st
        .db
        .read(move |c| -> crate::store::Result<_> {
            let tickets = sla::report_tickets(
                c,
                &ReportFilter {
                    from,
                    until,
                    organization_id: q.organization_id,
                    assignee_id: q.assignee_id,
                    tag: q.tag.as_deref(),
                },
            )?;
            Ok((tickets, sla::settings(c)?))
        })
        .await?;
    Ok(report::build(&tickets, q.from, q.to, now, &settings.hours))
}

/// Tickets opened from `from` to `to` (UTC days, at most 93): counts,
/// median and 90th-percentile first-response and resolution times (in
/// business seconds of the SLA calendar: nights, weekends and holidays do
/// not count) and breaches, in total, by priority and by assignee, and per week (staff).
#[utoipa::path(get, path = "/reports/tickets", tag = "sla", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, body = TicketReport), (status = 403, body = ErrorBody)))]
async fn tickets_report(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ReportQuery>,
) -> Result<Json<TicketReport>> {
    Ok(Json(build(&st, &viewer, q).await?))
}

/// The same rows as CSV (staff).
#[utoipa::path(get, path = "/reports/tickets.csv", tag = "sla", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, description = "the report's rows as CSV", content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody)))]
async fn tickets_csv(
    State(st): State<AppState>,
    viewer: Viewer,
    client: crate::auth::Client,
    AppQuery(q): AppQuery<ReportQuery>,
) -> Result<impl IntoResponse> {
    let name = format!("attachment; filename=\"tickets-{}-{}.csv\"", q.from, q.to);
    let days = format!("{} to {}", q.from, q.to);
    let report = build(&st, &viewer, q).await?;
    crate::api::audit_export(&st, &viewer, &client, "ticket_report", days).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        report::csv(&report).map_err(anyhow::Error::from)?,
    ))
}
