//! The command line: `copydesk [PROJECT]` opens the window; the subcommands
//! work on a project without one. Errors are printed once, in `main`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::clock::now;
use crate::model::{StoryStatus, text_stats};
use crate::{import, storage};

/// Copydesk: draft, revise and review news stories on your own machine.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The project folder to open in the window (default: the last one
    /// opened, or the sample project).
    pub project: Option<PathBuf>,
    /// A subcommand; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Work on a project without opening the window.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Create an empty project in a folder.
    New {
        /// The folder (created if missing; must not hold a project).
        project: PathBuf,
        /// The project's name.
        #[arg(long)]
        name: String,
    },
    /// Import stories from .txt, .md or .docx files and print their slugs.
    Import {
        /// The project folder.
        project: PathBuf,
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Work with photos.
    Photo {
        /// What to do.
        #[command(subcommand)]
        command: PhotoCommand,
    },
    /// Run the review checks: findings and readiness for each story. Exits
    /// 0 when every checked story can be marked ready, 1 when a required
    /// item fails, 2 on bad input.
    Check {
        /// The project folder.
        project: PathBuf,
        /// Only this story (its slug).
        story: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export a story for publication: an HTML package, Markdown, plain
    /// text or IPTC ninjs. A story that is not Ready is refused (exit 1)
    /// unless --force, which is written to its activity log.
    Export {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// html, md, txt or ninjs.
        #[arg(long, value_parser = ["html", "md", "txt", "ninjs"])]
        format: String,
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Export even if the story is not marked Ready.
        #[arg(long)]
        force: bool,
    },
    /// Print the project's stories.
    Info {
        /// The project folder.
        project: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Photo subcommands.
#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Copy pictures into the project, read their agency captions and
    /// attach them to a story; prints what was read from each file.
    Add {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// JPEG, PNG, WebP or TIFF files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// What `info --json` prints.
#[derive(Debug, Serialize)]
pub struct InfoJson {
    /// The project's name.
    pub name: String,
    /// Its stories in the desk's order.
    pub stories: Vec<StoryInfo>,
}

/// One story in `info --json`.
#[derive(Debug, Serialize)]
pub struct StoryInfo {
    /// Slug.
    pub slug: String,
    /// Section path.
    pub section: String,
    /// Headline.
    pub headline: String,
    /// Byline.
    pub byline: String,
    /// Dateline.
    pub dateline: String,
    /// Status, in snake case (`copy_edit`).
    pub status: String,
    /// Words in the body.
    pub words: usize,
    /// The story's photos, in order.
    pub photos: Vec<PhotoInfo>,
}

/// One photo of a story in `info --json`.
#[derive(Debug, Serialize)]
pub struct PhotoInfo {
    /// The file inside `photos/`.
    pub file: String,
    /// The story's lead photo.
    pub lead: bool,
    /// Caption.
    pub caption: String,
    /// Credit line.
    pub credit: String,
    /// Photographer.
    pub creator: String,
    /// Supplier.
    pub source: String,
    /// Copyright notice.
    pub copyright: String,
    /// Alt text.
    pub alt_text: String,
    /// The agency's headline.
    pub headline: String,
    /// City.
    pub city: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// How a subcommand that ran ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// All is well: exit 0.
    Success,
    /// It ran, and found what blocks publication: exit 1.
    NotReady,
}

impl Outcome {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NotReady => 1,
        }
    }
}

/// What `check --json` prints.
#[derive(Debug, Serialize)]
pub struct CheckJson {
    /// Each checked story.
    pub stories: Vec<CheckedStory>,
}

/// One story in `check --json`.
#[derive(Debug, Serialize)]
pub struct CheckedStory {
    /// Slug.
    pub slug: String,
    /// Whether it can be marked ready without an override.
    pub ready: bool,
    /// What blocks "Ready", one line each.
    pub blocking: Vec<String>,
    /// Every finding, required first.
    pub findings: Vec<FindingJson>,
}

/// One finding in `check --json`.
#[derive(Debug, Serialize)]
pub struct FindingJson {
    /// The rule's id (`unbalanced-quotes`).
    pub rule: String,
    /// `required` or `recommended`.
    pub severity: String,
    /// The field (`body`, `headline`, `caption`…).
    pub field: String,
    /// The photo's id, for a finding on a photo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Start of the range in the field, in bytes (UTF-8).
    pub start: Option<usize>,
    /// End of the range, in bytes.
    pub end: Option<usize>,
    /// The message.
    pub message: String,
    /// The suggested replacement text, if there is one.
    pub suggestion: Option<String>,
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(command: CliCommand, out: &mut dyn std::io::Write) -> anyhow::Result<Outcome> {
    match command {
        CliCommand::Check { project, story, json } => return check(&project, story.as_deref(), json, out),
        CliCommand::Export { project, story, format, out: dir, force } => {
            return export(&project, &story, &format, &dir, force, out);
        }
        CliCommand::New { project, name } => {
            storage::create_project(&project, &name)?;
            writeln!(out, "Created project “{name}” in {}", project.display())?;
        }
        CliCommand::Import { project, files } => import_files(&project, &files, out)?,
        CliCommand::Photo { command: PhotoCommand::Add { project, story, files } } => {
            add_photos(&project, &story, &files, out)?;
        }
        CliCommand::Info { project, json } => info(&project, json, out)?,
    }
    Ok(Outcome::Success)
}

fn check(
    project: &std::path::Path,
    only: Option<&str>,
    json: bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    let loaded = open(project)?;
    let project = loaded.project;
    let stories: Vec<&crate::model::Story> = match only {
        Some(slug) => {
            let story = project.stories.iter().find(|story| story.slug.as_str() == slug).with_context(|| {
                let known: Vec<&str> = project.stories.iter().map(|story| story.slug.as_str()).collect();
                format!("there is no story “{slug}” in the project (its stories: {})", known.join(", "))
            })?;
            vec![story]
        }
        None => project.stories.iter().collect(),
    };
    let dialect = crate::proofing::Dialect::from_language_tag(&project.settings.language).unwrap_or_default();
    let mut proofreader = crate::proofing::Proofreader::new(dialect, &project.settings.dictionary);
    let mut checked = Vec::new();
    for story in stories {
        let mut marks = crate::proofing::MarkCounts::default();
        for text in [&story.headline, &story.dek, &story.body] {
            let counts = crate::proofing::MarkCounts::of(&proofreader.check_text(text));
            marks.spelling += counts.spelling;
            marks.grammar += counts.grammar;
            marks.style += counts.style;
        }
        let subject = crate::checks::Subject {
            settings: &project.settings,
            story,
            photos: &project.photos,
            now: now(),
            marks: Some(marks),
        };
        let report = crate::checks::report(&subject);
        checked.push(CheckedStory {
            slug: story.slug.to_string(),
            ready: report.readiness.ready(),
            blocking: report.readiness.blocking.clone(),
            findings: report.findings.iter().map(finding_json).collect(),
        });
    }
    let outcome = if checked.iter().all(|story| story.ready) { Outcome::Success } else { Outcome::NotReady };
    if json {
        serde_json::to_writer_pretty(&mut *out, &CheckJson { stories: checked })?;
        writeln!(out)?;
    } else {
        for story in &checked {
            let verdict =
                if story.ready { "ready".to_owned() } else { format!("not ready: {} to clear", story.blocking.len()) };
            writeln!(out, "{} — {verdict}", story.slug)?;
            for line in &story.blocking {
                writeln!(out, "  blocks: {line}")?;
            }
            for finding in &story.findings {
                let at = finding.start.map(|start| format!(" @{start}")).unwrap_or_default();
                writeln!(
                    out,
                    "  {:<11} {:<24} {}{at}: {}",
                    finding.severity, finding.rule, finding.field, finding.message
                )?;
            }
        }
    }
    Ok(outcome)
}

fn export(
    project_dir: &std::path::Path,
    slug: &str,
    format: &str,
    out_dir: &std::path::Path,
    force: bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    let format = crate::export::Format::from_key(format)
        .with_context(|| format!("unknown format “{format}”: use html, md, txt or ninjs"))?;
    let mut loaded = open(project_dir)?;
    let story =
        loaded.project.stories.iter().find(|story| story.slug.as_str() == slug).cloned().with_context(|| {
            let known: Vec<&str> = loaded.project.stories.iter().map(|story| story.slug.as_str()).collect();
            format!("there is no story “{slug}” in the project (its stories: {})", known.join(", "))
        })?;
    let ready = matches!(story.status, StoryStatus::Ready | StoryStatus::Published);
    if !ready && !force {
        writeln!(
            out,
            "{slug} is {}, not Ready: nothing exported. Mark it ready, or export anyway with --force (the forced export is written to its activity log).",
            story.status.label()
        )?;
        return Ok(Outcome::NotReady);
    }
    let report = crate::export::write(project_dir, &loaded.project, &story.slug, format, out_dir, &mut |_, _| {})?;
    for problem in &report.photo_problems {
        writeln!(out, "warning: {problem}; its caption is exported without the picture")?;
    }
    for file in &report.files {
        writeln!(out, "{}", out_dir.join(file).display())?;
    }
    if !ready {
        let by = std::env::var("USER").unwrap_or_default();
        let mut activity = story.activity.clone();
        activity.push(crate::model::Activity {
            at: now(),
            by: format!("{by} (command line)").trim().to_owned(),
            event: crate::model::Event::ForcedExport { format: format.key().to_owned(), status: story.status },
        });
        let edit =
            crate::edit::Edit::SetReview { story: story.slug.clone(), signoffs: story.signoffs.clone(), activity };
        edit.apply(&mut loaded.project)?;
        loaded.folder.save(&loaded.project)?;
        writeln!(out, "Forced: {slug} was {}; the export is in its activity log.", story.status.label())?;
    }
    Ok(Outcome::Success)
}

fn finding_json(finding: &crate::checks::Finding) -> FindingJson {
    let range = finding.place.range();
    FindingJson {
        rule: finding.rule.id().to_owned(),
        severity: finding.level.label().to_lowercase(),
        field: finding.place.field_name(),
        photo: match &finding.place {
            crate::checks::Place::Photo { photo, .. } => Some(photo.to_string()),
            _ => None,
        },
        start: range.as_ref().map(|range| range.start),
        end: range.map(|range| range.end),
        message: finding.message.clone(),
        suggestion: finding.suggestion.as_ref().map(|fix| fix.replacement.clone()),
    }
}

fn open(project: &std::path::Path) -> anyhow::Result<storage::LoadedProject> {
    let loaded = storage::load_project(project)?;
    if let Some(first) = loaded.problems.first() {
        let more = loaded.problems.len() - 1;
        let others: Vec<String> = loaded.problems.iter().skip(1).map(ToString::to_string).collect();
        anyhow::bail!("{first}{}", if more > 0 { format!("\n{}", others.join("\n")) } else { String::new() });
    }
    Ok(loaded)
}

fn import_files(project: &std::path::Path, files: &[PathBuf], out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut loaded = open(project)?;
    let now = now();
    let mut failures = Vec::new();
    let mut imported = Vec::new();
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let result = storage::read_import_file(file).map_err(anyhow::Error::from).and_then(|bytes| {
            import::import_copy(&name, &bytes).with_context(|| format!("could not import {}", file.display()))
        });
        match result {
            Ok(copy) => {
                let story = import::into_story(&loaded.project, copy, now);
                imported.push(story.slug.clone());
                loaded.project.stories.push(story);
            }
            Err(error) => failures.push(format!("{error:#}")),
        }
    }
    loaded.folder.save(&loaded.project)?;
    for slug in &imported {
        writeln!(out, "{slug}")?;
    }
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("\n"));
    }
    Ok(())
}

