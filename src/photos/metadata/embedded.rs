//! What [`super::read_metadata`] found in an image.

/// The caption metadata embedded in one image, merged from its XMP packet,
/// IPTC IIM datasets and EXIF tags.
///
/// Text fields are empty when the image does not have them, and list fields
/// are empty lists. When sources disagree XMP wins over IPTC IIM, which wins
/// over EXIF; each disagreement is kept in [`Self::conflicts`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbeddedMetadata {
    /// The caption (description): XMP dc:description, IIM 2:120, EXIF
    /// ImageDescription.
    pub caption: String,
    /// The headline: XMP photoshop:Headline, IIM 2:105.
    pub headline: String,
    /// The photographer or photographers, joined with "; ": XMP dc:creator,
    /// IIM 2:80 By-line, EXIF Artist.
    pub creator: String,
    /// The credit line: XMP photoshop:Credit, IIM 2:110.
    pub credit: String,
    /// Who supplied the image (often the agency): XMP photoshop:Source,
    /// IIM 2:115.
    pub source: String,
    /// The copyright notice: XMP dc:rights, IIM 2:116, EXIF Copyright.
    pub copyright: String,
    /// When the picture was taken, as ISO 8601 text where the source allows:
    /// XMP photoshop:DateCreated as written, IIM 2:55 and 2:60 as
    /// `2021-01-02T03:04:05+01:00`, EXIF DateTimeOriginal as
    /// `2021-01-02T03:04:05`.
    pub date_created: String,
    /// The city shown: XMP photoshop:City, IIM 2:90.
    pub city: String,
    /// The country shown: XMP photoshop:Country, IIM 2:101.
    pub country: String,
    /// Keywords in file order: XMP dc:subject, IIM 2:25.
    pub keywords: Vec<String>,
    /// Special instructions, such as an embargo: XMP photoshop:Instructions,
    /// IIM 2:40.
    pub instructions: String,
    /// Alternative text for accessibility: XMP
    /// Iptc4xmpCore:AltTextAccessibility (IIM has none).
    pub alt_text: String,
    /// People shown: XMP Iptc4xmpExt:PersonInImage (IIM has none).
    pub persons_shown: Vec<String>,
    /// The image's width in pixels, from its header.
    pub width: Option<u32>,
    /// The image's height in pixels, from its header.
    pub height: Option<u32>,
    /// The EXIF orientation (1 to 8), when the image has one.
    pub orientation: Option<u16>,
    /// Fields whose sources disagree; the chosen value is in the field.
    pub conflicts: Vec<MetadataConflict>,
    /// Damage found on the way (truncated segments, bad XML…); what could
    /// still be read is in the fields.
    pub warnings: Vec<String>,
}

/// Two sources of an image give different values for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataConflict {
    /// The field's name in [`EmbeddedMetadata`], such as "caption".
    pub field: &'static str,
    /// The value kept: XMP's, or IPTC IIM's when the other value is EXIF's
    /// and XMP has none.
    pub chosen: String,
    /// The value not kept. Lists are joined with "; ".
    pub other: String,
    /// Where the value not kept comes from: "IPTC IIM" or "EXIF".
    pub other_source: &'static str,
}
