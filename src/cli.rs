//! The command line: `copydesk [PROJECT]` opens the window; the subcommands
//! work on a project without one. Errors are printed once, in `main`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::clock::now;
use crate::model::tracked::as_it_stands;
use crate::model::{StoryStatus, text_stats};
use crate::storage;

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
    /// Work with story templates (kept in project.ron, synced with it).
    Template {
        /// What to do.
        #[command(subcommand)]
        command: TemplateCommand,
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
        /// Skip spelling, grammar and style: no marks listed or counted.
        #[arg(long)]
        no_proofing: bool,
    },
    /// Export a story for publication: an HTML package, Markdown, plain
    /// text, IPTC ninjs or Word with tracked changes. A story that is not Ready is refused (exit 1)
    /// unless --force, which is written to its activity log.
    Export {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// html, md, txt, ninjs or docx.
        #[arg(long, value_parser = ["html", "md", "txt", "ninjs", "docx"])]
        format: String,
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Export even if the story is not marked Ready.
        #[arg(long)]
        force: bool,
    },
    /// Move a story to another status: draft, editing, copy-edit, ready,
    /// published or spiked. Ready goes through the review gate (exit 1,
    /// listing what blocks, unless --override gives a reason, which is
    /// logged); Published only from Ready and not before the story's
    /// embargo (exit 1); a published story moves only by `reopen`. Exit 2
    /// on an unknown status or story.
    Status {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// draft, editing, copy-edit, ready, published or spiked.
        status: String,
        /// Mark ready although required items fail, for this reason.
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
    /// Set one field of a story: section, headline, dek, byline, dateline,
    /// tags (comma-separated), target-words, publish-at (RFC 3339), notes,
    /// assignee, editor, deadline (a time), priority (low, normal, high,
    /// urgent) or embargo (a time; empty lifts it). An empty value clears a
    /// field that may be empty. Exit 1 when another editor has the story
    /// open or it is published (reopen it first), 2 on a bad value.
    Set {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// The field.
        field: String,
        /// The new value.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Reopen a published story: as an update (a new version, with an
    /// optional note), a correction (a new version with a public
    /// correction note, in the project's wording) or a kill (withdrawn for
    /// good; a reason is required). Logged with who and when. Exit 1 when
    /// the story is not published or another editor has it open.
    #[command(group(clap::ArgGroup::new("how").required(true).args(["update", "correction", "kill"])))]
    Reopen {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// As an update (a new version).
        #[arg(long)]
        update: bool,
        /// The update's note for the desk (with --update).
        #[arg(long, value_name = "TEXT", requires = "update")]
        note: Option<String>,
        /// As a correction, with this public note ("misstated the number
        /// of drones.").
        #[arg(long, value_name = "NOTE")]
        correction: Option<String>,
        /// Kill it, for this reason.
        #[arg(long, value_name = "REASON")]
        kill: Option<String>,
    },
    /// List a story's tracked changes (pending suggestions) and comments,
    /// one line each, or accept or reject the pending suggestions — all,
    /// or only one author's with --author. Exit 1 when another editor has
    /// the story open, 2 on an unknown story or --accept-all with
    /// --reject-all.
    Changes {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Accept the pending suggestions.
        #[arg(long, conflicts_with = "reject_all")]
        accept_all: bool,
        /// Reject the pending suggestions.
        #[arg(long)]
        reject_all: bool,
        /// Only this author's suggestions (and, when listing, comments).
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
    },
    /// Share the project through a git repository: makes the folder a
    /// repository if it is not one, commits everything, sets `origin` to URL
    /// and pushes `main`. Exit 2 on errors (unreachable, refused login).
    Share {
        /// The project folder.
        project: PathBuf,
        /// The shared repository (a bare repository's path or file://,
        /// ssh:// or https:// URL).
        url: String,
    },
    /// Clone a shared project into a new folder and prepare it (the story
    /// merge driver; nothing the repository brings runs).
    Clone {
        /// The shared repository.
        url: String,
        /// The new folder.
        dir: PathBuf,
    },
    /// Commit saved work, fetch, merge story by story and push. Exit 0 in
    /// sync, 1 when conflicts remain (each named), 2 on errors (no remote,
    /// unreachable, login refused, not a repository) — an unreachable
    /// remote loses nothing: commits wait for the next sync.
    Sync {
        /// The project folder.
        project: PathBuf,
        /// The commit message (default: one naming the stories changed).
        #[arg(long)]
        message: Option<String>,
    },
    /// What git runs to merge a project file (registered by share and
    /// clone as `merge.copydesk.driver`); not for people.
    #[command(hide = true)]
    MergeDriver {
        /// The common ancestor's version (%O).
        base: PathBuf,
        /// Ours (%A): the result is written here.
        ours: PathBuf,
        /// Theirs (%B).
        theirs: PathBuf,
        /// The file's path in the project (%P).
        path: String,
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

/// Template subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the project's templates.
    List {
        /// The project folder.
        project: PathBuf,
    },
    /// Save a story as a template: its section, tags, target length,
    /// checklist items of its own and text as a skeleton. A template of
    /// that name is replaced.
    Save {
        /// The project folder.
        project: PathBuf,
        /// The story's slug.
        story: String,
        /// The template's name ("Obituary").
        name: String,
    },
    /// Add a new draft story from a template; prints its slug.
    New {
        /// The project folder.
        project: PathBuf,
        /// The template's name.
        name: String,
        /// The new story's slug (made free if taken); default: from the
        /// template's name.
        #[arg(long)]
        slug: Option<String>,
    },
    /// Take a template out of the project.
    Remove {
        /// The project folder.
        project: PathBuf,
        /// The template's name.
        name: String,
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
    /// Headline, as it stands (without pending suggestions).
    pub headline: String,
    /// Byline.
    pub byline: String,
    /// Dateline.
    pub dateline: String,
    /// Status, in snake case (`copy_edit`).
    pub status: String,
    /// Words in the body as it stands (pending insertions not counted,
    /// text suggested for deletion counted).
    pub words: usize,
    /// The reporter it is assigned to (empty: nobody).
    pub assignee: String,
    /// The editor responsible for it (empty: nobody).
    pub editor: String,
    /// When the copy is due (RFC 3339), if set.
    pub deadline: Option<String>,
    /// Whether the deadline has passed while it is still being worked on.
    pub overdue: bool,
    /// low, normal, high or urgent.
    pub priority: String,
    /// Not to be published before this time (RFC 3339), if set.
    pub embargo: Option<String>,
    /// The version: 1 until it is reopened as an update or a correction.
    pub version: u32,
    /// The correction notes as published, oldest first.
    pub corrections: Vec<String>,
    /// Why it was killed, when it was.
    pub killed_because: Option<String>,
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
    /// It was refused as things stand (another editor holds the story, the
    /// workflow does not allow it): exit 1.
    Refused,
}

impl Outcome {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NotReady | Outcome::Refused => 1,
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
    /// The suggested replacement text, if there is one (the first of
    /// `suggestions`).
    pub suggestion: Option<String>,
    /// Every replacement on offer, best first (a spelling mark's words; a
    /// name spelled two ways gives both spellings).
    pub suggestions: Vec<String>,
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(command: CliCommand, out: &mut dyn std::io::Write) -> anyhow::Result<Outcome> {
    match command {
        CliCommand::Check { project, story, json, no_proofing } => {
            return check(&project, story.as_deref(), json, !no_proofing, out);
        }
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
        CliCommand::Template { command } => return template(command, out),
        CliCommand::Info { project, json } => info(&project, json, out)?,
        CliCommand::Status { project, story, status, override_reason } => {
            return set_status(&project, &story, &status, override_reason.as_deref(), out);
        }
        CliCommand::Set { project, story, field, value } => return set(&project, &story, &field, &value, out),
        CliCommand::Reopen { project, story, update, note, correction, kill } => {
            let how = match (update, correction, kill) {
                (_, Some(note), _) => crate::model::Reopening::Correction { note },
                (_, _, Some(reason)) => crate::model::Reopening::Kill { reason },
                _ => crate::model::Reopening::Update { note: note.unwrap_or_default() },
            };
            return reopen(&project, &story, &how, out);
        }
        CliCommand::Changes { project, story, json, accept_all, reject_all, author } => {
            let resolve = match (accept_all, reject_all) {
                (true, true) => anyhow::bail!("--accept-all and --reject-all cannot be used together: choose one"),
                (true, false) => Some(true),
                (false, true) => Some(false),
                (false, false) => None,
            };
            return changes(&project, &story, json, resolve, author.as_deref(), out);
        }
        CliCommand::Share { project, url } => share(&project, &url, out)?,
        CliCommand::Clone { url, dir } => {
            crate::sync::clone(&url, &dir, driver_path().as_deref())?;
            writeln!(out, "Cloned {url} into {}; open it with: copydesk {}", dir.display(), dir.display())?;
        }
        CliCommand::Sync { project, message } => return sync(&project, message, out),
        CliCommand::MergeDriver { base, ours, theirs, path } => {
            // Git runs its merge drivers at the top of the working tree.
            let project = std::env::current_dir().context("the merge driver needs the project folder")?;
            let clean = crate::sync::merge_driver(&project, &base, &ours, &theirs, &path)?;
            if !clean {
                eprintln!(
                    "copydesk: {path}: both sides changed the same part; your version is in the file, theirs is kept \
                     in {}; open the project in Copydesk to choose",
                    crate::storage::conflicts::CONFLICTS_DIR
                );
                return Ok(Outcome::Refused);
            }
        }
    }
    Ok(Outcome::Success)
}

fn check(
    project_dir: &std::path::Path,
    only: Option<&str>,
    json: bool,
    proofread: bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    if proofread && !crate::ops::has_stored_marks(project_dir) {
        // Nothing stored: every paragraph is proofread, so the dictionary
        // is built while the project loads.
        crate::proofing::warm_up();
    }
    let loaded = open(project_dir)?;
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
    let stored = proofread.then(|| crate::ops::stored_marks(project_dir));
    // Texts checked by an earlier run are not checked again.
    let keeping = crate::checks::use_kept_hits(crate::ops::stored_hits(project_dir));
    let now = now();
    // Stories in parallel, one proofreader per thread; unchanged
    // paragraphs come from the marks stored by earlier runs.
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, stories.len().max(1));
    let (mut numbered, found) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                let (project, stories, stored) = (&project, &stories, stored.clone());
                scope.spawn(move || {
                    let mut proofreader = stored.map(|stored| {
                        let mut proofreader = crate::ops::proofreader_for(project);
                        proofreader.use_stored(stored);
                        proofreader
                    });
                    let checked: Vec<(usize, CheckedStory)> = stories
                        .iter()
                        .enumerate()
                        .skip(first)
                        .step_by(threads)
                        .map(|(index, story)| (index, checked_story(project, story, proofreader.as_mut(), now, json)))
                        .collect();
                    let found = proofreader
                        .map(|mut proofreader| (proofreader.settings_key().to_owned(), proofreader.take_fresh()));
                    (checked, found)
                })
            })
            .collect();
        let mut numbered = Vec::new();
        let mut found = Vec::new();
        for worker in workers {
            let (checked, fresh) = worker.join().map_err(|_| anyhow::anyhow!("a check stopped unexpectedly"))?;
            numbered.extend(checked);
            found.extend(fresh);
        }
        anyhow::Ok((numbered, found))
    })?;
    numbered.sort_by_key(|(index, _)| *index);
    let checked: Vec<CheckedStory> = numbered.into_iter().map(|(_, story)| story).collect();
    if let Some(kept) = keeping.finish()
        && let Err(error) = crate::ops::keep_stored_hits(project_dir, &kept)
    {
        eprintln!("copydesk: the checks' findings were not kept for next time: {error}");
    }
    if let (Some(stored), Some((settings, _))) = (&stored, found.first()) {
        let settings = settings.clone();
        let fresh = found.into_iter().map(|(_, fresh)| fresh).collect();
        if let Err(error) = crate::ops::keep_stored_marks(project_dir, stored, &settings, fresh) {
            eprintln!("copydesk: the proofing marks were not kept for next time: {error}");
        }
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
        .with_context(|| format!("unknown format “{format}”: use html, md, txt, ninjs or docx"))?;
    let loaded = open(project_dir)?;
    let story =
        loaded.project.stories.iter().find(|story| story.slug.as_str() == slug).cloned().with_context(|| {
            let known: Vec<&str> = loaded.project.stories.iter().map(|story| story.slug.as_str()).collect();
            format!("there is no story “{slug}” in the project (its stories: {})", known.join(", "))
        })?;
    let ready = story.status.exportable();
    if !ready && !force {
        writeln!(
            out,
            "{slug} is {}, not Ready: nothing exported. Mark it ready, or export anyway with --force (the forced export is written to its activity log).",
            story.status.label()
        )?;
        return Ok(Outcome::NotReady);
    }
    let report =
        crate::export::write(project_dir, &loaded.project, &story.slug, format, out_dir, now(), &mut |_, _| {})?;
    for problem in &report.photo_problems {
        writeln!(out, "warning: {problem}; its caption is exported without the picture")?;
    }
    for file in &report.files {
        writeln!(out, "{}", out_dir.join(file).display())?;
    }
    if !ready {
        let mut workspace = crate::workspace::Workspace::new(loaded, None, crate::photos::codes::CodeTable::default());
        let edit = crate::ops::forced_export(&story, format, &cli_author(), now());
        workspace.apply_step(edit, "forced export", 0.0)?;
        workspace.save()?;
        writeln!(out, "Forced: {slug} was {}; the export is in its activity log.", story.status.label())?;
    }
    Ok(Outcome::Success)
}

