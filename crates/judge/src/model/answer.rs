//! Reading a model's answer: JSON when it gave JSON (alone, in a code fence,
//! or amid prose), else a plain-text `verdict: …` line; reasoning blocks are
//! removed first. What cannot be read as a verdict is an [`AnswerError`],
//! which the engine reports as an execution error, never as "not passed".

use serde_json::{Map, Value};

use super::think::strip_thinking;
use crate::verdict::VerdictResult;

/// What a model answered for one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelAnswer {
    /// [`VerdictResult::Passed`] or [`VerdictResult::NotPassed`].
    pub verdict: VerdictResult,
    pub reasoning: String,
    /// Quotes the model offers as evidence; they are checked against the
    /// documents before any anchor is made.
    pub evidence: Vec<String>,
}

/// Why an answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the model's answer was empty")]
    Empty,
    #[error("the model's answer has no verdict that reads as pass or fail: {0}")]
    NoVerdict(String),
}

/// Reads `content` (a chat completion's message text) as a verdict.
pub fn read_answer(content: &str) -> Result<ModelAnswer, AnswerError> {
    let text = strip_thinking(content);
    let text = text.trim();
    if text.is_empty() {
        return Err(AnswerError::Empty);
    }
    for candidate in json_candidates(text) {
        if let Ok(Value::Object(object)) = serde_json::from_str::<Value>(candidate)
            && let Some(answer) = from_object(&object)
        {
            return Ok(answer);
        }
    }
    from_plain_text(text).ok_or_else(|| AnswerError::NoVerdict(snippet(text)))
}

/// The places JSON may hide in: the whole text, each fenced code block, and
/// each balanced `{…}` outside strings.
fn json_candidates(text: &str) -> Vec<&str> {
    let mut candidates = vec![text];
    let mut rest = text;
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let body_start = after.find('\n').map_or(0, |i| i + 1);
        let Some(end) = after[body_start..].find("```") else { break };
        candidates.push(after[body_start..body_start + end].trim());
        rest = &after[body_start + end + 3..];
    }
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        match balanced_end(&text[open..]) {
            Some(len) => {
                candidates.push(&text[open..open + len]);
                from = open + len;
            }
            None => from = open + 1,
        }
    }
    candidates
}

/// The length of the balanced object at the start of `text`, if it closes.
fn balanced_end(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match (in_string, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => in_string = true,
            (false, '{') => depth += 1,
            (false, '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            (false, _) => {}
        }
    }
    None
}

fn from_object(object: &Map<String, Value>) -> Option<ModelAnswer> {
    let verdict = ["verdict", "result", "passed", "pass", "decision"].iter().find_map(|k| object.get(*k))?;
    let verdict = match verdict {
        Value::Bool(true) => VerdictResult::Passed,
        Value::Bool(false) => VerdictResult::NotPassed,
        Value::String(s) => verdict_word(s)?,
        _ => return None,
    };
    let reasoning = ["reasoning", "reason", "explanation", "rationale"]
        .iter()
        .find_map(|k| object.get(*k)?.as_str())
        .unwrap_or_default()
        .trim()
        .to_owned();
    let evidence =
        ["evidence", "quotes", "citations"].iter().find_map(|k| object.get(*k)).map_or_else(Vec::new, quotes);
    Some(ModelAnswer { verdict, reasoning, evidence })
}

/// Evidence as a list of strings, a single string, or objects that carry
/// the quote under `quote` or `text`.
fn quotes(value: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => ["quote", "text"].iter().find_map(|k| o.get(*k)?.as_str()).map(str::to_owned),
        _ => None,
    };
    let all = match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect::<Vec<_>>(),
    };
    all.into_iter().map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()).collect()
}

/// The verdict a word or short phrase stands for.
fn verdict_word(word: &str) -> Option<VerdictResult> {
    let word = word.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().replace(['_', '-'], " ");
    match word.as_str() {
        "pass" | "passed" | "yes" | "true" | "compliant" | "satisfied" | "ok" | "通过" => Some(VerdictResult::Passed),
        "fail" | "failed" | "no" | "false" | "not passed" | "not pass" | "non compliant" | "not compliant"
        | "not satisfied" | "violated" | "不通过" | "未通过" => Some(VerdictResult::NotPassed),
        _ => None,
    }
}

/// A plain answer: a `verdict:` (or `result:`) line, else a first line that
/// is only a verdict word; the other lines are the reasoning.
fn from_plain_text(text: &str) -> Option<ModelAnswer> {
    let lines: Vec<&str> = text.lines().collect();
    let labelled = lines.iter().position(|line| {
        let lower = line.trim().trim_start_matches(['*', '#', '-', ' ']).to_lowercase();
        ["verdict", "result", "decision"].iter().any(|label| {
            lower.strip_prefix(label).and_then(|r| r.trim_start_matches('*').trim().strip_prefix(':')).is_some()
        })
    });
    let (index, verdict) = match labelled {
        Some(i) => (i, verdict_word(lines[i].split_once(':')?.1)?),
        None => {
            let first = lines.iter().position(|l| !l.trim().is_empty())?;
            (first, verdict_word(lines[first])?)
        }
    };
    let reasoning: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, l)| l.trim()).collect();
    let reasoning = reasoning.join("\n").trim().to_owned();
    let reasoning = reasoning
        .strip_prefix("Reasoning:")
        .or_else(|| reasoning.strip_prefix("reasoning:"))
        .unwrap_or(&reasoning)
        .trim()
        .to_owned();
    Some(ModelAnswer { verdict, reasoning, evidence: Vec::new() })
}

/// The start of an unreadable answer, for the error message.
fn snippet(text: &str) -> String {
    const LIMIT: usize = 160;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= LIMIT {
        return format!("{flat:?}");
    }
    let head: String = flat.chars().take(LIMIT).collect();
    format!("{head:?}…")
}
