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
//! - deleted text of tracked changes (`w:del`), hidden text (`w:vanish`) and
//!   the fallback copies of text boxes (`mc:Fallback`) are left out, and
//!   paragraphs with no text are dropped.
//!
//! Elements are matched by their usual `w:` prefix, which is what Word,
//! `LibreOffice` and Google Docs all write.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{ImportError, ImportedCopy, MAX_IMPORT_BYTES, assemble, clean_headline};

/// The part that holds the document's text.
const DOCUMENT_PART: &str = "word/document.xml";
/// The part that names the document's styles.
const STYLES_PART: &str = "word/styles.xml";
/// How an OLE compound file starts: an old Word `.doc`, or any Office
/// document encrypted with a password.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The byte-order mark of UTF-8.
const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
/// Elements whose content is left out: deleted text, moved-away text, old
/// properties of tracked formatting changes, and the fallback copy of
/// content Word also writes in a newer form.
const SKIPPED: [&str; 5] = ["w:del", "w:moveFrom", "w:pPrChange", "w:rPrChange", "mc:Fallback"];

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
    let paragraphs = parse_document(&document, &styles)?;
    build(paragraphs)
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

/// Text with one formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    /// The text; `\n` for a line break.
    text: String,
    /// Its formatting.
    format: Format,
}

/// A paragraph as read from the document.
#[derive(Clone, Debug, Default)]
struct Paragraph {
    /// What it is.
    kind: ParagraphKind,
    /// Its text, adjacent stretches of the same formatting merged.
    segments: Vec<Segment>,
}

impl Paragraph {
    /// Adds `text` with `format` at the end.
    fn push(&mut self, text: &str, format: Format) {
        if text.is_empty() {
            return;
        }
        match self.segments.last_mut() {
            Some(last) if last.format == format => last.text.push_str(text),
            _ => self.segments.push(Segment { text: text.to_owned(), format }),
        }
    }

    /// Its text without formatting.
    fn plain_text(&self) -> String {
        self.segments.iter().map(|segment| segment.text.as_str()).collect()
    }
}

/// Reads the paragraphs of a `document.xml`, in the order they end (a
/// paragraph inside a text box comes before the one holding the box).
///
/// # Errors
///
/// [`ImportError::BadDocx`] when the XML is not well-formed.
fn parse_document(xml: &str, styles: &HashMap<String, String>) -> Result<Vec<Paragraph>, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut walker =
        Walker { styles, elements: Vec::new(), paragraphs: Vec::new(), runs: Vec::new(), done: Vec::new() };
    let mut skipping = 0_usize;
    loop {
        let event = reader.read_event().map_err(|error| {
            bad(format!(
                "its text ({DOCUMENT_PART}) is not well-formed XML: {error} (at byte {})",
                reader.error_position()
            ))
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
                if SKIPPED.contains(&name.as_str()) {
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
                        "its text ({DOCUMENT_PART}) is not well-formed XML: {reason} (at byte {})",
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
        return Err(bad(format!("its text ({DOCUMENT_PART}) ends in the middle of the document")));
    }
    Ok(walker.done)
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

/// Where the walk through `document.xml` is.
struct Walker<'s> {
    /// Style name keys by style id, from `styles.xml`.
    styles: &'s HashMap<String, String>,
    /// The names of the open elements, outermost first.
    elements: Vec<String>,
    /// The open paragraphs, outermost first (text boxes nest them).
    paragraphs: Vec<Paragraph>,
    /// The open runs, outermost first.
    runs: Vec<Run>,
    /// The paragraphs read so far.
    done: Vec<Paragraph>,
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
        match name {
            "w:p" => self.paragraphs.push(Paragraph::default()),
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
            _ => {}
        }
    }

    /// Handles the end of the element named `name`.
    fn close(&mut self, name: &str) {
        match name {
            "w:p" => {
                if let Some(paragraph) = self.paragraphs.pop() {
                    self.done.push(paragraph);
                }
            }
            "w:r" => {
                self.runs.pop();
            }
            _ => {}
        }
    }

    /// Handles character data: kept only inside a run's `w:t`. Line breaks
    /// and tabs there are layout of the XML, not of the text.
    fn text(&mut self, text: &str) {
        if self.ancestor(0) == "w:t" && self.ancestor(1) == "w:r" {
            self.push(&text.replace(['\n', '\r', '\t'], " "));
        }
    }

    /// Adds `text` to the current paragraph with the current run's
    /// formatting, unless the run is hidden.
    fn push(&mut self, text: &str) {
        let run = self.runs.last().copied().unwrap_or_default();
        if run.hidden {
            return;
        }
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.push(text, run.format);
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

/// The copy from the document's paragraphs: the headline taken out, the
/// rest rendered as Markdown blocks.
///
/// # Errors
///
/// [`ImportError::Empty`] when no paragraph has text.
fn build(paragraphs: Vec<Paragraph>) -> Result<ImportedCopy, ImportError> {
    let paragraphs: Vec<Paragraph> =
        paragraphs.into_iter().filter(|paragraph| !paragraph.plain_text().trim().is_empty()).collect();
    let headline_index = paragraphs
        .iter()
        .position(|paragraph| matches!(paragraph.kind, ParagraphKind::Title | ParagraphKind::Heading(1)))
        .or_else(|| (!paragraphs.is_empty()).then_some(0))
        .ok_or(ImportError::Empty)?;
    let mut headline = String::new();
    let mut blocks = Vec::with_capacity(paragraphs.len());
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index == headline_index {
            headline = paragraph.plain_text();
        } else {
            blocks.push(render(paragraph));
        }
    }
    assemble(&headline, &blocks)
}

/// A paragraph as a Markdown block.
fn render(paragraph: &Paragraph) -> String {
    match paragraph.kind {
        ParagraphKind::Title | ParagraphKind::Heading(_) => {
            format!("## {}", clean_headline(&paragraph.plain_text()))
        }
        ParagraphKind::Quote => render_inline(&paragraph.segments)
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| format!("> {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        ParagraphKind::Normal => render_inline(&paragraph.segments),
    }
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
            // Tracked deletions, hidden text and fallback copies are left out.
            (
                [
                    p("", &r("", "H")),
                    p(
                        "",
                        &[
                            r("", "kept "),
                            "<w:del><w:r><w:tab/><w:delText>gone</w:delText></w:r></w:del>".to_owned(),
                            "<w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>".to_owned(),
                            r("<w:vanish/>", " hidden"),
                            "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>".to_owned(),
                        ]
                        .concat(),
                    ),
                ]
                .concat(),
                "H",
                "In a box\n\nkept inserted",
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
        let segment = |text: &str, format: Format| Segment { text: text.to_owned(), format };
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
}
