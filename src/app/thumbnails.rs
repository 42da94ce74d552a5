//! Thumbnails of the open project's photos as egui textures: asked of the
//! [`ThumbnailService`] (worker threads, disk cache) when a panel first
//! needs one, uploaded when they arrive. Nothing here waits for decoding.

use std::collections::HashMap;
use std::path::Path;

use crate::model::Photo;
use crate::photos::thumbs::{DecodeLimits, ThumbRequest, ThumbnailService};
use crate::ui::photos_panel::{PhotoTile, TileImage};

/// The long side of grid thumbnails, in pixels.
pub const GRID_EDGE: u32 = 256;
/// The long side of the detail pane's preview, in pixels.
pub const PREVIEW_EDGE: u32 = 1280;
/// The long side of a zoomed-in preview, in pixels: full resolution for
/// most pictures, bounded so one texture stays under 64 MB.
pub const FULL_EDGE: u32 = 4096;

/// Textures of photo thumbnails, by photo id and size.
#[derive(Default)]
pub struct Thumbnails {
    service: Option<ThumbnailService>,
    tiles: HashMap<(String, u32), TileImage>,
}

impl Thumbnails {
    /// Takes in finished thumbnails as textures.
    pub fn update(&mut self, ctx: &egui::Context) {
        let Some(service) = &self.service else { return };
        for result in service.take_results() {
            let key = (result.key.clone(), result.max_edge);
            let final_known = matches!(self.tiles.get(&key), Some(TileImage::Ready(_)) if result.preliminary);
            if final_known {
                continue;
            }
            let tile = match (result.missing, result.thumbnail) {
                (true, _) => TileImage::Missing,
                (false, Ok(thumbnail)) => {
                    let size = [thumbnail.width as usize, thumbnail.height as usize];
                    let image = egui::ColorImage::from_rgba_unmultiplied(size, &thumbnail.rgba);
                    let name = format!("photo-{}-{}", result.key, result.max_edge);
                    let texture = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
                    if result.preliminary { TileImage::Preliminary(texture) } else { TileImage::Ready(texture) }
                }
                (false, Err(message)) => TileImage::Failed(message),
            };
            self.tiles.insert(key, tile);
        }
    }

    /// The image for `photo` at `edge`, asking for it when it is not known
    /// yet (the tile shows "Loading" until it arrives).
    pub fn tile(&mut self, ctx: &egui::Context, project_dir: &Path, photo: &Photo, edge: u32) -> PhotoTile {
        let key = (photo.id.to_string(), edge);
        if !self.tiles.contains_key(&key) {
            let service = self.service.get_or_insert_with(|| {
                let ctx = ctx.clone();
                ThumbnailService::new(DecodeLimits::default(), move || ctx.request_repaint())
            });
            service.request(ThumbRequest {
                key: key.0.clone(),
                photo: crate::storage::photo_file_path(project_dir, photo),
                project_dir: project_dir.to_owned(),
                max_edge: edge,
            });
            self.tiles.insert(key.clone(), TileImage::Loading);
        }
        PhotoTile { image: self.tiles.get(&key).cloned().unwrap_or(TileImage::Loading) }
    }

    /// The picture at up to [`FULL_EDGE`], for a zoomed-in preview. Only
    /// one photo's full-size texture is kept: the others are let go.
    pub fn full_size(&mut self, ctx: &egui::Context, project_dir: &Path, photo: &Photo) -> PhotoTile {
        let key = photo.id.as_str();
        self.tiles.retain(|(tile_key, edge), _| *edge != FULL_EDGE || tile_key == key);
        self.tile(ctx, project_dir, photo, FULL_EDGE)
    }

    /// Thumbnails made and asked for since the queue was last empty, for a
    /// progress bar; `None` when nothing is being made.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let service = self.service.as_ref()?;
        (service.pending() > 0).then(|| service.done_total())
    }

    /// How many images are made or being made (each photo at each size
    /// asked for).
    pub fn asked(&self) -> usize {
        self.tiles.len()
    }

    /// Forgets the images of one photo, so they are made again (its file
    /// was relinked).
    pub fn forget(&mut self, key: &str) {
        self.tiles.retain(|(tile_key, _), _| tile_key != key);
    }

    /// Forgets every texture and stops the workers (another project opened).
    pub fn clear(&mut self) {
        self.service = None;
        self.tiles.clear();
    }
}
