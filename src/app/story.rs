//! Stories on the desk: choosing one, new, duplicate, rename, delete,
//! importing copy, undo and redo, named revisions, the story's lock and
//! its proofing marks.

use std::path::PathBuf;

use super::{CopydeskApp, WorkspaceTab};
use crate::clock::now;
use crate::edit::Edit;
use crate::model::{Slug, Story, StoryStatus};

impl CopydeskApp {
    /// Shows another story.
    pub(super) fn select_story(&mut self, slug: Slug) {
        if let Some(workspace) = &mut self.workspace {
            workspace.select(slug);
        }
    }

    /// Selects the story below the selected one on the budget (`next`) or
    /// above it, in the order the budget shows them (its filters and sort);
    /// the first or last when none of those shown is selected. The budget
    /// scrolls to it.
    pub(super) fn select_neighbour(&mut self, next: bool) {
        let Some(workspace) = &self.workspace else { return };
        let view = &mut self.view;
        let desk = crate::ui::story_list::Desk { now: now(), me: &self.prefs.editor_name };
        let shown =
            crate::ui::story_list::visible_stories(&workspace.project().stories, &view.story_list, desk, |story| {
                view.stats.body(workspace.story_revision(&story.slug), story).words
            });
        let at = workspace.selected().and_then(|selected| shown.iter().position(|story| &story.slug == selected));
        let to = match (at, next) {
            (Some(at), true) => (at + 1).min(shown.len().saturating_sub(1)),
            (Some(at), false) => at.saturating_sub(1),
            (None, true) => 0,
            (None, false) => shown.len().saturating_sub(1),
        };
        let Some(slug) = shown.get(to).map(|story| story.slug.clone()) else { return };
        view.story_list.reveal = Some(to);
        self.select_story(slug);
    }

    /// The selected story's slug.
    pub(super) fn selected_slug(&self) -> Option<Slug> {
        self.workspace.as_ref()?.selected_story().map(|s| s.slug.clone())
    }

    pub(super) fn undo_or_redo(&mut self, undo: bool) {
        let Some(workspace) = &mut self.workspace else { return };
        let result = if undo { workspace.undo() } else { workspace.redo() };
        match result {
            Ok(Some(label)) => self.status = format!("{} {label}", if undo { "Undid" } else { "Redid" }),
            Ok(None) => {}
            Err(refusal) => self.status = format!("Could not {}: {refusal}", if undo { "undo" } else { "redo" }),
        }
    }

    fn insert_after_selection(&mut self, story: Story, label: String, ctx: &egui::Context) -> bool {
        let Some(workspace) = &self.workspace else { return false };
        let index = workspace
            .selected()
            .and_then(|slug| workspace.project().index_of(slug))
            .map_or(workspace.project().stories.len(), |i| i + 1);
        let done = self.apply_step(Edit::InsertStory { index, story: Box::new(story) }, label, ctx);
        if done {
            self.view.tab = WorkspaceTab::Article;
        }
        done
    }

    pub(super) fn new_story(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let project = workspace.project();
        let slug = project.free_slug(&Slug::from_title("new story"));
        let mut story = Story::new(slug.clone(), now());
        story.target_words = project.settings.default_target_words;
        if self.insert_after_selection(story, format!("New story “{slug}”"), ctx) {
            self.view.preview = false;
        }
    }

    /// The open project's template names, for the template dialogs.
    pub(super) fn template_names(&self) -> Vec<String> {
        self.workspace.iter().flat_map(|w| &w.project().settings.templates).map(|t| t.name.clone()).collect()
    }

    /// Adds a story made from template `name` after the selection.
    pub(super) fn new_from_template(&mut self, name: &str, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        match crate::ops::story_from_template(workspace.project(), name, None, now()) {
            Ok((Edit::InsertStory { story, .. }, slug)) => {
                if self.insert_after_selection(*story, format!("New story “{slug}” from “{name}”"), ctx) {
                    self.view.preview = false;
                }
            }
            Ok(_) => {}
            Err(refused) => self.status = format!("No story made: {refused}"),
        }
    }

    /// Saves the selected story as template `name` (one undo step).
    pub(super) fn save_as_template(&mut self, name: &str, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        match crate::ops::save_as_template(workspace.project(), story.slug.as_str(), name) {
            Ok(edit) => {
                if self.apply_step(edit, format!("template “{name}”"), ctx) {
                    self.status = format!("Saved template “{name}”: Story > New story from template… uses it.");
                }
            }
            Err(refused) => self.status = format!("Not saved: {refused}"),
        }
    }