/// One story's checks for `copydesk check`: its report, and its proofing
/// marks listed and counted when `proofreader` is given, with their fixes
/// when `with_fixes` (the JSON output shows them; a spelling mark's
/// corrections are searched for only then).
fn checked_story(
    project: &crate::model::Project,
    story: &crate::model::Story,
    proofreader: Option<&mut crate::proofing::Proofreader>,
    now: crate::model::Timestamp,
    with_fixes: bool,
) -> CheckedStory {
    let proofread = proofreader.is_some();
    let mut subject =
        crate::checks::Subject { settings: &project.settings, story, photos: &project.photos, now, marks: None };
    let names = crate::checks::story_names(&subject);
    let marks = match proofreader {
        Some(proofreader) => crate::ops::proofing_marks_with(proofreader, project, story, &names),
        None => Vec::new(),
    };
    subject.marks = proofread.then(|| crate::ops::count_marks(&marks));
    let report = crate::checks::report_with_names(&subject, names);
    let severity = crate::checks::level_of(&project.settings, crate::checks::Rule::ProofingMarks);
    let mut findings: Vec<FindingJson> = report.findings.iter().map(finding_json).collect();
    if severity != crate::model::CheckLevel::Off {
        findings.extend(marks.iter().map(|(place, mark)| mark_json(place, mark, severity, with_fixes)));
    }
    CheckedStory {
        slug: story.slug.to_string(),
        ready: report.readiness.ready(),
        blocking: report.readiness.blocking.clone(),
        findings,
    }
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
        suggestions: finding
            .suggestion
            .iter()
            .map(|fix| fix.replacement.clone())
            .chain(finding.respellings.iter().map(|respelling| respelling.to.clone()))
            .collect(),
    }
}

