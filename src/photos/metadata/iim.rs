//! IPTC IIM: the datasets (record:number, such as 2:120 for the caption)
//! that agencies still send, reading them into fields and rewriting some of
//! them in place.

use std::borrow::Cow;

use super::fields::SourceFields;
use super::text::{decode_iim, looks_like_utf8};

/// The escape sequence in dataset 1:90 that declares UTF-8 text.
pub(crate) const UTF8_MARKER: &[u8] = b"\x1b%G";

/// One dataset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataSet<'a> {
    /// The record (1 envelope, 2 application).
    pub record: u8,
    /// The dataset number within its record.
    pub number: u8,
    /// The dataset's data.
    pub data: &'a [u8],
    /// The whole dataset as stored, header included.
    pub raw: &'a [u8],
}

/// The datasets of an IIM block.
#[derive(Debug, Clone, Default)]
pub(crate) struct DataSets<'a> {
    /// The datasets, in order.
    pub sets: Vec<DataSet<'a>>,
    /// What stopped the walk early, if anything.
    pub problem: Option<String>,
}

impl DataSets<'_> {
    /// Whether record 1:90 declares UTF-8 (ESC % G, or one of the
    /// ESC % / forms that also mean UTF-8).
    pub fn is_utf8(&self) -> bool {
        self.sets.iter().any(|set| {
            set.record == 1
                && set.number == 90
                && (set.data.starts_with(UTF8_MARKER) || set.data.starts_with(b"\x1b%/"))
        })
    }
}

/// Splits an IIM block into datasets. Zero padding at the end is ignored.
pub(crate) fn parse(block: &[u8]) -> DataSets<'_> {
    let mut sets = DataSets::default();
    let mut pos = 0;
    while pos < block.len() {
        let rest = block.get(pos..).unwrap_or_default();
        let Some(&[tag, record, number, len_high, len_low]) = rest.get(..5) else {
            if rest.iter().any(|&byte| byte != 0) {
                sets.problem = Some(format!("an IIM dataset at byte {pos} is cut off"));
            }
            break;
        };
        if tag != 0x1C {
            if rest.iter().any(|&byte| byte != 0) {
                sets.problem =
                    Some(format!("expected an IIM dataset at byte {pos}, found 0x{tag:02X}; the rest was skipped"));
            }
            break;
        }
        let length_field = u16::from_be_bytes([len_high, len_low]);
        let (data_at, length) = if length_field & 0x8000 == 0 {
            (5, usize::from(length_field))
        } else {
            // An extended dataset: the low bits count the length's bytes.
            let count = usize::from(length_field & 0x7FFF);
            let digits = rest.get(5..5 + count).filter(|_| (1..=4).contains(&count));
            let Some(digits) = digits else {
                sets.problem =
                    Some(format!("IIM dataset {record}:{number} at byte {pos} has an unreadable extended length"));
                break;
            };
            let length = digits.iter().fold(0usize, |acc, &byte| (acc << 8) | usize::from(byte));
            (5 + count, length)
        };
        let Some(data) = rest.get(data_at..data_at.saturating_add(length)) else {
            sets.problem = Some(format!(
                "IIM dataset {record}:{number} claims {length} bytes but only {} are there",
                rest.len().saturating_sub(data_at)
            ));
            // Keep what is there: a cut caption is better than none.
            let data = rest.get(data_at..).unwrap_or_default();
            sets.sets.push(DataSet { record, number, data, raw: rest });
            break;
        };
        let end = data_at + length;
        sets.sets.push(DataSet { record, number, data, raw: rest.get(..end).unwrap_or_default() });
        pos += end;
    }
    sets
}

