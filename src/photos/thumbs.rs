//! Thumbnails: decoding with limits, EXIF orientation, reduced-scale JPEG
//! decoding, and a pool of worker threads that makes them off the UI thread.
//!
//! [`make_thumbnail`] and [`embedded_thumbnail`] work on bytes and touch no
//! files. [`ThumbnailService`] runs them on background threads and goes
//! through [`crate::storage::thumb_cache`] for the photo file and the disk
//! cache.
//!
//! Safety against hostile files: the image size in the header is checked
//! against [`DecodeLimits`] before anything is decoded, the decoders get the
//! same limits, and a panic inside a decoder becomes a [`ThumbError`].

use std::collections::{HashSet, VecDeque};
use std::io::Cursor;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, Luma};

use crate::storage::StorageError;
use crate::storage::thumb_cache;

/// The largest photo file the [`ThumbnailService`] reads, in bytes.
pub const MAX_PHOTO_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// The largest embedded EXIF thumbnail decoded, in pixels. Real ones are
/// about 160 × 120; anything much larger is not a preview.
const MAX_EMBEDDED_PIXELS: u64 = 4_000_000;

pub use crate::storage::thumb_cache::Thumbnail;

impl Thumbnail {
    fn from_image(image: DynamicImage) -> Self {
        let rgba = image.into_rgba8();
        Thumbnail { width: rgba.width(), height: rgba.height(), rgba: rgba.into_raw() }
    }
}

/// How large an image Copydesk agrees to decode, so that a hostile or
/// broken file cannot exhaust memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    /// The most pixels (width × height, as the file's header claims).
    pub max_pixels: u64,
    /// The most bytes a decoder may allocate for one image.
    pub max_alloc_bytes: u64,
}

impl Default for DecodeLimits {
    /// 200 megapixels and 1 GiB: larger than any camera's photos.
    fn default() -> Self {
        DecodeLimits { max_pixels: 200_000_000, max_alloc_bytes: 1024 * 1024 * 1024 }
    }
}

/// Why a thumbnail could not be made, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThumbError {
    /// The file has no bytes at all.
    #[error("the file is empty (0 bytes)")]
    Empty,
    /// Not a JPEG, PNG, WebP or TIFF file.
    #[error("not an image Copydesk can read (JPEG, PNG, WebP, TIFF)")]
    Unsupported,
    /// A supported format, but a variant of it the decoder cannot read.
    #[error("the image uses a feature Copydesk cannot read: {0}")]
    UnsupportedFeature(String),
    /// The header claims more pixels than the limit.
    #[error("the image is {width} × {height} pixels, more than the {}-megapixel limit", megapixels(*.limit))]
    TooManyPixels {
        /// Width from the header.
        width: u32,
        /// Height from the header.
        height: u32,
        /// The limit, in pixels.
        limit: u64,
    },
    /// Decoding would need more memory than the limit.
    #[error("decoding the image needs more than the {} MB of memory Copydesk allows for one image", .limit / 1_000_000)]
    TooMuchMemory {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The data ends early or is corrupt.
    #[error("the file is cut short or damaged: {0}")]
    Damaged(String),
}

