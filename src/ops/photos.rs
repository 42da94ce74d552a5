//! Reading pictures into the project's library and attaching them to a
//! story.

use std::path::Path;

use super::{Refused, find_story};
use crate::edit::{self, Edit};
use crate::model::{Photo, Project, Timestamp};
use crate::{import, storage};

/// A picture copied into `photos/` and read.
#[derive(Debug)]
pub struct ReadPicture {
    /// Its record, with the agency metadata the file carries.
    pub photo: Photo,
    /// What could not be read from it, each naming the file.
    pub warnings: Vec<String>,
}

/// Copies the picture at `path` into the project in `project_dir` (stored
/// once by content) and reads its metadata. The error names the file and
/// says why.
pub fn read_picture(project_dir: &Path, path: &Path) -> Result<ReadPicture, String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = storage::import_photo_file(project_dir, path).map_err(|error| error.to_string())?;
    let (photo, warnings) = import::photo::photo_from_bytes(file.id, file.file, name.clone(), &file.bytes);
    let warnings = warnings.into_iter().map(|warning| format!("{name}: {warning}")).collect();
    Ok(ReadPicture { photo, warnings })
}

/// Attaches `photos` (read with [`read_picture`]) to story `slug`, new
/// pictures into the library once, as one step. `Ok(None)` when every one
/// is attached already.
pub fn attach_photos(
    project: &Project,
    slug: &str,
    photos: Vec<Photo>,
    now: Timestamp,
) -> Result<Option<Edit>, Refused> {
    let story = find_story(project, slug)?;
    Ok(edit::attach_photos(project, &story.slug, photos).map(|edit| edit.stamped(now)))
}
