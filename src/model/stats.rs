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
    let mut paragraphs = 0;
    let mut in_paragraph = false;
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if !blank && !in_paragraph {
            paragraphs += 1;
        }
        in_paragraph = !blank;
    }
    TextStats { words, characters: text.chars().count(), paragraphs }
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
    fn reading_time_rounds_up() {
        let stats = TextStats { words: 231, ..Default::default() };
        assert_eq!(stats.reading_minutes(), 2);
        assert_eq!(TextStats::default().reading_minutes(), 0);
    }
}
