//! The cache folder inside a project — thumbnails and other cache files —
//! and reading photo files for it.
//!
//! ```text
//! .copydesk-cache/              git-ignored (holds a `.gitignore` of `*`)
//! .copydesk-cache/thumbs/<key>-<edge>.png
//! .copydesk-cache/proofing.json the stored proofing marks (proofing::StoredMarks)
//! ```
//!
//! A thumbnail's key is the photo's content hash, so a cached thumbnail
//! never goes stale. The cache is disposable: a missing or broken file is a miss, and
//! deleting the folder only costs the time to make the thumbnails again.

use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder, ImageFormat, ImageReader, Limits};

use super::{StorageError, atomic_write, read_project_bytes, refuse_linked_dir};

/// A decoded thumbnail: plain (not premultiplied) RGBA, 8 bits a channel,
/// rows top to bottom, already turned the right way up. Defined here, with
/// the cache that stores it, so storage needs nothing from `photos`.
#[derive(Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height × 4` bytes: red, green, blue, alpha.
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Thumbnail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Thumbnail")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("rgba", &format_args!("[{} bytes]", self.rgba.len()))
            .finish()
    }
}

/// The cache folder's name, inside the project folder.
pub const CACHE_DIR: &str = ".copydesk-cache";

/// The thumbnails' folder, inside [`CACHE_DIR`].
const THUMBS_DIR: &str = "thumbs";

/// What the cache folder's `.gitignore` says: ignore everything, itself too.
const GITIGNORE: &[u8] = b"# Copydesk's cache (thumbnails, proofing marks): safe to delete, never commit.\n*\n";

/// The largest cached thumbnail file read, in bytes.
const MAX_CACHE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest side of a cached thumbnail, in pixels.
const MAX_CACHE_EDGE: u32 = 16_384;

/// The project's cache folder.
pub fn cache_dir(project_dir: &Path) -> PathBuf {
    project_dir.join(CACHE_DIR)
}

/// Where the thumbnail of the photo with content hash `key`, at most
/// `max_edge` pixels on its long side, is cached. A key that is not plain
/// lower-case letters and digits is hashed, so any key makes a safe file
/// name and different keys never share a file.
pub fn thumb_path(project_dir: &Path, key: &str, max_edge: u32) -> PathBuf {
    let plain = !key.is_empty()
        && key.len() <= 128
        && key.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit());
    let name = if plain { key.to_owned() } else { blake3::hash(key.as_bytes()).to_hex().to_string() };
    cache_dir(project_dir).join(THUMBS_DIR).join(format!("{name}-{max_edge}.png"))
}

/// Reads a cached thumbnail. Any problem (no file, a broken or oversized
/// one, a cache folder that is a link) is a cache miss: `None`.
pub fn read_thumb(path: &Path) -> Option<Thumbnail> {
    refuse_linked_cache(path).ok()?;
    let bytes = read_project_bytes(path, MAX_CACHE_FILE_BYTES).ok()?;
    let decode = || {
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_CACHE_EDGE);
        limits.max_image_height = Some(MAX_CACHE_EDGE);
        let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
        reader.limits(limits);
        reader.decode().ok()
    };
    // A panic in the decoder is a miss too, not a dead worker.
    let rgba = panic::catch_unwind(AssertUnwindSafe(decode)).ok().flatten()?.into_rgba8();
    Some(Thumbnail { width: rgba.width(), height: rgba.height(), rgba: rgba.into_raw() })
}

/// Saves a thumbnail in the cache as a PNG, atomically, creating the cache
/// folder (with its `.gitignore`) when needed. A cache folder that is a
/// link is refused.
pub fn write_thumb(path: &Path, thumbnail: &Thumbnail) -> Result<(), StorageError> {
    refuse_linked_cache(path)?;
    let expected = u64::from(thumbnail.width) * u64::from(thumbnail.height) * 4;
    if thumbnail.width == 0 || thumbnail.height == 0 || thumbnail.rgba.len() as u64 != expected {
        return Err(StorageError::Invalid {
            path: path.to_owned(),
            message: format!(
                "the thumbnail's pixels ({} bytes) do not match its size ({} × {})",
                thumbnail.rgba.len(),
                thumbnail.width,
                thumbnail.height
            ),
        });
    }
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&thumbnail.rgba, thumbnail.width, thumbnail.height, ExtendedColorType::Rgba8)
        .map_err(|error| StorageError::Invalid {
            path: path.to_owned(),
            message: format!("could not encode the thumbnail as PNG ({error})"),
        })?;
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        create_folder(folder)?;
        if let Some(cache) = folder.ancestors().find(|dir| dir.file_name().is_some_and(|name| name == CACHE_DIR)) {
            ensure_gitignore(cache)?;
        }
    }
    atomic_write(path, &png)
}

/// The largest other cache file read (see [`read_cache_file`]), in bytes.
const MAX_OTHER_CACHE_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the file `name` (a plain file name) of the project's cache folder,
/// such as the stored proofing marks. Any problem (no file, too big, a
/// cache folder that is a link, a name with a path in it) is a miss.
pub fn read_cache_file(project_dir: &Path, name: &str) -> Option<Vec<u8>> {
    let path = cache_file_path(project_dir, name)?;
    refuse_linked_cache(&path).ok()?;
    read_project_bytes(&path, MAX_OTHER_CACHE_FILE_BYTES).ok()
}

