//! The Markdown export: YAML front matter with the story's fields, then the
//! headline, the dek, the body as the editor wrote it and the photos.
//!
//! Front matter values are double-quoted YAML strings with every special
//! character escaped, so no field can add or change a key. Text that is
//! not Markdown already (headline, dek, captions, alt text) is escaped just
//! enough to read back as the same text.

use super::ExportPhoto;
use super::html::file_url;
use crate::model::tracked::as_it_stands;
use crate::model::{Story, StoryStatus};

/// Renders `story` as Markdown with YAML front matter (`slug`, `headline`,
/// `dek`, `section`, `byline`, `dateline`, `status`, `tags`).
///
/// After the front matter: `# headline`, the dek in italics, the body as it
/// is, then each photo in the order given: `![alt](largest rendition)` (left
/// out when it has none) and a paragraph `caption (credit)`. Blank fields
/// are left out of the text but kept, empty, in the front matter. Blocks
/// are separated by a blank line; the text ends with a newline. The
/// headline, dek and body are exported as they stand: pending insertions
/// left out, text suggested for deletion kept, no marks.
pub fn markdown(story: &Story, photos: &[ExportPhoto<'_>]) -> String {
    let mut out = String::from("---\n");
    let (headline, dek, body) = (as_it_stands(&story.headline), as_it_stands(&story.dek), as_it_stands(&story.body));
    let fields = [
        ("slug", story.slug.as_str()),
        ("headline", headline.trim()),
        ("dek", dek.trim()),
        ("section", story.section.trim()),
        ("byline", story.byline.trim()),
        ("dateline", story.dateline.trim()),
        ("status", status_key(story.status)),
    ];
    for (key, value) in fields {
        out.push_str(&format!("{key}: {}\n", yaml_string(value)));
    }
    let tags: Vec<String> = story.tags.iter().map(|tag| yaml_string(tag.trim())).collect();
    out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    out.push_str(&format!("version: {}\n", story.publication.version));
    if let Some(until) = story.publication.embargo {
        let until = until.0.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        out.push_str(&format!("embargoed_until: {}\n", yaml_string(&until)));
    }
    out.push_str("---\n");

    let mut blocks: Vec<String> = super::embargo_line(story).map(|line| format!("**{line}**")).into_iter().collect();
    let headline = one_line(&headline);
    if !headline.is_empty() {
        blocks.push(format!("# {}", heading_text(&headline)));
    }
    let dek = one_line(&dek);
    if !dek.is_empty() {
        blocks.push(format!("*{}*", inline_text(&dek)));
    }
    let body = body.trim_start_matches(['\n', '\r']).trim_end();
    if !body.is_empty() {
        blocks.push(body.to_owned());
    }
    blocks.extend(super::correction_notes(story).map(|note| format!("*{}*", inline_text(&one_line(note)))));
    for photo in photos {
        if let Some(largest) = photo.renditions.first() {
            let alt = inline_text(&one_line(&photo.photo.alt_text)).replace('(', "\\(").replace(')', "\\)");
            blocks.push(format!("![{alt}]({})", file_url(&largest.file)));
        }
        let caption = caption_line(&photo.photo.caption_as_it_stands(), &photo.photo.credit);
        if !caption.is_empty() {
            blocks.push(line_start_safe(&inline_text(&caption)));
        }
    }
    for block in blocks {
        out.push('\n');
        out.push_str(&block);
        out.push('\n');
    }
    out
}

/// `caption (credit)` on one line, either left out when blank, the credit
/// also when the caption already names it.
pub(super) fn caption_line(caption: &str, credit: &str) -> String {
    match (one_line(caption), one_line(super::credit_after(caption, credit))) {
        (caption, credit) if credit.is_empty() => caption,
        (caption, credit) if caption.is_empty() => format!("({credit})"),
        (caption, credit) => format!("{caption} ({credit})"),
    }
}

/// The status as front matter writes it (the same names as the command
/// line's `cli::status_key`, which a test checks).
fn status_key(status: StoryStatus) -> &'static str {
    match status {
        StoryStatus::Draft => "draft",
        StoryStatus::Editing => "editing",
        StoryStatus::CopyEdit => "copy_edit",
        StoryStatus::Ready => "ready",
        StoryStatus::Published => "published",
        StoryStatus::Spiked => "spiked",
        StoryStatus::Killed => "killed",
    }
}

