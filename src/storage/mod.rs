//! Storage: the only code that touches the disk.
//!
//! A project is a folder:
//!
//! ```text
//! project.ron          name, schema, story order, settings
//! stories/<slug>.ron   one file per story, its revisions last
//! photos/              image files
//! ```
//!
//! Every write is atomic (a temporary file in the same folder, flushed,
//! synced and renamed over the old one), so a failed save leaves the
//! previous file whole. Files whose content has not changed are not
//! rewritten, so syncing tools and git see only real changes.

pub mod conflicts;
mod error;
mod format;
pub mod lock;
pub mod thumb_cache;
mod v1;
mod v2;
mod v3;
mod v4;
mod v5;
mod v6;
mod v7;

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use error::StorageError;
pub use format::{
    PHOTO_SCHEMA, PROJECT_SCHEMA, PhotoFileV2, ProjectFile, RECOVERY_SCHEMA, STORY_SCHEMA, StoryFile, parse_photo,
    parse_project, parse_recovery, parse_story, to_ron,
};

use crate::model::{Photo, PhotoId, Project, ProjectSettings, Slug, Story, Timestamp};
use format::RecoveryFile;

/// The project file's name inside a project folder.
pub const PROJECT_FILE: &str = "project.ron";
/// The folder of story files inside a project folder.
pub const STORIES_DIR: &str = "stories";
/// The folder of photos inside a project folder.
pub const PHOTOS_DIR: &str = "photos";

/// Project and story files larger than this are refused.
const MAX_RON_BYTES: u64 = 16 * 1024 * 1024;
/// Imported copy larger than this is refused.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// A project folder as storage last saw it: where it is and what each of
/// its files held, so a save writes only what changed and removes the files
/// of stories that were deleted or renamed.
#[derive(Debug, Clone)]
pub struct ProjectFolder {
    root: PathBuf,
    project_file: Option<String>,
    story_files: HashMap<Slug, String>,
    photo_files: HashMap<PhotoId, String>,
    /// Whether the project's `.gitignore` was checked this session.
    gitignore_checked: bool,
}

/// What the project's `.gitignore` must hold: files that belong to one
/// machine, never to the team.
pub const GITIGNORED: [&str; 4] = [".copydesk-cache/", ".copydesk-save-*.tmp", "*.lock", ".copydesk-conflicts/"];

/// A temporary file a save left behind (the process was killed) is removed
/// at the next open once it is this old; younger ones may belong to a save
/// still running in another Copydesk.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// A project read from disk.
#[derive(Debug)]
pub struct LoadedProject {
    /// The project.
    pub project: Project,
    /// The folder it came from.
    pub folder: ProjectFolder,
    /// Story and photo-record files that could not be read, and a
    /// `stories/` or `photos/` folder that is a link (not read). The rest of
    /// the project opened; these are left untouched on disk.
    pub problems: Vec<StorageError>,
}

/// What a save did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// Files written.
    pub written: usize,
    /// Story files removed (deleted or renamed stories).
    pub removed: usize,
}

/// What happened to a story file, seen from outside this Copydesk (a
/// `git pull`, a colleague's save on a shared drive).
#[derive(Debug)]
pub enum OutsideChange {
    /// The file holds another version than the one last read or written.
    Changed(Box<Story>, String),
    /// A story file this project did not have.
    Added(Box<Story>, String),
    /// The file is gone (deleted, or renamed to another slug).
    Deleted(Slug),
    /// The file changed but cannot be read now (maybe half-synced).
    Broken(StorageError),
}

