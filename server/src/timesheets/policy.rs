//! Who may see and do what with shifts and timesheets. The SQL side of the
//! same rule is `store::shifts` and `store::timesheets` (the scope in every
//! query); the live-event side is `sees_*`, used for each subscriber.

use portico_shared::{Id, Shift, TimesheetEntry, TimesheetStatus};

use crate::access::{TimesheetScope, Viewer};
use crate::error::{ApiError, Result};

/// The worker behind a clock request; the clock is theirs alone.
pub fn clock_owner(viewer: &Viewer) -> Result<Id> {
    viewer
        .timesheets()?
        .worker()
        .ok_or(ApiError::Forbidden("the clock is for workers"))
}

/// The worker behind a request that only workers make.
pub fn worker_of(viewer: &Viewer) -> Result<(Id, TimesheetScope)> {
    let scope = viewer.timesheets()?;
    match scope.worker() {
        Some(me) => Ok((me, scope)),
        None => Err(ApiError::Forbidden("timesheets are logged by workers")),
    }
}

/// Whether `scope` sees `shift`: the worker their own, others their places.
pub fn sees_shift(scope: &TimesheetScope, shift: &Shift) -> bool {
    shift
        .organization
        .as_ref()
        .is_some_and(|org| scope.covers(shift.worker.id, org.id, shift.location.id))
}

/// Whether `scope` sees `entry`: as a shift, and drafts are the worker's
/// own until submitted.
pub fn sees_entry(scope: &TimesheetScope, entry: &TimesheetEntry) -> bool {
    let hidden = !scope.is_worker() && entry.status == TimesheetStatus::Draft;
    !hidden
        && entry
            .organization
            .as_ref()
            .is_some_and(|org| scope.covers(entry.worker.id, org.id, entry.location.id))
}
