//! The article editor's own state between frames: what is typed but not
//! yet read, the mark or change selected last, the selection a comment
//! would be on. Its own module, so the editor and the Details column's
//! tracking lists (`tracking_panel`) share it without using each other.

use std::ops::Range;

use super::text_marks::{Reveal, StoryMarks};
use crate::model::{Slug, TextField};
use crate::proofing::PlacedMark;

/// Editor state that is not the model's: text being typed that is not
/// parsed yet, the mark whose menu is open, and a place to bring into view.
#[derive(Clone, Debug, Default)]
pub struct EditorState {
    /// Tags as typed (parsed only when the field loses focus, so a
    /// half-typed "Iraq, " is not normalised away).
    pub(super) tags: Option<(Slug, String)>,
    /// The mark a right-click opened a menu for, with its field.
    pub(super) menu_mark: Option<(TextField, PlacedMark)>,
    /// The pending change a right-click opened a menu for: its field and id.
    pub(super) menu_change: Option<(TextField, String)>,
    /// Text to select and scroll to in the next frame.
    pub reveal: Option<Reveal>,
    /// The mark F7 selected last: its field and where it starts (chars).
    pub(super) last_mark: Option<(TextField, usize)>,
    /// A time field (publish time, deadline, embargo) as typed, read when
    /// the field is left; a time Copydesk cannot read stays here.
    pub(super) times: Vec<(Slug, crate::ops::Field, String)>,
    /// The assignee or editor as typed, set when the field is left.
    pub(super) person: Option<(Slug, crate::ops::Field, String)>,
    /// The text selected last in a tracked field: the field and its
    /// `char` range (what "Comment on the selection" comments on).
    pub(super) selection: Option<(TextField, Range<usize>)>,
    /// A comment being written: the field, its `char` range, the text.
    pub(super) new_comment: Option<(TextField, Range<usize>, String)>,
    /// A reply being written: the comment's id and the text.
    pub(super) reply: Option<(String, String)>,
    /// The change F8 selected last: its id.
    pub(super) last_change: Option<String>,
    /// Suggestion mode was on when the editor was last drawn.
    pub(super) suggesting: bool,
}

impl EditorState {
    /// Selects the first mark after the one selected last (wrapping
    /// around), for F7.
    pub fn reveal_next_mark(&mut self, marks: StoryMarks<'_>) {
        let rank =
            |field: TextField| [TextField::Headline, TextField::Dek, TextField::Body].iter().position(|f| *f == field);
        let all: Vec<(TextField, &PlacedMark)> = marks.all().collect();
        let after = |(field, placed): &(TextField, &PlacedMark)| {
            self.last_mark
                .is_none_or(|(last_field, start)| (rank(*field), placed.chars.start) > (rank(last_field), start))
        };
        let Some((field, placed)) = all.iter().find(|mark| after(mark)).or_else(|| all.first()) else {
            return;
        };
        self.last_mark = Some((*field, placed.chars.start));
        self.reveal = Some(Reveal { field: *field, chars: placed.chars.clone(), focus: true });
    }
}
