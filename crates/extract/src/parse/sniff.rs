//! Deciding what a file is. Magic bytes win over the name, because uploads are
//! often misnamed and a name is cheap to fake; the name decides between the
//! text-based formats, which have no magic.

use super::raster::ImageKind;

/// The formats `parse_file` tells apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Format {
    Pdf,
    Json,
    Image(ImageKind),
    Text {
        markdown: bool,
    },
    Docx,
    /// A workbook calamine reads: `xlsx`, `xls` or `ods`.
    Workbook(&'static str),
    Csv,
    /// Anything else, named as precisely as we can (`png`, `docx`, `bin` …).
    Unsupported(String),
}

impl Format {
    /// The format's name, as a task or an error reports it.
    pub(crate) fn describe(&self) -> String {
        match self {
            Format::Pdf => "pdf".to_owned(),
            Format::Json => "json".to_owned(),
            Format::Image(kind) => kind.name().to_owned(),
            Format::Text { markdown: true } => "md".to_owned(),
            Format::Text { markdown: false } => "txt".to_owned(),
            Format::Docx => "docx".to_owned(),
            Format::Workbook(format) => (*format).to_owned(),
            Format::Csv => "csv".to_owned(),
            Format::Unsupported(format) => format.clone(),
        }
    }
}

pub(crate) fn detect(file_name: &str, bytes: &[u8]) -> Format {
    let ext = extension(file_name);
    if let Some(format) = magic(bytes, &ext) {
        return format;
    }
    match ext.as_str() {
        "pdf" => Format::Pdf,
        "json" => Format::Json,
        "txt" | "text" => Format::Text { markdown: false },
        "md" | "markdown" => Format::Text { markdown: true },
        "csv" | "tsv" => Format::Csv,
        "" if super::office::csv::looks_like_csv(bytes) => Format::Csv,
        // Named as an image but without its magic: the decoder says what is wrong.
        "png" => Format::Image(ImageKind::Png),
        "jpg" | "jpeg" => Format::Image(ImageKind::Jpeg),
        "tif" | "tiff" => Format::Image(ImageKind::Tiff),
        "bmp" => Format::Image(ImageKind::Bmp),
        "webp" => Format::Image(ImageKind::Webp),
        _ if looks_like_text(bytes) => {
            if starts_with_json_object(bytes) && ext.is_empty() {
                Format::Json
            } else {
                Format::Text { markdown: false }
            }
        }
        "" => Format::Unsupported("binary".to_owned()),
        _ => Format::Unsupported(ext),
    }
}

fn extension(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn magic(bytes: &[u8], ext: &str) -> Option<Format> {
    let unsupported = |name: &str| Some(Format::Unsupported(name.to_owned()));
    // The PDF header may sit anywhere in the first 1024 bytes (ISO 32000-1, 7.5.2 note).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some(Format::Image(ImageKind::Png)),
        [0xFF, 0xD8, 0xFF, ..] => Some(Format::Image(ImageKind::Jpeg)),
        [b'G', b'I', b'F', b'8', ..] => unsupported("gif"),
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => Some(Format::Image(ImageKind::Tiff)),
        // "BM" alone is too weak a mark: text may start with it.
        [b'B', b'M', ..] if ext == "bmp" || (bytes.len() > 30 && !looks_like_text(bytes)) => {
            Some(Format::Image(ImageKind::Bmp))
        }
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(Format::Image(ImageKind::Webp)),
        // Office Open XML, OpenDocument and OFD are ZIP containers; their
        // content types say which, or else the name.
        [b'P', b'K', 3, 4, ..] => Some(super::office::zip_format(bytes, ext)),
        // Legacy Office files are OLE compound documents.
        [0xD0, 0xCF, 0x11, 0xE0, ..] => match ext {
            "xls" => Some(Format::Workbook("xls")),
            "doc" | "ppt" => unsupported(ext),
            _ => unsupported("ole"),
        },
        _ => None,
    }
}

/// UTF-8 (or UTF-16 with a BOM) without control characters other than
/// whitespace and form feeds.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => !text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')),
        Err(_) => false,
    }
}

fn starts_with_json_object(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_wins_over_the_name() {
        assert_eq!(detect("a.txt", b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(detect("a.pdf", b"\xFF\xD8\xFF\xE0"), Format::Image(ImageKind::Jpeg));
        assert_eq!(detect("scan.tif", b"II*\0rest"), Format::Image(ImageKind::Tiff));
        assert_eq!(detect("scan", b"RIFF\0\0\0\0WEBPVP8 "), Format::Image(ImageKind::Webp));
        assert_eq!(detect("notes.txt", b"BM is a text too"), Format::Text { markdown: false });
        assert_eq!(detect("photo.JPG", b"not really"), Format::Image(ImageKind::Jpeg));
        assert_eq!(detect("a.docx", b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(detect("a.pptx", b"PK\x03\x04rest"), Format::Unsupported("pptx".into()));
        assert_eq!(detect("a.xls", b"\xD0\xCF\x11\xE0rest"), Format::Workbook("xls"));
        assert_eq!(detect("a.doc", b"\xD0\xCF\x11\xE0rest"), Format::Unsupported("doc".into()));
    }

    #[test]
    fn the_name_decides_between_text_formats() {
        assert_eq!(detect("a.md", b"# x"), Format::Text { markdown: true });
        assert_eq!(detect("a.TXT", b"x"), Format::Text { markdown: false });
        assert_eq!(detect("a.json", b"{}"), Format::Json);
        assert_eq!(detect("result", b" {\"data\":{}}"), Format::Json);
        assert_eq!(detect("notes.log", b"{ braces in a log"), Format::Text { markdown: false });
        assert_eq!(detect("a.csv", b"a;b"), Format::Csv);
        assert_eq!(detect("export", b"a;b;c\n1;2;3\n"), Format::Csv);
        assert_eq!(detect("upload", b"plain words\nand more"), Format::Text { markdown: false });
    }

    #[test]
    fn binary_without_a_known_name_is_unsupported() {
        assert_eq!(detect("blob", b"\x00\x01\x02\xff"), Format::Unsupported("binary".into()));
        assert_eq!(detect("blob.bin", b"\x00\x01\x02\xff"), Format::Unsupported("bin".into()));
        assert_eq!(detect(".hidden", b"\x00\x01"), Format::Unsupported("binary".into()));
    }
}
