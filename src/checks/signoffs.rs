//! Manual checklist items: whether a sign-off still holds. What a sign-off
//! covers and its fingerprint are the model's (`model::covered_text`,
//! `model::fingerprint`), so edits can record them without the checks.

use crate::model::{ChecklistItem, Photo, SignOff, Story};
pub use crate::model::{covered_text, fingerprint};

/// Where a checklist item stands on a story.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemState<'a> {
    /// Nobody has signed it off.
    Unsigned,
    /// Signed off, and what it covers has not changed since.
    Signed(&'a SignOff),
    /// Signed off, but what it covers changed since: renew it.
    Stale(&'a SignOff),
}

/// Where `item` stands on `story`.
pub fn item_state<'a>(story: &'a Story, photos: &[Photo], item: &ChecklistItem) -> ItemState<'a> {
    match story.signoffs.iter().find(|signoff| signoff.item == item.id) {
        None => ItemState::Unsigned,
        Some(signoff) if signoff.fingerprint == fingerprint(&covered_text(story, photos, &item.covers)) => {
            ItemState::Signed(signoff)
        }
        Some(signoff) => ItemState::Stale(signoff),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckLevel, Covered, Slug, Timestamp};

    #[test]
    fn a_sign_off_goes_stale_when_what_it_covers_changes_and_only_then() {
        let mut story = Story::new(Slug::new("s").unwrap_or_else(|_| unreachable!()), Timestamp::EPOCH);
        story.headline = "Council agrees budget".into();
        let item = ChecklistItem {
            id: "headline-approved".into(),
            label: "Headline approved".into(),
            level: CheckLevel::Required,
            covers: vec![Covered::Headline],
        };
        assert_eq!(item_state(&story, &[], &item), ItemState::Unsigned);
        let text = covered_text(&story, &[], &item.covers);
        story.signoffs.push(SignOff {
            item: item.id.clone(),
            by: "Ana".into(),
            at: Timestamp::EPOCH,
            fingerprint: fingerprint(&text),
            covered_text: text,
        });
        assert!(matches!(item_state(&story, &[], &item), ItemState::Signed(_)));
        story.body = "A body edit is not covered.".into();
        assert!(matches!(item_state(&story, &[], &item), ItemState::Signed(_)));
        story.headline = "Council rejects budget".into();
        assert!(matches!(item_state(&story, &[], &item), ItemState::Stale(_)));
    }
}
