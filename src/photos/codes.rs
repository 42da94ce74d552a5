//! Code replacements, as in Photo Mechanic: a tab-separated table maps short
//! codes to text (`pm<TAB>Prime Minister Mohammed Shia al-Sudani`), and
//! typing `=pm=` in a caption puts the text in its place.
//!
//! Pure: the table is parsed from text the caller read; expanding is a
//! function of the caption and the table.

use std::collections::HashMap;

/// Codes and their replacements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeTable {
    codes: HashMap<String, String>,
}

/// A line of the table that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLineProblem {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl CodeTable {
    /// Parses the table: one `code<TAB>replacement` a line; blank lines and
    /// lines starting with `#` are skipped. Codes are matched without
    /// regard to case. Lines without a tab, or with an empty code, are
    /// reported and skipped.
    pub fn parse(text: &str) -> (CodeTable, Vec<CodeLineProblem>) {
        let mut table = CodeTable::default();
        let mut problems = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('\t') {
                Some((code, replacement)) if !code.trim().is_empty() && !code.contains('=') => {
                    table.codes.insert(code.trim().to_lowercase(), replacement.to_owned());
                }
                _ => problems.push(CodeLineProblem {
                    line: index + 1,
                    message: "expected a code, a tab, then its replacement (codes cannot contain “=”)".to_owned(),
                }),
            }
        }
        (table, problems)
    }

    /// How many codes the table has.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the table has no codes.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// `text` with every `=code=` of the table replaced; unknown codes and
    /// lone `=` signs are left as they are. `None` when nothing changed.
    pub fn expand(&self, text: &str) -> Option<String> {
        if self.codes.is_empty() || !text.contains('=') {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut changed = false;
        while let Some(start) = rest.find('=') {
            let (before, from_equals) = rest.split_at(start);
            out.push_str(before);
            let after = from_equals.get(1..).unwrap_or("");
            let replaced = after.find('=').and_then(|end| {
                let code = after.get(..end)?;
                let replacement = self.codes.get(&code.to_lowercase())?;
                Some((replacement, end))
            });
            match replaced {
                Some((replacement, end)) => {
                    out.push_str(replacement);
                    rest = after.get(end + 1..).unwrap_or("");
                    changed = true;
                }
                None => {
                    out.push('=');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        changed.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_expand_and_unknown_ones_stay() {
        let (table, problems) = CodeTable::parse(
            "# desk codes\npm\tPrime Minister Mohammed Shia al-Sudani\r\nafp\t(AFP photo)\n\nbroken line\n",
        );
        assert_eq!(table.len(), 2);
        assert_eq!(problems, [CodeLineProblem { line: 5, message: problems[0].message.clone() }]);
        assert_eq!(
            table.expand("=PM= speaks in Baghdad. =afp=").as_deref(),
            Some("Prime Minister Mohammed Shia al-Sudani speaks in Baghdad. (AFP photo)")
        );
        assert_eq!(table.expand("2 + 2 = 4, =nope= stays"), None);
        assert_eq!(table.expand("a = =pm="), Some("a = Prime Minister Mohammed Shia al-Sudani".to_owned()));
        assert_eq!(table.expand("no codes"), None);
        assert_eq!(table.expand("trailing ="), None);
    }
}
