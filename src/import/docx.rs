//! Word (`.docx`) copy.
//!
//! A `.docx` is a zip package; the text is in `word/document.xml`
//! (`WordprocessingML`). We walk its paragraphs (`w:p`) in order:
//!
//! - text comes from `w:t`; `w:tab` gives a space, `w:br` and `w:cr` a line
//!   break inside the paragraph, `w:noBreakHyphen` a `-`;
//! - the paragraph style (`w:pPr/w:pStyle`) decides what a paragraph is. The
//!   style's name is looked up in `word/styles.xml` when there is one, because
//!   Word localises style ids (a German "Heading 1" has the id
//!   `berschrift1`) but not the built-in names. "Title" or "heading 1" makes
//!   the headline (the first such paragraph; else the first paragraph with
//!   text), other headings become `## ` subheads, "Quote" and "Intense Quote"
//!   become `> ` quotes;
//! - runs (`w:r`) marked bold (`w:b`) or italic (`w:i`), directly or with the
//!   "Strong" and "Emphasis" character styles, become `**bold**` and
//!   `*italic*`; adjacent runs with the same formatting are merged;
//! - hidden text (`w:vanish`) and the fallback copies of text boxes
//!   (`mc:Fallback`) are left out, and paragraphs with no text are dropped.
//!
//! Tracked changes and comments become the marks of
//! [`crate::model::tracked`], with who and when in
//! [`ImportedCopy::suggestions`] and [`ImportedCopy::comments`]:
//!
//! - inserted text (`w:ins`, and `w:moveTo`, the new place of moved text) is
//!   a suggested insertion, deleted text (`w:del` with its `w:delText`, and
//!   `w:moveFrom`) a suggested deletion, with the element's `w:author`
//!   ("Unknown" when there is none) and `w:date` (a date without a time zone
//!   is read as UTC; a missing or unreadable one is the epoch). The runs of
//!   one element in one paragraph make one suggestion. Text inserted and
//!   then deleted again is in neither version of the text, and is left out.
//!   An inserted paragraph mark (`w:pPr/w:rPr/w:ins`) between two body
//!   paragraphs is a suggested split: the blank line between them is a
//!   suggested insertion; a deleted one (`w:del`) a suggested merge, the
//!   blank line a suggested deletion. When the second paragraph is a subhead
//!   or a quote, its `## ` or `> ` is in the suggestion too, so the joined
//!   paragraph is of the first one's kind (Word gives it the second's
//!   style). Tracked formatting (`w:rPrChange`, `w:pPrChange`) is ignored:
//!   formatting is taken as Word shows it.
//! - comments come from `word/comments.xml` (author, date, the text of their
//!   paragraphs, with any tracked changes in them accepted). A comment is
//!   anchored on the text between its `w:commentRangeStart` and
//!   `w:commentRangeEnd`; a range that goes on past its paragraph is
//!   anchored on the part in the paragraph where it starts. A comment with no
//!   range gets an empty anchor at its `w:commentReference`, or at the start
//!   of the body when it has none either. Anchors do not nest: a range that
//!   starts inside another comment's becomes an empty anchor where that one
//!   ends, and a range that starts inside a suggestion starts before it.
//!   Two empty anchors cannot share a place (nor one with the start of
//!   another anchor), so the second moves to the next place free.
//!   Replies and "resolved" come from `word/commentsExtended.xml`
//!   (`w15:paraIdParent`, `w15:done`): a reply joins the thread of the
//!   comment it answers (oldest reply first) instead of being anchored
//!   itself; `w15:done="1"` on a thread's first comment resolves it.
//! - the headline keeps its marks, as plain text. In the body, Markdown
//!   emphasis and suggestions nest: emphasis that goes on outside a
//!   suggestion is written outside its mark, emphasis wholly inside it
//!   inside; where that could leave emphasis empty or next to a space once
//!   the suggestion is accepted or rejected, the emphasis is closed and
//!   opened again at the suggestion's edges. (Emphasis that starts or ends
//!   inside a suggestion in the middle of a word splits the suggestion in
//!   two instead, so delimiters never meet as in `**a****b**`.) Whitespace
//!   between a suggestion and the edge of its line, and a line break next to
//!   a suggestion that is a line of its own, go into the suggestion. So the
//!   text as it stands ([`crate::model::tracked::as_it_stands`]) and with
//!   every suggestion accepted are the Markdown the document gives without
//!   the pending changes, or with them made.
//!
//! Elements are matched by their usual `w:` prefix, which is what Word,
//! `LibreOffice` and Google Docs all write.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{
    ImportError, ImportedCopy, MAX_IMPORT_BYTES, assemble_fields_separated, clean_block, clean_headline, escape_marks,
};
use crate::model::{Comment, MarkKind, Reply, Suggestion, Timestamp};

/// The part that holds the document's text.
const DOCUMENT_PART: &str = "word/document.xml";
/// The part that names the document's styles.
const STYLES_PART: &str = "word/styles.xml";
/// The part that holds the comments.
const COMMENTS_PART: &str = "word/comments.xml";
/// The part that says which comments are replies, and which are resolved.
const COMMENTS_EXTENDED_PART: &str = "word/commentsExtended.xml";
/// How an OLE compound file starts: an old Word `.doc`, or any Office
/// document encrypted with a password.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The byte-order mark of UTF-8.
const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
/// Elements whose content is left out: old properties of tracked formatting
/// changes, and the fallback copy of content Word also writes in a newer
/// form.
const SKIPPED: [&str; 3] = ["w:pPrChange", "w:rPrChange", "mc:Fallback"];
/// Who made a change or comment that does not say.
const UNKNOWN_AUTHOR: &str = "Unknown";
/// How many times emphasis is laid out again around suggestions it did not
/// fit before every suggestion edge closes it.
const LAYOUT_ROUNDS: usize = 4;

/// Imports a `.docx` file.
pub(super) fn import_docx(bytes: &[u8]) -> Result<ImportedCopy, ImportError> {
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(bad(
            "it is protected with a password, or it is an old Word 97-2003 (.doc) file renamed .docx. Remove the password if it has one",
        ));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| bad(format!("it is not a zip package, which every .docx is ({error})")))?;
    let document = read_part(&mut archive, DOCUMENT_PART, MAX_IMPORT_BYTES)?.ok_or_else(|| {
        bad("it has no word/document.xml, so it is not a Word document (perhaps it is another kind of Office file, such as a spreadsheet)")
    })?;
    // Styles only refine what paragraphs are; a document without them (or
    // with broken ones) still imports, going by the style ids alone.
    let styles = match read_part(&mut archive, STYLES_PART, MAX_IMPORT_BYTES) {
        Ok(Some(xml)) => style_names(&xml),
        Ok(None) | Err(_) => HashMap::new(),
    };
    // The comments are the reviewers' work: a broken comments part is an
    // error, not comments silently lost. Replies and "resolved" only refine
    // them, like styles.
    let threads = match read_part(&mut archive, COMMENTS_PART, MAX_IMPORT_BYTES)? {
        Some(xml) => {
            let extensions = match read_part(&mut archive, COMMENTS_EXTENDED_PART, MAX_IMPORT_BYTES) {
                Ok(Some(xml)) => comment_extensions(&xml),
                Ok(None) | Err(_) => HashMap::new(),
            };
            threads(&xml, &styles, &extensions)?
        }
        None => Threads::default(),
    };
    let parsed = parse_part(&document, DOCUMENT_PART, "its text", &styles)?;
    build(parsed, &threads)
}

/// [`ImportError::BadDocx`] with `reason`.
fn bad(reason: impl Into<String>) -> ImportError {
    ImportError::BadDocx { reason: reason.into() }
}

/// The text of the part `name`, or `None` when the package has no such
/// part. Reads at most `limit` bytes, whatever size the zip declares, so a
/// zip bomb cannot exhaust memory.
fn read_part(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Option<String>, ImportError> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(bad(format!("its part {name} cannot be opened ({error})"))),
    };
    if file.size() > limit {
        return Err(ImportError::TooLarge { size: file.size(), limit });
    }
    let mut data = Vec::new();
    file.by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|error| bad(format!("its part {name} cannot be unpacked ({error})")))?;
    let size = u64::try_from(data.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Err(ImportError::TooLarge { size, limit });
    }
    let data = data.strip_prefix(&UTF8_BOM).unwrap_or(&data);
    match std::str::from_utf8(data) {
        Ok(text) => Ok(Some(text.to_owned())),
        Err(_) => Err(bad(format!("its part {name} is not UTF-8 XML"))),
    }
}

/// What a paragraph is, by its style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum ParagraphKind {
    /// Body text.
    #[default]
    Normal,
    /// The document's title.
    Title,
    /// A heading of a level, from 1.
    Heading(u8),
    /// A quotation.
    Quote,
}

/// A style name or id made comparable: ASCII lowercase, no spaces
/// ("heading 1" and "Heading1" are both "heading1").
fn style_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect()
}

/// What a paragraph style is, by its key (see [`style_key`]).
fn classify(key: &str) -> ParagraphKind {
    match key {
        "title" => ParagraphKind::Title,
        "quote" | "intensequote" => ParagraphKind::Quote,
        _ => match key.strip_prefix("heading").map(str::parse::<u8>) {
            Some(Ok(level @ 1..=9)) => ParagraphKind::Heading(level),
            _ => ParagraphKind::Normal,
        },
    }
}

/// The keys (see [`style_key`]) of the names of the styles in a
/// `styles.xml`, by style id. Gives what it found so far if the XML is
/// broken.
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) => match element.name().as_ref() {
                "w:style" => style = attribute(&element, "w:styleId"),
                "w:name" => {
                    if let (Some(id), Some(name)) = (&style, attribute(&element, "w:val")) {
                        names.insert(id.clone(), style_key(&name));
                    }
                }
                _ => {}
            },
            Ok(Event::End(element)) if element.name().as_ref() == "w:style" => style = None,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    names
}

/// The value of the attribute `name` of `element`, with entities resolved.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.attributes().flatten().find(|attribute| attribute.key.as_ref() == name).and_then(|attribute| {
        attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(std::borrow::Cow::into_owned)
    })
}

/// Whether a toggle property such as `<w:b/>` or `<w:b w:val="0"/>` is on.
fn toggle_is_on(element: &BytesStart<'_>) -> bool {
    !matches!(attribute(element, "w:val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// The `w:author` of a change or comment, or [`UNKNOWN_AUTHOR`].
fn author(element: &BytesStart<'_>) -> String {
    attribute(element, "w:author")
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| UNKNOWN_AUTHOR.to_owned())
}

/// The time in a `w:date`: ISO 8601 (`2026-11-30T10:15:00Z`), read as UTC
/// when it has no time zone (Word writes some so). The epoch when there is
/// none or it cannot be read.
fn timestamp(value: Option<&str>) -> Timestamp {
    use time::format_description::well_known::{Iso8601, Rfc3339};
    let Some(text) = value.map(str::trim).filter(|text| !text.is_empty()) else {
        return Timestamp::EPOCH;
    };
    let moment = time::OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| time::PrimitiveDateTime::parse(text, &Iso8601::DEFAULT).map(time::PrimitiveDateTime::assume_utc));
    match moment {
        // Story files write RFC 3339, which has four-digit years only.
        Ok(moment) if (0..=9999).contains(&moment.year()) => Timestamp(moment),
        _ => Timestamp::EPOCH,
    }
}

/// The kind of suggestion an element of tracked changes holds.
fn change_kind(name: &str) -> Option<MarkKind> {
    match name {
        "w:ins" | "w:moveTo" => Some(MarkKind::Insert),
        "w:del" | "w:moveFrom" => Some(MarkKind::Delete),
        _ => None,
    }
}

/// Whether an element named `name` holds properties (`w:rPr`, `w:pPr`,
/// `w:trPr` …): a tracked change in one is about a paragraph mark, a table
/// row or formatting, not text.
fn is_properties(name: &str) -> bool {
    name.ends_with("Pr")
}

/// Inline formatting of a stretch of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Format {
    /// Bold.
    bold: bool,
    /// Italic.
    italic: bool,
}

/// The properties of a run (`w:r`) that matter here.
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    /// How its text is formatted.
    format: Format,
    /// Hidden text (`w:vanish`), left out.
    hidden: bool,
}

/// Text with one formatting, in one tracked change or none.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    /// The text; `\n` for a line break.
    text: String,
    /// Its formatting.
    format: Format,
    /// The tracked change it is in (an index into [`Parsed::changes`]).
    change: Option<usize>,
}

/// One tracked-change element of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    /// Insertion or deletion.
    kind: MarkKind,
    /// Its `w:author`.
    author: String,
    /// Its `w:date`.
    at: Timestamp,
}

/// A comment's place marker in the document, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    /// `w:commentRangeStart`.
    RangeStart,
    /// `w:commentRangeEnd`.
    RangeEnd,
    /// `w:commentReference`.
    Reference,
}

/// Where a comment's anchor goes, once decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    /// The anchor starts.
    Open,
    /// The anchor ends.
    Close,
    /// An empty anchor.
    Point,
}

/// What a paragraph holds, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    /// Text.
    Text(Segment),
    /// A comment marker with the comment's `w:id`, as read.
    Marker(Marker, String),
    /// A comment's anchor, by its index in [`Threads::threads`].
    Anchor(Anchor, usize),
}

