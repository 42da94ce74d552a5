//! The RON file formats, their schema versions and migrations.
//!
//! Every file starts with `schema: N`. A file from a newer Copydesk is
//! refused; an older one is read with the frozen types of its own version
//! (`v1.rs` … `v7.rs`) and migrated to the current model. Field order in
//! the written files is the declaration order of the types, which stays
//! stable so diffs stay small.
//!
//! Schema history (project, story and recovery files move together):
//!
//! - 1: the first format.
//! - 2: stories gain `revisions` (named snapshots, last in the file);
//!   project settings gain `headline_max_chars`, `dek_max_chars` and
//!   `dictionary`. Schema-1 files migrate with no revisions and the
//!   defaults of [`ProjectSettings`].
//! - 3 (stories and recovery; `project.ron` stayed at 2): stories gain
//!   `photos`; the photo library lives in `photos/<id>.ron` (its own
//!   schema 1).
//! - 4 (stories and recovery) and 3 (`project.ron`): the review checklist.
//!   Stories gain `publish_at`, `signoffs` and `activity`; settings gain
//!   `checklist` (the default one for migrated projects), `check_levels`
//!   and `house_style`.
//! - 5 (stories and recovery; `project.ron` stayed at 3, photo records at
//!   1): tracked changes and comments. Stories gain `suggestions` and
//!   `comments` (before `revisions`); pending suggestions and comment
//!   anchors are marks inside the text fields (`{++id|…++}`, `{--id|…--}`,
//!   `{==id|…==}`), and plain text holding a delimiter is written with a
//!   word joiner after its first character. Older stories migrate with
//!   none, their text fields and revisions' text escaped so a delimiter in
//!   them stays text (`v4.rs`).
//! - 4 (`project.ron`) and 6 (recovery; stories stay at 5, photo records
//!   at 1): the names list. Settings gain `names` (after `dictionary`:
//!   proper nouns spelling accepts and the name-consistency check reads).
//!   Older project and recovery files migrate with none (schema-3 settings
//!   in `v3.rs`, schema-5 recovery files in `v5.rs`).
//! - 6 (stories), 5 (`project.ron`) and 7 (recovery; photo records stay at
//!   1): the story's journey. Stories gain `plan` (assignee, editor,
//!   deadline, priority; after `target_words`) and `publication` (embargo,
//!   version, corrections, withdrawal; after `publish_at`), and the status
//!   `Killed`, and `checklist` (items of its own, from its template;
//!   before `signoffs`); settings gain `correction_wording` and
//!   `templates` (last). Older files migrate with nobody assigned, version
//!   1, no items of their own, no templates and the default wording
//!   (schema-5 stories, schema-4 settings and schema-6 recovery files in
//!   `v6.rs`).
//! - 2 (photo records) and 8 (recovery; stories stay at 6, `project.ron`
//!   at 5): suggestions in photo captions. Photos gain `suggestions`
//!   (after `caption`), and the caption holds the marks of its pending
//!   ones as a story's text fields do. Older photo records and recovery
//!   files migrate with none, the caption escaped so a delimiter in it
//!   stays text (schema-1 photos and schema-7 recovery files in `v7.rs`).

use std::path::Path;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::StorageError;
use super::v1::{ProjectFileV1, RecoveryFileV1, StoryFileV1};
use super::v2::{ProjectFileV2, RecoveryFileV2, StoryFileV2};
use super::v3::{ProjectFileV3, RecoveryFileV3, StoryFileV3};
use super::v4::{self, RecoveryFileV4, StoryFileV4};
use super::v5::RecoveryFileV5;
use super::v6::{ProjectFileV4, RecoveryFileV6, StoryFileV5};
use super::v7::{PhotoFileV1, RecoveryFileV7};
use crate::model::{Photo, Project, ProjectSettings, Slug, Story};

/// The schema version of `project.ron` this build writes.
pub const PROJECT_SCHEMA: u32 = 5;
/// The schema version of `stories/<slug>.ron` this build writes.
pub const STORY_SCHEMA: u32 = 6;
/// The schema version of recovery files this build writes.
pub const RECOVERY_SCHEMA: u32 = 8;
/// The schema version of `photos/<id>.ron` (a photo's caption and rights).
pub const PHOTO_SCHEMA: u32 = 2;

