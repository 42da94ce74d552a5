//! The caption fields as one source (XMP, IPTC IIM or EXIF) gives them, and
//! their merge by precedence: XMP over IIM over EXIF.

use super::{EmbeddedMetadata, MetadataConflict};

/// The source names used in [`MetadataConflict::other_source`].
const IIM: &str = "IPTC IIM";
/// See [`IIM`].
const EXIF: &str = "EXIF";

/// The fields one metadata source holds. Empty means absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SourceFields {
    pub caption: String,
    pub headline: String,
    pub creators: Vec<String>,
    pub credit: String,
    pub source: String,
    pub copyright: String,
    pub date_created: String,
    pub city: String,
    pub country: String,
    pub keywords: Vec<String>,
    pub instructions: String,
    pub alt_text: String,
    pub persons_shown: Vec<String>,
}

/// Fills the fields of `out` from the three sources, keeping XMP over IIM over
/// EXIF and recording each disagreement in `out.conflicts`.
pub(crate) fn merge_into(out: &mut EmbeddedMetadata, xmp: &SourceFields, iim: &SourceFields, exif: &SourceFields) {
    let conflicts = &mut out.conflicts;
    out.caption = pick("caption", &xmp.caption, &iim.caption, &exif.caption, same_text, conflicts);
    out.headline = pick("headline", &xmp.headline, &iim.headline, "", same_text, conflicts);
    let creators = pick_list("creator", &xmp.creators, &iim.creators, &exif.creators, conflicts);
    out.creator = creators.join("; ");
    out.credit = pick("credit", &xmp.credit, &iim.credit, "", same_text, conflicts);
    out.source = pick("source", &xmp.source, &iim.source, "", same_text, conflicts);
    out.copyright = pick("copyright", &xmp.copyright, &iim.copyright, &exif.copyright, same_text, conflicts);
    out.date_created =
        pick("date_created", &xmp.date_created, &iim.date_created, &exif.date_created, same_date, conflicts);
    out.city = pick("city", &xmp.city, &iim.city, "", same_text, conflicts);
    out.country = pick("country", &xmp.country, &iim.country, "", same_text, conflicts);
    out.keywords = pick_list("keywords", &xmp.keywords, &iim.keywords, &[], conflicts);
    out.instructions = pick("instructions", &xmp.instructions, &iim.instructions, "", same_text, conflicts);
    out.alt_text = pick("alt_text", &xmp.alt_text, &iim.alt_text, "", same_text, conflicts);
    out.persons_shown = pick_list("persons_shown", &xmp.persons_shown, &iim.persons_shown, &[], conflicts);
}

/// Plain text agrees when it is equal.
fn same_text(a: &str, b: &str) -> bool {
    a == b
}

/// Dates agree when one is the other with more detail: XMP's `2006-10-29`
/// and IIM's `2006-10-29T06:27:51-05:00` are the same day, and EXIF's time
/// without a zone agrees with the same time with one.
fn same_date(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The first non-empty of XMP, IIM and EXIF, recording disagreements.
fn pick(
    field: &'static str,
    xmp: &str,
    iim: &str,
    exif: &str,
    agree: fn(&str, &str) -> bool,
    conflicts: &mut Vec<MetadataConflict>,
) -> String {
    let chosen = [xmp, iim, exif].into_iter().find(|value| !value.is_empty()).unwrap_or("");
    if !xmp.is_empty() && !iim.is_empty() && !agree(xmp, iim) {
        conflicts.push(MetadataConflict { field, chosen: xmp.to_owned(), other: iim.to_owned(), other_source: IIM });
    }
    if !chosen.is_empty() && !exif.is_empty() && !agree(chosen, exif) {
        conflicts.push(MetadataConflict {
            field,
            chosen: chosen.to_owned(),
            other: exif.to_owned(),
            other_source: EXIF,
        });
    }
    chosen.to_owned()
}

/// [`pick`] for lists: the first non-empty list wins.
fn pick_list(
    field: &'static str,
    xmp: &[String],
    iim: &[String],
    exif: &[String],
    conflicts: &mut Vec<MetadataConflict>,
) -> Vec<String> {
    let chosen = [xmp, iim, exif].into_iter().find(|list| !list.is_empty()).unwrap_or(&[]);
    if !xmp.is_empty() && !iim.is_empty() && xmp != iim {
        conflicts.push(MetadataConflict { field, chosen: xmp.join("; "), other: iim.join("; "), other_source: IIM });
    }
    // EXIF keeps several names in one text, so compare the joined forms.
    if !chosen.is_empty() && !exif.is_empty() && chosen.join("; ") != exif.join("; ") {
        conflicts.push(MetadataConflict {
            field,
            chosen: chosen.join("; "),
            other: exif.join("; "),
            other_source: EXIF,
        });
    }
    chosen.to_vec()
}