/// A spelling, grammar or style mark as a finding of `check --json`: its
/// rule is `spelling`, `grammar` or `style`, at the level of the
/// proofing-marks rule; its fixes only `with_fixes`.
fn mark_json(
    place: &crate::checks::Place,
    mark: &crate::proofing::Mark,
    level: crate::model::CheckLevel,
    with_fixes: bool,
) -> FindingJson {
    let range = place.range();
    let fixes = if with_fixes { mark.fixes() } else { std::sync::Arc::from([]) };
    FindingJson {
        rule: mark.kind.label().to_lowercase(),
        severity: level.label().to_lowercase(),
        field: place.field_name(),
        photo: match place {
            crate::checks::Place::Photo { photo, .. } => Some(photo.to_string()),
            _ => None,
        },
        start: range.as_ref().map(|range| range.start),
        end: range.map(|range| range.end),
        message: mark.message.to_string(),
        suggestion: fixes.first().map(|fix| fix.replacement.clone()),
        suggestions: fixes.iter().map(|fix| fix.replacement.clone()).collect(),
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
    let mut workspace = open_workspace(project)?;
    let imported = crate::ops::import_copy(workspace.project(), files, now());
    if let Some(edit) = imported.edit {
        workspace.apply_step(edit, "import", 0.0)?;
        workspace.save()?;
    }
    for slug in &imported.slugs {
        writeln!(out, "{slug}")?;
    }
    if !imported.failures.is_empty() {
        anyhow::bail!("{}", imported.failures.join("\n"));
    }
    Ok(())
}

fn add_photos(
    project: &std::path::Path,
    story: &str,
    files: &[PathBuf],
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let mut workspace = open_workspace(project)?;
    let slug = crate::ops::find_story(workspace.project(), story)
        .map_err(|refused| anyhow::anyhow!("{refused} (copydesk info {} lists them)", project.display()))?
        .slug
        .clone();
    hold_if_locked(&mut workspace, &slug, now());
    let mut photos = Vec::new();
    let mut failures = Vec::new();
    for file in files {
        match crate::ops::read_picture(project, file) {
            Ok(read) => {
                let photo = read.photo;
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
                for warning in read.warnings {
                    writeln!(out, "  warning: {warning}")?;
                }
                photos.push(photo);
            }
            Err(message) => failures.push(message),
        }
    }
    if let Some(edit) = crate::ops::attach_photos(workspace.project(), slug.as_str(), photos, now())? {
        workspace.apply_step(edit, "attaching photos", 0.0)?;
        workspace.save()?;
    }
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("\n"));
    }
    Ok(())
}