/// A paragraph as read from the document.
#[derive(Clone, Debug, Default)]
struct Paragraph {
    /// What it is.
    kind: ParagraphKind,
    /// Its text and comment markers, adjacent stretches of the same
    /// formatting and change merged.
    items: Vec<Item>,
    /// The comment it belongs to (in `comments.xml`), an index into
    /// [`Parsed::comments`].
    comment: Option<usize>,
    /// Its `w14:paraId`, which replies in `commentsExtended.xml` name.
    para_id: Option<String>,
    /// The tracked changes of its paragraph mark (`w:pPr/w:rPr/w:ins`,
    /// `w:del`): one is a suggested split or merge with the next
    /// paragraph; an insertion deleted again is neither.
    mark_changes: Vec<Change>,
}

impl Paragraph {
    /// Adds `text` with `format`, in `change`, at the end.
    fn push(&mut self, text: &str, format: Format, change: Option<usize>) {
        if text.is_empty() {
            return;
        }
        match self.items.last_mut() {
            Some(Item::Text(last)) if last.format == format && last.change == change => last.text.push_str(text),
            _ => self.items.push(Item::Text(Segment { text: text.to_owned(), format, change })),
        }
    }

    /// Its text without formatting, every change shown.
    fn plain_text(&self) -> String {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::Text(segment) => Some(segment.text.as_str()),
                Item::Marker(..) | Item::Anchor(..) => None,
            })
            .collect()
    }

    /// Its text, adjacent stretches of the same formatting merged whatever
    /// their changes and markers.
    fn segments(&self) -> Vec<Segment> {
        let mut segments: Vec<Segment> = Vec::new();
        for item in &self.items {
            if let Item::Text(segment) = item {
                match segments.last_mut() {
                    Some(last) if last.format == segment.format => last.text.push_str(&segment.text),
                    _ => segments.push(segment.clone()),
                }
            }
        }
        segments
    }

    /// Whether it has neither tracked changes nor comment anchors.
    fn is_plain(&self) -> bool {
        !self.items.iter().any(|item| matches!(item, Item::Anchor(..) | Item::Text(Segment { change: Some(_), .. })))
    }
}

/// A comment as read from `comments.xml`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RawComment {
    /// Its `w:id`, which the document's markers name.
    id: String,
    /// Its `w:author`.
    author: String,
    /// Its `w:date`.
    at: Timestamp,
    /// The `w14:paraId`s of its paragraphs.
    para_ids: Vec<String>,
    /// The text of its paragraphs.
    paragraphs: Vec<String>,
}

/// What a part gave.
#[derive(Debug, Default)]
struct Parsed {
    /// Its paragraphs, in the order they end (a paragraph inside a text box
    /// comes before the one holding the box).
    paragraphs: Vec<Paragraph>,
    /// Its tracked-change elements, in document order.
    changes: Vec<Change>,
    /// Its comments (in `comments.xml`), in order.
    comments: Vec<RawComment>,
}

/// Reads the paragraphs of a part: `document.xml`, or `comments.xml`.
/// `what` names the part in messages ("its text").
///
/// # Errors
///
/// [`ImportError::BadDocx`] when the XML is not well-formed.
fn parse_part(xml: &str, part: &str, what: &str, styles: &HashMap<String, String>) -> Result<Parsed, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker {
        styles,
        elements: Vec::new(),
        paragraphs: Vec::new(),
        runs: Vec::new(),
        parsed: Parsed::default(),
        open_changes: Vec::new(),
        comment: None,
        waiting: Vec::new(),
    };
    let mut skipping = 0_usize;
    loop {
        let event = reader.read_event().map_err(|error| {
            bad(format!("{what} ({part}) is not well-formed XML: {error} (at byte {})", reader.error_position()))
        })?;
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(element) => {
                let name = element.name().as_ref().to_owned();
                let tracked_properties = change_kind(&name).is_some() && is_properties(walker.ancestor(0));
                if SKIPPED.contains(&name.as_str()) || tracked_properties {
                    skipping = 1;
                    continue;
                }
                walker.open(&element, &name);
                walker.elements.push(name);
            }
            Event::Empty(element) => {
                let name = element.name().as_ref().to_owned();
                if !SKIPPED.contains(&name.as_str()) {
                    walker.open(&element, &name);
                    walker.close(&name);
                }
            }
            Event::End(element) => {
                walker.elements.pop();
                walker.close(element.name().as_ref());
            }
            Event::Text(text) => walker.text(&text.xml10_content()),
            Event::CData(text) => walker.text(&text.xml10_content()),
            Event::GeneralRef(reference) => {
                let text = resolve(&reference).map_err(|reason| {
                    bad(format!(
                        "{what} ({part}) is not well-formed XML: {reason} (at byte {})",
                        reader.buffer_position()
                    ))
                })?;
                walker.text(&text);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if skipping > 0 || !walker.elements.is_empty() {
        return Err(bad(format!("{what} ({part}) ends in the middle of the document")));
    }
    Ok(walker.parsed)
}

/// The text an entity or character reference stands for. An entity that XML
/// does not predefine is kept as written.
fn resolve(reference: &BytesRef<'_>) -> Result<String, String> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => {
            Ok(resolve_predefined_entity(reference).map_or_else(|| format!("&{};", &**reference), str::to_owned))
        }
        Err(error) => Err(error.to_string()),
    }
}

/// Where the walk through a part is.
struct Walker<'s> {
    /// Style name keys by style id, from `styles.xml`.
    styles: &'s HashMap<String, String>,
    /// The names of the open elements, outermost first.
    elements: Vec<String>,
    /// The open paragraphs, outermost first (text boxes nest them).
    paragraphs: Vec<Paragraph>,
    /// The open runs, outermost first.
    runs: Vec<Run>,
    /// What was read so far.
    parsed: Parsed,
    /// The open tracked-change elements, outermost first: indexes into
    /// [`Parsed::changes`].
    open_changes: Vec<usize>,
    /// The open comment (in `comments.xml`): an index into
    /// [`Parsed::comments`].
    comment: Option<usize>,
    /// Comment ranges that start between paragraphs, for the next one.
    waiting: Vec<Item>,
}

impl Walker<'_> {
    /// The name of the open element `up` levels above the current one (0:
    /// the current one).
    fn ancestor(&self, up: usize) -> &str {
        self.elements.len().checked_sub(up + 1).and_then(|index| self.elements.get(index)).map_or("", String::as_str)
    }

    /// Handles the start of `element`, named `name`, whose parent is the
    /// current element.
    fn open(&mut self, element: &BytesStart<'_>, name: &str) {
        let parent = self.ancestor(0);
        let grandparent = self.ancestor(1);
        let in_run_properties = parent == "w:rPr" && grandparent == "w:r";
        let in_run = parent == "w:r";
        if let Some(kind) = change_kind(name)
            && parent == "w:rPr"
            && grandparent == "w:pPr"
            && self.ancestor(2) == "w:p"
        {
            let at = timestamp(attribute(element, "w:date").as_deref());
            if let Some(paragraph) = self.paragraphs.last_mut() {
                paragraph.mark_changes.push(Change { kind, author: author(element), at });
            }
            return;
        }
        if let Some(kind) = change_kind(name)
            && !is_properties(parent)
        {
            let at = timestamp(attribute(element, "w:date").as_deref());
            self.parsed.changes.push(Change { kind, author: author(element), at });
            self.open_changes.push(self.parsed.changes.len() - 1);
            return;
        }
        match name {
            "w:p" => {
                let mut paragraph = Paragraph {
                    comment: self.comment,
                    para_id: attribute(element, "w14:paraId"),
                    ..Paragraph::default()
                };
                paragraph.items.append(&mut self.waiting);
                self.paragraphs.push(paragraph);
            }
            "w:r" => self.runs.push(Run::default()),
            "w:pStyle" if parent == "w:pPr" && grandparent == "w:p" => {
                let kind = attribute(element, "w:val").map_or(ParagraphKind::Normal, |id| self.paragraph_kind(&id));
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    paragraph.kind = kind;
                }
            }
            "w:b" | "w:i" | "w:vanish" | "w:rStyle" if in_run_properties => {
                let format = match name {
                    "w:rStyle" => attribute(element, "w:val").map_or(Format::default(), |id| self.character_style(&id)),
                    _ => Format::default(),
                };
                let on = toggle_is_on(element);
                if let Some(run) = self.runs.last_mut() {
                    match name {
                        "w:b" => run.format.bold = on,
                        "w:i" => run.format.italic = on,
                        "w:vanish" => run.hidden = on,
                        _ => {
                            run.format.bold |= format.bold;
                            run.format.italic |= format.italic;
                        }
                    }
                }
            }
            "w:tab" if in_run => self.push(" "),
            "w:br" | "w:cr" if in_run => self.push("\n"),
            "w:noBreakHyphen" if in_run => self.push("-"),
            "w:commentRangeStart" => self.marker(Marker::RangeStart, element),
            "w:commentRangeEnd" => self.marker(Marker::RangeEnd, element),
            "w:commentReference" => self.marker(Marker::Reference, element),
            "w:comment" => {
                let id = attribute(element, "w:id").unwrap_or_default();
                let at = timestamp(attribute(element, "w:date").as_deref());
                let comment =
                    RawComment { id, author: author(element), at, para_ids: Vec::new(), paragraphs: Vec::new() };
                self.parsed.comments.push(comment);
                self.comment = Some(self.parsed.comments.len() - 1);
            }
            _ => {}
        }
    }

    /// Handles the end of the element named `name`, whose parent is the
    /// current element.
    fn close(&mut self, name: &str) {
        match name {
            "w:p" => {
                if let Some(paragraph) = self.paragraphs.pop() {
                    self.parsed.paragraphs.push(paragraph);
                }
            }
            "w:r" => {
                self.runs.pop();
            }
            "w:comment" => self.comment = None,
            _ if change_kind(name).is_some() && !is_properties(self.ancestor(0)) => {
                self.open_changes.pop();
            }
            _ => {}
        }
    }

    /// Notes a comment marker in the current paragraph. A range that starts
    /// between paragraphs starts in the next one; other markers there do
    /// not matter (a range ends, at the latest, with its first paragraph).
    fn marker(&mut self, marker: Marker, element: &BytesStart<'_>) {
        let Some(id) = attribute(element, "w:id") else { return };
        match self.paragraphs.last_mut() {
            Some(paragraph) => paragraph.items.push(Item::Marker(marker, id)),
            None if marker == Marker::RangeStart => self.waiting.push(Item::Marker(marker, id)),
            None => {}
        }
    }

    /// Handles character data: kept only inside a run's `w:t` (or
    /// `w:delText`, deleted text). Line breaks and tabs there are layout of
    /// the XML, not of the text.
    fn text(&mut self, text: &str) {
        if matches!(self.ancestor(0), "w:t" | "w:delText") && self.ancestor(1) == "w:r" {
            self.push(&text.replace(['\n', '\r', '\t'], " "));
        }
    }

    /// Adds `text` to the current paragraph with the current run's
    /// formatting, in the current change, unless the run is hidden or the
    /// text was inserted and deleted again.
    fn push(&mut self, text: &str) {
        let run = self.runs.last().copied().unwrap_or_default();
        if run.hidden {
            return;
        }
        let kind_of = |index: &usize| self.parsed.changes.get(*index).map(|change| change.kind);
        let inserted = self.open_changes.iter().any(|index| kind_of(index) == Some(MarkKind::Insert));
        let deleted = self.open_changes.iter().any(|index| kind_of(index) == Some(MarkKind::Delete));
        if inserted && deleted {
            return;
        }
        let change = self.open_changes.last().copied();
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.push(text, run.format, change);
        }
    }

    /// What a paragraph with the style `id` is: by the style's name, else by
    /// its id.
    fn paragraph_kind(&self, id: &str) -> ParagraphKind {
        match self.styles.get(id).map(|name| classify(name)) {
            Some(kind) if kind != ParagraphKind::Normal => kind,
            _ => classify(&style_key(id)),
        }
    }

    /// The formatting a character style `id` stands for: "Strong" is bold,
    /// "Emphasis" and "Intense Emphasis" italic.
    fn character_style(&self, id: &str) -> Format {
        let id_key = style_key(id);
        let name = self.styles.get(id).map_or(id_key.as_str(), String::as_str);
        let is = |wanted: &[&str]| wanted.contains(&name) || wanted.contains(&id_key.as_str());
        Format { bold: is(&["strong"]), italic: is(&["emphasis", "intenseemphasis"]) }
    }
}

/// What `commentsExtended.xml` says about one comment paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Extension {
    /// The `w14:paraId` of the paragraph of the comment it answers.
    parent: Option<String>,
    /// Resolved (`w15:done="1"`).
    done: bool,
}

/// The `w15:commentEx` entries of a `commentsExtended.xml`, by
/// `w15:paraId`. Gives what it found so far if the XML is broken.
fn comment_extensions(xml: &str) -> HashMap<String, Extension> {
    let mut extensions = HashMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) if element.name().as_ref() == "w15:commentEx" => {
                if let Some(id) = attribute(&element, "w15:paraId") {
                    let parent = attribute(&element, "w15:paraIdParent");
                    let done = matches!(attribute(&element, "w15:done").as_deref(), Some("1" | "true" | "on"));
                    extensions.insert(id, Extension { parent, done });
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    extensions
}

/// A comment thread to anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Thread {
    /// Who wrote the first comment.
    author: String,
    /// When.
    at: Timestamp,
    /// What it says.
    text: String,
    /// Resolved.
    resolved: bool,
    /// The replies, oldest first.
    replies: Vec<Reply>,
}

