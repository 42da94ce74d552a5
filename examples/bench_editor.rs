//! Measures what typing costs the window, and what a full spelling and
//! grammar check costs the proofing worker.
//!
//! ```text
//! cargo run --release --example bench_editor
//! ```
//!
//! **Typing.** A project with one 20,000-word story (the seed story's
//! paragraphs repeated, see [`long_body`]) is written to a temporary folder
//! and opened in the real [`CopydeskApp`], driven without a window: each
//! frame is what eframe does, `Context::run_ui` (calling `App::logic` and
//! `App::ui`) followed by `Context::tessellate`, and only that is timed. GPU
//! upload and painting are not included. The caret is put at the end of a
//! paragraph in the middle of the body and one character is typed per
//! frame, a key every [`KEY_INTERVAL`] (a fast typist), so the proofing
//! worker can keep up as it would in the app. When a frame asks to be drawn
//! again at once (egui does after input, the app does after an edit) that
//! frame is run too, as eframe would; the keystroke frame together with
//! these is reported as "keystroke + repaint". The same run types with
//! spelling marks on and then off, and also times idle frames (no input)
//! in each mode.
//!
//! Times are the UI thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so the
//! proofing worker, which runs on its own thread, does not count; its CPU
//! time per keystroke is reported separately (the process's CPU time minus
//! the UI thread's). Wall-clock times are printed too. On systems other
//! than 64-bit Linux only wall-clock times are available.
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
use copydesk::app::{CopydeskApp, StartOptions};
use copydesk::model::text_stats;
use copydesk::proofing::{Dialect, Proofreader};
use copydesk::storage;
use eframe::App as _;
use egui::text::{CCursor, CCursorRange};

#[path = "common/measure.rs"]
mod measure;
use measure::{cpu_clock, ms, percentile};

#[path = "common/long_body.rs"]
mod long_body;
use long_body::long_body;

/// The window's size in points (1 pixel per point).
const SCREEN: egui::Vec2 = egui::vec2(1280.0, 820.0);
/// How far the window's clock moves each frame.
const FRAME_DT: f64 = 1.0 / 60.0;
/// Words in the story typed into.
const EDITOR_WORDS: usize = 20_000;
/// Words in the text of the full check.
const CHECK_WORDS: usize = 5_000;
/// Keystrokes typed before measuring, in each mode.
const WARMUP_KEYS: usize = 20;
/// Keystrokes measured in each mode.
const MEASURED_KEYS: usize = 300;
/// Idle frames measured in each mode.
const IDLE_FRAMES: usize = 100;
/// Wall-clock time between keystrokes (20 keys a second).
const KEY_INTERVAL: Duration = Duration::from_millis(50);
/// Full checks timed, each with a new proofreader.
const CHECK_RUNS: usize = 5;
/// What is typed, a character at a time, over and over.
const TYPED: &str = " Officials said the attacks would continue and that the coalition would answer them.";