    pub(super) fn duplicate_story(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(original) = workspace.selected_story() else { return };
        let base = Slug::new(&format!("{}-copy", original.slug)).unwrap_or_else(|_| original.slug.clone());
        let mut copy = original.clone();
        copy.slug = workspace.project().free_slug(&base);
        copy.status = StoryStatus::Draft;
        // A copy runs as a story of its own: its first version, no
        // corrections, not withdrawn, no embargo.
        copy.publication = Default::default();
        copy.created = now();
        copy.updated = copy.created;
        let label = format!("Duplicate “{}”", original.slug);
        self.insert_after_selection(copy, label, ctx);
    }

    pub(super) fn delete_story(&mut self, slug: Slug, ctx: &egui::Context) {
        let label = format!("Delete story “{slug}”");
        if self.apply_step(Edit::RemoveStory { story: slug.clone() }, label, ctx) {
            self.status = format!("Deleted “{slug}”. Undo (Ctrl+Z) brings it back.");
        }
    }

    pub(super) fn rename_story(&mut self, story: Slug, to: Slug, ctx: &egui::Context) {
        let label = format!("Rename “{story}” to “{to}”");
        if self.apply_step(Edit::RenameStory { story, to: to.clone() }, label, ctx) {
            self.status = format!("Renamed to “{to}”.");
        }
    }

    /// Sets a field from text as typed, through the same operation as
    /// `copydesk set`; a value that does not fit is said in the status line.
    pub(super) fn set_field(&mut self, story: &Slug, field: crate::ops::Field, value: &str, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        match crate::ops::set_field(workspace.project(), story.as_str(), field, value, now()) {
            Ok(edit) => {
                self.apply_step(edit, "details".to_owned(), ctx);
            }
            Err(refused) => self.status = format!("Not changed: {refused}"),
        }
    }

    /// Keeps the story's text as a named revision.
    pub(super) fn save_revision(&mut self, slug: Slug, name: &str, ctx: &egui::Context) {
        let story = self.workspace.as_ref().and_then(|w| w.project().story(&slug));
        let Some(story) = story else { return };
        let revision = story.snapshot(name, &self.prefs.editor_name, now(), false);
        let number = revision.number;
        let edit = Edit::AddRevision { story: slug, revision: Box::new(revision) };
        if self.apply_step(edit, format!("saving revision “{name}”"), ctx) {
            self.status = format!("Saved revision #{number} “{name}”. Compare it in the Revisions tab.");
        }
    }

    /// Asks for copy files and imports them.
    pub(super) fn pick_copy_to_import(&mut self, ctx: &egui::Context) {
        let picked = rfd::FileDialog::new()
            .set_title("Import copy")
            .add_filter("Copy (.txt, .md, .docx)", &crate::import::CopyKind::EXTENSIONS)
            .pick_files();
        if let Some(paths) = picked {
            self.import_files(&paths, ctx);
        }
    }

    /// Imports copy files as new stories, as one undo step; reports files
    /// that could not be imported.
    pub fn import_files(&mut self, paths: &[PathBuf], ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let imported = crate::ops::import_copy(workspace.project(), paths, now());
        let count = imported.slugs.len();
        if let Some(edit) = imported.edit {
            let label = if count == 1 { "Import 1 story".to_owned() } else { format!("Import {count} stories") };
            if self.apply_step(edit, label, ctx) {
                self.view.tab = WorkspaceTab::Article;
                self.status = format!("Imported {count} {}.", if count == 1 { "story" } else { "stories" });
            }
        }
        if !imported.failures.is_empty() {
            self.show_error("Some files could not be imported", imported.failures.join("\n\n"));
        }
    }

    /// Takes over the selected story's lock from a Copydesk that is gone.
    pub(super) fn take_over_lock(&mut self) {
        self.status = if self.locks.take_over(&self.prefs.editor_name, now()) {
            "You have the story now; the other Copydesk's lock is replaced.".to_owned()
        } else {
            "The lock is not stale: its holder is still there.".to_owned()
        };
        self.hold_locked_stories();
    }

    /// Tells the workspace which story someone else holds, so edits to it
    /// are refused wherever they come from.
    pub(super) fn hold_locked_stories(&mut self) {
        if let Some(workspace) = &mut self.workspace {
            workspace.set_held(self.locks.held_story());
        }
    }

    /// Selects the next spelling or grammar mark in the editor.
    pub(super) fn reveal_next_mark(&mut self) {
        self.view.tab = WorkspaceTab::Article;
        self.view.preview = false;
        if let Some(story) = self.workspace.as_ref().and_then(super::Workspace::selected_story) {
            let marks = self.proofing.story_marks(story);
            if marks.counts().total() == 0 {
                self.status = "No spelling or grammar marks in this story".to_owned();
            }
            self.view.editor.reveal_next_mark(marks);
        }
    }
}
