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
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(old.get(prefix.bytes..).unwrap_or(""), new.get(prefix.bytes..).unwrap_or(""));
    let old_changed_end = Position { bytes: old.len() - suffix.bytes, chars: old_chars(old, prefix, suffix) };
    let new_changed_end_bytes = new.len() - suffix.bytes;
    let new_changed_end_chars = prefix.chars + new.get(prefix.bytes..new_changed_end_bytes).map_or(0, count_chars);
    marks
        .iter()
        .filter_map(|placed| {
            if placed.mark.range.end < prefix.bytes {
                // Before the change. (A mark right next to it may have
                // grown or shrunk with it; the check that follows decides.)
                return Some(placed.clone());
            }
            if placed.mark.range.start > old_changed_end.bytes {
                let mut moved = placed.clone();
                moved.mark.range = shift(&placed.mark.range, old_changed_end.bytes, new_changed_end_bytes);
                moved.chars = shift(&placed.chars, old_changed_end.chars, new_changed_end_chars);
                return Some(moved);
            }
            None
        })
        .collect()
}

/// A position in a text, in both units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Position {
    bytes: usize,
    chars: usize,
}

/// The longest common start of two texts, on a char boundary.
fn common_prefix(a: &str, b: &str) -> Position {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    // Compare in blocks first (a memcmp each), then byte by byte in the
    // first block that differs: a long body costs microseconds.
    const BLOCK: usize = 256;
    let mut bytes = 0;
    while let (Some(p), Some(q)) = (x.get(bytes..bytes + BLOCK), y.get(bytes..bytes + BLOCK)) {
        if p != q {
            break;
        }
        bytes += BLOCK;
    }
    while let (Some(p), Some(q)) = (x.get(bytes), y.get(bytes)) {
        if p != q {
            break;
        }
        bytes += 1;
    }
    while !a.is_char_boundary(bytes) || !b.is_char_boundary(bytes) {
        bytes -= 1;
    }
    Position { bytes, chars: a.get(..bytes).map_or(0, count_chars) }
}

/// The longest common end of two texts, on a char boundary.
fn common_suffix(a: &str, b: &str) -> Position {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut bytes = 0;
    while bytes < x.len() && bytes < y.len() && x.get(x.len() - bytes - 1) == y.get(y.len() - bytes - 1) {
        bytes += 1;
    }
    while !a.is_char_boundary(a.len() - bytes) || !b.is_char_boundary(b.len() - bytes) {
        bytes -= 1;
    }
    Position { bytes, chars: a.get(a.len() - bytes..).map_or(0, count_chars) }
}

/// Chars of `old` up to the end of its changed stretch.
fn old_chars(old: &str, prefix: Position, suffix: Position) -> usize {
    let end = old.len() - suffix.bytes;
    prefix.chars + old.get(prefix.bytes..end).map_or(0, count_chars)
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
        Mark { range, kind: MarkKind::Spelling, message: "".into(), suggestions: Vec::new().into() }
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

    proptest::proptest! {
        #[test]
        fn common_ends_are_char_boundaries(a in "[aé“🚁 ]{0,40}", b in "[aé“🚁 ]{0,40}") {
            let prefix = common_prefix(&a, &b);
            proptest::prop_assert!(a.is_char_boundary(prefix.bytes) && b.is_char_boundary(prefix.bytes));
            proptest::prop_assert_eq!(a.get(..prefix.bytes), b.get(..prefix.bytes));
            proptest::prop_assert_eq!(prefix.chars, a[..prefix.bytes].chars().count());
            let suffix = common_suffix(&a, &b);
            let (a_start, b_start) = (a.len() - suffix.bytes, b.len() - suffix.bytes);
            proptest::prop_assert!(a.is_char_boundary(a_start) && b.is_char_boundary(b_start));
            proptest::prop_assert_eq!(&a[a_start..], &b[b_start..]);
            proptest::prop_assert_eq!(suffix.chars, a[a_start..].chars().count());
        }
    }
}
