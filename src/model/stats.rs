//! Counts an editor watches while writing: words, characters, reading time.

/// Counts for a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Words: runs of letters or digits, with inner apostrophes and hyphens
    /// (`al-Asad`, `Iraq's`) counted as part of one word.
    pub words: usize,
    /// Characters (Unicode scalar values), spaces included.
    pub characters: usize,
    /// Paragraphs: runs of non-blank lines.
    pub paragraphs: usize,
}

impl TextStats {
    /// Minutes to read at 230 words a minute, rounded up; 0 for no words.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(230)
    }
}

/// Counts words, characters and paragraphs in `text`. Markdown markers
/// (`##`, `>`, `*`) are not words, because they hold no letters or digits.
pub fn text_stats(text: &str) -> TextStats {
    TextStats { words: word_count(text), characters: text.chars().count(), paragraphs: paragraph_count(text) }
}

/// The counts of `new`, an edit of `old` whose counts are `counted`, where
/// `changed` is `(start, old_end, new_end)`: bytes on character boundaries
/// outside which the two texts are the same (`diff::changed_span` finds
/// the smallest). Words are counted again only in the lines the edit
/// touched (a word never spans a line break), characters only in the
/// changed bytes, and paragraphs only between the blank lines around the
/// change (a paragraph never spans one), so a keystroke in a 20,000-word
/// body costs the comparison, not a walk through the text.
pub fn recount(old: &str, counted: TextStats, new: &str, changed: (usize, usize, usize)) -> TextStats {
    let (start, old_end, new_end) = changed;
    // The changed lines start after the last line break before the change
    // and end at the first line break after it.
    let line_start =
        old.as_bytes().get(..start).and_then(|p| p.iter().rposition(|b| *b == b'\n')).map_or(0, |at| at + 1);
    let (old_line_end, new_line_end) = (line_end(old, old_end), line_end(new, new_end));
    // The blank lines around them, which the two texts share.
    let (from, old_to) = (blank_line_before(old, line_start), blank_line_after(old, old_line_end));
    let new_to = old_to + new_end - old_end;
    let (Some(before), Some(after), Some(removed), Some(added), Some(old_around), Some(new_around)) = (
        old.get(line_start..old_line_end),
        new.get(line_start..new_line_end),
        old.get(start..old_end),
        new.get(start..new_end),
        old.get(from..old_to),
        new.get(from..new_to),
    ) else {
        return text_stats(new);
    };
    TextStats {
        words: (counted.words + word_count(after)).saturating_sub(word_count(before)),
        characters: (counted.characters + added.chars().count()).saturating_sub(removed.chars().count()),
        paragraphs: (counted.paragraphs + paragraph_count(new_around)).saturating_sub(paragraph_count(old_around)),
    }
}

/// The end of the line holding byte `from` of `text`: its line break, or
/// the end of the text.
fn line_end(text: &str, from: usize) -> usize {
    text.as_bytes()
        .get(from..)
        .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
        .map_or(text.len(), |at| from + at)
}

/// Whether a line is blank: it ends a paragraph.
fn is_blank(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|line| line.trim().is_empty())
}

/// The start of the nearest blank line that ends before `line_start` (the
/// start of a line), or 0.
fn blank_line_before(text: &str, line_start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = line_start;
    // `end` is the start of a line; the one before it ends at `end - 1`.
    while let Some(line_break) = end.checked_sub(1) {
        let head = bytes.get(..line_break).unwrap_or_default();
        let start = head.iter().rposition(|b| *b == b'\n').map_or(0, |at| at + 1);
        if is_blank(head.get(start..).unwrap_or_default()) {
            return start;
        }
        end = start;
    }
    0
}

/// The end of the nearest blank line that starts after `line_end` (a line
/// break, or the end of the text), past its own line break; or the end of
/// the text.
fn blank_line_after(text: &str, line_end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = line_end + 1;
    while start <= bytes.len() {
        let end = self::line_end(text, start);
        if is_blank(bytes.get(start..end).unwrap_or_default()) {
            return (end + 1).min(bytes.len());
        }
        start = end + 1;
    }
    bytes.len()
}

/// Words: runs of letters or digits, with inner apostrophes and hyphens.
fn word_count(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else if in_word && matches!(c, '\'' | '’' | '-' | '‐') {
            // Stays in the word; a trailing one is harmless.
        } else {
            in_word = false;
        }
    }
    words
}

/// Paragraphs: runs of non-blank lines.
fn paragraph_count(text: &str) -> usize {
    let mut paragraphs = 0;
    let mut in_paragraph = false;
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if !blank && !in_paragraph {
            paragraphs += 1;
        }
        in_paragraph = !blank;
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let cases: [(&str, usize, usize); 6] = [
            ("", 0, 0),
            ("one", 1, 1),
            ("Iraq's al-Asad airbase", 3, 1),
            ("## Subhead\n\nA *bold* move — 64 kilometers.", 6, 2),
            ("> “Quoted,” he said.\n\n\n\nNext.", 4, 2),
            ("  \n \n", 0, 0),
        ];
        for (text, words, paragraphs) in cases {
            let stats = text_stats(text);
            assert_eq!(stats.words, words, "words in {text:?}");
            assert_eq!(stats.paragraphs, paragraphs, "paragraphs in {text:?}");
        }
        assert_eq!(text_stats("héllo").characters, 5);
    }

    #[test]
    fn recounting_an_edit_counts_what_counting_afresh_does() {
        let old = "Iraq's al-Asad airbase was hit.\n\nA second drone — 64 km away.\nThird line";
        let edits = [
            (0, 0, "New "),
            (4, 5, ""),
            (30, 31, "!\nAnd more"),
            (31, 33, ""),
            (40, 40, "é-"),
            (old.len(), old.len(), " words here"),
            (0, old.len(), ""),
            (6, 7, " "),
            (12, 13, "x"),
        ];
        for (from, to, with) in edits {
            let new = format!("{}{with}{}", &old[..from], &old[to..]);
            let (forth, back) = ((from, to, from + with.len()), (from, from + with.len(), to));
            assert_eq!(recount(old, text_stats(old), &new, forth), text_stats(&new), "{new:?}");
            assert_eq!(recount(&new, text_stats(&new), old, back), text_stats(old), "back from {new:?}");
        }
        let words = "one two three";
        assert_eq!(recount(words, text_stats(words), "one twothree", (7, 8, 7)).words, 2);
    }

    proptest::proptest! {
        #[test]
        fn recounting_any_edit_counts_what_counting_afresh_does(
            old in "[a é\n\t-]{0,40}",
            with in "[b \n]{0,6}",
            from in 0usize..40,
            to in 0usize..40,
        ) {
            let chars: Vec<usize> = old.char_indices().map(|(at, _)| at).chain([old.len()]).collect();
            let (from, to) = (chars[from.min(chars.len() - 1)], chars[to.min(chars.len() - 1)]);
            let (from, to) = (from.min(to), from.max(to));
            let new = format!("{}{with}{}", &old[..from], &old[to..]);
            let changed = crate::diff::changed_span(&old, &new);
            proptest::prop_assert_eq!(recount(&old, text_stats(&old), &new, changed), text_stats(&new));
            // And given a wider span than the smallest.
            proptest::prop_assert_eq!(recount(&old, text_stats(&old), &new, (from, to, from + with.len())), text_stats(&new));
        }
    }

    #[test]
    fn reading_time_rounds_up() {
        let stats = TextStats { words: 231, ..Default::default() };
        assert_eq!(stats.reading_minutes(), 2);
        assert_eq!(TextStats::default().reading_minutes(), 0);
    }
}
