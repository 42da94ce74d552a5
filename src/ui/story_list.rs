//! The story list: the desk's budget. Slug, headline, status, words against
//! target, last change, who has it, its deadline (overdue ones marked),
//! priority and embargo; sortable, and filterable by status and by "mine",
//! "due today" and "overdue".

use super::stats_cache::StatsCache;
use super::{Command, UiCommand};
use crate::model::{Story, StoryStatus, Timestamp};
use crate::ui::theme;
use crate::workspace::Workspace;

/// How the list is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    /// The desk's order, as saved in the project.
    #[default]
    DeskOrder,
    /// By slug, A–Z.
    Slug,
    /// By workflow status.
    Status,
    /// Most recently changed first.
    LastChange,
    /// Furthest from target length first.
    Length,
    /// Soonest deadline first; stories without one last.
    Deadline,
    /// Most urgent first.
    Priority,
    /// By assignee, A–Z; unassigned stories last.
    Assignee,
}

impl SortKey {
    const ALL: [SortKey; 8] = [
        SortKey::DeskOrder,
        SortKey::Slug,
        SortKey::Status,
        SortKey::LastChange,
        SortKey::Length,
        SortKey::Deadline,
        SortKey::Priority,
        SortKey::Assignee,
    ];

    fn label(self) -> &'static str {
        match self {
            SortKey::DeskOrder => "Desk order",
            SortKey::Slug => "Slug",
            SortKey::Status => "Status",
            SortKey::LastChange => "Last change",
            SortKey::Length => "Length vs target",
            SortKey::Deadline => "Deadline",
            SortKey::Priority => "Priority",
            SortKey::Assignee => "Assignee",
        }
    }
}

/// Which of the desk's stories to show, besides the status filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    /// Every story.
    #[default]
    All,
    /// Stories assigned to the editor, or edited by them.
    Mine,
    /// Stories due today.
    DueToday,
    /// Stories past their deadline and not yet ready.
    Overdue,
}

impl Focus {
    const ALL: [Focus; 4] = [Focus::All, Focus::Mine, Focus::DueToday, Focus::Overdue];

    fn label(self) -> &'static str {
        match self {
            Focus::All => "All stories",
            Focus::Mine => "Mine",
            Focus::DueToday => "Due today",
            Focus::Overdue => "Overdue",
        }
    }

    fn keeps(self, story: &Story, me: &str, now: Timestamp) -> bool {
        match self {
            Focus::All => true,
            Focus::Mine => story.plan.involves(me),
            Focus::DueToday => story.plan.due_on_day_of(now),
            Focus::Overdue => story.plan.overdue(story.status, now),
        }
    }
}

/// What the budget is judged against: the time (for deadlines) and who is
/// looking (for "mine").
#[derive(Clone, Copy, Debug)]
pub struct Desk<'a> {
    /// Now.
    pub now: Timestamp,
    /// The editor's name from preferences.
    pub me: &'a str,
}

/// The list's view state.
#[derive(Clone, Debug, Default)]
pub struct StoryListState {
    /// Sort order.
    pub sort: SortKey,
    /// Show only stories with this status.
    pub filter: Option<StoryStatus>,
    /// Show only mine, those due today, or the overdue ones.
    pub focus: Focus,
    /// A row to scroll into view (by its place in the list shown), once.
    pub reveal: Option<usize>,
    /// The rows the list showed last frame.
    pub on_screen: std::ops::Range<usize>,
}

/// The stories to show, filtered and sorted.
pub fn visible_stories<'a>(
    stories: &'a [Story],
    state: &StoryListState,
    desk: Desk<'_>,
    mut words: impl FnMut(&Story) -> usize,
) -> Vec<&'a Story> {
    let mut shown: Vec<&Story> = stories
        .iter()
        .filter(|s| state.filter.is_none_or(|f| s.status == f) && state.focus.keeps(s, desk.me, desk.now))
        .collect();
    match state.sort {
        SortKey::DeskOrder => {}
        SortKey::Slug => shown.sort_by(|a, b| a.slug.cmp(&b.slug)),
        SortKey::Status => shown.sort_by_key(|s| s.status),
        SortKey::LastChange => shown.sort_by_key(|s| std::cmp::Reverse(s.updated)),
        SortKey::Length => shown.sort_by_cached_key(|s| std::cmp::Reverse(words(s).abs_diff(s.target_words as usize))),
        SortKey::Deadline => shown.sort_by_key(|s| (s.plan.deadline.is_none(), s.plan.deadline)),
        SortKey::Priority => shown.sort_by_key(|s| std::cmp::Reverse(s.plan.priority)),
        SortKey::Assignee => {
            shown.sort_by_cached_key(|s| (s.plan.assignee.trim().is_empty(), s.plan.assignee.trim().to_lowercase()))
        }
    }
    shown
}

