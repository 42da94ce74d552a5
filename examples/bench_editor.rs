//! Measures what typing costs the window, against a bare egui `TextEdit`
//! and in a desk-sized project, and what a full spelling and grammar check
//! costs the proofing worker.
//!
//! ```text
//! cargo run --release --example bench_editor
//! ```
//!
//! **Typing.** A project with one 20,000-word story (the seed story's
//! paragraphs repeated, see [`long_body`]) and its [`PHOTOS_PER_STORY`]
//! photo records is written to a temporary folder and opened in the real
//! [`CopydeskApp`], driven without a window: each frame is what eframe
//! does, `Context::run_ui` (calling `App::logic` and `App::ui`) followed by
//! `Context::tessellate`, and only that is timed (see `common/frame.rs`).
//! GPU upload and painting are not included. The caret is put at the end of
//! a paragraph in the middle of the body and one character is typed per
//! frame, a key every [`KEY_INTERVAL`] (a fast typist), so the workers can
//! keep up as they would in the app. When a frame asks to be drawn again at
//! once (egui does after input, the app does after an edit) that frame is
//! run too, as eframe would; the keystroke frame together with these is
//! reported as "keystroke + repaint". Each project is typed into with
//! spelling marks on and then off, and idle frames (no input) are timed in
//! each mode.
//!
//! **Desk scale.** The same story, with copies of the same photo records
//! (other ids), in a project of
//! [`DESK_STORIES`] stories (the others about [`SHORT_WORDS`] words each,
//! further paragraphs of the same text, so no paragraph repeats) and
//! [`PHOTOS_PER_STORY`] photo records per story. The records are copies of
//! the sample's two captioned photos under new ids; their picture files do
//! not exist, which the Article tab never needs. The long story sits in the
//! middle of the desk order and is selected with `Command::Select`, then
//! typed into as above; then one of the short stories is typed into with
//! marks on, to compare what the workers do per key in a long and a short
//! story.
//!
//! **Baseline.** A bare `egui::TextEdit::multiline` in a vertical scroll
//! area in a central panel of a window of the same size, holding the same
//! body, with the body field's font size (15 points) and width (measured in
//! the app), so egui lays out the same rows. It is typed into the same way:
//! same frames, same caret position, same keys at the same pace, same clock.
//!
//! Times are the UI thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so the
//! workers, which run on their own threads, do not count; their CPU time
//! per keystroke is reported separately: the process's CPU time minus the
//! UI thread's over the measured keys (and the time the workers take to
//! finish the last one), and per thread name from `/proc`. Wall-clock
//! times are printed too, and how much CPU other processes on the machine
//! used meanwhile (from `/proc/stat`), so a disturbed run can be told. On
//! systems other than 64-bit Linux only wall-clock times are available.
//!
//! **Full check.** A 5,000-word text is checked by a freshly built
//! `Proofreader` (no cached paragraphs), five times; then the same text with
//! one paragraph changed (the cache path: what the worker does after a
//! keystroke), and the same for the 20,000-word body.
//!
//! The window's clock (`RawInput::time`) advances 1/60 s per frame. Before
//! each measured run it is moved on past the autosave delay, so the app
//! writes its recovery file then (that frame is reported on its own: it
//! happens every 30 s of unsaved typing) and not during the measured keys.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail, ensure};
use copydesk::app::{Command, CopydeskApp, StartOptions};
use copydesk::model::{Photo, PhotoId, PhotoUse, Slug, Story, text_stats};
use copydesk::proofing::{Dialect, Proofreader};
use copydesk::storage;
use eframe::App as _;
use egui::text::{CCursor, CCursorRange};

#[path = "common/allocator.rs"]
mod allocator;
#[path = "common/measure.rs"]
mod measure;
use measure::{cpu_clock, ms, percentile};

#[path = "common/frame.rs"]
mod frame;
use frame::{FRAME_DT, Frame, SCREEN};

#[path = "common/long_body.rs"]
mod long_body;
use long_body::long_body;

/// Words in the story typed into.
const EDITOR_WORDS: usize = 20_000;
/// Stories in the desk-scale project, the long one included.
const DESK_STORIES: usize = 200;
/// Words in each of the desk's other stories, about.
const SHORT_WORDS: usize = 700;
/// Photo records each story uses (the first is its lead).
const PHOTOS_PER_STORY: usize = 10;
/// Words in the text of the full check.
const CHECK_WORDS: usize = 5_000;
/// Keystrokes typed before measuring, in each mode.
const WARMUP_KEYS: usize = 20;
/// Keystrokes measured in each mode.
const MEASURED_KEYS: usize = 300;
/// Idle frames measured in each mode.
const IDLE_FRAMES: usize = 100;
/// Pending changes in the suggestion-mode run's body.
const PENDING_CHANGES: usize = 200;
/// Wall-clock time between keystrokes (20 keys a second).
const KEY_INTERVAL: Duration = Duration::from_millis(50);
/// How long the workers are given to finish after the last keystroke
/// (a cold check of the 20,000-word story takes under 50 ms).
const WORKERS_FINISH: Duration = Duration::from_millis(300);
/// Full checks timed, each with a new proofreader.
const CHECK_RUNS: usize = 5;
/// The body field's font size in the app, used by the baseline too.
const BODY_FONT: f32 = 15.0;
/// What is typed, a character at a time, over and over.
const TYPED: &str = " Officials said the attacks would continue and that the coalition would answer them.";

