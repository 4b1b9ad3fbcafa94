//! The example invoices of `examples/`, read the way the worker reads
//! uploads: every configured field and table row must come out with the right
//! value, page and quad, whatever the file format; damaged files must come
//! out as the right error, never as a panic.

// Test helpers fail loudly; clippy's test allowances cover only `#[test]` bodies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use docreview_core::category_spec::{CategorySpec, FieldSpec, TableSpec};
use docreview_extract::{
    ParseError, ParseOptions, Parsed, classify, draw_page, extract, extract_with_warnings, parse_file, parse_file_with,
};
use docreview_text::DateOrder;
use docreview_wire::category::{CategoryFieldConfig, CategoryKeywordRules, KeywordRuleGroup};
use docreview_wire::file::{Document, ExtractionData, PageInfo};
use serde::Deserialize;

const FIELDS: [(&str, &str); 8] = [
    ("Invoice Number", "INV-2024-0042"),
    ("Invoice Date", "2024-03-05"),
    ("Seller", "Northwind Traders GmbH"),
    ("Buyer", "Contoso Retail Ltd."),
    ("Net Amount", "795.00"),
    ("Tax Rate", "19%"),
    ("Tax Amount", "151.05"),
    ("Total", "946.05"),
];

const ROWS: [[&str; 4]; 3] = [
    ["Office chair", "2", "120.00", "240.00"],
    ["Standing desk", "1", "450.00", "450.00"],
    ["Monitor arm", "3", "35.00", "105.00"],
];

fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `examples/invoice-category.json`, in the shape of DocFlow's category/create parts.
#[derive(Deserialize)]
struct CategoryFile {
    name: String,
    category_keyword_rules: CategoryKeywordRules,
    fields: Vec<CategoryFieldConfig>,
    tables: Vec<TableFile>,
}

#[derive(Deserialize)]
struct TableFile {
    name: String,
    fields: Vec<CategoryFieldConfig>,
}

fn field_spec(config: CategoryFieldConfig) -> FieldSpec {
    let name = config.name.unwrap_or_default();
    FieldSpec {
        id: 0,
        name,
        alias: config.alias.unwrap_or_default(),
        identity: config.identity,
        transform: config.transform_settings,
    }
}

fn invoice_category() -> CategorySpec {
    let file: CategoryFile = serde_json::from_slice(&example("invoice-category.json")).unwrap();
    let tables = file.tables.into_iter().map(|t| TableSpec {
        id: 0,
        name: t.name,
        fields: t.fields.into_iter().map(field_spec).collect(),
    });
    CategorySpec {
        id: 1,
        name: file.name,
        fields: file.fields.into_iter().map(field_spec).collect(),
        tables: tables.collect(),
        keyword_rules: file.category_keyword_rules,
    }
}

fn parse_document(name: &str) -> (String, Document, Vec<PageInfo>) {
    match parse_file(name, &example(name)) {
        Ok(Parsed::Document { format, document, pages }) => (format, document, pages),
        other => panic!("{name}: {other:?}"),
    }
}

/// Every field and table cell has its value and one 8-int quad inside its page.
fn assert_invoice(name: &str, data: &ExtractionData, pages: &[PageInfo]) {
    let values: Vec<(&str, &str)> = data.fields.iter().map(|f| (f.key.as_str(), f.value.as_str())).collect();
    assert_eq!(values, FIELDS, "{name}");
    let rows: Vec<Vec<&str>> =
        data.tables[0].items.iter().map(|r| r.iter().map(|c| c.value.as_str()).collect()).collect();
    assert_eq!(rows, ROWS, "{name}");
    assert_eq!(data.items, data.tables[0].items, "{name}: items mirror the first table");
    let cells = data.fields.iter().chain(data.tables[0].items.iter().flatten());
    for kv in cells {
        let [position] = kv.position.as_slice() else {
            panic!("{name}: {} has {} positions", kv.key, kv.position.len())
        };
        let page = &pages[usize::try_from(position.page).unwrap()];
        let v = &position.vertices;
        assert_eq!(v.len(), 8, "{name}: {}", kv.key);
        let (x0, y0, x1, y1) = (v[0], v[1], v[4], v[5]);
        assert!(0 <= x0 && x0 < x1 && x1 <= page.width, "{name}: {} {v:?} in {page:?}", kv.key);
        assert!(0 <= y0 && y0 < y1 && y1 <= page.height, "{name}: {} {v:?} in {page:?}", kv.key);
        assert_eq!(v, &vec![x0, y0, x1, y0, x1, y1, x0, y1], "{name}: {} clockwise from top-left", kv.key);
    }
}

