//! Plain text (`.txt`) and Markdown (`.md`) copy.
//!
//! Both must be UTF-8; a UTF-8 byte-order mark is dropped. Files that Word
//! saves as "Unicode Text" (UTF-16 with a byte-order mark) are read too.
//! Anything else is refused with the line and column of the first byte that
//! is not UTF-8, because guessing at an older encoding would silently garble
//! accents and quotes.

use pulldown_cmark::{Event, Parser};

use super::{ImportError, ImportedCopy, assemble, clean_headline, escape_marks, normalise};

/// The byte-order mark of UTF-8.
const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
/// The byte-order mark of UTF-16, little-endian (what Windows writes).
const UTF16_LE_BOM: [u8; 2] = [0xFF, 0xFE];
/// The byte-order mark of UTF-16, big-endian.
const UTF16_BE_BOM: [u8; 2] = [0xFE, 0xFF];

/// Imports a `.txt` file.
///
/// The first non-blank line is the headline. When the rest has blank lines
/// between its lines, they separate paragraphs (and the lines of a paragraph
/// stay as they are, which Markdown reads as one paragraph). When it has none
/// (blank lines just after the headline and at the end do not count), each
/// line is a paragraph: that is what Word's "save as text" writes.
///
/// Every line is trimmed at both ends: indentation in plain text is layout,
/// and in Markdown four leading spaces would start a code block.
pub(super) fn import_text(bytes: &[u8]) -> Result<ImportedCopy, ImportError> {
    let text = normalise(&decode(bytes)?);
    let mut lines = text.lines().map(str::trim);
    let headline = lines.by_ref().find(|line| !line.is_empty()).ok_or(ImportError::Empty)?;
    let mut body: Vec<&str> = lines.skip_while(|line| line.is_empty()).collect();
    while body.last().is_some_and(|line| line.is_empty()) {
        body.pop();
    }
    let blocks: Vec<String> = if body.iter().any(|line| line.is_empty()) {
        body.split(|line| line.is_empty()).map(|paragraph| paragraph.join("\n")).collect()
    } else {
        body.iter().map(|line| (*line).to_owned()).collect()
    };
    assemble(headline, &blocks)
}

/// Imports a `.md` file.
///
/// The headline is the text of the first heading (ATX `# …` of any level, or
/// setext, underlined with `===` or `---`) when the file starts with one,
/// else the first non-blank line; surrounding emphasis (`**Headline**`) is
/// dropped from it. The heading or line is taken out of the body; the rest
/// stays Markdown, tidied: no whitespace at line ends (a hard break written
/// as two trailing spaces becomes a trailing backslash, which means the
/// same), at most one blank line between blocks. Fenced code blocks are kept
/// as they are apart from trailing whitespace.
pub(super) fn import_markdown(bytes: &[u8]) -> Result<ImportedCopy, ImportError> {
    let text = normalise(&decode(bytes)?);
    let lines: Vec<&str> = text.lines().collect();
    let mut rest = lines.as_slice();
    let headline = loop {
        let Some((line, after)) = rest.split_first() else {
            return Err(ImportError::Empty);
        };
        rest = after;
        if line.trim().is_empty() {
            continue;
        }
        if let Some(heading) = atx_heading(line) {
            if heading.is_empty() {
                continue;
            }
            break heading;
        }
        if let Some((next, after_next)) = rest.split_first()
            && is_setext_underline(next)
        {
            rest = after_next;
        }
        break line.trim();
    };
    let headline = clean_headline(&plain_text(headline));
    if headline.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(ImportedCopy {
        headline: escape_marks(&headline),
        body: escape_marks(&tidy_markdown(rest)),
        suggestions: Vec::new(),
        comments: Vec::new(),
    })
}

/// Decodes a text file: UTF-8, with or without a byte-order mark, or UTF-16
/// with one.
///
/// # Errors
///
/// [`ImportError::NotUtf8`] at the first byte that is not UTF-8 (or the
/// first unpaired UTF-16 surrogate), or at the first NUL character: NULs do
/// not occur in text, and they are what UTF-16 without a byte-order mark
/// looks like when read as UTF-8.
fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let text = if let Some(rest) = bytes.strip_prefix(&UTF8_BOM) {
        decode_utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&UTF16_LE_BOM) {
        decode_utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&UTF16_BE_BOM) {
        decode_utf16(rest, u16::from_be_bytes)?
    } else {
        decode_utf8(bytes)?
    };
    match text.split_once('\0') {
        Some((before, _)) => Err(not_utf8_after(before)),
        None => Ok(text),
    }
}