fn main() -> anyhow::Result<()> {
    let seed = copydesk::sample_project_dir();
    let seed = storage::load_project(&seed)
        .with_context(|| format!("opening the sample project {}", seed.display()))?
        .project
        .stories
        .into_iter()
        .next()
        .context("the sample project has no story")?;

    let body = long_body(&seed.body, EDITOR_WORDS);
    let stats = text_stats(&body);
    println!(
        "Story: {} words, {} characters, {} paragraphs; window {}x{} points",
        stats.words, stats.characters, stats.paragraphs, SCREEN.x, SCREEN.y
    );
    let project_dir = tempfile::tempdir().context("making a temporary project folder")?;
    let recovery_dir = tempfile::tempdir().context("making a temporary recovery folder")?;
    let mut loaded = storage::create_project(project_dir.path(), "Benchmark").context("creating the project")?;
    let mut story = seed.clone();
    story.body = body;
    story.target_words = EDITOR_WORDS as u32;
    loaded.project.stories.push(story);
    loaded.folder.save(&loaded.project).context("saving the project")?;

    let mut window = Window::open(project_dir.path(), recovery_dir.path())?;
    window.focus_body_middle()?;
    let on = window.typing_run(true)?;
    let off = window.typing_run(false)?;

    println!();
    println!("Frame = Context::run_ui + tessellate, UI thread CPU time in ms (wall time in brackets)");
    println!("{:<34} {:>17} {:>17} {:>17}", "", "median", "p95", "max");
    for (name, mode) in [("marks on", &on), ("marks off", &off)] {
        println!("{}", Samples::row(&format!("keystroke frame, {name}"), &mode.keystroke));
        println!("{}", Samples::row(&format!("keystroke + repaint, {name}"), &mode.with_repaint));
        println!("{}", Samples::row(&format!("idle frame, {name}"), &mode.idle));
    }
    for (name, mode) in [("marks on", &on), ("marks off", &off)] {
        let cpu = mode.autosave.cpu.map_or_else(|| "-".to_owned(), ms);
        println!("Autosave frame (every 30 s of unsaved typing), {name}: {cpu} ({})", ms(mode.autosave.wall));
    }
    let ratio = |on: &Samples, off: &Samples| on.median_cpu().as_secs_f64() / off.median_cpu().as_secs_f64();
    println!(
        "Median keystroke frame, marks on / off: {:.2} (keystroke + repaint: {:.2})",
        ratio(&on.keystroke, &off.keystroke),
        ratio(&on.with_repaint, &off.with_repaint)
    );
    println!(
        "Frames per keystroke (keystroke + repaint): {:.2} with marks on, {:.2} with marks off",
        on.with_repaint.mean_frames(),
        off.with_repaint.mean_frames()
    );
    match on.worker_per_key {
        Some(worker) => println!("Proofing worker CPU per keystroke (marks on): {}", ms(worker)),
        None => println!("Proofing worker CPU per keystroke: not available on this system"),
    }

    println!();
    full_check(&seed.body)?;
    Ok(())
}

/// The app in a window-less eframe: a context, a frame and the window's clock.
struct Window {
    ctx: egui::Context,
    frame: eframe::Frame,
    app: CopydeskApp,
    /// `RawInput::time` of the next frame.
    time: f64,
}

/// What one frame cost, and what it asked for.
struct FrameRun {
    /// UI thread CPU time of `run_ui` + `tessellate`, if it can be read.
    cpu: Option<Duration>,
    /// Wall-clock time of the same.
    wall: Duration,
    /// Whether the frame asked to be drawn again at once.
    repaint_now: bool,
    /// The AccessKit tree, if AccessKit was on.
    accesskit: Option<egui::accesskit::TreeUpdate>,
}

/// The measurements of one mode.
struct ModeResult {
    /// The frames that took a keystroke.
    keystroke: Samples,
    /// Each keystroke frame plus the frames it asked for at once.
    with_repaint: Samples,
    /// Frames without input.
    idle: Samples,
    /// The frame that wrote the recovery file.
    autosave: Sample,
    /// CPU time of the other threads (the proofing worker) per keystroke.
    worker_per_key: Option<Duration>,
}

impl Window {
    /// Opens the project in the app, as eframe and `egui_kittest` do, and
    /// draws the first frames.
    fn open(project: &Path, recovery: &Path) -> anyhow::Result<Self> {
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
        Ok(window)
    }