fn main() -> anyhow::Result<()> {
    let sample_dir = copydesk::sample_project_dir();
    let sample = storage::load_project(&sample_dir)
        .with_context(|| format!("opening the sample project {}", sample_dir.display()))?
        .project;
    let seed = sample.stories.first().context("the sample project has no story")?.clone();
    ensure!(!sample.photos.is_empty(), "the sample project has no photos to copy");

    let body = long_body(&seed.body, EDITOR_WORDS);
    let stats = text_stats(&body);
    println!(
        "Story: {} words, {} characters, {} paragraphs; window {}x{} points",
        stats.words, stats.characters, stats.paragraphs, SCREEN.x, SCREEN.y
    );
    let recovery_dir = tempfile::tempdir().context("making a temporary recovery folder")?;
    let started = (Instant::now(), cpu_clock::machine(), cpu_clock::process());

    // `--suggesting-only` runs the suggestion-mode run and the baseline
    // alone (for a profiler).
    let suggesting_only = std::env::args().any(|arg| arg == "--suggesting-only");
    let alone = Desk::write(&seed, &sample.photos, &body, 1)?;
    println!("One story: {} story, {} photo records", alone.stories, alone.photos);
    let mut window = Window::open(alone.dir.path(), recovery_dir.path(), &alone.long)?;
    let body_width = window.focus_body_middle()?;
    if suggesting_only {
        drop(window);
        return suggesting_alone(&seed, &sample.photos, &body, body_width, recovery_dir.path());
    }
    let one_on = window.typing_run(true)?;
    let one_off = window.typing_run(false)?;
    drop(window);

    // The same story with pending changes by another editor, typed into in
    // suggestion mode (each run's typing is the typist's own insertion).
    let suggesting_on = suggesting_run(&seed, &sample.photos, &body, recovery_dir.path())?;

    let desk = Desk::write(&seed, &sample.photos, &body, DESK_STORIES)?;
    println!("Desk: {} stories, {} photo records", desk.stories, desk.photos);
    let mut window = Window::open(desk.dir.path(), recovery_dir.path(), &desk.long)?;
    window.focus_body_middle()?;
    let desk_on = window.typing_run(true)?;
    let desk_off = window.typing_run(false)?;
    let short = desk.short.as_ref().context("the desk has no short story")?;
    window.select(short)?;
    let short_words = window.app.workspace.as_ref().and_then(|w| w.selected_story()).map_or(0, Story::body_words);
    window.focus_body_middle()?;
    let short_on = window.typing_run(true)?;
    drop(window);

    let mut baseline = Baseline::new(body, body_width);
    baseline.focus_middle()?;
    let bare = baseline.typing_run()?;
    let baseline_width = baseline.drawn.map_or(0.0, |(_, width)| width);
    println!("Baseline: body field {body_width:.0} points wide in the app, {baseline_width:.0} in the baseline");

    let short_name = format!("{short_words}-word story in the desk");
    let runs = [
        ("one story", "marks on", &one_on),
        ("one story", "marks off", &one_off),
        ("200 stories", "marks on", &desk_on),
        ("200 stories", "marks off", &desk_off),
        (short_name.as_str(), "marks on", &short_on),
        ("one story, 200 pending changes, suggesting", "marks on", &suggesting_on),
    ];
    print_frames(&runs, &bare);
    print_workers(&runs);
    print_ratios(&runs, &bare);
    print_machine_load(started);
    println!();
    full_check(&seed.body)?;
    Ok(())
}

/// `body` with [`PENDING_CHANGES`] pending changes by another editor,
/// typed into in suggestion mode with marks on (each keystroke is the
/// typist's own insertion).
fn suggesting_run(seed: &Story, photos: &[Photo], body: &str, recovery_dir: &Path) -> anyhow::Result<ModeResult> {
    let tracked_body = with_pending_changes(body, PENDING_CHANGES);
    let tracked = Desk::write(seed, photos, &tracked_body.0, 1)?;
    add_suggestions(tracked.dir.path(), &tracked.long, tracked_body.1)?;
    let mut window = Window::open(tracked.dir.path(), recovery_dir, &tracked.long)?;
    window.app.prefs.editor_name = "Bench Typist".to_owned();
    window.app.view.suggesting = true;
    window.focus_body_middle()?;
    window.typing_run(true)
}

/// The suggestion-mode run and the baseline only, with their ratio.
fn suggesting_alone(
    seed: &Story,
    photos: &[Photo],
    body: &str,
    body_width: f32,
    recovery_dir: &Path,
) -> anyhow::Result<()> {
    let suggesting = suggesting_run(seed, photos, body, recovery_dir)?;
    let mut baseline = Baseline::new(body.to_owned(), body_width);
    baseline.focus_middle()?;
    let bare = baseline.typing_run()?;
    println!("{}", Samples::row("keystroke frame, suggesting", &suggesting.typed.keystroke));
    println!("{}", Samples::row("keystroke frame, bare TextEdit", &bare.keystroke));
    let ratio = suggesting.typed.keystroke.median_cpu().as_secs_f64() / bare.keystroke.median_cpu().as_secs_f64();
    println!("  suggesting / bare TextEdit (goal <= 1.2): {ratio:.2}");
    Ok(())
}

/// A typing run as reported: project, marks on or off, and what it measured.
type Run<'a> = (&'a str, &'a str, &'a ModeResult);