#[test]
fn the_text_invoice_yields_every_field_and_row() {
    let (format, document, pages) = parse_document("invoice.txt");
    assert_eq!(format, "txt");
    let outcome = extract_with_warnings(&document, &invoice_category(), DateOrder::default());
    assert_invoice("invoice.txt", &outcome.data, &pages);
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    // On the monospace grid a quad is exact: "INV-2024-0042" is chars 13..26 of row 2.
    let number = &outcome.data.fields[0].position[0].vertices;
    assert_eq!(number, &vec![48 + 13 * 12, 48 + 2 * 24, 48 + 26 * 12, 96, 360, 120, 204, 120]);
}

#[test]
fn the_markdown_invoice_yields_every_field_and_row() {
    let (format, document, pages) = parse_document("invoice.md");
    assert_eq!(format, "md");
    assert_invoice("invoice.md", &extract(&document, &invoice_category(), DateOrder::default()), &pages);
}

#[test]
fn the_pdf_invoice_yields_every_field_and_row() {
    let (format, document, pages) = parse_document("invoice.pdf");
    assert_eq!(format, "pdf");
    // A4 at 144 DPI.
    assert_eq!((pages[0].width, pages[0].height, pages[0].dpi), (1190, 1684, 144));
    let data = extract(&document, &invoice_category(), DateOrder::default());
    assert_invoice("invoice.pdf", &data, &pages);
    // The quad covers the value only: "INV-2024-0042" starts after the label.
    let line = &document.pages[0].lines[1];
    assert_eq!(line.text, "Invoice No.: INV-2024-0042");
    assert_eq!(data.fields[0].position[0].vertices[0], line.char_positions[13][0]);
    assert_eq!(data.fields[0].position[0].vertices[2], line.position[2]);
}

#[test]
fn the_docflow_result_is_imported_unchanged() {
    let bytes = example("invoice-result.json");
    let Ok(Parsed::DocflowResult(imported)) = parse_file("invoice-result.json", &bytes) else { panic!("not imported") };
    let raw: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(serde_json::to_value(&imported.data).unwrap(), raw["data"]);
    assert_eq!(serde_json::to_value(&imported.pages).unwrap(), raw["pages"]);
    assert_eq!(serde_json::to_value(&imported.document).unwrap(), raw["document"]);
    assert_eq!(imported.category.as_deref(), Some("Invoice"));
    assert_invoice("invoice-result.json", &imported.data, &imported.pages);
}

#[test]
fn every_example_is_classified_as_an_invoice() {
    let group = |min_hit, words: &[&str]| KeywordRuleGroup {
        group_name: String::new(),
        min_hit,
        words: words.iter().map(|w| (*w).to_owned()).collect(),
    };
    let rules = |positive, negative| CategoryKeywordRules { positive_rules: positive, negative_rules: negative };
    let other = |id: i64, keyword_rules| CategorySpec {
        id,
        name: format!("other {id}"),
        fields: vec![],
        tables: vec![],
        keyword_rules,
    };
    let categories = [
        other(10, rules(vec![group(1, &["receipt", "cash register"])], vec![])),
        // Matches more words than the invoice category, but is excluded by its negative group.
        other(
            11,
            rules(
                vec![group(1, &["invoice", "net amount", "tax amount", "total", "seller"])],
                vec![group(1, &["bank transfer"])],
            ),
        ),
        invoice_category(),
    ];
    for name in ["invoice.txt", "invoice.md", "invoice.pdf"] {
        let (_, document, _) = parse_document(name);
        assert_eq!(classify(&document, &categories).map(|c| c.name.as_str()), Some("Invoice"), "{name}");
    }
}

/// The PDF with `find` replaced by `replace` (same length, so offsets hold).
fn patched(find: &[u8], replace: &[u8]) -> Vec<u8> {
    let mut pdf = example("invoice.pdf");
    let at = pdf.windows(find.len()).position(|w| w == find).unwrap();
    pdf[at..at + replace.len()].copy_from_slice(replace);
    pdf
}

