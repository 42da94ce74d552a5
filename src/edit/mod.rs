//! Edits as data: every change to a project is an [`Edit`] value that can be
//! applied, and applying one returns the edit that undoes it.
//!
//! [`History`] keeps those inverses for undo and redo and knows whether the
//! project differs from what was last saved.

mod history;
mod photos;
mod review;
mod revisions;
mod tracking;

pub use history::{History, Revision};
pub use photos::{attach_photos, change_photo_use, move_photo, set_lead_photo};
pub use review::{override_ready, sign_off, withdraw_sign_off};
pub use revisions::{restore_revision, status_change, status_change_name, status_change_noting};
pub use tracking::{
    TRACKED_FIELDS, add_comment, reply_to_comment, resolve_caption_suggestions, resolve_suggestions,
    set_comment_resolved, typed, typed_caption,
};

use crate::model::{Project, Slug, Story, StoryStatus, TextField, Timestamp};

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace the text of one field of a story.
    SetText {
        /// Which story.
        story: Slug,
        /// Which field.
        field: TextField,
        /// The new text.
        text: String,
    },
    /// Replace a story's tags.
    SetTags {
        /// Which story.
        story: Slug,
        /// The new tags.
        tags: Vec<String>,
    },
    /// Change a story's target length.
    SetTargetWords {
        /// Which story.
        story: Slug,
        /// The new target, in words.
        words: u32,
    },
    /// Move a story to another workflow status.
    SetStatus {
        /// Which story.
        story: Slug,
        /// The new status.
        status: StoryStatus,
    },
    /// Put a story into the project at `index` (clamped to the end).
    InsertStory {
        /// Where in the desk's order.
        index: usize,
        /// The story.
        story: Box<Story>,
    },
    /// Take a story out of the project.
    RemoveStory {
        /// Which story.
        story: Slug,
    },
    /// Give a story a new slug.
    RenameStory {
        /// Which story.
        story: Slug,
        /// Its new slug.
        to: Slug,
    },
    /// Set a story's last-changed time; carried inside other edits so undo
    /// restores it too.
    SetUpdated {
        /// Which story.
        story: Slug,
        /// The time.
        at: Timestamp,
    },
    /// Replace the project's settings.
    SetSettings(Box<crate::model::ProjectSettings>),
    /// Add a named snapshot to a story, in number order. Refused when the
    /// story already has a revision with that number.
    AddRevision {
        /// Which story.
        story: Slug,
        /// The snapshot; build it with [`Story::snapshot`].
        revision: Box<crate::model::Revision>,
    },
    /// Take a snapshot out of a story.
    RemoveRevision {
        /// Which story.
        story: Slug,
        /// The revision's number.
        number: u32,
    },
    /// Put a photo into the project's library, or replace the one with its
    /// id (its caption and rights changed).
    SetPhoto(Box<crate::model::Photo>),
    /// Take a photo out of the library (no story may still use it).
    RemovePhoto {
        /// Which photo.
        photo: crate::model::PhotoId,
    },
    /// Replace the photos a story uses: attach, detach, reorder, choose the
    /// lead photo, crop.
    SetPhotoUses {
        /// Which story.
        story: Slug,
        /// Its photos, in order.
        uses: Vec<crate::model::PhotoUse>,
    },
    /// Replace a story's review record: its sign-offs and activity log.
    SetReview {
        /// Which story.
        story: Slug,
        /// The sign-offs.
        signoffs: Vec<crate::model::SignOff>,
        /// The activity log, oldest first.
        activity: Vec<crate::model::Activity>,
    },
    /// Replace who made a story's suggestions and its comment threads
    /// (their marks are in the text, changed with `SetText`).
    SetTracking {
        /// Which story.
        story: Slug,
        /// Authors and times of the suggestions.
        suggestions: Vec<crate::model::Suggestion>,
        /// The comment threads.
        comments: Vec<crate::model::Comment>,
    },
    /// Plan (or unplan) when a story is published.
    SetPublishAt {
        /// Which story.
        story: Slug,
        /// The planned time.
        at: Option<Timestamp>,
    },
    /// Replace who has a story and when it is due.
    SetPlan {
        /// Which story.
        story: Slug,
        /// The new plan.
        plan: crate::model::Plan,
    },
    /// Replace a story's publication record (embargo, version,
    /// corrections, withdrawal).
    SetPublication {
        /// Which story.
        story: Slug,
        /// The new record.
        publication: Box<crate::model::Publication>,
    },
    /// Replace a story whole with another version of it (the same slug):
    /// the version in its file after a colleague's save or a git pull.
    ReplaceStory(Box<Story>),
    /// Put the stories in this order (the desk's order in `project.ron`,
    /// as a merge left it); stories it does not name keep their order
    /// after the ones it does.
    SetStoryOrder(Vec<Slug>),
    /// Several edits applied in order and undone as one.
    Batch(Vec<Edit>),
}

