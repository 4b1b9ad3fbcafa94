//! Word documents (DOCX): the paragraphs and tables of `word/document.xml`,
//! in document order.
//!
//! Read with `zip` and `quick-xml` rather than a DOCX crate: only the text of
//! paragraphs and table cells is needed, which one pass over one XML part
//! gives, while the DOCX crates parse (and allocate) every style, numbering
//! and drawing, and bring dependencies of their own. quick-xml is the version
//! calamine uses, so it is built once.
//!
//! - A paragraph is one line (its runs joined; a tab stays a tab, a line break
//!   starts a new line). An empty paragraph is an empty row.
//! - A table is laid out as a table of the grid (see [`super`]): one line per
//!   row, a cell's paragraphs joined by spaces, a merged cell (`gridSpan`)
//!   followed by empty cells so the columns after it stay in place; a table
//!   inside a cell is text of that cell. An empty row follows each table.
//! - DOCX has no fixed pages: the document is one page, split at explicit page
//!   breaks (`<w:br w:type="page"/>`).
//! - Deleted text, field codes and the fallback copies of text boxes
//!   (`mc:Fallback`) are not text; headers, footers and notes are not read.

use docreview_wire::file::{Document, PageInfo};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Budget, Grid, document, open_zip, over_limit, read_entry};
use crate::{MAX_PAGES, ParseError};

const FORMAT: &str = "docx";

