//! A model's answer as a verdict with anchors. Every quote is looked up in
//! the documents first: one that is not there is dropped. A quote that is in
//! the documents but not in the reasoning is added to the reasoning's end
//! (`Evidence: "…"`), so each found quote has a span to anchor.

use super::answer::ModelAnswer;
use crate::context::RuleContext;
use crate::locate::{anchor_quotes, locate};
use crate::verdict::Verdict;

/// The verdict for `answer`, judged over `context`.
pub fn verdict_from_answer(answer: ModelAnswer, context: &RuleContext) -> Verdict {
    let mut reasoning = answer.reasoning;
    if reasoning.is_empty() {
        reasoning = "The model gave no reasoning.".to_owned();
    }
    let mut quotes: Vec<String> = Vec::new();
    for quote in answer.evidence {
        if !quotes.contains(&quote) && locate(&quote, context).is_some() {
            quotes.push(quote);
        }
    }
    let missing: Vec<&String> =
        quotes.iter().filter(|q| anchor_quotes(&reasoning, std::slice::from_ref(*q), context).is_empty()).collect();
    if !missing.is_empty() {
        let listed: Vec<String> = missing.iter().map(|q| format!("\"{q}\"")).collect();
        reasoning = format!("{}\nEvidence: {}", reasoning.trim_end(), listed.join("; "));
    }
    let anchors = anchor_quotes(&reasoning, &quotes, context);
    Verdict { result: answer.verdict, reasoning, anchors }
}