/// Nesting deeper than this is refused, so a hostile file cannot exhaust the stack.
const RECURSION_LIMIT: usize = 64;

/// `project.ron`, schema 5 (current).
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFileV5 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project's name.
    pub name: String,
    /// Slugs in the desk's order.
    pub story_order: Vec<Slug>,
    /// Shared settings.
    pub settings: ProjectSettings,
}

/// `project.ron` of the current schema, by a name that stays when the
/// schema moves on.
pub type ProjectFile = ProjectFileV5;

/// `stories/<slug>.ron`, schema 6 (current).
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV6 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story, its plan, publication record, photos, review record,
    /// suggestions and comments, and then its revisions last.
    pub story: Story,
}

/// A story file of the current schema, by a name that stays when the
/// schema moves on.
pub type StoryFile = StoryFileV6;

/// `photos/<id>.ron`, schema 2 (current): one photo's caption (with the
/// marks of its suggestions) and rights, next to its image file.
#[derive(Debug, Serialize, Deserialize)]
pub struct PhotoFileV2 {
    /// Schema version, always first.
    pub schema: u32,
    /// The photo.
    pub photo: Photo,
}

/// A recovery file, schema 8 (current): the whole unsaved project, written
/// by autosave.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV8 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project folder this recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it (RFC 3339), for the restore prompt.
    pub written: crate::model::Timestamp,
    /// The project as it was.
    pub project: Project,
}

/// A recovery file of the current schema, by a name that stays when the
/// schema moves on.
pub type RecoveryFile = RecoveryFileV8;

impl From<ProjectFileV1> for ProjectFileV5 {
    fn from(old: ProjectFileV1) -> Self {
        ProjectFileV5 { schema: 5, name: old.name, story_order: old.story_order, settings: old.settings.into() }
    }
}

impl From<ProjectFileV2> for ProjectFileV5 {
    fn from(old: ProjectFileV2) -> Self {
        ProjectFileV5 { schema: 5, name: old.name, story_order: old.story_order, settings: old.settings.into() }
    }
}

impl From<ProjectFileV3> for ProjectFileV5 {
    fn from(old: ProjectFileV3) -> Self {
        ProjectFileV5 { schema: 5, name: old.name, story_order: old.story_order, settings: old.settings.into() }
    }
}

impl From<ProjectFileV4> for ProjectFileV5 {
    fn from(old: ProjectFileV4) -> Self {
        ProjectFileV5 { schema: 5, name: old.name, story_order: old.story_order, settings: old.settings.into() }
    }
}

impl From<RecoveryFileV1> for RecoveryFileV8 {
    fn from(old: RecoveryFileV1) -> Self {
        let project = v4::plain_text_project(old.project.into());
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project }
    }
}

impl From<RecoveryFileV2> for RecoveryFileV8 {
    fn from(old: RecoveryFileV2) -> Self {
        let project = v4::plain_text_project(old.project.into());
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project }
    }
}

impl From<RecoveryFileV3> for RecoveryFileV8 {
    fn from(old: RecoveryFileV3) -> Self {
        let project = v4::plain_text_project(old.project.into());
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project }
    }
}

impl From<RecoveryFileV4> for RecoveryFileV8 {
    fn from(old: RecoveryFileV4) -> Self {
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project: old.project.into() }
    }
}

impl From<RecoveryFileV5> for RecoveryFileV8 {
    fn from(old: RecoveryFileV5) -> Self {
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project: old.project.into() }
    }
}

impl From<RecoveryFileV6> for RecoveryFileV8 {
    fn from(old: RecoveryFileV6) -> Self {
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project: old.project.into() }
    }
}

impl From<RecoveryFileV7> for RecoveryFileV8 {
    fn from(old: RecoveryFileV7) -> Self {
        RecoveryFileV8 { schema: 8, project_dir: old.project_dir, written: old.written, project: old.project.into() }
    }
}

/// Only the schema field, read first to pick the right type.
#[derive(Deserialize)]
struct Header {
    /// 0 when the field is missing; no Copydesk version writes 0.
    #[serde(default)]
    schema: u32,
}

