//! Makes a new story of imported copy.

use super::ImportedCopy;
use crate::model::tracked;
use crate::model::{Project, Slug, Story, Timestamp};

/// A new draft story in `project` holding `copy`, its suggestions and
/// comments, with a free slug made from its headline as it stands and the
/// project's default target length.
pub fn into_story(project: &Project, copy: ImportedCopy, now: Timestamp) -> Story {
    let slug = project.free_slug(&Slug::from_title(&tracked::as_it_stands(&copy.headline)));
    let mut story = Story::new(slug, now);
    story.headline = copy.headline;
    story.body = copy.body;
    story.suggestions = copy.suggestions;
    story.comments = copy.comments;
    story.target_words = project.settings.default_target_words;
    story
}
