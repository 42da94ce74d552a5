//! The review: moving the selected story along the workflow (through
//! `ops::change_status`, the same door as `copydesk status`), signing
//! checklist items off, and the checks' one-click fixes.

use super::{CopydeskApp, Dialog};
use crate::clock::now;
use crate::edit::Edit;
use crate::model::StoryStatus;
use crate::model::tracked;
use crate::ops::{self, Refused};

impl CopydeskApp {
    /// Moves the selected story to `to`. Ready is judged on the project as
    /// it is this moment (not on the worker's last report): when required
    /// items fail, the override dialog asks why; `override_reason` is that
    /// answer.
    pub(super) fn change_status(&mut self, to: StoryStatus, override_reason: Option<String>, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        // The text's marks and its photos' captions and alt text, as the
        // review counts them.
        let marks = self.proofing.is_enabled().then(|| self.proofing.review_counts(workspace.project(), story));
        let slug = story.slug.to_string();
        let result = ops::change_status(
            workspace.project(),
            &slug,
            to,
            &self.prefs.editor_name,
            now(),
            marks,
            override_reason.as_deref(),
        );
        match result {
            Ok(edit) => {
                let label = format!("status change to {}", to.label());
                if self.apply_step(edit, label, ctx) {
                    self.sync_status_change(ctx);
                    self.status = match override_reason {
                        Some(_) => "Marked ready; the override and its reason are in the activity log.".to_owned(),
                        None => format!("“{slug}” is {} now.", to.label()),
                    };
                }
            }
            Err(Refused::Blocked(failing)) => {
                self.dialogs.push(Dialog::OverrideReady { failing, reason: String::new() });
            }
            Err(refused) => self.status = format!("Not changed: {refused}"),
        }
    }

    /// Reopens the selected published story as `how`, as the editor
    /// (through `ops::reopen`, the same door as `copydesk reopen`).
    pub(super) fn reopen(&mut self, how: &crate::model::Reopening, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let (key, slug) = (story.slug.clone(), story.slug.to_string());
        match ops::reopen(workspace.project(), &slug, how, &self.prefs.editor_name, now()) {
            Ok(edit) => {
                if self.apply_step(edit, format!("reopening as {}", how.label()), ctx) {
                    self.sync_status_change(ctx);
                    let story = self.workspace.as_ref().and_then(|w| w.project().story(&key));
                    self.status = match story {
                        Some(story) if story.status == StoryStatus::Killed => format!("“{slug}” is killed."),
                        Some(story) => format!(
                            "“{slug}” is reopened as version {}: edit it, then mark it ready and publish it again.",
                            story.publication.version
                        ),
                        None => String::new(),
                    };
                }
            }
            Err(Refused::NeedsName) => {
                self.status = "Reopening records who did it: set your name in File > Preferences… first.".to_owned();
                self.dialogs.push(Dialog::Preferences { editor_name: String::new() });
            }
            Err(refused) => self.status = format!("Not reopened: {refused}"),
        }
    }

    /// Signs a checklist item off on the selected story as the editor.
    pub(super) fn sign_off(&mut self, item: &str, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let label = story
            .checklist_items(&workspace.project().settings)
            .find(|known| known.id == item)
            .map_or_else(|| item.to_owned(), |known| known.label.clone());
        match ops::sign_off(workspace.project(), story.slug.as_str(), item, &self.prefs.editor_name, now()) {
            Ok(edit) => {
                self.apply_step(edit, format!("signing off “{label}”"), ctx);
            }
            Err(Refused::NeedsName) => {
                self.status = "Sign-offs record who signed: set your name in File > Preferences… first.".to_owned();
                self.dialogs.push(Dialog::Preferences { editor_name: String::new() });
            }
            Err(refused) => self.status = format!("Not signed off: {refused}"),
        }
    }