impl ProjectFolder {
    /// What changed in `stories/` since this folder last read or wrote it:
    /// looks at the story files named in `paths` (changed on disk, says the
    /// watcher) and compares each with the text last seen. Our own saves
    /// compare equal and are not reported.
    pub fn outside_changes(&self, paths: &[PathBuf]) -> Vec<OutsideChange> {
        let mut changes = Vec::new();
        let linked = refuse_linked_dir(&self.root.join(STORIES_DIR)).err();
        for path in paths {
            let is_story = path.extension().is_some_and(|ext| ext == "ron")
                && path.parent().and_then(Path::file_name).is_some_and(|dir| dir == STORIES_DIR);
            let Some(slug) = path.file_stem().and_then(|s| s.to_str()).and_then(|s| Slug::new(s).ok()) else {
                continue;
            };
            if !is_story {
                continue;
            }
            if let Some(error) = linked {
                // `stories/` became a link (a pull): nothing in it is read.
                changes.push(OutsideChange::Broken(error));
                break;
            }
            let known = self.story_files.get(&slug);
            if !path.exists() {
                if known.is_some() {
                    changes.push(OutsideChange::Deleted(slug));
                }
                continue;
            }
            match load_story_file(path) {
                Ok((_, _, text)) if known == Some(&text) => {}
                Ok((_, story, text)) if known.is_some() => changes.push(OutsideChange::Changed(Box::new(story), text)),
                Ok((_, story, text)) => changes.push(OutsideChange::Added(Box::new(story), text)),
                Err(error) => changes.push(OutsideChange::Broken(error)),
            }
        }
        changes
    }

    /// Records that `slug`'s file on disk holds `text` (taken in, or kept
    /// out on purpose): the next save writes the story only if it differs.
    pub fn accept_outside(&mut self, slug: &Slug, text: String) {
        self.story_files.insert(slug.clone(), text);
    }

    /// Forgets `slug`'s file (deleted outside): the next save writes the
    /// story again if the project still has it.
    pub fn forget_story_file(&mut self, slug: &Slug) {
        self.story_files.remove(slug);
    }

    /// The text of `project.ron` as this folder last read or wrote it.
    pub fn known_project_text(&self) -> Option<&str> {
        self.project_file.as_deref()
    }

    /// The text of a photo's record as last read or written.
    pub fn known_photo_text(&self, id: &PhotoId) -> Option<&str> {
        self.photo_files.get(id).map(String::as_str)
    }

    /// Records that `project.ron` now holds `text` (taken in from outside).
    pub fn accept_project_file(&mut self, text: String) {
        self.project_file = Some(text);
    }

    /// Records that a photo's record holds `text` (`None`: it is gone).
    pub fn accept_photo_file(&mut self, id: &PhotoId, text: Option<String>) {
        match text {
            Some(text) => self.photo_files.insert(id.clone(), text),
            None => self.photo_files.remove(id),
        };
    }

    /// The text a save would write to `project.ron` for `project`.
    pub fn project_file_text(&self, project: &Project) -> Result<String, StorageError> {
        ron_text(&project_file_of(project), &self.root.join(PROJECT_FILE))
    }

    /// The text a save would write to a photo's record.
    pub fn photo_file_text(&self, photo: &Photo) -> Result<String, StorageError> {
        ron_text(&PhotoFileV2 { schema: PHOTO_SCHEMA, photo: photo.clone() }, &self.photo_record_path(&photo.id))
    }