    /// Runs one frame with `events` as input, timing `run_ui` + `tessellate`.
    fn step(&mut self, events: Vec<egui::Event>) -> FrameRun {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            predicted_dt: FRAME_DT as f32,
            focused: true,
            events,
            ..Default::default()
        };
        let Window { ctx, frame, app, .. } = self;
        let cpu_start = cpu_clock::thread();
        let wall_start = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let wall = wall_start.elapsed();
        let cpu = cpu_clock::thread().zip(cpu_start).map(|(end, start)| end.saturating_sub(start));
        std::hint::black_box(primitives);
        self.time += FRAME_DT;
        let repaint_now = output
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|viewport| viewport.repaint_delay == Duration::ZERO);
        FrameRun { cpu, wall, repaint_now, accesskit: output.platform_output.accesskit_update }
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

    /// Clicks into the body field (found through AccessKit: the multi-line
    /// field labelled "Body"), checks it has the keyboard focus, and puts
    /// the caret at the end of a paragraph in the middle of the body.
    fn focus_body_middle(&mut self) -> anyhow::Result<()> {
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
        // A little inside the field's top left corner: its text is there.
        let click = egui::pos2(bounds.x0 as f32 + 40.0, bounds.y0 as f32 + 12.0);
        ensure!(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN).contains(click), "the body field is off screen");
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
        let body = self.body()?;
        let middle = body.len() / 2;
        let end_of_paragraph = body.get(middle..).and_then(|rest| rest.find("\n\n")).map_or(body.len(), |i| middle + i);
        let caret = body.get(..end_of_paragraph).map_or(0, |before| before.chars().count());
        let mut state = egui::text_edit::TextEditState::load(&self.ctx, focused).unwrap_or_default();
        state.cursor.set_char_range(Some(CCursorRange::one(CCursor::new(caret))));
        state.store(&self.ctx, focused);
        self.step(Vec::new());
        Ok(())
    }

    /// Types one character and runs the frames it asks for at once; returns
    /// the keystroke frame and the whole. Fails if the body did not get it.
    fn type_char(&mut self, typed: char) -> anyhow::Result<(FrameRun, Sample)> {
        let before = self.body()?.len();
        let frame = self.step(vec![egui::Event::Text(typed.to_string())]);
        let mut total = Sample::of(&frame);
        let mut repaint_now = frame.repaint_now;
        for _ in 0..4 {
            if !repaint_now {
                break;
            }
            let again = self.step(Vec::new());
            total = total.plus(&Sample::of(&again));
            repaint_now = again.repaint_now;
        }
        let after = self.body()?.len();
        if after != before + typed.len_utf8() {
            bail!("typing {typed:?} did not reach the body ({before} bytes before, {after} after): focus lost?");
        }
        Ok((frame, total))
    }

    /// Types `count` characters of [`TYPED`], a key every [`KEY_INTERVAL`],
    /// keeping the costs when `samples` are given.
    fn type_keys(
        &mut self,
        count: usize,
        typed: &mut impl Iterator<Item = char>,
        mut samples: Option<(&mut Samples, &mut Samples)>,
    ) -> anyhow::Result<()> {
        for _ in 0..count {
            let key = typed.next().context("nothing to type")?;
            let started = Instant::now();
            let (frame, total) = self.type_char(key)?;
            if let Some((keystroke, with_repaint)) = samples.as_mut() {
                keystroke.push(Sample::of(&frame));
                with_repaint.push(total);
            }
            std::thread::sleep(KEY_INTERVAL.saturating_sub(started.elapsed()));
        }
        Ok(())
    }

    /// Types with marks on or off: a warm-up, then the measured keys, then
    /// idle frames.
    fn typing_run(&mut self, marks: bool) -> anyhow::Result<ModeResult> {
        self.app.proofing.set_enabled(marks);
        let mut typed = TYPED.chars().cycle();
        self.type_keys(WARMUP_KEYS, &mut typed, None)?;
        if marks {
            self.wait_for_marks()?;
        }

        let autosave = self.autosave_frame()?;
        let mut result = ModeResult {
            keystroke: Samples::default(),
            with_repaint: Samples::default(),
            idle: Samples::default(),
            autosave,
            worker_per_key: None,
        };
        let (thread_start, process_start) = (cpu_clock::thread(), cpu_clock::process());
        self.type_keys(MEASURED_KEYS, &mut typed, Some((&mut result.keystroke, &mut result.with_repaint)))?;
        if marks {
            // Let the worker finish the last keystroke's check.
            self.wait_for_marks()?;
        }
        let (thread_end, process_end) = (cpu_clock::thread(), cpu_clock::process());
        if let (Some(thread_start), Some(process_start), Some(thread_end), Some(process_end)) =
            (thread_start, process_start, thread_end, process_end)
        {
            let others =
                (process_end.saturating_sub(process_start)).saturating_sub(thread_end.saturating_sub(thread_start));
            result.worker_per_key = Some(others / MEASURED_KEYS as u32);
        }

        for _ in 0..IDLE_FRAMES {
            result.idle.push(Sample::of(&self.step(Vec::new())));
        }
        ensure!(!marks || self.has_body_marks(), "the marks went away while idle");
        ensure!(!self.app.status.starts_with("Autosaved"), "an autosave fell inside the measured frames");
        Ok(result)
    }

    /// Moves the window's clock past the autosave delay and draws a frame,
    /// in which the app writes its recovery file; returns that frame's cost.
    fn autosave_frame(&mut self) -> anyhow::Result<Sample> {
        self.app.status.clear();
        self.time += copydesk::app::AUTOSAVE_AFTER_SECONDS + 1.0;
        let frame = self.step(Vec::new());
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
    fn of(frame: &FrameRun) -> Self {
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
        format!("{name:<34} {:>17} {:>17} {:>17}", cell(0.5), cell(0.95), cell(1.0))
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    percentile(times, 0.5)
}
