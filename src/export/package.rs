//! Writing an export: the photos' web renditions first (the slow part,
//! reported as progress), then the text files, all through `storage`.
//!
//! ```text
//! html   OUT/index.html, OUT/style.css, OUT/photos/<id>-2048.jpg, <id>-1024.jpg
//! md     OUT/<slug>.md and the photos it shows
//! txt    OUT/<slug>.txt
//! ninjs  OUT/<slug>.json and the photos it names
//! docx   OUT/<slug>.docx
//! ```

use std::path::Path;

use super::{ExportPhoto, Format, Rendition, docx, html, markdown, ninjs, plain_text};
use crate::model::{Project, Slug};
use crate::photos::metadata::WritableMetadata;
use crate::photos::thumbs::DecodeLimits;
use crate::photos::web::web_renditions;
use crate::storage;

/// The long edges of the web renditions, largest first.
pub const WEB_EDGES: [u32; 2] = [2048, 1024];

/// Why an export stopped. Files already written stay; nothing in the
/// project changes.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The project has no such story.
    #[error("there is no story “{0}” in the project")]
    NoSuchStory(String),
    /// Writing failed.
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
    /// The Word package could not be put together.
    #[error("could not make the Word file: {0}")]
    Docx(#[from] zip::result::ZipError),
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportReport {
    /// The files, relative to the export folder, in the order written.
    pub files: Vec<String>,
    /// Photos that could not be made into web copies, and why; the export
    /// goes on without their pictures (their captions stay).
    pub photo_problems: Vec<String>,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 5] = [Format::Html, Format::Markdown, Format::Text, Format::Ninjs, Format::Docx];

    /// The name on the command line (`--format html`).
    pub fn key(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Ninjs => "ninjs",
            Format::Docx => "docx",
        }
    }

    /// The format named `key`.
    pub fn from_key(key: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.key() == key)
    }

    /// The name editors read.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML package",
            Format::Markdown => "Markdown",
            Format::Text => "Plain text (wire)",
            Format::Ninjs => "IPTC ninjs 3.1 JSON",
            Format::Docx => "Word (.docx) with tracked changes and comments",
        }
    }

    /// Whether the format carries the photos (so they are resized).
    fn has_photos(self) -> bool {
        !matches!(self, Format::Text | Format::Docx)
    }

    /// The main file's name.
    pub fn main_file(self, slug: &Slug) -> String {
        match self {
            Format::Html => "index.html".to_owned(),
            Format::Markdown => format!("{slug}.md"),
            Format::Text => format!("{slug}.txt"),
            Format::Ninjs => format!("{slug}.json"),
            Format::Docx => format!("{slug}.docx"),
        }
    }
}

/// Exports `story` of the project in `project_dir` as `format` into
/// `out_dir`, as an export made at `at` (an embargo that has lifted by then
/// is not announced). `progress(done, total)` is called as photos are
/// resized.
pub fn write(
    project_dir: &Path,
    project: &Project,
    story: &Slug,
    format: Format,
    out_dir: &Path,
    at: crate::model::Timestamp,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportReport, ExportError> {
    let story = project.story(story).ok_or_else(|| ExportError::NoSuchStory(story.to_string()))?;
    let story = super::as_exported_at(story, at);
    let story = story.as_ref();
    let mut report = ExportReport::default();
    let mut photos = Vec::new();
    let total = if format.has_photos() { story.photos.len() } else { 0 };
    progress(0, total);
    for (index, used) in story.photos.iter().enumerate() {
        let Some(photo) = project.photo(&used.photo) else {
            report.photo_problems.push(format!("photo {} ({}) is not in the project's library", index + 1, used.photo));
            continue;
        };
        let mut export = ExportPhoto { number: index + 1, photo, used, renditions: Vec::new() };
        if format.has_photos() {
            match renditions(project_dir, &export, out_dir, &mut report) {
                Ok(made) => export.renditions = made,
                Err(problem) => report.photo_problems.push(problem),
            }
            progress(index + 1, total);
        }
        photos.push(export);
    }
    let language = project.settings.language.as_str();
    let body_html = super::html::body_html(&crate::model::tracked::as_it_stands(&story.body))
        + &super::html::corrections_html(story);
    let project_slug = Slug::from_title(&project.name);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    match format {
        Format::Html => {
            files.push(("index.html".to_owned(), html(story, language, &photos).into_bytes()));
            files.push(("style.css".to_owned(), super::STYLESHEET.as_bytes().to_vec()));
        }
        Format::Markdown => files.push((format.main_file(&story.slug), markdown(story, &photos).into_bytes())),
        Format::Text => files.push((format.main_file(&story.slug), plain_text(story, &photos).into_bytes())),
        Format::Ninjs => {
            let to = super::Destination {
                project: &project_slug,
                language,
                media_base_url: &project.settings.media_base_url,
            };
            files.push((format.main_file(&story.slug), ninjs(to, story, &body_html, &photos).into_bytes()));
        }
        Format::Docx => files.push((format.main_file(&story.slug), docx(story)?)),
    }
    for (name, text) in files {
        storage::write_export_file(out_dir, &name, &text)?;
        report.files.push(name);
    }
    Ok(report)
}

/// Makes and writes one photo's renditions; a photo that cannot be read is
/// a problem to report, not a failed export.
fn renditions(
    project_dir: &Path,
    export: &ExportPhoto<'_>,
    out_dir: &Path,
    report: &mut ExportReport,
) -> Result<Vec<Rendition>, String> {
    let photo = export.photo;
    let bytes = storage::read_photo_bytes(project_dir, photo).map_err(|error| error.to_string())?;
    let fields = WritableMetadata {
        caption: photo.caption_as_it_stands().into_owned(),
        credit: photo.credit.clone(),
        creator: photo.creator.clone(),
        copyright: photo.copyright.clone(),
        alt_text: photo.alt_text.clone(),
        headline: None,
        keywords: None,
    };
    let limits = DecodeLimits::default();
    let made = web_renditions(&bytes, export.used.crop, export.used.focal_point, &WEB_EDGES, &limits, &fields)
        .map_err(|error| format!("photo {} ({}): {error}", export.number, photo.original_name))?;
    let mut out = Vec::new();
    for image in made {
        let file = format!("photos/{}-{}.jpg", photo.id, image.edge);
        storage::write_export_file(out_dir, &file, &image.jpeg).map_err(|error| error.to_string())?;
        report.files.push(file.clone());
        out.push(Rendition {
            name: format!("web-{}", image.edge),
            file,
            width: image.width,
            height: image.height,
            focal_point: image.focal_point,
        });
    }
    Ok(out)
}
