//! Writing the editor's caption fields back into a JPEG: into its XMP packet
//! and its IPTC IIM datasets, merged with what is there, with every other
//! segment kept byte for byte.

use super::MetadataError;
use super::iim::{self, Replacements};
use super::jpeg::{self, APP1, APP13, MAX_PAYLOAD, PHOTOSHOP_HEADER, Segment, XMP_HEADER};
use super::photoshop::{self, IPTC_RESOURCE};

/// Photoshop's resource holding an MD5 digest of the IPTC IIM block.
const IPTC_DIGEST_RESOURCE: u16 = 0x0425;
use super::text::{decode_xmp, describe_unknown};
use super::xmp::Ns;
use super::xmp_write::{self, Change, NewValue};

/// The fields [`write_jpeg_metadata`] writes.
///
/// An empty text (or list) removes the field from the file: the photo's
/// fields are the truth. `headline` and `keywords` are optional: `None`
/// leaves them as the file has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WritableMetadata {
    /// The caption: XMP dc:description and IIM 2:120.
    pub caption: String,
    /// The credit line: XMP photoshop:Credit and IIM 2:110.
    pub credit: String,
    /// The photographer or photographers, separated by ";": XMP dc:creator
    /// (one entry each) and IIM 2:80 (one dataset each).
    pub creator: String,
    /// The copyright notice: XMP dc:rights and IIM 2:116.
    pub copyright: String,
    /// The alt text: XMP Iptc4xmpCore:AltTextAccessibility (IIM has no
    /// field for it).
    pub alt_text: String,
    /// The headline (XMP photoshop:Headline and IIM 2:105), or `None` to
    /// leave it.
    pub headline: Option<String>,
    /// The keywords (XMP dc:subject and IIM 2:25), or `None` to leave them.
    pub keywords: Option<Vec<String>>,
}

impl WritableMetadata {
    /// The creators, one per ";"-separated name.
    fn creators(&self) -> Vec<String> {
        split_clean(self.creator.split(';'))
    }

    /// The XMP properties to write.
    fn xmp_changes(&self) -> Vec<Change> {
        let change = |ns, name, value| Change { ns, name, value };
        let mut changes = vec![
            change(Ns::Dc, "description", NewValue::Alt(self.caption.trim().to_owned())),
            change(Ns::Dc, "creator", NewValue::Seq(self.creators())),
            change(Ns::Dc, "rights", NewValue::Alt(self.copyright.trim().to_owned())),
            change(Ns::Photoshop, "Credit", NewValue::Text(self.credit.trim().to_owned())),
            change(Ns::IptcCore, "AltTextAccessibility", NewValue::Alt(self.alt_text.trim().to_owned())),
        ];
        if let Some(headline) = &self.headline {
            changes.push(change(Ns::Photoshop, "Headline", NewValue::Text(headline.trim().to_owned())));
        }
        if let Some(keywords) = &self.keywords {
            changes.push(change(Ns::Dc, "subject", NewValue::Bag(split_clean(keywords.iter()))));
        }
        changes
    }

    /// The IIM datasets to write.
    fn iim_replacements(&self) -> Replacements {
        let one = |text: &str| split_clean(std::iter::once(text));
        let mut sets = vec![
            (120, one(&self.caption)),
            (110, one(&self.credit)),
            (80, self.creators()),
            (116, one(&self.copyright)),
        ];
        if let Some(headline) = &self.headline {
            sets.push((105, one(headline)));
        }
        if let Some(keywords) = &self.keywords {
            sets.push((25, split_clean(keywords.iter())));
        }
        Replacements { sets }
    }
}

/// Trimmed, non-empty texts.
fn split_clean<'a>(texts: impl Iterator<Item = impl AsRef<str> + 'a>) -> Vec<String> {
    texts.map(|text| text.as_ref().trim().to_owned()).filter(|text| !text.is_empty()).collect()
}