/// The UI thread's frame costs of every run and of the baseline.
fn print_frames(runs: &[Run<'_>], bare: &Typed) {
    println!();
    println!("Frame = Context::run_ui + tessellate, UI thread CPU time in ms (wall time in brackets)");
    println!("{:<58} {:>17} {:>17} {:>17}", "", "median", "p95", "max");
    for (project, marks, run) in runs {
        let name = format!("{project}, {marks}");
        println!("{}", Samples::row(&format!("keystroke frame, {name}"), &run.typed.keystroke));
        println!("{}", Samples::row(&format!("keystroke + repaint, {name}"), &run.typed.with_repaint));
        println!("{}", Samples::row(&format!("idle frame, {name}"), &run.typed.idle));
    }
    println!("{}", Samples::row("keystroke frame, bare TextEdit", &bare.keystroke));
    println!("{}", Samples::row("keystroke + repaint, bare TextEdit", &bare.with_repaint));
    println!("{}", Samples::row("idle frame, bare TextEdit", &bare.idle));
    println!();
    for (project, marks, run) in runs {
        let cpu = run.autosave.cpu.map_or_else(|| "-".to_owned(), ms);
        println!(
            "Autosave frame (every 30 s of unsaved typing), {project}, {marks}: {cpu} ({})",
            ms(run.autosave.wall)
        );
    }
    println!();
    println!("Frames per keystroke (keystroke + repaint):");
    for (project, marks, run) in runs {
        println!("  {project}, {marks}: {:.2}", run.typed.with_repaint.mean_frames());
    }
    println!("  bare TextEdit: {:.2}", bare.with_repaint.mean_frames());
}

/// What the other threads did per keystroke in every run.
fn print_workers(runs: &[Run<'_>]) {
    println!();
    println!("Other threads' CPU per keystroke (process minus UI thread), ms, and by thread:");
    for (project, marks, run) in runs {
        let total = run.others_per_key.map_or_else(|| "not available".to_owned(), ms);
        let threads: Vec<String> = run.by_thread.iter().map(|(name, time)| format!("{name} {}", ms(*time))).collect();
        println!("  {project}, {marks}: {total} ({})", threads.join(", "));
    }
    println!("Review checks during the measured keys (reports back from the worker):");
    for (project, marks, run) in runs {
        println!(
            "  {project}, {marks}: the typed story {} times, the other stories {} times",
            run.checks.0, run.checks.1
        );
    }
}

/// The ratios the goals are about. `runs` are in the order `main` makes
/// them: one story on and off, 200 stories on and off, the short story,
/// suggestion mode.
fn print_ratios(runs: &[Run<'_>], bare: &Typed) {
    let [
        (_, _, one_on),
        (_, _, one_off),
        (_, _, desk_on),
        (_, _, desk_off),
        (short, _, short_on),
        (_, _, suggesting_on),
        ..,
    ] = runs
    else {
        return;
    };
    let ratio = |a: &Samples, b: &Samples| a.median_cpu().as_secs_f64() / b.median_cpu().as_secs_f64();
    let others = |a: &ModeResult, b: &ModeResult| match (a.others_per_key, b.others_per_key) {
        (Some(a), Some(b)) => format!("{:.2}", a.as_secs_f64() / b.as_secs_f64()),
        _ => "-".to_owned(),
    };
    println!();
    println!("Ratios of median keystroke frames (UI thread):");
    println!("  one story, marks on / off: {:.2}", ratio(&one_on.typed.keystroke, &one_off.typed.keystroke));
    println!(
        "  one story marks on / bare TextEdit (goal <= 1.2): {:.2}",
        ratio(&one_on.typed.keystroke, &bare.keystroke)
    );
    println!("  one story marks off / bare TextEdit: {:.2}", ratio(&one_off.typed.keystroke, &bare.keystroke));
    for (marks, desk, one) in [("marks on", desk_on, one_on), ("marks off", desk_off, one_off)] {
        println!(
            "  200 stories / one story, {marks} (goal <= 1.1): {:.2} (keystroke + repaint: {:.2}; idle: {:.2})",
            ratio(&desk.typed.keystroke, &one.typed.keystroke),
            ratio(&desk.typed.with_repaint, &one.typed.with_repaint),
            ratio(&desk.typed.idle, &one.typed.idle)
        );
    }
    println!(
        "  {PENDING_CHANGES} pending changes, suggesting, marks on / bare TextEdit (goal <= 1.2): {:.2}",
        ratio(&suggesting_on.typed.keystroke, &bare.keystroke)
    );
    println!(
        "  {PENDING_CHANGES} pending changes, suggesting / no changes, marks on: {:.2}",
        ratio(&suggesting_on.typed.keystroke, &one_on.typed.keystroke)
    );
    println!("Ratios of other threads' CPU per keystroke:");
    println!(
        "  200 stories / one story (goal: 1), marks on: {}, marks off: {}",
        others(desk_on, one_on),
        others(desk_off, one_off)
    );
    println!("  20,000-word story / {short}, marks on: {}", others(desk_on, short_on));
}

/// What else ran on the machine since `started` (wall clock, machine and
/// process CPU times then), so a disturbed run can be told.
fn print_machine_load(started: (Instant, Option<(Duration, Duration)>, Option<Duration>)) {
    let (since, Some((busy_start, steal_start)), Some(process_start)) = started else { return };
    let (Some((busy, steal)), Some(process)) = (cpu_clock::machine(), cpu_clock::process()) else { return };
    let wall = since.elapsed().as_secs_f64();
    let others = busy.saturating_sub(busy_start).saturating_sub(process.saturating_sub(process_start));
    println!(
        "During the {wall:.0} s of the typing runs other processes used {:.1} s of CPU ({:.0}% of one core) \
         and the hypervisor took {:.1} s",
        others.as_secs_f64(),
        100.0 * others.as_secs_f64() / wall,
        steal.saturating_sub(steal_start).as_secs_f64()
    );
}

/// A benchmark project in a temporary folder.
struct Desk {
    dir: tempfile::TempDir,
    /// The long story, typed into.
    long: Slug,
    /// One of the short stories, if there are any.
    short: Option<Slug>,
    stories: usize,
    photos: usize,
}

impl Desk {
    /// Writes a project of `stories` stories through `storage`: the seed
    /// story with `body` (in the middle of the desk order) and shorter
    /// copies of the seed with further paragraphs of the same text, each
    /// with [`PHOTOS_PER_STORY`] photo records copied from `templates`.
    fn write(seed: &Story, templates: &[Photo], body: &str, stories: usize) -> anyhow::Result<Desk> {
        let dir = tempfile::tempdir().context("making a temporary project folder")?;
        let mut loaded = storage::create_project(dir.path(), "Benchmark").context("creating the project")?;
        let project = &mut loaded.project;
        // `long_body` is deterministic, so the long body is the start of a
        // longer one: the short stories take the paragraphs after it.
        let more = long_body(&seed.body, EDITOR_WORDS + stories.saturating_sub(1) * SHORT_WORDS * 2);
        let mut paragraphs = more.split("\n\n").skip(body.split("\n\n").count());
        let long_at = stories / 2;
        for index in 0..stories {
            let mut story = seed.clone();
            if index == long_at {
                story.body = body.to_owned();
                story.target_words = EDITOR_WORDS as u32;
            } else {
                story.slug = Slug::new(&format!("desk-story-{index:03}"))?;
                story.headline = format!("Desk story {index}: {}", seed.headline);
                story.body = short_body(&mut paragraphs);
                story.target_words = SHORT_WORDS as u32;
            }
            story.photos.clear();
            for number in 0..PHOTOS_PER_STORY {
                let template = templates.get(number % templates.len()).context("no photo to copy")?;
                let photo = photo_copy(template, project.photos.len())?;
                story.photos.push(PhotoUse { lead: number == 0, ..PhotoUse::of(photo.id.clone()) });
                project.photos.push(photo);
            }
            project.stories.push(story);
        }
        project.photos.sort_by(|a, b| a.id.cmp(&b.id));
        let long = project.stories.get(long_at).context("no long story")?.slug.clone();
        let short = project.stories.iter().find(|story| story.slug != long).map(|story| story.slug.clone());
        let (stories, photos) = (project.stories.len(), project.photos.len());
        loaded.folder.save(&loaded.project).context("saving the project")?;
        Ok(Desk { dir, long, short, stories, photos })
    }
}

/// The next paragraphs, until they hold [`SHORT_WORDS`] words.
fn short_body<'a>(paragraphs: &mut impl Iterator<Item = &'a str>) -> String {
    let mut body = String::new();
    let mut words = 0;
    for paragraph in paragraphs.by_ref() {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(paragraph);
        words += text_stats(paragraph).words;
        if words >= SHORT_WORDS {
            break;
        }
    }
    body
}

/// `template` as photo record number `number`: a new id (and file name),
/// the same caption and rights.
fn photo_copy(template: &Photo, number: usize) -> anyhow::Result<Photo> {
    let id = PhotoId::from_hex(&format!("{:016x}", 0xdec0_0000_0000_0000_u64 + number as u64))
        .context("making a photo id")?;
    let extension = Path::new(&template.file).extension().and_then(|e| e.to_str()).unwrap_or("jpg");
    Ok(Photo {
        file: format!("{id}.{extension}"),
        original_name: format!("desk-{number:04}.{extension}"),
        id,
        ..template.clone()
    })
}

/// A text field typed into a frame at a time: the app's body field, or the
/// baseline's.
trait Typist {
    /// Runs one frame with `events` as input.
    fn step(&mut self, events: Vec<egui::Event>) -> Frame;
    /// The length in bytes of the text typed into.
    fn typed_len(&self) -> anyhow::Result<usize>;
}

/// Frame costs of typing: keystrokes, then idle frames.
#[derive(Default)]
struct Typed {
    /// The frames that took a keystroke.
    keystroke: Samples,
    /// Each keystroke frame plus the frames it asked for at once.
    with_repaint: Samples,
    /// Frames without input.
    idle: Samples,
}

/// Types one character and runs the frames it asks for at once; returns
/// the keystroke frame and the whole. Fails if the field did not get it.
fn type_char(target: &mut impl Typist, typed: char) -> anyhow::Result<(Frame, Sample)> {
    let before = target.typed_len()?;
    let frame = target.step(vec![egui::Event::Text(typed.to_string())]);
    let mut total = Sample::of(&frame);
    let mut repaint_now = frame.repaint_now;
    for _ in 0..4 {
        if !repaint_now {
            break;
        }
        let again = target.step(Vec::new());
        total = total.plus(&Sample::of(&again));
        repaint_now = again.repaint_now;
    }
    let after = target.typed_len()?;
    if after != before + typed.len_utf8() {
        bail!("typing {typed:?} did not reach the field ({before} bytes before, {after} after): focus lost?");
    }
    Ok((frame, total))
}

/// Types `count` characters of `typed`, a key every [`KEY_INTERVAL`],
/// keeping the costs in `samples` when given.
fn type_keys(
    target: &mut impl Typist,
    count: usize,
    typed: &mut impl Iterator<Item = char>,
    mut samples: Option<&mut Typed>,
) -> anyhow::Result<()> {
    for _ in 0..count {
        let key = typed.next().context("nothing to type")?;
        let started = Instant::now();
        let (frame, total) = type_char(target, key)?;
        if let Some(samples) = samples.as_mut() {
            samples.keystroke.push(Sample::of(&frame));
            samples.with_repaint.push(total);
        }
        std::thread::sleep(KEY_INTERVAL.saturating_sub(started.elapsed()));
    }
    Ok(())
}

/// Runs [`IDLE_FRAMES`] frames without input into `samples`.
fn idle_frames(target: &mut impl Typist, samples: &mut Typed) {
    for _ in 0..IDLE_FRAMES {
        samples.idle.push(Sample::of(&target.step(Vec::new())));
    }
}

/// Where the caret goes, in chars: the end of the paragraph in the middle
/// of `body`.
fn middle_caret(body: &str) -> usize {
    let middle = body.len() / 2;
    let end_of_paragraph = body.get(middle..).and_then(|rest| rest.find("\n\n")).map_or(body.len(), |i| middle + i);
    body.get(..end_of_paragraph).map_or(0, |before| before.chars().count())
}

/// Puts the caret of text field `id` at char `caret`.
fn place_caret(ctx: &egui::Context, id: egui::Id, caret: usize) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::one(CCursor::new(caret))));
    state.store(ctx, id);
}

