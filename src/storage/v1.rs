//! Schema 1, frozen: the file types Copydesk wrote before story revisions
//! and the desk's headline, dek and dictionary settings (schema 2), and
//! their migration to the current model.
//!
//! Never change these types. They are what schema-1 files on disk hold;
//! `tests/fixtures/projects/schema-1/` is an example that must keep loading.

use serde::{Deserialize, Serialize};

use crate::model::{Project, ProjectSettings, Slug, Story, StoryStatus, Timestamp};

/// `project.ron`, schema 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project's name.
    pub name: String,
    /// Slugs in the desk's order.
    pub story_order: Vec<Slug>,
    /// Shared settings.
    #[serde(default)]
    pub settings: ProjectSettingsV1,
}

/// The project settings of schema 1. Missing fields took these defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectSettingsV1 {
    /// The length a new story is budgeted at, in words.
    pub default_target_words: u32,
    /// The language stories are written in, as a BCP 47 tag.
    pub language: String,
}

impl Default for ProjectSettingsV1 {
    fn default() -> Self {
        ProjectSettingsV1 { default_target_words: 600, language: "en-US".to_owned() }
    }
}

/// `stories/<slug>.ron`, schema 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story.
    pub story: StoryV1,
}

/// A story as schema 1 stored it: no revisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryV1 {
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
    /// Budgeted length, in words.
    pub target_words: u32,
    /// Workflow status.
    pub status: StoryStatus,
    /// When the story was created.
    pub created: Timestamp,
    /// When the story last changed.
    pub updated: Timestamp,
    /// Editor's notes.
    pub notes: String,
    /// The body as Markdown.
    pub body: String,
}

/// A project as a schema-1 recovery file embedded it.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectV1 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettingsV1,
    /// The stories, in the desk's order.
    pub stories: Vec<StoryV1>,
}

/// A recovery file, schema 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project folder this recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV1,
}

/// Schema 1 had no limits or dictionary: they take today's defaults.
impl From<ProjectSettingsV1> for ProjectSettings {
    fn from(old: ProjectSettingsV1) -> Self {
        ProjectSettings { default_target_words: old.default_target_words, language: old.language, ..Default::default() }
    }
}

/// Schema 1 had no revisions: a migrated story has none.
impl From<StoryV1> for Story {
    fn from(old: StoryV1) -> Self {
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
            revisions: Vec::new(),
        }
    }
}

impl From<ProjectV1> for Project {
    fn from(old: ProjectV1) -> Self {
        Project {
            name: old.name,
            settings: old.settings.into(),
            stories: old.stories.into_iter().map(Story::from).collect(),
            photos: Vec::new(),
            photo_index: Default::default(),
        }
    }
}
