//! Undo and redo over [`Edit`]s, with bursts of typing grouped into one step.

use super::{Edit, EditError};
use crate::model::{PhotoId, Project, Slug, TextField};

/// Identifies a state of the project (or of one part of it). Revisions come
/// from one counter for the whole process, so two states never share one,
/// even across histories, reloads and projects: anything cached on a
/// revision can never be shown for other content. The project is unsaved
/// exactly when the history's current revision is not the saved one, so no
/// code has to remember to set a dirty flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Revision(u64);

impl Revision {
    /// A revision no state has had before in this process.
    pub fn fresh() -> Revision {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Revision(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// Edits closer together than this, in the same field, are one undo step.
const TYPING_PAUSE_SECONDS: f64 = 1.5;

/// Steps kept for undo; the oldest are dropped beyond this.
const MAX_STEPS: usize = 500;

/// What a burst of typing is typing into: edits to the same one merge.
#[derive(Clone, Debug, PartialEq, Eq)]
enum TypingGroup {
    /// A story's text field.
    Text(Slug, TextField),
    /// A photo's caption and other fields.
    Photo(PhotoId),
}

#[derive(Debug)]
struct Step {
    label: String,
    undo: Edit,
    redo: Edit,
    revision: Revision,
    group: Option<TypingGroup>,
    last_at: f64,
}

/// The undo and redo stacks of one open project. Never saved.
#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    base: Revision,
    saved: Option<Revision>,
}

impl Default for History {
    fn default() -> Self {
        let base = Revision::fresh();
        History { undo: Vec::new(), redo: Vec::new(), base, saved: Some(base) }
    }
}

impl History {
    /// A history for a project that matches its files on disk.
    pub fn new() -> Self {
        Self::default()
    }

    /// A history for a project that does not match its files (for example
    /// one restored from a recovery file): it starts unsaved.
    pub fn new_unsaved() -> Self {
        History { saved: None, ..Self::default() }
    }

    /// Applies `edit` to `project` and records it. Text edits to the same
    /// field within a short pause of each other (`now` in seconds, from any
    /// steady clock) merge into one undo step.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: impl Into<String>,
        now: f64,
    ) -> Result<(), EditError> {
        // Only typing groups: one field's text, perhaps stamped, perhaps with
        // its story's suggestion records (suggestion mode); or one photo. A
        // batch that changes more (a restored revision, a status change) is
        // its own step, or merging would keep an undo that restores only one
        // field.
        let group = typing_group(&edit);
        let redo = edit.clone();
        let undo = edit.apply(project)?;
        let revision = Revision::fresh();
        self.redo.clear();
        if let Some(top) = self.undo.last_mut()
            && group.is_some()
            && top.group == group
            && now - top.last_at < TYPING_PAUSE_SECONDS
        {
            // Keep the oldest undo, so one undo reverts the whole burst. The
            // suggestion records change only with some keys of a burst: the
            // first key that changes them adds their restoring to the undo
            // (they were as before the burst until then), and the redo keeps
            // the last records it set.
            if let Some(tracking) = tracking_part(&undo)
                && tracking_part(&top.undo).is_none()
            {
                let oldest = std::mem::replace(&mut top.undo, Edit::Batch(Vec::new()));
                top.undo = Edit::Batch(vec![oldest, tracking.clone()]);
            }
            let last_records = if tracking_part(&redo).is_none() { tracking_part(&top.redo).cloned() } else { None };
            top.redo = match last_records {
                Some(records) => Edit::Batch(vec![redo, records]),
                None => redo,
            };
            top.revision = revision;
            top.last_at = now;
            return Ok(());
        }
        self.undo.push(Step { label: label.into(), undo, redo, revision, group, last_at: now });
        if self.undo.len() > MAX_STEPS {
            let dropped = self.undo.remove(0);
            self.base = dropped.revision;
        }
        Ok(())
    }

    /// Ends the current typing burst, so the next edit is a step of its own.
    pub fn break_group(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.group = None;
        }
    }

