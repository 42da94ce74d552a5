//! The open project: the model, the folder it is saved in, and its undo
//! history — and the one door every change to it goes through.
//!
//! Its fields are private. The project changes only by applying, undoing
//! and redoing [`Edit`]s ([`Workspace::apply`]), and through the named
//! entry points for what comes from outside this window: a story reloaded
//! from its file ([`Workspace::reload_story`]), a merge with it
//! ([`Workspace::merge_outside`]), restored recovery work
//! ([`Workspace::restore_recovery`]); another project opened is another
//! `Workspace`. Each change gives the project a fresh [`Revision`] (unique
//! for the life of the process) and each story, photo and the settings
//! their own, so a view or cache keyed on one can never show stale text,
//! and the checks can tell which stories changed.
//!
//! Applying says whether it happened: an edit that touches a story another
//! editor holds ([`Workspace::set_held`]) is refused with the holder's name,
//! as is one the project cannot take.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History, Part, Revision};
use crate::model::{PhotoId, Project, Slug, Story, Timestamp};
use crate::photos::codes::CodeTable;
use crate::storage::{self, LoadedProject, OutsideChange, ProjectFolder, SaveReport, StorageError};

/// Seconds of unsaved changes before autosave writes a recovery file.
pub const AUTOSAVE_AFTER_SECONDS: f64 = 30.0;

/// Why a change was not made. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The change touches a story another editor holds.
    #[error(
        "“{story}” is open read-only: {holder} is editing it. Wait for them to close it, or take it over once their Copydesk is gone."
    )]
    Held {
        /// The story.
        story: Slug,
        /// Who holds it ("Ana Ruiz on desk-3 since 14:02").
        holder: String,
    },
    /// The change touches the copy of a story that has gone out.
    #[error("{}", published_refusal(story, *status))]
    Published {
        /// The story.
        story: Slug,
        /// Published or Killed.
        status: crate::model::StoryStatus,
    },
    /// The project cannot take the change (a missing story, a slug in use).
    #[error("{0}")]
    Invalid(#[from] EditError),
}

fn published_refusal(story: &Slug, status: crate::model::StoryStatus) -> String {
    match status {
        crate::model::StoryStatus::Killed => {
            format!("“{story}” was killed and stays withdrawn: duplicate it to run it again.")
        }
        _ => format!(
            "“{story}” is published and read-only: reopen it as an update, a correction or a kill (Story ▸ Reopen, or `copydesk reopen`) to change it."
        ),
    }
}

/// What [`Workspace::reload_story`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The story was replaced by its file's version.
    Replaced,
    /// The file is a story the project did not have; it was added.
    Added,
}

/// What [`Workspace::autosave`] asks for this time.
#[derive(Debug)]
pub enum Autosave {
    /// Nothing to do: no unsaved changes, they are already in the recovery
    /// file, or there is nowhere to write one.
    Nothing,
    /// Not yet: this many seconds to go.
    Due(f64),
    /// Write this to the recovery file (on any thread: writing a big
    /// project takes longer than a frame), then say so with
    /// [`Workspace::autosaved`].
    Write(Box<RecoveryWrite>),
}

/// Unsaved work to write to the recovery file: a copy of the project as it
/// was when autosave came due.
#[derive(Debug)]
pub struct RecoveryWrite {
    path: PathBuf,
    root: PathBuf,
    project: Project,
    at: Timestamp,
    revision: Revision,
}

impl RecoveryWrite {
    /// Writes the recovery file (atomically).
    pub fn write(&self) -> Result<(), StorageError> {
        storage::write_recovery(&self.path, &self.root, &self.project, self.at)
    }

    /// The recovery file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The history revision the copy was made at.
    pub fn revision(&self) -> Revision {
        self.revision
    }
}

/// Revisions of each part of the project.
#[derive(Debug)]
struct Revisions {
    /// The whole project's: moves on every change.
    project: Revision,
    /// Each story's content.
    stories: HashMap<Slug, Revision>,
    /// Each photo record's.
    photos: HashMap<PhotoId, Revision>,
    /// The photo library's: moves when any photo record changes.
    library: Revision,
    /// The settings'.
    settings: Revision,
    /// The story order's (stories added, removed, renamed).
    order: Revision,
}

impl Revisions {
    /// Fresh revisions for every part of `project`.
    fn of(project: &Project) -> Self {
        Revisions {
            project: Revision::fresh(),
            stories: project.stories.iter().map(|story| (story.slug.clone(), Revision::fresh())).collect(),
            photos: project.photos.iter().map(|photo| (photo.id.clone(), Revision::fresh())).collect(),
            library: Revision::fresh(),
            settings: Revision::fresh(),
            order: Revision::fresh(),
        }
    }

