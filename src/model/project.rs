//! A project: the desk's stories and the settings they share.

use serde::{Deserialize, Serialize};

use super::{Slug, Story};

/// Settings every story in a project shares. Later features (checklist
/// template, house style, dictionary) add fields here with defaults, so older
/// project files still load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectSettings {
    /// The length a new story is budgeted at, in words.
    pub default_target_words: u32,
    /// The language stories are written in, as a BCP 47 tag (`en-US`).
    pub language: String,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings { default_target_words: 600, language: "en-US".to_owned() }
    }
}

/// A project in memory: its name, settings and stories in the desk's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's name, shown in the title bar.
    pub name: String,
    /// Shared settings.
    pub settings: ProjectSettings,
    /// The stories, in the desk's order.
    pub stories: Vec<Story>,
}

impl Project {
    /// An empty project called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Project { name: name.into(), settings: ProjectSettings::default(), stories: Vec::new() }
    }

    /// The position of the story with `slug`, if there is one.
    pub fn index_of(&self, slug: &Slug) -> Option<usize> {
        self.stories.iter().position(|s| &s.slug == slug)
    }

    /// The story with `slug`, if there is one.
    pub fn story(&self, slug: &Slug) -> Option<&Story> {
        self.stories.iter().find(|s| &s.slug == slug)
    }

    /// The story with `slug`, for changing it.
    pub fn story_mut(&mut self, slug: &Slug) -> Option<&mut Story> {
        self.stories.iter_mut().find(|s| &s.slug == slug)
    }

    /// A slug not yet used in this project, based on `base`.
    pub fn free_slug(&self, base: &Slug) -> Slug {
        Slug::unique(base, |candidate| self.story(candidate).is_some())
    }
}
