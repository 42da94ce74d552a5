//! XMP packets (RDF/XML): the top-level properties of each `rdf:Description`,
//! written as elements or as attributes, with where each one is in the text
//! so the writer can replace it.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::fields::SourceFields;

/// The RDF namespace.
pub(crate) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// Dublin Core: description, creator, rights, subject.
pub(crate) const DC: &str = "http://purl.org/dc/elements/1.1/";
/// Photoshop's namespace: credit, source, headline, city and more.
pub(crate) const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
/// IPTC Core: alt text.
pub(crate) const IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
/// IPTC Extension: persons shown.
pub(crate) const IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
/// The namespace of `xml:lang`.
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The namespaces this module needs to tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Rdf,
    Dc,
    Photoshop,
    IptcCore,
    IptcExt,
    Xml,
    /// Any other namespace, or none.
    Other,
}

impl Ns {
    /// The namespace of a resolved name.
    fn of(resolved: &ResolveResult<'_>) -> Self {
        let ResolveResult::Bound(namespace) = resolved else {
            return Ns::Other;
        };
        match namespace.as_ref() {
            RDF => Ns::Rdf,
            DC => Ns::Dc,
            PHOTOSHOP => Ns::Photoshop,
            IPTC_CORE => Ns::IptcCore,
            IPTC_EXT => Ns::IptcExt,
            XML => Ns::Xml,
            _ => Ns::Other,
        }
    }
}

/// A property's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A simple value.
    Text(String),
    /// A language alternative: (xml:lang, text) pairs.
    Alt(Vec<(String, String)>),
    /// An ordered or unordered array (rdf:Seq, rdf:Bag).
    List(Vec<String>),
    /// A structure, a resource reference or anything else not read here.
    Other,
}

/// Where a property is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    /// An element, from its `<` to after its end tag.
    Element { start: usize, end: usize },
    /// An attribute of the description with this index.
    Attribute { description: usize },
}

/// One top-level property.
#[derive(Debug, Clone)]
pub(crate) struct Property {
    /// Its namespace.
    pub ns: Ns,
    /// Its local name, such as "description".
    pub name: String,
    /// Its value.
    pub value: Value,
    /// Where it is.
    pub location: Location,
    /// The index of the description it belongs to.
    pub description: usize,
}

/// An attribute of an `rdf:Description` start tag.
#[derive(Debug, Clone)]
pub(crate) struct Attribute {
    /// The name as written, such as "photoshop:City".
    pub qname: String,
    /// The value as written (escaped).
    pub raw: String,
    /// Its namespace.
    pub ns: Ns,
    /// Its local name.
    pub name: String,
}

/// An `rdf:Description` element's start tag.
#[derive(Debug, Clone)]
pub(crate) struct Description {
    /// The offset of its `<`.
    pub start: usize,
    /// The offset after its `>`.
    pub end: usize,
    /// The offset after its end tag (`end` when self-closing).
    pub element_end: usize,
    /// The element name as written ("rdf:Description").
    pub qname: String,
    /// Its attributes in order.
    pub attributes: Vec<Attribute>,
    /// Whether the tag is `<…/>`.
    pub self_closing: bool,
    /// Its rdf:about (or old-style about) value as written, if any.
    pub about: Option<String>,
}

/// What a packet holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    /// The top-level properties, in order.
    pub properties: Vec<Property>,
    /// The descriptions, in order.
    pub descriptions: Vec<Description>,
    /// The offset of `</rdf:RDF>`.
    pub rdf_end: Option<usize>,
    /// Why reading stopped early: the XML is not well-formed.
    pub problem: Option<String>,
}

/// A property element being read.
struct OpenProperty {
    depth: usize,
    ns: Ns,
    name: String,
    start: usize,
    text: String,
    has_children: bool,
    container: Option<Container>,
    items: Vec<(String, String)>,
    item: Option<OpenItem>,
}

/// The kind of array a property holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Alt,
    List,
}

/// An `rdf:li` being read.
struct OpenItem {
    lang: String,
    text: String,
    has_children: bool,
}

