//! Importing filed copy (`.txt`, `.md`, `.docx`) as new stories.

use std::path::PathBuf;

use crate::edit::Edit;
use crate::model::{Project, Slug, Timestamp};
use crate::{import, storage};

/// What importing a set of files gives.
#[derive(Debug, Default)]
pub struct ImportedCopy {
    /// One step that adds every story read (`None`: none could be read).
    pub edit: Option<Edit>,
    /// The new stories' slugs, in the order of the files.
    pub slugs: Vec<Slug>,
    /// Each file that could not be imported, with why.
    pub failures: Vec<String>,
}

/// Reads `paths` as copy and makes a new story of each, added at the end of
/// the desk's order with free slugs (later files see the slugs earlier ones
/// took). Files that cannot be read are listed, the rest imported.
pub fn import_copy(project: &Project, paths: &[PathBuf], now: Timestamp) -> ImportedCopy {
    let mut scratch = project.clone();
    let mut result = ImportedCopy::default();
    let mut edits = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let copy = storage::read_import_file(path).map_err(|error| error.to_string()).and_then(|bytes| {
            import::import_copy(&name, &bytes).map_err(|error| format!("could not import {}: {error}", path.display()))
        });
        match copy {
            Ok(copy) => {
                let story = import::into_story(&scratch, copy, now);
                let slug = story.slug.clone();
                let edit = Edit::InsertStory { index: scratch.stories.len(), story: Box::new(story) };
                if edit.clone().apply(&mut scratch).is_ok() {
                    edits.push(edit);
                    result.slugs.push(slug);
                }
            }
            Err(message) => result.failures.push(message),
        }
    }
    result.edit = (!edits.is_empty()).then_some(Edit::Batch(edits));
    result
}