/// Returns a copy of a JPEG with the fields written into its XMP packet and
/// its IPTC IIM datasets.
///
/// The XMP packet keeps all its other properties; in IIM the caption, credit,
/// by-line and copyright datasets (and headline and keywords when given) are
/// replaced, record 1:90 is set to UTF-8 and older Windows-1252 text is
/// converted, and every other dataset and Photoshop resource is kept. A
/// missing XMP packet or APP13 segment is created. All other segments and the
/// image data are copied byte for byte, EXIF included: a stale EXIF
/// ImageDescription, Artist or Copyright then shows as a conflict when the
/// file is read again. A written language alternative (caption, copyright,
/// alt text) keeps only its x-default entry.
///
/// # Errors
///
/// [`MetadataError::NotJpeg`] for anything but a JPEG;
/// [`MetadataError::DamagedJpeg`] when the segments before the image data are
/// broken; [`MetadataError::UnreadableMetadata`] when the existing XMP or
/// IIM cannot be read (rewriting it would lose what it holds);
/// [`MetadataError::TooLarge`] when the new XMP packet does not fit in a
/// segment.
pub fn write_jpeg_metadata(bytes: &[u8], fields: &WritableMetadata) -> Result<Vec<u8>, MetadataError> {
    if !jpeg::is_jpeg(bytes) {
        let found = if bytes.is_empty() { "the file is empty".to_owned() } else { describe_unknown(bytes) };
        return Err(MetadataError::NotJpeg { found });
    }
    let layout = jpeg::layout(bytes);
    if let Some(problem) = layout.problem {
        return Err(MetadataError::DamagedJpeg(problem));
    }
    let Some(image_data) = layout.image_data else {
        return Err(MetadataError::DamagedJpeg("the JPEG has no image data".to_owned()));
    };
    let segments = &layout.segments;

    let is_xmp = |segment: &Segment<'_>| segment.marker == APP1 && segment.payload.starts_with(XMP_HEADER);
    let is_photoshop = |segment: &Segment<'_>| segment.marker == APP13 && segment.payload.starts_with(PHOTOSHOP_HEADER);
    let xmp_at = segments.iter().position(is_xmp);
    let photoshop_at: Vec<usize> =
        segments.iter().enumerate().filter(|(_, segment)| is_photoshop(segment)).map(|(i, _)| i).collect();

    let new_xmp = new_xmp_segment(xmp_at.and_then(|i| segments.get(i)), fields)?;
    let new_app13 = new_photoshop_segments(photoshop_at.iter().filter_map(|&i| segments.get(i)).collect(), fields)?;

    // New segments go after the leading APP0 (JFIF) and APP1 (EXIF, XMP)
    // segments, which readers expect first.
    let insert_at = segments.iter().take_while(|segment| matches!(segment.marker, 0xE0 | APP1)).count();
    let mut out =
        Vec::with_capacity(bytes.len() + new_xmp.as_ref().map_or(0, Vec::len) + new_app13.as_ref().map_or(0, Vec::len));
    out.extend_from_slice(bytes.get(..2).unwrap_or_default());
    for index in 0..=segments.len() {
        if index == insert_at {
            if xmp_at.is_none()
                && let Some(segment) = &new_xmp
            {
                out.extend_from_slice(segment);
            }
            if photoshop_at.is_empty()
                && let Some(segment) = &new_app13
            {
                out.extend_from_slice(segment);
            }
        }
        let Some(segment) = segments.get(index) else {
            break;
        };
        if Some(index) == xmp_at {
            if let Some(new) = &new_xmp {
                out.extend_from_slice(new);
            }
        } else if photoshop_at.first() == Some(&index) {
            if let Some(new) = &new_app13 {
                out.extend_from_slice(new);
            }
        } else if !photoshop_at.contains(&index) {
            out.extend_from_slice(bytes.get(segment.start..segment.end).unwrap_or_default());
        }
    }
    out.extend_from_slice(bytes.get(image_data..).unwrap_or_default());
    Ok(out)
}

