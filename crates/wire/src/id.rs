//! Object ids: 64-bit integers that travel as JSON strings.
//!
//! DocFlow ids are snowflake-style integers larger than 2^53, so JavaScript and
//! other double-based JSON readers would corrupt them as numbers. We always emit
//! strings, and accept both strings and integers because some DocFlow request
//! schemas type them as integers.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A positive 64-bit object id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, utoipa::ToSchema)]
#[schema(value_type = String, pattern = "^[1-9][0-9]{0,18}$", example = "1955840505753140508")]
pub struct Id(pub i64);

impl Id {
    /// Parses the decimal text form; `None` unless it is a positive 64-bit integer.
    pub fn parse(text: &str) -> Option<Self> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse::<i64>().ok().filter(|v| *v > 0).map(Id)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor)
    }
}

struct IdVisitor;

const EXPECTED: &str = "an id: a string of digits or a positive integer";

impl Visitor<'_> for IdVisitor {
    type Value = Id;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
        Id::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &EXPECTED))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
        if v > 0 { Ok(Id(v)) } else { Err(E::invalid_value(de::Unexpected::Signed(v), &EXPECTED)) }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
        i64::try_from(v)
            .ok()
            .filter(|v| *v > 0)
            .map(Id)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &EXPECTED))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_strings_and_integers_and_written_as_strings() {
        let from_text: Id = serde_json::from_str("\"1955840505753140508\"").unwrap();
        let from_number: Id = serde_json::from_str("1955840505753140508").unwrap();
        assert_eq!(from_text, from_number);
        assert_eq!(serde_json::to_string(&from_text).unwrap(), "\"1955840505753140508\"");
    }

    #[test]
    fn non_numeric_negative_and_oversized_ids_are_rejected() {
        for bad in ["\"abc\"", "\"\"", "-4", "0", "\"-4\"", "\"99999999999999999999\"", "1.5"] {
            assert!(serde_json::from_str::<Id>(bad).is_err(), "{bad} was accepted");
        }
    }
}