/// Who the command line records as having made a change.
fn cli_author() -> String {
    let user = std::env::var("USER").unwrap_or_default();
    format!("{user} (command line)").trim().to_owned()
}

/// Loads the project at `project` into a workspace, as the window does.
fn open_workspace(project: &std::path::Path) -> anyhow::Result<crate::workspace::Workspace> {
    Ok(crate::workspace::Workspace::new(open(project)?, None, crate::photos::codes::CodeTable::default()))
}

/// Tells the workspace when another editor has `slug` open, so the edit is
/// refused with their name.
fn hold_if_locked(
    workspace: &mut crate::workspace::Workspace,
    slug: &crate::model::Slug,
    now: crate::model::Timestamp,
) {
    let me = storage::lock::Holder::me(&cli_author(), "command-line", now);
    if let Some(holder) = storage::lock::held_by_other(workspace.root(), slug, &me, now) {
        workspace.set_held([(slug.clone(), holder.describe())]);
    }
}

/// Applies an operation's edit to `slug` and saves; a story another editor
/// holds is refused (exit 1, naming them).
fn apply_and_save(
    workspace: &mut crate::workspace::Workspace,
    edit: crate::edit::Edit,
    label: &str,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    match workspace.apply_step(edit, label, 0.0) {
        Ok(()) => {
            workspace.save()?;
            Ok(Outcome::Success)
        }
        Err(refusal @ (crate::workspace::Refusal::Held { .. } | crate::workspace::Refusal::Published { .. })) => {
            writeln!(out, "Not changed: {refusal}")?;
            Ok(Outcome::Refused)
        }
        Err(refusal) => Err(refusal.into()),
    }
}

