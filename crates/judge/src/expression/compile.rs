//! Turning a rule's expression into a program, and rejecting the ones that
//! cannot work when the rule is saved rather than when a review runs: the
//! syntax (CEL's parser), the names (see [`references`](super::references)),
//! the worst-case cost (see [`estimate`](super::estimate)), and a trial run
//! over an empty context, which must not stop at an undeclared name.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use cel::{ExecutionError, IdedExpr, ParseErrors, Program, Value};
use thiserror::Error;

use super::bindings::Bindings;
use super::env::env;
use super::estimate::{ASSUMED_DOCUMENTS, ASSUMED_ROWS, ASSUMED_VALUE_BYTES, estimate};
use super::instrument::instrument;
use super::limits::ExpressionLimits;
use super::meter::metered;
use super::recorder::Recorder;
use super::references::{Unknown, first_unknown, suggestion};
use crate::context::RuleContext;

/// An expression ready to evaluate; compile once, evaluate many times.
#[derive(Debug)]
pub struct CompiledRule {
    source: String,
    program: Program,
    /// The program as it runs: charging the evaluation's meter.
    metered: IdedExpr,
}

impl CompiledRule {
    /// The expression as written.
    pub fn expression(&self) -> &str {
        &self.source
    }

    /// What an evaluation runs.
    pub(crate) fn metered(&self) -> &IdedExpr {
        &self.metered
    }
}

/// Why an expression cannot be a rule. The message is meant for the rule
/// writer, as the validation error of the rule's `expression` field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExpressionError {
    #[error("the expression is empty")]
    Empty,

    /// CEL's own message, with the line and column and a caret under the spot.
    #[error("{message}")]
    Syntax { message: String },

    #[error(
        "unknown variable `{name}`: expressions can use `doc` (the first document of each category, \
         as in doc.Invoice.fields[\"Total\"]) and `docs` (the list of all documents)"
    )]
    UnknownVariable { name: String },

    #[error("unknown function `{name}`{hint}")]
    UnknownFunction { name: String, hint: String },

    #[error(
        "the expression may cost up to {estimate} units, more than the limit of {limit} \
         (`limits.expression_cost`); the estimate assumes up to {documents} documents, {rows} rows \
         per table and {value_bytes} bytes per value, and loops nested in loops multiply their steps"
    , documents = ASSUMED_DOCUMENTS, rows = ASSUMED_ROWS, value_bytes = ASSUMED_VALUE_BYTES)]
    TooCostly { estimate: u64, limit: u64 },

    #[error(
        "`{function}` may build a value of up to {bytes} bytes, more than the limit of {limit} \
         (`limits.expression_value_bytes`)"
    )]
    TooLarge { function: String, bytes: u64, limit: u64 },

    /// The trial run hit a limit of [`ExpressionLimits`].
    #[error("a trial run was stopped: {0}")]
    Stopped(String),

    /// The shared environment could not be built: a bug, not the rule's fault.
    #[error("{0}")]
    Environment(String),
}

/// Compiles `expression` and checks that every name it uses exists. This
/// is what a review needs; a rule being saved is checked with [`check`].
pub fn compile(expression: &str) -> Result<CompiledRule, ExpressionError> {
    if expression.trim().is_empty() {
        return Err(ExpressionError::Empty);
    }
    let env = env().map_err(|e| ExpressionError::Environment(e.to_owned()))?;
    let program =
        env.compile(expression).map_err(|errors| ExpressionError::Syntax { message: syntax(expression, &errors) })?;
    if let Some(unknown) = first_unknown(program.expression(), env) {
        return Err(unknown_error(unknown));
    }
    let metered = instrument(program.expression());
    Ok(CompiledRule { source: expression.to_owned(), program, metered })
}

/// Compiles `expression` for a rule being saved: as [`compile`], then
/// refuses an expression whose worst case is over `limits`, and makes a
/// trial run under them. CPU-bound (up to `limits.time_ms`): keep it off
/// async threads.
pub fn check(expression: &str, limits: &ExpressionLimits) -> Result<CompiledRule, ExpressionError> {
    let rule = compile(expression)?;
    let worst = estimate(rule.program.expression());
    if let Some((function, bytes)) = worst.largest.filter(|(_, bytes)| *bytes > limits.value_bytes as f64) {
        return Err(ExpressionError::TooLarge { function, bytes: whole(bytes), limit: limits.value_bytes });
    }
    if worst.cost > limits.cost as f64 {
        return Err(ExpressionError::TooCostly { estimate: whole(worst.cost), limit: limits.cost });
    }
    trial_run(&rule, limits)?;
    Ok(rule)
}

