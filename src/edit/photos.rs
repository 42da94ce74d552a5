//! Edits built for photos: attaching pictures to a story (adding the new
//! ones to the library), and the per-story changes the caption manager
//! makes (order, lead photo).
//!
//! Pure functions of the project; the caller applies the edit through
//! [`super::History`], so each is one undo step.

use super::Edit;
use crate::model::{Photo, PhotoId, PhotoUse, Project, Slug};

/// The edit that attaches `photos` to the story `story`, in order, after its
/// current photos: pictures new to the project go into the library, ones
/// already there keep their caption, and ones the story already uses are
/// not attached twice. The first photo of a story without a lead becomes
/// its lead. `None` when nothing would change (or there is no such story).
pub fn attach_photos(project: &Project, story: &Slug, photos: Vec<Photo>) -> Option<Edit> {
    let current = project.story(story)?;
    let mut uses = current.photos.clone();
    let mut edits = Vec::new();
    for photo in photos {
        if uses.iter().any(|used| used.photo == photo.id) {
            continue;
        }
        uses.push(PhotoUse::of(photo.id.clone()));
        if project.photo(&photo.id).is_none()
            && !edits.iter().any(|e| matches!(e, Edit::SetPhoto(p) if p.id == photo.id))
        {
            edits.push(Edit::SetPhoto(Box::new(photo)));
        }
    }
    if uses.len() == current.photos.len() {
        return None;
    }
    if !uses.iter().any(|used| used.lead)
        && let Some(first) = uses.first_mut()
    {
        first.lead = true;
    }
    edits.push(Edit::SetPhotoUses { story: story.clone(), uses });
    Some(Edit::Batch(edits))
}

/// The edit that makes `photo` the story's only lead photo, or with `None`
/// leaves the story without one.
pub fn set_lead_photo(project: &Project, story: &Slug, photo: Option<&PhotoId>) -> Option<Edit> {
    let current = project.story(story)?;
    let uses: Vec<PhotoUse> =
        current.photos.iter().map(|used| PhotoUse { lead: Some(&used.photo) == photo, ..used.clone() }).collect();
    (uses != current.photos).then(|| Edit::SetPhotoUses { story: story.clone(), uses })
}

/// The edit that moves the story's photo at `from` to position `to`
/// (clamped), keeping the others in order.
pub fn move_photo(project: &Project, story: &Slug, from: usize, to: usize) -> Option<Edit> {
    let current = project.story(story)?;
    let mut uses = current.photos.clone();
    if from >= uses.len() {
        return None;
    }
    let moved = uses.remove(from);
    uses.insert(to.min(uses.len()), moved);
    (uses != current.photos).then(|| Edit::SetPhotoUses { story: story.clone(), uses })
}

/// Changes one use of `photo` in `story` (its crop or focal point) as one
/// edit; `None` when the story does not use the photo or nothing changes.
pub fn change_photo_use(
    project: &Project,
    story: &Slug,
    photo: &PhotoId,
    change: impl FnOnce(&mut PhotoUse),
) -> Option<Edit> {
    let current = project.story(story)?;
    let mut uses = current.photos.clone();
    change(uses.iter_mut().find(|used| &used.photo == photo)?);
    (uses != current.photos).then(|| Edit::SetPhotoUses { story: story.clone(), uses })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Story, Timestamp};

    fn photo(id: &str) -> Photo {
        let id = PhotoId::from_hex(id).unwrap();
        Photo::new(id.clone(), format!("{id}.jpg"), "a.jpg".into(), 8, 8)
    }

    fn project() -> (Project, Slug) {
        let mut project = Project::new("Desk");
        let slug = Slug::new("iraq").unwrap();
        project.stories.push(Story::new(slug.clone(), Timestamp::EPOCH));
        (project, slug)
    }

    #[test]
    fn attaching_adds_to_the_library_once_and_picks_a_lead() {
        let (mut project, slug) = project();
        let a = photo("aaaaaaaaaaaaaaaa");
        let b = photo("bbbbbbbbbbbbbbbb");
        let edit = attach_photos(&project, &slug, vec![a.clone(), b.clone(), a.clone()]).unwrap();
        edit.apply(&mut project).unwrap();
        assert_eq!(project.photos.len(), 2);
        let uses = &project.stories[0].photos;
        assert_eq!(
            uses.iter().map(|u| (u.photo.as_str(), u.lead)).collect::<Vec<_>>(),
            [("aaaaaaaaaaaaaaaa", true), ("bbbbbbbbbbbbbbbb", false)]
        );
        // Attaching the same pictures again changes nothing.
        assert_eq!(attach_photos(&project, &slug, vec![a, b]), None);
    }

    #[test]
    fn lead_and_order() {
        let (mut project, slug) = project();
        let photos = vec![photo("aaaaaaaaaaaaaaaa"), photo("bbbbbbbbbbbbbbbb"), photo("cccccccccccccccc")];
        attach_photos(&project, &slug, photos).unwrap().apply(&mut project).unwrap();
        let c = PhotoId::from_hex("cccccccccccccccc").unwrap();
        set_lead_photo(&project, &slug, Some(&c)).unwrap().apply(&mut project).unwrap();
        let leads: Vec<bool> = project.stories[0].photos.iter().map(|u| u.lead).collect();
        assert_eq!(leads, [false, false, true]);
        move_photo(&project, &slug, 2, 0).unwrap().apply(&mut project).unwrap();
        assert_eq!(project.stories[0].photos[0].photo, c);
        assert_eq!(move_photo(&project, &slug, 0, 0), None);
        assert_eq!(move_photo(&project, &slug, 9, 0), None);
    }
}
