//! EXIF (a TIFF structure, also the whole of a TIFF file): the caption tags
//! of its first image, its orientation, and for TIFF files the XMP, IPTC and
//! Photoshop blocks stored in tags.

use exif::{Context, Field, In, Tag, Value};

use super::fields::SourceFields;
use super::text::decode_undeclared;

/// TIFF tag 700: an XMP packet.
const XMP_TAG: u16 = 700;
/// TIFF tag 33723: IPTC IIM datasets.
const IPTC_TAG: u16 = 33_723;
/// TIFF tag 34377: Photoshop image resources.
const PHOTOSHOP_TAG: u16 = 34_377;

/// What one EXIF (or TIFF) structure holds.
#[derive(Debug, Default)]
pub(crate) struct ExifData {
    /// Caption, creator, copyright and date.
    pub fields: SourceFields,
    /// The orientation tag (274), 1 to 8.
    pub orientation: Option<u16>,
    /// Tag 700's XMP packet.
    pub xmp: Option<Vec<u8>>,
    /// Tag 33723's IIM datasets.
    pub iptc: Option<Vec<u8>>,
    /// Tag 34377's Photoshop resources.
    pub photoshop: Option<Vec<u8>>,
}

/// Reads a TIFF structure. Damage becomes warnings, with what was readable
/// kept.
pub(crate) fn read(tiff: &[u8], warnings: &mut Vec<String>) -> ExifData {
    let mut reader = exif::Reader::new();
    reader.continue_on_error(true);
    let exif = match reader.read_raw(tiff.to_vec()) {
        Ok(exif) => exif,
        Err(exif::Error::PartialResult(partial)) => {
            let (exif, errors) = partial.into_inner();
            if let Some(first) = errors.first() {
                warnings.push(format!("EXIF is partly damaged: {first}"));
            }
            exif
        }
        Err(error) => {
            warnings.push(format!("EXIF could not be read: {error}"));
            return ExifData::default();
        }
    };
    let text = |tag: Tag| exif.get_field(tag, In::PRIMARY).map(ascii_text).unwrap_or_default();
    let mut data = ExifData::default();
    data.fields.caption = text(Tag::ImageDescription);
    let artist = text(Tag::Artist);
    if !artist.is_empty() {
        data.fields.creators.push(artist);
    }
    data.fields.copyright = text(Tag::Copyright);
    data.fields.date_created = iso_date(&text(Tag::DateTimeOriginal));
    data.orientation = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|field| field.value.get_uint(0))
        .and_then(|value| u16::try_from(value).ok());
    let little_endian = exif.little_endian();
    let bytes = |number: u16| {
        exif.get_field(Tag(Context::Tiff, number), In::PRIMARY).and_then(|field| raw_bytes(&field.value, little_endian))
    };
    data.xmp = bytes(XMP_TAG);
    data.iptc = bytes(IPTC_TAG);
    data.photoshop = bytes(PHOTOSHOP_TAG);
    data
}

/// An ASCII field's text; several strings (Copyright's photographer and
/// editor) are joined with "; ".
fn ascii_text(field: &Field) -> String {
    match &field.value {
        Value::Ascii(parts) => parts
            .iter()
            .map(|part| decode_undeclared(part))
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        Value::Byte(bytes) | Value::Undefined(bytes, _) => decode_undeclared(bytes),
        _ => String::new(),
    }
}

/// A tag's data as bytes: IPTC is often stored as LONGs, which are its bytes
/// read in the file's byte order.
fn raw_bytes(value: &Value, little_endian: bool) -> Option<Vec<u8>> {
    match value {
        Value::Byte(bytes) | Value::Undefined(bytes, _) => Some(bytes.clone()),
        Value::Ascii(parts) => Some(parts.concat()),
        Value::Long(longs) => Some(
            longs.iter().flat_map(|long| if little_endian { long.to_le_bytes() } else { long.to_be_bytes() }).collect(),
        ),
        _ => None,
    }
}

/// EXIF's `YYYY:MM:DD HH:MM:SS` as ISO 8601 (`YYYY-MM-DDTHH:MM:SS`); other
/// text is kept as found, and an all-blank date is none.
fn iso_date(text: &str) -> String {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, byte)| match i {
            4 | 7 => *byte == b':',
            10 => *byte == b' ',
            13 | 16 => *byte == b':',
            _ => byte.is_ascii_digit(),
        });
    if text.trim_matches([' ', ':', '0']).is_empty() {
        return String::new();
    }
    match (shaped, text.get(..4), text.get(5..7), text.get(8..10), text.get(11..)) {
        (true, Some(year), Some(month), Some(day), Some(time)) => {
            format!("{year}-{month}-{day}T{time}")
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn exif_dates_become_iso_8601() {
        assert_eq!(iso_date("2021:01:02 03:04:05"), "2021-01-02T03:04:05");
        assert_eq!(iso_date("    :  :     :  :  "), "");
        assert_eq!(iso_date("0000:00:00 00:00:00"), "");
        assert_eq!(iso_date("sometime"), "sometime");
    }
}
