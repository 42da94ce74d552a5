//! Edits of tracked changes and comments: accepting or rejecting
//! suggestions (one, all, or one author's), commenting on text, replying,
//! resolving and reopening. Each is one undo step: the marks in the text
//! fields (`SetText`) and the authors and threads (`SetTracking`) change
//! together.

use std::borrow::Cow;
use std::collections::HashSet;

use super::Edit;
use crate::model::tracked::{self, MarkKind, Tracked};
use crate::model::{Comment, Photo, Reply, Story, Suggestion, TextField, Timestamp};

/// The fields suggestions and comments can be in.
pub const TRACKED_FIELDS: [TextField; 3] = [TextField::Headline, TextField::Dek, TextField::Body];

/// The edit that accepts (`accept`) or rejects the suggestions of `story`
/// that `which` picks (by id and author); `None` when it picks none.
pub fn resolve_suggestions(story: &Story, accept: bool, which: impl Fn(&str, Option<&str>) -> bool) -> Option<Edit> {
    let mut edits = Vec::new();
    let mut resolved: Vec<String> = Vec::new();
    for field in TRACKED_FIELDS {
        let text = story.text(field);
        if !tracked::has_marks(text) {
            continue;
        }
        let new = resolve_in(text, &story.suggestions, (accept, &which), &mut resolved);
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
    let id = tracked::fresh_id(&id_prefix('c', author), story.comments.iter().map(|c| c.id.as_str()));
    shown.marks.push(tracked::Mark { kind: MarkKind::Comment, id: id.clone(), range });
    tracked::sort_marks(&mut shown.marks);
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

/// The edit for typing in a field that may hold suggestions: the field's
/// shown text became `new_shown` (what the text field holds after a
/// keystroke, a paste, a cut). In suggestion mode (`suggesting`) inserted
/// text becomes `author`'s suggested insertion (extending one of theirs it
/// touches) and deleted text a suggested deletion, still there until
/// resolved; deleting inside the author's own insertion really deletes. Out
/// of suggestion mode the text changes as typed and the marks around move
/// with it. Either way another editor's suggestion cannot be altered: the
/// error names its author. `Ok(None)` when nothing changed.
pub fn typed(
    story: &Story,
    field: TextField,
    new_shown: &str,
    by: (&str, Timestamp),
    suggesting: bool,
) -> Result<Option<Edit>, String> {
    let others: Vec<String> =
        TRACKED_FIELDS.iter().filter(|f| **f != field).flat_map(|f| tracked::suggestion_ids(story.text(*f))).collect();
    let typing = Typing { text: story.text(field), suggestions: &story.suggestions, kept: &others };
    let Some((text, suggestions)) = typing.typed(new_shown, by, suggesting)? else { return Ok(None) };
    let set_text = Edit::SetText { story: story.slug.clone(), field, text };
    // Borrowed: no record was added or removed, nothing to compare.
    if matches!(suggestions, Cow::Borrowed(_)) || *suggestions == *story.suggestions {
        return Ok(Some(set_text));
    }
    let suggestions = suggestions.into_owned();
    let tracking = Edit::SetTracking { story: story.slug.clone(), suggestions, comments: story.comments.clone() };
    Ok(Some(Edit::Batch(vec![set_text, tracking])))
}

/// Typing in a photo's caption, as [`typed`] does in a story's field: the
/// photo with its new caption and suggestions (`Edit::SetPhoto`).
pub fn typed_caption(
    photo: &Photo,
    new_shown: &str,
    by: (&str, Timestamp),
    suggesting: bool,
) -> Result<Option<Edit>, String> {
    let typing = Typing { text: &photo.caption, suggestions: &photo.suggestions, kept: &[] };
    let Some((caption, suggestions)) = typing.typed(new_shown, by, suggesting)? else { return Ok(None) };
    let suggestions = suggestions.into_owned();
    Ok(Some(Edit::SetPhoto(Box::new(Photo { caption, suggestions, ..photo.clone() }))))
}

/// The edit that accepts (`accept`) or rejects the suggestions in a photo's
/// caption that `which` picks (by id and author); `None` when it picks
/// none.
pub fn resolve_caption_suggestions(
    photo: &Photo,
    accept: bool,
    which: impl Fn(&str, Option<&str>) -> bool,
) -> Option<Edit> {
    let mut resolved: Vec<String> = Vec::new();
    let caption = resolve_in(&photo.caption, &photo.suggestions, (accept, &which), &mut resolved);
    if resolved.is_empty() {
        return None;
    }
    let suggestions = photo.suggestions.iter().filter(|s| !resolved.contains(&s.id)).cloned().collect();
    Some(Edit::SetPhoto(Box::new(Photo { caption, suggestions, ..photo.clone() })))
}

/// Which suggestions to resolve, by id and author.
type Picks<'a> = dyn Fn(&str, Option<&str>) -> bool + 'a;

/// `text` with the suggestions that `which` picks (by id and author, from
/// `suggestions`) accepted or rejected; their ids are added to `resolved`.
fn resolve_in(
    text: &str,
    suggestions: &[Suggestion],
    (accept, which): (bool, &Picks<'_>),
    resolved: &mut Vec<String>,
) -> String {
    let author_of = |id: &str| suggestions.iter().find(|s| s.id == id).map(|s| s.author.as_str());
    let mut new = text.to_owned();
    for id in tracked::suggestion_ids(text) {
        if which(&id, author_of(&id)) {
            new = tracked::resolve(&new, &id, accept);
            resolved.push(id);
        }
    }
    new
}

/// What typing made: the text, with marks, and its suggestions (borrowed
/// when no record was added or removed).
type Typed<'a> = (String, Cow<'a, [Suggestion]>);

/// A text with marks being typed in, and what its suggestions are.
struct Typing<'a> {
    /// The text, with marks.
    text: &'a str,
    /// The suggestions its marks (and those of `kept`) are of.
    suggestions: &'a [Suggestion],
    /// Ids of suggestions that are in other texts: kept whatever happens
    /// to this one.
    kept: &'a [String],
}

impl<'a> Typing<'a> {
    /// The new text and suggestions (the same records, not copied, when
    /// none was added or removed); see [`typed`]. A keystroke in a long
    /// body with hundreds of suggestions pays for copying the text and its
    /// marks once, not for comparing every mark with every record.
    fn typed(
        &self,
        new_shown: &str,
        (author, at): (&str, Timestamp),
        suggesting: bool,
    ) -> Result<Option<Typed<'a>>, String> {
        let parsed = tracked::parse_shared(self.text);
        let (mut start, mut old_end, mut new_end) = crate::diff::changed_span(&parsed.shown, new_shown);
        if start == old_end && start == new_end {
            return Ok(None);
        }
        // The shown text with room for what was typed, and the marks.
        let mut shown = String::with_capacity(parsed.shown.len() + (new_end - start));
        shown.push_str(&parsed.shown);
        let mut doc = Tracked { shown, marks: parsed.marks.clone() };
        if suggesting && start == new_end {
            // A backspace just after a suggested deletion: where equal
            // characters meet ("\n" and a deleted "\n") the field's text cannot
            // say which one went, and the first difference falls inside the
            // deletion, which would make the key do nothing. The one before it
            // went, when taking that one out gives the same text.
            let len = old_end - start;
            let before = doc.marks.iter().find(|m| m.kind == MarkKind::Delete && covers(m, &(start..old_end)));
            if let Some(candidate) = before.and_then(|mark| mark.range.start.checked_sub(len))
                && let (Some(head), Some(tail)) = (doc.shown.get(..candidate), doc.shown.get(candidate + len..))
                && new_shown.len() == head.len() + tail.len()
                && new_shown.starts_with(head)
                && new_shown.ends_with(tail)
            {
                (start, old_end, new_end) = (candidate, candidate + len, candidate);
            }
        }
        let inserted = new_shown.get(start..new_end).unwrap_or_default();
        let deleted = start..old_end;
        let owner = |id: &str| self.suggestions.iter().find(|s| s.id == id).map(|s| s.author.as_str());
        let mine = |mark: &tracked::Mark| owner(&mark.id) == Some(author);
        // Another editor's suggestion: deleting into their insertion, or
        // typing inside either kind, alters it. (Where a mark is, is
        // checked before whose it is: only the marks at the edit are.)
        for mark in doc.marks.iter().filter(|m| m.kind != MarkKind::Comment) {
            let overlaps = mark.range.start < deleted.end && deleted.start < mark.range.end;
            let inside = mark.range.start < start && start < mark.range.end;
            let alters = match mark.kind {
                MarkKind::Insert => overlaps || (inside && !inserted.is_empty()),
                MarkKind::Delete => (!suggesting && overlaps) || (inside && !inserted.is_empty()),
                MarkKind::Comment => false,
            };
            if alters && !mine(mark) {
                let who = owner(&mark.id).unwrap_or("another editor");
                return Err(format!("that is {who}'s suggestion: it cannot be changed, only accepted or rejected"));
            }
        }
        let mut suggestions = Cow::Borrowed(self.suggestions);
        // The ids in use, gathered when a new one is first needed.
        let mut taken: Option<Vec<String>> = None;
        let mut new_id = |suggestions: &mut Cow<'_, [Suggestion]>, kind: MarkKind| {
            let taken = taken.get_or_insert_with(|| {
                suggestions.iter().map(|s| s.id.clone()).chain(parsed.marks.iter().map(|m| m.id.clone())).collect()
            });
            let id = tracked::fresh_id(&id_prefix('s', author), taken.iter().map(String::as_str));
            taken.push(id.clone());
            suggestions.to_mut().push(Suggestion { id: id.clone(), kind, author: author.to_owned(), at });
            id
        };
        // Where the typed text goes: after what stays of the deleted stretch.
        let mut insert_at = start;
        if suggesting {
            // Right to left, so positions on the left stay true.
            for piece in pieces(&doc, deleted.clone()).into_iter().rev() {
                let in_own_insert =
                    doc.marks.iter().any(|m| m.kind == MarkKind::Insert && covers(m, &piece) && mine(m));
                let in_delete = doc.marks.iter().any(|m| m.kind == MarkKind::Delete && covers(m, &piece));
                if in_own_insert {
                    tracked::remove_range(&mut doc, piece);
                } else {
                    insert_at += piece.len();
                    if !in_delete {
                        let id = new_id(&mut suggestions, MarkKind::Delete);
                        doc.marks.push(tracked::Mark { kind: MarkKind::Delete, id, range: piece });
                    }
                }
            }
        } else {
            tracked::remove_range(&mut doc, deleted);
        }
        if !inserted.is_empty() {
            insert_text(&mut doc, insert_at, inserted);
            let extends = |m: &tracked::Mark| {
                m.kind == MarkKind::Insert && m.range.start <= insert_at && insert_at <= m.range.end && mine(m)
            };
            let grown = doc.marks.iter_mut().find(|m| extends(m));
            match grown {
                Some(mark) => mark.range.end = mark.range.end.max(insert_at + inserted.len()),
                None if suggesting => {
                    let id = new_id(&mut suggestions, MarkKind::Insert);
                    doc.marks.push(tracked::Mark {
                        kind: MarkKind::Insert,
                        id,
                        range: insert_at..insert_at + inserted.len(),
                    });
                }
                None => {}
            }
        }
        tracked::sort_marks(&mut doc.marks);
        merge_neighbours(&mut doc, &mut suggestions, author);
        let text = tracked::render(&doc);
        // Suggestions whose marks are gone (an own insertion deleted whole).
        let ids: HashSet<&str, foldhash::fast::RandomState> =
            doc.marks.iter().filter(|m| m.kind != MarkKind::Comment).map(|m| m.id.as_str()).collect();
        let gone = |s: &Suggestion| !ids.contains(s.id.as_str()) && !self.kept.contains(&s.id);
        if suggestions.iter().any(gone) {
            suggestions.to_mut().retain(|s| !gone(s));
        }
        // The next frame reads the new text's marks: it need not parse it.
        tracked::remember(&text, doc);
        Ok(Some((text, suggestions)))
    }
}