/// An operation's refusal: bad input is an error (exit 2), the rest is
/// said and exits 1.
fn refused(refused: crate::ops::Refused, out: &mut dyn std::io::Write) -> anyhow::Result<Outcome> {
    if refused.is_bad_input() {
        return Err(refused.into());
    }
    writeln!(out, "Not changed: {refused}")?;
    Ok(Outcome::Refused)
}

fn set_status(
    project: &std::path::Path,
    story: &str,
    status: &str,
    override_reason: Option<&str>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    let to = StoryStatus::from_key(status).with_context(|| {
        let known: Vec<&str> = StoryStatus::ALL.iter().map(|status| status.key()).collect();
        format!("unknown status “{status}”: use one of {}", known.join(", "))
    })?;
    let mut workspace = open_workspace(project)?;
    let slug = match crate::ops::find_story(workspace.project(), story) {
        Ok(found) => found.slug.clone(),
        Err(refusal) => return refused(refusal, out),
    };
    let now = now();
    hold_if_locked(&mut workspace, &slug, now);
    // The gate counts open proofing marks as the window does.
    let marks = match workspace.project().story(&slug) {
        Some(story) if to == StoryStatus::Ready => {
            let marks = crate::ops::proofing_marks(
                &mut crate::ops::proofreader_for(workspace.project()),
                workspace.project(),
                story,
            );
            Some(crate::ops::count_marks(&marks))
        }
        _ => None,
    };
    let edit =
        match crate::ops::change_status(workspace.project(), story, to, &cli_author(), now, marks, override_reason) {
            Ok(edit) => edit,
            Err(crate::ops::Refused::Blocked(blocking)) => {
                writeln!(out, "{slug} cannot be marked ready; what blocks it:")?;
                for line in &blocking {
                    writeln!(out, "  blocks: {line}")?;
                }
                writeln!(out, "Fix these, or mark it ready anyway with --override REASON (the reason is logged).")?;
                return Ok(Outcome::Refused);
            }
            Err(refusal) => return refused(refusal, out),
        };
    let outcome = apply_and_save(&mut workspace, edit, &format!("status change to {}", to.label()), out)?;
    if outcome == Outcome::Success {
        let how = if override_reason.is_some() && to == StoryStatus::Ready { " (override logged)" } else { "" };
        writeln!(out, "{slug}: {}{how}", to.label())?;
    }
    Ok(outcome)
}

fn reopen(
    project: &std::path::Path,
    story: &str,
    how: &crate::model::Reopening,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    let mut workspace = open_workspace(project)?;
    let now = now();
    let slug = match crate::ops::find_story(workspace.project(), story) {
        Ok(found) => found.slug.clone(),
        Err(refusal) => return refused(refusal, out),
    };
    hold_if_locked(&mut workspace, &slug, now);
    let edit = match crate::ops::reopen(workspace.project(), story, how, &cli_author(), now) {
        Ok(edit) => edit,
        Err(refusal) => return refused(refusal, out),
    };
    let outcome = apply_and_save(&mut workspace, edit, &format!("reopening as {}", how.label()), out)?;
    if outcome == Outcome::Success
        && let Some(story) = workspace.project().story(&slug)
    {
        writeln!(out, "{slug}: {} (version {})", story.status.label(), story.publication.version)?;
    }
    Ok(outcome)
}