    /// Whether `story` differs from the version last saved or read.
    pub fn has_local_changes(&self, story: &Story) -> bool {
        let text = ron_text(&StoryFile { schema: STORY_SCHEMA, story: story.clone() }, &self.story_path(&story.slug));
        text.ok().as_ref() != self.story_files.get(&story.slug)
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file a story is stored in.
    pub fn story_path(&self, slug: &Slug) -> PathBuf {
        self.root.join(STORIES_DIR).join(format!("{slug}.ron"))
    }

    /// The record of a photo's caption and rights (`photos/<id>.ron`).
    pub fn photo_record_path(&self, id: &PhotoId) -> PathBuf {
        self.root.join(PHOTOS_DIR).join(format!("{id}.ron"))
    }

    /// The image file of a photo.
    pub fn photo_path(&self, photo: &Photo) -> PathBuf {
        self.root.join(PHOTOS_DIR).join(&photo.file)
    }

    /// Saves `project`, writing only files whose content changed. On error
    /// the files already written stay written, the failed one keeps its
    /// previous content, and saving again retries what is left. A
    /// `stories/` or `photos/` folder that is a link is refused before
    /// anything is written.
    pub fn save(&mut self, project: &Project) -> Result<SaveReport, StorageError> {
        refuse_linked_dir(&self.root.join(STORIES_DIR))?;
        refuse_linked_dir(&self.root.join(PHOTOS_DIR))?;
        let mut report = SaveReport::default();
        if !self.gitignore_checked {
            ensure_gitignore(&self.root)?;
            self.gitignore_checked = true;
        }
        fs::create_dir_all(self.root.join(STORIES_DIR))
            .map_err(|source| StorageError::Write { path: self.root.join(STORIES_DIR), source })?;
        for story in &project.stories {
            let text =
                ron_text(&StoryFile { schema: STORY_SCHEMA, story: story.clone() }, &self.story_path(&story.slug))?;
            if self.story_files.get(&story.slug) != Some(&text) {
                atomic_write(&self.story_path(&story.slug), text.as_bytes())?;
                self.story_files.insert(story.slug.clone(), text);
                report.written += 1;
            }
        }
        for photo in &project.photos {
            let path = self.photo_record_path(&photo.id);
            let text = ron_text(&PhotoFileV2 { schema: PHOTO_SCHEMA, photo: photo.clone() }, &path)?;
            if self.photo_files.get(&photo.id) != Some(&text) {
                fs::create_dir_all(self.root.join(PHOTOS_DIR))
                    .map_err(|source| StorageError::Write { path: self.root.join(PHOTOS_DIR), source })?;
                atomic_write(&path, text.as_bytes())?;
                self.photo_files.insert(photo.id.clone(), text);
                report.written += 1;
            }
        }
        let project_path = self.root.join(PROJECT_FILE);
        let text = ron_text(&project_file_of(project), &project_path)?;
        if self.project_file.as_ref() != Some(&text) {
            atomic_write(&project_path, text.as_bytes())?;
            self.project_file = Some(text);
            report.written += 1;
        }
        let gone: Vec<Slug> = self.story_files.keys().filter(|slug| project.story(slug).is_none()).cloned().collect();
        for slug in gone {
            let path = self.story_path(&slug);
            match fs::remove_file(&path) {
                Ok(()) => report.removed += 1,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(StorageError::Write { path, source }),
            }
            self.story_files.remove(&slug);
        }
        Ok(report)
    }
}

fn project_file_of(project: &Project) -> ProjectFile {
    ProjectFile {
        schema: PROJECT_SCHEMA,
        name: project.name.clone(),
        story_order: project.stories.iter().map(|s| s.slug.clone()).collect(),
        settings: project.settings.clone(),
    }
}

fn ron_text<T: serde::Serialize>(value: &T, path: &Path) -> Result<String, StorageError> {
    format::to_ron(value).map_err(|error| StorageError::Invalid {
        path: path.to_owned(),
        message: format!("could not turn the data into RON ({error})"),
    })
}

/// Opens the project in folder `dir`. Story files that cannot be read, and
/// a `stories/` or `photos/` folder that is a link (not read at all), are
/// reported in [`LoadedProject::problems`]; a missing or broken
/// `project.ron` is an error.
pub fn load_project(dir: &Path) -> Result<LoadedProject, StorageError> {
    let project_path = dir.join(PROJECT_FILE);
    if !project_path.is_file() {
        return Err(StorageError::NotAProject { path: dir.to_owned() });
    }
    let project_text = read_text(&project_path, MAX_RON_BYTES)?;
    let file = format::parse_project(&project_text, &project_path)?;
    remove_stale_temps(dir);

    let mut problems = Vec::new();
    let mut found: Vec<(Slug, Story, String)> = Vec::new();
    let stories_dir = dir.join(STORIES_DIR);
    if let Err(error) = refuse_linked_dir(&stories_dir) {
        problems.push(error);
    } else if stories_dir.is_dir() {
        remove_stale_temps(&stories_dir);
        let paths =
            ron_files(&stories_dir).map_err(|source| StorageError::Read { path: stories_dir.clone(), source })?;
        for path in paths {
            match load_story_file(&path) {
                Ok((slug, story, text)) => found.push((slug, story, text)),
                Err(error) => problems.push(error),
            }
        }
    }

    // The desk's order first, then any story the order does not name (for
    // example one a colleague added through git), by slug.
    let mut stories = Vec::with_capacity(found.len());
    let mut story_files = HashMap::new();
    for slug in &file.story_order {
        if let Some(index) = found.iter().position(|(s, _, _)| s == slug) {
            let (slug, story, text) = found.remove(index);
            story_files.insert(slug, text);
            stories.push(story);
        }
    }
    for (slug, story, text) in found {
        story_files.insert(slug, text);
        stories.push(story);
    }

    let (photos, photo_files) = load_photo_records(&dir.join(PHOTOS_DIR), &mut problems);
    Ok(LoadedProject {
        project: Project { name: file.name, settings: file.settings, stories, photos, photo_index: Default::default() },
        folder: ProjectFolder {
            root: dir.to_owned(),
            project_file: Some(project_text),
            story_files,
            photo_files,
            gitignore_checked: false,
        },
        problems,
    })
}

/// Reads every `photos/<id>.ron`; broken ones go to `problems`. A record's
/// file name must be its id, and its image file must sit beside it under a
/// plain name (never a path), so a hostile record cannot point elsewhere.
/// A `photos/` that is a link is not read, only reported.
fn load_photo_records(dir: &Path, problems: &mut Vec<StorageError>) -> (Vec<Photo>, HashMap<PhotoId, String>) {
    let mut photos = Vec::new();
    let mut texts = HashMap::new();
    if let Err(error) = refuse_linked_dir(dir) {
        problems.push(error);
        return (photos, texts);
    }
    remove_stale_temps(dir);
    let Ok(paths) = ron_files(dir) else {
        return (photos, texts);
    };
    for path in paths {
        let loaded = read_text(&path, MAX_RON_BYTES).and_then(|text| Ok((photo_record(&text, &path)?, text)));
        match loaded {
            Ok((photo, text)) => {
                texts.insert(photo.id.clone(), text);
                photos.push(photo);
            }
            Err(error) => problems.push(error),
        }
    }
    (photos, texts)
}

/// The project's code replacements for captions: `code<TAB>text` lines.
pub const CODE_REPLACEMENTS_FILE: &str = "code-replacements.txt";

/// The text of the project's code replacements file; empty when it has none.
pub fn read_code_replacements(project_dir: &Path) -> Result<String, StorageError> {
    let path = project_dir.join(CODE_REPLACEMENTS_FILE);
    if !path.is_file() {
        return Ok(String::new());
    }
    read_text(&path, MAX_RON_BYTES)
}

/// The image file of `photo` in the project at `project_dir`.
pub fn photo_file_path(project_dir: &Path, photo: &Photo) -> PathBuf {
    project_dir.join(PHOTOS_DIR).join(&photo.file)
}

/// Reads the image file of `photo`.
pub fn read_photo_bytes(project_dir: &Path, photo: &Photo) -> Result<Vec<u8>, StorageError> {
    refuse_linked_dir(&project_dir.join(PHOTOS_DIR))?;
    read_project_bytes(&photo_file_path(project_dir, photo), MAX_PHOTO_BYTES)
}

/// Replaces the image file of `photo` (the project's copy; an original
/// outside the project is never written) atomically with `bytes`.
pub fn write_photo_bytes(project_dir: &Path, photo: &Photo, bytes: &[u8]) -> Result<(), StorageError> {
    refuse_linked_dir(&project_dir.join(PHOTOS_DIR))?;
    atomic_write(&photo_file_path(project_dir, photo), bytes)
}

/// Puts the picture at `source` in place of `photo`'s file when that file
/// has gone missing (relinking): the photo keeps its id, caption and uses.
/// Files that are not pictures are refused; the source is only read.
pub fn relink_photo_file(project_dir: &Path, photo: &Photo, source: &Path) -> Result<(), StorageError> {
    let bytes = read_bytes(source, MAX_PHOTO_BYTES)?;
    if image::guess_format(&bytes).is_err() {
        return Err(StorageError::Invalid {
            path: source.to_owned(),
            message: "this is not a JPEG, PNG, WebP or TIFF picture (judging by its first bytes)".to_owned(),
        });
    }
    refuse_linked_dir(&project_dir.join(PHOTOS_DIR))?;
    fs::create_dir_all(project_dir.join(PHOTOS_DIR))
        .map_err(|source| StorageError::Write { path: project_dir.join(PHOTOS_DIR), source })?;
    write_photo_bytes(project_dir, photo, &bytes)
}

/// Photo files larger than this are refused on import.
pub const MAX_PHOTO_BYTES: u64 = 256 * 1024 * 1024;

/// A picture copied into a project's `photos/` folder.
#[derive(Debug)]
pub struct ImportedPhotoFile {
    /// Its id, from a hash of its bytes.
    pub id: PhotoId,
    /// Its file name inside `photos/`.
    pub file: String,
    /// Its bytes, for reading metadata and making a thumbnail.
    pub bytes: Vec<u8>,
    /// It was already in the project (same bytes): nothing was copied.
    pub already_there: bool,
}

/// Copies the picture at `source` into `project_dir/photos/` under a name
/// taken from a hash of its bytes, so the same picture imported twice is
/// stored once. The original is only read, never changed. Files that are
/// not JPEG, PNG, WebP or TIFF are refused.
pub fn import_photo_file(project_dir: &Path, source: &Path) -> Result<ImportedPhotoFile, StorageError> {
    let bytes = read_bytes(source, MAX_PHOTO_BYTES)?;
    let extension = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Jpeg) => "jpg",
        Ok(image::ImageFormat::Png) => "png",
        Ok(image::ImageFormat::WebP) => "webp",
        Ok(image::ImageFormat::Tiff) => "tif",
        _ => {
            return Err(StorageError::Invalid {
                path: source.to_owned(),
                message: "this is not a JPEG, PNG, WebP or TIFF picture (judging by its first bytes), so it cannot be attached".to_owned(),
            });
        }
    };
    let hash = blake3::hash(&bytes).to_hex();
    let Some(id) = PhotoId::from_hex(hash.as_str()) else {
        return Err(StorageError::Invalid { path: source.to_owned(), message: "could not name the photo".to_owned() });
    };
    let file = format!("{id}.{extension}");
    refuse_linked_dir(&project_dir.join(PHOTOS_DIR))?;
    let target = project_dir.join(PHOTOS_DIR).join(&file);
    let already_there = target.is_file();
    if !already_there {
        fs::create_dir_all(project_dir.join(PHOTOS_DIR))
            .map_err(|source| StorageError::Write { path: project_dir.join(PHOTOS_DIR), source })?;
        atomic_write(&target, &bytes)?;
    }
    Ok(ImportedPhotoFile { id, file, bytes, already_there })
}

