//! The open project: the model, the folder it is saved in, and its undo
//! history. Sits below the UI (panels read it) and the app (which changes
//! it through edits).

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History, Revision};
use crate::model::{Project, Slug};
use crate::photos::codes::CodeTable;
use crate::storage::{LoadedProject, ProjectFolder, SaveReport, StorageError};

/// A project open in the window.
#[derive(Debug)]
pub struct Workspace {
    /// The project as edited.
    pub project: Project,
    /// Where it is saved.
    pub folder: ProjectFolder,
    /// Undo and redo.
    pub history: History,
    /// The story shown in the workspace.
    pub selected: Option<Slug>,
    /// Where autosave writes unsaved work, if the app has a data folder.
    pub recovery_path: Option<PathBuf>,
    /// When (app time, seconds) the project became unsaved.
    pub dirty_since: Option<f64>,
    /// The revision last written to the recovery file.
    pub autosaved: Option<Revision>,
    /// Caption code replacements (`=code=`), from the project's
    /// `code-replacements.txt`.
    pub codes: CodeTable,
}

impl Workspace {
    /// Wraps a freshly loaded project; selects its first story.
    pub fn new(loaded: LoadedProject, recovery_path: Option<PathBuf>) -> Self {
        let selected = loaded.project.stories.first().map(|s| s.slug.clone());
        Workspace {
            project: loaded.project,
            folder: loaded.folder,
            history: History::new(),
            selected,
            recovery_path,
            dirty_since: None,
            autosaved: None,
            codes: CodeTable::default(),
        }
    }

    /// Applies and records an edit, following the selection through
    /// renames, inserts and removals.
    pub fn apply(&mut self, edit: Edit, label: String, now: f64) -> Result<(), EditError> {
        let follow = selection_after(&edit);
        self.history.apply(&mut self.project, edit, label, now)?;
        self.after_change(follow);
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let follow = self.history.next_undo().and_then(selection_after);
        let label = self.history.undo(&mut self.project)?;
        self.after_change(follow);
        Ok(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let follow = self.history.next_redo().and_then(selection_after);
        let label = self.history.redo(&mut self.project)?;
        self.after_change(follow);
        Ok(label)
    }

    /// Saves the project to its folder.
    pub fn save(&mut self) -> Result<SaveReport, StorageError> {
        let report = self.folder.save(&self.project)?;
        self.history.mark_saved();
        self.dirty_since = None;
        Ok(report)
    }

    /// Saves the project into a new folder `dir` and works there from now
    /// on (the old folder could not be written).
    pub fn save_as(&mut self, dir: &Path) -> Result<(), StorageError> {
        self.folder = crate::storage::save_project_as(dir, self.folder.root(), &self.project)?;
        self.history.mark_saved();
        self.dirty_since = None;
        Ok(())
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The selected story, if it still exists.
    pub fn selected_story(&self) -> Option<&crate::model::Story> {
        self.selected.as_ref().and_then(|slug| self.project.story(slug))
    }

    fn after_change(&mut self, follow: Option<Slug>) {
        if let Some(slug) = follow {
            self.selected = Some(slug);
        }
        let selection_gone = self.selected.as_ref().is_some_and(|s| self.project.story(s).is_none());
        if selection_gone || self.selected.is_none() {
            self.selected = self.project.stories.first().map(|s| s.slug.clone());
        }
    }
}

/// The story to show after `edit`, so undo and redo always show what they
/// changed: the story edited, the new name of a renamed story, or a newly
/// inserted one.
fn selection_after(edit: &Edit) -> Option<Slug> {
    match edit {
        Edit::RenameStory { to, .. } => Some(to.clone()),
        Edit::RemoveStory { .. } => None,
        Edit::Batch(edits) => edits.iter().rev().find_map(selection_after),
        other => other.story().cloned(),
    }
}
