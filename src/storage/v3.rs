//! Schema 3, frozen: story and recovery files as Copydesk wrote them before
//! the review checklist (schema 4): stories with photos and revisions but
//! no publish time, sign-offs or activity log; and their migration.
//!
//! Never change these types. They are what schema-3 files on disk hold;
//! `tests/fixtures/projects/schema-3/` is an example that must keep loading.

use serde::{Deserialize, Serialize};

use super::v2::ProjectSettingsV2;
use crate::model::{Photo, PhotoUse, Project, Revision, Slug, Story, StoryStatus, Timestamp};

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
    pub photos: Vec<Photo>,
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
            status: old.status,
            publish_at: None,
            created: old.created,
            updated: old.updated,
            notes: old.notes,
            body: old.body,
            photos: old.photos,
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
            photos: old.photos,
        }
    }
}