    /// Moves the revision of every part in `parts` (and the project's).
    fn touch(&mut self, project: &Project, parts: &[Part]) {
        let revision = Revision::fresh();
        self.project = revision;
        for part in parts {
            match part {
                Part::Story(slug) if project.story(slug).is_some() => {
                    self.stories.insert(slug.clone(), revision);
                }
                Part::Story(slug) => {
                    self.stories.remove(slug);
                }
                Part::Photo(id) if project.photo(id).is_some() => {
                    self.photos.insert(id.clone(), revision);
                    self.library = revision;
                }
                Part::Photo(id) => {
                    self.photos.remove(id);
                    self.library = revision;
                }
                Part::Settings => self.settings = revision,
                Part::StoryOrder => self.order = revision,
            }
        }
    }
}

/// When autosave last wrote, and since when the project is unsaved.
#[derive(Debug, Default)]
struct AutosaveState {
    /// Where autosave writes unsaved work, if the app has a data folder.
    recovery_path: Option<PathBuf>,
    /// When (app time, seconds) the project became unsaved.
    dirty_since: Option<f64>,
    /// The history revision last written to the recovery file.
    written: Option<Revision>,
}

/// A project open in the window or on the command line.
#[derive(Debug)]
pub struct Workspace {
    project: Project,
    folder: ProjectFolder,
    history: History,
    selected: Option<Slug>,
    codes: CodeTable,
    revisions: Revisions,
    /// Stories other editors hold, with who holds them.
    held: HashMap<Slug, String>,
    autosave: AutosaveState,
}

impl Workspace {
    /// Wraps a freshly loaded project; selects its first story.
    /// `recovery_path` is where autosave writes (none on the command line);
    /// `codes` the project's caption code replacements.
    pub fn new(loaded: LoadedProject, recovery_path: Option<PathBuf>, codes: CodeTable) -> Self {
        let selected = loaded.project.stories.first().map(|s| s.slug.clone());
        Workspace {
            revisions: Revisions::of(&loaded.project),
            project: loaded.project,
            folder: loaded.folder,
            history: History::new(),
            selected,
            codes,
            held: HashMap::new(),
            autosave: AutosaveState { recovery_path, ..AutosaveState::default() },
        }
    }

    /// The project as it is now.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The folder the project is saved in.
    pub fn root(&self) -> &Path {
        self.folder.root()
    }

    /// The undo history (labels of the next undo and redo).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Caption code replacements (`=code=`), from the project's
    /// `code-replacements.txt`.
    pub fn codes(&self) -> &CodeTable {
        &self.codes
    }

    /// Where autosave writes unsaved work.
    pub fn recovery_path(&self) -> Option<&Path> {
        self.autosave.recovery_path.as_deref()
    }

    /// The project's revision: a new one after every change of any kind.
    pub fn revision(&self) -> Revision {
        self.revisions.project
    }

    /// The revision of one story's content: moves only when that story
    /// changes. `None` for a story the project does not have.
    pub fn story_revision(&self, slug: &Slug) -> Option<Revision> {
        self.revisions.stories.get(slug).copied()
    }

    /// The revision of one photo record.
    pub fn photo_revision(&self, id: &PhotoId) -> Option<Revision> {
        self.revisions.photos.get(id).copied()
    }

    /// The revision of the photo library: moves when any photo record is
    /// added, changed or removed.
    pub fn library_revision(&self) -> Revision {
        self.revisions.library
    }

    /// The revision of the project's settings.
    pub fn settings_revision(&self) -> Revision {
        self.revisions.settings
    }

    /// The revision of the story order: moves when a story is added,
    /// removed or renamed.
    pub fn order_revision(&self) -> Revision {
        self.revisions.order
    }

    /// The story shown in the workspace, if any.
    pub fn selected(&self) -> Option<&Slug> {
        self.selected.as_ref()
    }

    /// The selected story, if it still exists.
    pub fn selected_story(&self) -> Option<&Story> {
        self.selected.as_ref().and_then(|slug| self.project.story(slug))
    }

    /// Shows another story; ends the typing burst being recorded.
    pub fn select(&mut self, slug: Slug) {
        self.history.break_group();
        if self.project.story(&slug).is_some() {
            self.selected = Some(slug);
        }
    }

