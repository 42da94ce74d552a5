//! The desk the desk-scale benchmarks run on: 200 stories of about 700
//! words and 2,000 photo records, written through storage as Copydesk
//! saves it. The stories are the seed's paragraphs, each story its own
//! numbered dispatches (see `long_body.rs`), so no two paragraphs are the
//! same; each story uses ten photo records copied from the sample's.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use copydesk::model::{Photo, PhotoId, PhotoUse, Slug, text_stats};
use copydesk::storage;

#[path = "long_body.rs"]
mod long_body;

/// Stories in the desk.
pub const STORIES: usize = 200;
/// Words in each.
pub const WORDS: usize = 700;
/// Photo records each story uses.
pub const PHOTOS_PER_STORY: usize = 10;

/// Writes the desk through `storage` and returns one story's slug.
pub fn write_desk(dir: &Path) -> anyhow::Result<String> {
    let sample = storage::load_project(&copydesk::sample_project_dir()).context("opening the sample")?.project;
    let seed = sample.stories.first().context("the sample has a story")?.clone();
    let mut loaded = storage::create_project(dir, "Benchmark desk").context("creating the project")?;
    let project = &mut loaded.project;
    // One long text, cut into stories: every paragraph is numbered, so
    // none repeats.
    let text = long_body::long_body(&seed.body, STORIES * WORDS + WORDS);
    let mut paragraphs = text.split("\n\n");
    for index in 0..STORIES {
        let mut story = seed.clone();
        story.slug = Slug::new(&format!("desk-story-{index:03}"))?;
        story.headline = format!("Desk story {index}: {}", seed.headline);
        let mut body = String::new();
        for paragraph in paragraphs.by_ref() {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(paragraph);
            if text_stats(&body).words >= WORDS {
                break;
            }
        }
        story.body = body;
        story.target_words = WORDS as u32;
        story.photos.clear();
        for number in 0..PHOTOS_PER_STORY {
            let template = sample.photos.get(number % sample.photos.len()).context("the sample has photos")?;
            let id = PhotoId::from_hex(&format!("{:016x}", 0xdec0_0000_0000_0000_u64 + project.photos.len() as u64))
                .context("a photo id")?;
            let photo = Photo { file: format!("{id}.jpg"), id, ..template.clone() };
            story.photos.push(PhotoUse { lead: number == 0, ..PhotoUse::of(photo.id.clone()) });
            project.photos.push(photo);
        }
        project.stories.push(story);
    }
    project.photos.sort_by(|a, b| a.id.cmp(&b.id));
    loaded.folder.save(&loaded.project).context("saving the desk")?;
    Ok("desk-story-100".to_owned())
}

/// The release binary beside the running benchmark.
pub fn binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().context("finding this benchmark")?;
    let dir = exe.parent().and_then(Path::parent).context("finding the target folder")?;
    let binary = dir.join("copydesk");
    anyhow::ensure!(binary.is_file(), "build the app first: cargo build --release --bin copydesk");
    Ok(binary)
}