/// The bare egui text field of the baseline, in a window of its own.
struct Baseline {
    ctx: egui::Context,
    text: String,
    /// The field's width, as the app's body field.
    width: f32,
    /// The field's id and the width it was drawn at, in the last frame.
    drawn: Option<(egui::Id, f32)>,
    /// `RawInput::time` of the next frame.
    time: f64,
}

impl Baseline {
    fn new(text: String, width: f32) -> Self {
        Baseline { ctx: egui::Context::default(), text, width, drawn: None, time: 0.0 }
    }

    /// Gives the field the keyboard focus and puts the caret where the app
    /// run has it.
    fn focus_middle(&mut self) -> anyhow::Result<()> {
        for _ in 0..3 {
            self.step(Vec::new());
        }
        let (id, _) = self.drawn.context("the baseline field was not drawn")?;
        self.ctx.memory_mut(|memory| memory.request_focus(id));
        self.step(Vec::new());
        ensure!(self.ctx.memory(|memory| memory.has_focus(id)), "the baseline field did not take the focus");
        place_caret(&self.ctx, id, middle_caret(&self.text));
        self.step(Vec::new());
        Ok(())
    }

    /// A warm-up, then the measured keys, then idle frames, as in the app.
    fn typing_run(&mut self) -> anyhow::Result<Typed> {
        let mut typed = TYPED.chars().cycle();
        let mut result = Typed::default();
        type_keys(self, WARMUP_KEYS, &mut typed, None)?;
        type_keys(self, MEASURED_KEYS, &mut typed, Some(&mut result))?;
        idle_frames(self, &mut result);
        Ok(result)
    }
}

