//! A story's tracked changes and comments: the list `copydesk changes`
//! prints (and the window can show), and accepting or rejecting all the
//! pending suggestions, or one author's.

use super::{Refused, find_story};
use crate::edit::Edit;
use crate::edit::{TRACKED_FIELDS, resolve_caption_suggestions, resolve_suggestions};
use crate::model::tracked::{self, MarkKind};
use crate::model::{Photo, PhotoId, Project, Reply, Story, Suggestion, TextField, Timestamp};

/// A pending suggestion, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The id its mark carries (`s3`).
    pub id: String,
    /// Insertion or deletion.
    pub kind: MarkKind,
    /// Who suggested it; empty when the story has no record of it.
    pub author: String,
    /// When; `None` when the story has no record of it.
    pub at: Option<Timestamp>,
    /// Where it is.
    pub field: ChangeField,
    /// The text inserted or suggested for deletion.
    pub text: String,
}

impl Change {
    /// The change `mark` (of one of `suggestions`) in `field`, showing `text`.
    fn of(mark: &tracked::Mark, suggestions: &[Suggestion], field: ChangeField, text: String) -> Self {
        let record = suggestions.iter().find(|s| s.id == mark.id);
        Change {
            id: mark.id.clone(),
            kind: mark.kind,
            author: record.map(|s| s.author.clone()).unwrap_or_default(),
            at: record.map(|s| s.at),
            field,
            text,
        }
    }
}

/// Where a pending suggestion is: one of the story's text fields, or the
/// caption of one of its photos.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeField {
    /// The headline, dek or body.
    Text(TextField),
    /// The caption of this photo.
    Caption(PhotoId),
}

impl ChangeField {
    /// The photo whose caption it is, if it is one.
    pub fn photo(&self) -> Option<&PhotoId> {
        match self {
            ChangeField::Caption(photo) => Some(photo),
            ChangeField::Text(_) => None,
        }
    }
}

/// A comment thread, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentThread {
    /// The id its anchor carries (`c1`).
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: Timestamp,
    /// What it says.
    pub text: String,
    /// The field its anchor is in; `None` when no field holds it.
    pub field: Option<TextField>,
    /// The text it is on, as the editor shows it (suggestions in it
    /// visible); empty when it is on no text: put at a point (as Word
    /// does), or on text since deleted.
    pub anchor: String,
    /// For a comment on no text in a field, the words just before it
    /// ([`tracked::words_before`]; empty at the field's start): where it
    /// sits.
    pub before: String,
    /// Resolved.
    pub resolved: bool,
    /// Replies, oldest first.
    pub replies: Vec<Reply>,
}

/// A story's tracked changes and comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrackedList {
    /// Pending suggestions: headline, dek, body, then the captions of the
    /// story's photos in their order, each in text order.
    pub changes: Vec<Change>,
    /// Comment threads in the order of their anchors (headline, dek,
    /// body), then any whose anchor no field holds.
    pub comments: Vec<CommentThread>,
}

/// Whether `author` is `wanted` (trimmed, ignoring case).
fn same_author(author: &str, wanted: &str) -> bool {
    author.trim().to_lowercase() == wanted.trim().to_lowercase()
}

/// Story `slug`'s pending suggestions and comments; only `author`'s when
/// given.
pub fn list_tracked(project: &Project, slug: &str, author: Option<&str>) -> Result<TrackedList, Refused> {
    let story = find_story(project, slug)?;
    let mut list = tracked_list(project, story);
    if let Some(wanted) = author {
        list.changes.retain(|change| same_author(&change.author, wanted));
        list.comments.retain(|comment| same_author(&comment.author, wanted));
    }
    Ok(list)
}