/// Reads one story file. Its file name is its slug.
fn load_story_file(path: &Path) -> Result<(Slug, Story, String), StorageError> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let slug = Slug::new(stem).map_err(|error| StorageError::Invalid {
        path: path.to_owned(),
        message: format!("the file name is not a valid story slug ({error}); rename the file"),
    })?;
    let text = read_text(path, MAX_RON_BYTES)?;
    let story = format::parse_story(&text, path)?;
    if story.slug != slug {
        return Err(StorageError::Invalid {
            path: path.to_owned(),
            message: format!(
                "the file says its slug is “{}” but it is named “{slug}.ron”; rename the file or fix the slug so they match",
                story.slug
            ),
        });
    }
    Ok((slug, story, text))
}

/// Creates a new, empty project called `name` in folder `dir` (made if
/// missing) and returns it opened.
pub fn create_project(dir: &Path, name: &str) -> Result<LoadedProject, StorageError> {
    if dir.join(PROJECT_FILE).exists() {
        return Err(StorageError::AlreadyAProject { path: dir.to_owned() });
    }
    for sub in [STORIES_DIR, PHOTOS_DIR] {
        let path = dir.join(sub);
        refuse_linked_dir(&path)?;
        fs::create_dir_all(&path).map_err(|source| StorageError::Write { path, source })?;
    }
    let mut folder = ProjectFolder {
        root: dir.to_owned(),
        project_file: None,
        story_files: HashMap::new(),
        photo_files: HashMap::new(),
        gitignore_checked: false,
    };
    let project = Project::new(name);
    folder.save(&project)?;
    Ok(LoadedProject { project, folder, problems: Vec::new() })
}

