//! The review checklist's automatic checks: pure functions over a story and
//! its photos that return [`Finding`]s. Checks never fail: whatever the
//! input, the answer is a list of findings.
//!
//! - `rules.rs` names every rule, its id and default level.
//! - `text.rs` checks one piece of text (a paragraph-structured body, a
//!   headline, a caption): placeholders, balance, punctuation, spacing,
//!   boilerplate, duplicates, the house style list.
//! - `numbers.rs` checks measurements and figures.
//! - `dates.rs` checks dates and ages: weekdays that do not fit their
//!   dates, dates that do not exist, ages that disagree with a birth date.
//! - `captions.rs` reads captions against the story (names it never
//!   mentions; credit formats).
//! - `names.rs` knows the story's names (so spelling accepts them) and
//!   finds a name spelled two ways.
//! - `story.rs` runs everything on one story at the project's levels
//!   (the headline, dek and body as they stand, without pending
//!   suggestions; each pending suggestion and open comment a finding) and
//!   says what blocks "Ready"; `signoffs.rs` knows when a manual item's
//!   sign-off has gone stale; `report.rs` holds the result types.

mod captions;
mod dates;
mod memo;
mod names;
mod numbers;
mod report;
mod rules;
mod signoffs;
mod story;
mod text;

use std::ops::Range;

pub use names::{Source, StoryNames};
pub use report::{Finding, PhotoField, Place, Readiness, Respelling, StoryReport};
pub use rules::Rule;
pub use signoffs::{ItemState, covered_text, fingerprint, item_state};
pub use story::{MarkCounts, Subject, check_story, level_of, readiness, report, report_with_names, story_names};
pub use text::kept::{KeepingRun, KeptHits, use_kept_hits};
pub use text::{TextKind, check_text, house_style};

/// What a text check found: which rule, where (a byte range of the checked
/// text, on char boundaries), what to tell the editor, and a fix if one is
/// certain enough to offer.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    /// The rule that found it.
    pub rule: Rule,
    /// Bytes of the checked text the finding is about.
    pub range: Range<usize>,
    /// One sentence for the editor.
    pub message: String,
    /// A replacement for `range`, when the fix is clear.
    pub suggestion: Option<Suggestion>,
}

/// A fix: replace the finding's range with `replacement`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    /// What the button says ("Remove the second “the”").
    pub label: String,
    /// The text to put in the range's place.
    pub replacement: String,
}
