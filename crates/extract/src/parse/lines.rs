//! Grouping glyphs into text lines by baseline.
//!
//! pdf-extract's `end_line` events fire when the text position moves, before
//! the text of the new line, and a table row is often drawn cell by cell or
//! column by column, so lines are rebuilt from geometry instead: glyphs whose
//! baselines lie within a fraction of the font size share a line, read left to
//! right. Gaps between glyphs become spaces (one for a word gap, two for a
//! column gap), so labels and table cells separate the same way as in text
//! files.

use docreview_wire::file::TextLine;

use super::glyphs::Glyph;
use crate::geometry::Rect;

/// Baselines closer than this many font sizes are one line.
const SAME_LINE: f64 = 0.35;
/// A gap wider than this many font sizes is a word break …
const WORD_GAP: f64 = 0.15;
/// … and wider than this, a column break.
const COLUMN_GAP: f64 = 1.0;

pub(crate) fn group(mut glyphs: Vec<Glyph>) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.rect.x0.total_cmp(&b.rect.x0)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row) if same_line(&row[0], &glyph) => row.push(glyph),
            _ => rows.push(vec![glyph]),
        }
    }
    rows.into_iter().filter_map(build_line).collect()
}

fn same_line(first: &Glyph, glyph: &Glyph) -> bool {
    (glyph.baseline - first.baseline).abs() <= SAME_LINE * first.size.max(glyph.size)
}

/// Lays a row's glyphs out left to right, one char per char position.
fn build_line(mut row: Vec<Glyph>) -> Option<TextLine> {
    row.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    let mut chars: Vec<(char, Rect)> = Vec::new();
    let mut previous: Option<&Glyph> = None;
    for glyph in &row {
        if let Some(prev) = previous {
            if is_overprint(prev, glyph) {
                continue;
            }
            add_gap(&mut chars, prev, glyph);
        }
        let count = glyph.text.chars().count() as f64;
        let step = glyph.rect.width() / count;
        for (i, c) in glyph.text.chars().enumerate() {
            let x0 = glyph.rect.x0 + step * i as f64;
            chars.push((c, Rect::new(x0, glyph.rect.y0, x0 + step, glyph.rect.y1)));
        }
        previous = Some(glyph);
    }
    let first = chars.iter().position(|(c, _)| !c.is_whitespace())?;
    let last = chars.iter().rposition(|(c, _)| !c.is_whitespace())?;
    let chars = &chars[first..=last];
    let bounds = chars.iter().map(|(_, r)| *r).reduce(Rect::union)?;
    Some(TextLine {
        text: chars.iter().map(|(c, _)| c).collect(),
        position: bounds.to_quad(),
        char_positions: chars.iter().map(|(_, r)| r.to_quad()).collect(),
    })
}

/// Fake bold: the same glyph drawn again a hair to the right.
fn is_overprint(prev: &Glyph, glyph: &Glyph) -> bool {
    prev.text == glyph.text && (glyph.rect.x0 - prev.rect.x0).abs() < 0.1 * glyph.size
}

/// Adds the spaces a gap between two glyphs stands for, minus the spaces the
/// PDF drew itself.
fn add_gap(chars: &mut Vec<(char, Rect)>, prev: &Glyph, glyph: &Glyph) {
    let gap = glyph.rect.x0 - prev.rect.x1;
    let size = prev.size.max(glyph.size);
    let wanted: usize = if gap > COLUMN_GAP * size {
        2
    } else if gap > WORD_GAP * size {
        1
    } else {
        0
    };
    let drawn = usize::from(prev.text.ends_with(char::is_whitespace))
        + usize::from(glyph.text.starts_with(char::is_whitespace));
    let missing = wanted.saturating_sub(drawn);
    if missing == 0 {
        return;
    }
    let step = gap / missing as f64;
    for i in 0..missing {
        let x0 = prev.rect.x1 + step * i as f64;
        let y = (prev.rect.y0.min(glyph.rect.y0), prev.rect.y1.max(glyph.rect.y1));
        chars.push((' ', Rect::new(x0, y.0, x0 + step, y.1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, baseline: f64) -> Glyph {
        let size = 20.0;
        Glyph { text: text.into(), rect: Rect::new(x, baseline - 16.0, x + 10.0, baseline + 4.0), baseline, size }
    }

    #[test]
    fn glyphs_on_one_baseline_form_one_line_in_reading_order() {
        // Drawn out of order, and the second line first.
        let glyphs = vec![glyph("d", 20.0, 150.0), glyph("b", 10.0, 101.0), glyph("a", 0.0, 100.0)];
        let lines = group(glyphs);
        assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), vec!["ab", "d"]);
        assert_eq!(lines[0].char_positions.len(), 2);
        assert_eq!(lines[0].position, vec![0, 84, 20, 84, 20, 105, 0, 105]);
    }

    #[test]
    fn gaps_become_word_and_column_spaces() {
        let glyphs = vec![glyph("a", 0.0, 100.0), glyph("b", 15.0, 100.0), glyph("c", 60.0, 100.0)];
        let line = &group(glyphs)[0];
        assert_eq!(line.text, "a b  c");
        assert_eq!(line.char_positions.len(), 6);
    }

    #[test]
    fn drawn_spaces_count_towards_gaps_and_overprints_are_dropped() {
        let glyphs =
            vec![glyph("a", 0.0, 100.0), glyph(" ", 10.0, 100.0), glyph("b", 24.0, 100.0), glyph("b", 25.0, 100.0)];
        assert_eq!(group(glyphs)[0].text, "a b");
    }

    #[test]
    fn ligatures_are_split_into_their_characters() {
        let line = &group(vec![glyph("fi", 0.0, 100.0)])[0];
        assert_eq!(line.text, "fi");
        assert_eq!(line.char_positions[1], vec![5, 84, 10, 84, 10, 104, 5, 104]);
    }
}
