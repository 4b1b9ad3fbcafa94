//! Text files keep per-character quads only on lines that need them (wide
//! characters, tabs). The evidence locator splits other lines evenly; this
//! checks that the split gives the very quads the characters used to carry,
//! for every part of every line of an ASCII text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use docreview_extract::{Parsed, parse_file};
use docreview_judge::{ContextDocument, RuleContext, locate};
use docreview_wire::file::{Document, DocumentPage, TextLine};

/// The text grid of `docreview_extract`: cells 12 pixels wide, 24 high.
const CELL_WIDTH: i64 = 12;

const TEXT: &str = "ACME Supplies Ltd.\n\
                    Invoice No.: INV-2024-0042\n\
                    \n    Net Amount: EUR 795.00\n\
                    Tax Rate: 19 %   Tax Amount: 151.05\n\
                    Total: EUR 946.05";

fn context(line: TextLine) -> RuleContext {
    let page = DocumentPage { angle: 0, width: 2000, height: 2000, lines: vec![line] };
    let document = ContextDocument {
        extract_task_id: 1,
        file_id: 1,
        category: "Invoice".into(),
        data: Default::default(),
        document: Some(Document { pages: vec![page] }),
    };
    RuleContext { documents: vec![document], ..Default::default() }
}

/// The line's quads per character, one cell each, as text files had them.
fn with_cell_quads(line: &TextLine) -> TextLine {
    let [x0, y0, _, _, _, y1, _, _] = line.position[..] else { panic!("not a quad") };
    let quads = (0..line.text.chars().count() as i64)
        .map(|i| {
            let (left, right) = (x0 + i * CELL_WIDTH, x0 + (i + 1) * CELL_WIDTH);
            vec![left, y0, right, y0, right, y1, left, y1]
        })
        .collect();
    TextLine { char_positions: quads, ..line.clone() }
}

#[test]
fn quotes_in_ascii_lines_are_located_as_with_per_character_quads() {
    let Ok(Parsed::Document { document, .. }) = parse_file("invoice.txt", TEXT.as_bytes()) else { panic!() };
    let lines = &document.pages[0].lines;
    assert_eq!(lines.len(), 5);
    let mut compared = 0;
    for line in lines {
        assert!(line.char_positions.is_empty(), "{:?} carries quads", line.text);
        let (split, cells) = (context(line.clone()), context(with_cell_quads(line)));
        let chars: Vec<char> = line.text.chars().collect();
        for start in 0..chars.len() {
            for end in start + 3..=chars.len() {
                let quote: String = chars[start..end].iter().collect();
                let found = locate(&quote, &split).map(|l| l.vertices);
                assert_eq!(found, locate(&quote, &cells).map(|l| l.vertices), "{quote:?}");
                compared += usize::from(found.is_some());
            }
        }
    }
    assert!(compared > 1000, "only {compared} quotes were found");
}