/// A part of a project an edit changes: what caches and checks of that part
/// must be made again, and what a story lock guards.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// One story's content (text, status, photo uses, review, revisions).
    Story(Slug),
    /// The order of the stories (a story added, removed or renamed).
    StoryOrder,
    /// The project's settings.
    Settings,
    /// One photo of the library.
    Photo(crate::model::PhotoId),
}

/// Why an edit could not be applied. The project is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names a story the project does not have.
    #[error("there is no story with the slug “{0}”")]
    NoSuchStory(Slug),
    /// The slug is already used by another story.
    #[error("the slug “{0}” is already used by another story")]
    SlugTaken(Slug),
    /// The story has no revision with that number.
    #[error("the story “{story}” has no revision {number}")]
    NoSuchRevision {
        /// Which story.
        story: Slug,
        /// The missing number.
        number: u32,
    },
    /// The story already has a revision with that number.
    #[error("the story “{story}” already has a revision {number}")]
    RevisionTaken {
        /// Which story.
        story: Slug,
        /// The number in use.
        number: u32,
    },
    /// The library has no photo with that id.
    #[error("there is no photo {0} in the project")]
    NoSuchPhoto(crate::model::PhotoId),
    /// A story still uses the photo that was to be removed.
    #[error("the story “{story}” still uses photo {photo}")]
    PhotoInUse {
        /// The story using it.
        story: Slug,
        /// The photo.
        photo: crate::model::PhotoId,
    },
}

impl Edit {
    /// The story this edit changes, when it changes exactly one.
    pub fn story(&self) -> Option<&Slug> {
        match self {
            Edit::SetText { story, .. }
            | Edit::SetTags { story, .. }
            | Edit::SetTargetWords { story, .. }
            | Edit::SetStatus { story, .. }
            | Edit::RemoveStory { story }
            | Edit::RenameStory { story, .. }
            | Edit::SetUpdated { story, .. }
            | Edit::AddRevision { story, .. }
            | Edit::RemoveRevision { story, .. }
            | Edit::SetPhotoUses { story, .. }
            | Edit::SetReview { story, .. }
            | Edit::SetTracking { story, .. }
            | Edit::SetPublishAt { story, .. }
            | Edit::SetPlan { story, .. }
            | Edit::SetPublication { story, .. } => Some(story),
            Edit::InsertStory { story, .. } => Some(&story.slug),
            Edit::ReplaceStory(story) => Some(&story.slug),
            Edit::SetSettings(_)
            | Edit::SetStoryOrder(_)
            | Edit::SetPhoto(_)
            | Edit::RemovePhoto { .. }
            | Edit::Batch(_) => None,
        }
    }

    /// Every part of a project this edit changes, each once, in the order
    /// the edit first touches them. A renamed story touches both slugs.
    pub fn parts(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        self.collect_parts(&mut parts);
        parts
    }

    /// The stories that exist before this edit and that it changes or
    /// removes: what a story lock must allow. A story the edit creates is
    /// not among them (nobody can hold a story that does not exist yet).
    pub fn existing_stories_changed(&self) -> Vec<&Slug> {
        let mut stories = Vec::new();
        self.collect_existing_stories(&mut stories);
        stories.dedup();
        stories
    }

    /// The stories whose copy this edit changes — text other than the
    /// editor's notes, tags, length, photos, suggestions and comments, the
    /// slug — without also changing their status: what a published story
    /// refuses until it is reopened (reopening changes the status in the
    /// same step).
    pub fn copy_changed_without_status(&self) -> Vec<&Slug> {
        let mut copy = Vec::new();
        let mut status = Vec::new();
        self.collect_copy_and_status(&mut copy, &mut status);
        copy.retain(|story| !status.contains(story));
        copy.dedup();
        copy
    }

