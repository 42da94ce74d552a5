//! Recovery schema 5, frozen: recovery files as Copydesk wrote them before
//! the project's names list (recovery schema 6, `project.ron` schema 4):
//! stories of schema 5 ([`super::v6::StoryV5`]) with the settings of
//! `project.ron` schema 3; and their migration.
//!
//! Never change these types. They are what schema-5 recovery files on disk
//! hold.

use serde::{Deserialize, Serialize};

use super::v3::ProjectSettingsV3;
use super::v6::StoryV5;
use crate::model::{Photo, Project, Story, Timestamp};

/// A project as a schema-5 recovery file held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectV5 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettingsV3,
    /// The stories.
    pub stories: Vec<StoryV5>,
    /// The photo library.
    pub photos: Vec<super::v7::PhotoV1>,
}

/// A recovery file, schema 5.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV5 {
    /// Schema version.
    pub schema: u32,
    /// The project folder it recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV5,
}

/// Schema 5 had no names list: the settings migrate with none; the
/// stories as schema-5 stories do.
impl From<ProjectV5> for Project {
    fn from(old: ProjectV5) -> Self {
        Project {
            name: old.name,
            settings: old.settings.into(),
            stories: old.stories.into_iter().map(Story::from).collect(),
            photos: old.photos.into_iter().map(Photo::from).collect(),
            photo_index: Default::default(),
        }
    }
}
