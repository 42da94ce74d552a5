//! Photo services with no UI: reading and writing the caption metadata that
//! agencies embed (IPTC IIM, XMP, EXIF) and making thumbnails off the UI
//! thread. They work on bytes; reading and writing files is `storage`'s job.

pub mod metadata;
pub mod thumbs;
