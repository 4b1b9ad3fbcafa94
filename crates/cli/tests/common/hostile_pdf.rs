//! PDFs built to hurt a parser, generated in the test: a content stream that
//! inflates to hundreds of megabytes, arrays nested a hundred thousand deep,
//! and form XObjects that each draw the next, tens of thousands deep.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// Font and page objects every PDF here shares: 1 catalog, 2 pages, 3 page,
/// 4 content stream, 5 font; the page's extra resources go in `resources`.
fn one_page(content: Vec<u8>, resources: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 5 0 R >> {resources} >> /Contents 4 0 R >>"
        )
        .into_bytes(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    objects.extend(more);
    assemble(&objects)
}

/// A PDF of `objects` (numbered from 1), with its cross-reference table.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (number, body) in (1..).zip(objects) {
        offsets.push(pdf.len());
        pdf.extend(format!("{number} 0 obj\n").into_bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    pdf.extend(trailer.into_bytes());
    pdf
}

fn stream(dictionary: &str, data: &[u8]) -> Vec<u8> {
    let mut object = format!("<< {dictionary} /Length {} >>\nstream\n", data.len()).into_bytes();
    object.extend(data);
    object.extend(b"\nendstream");
    object
}

const HELLO: &[u8] = b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET\n";

/// One page whose FlateDecode content stream inflates to `inflated` bytes:
/// a line of text, then spaces.
pub fn deflate_bomb(inflated: usize) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(HELLO).unwrap();
    let spaces = vec![b' '; 1 << 20];
    let mut left = inflated - HELLO.len();
    while left > 0 {
        let now = left.min(spaces.len());
        encoder.write_all(&spaces[..now]).unwrap();
        left -= now;
    }
    let deflated = encoder.finish().unwrap();
    one_page(stream("/Filter /FlateDecode", &deflated), "", Vec::new())
}

/// One page that shows text from an array nested `depth` deep (`[[[…(x)…]]] TJ`).
pub fn nested_arrays(depth: usize) -> Vec<u8> {
    let mut content = b"BT /F1 12 Tf 72 712 Td ".to_vec();
    content.extend(std::iter::repeat_n(b'[', depth));
    content.extend(b"(x)");
    content.extend(std::iter::repeat_n(b']', depth));
    content.extend(b" TJ ET");
    one_page(stream("", &content), "", Vec::new())
}

/// One page that draws form 6, which draws form 7, … `depth` forms deep; the
/// last shows text.
pub fn nested_forms(depth: usize) -> Vec<u8> {
    let forms = (6..6 + depth)
        .map(|number| {
            let (content, resources) = if number + 1 < 6 + depth {
                let next = number + 1;
                (format!("/X{next} Do"), format!("<< /XObject << /X{next} {next} 0 R >> >>"))
            } else {
                ("BT /F1 12 Tf 72 712 Td (deep) Tj ET".to_owned(), "<< /Font << /F1 5 0 R >> >>".to_owned())
            };
            let dictionary = format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources {resources}");
            stream(&dictionary, content.as_bytes())
        })
        .collect();
    let mut content = HELLO.to_vec();
    content.extend(b"/X6 Do");
    one_page(stream("", &content), "/XObject << /X6 6 0 R >>", forms)
}