pub(crate) fn parse(bytes: &[u8]) -> Result<(Document, Vec<PageInfo>), ParseError> {
    let mut archive = open_zip(FORMAT, bytes)?;
    let xml = read_entry(FORMAT, &mut archive, "word/document.xml")?
        .ok_or_else(|| corrupt("it has no word/document.xml part".to_owned()))?;
    let mut walker = Walker::default();
    let mut reader = Reader::from_str(&xml);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| corrupt(format!("word/document.xml at byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(e) => walker.start(&e, false)?,
            Event::Empty(e) => walker.start(&e, true)?,
            Event::End(e) => walker.end(e.local_name().as_ref())?,
            Event::Text(t) if walker.in_text() => walker.text(&t.xml10_content()),
            Event::GeneralRef(r) if walker.in_text() => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&name).unwrap_or_default().to_owned(),
                };
                walker.text(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut grids = walker.pages;
    grids.push(walker.grid);
    document(grids)
}

fn corrupt(cause: String) -> ParseError {
    ParseError::CorruptOffice { format: FORMAT.to_owned(), cause }
}

/// Where the reading is in the document.
#[derive(Debug)]
struct Walker {
    pages: Vec<Grid>,
    grid: Grid,
    budget: Budget,
    /// Depth inside elements that are not text (`mc:Fallback`).
    skip: usize,
    /// Depth of paragraphs outside tables (text boxes nest them).
    p_depth: usize,
    run_depth: usize,
    in_t: bool,
    /// The text of the line being read, outside tables.
    line: String,
    /// Whether the paragraph being read broke a line or a page.
    broke: bool,
    tbl_depth: usize,
    rows: Vec<Vec<String>>,
    cell: String,
    span: usize,
}

impl Default for Walker {
    fn default() -> Self {
        Self {
            pages: Vec::new(),
            grid: Grid::default(),
            budget: Budget::new(FORMAT),
            skip: 0,
            p_depth: 0,
            run_depth: 0,
            in_t: false,
            line: String::new(),
            broke: false,
            tbl_depth: 0,
            rows: Vec::new(),
            cell: String::new(),
            span: 1,
        }
    }
}

impl Walker {
    fn in_text(&self) -> bool {
        self.skip == 0 && self.in_t
    }

    fn text(&mut self, text: &str) {
        if self.tbl_depth > 0 {
            self.cell.push_str(text);
        } else {
            self.line.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ParseError> {
        if self.skip > 0 {
            self.skip += usize::from(!empty);
            return Ok(());
        }
        let in_run = self.run_depth > 0;
        match e.local_name().as_ref() {
            "Fallback" if !empty => self.skip = 1,
            "tbl" if !empty => {
                if self.tbl_depth == 0 {
                    self.rows.clear();
                }
                self.tbl_depth += 1;
            }
            "tr" if self.tbl_depth == 1 => self.rows.push(Vec::new()),
            "tc" if self.tbl_depth == 1 => {
                self.cell.clear();
                self.span = 1;
                if empty {
                    self.end_cell();
                }
            }
            "gridSpan" if self.tbl_depth == 1 => {
                let span = e.try_get_attribute("w:val").ok().flatten().and_then(|a| a.value.parse::<usize>().ok());
                // A span beyond Word's 63 columns is damage, not layout.
                self.span = span.unwrap_or(1).clamp(1, 64);
            }
            "p" if self.tbl_depth > 0 => self.cell.push(' '),
            "p" if empty && self.p_depth == 0 => self.grid.blank(&mut self.budget)?,
            "p" if empty => {}
            "p" => {
                if self.p_depth > 0 {
                    self.line.push(' ');
                } else {
                    self.broke = false;
                }
                self.p_depth += 1;
            }
            "r" if !empty => self.run_depth += 1,
            "t" if in_run && !empty => self.in_t = true,
            "tab" if in_run => self.text("\t"),
            "noBreakHyphen" if in_run => self.text("-"),
            "br" | "cr" if in_run => {
                let page = e.try_get_attribute("w:type").ok().flatten().is_some_and(|a| a.value == "page");
                if self.tbl_depth > 0 {
                    self.cell.push(' ');
                } else if self.p_depth > 0 {
                    self.break_line(page)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ParseError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match name {
            "t" => self.in_t = false,
            "r" => self.run_depth = self.run_depth.saturating_sub(1),
            "tc" if self.tbl_depth == 1 => self.end_cell(),
            "tbl" if self.tbl_depth > 0 => {
                self.tbl_depth -= 1;
                if self.tbl_depth == 0 {
                    let rows = std::mem::take(&mut self.rows);
                    self.grid.table(&rows, &mut self.budget)?;
                    self.grid.blank(&mut self.budget)?;
                }
            }
            "p" if self.tbl_depth == 0 && self.p_depth > 0 => {
                self.p_depth -= 1;
                if self.p_depth == 0 {
                    let line = std::mem::take(&mut self.line);
                    if !(self.broke && line.trim().is_empty()) {
                        self.grid.paragraph(&line, &mut self.budget)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        if let Some(row) = self.rows.last_mut() {
            row.push(std::mem::take(&mut self.cell));
            row.extend(std::iter::repeat_n(String::new(), self.span - 1));
        }
        self.span = 1;
    }

    /// Ends the current line inside a paragraph, and the page with it for a page break.
    fn break_line(&mut self, page: bool) -> Result<(), ParseError> {
        let line = std::mem::take(&mut self.line);
        if !line.trim().is_empty() || !page {
            self.grid.paragraph(&line, &mut self.budget)?;
        }
        self.broke = true;
        if page {
            self.pages.push(std::mem::take(&mut self.grid));
            if self.pages.len() >= MAX_PAGES {
                return Err(over_limit(FORMAT, "pages", MAX_PAGES as u64, "MAX_PAGES"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    /// A DOCX holding `body` (the inside of `<w:body>`).
    pub(crate) fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default();
        let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(types.as_bytes()).unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    pub(crate) fn p(text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    pub(crate) fn table(rows: &[&[&str]]) -> String {
        let rows: String = rows
            .iter()
            .map(|row| {
                let cells: String = row.iter().map(|c| format!("<w:tc><w:tcPr/>{}</w:tc>", p(c))).collect();
                format!("<w:tr>{cells}</w:tr>")
            })
            .collect();
        format!("<w:tbl><w:tblPr/>{rows}</w:tbl>")
    }

    fn texts(doc: &Document, page: usize) -> Vec<&str> {
        doc.pages[page].lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn paragraphs_and_table_rows_in_document_order() {
        let body = [
            p("Invoice"),
            "<w:p/>".to_owned(),
            r#"<w:p><w:r><w:t>Invoice No.: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>INV&amp;1</w:t></w:r></w:p>"#
                .to_owned(),
            table(&[&["Item", "Qty"], &["Office chair", "2"]]),
            p("Thanks"),
        ]
        .concat();
        let (doc, pages) = parse(&docx(&body)).unwrap();
        assert_eq!(texts(&doc, 0), ["Invoice", "Invoice No.: INV&1", "Item          Qty", "Office chair  2", "Thanks"]);
        // Rows 0, 2, 3, 4 and, after the blank row that ends the table, 6.
        let ys: Vec<i64> = doc.pages[0].lines.iter().map(|l| l.position[1]).collect();
        assert_eq!(ys, [48, 96, 120, 144, 192]);
        assert_eq!(pages.len(), 1);
    }

    #[test]
    fn page_breaks_split_pages_and_line_breaks_split_lines() {
        let body = r#"<w:p><w:r><w:t>one</w:t><w:br/><w:t>two</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:t>three</w:t><w:tab/><w:t>3</w:t></w:r></w:p>"#;
        let (doc, pages) = parse(&docx(body)).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&doc, 0), ["one", "two"]);
        assert_eq!(texts(&doc, 1), ["three\t3"]);
    }

    #[test]
    fn merged_cells_keep_the_columns_after_them_in_place() {
        let body = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>AB</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        let (doc, _) = parse(&docx(body)).unwrap();
        assert_eq!(texts(&doc, 0), ["A   B  C", "AB     c"]);
    }

    #[test]
    fn a_docx_without_its_document_part_is_damaged() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("other.xml", SimpleFileOptions::default()).unwrap();
        zip.write_all(b"<x/>").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let err = parse(&bytes).unwrap_err().to_string();
        assert!(err.contains("docx file is damaged") && err.contains("word/document.xml"), "{err}");
    }
}
