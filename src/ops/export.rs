//! What an export changes in the project: a forced one is logged.

use crate::edit::Edit;
use crate::model::{Activity, Event, Story, Timestamp};

/// The activity-log line of exporting `story` in `format` although it is
/// not Ready, by `by` at `at`, as an edit.
pub fn forced_export(story: &Story, format: crate::export::Format, by: &str, at: Timestamp) -> Edit {
    let mut activity = story.activity.clone();
    activity.push(Activity {
        at,
        by: by.to_owned(),
        event: Event::ForcedExport { format: format.key().to_owned(), status: story.status },
    });
    Edit::SetReview { story: story.slug.clone(), signoffs: story.signoffs.clone(), activity }
}
