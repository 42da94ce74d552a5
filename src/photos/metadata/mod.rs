//! Embedded photo metadata: reading the caption fields that agencies embed
//! (XMP, IPTC IIM, EXIF) and writing the editor's caption fields back into a
//! JPEG (XMP and IPTC IIM, merged with what is there).
//!
//! Everything here works on bytes: the caller reads and writes the files.
//! Damaged or hostile input never panics and never makes this module
//! allocate more than a small multiple of the input: what can be read is
//! read, and the damage is reported in [`EmbeddedMetadata::warnings`].
//!
//! The field map and precedence follow the IPTC Photo Metadata Standard:
//! XMP wins over IIM, which wins over EXIF, and each disagreement is kept in
//! [`EmbeddedMetadata::conflicts`] so the editor can see it.

mod containers;
mod embedded;
mod error;
mod exif_data;
mod fields;
mod iim;
mod jpeg;
mod photoshop;
mod text;
mod writer;
mod xmp;
mod xmp_write;

pub use embedded::{EmbeddedMetadata, MetadataConflict};
pub use error::MetadataError;
pub use writer::{WritableMetadata, write_jpeg_metadata};

use containers::{Blocks, Format};
use fields::SourceFields;

/// Reads the caption metadata embedded in a JPEG, PNG, WebP or TIFF image.
///
/// # Errors
///
/// [`MetadataError::Empty`] for no bytes and
/// [`MetadataError::UnsupportedFormat`] for anything that is not one of the
/// four formats. A damaged image of a known format is not an error: what
/// could be read is returned, with warnings.
pub fn read_metadata(bytes: &[u8]) -> Result<EmbeddedMetadata, MetadataError> {
    if bytes.is_empty() {
        return Err(MetadataError::Empty);
    }
    let Some(format) = containers::format(bytes) else {
        return Err(MetadataError::UnsupportedFormat { found: text::describe_unknown(bytes) });
    };
    let mut blocks = match format {
        Format::Jpeg => containers::jpeg_blocks(bytes),
        Format::Png => containers::png_blocks(bytes),
        Format::WebP => containers::webp_blocks(bytes),
        Format::Tiff => Blocks { exif: Some(bytes), ..Blocks::default() },
    };
    if format != Format::Jpeg
        && let Some((width, height)) = containers::header_size(bytes, &mut blocks.warnings)
    {
        blocks.width = Some(width);
        blocks.height = Some(height);
    }
    Ok(interpret(blocks))
}

/// Reads the fields out of the blocks found and merges them.
fn interpret(blocks: Blocks<'_>) -> EmbeddedMetadata {
    let mut warnings = blocks.warnings;
    let mut exif = exif_data::ExifData::default();
    if let Some(tiff) = blocks.exif {
        exif = exif_data::read(tiff, &mut warnings);
    }

    // IPTC IIM: in Photoshop resources (JPEG, TIFF tag 34377) or on its own
    // (TIFF tag 33723).
    let photoshop = blocks.photoshop.as_deref().or(exif.photoshop.as_deref());
    let mut iim_block = None;
    if let Some(section) = photoshop {
        let resources = photoshop::parse(section);
        if let Some(problem) = &resources.problem {
            warnings.push(format!("Photoshop resources: {problem}"));
        }
        iim_block = resources
            .blocks
            .iter()
            .find(|resource| resource.id == photoshop::IPTC_RESOURCE)
            .map(|resource| resource.data.to_vec());
    }
    let iim_block = iim_block.or(exif.iptc.take());
    let iim = iim_block.map(|block| iim::read_fields(&block, &mut warnings)).unwrap_or_default();

    let xmp = match blocks.xmp.or(exif.xmp.as_deref()) {
        Some(packet) => read_xmp(packet, &mut warnings),
        None => SourceFields::default(),
    };

    let mut metadata = EmbeddedMetadata {
        width: blocks.width,
        height: blocks.height,
        orientation: exif.orientation,
        ..EmbeddedMetadata::default()
    };
    fields::merge_into(&mut metadata, &xmp, &iim, &exif.fields);
    metadata.warnings = warnings;
    metadata
}

/// Decodes and reads an XMP packet.
fn read_xmp(packet: &[u8], warnings: &mut Vec<String>) -> SourceFields {
    let decoded = text::decode_xmp(packet);
    if decoded.had_errors {
        warnings.push("the XMP packet has bytes that are not valid text; they were replaced".to_owned());
    }
    let scan = xmp::scan(&decoded.text);
    if let Some(problem) = &scan.problem {
        warnings.push(problem.clone());
    }
    xmp::fields(&scan)
}
