//! Thumbnails: sizes, EXIF orientation, embedded previews, hostile files,
//! the worker pool and its disk cache.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use copydesk::photos::thumbs::{
    DecodeLimits, MAX_CACHED_EDGE, ThumbError, ThumbRequest, ThumbResult, Thumbnail, ThumbnailService,
    embedded_thumbnail, make_thumbnail,
};
use copydesk::storage::thumb_cache;
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, Rgb, RgbImage};

const UNSUPPORTED: &str = "not an image Copydesk can read (JPEG, PNG, WebP, TIFF)";

/// A smooth gradient with some texture, so the JPEG is not trivially small.
fn gradient(width: u32, height: u32, seed: u8) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let r = (x * 255 / width.max(1)) as u8;
        let g = (y * 255 / height.max(1)) as u8;
        let b = ((x ^ y) as u8).wrapping_add(seed);
        Rgb([r, g, b])
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(image).unwrap();
    bytes
}

/// An EXIF APP1 segment (big-endian TIFF) with an orientation in IFD0 and,
/// optionally, a JPEG thumbnail in IFD1.
fn exif_app1(orientation: u16, thumbnail: Option<&[u8]>) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\x00\x2a");
    tiff.extend_from_slice(&8u32.to_be_bytes());
    // IFD0 at 8: one entry, then the offset of IFD1 (at 26) or 0.
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    match thumbnail {
        None => tiff.extend_from_slice(&0u32.to_be_bytes()),
        Some(thumbnail) => {
            tiff.extend_from_slice(&26u32.to_be_bytes());
            // IFD1 at 26: two entries (30 bytes), then the JPEG at 56.
            tiff.extend_from_slice(&2u16.to_be_bytes());
            for (tag, value) in [(0x0201u16, 56u32), (0x0202, thumbnail.len() as u32)] {
                tiff.extend_from_slice(&tag.to_be_bytes());
                tiff.extend_from_slice(&4u16.to_be_bytes()); // LONG
                tiff.extend_from_slice(&1u32.to_be_bytes());
                tiff.extend_from_slice(&value.to_be_bytes());
            }
            tiff.extend_from_slice(&0u32.to_be_bytes());
            assert_eq!(tiff.len(), 56);
            tiff.extend_from_slice(thumbnail);
        }
    }
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

/// `jpeg` with `segment` inserted right after its SOI marker.
fn with_segment(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut bytes = jpeg[..2].to_vec();
    bytes.extend_from_slice(segment);
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

fn pixel(thumb: &Thumbnail, x: u32, y: u32) -> [u8; 4] {
    let at = ((y * thumb.width + x) * 4) as usize;
    thumb.rgba[at..at + 4].try_into().unwrap()
}

fn is_red(rgba: [u8; 4]) -> bool {
    rgba[0] > 200 && rgba[1] < 60 && rgba[2] < 60
}

fn is_blue(rgba: [u8; 4]) -> bool {
    rgba[0] < 60 && rgba[1] < 60 && rgba[2] > 200
}

/// 64 × 32: the left half red, the right half blue.
fn red_left_blue_right() -> RgbImage {
    RgbImage::from_fn(64, 32, |x, _| if x < 32 { Rgb([255, 0, 0]) } else { Rgb([0, 0, 255]) })
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    chunk
}

#[test]
fn crc32_matches_the_reference_value() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}

#[test]
fn a_12_megapixel_jpeg_thumbnails_to_256_by_192() {
    let bytes = jpeg(&gradient(4000, 3000, 0), 85);
    let start = Instant::now();
    let thumb = make_thumbnail(&bytes, 256, &DecodeLimits::default()).unwrap();
    eprintln!("4000 × 3000 JPEG → 256 px: {:?}", start.elapsed());
    assert_eq!((thumb.width, thumb.height), (256, 192));
    assert_eq!(thumb.rgba.len(), 256 * 192 * 4);
    // The gradient survives: dark top-left, red top-right, green bottom-left.
    let [r, g, _, a] = pixel(&thumb, 0, 0);
    assert!(r < 20 && g < 20 && a == 255);
    assert!(pixel(&thumb, 255, 0)[0] > 235);
    assert!(pixel(&thumb, 0, 191)[1] > 235);
}

#[test]
fn portrait_and_small_images_keep_their_shape() {
    let bytes = jpeg(&gradient(300, 1200, 0), 85);
    let thumb = make_thumbnail(&bytes, 256, &DecodeLimits::default()).unwrap();
    assert_eq!((thumb.width, thumb.height), (64, 256));
    let bytes = jpeg(&gradient(100, 50, 0), 85);
    let thumb = make_thumbnail(&bytes, 256, &DecodeLimits::default()).unwrap();
    assert_eq!((thumb.width, thumb.height), (100, 50));
}

