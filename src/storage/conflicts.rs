//! Conflicts a merge left for an editor to decide, kept where nothing can
//! lose them.
//!
//! When two editors changed the same paragraph or field differently, the
//! merged file keeps the local version (so the project always opens) and
//! the other side's version is written here, whole, beside the commit it
//! came from: `.copydesk-conflicts/<path>.ron`, git-ignored (it belongs to
//! this machine's merge, not to the team). The window offers each one in
//! its merge dialog; deciding removes the record.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StorageError, atomic_write, format, read_text};

/// The folder of pending conflicts in a project.
pub const CONFLICTS_DIR: &str = ".copydesk-conflicts";

/// The schema of a conflict record.
const CONFLICT_SCHEMA: u32 = 1;

/// Records larger than this are not read (a story file's limit, twice).
const MAX_RECORD_BYTES: u64 = 40 * 1024 * 1024;

/// One file a merge could not fully decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictRecord {
    /// Schema version, always first.
    pub schema: u32,
    /// The file inside the project, with `/`: `stories/drone-attacks.ron`.
    pub path: String,
    /// What both sides changed differently: `body, paragraph 3`.
    pub parts: Vec<String>,
    /// Where the other side came from: a commit id, or `git merge` for the
    /// merge driver.
    pub from: String,
    /// The merged file with the other side's version in those places.
    pub theirs: String,
}

impl ConflictRecord {
    /// A record of the current schema.
    pub fn new(path: &str, parts: Vec<String>, from: &str, theirs: String) -> ConflictRecord {
        ConflictRecord { schema: CONFLICT_SCHEMA, path: path.to_owned(), parts, from: from.to_owned(), theirs }
    }

    /// The story the record is about, when it is a story file.
    pub fn story_slug(&self) -> Option<crate::model::Slug> {
        let name = self.path.strip_prefix("stories/")?.strip_suffix(".ron")?;
        crate::model::Slug::new(name).ok()
    }
}

fn record_path(project_dir: &Path, path: &str) -> PathBuf {
    let name: String = path.chars().map(|c| if c == '/' || c == '\\' { '~' } else { c }).collect();
    project_dir.join(CONFLICTS_DIR).join(format!("{name}.ron"))
}

/// Keeps `record` (replacing an older one for the same file).
pub fn write(project_dir: &Path, record: &ConflictRecord) -> Result<(), StorageError> {
    let dir = project_dir.join(CONFLICTS_DIR);
    super::refuse_link(&dir)?;
    fs::create_dir_all(&dir).map_err(|source| StorageError::Write { path: dir.clone(), source })?;
    let path = record_path(project_dir, &record.path);
    let text = format::to_ron(record)
        .map_err(|error| StorageError::Invalid { path: path.clone(), message: format!("could not write ({error})") })?;
    atomic_write(&path, text.as_bytes())
}

/// Every pending conflict of the project, by path; unreadable records are
/// returned as errors (and left on disk).
pub fn pending(project_dir: &Path) -> (Vec<ConflictRecord>, Vec<StorageError>) {
    let dir = project_dir.join(CONFLICTS_DIR);
    let (mut records, mut problems) = (Vec::new(), Vec::new());
    if super::refuse_link(&dir).is_err() {
        return (records, problems);
    }
    let Ok(paths) = super::ron_files(&dir) else { return (records, problems) };
    for path in paths {
        let read = read_text(&path, MAX_RECORD_BYTES)
            .and_then(|text| format::parse_with_limit::<ConflictRecord>(&text, &path));
        match read {
            Ok(record) => records.push(record),
            Err(error) => problems.push(error),
        }
    }
    (records, problems)
}

/// Forgets the conflict on `path`: it was decided.
pub fn remove(project_dir: &Path, path: &str) -> Result<(), StorageError> {
    let file = record_path(project_dir, path);
    match fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StorageError::Write { path: file, source }),
    }
}
