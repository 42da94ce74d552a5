//! Marks placed in a text as it is now: [`PlacedMark`] carries both the
//! byte range (to apply a fix to the string) and the `char` range (what
//! egui's galleys count in), and [`shift_marks`] carries marks over to an
//! edited text so they do not flicker away while the new text is checked.

use std::ops::Range;

use super::{Mark, MarkCounts, MarkKind};

/// A mark with its position in the current text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedMark {
    /// The `char`s of the text it covers.
    pub chars: Range<usize>,
    /// The mark itself; its `range` is in bytes of the same text.
    pub mark: Mark,
}

impl PlacedMark {
    /// The kind of mark.
    pub fn kind(&self) -> MarkKind {
        self.mark.kind
    }
}

/// Places `marks` (byte ranges into `text`, as the proofreader returns them)
/// in `text`. A mark whose range does not fit `text` is left out. The result
/// is sorted by position.
pub fn place_marks(text: &str, mut marks: Vec<Mark>) -> Vec<PlacedMark> {
    marks.sort_by_key(|mark| (mark.range.start, mark.range.end));
    let mut placed = Vec::with_capacity(marks.len());
    // One walk over the text for all marks: `chars` counts the chars before
    // byte `byte`.
    let mut indices = text.char_indices().map(|(byte, _)| byte).chain(std::iter::once(text.len())).enumerate();
    let mut position = indices.next();
    let mut char_at = |target: usize| -> Option<usize> {
        while let Some((chars, byte)) = position {
            if byte == target {
                return Some(chars);
            }
            if byte > target {
                return None;
            }
            position = indices.next();
        }
        None
    };
    for mark in marks {
        if text.get(mark.range.clone()).is_none() {
            continue;
        }
        let (Some(start), Some(end)) = (char_at(mark.range.start), char_at(mark.range.end)) else {
            continue;
        };
        placed.push(PlacedMark { chars: start..end, mark });
    }
    placed
}

/// Carries marks placed in `old` over to `new`, the same text after one
/// edit: marks before the changed stretch stay, marks after it move with
/// the text, and marks touching it are dropped (the check that follows
/// decides about those). Costs one pass over the common start and end.
pub fn shift_marks(old: &str, new: &str, marks: &[PlacedMark]) -> Vec<PlacedMark> {
    let mut shifted = marks.to_vec();
    shift_marks_in_place(old, new, &mut shifted);
    shifted
}

/// [`shift_marks`] on the marks where they are: nothing is copied, the
/// marks on the change are dropped (a keystroke in a long body moves
/// hundreds of marks).
pub fn shift_marks_in_place(old: &str, new: &str, marks: &mut Vec<PlacedMark>) {
    let (start, old_end, new_end) = crate::diff::changed_span(old, new);
    let prefix = Position { bytes: start, chars: old.get(..start).map_or(0, count_chars) };
    let changed_chars = |text: &str, end: usize| prefix.chars + text.get(start..end).map_or(0, count_chars);
    let old_changed_end = Position { bytes: old_end, chars: changed_chars(old, old_end) };
    let (new_changed_end_bytes, new_changed_end_chars) = (new_end, changed_chars(new, new_end));
    marks.retain_mut(|placed| {
        if placed.mark.range.end < prefix.bytes {
            // Before the change. (A mark right next to it may have grown
            // or shrunk with it; the check that follows decides.)
            return true;
        }
        if placed.mark.range.start > old_changed_end.bytes {
            placed.mark.range = shift(&placed.mark.range, old_changed_end.bytes, new_changed_end_bytes);
            placed.chars = shift(&placed.chars, old_changed_end.chars, new_changed_end_chars);
            return true;
        }
        false
    });
}

/// A position in a text, in both units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Position {
    bytes: usize,
    chars: usize,
}

fn count_chars(text: &str) -> usize {
    text.chars().count()
}

/// `range` (after `from`) moved so that `from` lands on `to`.
fn shift(range: &Range<usize>, from: usize, to: usize) -> Range<usize> {
    (range.start - from + to)..(range.end - from + to)
}

/// Counts placed marks by kind.
pub fn count_placed(marks: &[PlacedMark]) -> MarkCounts {
    let mut counts = MarkCounts::default();
    for placed in marks {
        match placed.kind() {
            MarkKind::Spelling => counts.spelling += 1,
            MarkKind::Grammar => counts.grammar += 1,
            MarkKind::Style => counts.style += 1,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(range: Range<usize>) -> Mark {
        Mark { range, kind: MarkKind::Spelling, message: "".into(), suggestions: Vec::new().into(), respell: None }
    }

    fn words<'a>(text: &'a str, marks: &[PlacedMark]) -> Vec<&'a str> {
        marks.iter().map(|placed| text.get(placed.mark.range.clone()).unwrap_or("?")).collect()
    }

    #[test]
    fn places_in_chars() {
        let text = "“Héllo” wrold and teh";
        let placed = place_marks(text, vec![mark(23..26), mark(13..18), mark(3..4)]);
        assert_eq!(placed.iter().map(|p| p.chars.clone()).collect::<Vec<_>>(), [1..2, 8..13, 18..21]);
        assert_eq!(words(text, &placed), ["H", "wrold", "teh"]);
        // A range inside a char, or past the end, is left out.
        assert!(place_marks(text, vec![mark(1..2), mark(20..40)]).is_empty());
    }

    #[test]
    fn shifts_with_typing() {
        let old = "The goverment said. Teh end.";
        let placed = place_marks(old, vec![mark(4..13), mark(20..23)]);
        // Typing before both marks moves them.
        let new = "Yes. The goverment said. Teh end.";
        let shifted = shift_marks(old, new, &placed);
        assert_eq!(words(new, &shifted), ["goverment", "Teh"]);
        assert_eq!(shifted.first().map(|p| p.chars.clone()), Some(9..18));
        // Typing between them keeps the first and moves the second.
        let new = "The goverment said so. Teh end.";
        let shifted = shift_marks(old, new, &placed);
        assert_eq!(words(new, &shifted), ["goverment", "Teh"]);
        assert_eq!(shifted.get(1).map(|p| p.chars.clone()), Some(23..26));
        // Fixing a mark drops it.
        let new = "The government said. Teh end.";
        assert_eq!(words(new, &shift_marks(old, new, &placed)), ["Teh"]);
        // Typing right after a mark's last letter extends the word: dropped.
        let new = "The govermentx said. Teh end.";
        assert_eq!(words(new, &shift_marks(old, new, &placed)), ["Teh"]);
        // Non-ASCII before a mark moves it in bytes and chars differently.
        let new = "The goverment “said”. Teh end.";
        let shifted = shift_marks(old, new, &placed);
        assert_eq!(words(new, &shifted), ["goverment", "Teh"]);
        assert_eq!(shifted.get(1).map(|p| p.chars.clone()), Some(22..25));
    }
}
