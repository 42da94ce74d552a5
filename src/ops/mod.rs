//! The operations the window and the command line share. Each reads the
//! project as it is and returns the [`Edit`](crate::edit::Edit) that does
//! what was asked, or a [`Refused`] that says why not; the caller applies
//! the edit through its [`Workspace`](crate::workspace::Workspace) (so undo,
//! locks and every view follow) and saves. The window and `copydesk` differ
//! only in where the answer is shown.
//!
//! - `copy.rs`: import filed copy as new stories.
//! - `photos.rs`: read pictures into the library and attach them.
//! - `status.rs`: move a story along the workflow (the transition table on
//!   `StoryStatus`, the Mark-ready gate, an override with a reason, the
//!   embargo), and reopen a published story as an update, a correction or
//!   a kill.
//! - `review.rs`: sign checklist items off, take sign-offs back.
//! - `export.rs`: the activity-log line of a forced export.
//! - `fields.rs`: set one of a story's fields from text, validated.
//! - `names.rs`: write one spelling of a name for another throughout a
//!   story (the fix of a name spelled two ways).
//! - `templates.rs`: a new story from a template, a story saved as one,
//!   one taken away.
//! - `tracking.rs`: list a story's tracked changes and comments; accept or
//!   reject all its pending suggestions, or one author's.

mod copy;
mod export;
mod fields;
mod names;
mod photos;
mod review;
mod status;
mod templates;
mod tracking;

pub use copy::{ImportedCopy, import_copy};
pub use export::forced_export;
pub use fields::{Field, parse_publish_at, parse_tags, set_field};
pub use names::{Respelled, respell};
pub use photos::{ReadPicture, attach_photos, read_picture};
pub use review::{sign_off, withdraw_sign_off};
pub use status::{
    StoryMark, change_status, check_story, count_marks, has_stored_marks, is_name, keep_stored_hits, keep_stored_marks,
    proofing_marks, proofing_marks_with, proofreader_for, reopen, stored_hits, stored_marks,
};
pub use templates::{remove_template, save_as_template, story_from_template};
pub use tracking::{
    Change, ChangeField, CommentThread, TrackedList, list_tracked, resolve_all, resolve_with_captions, story_photos,
    tracked_list,
};

use crate::model::{Project, Slug, Story};

/// Why an operation was not done. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The project has no such story.
    #[error("there is no story “{slug}” in the project ({known})")]
    NoSuchStory {
        /// The slug asked for.
        slug: String,
        /// The stories it has, or the nearest of them when it has many.
        known: String,
    },
    /// A value is not what the field takes.
    #[error("“{value}” is not a valid {field}: {expected}")]
    BadValue {
        /// The field.
        field: String,
        /// The value given.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// The workflow does not allow it.
    #[error("{0}")]
    NotAllowed(String),
    /// Required checks fail: the story cannot be marked ready without an
    /// override and its reason.
    #[error("required items fail:\n{}", .0.iter().map(|line| format!("  - {line}")).collect::<Vec<_>>().join("\n"))]
    Blocked(Vec<String>),
    /// The operation records who did it, and no editor name is set.
    #[error("it records who did it, and no editor name is set: set your name in File › Preferences…")]
    NeedsName,
}

impl Refused {
    /// Whether the request itself was wrong (an unknown story or a bad
    /// value: exit 2), rather than refused as things stand (exit 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Refused::NoSuchStory { .. } | Refused::BadValue { .. })
    }
}

/// The story `slug` names, or [`Refused::NoSuchStory`].
pub fn find_story<'a>(project: &'a Project, slug: &str) -> Result<&'a Story, Refused> {
    let found = Slug::new(slug.trim()).ok().and_then(|slug| project.story(&slug));
    found.ok_or_else(|| Refused::NoSuchStory { slug: slug.to_owned(), known: known_stories(project, slug) })
}

/// Stories listed at most when a slug is not found; a bigger desk gets the
/// nearest ones.
const LISTED_STORIES: usize = 10;

/// What a "no such story" message lists: every slug of a small project, or
/// the few that share the most of their start with `wanted`.
fn known_stories(project: &Project, wanted: &str) -> String {
    let slugs: Vec<&str> = project.stories.iter().map(|story| story.slug.as_str()).collect();
    if slugs.is_empty() {
        return "it has none yet".to_owned();
    }
    if slugs.len() <= LISTED_STORIES {
        return format!("its stories: {}", slugs.join(", "));
    }
    let shared = |slug: &str| slug.chars().zip(wanted.trim().chars()).take_while(|(a, b)| a == b).count();
    let mut nearest = slugs.clone();
    nearest.sort_by_key(|slug| (std::cmp::Reverse(shared(slug)), slug.len()));
    nearest.truncate(5);
    format!("the nearest of its {} stories: {}; `copydesk info` lists them all", slugs.len(), nearest.join(", "))
}
