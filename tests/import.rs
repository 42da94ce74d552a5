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

/// Tracked changes and comments in `.docx` files.
mod tracked_docx {
    use std::io::{Cursor, Write};

    use copydesk::import::{ImportedCopy, import_copy, into_story};
    use copydesk::model::tracked::{self, MarkKind};
    use copydesk::model::{Comment, Project, Timestamp};

    /// `comments.docx` from mammoth.js's tests (BSD-2-Clause, see
    /// `fixtures/docx/LICENSE-mammoth-BSD-2-Clause`): one paragraph, "Ouch.",
    /// with a comment on "Ouch" and one with no range.
    const COMMENTS_DOCX: &[u8] = include_bytes!("fixtures/docx/comments.docx");

    /// A time in RFC 3339.
    fn at(text: &str) -> Timestamp {
        Timestamp(time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap())
    }

    /// The text each comment of `copy` is anchored on, by id, in the order
    /// of the anchors in the headline and then the body.
    fn anchored(copy: &ImportedCopy) -> Vec<(String, String)> {
        [copy.headline.as_str(), copy.body.as_str()]
            .into_iter()
            .flat_map(|text| {
                let parsed = tracked::parse(text);
                parsed
                    .marks
                    .iter()
                    .filter(|mark| mark.kind == MarkKind::Comment)
                    .map(|mark| (mark.id.clone(), parsed.shown[mark.range.clone()].to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn comments_docx_keeps_both_comments() {
        let copy = import_copy("comments.docx", COMMENTS_DOCX).unwrap();
        // The document is one paragraph, so both comments are on the headline.
        assert_eq!(copy.headline, "{==c1|Ouch==}.{==c2|==}");
        assert_eq!(tracked::as_it_stands(&copy.headline), "Ouch.");
        assert_eq!(copy.body, "");
        assert!(copy.suggestions.is_empty());
        assert_eq!(
            copy.comments,
            vec![
                Comment {
                    id: "c1".into(),
                    author: "Michael Williamson".into(),
                    at: at("2016-07-03T15:10:00Z"),
                    text: "A tachyon walks into a bar.".into(),
                    resolved: false,
                    replies: vec![],
                },
                Comment {
                    id: "c2".into(),
                    author: "Michael Williamson".into(),
                    at: at("2016-07-03T15:12:00Z"),
                    text: "Fin.".into(),
                    resolved: false,
                    replies: vec![],
                },
            ]
        );
        // The first on "Ouch", the second (no range) at its reference.
        assert_eq!(anchored(&copy), vec![("c1".into(), "Ouch".into()), ("c2".into(), String::new())]);
        let story = into_story(&Project::new("Desk"), copy.clone(), at("2026-12-01T09:00:00Z"));
        assert_eq!(story.slug.as_str(), "ouch");
        // Listed, the one with no range says where it sits.
        let mut project = Project::new("Desk");
        project.stories.push(story.clone());
        let listed = copydesk::ops::tracked_list(&project, &story);
        let places: Vec<(&str, &str)> =
            listed.comments.iter().map(|thread| (thread.anchor.as_str(), thread.before.as_str())).collect();
        assert_eq!(places, [("Ouch", ""), ("", "Ouch.")]);
        assert_eq!((story.headline, story.comments), (copy.headline, copy.comments));
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>"#;

    const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml""#;

    /// A story as Word writes it after two reviewers went over it: a
    /// number corrected (deleted by Tom Lee, inserted by Ana Ruiz), a word
    /// deleted, a comment on the mayor's name answered by a reply (which
    /// Word gives the same range), and a resolved comment.
    fn reviewed_docx() -> Vec<u8> {
        let run = |text: &str| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
        let deleted = |id: u32, author: &str, date: &str, text: &str| {
            format!(
                r#"<w:del w:id="{id}" w:author="{author}" w:date="{date}"><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>"#
            )
        };
        let inserted = |id: u32, author: &str, date: &str, text: &str| {
            format!(r#"<w:ins w:id="{id}" w:author="{author}" w:date="{date}">{}</w:ins>"#, run(text))
        };
        let reference = |id: u32| format!(r#"<w:r><w:commentReference w:id="{id}"/></w:r>"#);
        let body = [
            format!(r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{}</w:p>"#, run("Council backs riverside plan")),
            format!(
                "<w:p>{}{}{}{}</w:p>",
                run("The council voted "),
                deleted(11, "Tom Lee", "2026-11-30T10:15:00Z", "6–3"),
                inserted(12, "Ana Ruiz", "2026-11-30T10:20:00Z", "7–2"),
                run(" on Tuesday."),
            ),
            format!(
                r#"<w:p><w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="2"/><w:r><w:rPr><w:b/></w:rPr><w:t>Mayor Ana Ruiz</w:t></w:r><w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="2"/>{}{}{}{}{}</w:p>"#,
                reference(0),
                reference(2),
                run(" called it "),
                deleted(13, "Tom Lee", "2026-11-30T10:16:00Z", "truly "),
                run("historic."),
            ),
            format!(
                r#"<w:p><w:commentRangeStart w:id="1"/>{}<w:commentRangeEnd w:id="1"/>{}</w:p>"#,
                run("Building starts in spring."),
                reference(1)
            ),
        ]
        .concat();
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        let comment = |id: u32, author: &str, date: &str, para_id: &str, text: &str| {
            format!(
                r#"<w:comment w:id="{id}" w:author="{author}" w:date="{date}" w:initials="X"><w:p w14:paraId="{para_id}"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:annotationRef/></w:r>{}</w:p></w:comment>"#,
                run(text)
            )
        };
        let comments = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NAMESPACES}>{}{}{}</w:comments>"#,
            comment(0, "Sam Lee", "2026-11-30T11:00:00Z", "3A0F0001", "Full name on first mention?"),
            comment(1, "Sam Lee", "2026-11-30T11:05:00Z", "3A0F0002", "Source?"),
            comment(2, "Jane Okafor", "2026-11-30T11:30:00Z", "3A0F0003", "Yes, that is her name."),
        );
        let extended = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx {NAMESPACES}><w15:commentEx w15:paraId="3A0F0001" w15:done="0"/><w15:commentEx w15:paraId="3A0F0002" w15:done="1"/><w15:commentEx w15:paraId="3A0F0003" w15:paraIdParent="3A0F0001" w15:done="0"/></w15:commentsEx>"#
        );
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("word/document.xml", document.as_str()),
            ("word/comments.xml", comments.as_str()),
            ("word/commentsExtended.xml", extended.as_str()),
        ] {
            writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn reviewed_docx_keeps_suggestions_comments_and_replies() {
        let copy = import_copy("reviewed.docx", &reviewed_docx()).unwrap();
        assert_eq!(copy.headline, "Council backs riverside plan");
        assert_eq!(
            copy.body,
            "The council voted {--s1|6–3--}{++s2|7–2++} on Tuesday.\n\n{==c1|**Mayor Ana Ruiz**==} called it {--s3|truly --}historic.\n\n{==c2|Building starts in spring.==}"
        );
        // As it stands: the text before the reviewers' changes.
        assert_eq!(
            tracked::as_it_stands(&copy.body),
            "The council voted 6–3 on Tuesday.\n\n**Mayor Ana Ruiz** called it truly historic.\n\nBuilding starts in spring."
        );
        // With every suggestion accepted: the revised text.
        assert_eq!(
            tracked::all_accepted(&copy.body),
            "The council voted 7–2 on Tuesday.\n\n**Mayor Ana Ruiz** called it historic.\n\nBuilding starts in spring."
        );
        let suggestions: Vec<(&str, MarkKind, &str, Timestamp)> =
            copy.suggestions.iter().map(|s| (s.id.as_str(), s.kind, s.author.as_str(), s.at)).collect();
        assert_eq!(
            suggestions,
            vec![
                ("s1", MarkKind::Delete, "Tom Lee", at("2026-11-30T10:15:00Z")),
                ("s2", MarkKind::Insert, "Ana Ruiz", at("2026-11-30T10:20:00Z")),
                ("s3", MarkKind::Delete, "Tom Lee", at("2026-11-30T10:16:00Z")),
            ]
        );
        assert_eq!(
            anchored(&copy),
            vec![("c1".into(), "**Mayor Ana Ruiz**".into()), ("c2".into(), "Building starts in spring.".into())]
        );
        let [name, source] = copy.comments.as_slice() else { panic!("two threads: {:?}", copy.comments) };
        assert_eq!(
            (name.id.as_str(), name.author.as_str(), name.at, name.text.as_str(), name.resolved),
            ("c1", "Sam Lee", at("2026-11-30T11:00:00Z"), "Full name on first mention?", false)
        );
        let replies: Vec<(&str, Timestamp, &str)> =
            name.replies.iter().map(|r| (r.author.as_str(), r.at, r.text.as_str())).collect();
        assert_eq!(replies, vec![("Jane Okafor", at("2026-11-30T11:30:00Z"), "Yes, that is her name.")]);
        assert_eq!(
            (source.id.as_str(), source.author.as_str(), source.text.as_str(), source.resolved, source.replies.len()),
            ("c2", "Sam Lee", "Source?", true, 0)
        );
        // The new story carries them.
        let story = into_story(&Project::new("Desk"), copy.clone(), at("2026-12-01T09:00:00Z"));
        assert_eq!(story.slug.as_str(), "council-backs-riverside-plan");
        assert_eq!(story.body, copy.body);
        assert_eq!(story.suggestions, copy.suggestions);
        assert_eq!(story.comments, copy.comments);
    }

    #[test]
    fn plain_docx_has_no_marks() {
        let copy = import_copy("filed-copy.docx", super::FILED_DOCX).unwrap();
        assert!(!tracked::has_marks(&copy.headline) && !tracked::has_marks(&copy.body));
        assert!(copy.suggestions.is_empty() && copy.comments.is_empty());
    }
}
