//! Transform settings of a field (reference §4.5): what is checked when they are
//! saved, so that extraction never meets a setting it cannot apply.

use docreview_wire::category::{DatetimeSettings, EnumerateSettings, MismatchAction, RegexSettings, TransformSettings};
use regex::{Regex, RegexBuilder};

use super::common::{at, item};
use crate::validation::{self, ValidationError};

pub const DATETIME_FORMAT_MAX: usize = 50;
pub const ENUM_ITEMS_MAX: usize = 100;
pub const ENUM_ITEM_MAX: usize = 100;
pub const REGEX_MAX: usize = 500;
pub const REPLACE_MAX: usize = 500;
pub const DEFAULT_VALUE_MAX: usize = 200;
/// Bound on a compiled pattern, so one field cannot make extraction slow or large.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Checks `settings` found at `prefix` and returns them in canonical form: the
/// settings object of the chosen `type` is kept, the others are dropped.
pub fn transform_settings(settings: TransformSettings, prefix: &str) -> Result<TransformSettings, ValidationError> {
    let kind = settings.kind.trim().to_owned();
    let mut checked = TransformSettings {
        kind: kind.clone(),
        datetime_settings: None,
        enumerate_settings: None,
        regex_settings: None,
        mismatch_action: settings
            .mismatch_action
            .map(|a| mismatch_action(a, &at(prefix, "mismatch_action")))
            .transpose()?,
    };
    match kind.as_str() {
        "datetime" => {
            let path = at(prefix, "datetime_settings");
            let value = settings.datetime_settings.ok_or_else(|| required_for(&path, &kind))?;
            checked.datetime_settings = Some(datetime(&value, &path)?);
        }
        "enumerate" => {
            let path = at(prefix, "enumerate_settings");
            let value = settings.enumerate_settings.ok_or_else(|| required_for(&path, &kind))?;
            checked.enumerate_settings = Some(enumerate(value, &path)?);
        }
        "regex" => {
            let path = at(prefix, "regex_settings");
            let value = settings.regex_settings.ok_or_else(|| required_for(&path, &kind))?;
            checked.regex_settings = Some(regex_settings(value, &path)?);
        }
        other => {
            return Err(ValidationError::new(
                at(prefix, "type"),
                format!("must be datetime, enumerate or regex, got {other:?}"),
            ));
        }
    }
    Ok(checked)
}

fn required_for(path: &str, kind: &str) -> ValidationError {
    ValidationError::new(path, format!("is required when type is {kind}"))
}

fn datetime(settings: &DatetimeSettings, prefix: &str) -> Result<DatetimeSettings, ValidationError> {
    let field = at(prefix, "format");
    let format = validation::non_blank_text(settings.format.trim().to_owned(), &field, DATETIME_FORMAT_MAX)?;
    if !format.chars().any(|c| matches!(c, 'y' | 'M' | 'd' | 'H' | 'h' | 'm' | 's')) {
        return Err(ValidationError::new(
            field,
            format!("{format:?} has no date or time pattern letter (y, M, d, H, h, m, s)"),
        ));
    }
    Ok(DatetimeSettings { format })
}

fn enumerate(settings: EnumerateSettings, prefix: &str) -> Result<EnumerateSettings, ValidationError> {
    let field = at(prefix, "items");
    if settings.items.is_empty() || settings.items.len() > ENUM_ITEMS_MAX {
        return Err(ValidationError::new(
            field,
            format!("must list 1 to {ENUM_ITEMS_MAX} values, got {}", settings.items.len()),
        ));
    }
    let mut items: Vec<String> = Vec::with_capacity(settings.items.len());
    for (index, value) in settings.items.into_iter().enumerate() {
        let path = item(&field, index);
        let value = validation::non_blank_text(value.trim().to_owned(), &path, ENUM_ITEM_MAX)?;
        if let Some(first) = items.iter().position(|v| *v == value) {
            return Err(ValidationError::new(path, format!("{value:?} is also {}", item(&field, first))));
        }
        items.push(value);
    }
    Ok(EnumerateSettings { items })
}

fn regex_settings(settings: RegexSettings, prefix: &str) -> Result<RegexSettings, ValidationError> {
    let field = at(prefix, "match");
    let pattern = validation::non_blank_text(settings.pattern, &field, REGEX_MAX)?;
    let compiled = RegexBuilder::new(&pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|error| ValidationError::new(&field, error.to_string()))?;
    let replace = validation::text(settings.replace, &at(prefix, "replace"), REPLACE_MAX)?;
    check_group_references(&compiled, &replace, &at(prefix, "replace"))?;
    Ok(RegexSettings { pattern, replace })
}

