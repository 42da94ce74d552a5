//! The one error type of photo metadata reading and writing.

/// Why embedded metadata could not be read from, or written into, an image.
///
/// Damage that still leaves something readable is not an error when reading:
/// it becomes a warning in [`super::EmbeddedMetadata::warnings`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    /// The bytes are empty.
    #[error("the file is empty: there is no image to read")]
    Empty,
    /// The bytes are not a JPEG, PNG, WebP or TIFF image.
    #[error("not a JPEG, PNG, WebP or TIFF image: {found}")]
    UnsupportedFormat {
        /// What the bytes look like instead, for the message.
        found: String,
    },
    /// Metadata can be written into JPEG files only.
    #[error("metadata can only be written into JPEG files, and this is not one: {found}")]
    NotJpeg {
        /// What the bytes look like instead, for the message.
        found: String,
    },
    /// The JPEG's structure is broken before the image data, so it cannot be
    /// rewritten without risking the picture.
    #[error("the JPEG is damaged, so its metadata was not rewritten: {0}")]
    DamagedJpeg(String),
    /// Metadata already in the file cannot be understood, so writing would
    /// lose it.
    #[error("the {what} already in the file cannot be read, so it was not rewritten: {detail}")]
    UnreadableMetadata {
        /// Which block: "XMP packet", "IPTC IIM" or "Photoshop resources".
        what: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// The new metadata does not fit in a JPEG segment (64 KiB).
    #[error(
        "the new {what} is {size} bytes, more than the {limit} bytes a JPEG segment can hold; shorten the caption or other long fields"
    )]
    TooLarge {
        /// Which block is too large.
        what: &'static str,
        /// Its size in bytes.
        size: usize,
        /// The most it can be.
        limit: usize,
    },
}
