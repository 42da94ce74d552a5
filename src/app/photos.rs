//! Photos: attaching pictures (read on a background thread, attached as one
//! step through `ops::attach_photos`, the same door as `copydesk photo
//! add`), relinking a missing file, caption templates, and writing captions
//! back into the files.

use std::path::{Path, PathBuf};

use super::{CopydeskApp, WorkspaceTab};
use crate::clock::now;
use crate::edit::Edit;
use crate::model::{Photo, PhotoId, Slug};
use crate::storage;

/// The file extensions the photo manager attaches.
pub(super) const PICTURE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "tif", "tiff"];

/// Whether a dropped file is a picture (by its extension; its content is
/// checked when it is copied in).
pub(super) fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| PICTURE_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(ext)))
}

impl CopydeskApp {
    /// Asks for pictures and attaches them to the selected story.
    pub(super) fn pick_photos_to_attach(&mut self, ctx: &egui::Context) {
        let picked = rfd::FileDialog::new()
            .set_title("Attach photos")
            .add_filter("Pictures (JPEG, PNG, WebP, TIFF)", &PICTURE_EXTENSIONS)
            .pick_files();
        if let Some(paths) = picked {
            self.attach_photos(&paths, ctx);
        }
    }

    /// Starts copying pictures into the project (stored once by content)
    /// and reading their agency metadata on a background thread; they are
    /// attached to the selected story, as one undo step, when all are read
    /// (see [`Self::finish_photo_imports`]).
    pub fn attach_photos(&mut self, paths: &[PathBuf], ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story().map(|story| story.slug.clone()) else { return };
        let root = workspace.root().to_owned();
        let repaint = ctx.clone();
        self.photo_imports.push(super::photo_import::PhotoImport::start(root, story, paths.to_vec(), move || {
            repaint.request_repaint();
        }));
        self.view.tab = WorkspaceTab::Photos;
        self.status = format!("Attaching {} {}…", paths.len(), if paths.len() == 1 { "photo" } else { "photos" });
    }

    /// Attaches the photos of every import that has finished.
    pub(super) fn finish_photo_imports(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        self.photo_imports.retain_mut(|import| {
            let done = import.poll();
            if done {
                finished.push((
                    import.story.clone(),
                    std::mem::take(&mut import.photos),
                    std::mem::take(&mut import.failures),
                ));
            }
            !done
        });
        for (story, photos, failures) in finished {
            self.finish_photo_import(&story, photos, failures, ctx);
        }
    }

    fn finish_photo_import(&mut self, story: &Slug, photos: Vec<Photo>, failures: Vec<String>, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let count = photos.len();
        let first = photos.first().map(|photo| photo.id.clone());
        match crate::ops::attach_photos(workspace.project(), story.as_str(), photos, now()) {
            Ok(Some(edit)) => {
                let label =
                    if count == 1 { "attaching a photo".to_owned() } else { format!("attaching {count} photos") };
                if self.apply_step(edit, label, ctx) {
                    if self.selected_slug().as_ref() == Some(story) {
                        self.view.photos.selected = first;
                    }
                    self.status = format!("Attached {count} {}.", if count == 1 { "photo" } else { "photos" });
                }
            }
            Ok(None) if count > 0 => self.status = "Those photos are already attached to this story.".to_owned(),
            Ok(None) => {}
            Err(refused) => self.status = format!("Not attached: {refused}"),
        }
        if !failures.is_empty() {
            self.show_error("Some photos could not be attached or read", failures.join("\n\n"));
        }
    }

    /// Asks for the picture to put in place of a photo's missing file.
    pub(super) fn pick_relink_file(&mut self, id: &PhotoId) {
        let picked = rfd::FileDialog::new()
            .set_title("Choose the picture to relink")
            .add_filter("Pictures (JPEG, PNG, WebP, TIFF)", &PICTURE_EXTENSIONS)
            .pick_file();
        if let Some(path) = picked {
            self.relink_photo(id, &path);
        }
    }

