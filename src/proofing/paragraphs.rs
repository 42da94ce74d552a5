//! Splitting text into paragraphs, and turning harper's `char` positions
//! into byte offsets.

use std::ops::Range;

/// The byte ranges of the paragraphs of `text`: blocks of lines separated by
/// blank (empty or whitespace-only) lines. A range covers its lines without
/// the final line ending, and is never empty.
pub(crate) fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            ranges.extend(current.take());
        } else {
            let end = line_start + content.len();
            match current.as_mut() {
                Some(range) => range.end = end,
                None => current = Some(line_start..end),
            }
        }
        line_start += line.len();
    }
    ranges.extend(current);
    ranges
}

/// Byte offsets of each `char` position of a text: entry `i` is where char
/// `i` starts, and the last entry is the text's length (the end position).
pub(crate) struct CharOffsets(Vec<usize>);

impl CharOffsets {
    /// The offsets of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut offsets: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
        offsets.push(text.len());
        CharOffsets(offsets)
    }

    /// The byte range of the chars `start..end`, or `None` when it is not
    /// inside the text or runs backwards.
    pub(crate) fn byte_range(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if start > end {
            return None;
        }
        Some(*self.0.get(start)?..*self.0.get(end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<&str> {
        paragraph_ranges(text).into_iter().filter_map(|range| text.get(range)).collect()
    }

    #[test]
    fn splits_on_blank_lines() {
        assert_eq!(paragraphs("One.\nStill one.\n\nTwo.\n \t\nThree.\n"), ["One.\nStill one.", "Two.", "Three."]);
        assert_eq!(paragraphs("\n\n  \nA\r\n\r\nB"), ["A", "B"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n \n").is_empty());
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let text = "“Hé” 🚁\u{a0}x";
        let offsets = CharOffsets::new(text);
        let count = text.chars().count();
        for start in 0..=count {
            for end in start..=count {
                let range = offsets.byte_range(start, end);
                assert!(range.is_some_and(|range| text.get(range).is_some()));
            }
        }
        assert_eq!(offsets.byte_range(5, 6), Some(10..14));
        assert_eq!(offsets.byte_range(0, count + 1), None);
        assert_eq!(offsets.byte_range(2, 1), None);
    }
}