fn template(command: TemplateCommand, out: &mut dyn std::io::Write) -> anyhow::Result<Outcome> {
    let (project, edit, done) = match command {
        TemplateCommand::List { project } => {
            let loaded = open(&project)?;
            if loaded.project.settings.templates.is_empty() {
                writeln!(out, "No templates yet: `copydesk template save PROJECT STORY NAME` makes one.")?;
            }
            for template in &loaded.project.settings.templates {
                let section = if template.section.is_empty() { "no section" } else { template.section.as_str() };
                writeln!(out, "{:<24} {section}, {} words", template.name, template.target_words)?;
            }
            return Ok(Outcome::Success);
        }
        TemplateCommand::Save { project, story, name } => {
            let workspace = open_workspace(&project)?;
            let edit = crate::ops::save_as_template(workspace.project(), &story, &name);
            (workspace, edit, format!("template “{}” saved from {story}", name.trim()))
        }
        TemplateCommand::New { project, name, slug } => {
            let workspace = open_workspace(&project)?;
            match crate::ops::story_from_template(workspace.project(), &name, slug.as_deref(), now()) {
                Ok((edit, slug)) => (workspace, Ok(edit), slug.to_string()),
                Err(refusal) => (workspace, Err(refusal), String::new()),
            }
        }
        TemplateCommand::Remove { project, name } => {
            let workspace = open_workspace(&project)?;
            let edit = crate::ops::remove_template(workspace.project(), &name);
            (workspace, edit, format!("template “{}” removed", name.trim()))
        }
    };
    let mut workspace = project;
    let edit = match edit {
        Ok(edit) => edit,
        Err(refusal) => return refused(refusal, out),
    };
    let outcome = apply_and_save(&mut workspace, edit, "template", out)?;
    if outcome == Outcome::Success {
        writeln!(out, "{done}")?;
    }
    Ok(outcome)
}

fn set(
    project: &std::path::Path,
    story: &str,
    field: &str,
    value: &str,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    let field_kind = crate::ops::Field::from_key(field)
        .with_context(|| format!("unknown field “{field}”: use one of {}", crate::ops::Field::KEYS.join(", ")))?;
    let mut workspace = open_workspace(project)?;
    let now = now();
    let edit = match crate::ops::set_field(workspace.project(), story, field_kind, value, now) {
        Ok(edit) => edit,
        Err(refusal) => return refused(refusal, out),
    };
    let slug = crate::ops::find_story(workspace.project(), story)?.slug.clone();
    hold_if_locked(&mut workspace, &slug, now);
    let outcome = apply_and_save(&mut workspace, edit, &format!("setting {field}"), out)?;
    if outcome == Outcome::Success {
        writeln!(out, "{slug}: {field} set")?;
    }
    Ok(outcome)
}

/// What `changes --json` prints.
#[derive(Debug, Serialize)]
pub struct ChangesJson {
    /// The pending suggestions, headline, dek then body, in text order.
    pub changes: Vec<ChangeJson>,
    /// The comment threads, in the order of the text they are on.
    pub comments: Vec<CommentJson>,
}

/// One pending suggestion in `changes --json`.
#[derive(Debug, Serialize)]
pub struct ChangeJson {
    /// Its id (`s3`).
    pub id: String,
    /// `insert` or `delete`.
    pub kind: String,
    /// Who suggested it (empty when the story has no record of it).
    pub author: String,
    /// When, in RFC 3339 (null when the story has no record of it).
    pub at: Option<String>,
    /// `headline`, `dek`, `body` or `caption`.
    pub field: String,
    /// The photo whose caption it is in (only for `caption`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// The text inserted, or suggested for deletion.
    pub text: String,
}

/// One comment thread in `changes --json`.
#[derive(Debug, Serialize)]
pub struct CommentJson {
    /// Its id (`c1`).
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When, in RFC 3339.
    pub at: String,
    /// What it says.
    pub text: String,
    /// The text it is on, as the editor shows it (empty when it is on no
    /// text: put at a point, as Word does, or on text since deleted).
    pub anchor: String,
    /// For a comment on no text, the words just before it (absent when it
    /// is on text, empty at the start of its field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Whether it is resolved.
    pub resolved: bool,
    /// Replies, oldest first.
    pub replies: Vec<ReplyJson>,
}

/// One reply in `changes --json`.
#[derive(Debug, Serialize)]
pub struct ReplyJson {
    /// Who.
    pub author: String,
    /// When, in RFC 3339.
    pub at: String,
    /// What.
    pub text: String,
}