/// `200_000_000` → "200", `500_000` → "0.5", `5_000` → "0.005".
fn megapixels(pixels: u64) -> String {
    if pixels.is_multiple_of(1_000_000) {
        (pixels / 1_000_000).to_string()
    } else {
        // Precision loss is irrelevant for a message.
        #[allow(clippy::cast_precision_loss)]
        let value = pixels as f64 / 1_000_000.0;
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Makes a thumbnail of the image in `bytes` whose longer side is at most
/// `max_edge` pixels (images already smaller are not enlarged), turned the
/// right way up by its EXIF orientation.
///
/// JPEGs are decoded at the smallest DCT scale (1/8, 1/4, 1/2 or full) that
/// is still at least `max_edge` on the long side, which is several times
/// faster than a full decode. PNG, WebP and TIFF go through `image` with
/// `limits`. The header's size is checked before any pixel is decoded, and
/// a panic inside a decoder is returned as [`ThumbError::Damaged`].
pub fn make_thumbnail(bytes: &[u8], max_edge: u32, limits: &DecodeLimits) -> Result<Thumbnail, ThumbError> {
    guarded(|| {
        let max_edge = max_edge.max(1);
        let image = decode(bytes, Some(max_edge), limits)?;
        let mut image = shrink_to_fit(image, max_edge);
        image.apply_orientation(orientation(bytes));
        Ok(Thumbnail::from_image(image))
    })
}

/// The small JPEG preview a camera stores in the EXIF data (IFD1,
/// `JPEGInterchangeFormat`/`JPEGInterchangeFormatLength`), decoded and
/// turned the right way up, or `None` when there is none or it is broken.
/// Decoding it takes well under a millisecond: show it while the real
/// thumbnail is made.
pub fn embedded_thumbnail(bytes: &[u8]) -> Option<Thumbnail> {
    guarded(|| {
        let Some(exif) = read_exif(bytes) else { return Ok(None) };
        let field = |tag| {
            exif.get_field(tag, exif::In::THUMBNAIL)
                .and_then(|field| field.value.get_uint(0))
                .and_then(|value| usize::try_from(value).ok())
        };
        let (Some(offset), Some(length)) =
            (field(exif::Tag::JPEGInterchangeFormat), field(exif::Tag::JPEGInterchangeFormatLength))
        else {
            return Ok(None);
        };
        let Some(jpeg) = offset.checked_add(length).and_then(|end| exif.buf().get(offset..end)) else {
            return Ok(None);
        };
        let limits = DecodeLimits { max_pixels: MAX_EMBEDDED_PIXELS, max_alloc_bytes: MAX_EMBEDDED_PIXELS * 16 };
        let mut image = decode_jpeg(jpeg, None, &limits)?;
        image.apply_orientation(orientation_in(&exif));
        Ok(Some(Thumbnail::from_image(image)))
    })
    .ok()
    .flatten()
}

/// Runs `work`, turning a panic into [`ThumbError::Damaged`].
pub(super) fn guarded<T>(work: impl FnOnce() -> Result<T, ThumbError>) -> Result<T, ThumbError> {
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_owned());
        Err(ThumbError::Damaged(format!("the image decoder failed on it ({detail})")))
    })
}

/// Decodes `bytes`; JPEGs at a reduced scale when `max_edge` is given.
pub(super) fn decode(bytes: &[u8], max_edge: Option<u32>, limits: &DecodeLimits) -> Result<DynamicImage, ThumbError> {
    if bytes.is_empty() {
        return Err(ThumbError::Empty);
    }
    let format = image::guess_format(bytes).map_err(|_| ThumbError::Unsupported)?;
    match format {
        ImageFormat::Jpeg => match decode_jpeg(bytes, max_edge, limits) {
            // jpeg-decoder lacks a few rare features (arithmetic coding…):
            // give `image`'s own JPEG decoder a chance.
            Err(ThumbError::UnsupportedFeature(_)) => decode_with_image(bytes, format, limits),
            decoded => decoded,
        },
        ImageFormat::Png | ImageFormat::WebP | ImageFormat::Tiff => decode_with_image(bytes, format, limits),
        _ => Err(ThumbError::Unsupported),
    }
}

/// Refuses images whose header claims more pixels than the limit.
fn check_pixels(width: u32, height: u32, limits: &DecodeLimits) -> Result<(), ThumbError> {
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ThumbError::TooManyPixels { width, height, limit: limits.max_pixels });
    }
    if width == 0 || height == 0 {
        return Err(ThumbError::Damaged(format!("the header says the image is {width} × {height} pixels")));
    }
    Ok(())
}

/// Refuses decodes that would need more than the memory limit.
fn check_memory(bytes: u64, limits: &DecodeLimits) -> Result<(), ThumbError> {
    if bytes > limits.max_alloc_bytes {
        return Err(ThumbError::TooMuchMemory { limit: limits.max_alloc_bytes });
    }
    Ok(())
}

