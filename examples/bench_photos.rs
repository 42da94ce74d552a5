//! Measures Copydesk's photo handling against the command-line tools
//! newsrooms already use, and what importing photos costs the window.
//!
//! ```text
//! cargo run --release --example bench_photos
//! ```
//!
//! Everything is measured in one run on the same files, written to
//! temporary folders first (writing them is not timed):
//!
//! - **Photos.** [`PHOTOS`] synthetic 24-megapixel JPEGs (6000 × 4000,
//!   quality [`JPEG_QUALITY`], a different picture each: gradients, waves,
//!   blocks and grain, so they compress like real photos to several MB).
//!   Each carries the metadata segments (EXIF, XMP, Photoshop/IPTC) of the
//!   IPTC reference photo from `../shared/testdata/photos`, as an agency
//!   picture would.
//! - **Captions.** [`METADATA_FILES`] small JPEGs with IPTC/XMP captions:
//!   the four shared test photos, copied in turn under different names.
//!
//! **Thumbnails** ([`THUMB_EDGE`] px long edge), wall clock, photos/second:
//! `make_thumbnail` on one thread per core (each thread takes the next
//! file, reads its bytes and thumbnails them; reading is timed);
//! `ThumbnailService` with an empty cache folder (all requests at once,
//! until every final result has been taken; it also writes its disk cache);
//! and `vipsthumbnail -s 256` over all the files in one process, which
//! decodes, shrinks and writes a JPEG per photo, using its own threads. vips
//! works through its files one after another, so for comparison it is also
//! run as one process per core, the files dealt out between them. CPU time
//! (ours: the whole process; vips: its processes) shows how many cores each
//! kept busy.
//!
//! **Caption metadata**, wall clock: `read_metadata` of every file (bytes
//! read inside the timing) on one thread and on one thread per core,
//! median of [`METADATA_RUNS`]; against `exiftool -fast -s -Caption-Abstract
//! -Description -By-line -Creator -Credit DIR`, one process for all the
//! files, median of [`EXIFTOOL_RUNS`].
//!
//! **Import.** The real [`CopydeskApp`], driven without a window as in
//! `bench_editor.rs`: each frame is `Context::run_ui` (the app's `logic`
//! and `ui`) plus `Context::tessellate`, timed as UI thread CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`) and wall clock; GPU upload and painting are
//! not included. A copy of the sample project is opened on the Photos tab
//! and its own thumbnails are let finish; then `Command::AttachPhotos` with
//! [`IMPORTED`] of the 24-megapixel photos is pushed and frames run every
//! [`FRAME_INTERVAL`] until the photos are attached and every thumbnail has
//! arrived. The frame that runs the attach command and the frame in which
//! the photos are attached are reported on their own as well.
//!
//! vips and exiftool are optional: when one is not installed its rows say
//! so. CPU times are only available on 64-bit Linux.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail, ensure};
use copydesk::app::{Command, CopydeskApp, StartOptions, WorkspaceTab};
use copydesk::photos::metadata::read_metadata;
use copydesk::photos::thumbs::{DecodeLimits, ThumbRequest, ThumbnailService, make_thumbnail};

#[path = "common/allocator.rs"]
mod allocator;
#[path = "common/frame.rs"]
mod frame;
#[path = "common/measure.rs"]
mod measure;
use eframe::App as _;
use frame::FRAME_DT;
use image::ImageEncoder as _;
use measure::{cpu_clock, ms, percentile};

