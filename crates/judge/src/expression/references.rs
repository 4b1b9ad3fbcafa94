//! The names an expression uses, checked when a rule is saved. CEL compiles
//! syntax only and resolves names when it runs, so without this an unknown
//! function would first show up as an error verdict on some review.
//!
//! The walk is a scope-aware `Program::references()`: the variables a
//! comprehension binds (`r` in `rows.all(r, …)`) are not free variables, and
//! a call on a namespace (`math.abs(x)`) names the function `math.abs`, not a
//! variable `math`. Each function name is then probed in the shared
//! environment in the style it was called (`f()`, `"".f()`): a name the
//! environment does not declare fails with an undeclared reference, any other
//! outcome (such as "no matching overload" for the empty argument list) means
//! it exists.

use std::collections::BTreeSet;
use std::sync::Arc;

use cel::common::ast::{EntryExpr, Expr};
use cel::{Context, Env, ExecutionError, IdedExpr};

use super::bindings::VARIABLES;
use super::functions::HELPERS;

/// Namespaces of the functions the environment declares.
const NAMESPACES: [&str; 4] = ["math", "strings", "lists", "optional"];

/// A name the environment does not provide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unknown {
    Variable(String),
    /// A function, and whether it was called as a method.
    Function {
        name: String,
        method: bool,
        other_style_exists: bool,
    },
}

/// The first unknown name of `expression`, in a stable order.
pub(crate) fn first_unknown(expression: &IdedExpr, env: &Arc<Env>) -> Option<Unknown> {
    let mut found = Names::default();
    walk(expression, &mut Vec::new(), &mut found);
    for name in &found.variables {
        if !VARIABLES.contains(&name.as_str()) && undeclared(env, name) {
            return Some(Unknown::Variable(name.clone()));
        }
    }
    for (name, method) in &found.functions {
        if undeclared(env, &probe(name, *method)) {
            let other_style_exists = !name.contains('.') && !undeclared(env, &probe(name, !*method));
            return Some(Unknown::Function { name: name.clone(), method: *method, other_style_exists });
        }
    }
    None
}

/// The closest helper name, for a misspelt function.
pub(crate) fn suggestion(name: &str) -> Option<&'static str> {
    HELPERS.iter().map(|(helper, _, _)| *helper).find(|helper| *helper != name && distance(helper, name) <= 2)
}

#[derive(Debug, Default)]
struct Names {
    variables: BTreeSet<String>,
    /// Name and whether it was called as a method.
    functions: BTreeSet<(String, bool)>,
}

fn walk(expr: &IdedExpr, bound: &mut Vec<String>, found: &mut Names) {
    match &expr.expr {
        Expr::Ident(name) => {
            if !name.starts_with('@') && !bound.contains(name) {
                found.variables.insert(name.clone());
            }
        }
        Expr::Call(call) => {
            let operator = !call.func_name.starts_with(|c: char| c.is_alphabetic());
            match call.target.as_deref() {
                Some(target) => match namespace(target, bound) {
                    Some(namespace) => {
                        found.functions.insert((format!("{namespace}.{}", call.func_name), false));
                    }
                    None => {
                        if !operator {
                            found.functions.insert((call.func_name.clone(), true));
                        }
                        walk(target, bound, found);
                    }
                },
                None if !operator => {
                    found.functions.insert((call.func_name.clone(), false));
                }
                None => {}
            }
            for arg in &call.args {
                walk(arg, bound, found);
            }
        }
        Expr::Select(select) => walk(&select.operand, bound, found),
        Expr::List(list) => list.elements.iter().for_each(|e| walk(e, bound, found)),
        Expr::Map(map) => map.entries.iter().for_each(|e| walk_entry(&e.expr, bound, found)),
        Expr::Struct(object) => object.entries.iter().for_each(|e| walk_entry(&e.expr, bound, found)),
        Expr::Comprehension(comprehension) => {
            walk(&comprehension.iter_range, bound, found);
            walk(&comprehension.accu_init, bound, found);
            let depth = bound.len();
            bound.push(comprehension.iter_var.clone());
            bound.extend(comprehension.iter_var2.clone());
            bound.push(comprehension.accu_var.clone());
            walk(&comprehension.loop_cond, bound, found);
            walk(&comprehension.loop_step, bound, found);
            walk(&comprehension.result, bound, found);
            bound.truncate(depth);
        }
        Expr::Literal(_) | Expr::Unspecified => {}
    }
}

