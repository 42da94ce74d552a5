//! Rewriting properties of an XMP packet in its text: the properties written
//! are taken out wherever they are (elements or attributes) and written anew
//! in one `rdf:Description` of their own, and everything else in the packet
//! stays as it was, character for character.

use super::text::escape_xml;
use super::xmp::{self, DC, IPTC_CORE, IPTC_EXT, Location, Ns, PHOTOSHOP, RDF};

/// A property's new value. An empty value removes the property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NewValue {
    /// A simple value.
    Text(String),
    /// A language alternative with one x-default entry.
    Alt(String),
    /// An ordered array.
    Seq(Vec<String>),
    /// An unordered array.
    Bag(Vec<String>),
}

impl NewValue {
    /// Whether the value removes the property instead of setting it.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            NewValue::Text(text) | NewValue::Alt(text) => text.is_empty(),
            NewValue::Seq(items) | NewValue::Bag(items) => items.is_empty(),
        }
    }
}

/// One property to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// Its namespace.
    pub ns: Ns,
    /// Its local name, such as "description".
    pub name: &'static str,
    /// Its new value.
    pub value: NewValue,
}

/// The packet with the changes made.
///
/// # Errors
///
/// The packet is not well-formed XML (the problem, as text): rewriting it
/// could lose what it holds.
pub(crate) fn update(packet: &str, changes: &[Change]) -> Result<String, String> {
    let scan = xmp::scan(packet);
    if let Some(problem) = scan.problem {
        return Err(problem);
    }
    let Some(rdf_end) = scan.rdf_end else {
        // No RDF at all: nothing to keep.
        return Ok(fresh(changes));
    };
    let changed = |ns: Ns, name: &str| changes.iter().any(|change| change.ns == ns && change.name == name);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (index, description) in scan.descriptions.iter().enumerate() {
        let mut properties = scan.properties.iter().filter(|property| property.description == index).peekable();
        let has_properties = properties.peek().is_some();
        let (mut removed, mut kept) = (Vec::new(), 0usize);
        for property in properties {
            if changed(property.ns, &property.name) {
                removed.push(property);
            } else {
                kept += 1;
            }
        }
        if removed.is_empty() {
            continue;
        }
        if has_properties && kept == 0 {
            // Nothing would be left: take the whole description out, so
            // writing again and again does not pile up empty ones.
            edits.push((line_start(packet, description.start), description.element_end, String::new()));
            continue;
        }
        for property in &removed {
            if let Location::Element { start, end } = property.location {
                edits.push((line_start(packet, start), end, String::new()));
            }
        }
        if removed.iter().any(|property| matches!(property.location, Location::Attribute { .. })) {
            let mut tag = format!("<{}", description.qname);
            for attribute in description.attributes.iter().filter(|a| !changed(a.ns, &a.name)) {
                // A raw value holding `"` was written in single quotes.
                let quote = if attribute.raw.contains('"') { '\'' } else { '"' };
                tag.push_str(&format!("\n  {}={quote}{}{quote}", attribute.qname, attribute.raw));
            }
            tag.push_str(if description.self_closing { "/>" } else { ">" });
            edits.push((description.start, description.end, tag));
        }
    }
    let first = scan.descriptions.first();
    let about = first.and_then(|description| description.about.clone()).unwrap_or_default();
    let declare_rdf = first.is_none_or(|description| description.qname != "rdf:Description");
    if let Some(block) = description_block(&about, declare_rdf, changes) {
        edits.push((rdf_end, rdf_end, block));
    }
    edits.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::with_capacity(packet.len() + 1024);
    let mut copied = 0;
    for (start, end, replacement) in edits {
        if start < copied {
            return Err("the XMP packet's properties overlap".to_owned());
        }
        out.push_str(packet.get(copied..start).ok_or("an XMP offset is not on a character")?);
        out.push_str(&replacement);
        copied = end;
    }
    out.push_str(packet.get(copied..).ok_or("an XMP offset is not on a character")?);
    Ok(out)
}

/// A new packet with just the changes.
pub(crate) fn fresh(changes: &[Change]) -> String {
    let block = description_block("", false, changes).unwrap_or_default();
    format!(
        "<?xpacket begin='\u{feff}' id='W5M0MpCehiHzreSzNTczkc9d'?>\n\
         <x:xmpmeta xmlns:x='adobe:ns:meta/'>\n\
         <rdf:RDF xmlns:rdf='{RDF}'>\n\
         {block}\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end='w'?>"
    )
}

/// Moves an element's start back over the indentation before it, and the
/// line break before that, so removing it leaves no blank line.
fn line_start(packet: &str, start: usize) -> usize {
    let before = packet.get(..start).unwrap_or_default();
    let indented = before.trim_end_matches([' ', '\t']);
    indented.strip_suffix('\n').unwrap_or(indented).len()
}