/// Writes `value` as pretty RON: one field a line, strings unescaped so
/// multi-line bodies diff line by line.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().indentor("    ").escape_strings(false).struct_names(false);
    let mut text = ron::Options::default().to_string_pretty(value, config)?;
    text.push('\n');
    Ok(text)
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, StorageError> {
    options().from_str(text).map_err(|error| StorageError::Syntax {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    })
}

/// Parses a file of one machine's own (a conflict record) with the same
/// limits and error positions as the project's files.
pub fn parse_with_limit<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, StorageError> {
    parse(text, path)
}

/// Reads the schema version of a file and refuses newer ones.
fn schema_of(text: &str, path: &Path, supported: u32) -> Result<u32, StorageError> {
    let header: Header = parse(text, path)?;
    let found = header.schema;
    if found == 0 {
        return Err(StorageError::Invalid {
            path: path.to_owned(),
            message: "the file has no `schema:` field (or schema 0), so Copydesk cannot tell which version wrote it"
                .to_owned(),
        });
    }
    if found > supported {
        return Err(StorageError::NewerSchema { path: path.to_owned(), found, supported });
    }
    Ok(found)
}

/// Parses `project.ron`, migrating older schemas.
pub fn parse_project(text: &str, path: &Path) -> Result<ProjectFileV5, StorageError> {
    match schema_of(text, path, PROJECT_SCHEMA)? {
        1 => parse::<ProjectFileV1>(text, path).map(ProjectFileV5::from),
        2 => parse::<ProjectFileV2>(text, path).map(ProjectFileV5::from),
        3 => parse::<ProjectFileV3>(text, path).map(ProjectFileV5::from),
        4 => parse::<ProjectFileV4>(text, path).map(ProjectFileV5::from),
        _ => parse(text, path),
    }
}

/// Parses a story file, migrating older schemas. Revision numbers must go
/// up (1, 2, 3…) so edits can find and restore each one.
pub fn parse_story(text: &str, path: &Path) -> Result<Story, StorageError> {
    let story: Story = match schema_of(text, path, STORY_SCHEMA)? {
        1 => v4::plain_text(parse::<StoryFileV1>(text, path)?.story.into()),
        2 => v4::plain_text(parse::<StoryFileV2>(text, path)?.story.into()),
        3 => v4::plain_text(parse::<StoryFileV3>(text, path)?.story.into()),
        4 => parse::<StoryFileV4>(text, path)?.story.into(),
        5 => parse::<StoryFileV5>(text, path)?.story.into(),
        _ => parse::<StoryFileV6>(text, path)?.story,
    };
    let numbers = story.revisions.iter().map(|r| r.number);
    if let Some((before, after)) = numbers.clone().zip(numbers.skip(1)).find(|(before, after)| after <= before) {
        return Err(StorageError::Invalid {
            path: path.to_owned(),
            message: format!(
                "revision {after} comes after revision {before}, but revision numbers must go up (1, 2, 3…); renumber the revisions in the file"
            ),
        });
    }
    Ok(story)
}

/// Parses a recovery file, migrating older schemas.
pub fn parse_recovery(text: &str, path: &Path) -> Result<RecoveryFileV8, StorageError> {
    match schema_of(text, path, RECOVERY_SCHEMA)? {
        1 => parse::<RecoveryFileV1>(text, path).map(RecoveryFileV8::from),
        2 => parse::<RecoveryFileV2>(text, path).map(RecoveryFileV8::from),
        3 => parse::<RecoveryFileV3>(text, path).map(RecoveryFileV8::from),
        4 => parse::<RecoveryFileV4>(text, path).map(RecoveryFileV8::from),
        5 => parse::<RecoveryFileV5>(text, path).map(RecoveryFileV8::from),
        6 => parse::<RecoveryFileV6>(text, path).map(RecoveryFileV8::from),
        7 => parse::<RecoveryFileV7>(text, path).map(RecoveryFileV8::from),
        _ => parse(text, path),
    }
}

/// Parses a photo's file (`photos/<id>.ron`).
pub fn parse_photo(text: &str, path: &Path) -> Result<Photo, StorageError> {
    match schema_of(text, path, PHOTO_SCHEMA)? {
        1 => Ok(parse::<PhotoFileV1>(text, path)?.photo.into()),
        _ => Ok(parse::<PhotoFileV2>(text, path)?.photo),
    }
}
