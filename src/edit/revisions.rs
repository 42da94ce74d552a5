//! Edits built from revisions: going back to a snapshot, and moving a story
//! to another status with an automatic snapshot of the text it had.
//!
//! Pure functions of a story; the caller applies the edit through
//! [`super::History`], so both can be undone.

use super::Edit;
use crate::model::{Activity, Event, Revision, Story, StoryStatus, Timestamp};

/// The edit that puts the text of revision `number` back into `story`: one
/// [`Edit::SetText`] per text field that differs, in a batch undone as one
/// step. `None` when the story has no such revision or its text already
/// matches it. The story's revisions themselves are left as they are.
pub fn restore_revision(story: &Story, number: u32) -> Option<Edit> {
    let revision = story.revision(number)?;
    let edits: Vec<Edit> = Revision::FIELDS
        .into_iter()
        .filter_map(|field| {
            let text = revision.text(field)?;
            (story.text(field) != text).then(|| Edit::SetText {
                story: story.slug.clone(),
                field,
                text: text.to_owned(),
            })
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The name of the automatic revision taken when a story moves from `from`
/// to `to`: `Status: Editing → Copy edit`.
pub fn status_change_name(from: StoryStatus, to: StoryStatus) -> String {
    format!("Status: {} → {}", from.label(), to.label())
}

/// The edit that moves `story` to status `to` at `at`: the status change,
/// an automatic snapshot of the text as it stood (named by
/// [`status_change_name`], taken by `author`), a line in the activity log
/// and the story's last-changed time, undone as one step. `None` when the story already has that status.
pub fn status_change(story: &Story, to: StoryStatus, author: &str, at: Timestamp) -> Option<Edit> {
    status_change_noting(story, to, (author, at), None)
}

/// [`status_change`], with `also` logged after the status line in the
/// same step (why a published story was reopened).
pub fn status_change_noting(
    story: &Story,
    to: StoryStatus,
    (author, at): (&str, Timestamp),
    also: Option<Event>,
) -> Option<Edit> {
    if story.status == to {
        return None;
    }
    let revision = story.snapshot(status_change_name(story.status, to), author, at, true);
    let mut activity = story.activity.clone();
    activity.push(Activity { at, by: author.to_owned(), event: Event::Status { from: story.status, to } });
    activity.extend(also.map(|event| Activity { at, by: author.to_owned(), event }));
    Some(Edit::Batch(vec![
        Edit::SetStatus { story: story.slug.clone(), status: to },
        Edit::AddRevision { story: story.slug.clone(), revision: Box::new(revision) },
        Edit::SetReview { story: story.slug.clone(), signoffs: story.signoffs.clone(), activity },
        Edit::SetUpdated { story: story.slug.clone(), at },
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Project, Slug, TextField};

    fn story() -> Story {
        let mut story = Story::new(Slug::new("iraq").unwrap(), Timestamp::EPOCH);
        story.headline = "Drones over Qayara".into();
        story.body = "First.\n\nSecond.".into();
        story.notes = "desk notes".into();
        let first = story.snapshot("Filed", "Ana", Timestamp::EPOCH, false);
        story.revisions.push(first);
        story
    }

    #[test]
    fn restoring_sets_only_the_fields_that_differ() {
        let mut story = story();
        assert_eq!(restore_revision(&story, 1), None, "nothing differs");
        assert_eq!(restore_revision(&story, 2), None, "no such revision");
        story.headline = "Drones".into();
        story.notes = "notes are not restored".into();
        let edit = restore_revision(&story, 1).unwrap();
        let expected =
            Edit::SetText { story: story.slug.clone(), field: TextField::Headline, text: "Drones over Qayara".into() };
        assert_eq!(edit, Edit::Batch(vec![expected]));

        let mut project = Project::new("Desk");
        project.stories.push(story.clone());
        let undo = edit.apply(&mut project).unwrap();
        assert_eq!(project.stories[0].headline, "Drones over Qayara");
        assert_eq!(project.stories[0].notes, "notes are not restored");
        undo.apply(&mut project).unwrap();
        assert_eq!(project.stories[0], story);
    }

    #[test]
    fn a_status_change_takes_an_automatic_snapshot() {
        let mut story = story();
        story.status = StoryStatus::Editing;
        let at = Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC));
        assert_eq!(status_change(&story, StoryStatus::Editing, "Ana", at), None);
        let edit = status_change(&story, StoryStatus::CopyEdit, "Ben", at).unwrap();
        let mut project = Project::new("Desk");
        project.stories.push(story);
        edit.apply(&mut project).unwrap();
        let changed = &project.stories[0];
        assert_eq!((changed.status, changed.updated), (StoryStatus::CopyEdit, at));
        let revision = changed.revisions.last().unwrap();
        assert_eq!(revision.number, 2);
        assert_eq!(revision.name, "Status: Editing → Copy edit");
        assert_eq!((revision.author.as_str(), revision.at, revision.automatic), ("Ben", at, true));
        assert_eq!(revision.body, "First.\n\nSecond.");
    }
}
