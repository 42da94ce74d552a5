//! Turns filed copy into a story draft.
//!
//! Reporters file copy as plain text (`.txt`), Markdown (`.md`) or Word
//! (`.docx`). [`import_copy`] takes the file's name and bytes (the caller reads
//! the file: this module does no I/O) and gives back an [`ImportedCopy`]: a
//! headline and a Markdown body, and from a Word file the tracked changes
//! and comments in them (as the marks of [`crate::model::tracked`], with
//! who and when).
//!
//! The same rules hold for every kind of file:
//!
//! - the first heading, or else the first line, becomes the headline, and is
//!   taken out of the body;
//! - paragraphs are kept, separated by exactly one blank line;
//! - non-breaking spaces (U+00A0, U+202F, U+2007) become ordinary spaces;
//! - Windows (`\r\n`) and old Mac (`\r`) line endings become `\n`, and a
//!   UTF-8 byte-order mark is dropped (text must be UTF-8, or UTF-16 with a
//!   byte-order mark as Word's "Unicode Text" writes it);
//! - no line ends in whitespace, and the body has no blank lines at either
//!   end.
//!
//! What is specific to each kind is in the `text` (`.txt` and `.md`) and `docx`
//! submodules. Text is taken as it is written: characters that mean something
//! in Markdown (`*`, `#`, `_` …) are not escaped. Text that happens to look
//! like a tracked-change or comment mark (`{++`, `==}` …) is escaped as
//! [`crate::model::tracked`] says, so it stays text.

mod docx;
mod into_story;
pub use into_story::into_story;
pub mod photo;
mod text;

use crate::model::tracked::{self, Tracked};
use crate::model::{Comment, Suggestion};

/// The largest file [`import_copy`] accepts, and the largest text part of a
/// `.docx` it will unpack: 64 MiB. Real copy is a few hundred kilobytes; the
/// limit is there so that a hostile file (a zip bomb) cannot exhaust memory.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// What an imported file gave: the start of a story draft.
///
/// `headline` and `body` are a story's field text: they may hold the marks
/// of pending suggestions and comment anchors ([`crate::model::tracked`]),
/// whose ids are those of `suggestions` and `comments`. Only a `.docx` with
/// tracked changes or comments gives any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedCopy {
    /// The headline: one line of plain text, never empty (marks and all;
    /// as it stands it may be, when all of it is a suggested insertion).
    pub headline: String,
    /// The rest of the copy as Markdown: blocks separated by exactly one blank
    /// line, no whitespace at line ends, no blank lines at either end. May be
    /// empty when the file held only a headline.
    pub body: String,
    /// Who suggested each insertion and deletion in the headline and body,
    /// and when: `s1`, `s2`… in reading order, the headline first.
    pub suggestions: Vec<Suggestion>,
    /// The comment threads on the headline and body: `c1`, `c2`… in reading
    /// order, the headline first.
    pub comments: Vec<Comment>,
}

/// Why a file could not be imported. Each message says what was wrong and what
/// the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file name does not end in one of [`CopyKind::EXTENSIONS`].
    #[error("{}", unsupported_message(.extension))]
    UnsupportedKind {
        /// The file name's extension as given, without the dot; empty when the
        /// name has none.
        extension: String,
    },
    /// A `.txt` or `.md` file that is not UTF-8 text.
    #[error(
        "line {line}, column {column}: the file is not UTF-8 text (it was probably saved in an older encoding such as Windows-1252). Open it in a text editor, save it with the encoding \"UTF-8\", then import it again"
    )]
    NotUtf8 {
        /// The line of the first byte that is not UTF-8, from 1.
        line: usize,
        /// The column of that byte, from 1, counted in characters.
        column: usize,
    },
    /// A `.docx` file that cannot be read as a Word document.
    #[error(
        "this .docx file cannot be read: {reason}. Open it in Word (or LibreOffice) and save it again as a Word document (.docx), then import it again"
    )]
    BadDocx {
        /// What was wrong with it.
        reason: String,
    },
    /// A file with no text in it.
    #[error("the file has no text in it, so there is nothing to import. Check that you chose the right file")]
    Empty,
    /// A file (or, for `.docx`, its text) larger than [`MAX_IMPORT_BYTES`].
    #[error(
        "the copy is too large to import: {size} bytes of text, more than the {limit} bytes Copydesk accepts. Check that you chose the right file, or split the copy into smaller files"
    )]
    TooLarge {
        /// How large it is, in bytes (for a `.docx` whose size was not
        /// declared: how much was read before giving up).
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
}

