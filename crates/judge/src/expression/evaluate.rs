//! Running a compiled rule over a context and turning the outcome into a
//! verdict: `true` passes, `false` does not, and anything else — a value
//! that is not a bool, a failed lookup, a string that is not money — is an
//! error with the cause in the reasoning, never a "not passed".

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use cel::common::types::{CelBool, CelDouble, CelInt, CelNull, CelString, CelUInt};
use cel::common::value::Val;
use cel::{ExecutionError, Value};

use super::bindings::Bindings;
use super::compile::CompiledRule;
use super::date_order::with_date_order;
use super::env::env;
use super::limits::ExpressionLimits;
use super::meter::{Stop, metered};
use super::reasoning::{Reasoning, document_name};
use super::recorder::{Miss, Recorder};
use crate::context::RuleContext;
use crate::verdict::{Verdict, VerdictResult};

/// What the expression came to, taken out of CEL before its context goes.
enum Outcome {
    Bool(bool),
    NotBool(String),
    Failed(ExecutionError),
    /// A limit was hit: whatever CEL made of the error afterwards does not count.
    Stopped(Stop),
}

/// Judges `context` by `rule`, within `limits`.
pub fn evaluate(rule: &CompiledRule, context: &RuleContext, limits: &ExpressionLimits) -> Verdict {
    let recorder = Recorder::default();
    let outcome = match env() {
        Ok(env) => {
            let guarded = || catch_unwind(AssertUnwindSafe(|| run(rule, context, &recorder, env)));
            match metered(limits, guarded) {
                (_, Some(stop)) => Outcome::Stopped(stop),
                (Ok(outcome), None) => outcome,
                (Err(_), None) => {
                    Outcome::Failed(ExecutionError::InternalError("the expression interpreter panicked".to_owned()))
                }
            }
        }
        Err(e) => Outcome::Failed(ExecutionError::InternalError(e.to_owned())),
    };
    let reads = recorder.reads();
    let mut reasoning = Reasoning::default();
    let result = match outcome {
        Outcome::Bool(value) => {
            if reads.is_empty() {
                reasoning.push("No field was read");
            }
            reasoning.list_reads(context, &reads);
            reasoning.push(if value { " → expression is true" } else { " → expression is false" });
            if value { VerdictResult::Passed } else { VerdictResult::NotPassed }
        }
        Outcome::NotBool(value) => {
            reasoning.push(&format!("The expression gave {value}, not true or false"));
            values_read(&mut reasoning, context, &reads);
            VerdictResult::Error
        }
        Outcome::Failed(error) => {
            reasoning.push(&format!("Evaluation failed: {}", cause(&error, &recorder, context)));
            values_read(&mut reasoning, context, &reads);
            VerdictResult::Error
        }
        Outcome::Stopped(stop) => {
            reasoning.push(&format!("Evaluation stopped: {stop}"));
            values_read(&mut reasoning, context, &reads);
            VerdictResult::Error
        }
    };
    let (reasoning, anchors) = reasoning.finish();
    Verdict { result, reasoning, anchors }
}

fn run(rule: &CompiledRule, context: &RuleContext, recorder: &Recorder, env: &Arc<cel::Env>) -> Outcome {
    let bindings = Bindings::new(context, recorder);
    let mut cel_context = cel::Context::with_env(Arc::clone(env));
    cel_context.set_variable_resolver(&bindings);
    match with_date_order(context.date_order, || Value::resolve_val(rule.metered(), &cel_context)) {
        Ok(value) => match value.downcast_ref::<CelBool>() {
            Some(b) => Outcome::Bool(*b.inner()),
            None => Outcome::NotBool(show(value.as_ref())),
        },
        Err(error) => Outcome::Failed(error),
    }
}

fn values_read(reasoning: &mut Reasoning, context: &RuleContext, reads: &[super::recorder::Read]) {
    if reads.is_empty() {
        reasoning.push(".");
    } else {
        reasoning.push(". Values read: ");
        reasoning.list_reads(context, reads);
    }
}

/// A result value for people: `946.05 (a double)`, `"abc" (a string)`, `a map`.
fn show(value: &dyn Val) -> String {
    let kind = value.get_type().name();
    if let Some(d) = value.downcast_ref::<CelDouble>() {
        format!("{:?} (a {kind})", d.inner())
    } else if let Some(i) = value.downcast_ref::<CelInt>() {
        format!("{} (an {kind})", i.inner())
    } else if let Some(u) = value.downcast_ref::<CelUInt>() {
        format!("{} (a {kind})", u.inner())
    } else if let Some(s) = value.downcast_ref::<CelString>() {
        format!("{:?} (a {kind})", s.inner())
    } else if value.downcast_ref::<CelNull>().is_some() {
        "null".to_owned()
    } else {
        format!("a {kind}")
    }
}

/// Why the evaluation failed, in the rule writer's terms.
fn cause(error: &ExecutionError, recorder: &Recorder, context: &RuleContext) -> String {
    const MIXING: &str = "; CEL does not mix int and double: write 2.0 rather than 2, or convert with double()";
    match error {
        ExecutionError::NoSuchKey(key) => match recorder.miss_of(key) {
            Some(Miss::Document { category }) => format!("no document of category \"{category}\" is under review"),
            Some(Miss::DocumentKey { name }) => {
                format!("documents have no \"{name}\"; they have category, fields, tables and items")
            }
            Some(Miss::Field { doc, name }) => {
                format!("the {} document has no field \"{name}\"", document_name(context, doc))
            }
            Some(Miss::Table { doc, name }) => {
                format!("the {} document has no table \"{name}\"", document_name(context, doc))
            }
            Some(Miss::Column { doc, table, row, name }) => {
                let table = context.documents.get(doc).map_or("", |d| table.name(&d.data));
                format!(
                    "row {} of table \"{table}\" ({}) has no column \"{name}\"",
                    row + 1,
                    document_name(context, doc)
                )
            }
            None => format!("no key \"{key}\""),
        },
        ExecutionError::FunctionError { function, message } => format!("{function}(): {message}"),
        ExecutionError::NoSuchOverload(overload) => {
            let types = overload.argument_types();
            let mixed = types.iter().any(|t| t == "int") && types.iter().any(|t| t == "double");
            format!("{overload}{}", if mixed { MIXING } else { "" })
        }
        ExecutionError::UnsupportedBinaryOperator(operator, left, right) => {
            let mixed = matches!((left, right), (Value::Int(_), Value::Float(_)) | (Value::Float(_), Value::Int(_)));
            format!("cannot apply '{operator}' to {left:?} and {right:?}{}", if mixed { MIXING } else { "" })
        }
        ExecutionError::IndexOutOfBounds(index) => format!("index {index:?} is out of range"),
        ExecutionError::DivisionByZero(_) => "division by zero".to_owned(),
        ExecutionError::UndeclaredReference(name) => format!("unknown name \"{name}\""),
        other => other.to_string(),
    }
}
