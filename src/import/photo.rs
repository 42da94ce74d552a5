//! A picture's embedded agency metadata turned into a [`Photo`] of the
//! project's library: caption, credit, creator and the rest read from IPTC
//! IIM, XMP and EXIF (see `photos::metadata`), with values that lost to
//! XMP kept visible. No I/O: storage copies the file and hands the bytes.

use crate::model::{OtherValue, Photo, PhotoId};
use crate::photos::metadata::{EmbeddedMetadata, read_metadata};

/// The photo for a picture with `bytes`, stored as `file` under `id`,
/// imported from a file called `original_name`, and what went wrong
/// reading its metadata (the photo is still made, with empty fields).
pub fn photo_from_bytes(id: PhotoId, file: String, original_name: String, bytes: &[u8]) -> (Photo, Vec<String>) {
    match read_metadata(bytes) {
        Ok(metadata) => {
            let warnings = metadata.warnings.clone();
            (photo_from_metadata(id, file, original_name, metadata), warnings)
        }
        Err(error) => {
            let (width, height) = dimensions(bytes);
            (Photo::new(id, file, original_name, width, height), vec![error.to_string()])
        }
    }
}

/// The photo for already-read metadata.
pub fn photo_from_metadata(id: PhotoId, file: String, original_name: String, metadata: EmbeddedMetadata) -> Photo {
    let mut photo = Photo::new(id, file, original_name, metadata.width.unwrap_or(0), metadata.height.unwrap_or(0));
    // The file's caption is plain text: a delimiter in it stays text.
    photo.caption = crate::model::tracked::escape(&metadata.caption).into_owned();
    photo.headline = metadata.headline;
    photo.credit = metadata.credit;
    photo.creator = metadata.creator;
    photo.source = metadata.source;
    photo.copyright = metadata.copyright;
    photo.alt_text = metadata.alt_text;
    photo.date_created = metadata.date_created;
    photo.city = metadata.city;
    photo.country = metadata.country;
    photo.keywords = metadata.keywords;
    photo.instructions = metadata.instructions;
    photo.persons_shown = metadata.persons_shown;
    photo.other_values = metadata
        .conflicts
        .into_iter()
        .map(|conflict| OtherValue {
            field: conflict.field.to_owned(),
            value: conflict.other,
            source: conflict.other_source.to_owned(),
        })
        .collect();
    photo
}

/// Width and height from the image's header, or zero when it cannot be read.
fn dimensions(bytes: &[u8]) -> (u32, u32) {
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_dimensions().ok())
        .unwrap_or((0, 0))
}
