//! Tesseract's words, from its TSV output, grouped into text lines.
//!
//! Tesseract's own lines follow its layout analysis, which puts a label
//! column and a value column in different blocks; like the glyphs of a PDF
//! text layer (see `lines`), words are therefore regrouped by geometry:
//! words whose Tesseract lines sit on the same baseline band share a line,
//! read left to right, so `Invoice No.:` and `INV-2024-0042` stay one line
//! across a wide gap. A gap wider than the line's height becomes two spaces
//! (a column break), any other gap one.
//!
//! Tesseract's word boxes hug the ink, so a line without descenders would be
//! shorter than one with them, and the gap between two lines would look like
//! a blank line to table extraction. Words therefore get the box of their
//! line's type, as PDF glyphs do: from the descender line to the ascender
//! line around the baseline, as the hOCR output gives them per line
//! (`baseline`, `x_size`, `x_descenders`).

use std::collections::HashMap;

use docreview_wire::file::TextLine;

use crate::geometry::Rect;

/// Words Tesseract is less sure of than this (0–100) are noise: specks,
/// stamps and rules read as letters.
const MIN_CONFIDENCE: f64 = 20.0;
/// Baselines closer than this many line heights are one line.
const SAME_LINE: f64 = 0.4;
/// A gap wider than this many line heights is a column break.
const COLUMN_GAP: f64 = 1.0;

/// One recognised word, with its Tesseract line's baseline and height.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub text: String,
    pub rect: Rect,
    /// Bottom of the word's Tesseract line, in pixels from the top.
    pub baseline: f64,
    /// Height of the word's Tesseract line, in pixels.
    pub height: f64,
}

/// Where a line's type sits: its baseline and the extent above and below it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineMetrics {
    /// The baseline, in pixels from the top of the page.
    baseline: f64,
    /// From the descender line to the ascender line, in pixels.
    size: f64,
    /// From the baseline down to the descender line, in pixels.
    descent: f64,
}

/// Line boxes (as integers: left, top, right, bottom) and their metrics, from
/// the hOCR output's line spans.
pub(crate) fn line_metrics(hocr: &str) -> HashMap<[i64; 4], LineMetrics> {
    let mut metrics = HashMap::new();
    for span in hocr.split("<span class='ocr_").skip(1) {
        let Some(title) = span.split("title=\"").nth(1).and_then(|t| t.split('"').next()) else { continue };
        let mut bbox = None;
        let (mut baseline, mut size, mut descent) = (None, None, 0.0);
        for part in title.split(';').map(str::trim) {
            let (key, values) = part.split_once(' ').unwrap_or((part, ""));
            let numbers: Vec<f64> = values.split_whitespace().filter_map(|v| v.parse().ok()).collect();
            match (key, numbers.as_slice()) {
                ("bbox", &[l, t, r, b]) => bbox = Some([l, t, r, b]),
                ("baseline", &[slope, offset]) => baseline = Some((slope, offset)),
                ("x_size", &[s]) => size = Some(s),
                ("x_descenders", &[d]) => descent = d,
                _ => {}
            }
        }
        let (Some([l, t, r, b]), Some((slope, offset)), Some(size)) = (bbox, baseline, size) else { continue };
        if size <= 0.0 {
            continue;
        }
        // The baseline's offset is from the bottom left of the box; take it at mid-line.
        let baseline = b + offset + slope * (r - l) / 2.0;
        let key = [l, t, r, b].map(|v| v as i64);
        metrics.insert(key, LineMetrics { baseline, size, descent: descent.clamp(0.0, size / 2.0) });
    }
    metrics
}

/// The words of a TSV page (level 5 rows), each with the box of its line
/// (level 4 rows) and, where `metrics` has it, the extent of its line's type.
/// Rows that do not parse are skipped.
pub(crate) fn from_tsv(tsv: &str, metrics: &HashMap<[i64; 4], LineMetrics>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut line: Option<Rect> = None;
    let mut line_metrics: Option<LineMetrics> = None;
    for row in tsv.lines() {
        let cells: Vec<&str> = row.split('\t').collect();
        if cells.len() < 12 {
            continue;
        }
        let number = |i: usize| cells[i].trim().parse::<f64>().ok();
        let (Some(level), Some(left), Some(top), Some(width), Some(height), Some(conf)) =
            (number(0), number(6), number(7), number(8), number(9), number(10))
        else {
            continue;
        };
        let rect = Rect::new(left, top, left + width, top + height);
        if level == 4.0 {
            line = Some(rect);
            line_metrics = metrics.get(&[left, top, left + width, top + height].map(|v| v as i64)).copied();
        } else if level == 5.0 {
            let text = cells[11..].join("\t").trim().to_owned();
            if text.is_empty() || conf < MIN_CONFIDENCE {
                continue;
            }
            let word = match (line_metrics, line) {
                (Some(m), _) => {
                    let (y0, y1) = (m.baseline - (m.size - m.descent), m.baseline + m.descent);
                    Word { text, rect: Rect::new(rect.x0, y0, rect.x1, y1), baseline: m.baseline, height: m.size }
                }
                (None, line) => {
                    let line = line.unwrap_or(rect);
                    Word { text, rect, baseline: line.y1, height: line.height().max(1.0) }
                }
            };
            words.push(word);
        }
    }
    words
}

