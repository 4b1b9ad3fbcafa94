//! The box of part of a text line: from the per-character boxes when the
//! document has them, else a share of the line's quad in proportion to the
//! characters' positions (which follows a rotated line, as it interpolates
//! along its top and bottom edges).

use docreview_wire::file::TextLine;

/// The quad of characters `start..end` of `line`.
pub(crate) fn sub_quad(line: &TextLine, start: usize, end: usize) -> Vec<i64> {
    let len = line.text.chars().count();
    if start == 0 && end >= len {
        return line.position.clone();
    }
    if line.char_positions.len() == len
        && let Some(quad) = union(&line.char_positions[start..end.min(len)])
    {
        return quad;
    }
    proportional(&line.position, start, end, len).unwrap_or_else(|| line.position.clone())
}

/// The axis-aligned box around several quads.
fn union(quads: &[Vec<i64>]) -> Option<Vec<i64>> {
    let mut points = quads.iter().filter(|q| q.len() == 8).flat_map(|q| q.chunks(2).map(|p| (p[0], p[1])));
    let (x, y) = points.next()?;
    let (mut left, mut top, mut right, mut bottom) = (x, y, x, y);
    for (x, y) in points {
        left = left.min(x);
        top = top.min(y);
        right = right.max(x);
        bottom = bottom.max(y);
    }
    Some(vec![left, top, right, top, right, bottom, left, bottom])
}

fn proportional(quad: &[i64], start: usize, end: usize, len: usize) -> Option<Vec<i64>> {
    if quad.len() != 8 || len == 0 {
        return None;
    }
    let (from, to) = (start as f64 / len as f64, end.min(len) as f64 / len as f64);
    let at = |a: usize, b: usize, t: f64| {
        let x = quad[a * 2] as f64 + (quad[b * 2] - quad[a * 2]) as f64 * t;
        let y = quad[a * 2 + 1] as f64 + (quad[b * 2 + 1] - quad[a * 2 + 1]) as f64 * t;
        [x.round() as i64, y.round() as i64]
    };
    // corners: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
    let [tl, tr, br, bl] = [at(0, 1, from), at(0, 1, to), at(3, 2, to), at(3, 2, from)];
    Some([tl, tr, br, bl].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, char_positions: Vec<Vec<i64>>) -> TextLine {
        TextLine { text: text.to_owned(), position: vec![100, 10, 300, 10, 300, 30, 100, 30], char_positions }
    }

    #[test]
    fn a_whole_line_keeps_its_quad() {
        assert_eq!(sub_quad(&line("abcd", vec![]), 0, 4), vec![100, 10, 300, 10, 300, 30, 100, 30]);
    }

    #[test]
    fn without_character_boxes_the_share_is_proportional() {
        assert_eq!(sub_quad(&line("abcd", vec![]), 2, 4), vec![200, 10, 300, 10, 300, 30, 200, 30]);
    }

    #[test]
    fn character_boxes_give_the_exact_span() {
        let boxes =
            (0..4).map(|i| vec![100 + i * 50, 12, 140 + i * 50, 12, 140 + i * 50, 28, 100 + i * 50, 28]).collect();
        assert_eq!(sub_quad(&line("abcd", boxes), 1, 3), vec![150, 12, 240, 12, 240, 28, 150, 28]);
    }

    #[test]
    fn a_rotated_line_is_cut_along_its_edges() {
        let rotated =
            TextLine { text: "ab".into(), position: vec![0, 0, 100, 100, 90, 110, -10, 10], char_positions: vec![] };
        assert_eq!(sub_quad(&rotated, 1, 2), vec![50, 50, 100, 100, 90, 110, 40, 60]);
    }
}