fn add_photos(
    project: &std::path::Path,
    story: &str,
    files: &[PathBuf],
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let mut loaded = open(project)?;
    let slug =
        crate::model::Slug::new(story).map_err(|error| anyhow::anyhow!("“{story}” is not a story slug: {error}"))?;
    if loaded.project.story(&slug).is_none() {
        anyhow::bail!("the project has no story “{slug}” (copydesk info {} lists them)", project.display());
    }
    let mut photos = Vec::new();
    let mut failures = Vec::new();
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match storage::import_photo_file(project, file) {
            Ok(imported) => {
                let (photo, warnings) =
                    import::photo::photo_from_bytes(imported.id, imported.file, name.clone(), &imported.bytes);
                writeln!(out, "{} -> photos/{} ({} × {})", file.display(), photo.file, photo.width, photo.height)?;
                for (label, value) in [
                    ("caption", &photo.caption),
                    ("credit", &photo.credit),
                    ("creator", &photo.creator),
                    ("source", &photo.source),
                    ("copyright", &photo.copyright),
                    ("alt text", &photo.alt_text),
                    ("headline", &photo.headline),
                    ("city", &photo.city),
                ] {
                    if !value.is_empty() {
                        writeln!(out, "  {label}: {value}")?;
                    }
                }
                if !photo.keywords.is_empty() {
                    writeln!(out, "  keywords: {}", photo.keywords.join(", "))?;
                }
                for warning in warnings {
                    writeln!(out, "  warning: {warning}")?;
                }
                photos.push(photo);
            }
            Err(error) => failures.push(error.to_string()),
        }
    }
    if let Some(edit) = crate::edit::attach_photos(&loaded.project, &slug, photos) {
        edit.stamped(now()).apply(&mut loaded.project)?;
        loaded.folder.save(&loaded.project)?;
    }
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("\n"));
    }
    Ok(())
}