/// Decodes a JPEG with jpeg-decoder, at the smallest DCT scale whose long
/// side is still at least `max_edge` (full size when `None`).
fn decode_jpeg(bytes: &[u8], max_edge: Option<u32>, limits: &DecodeLimits) -> Result<DynamicImage, ThumbError> {
    use jpeg_decoder::PixelFormat;

    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_alloc_bytes).unwrap_or(usize::MAX));
    decoder.read_info().map_err(jpeg_error)?;
    let Some(info) = decoder.info() else {
        return Err(ThumbError::Damaged("there is no image header".to_owned()));
    };
    check_pixels(info.width.into(), info.height.into(), limits)?;
    let (width, height) = match max_edge {
        Some(edge) => {
            let edge = u16::try_from(edge).unwrap_or(u16::MAX);
            decoder.scale(edge, edge).map_err(jpeg_error)?
        }
        None => (info.width, info.height),
    };
    let (width, height) = (u32::from(width), u32::from(height));
    let pixels = u64::from(width) * u64::from(height);
    let channels = info.pixel_format.pixel_bytes() as u64;
    // The decoder's component planes, its output, and our RGB(A) copies;
    // a progressive JPEG also keeps every DCT coefficient (2 bytes each) at
    // full size, whatever the scale.
    let coefficients = match info.coding_process {
        jpeg_decoder::CodingProcess::DctProgressive => u64::from(info.width) * u64::from(info.height) * channels * 2,
        _ => 0,
    };
    check_memory(pixels * (2 * channels + 4) + coefficients, limits)?;
    let data = decoder.decode().map_err(jpeg_error)?;
    let expected = usize::try_from(pixels * channels).unwrap_or(usize::MAX);
    if data.len() != expected {
        return Err(ThumbError::UnsupportedFeature(format!(
            "a JPEG layout that decodes to {} bytes instead of {expected}",
            data.len()
        )));
    }
    let wrong_size = || ThumbError::Damaged("the decoded pixels do not match the image size".to_owned());
    let image = match info.pixel_format {
        PixelFormat::L8 => DynamicImage::ImageLuma8(ImageBuffer::from_raw(width, height, data).ok_or_else(wrong_size)?),
        PixelFormat::L16 => {
            let samples: Vec<u16> =
                data.chunks_exact(2).map(|pair| pair.try_into().map_or(0, u16::from_ne_bytes)).collect();
            let buffer: ImageBuffer<Luma<u16>, Vec<u16>> =
                ImageBuffer::from_raw(width, height, samples).ok_or_else(wrong_size)?;
            DynamicImage::ImageLuma16(buffer)
        }
        PixelFormat::RGB24 => {
            DynamicImage::ImageRgb8(ImageBuffer::from_raw(width, height, data).ok_or_else(wrong_size)?)
        }
        PixelFormat::CMYK32 => {
            let rgb = cmyk_to_rgb(&data);
            DynamicImage::ImageRgb8(ImageBuffer::from_raw(width, height, rgb).ok_or_else(wrong_size)?)
        }
    };
    Ok(image)
}

/// jpeg-decoder's CMYK output (not inverted) to RGB, the naive way: no
/// colour management, good enough for a thumbnail.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for pixel in cmyk.chunks_exact(4) {
        let &[c, m, y, k] = pixel else { continue };
        let white = 255 - u16::from(k);
        for ink in [c, m, y] {
            let value = (255 - u16::from(ink)) * white / 255;
            rgb.push(u8::try_from(value).unwrap_or(u8::MAX));
        }
    }
    rgb
}

fn jpeg_error(error: jpeg_decoder::Error) -> ThumbError {
    match error {
        jpeg_decoder::Error::Unsupported(feature) => ThumbError::UnsupportedFeature(format!("{feature:?}")),
        jpeg_decoder::Error::Io(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => {
            ThumbError::Damaged("it ends before the image does".to_owned())
        }
        jpeg_decoder::Error::Io(error) => ThumbError::Damaged(error.to_string()),
        jpeg_decoder::Error::Format(message) => ThumbError::Damaged(message),
        jpeg_decoder::Error::Internal(error) => ThumbError::Damaged(error.to_string()),
    }
}

/// Decodes a PNG, WebP or TIFF (or an unusual JPEG) with `image`: the
/// header first, checked against the limits, then the pixels.
fn decode_with_image(bytes: &[u8], format: ImageFormat, limits: &DecodeLimits) -> Result<DynamicImage, ThumbError> {
    let mut image_limits = Limits::default();
    image_limits.max_image_width = None;
    image_limits.max_image_height = None;
    image_limits.max_alloc = Some(limits.max_alloc_bytes);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // Only the header is read here: no limit on the claimed size yet, so
    // that an oversized image is refused with our own message below.
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|error| image_error(error, limits))?;
    let (width, height) = decoder.dimensions();
    check_pixels(width, height, limits)?;
    check_memory(decoder.total_bytes(), limits)?;
    image_limits.max_image_width = Some(width);
    image_limits.max_image_height = Some(height);
    decoder.set_limits(image_limits).map_err(|error| image_error(error, limits))?;
    DynamicImage::from_decoder(decoder).map_err(|error| image_error(error, limits))
}

