//! Word (`.docx`): the story with its pending changes as Word revisions and
//! its comments as Word comments, so a reporter who works in Word gets the
//! desk's changes back.
//!
//! - the headline is a "Title" paragraph, the dek (when there is one) a
//!   "Subtitle" paragraph, then one paragraph per body block: `## ` makes a
//!   "Heading2", `> ` a "Quote" (the prefixes are left out of the text), a
//!   line break inside a block a `w:br`. `**bold**` and `*italic*` are
//!   bold (`w:b`) and italic (`w:i`) runs without their asterisks, as
//!   Copydesk's own `.docx` import reads them back (asterisks a tracked
//!   change or comment touches stay as text); other Markdown (lists, links)
//!   is written as it is, as plain text;
//! - a pending insertion is a `w:ins`, a deletion a `w:del` with `w:delText`,
//!   with the suggestion's author and time. A suggestion across a blank line
//!   is written in each paragraph it touches, and the paragraph break, when
//!   the suggestion holds all of it, as a tracked paragraph mark
//!   (`w:pPr/w:rPr/w:ins|w:del`): a suggested split or merge, as Word
//!   tracks one and Copydesk's import reads back (with the next block's
//!   `## ` or `> ` in it, as the import writes it before a subhead or a
//!   quote, the next paragraph keeps its style);
//! - a comment anchor is a `w:commentRangeStart`/`w:commentRangeEnd` pair and
//!   a run with its `w:commentReference`; `word/comments.xml` holds each
//!   comment (author, initials, date, one paragraph per line of text) and
//!   each reply as a comment of its own, and `word/commentsExtended.xml`
//!   says which comment a reply answers and which threads are resolved
//!   (`w15:done`), as Word 2013 and later write them. Comments whose anchor
//!   is not in the text are left out.
//!
//! The zip entries have a fixed time and mode, so two exports of one story
//! are byte-identical.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::ops::Range;

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::model::tracked::{self, MarkKind, Tracked};
use crate::model::{Comment, Story, Timestamp};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W14_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const W15_NS: &str = "http://schemas.microsoft.com/office/word/2012/wordml";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
/// Who made a suggestion the story has no record of.
const UNKNOWN_AUTHOR: &str = "Unknown";

/// The `.docx` file of `story`.
///
/// # Errors
///
/// A [`ZipError`] if the package cannot be written (it is written in
/// memory, so in practice never).
pub fn docx(story: &Story) -> Result<Vec<u8>, ZipError> {
    let headline = tracked::parse(&story.headline);
    let dek = tracked::parse(&story.dek);
    let body = tracked::parse(&story.body);
    let threads = Threads::new(story, [&headline, &dek, &body]);
    let mut writer =
        Document { story, threads: &threads, next_revision: threads.count, placed: Vec::new(), xml: String::new() };
    writer.field(&headline, Some("Title"), false);
    if !dek.shown.trim().is_empty() {
        writer.field(&dek, Some("Subtitle"), false);
    }
    writer.field(&body, None, true);
    let document = format!(
        r#"{XML_DECLARATION}<w:document xmlns:w="{W_NS}"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        writer.xml
    );
    let has_comments = !threads.threads.is_empty();
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(has_comments)),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", document_rels(has_comments)),
        ("word/styles.xml", STYLES.to_owned()),
    ];
    if has_comments {
        parts.push(("word/comments.xml", threads.comments_xml()));
        parts.push(("word/commentsExtended.xml", threads.extended_xml()));
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    for (name, xml) in parts {
        zip.start_file(name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// One comment as Word writes it: a thread's first comment or a reply.
struct WordComment<'a> {
    author: &'a str,
    at: Timestamp,
    text: &'a str,
}

/// One comment thread of the story, anchored in the text.
struct Thread<'a> {
    /// The anchor's id in the text (`c1`).
    id: &'a str,
    /// The Word id of its first comment; replies follow it.
    word_id: usize,
    comment: &'a Comment,
}

/// The anchored comment threads, numbered for Word: each thread's first
/// comment, then its replies.
struct Threads<'a> {
    threads: Vec<Thread<'a>>,
    /// How many Word comments there are (revisions are numbered after them).
    count: usize,
}

