//! The review checklist's data: how much each check matters, the manual
//! items a desk signs off, the house style list, and what a story records
//! of its review (sign-offs and the activity log).

use serde::{Deserialize, Serialize};

use super::{Photo, Story, StoryStatus, Timestamp};

/// How much a checklist item or automatic check matters, as in
/// PublishPress Checklists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CheckLevel {
    /// Must pass before the story can be marked ready.
    Required,
    /// Shown, but does not block.
    Recommended,
    /// Not checked.
    Off,
}

impl CheckLevel {
    /// Every level, most important first.
    pub const ALL: [CheckLevel; 3] = [CheckLevel::Required, CheckLevel::Recommended, CheckLevel::Off];

    /// The name editors read.
    pub fn label(self) -> &'static str {
        match self {
            CheckLevel::Required => "Required",
            CheckLevel::Recommended => "Recommended",
            CheckLevel::Off => "Off",
        }
    }
}

/// A word or phrase the desk avoids, and what it writes instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleEntry {
    /// The word or phrase to avoid (matched as whole words, ignoring case).
    pub avoid: String,
    /// What to write instead; empty when it should simply go.
    pub prefer: String,
    /// Why, for the editor.
    pub note: String,
}

/// Parts of a story a sign-off covers: when they change, it goes stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Covered {
    /// The headline.
    Headline,
    /// The dek.
    Dek,
    /// The byline.
    Byline,
    /// The dateline.
    Dateline,
    /// The body.
    Body,
    /// The photos' captions, credits and rights.
    Photos,
}

impl Covered {
    /// Every part, in story order.
    pub const ALL: [Covered; 6] =
        [Covered::Headline, Covered::Dek, Covered::Byline, Covered::Dateline, Covered::Body, Covered::Photos];

    /// The name editors read.
    pub fn label(self) -> &'static str {
        match self {
            Covered::Headline => "Headline",
            Covered::Dek => "Dek",
            Covered::Byline => "Byline",
            Covered::Dateline => "Dateline",
            Covered::Body => "Body",
            Covered::Photos => "Photos",
        }
    }
}

/// A manual item of the desk's checklist ("Facts checked").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// A short id, stable across renames of the label (`facts-checked`).
    pub id: String,
    /// What the editor confirms.
    pub label: String,
    /// Whether it must be signed before the story is ready.
    pub level: CheckLevel,
    /// What the sign-off vouches for: changing it makes the sign-off stale.
    pub covers: Vec<Covered>,
}

impl ChecklistItem {
    fn new(id: &str, label: &str, level: CheckLevel, covers: &[Covered]) -> Self {
        ChecklistItem { id: id.to_owned(), label: label.to_owned(), level, covers: covers.to_vec() }
    }

    /// The checklist a new project starts with.
    pub fn defaults() -> Vec<ChecklistItem> {
        use CheckLevel::{Recommended, Required};
        use Covered::{Body, Byline, Dateline, Dek, Headline, Photos};
        vec![
            ChecklistItem::new("facts-checked", "Facts checked", Required, &[Headline, Dek, Body]),
            ChecklistItem::new(
                "names-verified",
                "Names and titles verified",
                Required,
                &[Headline, Dek, Byline, Body, Photos],
            ),
            ChecklistItem::new("quotes-attributed", "Quotes attributed", Required, &[Body]),
            ChecklistItem::new("legal-reviewed", "Legal reviewed", Recommended, &[Headline, Dek, Body, Photos]),
            ChecklistItem::new("headline-approved", "Headline approved", Required, &[Headline, Dek]),
            ChecklistItem::new("photo-rights", "Photo rights cleared", Required, &[Photos, Dateline]),
        ]
    }
}

/// An editor's sign-off of a checklist item on one story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// The checklist item's id.
    pub item: String,
    /// Who signed (the editor's name from preferences).
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// A hash of the covered parts as they were: when the current hash
    /// differs, the sign-off is stale.
    pub fingerprint: String,
    /// The covered parts as they were, as text, to show what changed since.
    pub covered_text: String,
}

/// One line of a story's activity log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// When.
    pub at: Timestamp,
    /// Who (the editor's name from preferences).
    pub by: String,
    /// What happened.
    pub event: Event,
}

