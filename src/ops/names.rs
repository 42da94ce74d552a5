//! Writing one spelling of a name in place of another throughout a story:
//! the fix of a name spelled two ways.

use crate::edit::Edit;
use crate::find::{FindOptions, Finder, Replacements, replace_all, replace_all_shown};
use crate::model::{Photo, PhotoId, Project, Story, TextField};

/// What writing `to` for `from` in a story does.
#[derive(Debug, Default)]
pub struct Respelled {
    /// One edit (one undo step) for the headline, dek and body where they
    /// hold no tracked changes or comments, and the captions and alt text
    /// of the story's photos; `None` when none of them has the name.
    pub edit: Option<Edit>,
    /// For each field that holds tracked changes or comments, the matches
    /// to type there (byte ranges of its text as shown), so each is typed
    /// like any edit: a suggestion in suggestion mode, refused inside
    /// another editor's suggestion.
    pub typed: Vec<(TextField, Replacements)>,
    /// For each of the story's photos whose caption holds suggestions, the
    /// caption as shown with the name written anew, to type there likewise.
    pub typed_captions: Vec<(PhotoId, String)>,
    /// How many times the story has `from`.
    pub count: usize,
}

/// Writes `to` wherever `story` has the whole word `from` (case as
/// written): its headline, dek and body, and its photos' captions and alt
/// text. `from` empty finds nothing.
pub fn respell(project: &Project, story: &Story, from: &str, to: &str) -> Respelled {
    let options = FindOptions { query: from.to_owned(), match_case: true, whole_word: true, regex: false };
    let Ok(finder) = Finder::new(&options) else { return Respelled::default() };
    if finder.is_empty() {
        return Respelled::default();
    }
    let (typed, mut count) = replace_all_shown(story, &finder, to);
    let mut typed_captions = Vec::new();
    let mut edits = Vec::new();
    if let Some((Edit::Batch(fields), replaced)) = replace_all(story, &finder, to) {
        edits.extend(fields);
        count += replaced;
    }
    for used in &story.photos {
        let Some(photo) = project.photo(&used.photo) else { continue };
        let (caption, in_caption) = if crate::model::tracked::has_marks(&photo.caption) {
            let shown = &crate::model::tracked::parse_shared(&photo.caption).shown;
            let (new_shown, found) = finder.replace_in(shown, to);
            if found > 0 {
                typed_captions.push((photo.id.clone(), new_shown));
            }
            (photo.caption.clone(), found)
        } else {
            finder.replace_in(&photo.caption, to)
        };
        let (alt_text, in_alt_text) = finder.replace_in(&photo.alt_text, to);
        count += in_caption + in_alt_text;
        if caption != photo.caption || alt_text != photo.alt_text {
            edits.push(Edit::SetPhoto(Box::new(Photo { caption, alt_text, ..photo.clone() })));
        }
    }
    Respelled { edit: (!edits.is_empty()).then_some(Edit::Batch(edits)), typed, typed_captions, count }
}
