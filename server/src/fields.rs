//! Fields of a change request, validated: absent stays absent, present is
//! checked, and a clearable field may be set to nothing.

use portico_shared::validate;

use crate::error::Result;

/// A name-like field that may be absent (left as it is).
pub fn name(field: &str, value: Option<&str>) -> Result<Option<String>> {
    Ok(value.map(|v| validate::name(field, v)).transpose()?)
}

/// A name-like field that may be absent (left), `null` (cleared) or set.
pub fn clearable_name(
    field: &str,
    value: &Option<Option<String>>,
) -> Result<Option<Option<String>>> {
    Ok(match value {
        Some(Some(v)) => Some(Some(validate::name(field, v)?)),
        Some(None) => Some(None),
        None => None,
    })
}