/// Groups words into lines top to bottom, each left to right.
pub(crate) fn group(mut words: Vec<Word>) -> Vec<TextLine> {
    words.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.rect.x0.total_cmp(&b.rect.x0)));
    let mut rows: Vec<Vec<Word>> = Vec::new();
    for word in words {
        match rows.last_mut() {
            Some(row) if same_line(&row[0], &word) => row.push(word),
            _ => rows.push(vec![word]),
        }
    }
    rows.into_iter().filter_map(build_line).collect()
}

fn same_line(first: &Word, word: &Word) -> bool {
    (word.baseline - first.baseline).abs() <= SAME_LINE * first.height.min(word.height)
}

/// One char position per character: a word's box split evenly among its
/// characters, the gap between two words among the spaces put there.
fn build_line(mut row: Vec<Word>) -> Option<TextLine> {
    row.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    let mut chars: Vec<(char, Rect)> = Vec::new();
    let mut previous: Option<&Word> = None;
    for word in &row {
        if let Some(prev) = previous {
            let gap = (word.rect.x0 - prev.rect.x1).max(0.0);
            let spaces = if gap > COLUMN_GAP * prev.height.max(word.height) { 2 } else { 1 };
            let (y0, y1) = (prev.rect.y0.min(word.rect.y0), prev.rect.y1.max(word.rect.y1));
            let step = gap / f64::from(spaces);
            for i in 0..spaces {
                let x0 = prev.rect.x1.min(word.rect.x0) + step * f64::from(i);
                chars.push((' ', Rect::new(x0, y0, x0 + step, y1)));
            }
        }
        let count = word.text.chars().count() as f64;
        let step = word.rect.width() / count;
        for (i, c) in word.text.chars().enumerate() {
            let x0 = word.rect.x0 + step * i as f64;
            chars.push((c, Rect::new(x0, word.rect.y0, x0 + step, word.rect.y1)));
        }
        previous = Some(word);
    }
    let bounds = row.iter().map(|w| w.rect).reduce(Rect::union)?;
    Some(TextLine {
        text: chars.iter().map(|(c, _)| c).collect(),
        position: bounds.to_quad(),
        char_positions: chars.iter().map(|(_, r)| r.to_quad()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    /// A TSV of two blocks: a label column and a value column, on one baseline band.
    fn tsv() -> String {
        [
            HEADER,
            "1\t1\t0\t0\t0\t0\t0\t0\t1000\t500\t-1\t",
            "4\t1\t1\t1\t1\t0\t50\t100\t160\t30\t-1\t",
            "5\t1\t1\t1\t1\t1\t50\t100\t90\t30\t96.5\tInvoice",
            "5\t1\t1\t1\t1\t2\t150\t102\t60\t28\t95.1\tNo.:",
            "4\t1\t2\t1\t1\t0\t400\t101\t200\t30\t-1\t",
            "5\t1\t2\t1\t1\t1\t400\t101\t200\t30\t91.0\tINV-2024-0042",
            "4\t1\t3\t1\t1\t0\t50\t200\t60\t30\t-1\t",
            "5\t1\t3\t1\t1\t1\t50\t200\t60\t30\t93.0\tTotal",
            "5\t1\t3\t1\t1\t2\t300\t200\t10\t10\t5.0\t~",
        ]
        .join("\n")
    }

    #[test]
    fn a_label_and_its_value_in_two_blocks_are_one_line() {
        let lines = group(from_tsv(&tsv(), &HashMap::new()));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Invoice No.:  INV-2024-0042", "Total"]);
        assert_eq!(lines[0].position, vec![50, 100, 600, 100, 600, 131, 50, 131]);
        assert_eq!(lines[0].char_positions.len(), lines[0].text.chars().count());
    }

    #[test]
    fn words_of_low_confidence_are_dropped() {
        let words = from_tsv(&tsv(), &HashMap::new());
        assert!(words.iter().all(|w| w.text != "~"));
        assert_eq!(words.len(), 4);
    }
}

#[cfg(test)]
mod metrics_tests {
    use super::*;

    #[test]
    fn words_take_their_line_s_type_extent_from_the_hocr() {
        let hocr = "<span class='ocr_line' id='line_1_1' title=\"bbox 50 100 210 130; baseline 0 -5; \
                    x_size 40; x_descenders 8; x_ascenders 9\">";
        let metrics = line_metrics(hocr);
        assert_eq!(metrics[&[50, 100, 210, 130]], LineMetrics { baseline: 125.0, size: 40.0, descent: 8.0 });
        let tsv = "4\t1\t1\t1\t1\t0\t50\t100\t160\t30\t-1\t\n5\t1\t1\t1\t1\t1\t50\t104\t90\t20\t96\tword";
        let words = from_tsv(tsv, &metrics);
        assert_eq!(words[0].rect, Rect::new(50.0, 93.0, 140.0, 133.0));
        assert_eq!((words[0].baseline, words[0].height), (125.0, 40.0));
    }
}
