//! Photoshop image resources ("8BIM" blocks), the container of IPTC IIM in
//! JPEG's APP13 segment and TIFF's tag 34377.

/// The resource that holds IPTC IIM datasets.
pub(crate) const IPTC_RESOURCE: u16 = 0x0404;

/// Signatures of resource blocks: Photoshop's own and a few other
/// programs' that follow the same layout.
const SIGNATURES: [&[u8; 4]; 5] = [b"8BIM", b"PHUT", b"AgHg", b"DCSR", b"MeSa"];

/// One resource block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resource<'a> {
    /// The resource id (0x0404 for IPTC IIM).
    pub id: u16,
    /// The resource's data.
    pub data: &'a [u8],
    /// The whole block as stored, padding included.
    pub raw: &'a [u8],
    /// The block's signature, id and name, as stored (for rewriting the data
    /// under the same header).
    pub header: &'a [u8],
}

/// The resource blocks of a Photoshop resource section.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resources<'a> {
    /// The blocks, in order.
    pub blocks: Vec<Resource<'a>>,
    /// Bytes after the last block (usually none, or zero padding).
    pub tail: &'a [u8],
    /// What stopped the walk early, if anything.
    pub problem: Option<String>,
}

/// Splits a resource section into its blocks. A block whose data is cut off
/// is kept with the data there is, and the cut is reported as a problem.
pub(crate) fn parse(section: &[u8]) -> Resources<'_> {
    let mut resources = Resources::default();
    let mut pos = 0;
    while pos < section.len() {
        let rest = section.get(pos..).unwrap_or_default();
        let signature = rest.get(..4);
        if !SIGNATURES.iter().any(|known| Some(known.as_slice()) == signature) {
            resources.tail = rest;
            if rest.iter().any(|&byte| byte != 0) {
                resources.problem =
                    Some(format!("unknown Photoshop resource signature at byte {pos}; the rest was skipped"));
            }
            return resources;
        }
        let (Some(&[id_high, id_low]), Some(&name_len)) = (rest.get(4..6), rest.get(6)) else {
            resources.problem = Some(format!("a Photoshop resource at byte {pos} is cut off"));
            resources.tail = rest;
            return resources;
        };
        // The name is a Pascal string padded to an even length.
        let name_field = (1 + usize::from(name_len) + 1) & !1;
        let size_at = 6 + name_field;
        let Some(&[a, b, c, d]) = rest.get(size_at..size_at + 4) else {
            resources.problem = Some(format!("a Photoshop resource at byte {pos} is cut off"));
            resources.tail = rest;
            return resources;
        };
        let size = usize::try_from(u32::from_be_bytes([a, b, c, d])).unwrap_or(usize::MAX);
        let data_at = size_at + 4;
        let available = rest.len().saturating_sub(data_at);
        let data_len = size.min(available);
        let data = rest.get(data_at..data_at + data_len).unwrap_or_default();
        let padded_end = (data_at + data_len + (size & 1)).min(rest.len());
        resources.blocks.push(Resource {
            id: u16::from_be_bytes([id_high, id_low]),
            data,
            raw: rest.get(..padded_end).unwrap_or_default(),
            header: rest.get(..size_at).unwrap_or_default(),
        });
        if size > available {
            resources.problem = Some(format!(
                "Photoshop resource 0x{:04X} claims {size} bytes but only {available} are there",
                u16::from_be_bytes([id_high, id_low])
            ));
            return resources;
        }
        pos += padded_end;
    }
    resources
}

/// A resource block: the header as stored (or a fresh unnamed "8BIM" one),
/// the size, the data and an even-length pad.
pub(crate) fn block(header: Option<&[u8]>, id: u16, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 14);
    match header {
        Some(header) => out.extend_from_slice(header),
        None => {
            out.extend_from_slice(b"8BIM");
            out.extend_from_slice(&id.to_be_bytes());
            out.extend_from_slice(&[0, 0]);
        }
    }
    let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&size.to_be_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out
}
