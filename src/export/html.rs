//! The HTML export: `index.html` for one story, and the stylesheet written
//! beside it as `style.css`.
//!
//! Every piece of the story's and its photos' text is escaped, in text and
//! in attribute values. The body's Markdown is rendered by pulldown-cmark,
//! but raw HTML in it is shown as text, never passed through, and links or
//! images pointing at `javascript:`, `vbscript:` or `data:` URLs point at
//! `#` instead. The output depends on nothing but the arguments.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{ExportPhoto, Rendition};
use crate::model::Story;
use crate::model::tracked::as_it_stands;

/// The stylesheet `index.html` links to as `style.css`: a readable article
/// column, figures with their captions, the credit in smaller text.
pub const STYLESHEET: &str = r#"/* Copydesk article export */
body {
  margin: 0;
  padding: 2rem 1rem 4rem;
  font: 1.125rem/1.6 ui-serif, Georgia, Cambria, "Times New Roman", serif;
  color: #1a1a1a;
  background: #fff;
}
article {
  max-width: 42rem;
  margin: 0 auto;
}
h1, h2, h3, .dek, .byline, .dateline, figcaption {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
h1 {
  font-size: 2.25rem;
  line-height: 1.2;
  margin: 0 0 0.75rem;
}
.dek {
  font-size: 1.25rem;
  line-height: 1.4;
  color: #444;
  margin: 0 0 1rem;
}
.byline, .dateline {
  font-size: 0.9rem;
  color: #555;
  margin: 0;
}
figure {
  margin: 2rem 0;
}
img {
  display: block;
  max-width: 100%;
  height: auto;
}
figcaption {
  margin-top: 0.5rem;
  font-size: 0.9rem;
  line-height: 1.4;
  color: #444;
}
.credit {
  font-size: 0.8em;
  color: #777;
}
blockquote {
  margin: 1.5rem 0;
  padding-left: 1rem;
  border-left: 3px solid #ccc;
}
"#;

/// The `sizes` attribute of every picture: the full width of a narrow
/// screen, else the article column.
const SIZES: &str = "(max-width: 42rem) 100vw, 42rem";

/// Renders `story` as a complete HTML5 document in `language` (a BCP 47
/// tag such as `en`), linking `style.css` ([`STYLESHEET`]).
///
/// The article holds the headline, dek, byline and dateline (each left out
/// when blank), the lead photo (the first one marked lead) as a figure, the
/// body, then the other photos as figures in the order given. A photo with
/// no renditions keeps its caption but has no picture; one with neither is
/// left out; the story's correction notes follow the body, and an
/// embargoed story starts with its EMBARGOED UNTIL line
/// ([`super::embargo_line`]). Lines end with `\n`, the document too. The headline, dek and
/// body are exported as they stand: pending insertions left out, text
/// suggested for deletion kept, no marks.
pub fn html(story: &Story, language: &str, photos: &[ExportPhoto<'_>]) -> String {
    let mut out = String::new();
    let headline = as_it_stands(&story.headline);
    let headline = headline.trim();
    let title = if headline.is_empty() { story.slug.as_str() } else { headline };
    let lead = photos.iter().position(|photo| photo.used.lead);

    out.push_str("<!DOCTYPE html>\n");
    line(&mut out, 0, &format!("<html lang=\"{}\">", escape(language.trim())));
    line(&mut out, 1, "<head>");
    line(&mut out, 2, "<meta charset=\"utf-8\">");
    line(&mut out, 2, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    line(&mut out, 2, &format!("<title>{}</title>", escape(title)));
    line(&mut out, 2, "<link rel=\"stylesheet\" href=\"style.css\">");
    line(&mut out, 1, "</head>");
    line(&mut out, 1, "<body>");
    line(&mut out, 2, "<article>");
    if let Some(embargo) = super::embargo_line(story) {
        line(&mut out, 3, &format!("<p class=\"embargo\"><strong>{}</strong></p>", escape(&embargo)));
    }
    if !headline.is_empty() {
        line(&mut out, 3, &format!("<h1>{}</h1>", escape(headline)));
    }
    let dek = as_it_stands(&story.dek);
    for (class, text) in [("dek", dek.as_ref()), ("byline", &story.byline), ("dateline", &story.dateline)] {
        let text = text.trim();
        if !text.is_empty() {
            line(&mut out, 3, &format!("<p class=\"{class}\">{}</p>", escape(text)));
        }
    }
    if let Some(photo) = lead.and_then(|index| photos.get(index)) {
        figure(&mut out, photo, true);
    }
    // The body is not indented: that would change the text of `<pre>`.
    out.push_str(&body_html(&as_it_stands(&story.body)));
    out.push_str(&corrections_html(story));
    for (index, photo) in photos.iter().enumerate() {
        if Some(index) != lead {
            figure(&mut out, photo, false);
        }
    }
    line(&mut out, 2, "</article>");
    line(&mut out, 1, "</body>");
    line(&mut out, 0, "</html>");
    out
}

/// The body's Markdown as HTML, as `index.html` has it: text escaped, raw
/// HTML shown as text, dangerous URLs made `#`. Empty for an empty body,
/// else ending with a newline.
pub(super) fn body_html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, safe_events(markdown));
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The story's correction notes as an aside after the body, or nothing
/// when it has none.
pub(super) fn corrections_html(story: &Story) -> String {
    let notes: Vec<&str> = super::correction_notes(story).collect();
    if notes.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    line(&mut out, 3, "<aside class=\"corrections\">");
    for note in notes {
        line(&mut out, 4, &format!("<p>{}</p>", escape(note)));
    }
    line(&mut out, 3, "</aside>");
    out
}

/// Appends `text` as one line indented `depth` steps of two spaces.
fn line(out: &mut String, depth: usize, text: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(text);
    out.push('\n');
}

/// Appends a photo as a `<figure>` inside the article. The lead picture
/// loads at once, the others lazily.
fn figure(out: &mut String, photo: &ExportPhoto<'_>, lead: bool) {
    let standing = photo.photo.caption_as_it_stands();
    let caption = standing.trim();
    let credit = super::credit_after(caption, &photo.photo.credit);
    let largest = photo.renditions.first();
    if largest.is_none() && caption.is_empty() && credit.is_empty() {
        return;
    }
    line(out, 3, if lead { "<figure class=\"lead\">" } else { "<figure>" });
    if let Some(largest) = largest {
        line(out, 4, &img(largest, &photo.renditions, photo.photo.alt_text.trim(), lead));
    }
    let mut parts = Vec::new();
    if !caption.is_empty() {
        parts.push(escape(caption));
    }
    if !credit.is_empty() {
        parts.push(format!("<span class=\"credit\">{}</span>", escape(credit)));
    }
    if !parts.is_empty() {
        line(out, 4, &format!("<figcaption>{}</figcaption>", parts.join(" ")));
    }
    line(out, 3, "</figure>");
}

/// The `<img>` of a photo: the largest rendition as `src`, all of them in
/// `srcset`.
fn img(largest: &Rendition, renditions: &[Rendition], alt: &str, lead: bool) -> String {
    let srcset: Vec<String> =
        renditions.iter().map(|rendition| format!("{} {}w", file_url(&rendition.file), rendition.width)).collect();
    format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"{}>",
        escape(&file_url(&largest.file)),
        escape(&srcset.join(", ")),
        largest.width,
        largest.height,
        escape(alt),
        if lead { "" } else { " loading=\"lazy\"" },
    )
}

/// A file's path inside the export folder as a relative URL: every byte
/// but ASCII letters, digits and `-._~/` percent-encoded, so spaces and
/// commas cannot split a `srcset` or Markdown's `(…)`, and a `:` cannot
/// make a scheme.
pub(super) fn file_url(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for byte in file.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Escapes text for HTML, in text and in quoted attribute values alike:
/// `& < > " '` become references, and control characters other than tab
/// and line breaks (which HTML does not allow) are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The body's Markdown events, made safe for `push_html`: text is escaped
/// here (quotes too) and handed on as ready HTML, raw HTML becomes escaped
/// text (an HTML block a paragraph), and dangerous link and image URLs
/// become `#`. Inside an image, `push_html` writes the text into the `alt`
/// attribute and escapes it itself, so it is left as text there.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let mut in_image = 0usize;
    Parser::new(markdown).map(move |event| match event {
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            in_image += 1;
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            Event::End(TagEnd::Image)
        }
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Html(text) | Event::InlineHtml(text) if in_image > 0 => Event::Text(text),
        Event::Html(text) | Event::InlineHtml(text) | Event::Text(text) if in_image == 0 => {
            Event::InlineHtml(CowStr::from(escape(&text)))
        }
        Event::Code(text) if in_image == 0 => {
            Event::InlineHtml(CowStr::from(format!("<code>{}</code>", escape(&text))))
        }
        other => other,
    })
}