#[test]
fn exif_orientation_6_rotates_clockwise() {
    let bytes = with_segment(&jpeg(&red_left_blue_right(), 95), &exif_app1(6, None));
    let thumb = make_thumbnail(&bytes, 256, &DecodeLimits::default()).unwrap();
    assert_eq!((thumb.width, thumb.height), (32, 64));
    // Turned 90° clockwise: the left (red) half is now on top.
    assert!(is_red(pixel(&thumb, 16, 8)), "{:?}", pixel(&thumb, 16, 8));
    assert!(is_blue(pixel(&thumb, 16, 56)), "{:?}", pixel(&thumb, 16, 56));
}

#[test]
fn every_exif_orientation_is_applied_after_resizing() {
    let plain = jpeg(&red_left_blue_right(), 95);
    for orientation in 1..=8u16 {
        let bytes = with_segment(&plain, &exif_app1(orientation, None));
        let thumb = make_thumbnail(&bytes, 32, &DecodeLimits::default()).unwrap();
        let swapped = orientation >= 5;
        let expected = if swapped { (16, 32) } else { (32, 16) };
        assert_eq!((thumb.width, thumb.height), expected, "orientation {orientation}");
        // Where the red (originally left) half ends up.
        let red_at = match orientation {
            1 | 4 => (4, 8),  // left
            2 | 3 => (28, 8), // right
            5 | 6 => (8, 4),  // top
            _ => (8, 28),     // bottom
        };
        assert!(is_red(pixel(&thumb, red_at.0, red_at.1)), "orientation {orientation}");
    }
}

#[test]
fn the_embedded_exif_thumbnail_is_decoded_and_oriented() {
    let preview = jpeg(&red_left_blue_right(), 90);
    let main = jpeg(&gradient(640, 320, 0), 85);
    let bytes = with_segment(&main, &exif_app1(6, Some(&preview)));
    let thumb = embedded_thumbnail(&bytes).unwrap();
    assert_eq!((thumb.width, thumb.height), (32, 64));
    assert!(is_red(pixel(&thumb, 16, 8)));
    // The real thumbnail is still the main image's.
    let real = make_thumbnail(&bytes, 128, &DecodeLimits::default()).unwrap();
    assert_eq!((real.width, real.height), (64, 128));

    assert_eq!(embedded_thumbnail(&main), None);
    assert_eq!(embedded_thumbnail(&with_segment(&main, &exif_app1(1, None))), None);
    assert_eq!(embedded_thumbnail(&[]), None);
    // A thumbnail pointer past the end, or to garbage, is no thumbnail.
    let broken = with_segment(&main, &exif_app1(1, Some(b"not a jpeg at all")));
    assert_eq!(embedded_thumbnail(&broken), None);
}

fn shared_photos() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/photos");
    let mut photos: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("jpg")))
        .collect();
    photos.sort();
    photos
}

#[test]
fn the_shared_test_photos_all_thumbnail() {
    let photos = shared_photos();
    assert!(!photos.is_empty());
    for path in photos {
        let bytes = std::fs::read(&path).unwrap();
        let thumb = make_thumbnail(&bytes, 256, &DecodeLimits::default())
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert!(thumb.width.max(thumb.height) <= 256 && thumb.width > 0 && thumb.height > 0);
        assert_eq!(thumb.rgba.len(), (thumb.width * thumb.height * 4) as usize);
        let _ = embedded_thumbnail(&bytes);
    }
}

#[test]
fn zero_bytes_is_an_error() {
    let error = make_thumbnail(&[], 256, &DecodeLimits::default()).unwrap_err();
    assert_eq!(error, ThumbError::Empty);
    assert_eq!(error.to_string(), "the file is empty (0 bytes)");
}

#[test]
fn a_text_file_is_not_an_image() {
    let error = make_thumbnail(b"Caption: the mayor, left, at the opening.\n", 256, &DecodeLimits::default());
    assert_eq!(error.unwrap_err().to_string(), UNSUPPORTED);
}