fn image_error(error: ImageError, limits: &DecodeLimits) -> ThumbError {
    match error {
        ImageError::Limits(_) => ThumbError::TooMuchMemory { limit: limits.max_alloc_bytes },
        ImageError::Unsupported(error) => ThumbError::UnsupportedFeature(error.to_string()),
        ImageError::IoError(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => {
            ThumbError::Damaged("it ends before the image does".to_owned())
        }
        other => ThumbError::Damaged(other.to_string()),
    }
}

/// Scales `image` down so its longer side is `max_edge`; smaller images are
/// returned as they are.
pub(super) fn shrink_to_fit(image: DynamicImage, max_edge: u32) -> DynamicImage {
    let (width, height) = (image.width(), image.height());
    let long = width.max(height);
    if long <= max_edge {
        return image;
    }
    let scaled = |side: u32| {
        let value = (u64::from(side) * u64::from(max_edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(value).unwrap_or(max_edge).clamp(1, max_edge)
    };
    image.resize_exact(scaled(width), scaled(height), FilterType::Triangle)
}

fn read_exif(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()
}

/// The EXIF orientation of the image in `bytes` (none when unreadable).
pub(super) fn orientation(bytes: &[u8]) -> Orientation {
    read_exif(bytes).map_or(Orientation::NoTransforms, |exif| orientation_in(&exif))
}

fn orientation_in(exif: &exif::Exif) -> Orientation {
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|field| field.value.get_uint(0))
        .and_then(|value| u8::try_from(value).ok())
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms)
}

/// A thumbnail to make: which photo, at what size, cached where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThumbRequest {
    /// The photo's content hash: names the cache file and identifies the
    /// result. Requests with the same key and size are made once.
    pub key: String,
    /// The photo file.
    pub photo: PathBuf,
    /// The project folder, whose cache folder keeps the thumbnail.
    pub project_dir: PathBuf,
    /// The longest side of the thumbnail, in pixels.
    pub max_edge: u32,
}

/// A thumbnail (or why there is none), as [`ThumbnailService::take_results`]
/// hands it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThumbResult {
    /// The request's key.
    pub key: String,
    /// The request's size.
    pub max_edge: u32,
    /// The thumbnail, or the message for an error tile.
    pub thumbnail: Result<Thumbnail, String>,
    /// The camera's embedded preview, shown until the final result for the
    /// same key arrives. Its size need not be `max_edge`.
    pub preliminary: bool,
    /// Read from the disk cache, not decoded.
    pub from_cache: bool,
    /// The photo file does not exist: show a "missing" tile with relink.
    pub missing: bool,
    /// The thumbnail was made but could not be saved in the cache (it will
    /// be made again next time).
    pub cache_error: Option<String>,
}

impl ThumbResult {
    fn new(request: &ThumbRequest, thumbnail: Result<Thumbnail, String>) -> Self {
        ThumbResult {
            key: request.key.clone(),
            max_edge: request.max_edge,
            thumbnail,
            preliminary: false,
            from_cache: false,
            missing: false,
            cache_error: None,
        }
    }
}

/// Makes thumbnails on a pool of background threads, one per core: each
/// looks in the disk cache, else reads the photo, sends its embedded
/// preview (a preliminary result), makes the thumbnail, saves it in the
/// cache and sends it. The UI polls [`take_results`](Self::take_results)
/// and never waits.
///
/// Dropping the service returns at once: queued requests are forgotten and
/// each worker ends after the image it is working on, without being joined.
pub struct ThumbnailService {
    shared: Arc<Shared>,
    /// Set when no worker thread could be started; every request then fails
    /// with this message.
    start_error: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    limits: DecodeLimits,
    on_result: Box<dyn Fn() + Send + Sync>,
}

