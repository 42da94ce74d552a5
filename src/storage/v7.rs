//! Photo schema 1 and recovery schema 7, frozen: photo records as Copydesk
//! wrote them before a caption could hold suggestions (photo schema 2,
//! recovery schema 8), and their migration. Every older recovery file's
//! photo library is of this kind too.
//!
//! Never change these types. They are what those files on disk hold;
//! `tests/fixtures/projects/schema-7/` is an example that must keep
//! loading.

use serde::{Deserialize, Serialize};

use crate::model::{OtherValue, Photo, PhotoId, Project, ProjectSettings, Story, Timestamp, tracked};

/// `photos/<id>.ron`, schema 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct PhotoFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The photo.
    pub photo: PhotoV1,
}

/// A photo as photo schema 1 stored it: a plain caption, no suggestions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoV1 {
    /// Its identity.
    pub id: PhotoId,
    /// The image file's name inside `photos/`.
    pub file: String,
    /// The name of the file it was imported from.
    pub original_name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The caption, plain text.
    pub caption: String,
    /// The photo's headline.
    pub headline: String,
    /// Credit line.
    pub credit: String,
    /// Photographer.
    pub creator: String,
    /// Source.
    pub source: String,
    /// Copyright notice.
    pub copyright: String,
    /// Usage terms.
    pub usage_terms: String,
    /// Usage expiry date.
    pub usage_expires: String,
    /// Alt text.
    pub alt_text: String,
    /// Date created.
    pub date_created: String,
    /// City.
    pub city: String,
    /// Country.
    pub country: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Special instructions.
    pub instructions: String,
    /// People shown.
    pub persons_shown: Vec<String>,
    /// Other values the file carried.
    pub other_values: Vec<OtherValue>,
}

/// A schema-1 caption is plain text: a delimiter in it is escaped, so it
/// stays text and holds no marks.
impl From<PhotoV1> for Photo {
    fn from(old: PhotoV1) -> Self {
        let caption = tracked::escape(&old.caption).into_owned();
        Photo {
            id: old.id,
            file: old.file,
            original_name: old.original_name,
            width: old.width,
            height: old.height,
            caption,
            suggestions: Vec::new(),
            headline: old.headline,
            credit: old.credit,
            creator: old.creator,
            source: old.source,
            copyright: old.copyright,
            usage_terms: old.usage_terms,
            usage_expires: old.usage_expires,
            alt_text: old.alt_text,
            date_created: old.date_created,
            city: old.city,
            country: old.country,
            keywords: old.keywords,
            instructions: old.instructions,
            persons_shown: old.persons_shown,
            other_values: old.other_values,
        }
    }
}

/// A project as a schema-7 recovery file held it: today's settings and
/// stories, schema-1 photos.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectV7 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettings,
    /// The stories.
    pub stories: Vec<Story>,
    /// The photo library.
    pub photos: Vec<PhotoV1>,
}

/// A recovery file, schema 7.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV7 {
    /// Schema version.
    pub schema: u32,
    /// The project folder it recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV7,
}

impl From<ProjectV7> for Project {
    fn from(old: ProjectV7) -> Self {
        Project {
            name: old.name,
            settings: old.settings,
            stories: old.stories,
            photos: old.photos.into_iter().map(Photo::from).collect(),
            photo_index: Default::default(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_old_caption_with_a_delimiter_stays_text() {
        let text = include_str!("../../tests/fixtures/projects/schema-7/photos/5d618765e3fe1540.ron");
        let mut old = ron::from_str::<PhotoFileV1>(text).unwrap().photo;
        old.caption = "Fans hold a {++s1|banner++} sign".to_owned();
        let photo = Photo::from(old);
        assert!(photo.suggestions.is_empty());
        assert_eq!(photo.caption_as_it_stands(), "Fans hold a {++s1|banner++} sign");
        assert!(!photo.has_pending_suggestions());
    }
}