    /// Says which stories other editors hold (story → who), replacing what
    /// was said before. Edits to them are refused until they are free.
    pub fn set_held(&mut self, held: impl IntoIterator<Item = (Slug, String)>) {
        self.held = held.into_iter().collect();
    }

    /// Applies and records an edit, following the selection through
    /// renames, inserts and removals. `now` (seconds, any steady clock)
    /// groups bursts of typing into one undo step.
    pub fn apply(&mut self, edit: Edit, label: impl Into<String>, now: f64) -> Result<(), Refusal> {
        self.guard(&edit)?;
        let follow = selection_after(&edit);
        let parts = edit.parts();
        self.history.apply(&mut self.project, edit, label, now)?;
        self.after_change(follow, &parts);
        Ok(())
    }

    /// Applies `edit` as an undo step of its own, never merged with the
    /// typing around it (a status change, a fix, an import).
    pub fn apply_step(&mut self, edit: Edit, label: impl Into<String>, now: f64) -> Result<(), Refusal> {
        self.history.break_group();
        let result = self.apply(edit, label, now);
        self.history.break_group();
        result
    }

    /// Ends the burst of typing being recorded, so the next edit is an undo
    /// step of its own.
    pub fn break_typing_group(&mut self) {
        self.history.break_group();
    }

