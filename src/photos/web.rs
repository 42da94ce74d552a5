//! Web renditions for export: the picture turned the right way up, cut to
//! the story's crop, scaled to a long edge (never enlarged), encoded as
//! JPEG, with the caption, credit, photographer, copyright and alt text
//! written into it (IPTC and XMP) so it carries them downstream.
//!
//! Decoding has the same limits as thumbnails. Output is deterministic:
//! the same bytes and crop give the same JPEG.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;

use super::metadata::{WritableMetadata, write_jpeg_metadata};
use super::thumbs::{DecodeLimits, ThumbError, decode, guarded, orientation, shrink_to_fit};
use crate::model::Crop;

/// JPEG quality of web renditions: visually clean at a reasonable size.
pub const WEB_QUALITY: u8 = 85;

/// One web-sized JPEG.
#[derive(Clone, PartialEq, Eq)]
pub struct WebImage {
    /// The long edge it was asked for.
    pub edge: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The focal point in this image's pixels, when one is set.
    pub focal_point: Option<(u32, u32)>,
    /// The JPEG file, metadata included.
    pub jpeg: Vec<u8>,
}

impl std::fmt::Debug for WebImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebImage")
            .field("edge", &self.edge)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("focal_point", &self.focal_point)
            .field("jpeg", &format_args!("[{} bytes]", self.jpeg.len()))
            .finish()
    }
}

/// Why a rendition could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The picture could not be decoded.
    #[error(transparent)]
    Decode(#[from] ThumbError),
    /// Encoding the JPEG failed.
    #[error("could not encode the web copy as JPEG: {0}")]
    Encode(String),
    /// Writing the caption into it failed.
    #[error("could not write the caption into the web copy: {0}")]
    Metadata(String),
}

/// Makes one rendition per long edge in `edges` (largest first is usual)
/// of the picture in `bytes`, cut to `crop` (fractions of the upright
/// picture) and carrying `metadata`. The focal point (fractions) is placed
/// in each rendition's pixels, kept inside the crop.
pub fn web_renditions(
    bytes: &[u8],
    crop: Option<Crop>,
    focal_point: Option<(f32, f32)>,
    edges: &[u32],
    limits: &DecodeLimits,
    metadata: &WritableMetadata,
) -> Result<Vec<WebImage>, WebError> {
    let largest = edges.iter().copied().max().unwrap_or(1).max(1);
    // A crop keeps a part of the picture: decode large enough that the part
    // still fills the largest edge.
    let part = crop.map_or(1.0, |crop| crop.width.max(crop.height).clamp(0.01, 1.0));
    let needed = (largest as f32 / part).ceil() as u32;
    let upright = guarded(|| {
        let mut image = decode(bytes, Some(needed), limits)?;
        image.apply_orientation(orientation(bytes));
        Ok(image)
    })?;
    let (full_width, full_height) = (upright.width(), upright.height());
    let (x, y, width, height) = crop_pixels(crop, full_width, full_height);
    let cropped = upright.crop_imm(x, y, width, height);
    let mut out = Vec::new();
    for &edge in edges {
        let image = shrink_to_fit(cropped.clone(), edge.max(1)).into_rgb8();
        let (w, h) = (image.width(), image.height());
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut Cursor::new(&mut jpeg), WEB_QUALITY)
            .encode_image(&image)
            .map_err(|error| WebError::Encode(error.to_string()))?;
        let jpeg = write_jpeg_metadata(&jpeg, metadata).map_err(|error| WebError::Metadata(error.to_string()))?;
        let focal_point = focal_point.map(|(fx, fy)| {
            let inside = |f: f32, start: u32, length: u32, full: u32, out: u32| -> u32 {
                let at = f.clamp(0.0, 1.0) * full as f32 - start as f32;
                let fraction = (at / length.max(1) as f32).clamp(0.0, 1.0);
                ((fraction * out as f32).round() as u32).min(out.saturating_sub(1))
            };
            (inside(fx, x, width, full_width, w), inside(fy, y, height, full_height, h))
        });
        out.push(WebImage { edge, width: w, height: h, focal_point, jpeg });
    }
    Ok(out)
}

