//! A project: the desk's stories and the settings they share.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::{CheckLevel, ChecklistItem, Photo, PhotoId, Slug, Story, StyleEntry};

/// Settings every story in a project shares, saved in `project.ron`.
/// Adding, renaming or removing a field is a schema change: bump
/// `storage::PROJECT_SCHEMA` and keep a frozen copy of the old shape in
/// storage to migrate older files from (schema 1 had only
/// `default_target_words` and `language`; schema 2 added the limits and the
/// dictionary; schema 3 the checklist, check levels, house style and media
/// base URL; schema 4 the names; schema 5 the correction wording and the templates; missing
/// parts take [`Default`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectSettings {
    /// The length a new story is budgeted at, in words.
    pub default_target_words: u32,
    /// The longest headline the desk accepts, in characters (0: no limit).
    pub headline_max_chars: u32,
    /// The longest dek the desk accepts, in characters (0: no limit).
    pub dek_max_chars: u32,
    /// The language stories are written in, as a BCP 47 tag (`en-US`,
    /// `en-GB`); spelling follows it.
    pub language: String,
    /// Words every check accepts as spelled right: names and places the
    /// desk uses (Soleimani, Muhandis, Qayara). Kept sorted.
    pub dictionary: Vec<String>,
    /// Proper nouns the desk's stories use — people, places, bodies,
    /// acronyms (Soleimani, Qayara, IRGC): accepted by spelling, and what
    /// the name-consistency check reads names against. Kept sorted.
    pub names: Vec<String>,
    /// The manual items editors sign off before a story is ready.
    pub checklist: Vec<ChecklistItem>,
    /// Automatic checks set to another level than their default, by rule id
    /// (`placeholder: Required`, `double-space: Off`).
    pub check_levels: BTreeMap<String, CheckLevel>,
    /// Words and phrases the desk avoids, with what it writes instead.
    pub house_style: Vec<StyleEntry>,
    /// Where exported pictures will be published
    /// (`https://media.example.com/stories/`): ninjs renditions link there.
    /// Empty: they link relative to the export folder.
    pub media_base_url: String,
    /// How a correction note reads when it is appended to a story:
    /// `{date}` is the day it is made, `{note}` what the editor wrote.
    pub correction_wording: String,
    /// The desk's story templates, by name.
    pub templates: Vec<super::Template>,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            default_target_words: 600,
            headline_max_chars: 90,
            dek_max_chars: 200,
            language: "en-US".to_owned(),
            dictionary: Vec::new(),
            names: Vec::new(),
            checklist: ChecklistItem::defaults(),
            check_levels: BTreeMap::new(),
            house_style: Vec::new(),
            media_base_url: String::new(),
            correction_wording: super::DEFAULT_CORRECTION_WORDING.to_owned(),
            templates: Vec::new(),
        }
    }
}

impl ProjectSettings {
    /// The words spelling accepts as spelled right: the dictionary, then
    /// the names.
    pub fn accepted_words(&self) -> impl Iterator<Item = &String> + Clone {
        self.dictionary.iter().chain(&self.names)
    }
}

/// How a length compares with its limit or target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LengthVerdict {
    /// No limit is set.
    NoLimit,
    /// Within the limit: this many to spare.
    Under(usize),
    /// Over the limit by this many.
    Over(usize),
}

impl LengthVerdict {
    /// Compares `count` with `limit` (0 means no limit).
    pub fn of(count: usize, limit: u32) -> Self {
        let limit = limit as usize;
        match limit {
            0 => LengthVerdict::NoLimit,
            _ if count > limit => LengthVerdict::Over(count - limit),
            _ => LengthVerdict::Under(limit - count),
        }
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
    /// The photo library, by id order; stories refer to these.
    pub photos: Vec<Photo>,
    /// Where each photo is in `photos`, for [`Project::photo`]: not part of
    /// the project's value (never saved, compared or cloned).
    #[serde(skip)]
    pub photo_index: PhotoIndex,
}

/// Where each photo of a project's library is, by id, so looking one up in
/// 2,000 does not compare 2,000 ids (a frame looks up a story's photos
/// several times). Built on the first look-up and checked on every one: a
/// place that no longer holds the id, or an id it does not know, is looked
/// for in the library and the index built again, so `photos` may change
/// in any way without telling it.
#[derive(Default)]
pub struct PhotoIndex(
    std::sync::RwLock<Option<std::collections::HashMap<PhotoId, usize, foldhash::fast::RandomState>>>,
);

impl PhotoIndex {
    /// Where `id` was when the index was built.
    fn place(&self, id: &PhotoId) -> Option<usize> {
        let index = self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        index.as_ref()?.get(id).copied()
    }

