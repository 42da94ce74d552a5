//! The plain-text export, in wire style: headline, byline, the dateline
//! leading the first paragraph, the body with its Markdown taken out, and
//! the photo captions at the end.
//!
//! Each paragraph is one line (the body's soft line breaks become spaces);
//! nothing is wrapped to a width. Paragraphs are separated by blank lines.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::ExportPhoto;
use super::markdown::{caption_line, one_line};
use crate::model::Story;
use crate::model::tracked::as_it_stands;

/// Renders `story` as plain text for wire services:
///
/// ```text
/// Headline
///
/// By Byline
///
/// DATELINE — First paragraph of the body.
///
/// Second paragraph, a link (https://example.com).
///
/// Photo captions:
/// 1. Caption (Credit)
/// ```
///
/// Blank parts are left out. The byline gets `By ` unless it starts with
/// it. Markdown is stripped: emphasis markers and `#`s go, links become
/// `text (url)`, images go, list items keep `- ` (or their number). The
/// captions section lists every photo given, by its number in the story.
/// An embargoed story starts with its EMBARGOED UNTIL line
/// ([`super::embargo_line`]); correction notes follow the body.
/// The text ends with a newline. The headline and body are exported as they
/// stand: pending insertions left out, text suggested for deletion kept,
/// no marks.
pub fn plain_text(story: &Story, photos: &[ExportPhoto<'_>]) -> String {
    let mut blocks: Vec<String> = super::embargo_line(story).into_iter().collect();
    let headline = one_line(&as_it_stands(&story.headline));
    if !headline.is_empty() {
        blocks.push(headline);
    }
    let byline = one_line(&story.byline);
    if !byline.is_empty() {
        let has_by = byline.get(..3).is_some_and(|start| start.eq_ignore_ascii_case("by "));
        blocks.push(if has_by { byline } else { format!("By {byline}") });
    }
    let mut body = body_blocks(&as_it_stands(&story.body));
    let dateline = one_line(&story.dateline);
    let dateline = dateline.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-'));
    if !dateline.is_empty() {
        let dateline = dateline.to_uppercase();
        match body.first_mut() {
            Some(Block::Paragraph(first)) => *first = format!("{dateline} — {first}"),
            _ => blocks.push(dateline),
        }
    }
    blocks.extend(body.into_iter().map(|block| match block {
        Block::Paragraph(text) | Block::Other(text) => text,
    }));
    blocks.extend(super::correction_notes(story).map(one_line));
    if !photos.is_empty() {
        let mut captions = String::from("Photo captions:");
        for photo in photos {
            let caption = caption_line(&photo.photo.caption_as_it_stands(), &photo.photo.credit);
            captions.push('\n');
            captions.push_str(format!("{}. {caption}", photo.number).trim_end());
        }
        blocks.push(captions);
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// A block of the body as plain text.
enum Block {
    /// A paragraph of text, which a dateline may lead.
    Paragraph(String),
    /// A heading, list, code block, quote or break.
    Other(String),
}

/// The body's blocks with the Markdown taken out.
fn body_blocks(markdown: &str) -> Vec<Block> {
    let mut plain = Plain::default();
    for event in Parser::new(markdown) {
        plain.event(event);
    }
    plain.blocks
}

/// The state of turning Markdown events into plain text.
#[derive(Default)]
struct Plain {
    /// The finished blocks.
    blocks: Vec<Block>,
    /// The line being written.
    line: String,
    /// The finished lines of the list being written.
    list_lines: Vec<String>,
    /// The lists open, innermost last: the next item's number, or `None`
    /// for bullets.
    lists: Vec<Option<u64>>,
    /// Whether the line is an item's marker and nothing yet.
    bare_marker: bool,
    /// The open links' URLs and where their text starts in `line`.
    links: Vec<(String, usize)>,
    /// How many images are open (their text is dropped).
    images: usize,
    /// Whether the line is a paragraph (else a heading, code, …).
    paragraph: bool,
}

impl Plain {
    /// Takes one event in.
    fn event(&mut self, event: Event<'_>) {
        if self.images > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => self.images += 1,
                Event::End(TagEnd::Image) => self.images -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::Start(Tag::Paragraph) => {
                self.continue_item();
                self.paragraph = self.lists.is_empty();
            }
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                self.continue_item();
                self.paragraph = false;
            }
            Event::Start(Tag::List(start)) => {
                self.finish_line();
                self.lists.push(start);
            }
            Event::Start(Tag::Item) => {
                self.finish_line();
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}. ");
                        *number += 1;
                        marker
                    }
                    _ => "- ".to_owned(),
                };
                self.line = format!("{indent}{marker}");
                self.bare_marker = true;
            }
            Event::Start(Tag::Link { dest_url, .. }) => self.links.push((dest_url.to_string(), self.line.len())),
            Event::End(TagEnd::Link) => {
                if let Some((url, start)) = self.links.pop() {
                    let text = self.line.get(start..).unwrap_or_default();
                    let same = text == url || url.strip_prefix("mailto:") == Some(text);
                    if !same && !url.is_empty() {
                        self.line.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Item,
            ) => self.finish_line(),
            Event::End(TagEnd::List(_)) => {
                self.finish_line();
                self.lists.pop();
                if self.lists.is_empty() && !self.list_lines.is_empty() {
                    self.blocks.push(Block::Other(std::mem::take(&mut self.list_lines).join("\n")));
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => self.write(&text),
            Event::SoftBreak => self.write(" "),
            Event::HardBreak => self.write("\n"),
            Event::Rule => {
                self.finish_line();
                self.blocks.push(Block::Other("* * *".to_owned()));
            }
            _ => {}
        }
    }

    /// Writes text to the line.
    fn write(&mut self, text: &str) {
        self.line.push_str(text);
        if !text.is_empty() {
            self.bare_marker = false;
        }
    }

    /// Inside a list item past its marker, starts a new line for the
    /// item's next block, indented under the marker.
    fn continue_item(&mut self) {
        if !self.lists.is_empty() && !self.bare_marker {
            self.finish_line();
            self.line = "  ".repeat(self.lists.len());
        }
    }

    /// Ends the line: into the list being written, or as a block.
    fn finish_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_end();
        self.bare_marker = false;
        if line.trim().is_empty() {
            return;
        }
        if !self.lists.is_empty() {
            self.list_lines.push(line.to_owned());
        } else if self.paragraph {
            self.blocks.push(Block::Paragraph(line.to_owned()));
        } else {
            self.blocks.push(Block::Other(line.to_owned()));
        }
        self.paragraph = false;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::html::fixtures::*;
    use super::*;

    #[test]
    fn a_story_renders_in_wire_style() {
        let lead = photo("aaaaaaaaaaaaaaaa", "Troops at the gate.", "AP Photo/Hadi Mizban");
        let other = photo_no_text();
        let uses = [use_of(&lead, true), use_of(&other, false)];
        let photos = [export(1, &lead, &uses[0], true), export(2, &other, &uses[1], false)];
        let mut story = story(
            "Army retakes\nthe bridge",
            "Iraqi troops *retook* the **bridge** on\nTuesday.\n\n## What next\n\nSee [the map](https://example.com/map) \
             and <https://example.com>.\n\n![A picture](pic.jpg)\n\n- one\n- two `code`\n\n3. three\n4. four\n",
        );
        story.dateline = "Baghdad, Iraq —".into();
        story.byline = "Jane Roe".into();
        assert_eq!(
            plain_text(&story, &photos),
            "Army retakes the bridge\n\
             \nBy Jane Roe\n\
             \nBAGHDAD, IRAQ — Iraqi troops retook the bridge on Tuesday.\n\
             \nWhat next\n\
             \nSee the map (https://example.com/map) and https://example.com.\n\
             \n- one\n- two code\n\
             \n3. three\n4. four\n\
             \nPhoto captions:\n1. Troops at the gate. (AP Photo/Hadi Mizban)\n2.\n"
        );
    }

    #[test]
    fn blank_parts_are_left_out() {
        let mut story = story("", "");
        story.byline.clear();
        story.dateline.clear();
        assert_eq!(plain_text(&story, &[]), "\n");
        story.headline = "H".into();
        story.body = "Only paragraph.".into();
        assert_eq!(plain_text(&story, &[]), "H\n\nOnly paragraph.\n");
    }

    #[test]
    fn a_byline_keeps_its_own_by_and_the_dateline_waits_for_a_paragraph() {
        let mut story = story("H", "# A heading first\n\nThen text.");
        story.byline = "by Jane Roe".into();
        story.dateline = "Mosul".into();
        assert_eq!(plain_text(&story, &[]), "H\n\nby Jane Roe\n\nMOSUL\n\nA heading first\n\nThen text.\n");
        story.body.clear();
        assert_eq!(plain_text(&story, &[]), "H\n\nby Jane Roe\n\nMOSUL\n");
    }

    #[test]
    fn nested_and_loose_lists_keep_their_shape() {
        let out = plain_text(&story("", "- a\n  - b\n  - c\n- d\n\n  more of d\n\nAfter."), &[]);
        assert!(out.ends_with("\n- a\n  - b\n  - c\n- d\n  more of d\n\nAfter.\n"), "{out}");
    }

    #[test]
    fn links_images_html_quotes_and_breaks() {
        let body = "Mail <desk@example.com>, [same](https://x.org) [https://x.org](https://x.org) \
                    ![gone *alt*](a.jpg) <b>raw</b> \\*not emphasis\\*.\nline two  \nhard\n\n> quoted\n\n---\n\nEnd";
        let out = plain_text(&story("", body), &[]);
        assert!(
            out.ends_with(
                "BAGHDAD — Mail desk@example.com, same (https://x.org) https://x.org  <b>raw</b> *not emphasis*. \
             line two\nhard\n\nquoted\n\n* * *\n\nEnd\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn captions_are_numbered_as_in_the_story() {
        let a = photo("aaaaaaaaaaaaaaaa", "Line one\nline two.", "");
        let b = photo("bbbbbbbbbbbbbbbb", "", "Reuters");
        let uses = [use_of(&a, false), use_of(&b, false)];
        let photos = [export(2, &a, &uses[0], true), export(5, &b, &uses[1], false)];
        let out = plain_text(&story("H", ""), &photos);
        assert!(out.ends_with("\n\nPhoto captions:\n2. Line one line two.\n5. (Reuters)\n"), "{out}");
    }
}
