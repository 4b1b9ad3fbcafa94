//! What a judge answers for one rule task: a result, the reasoning a person
//! reads, and anchors that tie parts of the reasoning to the source data
//! (DocFlow's `review_tasks[].anchors`, reference §3.5.4 and DESIGN §3).

/// The outcome of a rule: the engine maps it to `review_result` 1, 4 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictResult {
    Passed,
    NotPassed,
    /// The rule could not be judged (a broken expression, a value that is
    /// not what the rule expects). Never reported as `NotPassed`: a failure
    /// to judge says nothing about the document.
    Error,
}

/// A judge's answer for one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub result: VerdictResult,
    pub reasoning: String,
    pub anchors: Vec<Anchor>,
}

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorSource {
    /// An extracted field or table cell.
    ExtractField,
    /// A line of the document's text.
    Ocr,
}

impl AnchorSource {
    /// The wire spelling of the `source` field.
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorSource::ExtractField => "extract_field",
            AnchorSource::Ocr => "ocr",
        }
    }
}

/// The number of integers of a box: four corners, x and y each.
pub const QUAD: usize = 8;

/// A span of the reasoning and the source text it stands for.
///
/// `start_pos`/`end_pos` count Unicode code points of `reasoning` (end
/// exclusive), not bytes: DocFlow's clients index strings that way.
/// Judges emit anchors only for values with a place on their page: eight
/// integers in `vertices` ([`Anchor::is_placed`]), as DocFlow's clients expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub start_pos: usize,
    pub end_pos: usize,
    /// The source text, as extracted or as written in the line.
    pub text: String,
    /// An 8-int quad, clockwise from top-left, in page pixels.
    pub vertices: Vec<i64>,
    /// Page index into the file's `pages` (0-based, as in the extraction data).
    pub page: i64,
    pub file_id: i64,
    pub extract_task_id: i64,
    pub source: AnchorSource,
    /// The document's category.
    pub file_category: String,
    /// The field (or table column) name; empty for `Ocr` anchors.
    pub field_name: String,
}

impl Anchor {
    /// Whether the source has a box on its page (eight integers).
    pub fn is_placed(&self) -> bool {
        self.vertices.len() == QUAD
    }
}
