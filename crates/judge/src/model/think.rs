//! Removing the "thinking" a reasoning model writes before its answer
//! (`<think>…</think>` and its relatives), so that only the answer is read.

/// Tag names reasoning models wrap their thoughts in.
const TAGS: [&str; 3] = ["think", "thinking", "reasoning"];

/// `text` without reasoning blocks. An opening tag that is never closed
/// drops the rest of the text (the model ran out of tokens while thinking);
/// a closing tag without its opening drops what precedes it (some servers
/// swallow the opening tag).
pub(crate) fn strip_thinking(text: &str) -> String {
    let mut out = text.to_owned();
    for tag in TAGS {
        out = strip_tag(&out, tag);
    }
    out
}

fn strip_tag(text: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    if let Some(first_close) = lower.find(&close)
        && !lower[..first_close].contains(&open)
    {
        at = first_close + close.len();
    }
    while let Some(start) = lower[at..].find(&open).map(|i| at + i) {
        out.push_str(&text[at..start]);
        match lower[start..].find(&close) {
            Some(end) => at = start + end + close.len(),
            None => return out,
        }
    }
    out.push_str(&text[at..]);
    out
}