fn info(project: &std::path::Path, json: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let loaded = open(project)?;
    let project = loaded.project;
    let stories: Vec<StoryInfo> = project
        .stories
        .iter()
        .map(|story| StoryInfo {
            slug: story.slug.to_string(),
            section: story.section.clone(),
            headline: story.headline.clone(),
            byline: story.byline.clone(),
            dateline: story.dateline.clone(),
            status: status_key(story.status).to_owned(),
            words: text_stats(&story.body).words,
            photos: story
                .photos
                .iter()
                .filter_map(|used| project.photo(&used.photo).map(|photo| (used, photo)))
                .map(|(used, photo)| PhotoInfo {
                    file: photo.file.clone(),
                    lead: used.lead,
                    caption: photo.caption.clone(),
                    credit: photo.credit.clone(),
                    creator: photo.creator.clone(),
                    source: photo.source.clone(),
                    copyright: photo.copyright.clone(),
                    alt_text: photo.alt_text.clone(),
                    headline: photo.headline.clone(),
                    city: photo.city.clone(),
                    keywords: photo.keywords.clone(),
                    width: photo.width,
                    height: photo.height,
                })
                .collect(),
        })
        .collect();
    if json {
        let info = InfoJson { name: project.name, stories };
        serde_json::to_writer_pretty(&mut *out, &info)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} — {} stories", project.name, stories.len())?;
        for story in stories {
            writeln!(out, "{:<32} {:<10} {:>6} words  {}", story.slug, story.status, story.words, story.headline)?;
        }
    }
    Ok(())
}

/// The status as a stable machine name.
pub fn status_key(status: StoryStatus) -> &'static str {
    match status {
        StoryStatus::Draft => "draft",
        StoryStatus::Editing => "editing",
        StoryStatus::CopyEdit => "copy_edit",
        StoryStatus::Ready => "ready",
        StoryStatus::Published => "published",
        StoryStatus::Spiked => "spiked",
    }
}
