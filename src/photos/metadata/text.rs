//! Turning embedded bytes into clean text: IIM's two encodings, EXIF's
//! loosely specified ASCII, XMP packets in UTF-8 or UTF-16.

use std::borrow::Cow;

/// Trims NULs and whitespace at both ends, keeping inner spacing exactly.
pub(crate) fn clean(text: &str) -> String {
    text.trim_matches(|c: char| c == '\0' || c.is_whitespace()).to_owned()
}

/// Decodes IIM text: UTF-8 when record 1:90 said so, otherwise
/// Windows-1252.
pub(crate) fn decode_iim(bytes: &[u8], utf8: bool) -> String {
    if utf8 {
        clean(&String::from_utf8_lossy(bytes))
    } else {
        clean(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0)
    }
}

/// Decodes text whose encoding is not declared (EXIF ASCII fields): UTF-8
/// when it is valid UTF-8, otherwise Windows-1252.
pub(crate) fn decode_undeclared(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => clean(text),
        Err(_) => clean(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0),
    }
}

/// True when bytes are valid UTF-8 and not plain ASCII: Windows-1252 text
/// almost never looks like that by chance.
pub(crate) fn looks_like_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// An XMP packet decoded to text.
pub(crate) struct DecodedPacket {
    /// The packet's text, without a leading byte order mark or trailing NULs.
    pub text: String,
    /// Whether some bytes were not valid in the packet's encoding (they became
    /// U+FFFD).
    pub had_errors: bool,
}

/// Decodes an XMP packet. XMP may be UTF-8, UTF-16 or (rarely) UTF-32: a
/// byte order mark says which, and without one the NUL bytes around the
/// first `<` do.
pub(crate) fn decode_xmp(bytes: &[u8]) -> DecodedPacket {
    let (text, had_errors): (Cow<'_, str>, bool) = match bytes {
        [0xFE, 0xFF, ..] | [0, b'<', ..] => {
            let (text, errors) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
            (text, errors)
        }
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] | [0, 0, 0, b'<', ..] | [b'<', 0, 0, 0, ..] => {
            decode_utf32(bytes)
        }
        [0xFF, 0xFE, ..] | [b'<', 0, ..] => {
            let (text, errors) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
            (text, errors)
        }
        _ => {
            let (text, errors) = encoding_rs::UTF_8.decode_with_bom_removal(bytes);
            (text, errors)
        }
    };
    let text = text.trim_start_matches('\u{feff}').trim_end_matches(['\0', '\u{feff}']);
    DecodedPacket { text: text.to_owned(), had_errors }
}

/// Decodes UTF-32 (big- or little-endian, from the NULs), which encoding_rs
/// does not know.
fn decode_utf32(bytes: &[u8]) -> (Cow<'static, str>, bool) {
    let little_endian = matches!(bytes, [_, 0, 0, 0, ..] | [0xFF, 0xFE, ..]);
    let mut had_errors = false;
    let mut text = String::with_capacity(bytes.len() / 4);
    for chunk in bytes.chunks_exact(4) {
        let quad = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
            chunk.get(3).copied().unwrap_or(0),
        ];
        let code = if little_endian { u32::from_le_bytes(quad) } else { u32::from_be_bytes(quad) };
        match char::from_u32(code) {
            Some(c) => text.push(c),
            None => {
                had_errors = true;
                text.push('\u{fffd}');
            }
        }
    }
    (Cow::Owned(text), had_errors)
}

/// Escapes text for XML element content or a quoted attribute value.
/// Characters XML 1.0 cannot carry (most C0 controls) are dropped; a
/// carriage return is kept as a character reference so it survives parsing.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A short description of bytes that are not a supported image, for error
/// messages: text, another known format, or the first bytes in hex.
pub(crate) fn describe_unknown(bytes: &[u8]) -> String {
    let head = bytes.get(..16).unwrap_or(bytes);
    let known: &[(&[u8], &str)] = &[
        (b"GIF8", "it is a GIF image"),
        (b"BM", "it is a BMP image"),
        (b"%PDF", "it is a PDF document"),
        (b"PK\x03\x04", "it is a ZIP archive (or a Word or OpenDocument file)"),
        (b"8BPS", "it is a Photoshop document"),
    ];
    if let Some((_, name)) = known.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return (*name).to_owned();
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return "it is a HEIF, AVIF or MP4 file".to_owned();
    }
    let sample = bytes.get(..512).unwrap_or(bytes);
    let text = match std::str::from_utf8(sample) {
        Ok(text) => Some(text),
        // A character cut by the sample's end is still text.
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(sample.get(..error.valid_up_to()).unwrap_or_default()).ok()
        }
        Err(_) => None,
    };
    if let Some(text) = text
        && text.chars().all(|c| !c.is_control() || c.is_whitespace())
    {
        return "it looks like text".to_owned();
    }
    let hex: Vec<String> = head.iter().map(|byte| format!("{byte:02X}")).collect();
    format!("it starts with the bytes {}", hex.join(" "))
}
