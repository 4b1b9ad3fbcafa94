//! Decoding uploaded images into grey pages for OCR.
//!
//! The size an image declares in its header is checked against the pixel
//! limit before any pixel is decoded, so a small file that claims to be huge
//! (a decompression bomb) fails at once with the limit named. Decoding errors
//! and decoder panics become [`ParseError::CorruptImage`].

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use image::{GrayImage, ImageFormat, ImageReader, Limits};

use crate::ParseError;

/// The image formats read, as detected from their magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageKind {
    Png,
    Jpeg,
    Tiff,
    Bmp,
    Webp,
}

impl ImageKind {
    /// Every kind read.
    pub(crate) const ALL: [ImageKind; 5] =
        [ImageKind::Png, ImageKind::Jpeg, ImageKind::Tiff, ImageKind::Bmp, ImageKind::Webp];

    /// The format's name as the task reports it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpeg",
            ImageKind::Tiff => "tiff",
            ImageKind::Bmp => "bmp",
            ImageKind::Webp => "webp",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            ImageKind::Png => ImageFormat::Png,
            ImageKind::Jpeg => ImageFormat::Jpeg,
            ImageKind::Tiff => ImageFormat::Tiff,
            ImageKind::Bmp => ImageFormat::Bmp,
            ImageKind::Webp => ImageFormat::WebP,
        }
    }
}

/// The resolution assumed when the file does not state one: the usual for scans.
pub(crate) const DEFAULT_DPI: u32 = 300;

/// One page of an image, in grey, with the resolution it was scanned at.
#[derive(Debug, Clone)]
pub(crate) struct Raster {
    pub image: GrayImage,
    pub dpi: u32,
}

/// Decodes the image (its first frame) after checking its declared size.
pub(crate) fn decode(kind: ImageKind, bytes: &[u8], max_pixels: u64) -> Result<Raster, ParseError> {
    let corrupt = |cause: String| ParseError::CorruptImage { format: kind.name().to_owned(), cause };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), kind.format())
        .into_dimensions()
        .map_err(|e| corrupt(e.to_string()))?;
    check_size(1, u64::from(width), u64::from(height), max_pixels)?;
    let decoded = catch_unwind(AssertUnwindSafe(|| {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
        let mut limits = Limits::default();
        limits.max_image_width = Some(width);
        limits.max_image_height = Some(height);
        // Room for the decoded pixels in the widest format read (RGBA, 16 bits a channel).
        limits.max_alloc = Some(u64::from(width) * u64::from(height) * 8 + (64 << 20));
        reader.limits(limits);
        reader.decode()
    }));
    let image = match decoded {
        Ok(Ok(image)) => image,
        Ok(Err(error)) => return Err(corrupt(error.to_string())),
        Err(_) => return Err(corrupt("the decoder gave up".to_owned())),
    };
    let image = flatten(image);
    Ok(Raster { image, dpi: stated_dpi(kind, bytes).unwrap_or(DEFAULT_DPI) })
}

/// Every page of a TIFF, each checked against the pixel limit before it is
/// decoded. Grey (1, 8, 16 bits), grey with alpha, RGB and RGBA (8, 16 bits)
/// are read; `WhiteIsZero` is inverted by the decoder.
pub(crate) fn tiff_pages(bytes: &[u8], max_pixels: u64, max_pages: usize) -> Result<Vec<Raster>, ParseError> {
    let corrupt = |cause: String| ParseError::CorruptImage { format: "tiff".to_owned(), cause };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut decoder = tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
        let mut pages = Vec::new();
        loop {
            if pages.len() == max_pages {
                return Err(ParseError::TooManyImagePages { limit: max_pages });
            }
            let (width, height) = decoder.dimensions().map_err(|e| corrupt(e.to_string()))?;
            check_size(pages.len() + 1, u64::from(width), u64::from(height), max_pixels)?;
            let color = decoder.colortype().map_err(|e| corrupt(e.to_string()))?;
            let pixels = decoder.read_image().map_err(|e| corrupt(e.to_string()))?;
            let image = tiff_gray(width, height, color, pixels).ok_or_else(|| {
                corrupt(format!("page {} has pixels of a kind not read ({color:?})", pages.len() + 1))
            })?;
            let dpi = tiff_dpi(&mut decoder).and_then(plausible_dpi).unwrap_or(DEFAULT_DPI);
            pages.push(Raster { image, dpi });
            if !decoder.more_images() {
                return Ok(pages);
            }
            decoder.next_image().map_err(|e| corrupt(e.to_string()))?;
        }
    }));
    result.unwrap_or_else(|_| Err(corrupt("the decoder gave up".to_owned())))
}