fn walk_entry(entry: &EntryExpr, bound: &mut Vec<String>, found: &mut Names) {
    match entry {
        EntryExpr::MapEntry(entry) => {
            walk(&entry.key, bound, found);
            walk(&entry.value, bound, found);
        }
        EntryExpr::StructField(field) => walk(&field.value, bound, found),
    }
}

/// `math` in `math.abs(x)`: a call target that is a known namespace, not a
/// variable.
fn namespace(target: &IdedExpr, bound: &[String]) -> Option<String> {
    match &target.expr {
        Expr::Ident(name) if NAMESPACES.contains(&name.as_str()) && !bound.contains(name) => Some(name.clone()),
        _ => None,
    }
}

/// A call of `name` with no arguments, in the given style.
fn probe(name: &str, method: bool) -> String {
    if method { format!("''.{name}()") } else { format!("{name}()") }
}

/// Whether evaluating `source` alone fails because a name is not declared.
fn undeclared(env: &Arc<Env>, source: &str) -> bool {
    let Ok(program) = env.compile(source) else { return true };
    let context = Context::with_env(Arc::clone(env));
    matches!(program.execute(&context), Err(ExecutionError::UndeclaredReference(_)))
}

/// Levenshtein distance, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expression::env::env;

    fn unknown(source: &str) -> Option<Unknown> {
        let env = env().unwrap();
        let program = env.compile(source).unwrap();
        first_unknown(program.expression(), env)
    }

    #[test]
    fn known_names_pass() {
        for source in [
            "money(doc.Invoice.fields.Total) > 0.0",
            "docs.all(d, present(d.fields.Seller))",
            "math.abs(-1.0) == 1.0 && 'a'.startsWith('a') && size(docs) == 1",
            "type(1) == int && [1].map(x, x * 2)[0] == 2",
            "doc.Invoice.tables['Line Items'].exists(r, r.Amount.lowerAscii() == '')",
        ] {
            assert_eq!(unknown(source), None, "{source}");
        }
    }

    #[test]
    fn unknown_variables_and_functions_are_named() {
        assert_eq!(unknown("invoice.Total == '1'"), Some(Unknown::Variable("invoice".into())));
        assert_eq!(
            unknown("mony(doc.Invoice.fields.Total) > 0.0"),
            Some(Unknown::Function { name: "mony".into(), method: false, other_style_exists: false })
        );
        assert_eq!(
            unknown("math.absolute(1.0) == 1.0"),
            Some(Unknown::Function { name: "math.absolute".into(), method: false, other_style_exists: false })
        );
    }

    #[test]
    fn a_function_called_in_the_wrong_style_says_so() {
        assert_eq!(
            unknown("doc.Invoice.fields.Total.money() > 0.0"),
            Some(Unknown::Function { name: "money".into(), method: true, other_style_exists: true })
        );
    }

    #[test]
    fn a_comprehension_variable_is_only_bound_inside() {
        assert_eq!(unknown("docs.all(d, d.category != '') && d.category == ''"), Some(Unknown::Variable("d".into())));
    }

    #[test]
    fn misspelt_helpers_get_a_suggestion() {
        assert_eq!(suggestion("mony"), Some("money"));
        assert_eq!(suggestion("present"), None);
        assert_eq!(suggestion("frobnicate"), None);
    }
}
