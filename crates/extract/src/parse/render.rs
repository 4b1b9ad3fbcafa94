//! Rendering PDF pages to grey images for OCR, in-process with hayro (pure
//! Rust, no system libraries). A renderer panic becomes a failed page, not a
//! failed process.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::page::Page;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::GrayImage;

use super::raster::Raster;
use crate::ParseError;

/// The resolution pages are rendered at for OCR: what Tesseract reads best.
pub(crate) const OCR_DPI: f64 = 300.0;

/// Renders the pages at `indices` (0-based) one at a time, at [`OCR_DPI`]
/// or lower where a page would exceed `max_pixels`, and hands each to `each`
/// with its index before the next is rendered.
pub(crate) fn render_pages(
    bytes: &[u8],
    indices: &[usize],
    max_pixels: u64,
    each: impl FnMut(usize, Raster) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    match catch_unwind(AssertUnwindSafe(|| render_each(bytes, indices, max_pixels, each))) {
        Ok(result) => result,
        Err(_) => Err(corrupt("the PDF renderer gave up".to_owned())),
    }
}

fn corrupt(cause: String) -> ParseError {
    ParseError::CorruptPdf { cause }
}

fn render_each(
    bytes: &[u8],
    indices: &[usize],
    max_pixels: u64,
    mut each: impl FnMut(usize, Raster) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| corrupt(format!("its pages cannot be rendered ({e:?})")))?;
    let pages = pdf.pages();
    let cache = RenderCache::new();
    for &index in indices {
        let page = pages.get(index).ok_or_else(|| corrupt(format!("page {} cannot be rendered", index + 1)))?;
        let (width, height) = page.render_dimensions();
        let scale = scale_for(f64::from(width), f64::from(height), max_pixels);
        let image = grey(page, &cache, scale);
        each(index, Raster { image, dpi: (scale * 72.0).round() as u32 })?;
    }
    Ok(())
}

/// Renders page `index` (0-based) `width` pixels wide, or smaller where
/// that would exceed `max_pixels`: a page drawn at the size extraction
/// measured it in.
pub(crate) fn render_page_width(
    bytes: &[u8],
    index: usize,
    width: i64,
    max_pixels: u64,
) -> Result<GrayImage, ParseError> {
    let draw = || -> Result<GrayImage, ParseError> {
        let pdf = Pdf::new(bytes.to_vec()).map_err(|e| corrupt(format!("its pages cannot be rendered ({e:?})")))?;
        let pages = pdf.pages();
        let page = pages.get(index).ok_or(ParseError::NoSuchPage { page: index as i64 })?;
        let (points_wide, points_high) = page.render_dimensions();
        let (points_wide, points_high) = (f64::from(points_wide), f64::from(points_high));
        let wanted = if points_wide > 0.0 { width as f64 / points_wide } else { 1.0 };
        Ok(grey(page, &RenderCache::new(), fit(points_wide, points_high, wanted, max_pixels)))
    };
    match catch_unwind(AssertUnwindSafe(draw)) {
        Ok(result) => result,
        Err(_) => Err(corrupt("the PDF renderer gave up".to_owned())),
    }
}

/// The page rendered at `scale` pixels a point, in grey.
fn grey<'a>(page: &'a Page<'a>, cache: &RenderCache<'a>, scale: f64) -> GrayImage {
    let settings = PixmapSettings { x_scale: scale as f32, y_scale: scale as f32, bg_color: WHITE };
    let pixmap = render(page, cache, &InterpreterSettings::default(), &RenderSettings::default(), &settings);
    let mut image = GrayImage::new(u32::from(pixmap.width()), u32::from(pixmap.height()));
    for (out, pixel) in image.pixels_mut().zip(pixmap.data()) {
        // Opaque on a white background, so premultiplied is plain.
        let luma = (299 * u32::from(pixel.r) + 587 * u32::from(pixel.g) + 114 * u32::from(pixel.b)) / 1000;
        out.0[0] = luma as u8;
    }
    image
}

/// Pixels a point: [`OCR_DPI`], lowered so the page stays within `max_pixels`
/// and within the renderer's 65535 pixels a side.
fn scale_for(width: f64, height: f64, max_pixels: u64) -> f64 {
    fit(width, height, OCR_DPI / 72.0, max_pixels)
}

/// `scale`, lowered so a page of `width` × `height` points stays within
/// `max_pixels` and within the renderer's 65535 pixels a side.
fn fit(width: f64, height: f64, mut scale: f64, max_pixels: u64) -> f64 {
    let area = width * height;
    if area > 0.0 && area * scale * scale > max_pixels as f64 {
        scale = (max_pixels as f64 / area).sqrt();
    }
    let side = width.max(height);
    if side > 0.0 && side * scale > f64::from(u16::MAX) {
        scale = f64::from(u16::MAX) / side;
    }
    scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_renders_at_300_dpi_unless_too_large() {
        assert_eq!(scale_for(595.0, 842.0, 40_000_000), OCR_DPI / 72.0);
        let scale = scale_for(595.0, 842.0, 1_000_000);
        assert!((595.0 * 842.0 * scale * scale - 1_000_000.0).abs() < 1.0);
        assert!(scale_for(14_400.0, 14_400.0, u64::MAX) * 14_400.0 <= 65_535.0);
    }
}