    /// Puts the picture at `path` in place of a photo's missing file.
    pub(super) fn relink_photo(&mut self, id: &PhotoId, path: &Path) {
        let Some(workspace) = &self.workspace else { return };
        let Some(photo) = workspace.project().photo(id) else { return };
        match storage::relink_photo_file(workspace.root(), photo, path) {
            Ok(()) => {
                self.status = format!("Relinked photos/{} to {}", photo.file, path.display());
                self.thumbnails.forget(id.as_str());
            }
            Err(error) => self.show_error("Could not relink the photo", error.to_string()),
        }
    }

    /// Fills `template` into the captions of `photos`, as one undo step.
    pub(super) fn apply_caption_template(
        &mut self,
        photos: &[PhotoId],
        template: &str,
        keep: bool,
        ctx: &egui::Context,
    ) {
        let Some(workspace) = &self.workspace else { return };
        let byline = workspace.selected_story().map(|story| story.byline.clone()).unwrap_or_default();
        let typed: Vec<Result<Option<Edit>, String>> = photos
            .iter()
            .filter_map(|id| workspace.project().photo(id))
            .map(|photo| {
                let values = crate::photos::template::TemplateValues {
                    byline: &byline,
                    date: &photo.date_created,
                    city: &photo.city,
                    credit: &photo.credit,
                };
                // Filled into the caption as shown, and typed there: a
                // suggestion in suggestion mode, refused inside another
                // editor's suggestion.
                let shown = crate::model::tracked::parse_shared(&photo.caption).shown.clone();
                let caption = crate::photos::template::apply(&shown, template, &values, keep);
                let by = (self.prefs.editor_name.as_str(), crate::clock::now());
                crate::edit::typed_caption(photo, &caption, by, self.view.suggesting)
            })
            .collect();
        let refused = typed.iter().filter(|result| result.is_err()).count();
        let left = if refused == 0 {
            String::new()
        } else {
            let (what, were) = if refused == 1 { ("caption", "was") } else { ("captions", "were") };
            format!("; {refused} {what} would have changed another editor's suggestion and {were} left as written")
        };
        let edits: Vec<Edit> = typed.into_iter().filter_map(|result| result.ok().flatten()).collect();
        let count = edits.len();
        if count == 0 {
            self.status = format!("The template changes no caption{left}.");
            return;
        }
        if self.apply_step(Edit::Batch(edits), format!("caption template on {count} photos"), ctx) {
            self.status =
                format!("Applied the template to {count} {}{left}.", if count == 1 { "caption" } else { "captions" });
        }
    }

    /// Writes a photo's caption and rights into the project's copy of its
    /// file, keeping every other field the file has.
    pub(super) fn write_photo_metadata(&mut self, id: &PhotoId) {
        let Some(workspace) = &self.workspace else { return };
        let Some(photo) = workspace.project().photo(id) else { return };
        let root = workspace.root().to_owned();
        let fields = crate::photos::metadata::WritableMetadata {
            caption: photo.caption_as_it_stands().into_owned(),
            credit: photo.credit.clone(),
            creator: photo.creator.clone(),
            copyright: photo.copyright.clone(),
            alt_text: photo.alt_text.clone(),
            headline: Some(photo.headline.clone()),
            keywords: Some(photo.keywords.clone()),
        };
        let result = storage::read_photo_bytes(&root, photo)
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                crate::photos::metadata::write_jpeg_metadata(&bytes, &fields)
                    .map_err(|error| format!("{}: {error}", storage::photo_file_path(&root, photo).display()))
            })
            .and_then(|bytes| storage::write_photo_bytes(&root, photo, &bytes).map_err(|error| error.to_string()));
        match result {
            Ok(()) => self.status = format!("Wrote the caption and credit into photos/{}", photo.file),
            Err(message) => self.show_error("Could not write the caption into the file", message),
        }
    }
}