/// Every pending suggestion and comment thread of `story` (of `project`,
/// whose photos' captions may hold suggestions too).
pub fn tracked_list(project: &Project, story: &Story) -> TrackedList {
    let mut list = TrackedList::default();
    for field in TRACKED_FIELDS {
        let text = story.text(field);
        if !tracked::has_marks(text) {
            continue;
        }
        let parsed = tracked::parse(text);
        for mark in &parsed.marks {
            let shown = parsed.shown.get(mark.range.clone()).unwrap_or_default().to_owned();
            match mark.kind {
                MarkKind::Insert | MarkKind::Delete => {
                    list.changes.push(Change::of(mark, &story.suggestions, ChangeField::Text(field), shown));
                }
                MarkKind::Comment => {
                    let listed = list.comments.iter().any(|c| c.id == mark.id);
                    if let Some(comment) = story.comments.iter().find(|c| c.id == mark.id)
                        && !listed
                    {
                        let before = if shown.is_empty() {
                            tracked::words_before(&parsed.shown, mark.range.start, 40)
                        } else {
                            String::new()
                        };
                        list.comments.push(CommentThread { before, ..thread(comment, Some(field), shown) });
                    }
                }
            }
        }
    }
    for comment in &story.comments {
        if !list.comments.iter().any(|c| c.id == comment.id) {
            list.comments.push(thread(comment, None, String::new()));
        }
    }
    for photo in story_photos(project, story).filter(|photo| tracked::has_marks(&photo.caption)) {
        let parsed = tracked::parse(&photo.caption);
        for mark in parsed.marks.iter().filter(|mark| mark.kind != MarkKind::Comment) {
            let shown = parsed.shown.get(mark.range.clone()).unwrap_or_default().to_owned();
            list.changes.push(Change::of(mark, &photo.suggestions, ChangeField::Caption(photo.id.clone()), shown));
        }
    }
    list
}

/// The photos `story` uses, in its order, each once.
pub fn story_photos<'a>(project: &'a Project, story: &'a Story) -> impl Iterator<Item = &'a Photo> {
    let mut seen = std::collections::HashSet::new();
    story.photos.iter().filter(move |used| seen.insert(&used.photo)).filter_map(|used| project.photo(&used.photo))
}

fn thread(comment: &crate::model::Comment, field: Option<TextField>, anchor: String) -> CommentThread {
    CommentThread {
        id: comment.id.clone(),
        author: comment.author.clone(),
        at: comment.at,
        text: comment.text.clone(),
        field,
        anchor,
        before: String::new(),
        resolved: comment.resolved,
        replies: comment.replies.clone(),
    }
}

/// Accepts (`accept`) or rejects every pending suggestion of story `slug`,
/// or only `author`'s, stamped `now`, as one undo step: the edit and how
/// many suggestions it resolves, or `None` when there are none to resolve.
pub fn resolve_all(
    project: &Project,
    slug: &str,
    accept: bool,
    author: Option<&str>,
    now: Timestamp,
) -> Result<Option<(Edit, usize)>, Refused> {
    let story = find_story(project, slug)?;
    // A suggestion the story has no record of has no author to match.
    let picked = |_: &str, by: Option<&str>| author.is_none_or(|wanted| by.is_some_and(|by| same_author(by, wanted)));
    let count = tracked_list(project, story)
        .changes
        .iter()
        .filter(|change| picked(&change.id, change.at.is_some().then_some(change.author.as_str())))
        .count();
    let Some(edit) = resolve_with_captions(project, story, accept, picked) else { return Ok(None) };
    let stamped = Edit::Batch(vec![edit, Edit::SetUpdated { story: story.slug.clone(), at: now }]);
    Ok(Some((stamped, count)))
}

