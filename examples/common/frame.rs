//! One egui frame as eframe runs it, without a window: `Context::run_ui`
//! followed by `Context::tessellate`, and only that timed, on the UI
//! thread's CPU clock and the wall clock. GPU upload and painting are not
//! included. Uses `measure.rs`, which the benchmark declares beside this.
#![allow(dead_code)] // Each benchmark uses a different part.

use std::time::{Duration, Instant};

use crate::measure::cpu_clock;

/// The window's size in points (1 pixel per point).
pub const SCREEN: egui::Vec2 = egui::vec2(1280.0, 820.0);
/// How far the window's clock (`RawInput::time`) moves each frame.
pub const FRAME_DT: f64 = 1.0 / 60.0;

/// What one frame cost, and what it asked for.
pub struct Frame {
    /// UI thread CPU time of `run_ui` + `tessellate`, if it can be read.
    pub cpu: Option<Duration>,
    /// Wall-clock time of the same.
    pub wall: Duration,
    /// Whether the frame asked to be drawn again at once.
    pub repaint_now: bool,
    /// The AccessKit tree, if AccessKit was on.
    pub accesskit: Option<egui::accesskit::TreeUpdate>,
}

/// Runs one frame of `ctx` at window time `time` with `events` as input,
/// drawing with `draw`, and times it.
pub fn run(ctx: &egui::Context, time: f64, events: Vec<egui::Event>, draw: impl FnMut(&mut egui::Ui)) -> Frame {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
        time: Some(time),
        predicted_dt: FRAME_DT as f32,
        focused: true,
        events,
        ..Default::default()
    };
    let cpu_start = cpu_clock::thread();
    let wall_start = Instant::now();
    let output = ctx.run_ui(input, draw);
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let wall = wall_start.elapsed();
    let cpu = cpu_clock::thread().zip(cpu_start).map(|(end, start)| end.saturating_sub(start));
    std::hint::black_box(primitives);
    let repaint_now = output
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|viewport| viewport.repaint_delay == Duration::ZERO);
    Frame { cpu, wall, repaint_now, accesskit: output.platform_output.accesskit_update }
}