/// The caption fields in an IIM block, with warnings for what went wrong.
pub(crate) fn read_fields(block: &[u8], warnings: &mut Vec<String>) -> SourceFields {
    let sets = parse(block);
    if let Some(problem) = &sets.problem {
        warnings.push(format!("IPTC IIM: {problem}"));
    }
    let utf8 = sets.is_utf8();
    let mut fields = SourceFields::default();
    let mut date = String::new();
    let mut time = String::new();
    let mut utf8_lookalike = false;
    for set in sets.sets.iter().filter(|set| set.record == 2) {
        if !utf8 && looks_like_utf8(set.data) {
            utf8_lookalike = true;
        }
        let text = decode_iim(set.data, utf8);
        let single = match set.number {
            120 => &mut fields.caption,
            105 => &mut fields.headline,
            110 => &mut fields.credit,
            115 => &mut fields.source,
            116 => &mut fields.copyright,
            90 => &mut fields.city,
            101 => &mut fields.country,
            40 => &mut fields.instructions,
            55 => &mut date,
            60 => &mut time,
            80 | 25 => {
                let list = if set.number == 80 { &mut fields.creators } else { &mut fields.keywords };
                if !text.is_empty() {
                    list.push(text);
                }
                continue;
            }
            _ => continue,
        };
        // A non-repeatable dataset given twice: the first one counts.
        if single.is_empty() {
            *single = text;
        }
    }
    fields.date_created = iso_date(&date, &time);
    if utf8_lookalike {
        warnings.push(
            "IPTC IIM: the text looks like UTF-8 but the file does not declare it (record 1:90), so it was read as Windows-1252".to_owned(),
        );
    }
    fields
}

/// IIM's date (CCYYMMDD) and time (HHMMSS±HHMM) as ISO 8601 text. Text that
/// is not in those forms is kept as found.
fn iso_date(date: &str, time: &str) -> String {
    let digits = |text: &str| text.bytes().all(|byte| byte.is_ascii_digit());
    if date.len() != 8 || !digits(date) {
        return date.to_owned();
    }
    let (Some(year), Some(month), Some(day)) = (date.get(..4), date.get(4..6), date.get(6..8)) else {
        return date.to_owned();
    };
    let mut out = format!("{year}-{month}-{day}");
    if let (Some(clock), Some(hours), Some(minutes), Some(seconds)) =
        (time.get(..6), time.get(..2), time.get(2..4), time.get(4..6))
        && digits(clock)
    {
        out.push_str(&format!("T{hours}:{minutes}:{seconds}"));
        let zone = time.get(6..).unwrap_or_default();
        if let (Some(sign @ ("+" | "-")), Some(zone_hours), Some(zone_minutes)) =
            (zone.get(..1), zone.get(1..3), zone.get(3..5))
            && zone.len() == 5
            && digits(zone_hours)
            && digits(zone_minutes)
        {
            out.push_str(&format!("{sign}{zone_hours}:{zone_minutes}"));
        }
    }
    out
}

/// New values for some record 2 datasets: each listed number's datasets are
/// replaced by these (none to remove it).
pub(crate) struct Replacements {
    /// (dataset number, new values in order).
    pub sets: Vec<(u8, Vec<String>)>,
}

/// Record 2 datasets that hold binary data, not text.
const BINARY_DATASETS: [u8; 5] = [0, 125, 200, 201, 202];