#[derive(Default)]
struct State {
    queue: VecDeque<ThumbRequest>,
    /// Key and size of every request queued or being worked on.
    in_flight: HashSet<(String, u32)>,
    results: Vec<ThumbResult>,
    /// Finished and accepted requests since the service was last idle.
    done: usize,
    total: usize,
    stopping: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stopping(&self) -> bool {
        self.lock().stopping
    }

    /// Hands a result over; a final one ends its request.
    fn send(&self, request: &ThumbRequest, result: ThumbResult) {
        {
            let mut state = self.lock();
            if !result.preliminary {
                state.in_flight.remove(&(request.key.clone(), request.max_edge));
                state.done += 1;
            }
            state.results.push(result);
        }
        (self.on_result)();
    }
}

impl ThumbnailService {
    /// Starts one worker per core. `on_result` is called (on a worker
    /// thread) after each result; the app passes `ctx.request_repaint`.
    pub fn new(limits: DecodeLimits, on_result: impl Fn() + Send + Sync + 'static) -> Self {
        let workers = thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Self::with_workers(workers, limits, on_result)
    }

    /// Starts `workers` worker threads (at least one).
    pub fn with_workers(workers: usize, limits: DecodeLimits, on_result: impl Fn() + Send + Sync + 'static) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
            limits,
            on_result: Box::new(on_result),
        });
        let mut started = 0;
        let mut start_error = None;
        for index in 0..workers.max(1) {
            let worker_shared = Arc::clone(&shared);
            match thread::Builder::new().name(format!("thumbnails-{index}")).spawn(move || work(&worker_shared)) {
                Ok(_) => started += 1,
                Err(error) => start_error = Some(format!("could not start a thumbnail thread ({error})")),
            }
        }
        ThumbnailService { shared, start_error: if started == 0 { start_error } else { None } }
    }

    /// Asks for a thumbnail. Returns `false` when the same key and size is
    /// already queued or being made: its result will answer this request too.
    pub fn request(&self, request: ThumbRequest) -> bool {
        {
            let mut state = self.shared.lock();
            if !state.in_flight.insert((request.key.clone(), request.max_edge)) {
                return false;
            }
            if state.in_flight.len() == 1 {
                state.done = 0;
                state.total = 0;
            }
            state.total += 1;
            if self.start_error.is_none() {
                state.queue.push_back(request);
                drop(state);
                self.shared.wake.notify_one();
                return true;
            }
        }
        let message = self.start_error.clone().unwrap_or_default();
        self.shared.send(&request, ThumbResult::new(&request, Err(message)));
        true
    }

    /// The results that arrived since the last call, oldest first.
    pub fn take_results(&self) -> Vec<ThumbResult> {
        std::mem::take(&mut self.shared.lock().results)
    }

    /// How many requests are queued or being worked on.
    pub fn pending(&self) -> usize {
        self.shared.lock().in_flight.len()
    }

    /// For a progress bar: `(done, total)` requests since the service was
    /// last idle. When idle, both equal the size of the last batch.
    pub fn done_total(&self) -> (usize, usize) {
        let state = self.shared.lock();
        (state.done, state.total)
    }
}

impl Drop for ThumbnailService {
    fn drop(&mut self) {
        {
            let mut state = self.shared.lock();
            state.stopping = true;
            state.queue.clear();
        }
        self.shared.wake.notify_all();
    }
}

/// A worker thread: takes requests until the service is dropped.
fn work(shared: &Shared) {
    loop {
        let request = {
            let mut state = shared.lock();
            loop {
                if state.stopping {
                    return;
                }
                if let Some(request) = state.queue.pop_front() {
                    break request;
                }
                state = shared.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
            }
        };
        make_one(shared, &request);
    }
}

/// The largest thumbnail kept in the disk cache. Bigger ones (a preview
/// zoomed in to check focus) are decoded again when asked: a 4,096-pixel
/// PNG costs more to write and read back than the JPEG does to decode.
pub const MAX_CACHED_EDGE: u32 = 2048;