/// The edit that accepts (`accept`) or rejects the suggestions `which`
/// picks (by id and author) in `story` and in the captions of its photos,
/// as one step; `None` when it picks none. What the window's and the
/// command line's "all" and "one author's" do.
pub fn resolve_with_captions(
    project: &Project,
    story: &Story,
    accept: bool,
    which: impl Fn(&str, Option<&str>) -> bool + Copy,
) -> Option<Edit> {
    let mut edits: Vec<Edit> = resolve_suggestions(story, accept, which).into_iter().collect();
    edits.extend(story_photos(project, story).filter_map(|photo| resolve_caption_suggestions(photo, accept, which)));
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::{Comment, Slug, Suggestion};

    fn project() -> Project {
        let at = Timestamp::EPOCH;
        let mut project = Project::new("Desk");
        let mut story = Story::new(Slug::new("iraq").unwrap(), at);
        story.headline = "Drones {++s1|strike ++}base".into();
        story.body = "The {--s2|old --}{==c1|base {++s3|was ++}hit==}.".into();
        story.suggestions = vec![
            Suggestion { id: "s1".into(), kind: MarkKind::Insert, author: "Ana".into(), at },
            Suggestion { id: "s2".into(), kind: MarkKind::Delete, author: "Ben".into(), at },
            Suggestion { id: "s3".into(), kind: MarkKind::Insert, author: "Ana".into(), at },
        ];
        story.comments = vec![
            Comment {
                id: "c2".into(),
                author: "Ben".into(),
                at,
                text: "Orphan".into(),
                resolved: true,
                replies: vec![],
            },
            Comment {
                id: "c1".into(),
                author: "Ana".into(),
                at,
                text: "Source?".into(),
                resolved: false,
                replies: vec![],
            },
        ];
        let id = PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap();
        let mut photo = Photo::new(id.clone(), "a.jpg".into(), "a.jpg".into(), 1, 1);
        photo.caption = "Troops {--sa1|on --}near Mosul.".into();
        photo.suggestions = vec![Suggestion { id: "sa1".into(), kind: MarkKind::Delete, author: "Ana".into(), at }];
        story.photos.push(crate::model::PhotoUse::of(id));
        project.photos.push(photo);
        project.stories.push(story);
        project
    }

    #[test]
    fn the_list_follows_the_text_and_names_each_author() {
        let list = list_tracked(&project(), "iraq", None).unwrap();
        let changes: Vec<(&str, MarkKind, &str, ChangeField, &str)> = list
            .changes
            .iter()
            .map(|c| (c.id.as_str(), c.kind, c.author.as_str(), c.field.clone(), c.text.as_str()))
            .collect();
        let caption = ChangeField::Caption(PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap());
        assert_eq!(
            changes,
            [
                ("s1", MarkKind::Insert, "Ana", ChangeField::Text(TextField::Headline), "strike "),
                ("s2", MarkKind::Delete, "Ben", ChangeField::Text(TextField::Body), "old "),
                ("s3", MarkKind::Insert, "Ana", ChangeField::Text(TextField::Body), "was "),
                ("sa1", MarkKind::Delete, "Ana", caption, "on "),
            ]
        );
        assert_eq!(list.comments[0].id, "c1");
        assert_eq!(list.comments[0].anchor, "base was hit");
        assert_eq!((list.comments[1].id.as_str(), list.comments[1].field), ("c2", None));
        let ben = list_tracked(&project(), "iraq", Some(" ben ")).unwrap();
        assert_eq!((ben.changes.len(), ben.comments.len()), (1, 1));
        let ana = list_tracked(&project(), "iraq", Some("Ana")).unwrap();
        assert_eq!(ana.changes.len(), 3, "hers in the story and in the caption");
    }

    #[test]
    fn one_authors_suggestions_are_resolved_and_the_rest_stay() {
        let mut project = project();
        let (edit, count) = resolve_all(&project, "iraq", true, Some("ana"), Timestamp::EPOCH).unwrap().unwrap();
        assert_eq!(count, 3);
        edit.apply(&mut project).unwrap();
        assert_eq!(project.photos[0].caption, "Troops near Mosul.", "her caption suggestion is accepted too");
        assert!(project.photos[0].suggestions.is_empty());
        let story = &project.stories[0];
        assert_eq!(story.headline, "Drones strike base");
        assert_eq!(story.body, "The {--s2|old --}{==c1|base was hit==}.");
        assert_eq!(story.suggestions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s2"]);
        assert_eq!(resolve_all(&project, "iraq", true, Some("Ana"), Timestamp::EPOCH).unwrap(), None);
        let (edit, count) = resolve_all(&project, "iraq", false, None, Timestamp::EPOCH).unwrap().unwrap();
        assert_eq!(count, 1);
        edit.apply(&mut project).unwrap();
        assert_eq!(project.stories[0].body, "The old {==c1|base was hit==}.");
        assert!(matches!(
            resolve_all(&project, "nope", true, None, Timestamp::EPOCH),
            Err(Refused::NoSuchStory { .. })
        ));
    }
}