/// Adds the lines of [`GITIGNORED`] the project's `.gitignore` lacks,
/// keeping what the team wrote there.
pub fn ensure_gitignore(root: &Path) -> Result<(), StorageError> {
    let path = root.join(".gitignore");
    // A link would copy whatever it points at into the project.
    refuse_link(&path)?;
    let current = fs::read_to_string(&path).unwrap_or_default();
    let missing: Vec<&str> =
        GITIGNORED.iter().copied().filter(|line| !current.lines().any(|l| l.trim() == *line)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if text.is_empty() {
        text.push_str("# Copydesk: files of one machine, not for the team\n");
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    atomic_write(&path, text.as_bytes())
}

/// Removes temporary files of saves that were killed, once they are old
/// enough that no running save can own them. Failures are ignored: the
/// files are never read.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".copydesk-save-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry.metadata().and_then(|meta| meta.modified()).ok().and_then(|at| at.elapsed().ok());
        if old.is_some_and(|age| age > STALE_TEMP_AGE) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Saves `project` (open from the folder `from`) as a new project in `dir`
/// (made if missing; it must not hold a project): every file, the photos'
/// pictures and the code replacements copied. Returns the new folder to save
/// into from now on. Used when the project's own folder cannot be written.
pub fn save_project_as(dir: &Path, from: &Path, project: &Project) -> Result<ProjectFolder, StorageError> {
    if dir.join(PROJECT_FILE).exists() {
        return Err(StorageError::AlreadyAProject { path: dir.to_owned() });
    }
    for sub in [STORIES_DIR, PHOTOS_DIR] {
        let path = dir.join(sub);
        refuse_linked_dir(&path)?;
        fs::create_dir_all(&path).map_err(|source| StorageError::Write { path, source })?;
    }
    for photo in &project.photos {
        // A picture that cannot be read stays missing in the copy, as here.
        if let Ok(bytes) = read_photo_bytes(from, photo) {
            write_photo_bytes(dir, photo, &bytes)?;
        }
    }
    if let Ok(codes) = read_project_bytes(&from.join(CODE_REPLACEMENTS_FILE), MAX_RON_BYTES) {
        atomic_write(&dir.join(CODE_REPLACEMENTS_FILE), &codes)?;
    }
    let mut folder = ProjectFolder {
        root: dir.to_owned(),
        project_file: None,
        story_files: HashMap::new(),
        photo_files: HashMap::new(),
        gitignore_checked: false,
    };
    folder.save(project)?;
    Ok(folder)
}

/// Reads a file of copy to import, refusing very large files.
pub fn read_import_file(path: &Path) -> Result<Vec<u8>, StorageError> {
    read_bytes(path, MAX_IMPORT_BYTES)
}

/// Refuses a symbolic link: a project is untrusted input, and a link could
/// make Copydesk read (or later overwrite) a file outside the project.
fn refuse_link(path: &Path) -> Result<(), StorageError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(StorageError::Invalid {
            path: path.to_owned(),
            message: "the file is a link to somewhere else; Copydesk opens only files inside the project folder. \
                      Put the file itself here instead of the link"
                .to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Refuses a folder of the project (`stories/`, `photos/`, the thumbnail
/// cache) that is a symbolic link: it would make Copydesk read, and save
/// into, a folder outside the project. A missing folder is fine.
pub(crate) fn refuse_linked_dir(dir: &Path) -> Result<(), StorageError> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => Err(StorageError::Invalid {
            path: dir.to_owned(),
            message: "the folder is a link to somewhere else; Copydesk reads and saves only inside the project \
                      folder, so nothing in it was read or written. Replace the link with a real folder (move the \
                      files into it)"
                .to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Reads a file of the project (not one the user picked to import): links
/// are refused, and so is a file over `limit` bytes.
pub(super) fn read_project_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, StorageError> {
    refuse_link(path)?;
    read_bytes(path, limit)
}

fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, StorageError> {
    let read_error = |source| StorageError::Read { path: path.to_owned(), source };
    let size = fs::metadata(path).map_err(read_error)?.len();
    if size > limit {
        return Err(StorageError::TooLarge { path: path.to_owned(), size, limit });
    }
    fs::read(path).map_err(read_error)
}

fn read_text(path: &Path, limit: u64) -> Result<String, StorageError> {
    let bytes = read_project_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let before = error.as_bytes().get(..offset).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() + 1;
        StorageError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: "the file is not valid UTF-8 text".to_owned(),
        }
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder
/// is written, flushed and synced, then renamed over `path`. If anything
/// fails, `path` keeps its previous content.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let write_error = |source| StorageError::Write { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp =
        tempfile::Builder::new().prefix(".copydesk-save-").suffix(".tmp").tempfile_in(dir).map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.flush().map_err(write_error)?;
    // A temporary file is private to its owner (0600); the file it replaces
    // keeps its permissions, and a new one gets the usual 0644, so a team
    // sharing the folder can read what each other saved.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let permissions =
            fs::metadata(path).map(|m| m.permissions()).unwrap_or_else(|_| fs::Permissions::from_mode(0o644));
        temp.as_file().set_permissions(permissions).map_err(write_error)?;
    }
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(path).map_err(|error| write_error(error.error))?;
    // Make the rename itself durable. Not every platform can sync a folder,
    // and the data is already safe in the file, so a failure here is ignored.
    #[cfg(unix)]
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Writes one file of an export into `out_dir` (created with its parent
/// folders), atomically. `relative` must stay inside `out_dir`: a path
/// with `..`, a root or a drive is refused.
pub fn write_export_file(out_dir: &Path, relative: &str, bytes: &[u8]) -> Result<(), StorageError> {
    let relative_path = Path::new(relative);
    let inside = relative_path.components().all(|part| matches!(part, std::path::Component::Normal(_)));
    let path = out_dir.join(relative_path);
    if !inside || relative.is_empty() {
        return Err(StorageError::Invalid {
            path,
            message: format!("the export file name “{relative}” would leave the export folder"),
        });
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| StorageError::Write { path: parent.to_owned(), source })?;
    }
    atomic_write(&path, bytes)
}

/// Where the recovery file for the project in `project_dir` lives inside
/// `recovery_dir` (the app's own data folder, not the shared project).
pub fn recovery_path(recovery_dir: &Path, project_dir: &Path) -> PathBuf {
    let canonical = fs::canonicalize(project_dir).unwrap_or_else(|_| project_dir.to_owned());
    // FNV-1a: stable across Rust versions, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in canonical.to_string_lossy().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    recovery_dir.join(format!("recovery-{hash:016x}.ron"))
}

/// Autosaved unsaved work, found at start-up.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The project as it was when autosaved.
    pub project: Project,
    /// When it was autosaved.
    pub written: Timestamp,
}

/// Writes the unsaved `project` to its recovery file.
pub fn write_recovery(path: &Path, project_dir: &Path, project: &Project, now: Timestamp) -> Result<(), StorageError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|source| StorageError::Write { path: dir.to_owned(), source })?;
    }
    let file = RecoveryFile {
        schema: RECOVERY_SCHEMA,
        project_dir: project_dir.to_owned(),
        written: now,
        project: project.clone(),
    };
    atomic_write(path, ron_text(&file, path)?.as_bytes())
}

/// Reads the recovery file at `path`, if there is one.
pub fn read_recovery(path: &Path) -> Result<Option<Recovery>, StorageError> {
    if !path.is_file() {
        return Ok(None);
    }
    let text = read_text(path, 4 * MAX_RON_BYTES)?;
    let file = format::parse_recovery(&text, path)?;
    Ok(Some(Recovery { project: file.project, written: file.written }))
}

/// Removes the recovery file at `path`; a missing file is fine.
pub fn remove_recovery(path: &Path) -> Result<(), StorageError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StorageError::Write { path: path.to_owned(), source }),
    }
}

