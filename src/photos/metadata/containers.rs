//! Finding the metadata blocks (EXIF, XMP, IPTC IIM, Photoshop resources) in
//! each image format, and the image's size.

use std::borrow::Cow;

use super::jpeg::{self, APP1, APP13, EXIF_HEADER, PHOTOSHOP_HEADER, XMP_HEADER};

/// The PNG file signature.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The iTXt keyword of an XMP packet in PNG.
const PNG_XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp";

/// The image formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Jpeg,
    Png,
    WebP,
    Tiff,
}

/// Which format the bytes are, from their signature.
pub(crate) fn format(bytes: &[u8]) -> Option<Format> {
    if jpeg::is_jpeg(bytes) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Some(Format::Png)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(Format::WebP)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(Format::Tiff)
    } else {
        None
    }
}

/// The metadata blocks found in one image, not yet interpreted.
#[derive(Debug, Default)]
pub(crate) struct Blocks<'a> {
    /// A TIFF structure with EXIF (for a TIFF file, the whole file).
    pub exif: Option<&'a [u8]>,
    /// The XMP packet, still encoded.
    pub xmp: Option<&'a [u8]>,
    /// Photoshop image resources (JPEG APP13 segments joined).
    pub photoshop: Option<Cow<'a, [u8]>>,
    /// The image's width, when the container says it directly.
    pub width: Option<u32>,
    /// The image's height, when the container says it directly.
    pub height: Option<u32>,
    /// Damage found while looking.
    pub warnings: Vec<String>,
}

/// A JPEG's blocks: the first EXIF and XMP APP1 segments, all Photoshop
/// APP13 segments (a large resource section is split over several), and the
/// size from the start-of-frame segment.
pub(crate) fn jpeg_blocks(bytes: &[u8]) -> Blocks<'_> {
    let layout = jpeg::layout(bytes);
    let mut blocks = Blocks::default();
    let mut photoshop: Vec<&[u8]> = Vec::new();
    let mut extra_xmp = false;
    for segment in &layout.segments {
        if let Some((width, height)) = jpeg::frame_size(segment) {
            blocks.width.get_or_insert(width);
            if blocks.height.is_none() {
                blocks.height = height;
            }
        }
        match segment.marker {
            APP1 => {
                if let Some(exif) = segment.payload.strip_prefix(EXIF_HEADER) {
                    // "Exif\0" is followed by one pad byte.
                    blocks.exif.get_or_insert(exif.get(1..).unwrap_or_default());
                } else if let Some(xmp) = segment.payload.strip_prefix(XMP_HEADER) {
                    if blocks.xmp.is_some() {
                        extra_xmp = true;
                    }
                    blocks.xmp.get_or_insert(xmp);
                }
            }
            APP13 => {
                if let Some(resources) = segment.payload.strip_prefix(PHOTOSHOP_HEADER) {
                    photoshop.push(resources);
                }
            }
            _ => {}
        }
    }
    blocks.photoshop = match photoshop.as_slice() {
        [] => None,
        [one] => Some(Cow::Borrowed(*one)),
        several => Some(Cow::Owned(several.concat())),
    };
    if extra_xmp {
        blocks.warnings.push("the JPEG has more than one XMP packet; the first was read".to_owned());
    }
    if let Some(problem) = layout.problem {
        blocks.warnings.push(problem);
    }
    blocks
}

/// A PNG's blocks: the iTXt XMP packet and the eXIf chunk.
pub(crate) fn png_blocks(bytes: &[u8]) -> Blocks<'_> {
    let mut blocks = Blocks::default();
    let mut pos = PNG_SIGNATURE.len();
    loop {
        let Some(&[a, b, c, d]) = bytes.get(pos..pos + 4) else {
            blocks.warnings.push(format!("the PNG ends at byte {pos} without an IEND chunk"));
            break;
        };
        let length = usize::try_from(u32::from_be_bytes([a, b, c, d])).unwrap_or(usize::MAX);
        let kind = bytes.get(pos + 4..pos + 8).unwrap_or_default();
        let data_at = pos + 8;
        let Some(data) = data_at.checked_add(length).and_then(|end| bytes.get(data_at..end)) else {
            blocks.warnings.push(format!("PNG chunk {} at byte {pos} is cut off", String::from_utf8_lossy(kind)));
            break;
        };
        match kind {
            b"IEND" => break,
            b"eXIf" => {
                blocks.exif.get_or_insert(data);
            }
            b"iTXt" => {
                if let Some(xmp) = png_itxt_xmp(data, &mut blocks.warnings) {
                    blocks.xmp.get_or_insert(xmp);
                }
            }
            _ => {}
        }
        // The chunk's data and CRC.
        pos = data_at + length + 4;
    }
    blocks
}

/// The text of an iTXt chunk holding XMP (keyword, compression flag and
/// method, language, translated keyword, text).
fn png_itxt_xmp<'a>(data: &'a [u8], warnings: &mut Vec<String>) -> Option<&'a [u8]> {
    let rest = data.strip_prefix(PNG_XMP_KEYWORD)?.strip_prefix(b"\0")?;
    let (&compressed, rest) = rest.split_first()?;
    let rest = rest.get(1..)?;
    let language_end = rest.iter().position(|&byte| byte == 0)?;
    let rest = rest.get(language_end + 1..)?;
    let translated_end = rest.iter().position(|&byte| byte == 0)?;
    let text = rest.get(translated_end + 1..)?;
    if compressed != 0 {
        warnings.push("the PNG's XMP is compressed, which is not read".to_owned());
        return None;
    }
    Some(text)
}

/// A WebP's blocks: the EXIF and XMP chunks of its RIFF container.
pub(crate) fn webp_blocks(bytes: &[u8]) -> Blocks<'_> {
    let mut blocks = Blocks::default();
    let mut pos = 12;
    while pos < bytes.len() {
        let (Some(kind), Some(&[a, b, c, d])) = (bytes.get(pos..pos + 4), bytes.get(pos + 4..pos + 8)) else {
            blocks.warnings.push(format!("a WebP chunk at byte {pos} is cut off"));
            break;
        };
        let length = usize::try_from(u32::from_le_bytes([a, b, c, d])).unwrap_or(usize::MAX);
        let data_at = pos + 8;
        let Some(data) = data_at.checked_add(length).and_then(|end| bytes.get(data_at..end)) else {
            blocks.warnings.push(format!("WebP chunk {} at byte {pos} is cut off", String::from_utf8_lossy(kind)));
            break;
        };
        match kind {
            b"EXIF" => {
                // Some writers keep JPEG's "Exif\0\0" in front.
                let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
                blocks.exif.get_or_insert(tiff);
            }
            b"XMP " => {
                blocks.xmp.get_or_insert(data);
            }
            _ => {}
        }
        // Chunks are padded to an even length.
        pos = data_at + length + (length & 1);
    }
    blocks
}

/// The image's size from its header, read by the `image` crate without
/// decoding pixels.
pub(crate) fn header_size(bytes: &[u8], warnings: &mut Vec<String>) -> Option<(u32, u32)> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    let size = reader
        .with_guessed_format()
        .map_err(|error| error.to_string())
        .and_then(|reader| reader.into_dimensions().map_err(|error| error.to_string()));
    match size {
        Ok(size) => Some(size),
        Err(error) => {
            warnings.push(format!("the image size could not be read: {error}"));
            None
        }
    }
}
