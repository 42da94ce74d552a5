//! Edits of tracked changes and comments: accepting or rejecting
//! suggestions (one, all, or one author's), commenting on text, replying,
//! resolving and reopening. Each is one undo step: the marks in the text
//! fields (`SetText`) and the authors and threads (`SetTracking`) change
//! together.

use super::Edit;
use crate::model::tracked::{self, MarkKind, Tracked};
use crate::model::{Comment, Reply, Story, TextField, Timestamp};

/// The fields suggestions and comments can be in.
pub const TRACKED_FIELDS: [TextField; 3] = [TextField::Headline, TextField::Dek, TextField::Body];

/// The edit that accepts (`accept`) or rejects the suggestions of `story`
/// that `which` picks (by id and author); `None` when it picks none.
pub fn resolve_suggestions(story: &Story, accept: bool, which: impl Fn(&str, Option<&str>) -> bool) -> Option<Edit> {
    let author_of = |id: &str| story.suggestions.iter().find(|s| s.id == id).map(|s| s.author.as_str());
    let mut edits = Vec::new();
    let mut resolved: Vec<String> = Vec::new();
    for field in TRACKED_FIELDS {
        let text = story.text(field);
        if !tracked::has_marks(text) {
            continue;
        }
        let mut new = text.to_owned();
        for id in tracked::suggestion_ids(text) {
            if which(&id, author_of(&id)) {
                new = tracked::resolve(&new, &id, accept);
                resolved.push(id);
            }
        }
        if new != text {
            edits.push(Edit::SetText { story: story.slug.clone(), field, text: new });
        }
    }
    if resolved.is_empty() {
        return None;
    }
    let suggestions = story.suggestions.iter().filter(|s| !resolved.contains(&s.id)).cloned().collect();
    edits.push(Edit::SetTracking { story: story.slug.clone(), suggestions, comments: story.comments.clone() });
    Some(Edit::Batch(edits))
}

/// The edit that puts a comment by `author` on the text at `range` (bytes
/// of the field as shown) of `field`; `None` when the range is not on a
/// character boundary of the shown text or overlaps a suggestion's edge.
pub fn add_comment(
    story: &Story,
    field: TextField,
    range: std::ops::Range<usize>,
    (author, at): (&str, Timestamp),
    text: &str,
) -> Option<Edit> {
    let mut shown: Tracked = tracked::parse(story.text(field));
    shown.shown.get(range.clone())?;
    // A comment's anchor may hold whole suggestions, never cut one.
    let cuts = shown.marks.iter().any(|mark| {
        let inside = |at: usize| at > mark.range.start && at < mark.range.end;
        mark.kind != MarkKind::Comment && (inside(range.start) || inside(range.end))
    });
    let in_comment = shown
        .marks
        .iter()
        .any(|mark| mark.kind == MarkKind::Comment && mark.range.start < range.end && range.start < mark.range.end);
    if cuts || in_comment {
        return None;
    }
    let id = tracked::fresh_id("c", story.comments.iter().map(|c| c.id.as_str()));
    shown.marks.push(tracked::Mark { kind: MarkKind::Comment, id: id.clone(), range });
    shown.marks.sort_by_key(|mark| (mark.range.start, std::cmp::Reverse(mark.range.end)));
    let mut comments = story.comments.clone();
    comments.push(Comment {
        id,
        author: author.to_owned(),
        at,
        text: text.to_owned(),
        resolved: false,
        replies: Vec::new(),
    });
    Some(Edit::Batch(vec![
        Edit::SetText { story: story.slug.clone(), field, text: tracked::render(&shown) },
        Edit::SetTracking { story: story.slug.clone(), suggestions: story.suggestions.clone(), comments },
    ]))
}

/// The edit that adds a reply to comment `id`; `None` when there is none.
pub fn reply_to_comment(story: &Story, id: &str, (author, at): (&str, Timestamp), text: &str) -> Option<Edit> {
    let mut comments = story.comments.clone();
    let comment = comments.iter_mut().find(|c| c.id == id)?;
    comment.replies.push(Reply { author: author.to_owned(), at, text: text.to_owned() });
    Some(Edit::SetTracking { story: story.slug.clone(), suggestions: story.suggestions.clone(), comments })
}

/// The edit that resolves (or reopens) comment `id`; `None` when there is
/// none or it already is.
pub fn set_comment_resolved(story: &Story, id: &str, resolved: bool) -> Option<Edit> {
    let mut comments = story.comments.clone();
    let comment = comments.iter_mut().find(|c| c.id == id && c.resolved != resolved)?;
    comment.resolved = resolved;
    Some(Edit::SetTracking { story: story.slug.clone(), suggestions: story.suggestions.clone(), comments })
}
