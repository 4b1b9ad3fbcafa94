//! Workbooks: Excel (XLSX, XLS) and OpenDocument spreadsheets (ODS), read by
//! calamine from memory.
//!
//! Each worksheet is a page (chart and macro sheets are skipped), each row a
//! line and each cell one box on the grid of [`super`], columns as wide as
//! their widest cell, so a header row and the rows under it read as a table,
//! and a row of a label and a value (`Invoice No | INV-1`) reads as a field.
//! The used range of a sheet starts at its first row and column that hold a
//! value. Values are shown as text the way a sheet shows them by default:
//! integers without `.0`, other numbers in their shortest form, dates as ISO
//! `2024-03-05` (`2024-03-05 14:30:00` with a time), booleans as
//! `TRUE`/`FALSE`, errors as `#DIV/0!` and the like.
//!
//! Number formats (thousands separators, fixed decimals, currency) are not
//! applied: `240.00` shown in a cell is `240` here.
//!
//! calamine holds a sheet's used range densely in memory; the ZIP limits of
//! [`super`] bound XLSX and ODS before calamine sees them, and the parsing
//! child's memory limit bounds the rest.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, SheetType, Xls, Xlsx, open_workbook_from_rs};
use docreview_wire::file::{Document, PageInfo};

use super::{Budget, Grid, document, open_zip, over_limit};
use crate::{MAX_PAGES, ParseError};

/// Reads a workbook of `format` (`xlsx`, `xls` or `ods`).
pub(crate) fn parse(format: &'static str, bytes: &[u8]) -> Result<(Document, Vec<PageInfo>), ParseError> {
    let cursor = Cursor::new(bytes);
    match format {
        "xls" => read(format, open_workbook_from_rs::<Xls<_>, _>(cursor)),
        "ods" => {
            open_zip(format, bytes)?;
            read(format, open_workbook_from_rs::<Ods<_>, _>(cursor))
        }
        _ => {
            open_zip(format, bytes)?;
            read(format, open_workbook_from_rs::<Xlsx<_>, _>(cursor))
        }
    }
}

fn read<'a, R, E>(format: &'static str, workbook: Result<R, E>) -> Result<(Document, Vec<PageInfo>), ParseError>
where
    R: Reader<Cursor<&'a [u8]>, Error = E>,
    E: std::fmt::Display,
{
    let corrupt = |cause: String| ParseError::CorruptOffice { format: format.to_owned(), cause };
    let mut workbook = workbook.map_err(|e| corrupt(e.to_string()))?;
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    if names.len() > MAX_PAGES {
        return Err(over_limit(format, "sheets", MAX_PAGES as u64, "MAX_PAGES"));
    }
    let mut budget = Budget::new(format);
    let mut grids = Vec::with_capacity(names.len());
    for name in &names {
        let range = workbook.worksheet_range(name).map_err(|e| corrupt(format!("sheet {name:?}: {e}")))?;
        let rows: Vec<Vec<String>> = range.rows().map(|row| row.iter().map(show).collect()).collect();
        let mut grid = Grid::default();
        grid.table(&rows, &mut budget)?;
        grids.push(grid);
    }
    document(grids)
}