fn corrupt(bytes: &[u8]) -> String {
    match parse_file("invoice.pdf", bytes) {
        Err(ParseError::CorruptPdf { cause }) => cause,
        other => panic!("expected a corrupt PDF, got {other:?}"),
    }
}

#[test]
fn damaged_pdfs_are_reported_not_panicked_on() {
    let pdf = example("invoice.pdf");
    let stream = pdf.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    let mut flipped = pdf.clone();
    flipped[stream + 10..stream + 40].iter_mut().for_each(|b| *b ^= 0xFF);
    assert!(corrupt(&flipped).contains("content stream of page 1"));
    // pdf-extract panics on these; the panic becomes the cause.
    assert!(corrupt(&patched(b"/F1 11 Tf", b"/F9 11 Tf")).contains("F9"));
    assert!(corrupt(&patched(b"/MediaBox", b"/Mediabox")).contains("MediaBox"));
    assert!(!corrupt(&pdf[..pdf.len() / 2]).is_empty());
    assert!(!corrupt(b"%PDF-1.7\n").is_empty());
}

#[test]
fn a_pdf_without_text_that_ocr_finds_nothing_in_has_no_text_layer() {
    let mut blank = example("invoice.pdf");
    let start = blank.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    let end = blank.windows(9).position(|w| w == b"endstream").unwrap();
    blank[start..end].fill(b' ');
    let err = parse_file_with("scan.pdf", &blank, &english()).unwrap_err();
    assert_eq!(err, ParseError::NoTextLayer);
    assert_eq!(err.to_string(), "the PDF has no text layer and OCR found no text on its pages");
}

#[test]
fn empty_image_and_random_files_are_refused_with_a_reason() {
    assert_eq!(parse_file("invoice.pdf", b""), Err(ParseError::Empty));
    let gif = b"GIF89a\x01\0\x01\0";
    let err = parse_file("invoice.gif", gif).unwrap_err();
    assert_eq!(err, ParseError::Unsupported { format: "gif".into() });
    assert!(err.to_string().contains("gif") && err.to_string().contains("supported are"), "{err}");
    let noise = random_bytes(7, 4096);
    assert_eq!(parse_file("noise.bin", &noise), Err(ParseError::Unsupported { format: "bin".into() }));
    assert!(matches!(parse_file("noise.pdf", &noise), Err(ParseError::CorruptPdf { .. })));
    assert!(matches!(parse_file("noise.txt", &noise), Err(ParseError::NotUtf8 { .. })));
}

#[test]
fn randomly_damaged_pdfs_never_escape_as_panics() {
    let pdf = example("invoice.pdf");
    for seed in 1..=40u64 {
        let mut damaged = pdf.clone();
        for (i, r) in random_bytes(seed, 8).chunks(2).enumerate() {
            let at = (usize::from(r[0]) << 8 | usize::from(r[1])) % damaged.len();
            damaged[at] = damaged[at].wrapping_add(seed as u8 + i as u8);
        }
        if let Ok(Parsed::Document { document, .. }) = parse_file("invoice.pdf", &damaged) {
            let _ = extract(&document, &invoice_category(), DateOrder::default());
        }
    }
}

/// A fixed xorshift stream, so failures reproduce.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[path = "fixtures/office.rs"]
mod office;

#[path = "fixtures/pdf.rs"]
mod pdf;

#[path = "fixtures/images.rs"]
mod images;
use images::png_claiming;

/// A file read with the default options (Office and text files use no OCR).
fn parse_bytes(name: &str, bytes: &[u8]) -> (String, Document, Vec<PageInfo>) {
    read(name, bytes, &ParseOptions::default())
}

#[test]
fn the_image_invoice_yields_every_field_and_row() {
    // No text layer: every line comes from OCR.
    let (format, document, pages) = read("invoice.png", &example("invoice.png"), &english());
    assert_eq!(format, "png");
    assert_eq!((pages[0].width, pages[0].height, pages[0].dpi, pages[0].angle), (1239, 1754, 300, 0));
    let data = extract(&document, &invoice_category(), DateOrder::default());
    assert_invoice("invoice.png", &data, &pages);
}

// Images and scans: the invoice PDF rendered to pixels here (with the same
// renderer the parser uses for scanned pages), so no fixture is downloaded.

