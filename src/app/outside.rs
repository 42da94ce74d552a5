//! Changes from outside: the watch on `stories/` reports files a colleague's
//! save or a git pull changed; a story with no edits here reloads
//! (`Workspace::reload_story`), one with edits asks keep / take / merge
//! (`Workspace::merge_outside`), a removed file is reported. Every one of
//! them goes through the workspace and its history, so counts, reports,
//! find matches and diffs follow, and undo applies the right inverse.

use super::{CopydeskApp, Dialog};
use crate::edit::Edit;
use crate::model::TextField;
use crate::storage::OutsideChange;
use crate::workspace::Reloaded;

impl CopydeskApp {
    /// A sync conflict decided in the merge dialog: the file holds mine,
    /// so the choice is an ordinary edit (undoable), then saved and sent.
    fn resolve_conflict_choice(&mut self, draft: &crate::ui::OutsideChangeDraft, path: &str, ctx: &egui::Context) {
        let Some(mine) = self.workspace.as_ref().and_then(|w| w.project().story(&draft.slug).cloned()) else {
            return;
        };
        let chosen = if draft.all_theirs() { draft.theirs.clone() } else { draft.merged(&mine) };
        if chosen != mine {
            let label = format!("resolving the conflict in “{}”", draft.slug);
            if !self.apply_step(Edit::ReplaceStory(Box::new(chosen)), label, ctx) {
                return;
            }
        }
        self.resolve_sync_conflict(path, ctx);
        self.status = format!("Decided the conflict in “{}”; sending it to the desk.", draft.slug);
    }

    /// Takes in story files changed outside Copydesk.
    pub(super) fn take_outside_changes(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else {
            self.watcher = None;
            return;
        };
        let root = workspace.root();
        if self.watcher.as_ref().map(super::watcher::ProjectWatcher::root) != Some(root) {
            let repaint = ctx.clone();
            self.watcher = super::watcher::ProjectWatcher::start(root, move || repaint.request_repaint());
        }
        let Some(watcher) = &self.watcher else { return };
        if self.sync.is_running() {
            // Our own sync is writing the folder: what it changes comes with
            // its report (`take_in_received`); the watcher's paths wait, and
            // are then found unchanged.
            return;
        }
        let (paths, settling) = watcher.changed();
        if let Some(wait) = settling {
            ctx.request_repaint_after(wait);
        }
        if paths.is_empty() {
            return;
        }
        for change in workspace.outside_changes(&paths) {
            self.take_outside_change(change);
        }
    }

    /// Takes in one change: reloads a story with no edits here, asks about
    /// one with edits, reports a removed or unreadable file.
    pub fn take_outside_change(&mut self, change: OutsideChange) {
        let Some(workspace) = &mut self.workspace else { return };
        match change {
            OutsideChange::Changed(theirs, text) | OutsideChange::Added(theirs, text) => {
                let slug = theirs.slug.clone();
                if workspace.has_local_changes(&slug)
                    && let Some(mine) = workspace.project().story(&slug)
                {
                    let draft = crate::ui::OutsideChangeDraft::new(mine, *theirs, text);
                    self.dialogs.retain(|dialog| !matches!(dialog, Dialog::OutsideChange(open) if open.slug == slug));
                    self.dialogs.push(Dialog::OutsideChange(Box::new(draft)));
                    return;
                }
                match workspace.reload_story(*theirs, text) {
                    Ok(reloaded) => {
                        let verb = if reloaded == Reloaded::Added { "Added" } else { "Reloaded" };
                        self.status =
                            format!("{verb} “{slug}”: it changed outside Copydesk (a colleague's save, a git pull).");
                    }
                    Err(refusal) => self.show_error("Could not take in a story changed outside", refusal.to_string()),
                }
            }
            OutsideChange::Deleted(slug) => {
                workspace.story_file_removed(&slug);
                self.dialogs.push(Dialog::Message {
                    title: "A story file was removed outside Copydesk".to_owned(),
                    text: format!(
                        "stories/{slug}.ron was deleted or renamed outside Copydesk (a colleague, a git pull, a sync tool). \
                         The story stays open here, nothing is lost: Save writes it back. To let it go, delete it with \
                         Story › Delete story."
                    ),
                });
            }
            OutsideChange::Broken(error) => {
                self.status =
                    format!("A story changed outside Copydesk but cannot be read yet (still syncing?): {error}");
            }
        }
    }

    /// Applies the answer to a story changed outside: their version whole,
    /// or mine with the chosen parts of theirs, as one undo step.
    pub(super) fn resolve_outside_change(&mut self, draft: &crate::ui::OutsideChangeDraft, ctx: &egui::Context) {
        if let Some(path) = &draft.conflict {
            self.resolve_conflict_choice(draft, path, ctx);
            return;
        }
        let Some(workspace) = &mut self.workspace else { return };
        let Some(mine) = workspace.project().story(&draft.slug).cloned() else { return };
        let edit = if draft.all_theirs() {
            Edit::ReplaceStory(Box::new(draft.theirs.clone()))
        } else {
            let merged = draft.merged(&mine);
            let edits: Vec<Edit> = TextField::MERGED_WHOLE
                .into_iter()
                .chain([TextField::Body])
                .filter(|field| merged.text(*field) != mine.text(*field))
                .map(|field| Edit::SetText { story: draft.slug.clone(), field, text: merged.text(field).to_owned() })
                .collect();
            if edits.is_empty() {
                workspace.keep_mine(&draft.slug, draft.theirs_text.clone());
                self.status = "Kept your version; saving writes it over theirs.".to_owned();
                return;
            }
            Edit::Batch(edits)
        };
        match workspace.merge_outside(&draft.slug, edit, draft.theirs_text.clone()) {
            Ok(()) => self.status = "Merged; Ctrl+Z goes back to your version.".to_owned(),
            Err(refusal) => self.show_error("Could not take in the changes from outside", refusal.to_string()),
        }
    }
}