/// How many 24-megapixel photos are thumbnailed.
const PHOTOS: usize = 100;
/// Their size in pixels.
const PHOTO_SIZE: (u32, u32) = (6000, 4000);
/// Their JPEG quality.
const JPEG_QUALITY: u8 = 85;
/// The long edge of the thumbnails, in pixels (the grid's size in the app).
const THUMB_EDGE: u32 = 256;
/// How many small JPEGs have their captions read.
const METADATA_FILES: usize = 1_000;
/// Runs of our metadata reading (the median is reported).
const METADATA_RUNS: usize = 5;
/// Runs of exiftool (the median is reported).
const EXIFTOOL_RUNS: usize = 3;
/// How many of the photos are attached in the import run.
const IMPORTED: usize = 20;
/// Wall-clock time from the start of one frame to the next (60 Hz).
const FRAME_INTERVAL: Duration = Duration::from_millis(16);
/// A frame longer than this misses 60 Hz.
const FRAME_BUDGET: Duration = Duration::from_millis(16);
/// The shared test photos, with captions in IPTC IIM and/or XMP.
const TEST_PHOTOS: [&str; 4] = ["IPTC-PhotometadataRef-Std2021.1.jpg", "IPTC.jpg", "XMP.jpg", "PhotoMechanic.jpg"];
/// The one whose metadata segments go into the generated photos.
const AGENCY_PHOTO: &str = "IPTC-PhotometadataRef-Std2021.1.jpg";

fn main() -> anyhow::Result<()> {
    let cores = cores();
    println!("Cores: {cores} ({})", cpu_model().unwrap_or_else(|| "CPU model unknown".to_owned()));
    println!(
        "vipsthumbnail: {}",
        tool_version("vipsthumbnail", "--vips-version").as_deref().unwrap_or("not installed")
    );
    println!("exiftool: {}", tool_version("exiftool", "-ver").as_deref().unwrap_or("not installed"));

    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/photos");
    let agency = read(&testdata.join(AGENCY_PHOTO))?;
    let segments = metadata_segments(&agency);
    ensure!(!segments.is_empty(), "{AGENCY_PHOTO} has no metadata segments");

    let photo_dir = tempfile::tempdir().context("making a folder for the photos")?;
    let started = Instant::now();
    let photos = generate_photos(photo_dir.path(), &segments)?;
    let bytes: u64 = photos.iter().map(|path| fs::metadata(path).map_or(0, |m| m.len())).sum();
    println!(
        "\nGenerated {PHOTOS} photos of {}x{} in {:.1} s: {:.1} MB each on average ({:.0} MB in all)",
        PHOTO_SIZE.0,
        PHOTO_SIZE.1,
        started.elapsed().as_secs_f64(),
        bytes as f64 / PHOTOS as f64 / 1e6,
        bytes as f64 / 1e6
    );
    let caption_dir = tempfile::tempdir().context("making a folder for the captioned files")?;
    let captioned = copy_test_photos(&testdata, caption_dir.path())?;

    println!("\nThumbnails, {PHOTOS} photos to {THUMB_EDGE} px (wall clock; CPU time of all threads):");
    let ours = thumbnails_direct(&photos)?;
    println!("{}", ours.row("make_thumbnail, one thread per core"));
    let service = thumbnails_service(&photos)?;
    println!("{}", service.row("ThumbnailService, empty cache"));
    match thumbnails_vips(&photos, 1)? {
        Some(vips) => {
            println!("{}", vips.row("vipsthumbnail -s 256, one process"));
            println!(
                "  Copydesk / vips: make_thumbnail {:.2}x, service {:.2}x",
                ours.per_second() / vips.per_second(),
                service.per_second() / vips.per_second()
            );
            // vips works through its files one after another, mostly on one
            // core; for comparison, the same work split over the cores.
            if cores > 1
                && let Some(split) = thumbnails_vips(&photos, cores)?
            {
                println!("{}", split.row(&format!("vipsthumbnail -s 256, {cores} processes (files split)")));
            }
        }
        None => println!("  vipsthumbnail: not installed (Debian package libvips-tools)"),
    }

    let total: u64 = captioned.iter().map(|path| fs::metadata(path).map_or(0, |m| m.len())).sum();
    println!(
        "\nCaption metadata, {METADATA_FILES} files ({:.1} MB; the {} shared test photos in turn), wall clock:",
        total as f64 / 1e6,
        TEST_PHOTOS.len()
    );
    let single = metadata_ours(&captioned, false)?;
    println!("{}", single.row(&format!("read_metadata, one thread (median of {METADATA_RUNS})")));
    let parallel = metadata_ours(&captioned, true)?;
    println!("{}", parallel.row(&format!("read_metadata, one thread per core (median of {METADATA_RUNS})")));
    match metadata_exiftool(caption_dir.path(), &captioned)? {
        Some((exiftool, startup)) => {
            println!("{}", exiftool.row(&format!("exiftool -fast, one process (median of {EXIFTOOL_RUNS})")));
            println!("  (exiftool on a single file: {} ms)", ms(startup));
            println!(
                "  Copydesk / exiftool: {:.0}x on one thread, {:.0}x on all cores",
                single.per_second() / exiftool.per_second(),
                parallel.per_second() / exiftool.per_second()
            );
        }
        None => println!("  exiftool: not installed (Debian package libimage-exiftool-perl)"),
    }

    let imported = photos.get(..IMPORTED).context("fewer photos than the import needs")?;
    println!("\nImport of {IMPORTED} photos into the sample story, Photos tab, a frame every {FRAME_INTERVAL:?}:");
    import_run(imported)?.print();
    Ok(())
}

