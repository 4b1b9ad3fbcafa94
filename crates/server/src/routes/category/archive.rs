//! File responses: a ZIP of samples, or one sample, as an attachment.
//!
//! The SDK takes the file name from `Content-Disposition`, preferring the
//! RFC 5987 `filename*=UTF-8''…` form and URL-decoding either form, so both
//! carry the percent-encoded UTF-8 name.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use docreview_store::categories::SampleContent;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::{PartialSchema, ToSchema};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::ApiError;

/// A ZIP holding each file under its own name; a name used twice gets a
/// ` (2)`-style suffix so no entry hides another.
pub fn zip(files: &[SampleContent]) -> Result<Vec<u8>, ApiError> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut used: HashMap<String, usize> = HashMap::new();
    for file in files {
        let name = unique_entry_name(&mut used, &file.file_name);
        let options = options.last_modified_time(zip_time(file.created_at));
        writer.start_file(name, options).map_err(|e| ApiError::internal(&e))?;
        writer.write_all(&file.content).map_err(|e| ApiError::internal(&e))?;
    }
    let cursor = writer.finish().map_err(|e| ApiError::internal(&e))?;
    Ok(cursor.into_inner())
}

/// The UTC time of Unix milliseconds `ms` in the ZIP's format (which starts in
/// 1980); the format's earliest time when out of its range.
fn zip_time(ms: i64) -> zip::DateTime {
    let seconds = ms.div_euclid(1000);
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil, inverted).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let part = |value: i64| u8::try_from(value).unwrap_or_default();
    u16::try_from(year)
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(month),
                part(day),
                part(of_day / 3600),
                part(of_day % 3600 / 60),
                part(of_day % 60),
            )
            .ok()
        })
        .unwrap_or_default()
}

fn unique_entry_name(used: &mut HashMap<String, usize>, name: &str) -> String {
    let mut candidate = name.to_owned();
    let mut copy = 1;
    while used.contains_key(&candidate) {
        copy += 1;
        candidate = match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => format!("{stem} ({copy}).{extension}"),
            _ => format!("{name} ({copy})"),
        };
    }
    used.insert(candidate.clone(), 1);
    candidate
}

/// A download response: `bytes` of `content_type`, saved as `file_name`.
pub fn attachment(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    let encoded = utf8_percent_encode(file_name, RFC5987_ESCAPED).to_string();
    // Plain ASCII names go as they are, so that `curl -OJ` keeps them; others
    // percent-encoded, as DocFlow sends them and the SDK decodes them.
    let plain =
        file_name.chars().all(|c| c.is_ascii_graphic() || c == ' ') && !file_name.contains(['"', '\\', '%', ';']);
    let fallback = if plain { file_name } else { &encoded };
    let disposition = format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}");
    let disposition = HeaderValue::from_str(&disposition).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type)), (header::CONTENT_DISPOSITION, disposition)],
        bytes,
    )
        .into_response()
}

/// What RFC 5987 does not allow unescaped in `filename*`: all but letters,
/// digits and `!#$&+-.^_`|~`.
const RFC5987_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// A file in a response body, for the OpenAPI document (`string`, `binary`).
#[derive(Debug)]
pub struct FileBytes;

impl PartialSchema for FileBytes {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl ToSchema for FileBytes {}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn sample(id: i64, name: &str, content: &[u8]) -> SampleContent {
        SampleContent { id, file_name: name.to_owned(), content: content.to_vec(), created_at: 0 }
    }

    #[test]
    fn entries_carry_the_upload_time_in_utc() {
        // 2024-02-29 13:45:30 UTC
        let time = zip_time(1_709_214_330_000);
        assert_eq!(
            (time.year(), time.month(), time.day(), time.hour(), time.minute(), time.second()),
            (2024, 2, 29, 13, 45, 30)
        );
        assert_eq!(zip_time(0), zip::DateTime::default(), "1970 is before the ZIP epoch");
    }

    #[test]
    fn every_file_gets_its_own_entry_even_with_the_same_name() {
        let files = [sample(1, "a.pdf", b"one"), sample(2, "a.pdf", b"two"), sample(3, "notes", b"3")];
        let mut archive = zip::ZipArchive::new(Cursor::new(zip(&files).unwrap())).unwrap();
        let mut names: Vec<String> = archive.file_names().map(|name| name.unwrap().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["a (2).pdf", "a.pdf", "notes"]);
        let mut text = String::new();
        archive.by_name("a (2).pdf").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "two");
    }

    #[test]
    fn an_ascii_name_is_sent_as_is_and_others_percent_encoded() {
        let disposition = |name: &str| {
            let response = attachment("application/zip", name, vec![]);
            response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned()
        };
        assert_eq!(
            disposition("Invoice 2.zip"),
            "attachment; filename=\"Invoice 2.zip\"; filename*=UTF-8''Invoice%202.zip"
        );
        assert_eq!(
            disposition("发票.zip"),
            "attachment; filename=\"%E5%8F%91%E7%A5%A8.zip\"; filename*=UTF-8''%E5%8F%91%E7%A5%A8.zip"
        );
        assert_eq!(disposition("a\";b.pdf"), "attachment; filename=\"a%22%3Bb.pdf\"; filename*=UTF-8''a%22%3Bb.pdf");
    }
}