/// The message for [`ImportError::UnsupportedKind`].
fn unsupported_message(extension: &str) -> String {
    let accepted = "Copydesk imports .txt, .md and .docx files; save the copy in one of those formats first";
    if extension.is_empty() {
        format!("the file name has no extension, so Copydesk cannot tell what kind of file it is. {accepted}")
    } else {
        format!("Copydesk cannot import .{extension} files. {accepted}")
    }
}

/// Kinds of file we import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CopyKind {
    /// Plain text (`.txt`).
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// A Word document (`.docx`).
    Docx,
}

impl CopyKind {
    /// The file name extensions we import, without the dot, in the order of
    /// [`CopyKind::Text`], [`CopyKind::Markdown`], [`CopyKind::Docx`]; for a
    /// file dialog's filter.
    pub const EXTENSIONS: [&str; 3] = ["txt", "md", "docx"];

    /// The kind of file a name ends in, by its extension, ignoring ASCII case
    /// (`NOTES.TXT` is text). A path is accepted too: only the last component
    /// counts. `None` when the extension is not one of
    /// [`CopyKind::EXTENSIONS`] or there is none.
    #[must_use]
    pub fn from_file_name(name: &str) -> Option<CopyKind> {
        let extension = extension_of(name);
        [CopyKind::Text, CopyKind::Markdown, CopyKind::Docx]
            .into_iter()
            .find(|kind| kind.extension().eq_ignore_ascii_case(extension))
    }

    /// The extension of this kind of file, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            CopyKind::Text => "txt",
            CopyKind::Markdown => "md",
            CopyKind::Docx => "docx",
        }
    }
}

/// The extension of the last component of `name`, without the dot; empty
/// when there is none.
fn extension_of(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((_, extension)) => extension,
        None => "",
    }
}

/// Turns a filed file's bytes into a headline and a Markdown body.
///
/// `file_name` is only used for its extension, which says how to read the
/// bytes (see [`CopyKind::from_file_name`]).
///
/// # Errors
///
/// - [`ImportError::UnsupportedKind`] for a name that is not `.txt`, `.md`
///   or `.docx`;
/// - [`ImportError::TooLarge`] for more than [`MAX_IMPORT_BYTES`];
/// - [`ImportError::NotUtf8`] for text that is not UTF-8 (or UTF-16 with a
///   byte-order mark);
/// - [`ImportError::BadDocx`] for a `.docx` that is not a Word document;
/// - [`ImportError::Empty`] when there is no text at all.
pub fn import_copy(file_name: &str, bytes: &[u8]) -> Result<ImportedCopy, ImportError> {
    let Some(kind) = CopyKind::from_file_name(file_name) else {
        return Err(ImportError::UnsupportedKind { extension: extension_of(file_name).to_owned() });
    };
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { size, limit: MAX_IMPORT_BYTES });
    }
    match kind {
        CopyKind::Text => text::import_text(bytes),
        CopyKind::Markdown => text::import_markdown(bytes),
        CopyKind::Docx => docx::import_docx(bytes),
    }
}

