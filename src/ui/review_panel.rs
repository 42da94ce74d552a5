//! The Review tool: whether the story can be marked ready and what stands
//! in the way; the manual checklist with who signed what, and when, and
//! which sign-offs went stale (with what changed since); the automatic
//! findings by severity, each a click away from its place; and the story's
//! activity log.

use super::text_marks::Reveal;
use super::{Command, ViewState, WorkspaceTab};
use crate::checks::{Finding, ItemState, Place, StoryReport, covered_text, item_state};
use crate::diff::word_diff;
use crate::edit::Revision;
use crate::model::{CheckLevel, ChecklistItem, Project, Story, StoryStatus};
use crate::ui::theme;

/// Whether each checklist item is signed, stale or open on one story, as
/// judged at one project revision.
#[derive(Debug, Default)]
pub struct SignOffStates {
    /// The story and the project revision the states were judged at.
    judged: Option<(crate::model::Slug, Revision)>,
    /// Item id → state (the sign-off itself is looked up when drawn).
    states: std::collections::HashMap<String, Judged>,
}

/// An item's state without its sign-off borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Judged {
    Unsigned,
    Signed,
    Stale,
}

impl SignOffStates {
    /// The state of `item` on `story` at `revision`, judged again only when
    /// the story or the revision changed.
    fn get<'a>(
        &mut self,
        project: &Project,
        story: &'a Story,
        revision: Revision,
        item: &ChecklistItem,
    ) -> ItemState<'a> {
        let current = self.judged.as_ref().is_some_and(|(slug, at)| *slug == story.slug && *at == revision);
        if !current {
            self.states.clear();
            self.judged = Some((story.slug.clone(), revision));
        }
        let judged =
            *self.states.entry(item.id.clone()).or_insert_with(|| match item_state(story, &project.photos, item) {
                ItemState::Unsigned => Judged::Unsigned,
                ItemState::Signed(_) => Judged::Signed,
                ItemState::Stale(_) => Judged::Stale,
            });
        match (judged, story.signoffs.iter().find(|signoff| signoff.item == item.id)) {
            (Judged::Signed, Some(signoff)) => ItemState::Signed(signoff),
            (Judged::Stale, Some(signoff)) => ItemState::Stale(signoff),
            _ => ItemState::Unsigned,
        }
    }
}

/// Draws the Review tool for `story` at project `revision`; `report` is
/// the checks' latest word on it (`None` until the first check lands).
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    story: &Story,
    revision: Revision,
    (report, now): (Option<&StoryReport>, crate::model::Timestamp),
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    // Findings on the left; the sign-offs and the log on the right.
    egui::Panel::right("review_checklist").resizable(true).default_size(380.0).min_size(260.0).show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("review_checklist_scroll").show(ui, |ui| {
            checklist(ui, project, story, revision, view, commands);
            ui.add_space(10.0);
            activity(ui, project, story);
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("review_findings").show(ui, |ui| {
            readiness(ui, story, (report, now), commands);
            ui.add_space(10.0);
            match report {
                Some(report) => findings(ui, story, &report.findings, view, commands),
                None => {
                    ui.label(egui::RichText::new("Checking…").weak());
                }
            }
        });
    });
}