/// Writes a small file of git's or of this machine's (`.gitattributes`,
/// `.git/info/attributes`, a merge driver's result), atomically; a link
/// is refused.
pub fn write_git_file(path: &Path, text: &str) -> Result<(), StorageError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| StorageError::Write { path: parent.to_owned(), source })?;
    }
    refuse_link(path)?;
    atomic_write(path, text.as_bytes())
}

/// Reads a small text file (`.gitattributes`, a merge driver's input);
/// `None` when it does not exist. A link is refused.
pub fn read_small_text(path: &Path) -> Result<Option<String>, StorageError> {
    match fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    read_text(path, MAX_RON_BYTES).map(Some)
}

/// Parses a story file's text (from git's history, a conflict record).
pub fn parse_story_text(text: &str) -> Result<Story, StorageError> {
    format::parse_story(text, Path::new("story.ron"))
}

/// Refuses a folder that holds no Copydesk project.
pub fn check_project_folder(dir: &Path) -> Result<(), StorageError> {
    if dir.join(PROJECT_FILE).is_file() { Ok(()) } else { Err(StorageError::NotAProject { path: dir.to_owned() }) }
}

/// The story order and settings a `project.ron` text holds.
pub fn parse_project_text(text: &str, path: &Path) -> Result<(Vec<Slug>, ProjectSettings), StorageError> {
    let file = format::parse_project(text, path)?;
    Ok((file.story_order, file.settings))
}

