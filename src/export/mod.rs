//! Publication export: a ready story in the forms newsrooms use. The
//! renderers here are pure functions of the story and its photos' web
//! renditions (already sized); [`write`] makes the renditions and writes the
//! files through `storage`.
//!
//! - `html.rs`: `index.html` (every piece of text escaped; the body's
//!   Markdown rendered with raw HTML shown as text) and its stylesheet.
//! - `markdown.rs`: Markdown with YAML front matter.
//! - `text.rs`: plain text for wire services.
//! - `ninjs.rs`: IPTC ninjs 3.1 JSON.
//! - `docx.rs`: Word, with pending suggestions as tracked changes and the
//!   comments as Word comments.
//!
//! Output is deterministic: nothing reads the clock or the machine, so the
//! same story exported twice gives the same bytes.

mod docx;
mod html;
mod markdown;
mod ninjs;
mod package;
mod text;

pub use docx::docx;
pub use html::{STYLESHEET, html};
pub use markdown::markdown;
pub use ninjs::{Destination, ninjs};
pub use package::{ExportError, ExportReport, WEB_EDGES, write};
pub use text::plain_text;

use crate::model::{Story, Timestamp};

/// The line an export of an embargoed story starts with:
/// `EMBARGOED UNTIL 2026-12-03 06:00 UTC`. The renderers say it whenever
/// the story they are given carries an embargo; [`write`] gives them the
/// story without it once the embargo has lifted, so an export made after
/// it says nothing.
pub fn embargo_line(story: &Story) -> Option<String> {
    story.publication.embargo.map(|until| format!("EMBARGOED UNTIL {} UTC", until.short()))
}

/// The story as an export made at `at` sees it: an embargo that has
/// lifted by then is left out.
pub fn as_exported_at(story: &Story, at: Timestamp) -> std::borrow::Cow<'_, Story> {
    match story.publication.embargo {
        Some(until) if until <= at => {
            let mut lifted = story.clone();
            lifted.publication.embargo = None;
            std::borrow::Cow::Owned(lifted)
        }
        _ => std::borrow::Cow::Borrowed(story),
    }
}

/// The story's correction notes as published, oldest first: what exports
/// append after the body.
pub fn correction_notes(story: &Story) -> impl Iterator<Item = &str> {
    story.publication.corrections.iter().map(|correction| correction.text.trim()).filter(|text| !text.is_empty())
}

use crate::model::{Photo, PhotoUse};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A folder with `index.html`, `style.css` and web-sized photos.
    Html,
    /// `<slug>.md` with front matter.
    Markdown,
    /// `<slug>.txt` for wire services.
    Text,
    /// `<slug>.ninjs.json` and the web-sized photos it names.
    Ninjs,
    /// `<slug>.docx`: Word, pending suggestions as tracked changes, comments
    /// as Word comments (no photos).
    Docx,
}

/// A web-sized copy of a photo, as the export writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendition {
    /// `web-2048` or `web-1024`.
    pub name: String,
    /// Its path inside the export folder, `photos/<id>-2048.jpg`.
    pub file: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The focal point in this rendition's pixels, from the top left.
    pub focal_point: Option<(u32, u32)>,
}

/// A photo of the story as the renderers see it.
#[derive(Clone, Debug)]
pub struct ExportPhoto<'a> {
    /// Its position in the story, from 1.
    pub number: usize,
    /// Caption, credit, rights.
    pub photo: &'a Photo,
    /// Lead, crop, focal point.
    pub used: &'a PhotoUse,
    /// Largest first; empty when the picture could not be read.
    pub renditions: Vec<Rendition>,
}

/// The credit to print after a caption: none when the caption already
/// names it as a whole word or words (wire captions often end "(AP
/// Photo/…)"), so it is not said twice; "AP" inside "Capitol" is no credit.
pub(crate) fn credit_after<'a>(caption: &str, credit: &'a str) -> &'a str {
    let credit = credit.trim();
    if credit.is_empty() {
        return credit;
    }
    let (caption, wanted) = (caption.to_lowercase(), credit.to_lowercase());
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let named = caption.match_indices(&wanted).any(|(at, found)| {
        let before = caption.get(..at).and_then(|text| text.chars().next_back());
        let after = caption.get(at + found.len()..).and_then(|text| text.chars().next());
        !is_word(before) && !is_word(after)
    });
    if named { "" } else { credit }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credit_already_in_the_caption_is_not_repeated() {
        assert_eq!(credit_after("Soldiers on patrol. (AFP photo)", "AFP"), "");
        assert_eq!(credit_after("Soldiers on patrol.", " AFP "), "AFP");
        assert_eq!(credit_after("Soldiers on patrol.", ""), "");
        assert_eq!(credit_after("Protesters outside the Capitol in Washington.", "AP"), "AP", "not a word of it");
        assert_eq!(credit_after("Soldiers on patrol. (Photo by AP)", "AP"), "");
        assert_eq!(credit_after("Soldiers. (AP Photo/Hadi Mizban)", "AP Photo/Hadi Mizban"), "");
    }
}
