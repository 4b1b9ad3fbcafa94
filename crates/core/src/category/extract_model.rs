//! The extraction models a category, a table or a field may name.

use crate::validation::ValidationError;

/// What a category reports as its model when its fields and tables do not all
/// use the same one. Never accepted in requests.
pub const MIXED_MODEL: &str = "mixed";

/// An extraction model, by its current DocFlow name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ExtractModel {
    /// Routed per field by the service.
    #[default]
    Auto,
    /// Fast and stable (formerly "Model 1").
    Acgpt,
    /// Vision-language, for simple documents of up to 10 pages (formerly "Model 3").
    AcgptVl,
    /// For complex documents (formerly "Model 2").
    DfM1,
}

impl ExtractModel {
    /// The name sent on the wire and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "Auto",
            Self::Acgpt => "Acgpt",
            Self::AcgptVl => "Acgpt-VL",
            Self::DfM1 => "DF-M1",
        }
    }

    /// Reads a current name or one of the old names `Model 1/2/3`, which the
    /// SDK still sends and DocFlow still accepts.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "Auto" => Some(Self::Auto),
            "Acgpt" | "Model 1" => Some(Self::Acgpt),
            "Acgpt-VL" | "Model 3" => Some(Self::AcgptVl),
            "DF-M1" | "Model 2" => Some(Self::DfM1),
            _ => None,
        }
    }

    /// [`Self::from_name`], naming `field` when the name is unknown.
    pub fn parse(name: &str, field: &str) -> Result<Self, ValidationError> {
        Self::from_name(name.trim()).ok_or_else(|| {
            ValidationError::new(
                field,
                format!("must be Auto, Acgpt, Acgpt-VL or DF-M1 (or Model 1, Model 2, Model 3), got {name:?}"),
            )
        })
    }

    /// Whether tables extracted by this model may merge same-structured tables
    /// (`collect_from_multi_table`); the vision model reads pages one by one.
    pub fn merges_tables(self) -> bool {
        self != Self::AcgptVl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_model_names_map_to_the_current_ones() {
        assert_eq!(ExtractModel::parse("Model 1", "m").unwrap(), ExtractModel::Acgpt);
        assert_eq!(ExtractModel::parse("Model 2", "m").unwrap(), ExtractModel::DfM1);
        assert_eq!(ExtractModel::parse("Model 3", "m").unwrap(), ExtractModel::AcgptVl);
        assert_eq!(ExtractModel::parse("Acgpt-VL", "m").unwrap().as_str(), "Acgpt-VL");
    }

    #[test]
    fn unknown_and_response_only_names_are_refused() {
        for bad in ["mixed", "llm", "auto", ""] {
            assert_eq!(ExtractModel::parse(bad, "extract_model").unwrap_err().field, "extract_model");
        }
    }
}
