//! IPTC ninjs 3.1 ("news in JSON"): the story as a `text` item with its
//! headlines (main and the dek as `sub`), the body as HTML with its word
//! and character counts, byline, slugline, dateline, language, tags as
//! subjects, and one `picture` association per photo (caption and alt text
//! as descriptions, credit, copyright, usage terms, renditions with their
//! size and point of interest); the story's version, publication status
//! (canceled once killed, with the reason as the editorial note), embargo
//! and urgency (from its priority).
//!
//! Field names and shapes follow `ninjs-schema_3.1.json`; the tests
//! validate the output against it.

use serde::Serialize;

use super::ExportPhoto;
use crate::model::tracked::as_it_stands;
use crate::model::{Slug, Story, StoryStatus, text_stats};

/// A ninjs item (the parts Copydesk fills in).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub_status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    embargoed_until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urgency: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ed_note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headlines: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bodies: Vec<Body>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slugline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    located: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    usage_terms: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subjects: Vec<Subject>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    people: Vec<Subject>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    renditions: Vec<Rendition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    associations: Vec<Association>,
}

/// A headline or description.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Text {
    role: &'static str,
    content_type: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    role: &'static str,
    content_type: &'static str,
    char_count: usize,
    word_count: usize,
    value: String,
}

/// A subject or person: a name.
#[derive(Serialize)]
struct Subject {
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rendition {
    name: String,
    href: String,
    content_type: &'static str,
    width: u32,
    height: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    poi: Option<Poi>,
}

#[derive(Serialize)]
struct Poi {
    x: u32,
    y: u32,
}

/// An associated item: a ninjs item with a name.
#[derive(Serialize)]
struct Association {
    name: String,
    #[serde(flatten)]
    item: Item,
}

impl Item {
    fn new(uri: String, kind: &'static str) -> Self {
        Item {
            uri,
            kind,
            version: None,
            first_created: None,
            version_created: None,
            pub_status: None,
            embargoed_until: None,
            urgency: None,
            ed_note: None,
            language: None,
            headlines: Vec::new(),
            descriptions: Vec::new(),
            bodies: Vec::new(),
            by: None,
            slugline: None,
            located: None,
            copyright_notice: None,
            usage_terms: None,
            subjects: Vec::new(),
            people: Vec::new(),
            renditions: Vec::new(),
            associations: Vec::new(),
        }
    }
}

/// Some text, or nothing when it is blank.
fn some(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The publication status a story's workflow status means to a receiver.
fn pub_status(status: StoryStatus) -> &'static str {
    match status {
        StoryStatus::Ready | StoryStatus::Published => "usable",
        StoryStatus::Spiked | StoryStatus::Killed => "canceled",
        StoryStatus::Draft | StoryStatus::Editing | StoryStatus::CopyEdit => "withheld",
    }
}

/// Where an export is going, as ninjs names it.
#[derive(Clone, Copy, Debug)]
pub struct Destination<'a> {
    /// Names the desk in URNs (`urn:copydesk:<project>:story:<slug>`).
    pub project: &'a Slug,
    /// The story's language (BCP 47).
    pub language: &'a str,
    /// Where the pictures will be published; empty links renditions
    /// relative to the export folder.
    pub media_base_url: &'a str,
}

/// The story as ninjs 3.1 JSON (pretty, ending with a newline);
/// `body_html` is the body as the HTML export renders it. The headline,
/// dek and body (and its counts) are as they stand: pending insertions
/// left out, text suggested for deletion kept, no marks.
pub fn ninjs(to: Destination<'_>, story: &Story, body_html: &str, photos: &[ExportPhoto<'_>]) -> String {
    let Destination { project, language, media_base_url } = to;
    let stats = text_stats(&as_it_stands(&story.body));
    let mut item = Item::new(format!("urn:copydesk:{project}:story:{}", story.slug), "text");
    item.version = Some(story.publication.version.to_string());
    item.first_created = Some(rfc3339(story.created));
    item.version_created = Some(rfc3339(story.updated));
    item.pub_status = Some(pub_status(story.status));
    item.embargoed_until = story.publication.embargo.map(rfc3339);
    item.urgency = Some(story.plan.priority.urgency());
    item.ed_note = story.publication.withdrawn.as_ref().map(|withdrawal| format!("Withdrawn: {}", withdrawal.reason));
    item.language = some(language);
    item.headlines.extend(some(&as_it_stands(&story.headline)).map(|value| Text {
        role: "main",
        content_type: "text/plain",
        value,
    }));
    item.headlines.extend(some(&as_it_stands(&story.dek)).map(|value| Text {
        role: "sub",
        content_type: "text/plain",
        value,
    }));
    item.bodies.push(Body {
        role: "main",
        content_type: "text/html",
        char_count: stats.characters,
        word_count: stats.words,
        value: body_html.to_owned(),
    });
    item.by = some(&story.byline);
    item.slugline = Some(story.slug.to_string());
    item.located = some(&story.dateline);
    item.subjects = story.tags.iter().filter_map(|tag| some(tag)).map(|name| Subject { name }).collect();
    item.associations = photos.iter().map(|photo| picture(project, media_base_url, photo)).collect();
    let mut json = serde_json::to_string_pretty(&item).unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    json.push('\n');
    json
}

fn picture(project: &Slug, media_base_url: &str, export: &ExportPhoto<'_>) -> Association {
    let photo = export.photo;
    let mut item = Item::new(format!("urn:copydesk:{project}:photo:{}", photo.id), "picture");
    item.descriptions.extend(some(&photo.caption_as_it_stands()).map(|value| Text {
        role: "caption",
        content_type: "text/plain",
        value,
    }));
    item.descriptions.extend(some(&photo.alt_text).map(|value| Text {
        role: "alt",
        content_type: "text/plain",
        value,
    }));
    item.headlines.extend(some(&photo.headline).map(|value| Text { role: "main", content_type: "text/plain", value }));
    item.by = some(&photo.creator).or_else(|| some(&photo.credit));
    item.copyright_notice = some(&photo.copyright);
    // ninjs has no field for the end of usage rights (`expires` is about
    // editorial relevance), so the date goes with the terms.
    let until = some(&photo.usage_expires).map(|date| format!("Usable until {date}."));
    item.usage_terms = match (some(&photo.usage_terms), until) {
        (Some(terms), Some(until)) => Some(format!("{terms} {until}")),
        (terms, until) => terms.or(until),
    };
    item.located = [some(&photo.city), some(&photo.country)].into_iter().flatten().reduce(|a, b| format!("{a}, {b}"));
    item.subjects = photo.keywords.iter().filter_map(|k| some(k)).map(|name| Subject { name }).collect();
    item.people = photo.persons_shown.iter().filter_map(|p| some(p)).map(|name| Subject { name }).collect();
    item.renditions = export
        .renditions
        .iter()
        .map(|rendition| Rendition {
            name: rendition.name.clone(),
            href: href(media_base_url, &rendition.file),
            content_type: "image/jpeg",
            width: rendition.width,
            height: rendition.height,
            poi: rendition.focal_point.map(|(x, y)| Poi { x, y }),
        })
        .collect();
    let name = if export.used.lead { "lead".to_owned() } else { format!("photo-{}", export.number) };
    Association { name, item }
}

/// A rendition's link: under the media base URL when there is one.
fn href(base: &str, file: &str) -> String {
    let base = base.trim();
    let file = super::html::file_url(file);
    if base.is_empty() {
        return file;
    }
    if base.ends_with('/') { format!("{base}{file}") } else { format!("{base}/{file}") }
}

fn rfc3339(at: crate::model::Timestamp) -> String {
    at.0.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
