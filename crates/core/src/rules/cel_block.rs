//! Expressions written into a rule's prompt. DocFlow's clients (the official
//! SDK among them) send a fixed set of rule fields and cannot send
//! `expression`; a prompt may carry one as a fenced block marked `cel`:
//!
//! ````text
//! The total must not exceed 10,000.
//! ```cel
//! money(doc.Invoice.fields["Total"]) <= 10000.0
//! ```
//! ````
//!
//! Such a rule is judged by the block exactly as if it had been sent as
//! `expression`; the rest of the prompt describes it. An `expression` sent
//! with the rule wins over a block in its prompt.

/// The expression of the first fenced block marked `cel` in `prompt`, trimmed;
/// `None` when there is none or it is empty.
pub fn cel_block(prompt: &str) -> Option<&str> {
    let mut lines = prompt.split_inclusive('\n');
    let mut offset = 0;
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let Some(fence) = opening_fence(line) else { continue };
        let body_start = start + line.len();
        let mut body_end = prompt.len();
        let mut scanned = body_start;
        for inner in lines.by_ref() {
            if closes(inner, fence) {
                body_end = scanned;
                break;
            }
            scanned += inner.len();
        }
        let body = prompt[body_start..body_end].trim();
        return (!body.is_empty()).then_some(body);
    }
    None
}

/// The expression a rule is judged by: its own, else its prompt's block.
pub fn effective_expression(expression: Option<String>, prompt: &str) -> Option<String> {
    expression.or_else(|| cel_block(prompt).map(str::to_owned))
}

/// The number of backticks of a line opening a `cel` block (its info string
/// is `cel`, in any case, optionally followed by more words).
fn opening_fence(line: &str) -> Option<usize> {
    let trimmed = line.trim();
    let fence = trimmed.chars().take_while(|&c| c == '`').count();
    if fence < 3 {
        return None;
    }
    let info = trimmed[fence..].trim();
    let language = info.split_whitespace().next()?;
    language.eq_ignore_ascii_case("cel").then_some(fence)
}

fn closes(line: &str, fence: usize) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= fence && trimmed.chars().all(|c| c == '`')
}

#[cfg(test)]
mod tests {
    use super::{cel_block, effective_expression};

    #[test]
    fn the_first_cel_block_is_the_expression() {
        let prompt =
            "Totals stay under the limit.\n```cel\nmoney(doc.Invoice.fields[\"Total\"]) <= 10000.0\n```\nThanks.";
        assert_eq!(cel_block(prompt), Some("money(doc.Invoice.fields[\"Total\"]) <= 10000.0"));
        let crlf = "Check.\r\n```CEL \r\n  true \r\n```\r\n";
        assert_eq!(cel_block(crlf), Some("true"));
        let longer_fence = "````cel\na\n```\nb\n````";
        assert_eq!(cel_block(longer_fence), Some("a\n```\nb"));
        let unclosed = "```cel\nsize(docs) > 0";
        assert_eq!(cel_block(unclosed), Some("size(docs) > 0"));
    }

    #[test]
    fn other_blocks_and_plain_prompts_have_none() {
        for prompt in ["The total must match.", "```python\nx = 1\n```", "```\ntrue\n```", "```cel\n\n```", "``cel x``"]
        {
            assert_eq!(cel_block(prompt), None, "{prompt:?}");
        }
        assert_eq!(cel_block("```json\n{}\n```\n```cel\n1 == 1\n```"), Some("1 == 1"));
    }

    #[test]
    fn an_expression_of_its_own_wins_over_the_prompts() {
        let prompt = "```cel\nfalse\n```";
        assert_eq!(effective_expression(Some("true".to_owned()), prompt).as_deref(), Some("true"));
        assert_eq!(effective_expression(None, prompt).as_deref(), Some("false"));
        assert_eq!(effective_expression(None, "no block"), None);
    }
}