/// The document's comment threads.
#[derive(Clone, Debug, Default)]
struct Threads {
    /// The threads, in the order of their first comments.
    threads: Vec<Thread>,
    /// The thread a comment starts, by the comment's `w:id` (replies are
    /// not here: they have no anchor of their own).
    by_id: HashMap<String, usize>,
}

/// The comment threads of a `comments.xml`, with replies and "resolved" as
/// `extensions` (from `commentsExtended.xml`) say.
///
/// # Errors
///
/// [`ImportError::BadDocx`] when the XML is not well-formed.
fn threads(
    xml: &str,
    styles: &HashMap<String, String>,
    extensions: &HashMap<String, Extension>,
) -> Result<Threads, ImportError> {
    let Parsed { paragraphs, changes, mut comments } = parse_part(xml, COMMENTS_PART, "its comments part", styles)?;
    for paragraph in &paragraphs {
        let Some(comment) = paragraph.comment.and_then(|index| comments.get_mut(index)) else { continue };
        comment.paragraphs.push(comment_text(paragraph, &changes));
        comment.para_ids.extend(paragraph.para_id.clone());
    }
    // Which comment each paragraph id is in; Word names a comment in
    // commentsExtended.xml by its last paragraph's id.
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for (index, comment) in comments.iter().enumerate() {
        for id in &comment.para_ids {
            owners.entry(id.as_str()).or_insert(index);
        }
    }
    let extension_of = |comment: &RawComment| comment.para_ids.iter().rev().find_map(|id| extensions.get(id));
    let parents: Vec<Option<usize>> = comments
        .iter()
        .enumerate()
        .map(|(index, comment)| {
            let parent = *owners.get(extension_of(comment)?.parent.as_deref()?)?;
            (parent != index).then_some(parent)
        })
        .collect();
    // The first comment of the thread each comment is in; in a loop of
    // replies, the first of the loop read.
    let mut roots: Vec<Option<usize>> = vec![None; comments.len()];
    let mut on_path = vec![false; comments.len()];
    for start in 0..comments.len() {
        let mut path = Vec::new();
        let mut at = start;
        let root = loop {
            if let Some(root) = roots.get(at).copied().flatten() {
                break root;
            }
            match on_path.get_mut(at) {
                Some(seen) if !*seen => *seen = true,
                _ => break start,
            }
            path.push(at);
            match parents.get(at).copied().flatten() {
                Some(parent) => at = parent,
                None => break at,
            }
        };
        for index in path {
            if let Some(slot) = roots.get_mut(index) {
                *slot = Some(root);
            }
            if let Some(seen) = on_path.get_mut(index) {
                *seen = false;
            }
        }
    }
    let root = |index: usize| roots.get(index).copied().flatten().unwrap_or(index);
    let mut result = Threads::default();
    let mut thread_of: HashMap<usize, usize> = HashMap::new();
    for (index, comment) in comments.iter().enumerate() {
        if root(index) != index {
            continue;
        }
        thread_of.insert(index, result.threads.len());
        result.by_id.entry(comment.id.clone()).or_insert(result.threads.len());
        result.threads.push(Thread {
            author: comment.author.clone(),
            at: comment.at,
            text: comment.paragraphs.iter().filter(|text| !text.is_empty()).cloned().collect::<Vec<_>>().join("\n"),
            resolved: extension_of(comment).is_some_and(|extension| extension.done),
            replies: Vec::new(),
        });
    }
    for (index, comment) in comments.iter().enumerate() {
        let Some(thread) = thread_of.get(&root(index)).and_then(|thread| result.threads.get_mut(*thread)) else {
            continue;
        };
        if root(index) != index {
            let text = comment.paragraphs.iter().filter(|text| !text.is_empty()).cloned().collect::<Vec<_>>();
            thread.replies.push(Reply { author: comment.author.clone(), at: comment.at, text: text.join("\n") });
        }
    }
    for thread in &mut result.threads {
        // Oldest first; the order in the file among equal times.
        thread.replies.sort_by_key(|reply| reply.at);
    }
    Ok(result)
}

/// The text of a comment's paragraph, tidied, with its own tracked changes
/// accepted: comments carry no marks.
fn comment_text(paragraph: &Paragraph, changes: &[Change]) -> String {
    let text: String = paragraph
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(segment) => {
                let deleted = segment
                    .change
                    .and_then(|index| changes.get(index))
                    .is_some_and(|change| change.kind == MarkKind::Delete);
                (!deleted).then_some(segment.text.as_str())
            }
            Item::Marker(..) | Item::Anchor(..) => None,
        })
        .collect();
    clean_block(&text)
}

/// The copy from the document's paragraphs: the headline taken out, the
/// rest rendered as Markdown blocks, tracked changes and comments as marks.
///
/// # Errors
///
/// [`ImportError::Empty`] when no paragraph has text.
fn build(parsed: Parsed, threads: &Threads) -> Result<ImportedCopy, ImportError> {
    let mut paragraphs: Vec<Paragraph> =
        parsed.paragraphs.into_iter().filter(|paragraph| !paragraph.plain_text().trim().is_empty()).collect();
    let headline_index = paragraphs
        .iter()
        .position(|paragraph| matches!(paragraph.kind, ParagraphKind::Title | ParagraphKind::Heading(1)))
        .or_else(|| (!paragraphs.is_empty()).then_some(0))
        .ok_or(ImportError::Empty)?;
    anchor_comments(&mut paragraphs, threads, headline_index);
    let mut writer = Writer { changes: &parsed.changes, threads, suggestions: Vec::new(), comments: Vec::new() };
    // The headline first, so ids count up in reading order.
    let headline = match paragraphs.get_mut(headline_index) {
        Some(paragraph) => writer.paragraph(std::mem::take(paragraph), Shape::Headline),
        None => String::new(),
    };
    let body: Vec<Paragraph> =
        paragraphs.into_iter().enumerate().filter(|(index, _)| *index != headline_index).map(|(_, p)| p).collect();
    let kinds: Vec<ParagraphKind> = body.iter().map(|paragraph| paragraph.kind).collect();
    let blocks: Vec<(String, Shape, Option<Separator>)> = body
        .into_iter()
        .enumerate()
        .map(|(index, mut paragraph)| {
            let shape = match paragraph.kind {
                ParagraphKind::Title | ParagraphKind::Heading(_) => Shape::Heading,
                ParagraphKind::Quote => Shape::Quote,
                ParagraphKind::Normal => Shape::Text,
            };
            let mark_changes = std::mem::take(&mut paragraph.mark_changes);
            let text = writer.paragraph(paragraph, shape);
            let separator = match mark_changes.as_slice() {
                [change] if index + 1 < kinds.len() => Some(writer.separator(change)),
                _ => None,
            };
            (text, shape, separator)
        })
        .collect();
    let blocks = with_prefixes_in_separators(blocks);
    let separated = blocks.iter().map(|(block, separator)| (block.as_str(), separator.as_deref()));
    let mut copy = assemble_fields_separated(&headline, separated)?;
    copy.suggestions = writer.suggestions;
    copy.comments = writer.comments;
    Ok(copy)
}

/// A suggested split or merge between two body paragraphs: the suggestion
/// the blank line is in.
struct Separator {
    id: String,
    kind: MarkKind,
}

/// The body's blocks (text and shape), each with the suggestion the blank
/// line after it is in, written out. When the next block is a subhead or a quote, its `## `
/// or `> ` goes into the suggestion with the blank line: rejecting a split
/// (or accepting a merge) then joins the two as one paragraph of the first
/// one's kind, instead of leaving the prefix inside the text.
fn with_prefixes_in_separators(blocks: Vec<(String, Shape, Option<Separator>)>) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::with_capacity(blocks.len());
    let mut pending: Option<Separator> = None;
    for (mut text, shape, separator) in blocks {
        if let Some(before) = pending.take() {
            // The writer starts every paragraph of a shape with its prefix.
            let prefix = Some(shape.prefix()).filter(|prefix| text.starts_with(prefix)).unwrap_or_default();
            text.replace_range(..prefix.len(), "");
            let written = format!("{}{}|\n\n{prefix}{}", opener(before.kind), before.id, closer(before.kind));
            if let Some((_, slot)) = out.last_mut() {
                *slot = Some(written);
            }
        }
        pending = separator;
        out.push((text, None));
    }
    out
}

/// Turns the comment markers of `paragraphs` (the ones kept) into anchors:
/// each thread gets one, on its range where that starts, else at its
/// reference, else at the start of the first paragraph of the body (of the
/// headline when there is no body). Markers of replies and of comments not
/// in `comments.xml` go.
fn anchor_comments(paragraphs: &mut [Paragraph], threads: &Threads, headline_index: usize) {
    let mut anchored = vec![false; threads.threads.len()];
    for paragraph in paragraphs.iter_mut() {
        let mut open: Option<usize> = None;
        for item in std::mem::take(&mut paragraph.items) {
            let Item::Marker(marker, id) = item else {
                paragraph.items.push(item);
                continue;
            };
            let Some(&thread) = threads.by_id.get(&id) else { continue };
            let Some(done) = anchored.get_mut(thread) else { continue };
            let anchor = match marker {
                Marker::RangeStart | Marker::Reference if *done => continue,
                Marker::RangeStart if open.is_none() => {
                    open = Some(thread);
                    Anchor::Open
                }
                Marker::RangeStart | Marker::Reference => Anchor::Point,
                Marker::RangeEnd if open == Some(thread) => {
                    open = None;
                    Anchor::Close
                }
                Marker::RangeEnd => continue,
            };
            *done = true;
            paragraph.items.push(Item::Anchor(anchor, thread));
        }
        // A range that goes on past its paragraph ends with it.
        if let Some(thread) = open {
            paragraph.items.push(Item::Anchor(Anchor::Close, thread));
        }
    }
    let first_body = (0..paragraphs.len()).find(|index| *index != headline_index).unwrap_or(headline_index);
    if let Some(paragraph) = paragraphs.get_mut(first_body) {
        let unanchored = anchored.iter().enumerate().filter(|(_, done)| !**done);
        let points: Vec<Item> = unanchored.map(|(thread, _)| Item::Anchor(Anchor::Point, thread)).collect();
        paragraph.items.splice(0..0, points);
    }
}

/// How a paragraph is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// The headline: plain text on one line.
    Headline,
    /// A subhead: `## ` and plain text on one line.
    Heading,
    /// Body text, with emphasis.
    Text,
    /// A quote: body text, each line after `> `.
    Quote,
}

impl Shape {
    /// What a paragraph of this shape starts with.
    fn prefix(self) -> &'static str {
        match self {
            Shape::Heading => "## ",
            Shape::Quote => "> ",
            Shape::Headline | Shape::Text => "",
        }
    }
}

/// Writes paragraphs as field text, giving the suggestions and comments in
/// them ids as they come.
struct Writer<'a> {
    /// The tracked-change elements of the document.
    changes: &'a [Change],
    /// Its comment threads.
    threads: &'a Threads,
    /// The suggestions written so far, `s1` first.
    suggestions: Vec<Suggestion>,
    /// The comments written so far, `c1` first.
    comments: Vec<Comment>,
}

impl Writer<'_> {
    /// A paragraph as text of a field: a paragraph with no changes and no
    /// comments exactly as before either existed, else with marks.
    fn paragraph(&mut self, paragraph: Paragraph, shape: Shape) -> String {
        if paragraph.is_plain() {
            return escape_marks(&render_plain(&paragraph, shape));
        }
        self.marked(paragraph, shape)
    }

    /// A paragraph as text of a field, with marks.
    fn marked(&mut self, paragraph: Paragraph, shape: Shape) -> String {
        let (tokens, tags) = match shape {
            Shape::Headline | Shape::Heading => {
                (plain_tokens(absorb_spaces(collapse_whitespace(paragraph.items), self.changes)), Vec::new())
            }
            Shape::Text | Shape::Quote => lay_out(&absorb_spaces(trim_lines(paragraph.items), self.changes)),
        };
        self.write(relocate_anchors(tokens, &tags), &tags, shape)
    }

    /// Writes `tokens` (emphasis pairs tagged with `tags`) with marks.
    fn write(&mut self, tokens: Vec<Token>, tags: &[Option<usize>], shape: Shape) -> String {
        let mut out = Marked { text: String::new(), plain: shape.prefix().to_owned(), quote: shape == Shape::Quote };
        // The open suggestion: its change and kind.
        let mut suggestion: Option<(usize, MarkKind)> = None;
        // The open comment anchor, and empty ones to write when it closes.
        let mut comment: Option<usize> = None;
        let mut deferred: Vec<usize> = Vec::new();
        for token in tokens {
            let (text, tag) = match &token {
                Token::Text(text, change) => (text.as_str(), *change),
                Token::Delimiter(mark, pair) => (mark.delimiter(), tags.get(*pair).copied().flatten()),
                Token::Anchor(anchor, thread) => {
                    if let Some((_, kind)) = suggestion.take() {
                        out.mark(closer(kind));
                    }
                    match anchor {
                        Anchor::Open | Anchor::Point if comment.is_some() => deferred.push(*thread),
                        Anchor::Open => {
                            let id = self.comment(*thread);
                            out.mark(&format!("{{=={id}|"));
                            comment = Some(*thread);
                        }
                        Anchor::Point => {
                            let id = self.comment(*thread);
                            out.mark(&format!("{{=={id}|==}}"));
                        }
                        Anchor::Close if comment == Some(*thread) => {
                            out.mark("==}");
                            comment = None;
                            for thread in deferred.drain(..) {
                                let id = self.comment(thread);
                                out.mark(&format!("{{=={id}|==}}"));
                            }
                        }
                        Anchor::Close => {}
                    }
                    continue;
                }
            };
            if tag != suggestion.map(|(change, _)| change) {
                if let Some((_, kind)) = suggestion.take() {
                    out.mark(closer(kind));
                }
                if let Some(change) = tag
                    && let Some((id, kind)) = self.suggestion(change)
                {
                    out.mark(&format!("{}{id}|", opener(kind)));
                    suggestion = Some((change, kind));
                }
            }
            out.plain(text);
        }
        if let Some((_, kind)) = suggestion {
            out.mark(closer(kind));
        }
        if comment.is_some() {
            out.mark("==}");
        }
        for thread in deferred {
            let id = self.comment(thread);
            out.mark(&format!("{{=={id}|==}}"));
        }
        out.finish()
    }

    /// A new suggestion for a run of the tracked change `change`: its id
    /// and kind.
    fn suggestion(&mut self, change: usize) -> Option<(String, MarkKind)> {
        let change = self.changes.get(change)?;
        Some((self.push_suggestion(change), change.kind))
    }

    /// The blank line between two paragraphs as the suggestion `change`
    /// of the first one's paragraph mark: a split (inserted) or a merge
    /// (deleted).
    fn separator(&mut self, change: &Change) -> Separator {
        Separator { id: self.push_suggestion(change), kind: change.kind }
    }

    /// Adds the suggestion of `change` with the next id, and gives the id.
    fn push_suggestion(&mut self, change: &Change) -> String {
        let id = format!("s{}", self.suggestions.len() + 1);
        self.suggestions.push(Suggestion {
            id: id.clone(),
            kind: change.kind,
            author: change.author.clone(),
            at: change.at,
        });
        id
    }

    /// The id of the comment of thread `thread`, given as its anchor is
    /// written.
    fn comment(&mut self, thread: usize) -> String {
        let id = format!("c{}", self.comments.len() + 1);
        if let Some(thread) = self.threads.threads.get(thread) {
            self.comments.push(Comment {
                id: id.clone(),
                author: thread.author.clone(),
                at: thread.at,
                text: thread.text.clone(),
                resolved: thread.resolved,
                replies: thread.replies.clone(),
            });
        }
        id
    }
}

