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
/// touched (a word never spans a line break), so a keystroke in a
/// 20,000-word body costs the comparison, not a walk through every word.
pub fn recount(old: &str, counted: TextStats, new: &str, changed: (usize, usize, usize)) -> TextStats {
    let (start, old_end, new_end) = changed;
    // The changed lines start after the last line break before the change
    // and end at the first line break after it.
    let line_start =
        old.as_bytes().get(..start).and_then(|p| p.iter().rposition(|b| *b == b'\n')).map_or(0, |at| at + 1);
    let line_end = |text: &str, from: usize| {
        text.as_bytes()
            .get(from..)
            .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
            .map_or(text.len(), |at| from + at)
    };
    let (Some(before), Some(after)) =
        (old.get(line_start..line_end(old, old_end)), new.get(line_start..line_end(new, new_end)))
    else {
        return text_stats(new);
    };
    TextStats {
        words: (counted.words + word_count(after)).saturating_sub(word_count(before)),
        characters: new.chars().count(),
        paragraphs: paragraph_count(new),
    }
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

    #[test]
    fn reading_time_rounds_up() {
        let stats = TextStats { words: 231, ..Default::default() };
        assert_eq!(stats.reading_minutes(), 2);
        assert_eq!(TextStats::default().reading_minutes(), 0);
    }
}
