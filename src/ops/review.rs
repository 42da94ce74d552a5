//! Signing checklist items off.

use super::{Refused, find_story};
use crate::edit::{self, Edit};
use crate::model::{Project, Timestamp};

/// Signs checklist item `item` (its id) off on story `slug` as `by`.
pub fn sign_off(project: &Project, slug: &str, item: &str, by: &str, at: Timestamp) -> Result<Edit, Refused> {
    let story = find_story(project, slug)?;
    let Some(item) = story.checklist_items(&project.settings).find(|known| known.id == item) else {
        return Err(Refused::BadValue {
            field: "checklist item".to_owned(),
            value: item.to_owned(),
            expected: format!(
                "one of {}",
                story.checklist_items(&project.settings).map(|known| known.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        });
    };
    if by.trim().is_empty() {
        return Err(Refused::NeedsName);
    }
    Ok(edit::sign_off(story, &project.photos, item, by.trim(), at))
}

/// Takes back the sign-off of `item` on story `slug`.
pub fn withdraw_sign_off(project: &Project, slug: &str, item: &str, by: &str, at: Timestamp) -> Result<Edit, Refused> {
    let story = find_story(project, slug)?;
    edit::withdraw_sign_off(story, item, by, at)
        .ok_or_else(|| Refused::NotAllowed(format!("“{item}” is not signed off on “{slug}”")))
}