#[test]
fn a_truncated_jpeg_is_an_error_at_every_cut_point() {
    let whole = with_segment(&jpeg(&gradient(300, 200, 7), 85), &exif_app1(6, Some(&jpeg(&gradient(40, 30, 1), 80))));
    let mut cuts: Vec<usize> = (1..700.min(whole.len())).collect();
    cuts.extend((700..whole.len()).step_by(97));
    cuts.extend(whole.len() - 3..whole.len());
    for cut in cuts {
        let result = make_thumbnail(&whole[..cut], 64, &DecodeLimits::default());
        let _ = embedded_thumbnail(&whole[..cut]);
        match result {
            Err(ThumbError::Unsupported) => assert!(cut < 3, "cut at {cut}"),
            Err(ThumbError::Damaged(message)) => assert!(!message.is_empty()),
            Err(other) => panic!("cut at {cut}: unexpected {other}"),
            Ok(_) => panic!("cut at {cut}: decoded"),
        }
    }
}

#[test]
fn damaged_jpeg_message_is_plain() {
    let whole = jpeg(&gradient(300, 200, 7), 85);
    let error = make_thumbnail(&whole[..200], 64, &DecodeLimits::default()).unwrap_err();
    assert!(error.to_string().starts_with("the file is cut short or damaged: "), "{error}");
}

/// A PNG whose header claims `width` × `height` RGBA pixels, with a valid
/// CRC, a scrap of image data and an end.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA, deflate, adaptive, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

#[test]
fn a_png_claiming_100000_by_100000_pixels_is_refused_before_decoding() {
    // Refused on the header: decoding would have failed on the missing
    // pixel data (or the memory) instead, with another error.
    let error = make_thumbnail(&png_claiming(100_000, 100_000), 256, &DecodeLimits::default()).unwrap_err();
    assert_eq!(error, ThumbError::TooManyPixels { width: 100_000, height: 100_000, limit: 200_000_000 });
    assert_eq!(error.to_string(), "the image is 100000 × 100000 pixels, more than the 200-megapixel limit");
    // Under the pixel limit but over the memory limit.
    let limits = DecodeLimits { max_pixels: u64::MAX, max_alloc_bytes: 1 << 20 };
    let error = make_thumbnail(&png_claiming(1000, 1000), 256, &limits).unwrap_err();
    assert!(matches!(error, ThumbError::TooMuchMemory { .. }), "{error}");
    // Within the limits, the missing pixel data is damage.
    let error = make_thumbnail(&png_claiming(1000, 1000), 256, &DecodeLimits::default()).unwrap_err();
    assert!(matches!(error, ThumbError::Damaged(_)), "{error}");
}

#[test]
fn png_webp_and_tiff_thumbnail_too() {
    let image = DynamicImage::ImageRgb8(gradient(600, 400, 3));
    for format in [image::ImageFormat::Png, image::ImageFormat::WebP, image::ImageFormat::Tiff] {
        let mut bytes = Vec::new();
        image.write_to(&mut Cursor::new(&mut bytes), format).unwrap();
        let thumb = make_thumbnail(&bytes, 150, &DecodeLimits::default()).unwrap();
        assert_eq!((thumb.width, thumb.height), (150, 100), "{format:?}");
    }
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    assert_eq!(make_thumbnail(gif, 150, &DecodeLimits::default()), Err(ThumbError::Unsupported));
}

// The service.

