//! What reading a file may depend on beyond its bytes: where OCR finds its
//! language data, which languages it reads, and how large an image page may be.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The languages OCR reads when the upload names none: Simplified Chinese and English.
pub const DEFAULT_OCR_LANGUAGES: &str = "chi_sim+eng";

/// The most pixels an image page may have by default: a 600-dpi A4 scan has
/// about 35 million.
pub const DEFAULT_IMAGE_PIXELS: u64 = 40_000_000;

/// Options of [`parse_file_with`](crate::parse::parse_file_with). Serialisable,
/// as the server sends them to the parsing child with each file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParseOptions {
    /// Tesseract's language data directory (the one holding `eng.traineddata`).
    /// `None`: looked for with [`find_tessdata`] when OCR is needed.
    pub tessdata: Option<PathBuf>,
    /// Tesseract language codes joined by `+`, e.g. `chi_sim+eng`.
    pub languages: String,
    /// The most pixels one image page (or PDF page rendered for OCR) may
    /// have: `limits.parse_image_pixels`.
    pub max_image_pixels: u64,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self { tessdata: None, languages: DEFAULT_OCR_LANGUAGES.to_owned(), max_image_pixels: DEFAULT_IMAGE_PIXELS }
    }
}

/// Where Tesseract's language data is: `$TESSDATA_PREFIX` (the directory or
/// its `tessdata` subdirectory), then the places Debian, other distributions
/// and Homebrew install it. `None` when no directory holds a `.traineddata` file.
pub fn find_tessdata() -> Option<PathBuf> {
    let from_env = std::env::var_os("TESSDATA_PREFIX").map(PathBuf::from);
    let candidates = from_env.iter().flat_map(|p| [p.clone(), p.join("tessdata")]).chain(
        [
            "/usr/share/tesseract-ocr/5/tessdata",
            "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata",
            "/usr/local/share/tessdata",
            "/opt/homebrew/share/tessdata",
        ]
        .into_iter()
        .map(PathBuf::from),
    );
    candidates.into_iter().find(|dir| !installed_languages(dir).is_empty())
}

/// The language codes of the `.traineddata` files in `tessdata`, sorted;
/// `osd` (orientation detection) is not a language and is left out.
pub fn installed_languages(tessdata: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(tessdata) else { return Vec::new() };
    let mut languages: Vec<String> = entries
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".traineddata").filter(|code| *code != "osd").map(str::to_owned)
        })
        .collect();
    languages.sort();
    languages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_default_to_chinese_and_english() {
        let options: ParseOptions = serde_json::from_str("{}").unwrap();
        assert_eq!(options, ParseOptions::default());
        assert_eq!(options.languages, "chi_sim+eng");
    }

    #[test]
    fn a_directory_without_language_data_has_no_languages() {
        assert!(installed_languages(Path::new("/nonexistent")).is_empty());
    }
}