/// OCR in English only: faster than the default `chi_sim+eng`.
fn english() -> ParseOptions {
    ParseOptions { languages: "eng".into(), ..ParseOptions::default() }
}

/// The invoice's page rendered in grey at `dpi`.
fn invoice_scan(dpi: f32) -> image::GrayImage {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
    let pdf = hayro::hayro_syntax::Pdf::new(example("invoice.pdf")).unwrap();
    let page = &pdf.pages()[0];
    let scale = dpi / 72.0;
    let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let pixmap =
        render(page, &RenderCache::new(), &InterpreterSettings::default(), &RenderSettings::default(), &settings);
    let pixels = pixmap.data().iter().map(|p| ((u32::from(p.r) + u32::from(p.g) + u32::from(p.b)) / 3) as u8);
    image::GrayImage::from_raw(u32::from(pixmap.width()), u32::from(pixmap.height()), pixels.collect()).unwrap()
}

fn encode(image: &image::GrayImage, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), format).unwrap();
    bytes
}

fn read(name: &str, bytes: &[u8], options: &ParseOptions) -> (String, Document, Vec<PageInfo>) {
    match parse_file_with(name, bytes, options) {
        Ok(Parsed::Document { format, document, pages }) => (format, document, pages),
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn the_xlsx_invoice_yields_every_field_and_row() {
    let (format, document, pages) = parse_bytes("invoice.xlsx", &office::invoice_xlsx());
    assert_eq!(format, "xlsx");
    // A sheet is a page: labels and values on the first, line items on the second.
    assert_eq!(pages.len(), 2);
    let category = invoice_category();
    assert_eq!(classify(&document, std::slice::from_ref(&category)).map(|c| c.id), Some(1));
    let outcome = extract_with_warnings(&document, &category, DateOrder::default());
    assert_invoice("invoice.xlsx", &outcome.data, &pages);
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    // The value is the second cell: column 1 starts after "Invoice Date" (12 cells) and the gap.
    assert_eq!(outcome.data.fields[0].position[0].vertices[..2], [48 + 14 * 12, 48 + 2 * 24]);
    assert_eq!(outcome.data.tables[0].items[0][0].position[0].page, 1);
}

#[test]
fn the_docx_invoice_yields_every_field_and_row() {
    let (format, document, pages) = parse_bytes("invoice.docx", &office::invoice_docx());
    assert_eq!(format, "docx");
    let outcome = extract_with_warnings(&document, &invoice_category(), DateOrder::default());
    assert_invoice("invoice.docx", &outcome.data, &pages);
    // "Seller: …" and "Buyer: …" are cells of one table row.
    let seller = &outcome.data.fields[2].position[0].vertices;
    let buyer = &outcome.data.fields[3].position[0].vertices;
    assert_eq!(seller[1], buyer[1]);
    assert!(seller[2] < buyer[0]);
}

#[test]
fn the_csv_invoice_yields_every_field_and_row() {
    let (format, document, pages) = parse_bytes("invoice.csv", &office::invoice_csv());
    assert_eq!(format, "csv");
    assert_invoice("invoice.csv", &extract(&document, &invoice_category(), DateOrder::default()), &pages);
}

#[test]
fn a_zip_bomb_fails_on_the_inflation_cap() {
    let bomb = office::docx_bomb(130 << 20);
    assert!(bomb.len() < 1 << 20, "the bomb is {} bytes", bomb.len());
    let err = parse_file("bomb.docx", &bomb).unwrap_err();
    assert_eq!(err.to_string(), "the docx file has more than 134217728 inflated bytes; limit `MAX_INFLATED_BYTES`");
}

#[test]
fn a_corrupt_xlsx_fails_with_its_cause() {
    let bytes = office::invoice_xlsx();
    let err = parse_file("invoice.xlsx", &bytes[..bytes.len() - 40]).unwrap_err();
    assert!(matches!(err, ParseError::CorruptOffice { .. }), "{err:?}");
    assert!(err.to_string().starts_with("the xlsx file is damaged and cannot be read: "), "{err}");
    // A workbook part that is not XML.
    let bad = office::xlsx(&[("S", vec![vec![office::Cell::Text("<oops")]])]);
    let err = parse_file("bad.xlsx", &bad).unwrap_err().to_string();
    assert!(err.starts_with("the xlsx file is damaged"), "{err}");
}

#[test]
fn legacy_word_and_powerpoint_stay_unsupported_with_a_hint() {
    let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
    let err = parse_file("letter.doc", ole).unwrap_err().to_string();
    assert!(err.starts_with("unsupported file format: doc (convert it to DOCX or PDF first)"), "{err}");
}

#[test]
fn an_ods_sheet_of_labels_and_values_gives_fields() {
    let labels: &[&[&str]] = &[&["Invoice No", "INV-2024-0042"], &["Total", "1,140.00"]];
    let items: &[&[&str]] = &[&["Description", "Amount"], &["Consulting", "1,000.00"]];
    let (format, document, pages) = parse_bytes("invoice.ods", &office::ods(&[("Invoice", labels), ("Items", items)]));
    assert_eq!((format.as_str(), pages.len()), ("ods", 2), "each sheet a page");
    let first: Vec<&str> = document.pages[0].lines.iter().map(|l| l.text.trim_end()).collect();
    assert_eq!(first.len(), 2);
    assert!(first[0].starts_with("Invoice No") && first[0].ends_with("INV-2024-0042"), "{first:?}");
    // The same file named .zip is still read by its content.
    let (format, _, _) = parse_bytes("upload.zip", &office::ods(&[("Invoice", labels)]));
    assert_eq!(format, "ods");
}

fn line<'a>(document: &'a Document, page: usize, starts: &str) -> &'a docreview_wire::file::TextLine {
    let lines = &document.pages[page].lines;
    lines.iter().find(|l| l.text.starts_with(starts)).unwrap_or_else(|| {
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        panic!("no line starting {starts:?} on page {page}: {texts:#?}")
    })
}