    /// Undoes the last step; returns its label, or `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(mut step) = self.undo.pop() else {
            return Ok(None);
        };
        step.undo.clone().apply(project)?;
        step.group = None;
        let label = step.label.clone();
        self.redo.push(step);
        Ok(Some(label))
    }

    /// Redoes the last undone step; returns its label, or `None` when there
    /// is nothing to redo.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        step.redo.clone().apply(project)?;
        let label = step.label.clone();
        self.undo.push(step);
        Ok(Some(label))
    }

    /// The edit [`Self::undo`] would apply.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.undo)
    }

    /// The edit [`Self::redo`] would apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.redo)
    }

    /// The label of the step [`Self::undo`] would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step [`Self::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The revision the project is at now.
    pub fn revision(&self) -> Revision {
        self.undo.last().map_or(self.base, |s| s.revision)
    }

    /// Records that the project as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.revision());
        self.break_group();
    }

    /// Forgets which state was saved: the files changed outside, so no
    /// state in the history is known to match them until the next save.
    pub fn forget_saved(&mut self) {
        self.saved = None;
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.revision())
    }

    /// Applies `edit`, a change that came from outside this window (a
    /// story reloaded from its file, a merge with it), as an undo step of
    /// its own. The files changed, so no earlier state is known to match
    /// them any more: the project is clean afterwards only when it was
    /// clean before and the result is what the files now say
    /// (`matches_files`); otherwise it stays unsaved until the next save.
    pub fn apply_from_outside(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: impl Into<String>,
        matches_files: bool,
    ) -> Result<(), EditError> {
        let was_clean = !self.is_dirty();
        self.break_group();
        self.apply(project, edit, label, f64::NEG_INFINITY)?;
        self.break_group();
        self.saved = (was_clean && matches_files).then(|| self.revision());
        Ok(())
    }
}

/// What a burst of typing is typing into, when `edit` is typing: one text
/// field (perhaps stamped, perhaps with its story's suggestion records) or
/// one photo.
fn typing_group(edit: &Edit) -> Option<TypingGroup> {
    if let Edit::SetPhoto(photo) = edit {
        return Some(TypingGroup::Photo(photo.id.clone()));
    }
    let mut parts = Vec::new();
    leaves(edit, &mut parts);
    let mut texts = parts.iter().filter_map(|part| match part {
        Edit::SetText { story, field, .. } => Some((story, *field)),
        _ => None,
    });
    let (story, field) = texts.next()?;
    let records = parts.iter().filter(|part| matches!(part, Edit::SetTracking { .. })).count();
    let only_these = parts.iter().all(|part| match part {
        Edit::SetText { .. } => true,
        Edit::SetTracking { story: of, .. } | Edit::SetUpdated { story: of, .. } => of == story,
        _ => false,
    });
    (texts.next().is_none() && records <= 1 && only_these).then(|| TypingGroup::Text(story.clone(), field))
}

/// The edits `edit` is made of, batches opened.
fn leaves<'a>(edit: &'a Edit, out: &mut Vec<&'a Edit>) {
    match edit {
        Edit::Batch(edits) => edits.iter().for_each(|edit| leaves(edit, out)),
        other => out.push(other),
    }
}