/// Writes the file `name` (a plain file name) of the project's cache
/// folder atomically, creating the folder with its `.gitignore`.
pub fn write_cache_file(project_dir: &Path, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
    let Some(path) = cache_file_path(project_dir, name) else {
        return Err(StorageError::Invalid {
            path: cache_dir(project_dir).join(name),
            message: "a cache file's name must be a plain file name".to_owned(),
        });
    };
    ensure_cache_dir(project_dir)?;
    refuse_linked_cache(&path)?;
    atomic_write(&path, bytes)
}

/// Where the cache file `name` is, when it is a plain file name.
fn cache_file_path(project_dir: &Path, name: &str) -> Option<PathBuf> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    plain.then(|| cache_dir(project_dir).join(name))
}

/// Creates the project's cache folder with its `.gitignore`, if missing,
/// and returns it.
pub fn ensure_cache_dir(project_dir: &Path) -> Result<PathBuf, StorageError> {
    let cache = cache_dir(project_dir);
    refuse_linked_dir(&cache)?;
    create_folder(&cache)?;
    ensure_gitignore(&cache)?;
    Ok(cache)
}

/// Refuses a cache file's folders, from its own up to [`CACHE_DIR`], when
/// one is a link: a project is untrusted input, and its cache (git-ignored,
/// but a link can still be committed) must not lead outside it.
fn refuse_linked_cache(path: &Path) -> Result<(), StorageError> {
    let Some(cache) = path.ancestors().find(|dir| dir.file_name().is_some_and(|name| name == CACHE_DIR)) else {
        return Ok(());
    };
    path.ancestors().skip(1).take_while(|dir| *dir != cache).try_for_each(refuse_linked_dir)?;
    refuse_linked_dir(cache)
}

fn create_folder(folder: &Path) -> Result<(), StorageError> {
    std::fs::create_dir_all(folder).map_err(|source| StorageError::Write { path: folder.to_owned(), source })
}

fn ensure_gitignore(cache: &Path) -> Result<(), StorageError> {
    let path = cache.join(".gitignore");
    if path.is_file() {
        return Ok(());
    }
    atomic_write(&path, GITIGNORE)
}

/// Reads a photo file whole, refusing files larger than `max_bytes`
/// ([`StorageError::TooLarge`]) before reading them, and a file or folder
/// (`photos/`) that is a link.
pub fn read_photo_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, StorageError> {
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        refuse_linked_dir(folder)?;
    }
    read_project_bytes(path, max_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_safe_file_names() {
        let project = Path::new("p");
        let hex = "0123456789abcdef";
        assert_eq!(thumb_path(project, hex, 256), Path::new("p/.copydesk-cache/thumbs/0123456789abcdef-256.png"));
        let hostile = thumb_path(project, "../../etc/passwd", 256);
        assert!(hostile.starts_with("p/.copydesk-cache/thumbs"));
        assert_eq!(hostile.components().count(), 4);
        assert_ne!(thumb_path(project, "ABC", 1), thumb_path(project, "abc", 1));
        assert_ne!(thumb_path(project, "", 1), thumb_path(project, "a", 1));
    }

    #[test]
    fn a_thumbnail_round_trips_and_the_cache_is_git_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = thumb_path(dir.path(), "abc", 2);
        assert_eq!(read_thumb(&path), None);
        let thumb = Thumbnail { width: 2, height: 1, rgba: vec![1, 2, 3, 255, 4, 5, 6, 128] };
        write_thumb(&path, &thumb).unwrap();
        assert_eq!(read_thumb(&path), Some(thumb));
        let gitignore = std::fs::read_to_string(dir.path().join(CACHE_DIR).join(".gitignore")).unwrap();
        assert!(gitignore.lines().any(|line| line == "*"));
        std::fs::write(&path, b"not a png").unwrap();
        assert_eq!(read_thumb(&path), None);
        let wrong = Thumbnail { width: 2, height: 2, rgba: vec![0; 4] };
        assert!(matches!(write_thumb(&path, &wrong), Err(StorageError::Invalid { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_folder_that_is_a_link_is_neither_read_nor_written() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let thumb = Thumbnail { width: 1, height: 1, rgba: vec![1, 2, 3, 255] };
        write_thumb(&thumb_path(outside.path(), "abc", 2), &thumb).unwrap();
        std::os::unix::fs::symlink(outside.path().join(CACHE_DIR), dir.path().join(CACHE_DIR)).unwrap();
        let path = thumb_path(dir.path(), "abc", 2);
        assert_eq!(read_thumb(&path), None, "a cached thumbnail behind the link is not read");
        let error = write_thumb(&thumb_path(dir.path(), "def", 2), &thumb).unwrap_err();
        assert_eq!(error.path(), dir.path().join(CACHE_DIR), "{error}");
        assert!(ensure_cache_dir(dir.path()).is_err());
        assert!(!thumb_path(outside.path(), "def", 2).exists(), "nothing is written through the link");

        std::fs::remove_file(dir.path().join(CACHE_DIR)).unwrap();
        std::fs::create_dir(dir.path().join(CACHE_DIR)).unwrap();
        std::os::unix::fs::symlink(outside.path().join(CACHE_DIR).join(THUMBS_DIR), path.parent().unwrap()).unwrap();
        assert_eq!(read_thumb(&path), None, "nor behind a linked thumbs/");
        assert!(write_thumb(&thumb_path(dir.path(), "def", 2), &thumb).is_err());
        assert!(!thumb_path(outside.path(), "def", 2).exists());
    }

    #[test]
    fn large_photo_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jpg");
        std::fs::write(&path, [0u8; 100]).unwrap();
        assert_eq!(read_photo_file(&path, 100).unwrap().len(), 100);
        let error = read_photo_file(&path, 99).unwrap_err();
        assert!(matches!(error, StorageError::TooLarge { size: 100, limit: 99, .. }));
    }
}