#[test]
fn an_image_of_the_invoice_reads_as_positioned_lines_and_extracts() {
    let scan = invoice_scan(200.0);
    let started = std::time::Instant::now();
    let (format, document, pages) = read("invoice.png", &encode(&scan, image::ImageFormat::Png), &english());
    eprintln!("one 200-dpi page in eng: {:?}", started.elapsed());
    assert_eq!(format, "png");
    assert_eq!(
        (pages[0].width, pages[0].height, pages[0].angle),
        (i64::from(scan.width()), i64::from(scan.height()), 0)
    );
    // The label and its value are one line; its box is where the PDF draws it
    // (x 56 pt, baseline 738 pt from the bottom of 842), in 300-dpi pixels
    // (no resolution stated in the PNG).
    let number = line(&document, 0, "Invoice No.:");
    assert_eq!(number.text, "Invoice No.: INV-2024-0042");
    let [x0, y0, x1, _, _, _, _, y3] = number.position[..] else { panic!("not a quad") };
    let pt = 200.0 / 72.0;
    let near = |px: i64, points: f64| (px as f64 - points * pt).abs() < 12.0;
    assert!(near(x0, 56.0) && near(y3, 842.0 - 738.0) && y0 < y3 && x1 > x0 + 300, "{:?}", number.position);
    assert_eq!(number.char_positions.len(), number.text.chars().count());
    let data = extract(&document, &invoice_category(), DateOrder::default());
    for (name, value) in FIELDS {
        let field = data.fields.iter().find(|f| f.key == name).unwrap();
        assert_eq!(field.value, value, "{name}");
        assert_eq!(field.position[0].page, 0, "{name}");
    }
}

#[test]
fn chinese_and_english_by_default_in_the_memory_of_a_parse() {
    // A 300-dpi A4 page in the default languages, as a JPEG with its resolution stated.
    let scan = invoice_scan(300.0);
    let started = std::time::Instant::now();
    let (format, document, pages) =
        read("scan.jpg", &encode(&scan, image::ImageFormat::Jpeg), &ParseOptions::default());
    eprintln!("one 300-dpi page in chi_sim+eng: {:?}", started.elapsed());
    assert_eq!(format, "jpeg");
    assert_eq!(line(&document, 0, "Total").text, "Total: EUR 946.05");
    assert_eq!(pages[0].dpi, 300);
}