/// Draws the list.
pub fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    (reports, presence): (&super::Reports, &std::collections::HashMap<crate::model::Slug, String>),
    desk: Desk<'_>,
    state: &mut StoryListState,
    stats: &mut StatsCache,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Budget");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("+ New").on_hover_text(UiCommand::NewStory.tooltip()).clicked() {
                commands.push(Command::Ui(UiCommand::NewStory));
            }
        });
    });
    ui.horizontal(|ui| {
        egui::ComboBox::new("story_focus", "Show").selected_text(state.focus.label()).show_ui(ui, |ui| {
            for focus in Focus::ALL {
                let response = ui.selectable_value(&mut state.focus, focus, focus.label());
                if focus == Focus::Mine && desk.me.trim().is_empty() {
                    response.on_hover_text("Set your name in File > Preferences… to see the stories that are yours");
                }
            }
        });
    });
    ui.horizontal(|ui| {
        let filter_text = state.filter.map_or("All statuses", StoryStatus::label);
        egui::ComboBox::new("status_filter", "Status filter").selected_text(filter_text).show_ui(ui, |ui| {
            ui.selectable_value(&mut state.filter, None, "All statuses");
            for status in StoryStatus::ALL {
                ui.selectable_value(&mut state.filter, Some(status), status.label());
            }
        });
    });
    ui.horizontal(|ui| {
        egui::ComboBox::new("story_sort", "Sort").selected_text(state.sort.label()).show_ui(ui, |ui| {
            for key in SortKey::ALL {
                ui.selectable_value(&mut state.sort, key, key.label());
            }
        });
    });
    ui.separator();
    let selected = workspace.selected();
    let shown = visible_stories(&workspace.project().stories, state, desk, |story| {
        stats.body(workspace.story_revision(&story.slug), story).words
    });
    if shown.is_empty() {
        ui.label(egui::RichText::new("No stories match the filters.").weak());
    }
    // Only the rows on screen are laid out, so a desk of hundreds of
    // stories costs a frame what a dozen do. Rows are all one height: the
    // height the last frame measured (a first guess before that).
    let height_id = ui.scope_id().with("story_row_height");
    let guess = 4.0 * ui.text_style_height(&egui::TextStyle::Body) + 2.0 * ui.spacing().item_spacing.y + 12.0;
    let row_height = ui.ctx().data(|data| data.get_temp::<f32>(height_id)).unwrap_or(guess);
    let mut measured = None;
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    // A row asked for (Ctrl+PageDown) that is not on screen: scrolled to,
    // at the top when below the rows shown, at the bottom when above.
    if let Some(row) = state.reveal.take().filter(|row| !state.on_screen.contains(row)) {
        let spacing = ui.spacing().item_spacing.y;
        let step = row_height + spacing;
        let rows_shown = state.on_screen.len().max(1) as f32;
        let top = if row >= state.on_screen.end { row as f32 * step } else { (row as f32 + 1.0 - rows_shown) * step };
        area = area.vertical_scroll_offset(top.max(0.0));
    }
    area.show_rows(ui, row_height, shown.len(), |ui, range| {
        state.on_screen = range.clone();
        for story in shown.get(range).unwrap_or_default() {
            let words = stats.body(workspace.story_revision(&story.slug), story).words;
            let readiness = reports.get(&story.slug).map(|report| &report.readiness);
            let editing = presence.get(&story.slug).map(String::as_str);
            let height = row(ui, story, (words, readiness, editing), desk.now, selected == Some(&story.slug), commands);
            measured.get_or_insert(height);
        }
    });
    if let Some(height) = measured.filter(|height| (height - row_height).abs() > 0.5) {
        ui.ctx().data_mut(|data| data.insert_temp(height_id, height));
        ui.ctx().request_repaint();
    }
}

fn row(
    ui: &mut egui::Ui,
    story: &Story,
    (words, readiness, editing): (usize, Option<&crate::checks::Readiness>, Option<&str>),
    now: Timestamp,
    is_selected: bool,
    commands: &mut Vec<Command>,
) -> f32 {
    let visuals = ui.visuals();
    let fill = if is_selected { visuals.selection.bg_fill } else { visuals.faint_bg_color };
    let frame = egui::Frame::new().fill(fill).corner_radius(4.0).inner_margin(egui::Margin::symmetric(8, 6));
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // The status chip first; a long slug is cut to the room left
            // (the whole slug is in the tooltip), never run under it.
            egui::Sides::new().shrink_left().truncate().show(
                ui,
                |ui| {
                    ui.add(
                        egui::Label::new(egui::RichText::new(story.slug.as_str()).monospace().strong())
                            .truncate()
                            .selectable(false),
                    );
                },
                |ui| theme::status_badge(ui, story.status),
            );
            // As the story stands: pending suggestions are not in it yet.
            let standing = crate::model::tracked::as_it_stands(&story.headline);
            let headline = if standing.trim().is_empty() { "(no headline)" } else { &standing };
            match editing {
                // Who has it open on another machine, in the headline's
                // place so every row keeps one height; the headline is in
                // the tooltip.
                Some(editing) => {
                    let text = egui::RichText::new(format!("✎ {editing}")).color(theme::warn_color(ui));
                    ui.add(egui::Label::new(text).truncate().selectable(false));
                }
                None => {
                    ui.add(egui::Label::new(headline).truncate().selectable(false));
                }
            }
            ui.horizontal(|ui| {
                let target = story.target_words as usize;
                let text = format!("{words} / {target} words");
                let over = target > 0 && words > target + target / 10;
                let color = if over { theme::warn_color(ui) } else { ui.visuals().weak_text_color() };
                ui.add(egui::Label::new(egui::RichText::new(text).small().color(color)).selectable(false));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.add(
                        egui::Label::new(egui::RichText::new(story.updated.short()).small().weak()).selectable(false),
                    );
                    readiness_badge(ui, story, readiness);
                });
            });
            plan_line(ui, story, now);
        })
        .response;
    let response =
        ui.interact(response.rect, ui.scope_id().with(("story_row", story.slug.as_str())), egui::Sense::click());
    let headline = crate::model::tracked::as_it_stands(&story.headline);
    let response = response.on_hover_text(format!("{} — {headline}", story.slug));
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, story.slug.as_str()));
    if response.clicked() {
        commands.push(Command::Select(story.slug.clone()));
    }
    response.rect.height()
}

