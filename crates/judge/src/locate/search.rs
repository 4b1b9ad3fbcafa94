//! Finding a quote a model proposed as evidence in the data it was shown.
//!
//! Order of preference: extracted values (fields, then table cells) before
//! the running text of the document; within each, a match as written before
//! a lenient one (see [`normalize`](super::normalize)); and a value equal to
//! the quote before a value that merely contains it. Containment needs at
//! least three characters, so that a quote like `2` is not found inside
//! `INV-2024`. The first match in context order wins.

use docreview_wire::file::KeyValue;

use super::normalize::{Normalized, char_slice, find_exact};
use super::quad::sub_quad;
use crate::context::{ContextDocument, RuleContext};
use crate::verdict::{Anchor, AnchorSource};

/// The shortest quote looked for inside a longer value or line.
const MIN_CONTAINED: usize = 3;

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The source text that matched, as the source writes it.
    pub text: String,
    pub source: AnchorSource,
    /// Whether it matched as written (else after normalising).
    pub exact: bool,
    pub file_id: i64,
    pub extract_task_id: i64,
    pub file_category: String,
    /// The field or column name; empty for a line of text.
    pub field_name: String,
    /// Page index (0-based); 0 with empty `vertices` when unknown.
    pub page: i64,
    /// The 8-int quad of the match; empty when the value has no position.
    pub vertices: Vec<i64>,
}

impl Located {
    /// An anchor over code points `start_pos..end_pos` of a reasoning.
    pub fn anchor(&self, start_pos: usize, end_pos: usize) -> Anchor {
        Anchor {
            start_pos,
            end_pos,
            text: self.text.clone(),
            vertices: self.vertices.clone(),
            page: self.page,
            file_id: self.file_id,
            extract_task_id: self.extract_task_id,
            source: self.source,
            file_category: self.file_category.clone(),
            field_name: self.field_name.clone(),
        }
    }
}

/// Finds `quote` in the extraction data of `context`, or says it is not there.
pub fn locate(quote: &str, context: &RuleContext) -> Option<Located> {
    let quote = trim_quote(quote);
    let lenient = Normalized::new(quote);
    if lenient.is_empty() {
        return None;
    }
    let values: Vec<(&ContextDocument, &KeyValue)> = context.documents.iter().flat_map(values_of).collect();
    let contained = lenient.len() >= MIN_CONTAINED;
    let in_values = || {
        let equal =
            values.iter().find(|(_, kv)| kv.value.trim() == quote).map(|&(d, kv)| value(d, kv, &kv.value, true));
        equal.or_else(|| {
            let (d, kv) = values.iter().find(|(_, kv)| contained && kv.value.contains(quote))?;
            Some(value(d, kv, quote, true))
        })
    };
    let in_values_leniently = || {
        let normalized: Vec<Normalized> = values.iter().map(|(_, kv)| Normalized::new(&kv.value)).collect();
        let equal = values.iter().zip(&normalized).find(|(_, n)| n.same_as(&lenient));
        equal.map(|(&(d, kv), _)| value(d, kv, &kv.value, false)).or_else(|| {
            values.iter().zip(&normalized).filter(|_| contained).find_map(|(&(d, kv), n)| {
                let (start, end) = n.find(&lenient, 0)?;
                Some(value(d, kv, &char_slice(&kv.value, start, end), false))
            })
        })
    };
    in_values()
        .or_else(in_values_leniently)
        .or_else(|| in_lines(context, quote, &lenient, true))
        .or_else(|| in_lines(context, quote, &lenient, false))
}

/// The quote without surrounding spaces and quotation marks, which models add.
fn trim_quote(quote: &str) -> &str {
    quote.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '`')
    })
}

/// Every extracted value of a document: fields, then table cells, then the
/// default table's cells.
fn values_of(doc: &ContextDocument) -> impl Iterator<Item = (&ContextDocument, &KeyValue)> {
    let data = &doc.data;
    let tables = data.tables.iter().flat_map(|t| t.items.iter().flatten());
    data.fields.iter().chain(tables).chain(data.items.iter().flatten()).map(move |kv| (doc, kv))
}

fn value(doc: &ContextDocument, kv: &KeyValue, text: &str, exact: bool) -> Located {
    let position = kv.position.first();
    Located {
        text: text.to_owned(),
        source: AnchorSource::ExtractField,
        exact,
        file_id: doc.file_id,
        extract_task_id: doc.extract_task_id,
        file_category: doc.category.clone(),
        field_name: kv.key.clone(),
        page: position.map_or(0, |p| p.page),
        vertices: position.map(|p| p.vertices.clone()).unwrap_or_default(),
    }
}

/// The first line that holds the quote, as written or leniently.
fn in_lines(context: &RuleContext, quote: &str, lenient: &Normalized, exact: bool) -> Option<Located> {
    for doc in &context.documents {
        let Some(document) = &doc.document else { continue };
        for (page, lines) in document.pages.iter().enumerate() {
            for line in &lines.lines {
                let span = if exact {
                    find_exact(&line.text, quote, 0)
                } else {
                    let normalized = Normalized::new(&line.text);
                    if normalized.same_as(lenient) {
                        Some((0, line.text.chars().count()))
                    } else {
                        normalized.find(lenient, 0)
                    }
                };
                let Some((start, end)) = span else { continue };
                let whole = start == 0 && end == line.text.chars().count();
                if !whole && lenient.len() < MIN_CONTAINED {
                    continue;
                }
                return Some(Located {
                    text: char_slice(&line.text, start, end),
                    source: AnchorSource::Ocr,
                    exact,
                    file_id: doc.file_id,
                    extract_task_id: doc.extract_task_id,
                    file_category: doc.category.clone(),
                    field_name: String::new(),
                    page: i64::try_from(page).unwrap_or(i64::MAX),
                    vertices: sub_quad(line, start, end),
                });
            }
        }
    }
    None
}
