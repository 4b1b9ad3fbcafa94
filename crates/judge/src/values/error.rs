//! Why a string is not the value a helper was asked to read. The message is
//! shown to the rule writer inside a verdict's reasoning, so it quotes the
//! string and, where one is known, says what is wrong with it.

use std::fmt;

/// A string that does not read as the expected kind of value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueError {
    text: String,
    expected: &'static str,
    detail: Option<String>,
}

impl ValueError {
    pub(crate) fn new(text: &str, expected: &'static str) -> Self {
        ValueError { text: text.to_owned(), expected, detail: None }
    }

    /// The same error with a reason the rule writer can act on.
    pub(crate) fn because(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.trim().is_empty() {
            write!(f, "the value is empty, not {}", self.expected)?;
        } else {
            write!(f, "{:?} is not {}", self.text, self.expected)?;
        }
        match &self.detail {
            Some(detail) => write!(f, " ({detail})"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_quotes_the_text_and_the_reason() {
        let error = ValueError::new("N/A", "a money amount").because("no digits");
        assert_eq!(error.to_string(), r#""N/A" is not a money amount (no digits)"#);
    }

    #[test]
    fn an_empty_value_is_called_empty() {
        assert_eq!(ValueError::new("  ", "a date").to_string(), "the value is empty, not a date");
    }
}