/// Reads a packet's top-level properties.
pub(crate) fn scan(text: &str) -> Scan {
    let mut scan = Scan::default();
    let mut reader = NsReader::from_str(text);
    let mut depth = 0usize;
    let mut rdf_depth: Option<usize> = None;
    let mut description_depth: Option<usize> = None;
    let mut property: Option<OpenProperty> = None;
    loop {
        let start = offset(&reader);
        let (ns, event) = match reader.read_resolved_event() {
            Ok((resolved, event)) => (Ns::of(&resolved), event),
            Err(error) => {
                scan.problem = Some(format!("the XMP is not well-formed XML near byte {}: {error}", offset(&reader)));
                break;
            }
        };
        let end = offset(&reader);
        let self_closing = matches!(event, Event::Empty(_));
        match event {
            Event::Start(element) | Event::Empty(element) => {
                let local = element.local_name();
                let local = local.as_ref();
                // The depth of this element.
                let this = depth + 1;
                if rdf_depth.is_none() && ns == Ns::Rdf && local == "RDF" {
                    if !self_closing {
                        rdf_depth = Some(this);
                    }
                } else if rdf_depth == Some(this - 1) && ns == Ns::Rdf && local == "Description" {
                    let index = scan.descriptions.len();
                    let description = read_description(&reader, &element, start, end, self_closing, index, &mut scan);
                    scan.descriptions.push(description);
                    if !self_closing {
                        description_depth = Some(this);
                    }
                } else if description_depth == Some(this - 1) {
                    let open = OpenProperty {
                        depth: this,
                        ns,
                        name: local.to_owned(),
                        start,
                        text: String::new(),
                        has_children: false,
                        container: None,
                        items: Vec::new(),
                        item: None,
                    };
                    if self_closing {
                        // An empty element: a resource reference or an empty
                        // value; either way nothing to read, but its place is
                        // known.
                        scan.properties.push(Property {
                            ns,
                            name: open.name,
                            value: Value::Other,
                            location: Location::Element { start, end },
                            description: scan.descriptions.len().saturating_sub(1),
                        });
                    } else {
                        property = Some(open);
                    }
                } else if let Some(open) = property.as_mut() {
                    if this == open.depth + 1 {
                        open.has_children = true;
                        if ns == Ns::Rdf && open.container.is_none() {
                            open.container = match local {
                                "Alt" => Some(Container::Alt),
                                "Seq" | "Bag" => Some(Container::List),
                                _ => None,
                            };
                        }
                    } else if this == open.depth + 2 && open.container.is_some() && ns == Ns::Rdf && local == "li" {
                        let lang = language(&reader, &element);
                        if self_closing {
                            open.items.push((lang, String::new()));
                        } else {
                            open.item = Some(OpenItem { lang, text: String::new(), has_children: false });
                        }
                    } else if let Some(item) = open.item.as_mut() {
                        item.has_children = true;
                    }
                }
                if !self_closing {
                    depth = this;
                }
            }
            Event::End(_) => {
                if let Some(open) = property.as_mut()
                    && depth == open.depth + 2
                    && let Some(item) = open.item.take()
                    && !item.has_children
                {
                    open.items.push((item.lang, item.text));
                }
                if property.as_ref().is_some_and(|open| open.depth == depth)
                    && let Some(open) = property.take()
                {
                    let value = match open.container {
                        Some(Container::Alt) => Value::Alt(open.items),
                        Some(Container::List) => Value::List(open.items.into_iter().map(|(_, text)| text).collect()),
                        None if open.has_children => Value::Other,
                        None => Value::Text(open.text),
                    };
                    scan.properties.push(Property {
                        ns: open.ns,
                        name: open.name,
                        value,
                        location: Location::Element { start: open.start, end },
                        description: scan.descriptions.len().saturating_sub(1),
                    });
                }
                if description_depth == Some(depth) {
                    description_depth = None;
                    if let Some(description) = scan.descriptions.last_mut() {
                        description.element_end = end;
                    }
                }
                if rdf_depth == Some(depth) {
                    scan.rdf_end = Some(start);
                    rdf_depth = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(content) => push_text(&mut property, depth, &content.xml10_content()),
            Event::CData(content) => push_text(&mut property, depth, &content.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&reference) {
                        Some(text) => text.to_owned(),
                        None => format!("&{};", &*reference),
                    },
                    Err(_) => format!("&{};", &*reference),
                };
                push_text(&mut property, depth, &resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    scan
}

/// The reader's offset in the text.
fn offset(reader: &NsReader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Adds text to the open property or item it belongs to.
fn push_text(property: &mut Option<OpenProperty>, depth: usize, text: &str) {
    let Some(open) = property.as_mut() else {
        return;
    };
    if depth == open.depth {
        open.text.push_str(text);
    } else if depth == open.depth + 2
        && let Some(item) = open.item.as_mut()
    {
        item.text.push_str(text);
    }
}

/// An element's xml:lang, or "".
fn language(reader: &NsReader<&[u8]>, element: &BytesStart<'_>) -> String {
    for attribute in element.attributes().flatten() {
        let (resolved, local) = reader.resolver().resolve_attribute(attribute.key);
        if (Ns::of(&resolved) == Ns::Xml || attribute.key.as_ref() == "xml:lang") && local.as_ref() == "lang" {
            return attribute.value.trim().to_owned();
        }
    }
    String::new()
}

/// Reads a description's start tag, adding its attribute properties.
fn read_description(
    reader: &NsReader<&[u8]>,
    element: &BytesStart<'_>,
    start: usize,
    end: usize,
    self_closing: bool,
    index: usize,
    scan: &mut Scan,
) -> Description {
    let mut description = Description {
        start,
        end,
        element_end: end,
        qname: element.name().as_ref().to_owned(),
        attributes: Vec::new(),
        self_closing,
        about: None,
    };
    for attribute in element.attributes() {
        let attribute = match attribute {
            Ok(attribute) => attribute,
            Err(error) => {
                scan.problem.get_or_insert_with(|| format!("a bad XMP attribute: {error}"));
                continue;
            }
        };
        let qname = attribute.key.as_ref().to_owned();
        let (resolved, local) = reader.resolver().resolve_attribute(attribute.key);
        let ns = Ns::of(&resolved);
        let is_declaration = qname == "xmlns" || qname.starts_with("xmlns:");
        let bound = matches!(resolved, ResolveResult::Bound(_));
        let local = local.as_ref().to_owned();
        if (ns == Ns::Rdf || !bound) && local == "about" {
            description.about = Some(attribute.value.to_string());
        } else if bound && !is_declaration && ns != Ns::Rdf && ns != Ns::Xml {
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|value| value.into_owned())
                .unwrap_or_else(|_| attribute.value.to_string());
            scan.properties.push(Property {
                ns,
                name: local.clone(),
                value: Value::Text(value),
                location: Location::Attribute { description: index },
                description: index,
            });
        }
        description.attributes.push(Attribute { qname, raw: attribute.value.to_string(), ns, name: local });
    }
    description
}

/// The caption fields in a scanned packet.
pub(crate) fn fields(scan: &Scan) -> SourceFields {
    let find = |ns: Ns, name: &str| {
        scan.properties
            .iter()
            .find(|property| property.ns == ns && property.name == name)
            .map(|property| &property.value)
    };
    let text = |ns: Ns, name: &str| find(ns, name).map(single).unwrap_or_default();
    let list = |ns: Ns, name: &str| find(ns, name).map(many).unwrap_or_default();
    SourceFields {
        caption: text(Ns::Dc, "description"),
        headline: text(Ns::Photoshop, "Headline"),
        creators: list(Ns::Dc, "creator"),
        credit: text(Ns::Photoshop, "Credit"),
        source: text(Ns::Photoshop, "Source"),
        copyright: text(Ns::Dc, "rights"),
        date_created: text(Ns::Photoshop, "DateCreated"),
        city: text(Ns::Photoshop, "City"),
        country: text(Ns::Photoshop, "Country"),
        keywords: list(Ns::Dc, "subject"),
        instructions: text(Ns::Photoshop, "Instructions"),
        alt_text: text(Ns::IptcCore, "AltTextAccessibility"),
        persons_shown: list(Ns::IptcExt, "PersonInImage"),
    }
}

/// One text from a value: a language alternative's x-default (or first)
/// entry, an array's items joined with "; ".
fn single(value: &Value) -> String {
    let text = match value {
        Value::Text(text) => text.as_str(),
        Value::Alt(entries) => entries
            .iter()
            .find(|(lang, _)| lang.eq_ignore_ascii_case("x-default"))
            .or_else(|| entries.first())
            .map(|(_, text)| text.as_str())
            .unwrap_or_default(),
        Value::List(_) => return many(value).join("; "),
        Value::Other => "",
    };
    super::text::clean(text)
}

/// The non-empty items of a value.
fn many(value: &Value) -> Vec<String> {
    let items: Vec<&str> = match value {
        Value::Text(text) => vec![text.as_str()],
        Value::Alt(entries) => entries.iter().map(|(_, text)| text.as_str()).collect(),
        Value::List(items) => items.iter().map(String::as_str).collect(),
        Value::Other => Vec::new(),
    };
    items.into_iter().map(super::text::clean).filter(|item| !item.is_empty()).collect()
}