/// How a mark of `kind` opens, before its id.
fn opener(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Insert => "{++",
        MarkKind::Delete => "{--",
        MarkKind::Comment => "{==",
    }
}

/// How a mark of `kind` closes.
fn closer(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Insert => "++}",
        MarkKind::Delete => "--}",
        MarkKind::Comment => "==}",
    }
}

/// Field text being written: plain text is escaped in stretches, so a
/// delimiter split across two pieces is escaped too.
struct Marked {
    /// What is written.
    text: String,
    /// Plain text not yet escaped and written.
    plain: String,
    /// Whether each line starts with `> `.
    quote: bool,
}

impl Marked {
    /// Adds plain text.
    fn plain(&mut self, text: &str) {
        if self.quote {
            self.plain.push_str(&text.replace('\n', "\n> "));
        } else {
            self.plain.push_str(text);
        }
    }

    /// Adds a mark's delimiter.
    fn mark(&mut self, delimiter: &str) {
        self.text.push_str(&escape_marks(&self.plain));
        self.plain.clear();
        self.text.push_str(delimiter);
    }

    /// The text.
    fn finish(mut self) -> String {
        self.text.push_str(&escape_marks(&self.plain));
        self.text
    }
}

/// A paragraph with no changes and no comments, as before they were read:
/// the headline's plain text, a subhead, a quote or body text.
fn render_plain(paragraph: &Paragraph, shape: Shape) -> String {
    match shape {
        Shape::Headline => paragraph.plain_text(),
        Shape::Heading => format!("## {}", clean_headline(&paragraph.plain_text())),
        Shape::Quote => render_inline(&paragraph.segments())
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| format!("> {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Shape::Text => render_inline(&paragraph.segments()),
    }
}

/// Builds a paragraph's items a character at a time.
#[derive(Default)]
struct Items(Vec<Item>);

impl Items {
    /// Adds `c` with `format` in `change`.
    fn push(&mut self, c: char, format: Format, change: Option<usize>) {
        match self.0.last_mut() {
            Some(Item::Text(last)) if last.format == format && last.change == change => last.text.push(c),
            _ => self.0.push(Item::Text(Segment { text: c.to_string(), format, change })),
        }
    }
}

/// Tidies a paragraph's lines as [`clean_block`] does (spaces normalised,
/// no whitespace at either end of a line, no blank lines), keeping anchors:
/// an anchor's end stays just after the text before it, its start moves
/// just before the text after it.
fn trim_lines(items: Vec<Item>) -> Vec<Item> {
    let mut out = Items::default();
    let mut line_has_text = false;
    let mut spaces: Vec<(char, Format, Option<usize>)> = Vec::new();
    let mut newline: Option<(Format, Option<usize>)> = None;
    let mut waiting: Vec<Item> = Vec::new();
    for item in items {
        let segment = match item {
            Item::Text(segment) => segment,
            Item::Anchor(Anchor::Close, _) if waiting.is_empty() => {
                out.0.push(item);
                continue;
            }
            other => {
                waiting.push(other);
                continue;
            }
        };
        for c in super::normalise(&segment.text).chars() {
            if c == '\n' {
                // One line break between lines: one in no change if there
                // is one, as it stays whatever becomes of the changes.
                if (line_has_text && newline.is_none())
                    || newline.is_some_and(|(_, change)| change.is_some() && segment.change.is_none())
                {
                    newline = Some((segment.format, segment.change));
                }
                line_has_text = false;
                spaces.clear();
            } else if c.is_whitespace() {
                if line_has_text {
                    spaces.push((c, segment.format, segment.change));
                }
            } else {
                if !line_has_text {
                    if let Some((format, change)) = newline.take() {
                        out.push('\n', format, change);
                    }
                    line_has_text = true;
                }
                for (space, format, change) in spaces.drain(..) {
                    out.push(space, format, change);
                }
                out.0.append(&mut waiting);
                out.push(c, segment.format, segment.change);
            }
        }
    }
    out.0.append(&mut waiting);
    out.0
}

/// Tidies a paragraph into one line as [`clean_headline`] does (each run of
/// whitespace one space, none at either end), keeping anchors as
/// [`trim_lines`] does. A run's space is taken from text that is in no
/// change where there is some, so it stays whatever becomes of the changes.
fn collapse_whitespace(items: Vec<Item>) -> Vec<Item> {
    let mut out = Items::default();
    let mut has_text = false;
    let mut space: Option<(Format, Option<usize>)> = None;
    let mut waiting: Vec<Item> = Vec::new();
    for item in items {
        let segment = match item {
            Item::Text(segment) => segment,
            Item::Anchor(Anchor::Close, _) if waiting.is_empty() => {
                out.0.push(item);
                continue;
            }
            other => {
                waiting.push(other);
                continue;
            }
        };
        for c in super::normalise(&segment.text).chars() {
            if c.is_whitespace() {
                if has_text && space.is_none_or(|(_, change)| change.is_some() && segment.change.is_none()) {
                    space = Some((segment.format, segment.change));
                }
            } else {
                if let Some((format, change)) = space.take() {
                    out.push(' ', format, change);
                }
                out.0.append(&mut waiting);
                out.push(c, segment.format, segment.change);
                has_text = true;
            }
        }
    }
    out.0.append(&mut waiting);
    out.0
}

/// What is next to a suggestion, on one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Beside {
    /// The start or end of the paragraph.
    Edge,
    /// A line break in no change, at that end of the item numbered so.
    Newline(usize),
    /// Whitespace in no change, at that end of the item numbered so.
    Space(usize),
    /// Anything else.
    Other,
}

/// Which end of a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Its start.
    Leading,
    /// Its end.
    Trailing,
}

/// For the start and the end of a segment: whether a line break (else
/// spaces) there goes into a change, and which.
type Ends = [Option<(bool, usize)>; 2];

/// Makes the whitespace between a suggestion and the start or end of its
/// line part of the suggestion, and of a suggestion that is a line of its
/// own one of the line breaks around it: that space is only wanted with
/// the suggestion's text. So the text as it stands and with the suggestion
/// accepted has no space at a line's end and no blank line
/// (`a{--s1| gone--}`, not `a {--s1|gone--}`), and emphasis around the
/// suggestion can go on over the space.
fn absorb_spaces(mut items: Vec<Item>, changes: &[Change]) -> Vec<Item> {
    let texts: Vec<usize> =
        items.iter().enumerate().filter(|(_, item)| matches!(item, Item::Text(_))).map(|(index, _)| index).collect();
    /// The segment of item `at`.
    fn segment(items: &[Item], at: usize) -> Option<&Segment> {
        match items.get(at) {
            Some(Item::Text(segment)) => Some(segment),
            _ => None,
        }
    }
    let change_at =
        |items: &[Item], text: usize| texts.get(text).and_then(|at| segment(items, *at)).and_then(|s| s.change);
    let beside = |items: &[Item], text: Option<usize>, end: End| {
        let Some(at) = text.and_then(|text| texts.get(text)) else { return Beside::Edge };
        let Some(segment) = segment(items, *at) else { return Beside::Other };
        let c = match end {
            End::Leading => segment.text.chars().next(),
            End::Trailing => segment.text.chars().next_back(),
        };
        match (segment.change, c) {
            (None, Some('\n')) => Beside::Newline(*at),
            (None, Some(c)) if c.is_whitespace() => Beside::Space(*at),
            _ => Beside::Other,
        }
    };
    let mut edits: HashMap<usize, Ends> = HashMap::new();
    // Suggestions side by side all of one kind go or stay together when
    // all are accepted or rejected: they count as one.
    let kind = |change: usize| changes.get(change).map(|change| change.kind);
    let mut text = 0;
    while text < texts.len() {
        let Some(first) = change_at(&items, text) else {
            text += 1;
            continue;
        };
        let mut last = text;
        let mut last_change = first;
        while let Some(next) = change_at(&items, last + 1)
            && kind(next) == kind(first)
        {
            last += 1;
            last_change = next;
        }
        let before = beside(&items, text.checked_sub(1), End::Trailing);
        let after = beside(&items, Some(last + 1), End::Leading);
        // The segments of the unchanged whitespace next to the group, from
        // the text segment numbered `from` away from it.
        let spaces = |from: usize, end: End| {
            let mut run = Vec::new();
            let mut next = Some(from);
            while let Some(text) = next
                && let Some(&at) = texts.get(text)
                && let Some(segment) = segment(&items, at)
                && segment.change.is_none()
            {
                let edge = match end {
                    End::Leading => segment.text.chars().next(),
                    End::Trailing => segment.text.chars().next_back(),
                };
                if !edge.is_some_and(|c| c.is_whitespace() && c != '\n') {
                    break;
                }
                run.push(at);
                if segment.text.chars().any(|c| !c.is_whitespace() || c == '\n') {
                    break;
                }
                next = match end {
                    End::Leading => text.checked_add(1),
                    End::Trailing => text.checked_sub(1),
                };
            }
            run
        };
        let edit: Vec<(usize, (End, bool, usize))> = match (before, after) {
            (Beside::Edge | Beside::Newline(_), Beside::Space(_)) => {
                spaces(last + 1, End::Leading).into_iter().map(|at| (at, (End::Leading, false, last_change))).collect()
            }
            (Beside::Space(_), Beside::Edge | Beside::Newline(_)) => text
                .checked_sub(1)
                .map(|from| spaces(from, End::Trailing))
                .unwrap_or_default()
                .into_iter()
                .map(|at| (at, (End::Trailing, false, first)))
                .collect(),
            (Beside::Edge | Beside::Newline(_), Beside::Newline(at)) => vec![(at, (End::Leading, true, last_change))],
            (Beside::Newline(at), Beside::Edge) => vec![(at, (End::Trailing, true, first))],
            _ => Vec::new(),
        };
        for (at, (end, newline, change)) in edit {
            let ends = edits.entry(at).or_default();
            let slot = match end {
                End::Leading => ends.get_mut(0),
                End::Trailing => ends.get_mut(1),
            };
            if let Some(slot) = slot {
                slot.get_or_insert((newline, change));
            }
        }
        text = last + 1;
    }
    let mut edits: Vec<(usize, Ends)> = edits.into_iter().collect();
    edits.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, [leading, trailing]) in edits {
        let Some(Item::Text(segment)) = items.get(at) else { continue };
        let text = segment.text.as_str();
        let is_space = |c: char| c.is_whitespace() && c != '\n';
        let head = match leading {
            Some((true, _)) => usize::from(text.starts_with('\n')),
            Some((false, _)) => text.len() - text.trim_start_matches(is_space).len(),
            None => 0,
        };
        let tail = match trailing {
            Some((true, _)) => text.len() - usize::from(text.ends_with('\n')),
            Some((false, _)) => text.trim_end_matches(is_space).len(),
            None => text.len(),
        }
        .max(head);
        let parts = [
            (text.get(..head), leading.map(|(_, change)| change)),
            (text.get(head..tail), segment.change),
            (text.get(tail..), trailing.map(|(_, change)| change)),
        ];
        let parts: Vec<Item> = parts
            .into_iter()
            .filter_map(|(text, change)| text.filter(|text| !text.is_empty()).map(|text| (text, change)))
            .map(|(text, change)| Item::Text(Segment { text: text.to_owned(), format: segment.format, change }))
            .collect();
        items.splice(at..=at, parts);
    }
    items
}