    /// Undoes the last step; returns its label (`None`: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<String>, Refusal> {
        let Some(edit) = self.history.next_undo() else { return Ok(None) };
        self.guard(edit)?;
        let follow = selection_after(edit);
        let parts = edit.parts();
        let label = self.history.undo(&mut self.project)?;
        self.after_change(follow, &parts);
        Ok(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, Refusal> {
        let Some(edit) = self.history.next_redo() else { return Ok(None) };
        self.guard(edit)?;
        let follow = selection_after(edit);
        let parts = edit.parts();
        let label = self.history.redo(&mut self.project)?;
        self.after_change(follow, &parts);
        Ok(label)
    }

    /// Saves the project to its folder.
    pub fn save(&mut self) -> Result<SaveReport, StorageError> {
        let report = self.folder.save(&self.project)?;
        self.history.mark_saved();
        self.autosave.dirty_since = None;
        Ok(report)
    }

    /// Saves the project into a new folder `dir` and works there from now
    /// on (the old folder could not be written).
    pub fn save_as(&mut self, dir: &Path) -> Result<(), StorageError> {
        self.folder = storage::save_project_as(dir, self.folder.root(), &self.project)?;
        self.history.mark_saved();
        self.autosave.dirty_since = None;
        Ok(())
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    // -----------------------------------------------------------------
    // Changes from outside this window.

    /// What changed in the story files named in `paths` (the watcher saw
    /// them change) since this workspace last read or wrote them.
    pub fn outside_changes(&self, paths: &[PathBuf]) -> Vec<OutsideChange> {
        self.folder.outside_changes(paths)
    }

    /// Whether the story has edits here that its file does not have.
    pub fn has_local_changes(&self, slug: &Slug) -> bool {
        self.project.story(slug).is_some_and(|story| self.folder.has_local_changes(story))
    }

    /// Takes in the version of a story its file now holds (`text`, as read),
    /// replacing the story here or adding it when the project did not have
    /// it. One undo step; a held story is reloaded too (its holder saved).
    /// Call it only when the story has no edits here
    /// ([`Self::has_local_changes`]); otherwise ask, then
    /// [`Self::merge_outside`].
    pub fn reload_story(&mut self, theirs: Story, text: String) -> Result<Reloaded, Refusal> {
        let slug = theirs.slug.clone();
        let (edit, reloaded) = if self.project.story(&slug).is_some() {
            (Edit::ReplaceStory(Box::new(theirs)), Reloaded::Replaced)
        } else {
            (Edit::InsertStory { index: self.project.stories.len(), story: Box::new(theirs) }, Reloaded::Added)
        };
        let parts = edit.parts();
        let label = format!("reloading “{slug}” from its file");
        self.history.apply_from_outside(&mut self.project, edit, label, true)?;
        self.folder.accept_outside(&slug, text);
        self.after_change(None, &parts);
        Ok(reloaded)
    }

    /// Takes in a story whose file changed while it has edits here: `edit`
    /// is the chosen result (their version whole, or mine with parts of
    /// theirs), `theirs_text` the file as read, which saving now overwrites
    /// knowingly. One undo step back to mine.
    pub fn merge_outside(&mut self, slug: &Slug, edit: Edit, theirs_text: String) -> Result<(), Refusal> {
        let parts = edit.parts();
        self.history.apply_from_outside(&mut self.project, edit, "taking in changes from outside", false)?;
        self.folder.accept_outside(slug, theirs_text);
        self.after_change(Some(slug.clone()), &parts);
        Ok(())
    }

    /// Takes in `project.ron` and photo records a sync changed (`paths`
    /// inside the project, with `/`; other files are left to their own
    /// readers). A part with no unsaved edits here takes the file's version;
    /// one with edits is merged three ways with it (the version last read
    /// as the base), keeping mine where both changed the same thing. One
    /// undo step. Returns notes for the editor.
    pub fn take_in_project_files(&mut self, paths: &[&str]) -> Result<Vec<String>, String> {
        let root = self.folder.root().to_owned();
        let mut edits = Vec::new();
        let mut notes = Vec::new();
        let mut matches_files = true;
        let mut project_text = None;
        let mut photo_texts: Vec<(PhotoId, Option<String>)> = Vec::new();
        for path in paths {
            if *path == storage::PROJECT_FILE {
                let theirs = storage::read_project_file(&root).map_err(|e| e.to_string())?;
                let mine = self.folder.project_file_text(&self.project).map_err(|e| e.to_string())?;
                let result = merge_local(path, self.folder.known_project_text(), mine, &theirs, &mut notes);
                matches_files &= result.1;
                let result = result.0;
                edits.extend(self.edits_to_project_file(&result, &root.join(path))?);
                project_text = Some(theirs);
                continue;
            }
            let Some(id) = path
                .strip_prefix("photos/")
                .and_then(|name| name.strip_suffix(".ron"))
                .filter(|id| id.len() == PhotoId::LEN)
                .and_then(PhotoId::from_hex)
            else {
                continue;
            };
            let file = storage::read_photo_record(&root, &id).map_err(|e| e.to_string())?;
            match (file, self.project.photo(&id)) {
                (Some((theirs, text)), None) => {
                    edits.push(Edit::SetPhoto(Box::new(theirs)));
                    photo_texts.push((id, Some(text)));
                }
                (Some((_, text)), Some(photo)) => {
                    let mine = self.folder.photo_file_text(photo).map_err(|e| e.to_string())?;
                    let known = self.folder.known_photo_text(&id);
                    let (result, matches) = merge_local(path, known, mine, &text, &mut notes);
                    matches_files &= matches;
                    let photo = storage::parse_photo_text(&result, &root.join(path)).map_err(|e| e.to_string())?;
                    edits.push(Edit::SetPhoto(Box::new(photo)));
                    photo_texts.push((id, Some(text)));
                }
                (None, Some(_)) if self.project.stories.iter().all(|s| s.photos.iter().all(|u| u.photo != id)) => {
                    edits.push(Edit::RemovePhoto { photo: id.clone() });
                    photo_texts.push((id, None));
                }
                (None, Some(_)) => {
                    matches_files = false;
                    notes.push(format!("{path} was removed elsewhere but a story here uses it: it is kept"));
                }
                (None, None) => {}
            }
        }
        if !edits.is_empty() {
            let edit = Edit::Batch(edits);
            let parts = edit.parts();
            self.history
                .apply_from_outside(&mut self.project, edit, "taking in the desk's changes", matches_files)
                .map_err(|error| error.to_string())?;
            self.after_change(None, &parts);
        }
        if let Some(text) = project_text {
            self.folder.accept_project_file(text);
        }
        for (id, text) in photo_texts {
            self.folder.accept_photo_file(&id, text);
        }
        Ok(notes)
    }

    /// The edits that make the settings and story order what a
    /// `project.ron` text says.
    fn edits_to_project_file(&self, text: &str, path: &Path) -> Result<Vec<Edit>, String> {
        let (order, settings) = storage::parse_project_text(text, path).map_err(|e| e.to_string())?;
        let mut edits = Vec::new();
        if settings != self.project.settings {
            edits.push(Edit::SetSettings(Box::new(settings)));
        }
        let current: Vec<&Slug> = self.project.stories.iter().map(|s| &s.slug).collect();
        if order.iter().collect::<Vec<_>>() != current {
            edits.push(Edit::SetStoryOrder(order));
        }
        Ok(edits)
    }

    /// The edit that makes the project hold `text` as its `project.ron` or
    /// a photo's record (`path`, with `/`): the other side of a decided
    /// conflict, taken as an ordinary (undoable) edit. `None` when the
    /// project holds it already.
    pub fn edit_to_file_version(&self, path: &str, text: &str) -> Result<Option<Edit>, String> {
        let file = self.folder.root().join(path);
        let edits = if path == storage::PROJECT_FILE {
            self.edits_to_project_file(text, &file)?
        } else {
            let photo = storage::parse_photo_text(text, &file).map_err(|e| e.to_string())?;
            let known = format!("photos/{}.ron", photo.id);
            if known != path {
                return Err(format!("{path} holds the record of photo {}", photo.id));
            }
            if self.project.photo(&photo.id) == Some(&photo) {
                Vec::new()
            } else {
                vec![Edit::SetPhoto(Box::new(photo))]
            }
        };
        Ok((!edits.is_empty()).then_some(Edit::Batch(edits)))
    }

    /// Keeps mine for a story whose file changed: saving writes mine over
    /// theirs (`theirs_text`, which is now known).
    pub fn keep_mine(&mut self, slug: &Slug, theirs_text: String) {
        self.folder.accept_outside(slug, theirs_text);
        // The files changed: no earlier state matches them now.
        self.history.forget_saved();
    }

    /// A story's file was deleted or renamed outside: the story stays, and
    /// the next save writes it again.
    pub fn story_file_removed(&mut self, slug: &Slug) {
        self.folder.forget_story_file(slug);
        self.history.forget_saved();
    }

    /// Replaces the project with work restored from a recovery file. It is
    /// unsaved, with a fresh history; every part gets a fresh revision.
    pub fn restore_recovery(&mut self, project: Project) {
        self.revisions = Revisions::of(&project);
        self.project = project;
        self.history = History::new_unsaved();
        self.selected = self.project.stories.first().map(|s| s.slug.clone());
    }

    /// Asks for unsaved work to be written to the recovery file once it has
    /// been unsaved for [`AUTOSAVE_AFTER_SECONDS`] (`now_seconds`, app
    /// time), then again at most as often; `now` stamps the file.
    pub fn autosave(&mut self, now_seconds: f64, now: Timestamp) -> Autosave {
        if !self.is_dirty() {
            self.autosave.dirty_since = None;
            return Autosave::Nothing;
        }
        let since = *self.autosave.dirty_since.get_or_insert(now_seconds);
        let revision = self.history.revision();
        if self.autosave.written == Some(revision) {
            return Autosave::Nothing;
        }
        let due = since + AUTOSAVE_AFTER_SECONDS;
        if now_seconds < due {
            return Autosave::Due(due - now_seconds);
        }
        let Some(path) = self.autosave.recovery_path.clone() else { return Autosave::Nothing };
        // Not due again for a while, written or not.
        self.autosave.dirty_since = Some(now_seconds);
        let root = self.folder.root().to_owned();
        Autosave::Write(Box::new(RecoveryWrite { path, root, project: self.project.clone(), at: now, revision }))
    }

    /// Records that the recovery file now holds the work as it was at
    /// `revision` (a [`RecoveryWrite`] finished).
    pub fn autosaved(&mut self, revision: Revision) {
        self.autosave.written = Some(revision);
    }

    /// Refuses an edit that changes a story another editor holds, or the
    /// copy of a story that has gone out (published or killed) without
    /// reopening it. Changes from outside are not judged: they already
    /// happened.
    fn guard(&self, edit: &Edit) -> Result<(), Refusal> {
        if let Some((story, holder)) =
            edit.existing_stories_changed().into_iter().find_map(|story| Some((story, self.held.get(story)?)))
        {
            return Err(Refusal::Held { story: story.clone(), holder: holder.clone() });
        }
        let out = edit.copy_changed_without_status().into_iter().find_map(|slug| {
            let status = self.project.story(slug)?.status;
            status.is_out().then(|| (slug.clone(), status))
        });
        match out {
            Some((story, status)) => Err(Refusal::Published { story, status }),
            None => Ok(()),
        }
    }

    fn after_change(&mut self, follow: Option<Slug>, parts: &[Part]) {
        self.revisions.touch(&self.project, parts);
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

/// A project file's version to take in: theirs when nothing here differs
/// from the file as last read (`known`), else mine merged three ways with
/// it (mine where both changed the same thing, said in `notes`). And
/// whether the result is exactly the file.
fn merge_local(path: &str, known: Option<&str>, mine: String, theirs: &str, notes: &mut Vec<String>) -> (String, bool) {
    if known == Some(mine.as_str()) {
        return (theirs.to_owned(), true);
    }
    match crate::sync::merge::merge_file(path, known, &mine, theirs) {
        Some(result) => {
            if !result.conflicts.is_empty() {
                notes.push(format!("{path}: kept your unsaved {}", result.conflicts.join(", ")));
            }
            let same = result.text == theirs;
            (result.text, same)
        }
        None => (mine, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TextField, Timestamp};

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let mut loaded = storage::create_project(dir.path(), "Desk").unwrap();
        for slug in ["iraq", "kenya"] {
            loaded.project.stories.push(Story::new(Slug::new(slug).unwrap(), Timestamp::EPOCH));
        }
        loaded.folder.save(&loaded.project).unwrap();
        (dir, Workspace::new(loaded, None, CodeTable::default()))
    }

    fn typing(story: &str, text: &str) -> Edit {
        Edit::SetText { story: Slug::new(story).unwrap(), field: TextField::Body, text: text.into() }
    }

    #[test]
    fn every_change_moves_the_project_revision_and_only_the_stories_it_touches() {
        let (_dir, mut workspace) = workspace();
        let iraq = Slug::new("iraq").unwrap();
        let kenya = Slug::new("kenya").unwrap();
        let (project, iraq_before, kenya_before) =
            (workspace.revision(), workspace.story_revision(&iraq), workspace.story_revision(&kenya));
        workspace.apply(typing("iraq", "Drones"), "typing", 0.0).unwrap();
        assert_ne!(workspace.revision(), project);
        assert_ne!(workspace.story_revision(&iraq), iraq_before);
        assert_eq!(workspace.story_revision(&kenya), kenya_before);
        let after_typing = workspace.revision();
        workspace.undo().unwrap();
        assert_ne!(workspace.revision(), after_typing, "undo is a new state too");
        assert_ne!(workspace.revision(), project, "revisions never come back");
    }

    #[test]
    fn an_edit_to_a_held_story_is_refused_and_others_go_through() {
        let (_dir, mut workspace) = workspace();
        let iraq = Slug::new("iraq").unwrap();
        workspace.set_held([(iraq.clone(), "Ana Ruiz on desk-3".to_owned())]);
        let before = workspace.revision();
        let refused = workspace.apply(typing("iraq", "Mine"), "typing", 0.0);
        assert_eq!(refused, Err(Refusal::Held { story: iraq.clone(), holder: "Ana Ruiz on desk-3".to_owned() }));
        assert_eq!(workspace.revision(), before);
        assert!(!workspace.is_dirty());
        workspace.apply(typing("kenya", "Theirs is held, mine is not"), "typing", 0.0).unwrap();
        // A new story is nobody's yet; a batch is judged by each story it touches.
        let new = Story::new(Slug::new("new").unwrap(), Timestamp::EPOCH);
        workspace.apply(Edit::InsertStory { index: 9, story: Box::new(new) }, "import", 1.0).unwrap();
        let batch = Edit::Batch(vec![typing("new", "x"), typing("iraq", "y")]);
        assert!(matches!(workspace.apply(batch, "both", 2.0), Err(Refusal::Held { .. })));
    }

    #[test]
    fn a_reload_is_an_undo_step_and_keeps_a_clean_project_clean() {
        let (_dir, mut workspace) = workspace();
        let iraq = Slug::new("iraq").unwrap();
        let before = workspace.story_revision(&iraq);
        let theirs = Story { body: "Their paragraph.".into(), ..workspace.project().stories[0].clone() };
        assert_eq!(workspace.reload_story(theirs, "their file".into()), Ok(Reloaded::Replaced));
        assert_eq!(workspace.project().story(&iraq).unwrap().body, "Their paragraph.");
        assert_ne!(workspace.story_revision(&iraq), before);
        assert!(!workspace.is_dirty(), "the story is what its file says");
        // Undo applies the reload's own inverse, made for the text it replaced.
        workspace.undo().unwrap();
        assert_eq!(workspace.project().story(&iraq).unwrap().body, "");
        assert!(workspace.is_dirty(), "the file says otherwise now");
    }

    #[test]
    fn restoring_recovery_gives_every_story_a_fresh_revision() {
        let (_dir, mut workspace) = workspace();
        let iraq = Slug::new("iraq").unwrap();
        let before = workspace.story_revision(&iraq);
        let mut project = workspace.project().clone();
        project.stories[0].body = "Recovered".into();
        workspace.restore_recovery(project);
        assert_ne!(workspace.story_revision(&iraq), before);
        assert!(workspace.is_dirty());
    }
}