/// A count for messages: estimates are floats that may be infinite.
fn whole(value: f64) -> u64 {
    if value.is_finite() && value < u64::MAX as f64 { value.ceil() as u64 } else { u64::MAX }
}

/// Runs the rule over no documents: lookups fail early, so this mostly
/// catches what the name check cannot see; any failure other than an
/// undeclared name, or a limit, is expected and ignored.
fn trial_run(rule: &CompiledRule, limits: &ExpressionLimits) -> Result<(), ExpressionError> {
    let env = env().map_err(|e| ExpressionError::Environment(e.to_owned()))?;
    let empty = RuleContext::default();
    let recorder = Recorder::default();
    let bindings = Bindings::new(&empty, &recorder);
    let mut context = cel::Context::with_env(Arc::clone(env));
    context.set_variable_resolver(&bindings);
    let run = || match Value::resolve_val(rule.metered(), &context) {
        Err(ExecutionError::UndeclaredReference(name)) => Some(name.to_string()),
        _ => None,
    };
    // A panic of the interpreter is the review's to report, as an error verdict.
    let (outcome, stop) = metered(limits, || catch_unwind(AssertUnwindSafe(run)).unwrap_or_default());
    if let Some(stop) = stop {
        return Err(ExpressionError::Stopped(stop.to_string()));
    }
    match outcome {
        Some(name) => Err(ExpressionError::UnknownFunction { name, hint: String::new() }),
        None => Ok(()),
    }
}

/// `syntax error at line 1, column 34: mismatched input …`, then the line
/// and a caret under the spot, for each error CEL reports.
fn syntax(source: &str, errors: &ParseErrors) -> String {
    let mut message = String::new();
    for error in &errors.errors {
        if !message.is_empty() {
            message.push('\n');
        }
        let what = error.msg.strip_prefix("Syntax error: ").unwrap_or(&error.msg);
        let (line, column) = error.pos;
        let _ = write!(message, "syntax error at line {line}, column {column}: {what}");
        let text = usize::try_from(line).ok().and_then(|l| source.lines().nth(l.checked_sub(1)?));
        if let (Some(text), Ok(column)) = (text, usize::try_from(column)) {
            let _ = write!(message, "\n| {text}\n| {:.>width$}", "^", width = column.max(1));
        }
    }
    message
}

fn unknown_error(unknown: Unknown) -> ExpressionError {
    match unknown {
        Unknown::Variable(name) => ExpressionError::UnknownVariable { name },
        Unknown::Function { name, method, other_style_exists } => {
            let hint = if other_style_exists && method {
                format!(": `{name}` is a function, call it as {name}(x), not x.{name}()")
            } else if other_style_exists {
                format!(": `{name}` is a method, call it as x.{name}(…)")
            } else if let Some(helper) = suggestion(&name) {
                format!("; did you mean `{helper}`?")
            } else {
                String::new()
            };
            ExpressionError::UnknownFunction { name, hint }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_expression_compiles_and_keeps_its_text() {
        let rule = compile("money(doc.Invoice.fields.Total) > 0.0").unwrap();
        assert_eq!(rule.expression(), "money(doc.Invoice.fields.Total) > 0.0");
    }

    #[test]
    fn a_syntax_error_names_the_place() {
        let error = compile("money(doc.Invoice.fields.Total) >").unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("syntax error at line 1, column 34: mismatched input '<EOF>'"), "{message}");
        assert!(
            message.ends_with("\n| money(doc.Invoice.fields.Total) >\n| .................................^"),
            "{message}"
        );
    }

    #[test]
    fn unknown_names_are_rejected_with_a_hint() {
        assert_eq!(
            compile("mony(doc.Invoice.fields.Total) > 0.0").unwrap_err().to_string(),
            "unknown function `mony`; did you mean `money`?"
        );
        let message = compile("invoice.Total == ''").unwrap_err().to_string();
        assert!(message.starts_with("unknown variable `invoice`"), "{message}");
        let message = compile("doc.Invoice.fields.Total.money() > 0.0").unwrap_err().to_string();
        assert!(message.contains("call it as money(x)"), "{message}");
    }

    #[test]
    fn empty_expressions_are_rejected() {
        assert_eq!(compile("  \n").unwrap_err(), ExpressionError::Empty);
    }
}