/// A piece of a paragraph as written, before marks are.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// Text, in a change or none.
    Text(String, Option<usize>),
    /// An emphasis delimiter of the pair numbered so.
    Delimiter(Mark, usize),
    /// A comment anchor.
    Anchor(Anchor, usize),
}

/// The change a token is in (`Some(None)`: none), with `tags` the changes
/// emphasis pairs are in; `None` for an anchor, which is in none.
fn token_tag(token: &Token, tags: &[Option<usize>]) -> Option<Option<usize>> {
    match token {
        Token::Text(_, change) => Some(*change),
        Token::Delimiter(_, pair) => Some(tags.get(*pair).copied().flatten()),
        Token::Anchor(..) => None,
    }
}

/// Text without emphasis, for a headline or subhead.
fn plain_tokens(items: Vec<Item>) -> Vec<Token> {
    items
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(segment) => Some(Token::Text(segment.text, segment.change)),
            Item::Anchor(anchor, thread) => Some(Token::Anchor(anchor, thread)),
            Item::Marker(..) => None,
        })
        .collect()
}

/// A paragraph laid out with emphasis, as [`render_inline`] does.
struct Layout {
    /// The tokens.
    tokens: Vec<Token>,
    /// Each emphasis pair: where it opens and closes in `tokens`.
    pairs: Vec<(usize, usize)>,
    /// Each stretch of text emphasis hugs: where it is in `tokens`, and its
    /// change.
    cores: Vec<(usize, Option<usize>)>,
}

/// Body text with emphasis and suggestions nested so that accepting or
/// rejecting any suggestions leaves good emphasis: the tokens, and the
/// change each emphasis pair is in (`None`: it is outside the marks).
///
/// Emphasis first goes on across suggestions as across formatting. A pair
/// that could be left empty or next to a space by a suggestion accepted or
/// rejected is laid out again, closed and opened again at the changes
/// inside it. A pair that starts or ends inside a suggestion is closed at
/// the suggestion's edge where a space is between, so the delimiters do not
/// touch; else it stays, and the suggestion's mark is split in two at the
/// delimiter. After a few rounds every change closes all emphasis.
fn lay_out(items: &[Item]) -> (Vec<Token>, Vec<Option<usize>>) {
    // Whether tokens between two stretches of text hold a space (any text
    // between them is whitespace).
    let spaced = |between: &[Token]| between.iter().any(|token| matches!(token, Token::Text(..)));
    let mut closing: HashSet<usize> = HashSet::new();
    for _ in 0..LAYOUT_ROUNDS {
        let layout = layout_pass(items, &closing, false);
        let tags = pair_tags(&layout);
        let failing = failing_pairs(&layout, &tags);
        let mut added = false;
        for ((open, close), cut_only) in failing {
            let inside = layout.cores.iter().enumerate().filter(|(_, (at, _))| open < *at && *at < close);
            let inside: Vec<(usize, usize, Option<usize>)> =
                inside.map(|(ordinal, (at, change))| (ordinal, *at, *change)).collect();
            for pair in inside.windows(2) {
                if let [(_, after, before), (ordinal, at, change)] = pair
                    && before != change
                    && (!cut_only || layout.tokens.get(after + 1..*at).is_some_and(spaced))
                {
                    added |= closing.insert(*ordinal);
                }
            }
        }
        if !added {
            return (layout.tokens, tags);
        }
    }
    let layout = layout_pass(items, &closing, true);
    let tags = pair_tags(&layout);
    (layout.tokens, tags)
}

/// One layout of emphasis: [`render_inline`], with all emphasis closed
/// before the cores numbered in `closing` (or, with `close_at_changes`,
/// before every core whose change differs from the one before).
fn layout_pass(items: &[Item], closing: &HashSet<usize>, close_at_changes: bool) -> Layout {
    let mut layout = Layout { tokens: Vec::new(), pairs: Vec::new(), cores: Vec::new() };
    let mut open: Vec<(Mark, usize)> = Vec::new();
    let mut pending: Vec<Token> = Vec::new();
    let mut last_change: Option<Option<usize>> = None;
    for item in items {
        let segment = match item {
            Item::Text(segment) => segment,
            Item::Anchor(anchor, thread) => {
                pending.push(Token::Anchor(*anchor, *thread));
                continue;
            }
            Item::Marker(..) => continue,
        };
        let text = segment.text.as_str();
        let core = text.trim();
        if core.is_empty() {
            if !text.is_empty() {
                pending.push(Token::Text(text.to_owned(), segment.change));
            }
            continue;
        }
        let leading = text.strip_suffix(text.trim_start()).unwrap_or("");
        if !leading.is_empty() {
            pending.push(Token::Text(leading.to_owned(), segment.change));
        }
        let ordinal = layout.cores.len();
        let at_change = last_change.is_some_and(|change| change != segment.change);
        let keep = if at_change && (close_at_changes || closing.contains(&ordinal)) {
            Some(0)
        } else {
            open.iter().position(|(mark, _)| !mark.is_in(segment.format))
        };
        if let Some(keep) = keep {
            close_marks(&mut layout, &mut open, keep);
        }
        layout.tokens.append(&mut pending);
        for mark in [Mark::Bold, Mark::Italic] {
            if mark.is_in(segment.format) && !open.iter().any(|(open, _)| *open == mark) {
                let pair = layout.pairs.len();
                layout.pairs.push((layout.tokens.len(), layout.tokens.len()));
                layout.tokens.push(Token::Delimiter(mark, pair));
                open.push((mark, pair));
            }
        }
        layout.cores.push((layout.tokens.len(), segment.change));
        layout.tokens.push(Token::Text(core.to_owned(), segment.change));
        last_change = Some(segment.change);
        let trailing = text.strip_prefix(text.trim_end()).unwrap_or("");
        if !trailing.is_empty() {
            pending.push(Token::Text(trailing.to_owned(), segment.change));
        }
    }
    close_marks(&mut layout, &mut open, 0);
    layout.tokens.append(&mut pending);
    layout
}

/// Closes the open emphasis after the first `keep`, innermost first.
fn close_marks(layout: &mut Layout, open: &mut Vec<(Mark, usize)>, keep: usize) {
    while open.len() > keep {
        let Some((mark, pair)) = open.pop() else { break };
        if let Some((_, close)) = layout.pairs.get_mut(pair) {
            *close = layout.tokens.len();
        }
        layout.tokens.push(Token::Delimiter(mark, pair));
    }
}

/// The change each emphasis pair is wholly in, which its delimiters go in
/// too; `None` for a pair outside the marks.
fn pair_tags(layout: &Layout) -> Vec<Option<usize>> {
    layout
        .pairs
        .iter()
        .map(|(open, close)| {
            let inside = layout.tokens.get(open + 1..*close).unwrap_or_default();
            let mut changes = inside.iter().filter_map(|token| match token {
                Token::Text(_, change) => Some(*change),
                Token::Delimiter(..) | Token::Anchor(..) => None,
            });
            let first = changes.next().flatten()?;
            changes.all(|change| change == Some(first)).then_some(first)
        })
        .collect()
}

/// The emphasis pairs outside the marks (open and close in `tokens`) that
/// do not survive every choice of suggestions accepted (after one,
/// changes whose edge is whitespace, or only changes, up to the text in
/// none it needs, and the same before the other), or whose delimiter would
/// cut a suggestion's mark in two; with whether that is all.
fn failing_pairs(layout: &Layout, tags: &[Option<usize>]) -> Vec<((usize, usize), bool)> {
    let tokens = layout.tokens.as_slice();
    let inside_a_mark = |at: usize| {
        let before = tokens.get(..at).unwrap_or_default().iter().rev().find_map(|token| token_tag(token, tags));
        let after = tokens.get(at + 1..).unwrap_or_default().iter().find_map(|token| token_tag(token, tags));
        matches!((before, after), (Some(Some(a)), Some(Some(b))) if a == b)
    };
    layout
        .pairs
        .iter()
        .zip(tags)
        .filter_map(|(&(open, close), tag)| {
            let inside = tokens.get(open + 1..close).unwrap_or_default();
            let changed = inside.iter().any(|token| matches!(token, Token::Text(_, Some(_))));
            if tag.is_some() || !changed {
                return None;
            }
            let faces = faces_text(inside.iter(), |text| text.chars().next())
                && faces_text(inside.iter().rev(), |text| text.chars().next_back());
            let cuts = inside_a_mark(open) || inside_a_mark(close);
            (!faces || cuts).then_some(((open, close), faces))
        })
        .collect()
}

/// Whether a delimiter faces text in no change, whichever of the changes
/// between are made: each change's first character toward it (`edge`) and
/// the unchanged text's must be something other than whitespace.
fn faces_text<'t>(tokens: impl Iterator<Item = &'t Token>, edge: impl Fn(&str) -> Option<char>) -> bool {
    let mut unit: Option<Option<usize>> = None;
    for token in tokens {
        let Token::Text(text, change) = token else { continue };
        if unit == Some(*change) {
            continue;
        }
        unit = Some(*change);
        if edge(text).is_none_or(char::is_whitespace) {
            return false;
        }
        if change.is_none() {
            return true;
        }
    }
    false
}

/// Moves comment anchors out of suggestions' marks, which cannot hold them:
/// an anchor's start (or an empty anchor) before the mark, its end after.
fn relocate_anchors(tokens: Vec<Token>, tags: &[Option<usize>]) -> Vec<Token> {
    // The change of the next token that is not an anchor, after each one.
    let mut next: Vec<Option<Option<usize>>> = Vec::with_capacity(tokens.len());
    let mut seen: Option<Option<usize>> = None;
    for token in tokens.iter().rev() {
        next.push(seen);
        if let Some(tag) = token_tag(token, tags) {
            seen = Some(tag);
        }
    }
    next.reverse();
    let mut out = Vec::with_capacity(tokens.len());
    let (mut before, mut run, mut after) = (Vec::new(), Vec::new(), Vec::new());
    let mut run_tag: Option<usize> = None;
    for (token, next) in tokens.into_iter().zip(next) {
        match token_tag(&token, tags) {
            Some(tag) => {
                if tag != run_tag {
                    out.append(&mut before);
                    out.append(&mut run);
                    out.append(&mut after);
                    run_tag = tag;
                }
                run.push(token);
            }
            None if run_tag.is_none() => run.push(token),
            None => {
                let inside = next == Some(run_tag);
                if inside && !matches!(token, Token::Anchor(Anchor::Close, _)) {
                    before.push(token);
                } else {
                    after.push(token);
                }
            }
        }
    }
    out.append(&mut before);
    out.append(&mut run);
    out.append(&mut after);
    out
}

/// An emphasis that can be open in Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `**bold**`.
    Bold,
    /// `*italic*`.
    Italic,
}

impl Mark {
    /// Its Markdown delimiter.
    fn delimiter(self) -> &'static str {
        match self {
            Mark::Bold => "**",
            Mark::Italic => "*",
        }
    }

    /// Whether `format` has it.
    fn is_in(self, format: Format) -> bool {
        match self {
            Mark::Bold => format.bold,
            Mark::Italic => format.italic,
        }
    }
}

