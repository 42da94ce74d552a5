//! Story templates: the desk's patterns for recurring stories (an
//! obituary, a match report, a council meeting) — section, tags, target
//! length, checklist items of their own and a skeleton of headline, dek
//! and body. They live in the project's settings, so they are saved in
//! `project.ron` and sync, merge and undo with it.

use serde::{Deserialize, Serialize};

use super::{ChecklistItem, ProjectSettings, Slug, Story, Timestamp, tracked};

/// A pattern a new story starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// What the desk calls it ("Obituary"); unique in the project.
    pub name: String,
    /// Section path.
    pub section: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The length budgeted, in words.
    pub target_words: u32,
    /// Checklist items a story from it must also have signed off, besides
    /// the project's.
    pub checklist: Vec<ChecklistItem>,
    /// The skeleton's headline.
    pub headline: String,
    /// The skeleton's dek.
    pub dek: String,
    /// The skeleton's body (Markdown).
    pub body: String,
}

impl Template {
    /// A template named `name` with what `story` has that recurs: its
    /// section, tags, target, own checklist items and text as it stands
    /// (no pending suggestions, no comments).
    pub fn from_story(name: &str, story: &Story) -> Template {
        let plain = |text: &str| tracked::escape(&tracked::as_it_stands(text)).into_owned();
        Template {
            name: name.trim().to_owned(),
            section: story.section.clone(),
            tags: story.tags.clone(),
            target_words: story.target_words,
            checklist: story.checklist.clone(),
            headline: plain(&story.headline),
            dek: plain(&story.dek),
            body: plain(&story.body),
        }
    }

    /// A new draft `slug` made from this template at `now`.
    pub fn new_story(&self, slug: Slug, now: Timestamp) -> Story {
        let mut story = Story::new(slug, now);
        story.section = self.section.clone();
        story.tags = self.tags.clone();
        story.target_words = self.target_words;
        story.checklist = self.checklist.clone();
        story.headline = self.headline.clone();
        story.dek = self.dek.clone();
        story.body = self.body.clone();
        story
    }
}

impl ProjectSettings {
    /// The template called `name` (ignoring case and surrounding space).
    pub fn template(&self, name: &str) -> Option<&Template> {
        self.templates.iter().find(|template| template.name.trim().eq_ignore_ascii_case(name.trim()))
    }
}

impl Story {
    /// The checklist this story is signed off against: the project's
    /// items, then its own (from its template) whose ids the project does
    /// not use.
    pub fn checklist_items<'a>(&'a self, settings: &'a ProjectSettings) -> impl Iterator<Item = &'a ChecklistItem> {
        let own = self.checklist.iter().filter(|item| settings.checklist.iter().all(|known| known.id != item.id));
        settings.checklist.iter().chain(own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckLevel, Covered};

    #[test]
    fn a_story_saved_as_a_template_gives_new_stories_its_pattern_and_checklist() {
        let mut story = Story::new(Slug::new("obit-smith").unwrap_or_else(|_| unreachable!()), Timestamp::EPOCH);
        story.section = "News / Obituaries".into();
        story.tags = vec!["obituary".into()];
        story.target_words = 450;
        story.headline = "NAME, {++s1|beloved ++}ROLE, dies at AGE".into();
        story.body = "NAME died on DAY at PLACE.\n\nSurvived by …".into();
        story.checklist = vec![ChecklistItem {
            id: "family-confirmed".into(),
            label: "Family confirmed the death".into(),
            level: CheckLevel::Required,
            covers: vec![Covered::Body],
        }];
        let template = Template::from_story(" Obituary ", &story);
        assert_eq!(template.name, "Obituary");
        assert_eq!(template.headline, "NAME, ROLE, dies at AGE", "pending suggestions are not part of it");

        let made = template.new_story(Slug::new("obit-jones").unwrap_or_else(|_| unreachable!()), Timestamp::EPOCH);
        assert_eq!((made.section.as_str(), made.target_words), ("News / Obituaries", 450));
        assert_eq!(made.body, story.body);
        assert!(made.suggestions.is_empty() && made.signoffs.is_empty());

        let settings = ProjectSettings { templates: vec![template], ..ProjectSettings::default() };
        assert!(settings.template("obituary").is_some());
        let ids: Vec<&str> = made.checklist_items(&settings).map(|item| item.id.as_str()).collect();
        assert_eq!(ids.last(), Some(&"family-confirmed"), "the project's items, then the template's: {ids:?}");
        assert_eq!(ids.len(), settings.checklist.len() + 1);
    }
}
