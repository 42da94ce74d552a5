//! The agency metadata readers (IPTC IIM, XMP, EXIF in JPEG, PNG, WebP,
//! TIFF), the embedded-thumbnail finder and the caption writer on hostile
//! bytes: a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = copydesk::photos::metadata::read_metadata(data);
    let _ = copydesk::photos::thumbs::embedded_thumbnail(data);
    let fields = copydesk::photos::metadata::WritableMetadata {
        caption: "Caption".into(),
        credit: "AP".into(),
        creator: "Name".into(),
        copyright: "©".into(),
        alt_text: "Alt".into(),
        headline: None,
        keywords: None,
    };
    if let Ok(written) = copydesk::photos::metadata::write_jpeg_metadata(data, &fields) {
        // What was written must read back.
        let read = copydesk::photos::metadata::read_metadata(&written);
        assert!(read.is_ok_and(|metadata| metadata.caption == "Caption"));
    }
});
