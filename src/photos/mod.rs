//! Photo services with no UI: reading and writing the caption metadata that
//! agencies embed (IPTC IIM, XMP, EXIF) and making thumbnails off the UI
//! thread, and Photo Mechanic-style code replacements for captions. They
//! work on bytes and text; reading and writing files is `storage`'s job.

pub mod codes;
pub mod metadata;
pub mod template;
pub mod thumbs;
pub mod web;
