//! The pure model: plain serde types for a project and its stories.
//!
//! Nothing here knows about egui, the disk or the clock. Times arrive as
//! values from the caller; files are read and written by `storage`.

mod checklist;
mod journey;
mod photo;
mod project;
mod revision;
mod slug;
mod stats;
mod story;
mod template;
pub mod tracked;

pub use checklist::{
    Activity, CheckLevel, ChecklistItem, Covered, Event, SignOff, StyleEntry, covered_text, fingerprint,
};
pub use journey::{
    Correction, DEFAULT_CORRECTION_WORDING, Plan, Priority, Publication, Reopening, Withdrawal, correction_text,
};
pub use photo::{Crop, OtherValue, Photo, PhotoId, PhotoUse};
pub use project::{LengthVerdict, Project, ProjectSettings};
pub use revision::Revision;
pub use slug::{Slug, SlugError};
pub use stats::{TextStats, recount, text_stats};
pub use story::{Story, StoryStatus, TextField, Timestamp, Transition};
pub use template::Template;
pub use tracked::{Comment, MarkKind, Reply, Suggestion};