fn rfc3339(at: crate::model::Timestamp) -> String {
    at.0.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn field_key(field: crate::model::TextField) -> String {
    field.label().to_lowercase()
}

fn change_field_key(field: &crate::ops::ChangeField) -> String {
    match field {
        crate::ops::ChangeField::Text(field) => field_key(*field),
        crate::ops::ChangeField::Caption(_) => "caption".to_owned(),
    }
}

fn kind_key(kind: crate::model::MarkKind) -> &'static str {
    match kind {
        crate::model::MarkKind::Insert => "insert",
        crate::model::MarkKind::Delete => "delete",
        crate::model::MarkKind::Comment => "comment",
    }
}

/// Text on one line, for the listing.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lists story `slug`'s tracked changes and comments, or (`resolve`:
/// accept or not) resolves its pending suggestions, `author`'s only when
/// given.
fn changes(
    project: &std::path::Path,
    story: &str,
    json: bool,
    resolve: Option<bool>,
    author: Option<&str>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    let mut workspace = open_workspace(project)?;
    let Some(accept) = resolve else {
        let list = match crate::ops::list_tracked(workspace.project(), story, author) {
            Ok(list) => list,
            Err(refusal) => return refused(refusal, out),
        };
        print_tracked(&list, json, out)?;
        return Ok(Outcome::Success);
    };
    let slug = match crate::ops::find_story(workspace.project(), story) {
        Ok(found) => found.slug.clone(),
        Err(refusal) => return refused(refusal, out),
    };
    let now = now();
    let verb = if accept { "accept" } else { "reject" };
    let resolved = match crate::ops::resolve_all(workspace.project(), story, accept, author, now) {
        Ok(resolved) => resolved,
        Err(refusal) => return refused(refusal, out),
    };
    let by = author.map(|name| format!(" by {}", name.trim())).unwrap_or_default();
    let Some((edit, count)) = resolved else {
        writeln!(out, "{slug}: no pending suggestions{by} to {verb}")?;
        return Ok(Outcome::Success);
    };
    hold_if_locked(&mut workspace, &slug, now);
    let outcome = apply_and_save(&mut workspace, edit, &format!("{verb}ing suggestions"), out)?;
    if outcome == Outcome::Success {
        let plural = if count == 1 { "" } else { "s" };
        writeln!(out, "{slug}: {verb}ed {count} suggestion{plural}{by}")?;
    }
    Ok(outcome)
}

