//! Builds the sample project from the seed story, through Copydesk's own
//! storage code, so the files are exactly what the app writes.
//!
//! ```text
//! cargo run --example make_sample -- ../shared/seed/drone-attacks-article.txt projects/drone-attacks
//! ```
//!
//! The seed is a real published story, kept exactly as published, errors
//! included: a caption from another story, an unclosed quotation mark, a
//! sentence without its full stop and leftover site boilerplate. The review
//! checklist is meant to catch them.
//!
//! We have no rights to the published photos, so the sample gets stand-in
//! pictures drawn here, each carrying its published caption and credit
//! embedded as IPTC and XMP, attached through the same import path a user
//! takes (copy by content hash, read the agency metadata, attach).

use std::path::PathBuf;

use anyhow::Context as _;
use copydesk::model::{Slug, Story, StoryStatus, Timestamp};
use copydesk::photos::metadata::{WritableMetadata, write_jpeg_metadata};
use copydesk::{edit, import, storage};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let seed = PathBuf::from(args.next().context("usage: make_sample SEED.txt PROJECT_DIR")?);
    let dir = PathBuf::from(args.next().context("usage: make_sample SEED.txt PROJECT_DIR")?);
    let text = std::fs::read_to_string(&seed).with_context(|| format!("reading {}", seed.display()))?;
    let (story, captions) = seed_story(&text)?;
    let slug = story.slug.clone();
    let mut loaded = storage::create_project(&dir, "Drone attacks")?;
    loaded.project.stories.push(story);
    // A house style list like a desk keeps: the seed uses a loaded word
    // the review checklist should point at.
    loaded.project.settings.house_style = vec![copydesk::model::StyleEntry {
        avoid: "martyred".into(),
        prefer: "killed".into(),
        note: "Neutral wording: say what happened".into(),
    }];
    // Where the desk would publish the pictures (example.org is reserved for
    // examples): ninjs renditions link there.
    loaded.project.settings.media_base_url = "https://media.example.org/drone-attacks/".into();

    // Stand-in pictures with the published captions embedded, attached the
    // way a user attaches them.
    let scratch = tempfile::tempdir()?;
    let mut photos = Vec::new();
    for (index, caption) in captions.iter().enumerate() {
        let credit = if caption.ends_with("(AFP photo)") { "AFP" } else { "AP" };
        let file = scratch.path().join(format!("stand-in-{}.jpg", index + 1));
        std::fs::write(&file, stand_in_picture(index, caption, credit)?)?;
        let imported = storage::import_photo_file(&dir, &file)?;
        let name = format!("stand-in-{}.jpg", index + 1);
        let (mut photo, warnings) = import::photo::photo_from_bytes(imported.id, imported.file, name, &imported.bytes);
        anyhow::ensure!(warnings.is_empty(), "reading the stand-in's metadata: {warnings:?}");
        photo.instructions =
            "Stand-in picture drawn for the Copydesk sample project; the published photo is not licensed to us.".into();
        photos.push(photo);
    }
    let attach = edit::attach_photos(&loaded.project, &slug, photos).context("attaching the stand-ins")?;
    attach.apply(&mut loaded.project)?;
    loaded.folder.save(&loaded.project)?;
    println!("wrote {}", dir.display());
    Ok(())
}

/// A 1600 × 1067 stand-in: bands of colour (a different palette for each
/// picture) with the published caption and credit embedded as IPTC and XMP.
fn stand_in_picture(index: usize, caption: &str, credit: &str) -> anyhow::Result<Vec<u8>> {
    let (a, b): ([f32; 3], [f32; 3]) =
        if index == 0 { ([70., 90., 140.], [200., 170., 120.]) } else { ([90., 110., 70.], [190., 180., 150.]) };
    let picture = image::RgbImage::from_fn(1600, 1067, |x, y| {
        let t = (x + y) as f32 / 2667.0;
        let band = if (x / 80 + y / 80) % 2 == 0 { 1.0 } else { 0.85 };
        let mut pixel = [0u8; 3];
        for ((out, from), to) in pixel.iter_mut().zip(a).zip(b) {
            *out = ((from * (1.0 - t) + to * t) * band) as u8;
        }
        image::Rgb(pixel)
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&picture)?;
    let fields = WritableMetadata {
        caption: caption.to_owned(),
        credit: credit.to_owned(),
        alt_text: "Stand-in picture: bands of colour, not the published photo".to_owned(),
        ..Default::default()
    };
    Ok(write_jpeg_metadata(&jpeg, &fields)?)
}

/// The seed's layout: section line, headline, the two photo captions (one
/// line each), then the body; blocks separated by blank lines. Returns the
/// story and the captions as published.
fn seed_story(text: &str) -> anyhow::Result<(Story, Vec<String>)> {
    let mut blocks = text.split("\n\n");
    let section = blocks.next().context("no section line")?;
    let headline = blocks.next().context("no headline")?;
    let captions = blocks.next().context("no captions")?;
    let body_start = section.len() + headline.len() + captions.len() + 6;
    let body = text.get(body_start..).context("no body")?;
    // The section is written `News   /   Iraq   /   Military` on the site.
    let section = section.split('/').map(str::trim).collect::<Vec<_>>().join(" / ");
    // The day the sample project was assembled, not the story's publication date.
    let filed = Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC));
    let mut story = Story::new(Slug::new("iraq-drone-attacks")?, filed);
    story.section = section;
    story.headline = headline.to_owned();
    story.body = body.to_owned();
    story.target_words = 700;
    story.status = StoryStatus::CopyEdit;
    story.tags = vec!["Iraq".into(), "United States".into(), "drones".into()];
    story.notes = "The photos are stand-ins carrying the captions as published (see the Photos tab).".to_owned();
    Ok((story, captions.lines().map(str::to_owned).collect()))
}