/// Polls until the service is idle, collecting every result.
fn wait_idle(service: &ThumbnailService) -> Vec<ThumbResult> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut results = Vec::new();
    loop {
        let idle = service.pending() == 0;
        results.extend(service.take_results());
        if idle {
            return results;
        }
        assert!(Instant::now() < deadline, "the service did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn request(project: &Path, photo: &Path, key: &str) -> ThumbRequest {
    ThumbRequest { key: key.to_owned(), photo: photo.to_owned(), project_dir: project.to_owned(), max_edge: 128 }
}

#[test]
fn the_service_makes_each_thumbnail_once_then_serves_it_from_the_disk_cache() {
    let project = tempfile::tempdir().unwrap();
    let mut photos = Vec::new();
    for index in 0..10u8 {
        let bytes = jpeg(&gradient(640, 480, index * 20), 85);
        let key = blake3::hash(&bytes).to_hex().to_string();
        let path = project.path().join(format!("photo-{index}.jpg"));
        std::fs::write(&path, &bytes).unwrap();
        photos.push((key, path));
    }

    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let service = ThumbnailService::new(DecodeLimits::default(), move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    for (key, path) in &photos {
        assert!(service.request(request(project.path(), path, key)));
    }
    // Asked again while queued or in progress: coalesced.
    let mut coalesced = 0;
    for (key, path) in &photos {
        if !service.request(request(project.path(), path, key)) {
            coalesced += 1;
        }
    }
    let results = wait_idle(&service);
    assert_eq!(results.len(), 10 + (10 - coalesced));
    assert_eq!(calls.load(Ordering::SeqCst), results.len());
    // Progress counts from the last empty queue (a request that was not
    // coalesced may have come after the queue emptied).
    let (done, total) = service.done_total();
    assert!(done == total && (1..=10 + (10 - coalesced)).contains(&total), "{done} / {total}");
    for (key, _) in &photos {
        let mine: Vec<&ThumbResult> = results.iter().filter(|result| &result.key == key).collect();
        assert!(!mine.is_empty() && mine.len() <= 2);
        for result in mine {
            let thumb = result.thumbnail.as_ref().unwrap();
            assert_eq!((thumb.width, thumb.height), (128, 96));
            assert!(!result.preliminary && !result.missing && result.cache_error.is_none());
            // A second request that was not coalesced may find the cache.
        }
        assert!(thumb_cache::thumb_path(project.path(), key, 128).is_file());
    }
    assert!(project.path().join(thumb_cache::CACHE_DIR).join(".gitignore").is_file());
    drop(service);

    // A new service finds them all on disk: the photos are gone, so
    // nothing can have been decoded.
    for (_, path) in &photos {
        std::fs::remove_file(path).unwrap();
    }
    let service = ThumbnailService::new(DecodeLimits::default(), || {});
    for (key, path) in &photos {
        assert!(service.request(request(project.path(), path, key)));
    }
    let results = wait_idle(&service);
    assert_eq!(results.len(), 10);
    assert!(results.iter().all(|result| result.from_cache && result.thumbnail.is_ok()));
    // Progress counts from the last time the queue ran empty; cache hits are
    // so quick that it may have emptied between two requests.
    let (done, total) = service.done_total();
    assert!(done == total && (1..=10).contains(&total), "{done} / {total}");
}

#[test]
fn duplicate_requests_are_coalesced() {
    let project = tempfile::tempdir().unwrap();
    let path = project.path().join("big.jpg");
    std::fs::write(&path, jpeg(&gradient(2000, 1500, 0), 85)).unwrap();
    // One worker, busy with the first request while the rest are queued.
    let service = ThumbnailService::with_workers(1, DecodeLimits::default(), || {});
    assert!(service.request(request(project.path(), &path, "first")));
    assert!(service.request(request(project.path(), &path, "second")));
    for _ in 0..5 {
        assert!(!service.request(request(project.path(), &path, "second")));
    }
    // Another size of the same photo is another thumbnail.
    assert!(service.request(ThumbRequest { max_edge: 64, ..request(project.path(), &path, "second") }));
    assert_eq!(service.pending(), 3);
    let results = wait_idle(&service);
    assert_eq!(results.len(), 3);
    assert_eq!(service.done_total(), (3, 3));
}

#[test]
fn the_embedded_preview_arrives_before_the_thumbnail() {
    let project = tempfile::tempdir().unwrap();
    let preview = jpeg(&red_left_blue_right(), 90);
    let bytes = with_segment(&jpeg(&gradient(640, 320, 0), 85), &exif_app1(1, Some(&preview)));
    let path = project.path().join("camera.jpg");
    std::fs::write(&path, bytes).unwrap();
    let service = ThumbnailService::new(DecodeLimits::default(), || {});
    service.request(request(project.path(), &path, "camera"));
    let results = wait_idle(&service);
    assert_eq!(results.len(), 2);
    assert!(results[0].preliminary);
    assert_eq!(results[0].thumbnail.as_ref().unwrap().width, 64);
    assert!(!results[1].preliminary);
    assert_eq!(results[1].thumbnail.as_ref().unwrap().width, 128);
}

#[test]
fn broken_and_missing_files_give_error_results() {
    let project = tempfile::tempdir().unwrap();
    let text = project.path().join("notes.jpg");
    std::fs::write(&text, "This is not a photo.\n").unwrap();
    let empty = project.path().join("empty.jpg");
    std::fs::write(&empty, "").unwrap();
    let service = ThumbnailService::new(DecodeLimits::default(), || {});
    service.request(request(project.path(), &text, "text"));
    service.request(request(project.path(), &empty, "empty"));
    service.request(request(project.path(), &project.path().join("gone.jpg"), "gone"));
    let mut results = wait_idle(&service);
    results.sort_by(|a, b| a.key.cmp(&b.key));
    let keys: Vec<&str> = results.iter().map(|result| result.key.as_str()).collect();
    assert_eq!(keys, ["empty", "gone", "text"]);
    assert_eq!(results[0].thumbnail, Err("the file is empty (0 bytes)".to_owned()));
    assert!(results[1].missing);
    assert!(results[1].thumbnail.as_ref().unwrap_err().contains("gone.jpg"));
    assert_eq!(results[2].thumbnail, Err(UNSUPPORTED.to_owned()));
    assert!(!results[0].missing && !results[2].missing);
    // Nothing is cached for a failure.
    assert!(!thumb_cache::thumb_path(project.path(), "text", 128).exists());
}

#[test]
fn zoomed_previews_are_made_full_size_but_not_cached() {
    let project = tempfile::tempdir().unwrap();
    let path = project.path().join("big.jpg");
    std::fs::write(&path, jpeg(&gradient(3000, 2000, 0), 90)).unwrap();
    let service = ThumbnailService::with_workers(1, DecodeLimits::default(), || {});
    service.request(ThumbRequest { max_edge: 4096, ..request(project.path(), &path, "zoom") });
    let results = wait_idle(&service);
    let made = results.iter().find(|result| !result.preliminary).and_then(|result| result.thumbnail.as_ref().ok());
    assert_eq!(made.map(|thumb| (thumb.width, thumb.height)), Some((3000, 2000)), "not enlarged, not shrunk");
    assert!(!thumb_cache::thumb_path(project.path(), "zoom", 4096).exists());
    const { assert!(MAX_CACHED_EDGE >= 1280, "the detail preview is cached") };
}

/// Dropping the service neither waits for the workers nor lets them work
/// through the queue. `on_result` (called on a worker after each result)
/// reports the result, then holds its worker until the test opens the gate,
/// so no worker can make more than one thumbnail before then: a drop that
/// waited for a worker would never return while the gate is shut.
#[test]
fn dropping_the_service_returns_promptly() {
    let project = tempfile::tempdir().unwrap();
    let path = project.path().join("photo.jpg");
    std::fs::write(&path, jpeg(&gradient(800, 600, 0), 90)).unwrap();
    let generous = Duration::from_secs(60);
    let (results_tx, results_rx) = std::sync::mpsc::channel::<()>();
    let (gate_tx, gate_rx) = std::sync::mpsc::channel::<()>();
    let gate = std::sync::Mutex::new(gate_rx);
    let workers = 2;
    let service = ThumbnailService::with_workers(workers, DecodeLimits::default(), move || {
        // The receiver lives until the end of the test.
        let _ = results_tx.send(());
        // Nothing is ever sent: this returns when the gate is opened (its
        // sender dropped).
        let _ = gate.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
    });
    for index in 0..50 {
        assert!(
            service.request(ThumbRequest { max_edge: 256, ..request(project.path(), &path, &format!("k{index}")) })
        );
    }
    // A worker has made a thumbnail and is held: the service is busy.
    results_rx.recv_timeout(generous).expect("a first thumbnail");

    let (dropped_tx, dropped_rx) = std::sync::mpsc::channel();
    let dropper = std::thread::spawn(move || {
        drop(service);
        dropped_tx.send(()).unwrap();
    });
    let returned = dropped_rx.recv_timeout(generous);
    // Let the workers go (also when the drop hung, so the test can end).
    drop(gate_tx);
    returned.expect("dropping the service returns while a worker is busy");
    dropper.join().unwrap();

    // The workers end after the image in hand: the last of them drops
    // `on_result`, which disconnects the channel. The 48 or more requests
    // still queued were forgotten.
    let mut made = 1;
    loop {
        match results_rx.recv_timeout(generous) {
            Ok(()) => made += 1,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("a worker still runs after the drop"),
        }
    }
    assert!(made <= workers, "{made} thumbnails made, more than the {workers} in hand when the service was dropped");
}

/// `cargo test --release --test thumbs -- --ignored --nocapture`
#[test]
#[ignore = "a timing, not a check"]
fn time_a_24_megapixel_jpeg() {
    // A smooth image, and a noisy one about the size of a real camera file.
    let noisy = RgbImage::from_fn(6000, 4000, |x, y| {
        let hash = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).wrapping_mul(2_246_822_519);
        let [a, b, c, _] = hash.to_le_bytes();
        Rgb([(x / 24) as u8 / 2 + a / 16, (y / 16) as u8 / 2 + b / 16, c / 16 + 100])
    });
    for (bytes, edge) in [(jpeg(&gradient(6000, 4000, 0), 85), 256), (jpeg(&noisy, 85), 256), (jpeg(&noisy, 85), 1024)]
    {
        let start = Instant::now();
        let runs = 5;
        for _ in 0..runs {
            make_thumbnail(&bytes, edge, &DecodeLimits::default()).unwrap();
        }
        eprintln!("6000 × 4000 JPEG ({} KB) → {edge} px: {:?} each", bytes.len() / 1024, start.elapsed() / runs);
    }
}
