//! Lines made only of links (bare URLs, `<…>` autolinks, Markdown links
//! and images): boilerplate on their own, and no sentence to punctuate.

/// Whether a line holds only links: bare URLs and Markdown links, with
/// separators between them.
pub(super) fn is_link_line(line: &str) -> bool {
    let mut rest = line.trim().trim_start_matches(|c: char| "#>*-+ ".contains(c));
    let mut links = 0;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|,;·•–—-*_".contains(c));
        if rest.is_empty() {
            return links > 0;
        }
        let Some(after) = skip_link(rest) else { return false };
        links += 1;
        rest = after;
    }
}

/// `s` after the link it starts with: a Markdown link or image, an
/// `<…>` autolink or a bare URL.
fn skip_link(s: &str) -> Option<&str> {
    let lower = s.get(..s.len().min(8)).unwrap_or("").to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        return s.get(end..);
    }
    if let Some(inner) = s.strip_prefix('<') {
        let close = inner.find('>')?;
        let target = inner.get(..close)?;
        return target.contains("://").then(|| inner.get(close + 1..)).flatten();
    }
    let s = s.strip_prefix('!').unwrap_or(s);
    let label = s.strip_prefix('[')?;
    let close = label.find("](")?;
    let target = label.get(close + 2..)?;
    let end = target.find(')')?;
    target.get(end + 1..)
}
