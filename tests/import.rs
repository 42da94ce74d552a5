//! Importing filed copy: `.txt`, `.md` and `.docx` bytes into a headline and
//! a Markdown body, through the public API only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use copydesk::import::{CopyKind, ImportError, ImportedCopy, import_copy};

/// The Word fixture; `tests/fixtures/import/make_docx.py` writes it.
const FILED_DOCX: &[u8] = include_bytes!("fixtures/import/filed-copy.docx");

/// Imports and panics with the error's message if that fails.
fn import(file_name: &str, bytes: &[u8]) -> ImportedCopy {
    match import_copy(file_name, bytes) {
        Ok(copy) => copy,
        Err(error) => panic!("{file_name}: {error}"),
    }
}

/// Checks the rules every body follows: blocks separated by exactly one
/// blank line, no whitespace at line ends, no non-breaking spaces or
/// carriage returns, trimmed.
fn assert_tidy(body: &str) {
    assert_eq!(body, body.trim(), "body not trimmed: {body:?}");
    assert!(!body.contains("\n\n\n"), "more than one blank line: {body:?}");
    assert!(!body.contains('\r'), "carriage return: {body:?}");
    assert!(!body.contains(['\u{00A0}', '\u{202F}', '\u{2007}']), "non-breaking space: {body:?}");
    for line in body.lines() {
        assert_eq!(line, line.trim_end(), "trailing whitespace: {line:?}");
    }
}

#[test]
fn text_with_windows_line_endings_and_non_breaking_spaces() {
    let bytes = "\u{FEFF}Mayor\u{00A0}wins second term\r\n\r\nAna Ruiz won 62\u{202F}% of the vote.\r\nTurnout was low.  \r\n\r\n\r\n\r\nShe thanked 1\u{2007}200 volunteers.\r\n";
    let copy = import("result.txt", bytes.as_bytes());
    assert_eq!(copy.headline, "Mayor wins second term");
    assert_eq!(copy.body, "Ana Ruiz won 62 % of the vote.\nTurnout was low.\n\nShe thanked 1 200 volunteers.");
    assert_tidy(&copy.body);
}

#[test]
fn text_with_old_mac_line_endings() {
    let copy = import("old.txt", b"Head\r\rOne\rstill one\r\rTwo\r");
    assert_eq!(copy.headline, "Head");
    assert_eq!(copy.body, "One\nstill one\n\nTwo");
}

#[test]
fn text_saved_by_word_has_a_paragraph_per_line() {
    let bytes = "Council backs riverside plan\r\nBy Jane Okafor\r\nThe city council voted 7–2 on Tuesday.\r\n“It’s a good day,” the mayor said.\r\n";
    let copy = import("filed.TXT", bytes.as_bytes());
    assert_eq!(copy.headline, "Council backs riverside plan");
    assert_eq!(
        copy.body,
        "By Jane Okafor\n\nThe city council voted 7–2 on Tuesday.\n\n“It’s a good day,” the mayor said."
    );
    assert_tidy(&copy.body);
}

#[test]
fn markdown_with_a_heading() {
    let bytes = "\n# Council backs *riverside* [plan](https://example.com/plan)\n\n\n\nThe council voted **7–2**.   \n\n## What next\n\n- Building starts in spring\n- Rents capped\n\n\n> “A good day.”\n";
    let copy = import("story.md", bytes.as_bytes());
    // The headline is plain text: the heading's markup goes.
    assert_eq!(copy.headline, "Council backs riverside plan");
    assert_eq!(
        copy.body,
        "The council voted **7–2**.\n\n## What next\n\n- Building starts in spring\n- Rents capped\n\n> “A good day.”"
    );
    assert_tidy(&copy.body);
}

#[test]
fn markdown_without_a_heading_takes_the_first_line() {
    let copy = import("story.md", b"Council backs plan\n\nThe council voted.\n\n# Later heading\n");
    assert_eq!(copy.headline, "Council backs plan");
    assert_eq!(copy.body, "The council voted.\n\n# Later heading");
}

#[test]
fn invalid_utf8_is_located() {
    // "Café" saved as Windows-1252 on the third line: é is the byte 0xE9.
    let bytes = b"Headline\r\n\r\nCaf\xe9 owners protest\r\n";
    match import_copy("cafe.txt", bytes) {
        Err(error @ ImportError::NotUtf8 { .. }) => {
            assert!(matches!(error, ImportError::NotUtf8 { line: 3, column: 4 }), "{error:?}");
            let message = error.to_string();
            assert!(message.starts_with("line 3, column 4:"), "{message}");
            assert!(message.contains("UTF-8"), "{message}");
            assert!(message.contains("save it"), "{message}");
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }
    assert!(matches!(import_copy("cafe.md", b"# Caf\xe9"), Err(ImportError::NotUtf8 { line: 1, column: 6 })));
}

#[test]
fn docx_fixture() {
    let copy = import("filed-copy.docx", FILED_DOCX);
    assert_eq!(copy.headline, "Council backs riverside housing plan");
    let expected = [
        "*By Jane Okafor*",
        "**RIVERTON** — The city council voted 7–2 on Tuesday to approve the *Riverside Commons* development, a 400 home project that **Mayor Ana Ruiz** called “the most important vote of the decade.”",
        "## What happens next",
        "Construction could begin in spring, said planning director Tom O’Neill. “We’re ready,” he said.",
        "> “This is a good day for Riverton.”",
        "The contract went to Hollis & Sons, which built the **old** bridge.",
        "Reporting by Jane Okafor\nEditing by Sam Lee",
    ]
    .join("\n\n");
    assert_eq!(copy.body, expected);
    assert_tidy(&copy.body);
}

#[test]
fn docx_that_is_not_a_zip_is_bad() {
    for bytes in [&b"Council backs plan\n\nThe council voted."[..], b"", b"PK\x03\x04broken"] {
        match import_copy("story.docx", bytes) {
            Err(error @ ImportError::BadDocx { .. }) => {
                let message = error.to_string();
                assert!(message.contains("not a zip package"), "{message}");
                assert!(message.contains("save it again"), "{message}");
            }
            other => panic!("expected BadDocx, got {other:?}"),
        }
    }
}

#[test]
fn unknown_extensions_are_unsupported() {
    for (name, extension) in [("story.doc", "doc"), ("story.rtf", "rtf"), ("story.PDF", "PDF"), ("story", "")] {
        match import_copy(name, b"Headline\n\nBody") {
            Err(error @ ImportError::UnsupportedKind { .. }) => {
                assert!(
                    matches!(&error, ImportError::UnsupportedKind { extension: e } if e == extension),
                    "{name}: {error:?}"
                );
                assert!(error.to_string().contains(".txt, .md and .docx"), "{error}");
            }
            other => panic!("{name}: expected UnsupportedKind, got {other:?}"),
        }
    }
}

#[test]
fn empty_files_are_refused() {
    for name in ["empty.txt", "empty.md"] {
        assert!(matches!(import_copy(name, b" \r\n\r\n "), Err(ImportError::Empty)));
    }
}

#[test]
fn kinds_and_extensions_agree() {
    assert_eq!(CopyKind::EXTENSIONS, ["txt", "md", "docx"]);
    for extension in CopyKind::EXTENSIONS {
        let name = format!("copy.{extension}");
        assert!(CopyKind::from_file_name(&name).is_some(), "{name}");
    }
    assert_eq!(CopyKind::from_file_name("a/b/Filed.Docx"), Some(CopyKind::Docx));
    assert_eq!(CopyKind::from_file_name("notes.odt"), None);
}