fn print_tracked(list: &crate::ops::TrackedList, json: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    if json {
        let listed = ChangesJson {
            changes: list
                .changes
                .iter()
                .map(|change| ChangeJson {
                    id: change.id.clone(),
                    kind: kind_key(change.kind).to_owned(),
                    author: change.author.clone(),
                    at: change.at.map(rfc3339),
                    field: change_field_key(&change.field),
                    photo: change.field.photo().map(ToString::to_string),
                    text: change.text.clone(),
                })
                .collect(),
            comments: list
                .comments
                .iter()
                .map(|comment| CommentJson {
                    id: comment.id.clone(),
                    author: comment.author.clone(),
                    at: rfc3339(comment.at),
                    text: comment.text.clone(),
                    anchor: comment.anchor.clone(),
                    before: (comment.anchor.is_empty() && comment.field.is_some()).then(|| comment.before.clone()),
                    resolved: comment.resolved,
                    replies: comment
                        .replies
                        .iter()
                        .map(|reply| ReplyJson {
                            author: reply.author.clone(),
                            at: rfc3339(reply.at),
                            text: reply.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &listed)?;
        writeln!(out)?;
        return Ok(());
    }
    if list.changes.is_empty() && list.comments.is_empty() {
        writeln!(out, "No tracked changes or comments.")?;
    }
    for change in &list.changes {
        let author = if change.author.is_empty() { "(unknown)" } else { change.author.as_str() };
        let at = change.at.map(|at| format!(" ({})", at.short())).unwrap_or_default();
        let photo = change.field.photo().map(|photo| format!(" in photo {photo}")).unwrap_or_default();
        writeln!(
            out,
            "{:<6} {:<8} {:<9} {author}{at}: “{}”{photo}",
            change.id,
            kind_key(change.kind),
            change_field_key(&change.field),
            one_line(&change.text)
        )?;
    }
    for comment in &list.comments {
        let field = comment.field.map_or_else(|| "-".to_owned(), field_key);
        let state = if comment.resolved { "resolved" } else { "open" };
        let replies = match comment.replies.len() {
            0 => String::new(),
            1 => " (1 reply)".to_owned(),
            n => format!(" ({n} replies)"),
        };
        let on = match (comment.anchor.as_str(), comment.field) {
            ("", None) => "on text no longer in the story".to_owned(),
            ("", Some(_)) if comment.before.is_empty() => "at the start".to_owned(),
            ("", Some(_)) => format!("after “{}”", one_line(&comment.before)),
            (anchor, _) => format!("on “{}”", one_line(anchor)),
        };
        writeln!(
            out,
            "{:<6} {:<8} {field:<9} {} ({}) {on}: {}{replies} [{state}]",
            comment.id,
            "comment",
            comment.author,
            comment.at.short(),
            one_line(&comment.text)
        )?;
    }
    Ok(())
}

/// This Copydesk's full path, registered as git's merge driver.
fn driver_path() -> Option<PathBuf> {
    std::env::current_exe().ok()
}

/// The commit author: the editor's name from the window's preferences,
/// else git's configuration.
fn sync_author() -> Option<String> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct SavedPrefs {
        editor_name: String,
    }
    let file = eframe::storage_dir(crate::APP_ID)?.join("app.ron");
    let text = std::fs::read_to_string(file).ok()?;
    let stored: std::collections::HashMap<String, String> = ron::from_str(&text).ok()?;
    let prefs: SavedPrefs = ron::from_str(stored.get(crate::PREFS_KEY)?).ok()?;
    Some(prefs.editor_name).filter(|name| !name.trim().is_empty())
}

fn share(project: &std::path::Path, url: &str, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let author = sync_author();
    let report = crate::sync::share(project, url, driver_path().as_deref(), author.as_deref())?;
    if let Some(subject) = &report.committed {
        writeln!(out, "Committed: {subject}")?;
    }
    writeln!(out, "Shared {} at {url} (branch {}).", project.display(), crate::sync::BRANCH)?;
    writeln!(out, "Colleagues clone it with: copydesk clone {url} FOLDER")?;
    Ok(())
}

fn sync(project: &std::path::Path, message: Option<String>, out: &mut dyn std::io::Write) -> anyhow::Result<Outcome> {
    let options = crate::sync::SyncOptions { message, author: sync_author(), now: Some(now()), ..Default::default() };
    let report = crate::sync::sync(project, &options, &mut |_| {})?;
    if let Some(subject) = &report.committed {
        writeln!(out, "Committed: {subject}")?;
    }
    if !report.received.is_empty() {
        writeln!(out, "Received: {}", report.received.join(", "))?;
    }
    for note in &report.notes {
        writeln!(out, "Note: {note}")?;
    }
    for other in &report.others {
        if let Some(story) = &other.story {
            writeln!(out, "{} — {story}", other.describe(now()))?;
        }
    }
    if !report.conflicts.is_empty() {
        for conflict in &report.conflicts {
            writeln!(out, "conflict: {}", conflict.describe())?;
        }
        writeln!(
            out,
            "Your version stays in each file and the project opens; the other side's is kept in {}. \
             Open the project in Copydesk to choose (keep mine, take theirs, or merge paragraph by paragraph); \
             the merge is sent once every conflict is decided.",
            crate::storage::conflicts::CONFLICTS_DIR
        )?;
        return Ok(Outcome::Refused);
    }
    if report.pushed {
        writeln!(out, "Sent.")?;
    }
    writeln!(out, "In sync.")?;
    Ok(Outcome::Success)
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
            headline: as_it_stands(&story.headline).into_owned(),
            byline: story.byline.clone(),
            dateline: story.dateline.clone(),
            status: status_key(story.status).to_owned(),
            words: text_stats(&as_it_stands(&story.body)).words,
            assignee: story.plan.assignee.clone(),
            editor: story.plan.editor.clone(),
            deadline: story.plan.deadline.map(rfc3339),
            overdue: story.plan.overdue(story.status, now()),
            priority: story.plan.priority.key().to_owned(),
            embargo: story.publication.embargo.map(rfc3339),
            version: story.publication.version,
            corrections: story.publication.corrections.iter().map(|c| c.text.clone()).collect(),
            killed_because: story.publication.withdrawn.as_ref().map(|w| w.reason.clone()),
            photos: story
                .photos
                .iter()
                .filter_map(|used| project.photo(&used.photo).map(|photo| (used, photo)))
                .map(|(used, photo)| PhotoInfo {
                    file: photo.file.clone(),
                    lead: used.lead,
                    caption: photo.caption_as_it_stands().into_owned(),
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
            let mut who = [story.assignee.as_str(), story.editor.as_str()]
                .into_iter()
                .filter(|name| !name.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            if story.overdue {
                who.push_str(" (overdue)");
            }
            writeln!(
                out,
                "{:<32} {:<10} {:>6} words  {}{}",
                story.slug,
                story.status,
                story.words,
                story.headline,
                if who.is_empty() { String::new() } else { format!("  [{who}]") }
            )?;
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
        StoryStatus::Killed => "killed",
    }
}