#[test]
fn a_page_turned_a_quarter_is_read_upright_and_reports_its_angle() {
    let scan = invoice_scan(150.0);
    // Turned clockwise by 90 and by 270 degrees.
    for (angle, turned) in [(90, image::imageops::rotate90(&scan)), (270, image::imageops::rotate270(&scan))] {
        let (_, document, pages) = read("turned.png", &encode(&turned, image::ImageFormat::Png), &english());
        assert_eq!((pages[0].angle, document.pages[0].angle), (angle, angle));
        assert_eq!((pages[0].width, pages[0].height), (i64::from(scan.width()), i64::from(scan.height())));
        assert_eq!(line(&document, 0, "Invoice No.:").text, "Invoice No.: INV-2024-0042");
        assert_eq!(line(&document, 0, "Total").text, "Total: EUR 946.05");
    }
}

#[test]
fn every_page_of_a_tiff_is_read_with_its_resolution_and_orientation() {
    use tiff::encoder::{Rational, TiffEncoder, colortype::Gray8};
    use tiff::tags::ResolutionUnit;
    let scan = invoice_scan(150.0);
    let mut tiff = std::io::Cursor::new(Vec::new());
    let mut encoder = TiffEncoder::new(&mut tiff).unwrap();
    // Page 1 upright, page 2 upside down; both state 150 dpi.
    for page in [scan.clone(), image::imageops::rotate180(&scan)] {
        let mut image = encoder.new_image::<Gray8>(page.width(), page.height()).unwrap();
        image.resolution(ResolutionUnit::Inch, Rational { n: 150, d: 1 });
        image.write_data(page.as_raw()).unwrap();
    }
    let (format, document, pages) = read("scan.tif", &tiff.into_inner(), &english());
    assert_eq!(format, "tiff");
    assert_eq!(pages.len(), 2);
    assert_eq!((pages[0].angle, pages[0].dpi, pages[1].angle, pages[1].dpi), (0, 150, 180, 150));
    for page in 0..2 {
        assert_eq!(line(&document, page, "Invoice No.:").text, "Invoice No.: INV-2024-0042");
        assert_eq!(line(&document, page, "Total").text, "Total: EUR 946.05");
    }
    assert_eq!(document.pages[0].lines, document.pages[1].lines, "upright, both pages read the same");
}

/// A two-page PDF: the invoice scanned (an image, no text) on page 1, the
/// invoice with its text layer on page 2.
fn scanned_then_text_pdf() -> Vec<u8> {
    let scan = invoice_scan(150.0);
    let text = example("invoice.pdf");
    let start = text.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    let end = text.windows(9).position(|w| w == b"endstream").unwrap();
    let content = &text[start..end];
    let image_dict = format!(
        "<< /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>",
        scan.width(),
        scan.height(),
        scan.as_raw().len()
    );
    let draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q\n";
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 6 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R /F2 8 0 R >> >> /Contents 9 0 R >>".to_vec(),
        [image_dict.as_bytes(), b"\nstream\n", scan.as_raw(), b"\nendstream"].concat(),
        [format!("<< /Length {} >>\nstream\n", draw.len()).as_bytes(), draw, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
    ];
    pdf::pdf(&objects)
}

#[test]
fn a_scanned_page_is_read_by_ocr_and_a_text_page_keeps_its_text_layer() {
    let started = std::time::Instant::now();
    let (format, document, pages) = read("mixed.pdf", &scanned_then_text_pdf(), &english());
    eprintln!("a scanned page rendered at 300 dpi and read in eng, and a text page: {:?}", started.elapsed());
    assert_eq!(format, "pdf");
    assert_eq!(pages.len(), 2);
    // Page 1 rendered at 300 dpi and read by OCR; page 2 as the text PDF reads.
    assert_eq!((pages[0].dpi, pages[0].width, pages[0].height), (300, 2479, 3508));
    assert_eq!(line(&document, 0, "Invoice No.:").text, "Invoice No.: INV-2024-0042");
    let (_, text_pdf, text_pages) = parse_document("invoice.pdf");
    assert_eq!(pages[1], PageInfo { page: 1, ..text_pages[0].clone() });
    assert_eq!(document.pages[1], text_pdf.pages[0]);
}

#[test]
fn an_image_larger_than_the_limit_fails_before_it_is_decoded() {
    let png = png_claiming(30_000, 20_000);
    let err = parse_file_with("huge.png", &png, &english()).unwrap_err();
    assert!(matches!(err, ParseError::ImageTooLarge { width: 30_000, height: 20_000, limit: 40_000_000, .. }));
    assert!(err.to_string().contains("limits.parse_image_pixels"), "{err}");
}