/// Decodes UTF-8, or says where it stops being UTF-8.
fn decode_utf8(bytes: &[u8]) -> Result<String, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            Err(not_utf8_after(std::str::from_utf8(valid).unwrap_or_default()))
        }
    }
}

/// Decodes UTF-16 whose code units `unit` reads from byte pairs, or says
/// where it stops being UTF-16.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportError> {
    let pairs = bytes.chunks_exact(2);
    let odd_byte_at_end = !pairs.remainder().is_empty();
    let units = pairs.map(|pair| unit([pair.first().copied().unwrap_or(0), pair.get(1).copied().unwrap_or(0)]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(not_utf8_after(&text)),
        }
    }
    if odd_byte_at_end {
        return Err(not_utf8_after(&text));
    }
    Ok(text)
}

/// [`ImportError::NotUtf8`] for the character just after `valid`, the text
/// before the bad byte. `\n`, `\r\n` and a lone `\r` each end a line.
fn not_utf8_after(valid: &str) -> ImportError {
    let mut line = 1;
    let mut column = 1;
    let mut previous = None;
    for c in valid.chars() {
        match c {
            '\n' if previous == Some('\r') => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
        previous = Some(c);
    }
    ImportError::NotUtf8 { line, column }
}

/// How far a line is indented with spaces, and the rest of it.
fn indent(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len(), rest)
}

/// The text of an ATX heading (`## Text ##`), if `line` is one; empty for a
/// heading with no text.
fn atx_heading(line: &str) -> Option<&str> {
    let (spaces, rest) = indent(line);
    if spaces > 3 {
        return None;
    }
    let after = rest.trim_start_matches('#');
    let level = rest.len() - after.len();
    if !(1..=6).contains(&level) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let content = after.trim();
    let without_closing = content.trim_end_matches('#');
    Some(if without_closing.is_empty() {
        ""
    } else if without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        content
    })
}

/// Whether `line` underlines the line above it as a setext heading (`===`
/// or `---`).
fn is_setext_underline(line: &str) -> bool {
    let (spaces, rest) = indent(line);
    let rest = rest.trim_end();
    spaces <= 3 && !rest.is_empty() && (rest.chars().all(|c| c == '=') || rest.chars().all(|c| c == '-'))
}

/// A code fence that `line` opens: its character and length.
fn opening_fence(line: &str) -> Option<(char, usize)> {
    let (spaces, rest) = indent(line);
    let marker = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let after = rest.trim_start_matches(marker);
    let length = rest.len() - after.len();
    (spaces <= 3 && length >= 3 && !(marker == '`' && after.contains('`'))).then_some((marker, length))
}

/// Whether `line` closes a code fence opened with `length` times `marker`.
fn closes_fence(line: &str, marker: char, length: usize) -> bool {
    let (spaces, rest) = indent(line);
    let after = rest.trim_start_matches(marker);
    spaces <= 3 && rest.len() - after.len() >= length && after.trim().is_empty()
}