/// Reads `project.ron` again (after a sync changed it): its text.
pub fn read_project_file(dir: &Path) -> Result<String, StorageError> {
    read_text(&dir.join(PROJECT_FILE), MAX_RON_BYTES)
}

/// A photo's record as a text (from the folder, a merge): the photo.
pub fn parse_photo_text(text: &str, path: &Path) -> Result<Photo, StorageError> {
    format::parse_photo(text, path)
}

/// Reads one photo's record again (after a sync changed it): `None` when
/// it is gone.
pub fn read_photo_record(dir: &Path, id: &PhotoId) -> Result<Option<(Photo, String)>, StorageError> {
    refuse_linked_dir(&dir.join(PHOTOS_DIR))?;
    let path = dir.join(PHOTOS_DIR).join(format!("{id}.ron"));
    let Some(text) = read_small_text(&path)? else { return Ok(None) };
    Ok(Some((photo_record(&text, &path)?, text)))
}

/// The photo a record at `path` holds. Its file name must be its id, and
/// its image must sit beside it under a plain name (never a path), so a
/// hostile record cannot point elsewhere.
fn photo_record(text: &str, path: &Path) -> Result<Photo, StorageError> {
    let photo = format::parse_photo(text, path)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let plain_file = Path::new(&photo.file).file_name().is_some_and(|name| name == photo.file.as_str())
        && photo.file.starts_with(photo.id.as_str());
    if stem != photo.id.as_str() || !plain_file {
        return Err(StorageError::Invalid {
            path: path.to_owned(),
            message: format!(
                "the record says its photo is “{}” in file “{}”, which does not match the record's name; \
                 a record must be named <id>.ron and its image <id>.<extension> beside it",
                photo.id, photo.file
            ),
        });
    }
    Ok(photo)
}

/// The `.ron` files directly in `dir`, sorted.
fn ron_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    paths.sort();
    Ok(paths)
}
