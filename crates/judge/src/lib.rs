//! The deterministic judge of docreview (DESIGN §4): rule expressions in
//! CEL evaluated over the extraction data of a review, with reasoning that
//! names the values compared and anchors that point at them; and the
//! evidence locator that anchors the quotes a model offers for its verdict.
//!
//! A pure library: no I/O, no async, no global state but the shared CEL
//! environment. The engine builds a [`RuleContext`] per rule task, gets the
//! rule's program from a [`ProgramCache`] and calls [`evaluate`] within the
//! process's [`ExpressionLimits`]; the API calls [`check`] when a rule is
//! saved, to refuse a broken or too costly expression with a message for the
//! `expression` field.
//!
//! ```
//! use docreview_judge::{compile, evaluate, ContextDocument, ExpressionLimits, RuleContext, VerdictResult};
//! use docreview_wire::file::{ExtractionData, KeyValue};
//!
//! let field = |key: &str, value: &str| KeyValue {
//!     key: key.into(), value: value.into(), position: vec![], identifier: None,
//!     confidence: None, extract_model: None, config_model: None,
//! };
//! let invoice = ContextDocument {
//!     extract_task_id: 1, file_id: 2, category: "Invoice".into(), document: None,
//!     data: ExtractionData {
//!         fields: vec![field("Net Amount", "795.00"), field("Tax Rate", "19%"), field("Tax Amount", "151.05")],
//!         ..Default::default()
//!     },
//! };
//! let rule = compile(r#"money_eq(doc.Invoice.fields["Tax Amount"],
//!     money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))"#)?;
//! let verdict = evaluate(&rule, &RuleContext { documents: vec![invoice], ..Default::default() }, &ExpressionLimits::default());
//! assert_eq!(verdict.result, VerdictResult::Passed);
//! assert_eq!(verdict.reasoning, "Tax Amount (Invoice) = 151.05; Net Amount (Invoice) = 795.00; \
//!     Tax Rate (Invoice) = 19% → expression is true");
//! # Ok::<(), docreview_judge::ExpressionError>(())
//! ```
//!
//! # Writing rule expressions
//!
//! An expression is [CEL](https://github.com/google/cel-spec) that comes to
//! `true` (the rule passes) or `false` (it does not). Anything else, and any
//! failure on the way, makes the rule task an *execution error* with the cause
//! in its reasoning, never a "not passed".
//!
//! ## Variables
//! - `doc` — the documents by category: `doc.Invoice` is the first document
//!   of category `Invoice`; `doc["增值税发票"]` for names that are not
//!   identifiers. A category that is not under review is an error.
//! - `docs` — every document, in the order of the review's extraction tasks:
//!   `docs.exists(d, d.category == "Contract")`, `size(docs)`.
//!
//! Each document has:
//! - `category` — its category name;
//! - `fields` — field name → value, as a string: `doc.Invoice.fields.Total`,
//!   `doc.Invoice.fields["Tax Amount"]`; a field is also found by its export
//!   name (`fields.tax_amount`). A field the document does not have is an
//!   error; one that was not found in the file has the value `""`. Test for a
//!   field with `has(doc.Invoice.fields.Iban)` or `"Iban" in doc.Invoice.fields`;
//! - `tables` — table name → list of rows, each row column name → string:
//!   `doc.Invoice.tables["Line Items"][0].Amount`;
//! - `items` — the rows of the default table (DocFlow's legacy `items`).
//!
//! ## Functions
//! Besides CEL's standard functions and the `math`, `strings` and `lists`
//! extensions (`math.abs`, `"x".trim()`, `lowerAscii()`, `matches()`, …):
//!
//! | Function | Gives |
//! | --- | --- |
//! | `money(s)` | the amount in `"¥1,234.50"`, `"€946.05"`, `"EUR 946.05"`, `"1.234,50"`, `"(123.00)"` (negative), `"1,234.5元"`, `"人民币壹仟贰佰叁拾肆元伍角整"`, as a double |
//! | `number(s)` | a plain number with thousands separators, as a double |
//! | `percent(s)` | a rate as a fraction: `"19%"`, `"19 %"`, `"0.19"` and `"19"` all give 0.19 |
//! | `date(s)` | a day number (int, days since 1970-01-01) from `2024-03-05`, `2024/3/5`, `05.03.2024`, `5 March 2024`, `Mar 5, 2024`, `2024年3月5日`, `20240305`, also with a time (`2024-03-05T10:00:00Z`, `Mar 5, 2024 2:30 pm`); `03/05/2024` is read by the workspace's `date_order` ([`RuleContext::date_order`]: 5 March by default, 3 May with `day_first`, an error with `refuse`) |
//! | `days_between(a, b)` | `date(b) - date(a)`, in days |
//! | `present(s)` | whether a value is non-empty after trimming |
//! | `money_eq(a, b)` | whether two amounts are equal within half a cent (0.005) |
//! | `approx(a, b, tolerance)` | whether `a` and `b` differ by at most `tolerance` |
//! | `round(x, digits)` | `x` rounded half away from zero to 0–9 decimals |
//! | `sum(list)` | the total of a list of numbers or amounts |
//! | `contains_any(s, list)` | whether `s` contains one of the strings, ignoring case and width |
//!
//! Where an amount is expected (`money_eq`, `approx`, `sum`, `round`), a
//! string is read with `money()`. A string that does not read as the value
//! asked for is an error naming it: `money(): "N/A" is not a money amount`.
//!
//! CEL does not mix int and double: `money(x) * 2` is an error, write
//! `money(x) * 2.0`. Doubles are binary: compare amounts with `money_eq`
//! rather than `==`.
//!
//! ## Examples
//! ```text
//! money_eq(doc.Invoice.fields.Total,
//!          money(doc.Invoice.fields["Net Amount"]) + money(doc.Invoice.fields["Tax Amount"]))
//! days_between(doc.Invoice.fields["Invoice Date"], doc.Invoice.fields["Due Date"]) <= 30
//! money_eq(sum(doc.Invoice.tables["Line Items"].map(r, money(r.Amount))), doc.Invoice.fields["Net Amount"])
//! contains_any(doc.Contract.fields["Governing Law"], ["Germany", "German law"])
//! ```
//!
//! ## Limits
//! An evaluation runs within [`ExpressionLimits`]: a budget of cost units
//! (a loop step costs one, a value built one plus one per 64 bytes), a
//! largest value one step may build, and a wall-clock time. Hitting one makes
//! the rule task an error whose reasoning names the limit and its setting.
//! When a rule is saved, [`check`] also refuses an expression whose estimated
//! worst case is over the budget, before running it.
//!
//! ## Reasoning and anchors
//! The reasoning lists every field and cell the expression read, in the order
//! read, then the outcome: `Tax Amount (Invoice) = 151.05; … → expression is
//! false`. Each non-empty value gets an [`Anchor`] with its position in the
//! file; offsets count code points of the reasoning.
//!
//! # Layout
//! - `context`: [`RuleContext`], [`ContextDocument`] — what a rule is judged over.
//! - `verdict`: [`Verdict`], [`VerdictResult`], [`Anchor`], [`AnchorSource`].
//! - `expression`: [`compile`], [`evaluate`], [`ProgramCache`] and what they
//!   are built from — the shared CEL environment (`env`), the helper
//!   functions (`functions`) and the date order they read with
//!   (`date_order`), the document bindings that log every lookup
//!   (`bindings`, `recorder`), the save-time name check (`references`) and
//!   the reasoning writer (`reasoning`).
//! - `locate`: [`locate`], [`anchor_quotes`], [`Located`] — evidence for
//!   verdicts that quote their sources.
//! - `model`: the LLM judge's messages ([`rule_messages`]), reading its
//!   answer ([`read_answer`]) and anchoring its quotes
//!   ([`verdict_from_answer`]); the engine does the talking.
//! - `values`: the readers behind the helpers — money, numbers, percentages,
//!   dates, Chinese numerals. Dates are read and characters folded by
//!   `docreview_text`, as extraction reads and folds them.

mod context;
mod expression;
mod locate;
mod model;
mod values;
mod verdict;

pub use context::{ContextDocument, RuleContext};
pub use docreview_text::DateOrder;
pub use expression::{CompiledRule, ExpressionError, ExpressionLimits, ProgramCache, check, compile, evaluate};
pub use locate::{Located, anchor_quotes, locate};
pub use model::{
    AnswerError, ChatMessage, ModelAnswer, PromptBudget, read_answer, rule_messages, verdict_from_answer,
    verdict_schema,
};
pub use verdict::{Anchor, AnchorSource, Verdict, VerdictResult};
