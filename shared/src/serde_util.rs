//! Serde helpers for the API types.

use serde::{Deserialize, Deserializer};

/// Marks a field as present, so `null` reads as `Some(None)` rather than `None`.
pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
