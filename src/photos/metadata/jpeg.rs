//! The segments of a JPEG file before its image data: where each starts and
//! ends, so the reader can pick out metadata and the writer can copy every
//! other segment byte for byte.

/// The signature of an APP1 segment holding EXIF.
pub(crate) const EXIF_HEADER: &[u8] = b"Exif\0";
/// The signature of an APP1 segment holding the (standard) XMP packet.
pub(crate) const XMP_HEADER: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
/// The signature of an APP13 segment holding Photoshop image resources.
pub(crate) const PHOTOSHOP_HEADER: &[u8] = b"Photoshop 3.0\0";
/// The largest payload a JPEG segment can hold (its length field counts
/// itself).
pub(crate) const MAX_PAYLOAD: usize = 65_533;

/// APP1: EXIF and XMP.
pub(crate) const APP1: u8 = 0xE1;
/// APP13: Photoshop image resources, with IPTC IIM inside.
pub(crate) const APP13: u8 = 0xED;

/// One marker segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment<'a> {
    /// The marker's second byte (0xE1 for APP1).
    pub marker: u8,
    /// The offset of the segment's first byte (a 0xFF, fill bytes included).
    pub start: usize,
    /// The offset just after the segment.
    pub end: usize,
    /// The bytes after the length field.
    pub payload: &'a [u8],
}

/// A JPEG's segments up to the image data.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout<'a> {
    /// The complete segments, in file order.
    pub segments: Vec<Segment<'a>>,
    /// The offset of the start-of-scan (or end-of-image) marker, where the
    /// image data begins; `None` when the walk stopped before it.
    pub image_data: Option<usize>,
    /// What stopped the walk early, for a warning or an error.
    pub problem: Option<String>,
}

/// Whether the bytes start like a JPEG.
pub(crate) fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
}

/// Walks the segments from after the SOI marker to the image data.
pub(crate) fn layout(bytes: &[u8]) -> Layout<'_> {
    let mut layout = Layout::default();
    let mut pos = 2;
    loop {
        let Some(&byte) = bytes.get(pos) else {
            layout.problem = Some(format!("the JPEG ends at byte {pos}, before its image data"));
            break;
        };
        if byte != 0xFF {
            layout.problem = Some(format!("expected a JPEG marker at byte {pos}, found 0x{byte:02X}"));
            break;
        }
        let mut marker_pos = pos + 1;
        while bytes.get(marker_pos) == Some(&0xFF) {
            marker_pos += 1;
        }
        let Some(&marker) = bytes.get(marker_pos) else {
            layout.problem = Some(format!("the JPEG ends at byte {marker_pos}, inside a marker"));
            break;
        };
        match marker {
            0xDA | 0xD9 => {
                layout.image_data = Some(pos);
                break;
            }
            0x00 => {
                layout.problem = Some(format!("invalid JPEG marker 0xFF00 at byte {pos}"));
                break;
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                layout.segments.push(Segment { marker, start: pos, end: marker_pos + 1, payload: &[] });
                pos = marker_pos + 1;
            }
            _ => {
                let length = match bytes.get(marker_pos + 1..marker_pos + 3) {
                    Some(&[high, low]) => usize::from(u16::from_be_bytes([high, low])),
                    _ => {
                        layout.problem = Some(format!(
                            "the JPEG ends at byte {}, inside the length of segment 0xFF{marker:02X}",
                            bytes.len()
                        ));
                        break;
                    }
                };
                if length < 2 {
                    layout.problem =
                        Some(format!("segment 0xFF{marker:02X} at byte {pos} has an impossible length of {length}"));
                    break;
                }
                let end = marker_pos + 1 + length;
                let Some(payload) = bytes.get(marker_pos + 3..end) else {
                    layout.problem = Some(format!(
                        "segment 0xFF{marker:02X} at byte {pos} is cut off: it claims {length} bytes, but the file ends {} bytes later",
                        bytes.len().saturating_sub(marker_pos + 1)
                    ));
                    break;
                };
                layout.segments.push(Segment { marker, start: pos, end, payload });
                pos = end;
            }
        }
    }
    layout
}

/// The width and height in a start-of-frame segment, if this is one. A height
/// of 0 (given later by a DNL marker) is unknown.
pub(crate) fn frame_size(segment: &Segment<'_>) -> Option<(u32, Option<u32>)> {
    let is_frame = matches!(segment.marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
    if !is_frame {
        return None;
    }
    match segment.payload.get(..5) {
        Some(&[_precision, h_high, h_low, w_high, w_low]) => {
            let height = u32::from(u16::from_be_bytes([h_high, h_low]));
            let width = u32::from(u16::from_be_bytes([w_high, w_low]));
            Some((width, (height != 0).then_some(height)))
        }
        _ => None,
    }
}

/// A complete segment: marker, length and payload. The payload must fit
/// ([`MAX_PAYLOAD`]); callers check first.
pub(crate) fn segment_bytes(marker: u8, parts: &[&[u8]]) -> Vec<u8> {
    let payload_len: usize = parts.iter().map(|part| part.len()).sum();
    let length = u16::try_from(payload_len + 2).unwrap_or(u16::MAX);
    let mut out = Vec::with_capacity(payload_len + 4);
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&length.to_be_bytes());
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}