impl Typist for Baseline {
    fn step(&mut self, events: Vec<egui::Event>) -> Frame {
        let Baseline { ctx, text, width, drawn, time } = self;
        let frame = frame::run(ctx, *time, events, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let edit = egui::TextEdit::multiline(text)
                        .id_salt("baseline body")
                        .font(egui::FontId::proportional(BODY_FONT))
                        .desired_width(*width);
                    let response = ui.add(edit);
                    *drawn = Some((response.id, response.rect.width()));
                });
            });
        });
        *time += FRAME_DT;
        frame
    }

    fn typed_len(&self) -> anyhow::Result<usize> {
        Ok(self.text.len())
    }
}

/// The app in a window-less eframe: a context, a frame and the window's clock.
struct Window {
    ctx: egui::Context,
    frame: eframe::Frame,
    app: CopydeskApp,
    /// `RawInput::time` of the next frame.
    time: f64,
}

/// The measurements of one mode.
struct ModeResult {
    typed: Typed,
    /// The frame that wrote the recovery file.
    autosave: Sample,
    /// CPU time of the other threads (the workers) per keystroke.
    others_per_key: Option<Duration>,
    /// The same by thread name, per keystroke.
    by_thread: Vec<(String, Duration)>,
    /// Review checks of the typed story and of all others during the
    /// measured keys.
    checks: (usize, usize),
}

impl Window {
    /// Opens the project in the app, as eframe and `egui_kittest` do, selects
    /// story `typed`, and draws frames until the review checks of every
    /// story have come back.
    fn open(project: &Path, recovery: &Path, typed: &Slug) -> anyhow::Result<Self> {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let frame = eframe::Frame::_new_kittest();
        let options = StartOptions { project: Some(project.to_owned()), recovery_dir: Some(recovery.to_owned()) };
        let app = CopydeskApp::new(&cc, options);
        let mut window = Window { ctx, frame, app, time: 0.0 };
        ensure!(window.app.workspace.is_some(), "the app did not open the benchmark project ({})", window.app.status);
        for _ in 0..3 {
            window.step(Vec::new());
        }
        ensure!(window.app.dialogs.is_empty(), "the app opened the project with a dialog ({})", window.app.status);
        window.select(typed)?;
        let started = Instant::now();
        while window.app.checking.reports().len() < window.project_stories() {
            ensure!(started.elapsed() < Duration::from_secs(120), "the review checks did not finish in 2 minutes");
            std::thread::sleep(Duration::from_millis(20));
            window.step(Vec::new());
        }
        Ok(window)
    }