// ---------------------------------------------------------------- files --

/// The number of threads to use: one per core.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Runs `work(0..count)` on one thread per core, each thread taking the next
/// index; the results in index order.
fn parallel<T: Send>(count: usize, work: impl Fn(usize) -> anyhow::Result<T> + Sync) -> anyhow::Result<Vec<T>> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..cores())
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            return Ok::<_, anyhow::Error>(done);
                        }
                        done.push((index, work(index)?));
                    }
                })
            })
            .collect();
        let mut all = Vec::with_capacity(count);
        for thread in threads {
            all.extend(thread.join().map_err(|_| anyhow!("a worker thread panicked"))??);
        }
        Ok::<_, anyhow::Error>(all)
    })?;
    done.sort_unstable_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, value)| value).collect())
}

/// The APP1–APP15 segments (EXIF, XMP, Photoshop/IPTC…) of a JPEG, as bytes.
fn metadata_segments(jpeg: &[u8]) -> Vec<u8> {
    let mut segments = Vec::new();
    let mut at = 2;
    while let Some(&[0xFF, marker, high, low]) = jpeg.get(at..at + 4) {
        if marker == 0xDA {
            break;
        }
        let end = at + 2 + usize::from(u16::from_be_bytes([high, low]));
        let Some(segment) = jpeg.get(at..end) else { break };
        if (0xE1..=0xEF).contains(&marker) {
            segments.extend_from_slice(segment);
        }
        at = end;
    }
    segments
}

/// `jpeg` with `segments` put in after its SOI and JFIF (APP0) segment.
fn with_segments(jpeg: &[u8], segments: &[u8]) -> Vec<u8> {
    let mut at = 2;
    if let Some(&[0xFF, 0xE0, high, low]) = jpeg.get(2..6) {
        at += 2 + usize::from(u16::from_be_bytes([high, low]));
    }
    let (head, tail) = jpeg.split_at(at.min(jpeg.len()));
    [head, segments, tail].concat()
}

/// Writes the [`PHOTOS`] 24-megapixel JPEGs into `dir`, on all cores.
fn generate_photos(dir: &Path, segments: &[u8]) -> anyhow::Result<Vec<PathBuf>> {
    let paths: Vec<PathBuf> = (0..PHOTOS).map(|index| dir.join(format!("photo-{index:03}.jpg"))).collect();
    parallel(PHOTOS, |index| {
        let path = paths.get(index).context("no such photo")?;
        let jpeg = with_segments(&synthetic_photo(index as u64)?, segments);
        fs::write(path, jpeg).with_context(|| format!("writing {}", path.display()))?;
        Ok(())
    })?;
    Ok(paths)
}

