//! Collecting positioned glyphs from pdf-extract.
//!
//! pdf-extract walks the content streams and reports each glyph with its text
//! rendering matrix; we keep the glyph's box in page pixels at [`DPI`] with
//! the origin moved from the bottom-left of the MediaBox (PDF user space, in
//! points) to the top-left (DocFlow's page space). Font metrics beyond the
//! advance width are not exposed, so a glyph box spans a typical ascent
//! (0.8 em) above and descent (0.2 em) below the baseline.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::geometry::Rect;

/// The resolution page pixels are given in, DocFlow's default `parser_dpi`.
pub(crate) const DPI: i64 = 144;
const SCALE: f64 = DPI as f64 / 72.0;
const ASCENT: f64 = 0.8;
const DESCENT: f64 = 0.2;

/// One drawn glyph. `text` is usually one character, sometimes a ligature.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub text: String,
    pub rect: Rect,
    /// Distance of the baseline from the top of the page, in pixels.
    pub baseline: f64,
    /// The font size on the page, in pixels.
    pub size: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageGlyphs {
    pub width: i64,
    pub height: i64,
    pub glyphs: Vec<Glyph>,
}

/// The `OutputDev` that records every page and glyph.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub pages: Vec<PageGlyphs>,
    media_box: Option<(f64, f64)>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        let (llx, lly) = (media_box.llx.min(media_box.urx), media_box.lly.min(media_box.ury));
        let (urx, ury) = (media_box.llx.max(media_box.urx), media_box.lly.max(media_box.ury));
        self.media_box = Some((llx, ury));
        let px = |points: f64| if points.is_finite() { (points * SCALE).round() as i64 } else { 0 };
        self.pages.push(PageGlyphs { width: px(urx - llx), height: px(ury - lly), glyphs: Vec::new() });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let (Some((left, top)), Some(page)) = (self.media_box, self.pages.last_mut()) else { return Ok(()) };
        if text.is_empty() {
            return Ok(());
        }
        // The glyph's em square in user space: the matrix's y axis gives its
        // height, its x axis the advance.
        let size = font_size.abs() * trm.m21.hypot(trm.m22);
        let advance = width.abs() * font_size.abs() * trm.m11.hypot(trm.m12);
        let x = (trm.m31 - left) * SCALE;
        let baseline = (top - trm.m32) * SCALE;
        let size_px = size * SCALE;
        let advance_px = if advance > 0.0 { advance * SCALE } else { 0.5 * size_px };
        let values = [x, baseline, size_px, advance_px];
        if values.iter().any(|v| !v.is_finite()) || size_px <= 0.0 {
            return Ok(());
        }
        let rect = Rect::new(x, baseline - ASCENT * size_px, x + advance_px, baseline + DESCENT * size_px);
        page.glyphs.push(Glyph { text: text.to_owned(), rect, baseline, size: size_px });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_are_flipped_to_top_left_pixels() {
        let mut c = Collector::default();
        let media = MediaBox { llx: 0.0, lly: 0.0, urx: 600.0, ury: 800.0 };
        c.begin_page(1, &media, None).unwrap();
        // 10 pt Helvetica "A" (width 0.667 em) drawn at (72, 700).
        let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, 72.0, 700.0);
        c.output_character(&trm, 0.667, 0.0, 10.0, "A").unwrap();
        let page = &c.pages[0];
        assert_eq!((page.width, page.height), (1200, 1600));
        let g = &page.glyphs[0];
        assert_eq!(g.baseline, 200.0);
        assert_eq!(g.size, 20.0);
        assert_eq!(g.rect.to_quad(), vec![144, 184, 158, 184, 158, 204, 144, 204]);
    }
}
