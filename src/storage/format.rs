//! The RON file formats, their schema versions and migrations.
//!
//! Every file starts with `schema: N`. A file from a newer Copydesk is
//! refused; an older one is read with the type of its own version and
//! migrated to the current model. Field order in the written files is the
//! declaration order of the types, which stays stable so diffs stay small.

use std::path::Path;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::StorageError;
use crate::model::{Project, ProjectSettings, Slug, Story};

/// The schema version of `project.ron` this build writes.
pub const PROJECT_SCHEMA: u32 = 1;
/// The schema version of `stories/<slug>.ron` this build writes.
pub const STORY_SCHEMA: u32 = 1;
/// The schema version of recovery files this build writes.
pub const RECOVERY_SCHEMA: u32 = 1;

/// Nesting deeper than this is refused, so a hostile file cannot exhaust the stack.
const RECURSION_LIMIT: usize = 64;

/// `project.ron`, schema 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project's name.
    pub name: String,
    /// Slugs in the desk's order.
    pub story_order: Vec<Slug>,
    /// Shared settings.
    #[serde(default)]
    pub settings: ProjectSettings,
}

/// `stories/<slug>.ron`, schema 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The story.
    pub story: Story,
}

/// A recovery file: the whole unsaved project, written by autosave.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveryFileV1 {
    /// Schema version, always first.
    pub schema: u32,
    /// The project folder this recovers.
    pub project_dir: std::path::PathBuf,
    /// When autosave wrote it (RFC 3339), for the restore prompt.
    pub written: crate::model::Timestamp,
    /// The project as it was.
    pub project: Project,
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
pub fn parse_project(text: &str, path: &Path) -> Result<ProjectFileV1, StorageError> {
    // Schema 1 is the only one so far. When schema 2 arrives, this reads
    // schema 1 as `ProjectFileV1` and migrates it, with a fixture in tests.
    schema_of(text, path, PROJECT_SCHEMA)?;
    parse(text, path)
}

/// Parses a story file, migrating older schemas.
pub fn parse_story(text: &str, path: &Path) -> Result<Story, StorageError> {
    schema_of(text, path, STORY_SCHEMA)?;
    parse::<StoryFileV1>(text, path).map(|file| file.story)
}

/// Parses a recovery file.
pub fn parse_recovery(text: &str, path: &Path) -> Result<RecoveryFileV1, StorageError> {
    schema_of(text, path, RECOVERY_SCHEMA)?;
    parse(text, path)
}