/// A 6000 × 4000 JPEG that compresses like a photo: a sky-to-ground
/// gradient, soft waves, blocks of colour and grain, different for each
/// `seed`.
fn synthetic_photo(seed: u64) -> anyhow::Result<Vec<u8>> {
    let (width, height) = PHOTO_SIZE;
    let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let phase = (seed % 97) as f32 / 97.0 * std::f32::consts::TAU;
    let waves = |length: u32, period: f32, amplitude: f32| -> Vec<i32> {
        (0..length).map(|i| ((i as f32 / period + phase).sin() * amplitude) as i32).collect()
    };
    let column_wave = waves(width, 37.0 + (seed % 11) as f32, 14.0);
    let row_wave = waves(height, 53.0 + (seed % 7) as f32, 10.0);
    // A colour for each 250-pixel block: buildings, people, signs.
    let blocks_across = width.div_ceil(250) as usize;
    let blocks: Vec<[i32; 3]> = (0..blocks_across * height.div_ceil(250) as usize)
        .map(|_| {
            let value = random.next();
            [(value & 0x3F) as i32 - 32, ((value >> 8) & 0x3F) as i32 - 32, ((value >> 16) & 0x3F) as i32 - 32]
        })
        .collect();
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    for (y, row) in pixels.chunks_exact_mut(width as usize * 3).enumerate() {
        let sky = (y as i32 * 160) / height as i32;
        let base = [60 + sky / 2, 90 + sky / 3, 170 - sky];
        let row_wave = row_wave.get(y).copied().unwrap_or_default();
        for (x, pixel) in row.chunks_exact_mut(3).enumerate() {
            let block = blocks.get((y / 250) * blocks_across + x / 250).copied().unwrap_or_default();
            let noise = random.next();
            let grain = (noise & 0x1F) as i32 - 16;
            let wave = column_wave.get(x).copied().unwrap_or_default() + row_wave;
            for (channel, value) in pixel.iter_mut().enumerate() {
                let chroma = ((noise >> (8 + 8 * channel)) & 0x07) as i32 - 4;
                let level = base.get(channel).copied().unwrap_or_default()
                    + block.get(channel).copied().unwrap_or_default()
                    + wave
                    + grain
                    + chroma;
                *value = level.clamp(0, 255) as u8;
            }
        }
    }
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .context("encoding a generated photo")?;
    Ok(jpeg)
}

/// xorshift64*: fast, good enough for grain.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Copies the shared test photos in turn to [`METADATA_FILES`] files in `dir`.
fn copy_test_photos(testdata: &Path, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let sources = TEST_PHOTOS.iter().map(|name| read(&testdata.join(name))).collect::<anyhow::Result<Vec<_>>>()?;
    (0..METADATA_FILES)
        .map(|index| {
            let path = dir.join(format!("caption-{index:04}.jpg"));
            let bytes = sources.get(index % sources.len()).context("no test photos")?;
            fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
            Ok(path)
        })
        .collect()
}

