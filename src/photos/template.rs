//! Caption templates: text with `{byline}`, `{date}`, `{city}` and
//! `{credit}` filled in from the story and each photo, applied to one photo
//! or many, keeping or replacing the caption each already has.

/// What a template's variables stand for, for one photo.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateValues<'a> {
    /// The story's byline.
    pub byline: &'a str,
    /// When the photo was taken.
    pub date: &'a str,
    /// Where it was taken.
    pub city: &'a str,
    /// Its credit line.
    pub credit: &'a str,
}

/// The variables a template may use, for the dialog's hint.
pub const VARIABLES: [&str; 4] = ["{byline}", "{date}", "{city}", "{credit}"];

/// `template` with its variables filled in; unknown `{…}` are left as typed.
pub fn fill(template: &str, values: &TemplateValues<'_>) -> String {
    template
        .replace("{byline}", values.byline)
        .replace("{date}", values.date)
        .replace("{city}", values.city)
        .replace("{credit}", values.credit)
}

/// The caption after applying `template` to a photo whose caption is
/// `current`: the filled template replaces it, or with `keep` follows it
/// (after a space) when there is one.
pub fn apply(current: &str, template: &str, values: &TemplateValues<'_>, keep: bool) -> String {
    let filled = fill(template, values);
    let current = current.trim_end();
    if keep && !current.is_empty() { format!("{current} {filled}") } else { filled }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_and_keep_or_replace() {
        let values =
            TemplateValues {
                byline: "Ana Muñoz", date: "2026-11-25", city: "Baghdad", credit: "AP Photo/Hadi Mizban"
            };
        let template = "{city}, {date}: photo by {byline} ({credit}) {unknown}";
        assert_eq!(fill(template, &values), "Baghdad, 2026-11-25: photo by Ana Muñoz (AP Photo/Hadi Mizban) {unknown}");
        assert_eq!(
            apply("Soldiers on patrol. ", "({credit})", &values, true),
            "Soldiers on patrol. (AP Photo/Hadi Mizban)"
        );
        assert_eq!(apply("Soldiers on patrol.", "({credit})", &values, false), "(AP Photo/Hadi Mizban)");
        assert_eq!(apply("", "({credit})", &values, true), "(AP Photo/Hadi Mizban)");
    }
}
