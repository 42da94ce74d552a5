//! The wall clock, read only at the edges (app and command line): the model
//! and storage take times as values.

use crate::model::Timestamp;

/// The current UTC time, to the second, for the model's timestamps.
pub fn now() -> Timestamp {
    let now = time::OffsetDateTime::now_utc();
    Timestamp(now.replace_nanosecond(0).unwrap_or(now))
}