    fn project_stories(&self) -> usize {
        self.app.workspace.as_ref().map_or(0, |workspace| workspace.project().stories.len())
    }

    /// Selects story `slug` as a click in the budget would, and draws it.
    fn select(&mut self, slug: &Slug) -> anyhow::Result<()> {
        self.app.push(Command::Select(slug.clone()));
        for _ in 0..3 {
            self.step(Vec::new());
        }
        let selected = self.app.workspace.as_ref().and_then(|workspace| workspace.selected());
        ensure!(selected == Some(slug), "selecting {slug} selected {selected:?}");
        Ok(())
    }

    /// The body of the selected story.
    fn body(&self) -> anyhow::Result<&str> {
        let story = self.app.workspace.as_ref().and_then(|w| w.selected_story()).context("no story is selected")?;
        Ok(&story.body)
    }

    /// Whether the proofing worker has delivered marks for the body as it
    /// is now.
    fn has_body_marks(&self) -> bool {
        let story = self.app.workspace.as_ref().and_then(|w| w.selected_story());
        story.is_some_and(|story| !self.app.proofing.story_marks(story).body.is_empty())
    }

    /// How many review checks have come back for the selected story, and
    /// for all the others together.
    fn checks_done(&self) -> (usize, usize) {
        let Some(workspace) = self.app.workspace.as_ref() else { return (0, 0) };
        let selected = workspace.selected();
        workspace.project().stories.iter().fold((0, 0), |(this, others), story| {
            let times = self.app.checking.times_checked(&story.slug);
            if Some(&story.slug) == selected { (this + times, others) } else { (this, others + times) }
        })
    }

    /// Clicks into the body field (found through AccessKit: the multi-line
    /// field labelled "Body"), checks it has the keyboard focus, and puts
    /// the caret at the end of a paragraph in the middle of the body.
    /// Returns the field's width.
    fn focus_body_middle(&mut self) -> anyhow::Result<f32> {
        self.ctx.enable_accesskit();
        let tree = self.step(Vec::new()).accesskit;
        self.ctx.disable_accesskit();
        let tree = tree.context("AccessKit gave no tree")?;
        let labels: Vec<egui::accesskit::NodeId> = tree
            .nodes
            .iter()
            .filter(|(_, node)| node.role() == egui::accesskit::Role::Label && node.value() == Some("Body"))
            .map(|(id, _)| *id)
            .collect();
        let (body_id, body) = tree
            .nodes
            .iter()
            .find(|(_, node)| {
                node.role() == egui::accesskit::Role::MultilineTextInput
                    && node.labelled_by().iter().any(|label| labels.contains(label))
            })
            .context("no multi-line field labelled \"Body\" in the window")?;
        let bounds = body.bounds().context("the body field has no bounds")?;
        // Inside the field, halfway down the part of it on screen (the body's
        // scroll area keeps its place when another story is selected, so a
        // short story's field can start above the window).
        let (top, bottom) = ((bounds.y0 as f32).max(0.0), (bounds.y1 as f32).min(SCREEN.y));
        let click = egui::pos2(bounds.x0 as f32 + 40.0, (top + bottom) / 2.0);
        ensure!(
            egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN).contains(click),
            "the body field is off screen ({bounds:?})"
        );
        let button = |pressed| egui::Event::PointerButton {
            pos: click,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        self.step(vec![egui::Event::PointerMoved(click), button(true)]);
        self.step(vec![button(false)]);
        // Take the pointer away, so no tooltip depends on where the text scrolls.
        self.step(vec![egui::Event::PointerGone]);

        let focused = self.ctx.memory(|memory| memory.focused()).context("clicking the body gave no widget focus")?;
        ensure!(focused.value() == body_id.0, "clicking the body focused another widget");
        let shown = copydesk::model::tracked::parse(self.body()?).shown;
        let caret = middle_caret(&shown);
        copydesk::ui::long_text::select(&self.ctx, focused, caret..caret);
        self.step(Vec::new());
        Ok(bounds.width() as f32)
    }

