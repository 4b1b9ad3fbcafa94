//! Anchors for a model's verdict: each quote it offered as evidence is
//! located in the source data, then its place in the reasoning is found
//! (the quote as written, else the source text it matched, each exactly
//! and then leniently). A quote missing from either, or found in a value with
//! no place on its page, is dropped: an anchor is only ever emitted for text
//! that is really in both, with the eight integers of its box.

use super::normalize::{Normalized, find_exact};
use super::search::locate;
use crate::context::RuleContext;
use crate::verdict::{Anchor, QUAD};

/// Anchors for `quotes` inside `reasoning`, in the order of the quotes.
pub fn anchor_quotes(reasoning: &str, quotes: &[String], context: &RuleContext) -> Vec<Anchor> {
    let lenient = Normalized::new(reasoning);
    let mut anchors: Vec<Anchor> = Vec::new();
    for quote in quotes {
        let Some(located) = locate(quote, context).filter(|found| found.vertices.len() == QUAD) else { continue };
        let taken: Vec<(usize, usize)> = anchors.iter().map(|a| (a.start_pos, a.end_pos)).collect();
        let needles = [quote.trim(), located.text.as_str()];
        let span = needles
            .iter()
            .find_map(|needle| free_span(&taken, |from| find_exact(reasoning, needle, from)))
            .or_else(|| {
                needles.iter().find_map(|needle| {
                    let needle = Normalized::new(needle);
                    free_span(&taken, |from| lenient.find(&needle, from))
                })
            });
        if let Some((start, end)) = span {
            anchors.push(located.anchor(start, end));
        }
    }
    anchors
}

/// The first occurrence that overlaps no anchor yet, else the first that is
/// not exactly an existing anchor's span.
fn free_span(taken: &[(usize, usize)], find: impl Fn(usize) -> Option<(usize, usize)>) -> Option<(usize, usize)> {
    let first = find(0)?;
    let mut next = Some(first);
    while let Some((start, end)) = next {
        if !taken.iter().any(|&(s, e)| start < e && s < end) {
            return Some((start, end));
        }
        next = find(start + 1);
    }
    (!taken.contains(&first)).then_some(first)
}
