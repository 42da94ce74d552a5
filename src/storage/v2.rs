//! Schema 2, frozen: story and recovery files as Copydesk wrote them before
//! stories used photos (schema 3), the project settings as they stood until
//! the checklist arrived (project schema 3), and their migration to the
//! current model.
//!
//! Never change these types. They are what schema-2 files on disk hold;
//! `tests/fixtures/projects/schema-2/` is an example that must keep loading.

use serde::{Deserialize, Serialize};

use crate::model::{ChecklistItem, Project, ProjectSettings, Revision, Slug, Story, StoryStatus, Timestamp};

/// `project.ron`, schema 2 (project files stayed at schema 2 while story
/// files moved to 3).
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFileV2 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project's name.
    pub name: String,
    /// Slugs in the desk's order.
    pub story_order: Vec<Slug>,
    /// Shared settings.
    pub settings: ProjectSettingsV2,
}

/// Project settings of schema 2: limits and the dictionary, no checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectSettingsV2 {
    /// Words a new story is budgeted at.
    pub default_target_words: u32,
    /// Headline limit in characters.
    pub headline_max_chars: u32,
    /// Dek limit in characters.
    pub dek_max_chars: u32,
    /// BCP 47 language tag.
    pub language: String,
    /// The project's dictionary.
    pub dictionary: Vec<String>,
}

/// Schema 2 had no checklist: the default one, default levels, no house style.
impl From<ProjectSettingsV2> for ProjectSettings {
    fn from(old: ProjectSettingsV2) -> Self {
        ProjectSettings {
            default_target_words: old.default_target_words,
            headline_max_chars: old.headline_max_chars,
            dek_max_chars: old.dek_max_chars,
            language: old.language,
            dictionary: old.dictionary,
            checklist: ChecklistItem::defaults(),
            ..Default::default()
        }
    }
}

/// `stories/<slug>.ron`, schema 2.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV2 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story, its revisions last.
    pub story: StoryV2,
}

/// A story as schema 2 stored it: revisions, no photos.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryV2 {
    /// The story's slug; also its file name.
    pub slug: Slug,
    /// Section path.
    pub section: String,
    /// The headline.
    pub headline: String,
    /// The dek.
    pub dek: String,
    /// The byline.
    pub byline: String,
    /// The dateline.
    pub dateline: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Target length in words.
    pub target_words: u32,
    /// Workflow status.
    pub status: StoryStatus,
    /// Created.
    pub created: Timestamp,
    /// Last changed.
    pub updated: Timestamp,
    /// Editor's notes.
    pub notes: String,
    /// The Markdown body.
    pub body: String,
    /// Named snapshots.
    pub revisions: Vec<Revision>,
}

/// A project as a schema-2 recovery file held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectV2 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettingsV2,
    /// The stories.
    pub stories: Vec<StoryV2>,
}

/// A recovery file, schema 2.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV2 {
    /// Schema version.
    pub schema: u32,
    /// The project folder it recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV2,
}

/// Schema 2 had no photos: a migrated story uses none.
impl From<StoryV2> for Story {
    fn from(old: StoryV2) -> Self {
        Story {
            slug: old.slug,
            section: old.section,
            headline: old.headline,
            dek: old.dek,
            byline: old.byline,
            dateline: old.dateline,
            tags: old.tags,
            target_words: old.target_words,
            plan: Default::default(),
            status: old.status,
            publication: Default::default(),
            publish_at: None,
            created: old.created,
            updated: old.updated,
            notes: old.notes,
            body: old.body,
            photos: Vec::new(),
            checklist: Vec::new(),
            signoffs: Vec::new(),
            activity: Vec::new(),
            suggestions: Vec::new(),
            comments: Vec::new(),
            revisions: old.revisions,
        }
    }
}

impl From<ProjectV2> for Project {
    fn from(old: ProjectV2) -> Self {
        Project {
            name: old.name,
            settings: old.settings.into(),
            stories: old.stories.into_iter().map(Story::from).collect(),
            photos: Vec::new(),
            photo_index: Default::default(),
        }
    }
}
