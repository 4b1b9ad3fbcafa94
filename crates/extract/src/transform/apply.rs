//! Dispatching a value to its transform and applying the mismatch action.

use docreview_text::DateOrder;
use docreview_wire::category::{MismatchAction, TransformSettings};
use thiserror::Error;

use super::{datetime, enumerate, regex};

/// A transformed value. `matched` is false when the value did not fit the
/// transform; `value` is then what the mismatch action chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformed {
    pub value: String,
    pub matched: bool,
}

/// Settings that can never match anything.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct InvalidTransform(String);

/// Applies a transform to a value; a `datetime` transform reads `03/05/2024`
/// by `date_order`, the workspace's.
///
/// A type we do not know, or a type without its settings object, leaves the
/// value as it is (matched): there is nothing to check it against. On a
/// mismatch, mode `default` outputs `default_value` and every other mode
/// (`warning`, or none given) keeps the raw value, for a person to look at.
pub fn transform(value: &str, settings: &TransformSettings, date_order: DateOrder) -> Transformed {
    let outcome = match settings.kind.as_str() {
        "datetime" => settings.datetime_settings.as_ref().map(|s| datetime::convert(value, &s.format, date_order)),
        "enumerate" => settings.enumerate_settings.as_ref().map(|s| enumerate::pick(value, &s.items)),
        "regex" => settings.regex_settings.as_ref().map(|s| regex::apply(value, s)),
        _ => None,
    };
    match outcome {
        None => Transformed { value: value.to_owned(), matched: true },
        Some(Some(value)) => Transformed { value, matched: true },
        Some(None) => mismatch(value, settings.mismatch_action.as_ref()),
    }
}

fn mismatch(raw: &str, action: Option<&MismatchAction>) -> Transformed {
    let value = match action {
        Some(action) if action.mode == "default" => action.default_value.clone(),
        _ => raw.to_owned(),
    };
    Transformed { value, matched: false }
}

/// Checks settings when a category is saved, so a broken pattern is reported
/// to whoever wrote it instead of turning every value into a mismatch.
pub fn check(settings: &TransformSettings) -> Result<(), InvalidTransform> {
    let invalid = |message: String| Err(InvalidTransform(message));
    match settings.kind.as_str() {
        "datetime" | "enumerate" => {}
        "regex" => {
            if let Some(regex) = &settings.regex_settings {
                regex::compile(&regex.pattern).map_err(InvalidTransform)?;
            }
        }
        other => return invalid(format!("transform type must be datetime, enumerate or regex, got {other:?}")),
    }
    if let Some(action) = &settings.mismatch_action
        && !matches!(action.mode.as_str(), "default" | "warning")
    {
        return invalid(format!("mismatch_action.mode must be default or warning, got {:?}", action.mode));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use docreview_wire::category::{DatetimeSettings, EnumerateSettings, RegexSettings};

    fn settings(kind: &str, mode: Option<&str>) -> TransformSettings {
        TransformSettings {
            kind: kind.into(),
            datetime_settings: Some(DatetimeSettings { format: "yyyy-MM-dd".into() }),
            enumerate_settings: Some(EnumerateSettings { items: vec!["Paid".into(), "Open".into()] }),
            regex_settings: Some(RegexSettings { pattern: r"^INV-(\d{4})-(\d+)$".into(), replace: "$1/$2".into() }),
            mismatch_action: mode.map(|m| MismatchAction { mode: m.into(), default_value: "N/A".into() }),
        }
    }

    fn run(value: &str, kind: &str, mode: Option<&str>) -> (String, bool) {
        let t = transform(value, &settings(kind, mode), DateOrder::default());
        (t.value, t.matched)
    }

    #[test]
    fn datetime_matches_and_mismatches_in_both_modes() {
        assert_eq!(run("2024年3月5日", "datetime", Some("default")), ("2024-03-05".into(), true));
        assert_eq!(run("soon", "datetime", Some("default")), ("N/A".into(), false));
        assert_eq!(run("soon", "datetime", Some("warning")), ("soon".into(), false));
    }

    #[test]
    fn enumerate_matches_and_mismatches_in_both_modes() {
        assert_eq!(run(" PAID ", "enumerate", Some("default")), ("Paid".into(), true));
        assert_eq!(run("Cancelled", "enumerate", Some("default")), ("N/A".into(), false));
        assert_eq!(run("Cancelled", "enumerate", Some("warning")), ("Cancelled".into(), false));
    }

    #[test]
    fn regex_matches_and_mismatches_in_both_modes() {
        assert_eq!(run("INV-2024-0042", "regex", Some("default")), ("2024/0042".into(), true));
        assert_eq!(run("42", "regex", Some("default")), ("N/A".into(), false));
        assert_eq!(run("42", "regex", Some("warning")), ("42".into(), false));
    }

    #[test]
    fn without_a_mismatch_action_the_raw_value_is_kept() {
        assert_eq!(run("42", "regex", None), ("42".into(), false));
    }

    #[test]
    fn unknown_types_and_missing_settings_leave_the_value() {
        assert_eq!(run("x", "uppercase", Some("default")), ("x".into(), true));
        let mut s = settings("regex", Some("default"));
        s.regex_settings = None;
        assert_eq!(transform("x", &s, DateOrder::default()), Transformed { value: "x".into(), matched: true });
    }

    #[test]
    fn check_rejects_broken_patterns_types_and_modes() {
        assert_eq!(check(&settings("regex", Some("warning"))), Ok(()));
        let mut broken = settings("regex", None);
        broken.regex_settings = Some(RegexSettings { pattern: "(unclosed".into(), replace: String::new() });
        assert!(check(&broken).unwrap_err().to_string().contains("unclosed"));
        assert!(check(&settings("upper", None)).is_err());
        assert!(check(&settings("datetime", Some("ignore"))).is_err());
    }
}
