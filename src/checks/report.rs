//! What the checks return: findings with their place and level, and the
//! story's readiness (what still stands between it and "Ready").

use std::ops::Range;

use super::{Rule, Suggestion};
use crate::model::{CheckLevel, PhotoId, TextField};

/// A photo field a finding can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhotoField {
    /// The photo as a whole (its rights, its place in the story).
    Whole,
    /// The caption.
    Caption,
    /// The credit line.
    Credit,
    /// The alt text.
    AltText,
    /// The usage terms and their expiry.
    Usage,
}

impl PhotoField {
    /// The field's name in JSON and messages.
    pub fn name(self) -> &'static str {
        match self {
            PhotoField::Whole => "photo",
            PhotoField::Caption => "caption",
            PhotoField::Credit => "credit",
            PhotoField::AltText => "alt_text",
            PhotoField::Usage => "usage_terms",
        }
    }
}

/// Where a finding is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The story as a whole.
    Story,
    /// A byte range of one of the story's text fields (empty when the field
    /// itself is what is missing). For the headline, dek and body the range
    /// is into the text as it stands
    /// ([`as_it_stands`](crate::model::tracked::as_it_stands)), which is the
    /// stored text only when the field has no tracked changes or comments.
    Text {
        /// Which field.
        field: TextField,
        /// Which bytes.
        range: Range<usize>,
    },
    /// A photo the story uses, and a byte range of one of its fields.
    Photo {
        /// Which photo.
        photo: PhotoId,
        /// Its position in the story, from 1.
        number: usize,
        /// Which field.
        field: PhotoField,
        /// Which bytes of it.
        range: Range<usize>,
    },
}

impl Place {
    /// The field's name in JSON (`body`, `headline`, `caption`…).
    pub fn field_name(&self) -> String {
        match self {
            Place::Story => "story".to_owned(),
            Place::Text { field, .. } => field.label().to_lowercase().replace("editor's ", ""),
            Place::Photo { field, .. } => field.name().to_owned(),
        }
    }

    /// The byte range, when the place has one.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Place::Story => None,
            Place::Text { range, .. } | Place::Photo { range, .. } => Some(range.clone()),
        }
    }

    /// Where it is, as the Review panel says it: "Body", "Photo 2 caption".
    pub fn describe(&self) -> String {
        match self {
            Place::Story => "Story".to_owned(),
            Place::Text { field, .. } => field.label().to_owned(),
            Place::Photo { number, field: PhotoField::Whole, .. } => format!("Photo {number}"),
            Place::Photo { number, field, .. } => format!("Photo {number} {}", field.name().replace('_', " ")),
        }
    }
}

/// One problem a check found in a story.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Required findings block "Ready"; recommended ones are shown.
    pub level: CheckLevel,
    /// Where it is.
    pub place: Place,
    /// One sentence for the editor.
    pub message: String,
    /// A fix, when one is clear.
    pub suggestion: Option<Suggestion>,
    /// For a name spelled two ways: writing either spelling everywhere in
    /// the story (the editor picks one).
    pub respellings: Vec<Respelling>,
}

/// A fix that writes one spelling of a name in place of another wherever
/// the story has it: headline, dek, body and its photos' captions, whole
/// words only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Respelling {
    /// The spelling that goes.
    pub from: String,
    /// The spelling that stays.
    pub to: String,
}

impl Respelling {
    /// What the button says: "Use “Soleimani”".
    pub fn label(&self) -> String {
        format!("Use “{}”", self.to)
    }
}

/// What stands between a story and "Ready".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readiness {
    /// One line per required check that fails and per required sign-off
    /// that is missing or stale.
    pub blocking: Vec<String>,
}

impl Readiness {
    /// Whether the story can be marked ready without an override.
    pub fn ready(&self) -> bool {
        self.blocking.is_empty()
    }
}

/// One story's checks: the findings and what blocks "Ready".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryReport {
    /// Findings, required first.
    pub findings: Vec<Finding>,
    /// What blocks "Ready".
    pub readiness: Readiness,
    /// The story's names, which spelling accepts in it.
    pub names: std::sync::Arc<super::StoryNames>,
}