/// A cell's value as text.
pub(crate) fn show(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let date = format!("{y:04}-{mo:02}-{d:02}");
            let time = format!("{h:02}:{mi:02}:{s:02}");
            match (dt.as_f64() < 1.0, (h, mi, s) == (0, 0, 0)) {
                (true, _) => time,
                (false, true) => date,
                (false, false) => format!("{date} {time}"),
            }
        }
        // A duration in days, shown as hours, minutes and seconds.
        Data::DateTime(dt) => {
            let seconds = (dt.as_f64() * 86_400.0).round() as i64;
            format!("{}:{:02}:{:02}", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        }
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A float without a trailing `.0` when it is whole.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use calamine::{ExcelDateTime, ExcelDateTimeType};
    use zip::write::SimpleFileOptions;

    use super::*;

    /// One cell of a test sheet: a number or an inline string.
    pub(crate) enum C<'a> {
        S(&'a str),
        N(f64),
        /// A date serial number with a date format.
        D(f64),
    }

    /// An XLSX with the sheets given by name and rows, built from minimal XML.
    pub(crate) fn xlsx(sheets: &[(&str, Vec<Vec<C<'_>>>)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = SimpleFileOptions::default();
        let mut put = |name: &str, text: String| {
            zip.start_file(name, o).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        let overrides: String = (1..=sheets.len())
            .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
            .collect();
        put(
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
            ),
        );
        put("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned());
        let entries: String = (1..=sheets.len())
            .map(|i| format!(r#"<sheet name="{}" sheetId="{i}" r:id="rId{i}"/>"#, sheets[i - 1].0))
            .collect();
        put(
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#
            ),
        );
        let rels: String = (1..=sheets.len())
            .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
            .collect();
        let styles = r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#;
        put(
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{styles}</Relationships>"#
            ),
        );
        // Style 1 is the built-in date format 14 (m/d/yyyy).
        put("xl/styles.xml", r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_owned());
        for (i, (_, rows)) in sheets.iter().enumerate() {
            let rows: String = rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let cells: String = row
                        .iter()
                        .enumerate()
                        .map(|(c, cell)| {
                            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                            match cell {
                                C::S("") => String::new(),
                                C::S(s) => format!(r#"<c r="{at}" t="inlineStr"><is><t>{s}</t></is></c>"#),
                                C::N(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
                                C::D(n) => format!(r#"<c r="{at}" s="1"><v>{n}</v></c>"#),
                            }
                        })
                        .collect();
                    format!(r#"<row r="{}">{cells}</row>"#, r + 1)
                })
                .collect();
            put(
                &format!("xl/worksheets/sheet{}.xml", i + 1),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
                ),
            );
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn each_sheet_is_a_page_and_each_row_a_line() {
        let bytes = xlsx(&[
            ("Header", vec![vec![C::S("Invoice No"), C::S("INV-1")], vec![C::S("Date"), C::D(45356.0)]]),
            (
                "Items",
                vec![vec![C::S("Item"), C::S("Qty")], vec![C::S("Chair"), C::N(2.0)], vec![C::S("Desk"), C::N(1.5)]],
            ),
        ]);
        let (doc, pages) = parse("xlsx", &bytes).unwrap();
        assert_eq!(pages.len(), 2);
        let texts = |p: usize| doc.pages[p].lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(0), ["Invoice No  INV-1", "Date        2024-03-05"]);
        assert_eq!(texts(1), ["Item   Qty", "Chair  2", "Desk   1.5"]);
        assert_eq!((pages[1].page, pages[1].dpi), (1, 0));
    }

    #[test]
    fn values_show_as_a_sheet_shows_them() {
        let date = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(show(&Data::Float(240.0)), "240");
        assert_eq!(show(&Data::Float(-0.25)), "-0.25");
        assert_eq!(show(&date(45356.0)), "2024-03-05");
        assert_eq!(show(&date(45356.5)), "2024-03-05 12:00:00");
        assert_eq!(show(&date(0.75)), "18:00:00");
        assert_eq!(show(&Data::DateTimeIso("2024-03-05T00:00:00".into())), "2024-03-05");
        assert_eq!(show(&Data::Bool(true)), "TRUE");
    }

    #[test]
    fn a_damaged_workbook_names_what_is_wrong() {
        let mut bytes = xlsx(&[("S", vec![vec![C::S("a")]])]);
        // Keep the container, break the workbook part's compressed bytes.
        let at = bytes.windows(15).position(|w| w == b"xl/workbook.xml").unwrap();
        for b in &mut bytes[at + 15..at + 60] {
            *b ^= 0x5A;
        }
        let err = crate::parse_file("broken.xlsx", &bytes).unwrap_err().to_string();
        assert!(err.starts_with("the xlsx file is damaged and cannot be read:"), "{err}");
        let err = crate::parse_file("half.xlsx", &bytes[..bytes.len() / 2]).unwrap_err().to_string();
        assert!(err.contains("damaged"), "{err}");
    }
}
