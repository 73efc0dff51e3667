//! Phase operations (staff): adding, changing and removing a phase of a
//! project's timeline. Every change is kept in the history with its date.

use portico_shared::{Id, NewPhase, Phase, PhaseAction, PhasePatch, PhaseStatus, validate};

use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::projects;

/// A phase's dates must not run backwards.
fn check(phase: &Phase) -> Result<()> {
    if phase.end_date < phase.start_date {
        return Err(ApiError::field("end_date", "must not be before start_date"));
    }
    Ok(())
}

/// Adds a phase to a project.
pub async fn add(st: &AppState, viewer: &Viewer, project_id: Id, req: NewPhase) -> Result<Phase> {
    viewer.require_staff()?;
    let scope = viewer.projects()?;
    let mut phase = Phase {
        id: 0,
        name: validate::name("name", &req.name)?,
        start_date: req.start_date,
        end_date: req.end_date,
        status: req.status.unwrap_or(PhaseStatus::Planned),
        visible_to_client: req.visible_to_client.unwrap_or(true),
        position: req.position,
    };
    check(&phase)?;
    let (now, me) = (st.clock.now(), viewer.id());
    let phase = st
        .db
        .write(move |tx| -> Result<_> {
            let project = projects::get(tx, &scope, project_id)?;
            phase.id = projects::insert_phase(tx, &project, &phase, now)?;
            projects::record(tx, &project, &phase, PhaseAction::Added, me, now)?;
            Ok(phase)
        })
        .await?;
    publish(st, me, vec![Change::project("project.updated", project_id)]).await?;
    Ok(phase)
}

/// Changes a phase; starting or finishing it is recorded as such.
pub async fn change(
    st: &AppState,
    viewer: &Viewer,
    project_id: Id,
    phase_id: Id,
    req: PhasePatch,
) -> Result<Phase> {
    viewer.require_staff()?;
    let scope = viewer.projects()?;
    let name = crate::fields::name("name", req.name.as_deref())?;
    let (now, me) = (st.clock.now(), viewer.id());
    let phase = st
        .db
        .write(move |tx| -> Result<_> {
            let project = projects::get(tx, &scope, project_id)?;
            let before = projects::phase(tx, &project, phase_id)?;
            let after = Phase {
                id: before.id,
                name: name.unwrap_or_else(|| before.name.clone()),
                start_date: req.start_date.unwrap_or(before.start_date),
                end_date: req.end_date.unwrap_or(before.end_date),
                status: req.status.unwrap_or(before.status),
                visible_to_client: req.visible_to_client.unwrap_or(before.visible_to_client),
                position: req.position.unwrap_or(before.position),
            };
            check(&after)?;
            projects::update_phase(tx, &project, &after, now)?;
            let action = PhaseAction::of_status(before.status, after.status);
            projects::record(tx, &project, &after, action, me, now)?;
            Ok(after)
        })
        .await?;
    publish(st, me, vec![Change::project("project.updated", project_id)]).await?;
    Ok(phase)
}

/// Removes a phase; its history stays.
pub async fn remove(st: &AppState, viewer: &Viewer, project_id: Id, phase_id: Id) -> Result<()> {
    viewer.require_staff()?;
    let scope = viewer.projects()?;
    let (now, me) = (st.clock.now(), viewer.id());
    st.db
        .write(move |tx| -> Result<_> {
            let project = projects::get(tx, &scope, project_id)?;
            let phase = projects::phase(tx, &project, phase_id)?;
            projects::record(tx, &project, &phase, PhaseAction::Removed, me, now)?;
            projects::delete_phase(tx, &project, phase_id)?;
            Ok(())
        })
        .await?;
    publish(st, me, vec![Change::project("project.updated", project_id)]).await?;
    Ok(())
}