/// The crop in pixels of a `width` × `height` picture: at least one pixel,
/// never outside it. No crop is the whole picture.
fn crop_pixels(crop: Option<Crop>, width: u32, height: u32) -> (u32, u32, u32, u32) {
    let Some(crop) = crop else { return (0, 0, width, height) };
    let to_px = |fraction: f32, full: u32| ((fraction.clamp(0.0, 1.0) * full as f32).round() as u32).min(full);
    let x = to_px(crop.x, width).min(width.saturating_sub(1));
    let y = to_px(crop.y, height).min(height.saturating_sub(1));
    let w = to_px(crop.width, width).clamp(1, width.saturating_sub(x).max(1));
    let h = to_px(crop.height, height).clamp(1, height.saturating_sub(y).max(1));
    (x, y, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut Cursor::new(&mut bytes), 90).encode_image(&image).unwrap();
        bytes
    }

    fn fields() -> WritableMetadata {
        WritableMetadata {
            caption: "Soldiers on patrol. (AP Photo/Hadi Mizban)".into(),
            credit: "AP".into(),
            creator: "Hadi Mizban".into(),
            copyright: "© 2026 AP".into(),
            alt_text: "Soldiers walking".into(),
            headline: None,
            keywords: None,
        }
    }

    #[test]
    fn renditions_fit_their_edges_never_enlarge_and_carry_the_caption() {
        let bytes = jpeg(3000, 2000);
        let made =
            web_renditions(&bytes, None, Some((0.5, 0.5)), &[2048, 1024], &DecodeLimits::default(), &fields()).unwrap();
        let sizes: Vec<(u32, u32)> = made.iter().map(|image| (image.width, image.height)).collect();
        assert_eq!(sizes, [(2048, 1365), (1024, 683)]);
        assert_eq!(made[1].focal_point, Some((512, 342)));
        let read = crate::photos::metadata::read_metadata(&made[0].jpeg).unwrap();
        assert_eq!((read.caption.as_str(), read.credit.as_str()), ("Soldiers on patrol. (AP Photo/Hadi Mizban)", "AP"));
        let small = web_renditions(&jpeg(800, 600), None, None, &[2048], &DecodeLimits::default(), &fields()).unwrap();
        assert_eq!((small[0].width, small[0].height), (800, 600), "not enlarged");
    }

    #[test]
    fn a_crop_is_cut_from_the_full_picture_and_the_focal_point_follows() {
        let bytes = jpeg(4000, 3000);
        let crop = Crop { x: 0.5, y: 0.5, width: 0.5, height: 0.5 };
        let made = web_renditions(&bytes, Some(crop), Some((0.75, 0.9)), &[2048], &DecodeLimits::default(), &fields())
            .unwrap();
        assert_eq!((made[0].width, made[0].height), (2000, 1500), "the crop's own pixels, not upscaled from 1/2");
        assert_eq!(made[0].focal_point, Some((1000, 1200)));
        // Deterministic: the same input gives the same bytes.
        let again = web_renditions(&bytes, Some(crop), Some((0.75, 0.9)), &[2048], &DecodeLimits::default(), &fields())
            .unwrap();
        assert_eq!(made[0].jpeg, again[0].jpeg);
    }

    #[test]
    fn broken_input_is_an_error() {
        let error = web_renditions(b"not a picture", None, None, &[1024], &DecodeLimits::default(), &fields());
        assert!(matches!(error, Err(WebError::Decode(ThumbError::Unsupported))), "{error:?}");
        assert_eq!(crop_pixels(Some(Crop { x: 1.0, y: 1.0, width: 0.5, height: 0.5 }), 10, 10), (9, 9, 1, 1));
    }
}