    /// Types with marks on or off: a warm-up, then the measured keys, then
    /// idle frames.
    fn typing_run(&mut self, marks: bool) -> anyhow::Result<ModeResult> {
        self.app.proofing.set_enabled(marks);
        let mut typed = TYPED.chars().cycle();
        type_keys(self, WARMUP_KEYS, &mut typed, None)?;
        if marks {
            self.wait_for_marks()?;
        }
        self.let_workers_finish();

        let autosave = self.autosave_frame()?;
        let mut result = ModeResult {
            typed: Typed::default(),
            autosave,
            others_per_key: None,
            by_thread: Vec::new(),
            checks: (0, 0),
        };
        let checks_before = self.checks_done();
        let threads_before = cpu_clock::threads();
        let (thread_start, process_start) = (cpu_clock::thread(), cpu_clock::process());
        type_keys(self, MEASURED_KEYS, &mut typed, Some(&mut result.typed))?;
        if marks {
            // Let the worker finish the last keystroke's check.
            self.wait_for_marks()?;
        }
        self.let_workers_finish();
        let (thread_end, process_end) = (cpu_clock::thread(), cpu_clock::process());
        if let (Some(thread_start), Some(process_start), Some(thread_end), Some(process_end)) =
            (thread_start, process_start, thread_end, process_end)
        {
            let others =
                (process_end.saturating_sub(process_start)).saturating_sub(thread_end.saturating_sub(thread_start));
            result.others_per_key = Some(others / MEASURED_KEYS as u32);
        }
        result.by_thread = cpu_clock::other_threads_since(&threads_before)
            .into_iter()
            .map(|(name, time)| (name, time / MEASURED_KEYS as u32))
            .collect();
        let checks_after = self.checks_done();
        result.checks =
            (checks_after.0.saturating_sub(checks_before.0), checks_after.1.saturating_sub(checks_before.1));

        idle_frames(self, &mut result.typed);
        ensure!(!marks || self.has_body_marks(), "the marks went away while idle");
        ensure!(!self.app.status.starts_with("Autosaved"), "an autosave fell inside the measured frames");
        Ok(result)
    }

    /// Gives the workers [`WORKERS_FINISH`] to finish what the keys asked
    /// for, twice (results they send can ask for more: new marks mean new
    /// counts for the review checks), drawing a frame after each wait.
    fn let_workers_finish(&mut self) {
        for _ in 0..2 {
            std::thread::sleep(WORKERS_FINISH);
            self.step(Vec::new());
        }
    }

    /// Moves the window's clock past the autosave delay and draws a frame,
    /// in which the app writes its recovery file; returns that frame's cost.
    fn autosave_frame(&mut self) -> anyhow::Result<Sample> {
        self.app.status.clear();
        self.time += copydesk::app::AUTOSAVE_AFTER_SECONDS + 1.0;
        // The timed frame is the one autosave comes due in: it copies the
        // project and hands it to the writing thread.
        let frame = self.step(Vec::new());
        ensure!(self.app.is_autosaving(), "expected an autosave, the status says {:?}", self.app.status);
        let started = Instant::now();
        while self.app.is_autosaving() {
            ensure!(started.elapsed() < Duration::from_secs(60), "the recovery file was not written in a minute");
            std::thread::sleep(Duration::from_millis(5));
            self.step(Vec::new());
        }
        ensure!(
            self.app.status.starts_with("Autosaved"),
            "expected an autosave, the status says {:?}",
            self.app.status
        );
        self.app.status.clear();
        Ok(Sample::of(&frame))
    }

    /// Draws frames until the proofing worker has delivered marks for the
    /// body as it is now (the first check of 20,000 words takes a while).
    fn wait_for_marks(&mut self) -> anyhow::Result<()> {
        let started = Instant::now();
        // Results for the current text are taken in by the next frame.
        self.step(Vec::new());
        while !self.has_body_marks() {
            if started.elapsed() > Duration::from_secs(300) {
                bail!("no spelling marks for the body after 5 minutes");
            }
            std::thread::sleep(Duration::from_millis(20));
            self.step(Vec::new());
        }
        // One more round for a result still on its way.
        std::thread::sleep(KEY_INTERVAL);
        self.step(Vec::new());
        Ok(())
    }
}

impl Typist for Window {
    /// Runs one frame of the app with `events` as input.
    fn step(&mut self, events: Vec<egui::Event>) -> Frame {
        let Window { ctx, frame: app_frame, app, time } = self;
        let run = frame::run(ctx, *time, events, |ui| {
            app.logic(ui.ctx(), app_frame);
            app.ui(ui, app_frame);
        });
        *time += FRAME_DT;
        run
    }

    fn typed_len(&self) -> anyhow::Result<usize> {
        // What the field holds: the body as shown, its marks taken out.
        Ok(copydesk::model::tracked::parse(self.body()?).shown.len())
    }
}

/// `body` with `count` pending changes by another editor spread through
/// it (every other one an insertion, the rest deletions of a word), and
/// their ids.
fn with_pending_changes(body: &str, count: usize) -> (String, Vec<(String, copydesk::model::MarkKind)>) {
    use copydesk::model::MarkKind;
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let every = (paragraphs.len() / count.max(1)).max(1);
    let mut ids = Vec::new();
    let mut out = Vec::with_capacity(paragraphs.len());
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let n = ids.len() + 1;
        if index % every != 0 || ids.len() >= count {
            out.push((*paragraph).to_owned());
            continue;
        }
        match paragraph.split_once(' ') {
            Some((first, rest)) if n % 2 == 0 => {
                ids.push((format!("sed{n}"), MarkKind::Delete));
                out.push(format!("{{--sed{n}|{first} --}}{rest}"));
            }
            _ => {
                ids.push((format!("sed{n}"), MarkKind::Insert));
                out.push(format!("{{++sed{n}|Newly, ++}}{paragraph}"));
            }
        }
    }
    (out.join("\n\n"), ids)
}