/// Every `$1`, `${1}` or `${name}` in `replace` must name a group of the pattern;
/// `$$` is a literal dollar.
fn check_group_references(pattern: &Regex, replace: &str, field: &str) -> Result<(), ValidationError> {
    let mut rest = replace;
    while let Some(dollar) = rest.find('$') {
        rest = &rest[dollar + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            rest = after;
            continue;
        }
        let (reference, after) = if let Some(braced) = rest.strip_prefix('{') {
            match braced.find('}') {
                Some(end) => (&braced[..end], &braced[end + 1..]),
                None => return Err(ValidationError::new(field, "a `${` is not closed by `}`")),
            }
        } else {
            let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        rest = after;
        if reference.is_empty() {
            continue;
        }
        let known = match reference.parse::<usize>() {
            Ok(number) => number < pattern.captures_len(),
            Err(_) => pattern.capture_names().flatten().any(|name| name == reference),
        };
        if !known {
            return Err(ValidationError::new(
                field,
                format!("${reference} names no group of the pattern, which has {}", pattern.captures_len() - 1),
            ));
        }
    }
    Ok(())
}

fn mismatch_action(action: MismatchAction, prefix: &str) -> Result<MismatchAction, ValidationError> {
    let mode = action.mode.trim().to_owned();
    if mode != "default" && mode != "warning" {
        return Err(ValidationError::new(at(prefix, "mode"), format!("must be default or warning, got {mode:?}")));
    }
    let default_value = validation::text(action.default_value, &at(prefix, "default_value"), DEFAULT_VALUE_MAX)?;
    Ok(MismatchAction { mode, default_value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(kind: &str) -> TransformSettings {
        TransformSettings {
            kind: kind.to_owned(),
            datetime_settings: Some(DatetimeSettings { format: "yyyy-MM-dd".into() }),
            enumerate_settings: Some(EnumerateSettings { items: vec!["A".into(), "B".into()] }),
            regex_settings: Some(RegexSettings { pattern: r"^(\d{4})-(\d{2})$".into(), replace: "$1/$2".into() }),
            mismatch_action: None,
        }
    }

    #[test]
    fn only_the_settings_of_the_chosen_type_are_kept() {
        let checked = transform_settings(settings("regex"), "t").unwrap();
        assert!(checked.regex_settings.is_some());
        assert!(checked.datetime_settings.is_none() && checked.enumerate_settings.is_none());
    }

    #[test]
    fn the_settings_of_the_type_are_required() {
        let mut value = settings("enumerate");
        value.enumerate_settings = None;
        let error = transform_settings(value, "fields[0].transform_settings").unwrap_err();
        assert_eq!(error.field, "fields[0].transform_settings.enumerate_settings");
        assert_eq!(transform_settings(settings("number"), "t").unwrap_err().field, "t.type");
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_refused_with_the_compilers_message() {
        let mut value = settings("regex");
        value.regex_settings = Some(RegexSettings { pattern: "(unclosed".into(), replace: String::new() });
        let error = transform_settings(value, "t").unwrap_err();
        assert_eq!(error.field, "t.regex_settings.match");
        assert!(error.reason.contains("unclosed group"), "{}", error.reason);
    }

    #[test]
    fn a_replacement_must_name_existing_groups() {
        let mut value = settings("regex");
        value.regex_settings = Some(RegexSettings { pattern: r"(\d+)".into(), replace: "$2".into() });
        assert_eq!(transform_settings(value.clone(), "t").unwrap_err().field, "t.regex_settings.replace");
        value.regex_settings = Some(RegexSettings { pattern: r"(?P<y>\d+)".into(), replace: "${y}$$ $0".into() });
        assert!(transform_settings(value, "t").is_ok());
    }

    #[test]
    fn mismatch_modes_formats_and_items_are_checked() {
        let mut value = settings("datetime");
        value.mismatch_action = Some(MismatchAction { mode: "ignore".into(), default_value: String::new() });
        assert_eq!(transform_settings(value, "t").unwrap_err().field, "t.mismatch_action.mode");

        let mut value = settings("datetime");
        value.datetime_settings = Some(DatetimeSettings { format: "---".into() });
        assert_eq!(transform_settings(value, "t").unwrap_err().field, "t.datetime_settings.format");

        let mut value = settings("enumerate");
        value.enumerate_settings = Some(EnumerateSettings { items: vec!["A".into(), " A ".into()] });
        assert_eq!(transform_settings(value, "t").unwrap_err().field, "t.enumerate_settings.items[1]");
    }
}
