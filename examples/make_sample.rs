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

use std::path::PathBuf;

use anyhow::Context as _;
use copydesk::model::{Slug, Story, StoryStatus, Timestamp};
use copydesk::storage;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let seed = PathBuf::from(args.next().context("usage: make_sample SEED.txt PROJECT_DIR")?);
    let dir = PathBuf::from(args.next().context("usage: make_sample SEED.txt PROJECT_DIR")?);
    let text = std::fs::read_to_string(&seed).with_context(|| format!("reading {}", seed.display()))?;
    let story = seed_story(&text)?;
    let mut loaded = storage::create_project(&dir, "Drone attacks")?;
    loaded.project.stories.push(story);
    loaded.folder.save(&loaded.project)?;
    println!("wrote {}", dir.display());
    Ok(())
}

/// The seed's layout: section line, headline, the two photo captions (one
/// line each), then the body; blocks separated by blank lines.
fn seed_story(text: &str) -> anyhow::Result<Story> {
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
    story.notes = format!(
        "Photo captions as published, one a paragraph (they move to the photos when the photo manager arrives):\n\n{}",
        captions.lines().collect::<Vec<_>>().join("\n\n")
    );
    Ok(story)
}