/// A decoded TIFF page in grey, if its colour type is one that is read.
fn tiff_gray(
    width: u32,
    height: u32,
    color: tiff::ColorType,
    pixels: tiff::decoder::DecodingResult,
) -> Option<GrayImage> {
    use tiff::ColorType as C;
    use tiff::decoder::DecodingResult as D;
    let luma = |p: &[u16]| ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000) as u8;
    let gray: Vec<u8> = match (color, pixels) {
        (C::Gray(8), D::U8(p)) => p,
        (C::Gray(16), D::U16(p)) => p.iter().map(|v| (v >> 8) as u8).collect(),
        (C::Gray(1), D::U8(p)) => {
            // Rows of packed bits, each padded to a byte; 1 is white.
            let row_bytes = (width as usize).div_ceil(8);
            (0..height as usize)
                .flat_map(|y| (0..width as usize).map(move |x| (y, x)))
                .map(|(y, x)| {
                    p.get(y * row_bytes + x / 8).map_or(255, |b| if b & (0x80 >> (x % 8)) != 0 { 255 } else { 0 })
                })
                .collect()
        }
        (C::GrayA(8), D::U8(p)) => p.chunks_exact(2).map(|c| c[0]).collect(),
        (C::RGB(8), D::U8(p)) => p.chunks_exact(3).map(|c| luma(&[c[0].into(), c[1].into(), c[2].into()])).collect(),
        (C::RGBA(8), D::U8(p)) => p.chunks_exact(4).map(|c| luma(&[c[0].into(), c[1].into(), c[2].into()])).collect(),
        (C::RGB(16), D::U16(p)) => p.chunks_exact(3).map(|c| luma(&[c[0] >> 8, c[1] >> 8, c[2] >> 8])).collect(),
        (C::RGBA(16), D::U16(p)) => p.chunks_exact(4).map(|c| luma(&[c[0] >> 8, c[1] >> 8, c[2] >> 8])).collect(),
        _ => return None,
    };
    GrayImage::from_raw(width, height, gray)
}

/// The page's horizontal resolution in dots per inch, from `XResolution`
/// and `ResolutionUnit` (2 inch, the default; 3 centimetre).
fn tiff_dpi<R: std::io::Read + std::io::Seek>(decoder: &mut tiff::decoder::Decoder<R>) -> Option<f64> {
    use tiff::tags::Tag;
    let resolution = match decoder.find_tag(Tag::XResolution).ok()?? {
        tiff::decoder::ifd::Value::Rational(n, d) if d > 0 => f64::from(n) / f64::from(d),
        other => other.into_f64().ok()?,
    };
    let unit = decoder.find_tag(Tag::ResolutionUnit).ok().flatten().and_then(|v| v.into_u16().ok()).unwrap_or(2);
    match unit {
        2 => Some(resolution),
        3 => Some(resolution * 2.54),
        _ => None,
    }
}

/// Fails when a page of `width` × `height` exceeds the pixel limit.
pub(crate) fn check_size(page: usize, width: u64, height: u64, limit: u64) -> Result<(), ParseError> {
    if width == 0 || height == 0 {
        return Err(ParseError::CorruptImage { format: "image".to_owned(), cause: "it has no pixels".to_owned() });
    }
    if width.saturating_mul(height) > limit {
        return Err(ParseError::ImageTooLarge { page, width, height, limit });
    }
    Ok(())
}

/// Grey, with transparent parts made white (the paper behind them).
fn flatten(image: image::DynamicImage) -> GrayImage {
    if !image.color().has_alpha() {
        return image.into_luma8();
    }
    let rgba = image.into_rgba8();
    let mut gray = GrayImage::new(rgba.width(), rgba.height());
    for (out, pixel) in gray.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = pixel.0;
        let luma = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000;
        let alpha = u32::from(a);
        out.0[0] = ((luma * alpha + 255 * (255 - alpha)) / 255) as u8;
    }
    gray
}

/// The resolution the file states, when it states a plausible one: PNG's
/// `pHYs`, JPEG's JFIF header, BMP's info header. (TIFF's is read with its pages.)
fn stated_dpi(kind: ImageKind, bytes: &[u8]) -> Option<u32> {
    let dpi = match kind {
        ImageKind::Png => png_dpi(bytes),
        ImageKind::Jpeg => jfif_dpi(bytes),
        ImageKind::Bmp => {
            let per_metre = u32::from_le_bytes(bytes.get(38..42)?.try_into().ok()?);
            Some(f64::from(per_metre) * 0.0254)
        }
        ImageKind::Tiff | ImageKind::Webp => None,
    }?;
    plausible_dpi(dpi)
}

