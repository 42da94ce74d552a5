//! Schema 4, frozen: story and recovery files as Copydesk wrote them before
//! tracked changes and comments (schema 5): stories with the review record
//! (publish time, sign-offs, activity log) but no suggestions or comments,
//! and text fields that were plain text; and their migration.
//!
//! Never change these types. They are what schema-4 files on disk hold;
//! `tests/fixtures/projects/schema-4/` is an example that must keep loading.
//!
//! From schema 5 on, a text field may hold marks (`{++id|…++}`,
//! `{--id|…--}`, `{==id|…==}`, see [`crate::model::tracked`]). A text
//! written before then is plain text even where it happens to contain a
//! delimiter, so the migration escapes the delimiters ([`plain_text`]):
//! the text shows exactly as it did.

use serde::{Deserialize, Serialize};

use super::v3::ProjectSettingsV3;
use crate::model::tracked::{self, Tracked};
use crate::model::{Activity, Photo, PhotoUse, Project, Revision, SignOff, Slug, Story, StoryStatus, Timestamp};

/// `stories/<slug>.ron`, schema 4.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV4 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story, its photos and then its revisions last.
    pub story: StoryV4,
}

/// A story as schema 4 stored it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryV4 {
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
    /// The Markdown body.
    pub body: String,
    /// The photos the story uses.
    pub photos: Vec<PhotoUse>,
    /// Checklist items signed off.
    pub signoffs: Vec<SignOff>,
    /// The review log, oldest first.
    pub activity: Vec<Activity>,
    /// Named snapshots.
    pub revisions: Vec<Revision>,
}

/// A project as a schema-4 recovery file held it (the settings are those
/// of `project.ron` schema 3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectV4 {
    /// The project's name.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettingsV3,
    /// The stories.
    pub stories: Vec<StoryV4>,
    /// The photo library.
    pub photos: Vec<super::v7::PhotoV1>,
}

/// A recovery file, schema 4.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV4 {
    /// Schema version.
    pub schema: u32,
    /// The project folder it recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it.
    pub written: Timestamp,
    /// The project as it was.
    pub project: ProjectV4,
}

/// Schema 4 had no tracked changes: no suggestions, no comments, and its
/// text is plain text (escaped, so a delimiter in it is not read as a mark).
impl From<StoryV4> for Story {
    fn from(old: StoryV4) -> Self {
        plain_text(Story {
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
            publish_at: old.publish_at,
            created: old.created,
            updated: old.updated,
            notes: old.notes,
            body: old.body,
            photos: old.photos,
            checklist: Vec::new(),
            signoffs: old.signoffs,
            activity: old.activity,
            suggestions: Vec::new(),
            comments: Vec::new(),
            revisions: old.revisions,
        })
    }
}

impl From<ProjectV4> for Project {
    fn from(old: ProjectV4) -> Self {
        Project {
            name: old.name,
            settings: old.settings.into(),
            stories: old.stories.into_iter().map(Story::from).collect(),
            photos: old.photos.into_iter().map(Photo::from).collect(),
            photo_index: Default::default(),
        }
    }
}

/// A story read from a file older than schema 5, whose text fields (and
/// its revisions' text fields) are plain text: each delimiter in them is
/// escaped, so the text shows exactly as it was written and none of it is
/// read as a mark. Every schema before 5 migrates through this.
pub(super) fn plain_text(mut story: Story) -> Story {
    for text in [
        &mut story.section,
        &mut story.headline,
        &mut story.dek,
        &mut story.byline,
        &mut story.dateline,
        &mut story.notes,
        &mut story.body,
    ] {
        escape(text);
    }
    for revision in &mut story.revisions {
        for text in [
            &mut revision.section,
            &mut revision.headline,
            &mut revision.dek,
            &mut revision.byline,
            &mut revision.dateline,
            &mut revision.body,
        ] {
            escape(text);
        }
    }
    story
}

/// [`plain_text`] for every story of a project from a recovery file older
/// than schema 5.
pub(super) fn plain_text_project(mut project: Project) -> Project {
    project.stories = project.stories.into_iter().map(plain_text).collect();
    project
}

/// Writes plain `text` as a field's text with no marks: its delimiters
/// escaped. Most texts have none and stay as they are.
fn escape(text: &mut String) {
    *text = tracked::render(&Tracked { shown: std::mem::take(text), marks: Vec::new() });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn old_text_with_delimiters_shows_as_it_was_and_holds_no_marks() {
        let mut story = Story::new(Slug::new("old").unwrap(), Timestamp::EPOCH);
        let literal = "a {++ b, {++s1|not a mark++} and {==c1|nor this==} --} end";
        story.body = literal.to_owned();
        story.notes = "{--x|y--}".to_owned();
        let mut revision = story.snapshot("Filed", "Ana", Timestamp::EPOCH, false);
        revision.headline = "{++s2|old++}".to_owned();
        story.revisions.push(revision);
        let story = plain_text(story);
        for text in [story.body.as_str(), story.notes.as_str(), story.revisions[0].headline.as_str()] {
            let read = tracked::parse(text);
            assert!(read.marks.is_empty(), "{text:?}");
            assert_eq!(tracked::as_it_stands(text), read.shown);
        }
        assert_eq!(tracked::parse(&story.body).shown, literal);
        assert_eq!(tracked::parse(&story.notes).shown, "{--x|y--}");
        assert_eq!(tracked::parse(&story.revisions[0].headline).shown, "{++s2|old++}");
    }

    #[test]
    fn old_text_without_delimiters_is_untouched() {
        let mut story = Story::new(Slug::new("old").unwrap(), Timestamp::EPOCH);
        story.body = "Plain “text” — with {braces}, ++ and -- and ==.".to_owned();
        assert_eq!(plain_text(story.clone()), story);
    }
}