    /// Builds the index of `photos` again (the first of a repeated id wins,
    /// as a search finds it).
    fn rebuild(&self, photos: &[Photo]) {
        let mut places = std::collections::HashMap::with_capacity_and_hasher(photos.len(), Default::default());
        for (at, photo) in photos.iter().enumerate() {
            places.entry(photo.id.clone()).or_insert(at);
        }
        *self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(places);
    }
}

impl Clone for PhotoIndex {
    fn clone(&self) -> Self {
        PhotoIndex::default()
    }
}

impl PartialEq for PhotoIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for PhotoIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PhotoIndex")
    }
}

impl Project {
    /// An empty project called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Project {
            name: name.into(),
            settings: ProjectSettings::default(),
            stories: Vec::new(),
            photos: Vec::new(),
            photo_index: PhotoIndex::default(),
        }
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

    /// The photo with `id`, if the library has it.
    pub fn photo(&self, id: &PhotoId) -> Option<&Photo> {
        if let Some(photo) = self.photo_index.place(id).and_then(|at| self.photos.get(at))
            && &photo.id == id
        {
            return Some(photo);
        }
        let at = self.photos.iter().position(|photo| &photo.id == id)?;
        self.photo_index.rebuild(&self.photos);
        self.photos.get(at)
    }

    /// The photo with `id`, for changing it.
    pub fn photo_mut(&mut self, id: &PhotoId) -> Option<&mut Photo> {
        self.photos.iter_mut().find(|photo| &photo.id == id)
    }

    /// A slug not yet used in this project, based on `base`.
    pub fn free_slug(&self, base: &Slug) -> Slug {
        Slug::unique(base, |candidate| self.story(candidate).is_some())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn photo(n: usize) -> Photo {
        let id = PhotoId::from_hex(&format!("{n:016x}")).unwrap();
        Photo::new(id, format!("photos/{n}.jpg"), format!("{n}.jpg"), 10, 10)
    }

    fn found(project: &Project, n: usize) -> Option<String> {
        project.photo(&photo(n).id).map(|found| found.file.clone())
    }

    #[test]
    fn a_photo_is_found_by_id_whatever_the_library_went_through() {
        let mut project = Project::new("Desk");
        project.photos = (0..50).map(photo).collect();
        assert_eq!(found(&project, 7).as_deref(), Some("photos/7.jpg"));
        assert_eq!(found(&project, 99), None);
        // Removed from the middle: the places after it moved.
        project.photos.remove(3);
        assert_eq!(found(&project, 3), None);
        assert_eq!(found(&project, 7).as_deref(), Some("photos/7.jpg"));
        // Added, and replaced in place by another photo.
        project.photos.push(photo(60));
        assert_eq!(found(&project, 60).as_deref(), Some("photos/60.jpg"));
        project.photos[0] = photo(61);
        assert_eq!(found(&project, 61).as_deref(), Some("photos/61.jpg"));
        assert_eq!(found(&project, 0), None);
        // A repeated id: the first, as a search finds it.
        let mut second = photo(7);
        second.file = "photos/7-again.jpg".to_owned();
        project.photos.insert(0, second);
        assert_eq!(found(&project, 7).as_deref(), Some("photos/7-again.jpg"));
        // A clone and a comparison ignore the index.
        let copy = project.clone();
        assert_eq!(copy, project);
        assert_eq!(found(&copy, 7).as_deref(), Some("photos/7-again.jpg"));
    }
}