impl<'a> Threads<'a> {
    fn new(story: &'a Story, fields: [&Tracked; 3]) -> Self {
        let anchored = |id: &str| {
            fields.iter().any(|field| field.marks.iter().any(|mark| mark.kind == MarkKind::Comment && mark.id == id))
        };
        let mut threads = Vec::new();
        let mut count = 0;
        for comment in story.comments.iter().filter(|comment| anchored(&comment.id)) {
            if threads.iter().any(|thread: &Thread<'_>| thread.id == comment.id) {
                continue;
            }
            threads.push(Thread { id: &comment.id, word_id: count, comment });
            count += 1 + comment.replies.len();
        }
        Threads { threads, count }
    }

    fn word_id(&self, id: &str) -> Option<usize> {
        self.threads.iter().find(|thread| thread.id == id).map(|thread| thread.word_id)
    }

    /// Every Word comment in order, with its Word id, its paragraph id and
    /// the paragraph id of the comment it answers.
    fn each(&self) -> Vec<(usize, WordComment<'a>, String, Option<String>, bool)> {
        let mut out = Vec::new();
        for thread in &self.threads {
            let comment = thread.comment;
            let root = para_id(thread.word_id);
            let first = WordComment { author: &comment.author, at: comment.at, text: &comment.text };
            out.push((thread.word_id, first, root.clone(), None, comment.resolved));
            for (index, reply) in comment.replies.iter().enumerate() {
                let word_id = thread.word_id + 1 + index;
                let reply_comment = WordComment { author: &reply.author, at: reply.at, text: &reply.text };
                out.push((word_id, reply_comment, para_id(word_id), Some(root.clone()), comment.resolved));
            }
        }
        out
    }

    fn comments_xml(&self) -> String {
        let mut xml = format!(
            r#"{XML_DECLARATION}<w:comments xmlns:w="{W_NS}" xmlns:w14="{W14_NS}" xmlns:mc="{MC_NS}" mc:Ignorable="w14">"#
        );
        for (word_id, comment, para, _, _) in self.each() {
            let _ = write!(
                xml,
                r#"<w:comment w:id="{word_id}" w:author="{}" w:date="{}" w:initials="{}">"#,
                escape(comment.author),
                date(comment.at),
                escape(&initials(comment.author)),
            );
            let lines: Vec<&str> = comment.text.lines().collect();
            let last = lines.len().saturating_sub(1);
            for (index, line) in lines.iter().enumerate().chain(lines.is_empty().then_some((0, &""))) {
                // Word names a comment in commentsExtended.xml by its last
                // paragraph's id.
                let id =
                    if index == last { para.clone() } else { format!("{:08X}", 0x2000_0000 + word_id * 256 + index) };
                let annotation = if index == 0 { "<w:r><w:annotationRef/></w:r>" } else { "" };
                let _ = write!(
                    xml,
                    r#"<w:p w14:paraId="{id}"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{annotation}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                    escape(line)
                );
            }
            xml.push_str("</w:comment>");
        }
        xml.push_str("</w:comments>");
        xml
    }