/// The version a tool prints for `flag`, or `None` when it does not run.
fn tool_version(tool: &str, flag: &str) -> Option<String> {
    let output = Process::new(tool).arg(flag).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The CPU model from `/proc/cpuinfo`.
fn cpu_model() -> Option<String> {
    let info = fs::read_to_string("/proc/cpuinfo").ok()?;
    let line = info.lines().find(|line| line.starts_with("model name"))?;
    Some(line.split_once(':')?.1.trim().to_owned())
}

// ----------------------------------------------------------- throughput --

/// How long a batch took.
struct Batch {
    files: usize,
    wall: Duration,
    /// CPU time of every thread (or of the child process) over the batch.
    cpu: Option<Duration>,
}

impl Batch {
    fn per_second(&self) -> f64 {
        self.files as f64 / self.wall.as_secs_f64()
    }

    fn row(&self, name: &str) -> String {
        let cpu = self.cpu.map_or_else(String::new, |cpu| {
            format!(
                "  CPU {:>7.2} s ({:.2} cores busy)",
                cpu.as_secs_f64(),
                cpu.as_secs_f64() / self.wall.as_secs_f64()
            )
        });
        format!("  {name:<56} {:>9.3} s {:>9.1} photos/s{cpu}", self.wall.as_secs_f64(), self.per_second())
    }

    /// The batch with the median wall time.
    fn median(mut runs: Vec<Batch>) -> anyhow::Result<Batch> {
        runs.sort_unstable_by_key(|run| run.wall);
        let middle = runs.len() / 2;
        runs.into_iter().nth(middle).context("no runs")
    }
}

/// Times `work` by wall clock and by `cpu` (a CPU-time clock).
fn timed<T>(
    cpu: fn() -> Option<Duration>,
    work: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<(T, Duration, Option<Duration>)> {
    let cpu_start = cpu();
    let started = Instant::now();
    let value = work()?;
    let wall = started.elapsed();
    let cpu = cpu().zip(cpu_start).map(|(end, start)| end.saturating_sub(start));
    Ok((value, wall, cpu))
}

/// `make_thumbnail` over all photos, one thread per core.
fn thumbnails_direct(photos: &[PathBuf]) -> anyhow::Result<Batch> {
    let limits = DecodeLimits::default();
    let (sizes, wall, cpu) = timed(cpu_clock::process, || {
        parallel(photos.len(), |index| {
            let path = photos.get(index).context("no such photo")?;
            let bytes = read(path)?;
            let thumbnail = make_thumbnail(&bytes, THUMB_EDGE, &limits)
                .map_err(|error| anyhow!("thumbnailing {}: {error}", path.display()))?;
            Ok((thumbnail.width, thumbnail.height))
        })
    })?;
    ensure!(sizes.iter().all(|(width, height)| *width.max(height) == THUMB_EDGE), "a thumbnail has the wrong size");
    Ok(Batch { files: photos.len(), wall, cpu })
}

/// The `ThumbnailService`, all photos asked for at once, with an empty cache.
fn thumbnails_service(photos: &[PathBuf]) -> anyhow::Result<Batch> {
    let project = tempfile::tempdir().context("making a project folder for the cache")?;
    let (wall_results, wall, cpu) = timed(cpu_clock::process, || {
        let (sender, arrived) = mpsc::channel();
        let service = ThumbnailService::new(DecodeLimits::default(), move || {
            // The receiver outlives the service's use here; a failed send only
            // means the benchmark already stopped listening.
            let _ = sender.send(());
        });
        for (index, photo) in photos.iter().enumerate() {
            service.request(ThumbRequest {
                key: format!("bench{index}"),
                photo: photo.clone(),
                project_dir: project.path().to_owned(),
                max_edge: THUMB_EDGE,
            });
        }
        let mut finished = 0;
        let mut from_cache = 0;
        while finished < photos.len() {
            arrived.recv_timeout(Duration::from_secs(120)).context("no thumbnail arrived for two minutes")?;
            for result in service.take_results() {
                if result.preliminary {
                    continue;
                }
                finished += 1;
                from_cache += usize::from(result.from_cache);
                let thumbnail = result.thumbnail.map_err(|error| anyhow!("thumbnail {}: {error}", result.key))?;
                ensure!(thumbnail.width.max(thumbnail.height) == THUMB_EDGE, "a thumbnail has the wrong size");
                ensure!(result.cache_error.is_none(), "the cache could not be written: {:?}", result.cache_error);
            }
        }
        Ok(from_cache)
    })?;
    ensure!(wall_results == 0, "{wall_results} thumbnails came from a cache that should be empty");
    Ok(Batch { files: photos.len(), wall, cpu })
}

/// `vipsthumbnail -s 256` over all photos, the files dealt out in turn to
/// `processes` processes run at once; `None` when vips is not installed.
fn thumbnails_vips(photos: &[PathBuf], processes: usize) -> anyhow::Result<Option<Batch>> {
    if tool_version("vipsthumbnail", "--vips-version").is_none() {
        return Ok(None);
    }
    let out = tempfile::tempdir().context("making a folder for vips' thumbnails")?;
    let processes = processes.max(1);
    let ((), wall, cpu) = timed(cpu_clock::children, || {
        let children = (0..processes)
            .map(|first| {
                Process::new("vipsthumbnail")
                    .arg("-s")
                    .arg(THUMB_EDGE.to_string())
                    .arg("-o")
                    .arg(format!("{}/%s.jpg", out.path().display()))
                    .args(photos.iter().skip(first).step_by(processes))
                    .spawn()
                    .context("running vipsthumbnail")
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        for mut child in children {
            let status = child.wait().context("waiting for vipsthumbnail")?;
            ensure!(status.success(), "vipsthumbnail failed: {status}");
        }
        Ok(())
    })?;
    let made = fs::read_dir(out.path()).context("listing vips' thumbnails")?.count();
    ensure!(made == photos.len(), "vipsthumbnail made {made} thumbnails of {}", photos.len());
    let first = out.path().join("photo-000.jpg");
    let (width, height) = image::image_dimensions(&first).with_context(|| format!("reading {}", first.display()))?;
    ensure!(width.max(height) == THUMB_EDGE, "vips made a {width}x{height} thumbnail");
    Ok(Some(Batch { files: photos.len(), wall, cpu }))
}

/// `read_metadata` of every file, on one thread or on one per core; the
/// median of [`METADATA_RUNS`].
fn metadata_ours(files: &[PathBuf], all_cores: bool) -> anyhow::Result<Batch> {
    let read_caption = |path: &PathBuf| -> anyhow::Result<bool> {
        let bytes = read(path)?;
        let metadata = read_metadata(&bytes).with_context(|| format!("reading the metadata of {}", path.display()))?;
        Ok(!std::hint::black_box(metadata).caption.is_empty())
    };
    let mut runs = Vec::new();
    for _ in 0..METADATA_RUNS {
        let (captions, wall, cpu) = timed(cpu_clock::process, || {
            if all_cores {
                parallel(files.len(), |index| read_caption(files.get(index).context("no such file")?))
            } else {
                files.iter().map(read_caption).collect::<anyhow::Result<Vec<bool>>>()
            }
        })?;
        ensure!(captions.iter().all(|caption| *caption), "a test photo's caption was not found");
        runs.push(Batch { files: files.len(), wall, cpu });
    }
    Batch::median(runs)
}

/// exiftool over the folder, median of [`EXIFTOOL_RUNS`], and the time it
/// takes for a single file (mostly starting Perl); `None` when exiftool is
/// not installed.
fn metadata_exiftool(dir: &Path, files: &[PathBuf]) -> anyhow::Result<Option<(Batch, Duration)>> {
    if tool_version("exiftool", "-ver").is_none() {
        return Ok(None);
    }
    let exiftool = |target: &Path| {
        timed(cpu_clock::children, || {
            Process::new("exiftool")
                .args(["-fast", "-s", "-Caption-Abstract", "-Description", "-By-line", "-Creator", "-Credit"])
                .arg(target)
                .output()
                .context("running exiftool")
        })
    };
    let mut runs = Vec::new();
    for _ in 0..EXIFTOOL_RUNS {
        let (output, wall, cpu) = exiftool(dir)?;
        ensure!(output.status.success(), "exiftool failed: {}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8_lossy(&output.stdout);
        // One "======== file" header per file, each followed by its fields.
        let sections: Vec<&str> = text.split("======== ").filter(|section| !section.trim().is_empty()).collect();
        ensure!(sections.len() == files.len(), "exiftool listed {} files of {}", sections.len(), files.len());
        let captioned = sections
            .iter()
            .filter(|section| section.contains("\nCaption-Abstract") || section.contains("\nDescription"))
            .count();
        ensure!(captioned == files.len(), "exiftool found captions in {captioned} files of {}", files.len());
        runs.push(Batch { files: files.len(), wall, cpu });
    }
    let one = files.first().context("no files")?;
    let (_, startup, _) = exiftool(one)?;
    Ok(Some((Batch::median(runs)?, startup)))
}

// --------------------------------------------------------------- import --

/// The app in a window-less eframe, as in `bench_editor.rs`.
struct Window {
    ctx: egui::Context,
    frame: eframe::Frame,
    app: CopydeskApp,
    /// `RawInput::time` of the next frame.
    time: f64,
}

/// What one frame cost.
#[derive(Clone, Copy)]
struct FrameCost {
    /// UI thread CPU time of `run_ui` + `tessellate`, if it can be read.
    cpu: Option<Duration>,
    /// Wall-clock time of the same.
    wall: Duration,
}

impl FrameCost {
    /// CPU time where it can be read, else wall time.
    fn cpu_or_wall(&self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }

    fn describe(&self) -> String {
        match self.cpu {
            Some(cpu) => format!("{} ms CPU, {} ms wall", ms(cpu), ms(self.wall)),
            None => format!("{} ms wall", ms(self.wall)),
        }
    }
}

impl Window {
    /// Opens the project in the app, as eframe and `egui_kittest` do.
    fn open(project: &Path, recovery: &Path) -> anyhow::Result<Self> {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let frame = eframe::Frame::_new_kittest();
        let options = StartOptions { project: Some(project.to_owned()), recovery_dir: Some(recovery.to_owned()) };
        let app = CopydeskApp::new(&cc, options);
        let window = Window { ctx, frame, app, time: 0.0 };
        ensure!(window.app.workspace.is_some(), "the app did not open the project ({})", window.app.status);
        Ok(window)
    }

    /// Runs one frame without input, timing `run_ui` + `tessellate`.
    fn step(&mut self) -> FrameCost {
        let Window { ctx, frame: app_frame, app, time } = self;
        let run = frame::run(ctx, *time, Vec::new(), |ui| {
            app.logic(ui.ctx(), app_frame);
            app.ui(ui, app_frame);
        });
        *time += FRAME_DT;
        FrameCost { cpu: run.cpu, wall: run.wall }
    }

    /// Runs a frame, then sleeps out the rest of [`FRAME_INTERVAL`].
    fn paced_step(&mut self) -> FrameCost {
        let started = Instant::now();
        let cost = self.step();
        std::thread::sleep(FRAME_INTERVAL.saturating_sub(started.elapsed()));
        cost
    }

    /// How many photos the selected story has.
    fn story_photos(&self) -> anyhow::Result<usize> {
        let story = self.app.workspace.as_ref().and_then(|w| w.selected_story()).context("no story is selected")?;
        Ok(story.photos.len())
    }

    /// Runs frames until no thumbnail is being made (at least `min` frames).
    fn settle(&mut self, min: usize) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut frames = 0;
        while frames < min || self.app.thumbnails.progress().is_some() {
            ensure!(started.elapsed() < Duration::from_secs(60), "thumbnails still being made after a minute");
            self.paced_step();
            frames += 1;
        }
        Ok(())
    }
}

/// The frames of the import run.
struct ImportRun {
    /// Idle frames on the Photos tab before the import.
    idle: Vec<FrameCost>,
    /// Every frame from the one that ran the attach command to the one in
    /// which the last thumbnail arrived.
    frames: Vec<FrameCost>,
    /// The frame in which the photos appeared in the story, and when.
    attached: (usize, Duration),
    /// When the last thumbnail had arrived.
    finished: Duration,
}

/// Attaches `photos` to the sample story and runs frames until all their
/// thumbnails have arrived.
fn import_run(photos: &[PathBuf]) -> anyhow::Result<ImportRun> {
    let project = tempfile::tempdir().context("making a project folder")?;
    let recovery = tempfile::tempdir().context("making a recovery folder")?;
    copy_dir(&copydesk::sample_project_dir(), project.path())?;
    let mut window = Window::open(project.path(), recovery.path())?;
    window.app.view.tab = WorkspaceTab::Photos;
    // The sample story's own thumbnails first, so the frames measured are
    // the import's.
    window.settle(30)?;
    let idle: Vec<FrameCost> = (0..60).map(|_| window.paced_step()).collect();

    let before = window.story_photos()?;
    window.app.push(Command::AttachPhotos(photos.to_vec()));
    window.app.view.tab = WorkspaceTab::Photos;
    let started = Instant::now();
    let mut frames = Vec::new();
    let mut attached = None;
    let mut thumbnails_started = false;
    loop {
        frames.push(window.paced_step());
        ensure!(window.app.dialogs.is_empty(), "the app showed a dialog: {}", window.app.status);
        if attached.is_none() && window.story_photos()? >= before + photos.len() {
            attached = Some((frames.len() - 1, started.elapsed()));
        }
        if attached.is_some() {
            match window.app.thumbnails.progress() {
                Some(_) => thumbnails_started = true,
                None if thumbnails_started => break,
                None => {}
            }
        }
        if started.elapsed() > Duration::from_secs(180) {
            bail!("the import was not finished after 3 minutes ({})", window.app.status);
        }
    }
    let finished = started.elapsed();
    let attached = attached.context("the photos were never attached")?;
    Ok(ImportRun { idle, frames, attached, finished })
}

impl ImportRun {
    fn print(&self) {
        let (attached_frame, attached_at) = self.attached;
        println!("  Frames until every thumbnail arrived: {}, {:.2} s", self.frames.len(), self.finished.as_secs_f64());
        if let Some(first) = self.frames.first() {
            println!("  Frame that ran the attach command: {}", first.describe());
        }
        if let Some(frame) = self.frames.get(attached_frame).filter(|_| attached_frame > 0) {
            println!(
                "  Frame in which the photos were attached (frame {attached_frame}, {:.2} s in): {}",
                attached_at.as_secs_f64(),
                frame.describe()
            );
        }
        let others: Vec<FrameCost> = self
            .frames
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != 0 && *index != attached_frame)
            .map(|(_, frame)| *frame)
            .collect();
        println!("  {:<52} {:>8} {:>8} {:>8} {:>8}", "UI thread time per frame, ms", "median", "p99", "max", "> 16 ms");
        summary("idle frames on the Photos tab", &self.idle);
        summary("other frames during the import", &others);
        summary("all frames during the import", &self.frames);
    }
}

/// Prints median, p99, max and the count over budget, CPU and wall.
fn summary(name: &str, frames: &[FrameCost]) {
    let mut cpu: Vec<Duration> = frames.iter().map(FrameCost::cpu_or_wall).collect();
    let mut wall: Vec<Duration> = frames.iter().map(|frame| frame.wall).collect();
    cpu.sort_unstable();
    wall.sort_unstable();
    for (clock, times) in [("CPU", &cpu), ("wall", &wall)] {
        let over = times.iter().filter(|time| **time > FRAME_BUDGET).count();
        println!(
            "  {:<52} {:>8} {:>8} {:>8} {:>8}",
            format!("{name} ({} frames), {clock}", times.len()),
            ms(percentile(times, 0.5)),
            ms(percentile(times, 0.99)),
            ms(percentile(times, 1.0)),
            over
        );
    }
}

/// Copies a folder and everything in it.
fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to).with_context(|| format!("making {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("listing {}", from.display()))? {
        let entry = entry.with_context(|| format!("listing {}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.file_type().with_context(|| format!("reading {}", entry.path().display()))?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}