/// The text of a line of Markdown without its markup, read as the text of a
/// heading: `Council backs *riverside* [plan](https://…)` gives `Council
/// backs riverside plan`; escapes and entities are resolved, and code spans
/// keep their text.
fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(&format!("# {markdown}")) {
        match event {
            Event::Text(part) | Event::Code(part) | Event::InlineHtml(part) => {
                text.push_str(&part);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Markdown lines tidied: whitespace at line ends dropped (two or more
/// trailing spaces before another line, a hard break, become a backslash),
/// runs of blank lines made one, blank lines at both ends dropped. Inside a
/// fenced code block only the trailing whitespace goes.
fn tidy_markdown(lines: &[&str]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut fence: Option<(char, usize)> = None;
    let mut rest = lines;
    while let Some((line, after)) = rest.split_first() {
        rest = after;
        let trimmed = line.trim_end();
        if let Some((marker, length)) = fence {
            if closes_fence(trimmed, marker, length) {
                fence = None;
            }
            out.push(trimmed.to_owned());
            continue;
        }
        if trimmed.is_empty() {
            if out.last().is_some_and(|last| !last.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        fence = opening_fence(trimmed);
        let next_is_text = rest.first().is_some_and(|next| !next.trim().is_empty());
        let hard_break = fence.is_none()
            && line.ends_with("  ")
            && next_is_text
            && !trimmed.ends_with('\\')
            && atx_heading(trimmed).is_none();
        if hard_break {
            out.push(format!("{trimmed}\\"));
        } else {
            out.push(trimmed.to_owned());
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Imports `input` as text and gives (headline, body).
    fn text(input: &str) -> (String, String) {
        let copy = import_text(input.as_bytes()).expect("imports");
        (copy.headline, copy.body)
    }

    /// Imports `input` as Markdown and gives (headline, body).
    fn markdown(input: &str) -> (String, String) {
        let copy = import_markdown(input.as_bytes()).expect("imports");
        (copy.headline, copy.body)
    }

    #[test]
    fn text_files() {
        let cases: &[(&str, &str, &str)] = &[
            // Blank lines separate paragraphs; a paragraph's lines stay.
            ("Head\n\nOne a\nOne b\n\nTwo\n", "Head", "One a\nOne b\n\nTwo"),
            // No blank lines after the headline: a paragraph per line.
            ("Head\nOne\nTwo\nThree", "Head", "One\n\nTwo\n\nThree"),
            // A blank line just after the headline does not count.
            ("Head\n\nOne\nTwo\n\n\n", "Head", "One\n\nTwo"),
            // Windows and old Mac line endings.
            ("Head\r\n\r\nOne\r\nstill one\r\n\r\nTwo\r\n", "Head", "One\nstill one\n\nTwo"),
            ("Head\rOne\rTwo\r", "Head", "One\n\nTwo"),
            // Many blank lines make one; whitespace-only lines are blank.
            ("Head\n\nOne\n \t \n\n\nTwo", "Head", "One\n\nTwo"),
            // Leading blank lines, indentation and trailing spaces go.
            ("\n\n   Head  \n\n    One   \n\tTwo\t", "Head", "One\n\nTwo"),
            // Non-breaking spaces become spaces.
            ("Mayor\u{00A0}wins\n10\u{202F}% and 1\u{2007}000\u{00A0}", "Mayor wins", "10 % and 1 000"),
            // A headline alone.
            ("Only a headline\n\n", "Only a headline", ""),
            // Curly quotes and dashes are kept.
            ("“Quoted” — head", "“Quoted” — head", ""),
        ];
        for (input, headline, body) in cases {
            assert_eq!(text(input), ((*headline).to_owned(), (*body).to_owned()), "{input:?}");
        }
    }

    #[test]
    fn markdown_files() {
        let cases: &[(&str, &str, &str)] = &[
            ("# Head\n\nBody.\n", "Head", "Body."),
            ("### Head ###\nBody.", "Head", "Body."),
            ("  ## Head\n\nBody.", "Head", "Body."),
            ("#\n\n# Head\n\nBody", "Head", "Body"),
            ("# C# wins #\n", "C# wins", ""),
            ("# Council backs *riverside* [plan](https://x.test)\n", "Council backs riverside plan", ""),
            // Not a heading: no space after the hashes, or indented too far.
            ("#hashtag\n\nBody", "#hashtag", "Body"),
            ("    # code\n\nBody", "# code", "Body"),
            // Setext headings.
            ("Head\n====\n\nBody", "Head", "Body"),
            ("Head\n---\nBody", "Head", "Body"),
            // No heading first: the first line, out of the body.
            ("First line\nsecond line\n\n# Later\n\nBody", "First line", "second line\n\n# Later\n\nBody"),
            ("**Bold head**\n\nBody", "Bold head", "Body"),
            ("# *Italic head*\n\nBody", "Italic head", "Body"),
            // Blocks keep their Markdown; blank lines collapse; ends trimmed.
            (
                "\u{FEFF}# Head\r\n\r\n\r\n\r\n- one\r\n- two\r\n\r\n> quote   \r\n\r\n\r\n",
                "Head",
                "- one\n- two\n\n> quote",
            ),
            // Indentation is Markdown, so it stays.
            ("# Head\n\n- item\n  continued\n\n    code", "Head", "- item\n  continued\n\n    code"),
            // A two-space hard break becomes a backslash one.
            ("# Head\n\nline one  \nline two  \n\nnext", "Head", "line one\\\nline two\n\nnext"),
            // Fenced code keeps its blank lines.
            ("# Head\n\n```\na  \n\n\nb\n```\n\n\nafter", "Head", "```\na\n\n\nb\n```\n\nafter"),
            ("# Head\n\n~~~~\n```\n\n\n~~~~\n\n\nx", "Head", "~~~~\n```\n\n\n~~~~\n\nx"),
            // Non-breaking spaces.
            ("#\u{00A0}Head\u{00A0}line\n\n10\u{00A0}km", "Head line", "10 km"),
        ];
        for (input, headline, body) in cases {
            assert_eq!(markdown(input), ((*headline).to_owned(), (*body).to_owned()), "{input:?}");
        }
    }

    #[test]
    fn empty_files() {
        for input in ["", "\n\n", "  \r\n\t\r\n", "\u{FEFF}", "#\n\n##\n"] {
            assert!(matches!(import_markdown(input.as_bytes()), Err(ImportError::Empty)), "{input:?}");
        }
        for input in ["", "\n\n", "  \r\n\t\r\n", "\u{FEFF}"] {
            assert!(matches!(import_text(input.as_bytes()), Err(ImportError::Empty)), "{input:?}");
        }
    }

    #[test]
    fn bad_bytes_are_located() {
        let cases: &[(&[u8], usize, usize)] = &[
            (b"\xff", 1, 1),
            (b"Head\xe9", 1, 5),
            (b"Head\nCaf\xe9", 2, 4),
            (b"Head\r\nCaf\xe9", 2, 4),
            (b"Head\rCaf\xe9", 2, 4),
            (b"Head\n\n\xe2\x80\x9cok\xe2\x80\x9d \x93bad", 3, 6),
            // A byte-order mark is not a column.
            (b"\xef\xbb\xbfH\x80", 1, 2),
            // A truncated multi-byte character at the very end.
            (b"ok\n\xe2\x80", 2, 1),
            // UTF-16 without a byte-order mark reads as NULs.
            (b"H\0e\0", 1, 2),
        ];
        for (input, line, column) in cases {
            match decode(input) {
                Err(ImportError::NotUtf8 { line: l, column: c }) => {
                    assert_eq!((l, c), (*line, *column), "{input:?}");
                }
                other => panic!("{input:?}: expected NotUtf8, got {other:?}"),
            }
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut little = vec![0xFF, 0xFE];
        let mut big = vec![0xFE, 0xFF];
        for unit in "Café “quoted”\r\nBody".encode_utf16() {
            little.extend(unit.to_le_bytes());
            big.extend(unit.to_be_bytes());
        }
        for bytes in [&little, &big] {
            let copy = import_text(bytes).expect("imports");
            assert_eq!(copy.headline, "Café “quoted”");
            assert_eq!(copy.body, "Body");
        }
        // An unpaired surrogate after "H".
        assert!(matches!(
            decode(&[0xFF, 0xFE, b'H', 0, 0x00, 0xD8, b'i', 0]),
            Err(ImportError::NotUtf8 { line: 1, column: 2 })
        ));
        // An odd byte at the end.
        assert!(matches!(decode(&[0xFF, 0xFE, b'H', 0, b'i']), Err(ImportError::NotUtf8 { line: 1, column: 2 })));
    }

    #[test]
    fn heading_parsing() {
        let cases: &[(&str, Option<&str>)] = &[
            ("# A", Some("A")),
            ("###### A", Some("A")),
            ("####### A", None),
            ("#A", None),
            ("#", Some("")),
            ("## ##", Some("")),
            ("# A #b", Some("A #b")),
            ("# A#", Some("A#")),
            ("#\tA", Some("A")),
            ("   # A", Some("A")),
            ("    # A", None),
            ("A", None),
        ];
        for (line, expected) in cases {
            assert_eq!(atx_heading(line), *expected, "{line:?}");
        }
    }

    #[test]
    fn markup_is_dropped_from_headlines() {
        let cases: &[(&str, &str)] = &[
            ("**A b**", "A b"),
            ("*A*", "A"),
            ("***A***", "A"),
            ("__A__", "A"),
            ("**A** and _B_", "A and B"),
            ("Council backs [plan](https://example.com/plan)", "Council backs plan"),
            ("The `cargo` tool", "The cargo tool"),
            ("5 \\* 3 &amp; 2", "5 * 3 & 2"),
            ("2024. A year", "2024. A year"),
            ("- Not a list", "- Not a list"),
            ("> Not a quote", "> Not a quote"),
            ("# Not a heading", "# Not a heading"),
            ("C#", "C#"),
            ("f*** off", "f*** off"),
            ("plain", "plain"),
        ];
        for (input, expected) in cases {
            assert_eq!(plain_text(input), *expected, "{input:?}");
        }
    }
}