/// Who has the story, when it is due (overdue in the warning colour), its
/// priority when not normal and its embargo, on one line; "Unassigned"
/// when nobody has it, so the desk sees what needs someone.
fn plan_line(ui: &mut egui::Ui, story: &Story, now: Timestamp) {
    let plan = &story.plan;
    let weak = ui.visuals().weak_text_color();
    let who = match (plan.assignee.trim(), plan.editor.trim()) {
        ("", "") => "Unassigned".to_owned(),
        (assignee, "") => assignee.to_owned(),
        ("", editor) => format!("ed. {editor}"),
        (assignee, editor) => format!("{assignee} · ed. {editor}"),
    };
    let small = |text: String| egui::RichText::new(text).small();
    // The deadline, priority and embargo first; who has it is cut to the
    // room left (whole in the tooltip), never run under them.
    egui::Sides::new().shrink_left().truncate().show(
        ui,
        |ui| {
            ui.add(egui::Label::new(small(who.clone()).color(weak)).truncate().selectable(false)).on_hover_text(&who);
        },
        |ui| {
            ui.spacing_mut().item_spacing.x = 6.0;
            if let Some(until) = story.publication.embargo_at(now) {
                let text = small(format!("Embargo {}", when(until, now))).strong().color(theme::warn_color(ui));
                ui.add(egui::Label::new(text).selectable(false))
                    .on_hover_text(format!("Not to be published before {} UTC", until.short()));
            }
            if plan.priority != crate::model::Priority::Normal {
                let color = if plan.priority > crate::model::Priority::Normal { theme::warn_color(ui) } else { weak };
                ui.add(egui::Label::new(small(plan.priority.label().to_owned()).color(color)).selectable(false));
            }
            if let Some(deadline) = plan.deadline {
                if plan.overdue(story.status, now) {
                    // A chip of its own, so it reads on a selected card too.
                    let text = small(format!("Overdue {}", when(deadline, now))).strong().color(egui::Color32::WHITE);
                    egui::Frame::new()
                        .fill(ui.visuals().error_fg_color.gamma_multiply(0.85))
                        .corner_radius(3.0)
                        .inner_margin(egui::Margin::symmetric(4, 0))
                        .show(ui, |ui| ui.add(egui::Label::new(text).selectable(false)))
                        .response
                        .on_hover_text(format!("Due {} UTC and not ready yet", deadline.short()));
                } else {
                    ui.add(
                        egui::Label::new(small(format!("Due {}", when(deadline, now))).color(weak)).selectable(false),
                    )
                    .on_hover_text(format!("Due {} UTC", deadline.short()));
                }
            }
        },
    );
}

/// A time as a budget card says it: `16:00` today, `3 Dec 09:00` this
/// year, `3 Dec 2027` further off (UTC, as the Details column's times).
fn when(at: Timestamp, now: Timestamp) -> String {
    let format = if at.0.date() == now.0.date() {
        time::macros::format_description!("[hour]:[minute]")
    } else if at.0.year() == now.0.year() {
        time::macros::format_description!("[day padding:none] [month repr:short] [hour]:[minute]")
    } else {
        time::macros::format_description!("[day padding:none] [month repr:short] [year]")
    };
    at.0.format(&format).unwrap_or_else(|_| at.short())
}

/// "✔ ready" or "n to fix", so the desk sees at a glance what can run.
fn readiness_badge(ui: &mut egui::Ui, story: &Story, readiness: Option<&crate::checks::Readiness>) {
    if matches!(story.status, StoryStatus::Ready | StoryStatus::Published | StoryStatus::Spiked | StoryStatus::Killed) {
        return;
    }
    let Some(readiness) = readiness else { return };
    let (text, color) = if readiness.ready() {
        ("✔ can go".to_owned(), theme::ok_color(ui))
    } else {
        (format!("{} to clear", readiness.blocking.len()), theme::warn_color(ui))
    };
    ui.add(egui::Label::new(egui::RichText::new(text).small().strong().color(color)).selectable(false)).on_hover_text(
        if readiness.ready() { "Every required check passes".to_owned() } else { readiness.blocking.join("\n") },
    );
}
