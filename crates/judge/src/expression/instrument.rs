//! Rewriting a compiled program so that it pays for what it does (see
//! [`meter`](super::meter)): the interpreter has no hooks, so the hooks go
//! into the program.
//!
//! - Every loop step passes through a charge: a comprehension's condition
//!   when it has one (`all`, `exists`), else each element it appends (`map`,
//!   `filter`, with their guard) or its whole step (`exists_one`). The shapes
//!   CEL's interpreter optimises (appending to a list in place, folding `&&`
//!   and `||`) are kept as they are.
//! - Every value built is measured and charged before anything else sees it:
//!   the result of a call that may build a large value (`+` of strings or
//!   lists, `join`, `split`, `format`, `lists.range`, …), and each element of
//!   a list or map literal (which copies it).
//! - `replace` becomes [`REPLACE`], which refuses a result over the limit
//!   before building it: chained replacements grow a string exponentially.
//!
//! Calls that give numbers or bools (comparisons, arithmetic, `size`, the
//! money and date helpers) are left alone, so the common rules run as fast
//! as before.

use cel::IdedExpr;
use cel::common::ast::{CallExpr, ComprehensionExpr, EntryExpr, Expr, LiteralValue, operators};

use super::functions::HELPERS;
use super::loops::{appended_mut, is_ident};

/// `@metered(value, what)`: charges for `value` (see `charging`) and gives it back.
pub(crate) const METERED: &str = "@metered";
/// `@replace(string, from, to[, n])`: `replace` that checks its result's size first.
pub(crate) const REPLACE: &str = "@replace";

/// Calls whose result is a number, a bool or a value that already exists
/// (`?:`, indexing): nothing new to pay for.
const SMALL_RESULTS: [&str; 32] = [
    operators::CONDITIONAL,
    operators::LOGICAL_AND,
    operators::LOGICAL_OR,
    operators::LOGICAL_NOT,
    operators::SUBSTRACT,
    operators::MULTIPLY,
    operators::DIVIDE,
    operators::MODULO,
    operators::EQUALS,
    operators::NOT_EQUALS,
    operators::GREATER_EQUALS,
    operators::LESS_EQUALS,
    operators::GREATER,
    operators::LESS,
    operators::NEGATE,
    operators::INDEX,
    operators::OPT_INDEX,
    operators::OPT_SELECT,
    operators::NOT_STRICTLY_FALSE,
    operators::IN,
    "size",
    "contains",
    "startsWith",
    "endsWith",
    "matches",
    "indexOf",
    "lastIndexOf",
    "int",
    "uint",
    "double",
    "bool",
    "type",
];

/// A copy of `expression` that charges the evaluation's meter.
pub(crate) fn instrument(expression: &IdedExpr) -> IdedExpr {
    let mut copy = expression.clone();
    rewrite(&mut copy);
    copy
}

fn rewrite(expr: &mut IdedExpr) {
    match &mut expr.expr {
        Expr::Call(call) => {
            if let Some(target) = call.target.as_deref_mut() {
                rewrite(target);
            }
            call.args.iter_mut().for_each(rewrite);
            if call.func_name == "replace" && call.target.is_some() && (2..=3).contains(&call.args.len()) {
                let target = call.target.take().map(|t| *t);
                call.args.splice(0..0, target);
                call.func_name = REPLACE.to_owned();
            } else if builds_value(call) {
                let what = describe(call);
                wrap(expr, what);
            }
        }
        Expr::List(list) => {
            for element in &mut list.elements {
                rewrite(element);
                if !is_literal(element) {
                    wrap(element, "a list");
                }
            }
        }
        Expr::Map(map) => {
            for entry in &mut map.entries {
                if let EntryExpr::MapEntry(entry) = &mut entry.expr {
                    for part in [&mut entry.key, &mut entry.value] {
                        rewrite(part);
                        if !is_literal(part) {
                            wrap(part, "a map");
                        }
                    }
                }
            }
        }
        Expr::Struct(object) => {
            for entry in &mut object.entries {
                if let EntryExpr::StructField(field) = &mut entry.expr {
                    rewrite(&mut field.value);
                }
            }
        }
        Expr::Select(select) => rewrite(&mut select.operand),
        Expr::Comprehension(comprehension) => rewrite_loop(comprehension),
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
    }
}

/// Makes each step of a comprehension pay, without changing the shapes the
/// interpreter recognises.
fn rewrite_loop(comprehension: &mut ComprehensionExpr) {
    rewrite(&mut comprehension.iter_range);
    rewrite(&mut comprehension.accu_init);
    rewrite(&mut comprehension.result);
    let conditional = !is_literal(&comprehension.loop_cond);
    let appends = !conditional && is_ident(&comprehension.result, &comprehension.accu_var);
    if appends && let Some((guard, items)) = appended_mut(&mut comprehension.loop_step, &comprehension.accu_var) {
        if let Some(guard) = guard {
            rewrite(guard);
            wrap(guard, "a loop");
        }
        for item in items {
            rewrite(item);
            if !is_metered(item) {
                wrap(item, "a list");
            }
        }
        return;
    }
    rewrite(&mut comprehension.loop_cond);
    rewrite(&mut comprehension.loop_step);
    if conditional {
        wrap(&mut comprehension.loop_cond, "a loop");
    } else {
        wrap(&mut comprehension.loop_step, "a loop");
    }
}

