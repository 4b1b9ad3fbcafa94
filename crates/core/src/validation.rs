//! The validation error and the checks shared by every request.

use docreview_wire::Id;

/// A request field that is missing or not acceptable. Its message names the field
/// and the reason, e.g. `name: at most 50 characters, got 51`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ValidationError {
    pub field: String,
    pub reason: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

/// The value of a required field.
pub fn required<T>(value: Option<T>, field: &str) -> Result<T, ValidationError> {
    value.ok_or_else(|| ValidationError::new(field, "is required"))
}

/// A required id field, as its integer.
pub fn required_id(value: Option<Id>, field: &str) -> Result<i64, ValidationError> {
    required(value, field).map(|id| id.0)
}

/// A name: surrounding whitespace removed, not blank, at most `max` characters.
pub fn name(value: &str, field: &str, max: usize) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::new(field, "must not be blank"));
    }
    at_most(trimmed, field, max)?;
    Ok(trimmed.to_owned())
}

/// A free text kept as given, at most `max` characters.
pub fn text(value: String, field: &str, max: usize) -> Result<String, ValidationError> {
    at_most(&value, field, max)?;
    Ok(value)
}

/// A free text that must not be blank, kept as given, at most `max` characters.
pub fn non_blank_text(value: String, field: &str, max: usize) -> Result<String, ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, "must not be blank"));
    }
    text(value, field, max)
}

fn at_most(value: &str, field: &str, max: usize) -> Result<(), ValidationError> {
    let chars = value.chars().count();
    if chars > max {
        return Err(ValidationError::new(field, format!("at most {max} characters, got {chars}")));
    }
    Ok(())
}

/// An integer within an inclusive range.
pub fn in_range(value: i64, field: &str, min: i64, max: i64) -> Result<i64, ValidationError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::new(field, format!("must be between {min} and {max}, got {value}")))
    }
}

/// A required list of ids: at least one, at most `max`, duplicates removed
/// (first occurrence kept).
pub fn id_list(value: Option<Vec<Id>>, field: &str, max: usize) -> Result<Vec<i64>, ValidationError> {
    let ids = required(value, field)?;
    if ids.is_empty() {
        return Err(ValidationError::new(field, "must name at least one id"));
    }
    optional_id_list(ids, field, max)
}

/// A list of ids that may be empty: at most `max`, duplicates removed.
pub fn optional_id_list(ids: Vec<Id>, field: &str, max: usize) -> Result<Vec<i64>, ValidationError> {
    if ids.len() > max {
        return Err(ValidationError::new(field, format!("at most {max} ids, got {}", ids.len())));
    }
    let mut unique = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(&id.0) {
            unique.push(id.0);
        }
    }
    Ok(unique)
}

/// A page of a listing: 1-based page number and page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub page: i64,
    pub page_size: i64,
}

impl Page {
    /// Reads `page` (default 1) and `page_size` (default `default_size`, at most 100).
    pub fn parse(page: Option<i64>, page_size: Option<i64>, default_size: i64) -> Result<Self, ValidationError> {
        let page = page.unwrap_or(1);
        if page < 1 {
            return Err(ValidationError::new("page", format!("must be at least 1, got {page}")));
        }
        let page_size = in_range(page_size.unwrap_or(default_size), "page_size", 1, 100)?;
        Ok(Self { page, page_size })
    }

    /// Rows to skip.
    pub fn offset(self) -> i64 {
        (self.page - 1).saturating_mul(self.page_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_measured_in_characters() {
        assert_eq!(name("  发票  ", "name", 2).unwrap(), "发票");
        let error = name("发票审核", "name", 3).unwrap_err();
        assert_eq!(error.to_string(), "name: at most 3 characters, got 4");
        assert_eq!(name("   ", "name", 3).unwrap_err().reason, "must not be blank");
    }

    #[test]
    fn id_lists_drop_duplicates_and_refuse_empty_lists() {
        assert_eq!(id_list(Some(vec![Id(3), Id(1), Id(3)]), "ids", 10).unwrap(), vec![3, 1]);
        assert!(id_list(Some(vec![]), "ids", 10).is_err());
        assert!(id_list(None, "ids", 10).is_err());
        assert!(id_list(Some(vec![Id(1), Id(2)]), "ids", 1).is_err());
    }

    #[test]
    fn pages_default_and_bound_their_size() {
        assert_eq!(Page::parse(None, None, 20).unwrap(), Page { page: 1, page_size: 20 });
        assert_eq!(Page::parse(Some(3), Some(10), 20).unwrap().offset(), 20);
        assert!(Page::parse(Some(0), None, 20).is_err());
        assert!(Page::parse(None, Some(101), 20).is_err());
    }
}