/// Cache, else file → embedded preview → thumbnail → cache.
fn make_one(shared: &Shared, request: &ThumbRequest) {
    let cache_path = thumb_cache::thumb_path(&request.project_dir, &request.key, request.max_edge);
    let cached = request.max_edge <= MAX_CACHED_EDGE;
    if cached && let Some(thumbnail) = thumb_cache::read_thumb(&cache_path) {
        let result = ThumbResult { from_cache: true, ..ThumbResult::new(request, Ok(thumbnail)) };
        shared.send(request, result);
        return;
    }
    let bytes = match thumb_cache::read_photo_file(&request.photo, MAX_PHOTO_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(error) => {
            let missing =
                matches!(&error, StorageError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound);
            let result = ThumbResult { missing, ..ThumbResult::new(request, Err(error.to_string())) };
            shared.send(request, result);
            return;
        }
    };
    if let Some(preview) = embedded_thumbnail(&bytes) {
        shared.send(request, ThumbResult { preliminary: true, ..ThumbResult::new(request, Ok(preview)) });
    }
    if shared.stopping() {
        return;
    }
    let result = match make_thumbnail(&bytes, request.max_edge, &shared.limits) {
        Ok(thumbnail) => {
            let cache_error = if cached {
                thumb_cache::write_thumb(&cache_path, &thumbnail).err().map(|error| error.to_string())
            } else {
                None
            };
            ThumbResult { cache_error, ..ThumbResult::new(request, Ok(thumbnail)) }
        }
        Err(error) => ThumbResult::new(request, Err(error.to_string())),
    };
    shared.send(request, result);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Vec::new();
        image.write_to(&mut Cursor::new(&mut bytes), format).unwrap();
        bytes
    }

    #[test]
    fn png_is_shrunk_to_fit_and_small_images_are_not_enlarged() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(300, 100, image::Rgb([10, 20, 30])));
        let bytes = encode(&image, ImageFormat::Png);
        let thumb = make_thumbnail(&bytes, 150, &DecodeLimits::default()).unwrap();
        assert_eq!((thumb.width, thumb.height), (150, 50));
        assert_eq!(thumb.rgba.len(), 150 * 50 * 4);
        assert_eq!(thumb.rgba.get(..4), Some(&[10, 20, 30, 255][..]));
        let thumb = make_thumbnail(&bytes, 1000, &DecodeLimits::default()).unwrap();
        assert_eq!((thumb.width, thumb.height), (300, 100));
    }

    #[test]
    fn jpeg_decodes_at_reduced_scale() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(800, 400, image::Rgb([200, 100, 50])));
        let bytes = encode(&image, ImageFormat::Jpeg);
        let decoded = decode(&bytes, Some(100), &DecodeLimits::default()).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (100, 50));
        let decoded = decode(&bytes, Some(101), &DecodeLimits::default()).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (200, 100));
    }

    #[test]
    fn limits_are_checked_before_decoding() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::new(100, 100));
        for format in [ImageFormat::Png, ImageFormat::Jpeg] {
            let bytes = encode(&image, format);
            let limits = DecodeLimits { max_pixels: 5_000, ..DecodeLimits::default() };
            let error = make_thumbnail(&bytes, 64, &limits).unwrap_err();
            assert_eq!(error.to_string(), "the image is 100 × 100 pixels, more than the 0.005-megapixel limit");
            let limits = DecodeLimits { max_alloc_bytes: 1_000, ..DecodeLimits::default() };
            assert!(matches!(make_thumbnail(&bytes, 64, &limits), Err(ThumbError::TooMuchMemory { .. })));
        }
    }

    #[test]
    fn cmyk_converts_to_rgb() {
        assert_eq!(cmyk_to_rgb(&[0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255]), vec![255, 255, 255, 0, 255, 255, 0, 0, 0]);
    }

    #[test]
    fn a_panic_becomes_an_error() {
        let result: Result<(), ThumbError> = guarded(|| panic!("boom"));
        assert_eq!(result, Err(ThumbError::Damaged("the image decoder failed on it (boom)".to_owned())));
    }
}