/// Resolutions outside 70–2400 dpi are placeholders (72 from cameras is kept).
pub(crate) fn plausible_dpi(dpi: f64) -> Option<u32> {
    (70.0..=2400.0).contains(&dpi).then(|| dpi.round() as u32)
}

fn png_dpi(bytes: &[u8]) -> Option<f64> {
    let mut at = 8;
    while let Some(header) = bytes.get(at..at + 8) {
        let length = u32::from_be_bytes(header[..4].try_into().ok()?) as usize;
        let data = bytes.get(at + 8..at + 8 + length)?;
        match &header[4..] {
            b"pHYs" if length == 9 && data[8] == 1 => {
                let per_metre = u32::from_be_bytes(data[..4].try_into().ok()?);
                return Some(f64::from(per_metre) * 0.0254);
            }
            b"IDAT" | b"IEND" => return None,
            _ => at += 12 + length,
        }
    }
    None
}

fn jfif_dpi(bytes: &[u8]) -> Option<f64> {
    // SOI, then APP0 "JFIF\0", version, units, X density, Y density.
    let app0 = bytes.get(2..18)?;
    if app0[..2] != [0xFF, 0xE0] || &app0[4..9] != b"JFIF\0" {
        return None;
    }
    let density = f64::from(u16::from_be_bytes([app0[12], app0[13]]));
    match app0[11] {
        1 => Some(density),
        2 => Some(density * 2.54),
        _ => None,
    }
}

#[cfg(test)]
#[path = "../../tests/fixtures/images.rs"]
mod test_images;

#[cfg(test)]
mod tests {
    use super::test_images::png_claiming;
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        GrayImage::from_pixel(width, height, image::Luma([255]))
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn a_png_decodes_to_grey_at_the_default_resolution() {
        let raster = decode(ImageKind::Png, &png(30, 20), 1000).unwrap();
        assert_eq!(raster.image.dimensions(), (30, 20));
        assert_eq!(raster.dpi, DEFAULT_DPI);
    }

    #[test]
    fn the_declared_size_is_checked_before_decoding() {
        // A PNG header claiming 100000 × 100000 pixels, with one pixel of data.
        let bytes = png_claiming(100_000, 100_000);
        let error = decode(ImageKind::Png, &bytes, 40_000_000).unwrap_err();
        assert_eq!(error, ParseError::ImageTooLarge { page: 1, width: 100_000, height: 100_000, limit: 40_000_000 });
    }

    #[test]
    fn a_truncated_image_is_corrupt() {
        let bytes = png(300, 200);
        let error = decode(ImageKind::Png, &bytes[..bytes.len() / 2], 1_000_000).unwrap_err();
        assert!(matches!(&error, ParseError::CorruptImage { format, .. } if format == "png"), "{error:?}");
    }

    #[test]
    fn bilevel_tiff_rows_are_unpacked_bit_by_bit() {
        // 10 pixels a row, 2 bytes a row: 1 is white.
        let packed = vec![0b1010_0000, 0b1100_0000, 0xFF, 0b0000_0000];
        let gray = tiff_gray(10, 2, tiff::ColorType::Gray(1), tiff::decoder::DecodingResult::U8(packed)).unwrap();
        assert_eq!(&gray.as_raw()[..10], &[255, 0, 255, 0, 0, 0, 0, 0, 255, 255]);
        assert_eq!(&gray.as_raw()[10..], &[255, 255, 255, 255, 255, 255, 255, 255, 0, 0]);
        let rgb = tiff::decoder::DecodingResult::F32(vec![0.0; 3]);
        assert!(tiff_gray(1, 1, tiff::ColorType::RGB(32), rgb).is_none());
    }

    #[test]
    fn stated_resolutions_are_read() {
        // 11811 pixels a metre is 300 dpi.
        let mut bytes = png(2, 2);
        let mut phys = vec![0, 0, 0, 9];
        phys.extend(b"pHYs");
        phys.extend(11811u32.to_be_bytes());
        phys.extend(11811u32.to_be_bytes());
        phys.extend([1, 0, 0, 0, 0]);
        bytes.splice(33..33, phys);
        assert_eq!(png_dpi(&bytes).and_then(plausible_dpi), Some(300));
        let jfif = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 1, 0, 200, 0, 200];
        assert_eq!(jfif_dpi(&jfif), Some(200.0));
        assert_eq!(plausible_dpi(1.0), None);
    }
}