/// The prefix and namespace a property is written with.
fn prefix(ns: Ns) -> (&'static str, &'static str) {
    match ns {
        Ns::Dc => ("dc", DC),
        Ns::Photoshop => ("photoshop", PHOTOSHOP),
        Ns::IptcCore => ("Iptc4xmpCore", IPTC_CORE),
        Ns::IptcExt => ("Iptc4xmpExt", IPTC_EXT),
        Ns::Rdf | Ns::Xml | Ns::Other => ("rdf", RDF),
    }
}

/// An `rdf:Description` with the non-empty changes, or `None` when all are
/// removals.
fn description_block(about: &str, declare_rdf: bool, changes: &[Change]) -> Option<String> {
    let changes: Vec<&Change> = changes.iter().filter(|change| !change.value.is_empty()).collect();
    if changes.is_empty() {
        return None;
    }
    let quote = if about.contains('\'') { '"' } else { '\'' };
    let mut block = format!(" <rdf:Description rdf:about={quote}{about}{quote}");
    if declare_rdf {
        block.push_str(&format!("\n  xmlns:rdf='{RDF}'"));
    }
    let mut declared: Vec<Ns> = Vec::new();
    for change in &changes {
        if !declared.contains(&change.ns) {
            declared.push(change.ns);
            let (prefix, namespace) = prefix(change.ns);
            block.push_str(&format!("\n  xmlns:{prefix}='{namespace}'"));
        }
    }
    block.push_str(">\n");
    for change in changes {
        let (prefix, _) = prefix(change.ns);
        let name = format!("{prefix}:{}", change.name);
        match &change.value {
            NewValue::Text(text) => {
                block.push_str(&format!("  <{name}>{}</{name}>\n", escape_xml(text)));
            }
            NewValue::Alt(text) => block.push_str(&format!(
                "  <{name}>\n   <rdf:Alt>\n    <rdf:li xml:lang='x-default'>{}</rdf:li>\n   </rdf:Alt>\n  </{name}>\n",
                escape_xml(text)
            )),
            NewValue::Seq(items) | NewValue::Bag(items) => {
                let kind = if matches!(change.value, NewValue::Seq(_)) { "Seq" } else { "Bag" };
                block.push_str(&format!("  <{name}>\n   <rdf:{kind}>\n"));
                for item in items {
                    block.push_str(&format!("    <rdf:li>{}</rdf:li>\n", escape_xml(item)));
                }
                block.push_str(&format!("   </rdf:{kind}>\n  </{name}>\n"));
            }
        }
    }
    block.push_str(" </rdf:Description>\n");
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption(text: &str) -> Change {
        Change { ns: Ns::Dc, name: "description", value: NewValue::Alt(text.to_owned()) }
    }

    #[test]
    fn attribute_properties_are_moved_and_others_kept() {
        let packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\
            <rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' \
            photoshop:City='Paris' dc:description='old'/></rdf:RDF></x:xmpmeta>";
        let updated = update(packet, &[caption("new & <better>")]).unwrap();
        let scan = xmp::scan(&updated);
        assert!(scan.problem.is_none(), "{updated}");
        let fields = xmp::fields(&scan);
        assert_eq!(fields.caption, "new & <better>");
        assert_eq!(fields.city, "Paris");
        assert!(!updated.contains("old"));
    }

    #[test]
    fn removing_leaves_no_trace_and_writes_nothing_new() {
        let packet = "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n <rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>\n  <dc:description><rdf:Alt><rdf:li xml:lang='x-default'>old</rdf:li></rdf:Alt></dc:description>\n  <dc:title>kept</dc:title>\n </rdf:Description>\n</rdf:RDF>";
        let updated = update(packet, &[caption("")]).unwrap();
        assert_eq!(
            updated,
            "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n <rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>\n  <dc:title>kept</dc:title>\n </rdf:Description>\n</rdf:RDF>"
        );
    }

    #[test]
    fn broken_packets_are_refused() {
        assert!(update("<rdf:RDF xmlns:rdf='x'><a></b></rdf:RDF>", &[caption("x")]).is_err());
    }

    #[test]
    fn fresh_packets_read_back() {
        let packet = fresh(&[
            caption("A caption"),
            Change { ns: Ns::Dc, name: "creator", value: NewValue::Seq(vec!["A".into(), "B".into()]) },
        ]);
        let fields = xmp::fields(&xmp::scan(&packet));
        assert_eq!(fields.caption, "A caption");
        assert_eq!(fields.creators, ["A", "B"]);
    }
}