/// Formatted text as Markdown. Emphasis opens and closes only where the
/// formatting changes, nested properly (`**bold *and italic***`), and never
/// just inside whitespace (`**bold** next`, not `**bold **next`), which
/// Markdown would not read as emphasis. Whitespace alone is never wrapped.
fn render_inline(segments: &[Segment]) -> String {
    let mut out = String::new();
    let mut open: Vec<Mark> = Vec::new();
    let mut whitespace = String::new();
    for segment in segments {
        let text = segment.text.as_str();
        let core = text.trim();
        if core.is_empty() {
            whitespace.push_str(text);
            continue;
        }
        whitespace.push_str(text.strip_suffix(text.trim_start()).unwrap_or(""));
        if let Some(first_unwanted) = open.iter().position(|mark| !mark.is_in(segment.format)) {
            while open.len() > first_unwanted {
                if let Some(mark) = open.pop() {
                    out.push_str(mark.delimiter());
                }
            }
        }
        out.push_str(&whitespace);
        whitespace.clear();
        for mark in [Mark::Bold, Mark::Italic] {
            if mark.is_in(segment.format) && !open.contains(&mark) {
                out.push_str(mark.delimiter());
                open.push(mark);
            }
        }
        out.push_str(core);
        whitespace.push_str(text.strip_prefix(text.trim_end()).unwrap_or(""));
    }
    while let Some(mark) = open.pop() {
        out.push_str(mark.delimiter());
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::model::tracked;

    use zip::ZipWriter;
    use zip::write::SimpleFileOptions;

    use super::*;

    /// The namespace declarations Word writes on `w:document`.
    const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

    /// A zip package of `parts`, (name, content) pairs.
    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            writer.start_file(*name, SimpleFileOptions::default()).expect("starts a part");
            writer.write_all(content).expect("writes a part");
        }
        writer.finish().expect("finishes the zip").into_inner()
    }

    /// A `.docx` whose body is `body` (`WordprocessingML`), with `styles` as its
    /// `styles.xml` when given.
    fn docx(body: &str, styles: Option<&str>) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        let mut parts: Vec<(&str, &[u8])> = vec![(DOCUMENT_PART, document.as_bytes())];
        if let Some(styles) = styles {
            parts.push((STYLES_PART, styles.as_bytes()));
        }
        package(&parts)
    }

    /// Imports a `.docx` with `body` and gives (headline, body).
    fn import(body: &str) -> (String, String) {
        let copy = import_docx(&docx(body, None)).expect("imports");
        (copy.headline, copy.body)
    }

    /// A paragraph of style `style` (none when empty) holding `runs`.
    fn p(style: &str, runs: &str) -> String {
        if style.is_empty() {
            format!("<w:p>{runs}</w:p>")
        } else {
            format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
        }
    }

    /// A run with properties `properties` (the inside of `w:rPr`) and text.
    fn r(properties: &str, text: &str) -> String {
        format!(r#"<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    #[test]
    fn paragraphs_and_styles() {
        let cases: Vec<(String, &str, &str)> = vec![
            // A Title is the headline even when it is not first.
            (
                [p("", &r("", "SLUG")), p("Title", &r("", "Head")), p("", &r("", "Body."))].concat(),
                "Head",
                "SLUG\n\nBody.",
            ),
            // Heading1 too; later headings are subheads.
            (
                [
                    p("Heading1", &r("", "Head")),
                    p("Heading2", &r("<w:b/>", "Sub")),
                    p("Heading1", &r("", "Another")),
                    p("Title", &r("", "Title too")),
                ]
                .concat(),
                "Head",
                "## Sub\n\n## Another\n\n## Title too",
            ),
            // No title: the first paragraph with text; empty ones dropped.
            (
                [p("", ""), "<w:p/>".to_owned(), p("", &r("", "  ")), p("", &r("", "First")), p("Quote", &r("", "Said."))].concat(),
                "First",
                "> Said.",
            ),
            (
                [p("Normal", &r("", "First")), p("IntenseQuote", &[r("<w:i/>", "Said."), "<w:r><w:rPr><w:i/></w:rPr><w:br/></w:r>".to_owned(), r("<w:i/>", "Again.")].concat())].concat(),
                "First",
                "> *Said.\n> Again.*",
            ),
            // Tabs, breaks, no-break hyphens, non-breaking spaces, entities.
            (
                [
                    p("", &r("", "H")),
                    p(
                        "",
                        "<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:noBreakHyphen/><w:t>D\u{00A0}E &amp; &lt;F&gt; &#8220;G&#x201D; &quot;</w:t></w:r>",
                    ),
                ]
                .concat(),
                "H",
                "A B\nC-D E & <F> “G” \"",
            ),
            // Tab stops in paragraph properties are not tabs.
            (
                [
                    p("", &r("", "H")),
                    r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#.to_owned(),
                ]
                .concat(),
                "H",
                "x",
            ),
            // Hidden text and fallback copies are left out, and so are
            // paragraph marks and formatting changed with tracking on.
            (
                [
                    p("", &r("", "H")),
                    p(
                        "",
                        &[
                            r#"<w:pPr><w:rPr><w:ins w:id="7" w:author="A"/><w:del w:id="8" w:author="B"/></w:rPr></w:pPr>"#.to_owned(),
                            r("", "kept "),
                            r(r#"<w:b/><w:rPrChange w:id="9" w:author="A"><w:rPr><w:i/></w:rPr></w:rPrChange>"#, "inserted"),
                            r("<w:vanish/>", " hidden"),
                            "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>".to_owned(),
                        ]
                        .concat(),
                    ),
                ]
                .concat(),
                "H",
                "In a box\n\nkept **inserted**",
            ),
            // Whitespace between elements is not text.
            (
                "<w:p>\n  <w:r>\n    <w:t>H</w:t>\n  </w:r>\n</w:p>\n<w:p>\n  <w:r><w:t>Body</w:t></w:r>\n</w:p>".to_owned(),
                "H",
                "Body",
            ),
            // A headline across runs and a line break.
            (p("Title", &[r("<w:b/>", "Mayor "), r("", "wins"), "<w:r><w:br/></w:r>".to_owned(), r("", "again")].concat()), "Mayor wins again", ""),
        ];
        for (body, headline, expected) in cases {
            assert_eq!(import(&body), (headline.to_owned(), expected.to_owned()), "{body}");
        }
    }

    #[test]
    fn bold_and_italic_runs() {
        let cases: Vec<(String, &str)> = vec![
            (r("<w:b/>", "bold"), "**bold**"),
            (r("<w:i/>", "italic"), "*italic*"),
            (r("<w:b/><w:i/>", "both"), "***both***"),
            (r(r#"<w:b w:val="0"/>"#, "not"), "not"),
            (r(r#"<w:b w:val="false"/><w:i w:val="1"/>"#, "it"), "*it*"),
            // Adjacent runs of one formatting merge.
            ([r("<w:b/>", "Sen."), r("<w:b/>", " Maria"), r("<w:b/>", " Lopez")].concat(), "**Sen. Maria Lopez**"),
            // Whitespace goes outside the markers, and is never wrapped.
            ([r("", "a "), r("<w:b/>", " b "), r("", " c")].concat(), "a  **b**  c"),
            ([r("<w:b/>", "a"), r("<w:b/>", " "), r("", " "), r("<w:b/>", "b")].concat(), "**a  b**"),
            ([r("", "x"), r("<w:i/>", "   "), r("", "y")].concat(), "x   y"),
            // Nesting where formatting overlaps.
            ([r("<w:b/>", "Hello "), r("<w:b/><w:i/>", "world")].concat(), "**Hello *world***"),
            ([r("<w:b/>", "bold"), r("", " plain "), r("<w:i/>", "italic")].concat(), "**bold** plain *italic*"),
            ([r("<w:i/>", "it "), r("<w:b/><w:i/>", "both"), r("<w:i/>", " it")].concat(), "*it **both** it*"),
            // Inside a word.
            ([r("", "un"), r("<w:b/>", "believ"), r("", "able")].concat(), "un**believ**able"),
            // Character styles.
            (
                [r(r#"<w:rStyle w:val="Strong"/>"#, "strong"), r("", " "), r(r#"<w:rStyle w:val="Emphasis"/>"#, "em")]
                    .concat(),
                "**strong** *em*",
            ),
        ];
        for (runs, expected) in cases {
            let body = [p("", &r("", "H")), p("", &runs)].concat();
            assert_eq!(import(&body).1, expected, "{runs}");
        }
    }

    #[test]
    fn localised_style_ids_go_by_name() {
        let styles = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {NAMESPACES}>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Zitat"><w:name w:val="Quote"/></w:style>
<w:style w:type="character" w:styleId="Fett"><w:name w:val="Strong"/></w:style>
</w:styles>"#
        );
        let body = [
            p("", &r("", "Vorspann")),
            p("Titel", &r("", "Schlagzeile")),
            p("berschrift2", &r("", "Zwischentitel")),
            p("Zitat", &r("", "Zitat.")),
            p("", &r(r#"<w:rStyle w:val="Fett"/>"#, "fett")),
        ]
        .concat();
        let copy = import_docx(&docx(&body, Some(&styles))).expect("imports");
        assert_eq!(copy.headline, "Schlagzeile");
        assert_eq!(copy.body, "Vorspann\n\n## Zwischentitel\n\n> Zitat.\n\n**fett**");
    }

    #[test]
    fn style_classification() {
        let cases: &[(&str, ParagraphKind)] = &[
            ("Title", ParagraphKind::Title),
            ("heading 1", ParagraphKind::Heading(1)),
            ("Heading2", ParagraphKind::Heading(2)),
            ("heading 9", ParagraphKind::Heading(9)),
            ("Heading10", ParagraphKind::Normal),
            ("Heading0", ParagraphKind::Normal),
            ("HeadingX", ParagraphKind::Normal),
            ("Quote", ParagraphKind::Quote),
            ("Intense Quote", ParagraphKind::Quote),
            ("Normal", ParagraphKind::Normal),
            ("Subtitle", ParagraphKind::Normal),
        ];
        for (name, kind) in cases {
            assert_eq!(classify(&style_key(name)), *kind, "{name}");
        }
    }

    #[test]
    fn broken_packages() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"Just some text".to_vec(), "not a zip package"),
            (Vec::new(), "not a zip package"),
            ([OLE_SIGNATURE.as_slice(), &[0; 32]].concat(), "password"),
            (package(&[("xl/workbook.xml", b"<workbook/>")]), "no word/document.xml"),
            (package(&[(DOCUMENT_PART, b"<w:document><w:body><w:p></w:body></w:document>")]), "not well-formed XML"),
            (package(&[(DOCUMENT_PART, b"<w:document><w:body><w:p><w:r><w:t>x")]), "ends in the middle"),
            (package(&[(DOCUMENT_PART, b"<w:document><w:t>&#0;</w:t></w:document>")]), "not well-formed XML"),
            (package(&[(DOCUMENT_PART, b"<w:document>\xff</w:document>")]), "not UTF-8"),
        ];
        for (bytes, wanted) in cases {
            match import_docx(&bytes) {
                Err(error @ ImportError::BadDocx { .. }) => {
                    assert!(error.to_string().contains(wanted), "{error}");
                }
                other => panic!("expected BadDocx with {wanted:?}, got {other:?}"),
            }
        }
        // A truncated package.
        let whole = docx(&p("", &r("", "Head")), None);
        let truncated = whole.get(..whole.len() / 2).expect("a half");
        assert!(matches!(import_docx(truncated), Err(ImportError::BadDocx { .. })));
    }

    #[test]
    fn documents_without_text_are_empty() {
        for body in ["", "<w:p/>", &p("Title", ""), &p("", &r("", " \u{00A0} "))] {
            assert!(matches!(import_docx(&docx(body, None)), Err(ImportError::Empty)), "{body}");
        }
    }

    #[test]
    fn parts_larger_than_the_limit_are_refused() {
        let bytes = package(&[(DOCUMENT_PART, &[b' '; 2000])]);
        let mut archive = ZipArchive::new(Cursor::new(bytes.as_slice())).expect("a zip");
        assert!(matches!(
            read_part(&mut archive, DOCUMENT_PART, 1000),
            Err(ImportError::TooLarge { size: 2000, limit: 1000 })
        ));
        assert!(matches!(
            read_part(&mut archive, DOCUMENT_PART, 2000),
            Ok(Some(text)) if text.len() == 2000
        ));
        assert!(matches!(read_part(&mut archive, "nope.xml", 2000), Ok(None)));
    }

    #[test]
    fn inline_rendering() {
        let bold = Format { bold: true, italic: false };
        let plain = Format::default();
        let segment = |text: &str, format: Format| Segment { text: text.to_owned(), format, change: None };
        let cases: Vec<(Vec<Segment>, &str)> = vec![
            (vec![], ""),
            (vec![segment("  ", bold)], ""),
            (vec![segment(" a\nb ", bold), segment("c", plain)], " **a\nb** c"),
            (vec![segment("a", bold), segment("\n", plain), segment("b", bold)], "**a\nb**"),
        ];
        for (segments, expected) in cases {
            assert_eq!(render_inline(&segments), expected, "{segments:?}");
        }
    }

    /// How a run of a test paragraph is tracked: not, or in the insertion or
    /// deletion element numbered so (adjacent runs of one number share it).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Track {
        Same,
        Ins(u8),
        Del(u8),
    }

    /// A run of `text` (`\n`: a line break) with `properties`, its text in
    /// `w:delText` when `deleted`.
    fn run(properties: &str, text: &str, deleted: bool) -> String {
        let tag = if deleted { "w:delText" } else { "w:t" };
        let content =
            if text == "\n" { "<w:br/>".to_owned() } else { format!(r#"<{tag} xml:space="preserve">{text}</{tag}>"#) };
        format!("<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>")
    }

    /// The runs of a paragraph three ways: with tracked changes, as it
    /// stood before them (insertions out, deletions in) and with them all
    /// accepted.
    fn versions(runs: &[(Track, &str, &str)]) -> [String; 3] {
        let mut tracked = String::new();
        let mut original = String::new();
        let mut revised = String::new();
        let mut open: Option<Track> = None;
        for (index, (track, properties, text)) in runs.iter().enumerate() {
            if open != Some(*track) {
                match open {
                    Some(Track::Ins(_)) => tracked.push_str("</w:ins>"),
                    Some(Track::Del(_)) => tracked.push_str("</w:del>"),
                    _ => {}
                }
                match track {
                    Track::Ins(n) => tracked.push_str(&format!(
                        r#"<w:ins w:id="{index}" w:author="Author {n}" w:date="2026-11-30T10:1{n}:00Z">"#
                    )),
                    Track::Del(n) => tracked.push_str(&format!(
                        r#"<w:del w:id="{index}" w:author="Author {n}" w:date="2026-11-30T10:1{n}:00Z">"#
                    )),
                    Track::Same => {}
                }
                open = Some(*track);
            }
            if text.starts_with('<') {
                // A comment marker, as it is.
                tracked.push_str(text);
                continue;
            }
            let plain = run(properties, text, false);
            match track {
                Track::Same => {
                    tracked.push_str(&plain);
                    original.push_str(&plain);
                    revised.push_str(&plain);
                }
                Track::Ins(_) => {
                    tracked.push_str(&plain);
                    revised.push_str(&plain);
                }
                Track::Del(_) => {
                    tracked.push_str(&run(properties, text, true));
                    original.push_str(&plain);
                }
            }
        }
        match open {
            Some(Track::Ins(_)) => tracked.push_str("</w:ins>"),
            Some(Track::Del(_)) => tracked.push_str("</w:del>"),
            _ => {}
        }
        [tracked, original, revised]
    }

    /// Imports a body paragraph of `runs` under a headline, and checks that
    /// the text as it stands and with every suggestion accepted are what
    /// the document gives without the changes and with them made. Gives
    /// the copy.
    fn import_tracked(style: &str, runs: &[(Track, &str, &str)]) -> ImportedCopy {
        let [tracked, original, revised] = versions(runs);
        let document = |runs: &str| [p("", &r("", "H")), p(style, runs)].concat();
        let copy = import_docx(&docx(&document(&tracked), None)).expect("imports");
        assert_eq!(tracked::as_it_stands(&copy.body), import(&document(&original)).1, "as it stands: {tracked}");
        assert_eq!(tracked::all_accepted(&copy.body), import(&document(&revised)).1, "accepted: {tracked}");
        copy
    }

    #[test]
    fn suggestions_in_body_text() {
        use Track::{Del, Ins, Same};
        let b = "<w:b/>";
        let i = "<w:i/>";
        // (paragraph style, runs, the body).
        type Case<'a> = (&'a str, Vec<(Track, &'a str, &'a str)>, &'a str);
        let cases: Vec<Case<'_>> = vec![
            ("", vec![(Same, "", "The "), (Ins(1), "", "new "), (Same, "", "plan")], "The {++s1|new ++}plan"),
            ("", vec![(Same, "", "The "), (Del(1), "", "old "), (Same, "", "plan")], "The {--s1|old --}plan"),
            (
                "",
                vec![(Same, "", "The "), (Del(1), "", "old"), (Ins(2), "", "new"), (Same, "", " plan")],
                "The {--s1|old--}{++s2|new++} plan",
            ),
            // Two runs of one element are one suggestion.
            ("", vec![(Same, "", "A"), (Ins(1), b, " bold"), (Ins(1), "", " move")], "A{++s1| **bold** move++}"),
            // Emphasis that goes on outside a suggestion stays outside it.
            ("", vec![(Same, b, "Rivr"), (Ins(1), b, "e"), (Same, b, "ton")], "**Rivr{++s1|e++}ton**"),
            ("", vec![(Same, b, "Mayor"), (Ins(1), b, " Ruiz"), (Same, "", " said")], "**Mayor{++s1| Ruiz++}** said"),
            (
                "",
                vec![(Same, b, "Sen. "), (Del(1), b, "Maria "), (Ins(2), b, "Ana "), (Same, b, "Lopez")],
                "**Sen. {--s1|Maria --}{++s2|Ana ++}Lopez**",
            ),
            ("", vec![(Same, b, "a"), (Ins(1), b, " "), (Same, b, "b")], "**a{++s1| ++}b**"),
            // Emphasis wholly in one goes in with it.
            ("", vec![(Same, "", "a "), (Ins(1), b, "bold"), (Same, "", " b")], "a {++s1|**bold**++} b"),
            // Emphasis over nothing but suggestions is closed between them.
            (
                "",
                vec![(Same, "", "x "), (Ins(1), i, "new"), (Del(2), i, "old"), (Same, "", " y")],
                "x {++s1|*new*++}{--s2|*old*--} y",
            ),
            // Line breaks, and text at the end of a paragraph.
            ("", vec![(Same, "", "One."), (Ins(1), "", "\n"), (Ins(1), "", "Two.")], "One.{++s1|\nTwo.++}"),
            // A line of its own takes a line break with it.
            (
                "",
                vec![(Same, "", "a"), (Same, "", "\n"), (Ins(1), "", "b"), (Same, "", "\n"), (Same, "", "c")],
                "a\n{++s1|b\n++}c",
            ),
            ("", vec![(Same, "", "a"), (Same, "", "\n"), (Del(1), "", "b")], "a{--s1|\nb--}"),
            ("", vec![(Same, "", "Done."), (Del(1), "", " Really. ")], "Done.{--s1| Really.--}"),
            (
                "Quote",
                vec![(Same, "", "Said."), (Ins(1), "", "\n"), (Ins(1), "", "More.")],
                "> Said.{++s1|\n> More.++}",
            ),
            ("Heading2", vec![(Same, b, "Sub "), (Ins(1), "", " head ")], "## Sub{++s1| head++}"),
            ("", vec![(Same, "", "a"), (Same, i, " "), (Same, "", " "), (Del(1), "", "b")], "a{--s1|  b--}"),
            // A suggestion of nothing but spaces trimmed away is gone.
            ("", vec![(Same, "", "End."), (Ins(1), "", "  ")], "End."),
        ];
        for (style, runs, expected) in cases {
            let copy = import_tracked(style, &runs);
            assert_eq!(copy.body, expected, "{runs:?}");
            let ids: Vec<&str> = copy.suggestions.iter().map(|s| s.id.as_str()).collect();
            assert_eq!(tracked::suggestion_ids(&copy.body), ids);
        }
    }

    #[test]
    fn suggestions_keep_author_kind_and_time() {
        let body = [
            p("Title", &r("", "Council backs plan")),
            p(
                "",
                &[
                    r("", "The council voted "),
                    r#"<w:del w:id="3" w:author="Tom Lee" w:date="2026-11-30T10:15:00Z"><w:r><w:delText>6–3</w:delText></w:r></w:del>"#.to_owned(),
                    r#"<w:ins w:id="4" w:author="Ana Ruiz" w:date="2026-11-30T11:20:30+01:00"><w:r><w:t>7–2</w:t></w:r></w:ins>"#.to_owned(),
                    r#"<w:ins w:id="5"><w:r><w:t> on Tuesday</w:t></w:r></w:ins>"#.to_owned(),
                    r#"<w:del w:id="6" w:author=" " w:date="last week"><w:r><w:delText> again</w:delText></w:r></w:del>"#.to_owned(),
                    r(".", "."),
                ]
                .concat(),
            ),
        ]
        .concat();
        let copy = import_docx(&docx(&body, None)).expect("imports");
        assert_eq!(copy.body, "The council voted {--s1|6–3--}{++s2|7–2++}{++s3| on Tuesday++}{--s4| again--}.");
        let at = |text: &str| {
            Timestamp(
                time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).expect("a time"),
            )
        };
        let expected = [
            ("s1", MarkKind::Delete, "Tom Lee", at("2026-11-30T10:15:00Z")),
            ("s2", MarkKind::Insert, "Ana Ruiz", at("2026-11-30T10:20:30Z")),
            ("s3", MarkKind::Insert, "Unknown", Timestamp::EPOCH),
            ("s4", MarkKind::Delete, "Unknown", Timestamp::EPOCH),
        ];
        assert_eq!(copy.suggestions.len(), expected.len());
        for (suggestion, (id, kind, author, when)) in copy.suggestions.iter().zip(expected) {
            assert_eq!(
                (suggestion.id.as_str(), suggestion.kind, suggestion.author.as_str(), suggestion.at),
                (id, kind, author, when)
            );
        }
        assert!(copy.comments.is_empty());
    }

    #[test]
    fn dates() {
        let cases: &[(Option<&str>, &str)] = &[
            (Some("2026-11-30T10:15:00Z"), "2026-11-30T10:15:00Z"),
            (Some(" 2026-11-30T10:15:00.5Z "), "2026-11-30T10:15:00.5Z"),
            (Some("2026-11-30T10:15:00-05:00"), "2026-11-30T15:15:00Z"),
            // Without a time zone: UTC.
            (Some("2026-11-30T10:15:00"), "2026-11-30T10:15:00Z"),
            (Some("yesterday"), "1970-01-01T00:00:00Z"),
            (Some(""), "1970-01-01T00:00:00Z"),
            (Some("+12026-11-30T10:15:00Z"), "1970-01-01T00:00:00Z"),
            (None, "1970-01-01T00:00:00Z"),
        ];
        for (value, expected) in cases {
            let expected =
                time::OffsetDateTime::parse(expected, &time::format_description::well_known::Rfc3339).expect("a time");
            assert_eq!(timestamp(*value), Timestamp(expected), "{value:?}");
        }
    }

    #[test]
    fn tracked_changes_that_are_not_suggestions_of_text() {
        let body = [
            p("", &r("", "H")),
            p(
                "",
                &[
                    r("", "Kept"),
                    // Inserted, then deleted: in neither version.
                    r#"<w:ins w:id="1" w:author="A"><w:del w:id="2" w:author="B"><w:r><w:delText> never</w:delText></w:r></w:del></w:ins>"#.to_owned(),
                    // Moved text: gone from here, and there instead.
                    r#"<w:moveFrom w:id="3" w:author="A"><w:r><w:t> here</w:t></w:r></w:moveFrom>"#.to_owned(),
                    r(".", "."),
                    r#"<w:moveTo w:id="4" w:author="A"><w:r><w:t> There</w:t></w:r></w:moveTo>"#.to_owned(),
                    // A deleted row mark, in properties.
                    r#"<w:r><w:rPr><w:del w:id="5" w:author="B"><w:b/></w:del></w:rPr><w:t>!</w:t></w:r>"#.to_owned(),
                ]
                .concat(),
            ),
        ]
        .concat();
        let copy = import_docx(&docx(&body, None)).expect("imports");
        assert_eq!(copy.body, "Kept{--s1| here--}.{++s2| There++}!");
        assert_eq!(tracked::as_it_stands(&copy.body), "Kept here.!");
        assert_eq!(tracked::all_accepted(&copy.body), "Kept. There!");
    }

    #[test]
    fn a_tracked_headline_keeps_its_marks() {
        let body = [
            p(
                "Title",
                &[
                    r("", "Mayor "),
                    r#"<w:ins w:id="1" w:author="A"><w:r><w:t>  easily </w:t></w:r></w:ins>"#.to_owned(),
                    r("<w:b/>", "wins"),
                ]
                .concat(),
            ),
            p("", &r("", "Body.")),
        ]
        .concat();
        let copy = import_docx(&docx(&body, None)).expect("imports");
        assert_eq!(copy.headline, "Mayor {++s1|easily ++}wins");
        assert_eq!(tracked::as_it_stands(&copy.headline), "Mayor wins");
        assert_eq!(tracked::all_accepted(&copy.headline), "Mayor easily wins");
        assert_eq!(copy.body, "Body.");
        // A paragraph of nothing but a deletion still counts as text.
        let body =
            [p("", &r("", "H")), p("", r#"<w:del w:id="1"><w:r><w:delText>Gone.</w:delText></w:r></w:del>"#)].concat();
        assert_eq!(import(&body), ("H".to_owned(), "{--s1|Gone.--}".to_owned()));
    }

    /// A `.docx` with `body`, `comments` (the inside of `w:comments`) and,
    /// when given, `extended` (the inside of `w15:commentsEx`).
    fn docx_with_comments(body: &str, comments: &str, extended: Option<&str>) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        let comments = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {NAMESPACES} xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">{comments}</w:comments>"#
        );
        let mut parts: Vec<(&str, &[u8])> =
            vec![(DOCUMENT_PART, document.as_bytes()), (COMMENTS_PART, comments.as_bytes())];
        let extended = extended.map(|extended| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">{extended}</w15:commentsEx>"#
            )
        });
        if let Some(extended) = &extended {
            parts.push((COMMENTS_EXTENDED_PART, extended.as_bytes()));
        }
        package(&parts)
    }

    /// A comment `id` by `author` whose paragraph (with `para_id`) says `text`.
    fn comment(id: u32, author: &str, minute: u32, para_id: &str, text: &str) -> String {
        format!(
            r#"<w:comment w:id="{id}" w:author="{author}" w:date="2026-11-30T10:{minute:02}:00Z"><w:p w14:paraId="{para_id}"><w:r><w:annotationRef/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"#
        )
    }

    /// Comment markers.
    fn start(id: u32) -> String {
        format!(r#"<w:commentRangeStart w:id="{id}"/>"#)
    }
    fn end(id: u32) -> String {
        format!(r#"<w:commentRangeEnd w:id="{id}"/>"#)
    }
    fn reference(id: u32) -> String {
        format!(r#"<w:r><w:commentReference w:id="{id}"/></w:r>"#)
    }

    #[test]
    fn comments_are_anchored_on_their_ranges() {
        let comments = [
            comment(0, "Sam Lee", 1, "10000001", "Source?"),
            comment(1, "Jane Okafor", 5, "10000002", "The minutes."),
            comment(2, "Ana Ruiz", 3, "10000003", "Spelling"),
            comment(3, "Tom", 4, "10000004", "No range"),
            comment(4, "Tom", 6, "10000005", "Nowhere"),
            comment(5, "Sam Lee", 2, "10000006", "Earlier reply"),
        ]
        .concat();
        let extended = r#"<w15:commentEx w15:paraId="10000001" w15:done="0"/><w15:commentEx w15:paraId="10000002" w15:paraIdParent="10000001"/><w15:commentEx w15:paraId="10000003" w15:done="1"/><w15:commentEx w15:paraId="10000006" w15:paraIdParent="10000002"/>"#;
        let body = [
            p("Title", &[r("", "Council "), start(2), r("<w:b/>", "vots"), end(2), reference(2)].concat()),
            p(
                "",
                &[
                    r("", "It voted "),
                    start(0),
                    start(1),
                    r("<w:b/>", "7–2"),
                    end(0),
                    end(1),
                    reference(0),
                    reference(1),
                    r("", " on "),
                    reference(3),
                    r("", "Tuesday."),
                ]
                .concat(),
            ),
        ]
        .concat();
        let copy = import_docx(&docx_with_comments(&body, &comments, Some(extended))).expect("imports");
        assert_eq!(copy.headline, "Council {==c1|vots==}");
        // A comment with neither range nor reference: at the body's start.
        assert_eq!(copy.body, "{==c2|==}It voted {==c3|**7–2**==} on {==c4|==}Tuesday.");
        // (id, author, text, resolved, replies' authors and texts).
        type Summary<'a> = (&'a str, &'a str, &'a str, bool, Vec<(&'a str, &'a str)>);
        let summary: Vec<Summary<'_>> = copy
            .comments
            .iter()
            .map(|c| {
                let replies = c.replies.iter().map(|r| (r.author.as_str(), r.text.as_str())).collect();
                (c.id.as_str(), c.author.as_str(), c.text.as_str(), c.resolved, replies)
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("c1", "Ana Ruiz", "Spelling", true, vec![]),
                ("c2", "Tom", "Nowhere", false, vec![]),
                // Replies oldest first, a reply to a reply in the thread too.
                (
                    "c3",
                    "Sam Lee",
                    "Source?",
                    false,
                    vec![("Sam Lee", "Earlier reply"), ("Jane Okafor", "The minutes.")]
                ),
                ("c4", "Tom", "No range", false, vec![]),
            ]
        );
        let at = time::OffsetDateTime::parse("2026-11-30T10:03:00Z", &time::format_description::well_known::Rfc3339)
            .expect("a time");
        assert_eq!(copy.comments[0].at, Timestamp(at));
        assert_eq!(tracked::as_it_stands(&copy.body), "It voted **7–2** on Tuesday.");
    }

    #[test]
    fn awkward_comment_ranges() {
        let comments = [
            comment(1, "A", 1, "1", "Spans"),
            comment(2, "B", 2, "2", "Inside"),
            comment(3, "C", 3, "3", "Overlaps"),
            comment(4, "D", 4, "4", "In an insertion"),
        ]
        .concat();
        let body = [
            p("", &r("", "H")),
            // Across two paragraphs: the part in the first.
            p("", &[r("", "One "), start(1), r("", "two")].concat()),
            p("", &[r("", "three"), end(1), reference(1)].concat()),
            // Nested and overlapping ranges: anchors do not nest.
            p("", &[start(2), r("", "a "), start(3), r("", "b"), end(2), r("", " c"), end(3)].concat()),
            // A range that starts inside an insertion covers all of it.
            p(
                "",
                &[
                    r("", "x "),
                    r#"<w:ins w:id="9" w:author="E">"#.to_owned(),
                    r("", "new "),
                    start(4),
                    r("", "words"),
                    "</w:ins>".to_owned(),
                    r("", " y"),
                    end(4),
                    start(99),
                    r("", "."),
                    end(99),
                ]
                .concat(),
            ),
        ]
        .concat();
        let copy = import_docx(&docx_with_comments(&body, &comments, None)).expect("imports");
        assert_eq!(
            copy.body,
            "One {==c1|two==}\n\nthree\n\n{==c2|a b==}{==c3|==} c\n\nx {==c4|{++s1|new words++} y==}."
        );
        assert_eq!(
            copy.comments.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["Spans", "Inside", "Overlaps", "In an insertion"]
        );
        let parsed = tracked::parse(&copy.body);
        assert_eq!(parsed.shown, "One two\n\nthree\n\na b c\n\nx new words y.");
        assert_eq!(parsed.marks.len(), 5);
    }

    #[test]
    fn replies_in_a_loop_make_one_thread() {
        let comments = [comment(1, "A", 1, "1", "First"), comment(2, "B", 2, "2", "Second")].concat();
        let extended = r#"<w15:commentEx w15:paraId="1" w15:paraIdParent="2"/><w15:commentEx w15:paraId="2" w15:paraIdParent="1"/>"#;
        let body =
            [p("", &r("", "H")), p("", &[start(2), r("", "text"), end(2), start(1), r("", "."), end(1)].concat())]
                .concat();
        let copy = import_docx(&docx_with_comments(&body, &comments, Some(extended))).expect("imports");
        assert_eq!(copy.body, "text{==c1|.==}");
        assert_eq!(copy.comments.len(), 1);
        assert_eq!((copy.comments[0].text.as_str(), copy.comments[0].replies[0].text.as_str()), ("First", "Second"));
    }

    #[test]
    fn comments_on_a_document_without_a_body() {
        let comments = comment(1, "A", 1, "1", "On the headline");
        let body = p("", &r("", "Only a headline"));
        let copy = import_docx(&docx_with_comments(&body, &comments, None)).expect("imports");
        assert_eq!(copy.headline, "{==c1|==}Only a headline");
        assert_eq!(copy.body, "");
        // A broken comments part is an error naming it.
        let bytes =
            package(&[(DOCUMENT_PART, docx_document(&body).as_bytes()), (COMMENTS_PART, b"<w:comments><w:comment>")]);
        match import_docx(&bytes) {
            Err(error @ ImportError::BadDocx { .. }) => assert!(error.to_string().contains(COMMENTS_PART), "{error}"),
            other => panic!("expected BadDocx, got {other:?}"),
        }
    }

    /// The `document.xml` of a body.
    fn docx_document(body: &str) -> String {
        format!(r#"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"#)
    }

    #[test]
    fn delimiters_in_plain_text_stay_text() {
        let (headline, body) = import(&[p("", &r("", "a {++ b")), p("", &r("", "c {--x|y--} d"))].concat());
        assert_ne!(body, "c {--x|y--} d");
        assert_eq!(tracked::as_it_stands(&headline), "a {++ b");
        assert_eq!(tracked::as_it_stands(&body), "c {--x|y--} d");
        assert!(tracked::parse(&body).marks.is_empty());
    }

    /// Imports a paragraph of generated runs (kind: 0 to 2 the same, 3 and
    /// 4 inserted, 5 deleted; the element's number; bold and italic as
    /// bits; text) under a headline: the copy, and the bodies of the
    /// document without the changes and with them made.
    fn import_versions(runs: &[(u8, u8, usize, String)]) -> (ImportedCopy, String, String) {
        let properties = ["", "<w:b/>", "<w:i/>", "<w:b/><w:i/>"];
        let runs: Vec<(Track, &str, &str)> = runs
            .iter()
            .map(|(kind, group, format, text)| {
                let track = match kind {
                    0..=2 => Track::Same,
                    3 | 4 => Track::Ins(*group),
                    _ => Track::Del(*group),
                };
                (track, properties.get(*format).copied().unwrap_or_default(), text.as_str())
            })
            .collect();
        let [tracked, original, revised] = versions(&runs);
        let document = |runs: &str| [p("", &r("", "H")), p("", runs)].concat();
        let copy = import_docx(&docx(&document(&tracked), None)).expect("imports");
        (copy, import(&document(&original)).1, import(&document(&revised)).1)
    }

    /// How Markdown looks: each character that is not whitespace, bold and
    /// italic or not, and where paragraphs and lines end.
    fn looks(markdown: &str) -> Vec<(char, bool, bool)> {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let (mut bold, mut italic) = (0_u32, 0_u32);
        let mut looks = Vec::new();
        for event in Parser::new(markdown) {
            match event {
                Event::Start(Tag::Strong) => bold += 1,
                Event::End(TagEnd::Strong) => bold -= 1,
                Event::Start(Tag::Emphasis) => italic += 1,
                Event::End(TagEnd::Emphasis) => italic -= 1,
                Event::End(TagEnd::Paragraph) => looks.push(('¶', false, false)),
                Event::SoftBreak | Event::HardBreak => looks.push(('↵', false, false)),
                Event::Text(text) => {
                    looks.extend(text.chars().filter(|c| !c.is_whitespace()).map(|c| (c, bold > 0, italic > 0)));
                }
                _ => {}
            }
        }
        looks
    }

    proptest::proptest! {
        #[test]
        fn plain_paragraphs_are_written_as_before(
            parts in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY, "[ab \n\u{00A0}*]{0,6}"), 1..8)
        ) {
            let mut paragraph = Paragraph::default();
            for (bold, italic, text) in &parts {
                paragraph.push(text, Format { bold: *bold, italic: *italic }, None);
            }
            if paragraph.plain_text().trim().is_empty() {
                // Dropped before it is written.
                return Ok(());
            }
            let threads = Threads::default();
            for shape in [Shape::Headline, Shape::Heading, Shape::Text, Shape::Quote] {
                let mut writer = Writer { changes: &[], threads: &threads, suggestions: Vec::new(), comments: Vec::new() };
                let before = render_plain(&paragraph, shape);
                let before = if shape == Shape::Headline { clean_headline(&before) } else { clean_block(&before) };
                proptest::prop_assert_eq!(writer.marked(paragraph.clone(), shape), before, "{:?}", shape);
            }
        }

        #[test]
        fn suggestions_resolve_to_what_the_document_says(
            runs in proptest::collection::vec((0_u8..6, 0_u8..2, 0_usize..4, "\n|( ?[a-c]{1,3} ?)"), 1..8)
        ) {
            // Any runs: the marks are well-formed, one per suggestion, and
            // either way the text is the document's, emphasis aside.
            let (copy, original, revised) = import_versions(&runs);
            let ids: Vec<&str> = copy.suggestions.iter().map(|s| s.id.as_str()).collect();
            proptest::prop_assert_eq!(tracked::suggestion_ids(&copy.body), ids);
            proptest::prop_assert_eq!(tracked::render(&tracked::parse(&copy.body)), copy.body.clone());
            let letters = |text: &str| text.chars().filter(|c| !c.is_whitespace() && *c != '*').collect::<String>();
            proptest::prop_assert_eq!(letters(&tracked::as_it_stands(&copy.body)), letters(&original));
            proptest::prop_assert_eq!(letters(&tracked::all_accepted(&copy.body)), letters(&revised));
        }

        #[test]
        fn comments_anywhere_are_anchored_once(
            runs in proptest::collection::vec((0_u8..6, 0_u8..2, 0_usize..4, "\n|( ?[a-c]{1,3} ?)"), 1..8),
            markers in proptest::collection::vec((0_usize..8, 0_u32..3, 0_u8..3), 0..8)
        ) {
            // Comment markers anywhere, even inside suggestions or out of
            // order: each comment is anchored once, the marks are
            // well-formed, and the text is as without the comments.
            let properties = ["", "<w:b/>", "<w:i/>", "<w:b/><w:i/>"];
            // (Text in no change, so that there is room for anchors without
            // ranges: see `untangle`.)
            let mut spec: Vec<(Track, &str, String)> = vec![(Track::Same, "", "Some words ".to_owned())];
            for (index, (kind, group, format, text)) in runs.iter().enumerate() {
                let track = match kind {
                    0..=2 => Track::Same,
                    3 | 4 => Track::Ins(*group),
                    _ => Track::Del(*group),
                };
                for (_, id, which) in markers.iter().filter(|(at, _, _)| *at == index) {
                    let marker = match which {
                        0 => start(*id),
                        1 => end(*id),
                        _ => reference(*id),
                    };
                    spec.push((track, "", marker));
                }
                spec.push((track, properties.get(*format).copied().unwrap_or_default(), text.clone()));
            }
            let spec: Vec<(Track, &str, &str)> = spec.iter().map(|(t, p, x)| (*t, *p, x.as_str())).collect();
            let [tracked, _, _] = versions(&spec);
            let body = [p("", &r("", "Headline")), p("", &tracked)].concat();
            let comments = [comment(0, "A", 1, "1", "zero"), comment(1, "B", 2, "2", "one"), comment(2, "C", 3, "3", "two")].concat();
            let with = import_docx(&docx_with_comments(&body, &comments, None)).expect("imports");
            let without = import_docx(&docx(&body, None)).expect("imports");
            proptest::prop_assert_eq!(tracked::render(&tracked::parse(&with.body)), with.body.clone());
            // On the body, or the headline when the body is empty.
            let marks = [tracked::parse(&with.headline).marks, tracked::parse(&with.body).marks].concat();
            let mut anchors: Vec<&str> = marks.iter().filter(|m| m.kind == MarkKind::Comment).map(|m| m.id.as_str()).collect();
            anchors.sort_unstable();
            proptest::prop_assert_eq!(anchors, ["c1", "c2", "c3"]);
            proptest::prop_assert_eq!(tracked::render(&tracked::parse(&with.headline)), with.headline.clone());
            let ids: Vec<&str> = with.comments.iter().map(|c| c.id.as_str()).collect();
            proptest::prop_assert_eq!(ids, ["c1", "c2", "c3"]);
            proptest::prop_assert_eq!(tracked::as_it_stands(&with.body), tracked::as_it_stands(&without.body));
            proptest::prop_assert_eq!(tracked::all_accepted(&with.body), tracked::all_accepted(&without.body));
            let ids: Vec<&str> = with.suggestions.iter().map(|s| s.id.as_str()).collect();
            proptest::prop_assert_eq!(tracked::suggestion_ids(&with.body), ids);
        }

        #[test]
        fn suggestions_of_words_resolve_to_the_same_emphasis(
            first in "[a-c]{1,3}",
            runs in proptest::collection::vec((0_u8..6, 0_u8..2, 0_usize..4, "\n|( [a-c]{1,3})"), 1..8)
        ) {
            // Words, each run after a space or a line break as Word's are,
            // and suggestions of words (not of line breaks): either way the
            // text looks as the document's does.
            let runs: Vec<(u8, u8, usize, String)> = [(0, 0, 0, first)]
                .into_iter()
                .chain(runs)
                .map(|(kind, group, format, text)| (if text == "\n" { 0 } else { kind }, group, format, text))
                .collect();
            let (copy, original, revised) = import_versions(&runs);
            let as_it_stands = tracked::as_it_stands(&copy.body);
            proptest::prop_assert_eq!(looks(&as_it_stands), looks(&original), "{} / {}", copy.body, original);
            let accepted = tracked::all_accepted(&copy.body);
            proptest::prop_assert_eq!(looks(&accepted), looks(&revised), "{} / {}", copy.body, revised);
        }
    }
}