/// Replaces non-breaking spaces (U+00A0, U+202F, U+2007) with ordinary ones,
/// and `\r\n` and lone `\r` with `\n`.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{00A0}' | '\u{202F}' | '\u{2007}' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// A headline from a line of text: spaces normalised, runs of whitespace
/// (line breaks included) made one space, trimmed.
fn clean_headline(text: &str) -> String {
    normalise(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown block made tidy: normalised, no whitespace at either end of a
/// line (leading spaces would make an indented code block), no blank lines
/// inside (a blank line would split it in two).
fn clean_block(block: &str) -> String {
    normalise(block).lines().map(str::trim).filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// Plain text as a field's text: anything in it that would read as a mark
/// of [`crate::model::tracked`] escaped. Most text has none and comes back
/// as it was.
fn escape_marks(text: &str) -> String {
    tracked::render(&Tracked { shown: text.to_owned(), marks: Vec::new() })
}

/// The copy from a headline and the body's blocks (paragraphs, subheads,
/// quotes) of plain text: see [`assemble_fields`].
///
/// # Errors
///
/// [`ImportError::Empty`] when the headline is empty.
fn assemble(headline: &str, blocks: &[String]) -> Result<ImportedCopy, ImportError> {
    let blocks: Vec<String> = blocks.iter().map(|block| escape_marks(block)).collect();
    assemble_fields(&escape_marks(headline), &blocks)
}

/// The copy from a headline and the body's blocks written as field text
/// (any marks in them already written): blocks are cleaned, empty ones
/// dropped, the rest separated by one blank line; no suggestions or
/// comments yet.
///
/// # Errors
///
/// [`ImportError::Empty`] when the headline is empty.
fn assemble_fields(headline: &str, blocks: &[String]) -> Result<ImportedCopy, ImportError> {
    assemble_fields_separated(headline, blocks.iter().map(|block| (block.as_str(), None)))
}

/// [`assemble_fields`], each block with the field text that separates it
/// from the next when that is not a plain blank line (a suggested split
/// or merge, `{++s3|\n\n++}`); after the last block, and after a block
/// dropped as empty, it is left out.
fn assemble_fields_separated<'b>(
    headline: &str,
    blocks: impl IntoIterator<Item = (&'b str, Option<&'b str>)>,
) -> Result<ImportedCopy, ImportError> {
    let headline = clean_headline(headline);
    if headline.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut body = String::new();
    let mut separator: Option<&str> = None;
    for (block, after) in blocks {
        let block = clean_block(block);
        if block.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str(separator.unwrap_or("\n\n"));
        }
        body.push_str(&block);
        separator = after;
    }
    Ok(ImportedCopy { headline, body, suggestions: Vec::new(), comments: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_file_names() {
        let cases: &[(&str, Option<CopyKind>)] = &[
            ("story.txt", Some(CopyKind::Text)),
            ("STORY.TXT", Some(CopyKind::Text)),
            ("notes.v2.md", Some(CopyKind::Markdown)),
            ("Council vote.docx", Some(CopyKind::Docx)),
            ("C:\\Users\\desk\\filed.DocX", Some(CopyKind::Docx)),
            ("/home/desk/in/filed.md", Some(CopyKind::Markdown)),
            ("story.doc", None),
            ("story.pdf", None),
            ("story", None),
            ("dir.md/story", None),
            ("", None),
            ("story.txt.bak", None),
        ];
        for (name, expected) in cases {
            assert_eq!(CopyKind::from_file_name(name), *expected, "{name:?}");
        }
        for (kind, extension) in
            [CopyKind::Text, CopyKind::Markdown, CopyKind::Docx].into_iter().zip(CopyKind::EXTENSIONS)
        {
            assert_eq!(kind.extension(), extension);
        }
    }

    #[test]
    fn normalisation() {
        let cases: &[(&str, &str)] = &[
            ("a\r\nb", "a\nb"),
            ("a\rb", "a\nb"),
            ("a\r\rb", "a\n\nb"),
            ("a\r\n\r\nb", "a\n\nb"),
            ("a\n\rb", "a\n\nb"),
            ("end\r", "end\n"),
            ("10\u{00A0}km", "10 km"),
            ("10\u{202F}%", "10 %"),
            ("1\u{2007}000", "1 000"),
            ("zero\u{200B}width", "zero\u{200B}width"),
            ("“curly” ‘quotes’ — dash", "“curly” ‘quotes’ — dash"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn headlines_are_one_clean_line() {
        let cases: &[(&str, &str)] = &[
            ("  Council votes  ", "Council votes"),
            ("Council\u{00A0}votes", "Council votes"),
            ("Council\tvotes\non budget", "Council votes on budget"),
            (" \n ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(clean_headline(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn blocks_are_tidied() {
        let cases: &[(&str, &str)] = &[
            ("  para  ", "para"),
            ("    indented\n\tand tabbed", "indented\nand tabbed"),
            ("line one   \nline two\t", "line one\nline two"),
            ("a\n\n\nb", "a\nb"),
            ("\n\nx\n\n", "x"),
            ("a\u{00A0}\r\nb", "a\nb"),
            (" \t ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(clean_block(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn assembling_joins_blocks_with_one_blank_line() {
        let blocks =
            vec!["First.".to_owned(), String::new(), "  ".to_owned(), "## Sub".to_owned(), "Last.  ".to_owned()];
        let copy = assemble(" Head ", &blocks).expect("a headline");
        assert_eq!(copy.headline, "Head");
        assert_eq!(copy.body, "First.\n\n## Sub\n\nLast.");
        assert!(matches!(assemble("  ", &blocks), Err(ImportError::Empty)));
    }

    #[test]
    fn unsupported_kinds_and_size_limit() {
        match import_copy("story.pdf", b"%PDF") {
            Err(ImportError::UnsupportedKind { extension }) => assert_eq!(extension, "pdf"),
            other => panic!("expected UnsupportedKind, got {other:?}"),
        }
        match import_copy("README", b"text") {
            Err(error @ ImportError::UnsupportedKind { .. }) => {
                assert!(error.to_string().contains("no extension"), "{error}");
            }
            other => panic!("expected UnsupportedKind, got {other:?}"),
        }
        let huge = vec![b'a'; usize::try_from(MAX_IMPORT_BYTES).expect("fits") + 1];
        assert!(matches!(import_copy("big.txt", &huge), Err(ImportError::TooLarge { .. })));
    }

    /// Checks what every import gives: a one-line headline, a body with no
    /// carriage returns, non-breaking spaces or whitespace at line ends, and
    /// no blank lines at either end.
    fn assert_tidy(copy: &ImportedCopy) {
        assert!(!copy.headline.is_empty());
        assert_eq!(copy.headline, clean_headline(&copy.headline));
        assert_eq!(copy.body, copy.body.trim_matches('\n'));
        assert!(!copy.body.contains(['\r', '\u{00A0}', '\u{202F}', '\u{2007}']));
        for line in copy.body.lines() {
            assert_eq!(line, line.trim_end());
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_import_or_fail_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            for name in ["a.txt", "a.md", "a.docx"] {
                if let Ok(copy) = import_copy(name, &bytes) {
                    assert_tidy(&copy);
                }
            }
        }

        #[test]
        fn any_text_imports_tidily(text in "[a-c #*_>`~\\-\t\r\n\u{00A0}\u{202F}\u{2007}é“”]{0,200}") {
            for name in ["a.txt", "a.md"] {
                match import_copy(name, text.as_bytes()) {
                    Ok(copy) => {
                        assert_tidy(&copy);
                        if name == "a.txt" {
                            assert!(!copy.body.contains("\n\n\n"), "{:?}", copy.body);
                        }
                    }
                    Err(ImportError::Empty) => {}
                    Err(error) => panic!("{name}: {error}"),
                }
            }
        }
    }

    #[test]
    fn error_messages_say_what_to_do() {
        let errors = [
            ImportError::UnsupportedKind { extension: "rtf".to_owned() },
            ImportError::NotUtf8 { line: 3, column: 7 },
            ImportError::BadDocx { reason: "it is not a zip package".to_owned() },
            ImportError::Empty,
            ImportError::TooLarge { size: 10, limit: 5 },
        ];
        let wanted =
            ["save the copy", "save it with the encoding", "save it again", "Check that you chose", "split the copy"];
        for (error, wanted) in errors.iter().zip(wanted) {
            assert!(error.to_string().contains(wanted), "{error}");
        }
        assert!(errors[1].to_string().starts_with("line 3, column 7:"));
    }
}