    fn collect_copy_and_status<'a>(&'a self, copy: &mut Vec<&'a Slug>, status: &mut Vec<&'a Slug>) {
        match self {
            Edit::Batch(edits) => edits.iter().for_each(|edit| edit.collect_copy_and_status(copy, status)),
            Edit::SetStatus { story, .. } => status.push(story),
            Edit::SetText { field: TextField::Notes, .. } => {}
            Edit::SetText { story, .. }
            | Edit::SetTags { story, .. }
            | Edit::SetTargetWords { story, .. }
            | Edit::SetPhotoUses { story, .. }
            | Edit::SetTracking { story, .. }
            | Edit::RenameStory { story, .. } => copy.push(story),
            _ => {}
        }
    }

    fn collect_existing_stories<'a>(&'a self, out: &mut Vec<&'a Slug>) {
        match self {
            Edit::Batch(edits) => edits.iter().for_each(|edit| edit.collect_existing_stories(out)),
            Edit::InsertStory { .. } | Edit::SetSettings(_) | Edit::SetPhoto(_) | Edit::RemovePhoto { .. } => {}
            other => {
                if let Some(story) = other.story()
                    && !out.contains(&story)
                {
                    out.push(story);
                }
            }
        }
    }

    fn collect_parts(&self, out: &mut Vec<Part>) {
        let parts = match self {
            Edit::Batch(edits) => {
                edits.iter().for_each(|edit| edit.collect_parts(out));
                return;
            }
            Edit::SetSettings(_) => vec![Part::Settings],
            Edit::SetStoryOrder(_) => vec![Part::StoryOrder],
            Edit::SetPhoto(photo) => vec![Part::Photo(photo.id.clone())],
            Edit::RemovePhoto { photo } => vec![Part::Photo(photo.clone())],
            Edit::RenameStory { story, to } => {
                vec![Part::Story(story.clone()), Part::Story(to.clone()), Part::StoryOrder]
            }
            Edit::InsertStory { story, .. } => vec![Part::Story(story.slug.clone()), Part::StoryOrder],
            Edit::RemoveStory { story } => vec![Part::Story(story.clone()), Part::StoryOrder],
            other => other.story().map(|story| Part::Story(story.clone())).into_iter().collect(),
        };
        for part in parts {
            if !out.contains(&part) {
                out.push(part);
            }
        }
    }

    /// This edit, plus stamping its story's last-changed time with `now`
    /// when it changes a story's content. A batch of content changes to one
    /// story (such as [`restore_revision`]'s) is stamped once.
    pub fn stamped(self, now: Timestamp) -> Edit {
        match self.content_story() {
            Some(story) => {
                let story = story.clone();
                Edit::Batch(vec![self, Edit::SetUpdated { story, at: now }])
            }
            None => self,
        }
    }

    /// The story whose content (text, tags, target or status) this edit
    /// changes, when it changes only that: a batch qualifies when every edit
    /// in it does, for the same story.
    fn content_story(&self) -> Option<&Slug> {
        match self {
            Edit::SetText { story, .. }
            | Edit::SetTags { story, .. }
            | Edit::SetTargetWords { story, .. }
            | Edit::SetStatus { story, .. }
            | Edit::SetPhotoUses { story, .. } => Some(story),
            Edit::Batch(edits) => {
                let (first, rest) = edits.split_first()?;
                let story = first.content_story()?;
                rest.iter().all(|edit| edit.content_story() == Some(story)).then_some(story)
            }
            _ => None,
        }
    }

    /// Applies the edit to `project` and returns the edit that undoes it.
    /// On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        match self {
            Edit::SetText { story, field, text } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(target.text_mut(field), text);
                Ok(Edit::SetText { story, field, text: old })
            }
            Edit::SetTags { story, tags } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.tags, tags);
                Ok(Edit::SetTags { story, tags: old })
            }
            Edit::SetTargetWords { story, words } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.target_words, words);
                Ok(Edit::SetTargetWords { story, words: old })
            }
            Edit::SetStatus { story, status } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.status, status);
                Ok(Edit::SetStatus { story, status: old })
            }
            Edit::SetReview { story, signoffs, activity } => {
                let target = find(project, &story)?;
                let signoffs = std::mem::replace(&mut target.signoffs, signoffs);
                let activity = std::mem::replace(&mut target.activity, activity);
                Ok(Edit::SetReview { story, signoffs, activity })
            }
            Edit::SetTracking { story, suggestions, comments } => {
                let target = find(project, &story)?;
                let suggestions = std::mem::replace(&mut target.suggestions, suggestions);
                let comments = std::mem::replace(&mut target.comments, comments);
                Ok(Edit::SetTracking { story, suggestions, comments })
            }
            Edit::SetPublishAt { story, at } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.publish_at, at);
                Ok(Edit::SetPublishAt { story, at: old })
            }
            Edit::SetPlan { story, plan } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.plan, plan);
                Ok(Edit::SetPlan { story, plan: old })
            }
            Edit::SetPublication { story, publication } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.publication, *publication);
                Ok(Edit::SetPublication { story, publication: Box::new(old) })
            }
            Edit::SetUpdated { story, at } => {
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.updated, at);
                Ok(Edit::SetUpdated { story, at: old })
            }
            Edit::InsertStory { index, story } => {
                if project.story(&story.slug).is_some() {
                    return Err(EditError::SlugTaken(story.slug));
                }
                let slug = story.slug.clone();
                let index = index.min(project.stories.len());
                project.stories.insert(index, *story);
                Ok(Edit::RemoveStory { story: slug })
            }
            Edit::RemoveStory { story } => {
                let index = project.index_of(&story).ok_or(EditError::NoSuchStory(story))?;
                let removed = project.stories.remove(index);
                Ok(Edit::InsertStory { index, story: Box::new(removed) })
            }
            Edit::RenameStory { story, to } => {
                if story == to {
                    return Ok(Edit::RenameStory { story, to });
                }
                if project.story(&to).is_some() {
                    return Err(EditError::SlugTaken(to));
                }
                let target = find(project, &story)?;
                target.slug = to.clone();
                Ok(Edit::RenameStory { story: to, to: story })
            }
            Edit::ReplaceStory(story) => {
                let target = find(project, &story.slug)?;
                let old = std::mem::replace(target, *story);
                Ok(Edit::ReplaceStory(Box::new(old)))
            }
            Edit::SetSettings(settings) => {
                let old = std::mem::replace(&mut project.settings, *settings);
                Ok(Edit::SetSettings(Box::new(old)))
            }
            Edit::SetStoryOrder(order) => {
                let old: Vec<Slug> = project.stories.iter().map(|s| s.slug.clone()).collect();
                let rank = |slug: &Slug| order.iter().position(|s| s == slug).unwrap_or(usize::MAX);
                // A stable sort: stories the order does not name stay in
                // their order, after the named ones.
                project.stories.sort_by_key(|story| rank(&story.slug));
                Ok(Edit::SetStoryOrder(old))
            }
            Edit::AddRevision { story, revision } => {
                let target = find(project, &story)?;
                let number = revision.number;
                if target.revision(number).is_some() {
                    return Err(EditError::RevisionTaken { story, number });
                }
                // Revisions stay in number order, so removing one and adding
                // it back puts it where it was.
                let index = target.revisions.partition_point(|r| r.number < number);
                target.revisions.insert(index, *revision);
                Ok(Edit::RemoveRevision { story, number })
            }
            Edit::RemoveRevision { story, number } => {
                let target = find(project, &story)?;
                let Some(index) = target.revisions.iter().position(|r| r.number == number) else {
                    return Err(EditError::NoSuchRevision { story, number });
                };
                let removed = target.revisions.remove(index);
                Ok(Edit::AddRevision { story, revision: Box::new(removed) })
            }
            Edit::SetPhoto(photo) => {
                match project.photo_mut(&photo.id) {
                    Some(existing) => {
                        let old = std::mem::replace(existing, *photo);
                        Ok(Edit::SetPhoto(Box::new(old)))
                    }
                    None => {
                        let id = photo.id.clone();
                        // The library stays sorted by id, so files and lists are stable.
                        let index = project.photos.partition_point(|p| p.id < id);
                        project.photos.insert(index, *photo);
                        Ok(Edit::RemovePhoto { photo: id })
                    }
                }
            }
            Edit::RemovePhoto { photo } => {
                if let Some(story) = project.stories.iter().find(|s| s.photos.iter().any(|u| u.photo == photo)) {
                    return Err(EditError::PhotoInUse { story: story.slug.clone(), photo });
                }
                let Some(index) = project.photos.iter().position(|p| p.id == photo) else {
                    return Err(EditError::NoSuchPhoto(photo));
                };
                Ok(Edit::SetPhoto(Box::new(project.photos.remove(index))))
            }
            Edit::SetPhotoUses { story, uses } => {
                if let Some(missing) = uses.iter().find(|u| project.photo(&u.photo).is_none()) {
                    return Err(EditError::NoSuchPhoto(missing.photo.clone()));
                }
                let target = find(project, &story)?;
                let old = std::mem::replace(&mut target.photos, uses);
                Ok(Edit::SetPhotoUses { story, uses: old })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(project) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // Roll back what was applied so the batch is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(project);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

fn find<'a>(project: &'a mut Project, slug: &Slug) -> Result<&'a mut Story, EditError> {
    project.story_mut(slug).ok_or_else(|| EditError::NoSuchStory(slug.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut project = Project::new("Desk");
        let slug = Slug::new("iraq").unwrap();
        let mut story = Story::new(slug, Timestamp::EPOCH);
        story.headline = "Filed".into();
        let first = story.snapshot("Filed", "Ana", Timestamp::EPOCH, false);
        story.revisions.push(first);
        story.headline = "Edited".into();
        let second = story.snapshot("Sent to copy desk", "Ben", Timestamp::EPOCH, false);
        story.revisions.push(second);
        let used = photo("aaaaaaaaaaaaaaaa");
        story.photos.push(crate::model::PhotoUse::of(used.id.clone()));
        project.photos.push(used);
        project.photos.push(photo("bbbbbbbbbbbbbbbb"));
        project.stories.push(story);
        project
    }

    fn photo(id: &str) -> crate::model::Photo {
        let id = crate::model::PhotoId::from_hex(id).unwrap();
        crate::model::Photo::new(id.clone(), format!("{id}.jpg"), "original.jpg".into(), 8, 8)
    }

    /// (edit) → apply then apply the inverse → the project is as before.
    #[test]
    fn every_edit_inverts() {
        let iraq = Slug::new("iraq").unwrap();
        let later = Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC));
        let edits = vec![
            Edit::SetText { story: iraq.clone(), field: TextField::Headline, text: "Drones".into() },
            Edit::SetTags { story: iraq.clone(), tags: vec!["iraq".into()] },
            Edit::SetTargetWords { story: iraq.clone(), words: 900 },
            Edit::SetStatus { story: iraq.clone(), status: StoryStatus::Ready },
            Edit::SetText { story: iraq.clone(), field: TextField::Body, text: "x".into() }.stamped(later),
            Edit::RenameStory { story: iraq.clone(), to: Slug::new("drones").unwrap() },
            Edit::RemoveStory { story: iraq.clone() },
            Edit::InsertStory { index: 9, story: Box::new(Story::new(Slug::new("new").unwrap(), later)) },
            Edit::SetSettings(Box::new(crate::model::ProjectSettings {
                dictionary: vec!["Qayara".into()],
                ..Default::default()
            })),
            Edit::AddRevision {
                story: iraq.clone(),
                revision: Box::new(project().stories[0].snapshot("Third", "Ana", later, true)),
            },
            Edit::ReplaceStory(Box::new(Story { body: "Their version".into(), ..project().stories[0].clone() })),
            // Taken out of the middle, it must come back in the middle.
            Edit::RemoveRevision { story: iraq.clone(), number: 1 },
            restore_revision(&project().stories[0], 1).unwrap(),
            status_change(&project().stories[0], StoryStatus::CopyEdit, "Ana", later).unwrap(),
            Edit::Batch(vec![Edit::SetText { story: iraq.clone(), field: TextField::Dek, text: "d".into() }])
                .stamped(later),
            // A new photo goes in; a known one has its caption changed.
            Edit::SetPhoto(Box::new(photo("0123456789abcdef"))),
            Edit::SetPhoto(Box::new(crate::model::Photo { caption: "Drones".into(), ..photo("aaaaaaaaaaaaaaaa") })),
            Edit::RemovePhoto { photo: crate::model::PhotoId::from_hex("bbbbbbbbbbbbbbbb").unwrap() },
            Edit::SetPhotoUses {
                story: iraq.clone(),
                uses: vec![
                    crate::model::PhotoUse::of(crate::model::PhotoId::from_hex("bbbbbbbbbbbbbbbb").unwrap()),
                    crate::model::PhotoUse {
                        lead: true,
                        ..crate::model::PhotoUse::of(crate::model::PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap())
                    },
                ],
            }
            .stamped(later),
        ];
        for edit in edits {
            let before = project();
            let mut after = before.clone();
            let inverse = edit.clone().apply(&mut after).unwrap();
            assert_ne!(after, before, "{edit:?} changed nothing");
            inverse.apply(&mut after).unwrap();
            assert_eq!(after, before, "{edit:?} did not invert");
        }
    }

    #[test]
    fn photos_in_use_stay_and_uses_need_a_photo() {
        let mut project = project();
        let used = crate::model::PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap();
        let iraq = Slug::new("iraq").unwrap();
        assert_eq!(
            Edit::RemovePhoto { photo: used.clone() }.apply(&mut project),
            Err(EditError::PhotoInUse { story: iraq.clone(), photo: used })
        );
        let unknown = crate::model::PhotoId::from_hex("cccccccccccccccc").unwrap();
        let edit = Edit::SetPhotoUses { story: iraq, uses: vec![crate::model::PhotoUse::of(unknown.clone())] };
        assert_eq!(edit.apply(&mut project), Err(EditError::NoSuchPhoto(unknown)));
    }

    #[test]
    fn failed_batch_changes_nothing() {
        let mut project = project();
        let before = project.clone();
        let iraq = Slug::new("iraq").unwrap();
        let batch = Edit::Batch(vec![
            Edit::SetText { story: iraq, field: TextField::Dek, text: "dek".into() },
            Edit::RemoveStory { story: Slug::new("missing").unwrap() },
        ]);
        assert!(batch.apply(&mut project).is_err());
        assert_eq!(project, before);
    }

    #[test]
    fn rename_onto_existing_slug_is_refused() {
        let mut project = project();
        project.stories.push(Story::new(Slug::new("other").unwrap(), Timestamp::EPOCH));
        let edit = Edit::RenameStory { story: Slug::new("iraq").unwrap(), to: Slug::new("other").unwrap() };
        assert_eq!(edit.apply(&mut project), Err(EditError::SlugTaken(Slug::new("other").unwrap())));
    }

    #[test]
    fn revisions_refuse_taken_and_missing_numbers() {
        let mut project = project();
        let iraq = Slug::new("iraq").unwrap();
        let taken = project.stories[0].revisions[0].clone();
        let edit = Edit::AddRevision { story: iraq.clone(), revision: Box::new(taken) };
        assert_eq!(edit.apply(&mut project), Err(EditError::RevisionTaken { story: iraq.clone(), number: 1 }));
        let edit = Edit::RemoveRevision { story: iraq.clone(), number: 7 };
        assert_eq!(edit.apply(&mut project), Err(EditError::NoSuchRevision { story: iraq, number: 7 }));
    }

    #[test]
    fn stamping_covers_single_story_batches_only() {
        let iraq = Slug::new("iraq").unwrap();
        let later = Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC));
        let restore = restore_revision(&project().stories[0], 1).unwrap();
        let Edit::Batch(stamped) = restore.clone().stamped(later) else { panic!("not stamped") };
        assert_eq!(stamped, vec![restore, Edit::SetUpdated { story: iraq.clone(), at: later }]);
        let two_stories = Edit::Batch(vec![
            Edit::SetText { story: iraq, field: TextField::Dek, text: "d".into() },
            Edit::SetText { story: Slug::new("other").unwrap(), field: TextField::Dek, text: "d".into() },
        ]);
        assert_eq!(two_stories.clone().stamped(later), two_stories);
        assert_eq!(Edit::Batch(vec![]).stamped(later), Edit::Batch(vec![]));
    }
}