/// What an activity-log line records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// The status changed.
    Status {
        /// From.
        from: StoryStatus,
        /// To.
        to: StoryStatus,
    },
    /// A checklist item was signed off.
    SignedOff {
        /// The item's id.
        item: String,
    },
    /// A sign-off was taken back.
    Withdrawn {
        /// The item's id.
        item: String,
    },
    /// The story was exported although it was not ready.
    ForcedExport {
        /// The format's name (`html`, `ninjs`…).
        format: String,
        /// Its status then.
        status: StoryStatus,
    },
    /// A published story was reopened as an update or a correction, or
    /// killed.
    Reopened {
        /// How, with the note or reason given.
        how: super::Reopening,
        /// The version it became (a kill keeps the version that ran).
        version: u32,
    },
    /// The story was marked ready although required checks failed.
    Override {
        /// The editor's reason.
        reason: String,
        /// What was failing, as the Review panel named it.
        failing: Vec<String>,
    },
}

impl Activity {
    /// The line as the Review panel shows it.
    pub fn describe(&self, item_label: impl Fn(&str) -> String) -> String {
        let what = match &self.event {
            Event::Status { from, to } => format!("moved the story from {} to {}", from.label(), to.label()),
            Event::SignedOff { item } => format!("signed off “{}”", item_label(item)),
            Event::Withdrawn { item } => format!("withdrew the sign-off “{}”", item_label(item)),
            Event::ForcedExport { format, status } => {
                format!("exported it as {format} while it was {} (forced)", status.label())
            }
            Event::Reopened { how, version } => match how {
                super::Reopening::Update { note } if note.trim().is_empty() => {
                    format!("reopened it as an update (version {version})")
                }
                super::Reopening::Update { note } => format!("reopened it as an update (version {version}): “{note}”"),
                super::Reopening::Correction { note } => {
                    format!("reopened it for a correction (version {version}): “{note}”")
                }
                super::Reopening::Kill { reason } => format!("killed it: “{reason}”"),
            },
            Event::Override { reason, failing } => {
                format!("marked it ready over {} failing check(s) ({}): “{reason}”", failing.len(), failing.join("; "))
            }
        };
        let by = if self.by.trim().is_empty() { "Someone" } else { self.by.as_str() };
        format!("{} · {by} {what}", self.at.short())
    }
}

/// The parts `covers` names, as text: what a sign-off vouches for. The
/// photos part lists each photo's caption, credit, copyright and rights.
pub fn covered_text(story: &Story, photos: &[Photo], covers: &[Covered]) -> String {
    let mut parts = Vec::new();
    for part in Covered::ALL.into_iter().filter(|part| covers.contains(part)) {
        let text = match part {
            Covered::Headline => story.headline.clone(),
            Covered::Dek => story.dek.clone(),
            Covered::Byline => story.byline.clone(),
            Covered::Dateline => story.dateline.clone(),
            Covered::Body => story.body.clone(),
            Covered::Photos => photos_text(story, photos),
        };
        parts.push(format!("{}:\n{text}", part.label()));
    }
    parts.join("\n\n")
}

fn photos_text(story: &Story, photos: &[Photo]) -> String {
    let mut lines = Vec::new();
    for (index, used) in story.photos.iter().enumerate() {
        let number = index + 1;
        match photos.iter().find(|photo| photo.id == used.photo) {
            Some(photo) => lines.push(format!(
                "Photo {number}: {}\nCredit: {}\nCopyright: {}\nUsage: {} {}\nAlt text: {}",
                photo.caption_as_it_stands(),
                photo.credit,
                photo.copyright,
                photo.usage_terms,
                photo.usage_expires,
                photo.alt_text
            )),
            None => lines.push(format!("Photo {number}: {} (not in the library)", used.photo)),
        }
    }
    lines.join("\n")
}

/// A short hash of a sign-off's covered text.
pub fn fingerprint(covered_text: &str) -> String {
    let hash = blake3::hash(covered_text.as_bytes()).to_hex();
    hash.as_str().get(..16).unwrap_or_default().to_owned()
}