fn readiness(
    ui: &mut egui::Ui,
    story: &Story,
    (report, now): (Option<&StoryReport>, crate::model::Timestamp),
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Review");
        theme::status_badge(ui, story.status);
        if story.publication.version > 1 {
            ui.label(egui::RichText::new(format!("version {}", story.publication.version)).weak());
        }
    });
    if let Some(until) = story.publication.embargo_at(now) {
        let text = format!("Embargoed until {} UTC: it cannot be published before then.", until.short());
        ui.label(egui::RichText::new(text).color(theme::warn_color(ui)).strong());
    }
    let blocking = report.map(|report| report.readiness.blocking.as_slice()).unwrap_or_default();
    let ready = report.is_some_and(|report| report.readiness.ready());
    match (story.status, report) {
        (status, _) if status.exportable() => {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("This story is {}.", story.status.label().to_lowercase())).strong(),
                );
                let export =
                    ui.button(super::UiCommand::Export.label()).on_hover_text(super::UiCommand::Export.tooltip());
                if export.clicked() {
                    commands.push(Command::Ui(super::UiCommand::Export));
                }
            });
        }
        (_, None) => {}
        (_, Some(_)) if ready => {
            ui.label(
                egui::RichText::new("✔ Every required check passes: ready to mark ready.").color(theme::ok_color(ui)),
            );
        }
        (_, Some(_)) => {
            let text = format!("{} required item(s) block “Ready”:", blocking.len());
            ui.label(egui::RichText::new(text).color(theme::warn_color(ui)).strong());
            for line in blocking {
                ui.label(format!("  • {line}"));
            }
        }
    }
    if !story.status.exportable() {
        ui.horizontal(|ui| {
            let button = ui.add_enabled(ready, egui::Button::new("Mark ready for publication"));
            let reason =
                if report.is_none() { "The checks are still running" } else { "Required items above do not pass yet" };
            if button.on_disabled_hover_text(reason).clicked() {
                commands.push(Command::MarkReady);
            }
            if report.is_some() && !ready {
                let anyway = ui.button("Mark ready anyway…").on_hover_text(
                    "Override the failing checks with a written reason; the override is kept in the activity log",
                );
                if anyway.clicked() {
                    commands.push(Command::MarkReady);
                }
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Move to").small().weak());
        for status in StoryStatus::ALL {
            // Ready goes through the button above; the rest as the
            // workflow's transition table allows.
            let reachable = story.status.transition_to(status) == crate::model::Transition::Free;
            if !reachable {
                continue;
            }
            let embargo = story.embargo_blocks(status, now);
            let button = ui.add_enabled(embargo.is_none(), egui::Button::new(status.label()).small());
            if button.on_disabled_hover_text(embargo.unwrap_or_default()).clicked() {
                commands.push(Command::SetStatus(status));
            }
        }
    });
}

fn checklist(
    ui: &mut egui::Ui,
    project: &Project,
    story: &Story,
    revision: Revision,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    ui.label(egui::RichText::new("Checklist").strong());
    let items: Vec<&ChecklistItem> =
        story.checklist_items(&project.settings).filter(|item| item.level != CheckLevel::Off).collect();
    if items.is_empty() {
        ui.label(egui::RichText::new("No manual items: add them in File > Project settings….").weak());
    }
    for item in items {
        let state = view.signoff_states.get(project, story, revision, item);
        ui.horizontal_wrapped(|ui| {
            let mut ticked = matches!(state, ItemState::Signed(_));
            let label =
                format!("{}{}", item.label, if item.level == CheckLevel::Required { "" } else { " (recommended)" });
            let checkbox = ui.checkbox(&mut ticked, label);
            if checkbox.changed() {
                // Ticking a stale item renews it; unticking withdraws it.
                commands.push(if ticked {
                    Command::SignOff(item.id.clone())
                } else {
                    Command::WithdrawSignOff(item.id.clone())
                });
            }
            match &state {
                ItemState::Unsigned => {}
                ItemState::Signed(signoff) => {
                    ui.label(egui::RichText::new(format!("{} · {}", signoff.by, signoff.at.short())).small().weak());
                }
                ItemState::Stale(signoff) => {
                    let text = format!("STALE — signed by {} · {}; changed since", signoff.by, signoff.at.short());
                    ui.label(egui::RichText::new(text).small().color(theme::warn_color(ui)));
                    if ui.small_button("Renew").on_hover_text("Sign it off again for the text as it is now").clicked() {
                        commands.push(Command::SignOff(item.id.clone()));
                    }
                }
            }
        });
        if let ItemState::Stale(signoff) = state {
            let open = view.review_diffs.contains_key(&item.id);
            let toggle = if open { "Hide what changed" } else { "Show what changed" };
            if ui.small_button(toggle).clicked() {
                if open {
                    view.review_diffs.remove(&item.id);
                } else {
                    view.review_diffs.insert(item.id.clone(), None);
                }
            }
            if let Some(cached) = view.review_diffs.get_mut(&item.id) {
                // Diffed again only when the project changed.
                if cached.as_ref().is_none_or(|(made_at, _)| *made_at != revision) {
                    let now = covered_text(story, &project.photos, &item.covers);
                    *cached = Some((revision, word_diff(&signoff.covered_text, &now)));
                }
                if let Some((_, spans)) = cached {
                    changes(ui, spans);
                }
            }
        }
    }
}

/// The words that changed, struck out and added.
fn changes(ui: &mut egui::Ui, spans: &[crate::diff::DiffSpan]) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let job = super::revisions_panel::spans_job(ui, spans, ui.available_width());
        ui.label(job);
    });
}

