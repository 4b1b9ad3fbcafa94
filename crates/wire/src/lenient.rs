//! Booleans as clients really send them.
//!
//! In query strings and form fields every value is text, and clients differ:
//! Python's `requests` writes `True`/`False`, others `true`, `1`, `yes`. A
//! boolean field accepts all of these (any letter case) as well as JSON `true`
//! and `false`; anything else is an error naming the field.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// For `Option<bool>` fields: `#[serde(default, deserialize_with = "crate::lenient::option_bool")]`.
pub fn option_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    deserializer.deserialize_any(LenientBool)
}

/// Reads the text forms; `None` for anything that is not a boolean.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

struct LenientBool;

impl<'de> Visitor<'de> for LenientBool {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean: true or false (also True/False, 1/0, yes/no)")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            return Ok(None);
        }
        parse_bool(v).map(Some).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        match v {
            0 => Ok(Some(false)),
            1 => Ok(Some(true)),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        match v {
            0 => Ok(Some(false)),
            1 => Ok(Some(true)),
            _ => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Query {
        #[serde(default, deserialize_with = "super::option_bool")]
        flag: Option<bool>,
    }

    #[test]
    fn query_strings_accept_every_common_spelling() {
        for (text, expected) in
            [("flag=True", Some(true)), ("flag=false", Some(false)), ("flag=1", Some(true)), ("", None)]
        {
            let query: Query = serde_urlencoded::from_str(text).unwrap();
            assert_eq!(query.flag, expected, "{text}");
        }
        assert!(serde_urlencoded::from_str::<Query>("flag=maybe").is_err());
    }

    #[test]
    fn json_accepts_booleans_null_and_text() {
        for (text, expected) in [
            (r#"{"flag": true}"#, Some(true)),
            (r#"{"flag": null}"#, None),
            (r#"{"flag": "False"}"#, Some(false)),
            ("{}", None),
        ] {
            let body: Query = serde_json::from_str(text).unwrap();
            assert_eq!(body.flag, expected, "{text}");
        }
        assert!(serde_json::from_str::<Query>(r#"{"flag": 2}"#).is_err());
    }
}
