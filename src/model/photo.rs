//! Photos: the project's library of images with their captions and rights,
//! and each story's uses of them (order, lead photo, crop, focal point).
//!
//! A photo belongs to the project, not to one story, so the same picture
//! used by two stories carries one caption. What differs per story lives
//! in its [`PhotoUse`].

use serde::{Deserialize, Serialize};

/// A photo's identity: the stem of its file in the project's `photos/`
/// folder, taken from a hash of its bytes, so importing the same picture
/// twice stores it once.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhotoId(String);

impl TryFrom<String> for PhotoId {
    type Error = String;

    /// Files name photos by id, so an id from a file must be exactly
    /// [`PhotoId::LEN`] lowercase hex digits: never a path.
    fn try_from(text: String) -> Result<Self, Self::Error> {
        match PhotoId::from_hex(&text) {
            Some(id) if id.0.len() == text.len() => Ok(id),
            _ => Err(format!("“{text}” is not a photo id ({} lowercase hex digits)", PhotoId::LEN)),
        }
    }
}

impl From<PhotoId> for String {
    fn from(id: PhotoId) -> Self {
        id.0
    }
}

impl PhotoId {
    /// How many hex digits of the content hash an id keeps.
    pub const LEN: usize = 16;

    /// The id for a content hash given as hex digits (the first
    /// [`Self::LEN`] are kept); `None` unless they are lowercase hex.
    pub fn from_hex(hex: &str) -> Option<Self> {
        let id = hex.get(..Self::LEN)?;
        id.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()).then(|| PhotoId(id.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PhotoId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A photo in the project's library: its file and everything an editor
/// writes or an agency embedded about it. Field order is the order in its
/// RON file; keep it stable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    /// Its identity (the file's stem).
    pub id: PhotoId,
    /// The image file's name inside `photos/` (`<id>.<ext>`).
    pub file: String,
    /// The name of the file it was imported from, for the editor's memory.
    pub original_name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The caption, with the marks of its pending suggestions
    /// ([`super::tracked`], as in a story's text fields): as it will be
    /// published once they are resolved. [`Photo::caption_as_it_stands`] is
    /// what exports, checks and the picture's metadata read.
    pub caption: String,
    /// The authors and times of the caption's suggestions, by id.
    pub suggestions: Vec<super::Suggestion>,
    /// The agency's headline for the picture.
    pub headline: String,
    /// The credit line, e.g. "AP Photo/Hadi Mizban".
    pub credit: String,
    /// The photographer.
    pub creator: String,
    /// Who supplied it (agency).
    pub source: String,
    /// The copyright notice.
    pub copyright: String,
    /// Usage terms (rights, restrictions).
    pub usage_terms: String,
    /// The last day it may be used (`YYYY-MM-DD`), empty when open-ended.
    pub usage_expires: String,
    /// Text for readers who cannot see the picture.
    pub alt_text: String,
    /// When it was taken, as the file says (ISO 8601 where known).
    pub date_created: String,
    /// Where it was taken.
    pub city: String,
    /// The country it was taken in.
    pub country: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The agency's instructions (embargoes, restrictions).
    pub instructions: String,
    /// People shown.
    pub persons_shown: Vec<String>,
    /// Values the file held that lost to another (IIM against XMP), kept so
    /// the editor can see them.
    pub other_values: Vec<OtherValue>,
}

impl Photo {
    /// A photo with no caption or rights yet.
    pub fn new(id: PhotoId, file: String, original_name: String, width: u32, height: u32) -> Self {
        Photo {
            id,
            file,
            original_name,
            width,
            height,
            caption: String::new(),
            suggestions: Vec::new(),
            headline: String::new(),
            credit: String::new(),
            creator: String::new(),
            source: String::new(),
            copyright: String::new(),
            usage_terms: String::new(),
            usage_expires: String::new(),
            alt_text: String::new(),
            date_created: String::new(),
            city: String::new(),
            country: String::new(),
            keywords: Vec::new(),
            instructions: String::new(),
            persons_shown: Vec::new(),
            other_values: Vec::new(),
        }
    }

    /// The caption as it stands: pending insertions out, pending deletions
    /// still in (borrowed when it holds no marks, as most do).
    pub fn caption_as_it_stands(&self) -> std::borrow::Cow<'_, str> {
        super::tracked::as_it_stands(&self.caption)
    }

    /// Whether the caption has suggestions waiting to be accepted or
    /// rejected.
    pub fn has_pending_suggestions(&self) -> bool {
        super::tracked::has_marks(&self.caption) && !super::tracked::suggestion_ids(&self.caption).is_empty()
    }
}

/// A value the file also held for a field, which lost to the preferred one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherValue {
    /// The field ("caption", "credit", …).
    pub field: String,
    /// The value.
    pub value: String,
    /// Where it came from ("IPTC IIM", "EXIF").
    pub source: String,
}

/// A story's use of a photo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoUse {
    /// Which photo.
    pub photo: PhotoId,
    /// The story's lead photo (at most one use per story is).
    pub lead: bool,
    /// The part of the picture to show, as fractions of its width and
    /// height; `None` shows it whole.
    pub crop: Option<Crop>,
    /// The point crops keep in view, as fractions (0–1) of width and height.
    pub focal_point: Option<(f32, f32)>,
}