    /// Takes back a sign-off on the selected story.
    pub(super) fn withdraw_sign_off(&mut self, item: &str, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        match ops::withdraw_sign_off(workspace.project(), story.slug.as_str(), item, &self.prefs.editor_name, now()) {
            Ok(edit) => {
                self.apply_step(edit, "withdrawing a sign-off".to_owned(), ctx);
            }
            Err(refused) => self.status = refused.to_string(),
        }
    }

    /// Writes one spelling of a name for another throughout the selected
    /// story: one undo step for the fields without marks and the photos,
    /// and the matches in fields with marks typed like any edit.
    pub(super) fn respell(&mut self, respelling: &crate::checks::Respelling, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let slug = story.slug.clone();
        let respelled = ops::respell(workspace.project(), story, &respelling.from, &respelling.to);
        if respelled.count == 0 {
            self.status = format!("“{}” is no longer in the story.", respelling.from);
            return;
        }
        let label = format!("writing “{}” for “{}”", respelling.to, respelling.from);
        if let Some(edit) = respelled.edit {
            self.apply_step(edit.stamped(now()), label, ctx);
        }
        for (field, replacements) in respelled.typed {
            self.replace_tracked(&slug, field, &replacements, ctx);
        }
        for (photo, shown) in respelled.typed_captions {
            self.type_caption(&photo, &shown, ctx);
        }
        let times = if respelled.count == 1 { "once".to_owned() } else { format!("{} times", respelled.count) };
        self.status = format!("Wrote “{}” for “{}” ({times}).", respelling.to, respelling.from);
    }

    /// Applies a finding's suggested fix as one undo step.
    pub(super) fn apply_fix(&mut self, finding: &crate::checks::Finding, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let Some(fix) = &finding.suggestion else { return };
        let replace = |text: &str, range: &std::ops::Range<usize>| -> Option<String> {
            let (before, after) = (text.get(..range.start)?, text.get(range.end..)?);
            Some(format!("{before}{}{after}", fix.replacement))
        };
        let edit = match &finding.place {
            // The range is on the text as it stands: in a field with
            // suggestions or comments it is placed on the text as shown and
            // typed like any edit, so it respects the marks (a suggestion in
            // suggestion mode; refused inside another editor's suggestion).
            crate::checks::Place::Text { field, range } if tracked::has_marks(story.text(*field)) => {
                let raw = story.text(*field);
                let shown = replace(&tracked::parse_shared(raw).shown, &tracked::shown_range(raw, range.clone()));
                match shown.map(|shown| self.typed_by_editor(story, *field, &shown)) {
                    Some(Ok(edit)) => edit,
                    Some(Err(refused)) => {
                        self.status = format!("Not changed: {refused}.");
                        return;
                    }
                    None => None,
                }
            }
            crate::checks::Place::Text { field, range } => replace(story.text(*field), range)
                .map(|text| Edit::SetText { story: story.slug.clone(), field: *field, text }),
            // The check read the caption as it stands; the fix is typed
            // into it as shown (a suggestion in suggestion mode).
            crate::checks::Place::Photo { photo, field: crate::checks::PhotoField::Caption, range, .. } => {
                let Some(current) = workspace.project().photo(photo) else { return };
                let raw = &current.caption;
                let shown = replace(&tracked::parse_shared(raw).shown, &tracked::shown_range(raw, range.clone()));
                let by = (self.prefs.editor_name.as_str(), now());
                match shown.map(|shown| crate::edit::typed_caption(current, &shown, by, self.view.suggesting)) {
                    Some(Ok(edit)) => edit,
                    Some(Err(refused)) => {
                        self.status = format!("Not changed: {refused}.");
                        return;
                    }
                    None => None,
                }
            }
            _ => None,
        };
        match edit {
            Some(edit) => {
                self.apply_step(edit.stamped(now()), fix.label.to_lowercase(), ctx);
            }
            None => self.status = "That fix no longer fits the text; the check will run again.".to_owned(),
        }
    }
}