#[test]
fn a_damaged_image_fails_with_a_clear_cause() {
    let png = encode(&invoice_scan(72.0), image::ImageFormat::Png);
    let err = parse_file_with("cut.png", &png[..png.len() / 3], &english()).unwrap_err();
    assert!(err.to_string().starts_with("the png image is damaged and cannot be read: "), "{err}");
    let err = parse_file_with("noise.jpg", b"\xFF\xD8\xFF\xE0 not a jpeg at all", &english()).unwrap_err();
    assert!(err.to_string().starts_with("the jpeg image is damaged"), "{err}");
}

#[test]
fn an_unknown_ocr_language_is_named() {
    let png = encode(&invoice_scan(72.0), image::ImageFormat::Png);
    let options = ParseOptions { languages: "eng+klingon".into(), ..ParseOptions::default() };
    let err = parse_file_with("scan.png", &png, &options).unwrap_err();
    assert!(matches!(&err, ParseError::UnknownOcrLanguage { language, .. } if language == "klingon"), "{err:?}");
    assert!(err.to_string().contains("\"klingon\"") && err.to_string().contains("eng"), "{err}");
}

/// The width and height a PNG's header states.
fn png_size(png: &[u8]) -> (i64, i64) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let number = |at: usize| i64::from(u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]));
    (number(16), number(20))
}

#[test]
fn a_page_is_drawn_upright_at_the_size_its_vertices_use() {
    let scan = invoice_scan(150.0);
    let turned = encode(&image::imageops::rotate90(&scan), image::ImageFormat::Png);
    let (_, document, pages) = read("turned.png", &turned, &english());
    assert_eq!(pages[0].angle, 90);
    let drawn = draw_page("turned.png", &turned, &pages[0], 40_000_000).unwrap();
    assert_eq!(png_size(&drawn), (pages[0].width, pages[0].height), "the upright page's size");
    let drawn = image::load_from_memory(&drawn).unwrap().to_luma8();
    // Where OCR put the total's line, the drawn page has ink.
    let total = line(&document, 0, "Total").position.clone();
    let ink = (total[0]..total[2]).any(|x| {
        (total[1]..total[5]).any(|y| drawn.get_pixel(u32::try_from(x).unwrap(), u32::try_from(y).unwrap()).0[0] < 128)
    });
    assert!(ink, "no ink inside the total's box {total:?}");

    // A text PDF's page, at the 144 dpi of its text layer's vertices.
    let pdf = example("invoice.pdf");
    let Ok(Parsed::Document { pages, .. }) = parse_file("invoice.pdf", &pdf) else { panic!("not parsed") };
    let drawn = draw_page("invoice.pdf", &pdf, &pages[0], 40_000_000).unwrap();
    let (width, height) = png_size(&drawn);
    assert!((width - pages[0].width).abs() <= 1 && (height - pages[0].height).abs() <= 1, "{width}×{height}");

    let missing = PageInfo { page: 3, ..pages[0].clone() };
    assert_eq!(draw_page("invoice.pdf", &pdf, &missing, 40_000_000), Err(ParseError::NoSuchPage { page: 3 }));
    let text = draw_page("notes.txt", b"Total: 5", &pages[0], 40_000_000).unwrap_err();
    assert_eq!(text.to_string(), "a txt file has no page images: pages are drawn for images and PDFs");
}

/// `examples/` holds the Office versions of the invoice for clients that
/// cannot build them (the SDK conformance suite): the same bytes as the
/// fixtures here. `DOCREVIEW_WRITE_EXAMPLES=1` writes them anew.
#[test]
fn the_office_examples_are_the_fixtures() {
    let examples = [
        ("invoice.docx", office::invoice_docx()),
        ("invoice.xlsx", office::invoice_xlsx()),
        ("invoice.csv", office::invoice_csv()),
    ];
    for (name, bytes) in examples {
        let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("DOCREVIEW_WRITE_EXAMPLES").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        assert!(
            std::fs::read(&path).is_ok_and(|stored| stored == bytes),
            "{name} differs from its fixture: run this test with DOCREVIEW_WRITE_EXAMPLES=1"
        );
    }
}