/// The new XMP APP1 segment: the existing packet updated, or a new one when
/// there was none and there is something to write.
fn new_xmp_segment(
    existing: Option<&Segment<'_>>,
    fields: &WritableMetadata,
) -> Result<Option<Vec<u8>>, MetadataError> {
    let changes = fields.xmp_changes();
    let packet = match existing {
        Some(segment) => {
            let decoded = decode_xmp(segment.payload.get(XMP_HEADER.len()..).unwrap_or_default());
            if decoded.had_errors {
                return Err(MetadataError::UnreadableMetadata {
                    what: "XMP packet",
                    detail: "it has bytes that are not valid text".to_owned(),
                });
            }
            xmp_write::update(&decoded.text, &changes)
                .map_err(|detail| MetadataError::UnreadableMetadata { what: "XMP packet", detail })?
        }
        None if changes.iter().all(|change| change.value.is_empty()) => return Ok(None),
        None => xmp_write::fresh(&changes),
    };
    let limit = MAX_PAYLOAD - XMP_HEADER.len();
    let packet = if packet.len() > limit { without_padding(packet) } else { packet };
    if packet.len() > limit {
        return Err(MetadataError::TooLarge { what: "XMP packet", size: packet.len(), limit });
    }
    Ok(Some(jpeg::segment_bytes(APP1, &[XMP_HEADER, packet.as_bytes()])))
}

/// A packet without the whitespace padding writers leave before its end
/// (room for editing in place), to make it fit.
fn without_padding(packet: String) -> String {
    let Some(end) = packet.rfind("<?xpacket end") else {
        return packet;
    };
    let (body, trailer) = packet.split_at(end);
    format!("{}\n{trailer}", body.trim_end())
}

/// The new APP13 segments: the Photoshop resources with the IIM rewritten
/// (or created), split into segments that fit. `None` when the file has no
/// APP13 and there is nothing to write.
fn new_photoshop_segments(
    existing: Vec<&Segment<'_>>,
    fields: &WritableMetadata,
) -> Result<Option<Vec<u8>>, MetadataError> {
    let replacements = fields.iim_replacements();
    if existing.is_empty() && replacements.sets.iter().all(|(_, values)| values.is_empty()) {
        return Ok(None);
    }
    let section: Vec<u8> = existing
        .iter()
        .flat_map(|segment| segment.payload.get(PHOTOSHOP_HEADER.len()..).unwrap_or_default())
        .copied()
        .collect();
    let resources = photoshop::parse(&section);
    if let Some(detail) = resources.problem {
        return Err(MetadataError::UnreadableMetadata { what: "Photoshop resources", detail });
    }
    let rewrite = |block: &[u8]| {
        iim::rewrite(block, &replacements)
            .map_err(|detail| MetadataError::UnreadableMetadata { what: "IPTC IIM", detail })
    };
    let mut new_section = Vec::with_capacity(section.len() + 1024);
    let mut written = false;
    for resource in &resources.blocks {
        if resource.id == IPTC_DIGEST_RESOURCE {
            // The MD5 of the old IIM block: stale once it is rewritten, and
            // readers (ExifTool, Photoshop) then warn that XMP and IIM are
            // out of sync. Without it they simply trust both.
            continue;
        }
        if resource.id != IPTC_RESOURCE {
            new_section.extend_from_slice(resource.raw);
        } else if !written {
            written = true;
            new_section.extend(photoshop::block(Some(resource.header), IPTC_RESOURCE, &rewrite(resource.data)?));
        }
    }
    if !written {
        new_section.extend(photoshop::block(None, IPTC_RESOURCE, &rewrite(&[])?));
    }
    new_section.extend_from_slice(resources.tail);
    let chunk = MAX_PAYLOAD - PHOTOSHOP_HEADER.len();
    let mut segments = Vec::with_capacity(new_section.len() + 64);
    for part in new_section.chunks(chunk) {
        segments.extend(jpeg::segment_bytes(APP13, &[PHOTOSHOP_HEADER, part]));
    }
    Ok(Some(segments))
}