    fn extended_xml(&self) -> String {
        let mut xml =
            format!(r#"{XML_DECLARATION}<w15:commentsEx xmlns:w15="{W15_NS}" xmlns:mc="{MC_NS}" mc:Ignorable="w15">"#);
        for (_, _, para, parent, resolved) in self.each() {
            let parent = parent.map(|parent| format!(r#" w15:paraIdParent="{parent}""#)).unwrap_or_default();
            let done = u8::from(resolved);
            let _ = write!(xml, r#"<w15:commentEx w15:paraId="{para}"{parent} w15:done="{done}"/>"#);
        }
        xml.push_str("</w15:commentsEx>");
        xml
    }
}

/// The `w14:paraId` of Word comment `word_id`'s last paragraph (eight hex
/// digits, below 0x80000000 as Word requires).
fn para_id(word_id: usize) -> String {
    format!("{:08X}", 0x1000_0000 + word_id)
}

/// The `w:ins` or `w:del` open in a paragraph, with the index of its
/// suggestion's mark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wrapper {
    Insert(usize),
    Delete(usize),
}

impl Wrapper {
    fn mark(self) -> usize {
        match self {
            Wrapper::Insert(mark) | Wrapper::Delete(mark) => mark,
        }
    }
}

/// `document.xml`'s body, written paragraph by paragraph.
struct Document<'a> {
    story: &'a Story,
    threads: &'a Threads<'a>,
    /// The next `w:id` of a `w:ins` or `w:del`.
    next_revision: usize,
    /// The Word ids of the comments already anchored.
    placed: Vec<usize>,
    xml: String,
}

impl Document<'_> {
    /// Writes a field: one paragraph, or (`blocks`) one per Markdown block.
    fn field(&mut self, field: &Tracked, style: Option<&str>, blocks: bool) {
        let ranges = if blocks { block_ranges(&field.shown) } else { std::iter::once(0..field.shown.len()).collect() };
        let comments = self.comment_places(field, &ranges);
        let last = ranges.len().saturating_sub(1);
        for (index, block) in ranges.iter().enumerate() {
            let text = field.shown.get(block.clone()).unwrap_or_default();
            let (style, mut skips) = match style {
                Some(style) => (Some(style), Vec::new()),
                None => block_style(field, block, text),
            };
            if text.trim().is_empty() && !comments.iter().any(|(_, at)| block.contains(&at.start)) {
                continue;
            }
            let (emphasis, delimiters) = if blocks { emphasis(field, block, text) } else { (Vec::new(), Vec::new()) };
            skips.extend(delimiters);
            // The blank line after a block is its paragraph mark: inside a
            // suggested insertion it is a suggested split, inside a
            // suggested deletion a suggested merge with the next.
            let break_after = (index < last).then(|| block.end..block.end + 2);
            let mark_change = break_after.and_then(|separator| paragraph_mark_change(field, &separator));
            self.paragraph(field, block.clone(), (style, mark_change), &skips, &comments, &emphasis);
        }
    }

    /// One paragraph: its style, and the suggestion its paragraph mark is
    /// in (`mark_change`: a split or a merge) as a tracked change of the
    /// mark (`w:pPr/w:rPr/w:ins|w:del`).
    fn paragraph(
        &mut self,
        field: &Tracked,
        block: Range<usize>,
        (style, mark_change): (Option<&str>, Option<(MarkKind, &str)>),
        skips: &[Range<usize>],
        comments: &[(usize, Range<usize>)],
        emphasis: &[Emphasized],
    ) {
        self.xml.push_str("<w:p>");
        if style.is_some() || mark_change.is_some() {
            self.xml.push_str("<w:pPr>");
            if let Some(style) = style {
                let _ = write!(self.xml, r#"<w:pStyle w:val="{style}"/>"#);
            }
            if let Some((kind, id)) = mark_change {
                let tag = if kind == MarkKind::Delete { "w:del" } else { "w:ins" };
                let revision = self.revision(id);
                let _ = write!(self.xml, "<w:rPr><{tag}{revision}/></w:rPr>");
            }
            self.xml.push_str("</w:pPr>");
        }
        let text = &field.shown;
        let mut cuts: Vec<usize> = vec![block.start, block.end];
        let inside = |at: usize| block.start <= at && at <= block.end;
        for mark in field.marks.iter().filter(|mark| mark.kind != MarkKind::Comment) {
            cuts.extend([mark.range.start, mark.range.end].into_iter().filter(|at| inside(*at)));
        }
        for (_, at) in comments {
            cuts.extend([at.start, at.end].into_iter().filter(|at| inside(*at)));
        }
        cuts.extend(skips.iter().flat_map(|skip| [skip.start, skip.end]));
        cuts.extend(emphasis.iter().flat_map(|(range, _)| [range.start, range.end]));
        for (offset, _) in text.get(block.clone()).unwrap_or_default().match_indices('\n') {
            cuts.extend([block.start + offset, block.start + offset + 1]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut open: Option<Wrapper> = None;
        for (index, &at) in cuts.iter().enumerate() {
            self.comment_markers(at, comments, &mut open);
            let Some(&next) = cuts.get(index + 1) else { break };
            if skips.iter().any(|skip| skip.start <= at && next <= skip.end) {
                continue;
            }
            let piece = text.get(at..next).unwrap_or_default();
            let mark =
                field.marks.iter().enumerate().find(|(_, mark)| {
                    mark.kind != MarkKind::Comment && mark.range.start <= at && next <= mark.range.end
                });
            let deleted = mark.is_some_and(|(_, mark)| mark.kind == MarkKind::Delete);
            match mark {
                Some((index, mark)) if open.map(Wrapper::mark) != Some(index) => {
                    self.close(&mut open);
                    open = Some(self.open_wrapper(mark.kind, &mark.id, index));
                }
                Some(_) => {}
                None => self.close(&mut open),
            }
            let within = |wanted: Emphasis| {
                emphasis.iter().any(|(range, kind)| *kind == wanted && range.start <= at && next <= range.end)
            };
            self.run(piece, deleted, (within(Emphasis::Bold), within(Emphasis::Italic)));
        }
        self.close(&mut open);
        self.xml.push_str("</w:p>");
    }

    /// Where each comment anchored in `field` starts and ends, by its Word
    /// id: each end moved into a block (a comment from one block into
    /// another spans the paragraphs between). A comment anchored twice is
    /// written at its first anchor.
    fn comment_places(&mut self, field: &Tracked, blocks: &[Range<usize>]) -> Vec<(usize, Range<usize>)> {
        let mut places = Vec::new();
        for mark in field.marks.iter().filter(|mark| mark.kind == MarkKind::Comment) {
            let Some(word_id) = self.threads.word_id(&mark.id) else { continue };
            if self.placed.contains(&word_id) {
                continue;
            }
            let Some(first) = blocks.iter().position(|block| block.end >= mark.range.start) else { continue };
            let Some(first_block) = blocks.get(first) else { continue };
            let start = mark.range.start.max(first_block.start);
            let last = blocks.iter().rposition(|block| block.start <= mark.range.end).unwrap_or(first).max(first);
            let end = blocks.get(last).map_or(start, |block| mark.range.end.min(block.end)).max(start);
            self.placed.push(word_id);
            places.push((word_id, start..end));
        }
        places
    }

    /// The comment markers at `at`: ends (with their references) first, then
    /// starts; an empty anchor starts, ends and is referenced there.
    fn comment_markers(&mut self, at: usize, comments: &[(usize, Range<usize>)], open: &mut Option<Wrapper>) {
        let ending = comments.iter().filter(|(_, place)| place.end == at && place.start != at);
        let starting = comments.iter().filter(|(_, place)| place.start == at);
        let mut markers = String::new();
        for (word_id, _) in ending {
            let _ = write!(markers, "{}", range_end(*word_id));
        }
        for (word_id, place) in starting {
            let _ = write!(markers, r#"<w:commentRangeStart w:id="{word_id}"/>"#);
            if place.end == at {
                markers.push_str(&range_end(*word_id));
            }
        }
        if !markers.is_empty() {
            self.close(open);
            self.xml.push_str(&markers);
        }
    }

    fn open_wrapper(&mut self, kind: MarkKind, id: &str, mark: usize) -> Wrapper {
        let (tag, wrapper) =
            if kind == MarkKind::Delete { ("w:del", Wrapper::Delete(mark)) } else { ("w:ins", Wrapper::Insert(mark)) };
        let revision = self.revision(id);
        let _ = write!(self.xml, "<{tag}{revision}>");
        wrapper
    }

    /// The next revision's attributes for the suggestion `id`: its Word
    /// id, author and date.
    fn revision(&mut self, id: &str) -> String {
        let revision = self.next_revision;
        self.next_revision += 1;
        let suggestion = self.story.suggestions.iter().find(|suggestion| suggestion.id == id);
        let author = suggestion.map_or(UNKNOWN_AUTHOR, |suggestion| suggestion.author.as_str());
        let at = suggestion.map_or(Timestamp::EPOCH, |suggestion| suggestion.at);
        format!(r#" w:id="{revision}" w:author="{}" w:date="{}""#, escape(author), date(at))
    }

    fn close(&mut self, open: &mut Option<Wrapper>) {
        match open.take() {
            Some(Wrapper::Insert(_)) => self.xml.push_str("</w:ins>"),
            Some(Wrapper::Delete(_)) => self.xml.push_str("</w:del>"),
            None => {}
        }
    }

    /// One run of text: `(bold, italic)` its formatting.
    fn run(&mut self, piece: &str, deleted: bool, (bold, italic): (bool, bool)) {
        if piece.is_empty() {
            return;
        }
        if piece == "\n" {
            self.xml.push_str("<w:r><w:br/></w:r>");
            return;
        }
        let tag = if deleted { "w:delText" } else { "w:t" };
        let format = match (bold, italic) {
            (false, false) => "",
            (true, false) => "<w:rPr><w:b/></w:rPr>",
            (false, true) => "<w:rPr><w:i/></w:rPr>",
            (true, true) => "<w:rPr><w:b/><w:i/></w:rPr>",
        };
        let _ = write!(self.xml, r#"<w:r>{format}<{tag} xml:space="preserve">{}</{tag}></w:r>"#, escape(piece));
    }
}

/// A comment's range end and the run that refers to it.
fn range_end(word_id: usize) -> String {
    format!(
        r#"<w:commentRangeEnd w:id="{word_id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{word_id}"/></w:r>"#
    )
}

/// The suggestion a block's blank line (`separator`, in the text as shown)
/// is wholly inside: its kind and id.
fn paragraph_mark_change<'f>(field: &'f Tracked, separator: &Range<usize>) -> Option<(MarkKind, &'f str)> {
    field
        .marks
        .iter()
        .find(|mark| {
            mark.kind != MarkKind::Comment && mark.range.start <= separator.start && separator.end <= mark.range.end
        })
        .map(|mark| (mark.kind, mark.id.as_str()))
}

/// The blocks of Markdown text: the ranges between blank lines.
fn block_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(found) = text.get(start..).and_then(|rest| rest.find("\n\n")) {
        out.push(start..start + found);
        start += found + 2;
    }
    out.push(start..text.len());
    out
}

/// The paragraph style of a body block and the Markdown prefixes to leave
/// out: `## ` for a subhead, `> ` on each line of a quote. A prefix that a
/// mark touches is kept as text, the block a plain paragraph — except the
/// block's first prefix in a suggestion that ends with it and holds the
/// blank line before: a split or merge with the paragraph before (the
/// import writes one so), whose paragraph mark carries it.
fn block_style<'s>(field: &Tracked, block: &Range<usize>, text: &str) -> (Option<&'s str>, Vec<Range<usize>>) {
    let untouched = |skip: &Range<usize>| {
        field.marks.iter().all(|mark| {
            let split_or_merge = mark.kind != MarkKind::Comment
                && skip.start == block.start
                && mark.range.end == skip.end
                && mark.range.start + 2 <= block.start;
            mark.range.end <= skip.start || mark.range.start >= skip.end || split_or_merge
        })
    };
    if text.starts_with("## ") && !text.contains('\n') {
        let skip = block.start..block.start + 3;
        if untouched(&skip) {
            return (Some("Heading2"), vec![skip]);
        }
    }
    if text.starts_with('>') {
        let mut skips = Vec::new();
        let mut line_start = 0;
        for line in text.split('\n') {
            let prefix = if line.starts_with("> ") {
                2
            } else if line.starts_with('>') {
                1
            } else {
                0
            };
            if prefix == 0 {
                return (None, Vec::new());
            }
            skips.push(block.start + line_start..block.start + line_start + prefix);
            line_start += line.len() + 1;
        }
        if skips.iter().all(untouched) {
            return (Some("Quote"), skips);
        }
    }
    (None, Vec::new())
}

/// Markdown emphasis in a body block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Emphasis {
    /// `**strong**`: a bold run.
    Bold,
    /// `*emphasis*` or `_emphasis_`: an italic run.
    Italic,
}

/// A stretch of bold or italic text (a range of the field's shown text).
type Emphasized = (Range<usize>, Emphasis);

/// The bold and italic text of a body block (ranges of the field's shown
/// text, delimiters left out) and the delimiters to leave out of the
/// runs, as pulldown-cmark reads the block. A span whose delimiters a
/// tracked change or comment touches is left as text, asterisks and all.
fn emphasis(field: &Tracked, block: &Range<usize>, text: &str) -> (Vec<Emphasized>, Vec<Range<usize>>) {
    let untouched = |skip: &Range<usize>| {
        field.marks.iter().all(|mark| mark.range.end <= skip.start || mark.range.start >= skip.end)
    };
    let mut spans = Vec::new();
    let mut delimiters = Vec::new();
    for (event, range) in pulldown_cmark::Parser::new(text).into_offset_iter() {
        let (kind, width) = match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Strong) => (Emphasis::Bold, 2),
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Emphasis) => (Emphasis::Italic, 1),
            _ => continue,
        };
        let (start, end) = (block.start + range.start, block.start + range.end);
        if end < start + 2 * width {
            continue;
        }
        let open = start..start + width;
        let close = end - width..end;
        if untouched(&open) && untouched(&close) {
            spans.push((open.end..close.start, kind));
            delimiters.extend([open, close]);
        }
    }
    (spans, delimiters)
}

