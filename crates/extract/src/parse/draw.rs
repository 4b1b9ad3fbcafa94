//! Drawing one page of an uploaded image or PDF as a PNG: upright, and at the
//! size in pixels its vertices use, so a client can draw fields and anchors on
//! it as they are. Runs where parsing runs (the bounded child): the bytes are
//! the tenant's.

use std::io::Cursor;

use docreview_wire::file::PageInfo;
use image::{GrayImage, ImageFormat};

use super::MAX_PAGES;
use super::ocr::upright;
use super::raster::{self, ImageKind};
use super::render;
use super::sniff::{self, Format};
use crate::ParseError;

/// Whether pages of files of `format` (as a task reports it) are drawn:
/// images and PDFs. Text, Office and imported files have no page of their own.
pub fn draws_pages(format: &str) -> bool {
    format == "pdf" || ImageKind::ALL.iter().any(|kind| kind.name() == format)
}

/// The page `page` of the file (as extraction described it), as PNG bytes.
/// Text, Office and imported files have no page of their own to draw.
pub fn draw_page(file_name: &str, bytes: &[u8], page: &PageInfo, max_pixels: u64) -> Result<Vec<u8>, ParseError> {
    let index = usize::try_from(page.page).map_err(|_| ParseError::NoSuchPage { page: page.page })?;
    let image = match sniff::detect(file_name, bytes) {
        Format::Image(ImageKind::Tiff) => {
            let mut pages = raster::tiff_pages(bytes, max_pixels, MAX_PAGES)?;
            if index >= pages.len() {
                return Err(ParseError::NoSuchPage { page: page.page });
            }
            upright(&pages.swap_remove(index).image, page.angle)
        }
        Format::Image(kind) if index == 0 => upright(&raster::decode(kind, bytes, max_pixels)?.image, page.angle),
        Format::Image(_) => return Err(ParseError::NoSuchPage { page: page.page }),
        Format::Pdf => {
            // The page was read turned by `angle`: before it is turned back, its
            // width is the upright page's height.
            let width = if page.angle % 180 == 0 { page.width } else { page.height };
            upright(&render::render_page_width(bytes, index, width, max_pixels)?, page.angle)
        }
        other => return Err(ParseError::NotDrawn { format: other.describe() }),
    };
    png(&image)
}

fn png(image: &GrayImage) -> Result<Vec<u8>, ParseError> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .map_err(|e| ParseError::CorruptImage { format: "png".to_owned(), cause: e.to_string() })?;
    Ok(bytes)
}
