//! 8-int quads (clockwise from top-left: TL, TR, BR, BL; page pixels, origin
//! top-left), the position shape of every DocFlow result.
//!
//! All our quads are axis-aligned, so a quad is built from, and reduced to, a
//! box. Positions of parts of a line (a value, a table cell) come from the
//! line's per-character quads when it has them, and otherwise from an even split
//! of the line quad, which is exact for the monospace grid of text files.

use docreview_wire::file::TextLine;

/// An axis-aligned box in page pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect { x0, y0, x1, y1 }
    }

    /// The quad, rounded outwards so it covers the box.
    pub fn to_quad(self) -> Vec<i64> {
        let (x0, y0) = (self.x0.floor() as i64, self.y0.floor() as i64);
        let (x1, y1) = (self.x1.ceil() as i64, self.y1.ceil() as i64);
        vec![x0, y0, x1, y0, x1, y1, x0, y1]
    }

    /// The bounding box of a quad; `None` unless it has 8 numbers.
    pub fn from_quad(quad: &[i64]) -> Option<Self> {
        if quad.len() != 8 {
            return None;
        }
        let xs = [quad[0], quad[2], quad[4], quad[6]];
        let ys = [quad[1], quad[3], quad[5], quad[7]];
        let min = |v: [i64; 4]| v.into_iter().min().unwrap_or(0) as f64;
        let max = |v: [i64; 4]| v.into_iter().max().unwrap_or(0) as f64;
        Some(Rect::new(min(xs), min(ys), max(xs), max(ys)))
    }

    pub fn union(self, other: Rect) -> Rect {
        Rect::new(self.x0.min(other.x0), self.y0.min(other.y0), self.x1.max(other.x1), self.y1.max(other.y1))
    }

    pub fn width(self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(self) -> f64 {
        self.y1 - self.y0
    }

    /// How far two boxes overlap horizontally (negative: the gap between them).
    pub fn x_overlap(self, other: Rect) -> f64 {
        self.x1.min(other.x1) - self.x0.max(other.x0)
    }
}

/// The box of characters `start..end` (char indices) of a line.
pub(crate) fn span_rect(line: &TextLine, start: usize, end: usize) -> Option<Rect> {
    let count = line.text.chars().count();
    if start >= end || end > count {
        return None;
    }
    if line.char_positions.len() == count {
        return line.char_positions[start..end].iter().filter_map(|q| Rect::from_quad(q)).reduce(Rect::union);
    }
    let whole = Rect::from_quad(&line.position)?;
    let step = whole.width() / count as f64;
    Some(Rect::new(whole.x0 + step * start as f64, whole.y0, whole.x0 + step * end as f64, whole.y1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, position: Vec<i64>, char_positions: Vec<Vec<i64>>) -> TextLine {
        TextLine { text: text.into(), position, char_positions }
    }

    #[test]
    fn quads_go_clockwise_from_top_left() {
        assert_eq!(Rect::new(1.2, 2.5, 10.1, 20.0).to_quad(), vec![1, 2, 11, 2, 11, 20, 1, 20]);
    }

    #[test]
    fn spans_use_char_positions_when_present() {
        let chars = vec![vec![0, 0, 10, 0, 10, 20, 0, 20], vec![10, 0, 30, 0, 30, 20, 10, 20]];
        let l = line("ab", vec![0, 0, 30, 0, 30, 20, 0, 20], chars);
        assert_eq!(span_rect(&l, 1, 2), Some(Rect::new(10.0, 0.0, 30.0, 20.0)));
    }

    #[test]
    fn spans_split_the_line_evenly_without_char_positions() {
        let l = line("abcd", vec![0, 0, 40, 0, 40, 20, 0, 20], vec![]);
        assert_eq!(span_rect(&l, 1, 3), Some(Rect::new(10.0, 0.0, 30.0, 20.0)));
        assert_eq!(span_rect(&l, 3, 5), None);
    }
}