fn findings(ui: &mut egui::Ui, story: &Story, findings: &[Finding], view: &mut ViewState, commands: &mut Vec<Command>) {
    for level in [CheckLevel::Required, CheckLevel::Recommended] {
        let these: Vec<&Finding> = findings.iter().filter(|f| f.level == level).collect();
        let title =
            format!("{} ({})", if level == CheckLevel::Required { "Must fix" } else { "Worth a look" }, these.len());
        egui::CollapsingHeader::new(egui::RichText::new(title).strong())
            .id_salt(("findings", level.label()))
            .default_open(true)
            .show(ui, |ui| {
                if these.is_empty() {
                    ui.label(egui::RichText::new("Nothing.").weak());
                }
                for finding in these {
                    finding_row(ui, story, finding, view, commands);
                }
            });
    }
}

fn finding_row(ui: &mut egui::Ui, story: &Story, finding: &Finding, view: &mut ViewState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let color =
            if finding.level == CheckLevel::Required { theme::warn_color(ui) } else { ui.visuals().text_color() };
        let place = ui.link(egui::RichText::new(finding.place.describe()).small().strong()).on_hover_text("Go there");
        let message =
            ui.add(egui::Label::new(egui::RichText::new(&finding.message).color(color)).sense(egui::Sense::click()));
        if place.clicked() || message.clicked() {
            go_to(story, &finding.place, view);
        }
        if let Some(fix) = &finding.suggestion
            && ui.small_button(&fix.label).on_hover_text("Apply this fix (Ctrl+Z undoes it)").clicked()
        {
            commands.push(Command::ApplyFix(Box::new(finding.clone())));
        }
        for respelling in &finding.respellings {
            if ui
                .small_button(respelling.label())
                .on_hover_text(format!(
                    "Write “{}” for every “{}” in the story (Ctrl+Z undoes it)",
                    respelling.to, respelling.from
                ))
                .clicked()
            {
                commands.push(Command::Respell(respelling.clone()));
            }
        }
    });
}

/// Shows a finding's place: selects its text in the editor, or opens its
/// photo in the Photos tool.
fn go_to(story: &Story, place: &Place, view: &mut ViewState) {
    match place {
        Place::Story => {}
        Place::Text { field, range } => {
            // Findings are on the text as it stands; the editor shows it with
            // pending insertions and without the marks.
            let raw = story.text(*field);
            let range = &crate::model::tracked::shown_range(raw, range.clone());
            let shown = super::text_marks::shown(raw);
            let text: &str = &shown;
            let start = text.get(..range.start).map_or(0, |before| before.chars().count());
            let length = text.get(range.clone()).map_or(0, |inside| inside.chars().count());
            view.tab = WorkspaceTab::Article;
            view.preview = false;
            view.editor.reveal = Some(Reveal { field: *field, chars: start..start + length, focus: true });
        }
        Place::Photo { photo, .. } => {
            view.tab = WorkspaceTab::Photos;
            view.photos.selected = Some(photo.clone());
        }
    }
}

fn activity(ui: &mut egui::Ui, project: &Project, story: &Story) {
    egui::CollapsingHeader::new(egui::RichText::new(format!("Activity ({})", story.activity.len())).strong())
        .id_salt("activity")
        .default_open(true)
        .show(ui, |ui| {
            if story.activity.is_empty() {
                ui.label(egui::RichText::new("No status changes or sign-offs yet.").weak());
            }
            let label = |id: &str| {
                story
                    .checklist_items(&project.settings)
                    .find(|item| item.id == id)
                    .map_or(id.to_owned(), |item| item.label.clone())
            };
            for line in story.activity.iter().rev() {
                ui.label(egui::RichText::new(line.describe(label)).small());
            }
        });
}