/// `#` in place of a URL with a scheme that runs code or smuggles content
/// (`javascript:`, `vbscript:`, `data:`), compared as browsers do: case
/// ignored, leading spaces and control characters skipped, tabs and line
/// breaks inside ignored.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let scheme: String = url
        .trim_start_matches(|c: char| c.is_control() || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"].iter().any(|bad| scheme.starts_with(bad)) {
        CowStr::Borrowed("#")
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::fixtures::*;
    use super::*;

    const HOSTILE: &str = "<script>alert(1)</script> \"onerror=\"x' </figcaption> &amp;";

    /// Every place `needle` occurs in `haystack`.
    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    /// Checks that the markup the renderer writes is balanced.
    fn assert_balanced(out: &str) {
        for tag in ["html", "head", "body", "article", "figure", "figcaption", "p", "h1", "title", "span", "a"] {
            let opened = count(out, &format!("<{tag}>")) + count(out, &format!("<{tag} "));
            let closed = count(out, &format!("</{tag}>"));
            assert_eq!(opened, closed, "<{tag}> opened {opened} times, closed {closed} in\n{out}");
        }
        assert_eq!(count(out, "<script"), 0, "{out}");
        assert_eq!(count(out, "onerror=\""), 0, "{out}");
    }

    #[test]
    fn a_story_renders_as_a_complete_document() {
        let (lead, second) =
            (photo("aaaaaaaaaaaaaaaa", "Troops at the gate.", "AP Photo/Hadi Mizban"), photo_no_text());
        let story = story("Army retakes the bridge", "Body paragraph.\n\nSecond *one*.");
        let uses = [use_of(&lead, true), use_of(&second, false)];
        let photos = [export(1, &lead, &uses[0], true), export(2, &second, &uses[1], true)];
        let out = html(&story, "en", &photos);

        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\">\n"));
        assert!(out.contains("    <title>Army retakes the bridge</title>\n"));
        assert!(out.contains("    <link rel=\"stylesheet\" href=\"style.css\">\n"));
        assert!(out.contains("      <h1>Army retakes the bridge</h1>\n"));
        assert!(out.contains("      <p class=\"dek\">The dek.</p>\n"));
        assert!(out.contains("      <p class=\"byline\">By Jane Roe</p>\n"));
        assert!(out.contains("      <p class=\"dateline\">BAGHDAD</p>\n"));
        assert!(out.contains("<p>Second <em>one</em>.</p>\n"));
        assert!(out.ends_with("    </article>\n  </body>\n</html>\n"));
        assert!(out.contains(
            "      <figure class=\"lead\">\n        <img src=\"photos/aaaaaaaaaaaaaaaa-2048.jpg\" \
             srcset=\"photos/aaaaaaaaaaaaaaaa-2048.jpg 2048w, photos/aaaaaaaaaaaaaaaa-1024.jpg 1024w\" \
             sizes=\"(max-width: 42rem) 100vw, 42rem\" width=\"2048\" height=\"1365\" alt=\"Alt for aaaaaaaaaaaaaaaa\">\n        \
             <figcaption>Troops at the gate. <span class=\"credit\">AP Photo/Hadi Mizban</span></figcaption>\n      </figure>\n"
        ));
        // The other picture has no caption or credit: no figcaption, lazy.
        assert!(out.contains(
            "      <figure>\n        <img src=\"photos/bbbbbbbbbbbbbbbb-2048.jpg\" srcset=\"photos/bbbbbbbbbbbbbbbb-2048.jpg \
             2048w, photos/bbbbbbbbbbbbbbbb-1024.jpg 1024w\" sizes=\"(max-width: 42rem) 100vw, 42rem\" width=\"2048\" \
             height=\"1365\" alt=\"\" loading=\"lazy\">\n      </figure>\n"
        ));
        assert_balanced(&out);
        assert_eq!(out, html(&story, "en", &photos), "the same story gives the same bytes");
    }

    #[test]
    fn the_lead_comes_before_the_body_and_the_others_after_in_order() {
        let (one, two, three) = (
            photo("1111111111111111", "First.", ""),
            photo("2222222222222222", "Second.", ""),
            photo("3333333333333333", "Third.", ""),
        );
        let uses = [use_of(&one, false), use_of(&two, true), use_of(&three, false)];
        let photos =
            [export(1, &one, &uses[0], true), export(2, &two, &uses[1], true), export(3, &three, &uses[2], true)];
        let out = html(&story("Headline", "The body text."), "en", &photos);
        let at = |needle: &str| out.find(needle).unwrap_or_else(|| panic!("{needle} missing from\n{out}"));
        assert!(at("Second.") < at("The body text."));
        assert!(at("The body text.") < at("First."));
        assert!(at("First.") < at("Third."));
        assert_eq!(count(&out, "<figure class=\"lead\">"), 1);
        // Only the lead loads at once.
        assert_eq!(count(&out, "loading=\"lazy\""), 2);
        assert!(!out[at("<figure class=\"lead\">")..at("</figure>")].contains("lazy"));
        assert_balanced(&out);
    }

    #[test]
    fn hostile_text_appears_only_escaped() {
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=&quot;x&#39; &lt;/figcaption&gt; &amp;amp;";
        // The credit differs from the caption, or it would not be repeated.
        let mut lead = photo("aaaaaaaaaaaaaaaa", HOSTILE, &format!("Credit {HOSTILE}"));
        lead.alt_text = HOSTILE.into();
        let mut story = story(HOSTILE, "");
        story.dek = HOSTILE.into();
        story.byline = HOSTILE.into();
        story.dateline = HOSTILE.into();
        let uses = [use_of(&lead, true)];
        let photos = [export(1, &lead, &uses[0], true)];
        let out = html(&story, "en\"><script>", &photos);

        assert!(out.contains("<html lang=\"en&quot;&gt;&lt;script&gt;\">"));
        assert!(out.contains(&format!("<title>{escaped}</title>")));
        assert!(out.contains(&format!("<h1>{escaped}</h1>")));
        assert!(out.contains(&format!("<p class=\"dek\">{escaped}</p>")));
        assert!(out.contains(&format!("<p class=\"byline\">{escaped}</p>")));
        assert!(out.contains(&format!("<p class=\"dateline\">{escaped}</p>")));
        assert!(out.contains(&format!("alt=\"{escaped}\">")));
        assert!(
            out.contains(&format!("<figcaption>{escaped} <span class=\"credit\">Credit {escaped}</span></figcaption>"))
        );
        assert_eq!(count(&out, "</figcaption>"), 1);
        assert_eq!(count(&out, "&amp;amp;"), 8, "each of the eight fields escaped exactly once");
        assert_balanced(&out);
    }

    #[test]
    fn raw_html_in_the_body_is_shown_as_text() {
        let body = "<script>alert(1)</script>\n\nText with <img src=x onerror=\"alert(1)\"> inline, \
                    `<code>` and \"quotes\" & AT&amp;T.\n\n<div onclick='x'>\nblock\n</div>\n\n    <pre>indented</pre>";
        let out = html(&story("H", body), "en", &[]);
        assert!(out.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>"), "{out}");
        assert!(out.contains(
            "<p>Text with &lt;img src=x onerror=&quot;alert(1)&quot;&gt; inline, <code>&lt;code&gt;</code> and \
             &quot;quotes&quot; &amp; AT&amp;T.</p>"
        ));
        assert!(out.contains("<p>&lt;div onclick=&#39;x&#39;&gt;\nblock\n&lt;/div&gt;\n</p>"), "{out}");
        assert!(out.contains("<pre><code>&lt;pre&gt;indented&lt;/pre&gt;</code></pre>"), "{out}");
        assert!(!out.contains("<div"));
        assert_balanced(&out);
    }

    #[test]
    fn dangerous_link_urls_become_hash() {
        let body = "[a](javascript:alert(1)) [b]( JAVASCRIPT:alert(1)) [c](<java\tscript:x>) [d](vbscript:x) \
                    [e](data:text/html,x) <javascript:alert(1)> [f](&#106;avascript:x) ![g](javascript:x) \
                    [ok](https://example.com/?a=1&b=\"2\") [rel](other.html) [mail](mailto:desk@example.com)";
        let out = html(&story("H", body), "en", &[]);
        for text in ["a", "b", "c", "d", "e", "f"] {
            assert!(out.contains(&format!("<a href=\"#\">{text}</a>")), "{text} in {out}");
        }
        assert!(out.contains("<a href=\"#\">javascript:alert(1)</a>"), "{out}");
        assert!(out.contains("<img src=\"#\" alt=\"g\" />"), "{out}");
        assert!(out.contains("<a href=\"https://example.com/?a=1&amp;b=%222%22\">ok</a>"), "{out}");
        assert!(out.contains("<a href=\"other.html\">rel</a>"));
        assert!(out.contains("<a href=\"mailto:desk@example.com\">mail</a>"));
        let lower = out.to_lowercase();
        for bad in ["=\"javascript", "=\" javascript", "=\"java\tscript", "=\"vbscript", "=\"data:"] {
            assert!(!lower.contains(bad), "{bad} in {out}");
        }
        assert_balanced(&out);
    }

    #[test]
    fn image_alt_text_in_the_body_is_escaped_once() {
        let out = html(&story("H", "![a \"b\" <i>c</i> `d` & e](pic.jpg)"), "en", &[]);
        assert!(
            out.contains("<img src=\"pic.jpg\" alt=\"a &quot;b&quot; &lt;i&gt;c&lt;/i&gt; d &amp; e\" />"),
            "{out}"
        );
    }

    #[test]
    fn a_photo_without_renditions_keeps_its_caption() {
        let lost = photo("aaaaaaaaaaaaaaaa", "Lost picture.", "Reuters");
        let blank = photo_no_text();
        let uses = [use_of(&lost, false), use_of(&blank, false)];
        let photos = [export(1, &lost, &uses[0], false), export(2, &blank, &uses[1], false)];
        let out = html(&story("H", "Body."), "en", &photos);
        assert!(out.contains(
            "      <figure>\n        <figcaption>Lost picture. <span class=\"credit\">Reuters</span></figcaption>\n      \
             </figure>\n"
        ));
        assert_eq!(count(&out, "<figure"), 1, "a photo with nothing to show is left out");
        assert!(!out.contains("<img"));
        assert_balanced(&out);
    }

    #[test]
    fn blank_fields_are_left_out() {
        let mut story = story("  ", "");
        story.dek = " ".into();
        story.byline.clear();
        story.dateline.clear();
        let out = html(&story, "", &[]);
        assert!(out.contains("<title>army-bridge</title>"), "the slug stands in for a missing headline");
        for absent in ["<h1>", "class=\"dek\"", "class=\"byline\"", "class=\"dateline\"", "<figure"] {
            assert!(!out.contains(absent), "{absent} in {out}");
        }
        assert!(out.contains("    <article>\n    </article>\n"), "{out}");
        assert_balanced(&out);
    }

    #[test]
    fn control_characters_are_dropped_and_file_names_encoded() {
        assert_eq!(escape("a\u{0}b\u{7}c\td\ne\u{85}"), "abc\td\ne");
        assert_eq!(file_url("photos/a b,(c).jpg"), "photos/a%20b%2C%28c%29.jpg");
        assert_eq!(file_url("javascript:x"), "javascript%3Ax");
        assert_eq!(file_url("é"), "%C3%A9");
    }

    #[test]
    fn the_stylesheet_is_small_and_balanced() {
        assert!(STYLESHEET.lines().count() <= 60);
        assert_eq!(count(STYLESHEET, "{"), count(STYLESHEET, "}"));
        assert!(STYLESHEET.contains("max-width: 42rem"));
        assert!(STYLESHEET.ends_with("}\n"));
    }
}