/// `text` with every run of whitespace (line breaks too) made one space,
/// trimmed, and control characters dropped.
pub(super) fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").chars().filter(|c| !c.is_control()).collect()
}

/// `text` as a double-quoted YAML string (valid in YAML 1.1 and 1.2):
/// backslash and double quote escaped, line breaks, tabs and every other
/// control or non-printable character written as an escape.
fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", u32::from(c))),
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes the characters that would make plain text inside a line read
/// as Markdown: backslash, code, emphasis, brackets, `<` (HTML and
/// autolinks) and an `&` that would start an entity.
fn inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(text.get(at + 1..).unwrap_or_default()) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Whether text after an `&` makes it an entity or character reference:
/// letters, digits or `#`, then `;`.
fn starts_entity(rest: &str) -> bool {
    let name = rest.split(';').next().unwrap_or_default();
    rest.len() > name.len() && !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
}

/// A headline for after `# `: its last `#` escaped, so a trailing ` #`
/// is not taken for the heading's closing sequence.
fn heading_text(text: &str) -> String {
    let mut escaped = inline_text(text);
    if escaped.ends_with('#') {
        escaped.pop();
        escaped.push_str("\\#");
    }
    escaped
}

/// A paragraph's single line, with what would start another kind of block
/// (heading, quote, list item, thematic break, setext underline, code
/// fence) escaped.
fn line_start_safe(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line.chars().next() {
        Some('#' | '>' | '-' | '+' | '=' | '~' | '|') => format!("\\{line}"),
        Some(_) if digits > 0 && matches!(line.get(digits..digits + 1), Some("." | ")")) => {
            format!("{}\\{}", line.get(..digits).unwrap_or_default(), line.get(digits..).unwrap_or_default())
        }
        _ => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::html::fixtures::*;
    use super::*;

    /// The front matter's lines, between the `---` fences.
    fn front_matter(out: &str) -> Vec<&str> {
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("---"));
        lines.take_while(|line| *line != "---").collect()
    }

    #[test]
    fn a_story_renders_with_front_matter_text_and_photos() {
        let lead = photo("aaaaaaaaaaaaaaaa", "Troops at the gate.", "AP Photo/Hadi Mizban");
        let other = photo("bbbbbbbbbbbbbbbb", "A second picture.", "");
        let uses = [use_of(&lead, true), use_of(&other, false)];
        let photos = [export(1, &lead, &uses[0], true), export(2, &other, &uses[1], true)];
        let out = markdown(&story("Army retakes the bridge", "First paragraph.\n\nSecond *one*.\n"), &photos);
        assert_eq!(
            out,
            "---\n\
             slug: \"army-bridge\"\n\
             headline: \"Army retakes the bridge\"\n\
             dek: \"The dek.\"\n\
             section: \"News / Iraq\"\n\
             byline: \"By Jane Roe\"\n\
             dateline: \"BAGHDAD\"\n\
             status: \"ready\"\n\
             tags: [\"iraq\", \"military\"]\n\
             version: 1\n\
             ---\n\
             \n# Army retakes the bridge\n\
             \n*The dek.*\n\
             \nFirst paragraph.\n\nSecond *one*.\n\
             \n![Alt for aaaaaaaaaaaaaaaa](photos/aaaaaaaaaaaaaaaa-2048.jpg)\n\
             \nTroops at the gate. (AP Photo/Hadi Mizban)\n\
             \n![Alt for bbbbbbbbbbbbbbbb](photos/bbbbbbbbbbbbbbbb-2048.jpg)\n\
             \nA second picture.\n"
        );
    }

    #[test]
    fn hostile_fields_cannot_add_keys() {
        let mut story = story("foo\"\nstatus: published", "");
        story.dek = "a\\\"\n---\nx".into();
        story.byline = "tab\there\r\u{0}\u{7f}\u{85}\u{2028}\u{feff}".into();
        story.section = "'single' #comment: yes".into();
        story.tags = vec!["say \"hi\"".into(), "a, b]".into(), "back\\slash".into()];
        story.status = StoryStatus::CopyEdit;
        let out = markdown(&story, &[]);
        let lines = front_matter(&out);
        assert_eq!(
            lines,
            [
                "slug: \"army-bridge\"",
                "headline: \"foo\\\"\\nstatus: published\"",
                "dek: \"a\\\\\\\"\\n---\\nx\"",
                "section: \"'single' #comment: yes\"",
                "byline: \"tab\\there\\r\\x00\\x7F\\x85\\u2028\\uFEFF\"",
                "dateline: \"BAGHDAD\"",
                "status: \"copy_edit\"",
                "tags: [\"say \\\"hi\\\"\", \"a, b]\", \"back\\\\slash\"]",
                "version: 1",
            ]
        );
        assert_eq!(out.matches("\n---\n").count(), 1, "only the closing fence: {out}");
        // The text below keeps the headline on one line.
        assert!(out.contains("\n# foo\" status: published\n"), "{out}");
    }

    #[test]
    fn empty_fields_are_empty_strings_and_left_out_of_the_text() {
        let mut story = story("", "");
        story.dek.clear();
        story.byline.clear();
        story.dateline.clear();
        story.section.clear();
        story.tags.clear();
        story.status = StoryStatus::Draft;
        let out = markdown(&story, &[]);
        assert_eq!(
            out,
            "---\nslug: \"army-bridge\"\nheadline: \"\"\ndek: \"\"\nsection: \"\"\nbyline: \"\"\ndateline: \"\"\n\
             status: \"draft\"\ntags: []\nversion: 1\n---\n"
        );
    }

    #[test]
    fn status_keys_match_the_command_line() {
        for status in StoryStatus::ALL {
            assert_eq!(status_key(status), crate::cli::status_key(status));
        }
    }

    #[test]
    fn alt_text_cannot_break_the_image() {
        let mut lead = photo("aaaaaaaaaaaaaaaa", "", "");
        lead.alt_text = "a ](javascript:x) [b] (c) `d` \\ *e*\n\nf".into();
        let uses = [use_of(&lead, true)];
        let out = markdown(&story("H", ""), &[export(1, &lead, &uses[0], true)]);
        let line =
            "![a \\]\\(javascript:x\\) \\[b\\] \\(c\\) \\`d\\` \\\\ \\*e\\* f](photos/aaaaaaaaaaaaaaaa-2048.jpg)";
        assert!(out.ends_with(&format!("\n{line}\n")), "{out}");
        // pulldown-cmark reads it back as one image with the same alt text.
        let events: Vec<_> = pulldown_cmark::Parser::new(line).collect();
        let images =
            events.iter().filter(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. })));
        assert_eq!(images.count(), 1);
        let alt: String = events
            .iter()
            .filter_map(|e| match e {
                pulldown_cmark::Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(alt, "a ](javascript:x) [b] (c) `d` \\ *e* f");
    }

    #[test]
    fn plain_text_stays_plain() {
        let lead = photo("aaaaaaaaaaaaaaaa", "# 1. Not a heading <b>&amp;", "- AT&T");
        let blank = photo_no_text();
        let uses = [use_of(&lead, false), use_of(&blank, false)];
        let photos = [export(1, &lead, &uses[0], false), export(2, &blank, &uses[1], false)];
        let mut story = story("We're #", "");
        story.dek = "Stars *and* _bars_".into();
        let out = markdown(&story, &photos);
        let text = out.split("\n---\n").nth(1).unwrap();
        assert_eq!(
            text,
            "\n# We're \\#\n\n*Stars \\*and\\* \\_bars\\_*\n\n\\# 1. Not a heading \\<b>\\&amp; (- AT&T)\n"
        );
        assert_eq!(line_start_safe("1984. A year"), "1984\\. A year");
        assert_eq!(line_start_safe("12) b"), "12\\) b");
        assert_eq!(line_start_safe("1984 was"), "1984 was");
        assert_eq!(line_start_safe("=="), "\\==");
        assert_eq!(inline_text("AT&T & &copy; &#169; &x"), "AT&T & \\&copy; \\&#169; &x");
    }

    #[test]
    fn photos_without_renditions_keep_their_captions() {
        let lost = photo("aaaaaaaaaaaaaaaa", "", "Reuters");
        let uses = [use_of(&lost, false)];
        let out = markdown(&story("H", "Body."), &[export(1, &lost, &uses[0], false)]);
        assert!(out.ends_with("\nBody.\n\n(Reuters)\n"), "{out}");
        assert!(!out.contains("!["));
    }
}