/// The part of `edit` that sets a story's suggestion records and comments.
fn tracking_part(edit: &Edit) -> Option<&Edit> {
    let mut parts = Vec::new();
    leaves(edit, &mut parts);
    parts.into_iter().find(|part| matches!(part, Edit::SetTracking { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Story, Timestamp};

    fn setup() -> (Project, History, Slug) {
        let mut project = Project::new("Desk");
        let slug = Slug::new("iraq").unwrap();
        project.stories.push(Story::new(slug.clone(), Timestamp::EPOCH));
        (project, History::new(), slug)
    }

    fn typing(slug: &Slug, text: &str) -> Edit {
        Edit::SetText { story: slug.clone(), field: TextField::Headline, text: text.into() }
    }

    #[test]
    fn a_burst_of_typing_is_one_step() {
        let (mut project, mut history, slug) = setup();
        for (i, text) in ["D", "Dr", "Dro", "Drone"].into_iter().enumerate() {
            history.apply(&mut project, typing(&slug, text), "Typing", i as f64 * 0.2).unwrap();
        }
        // A pause starts a new step.
        history.apply(&mut project, typing(&slug, "Drones"), "Typing", 10.0).unwrap();
        history.undo(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "Drone");
        history.undo(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "");
        assert_eq!(history.undo(&mut project).unwrap(), None);
        history.redo(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "Drone");
        history.redo(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "Drones");
    }

    #[test]
    fn a_burst_of_suggesting_is_one_step_records_and_all() {
        let (mut project, mut history, slug) = setup();
        let suggestion = crate::model::Suggestion {
            id: "s1".into(),
            kind: crate::model::MarkKind::Insert,
            author: "Ana Ruiz".into(),
            at: Timestamp::EPOCH,
        };
        let records = |suggestions: Vec<crate::model::Suggestion>| Edit::SetTracking {
            story: slug.clone(),
            suggestions,
            comments: Vec::new(),
        };
        let stamp = Edit::SetUpdated { story: slug.clone(), at: Timestamp::EPOCH };
        // A key that changes only the text, one that adds a record, and one
        // that extends it: the record changes in the middle of the burst.
        let keys = [
            Edit::Batch(vec![typing(&slug, "A"), stamp.clone()]),
            Edit::Batch(vec![
                Edit::Batch(vec![typing(&slug, "A{++s1|b++}"), records(vec![suggestion.clone()])]),
                stamp.clone(),
            ]),
            Edit::Batch(vec![typing(&slug, "A{++s1|bc++}"), stamp]),
        ];
        for (i, key) in keys.into_iter().enumerate() {
            history.apply(&mut project, key, "suggesting in Headline", i as f64 * 0.2).unwrap();
        }
        history.undo(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "");
        assert!(project.stories[0].suggestions.is_empty(), "the record goes with the text it marked");
        assert_eq!(history.undo(&mut project).unwrap(), None, "one step");
        history.redo(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "A{++s1|bc++}");
        assert_eq!(project.stories[0].suggestions, vec![suggestion]);
    }

    #[test]
    fn typing_a_caption_is_one_step() {
        let (mut project, mut history, _) = setup();
        let id = PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap();
        let photo = crate::model::Photo::new(id, "aaaaaaaaaaaaaaaa.jpg".into(), "a.jpg".into(), 8, 8);
        project.photos.push(photo.clone());
        for (i, caption) in ["S", "So", "Sol"].into_iter().enumerate() {
            let edited = crate::model::Photo { caption: caption.into(), ..photo.clone() };
            history.apply(&mut project, Edit::SetPhoto(Box::new(edited)), "caption", i as f64 * 0.3).unwrap();
        }
        history.undo(&mut project).unwrap();
        assert_eq!(project.photos[0].caption, "");
        assert_eq!(history.undo(&mut project).unwrap(), None);
    }

    #[test]
    fn dirty_follows_the_saved_revision() {
        let (mut project, mut history, slug) = setup();
        assert!(!history.is_dirty());
        history.apply(&mut project, typing(&slug, "A"), "Typing", 0.0).unwrap();
        assert!(history.is_dirty());
        history.mark_saved();
        assert!(!history.is_dirty());
        history.undo(&mut project).unwrap();
        assert!(history.is_dirty(), "undoing past the save makes it dirty");
        history.redo(&mut project).unwrap();
        assert!(!history.is_dirty(), "redoing back to the save makes it clean");
        // Typing merged into the saved step still counts as a change.
        history.apply(&mut project, typing(&slug, "AB"), "Typing", 0.1).unwrap();
        assert!(history.is_dirty());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let (mut project, mut history, slug) = setup();
        history.apply(&mut project, typing(&slug, "A"), "Typing", 0.0).unwrap();
        history.undo(&mut project).unwrap();
        history.apply(&mut project, typing(&slug, "B"), "Typing", 5.0).unwrap();
        assert_eq!(history.redo(&mut project).unwrap(), None);
        assert_eq!(project.stories[0].headline, "B");
    }

    #[test]
    fn a_batch_of_several_fields_is_never_merged_into_typing() {
        let (mut project, mut history, slug) = setup();
        history.apply(&mut project, typing(&slug, "Drones"), "Typing", 0.0).unwrap();
        let restore = Edit::Batch(vec![
            typing(&slug, "Restored"),
            Edit::SetText { story: slug.clone(), field: TextField::Body, text: "Restored body".into() },
        ]);
        history.apply(&mut project, restore, "Restore revision 1", 0.1).unwrap();
        history.undo(&mut project).unwrap();
        assert_eq!((project.stories[0].headline.as_str(), project.stories[0].body.as_str()), ("Drones", ""));
    }
}
