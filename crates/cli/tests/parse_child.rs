//! `docreview parse` as the server runs it, through `docreview_engine`'s
//! sandbox: what comes back equals what `parse_file` gives in-process, and a
//! parse that runs out of CPU time is stopped and named.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "../../extract/tests/fixtures/pdf.rs"]
mod pdf;

use std::fmt::Write;

use docreview_engine::sandbox::ParseFailure;
use docreview_engine::{ParseLimits, ParserCommand, Sandbox};

fn sandbox(limits: ParseLimits) -> Sandbox {
    Sandbox::new(ParserCommand::docreview(env!("CARGO_BIN_EXE_docreview").into()), limits)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn every_example_parses_in_the_child_as_it_does_in_process() {
    let sandbox = sandbox(ParseLimits::default());
    for (name, format) in [
        ("invoice.txt", "txt"),
        ("invoice.md", "md"),
        ("invoice.pdf", "pdf"),
        ("invoice-result.json", "json"),
        // OCR in the child: its empty environment, 1 GiB of address space, chi_sim+eng.
        ("invoice.png", "png"),
    ] {
        let bytes = common::example(name);
        let in_process = docreview_extract::parse_file(name, &bytes);
        let in_child = runtime().block_on(sandbox.parse(name, format, bytes)).unwrap();
        assert_eq!(in_child, in_process.map_err(ParseFailure::Rejected), "{name}");
    }
}

#[test]
fn a_file_the_parser_rejects_comes_back_with_the_parser_s_reason() {
    let parsed =
        runtime().block_on(sandbox(ParseLimits::default()).parse("scan.png", "png", b"\x89PNG\r\n\x1a\n".to_vec()));
    let Err(ParseFailure::Rejected(reason)) = parsed.unwrap() else { panic!("not rejected") };
    assert!(reason.to_string().starts_with("the png image is damaged and cannot be read"), "{reason}");
}

#[test]
fn a_parse_over_its_cpu_time_is_stopped_and_named() {
    let mut text = String::new();
    for item in 0..1_500_000 {
        writeln!(text, "Item {item:07}  Widget  qty {}  price {}.00 EUR", item % 13, item % 1000).unwrap();
    }
    let limits = ParseLimits { cpu_seconds: 1, memory_bytes: 4 << 30, ..ParseLimits::default() };
    let parsed = runtime().block_on(sandbox(limits).parse("large.txt", "txt", text.into_bytes())).unwrap();
    let Err(ParseFailure::Child(failure)) = parsed else { panic!("the parse finished within a second of CPU") };
    assert_eq!(failure.to_string(), "parsing used more than 1 s of CPU; limit `limits.parse_cpu_seconds`");
}

/// A one-page A4 PDF whose page is `examples/invoice.png` as an image: its
/// IDAT data is a zlib stream with PNG predictors, which PDF's FlateDecode
/// reads as it is.
fn scanned_invoice_pdf() -> Vec<u8> {
    let png = common::example("invoice.png");
    let (mut at, mut idat, mut size) = (8, Vec::new(), (0, 0));
    while at + 8 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let data = &png[at + 8..at + 8 + length];
        match &png[at + 4..at + 8] {
            b"IHDR" => {
                size = (
                    u32::from_be_bytes(data[..4].try_into().unwrap()),
                    u32::from_be_bytes(data[4..8].try_into().unwrap()),
                );
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        at += 12 + length;
    }
    let (width, height) = size;
    let image = [
        format!(
            "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray \
             /BitsPerComponent 8 /Filter /FlateDecode \
             /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns {width} >> /Length {} >>\nstream\n",
            idat.len()
        )
        .into_bytes(),
        idat,
        b"\nendstream".to_vec(),
    ]
    .concat();
    let draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q";
    let objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        image,
        [format!("<< /Length {} >>\nstream\n", draw.len()).as_bytes(), draw, b"\nendstream"].concat(),
    ];
    pdf::pdf(&objects)
}

#[test]
fn a_scanned_a4_page_is_read_at_300_dpi_in_chinese_and_english_within_the_default_limits() {
    let started = std::time::Instant::now();
    let parsed = runtime().block_on(sandbox(ParseLimits::default()).parse("scan.pdf", "pdf", scanned_invoice_pdf()));
    eprintln!("a scanned A4 page, rendered at 300 dpi and read in chi_sim+eng in the child: {:?}", started.elapsed());
    let Ok(docreview_extract::Parsed::Document { document, pages, .. }) = parsed.unwrap() else { panic!("not read") };
    assert_eq!((pages[0].width, pages[0].height, pages[0].dpi), (2479, 3508, 300));
    let texts: Vec<&str> = document.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
    assert!(texts.contains(&"Invoice No.: INV-2024-0042"), "{texts:#?}");
    assert!(texts.contains(&"Total: EUR 946.05"), "{texts:#?}");
}