impl PhotoUse {
    /// A plain use of `photo`: not lead, uncropped.
    pub fn of(photo: PhotoId) -> Self {
        PhotoUse { photo, lead: false, crop: None, focal_point: None }
    }
}

/// A crop rectangle as fractions (0–1) of the picture's width and height.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crop {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Crop {
    /// Crops narrower or shorter than this fraction are taken for a click,
    /// not a crop.
    pub const MIN_SIDE: f32 = 0.02;

    /// The crop dragged from corner `from` to corner `to` (fractions of the
    /// picture), kept inside it. With `aspect` (width / height, in pixels
    /// of a `pixel_width` × `pixel_height` picture) the crop keeps that
    /// shape, anchored at `from`. `None` when the drag is too small to mean
    /// a crop or the numbers are not finite.
    pub fn from_corners(
        from: (f32, f32),
        to: (f32, f32),
        aspect: Option<f32>,
        (pixel_width, pixel_height): (u32, u32),
    ) -> Option<Crop> {
        let clamp = |v: f32| v.clamp(0.0, 1.0);
        let finite = [from.0, from.1, to.0, to.1].iter().all(|v| v.is_finite());
        if !finite {
            return None;
        }
        let (fx, fy) = (clamp(from.0), clamp(from.1));
        let (tx, ty) = (clamp(to.0), clamp(to.1));
        let (mut width, mut height) = ((tx - fx).abs(), (ty - fy).abs());
        if let Some(aspect) = aspect.filter(|a| a.is_finite() && *a > 0.0)
            && pixel_width > 0
            && pixel_height > 0
        {
            // In fractions, a crop of `aspect` has height = width * W / (H * aspect).
            let ratio = pixel_width as f32 / (pixel_height as f32 * aspect);
            // The side the pointer moved further along decides; the other follows.
            if height < width * ratio {
                height = width * ratio;
            } else {
                width = height / ratio;
            }
            // Shrink to stay inside the picture from the anchor corner.
            let room_x = if tx >= fx { 1.0 - fx } else { fx };
            let room_y = if ty >= fy { 1.0 - fy } else { fy };
            let scale = (room_x / width).min(room_y / height).min(1.0);
            width *= scale;
            height *= scale;
        }
        if width < Self::MIN_SIDE || height < Self::MIN_SIDE {
            return None;
        }
        let x = if tx >= fx { fx } else { fx - width };
        let y = if ty >= fy { fy } else { fy - height };
        Some(Crop { x: clamp(x), y: clamp(y), width, height })
    }

    /// The crop's size in pixels of a `pixel_width` × `pixel_height` picture.
    pub fn pixels(&self, (pixel_width, pixel_height): (u32, u32)) -> (u32, u32) {
        ((self.width * pixel_width as f32).round() as u32, (self.height * pixel_height as f32).round() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_follow_the_drag_in_any_direction() {
        let crop = Crop::from_corners((0.6, 0.7), (0.2, 0.1), None, (400, 300));
        let crop = crop.map(|c| {
            ((c.x * 100.0).round(), (c.y * 100.0).round(), (c.width * 100.0).round(), (c.height * 100.0).round())
        });
        assert_eq!(crop, Some((20.0, 10.0, 40.0, 60.0)));
        assert_eq!(Crop::from_corners((0.5, 0.5), (0.51, 0.9), None, (400, 300)), None, "a click is not a crop");
        assert_eq!(Crop::from_corners((f32::NAN, 0.5), (0.9, 0.9), None, (400, 300)), None);
    }

    #[test]
    fn fixed_aspect_crops_keep_their_shape_inside_the_picture() {
        // A 16:9 crop of a 4:3 picture, dragged to the far corner.
        let Some(crop) = Crop::from_corners((0.0, 0.0), (1.0, 1.0), Some(16.0 / 9.0), (4000, 3000)) else {
            panic!("a crop")
        };
        let (w, h) = crop.pixels((4000, 3000));
        assert_eq!((w, h), (4000, 2250));
        // Dragged up and left from near the bottom right; stays inside.
        let Some(crop) = Crop::from_corners((0.9, 0.9), (0.0, 0.5), Some(1.0), (4000, 3000)) else { panic!("a crop") };
        let (w, h) = crop.pixels((4000, 3000));
        assert!(w.abs_diff(h) <= 1, "{w} × {h} is square");
        assert!(crop.x >= 0.0 && crop.y >= 0.0 && crop.x + crop.width <= 0.9001 && crop.y + crop.height <= 0.9001);
    }

    #[test]
    fn ids_are_lowercase_hex_prefixes() {
        assert_eq!(PhotoId::from_hex("0123456789abcdef0123").map(|id| id.to_string()), Some("0123456789abcdef".into()));
        assert_eq!(PhotoId::from_hex("0123456789ABCDEF"), None);
        assert_eq!(PhotoId::from_hex("../../etc/passwd"), None);
        assert_eq!(PhotoId::from_hex("abc"), None);
    }
}
