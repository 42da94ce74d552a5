//! Schema 3, frozen: story and recovery files as Copydesk wrote them before
//! the review checklist (schema 4): stories with photos and revisions but
//! no publish time, sign-offs or activity log; `project.ron` of schema 3,
//! which brought the checklist and stayed current through story schemas 4
//! and 5, until the names list (project schema 4); and their migration.
//!
//! Never change these types. They are what schema-3 files on disk hold;
//! `tests/fixtures/projects/schema-3/` is an example that must keep loading
//! (and `schema-4/` and `schema-5/` hold schema-3 `project.ron`s).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::v2::ProjectSettingsV2;
use crate::model::{
    CheckLevel, ChecklistItem, Photo, PhotoUse, Project, ProjectSettings, Revision, Slug, Story, StoryStatus,
    StyleEntry, Timestamp,
};

/// `project.ron`, schema 3 (project files stayed at schema 3 while story
/// files moved to 4 and 5).
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFileV3 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project's name.
    pub name: String,
    /// Slugs in the desk's order.
    pub story_order: Vec<Slug>,
    /// Shared settings.
    pub settings: ProjectSettingsV3,
}

/// Project settings of schema 3: limits, the dictionary, the checklist,
/// check levels, house style and media base URL; no names list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectSettingsV3 {
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
    /// The manual checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Rules set away from their default level, by id.
    pub check_levels: BTreeMap<String, CheckLevel>,
    /// The house style list.
    pub house_style: Vec<StyleEntry>,
    /// Where exported pictures will be published.
    pub media_base_url: String,
}

/// Schema 3 had no names list: a migrated project has none.
impl From<ProjectSettingsV3> for ProjectSettings {
    fn from(old: ProjectSettingsV3) -> Self {
        ProjectSettings {
            default_target_words: old.default_target_words,
            headline_max_chars: old.headline_max_chars,
            dek_max_chars: old.dek_max_chars,
            language: old.language,
            dictionary: old.dictionary,
            names: Vec::new(),
            checklist: old.checklist,
            check_levels: old.check_levels,
            house_style: old.house_style,
            media_base_url: old.media_base_url,
            correction_wording: crate::model::DEFAULT_CORRECTION_WORDING.to_owned(),
            templates: Vec::new(),
        }
    }
}

/// `stories/<slug>.ron`, schema 3.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV3 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story.
    pub story: StoryV3,
}

/// A story as schema 3 stored it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryV3 {
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
    /// The photos the story uses.
    pub photos: Vec<PhotoUse>,
    /// Named snapshots.
    pub revisions: Vec<Revision>,
}

/// A project as a schema-3 recovery file held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectV3 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettingsV2,
    /// The stories.
    pub stories: Vec<StoryV3>,
    /// The photo library.
    pub photos: Vec<super::v7::PhotoV1>,
}

/// A recovery file, schema 3.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV3 {
    /// Schema version.
    pub schema: u32,
    /// The project folder it recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV3,
}

/// Schema 3 had no review data: no publish time, sign-offs or log.
impl From<StoryV3> for Story {
    fn from(old: StoryV3) -> Self {
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
            photos: old.photos,
            checklist: Vec::new(),
            signoffs: Vec::new(),
            activity: Vec::new(),
            suggestions: Vec::new(),
            comments: Vec::new(),
            revisions: old.revisions,
        }
    }
}

impl From<ProjectV3> for Project {
    fn from(old: ProjectV3) -> Self {
        Project {
            name: old.name,
            settings: old.settings.into(),
            stories: old.stories.into_iter().map(Story::from).collect(),
            photos: old.photos.into_iter().map(Photo::from).collect(),
            photo_index: Default::default(),
        }
    }
}
