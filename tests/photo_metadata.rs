//! Reading and writing embedded photo metadata (IPTC IIM, XMP, EXIF)
//! through the public API: the shared test photos' ground truth, both IIM
//! encodings, the other formats, hostile input, and write-back.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use copydesk::photos::metadata::{
    EmbeddedMetadata, MetadataConflict, MetadataError, WritableMetadata, read_metadata, write_jpeg_metadata,
};
use proptest::prelude::*;

const REFERENCE: &str = "IPTC-PhotometadataRef-Std2021.1.jpg";
const IPTC: &str = "IPTC.jpg";
const PHOTO_MECHANIC: &str = "PhotoMechanic.jpg";
const XMP_UTF16: &str = "XMP.jpg";

/// A shared test photo's bytes (see `../shared/testdata/README.md`).
fn photo(name: &str) -> Vec<u8> {
    let path = format!("{}/../shared/testdata/photos/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Reads and panics with the error's message if that fails.
fn read(bytes: &[u8]) -> EmbeddedMetadata {
    read_metadata(bytes).unwrap_or_else(|error| panic!("{error}"))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

// ---------------------------------------------------------------------------
// Building test images.

/// A small valid JPEG (JFIF, no metadata) from the `image` crate's encoder.
fn tiny_jpeg() -> Vec<u8> {
    let image = image::RgbImage::from_fn(16, 8, |x, y| image::Rgb([x as u8 * 16, y as u8 * 32, 90]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&image).unwrap();
    out
}

/// A JPEG with extra segments right after its SOI marker.
fn with_segments(jpeg: &[u8], segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, payload) in segments {
        out.extend([0xFF, *marker]);
        out.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        out.extend(payload);
    }
    out.extend(&jpeg[2..]);
    out
}

/// One IIM dataset.
fn dataset(record: u8, number: u8, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1C, record, number];
    out.extend(u16::try_from(data.len()).unwrap().to_be_bytes());
    out.extend(data);
    out
}

/// An APP13 payload: Photoshop resources holding these IIM datasets.
fn app13(datasets: &[Vec<u8>]) -> (u8, Vec<u8>) {
    let iim: Vec<u8> = datasets.concat();
    let mut payload = b"Photoshop 3.0\0".to_vec();
    payload.extend(b"8BIM\x04\x04\0\0");
    payload.extend(u32::try_from(iim.len()).unwrap().to_be_bytes());
    payload.extend(&iim);
    if iim.len() % 2 == 1 {
        payload.push(0);
    }
    (0xED, payload)
}

/// An APP1 payload holding an XMP packet.
fn app1_xmp(packet: &str) -> (u8, Vec<u8>) {
    let mut payload = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    payload.extend(packet.as_bytes());
    (0xE1, payload)
}

/// An XMP packet around these `rdf:Description` attributes and children.
fn xmp_packet(attributes: &str, children: &str) -> String {
    format!(
        "<?xpacket begin='\u{feff}' id='W5M0MpCehiHzreSzNTczkc9d'?>\n\
         <x:xmpmeta xmlns:x='adobe:ns:meta/'>\n\
         <rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n\
         <rdf:Description rdf:about=''\n\
          xmlns:dc='http://purl.org/dc/elements/1.1/'\n\
          xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/'\n\
          xmlns:Iptc4xmpCore='http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/'\n\
          xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'\n\
          {attributes}>\n{children}\n</rdf:Description>\n\
         </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end='w'?>"
    )
}

/// A TIFF entry: tag, type (2 ASCII, 3 SHORT, 4 LONG, 7 UNDEFINED), value
/// bytes (little-endian).
type Entry = (u16, u16, Vec<u8>);

fn ascii(tag: u16, text: &str) -> Entry {
    let mut bytes = text.as_bytes().to_vec();
    bytes.push(0);
    (tag, 2, bytes)
}

/// A little-endian TIFF structure with IFD0 and, when given, an EXIF IFD.
fn tiff(ifd0: &[Entry], exif: &[Entry]) -> Vec<u8> {
    let ifd_size = |count: usize| 2 + 12 * count + 4;
    let mut first = ifd0.to_vec();
    if !exif.is_empty() {
        first.push((34665, 4, vec![0; 4]));
    }
    first.sort_by_key(|entry| entry.0);
    let exif_at = 8 + ifd_size(first.len());
    let data_at = exif_at + if exif.is_empty() { 0 } else { ifd_size(exif.len()) };
    for entry in &mut first {
        if entry.0 == 34665 {
            entry.2 = u32::try_from(exif_at).unwrap().to_le_bytes().to_vec();
        }
    }
    let mut out = b"II*\0\x08\0\0\0".to_vec();
    let mut data = Vec::new();
    for entries in [&first[..], exif] {
        if entries.is_empty() {
            continue;
        }
        out.extend(u16::try_from(entries.len()).unwrap().to_le_bytes());
        for (tag, kind, bytes) in entries {
            let unit = match kind {
                3 => 2,
                4 => 4,
                _ => 1,
            };
            out.extend(tag.to_le_bytes());
            out.extend(kind.to_le_bytes());
            out.extend(u32::try_from(bytes.len() / unit).unwrap().to_le_bytes());
            if bytes.len() <= 4 {
                let mut value = bytes.clone();
                value.resize(4, 0);
                out.extend(value);
            } else {
                out.extend(u32::try_from(data_at + data.len()).unwrap().to_le_bytes());
                data.extend(bytes);
                if data.len() % 2 == 1 {
                    data.push(0);
                }
            }
        }
        out.extend(0u32.to_le_bytes());
    }
    out.extend(data);
    out
}

/// The CRC-32 of PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG chunk.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    out.extend(crc32(&[&kind[..], data].concat()).to_be_bytes());
    out
}

/// The JPEG's segments before the image data (marker, whole segment) and
/// the image data.
fn jpeg_parts(bytes: &[u8]) -> (Vec<(u8, Vec<u8>)>, Vec<u8>) {
    let mut segments = Vec::new();
    let mut pos = 2;
    loop {
        assert_eq!(bytes[pos], 0xFF);
        let marker = bytes[pos + 1];
        if marker == 0xDA || marker == 0xD9 {
            return (segments, bytes[pos..].to_vec());
        }
        let length = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        segments.push((marker, bytes[pos..pos + 2 + length].to_vec()));
        pos += 2 + length;
    }
}

/// Whether a segment holds XMP or Photoshop resources (what the writer
/// rewrites).
fn is_rewritten(segment: &(u8, Vec<u8>)) -> bool {
    let payload = &segment.1[4..];
    (segment.0 == 0xE1 && payload.starts_with(b"http://ns.adobe.com/xap/1.0/\0"))
        || (segment.0 == 0xED && payload.starts_with(b"Photoshop 3.0\0"))
}

// ---------------------------------------------------------------------------
// The shared test photos' ground truth (../shared/testdata/README.md).

#[test]
fn reference_image_ground_truth() {
    let metadata = read(&photo(REFERENCE));
    assert_eq!(metadata.caption, "The description aka caption (ref2021.1)");
    assert_eq!(metadata.creator, "Creator1 (ref2021.1)");
    assert_eq!(metadata.credit, "Credit Line (ref2021.1)");
    assert_eq!(metadata.source, "Source (ref2021.1)");
    assert_eq!(metadata.copyright, "Copyright (Notice) 2021.1 IPTC - www.iptc.org  (ref2021.1)");
    assert_eq!(metadata.headline, "The Headline (ref2021.1)");
    assert_eq!(metadata.city, "City (Core) (ref2021.1)");
    assert_eq!(metadata.keywords, strings(&["Keyword1ref2021.1", "Keyword2ref2021.1", "Keyword3ref2021.1"]));
    assert_eq!(metadata.alt_text, "This is the Alt Text description to support accessibility in 2021.1");
    assert_eq!((metadata.width, metadata.height), (Some(2000), Some(1000)));
    // Beyond the README's table, as the file has them.
    assert_eq!(metadata.country, "Country (Core) (ref2021.1)");
    assert_eq!(metadata.instructions, "An Instruction (ref2021.1)");
    assert_eq!(metadata.date_created, "2021-10-20T21:01:01+00:00");
    // Only the top-level PersonInImage, not the ones inside image regions.
    assert_eq!(metadata.persons_shown, strings(&["Person Shown 1 (ref2021.1)", "Person Shown 2 (ref2021.1)"]));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn exiftool_iptc_image_ground_truth() {
    let metadata = read(&photo(IPTC));
    assert_eq!(metadata.caption, "A witty caption");
    assert_eq!(metadata.creator, "Phil Harvey");
    assert_eq!(metadata.credit, "My Credit");
    assert_eq!(metadata.source, "I'm the source");
    assert_eq!(metadata.copyright, "Copyright 2004 Phil Harvey");
    assert_eq!(metadata.headline, "No headline");
    assert_eq!(metadata.city, "Kingston");
    assert_eq!(metadata.keywords, strings(&["ExifTool", "Test", "IPTC"]));
    assert_eq!((metadata.width, metadata.height), (Some(8), Some(8)));
    assert_eq!(metadata.date_created, "2004-02-26");
    assert_eq!(metadata.country, "Canada");
    assert_eq!(metadata.instructions, "What instructions");
    assert!(metadata.alt_text.is_empty());
    assert!(metadata.conflicts.is_empty(), "{:?}", metadata.conflicts);
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn photo_mechanic_image_ground_truth() {
    let metadata = read(&photo(PHOTO_MECHANIC));
    assert_eq!(metadata.caption, "Caption");
    assert_eq!(metadata.creator, "Photographer");
    assert_eq!(metadata.credit, "Credit");
    assert_eq!(metadata.source, "Source");
    assert_eq!(metadata.copyright, "Copyright");
    assert_eq!(metadata.headline, "Headline");
    assert_eq!(metadata.city, "kingston");
    assert_eq!(metadata.keywords, strings(&["Keywords", "one", "three", "two"]));
    assert_eq!((metadata.width, metadata.height), (Some(8), Some(8)));
    assert_eq!(metadata.instructions, "Special ins");
    // XMP's day wins; IIM's fuller time on the same day is no conflict.
    assert_eq!(metadata.date_created, "2006-10-29");
    assert!(metadata.conflicts.is_empty(), "{:?}", metadata.conflicts);
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn utf16_xmp_image_ground_truth() {
    let metadata = read(&photo(XMP_UTF16));
    assert_eq!(metadata.caption, "UTF-16 (big-endian) encoded XMP");
    assert_eq!(metadata.creator, "Phil Harvey");
    assert_eq!(metadata.credit, "My Credit");
    assert_eq!(metadata.source, "I'm the source");
    assert_eq!(metadata.copyright, "Copyright 2004 Phil Harvey");
    assert_eq!((metadata.width, metadata.height), (Some(8), Some(8)));
    assert_eq!(metadata.headline, "No headline");
    assert_eq!(metadata.city, "Kingston");
    assert_eq!(metadata.keywords, strings(&["ExifTool", "Test", "XMP"]));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

// ---------------------------------------------------------------------------
// IPTC IIM text encodings and fields.

#[test]
fn iim_without_1_90_is_windows_1252() {
    let jpeg = with_segments(
        &tiny_jpeg(),
        &[app13(&[
            dataset(2, 0, &[0, 4]),
            dataset(2, 120, b"Caf\xe9 au lait \x96 served  hot\0"),
            dataset(2, 90, b"Montr\xe9al "),
            dataset(2, 80, b"Ana Mu\xf1oz"),
            dataset(2, 80, b"Bo Berg"),
        ])],
    );
    let metadata = read(&jpeg);
    assert_eq!(metadata.caption, "Café au lait – served  hot");
    assert_eq!(metadata.city, "Montréal");
    assert_eq!(metadata.creator, "Ana Muñoz; Bo Berg");
    assert_eq!((metadata.width, metadata.height), (Some(16), Some(8)));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn iim_with_1_90_is_utf8() {
    let jpeg = with_segments(
        &tiny_jpeg(),
        &[app13(&[
            dataset(1, 90, b"\x1b%G"),
            dataset(2, 120, "Café in Zürich, 東京".as_bytes()),
            dataset(2, 25, "été".as_bytes()),
            dataset(2, 25, "Łódź".as_bytes()),
        ])],
    );
    let metadata = read(&jpeg);
    assert_eq!(metadata.caption, "Café in Zürich, 東京");
    assert_eq!(metadata.keywords, strings(&["été", "Łódź"]));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn undeclared_utf8_in_iim_is_read_as_windows_1252_with_a_warning() {
    let jpeg = with_segments(&tiny_jpeg(), &[app13(&[dataset(2, 120, "Café".as_bytes())])]);
    let metadata = read(&jpeg);
    assert_eq!(metadata.caption, "CafÃ©");
    assert_eq!(metadata.warnings.len(), 1, "{:?}", metadata.warnings);
}

#[test]
fn iim_date_and_time_become_iso_8601() {
    let jpeg = with_segments(
        &tiny_jpeg(),
        &[app13(&[
            dataset(2, 55, b"20210102"),
            dataset(2, 60, b"030405+0100"),
            dataset(2, 40, b"EMBARGOED until 6 a.m."),
            dataset(2, 101, b"Norway"),
            dataset(2, 105, b"The headline"),
            dataset(2, 110, b"The credit"),
            dataset(2, 115, b"The source"),
            dataset(2, 116, b"(c) Someone"),
        ])],
    );
    let metadata = read(&jpeg);
    assert_eq!(metadata.date_created, "2021-01-02T03:04:05+01:00");
    assert_eq!(metadata.instructions, "EMBARGOED until 6 a.m.");
    assert_eq!(metadata.country, "Norway");
    assert_eq!(metadata.headline, "The headline");
    assert_eq!(metadata.credit, "The credit");
    assert_eq!(metadata.source, "The source");
    assert_eq!(metadata.copyright, "(c) Someone");
}

// ---------------------------------------------------------------------------
// XMP forms, precedence and conflicts.

#[test]
fn xmp_properties_as_attributes_are_read() {
    let packet = xmp_packet(
        "photoshop:Credit='Agency &amp; Co' photoshop:City=\"Bergen\" photoshop:DateCreated='2020-05-06T07:08:09Z'",
        "<dc:description><rdf:Alt><rdf:li xml:lang='en'>English</rdf:li>\
         <rdf:li xml:lang='x-default'>Default &lt;caption&gt; &#x263A;</rdf:li></rdf:Alt></dc:description>\
         <Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Jo</rdf:li><rdf:li>Kim</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>",
    );
    let metadata = read(&with_segments(&tiny_jpeg(), &[app1_xmp(&packet)]));
    assert_eq!(metadata.credit, "Agency & Co");
    assert_eq!(metadata.city, "Bergen");
    assert_eq!(metadata.date_created, "2020-05-06T07:08:09Z");
    assert_eq!(metadata.caption, "Default <caption> ☺");
    assert_eq!(metadata.persons_shown, strings(&["Jo", "Kim"]));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn utf16_little_endian_xmp_is_read() {
    let packet = xmp_packet("photoshop:Headline='Ĥeadline'", "");
    let mut payload = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    payload.extend([0xFF, 0xFE]);
    payload.extend(packet.encode_utf16().flat_map(u16::to_le_bytes));
    let metadata = read(&with_segments(&tiny_jpeg(), &[(0xE1, payload)]));
    assert_eq!(metadata.headline, "Ĥeadline");
}

#[test]
fn xmp_wins_over_iim_and_the_other_value_stays_visible() {
    let packet = xmp_packet(
        "photoshop:Credit='Same credit'",
        "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>XMP caption</rdf:li></rdf:Alt></dc:description>",
    );
    let jpeg = with_segments(
        &tiny_jpeg(),
        &[
            app1_xmp(&packet),
            app13(&[
                dataset(2, 120, b"IIM caption"),
                dataset(2, 110, b"Same credit"),
                dataset(2, 90, b"IIM-only city"),
            ]),
        ],
    );
    let metadata = read(&jpeg);
    assert_eq!(metadata.caption, "XMP caption");
    assert_eq!(metadata.credit, "Same credit");
    assert_eq!(metadata.city, "IIM-only city");
    assert_eq!(
        metadata.conflicts,
        [MetadataConflict {
            field: "caption",
            chosen: "XMP caption".to_owned(),
            other: "IIM caption".to_owned(),
            other_source: "IPTC IIM",
        }]
    );
}

#[test]
fn exif_fields_orientation_and_date() {
    let exif = tiff(
        &[ascii(270, "EXIF caption"), (274, 3, vec![6, 0]), ascii(315, "EXIF Artist"), ascii(33432, "EXIF copyright")],
        &[ascii(36867, "2019:08:07 06:05:04")],
    );
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(&exif);
    let jpeg = with_segments(&tiny_jpeg(), &[(0xE1, payload), app13(&[dataset(2, 120, b"IIM caption")])]);
    let metadata = read(&jpeg);
    assert_eq!(metadata.orientation, Some(6));
    assert_eq!(metadata.caption, "IIM caption");
    assert_eq!(metadata.creator, "EXIF Artist");
    assert_eq!(metadata.copyright, "EXIF copyright");
    assert_eq!(metadata.date_created, "2019-08-07T06:05:04");
    assert_eq!(
        metadata.conflicts,
        [MetadataConflict {
            field: "caption",
            chosen: "IIM caption".to_owned(),
            other: "EXIF caption".to_owned(),
            other_source: "EXIF",
        }]
    );
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

// ---------------------------------------------------------------------------
// PNG, WebP and TIFF.

fn tiny_png() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(5, 3, image::Rgb([1, 2, 3]));
    let mut out = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// A PNG with extra chunks before IEND.
fn png_with(chunks: &[Vec<u8>]) -> Vec<u8> {
    let png = tiny_png();
    let iend = png.len() - 12;
    [&png[..iend], &chunks.concat(), &png[iend..]].concat()
}

#[test]
fn png_xmp_and_exif_are_read() {
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend(xmp_packet("photoshop:Credit='PNG credit'", "").as_bytes());
    let exif = tiff(&[(274, 3, vec![3, 0])], &[]);
    let png = png_with(&[png_chunk(b"iTXt", &itxt), png_chunk(b"eXIf", &exif)]);
    let metadata = read(&png);
    assert_eq!(metadata.credit, "PNG credit");
    assert_eq!(metadata.orientation, Some(3));
    assert_eq!((metadata.width, metadata.height), (Some(5), Some(3)));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn png_claiming_a_huge_size_is_read_without_decoding() {
    let mut ihdr = Vec::new();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(png_chunk(b"IEND", &[]));
    // Either the size or a warning, never a 30 GB allocation or a panic.
    let metadata = read(&png);
    assert!(metadata.width == Some(100_000) || !metadata.warnings.is_empty(), "{metadata:?}");
}

#[test]
fn webp_xmp_is_read() {
    let image = image::RgbImage::from_pixel(4, 6, image::Rgb([9, 9, 9]));
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(image.as_raw(), 4, 6, image::ExtendedColorType::Rgb8)
        .unwrap();
    let packet = xmp_packet("photoshop:Source='WebP source'", "");
    webp.extend(b"XMP ");
    webp.extend(u32::try_from(packet.len()).unwrap().to_le_bytes());
    webp.extend(packet.as_bytes());
    if packet.len() % 2 == 1 {
        webp.push(0);
    }
    let riff_size = u32::try_from(webp.len() - 8).unwrap();
    webp[4..8].copy_from_slice(&riff_size.to_le_bytes());
    let metadata = read(&webp);
    assert_eq!(metadata.source, "WebP source");
    assert_eq!((metadata.width, metadata.height), (Some(4), Some(6)));
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn tiff_iptc_xmp_and_exif_tags_are_read() {
    let iim = [dataset(2, 120, b"TIFF caption"), dataset(2, 80, b"TIFF By-line")].concat();
    let packet = xmp_packet("photoshop:Headline='TIFF headline'", "");
    let file = tiff(
        &[
            (256, 3, vec![2, 0]),
            (257, 3, vec![1, 0]),
            (700, 1, packet.into_bytes()),
            (33723, 7, iim),
            ascii(33432, "TIFF copyright"),
        ],
        &[],
    );
    let metadata = read(&file);
    assert_eq!(metadata.caption, "TIFF caption");
    assert_eq!(metadata.creator, "TIFF By-line");
    assert_eq!(metadata.headline, "TIFF headline");
    assert_eq!(metadata.copyright, "TIFF copyright");
}

// ---------------------------------------------------------------------------
// Hostile input: errors or warnings, never a panic.

#[test]
fn empty_bytes_are_an_error() {
    assert_eq!(read_metadata(&[]), Err(MetadataError::Empty));
}

#[test]
fn a_text_file_is_an_unsupported_format() {
    let error = read_metadata(b"Dear editor,\nplease find my photo attached.\n").unwrap_err();
    assert!(matches!(error, MetadataError::UnsupportedFormat { .. }), "{error:?}");
    assert!(error.to_string().contains("looks like text"), "{error}");
    let error = write_jpeg_metadata(b"not a photo", &WritableMetadata::default()).unwrap_err();
    assert!(matches!(error, MetadataError::NotJpeg { .. }), "{error:?}");
}

#[test]
fn truncated_jpegs_give_errors_or_warnings() {
    for name in [REFERENCE, IPTC, PHOTO_MECHANIC, XMP_UTF16] {
        let bytes = photo(name);
        let (_, image_data) = jpeg_parts(&bytes);
        let image_data_at = bytes.len() - image_data.len();
        let cuts = (0..image_data_at.min(4096))
            .chain((4096..image_data_at).step_by(61))
            .chain((image_data_at..bytes.len()).step_by(997));
        for cut in cuts {
            let truncated = &bytes[..cut];
            match read_metadata(truncated) {
                Ok(metadata) => {
                    assert!(cut >= image_data_at || !metadata.warnings.is_empty(), "{name} cut at {cut}: no warning")
                }
                Err(_) => assert!(cut < 2, "{name} cut at {cut}: an error"),
            }
            if cut < image_data_at {
                assert!(
                    write_jpeg_metadata(truncated, &WritableMetadata::default()).is_err(),
                    "{name} cut at {cut} was rewritten"
                );
            }
        }
    }
}

/// Signatures that send random bytes down each format's path.
const PREFIXES: [&[u8]; 6] = [
    b"",
    b"\xFF\xD8",
    b"\xFF\xD8\xFF\xED\x00\x40Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x20",
    b"\x89PNG\r\n\x1a\n",
    b"RIFF\x00\x01\x00\x00WEBP",
    b"II*\x00\x08\x00\x00\x00",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_bytes_never_panic(
        prefix in proptest::sample::select(PREFIXES.to_vec()),
        body in proptest::collection::vec(any::<u8>(), 0..1500),
    ) {
        let bytes = [prefix, &body[..]].concat();
        let _ = read_metadata(&bytes);
        let fields = WritableMetadata { caption: "x".to_owned(), ..WritableMetadata::default() };
        if let Ok(written) = write_jpeg_metadata(&bytes, &fields) {
            prop_assert!(read_metadata(&written).is_ok());
        }
    }

    #[test]
    fn damaged_real_files_never_panic(
        file in proptest::sample::select(vec![IPTC, PHOTO_MECHANIC, XMP_UTF16]),
        damage in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..12),
    ) {
        let mut bytes = photo(file);
        // Damage the metadata part of the file, where the parsers are.
        let limit = bytes.len().min(3000);
        for (index, byte) in damage {
            bytes[index.index(limit)] = byte;
        }
        let _ = read_metadata(&bytes);
        let fields = WritableMetadata { caption: "Damaged".to_owned(), ..WritableMetadata::default() };
        if let Ok(written) = write_jpeg_metadata(&bytes, &fields) {
            let metadata = read_metadata(&written);
            prop_assert!(metadata.is_ok());
        }
    }
}

// ---------------------------------------------------------------------------
// Writing back.

fn new_fields() -> WritableMetadata {
    WritableMetadata {
        caption: "A new caption: Café & \"quotes\" <tags>  and two spaces".to_owned(),
        credit: "Copydesk Photo Desk".to_owned(),
        creator: "Ana Muñoz; Bo Berg".to_owned(),
        copyright: "© 2025 Copydesk".to_owned(),
        alt_text: "Two people at a desk, seen from above".to_owned(),
        headline: None,
        keywords: None,
    }
}

/// Checks that writing kept every segment the writer does not rewrite, in
/// order, and the image data, byte for byte.
fn assert_other_segments_kept(before: &[u8], after: &[u8]) {
    let (old_segments, old_data) = jpeg_parts(before);
    let (new_segments, new_data) = jpeg_parts(after);
    let old: Vec<_> = old_segments.iter().filter(|s| !is_rewritten(s)).collect();
    let new: Vec<_> = new_segments.iter().filter(|s| !is_rewritten(s)).collect();
    assert_eq!(old, new, "other segments changed");
    assert_eq!(old_data, new_data, "image data changed");
}

/// Checks the written fields read back.
fn assert_written(metadata: &EmbeddedMetadata, fields: &WritableMetadata) {
    assert_eq!(metadata.caption, fields.caption);
    assert_eq!(metadata.credit, fields.credit);
    assert_eq!(metadata.creator, fields.creator);
    assert_eq!(metadata.copyright, fields.copyright);
    assert_eq!(metadata.alt_text, fields.alt_text);
}

#[test]
fn writing_the_reference_image_keeps_the_other_fields() {
    let original = photo(REFERENCE);
    let fields = new_fields();
    let written = write_jpeg_metadata(&original, &fields).unwrap();
    let before = read(&original);
    let after = read(&written);
    assert_written(&after, &fields);
    assert_eq!(after.headline, before.headline);
    assert_eq!(after.city, before.city);
    assert_eq!(after.country, before.country);
    assert_eq!(after.keywords, before.keywords);
    assert_eq!(after.source, before.source);
    assert_eq!(after.instructions, before.instructions);
    assert_eq!(after.date_created, before.date_created);
    assert_eq!(after.persons_shown, before.persons_shown);
    assert!(after.conflicts.iter().all(|c| c.other_source == "EXIF"), "{:?}", after.conflicts);
    assert!(after.warnings.is_empty(), "{:?}", after.warnings);
    assert_other_segments_kept(&original, &written);

    // Properties no field maps are kept in the XMP too.
    let (segments, _) = jpeg_parts(&written);
    let xmp = segments.iter().find(|s| s.0 == 0xE1 && is_rewritten(s)).unwrap();
    let text = String::from_utf8_lossy(&xmp.1);
    for kept in ["Iptc4xmpExt:ImageRegion", "plus:Licensor", "The Title (ref2021.1)", "xmpRights:UsageTerms"] {
        assert!(text.contains(kept), "{kept} was lost");
    }
    assert!(!text.contains("The description aka caption"));

    // The picture itself is untouched and still decodes.
    let image = image::load_from_memory(&written).unwrap();
    assert_eq!((image.width(), image.height()), (2000, 1000));
}

#[test]
fn writing_is_idempotent() {
    for name in [REFERENCE, IPTC, PHOTO_MECHANIC, XMP_UTF16] {
        let once = write_jpeg_metadata(&photo(name), &new_fields()).unwrap();
        let twice = write_jpeg_metadata(&once, &new_fields()).unwrap();
        assert!(once == twice, "{name}: writing again changed the file");
    }
}

#[test]
fn writing_every_shared_photo_reads_back() {
    for name in [REFERENCE, IPTC, PHOTO_MECHANIC, XMP_UTF16] {
        let original = photo(name);
        let fields = WritableMetadata {
            headline: Some("A new headline".to_owned()),
            keywords: Some(strings(&["news", "été"])),
            ..new_fields()
        };
        let written = write_jpeg_metadata(&original, &fields).unwrap();
        let before = read(&original);
        let after = read(&written);
        assert_written(&after, &fields);
        assert_eq!(after.headline, "A new headline", "{name}");
        assert_eq!(after.keywords, strings(&["news", "été"]), "{name}");
        assert_eq!(after.city, before.city, "{name}");
        assert_eq!(after.source, before.source, "{name}");
        assert!(after.conflicts.iter().all(|c| c.other_source == "EXIF"), "{name}: {:?}", after.conflicts);
        assert!(after.warnings.is_empty(), "{name}: {:?}", after.warnings);
        assert_other_segments_kept(&original, &written);
        let image = image::load_from_memory(&written).unwrap();
        assert_eq!((Some(image.width()), Some(image.height())), (before.width, before.height));
    }
}

#[test]
fn writing_keeps_the_other_photoshop_resources_and_drops_the_stale_digest() {
    let original = photo(IPTC);
    let written = write_jpeg_metadata(&original, &new_fields()).unwrap();
    let resources = |bytes: &[u8]| -> Vec<Vec<u8>> {
        let (segments, _) = jpeg_parts(bytes);
        let section: Vec<u8> = segments.iter().filter(|s| s.0 == 0xED).flat_map(|s| s.1[4 + 14..].to_vec()).collect();
        let mut blocks = Vec::new();
        let mut pos = 0;
        while pos + 12 <= section.len() {
            let name = (1 + usize::from(section[pos + 6]) + 1) & !1;
            let at = pos + 6 + name;
            let size = u32::from_be_bytes(section[at..at + 4].try_into().unwrap()) as usize;
            let end = at + 4 + size + size % 2;
            // The IIM block itself is rewritten, and its MD5 digest (0x0425)
            // is dropped because it no longer matches.
            if section[pos + 4..pos + 6] != [0x04, 0x04] && section[pos + 4..pos + 6] != [0x04, 0x25] {
                blocks.push(section[pos..end].to_vec());
            }
            pos = end;
        }
        blocks
    };
    let before = resources(&original);
    assert!(before.len() > 10);
    assert_eq!(resources(&written), before);
    let digest = [0x38, 0x42, 0x49, 0x4D, 0x04, 0x25];
    assert!(original.windows(6).any(|w| w == digest), "the original has an IPTC digest");
    assert!(!written.windows(6).any(|w| w == digest), "the stale digest is gone");
}

#[test]
fn writing_a_jpeg_without_metadata_creates_it() {
    let original = tiny_jpeg();
    let fields = new_fields();
    let written = write_jpeg_metadata(&original, &fields).unwrap();
    let metadata = read(&written);
    assert_written(&metadata, &fields);
    assert!(metadata.conflicts.is_empty(), "{:?}", metadata.conflicts);
    assert_other_segments_kept(&original, &written);
    // The JFIF segment stays first.
    assert_eq!(&written[..4], &original[..4]);
    image::load_from_memory(&written).unwrap();

    // Nothing to write into a file without metadata: the file is unchanged.
    assert_eq!(write_jpeg_metadata(&original, &WritableMetadata::default()).unwrap(), original);
}

#[test]
fn writing_converts_windows_1252_iim_to_utf8() {
    let original =
        with_segments(&tiny_jpeg(), &[app13(&[dataset(2, 90, b"Montr\xe9al"), dataset(2, 120, b"Vieux caf\xe9")])]);
    let fields = WritableMetadata { caption: "Nouveau café".to_owned(), ..WritableMetadata::default() };
    let written = write_jpeg_metadata(&original, &fields).unwrap();
    let metadata = read(&written);
    assert_eq!(metadata.caption, "Nouveau café");
    assert_eq!(metadata.city, "Montréal");
    assert!(metadata.warnings.is_empty(), "{:?}", metadata.warnings);
}

#[test]
fn empty_fields_remove_what_the_file_had() {
    let original = photo(PHOTO_MECHANIC);
    let fields = WritableMetadata { caption: "Only a caption".to_owned(), ..WritableMetadata::default() };
    let metadata = read(&write_jpeg_metadata(&original, &fields).unwrap());
    assert_eq!(metadata.caption, "Only a caption");
    assert_eq!(metadata.credit, "");
    assert_eq!(metadata.creator, "");
    assert_eq!(metadata.copyright, "");
    assert_eq!(metadata.headline, "Headline");
    assert_eq!(metadata.keywords, strings(&["Keywords", "one", "three", "two"]));
}

#[test]
fn a_caption_too_large_for_a_segment_is_an_error() {
    let fields = WritableMetadata { caption: "x".repeat(70_000), ..WritableMetadata::default() };
    let error = write_jpeg_metadata(&tiny_jpeg(), &fields).unwrap_err();
    assert!(matches!(error, MetadataError::TooLarge { .. }), "{error:?}");
}

/// ExifTool, when installed, reads what was written the same way.
#[test]
fn exiftool_reads_the_written_fields() {
    if std::process::Command::new("exiftool").arg("-ver").output().is_err() {
        eprintln!("exiftool is not installed: skipping the cross-check with it");
        return;
    }
    let fields = new_fields();
    for name in [REFERENCE, IPTC, XMP_UTF16] {
        let written = write_jpeg_metadata(&photo(name), &fields).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &written).unwrap();
        let output = std::process::Command::new("exiftool")
            .args(["-json", "-Caption-Abstract", "-Description", "-By-line"])
            .args(["-Creator", "-Credit", "-CopyrightNotice", "-Rights", "-AltTextAccessibility", "-Warning"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let tags = &json[0];
        assert_eq!(tags["Caption-Abstract"], fields.caption.as_str(), "{name}: {tags}");
        assert_eq!(tags["Description"], fields.caption.as_str(), "{name}: {tags}");
        assert_eq!(tags["By-line"], serde_json::json!(["Ana Muñoz", "Bo Berg"]), "{name}: {tags}");
        assert_eq!(tags["Creator"], serde_json::json!(["Ana Muñoz", "Bo Berg"]), "{name}: {tags}");
        assert_eq!(tags["Credit"], fields.credit.as_str(), "{name}: {tags}");
        assert_eq!(tags["CopyrightNotice"], fields.copyright.as_str(), "{name}: {tags}");
        assert_eq!(tags["Rights"], fields.copyright.as_str(), "{name}: {tags}");
        assert_eq!(tags["AltTextAccessibility"], fields.alt_text.as_str(), "{name}: {tags}");
        assert!(tags.get("Warning").is_none(), "{name}: {tags}");
    }
}
