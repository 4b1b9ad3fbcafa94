//! Which way up a page is, from Tesseract's orientation detection.
//!
//! With page segmentation "auto with OSD", Tesseract reports each text
//! line's orientation in its hOCR output as `textangle` (absent for upright
//! lines; 270 on a page turned a quarter clockwise). The page's angle is the one most of
//! its lines agree on, weighted by length.

use image::GrayImage;
use image::imageops::{rotate90, rotate180, rotate270};

/// How far the page was turned clockwise from upright: 0, 90, 180 or 270.
pub(crate) fn page_angle(hocr: &str) -> i64 {
    let mut weights = [0usize; 4];
    for line in hocr.split("<span class='ocr_").skip(1) {
        let Some(title) = line.split("title=\"").nth(1).and_then(|t| t.split('"').next()) else { continue };
        if !title.contains("x_size") {
            // Words and other spans; lines carry their size.
            continue;
        }
        let textangle = title
            .split(';')
            .find_map(|part| part.trim().strip_prefix("textangle "))
            .and_then(|a| a.trim().parse::<i64>().ok())
            .unwrap_or(0);
        let length = line.split("</span>").map(|s| s.len()).sum::<usize>().max(1);
        let index = (textangle.rem_euclid(360) / 90) as usize % 4;
        weights[index] += length;
    }
    let best = (0..4).max_by_key(|&i| (weights[i], usize::from(i == 0))).unwrap_or(0);
    // Lines read at `textangle` a lie on a page turned clockwise by 360 − a.
    ((4 - best) % 4) as i64 * 90
}

/// The page turned back upright.
pub(crate) fn upright(image: &GrayImage, angle: i64) -> GrayImage {
    match angle {
        90 => rotate270(image),
        180 => rotate180(image),
        270 => rotate90(image),
        _ => image.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_angle_most_lines_agree_on_wins() {
        let hocr = "<div class='ocr_page'>\
            <span class='ocr_line' id='line_1_1' title=\"bbox 1 1 2 2; textangle 90; x_size 30\">\
            <span class='ocrx_word' title='bbox 1 1 2 2; x_wconf 90'>Invoice number</span></span>\
            <span class='ocr_line' id='line_1_2' title=\"bbox 1 1 2 2; baseline 0 0; x_size 30\">\
            <span class='ocrx_word' title='bbox 1 1 2 2; x_wconf 90'>x</span></span>";
        assert_eq!(page_angle(hocr), 270);
        assert_eq!(page_angle(&hocr.replace("textangle 90", "textangle 270")), 90);
        assert_eq!(page_angle(""), 0);
    }
}