/// Whether a call may build a value larger than a few bytes.
fn builds_value(call: &CallExpr) -> bool {
    let name = call.func_name.as_str();
    if name == operators::ADD {
        return !call.args.iter().all(is_number);
    }
    let namespaced = matches!(call.target.as_deref().map(|t| &t.expr), Some(Expr::Ident(ns)) if ns == "math");
    !(namespaced || name.starts_with('@') || SMALL_RESULTS.contains(&name) || is_helper(name))
}

/// Whether an expression certainly gives a number: a numeric literal, or a
/// call whose result is one.
fn is_number(expr: &IdedExpr) -> bool {
    match &expr.expr {
        Expr::Literal(literal) => {
            matches!(literal, LiteralValue::Int(_) | LiteralValue::UInt(_) | LiteralValue::Double(_))
        }
        Expr::Call(call) => match call.func_name.as_str() {
            operators::ADD => call.args.iter().all(is_number),
            operators::SUBSTRACT | operators::MULTIPLY | operators::DIVIDE | operators::MODULO | operators::NEGATE => {
                true
            }
            "size" | "int" | "uint" | "double" => true,
            name => is_helper(name) && !matches!(name, "present" | "money_eq" | "approx" | "contains_any"),
        },
        _ => false,
    }
}

fn is_helper(name: &str) -> bool {
    HELPERS.iter().any(|(helper, ..)| *helper == name)
}

/// How a stop message names what built a value: `+`, `join`, `lists.range`.
fn describe(call: &CallExpr) -> String {
    let name = call.func_name.trim_matches('_');
    match call.target.as_deref().map(|t| &t.expr) {
        Some(Expr::Ident(namespace)) if matches!(namespace.as_str(), "lists" | "strings" | "optional") => {
            format!("{namespace}.{name}")
        }
        _ => name.to_owned(),
    }
}

/// `expr` becomes `@metered(expr, what)`.
fn wrap(expr: &mut IdedExpr, what: impl Into<String>) {
    let inner = std::mem::take(expr);
    let label = IdedExpr { id: 0, expr: Expr::Literal(LiteralValue::String(what.into().into())) };
    *expr = IdedExpr {
        id: inner.id,
        expr: Expr::Call(CallExpr { func_name: METERED.to_owned(), target: None, args: vec![inner, label] }),
    };
}

fn is_metered(expr: &IdedExpr) -> bool {
    matches!(&expr.expr, Expr::Call(call) if call.func_name == METERED)
}

fn is_literal(expr: &IdedExpr) -> bool {
    matches!(expr.expr, Expr::Literal(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expression::env::env;

    /// Counts the calls of `name` in the instrumented form of `source`.
    fn calls(source: &str, name: &str) -> usize {
        fn count(expr: &IdedExpr, name: &str) -> usize {
            let own = usize::from(matches!(&expr.expr, Expr::Call(c) if c.func_name == name));
            let children: usize = match &expr.expr {
                Expr::Call(call) => {
                    call.target.iter().map(|t| count(t, name)).sum::<usize>()
                        + call.args.iter().map(|a| count(a, name)).sum::<usize>()
                }
                Expr::List(list) => list.elements.iter().map(|e| count(e, name)).sum(),
                Expr::Select(select) => count(&select.operand, name),
                Expr::Comprehension(c) => [&c.iter_range, &c.accu_init, &c.loop_cond, &c.loop_step, &c.result]
                    .into_iter()
                    .map(|e| count(e, name))
                    .sum(),
                _ => 0,
            };
            own + children
        }
        let program = env().unwrap().compile(source).unwrap();
        count(&instrument(program.expression()), name)
    }

    #[test]
    fn rules_over_numbers_are_left_as_they_are() {
        for source in [
            "money_eq(doc.Invoice.fields['Tax Amount'], money(doc.Invoice.fields.Net) * percent(doc.Invoice.fields.Rate))",
            "money(doc.Invoice.fields.Net) + money(doc.Invoice.fields.Tax) > 0.0 && size(docs) == 1",
            "days_between(date(doc.Invoice.fields.Issued), date(doc.Invoice.fields.Due)) <= 30",
        ] {
            assert_eq!(calls(source, METERED), 0, "{source}");
        }
    }

    #[test]
    fn every_kind_of_loop_pays_per_step() {
        assert_eq!(calls("docs.all(d, d.category != '')", METERED), 1);
        // The step, and the counter it adds to, which the rewrite cannot tell from a list.
        assert_eq!(calls("docs.exists_one(d, d.category == 'Invoice')", METERED), 2);
        assert_eq!(calls("[1, 2].map(x, 1)", METERED), 1, "the appended element, literal or not");
        assert_eq!(calls("[1, 2].filter(x, x > 1)", METERED), 2, "the guard and the element");
        assert_eq!(calls("[1, 2].map(x, x > 1, x)", METERED), 2);
    }

    #[test]
    fn values_built_and_copied_are_measured() {
        assert_eq!(calls("doc.A.fields.x + doc.A.fields.y", METERED), 1);
        assert_eq!(calls("['a', doc.A.fields.x, docs]", METERED), 2, "literal elements cost nothing");
        assert_eq!(calls("'a,b'.split(',').join('-')", METERED), 2);
        assert_eq!(calls("lists.range(10)", METERED), 1);
    }

    #[test]
    fn replace_is_checked_before_it_builds() {
        assert_eq!(calls("'a'.replace('a', 'aa').replace('a', 'aa')", REPLACE), 2);
        assert_eq!(calls("'a'.replace('a', 'aa')", METERED), 0);
    }
}