/// Rewrites an IIM block: the replaced datasets get their new values (where
/// the first old one was, or in number order when new), 1:90 says UTF-8,
/// Windows-1252 text is converted to UTF-8, and every other dataset is kept
/// byte for byte.
pub(crate) fn rewrite(block: &[u8], replacements: &Replacements) -> Result<Vec<u8>, String> {
    let old = parse(block);
    if let Some(problem) = old.problem {
        return Err(problem);
    }
    let was_utf8 = old.is_utf8();
    let replaced = |number: u8| replacements.sets.iter().find(|(n, _)| *n == number);
    // Entries: (record, number, encoded dataset).
    let mut out: Vec<(u8, u8, Cow<'_, [u8]>)> = Vec::with_capacity(old.sets.len() + 8);
    let mut placed: Vec<u8> = Vec::new();
    for set in &old.sets {
        if set.record == 1 && set.number == 90 {
            continue;
        }
        if set.record == 2
            && let Some((number, values)) = replaced(set.number)
        {
            if !placed.contains(number) {
                placed.push(*number);
                for value in values {
                    out.push((2, *number, Cow::Owned(encode(2, *number, value.as_bytes()))));
                }
            }
            continue;
        }
        let converts = set.record == 2 && !was_utf8 && !set.data.is_ascii() && !BINARY_DATASETS.contains(&set.number);
        if converts {
            let text = encoding_rs::WINDOWS_1252.decode_without_bom_handling(set.data).0;
            out.push((2, set.number, Cow::Owned(encode(2, set.number, text.as_bytes()))));
        } else {
            out.push((set.record, set.number, Cow::Borrowed(set.raw)));
        }
    }
    insert_in_order(&mut out, 1, 90, UTF8_MARKER);
    if !out.iter().any(|(record, number, _)| *record == 2 && *number == 0) {
        // The application record version, which every IIM block starts with.
        insert_in_order(&mut out, 2, 0, &[0, 4]);
    }
    for (number, values) in &replacements.sets {
        if placed.contains(number) {
            continue;
        }
        // Each goes after the ones with the same number, so order is kept.
        for value in values {
            insert_in_order(&mut out, 2, *number, value.as_bytes());
        }
    }
    Ok(out.into_iter().flat_map(|(_, _, bytes)| bytes.into_owned()).collect())
}

/// Inserts a new dataset before the first one with a higher record or number
/// (at the end when there is none), so a block in number order stays so.
fn insert_in_order(out: &mut Vec<(u8, u8, Cow<'_, [u8]>)>, record: u8, number: u8, data: &[u8]) {
    let at = out.iter().position(|(r, n, _)| *r > record || (*r == record && *n > number)).unwrap_or(out.len());
    out.insert(at, (record, number, Cow::Owned(encode(record, number, data))));
}

/// One encoded dataset, with an extended length when the data needs it.
fn encode(record: u8, number: u8, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 9);
    out.extend_from_slice(&[0x1C, record, number]);
    match u16::try_from(data.len()) {
        Ok(length) if length < 0x8000 => out.extend_from_slice(&length.to_be_bytes()),
        _ => {
            out.extend_from_slice(&0x8004u16.to_be_bytes());
            let length = u32::try_from(data.len()).unwrap_or(u32::MAX);
            out.extend_from_slice(&length.to_be_bytes());
        }
    }
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso_8601() {
        assert_eq!(iso_date("20210102", "030405+0100"), "2021-01-02T03:04:05+01:00");
        assert_eq!(iso_date("20061029", "062751-0500"), "2006-10-29T06:27:51-05:00");
        assert_eq!(iso_date("20040226", ""), "2004-02-26");
        assert_eq!(iso_date("20040226", "0304"), "2004-02-26");
        assert_eq!(iso_date("2004", "030405"), "2004");
        assert_eq!(iso_date("", "030405"), "");
    }

    #[test]
    fn rewrite_keeps_other_datasets_and_orders_new_ones() {
        let mut block = encode(2, 0, &[0, 4]);
        block.extend(encode(2, 25, b"one"));
        block.extend(encode(2, 90, b"Montr\xe9al"));
        block.extend(encode(2, 120, b"old caption"));
        let replacements =
            Replacements { sets: vec![(120, vec!["new caption".into()]), (80, vec!["A".into(), "B".into()])] };
        let new = rewrite(&block, &replacements).unwrap();
        let sets = parse(&new);
        assert!(sets.problem.is_none());
        assert!(sets.is_utf8());
        let order: Vec<(u8, u8)> = sets.sets.iter().map(|s| (s.record, s.number)).collect();
        assert_eq!(order, [(1, 90), (2, 0), (2, 25), (2, 80), (2, 80), (2, 90), (2, 120)]);
        let mut warnings = Vec::new();
        let fields = read_fields(&new, &mut warnings);
        assert_eq!(fields.city, "Montréal");
        assert_eq!(fields.creators, ["A", "B"]);
        assert_eq!(fields.caption, "new caption");
        assert!(warnings.is_empty());
    }

    #[test]
    fn long_datasets_use_extended_lengths() {
        let long = "x".repeat(40_000);
        let block = encode(2, 120, long.as_bytes());
        let mut warnings = Vec::new();
        assert_eq!(read_fields(&block, &mut warnings).caption, long);
        assert!(warnings.is_empty());
    }
}