/// The start of the ids an author's suggestions (`s`) or comments (`c`)
/// get: the letter and their initials (`sar` for Ana Ruiz), so two editors
/// on two machines do not both make an `s1` for git to merge.
fn id_prefix(letter: char, author: &str) -> String {
    let initials: String = author
        .split_whitespace()
        .filter_map(|word| word.chars().find(char::is_ascii_alphanumeric))
        .map(|c| c.to_ascii_lowercase())
        .take(3)
        .collect();
    format!("{letter}{}", if initials.is_empty() { "x" } else { &initials })
}

/// `range` cut at every suggestion's edge, so each piece is wholly inside
/// or outside each suggestion.
fn pieces(doc: &Tracked, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut cuts = vec![range.start, range.end];
    for mark in doc.marks.iter().filter(|m| m.kind != MarkKind::Comment) {
        for at in [mark.range.start, mark.range.end] {
            if range.start < at && at < range.end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| match w {
            [a, b] if a < b => Some(*a..*b),
            _ => None,
        })
        .collect()
}

fn covers(mark: &tracked::Mark, piece: &std::ops::Range<usize>) -> bool {
    mark.range.start <= piece.start && piece.end <= mark.range.end
}

/// Puts `text` into the shown text at `at`, moving marks after it.
fn insert_text(doc: &mut Tracked, at: usize, text: &str) {
    if !doc.shown.is_char_boundary(at) {
        return;
    }
    doc.shown.insert_str(at, text);
    for mark in &mut doc.marks {
        if mark.range.start > at || (mark.range.start == at && mark.kind != MarkKind::Comment) {
            mark.range.start += text.len();
        }
        if mark.range.end > at || (mark.range.end == at && mark.kind == MarkKind::Comment && mark.range.start < at) {
            mark.range.end += text.len();
        }
    }
}

/// Adjacent suggestions of one kind by `author` become one (a word
/// deleted letter by letter is one deletion).
fn merge_neighbours(doc: &mut Tracked, suggestions: &mut Cow<'_, [Suggestion]>, author: &str) {
    let mut index = 0;
    while index + 1 < doc.marks.len() {
        let (Some(a), Some(b)) = (doc.marks.get(index), doc.marks.get(index + 1)) else { break };
        let by = |id: &str| suggestions.iter().find(|s| s.id == id).map(|s| s.author.clone());
        let joinable = a.kind == b.kind
            && a.kind != MarkKind::Comment
            && a.range.end == b.range.start
            && by(&a.id).as_deref() == Some(author)
            && by(&b.id).as_deref() == Some(author);
        if joinable {
            let (end, gone) = (b.range.end, b.id.clone());
            doc.marks.remove(index + 1);
            if let Some(a) = doc.marks.get_mut(index) {
                a.range.end = end;
            }
            suggestions.to_mut().retain(|s| s.id != gone);
        } else {
            index += 1;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::{Project, Slug};

    fn story(body: &str) -> Story {
        let mut story = Story::new(Slug::new("s").unwrap(), Timestamp::EPOCH);
        story.body = body.to_owned();
        story
    }

    /// Types `new_shown` into the body as `who`, applying the edit.
    fn type_as(story: &mut Story, who: &str, new_shown: &str, suggesting: bool) -> Result<(), String> {
        let Some(edit) = typed(story, TextField::Body, new_shown, (who, Timestamp::EPOCH), suggesting)? else {
            return Ok(());
        };
        let mut project = Project::new("p");
        project.stories.push(story.clone());
        edit.apply(&mut project).unwrap();
        *story = project.stories.remove(0);
        Ok(())
    }

    #[test]
    fn typing_in_suggestion_mode_marks_insertions_and_deletions() {
        let mut story = story("The text.");
        type_as(&mut story, "Ana", "The new text.", true).unwrap();
        assert_eq!(story.body, "The {++sa1|new ++}text.");
        assert_eq!(story.suggestions[0].author, "Ana");
        // Typing on at the end of one's own insertion extends it.
        type_as(&mut story, "Ana", "The newer text.", true).unwrap();
        assert_eq!(story.body, "The {++sa1|newer ++}text.");
        assert_eq!(story.suggestions.len(), 1);
        // Backspace over the original text marks it, letter by letter, as one deletion.
        type_as(&mut story, "Ana", "The newer text", true).unwrap();
        assert_eq!(story.body, "The {++sa1|newer ++}text{--sa2|.--}");
        type_as(&mut story, "Ana", "The newer tex.", true).unwrap();
        assert_eq!(story.body, "The {++sa1|newer ++}tex{--sa3|t.--}");
        assert_eq!(tracked::as_it_stands(&story.body), "The text.");
        // Deleting inside one's own insertion really deletes; all of it, and the suggestion is gone.
        type_as(&mut story, "Ana", "The text.", true).unwrap();
        assert_eq!(story.body, "The tex{--sa3|t.--}");
        assert_eq!(story.suggestions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["sa3"]);
    }

    #[test]
    fn two_enters_split_a_paragraph_and_two_backspaces_join_two_as_one_suggestion_each() {
        let mut story = story("One two.\n\nThree.");
        // Enter twice after "One": one insertion of a blank line.
        type_as(&mut story, "Ana", "One\n two.\n\nThree.", true).unwrap();
        type_as(&mut story, "Ana", "One\n\n two.\n\nThree.", true).unwrap();
        assert_eq!(story.body, "One{++sa1|\n\n++} two.\n\nThree.");
        // Backspace twice at the start of "Three.": one deletion of the blank line.
        let shown = tracked::parse(&story.body).shown;
        let once = shown.replacen("\n\nThree", "\nThree", 1);
        type_as(&mut story, "Ana", &once, true).unwrap();
        let shown = tracked::parse(&story.body).shown;
        let at = shown.find("\n\nThree").unwrap();
        let twice = format!("{}{}", &shown[..at], &shown[at + 1..]);
        type_as(&mut story, "Ana", &twice, true).unwrap();
        assert_eq!(story.body, "One{++sa1|\n\n++} two.{--sa3|\n\n--}Three.");
        assert_eq!(tracked::all_accepted(&story.body), "One\n\n two.Three.");
        assert_eq!(tracked::as_it_stands(&story.body), "One two.\n\nThree.");
    }

    #[test]
    fn another_editors_suggestion_cannot_be_altered() {
        let mut story = story("The text.");
        type_as(&mut story, "Ana", "The new text.", true).unwrap();
        let before = story.clone();
        let refused = type_as(&mut story, "Ben", "The nXew text.", true).unwrap_err();
        assert!(refused.contains("Ana's suggestion"), "{refused}");
        assert!(type_as(&mut story, "Ben", "The text.", false).is_err(), "not even out of suggestion mode");
        assert_eq!(story, before);
        // Next to it is fine, and is Ben's own.
        type_as(&mut story, "Ben", "The new old text.", true).unwrap();
        assert_eq!(story.body, "The {++sa1|new ++}{++sb1|old ++}text.");
        assert_eq!(story.suggestions[1].author, "Ben");
    }

    #[test]
    fn plain_typing_moves_the_marks_along() {
        let mut story = story("The {++s1|new ++}text.");
        story.suggestions.push(crate::model::Suggestion {
            id: "s1".into(),
            kind: MarkKind::Insert,
            author: "Ana".into(),
            at: Timestamp::EPOCH,
        });
        type_as(&mut story, "Ben", "So the new text.", false).unwrap();
        assert_eq!(story.body, "So the {++s1|new ++}text.");
        let accepted = resolve_suggestions(&story, true, |_, _| true).unwrap();
        let mut project = Project::new("p");
        project.stories.push(story);
        accepted.apply(&mut project).unwrap();
        assert_eq!(project.stories[0].body, "So the new text.");
        assert!(project.stories[0].suggestions.is_empty());
    }

    #[test]
    fn a_caption_takes_suggestions_of_its_own_and_resolves_them() {
        let id = crate::model::PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap();
        let mut project = Project::new("p");
        let mut photo = Photo::new(id, "a.jpg".into(), "a.jpg".into(), 1, 1);
        photo.caption = "Soldiers on patrol.".into();
        project.photos.push(photo);
        let type_caption = |project: &mut Project, who: &str, shown: &str, suggesting: bool| {
            let edit = typed_caption(&project.photos[0], shown, (who, Timestamp::EPOCH), suggesting)?;
            edit.unwrap().apply(project).unwrap();
            Ok::<(), String>(())
        };
        type_caption(&mut project, "Ana Ruiz", "Soldiers on a patrol.", true).unwrap();
        type_caption(&mut project, "Ana Ruiz", "Soldiers on a patrol", true).unwrap();
        let photo = &project.photos[0];
        assert_eq!(photo.caption, "Soldiers on {++sar1|a ++}patrol{--sar2|.--}");
        assert_eq!(photo.caption_as_it_stands(), "Soldiers on patrol.");
        assert!(photo.has_pending_suggestions());
        assert_eq!(photo.suggestions.iter().map(|s| s.author.as_str()).collect::<Vec<_>>(), ["Ana Ruiz"; 2]);
        // Ben cannot change Ana's insertion, only accept or reject it.
        let refused = type_caption(&mut project, "Ben", "Soldiers on patrol", false).unwrap_err();
        assert!(refused.contains("Ana Ruiz's suggestion"), "{refused}");
        let accept = resolve_caption_suggestions(&project.photos[0], true, |id, _| id == "sar1").unwrap();
        accept.apply(&mut project).unwrap();
        let reject = resolve_caption_suggestions(&project.photos[0], false, |_, by| by == Some("Ana Ruiz")).unwrap();
        reject.apply(&mut project).unwrap();
        let photo = &project.photos[0];
        assert_eq!((photo.caption.as_str(), photo.suggestions.len()), ("Soldiers on a patrol.", 0));
        assert!(resolve_caption_suggestions(photo, true, |_, _| true).is_none(), "nothing left to resolve");
    }
}