/// Records who made the pending changes of story `slug` (an editor other
/// than the typist), as the story file keeps them.
fn add_suggestions(dir: &Path, slug: &Slug, ids: Vec<(String, copydesk::model::MarkKind)>) -> anyhow::Result<()> {
    let mut loaded = storage::load_project(dir).context("reopening the benchmark project")?;
    let story = loaded.project.stories.iter_mut().find(|s| &s.slug == slug).context("no long story")?;
    story.suggestions = ids
        .into_iter()
        .map(|(id, kind)| copydesk::model::Suggestion {
            id,
            kind,
            author: "Desk Editor".to_owned(),
            at: copydesk::model::Timestamp::EPOCH,
        })
        .collect();
    loaded.folder.save(&loaded.project).context("saving the pending changes")?;
    Ok(())
}

/// Times full checks of a 5,000-word text, and re-checks after one
/// paragraph changed, of that text and of the 20,000-word body.
fn full_check(seed: &str) -> anyhow::Result<()> {
    let text = long_body(seed, CHECK_WORDS);
    let stats = text_stats(&text);
    println!("Full check (wall time in ms), {} words, {} paragraphs:", stats.words, stats.paragraphs);
    let mut builds = Vec::new();
    let mut checks = Vec::new();
    let mut rechecks = Vec::new();
    let mut marks = 0;
    for run in 0..CHECK_RUNS {
        let started = Instant::now();
        let mut proofreader = Proofreader::new(Dialect::American, &[]);
        builds.push(started.elapsed());
        let started = Instant::now();
        marks = std::hint::black_box(proofreader.check_text(&text)).len();
        checks.push(started.elapsed());
        let edited = edit_middle_paragraph(&text, run);
        let started = Instant::now();
        std::hint::black_box(proofreader.check_text(&edited));
        rechecks.push(started.elapsed());
    }
    println!("  {:<52} {:>9}", format!("Proofreader::new (median of {CHECK_RUNS})"), ms(median(&mut builds)));
    println!(
        "  {:<52} {:>9}",
        format!("check_text, new proofreader (median of {CHECK_RUNS})"),
        ms(median(&mut checks))
    );
    println!("  {:<52} {:>9}", "check_text again, one paragraph changed (median)", ms(median(&mut rechecks)));
    println!("  marks found: {marks}");

    let body = long_body(seed, EDITOR_WORDS);
    let stats = text_stats(&body);
    println!("Full check (wall time in ms), {} words, {} paragraphs:", stats.words, stats.paragraphs);
    let mut proofreader = Proofreader::new(Dialect::American, &[]);
    let started = Instant::now();
    let marks = proofreader.check_text(&body).len();
    let first = started.elapsed();
    let mut rechecks = Vec::new();
    for run in 0..CHECK_RUNS {
        let edited = edit_middle_paragraph(&body, run);
        let started = Instant::now();
        std::hint::black_box(proofreader.check_text(&edited));
        rechecks.push(started.elapsed());
    }
    println!("  {:<52} {:>9}", "check_text, new proofreader (once)", ms(first));
    println!("  {:<52} {:>9}", "check_text again, one paragraph changed (median)", ms(median(&mut rechecks)));
    println!("  marks found: {marks}");
    Ok(())
}

/// `text` with a word added to the end of the paragraph in its middle
/// (a different word for each `run`, so each is a new paragraph).
fn edit_middle_paragraph(text: &str, run: usize) -> String {
    let middle = text.len() / 2;
    let at = text.get(middle..).and_then(|rest| rest.find("\n\n")).map_or(text.len(), |i| middle + i);
    let (before, after) = text.split_at(at);
    format!("{before} Update {run}.{after}")
}

/// The cost of one frame, or of a few together.
#[derive(Clone, Copy)]
struct Sample {
    cpu: Option<Duration>,
    wall: Duration,
    /// How many frames this is the cost of.
    frames: usize,
}

impl Sample {
    fn of(frame: &Frame) -> Self {
        Sample { cpu: frame.cpu, wall: frame.wall, frames: 1 }
    }

    fn plus(self, other: &Sample) -> Self {
        Sample {
            cpu: self.cpu.zip(other.cpu).map(|(a, b)| a + b),
            wall: self.wall + other.wall,
            frames: self.frames + other.frames,
        }
    }
}

/// Frame costs, summarised as median, 95th percentile and maximum.
#[derive(Default)]
struct Samples {
    cpu: Vec<Duration>,
    wall: Vec<Duration>,
    /// Frames in all samples together.
    frames: usize,
}

impl Samples {
    fn push(&mut self, sample: Sample) {
        self.cpu.extend(sample.cpu);
        self.wall.push(sample.wall);
        self.frames += sample.frames;
    }

    /// Frames per sample, on average.
    fn mean_frames(&self) -> f64 {
        self.frames as f64 / self.wall.len().max(1) as f64
    }

    /// The median CPU time, or wall time where CPU time cannot be read.
    fn median_cpu(&self) -> Duration {
        let mut times = if self.cpu.is_empty() { self.wall.clone() } else { self.cpu.clone() };
        median(&mut times)
    }

    /// A table row: median, p95 and max, CPU time with wall time in brackets.
    fn row(name: &str, samples: &Samples) -> String {
        let mut cpu = samples.cpu.clone();
        let mut wall = samples.wall.clone();
        cpu.sort_unstable();
        wall.sort_unstable();
        let cell = |quantile: f64| {
            let wall = ms(percentile(&wall, quantile));
            if cpu.is_empty() { format!("({wall})") } else { format!("{} ({wall})", ms(percentile(&cpu, quantile))) }
        };
        format!("{name:<58} {:>17} {:>17} {:>17}", cell(0.5), cell(0.95), cell(1.0))
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    percentile(times, 0.5)
}
