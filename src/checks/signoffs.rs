//! Manual checklist items: what a sign-off covers, its fingerprint, and
//! whether it still holds.

use crate::model::{ChecklistItem, Covered, Photo, SignOff, Story};

/// The parts `covers` names, as text: what a sign-off vouches for. The
/// photos part lists each photo's caption, credit, copyright and rights.
pub fn covered_text(story: &Story, photos: &[Photo], covers: &[Covered]) -> String {
    let mut parts = Vec::new();
    for part in Covered::ALL.into_iter().filter(|part| covers.contains(part)) {
        let text = match part {
            Covered::Headline => story.headline.clone(),
            Covered::Dek => story.dek.clone(),
            Covered::Byline => story.byline.clone(),
            Covered::Dateline => story.dateline.clone(),
            Covered::Body => story.body.clone(),
            Covered::Photos => photos_text(story, photos),
        };
        parts.push(format!("{}:\n{text}", part.label()));
    }
    parts.join("\n\n")
}

fn photos_text(story: &Story, photos: &[Photo]) -> String {
    let mut lines = Vec::new();
    for (index, used) in story.photos.iter().enumerate() {
        let number = index + 1;
        match photos.iter().find(|photo| photo.id == used.photo) {
            Some(photo) => lines.push(format!(
                "Photo {number}: {}\nCredit: {}\nCopyright: {}\nUsage: {} {}\nAlt text: {}",
                photo.caption, photo.credit, photo.copyright, photo.usage_terms, photo.usage_expires, photo.alt_text
            )),
            None => lines.push(format!("Photo {number}: {} (not in the library)", used.photo)),
        }
    }
    lines.join("\n")
}

/// A short hash of a sign-off's covered text.
pub fn fingerprint(covered_text: &str) -> String {
    let hash = blake3::hash(covered_text.as_bytes()).to_hex();
    hash.as_str().get(..16).unwrap_or_default().to_owned()
}

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
    use crate::model::{CheckLevel, Slug, Timestamp};

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
