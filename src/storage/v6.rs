//! Story schema 5, `project.ron` schema 4 and recovery schema 6, frozen:
//! files as Copydesk wrote them before a story's plan (assignee, editor,
//! deadline, priority), publication record (embargo, version,
//! corrections, withdrawal) and checklist items of its own, and the
//! settings' correction wording and templates (story schema 6,
//! `project.ron` schema 5, recovery schema 7); and their migration.
//!
//! Never change these types. They are what those files on disk hold;
//! `tests/fixtures/projects/schema-6/` is an example that must keep
//! loading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    Activity, CheckLevel, ChecklistItem, Comment, Photo, PhotoUse, Project, ProjectSettings, Revision, SignOff, Slug,
    Story, StoryStatus, StyleEntry, Suggestion, Timestamp,
};

/// `stories/<slug>.ron`, schema 5.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV5 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story.
    pub story: StoryV5,
}

/// A story as schema 5 stored it: tracked changes and comments, no plan
/// and no publication record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryV5 {
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
    /// When the desk planned to publish it.
    pub publish_at: Option<Timestamp>,
    /// Created.
    pub created: Timestamp,
    /// Last changed.
    pub updated: Timestamp,
    /// Editor's notes.
    pub notes: String,
    /// The Markdown body, with marks.
    pub body: String,
    /// The photos the story uses.
    pub photos: Vec<PhotoUse>,
    /// Checklist items signed off.
    pub signoffs: Vec<SignOff>,
    /// The review log, oldest first.
    pub activity: Vec<Activity>,
    /// Who made each pending suggestion.
    pub suggestions: Vec<Suggestion>,
    /// Comment threads.
    pub comments: Vec<Comment>,
    /// Named snapshots.
    pub revisions: Vec<Revision>,
}

/// Schema 5 had no plan and no publication record: a migrated story has
/// nobody assigned, no deadline, normal priority, no embargo and is at
/// version 1.
impl From<StoryV5> for Story {
    fn from(old: StoryV5) -> Self {
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
            publish_at: old.publish_at,
            publication: Default::default(),
            created: old.created,
            updated: old.updated,
            notes: old.notes,
            body: old.body,
            photos: old.photos,
            checklist: Vec::new(),
            signoffs: old.signoffs,
            activity: old.activity,
            suggestions: old.suggestions,
            comments: old.comments,
            revisions: old.revisions,
        }
    }
}

/// `project.ron`, schema 4.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFileV4 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project's name.
    pub name: String,
    /// Slugs in the desk's order.
    pub story_order: Vec<Slug>,
    /// Shared settings.
    pub settings: ProjectSettingsV4,
}

/// Project settings of schema 4: schema 3's and the names list; no
/// correction wording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectSettingsV4 {
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
    /// The names list.
    pub names: Vec<String>,
    /// The manual checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Rules set away from their default level, by id.
    pub check_levels: BTreeMap<String, CheckLevel>,
    /// The house style list.
    pub house_style: Vec<StyleEntry>,
    /// Where exported pictures will be published.
    pub media_base_url: String,
}

/// Schema 4 had no correction wording and no templates: a migrated project
/// gets the default wording and none.
impl From<ProjectSettingsV4> for ProjectSettings {
    fn from(old: ProjectSettingsV4) -> Self {
        ProjectSettings {
            default_target_words: old.default_target_words,
            headline_max_chars: old.headline_max_chars,
            dek_max_chars: old.dek_max_chars,
            language: old.language,
            dictionary: old.dictionary,
            names: old.names,
            checklist: old.checklist,
            check_levels: old.check_levels,
            house_style: old.house_style,
            media_base_url: old.media_base_url,
            correction_wording: crate::model::DEFAULT_CORRECTION_WORDING.to_owned(),
            templates: Vec::new(),
        }
    }
}

/// A project as a schema-6 recovery file held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectV6 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettingsV4,
    /// The stories.
    pub stories: Vec<StoryV5>,
    /// The photo library.
    pub photos: Vec<super::v7::PhotoV1>,
}

/// A recovery file, schema 6.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV6 {
    /// Schema version.
    pub schema: u32,
    /// The project folder it recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV6,
}

impl From<ProjectV6> for Project {
    fn from(old: ProjectV6) -> Self {
        Project {
            name: old.name,
            settings: old.settings.into(),
            stories: old.stories.into_iter().map(Story::from).collect(),
            photos: old.photos.into_iter().map(Photo::from).collect(),
            photo_index: Default::default(),
        }
    }
}
