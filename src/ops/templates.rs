//! Story templates: a new story from one, any story saved as one, and
//! taking one away. Templates are part of the project's settings, so each
//! is one undoable settings edit, saved in `project.ron` and synced with it.

use super::{Refused, find_story};
use crate::edit::Edit;
use crate::model::{Project, Slug, Template, Timestamp};

/// A new draft from template `name`, under a free slug based on `slug`
/// (or on the template's name), put at the end of the desk's order; the
/// slug it got comes with it.
pub fn story_from_template(
    project: &Project,
    name: &str,
    slug: Option<&str>,
    now: Timestamp,
) -> Result<(Edit, Slug), Refused> {
    let template = project.settings.template(name).ok_or_else(|| no_such_template(project, name))?;
    let base = match slug.map(str::trim).filter(|slug| !slug.is_empty()) {
        Some(slug) => Slug::new(slug).map_err(|error| Refused::BadValue {
            field: "slug".to_owned(),
            value: slug.to_owned(),
            expected: error.to_string(),
        })?,
        None => Slug::from_title(&template.name),
    };
    let slug = project.free_slug(&base);
    let story = template.new_story(slug.clone(), now);
    Ok((Edit::InsertStory { index: project.stories.len(), story: Box::new(story) }, slug))
}

/// Saves story `slug` as template `name`, replacing a template of that
/// name.
pub fn save_as_template(project: &Project, slug: &str, name: &str) -> Result<Edit, Refused> {
    let story = find_story(project, slug)?;
    let name = name.trim();
    if name.is_empty() || name.contains(['\n', '\r']) {
        return Err(Refused::BadValue {
            field: "template name".to_owned(),
            value: name.to_owned(),
            expected: "a name on one line, such as Obituary".to_owned(),
        });
    }
    let mut settings = project.settings.clone();
    let template = Template::from_story(name, story);
    match settings.templates.iter_mut().find(|known| known.name.trim().eq_ignore_ascii_case(name)) {
        Some(known) => *known = template,
        None => settings.templates.push(template),
    }
    Ok(Edit::SetSettings(Box::new(settings)))
}

/// Takes template `name` out of the project.
pub fn remove_template(project: &Project, name: &str) -> Result<Edit, Refused> {
    project.settings.template(name).ok_or_else(|| no_such_template(project, name))?;
    let mut settings = project.settings.clone();
    settings.templates.retain(|known| !known.name.trim().eq_ignore_ascii_case(name.trim()));
    Ok(Edit::SetSettings(Box::new(settings)))
}

fn no_such_template(project: &Project, name: &str) -> Refused {
    let known: Vec<&str> = project.settings.templates.iter().map(|template| template.name.as_str()).collect();
    Refused::BadValue {
        field: "template".to_owned(),
        value: name.to_owned(),
        expected: if known.is_empty() {
            "the project has no templates yet: save a story as one first".to_owned()
        } else {
            format!("one of the project's templates: {}", known.join(", "))
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Story;

    #[test]
    fn a_story_saved_as_a_template_starts_new_stories_and_a_name_is_replaced_not_repeated() {
        let mut project = Project::new("Desk");
        let mut story = Story::new(Slug::new("obit-smith").unwrap_or_else(|_| unreachable!()), Timestamp::EPOCH);
        story.section = "News / Obituaries".into();
        project.stories.push(story);
        for _ in 0..2 {
            let edit =
                save_as_template(&project, "obit-smith", "Obituary").unwrap_or_else(|refused| panic!("{refused}"));
            edit.apply(&mut project).unwrap_or_else(|error| panic!("{error}"));
        }
        assert_eq!(project.settings.templates.len(), 1);
        let (edit, slug) =
            story_from_template(&project, "obituary", None, Timestamp::EPOCH).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(slug.as_str(), "obituary");
        edit.apply(&mut project).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(project.story(&slug).map(|story| story.section.as_str()), Some("News / Obituaries"));
        assert!(matches!(
            story_from_template(&project, "Match report", None, Timestamp::EPOCH),
            Err(Refused::BadValue { .. })
        ));
        assert!(matches!(save_as_template(&project, "obit-smith", " "), Err(Refused::BadValue { .. })));
        remove_template(&project, "OBITUARY")
            .unwrap_or_else(|r| panic!("{r}"))
            .apply(&mut project)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(project.settings.templates.is_empty());
    }
}