/// Stories and photos for the export renderers' tests.
#[cfg(test)]
pub(super) mod fixtures {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use crate::export::{ExportPhoto, Rendition};
    use crate::model::{Photo, PhotoId, PhotoUse, Slug, Story, StoryStatus, Timestamp};

    /// A ready story `army-bridge` with every field filled in.
    pub fn story(headline: &str, body: &str) -> Story {
        let mut story = Story::new(Slug::new("army-bridge").unwrap(), Timestamp::EPOCH);
        story.section = "News / Iraq".into();
        story.headline = headline.into();
        story.dek = "The dek.".into();
        story.byline = "By Jane Roe".into();
        story.dateline = "BAGHDAD".into();
        story.tags = vec!["iraq".into(), "military".into()];
        story.status = StoryStatus::Ready;
        story.body = body.into();
        story
    }

    /// A photo with id `id` (16 hex digits), a caption, a credit and alt text.
    pub fn photo(id: &str, caption: &str, credit: &str) -> Photo {
        let mut photo =
            Photo::new(PhotoId::from_hex(id).unwrap(), format!("{id}.jpg"), "original.jpg".into(), 4000, 2667);
        photo.caption = caption.into();
        photo.credit = credit.into();
        photo.alt_text = format!("Alt for {id}");
        photo
    }

    /// A photo with no caption, credit or alt text.
    pub fn photo_no_text() -> Photo {
        let mut photo = photo("bbbbbbbbbbbbbbbb", "", "");
        photo.alt_text.clear();
        photo
    }

    /// The story's use of `photo`.
    pub fn use_of(photo: &Photo, lead: bool) -> PhotoUse {
        PhotoUse { lead, ..PhotoUse::of(photo.id.clone()) }
    }

    /// `photo` as the renderers get it, with a 2048 and a 1024 rendition
    /// when `renditions`.
    pub fn export<'a>(number: usize, photo: &'a Photo, used: &'a PhotoUse, renditions: bool) -> ExportPhoto<'a> {
        let rendition = |width: u32, height: u32| Rendition {
            name: format!("web-{width}"),
            file: format!("photos/{}-{width}.jpg", photo.id),
            width,
            height,
            focal_point: None,
        };
        let renditions = if renditions { vec![rendition(2048, 1365), rendition(1024, 683)] } else { Vec::new() };
        ExportPhoto { number, photo, used, renditions }
    }
}