/// Initials for Word's comment balloons: the first letter of each word.
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|word| word.chars().next()).flat_map(char::to_uppercase).collect()
}

/// A time as Word writes it: RFC 3339 in UTC, whole seconds.
fn date(at: Timestamp) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    at.0.checked_to_offset(time::UtcOffset::UTC)
        .and_then(|utc| utc.format(&format).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Text for XML content and attribute values: markup characters escaped,
/// and characters XML 1.0 cannot hold (most control characters) left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn content_types(comments: bool) -> String {
    let comment_types = if comments {
        r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>"#
    } else {
        ""
    };
    format!(
        r#"{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>{comment_types}</Types>"#
    )
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn document_rels(comments: bool) -> String {
    let comment_rels = if comments {
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>"#
    } else {
        ""
    };
    format!(
        r#"{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{comment_rels}</Relationships>"#
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="56"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:color w:val="595959"/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style></w:styles>"#;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use std::io::Read as _;

    use super::*;
    use crate::model::{Reply, Slug, Suggestion};

    fn part(bytes: &[u8], name: &str) -> Option<String> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut file = archive.by_name(name).ok()?;
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        // Every part is well-formed XML.
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("{name} is not well-formed: {error}\n{text}"),
            }
        }
        Some(text)
    }

    fn story(headline: &str, body: &str) -> Story {
        let mut story = Story::new(Slug::new("s").unwrap(), Timestamp::EPOCH);
        story.headline = headline.into();
        story.body = body.into();
        story
    }

    #[test]
    fn suggestions_are_revisions_with_author_and_date() {
        let mut story = story("Head", "A {++s1|new ++}and {--s2|old & <gone>--} text.");
        let at = Timestamp(time::macros::datetime!(2026-11-25 18:05:30.25 +01:00));
        story.suggestions = vec![
            Suggestion { id: "s1".into(), kind: MarkKind::Insert, author: "Ana \"A\"".into(), at },
            Suggestion { id: "s2".into(), kind: MarkKind::Delete, author: "Ben".into(), at },
        ];
        let document = part(&docx(&story).unwrap(), "word/document.xml").unwrap();
        assert!(document.contains(r#"<w:ins w:id="0" w:author="Ana &quot;A&quot;" w:date="2026-11-25T17:05:30Z"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins>"#), "{document}");
        assert!(document.contains(r#"<w:del w:id="1" w:author="Ben" w:date="2026-11-25T17:05:30Z"><w:r><w:delText xml:space="preserve">old &amp; &lt;gone&gt;</w:delText></w:r></w:del>"#), "{document}");
        assert!(document.contains(r#"<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">Head</w:t>"#));
    }

    #[test]
    fn blocks_take_their_styles_and_a_comment_spans_its_text() {
        let mut story = story("Head", "## Sub\n\n> One\n> {==c1|two==}\n\nPlain\nline");
        story.comments = vec![Comment {
            id: "c1".into(),
            author: "cleo van dam".into(),
            at: Timestamp::EPOCH,
            text: "First\nsecond".into(),
            resolved: true,
            replies: vec![Reply { author: "Ana".into(), at: Timestamp::EPOCH, text: "Yes".into() }],
        }];
        let bytes = docx(&story).unwrap();
        let document = part(&bytes, "word/document.xml").unwrap();
        assert!(
            document.contains(r#"<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Sub</w:t>"#),
            "{document}"
        );
        assert!(document.contains(r#"<w:pStyle w:val="Quote"/></w:pPr><w:r><w:t xml:space="preserve">One</w:t></w:r><w:r><w:br/></w:r><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">two</w:t></w:r><w:commentRangeEnd w:id="0"/>"#), "{document}");
        assert!(document.contains(r#"<w:commentReference w:id="0"/>"#));
        assert!(document.contains(r#"<w:p><w:r><w:t xml:space="preserve">Plain</w:t></w:r><w:r><w:br/></w:r>"#));
        let comments = part(&bytes, "word/comments.xml").unwrap();
        assert!(
            comments.contains(
                r#"<w:comment w:id="0" w:author="cleo van dam" w:date="1970-01-01T00:00:00Z" w:initials="CVD">"#
            ),
            "{comments}"
        );
        assert!(comments.contains(r#"<w:comment w:id="1" w:author="Ana""#));
        let extended = part(&bytes, "word/commentsExtended.xml").unwrap();
        assert!(extended.contains(r#"<w15:commentEx w15:paraId="10000000" w15:done="1"/>"#), "{extended}");
        assert!(
            extended.contains(r#"<w15:commentEx w15:paraId="10000001" w15:paraIdParent="10000000" w15:done="1"/>"#)
        );
    }

    #[test]
    fn bold_and_italic_are_word_formatting_and_import_reads_them_back() {
        let story = story("Head", "A **bold** claim and *italic* words, ***both*** at once.");
        let bytes = docx(&story).unwrap();
        let document = part(&bytes, "word/document.xml").unwrap();
        assert!(
            document.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">bold</w:t></w:r>"#),
            "{document}"
        );
        assert!(
            document.contains(r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">italic</w:t></w:r>"#),
            "{document}"
        );
        assert!(document.contains(r#"<w:rPr><w:b/><w:i/></w:rPr><w:t xml:space="preserve">both</w:t>"#), "{document}");
        assert!(!document.contains('*'), "no asterisks left: {document}");
        let imported = crate::import::import_copy("story.docx", &bytes).unwrap();
        assert!(imported.body.contains("**bold**") && imported.body.contains("*italic*"), "{}", imported.body);
    }

    /// A story with `body`, whose suggestion `s1` is Ana's insertion and
    /// `s2` Ben's deletion.
    fn ana_inserts_ben_deletes(body: &str) -> Story {
        let mut story = story("Head", body);
        let at = Timestamp(time::macros::datetime!(2026-11-25 18:05 UTC));
        story.suggestions = vec![
            Suggestion { id: "s1".into(), kind: MarkKind::Insert, author: "Ana".into(), at },
            Suggestion { id: "s2".into(), kind: MarkKind::Delete, author: "Ben".into(), at },
        ];
        story
    }

    #[test]
    fn a_suggested_split_or_merge_is_a_tracked_paragraph_mark_and_comes_back_from_word() {
        let story = ana_inserts_ben_deletes("One.{++s1|\n\n++}Two.\n\nThree.{--s2|\n\n--}Four.");
        let bytes = docx(&story).unwrap();
        let document = part(&bytes, "word/document.xml").unwrap();
        assert!(
            document.contains(r#"<w:p><w:pPr><w:rPr><w:ins w:id="0" w:author="Ana" w:date="2026-11-25T18:05:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">One.</w:t></w:r></w:p>"#),
            "{document}"
        );
        assert!(
            document.contains(r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="Ben" w:date="2026-11-25T18:05:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Three.</w:t></w:r></w:p>"#),
            "{document}"
        );
        assert!(document.contains(r#"<w:p><w:r><w:t xml:space="preserve">Two.</w:t></w:r></w:p>"#), "{document}");
        let imported = crate::import::import_copy("story.docx", &bytes).unwrap();
        assert_eq!(imported.body, story.body);
        let kinds: Vec<(&str, MarkKind, &str)> = imported
            .suggestions
            .iter()
            .map(|suggestion| (suggestion.id.as_str(), suggestion.kind, suggestion.author.as_str()))
            .collect();
        assert_eq!(kinds, [("s1", MarkKind::Insert, "Ana"), ("s2", MarkKind::Delete, "Ben")]);
        assert_eq!(crate::model::tracked::as_it_stands(&imported.body), "One.Two.\n\nThree.\n\nFour.");
        assert_eq!(crate::model::tracked::all_accepted(&imported.body), "One.\n\nTwo.\n\nThree.Four.");
    }

    #[test]
    fn a_split_or_merge_beside_a_subhead_or_quote_keeps_both_styles_through_word() {
        let story = ana_inserts_ben_deletes("Text.{++s1|\n\n## ++}Sub\n\nMore.{--s2|\n\n> --}Said.");
        let bytes = docx(&story).unwrap();
        let document = part(&bytes, "word/document.xml").unwrap();
        assert!(
            document.contains(r#"<w:pPr><w:rPr><w:ins w:id="0" w:author="Ana" w:date="2026-11-25T18:05:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Text.</w:t></w:r></w:p>"#),
            "{document}"
        );
        assert!(
            document.contains(r#"<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Sub</w:t>"#),
            "{document}"
        );
        assert!(
            document.contains(r#"<w:pStyle w:val="Quote"/></w:pPr><w:r><w:t xml:space="preserve">Said.</w:t>"#),
            "{document}"
        );
        assert!(!document.contains("##") && !document.contains("&gt;"), "no prefixes as text: {document}");
        let imported = crate::import::import_copy("story.docx", &bytes).unwrap();
        assert_eq!(imported.body, story.body);
        // Rejected, the split leaves one plain paragraph; accepted, the
        // merge one plain paragraph: no `## ` or `> ` inside the text.
        assert_eq!(crate::model::tracked::as_it_stands(&imported.body), "Text.Sub\n\nMore.\n\n> Said.");
        assert_eq!(crate::model::tracked::all_accepted(&imported.body), "Text.\n\n## Sub\n\nMore.Said.");
    }

    #[test]
    fn a_story_without_comments_has_no_comment_parts_and_text_is_escaped() {
        let bytes = docx(&story("<b>&\u{1}</b>", "x]]><y>")).unwrap();
        assert!(part(&bytes, "word/comments.xml").is_none());
        let types = part(&bytes, "[Content_Types].xml").unwrap();
        assert!(!types.contains("comments"));
        let document = part(&bytes, "word/document.xml").unwrap();
        assert!(document.contains("&lt;b&gt;&amp;&lt;/b&gt;") && document.contains("x]]&gt;&lt;y&gt;"), "{document}");
        part(&bytes, "_rels/.rels").unwrap();
        part(&bytes, "word/_rels/document.xml.rels").unwrap();
        part(&bytes, "word/styles.xml").unwrap();
    }
}
