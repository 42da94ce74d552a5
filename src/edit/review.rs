//! Edits of a story's review: signing off a checklist item (or taking the
//! sign-off back) and marking a story ready over failing checks. Each also
//! writes its line in the story's activity log, in the same undo step.

use super::{Edit, status_change};
use crate::model::{Activity, ChecklistItem, Event, Photo, SignOff, Story, StoryStatus, Timestamp};
use crate::model::{covered_text, fingerprint};

/// The edit that signs `item` off on `story` as `by` at `at`, replacing an
/// older (stale) sign-off of the same item. It records what the item covers
/// now, so a later change shows as stale.
pub fn sign_off(story: &Story, photos: &[Photo], item: &ChecklistItem, by: &str, at: Timestamp) -> Edit {
    let text = covered_text(story, photos, &item.covers);
    let mut signoffs: Vec<SignOff> = story.signoffs.iter().filter(|s| s.item != item.id).cloned().collect();
    signoffs.push(SignOff {
        item: item.id.clone(),
        by: by.to_owned(),
        at,
        fingerprint: fingerprint(&text),
        covered_text: text,
    });
    let mut activity = story.activity.clone();
    activity.push(Activity { at, by: by.to_owned(), event: Event::SignedOff { item: item.id.clone() } });
    Edit::SetReview { story: story.slug.clone(), signoffs, activity }
}

/// The edit that takes back the sign-off of `item`; `None` when it has none.
pub fn withdraw_sign_off(story: &Story, item: &str, by: &str, at: Timestamp) -> Option<Edit> {
    if !story.signoffs.iter().any(|s| s.item == item) {
        return None;
    }
    let signoffs = story.signoffs.iter().filter(|s| s.item != item).cloned().collect();
    let mut activity = story.activity.clone();
    activity.push(Activity { at, by: by.to_owned(), event: Event::Withdrawn { item: item.to_owned() } });
    Some(Edit::SetReview { story: story.slug.clone(), signoffs, activity })
}

/// The edit that marks `story` ready although `failing` checks fail, for
/// the editor's `reason`: the status change with its snapshot, and the
/// override in the activity log. `None` when the story is already ready or
/// no reason is given.
pub fn override_ready(story: &Story, reason: &str, failing: Vec<String>, by: &str, at: Timestamp) -> Option<Edit> {
    let reason = reason.trim();
    if reason.is_empty() {
        return None;
    }
    let Some(Edit::Batch(mut edits)) = status_change(story, StoryStatus::Ready, by, at) else { return None };
    // The status change logged its line; the override goes right after it.
    let mut activity = story.activity.clone();
    activity.push(Activity {
        at,
        by: by.to_owned(),
        event: Event::Status { from: story.status, to: StoryStatus::Ready },
    });
    activity.push(Activity { at, by: by.to_owned(), event: Event::Override { reason: reason.to_owned(), failing } });
    edits.retain(|edit| !matches!(edit, Edit::SetReview { .. }));
    edits.push(Edit::SetReview { story: story.slug.clone(), signoffs: story.signoffs.clone(), activity });
    Some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckLevel, Covered, Project, Slug};

    fn project() -> Project {
        let mut project = Project::new("Desk");
        let mut story = Story::new(Slug::new("iraq").unwrap(), Timestamp::EPOCH);
        story.headline = "Drones".into();
        project.stories.push(story);
        project
    }

    fn item() -> ChecklistItem {
        ChecklistItem {
            id: "headline-approved".into(),
            label: "Headline approved".into(),
            level: CheckLevel::Required,
            covers: vec![Covered::Headline],
        }
    }

    #[test]
    fn signing_off_logs_and_undoes_as_one_step() {
        let mut project = project();
        let edit = sign_off(&project.stories[0], &[], &item(), "Ana", Timestamp::EPOCH);
        let undo = edit.apply(&mut project).unwrap();
        let story = &project.stories[0];
        assert_eq!(story.signoffs.len(), 1);
        assert_eq!(story.signoffs[0].by, "Ana");
        assert_eq!(story.activity[0].event, Event::SignedOff { item: "headline-approved".into() });
        // Signing again replaces the sign-off rather than adding one.
        sign_off(&project.stories[0], &[], &item(), "Ben", Timestamp::EPOCH).apply(&mut project).unwrap();
        assert_eq!(project.stories[0].signoffs.len(), 1);
        let withdraw = withdraw_sign_off(&project.stories[0], "headline-approved", "Ben", Timestamp::EPOCH).unwrap();
        withdraw.apply(&mut project).unwrap();
        assert!(project.stories[0].signoffs.is_empty());
        assert_eq!(project.stories[0].activity.len(), 3);
        let _ = undo;
    }

    #[test]
    fn an_override_needs_a_reason_and_logs_it_with_the_status_change() {
        let mut project = project();
        let story = project.stories[0].clone();
        assert!(override_ready(&story, "  ", vec![], "Ana", Timestamp::EPOCH).is_none());
        let edit =
            override_ready(&story, "Desk head approved", vec!["Quotes".into()], "Ana", Timestamp::EPOCH).unwrap();
        let undo = edit.apply(&mut project).unwrap();
        let after = &project.stories[0];
        assert_eq!(after.status, StoryStatus::Ready);
        assert_eq!(after.revisions.len(), 1, "the status change's snapshot");
        let events: Vec<&Event> = after.activity.iter().map(|a| &a.event).collect();
        assert!(
            matches!(events[..], [Event::Status { to: StoryStatus::Ready, .. }, Event::Override { .. }]),
            "{events:?}"
        );
        undo.apply(&mut project).unwrap();
        assert_eq!(project.stories[0], story, "one undo takes it all back");
    }
}
