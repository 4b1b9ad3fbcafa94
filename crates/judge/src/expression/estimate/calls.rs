//! The worst case of each call: what it gives and what it costs. As in an
//! evaluation, calls that only read values (comparisons, `contains`, the
//! helpers) cost nothing of their own; calls that build a value cost that
//! value.

use cel::common::ast::{CallExpr, Expr, LiteralValue, operators};

use super::shape::{Kind, Shape};
use super::walk::{Est, Walker, field};

/// The most elements `lists.range` builds (the interpreter's own cap).
const RANGE_MAX: f64 = 1_000_000.0;
/// What a formatted number or bool may take in `format` and `string`.
const FORMATTED_BYTES: f64 = 120.0;

/// Namespaces whose functions are called as `namespace.function(…)`.
const NAMESPACES: [&str; 4] = ["math", "lists", "strings", "optional"];

impl Walker {
    pub(super) fn call(&mut self, call: &CallExpr) -> Est {
        let namespace = match call.target.as_deref().map(|t| &t.expr) {
            Some(Expr::Ident(ns)) if NAMESPACES.contains(&ns.as_str()) => Some(ns.as_str()),
            _ => None,
        };
        let receiver = call.target.as_deref().filter(|_| namespace.is_none());
        let operands: Vec<Est> = receiver.into_iter().chain(&call.args).map(|e| self.walk(e)).collect();
        let name = match namespace {
            Some(ns) => format!("{ns}.{}", call.func_name),
            None => call.func_name.clone(),
        };
        let shapes: Vec<&Shape> = operands.iter().map(|o| &o.shape).collect();
        let arguments: f64 = operands.iter().map(|o| o.cost).sum();
        let bytes = |at: usize| shapes.get(at).map_or(0.0, |s| s.bytes);
        let (shape, own) = match name.as_str() {
            operators::CONDITIONAL => {
                let (then, otherwise) = (operands.get(1), operands.get(2));
                let branch = then.map_or(0.0, |t| t.cost).max(otherwise.map_or(0.0, |o| o.cost));
                let shape = match (then, otherwise) {
                    (Some(a), Some(b)) => a.shape.clone().either(b.shape.clone()),
                    _ => Shape::unknown(),
                };
                let condition = operands.first().map_or(0.0, |c| c.cost);
                return Est { cost: condition + branch, shape };
            }
            operators::INDEX | operators::OPT_INDEX => {
                let shape = match (shapes.first(), call.args.get(1).map(|a| &a.expr)) {
                    (Some(s), Some(Expr::Literal(LiteralValue::String(key)))) => field(s, key.inner()),
                    (Some(s), _) => s.element(),
                    _ => Shape::unknown(),
                };
                (shape, 0.0)
            }
            operators::ADD if shapes.iter().all(|s| s.kind == Kind::Number) => (Shape::number(), 0.0),
            operators::ADD => {
                let total: f64 = shapes.iter().map(|s| s.bytes).sum();
                let shape = match shapes.first().map(|s| s.kind) {
                    Some(Kind::List) => {
                        let len = shapes.iter().map(|s| s.len).sum();
                        let item = shapes.iter().map(|s| s.element()).reduce(Shape::either);
                        Shape::list_of_total(len, item.unwrap_or_else(Shape::unknown), total)
                    }
                    _ => Shape::text(total),
                };
                let cost = self.built("+", &shape);
                (shape, cost)
            }
            "replace" => {
                let (text, from, to) = (bytes(0), literal_len(call, 0), bytes(2));
                let occurrences = match from {
                    Some(from) if from > 0.0 => text / from,
                    _ => text + 1.0,
                };
                let shape = Shape::text(text + occurrences * to);
                let cost = self.built("replace", &shape);
                (shape, cost)
            }
            "split" => {
                let text = bytes(0);
                let shape = Shape::list_of_total(text + 1.0, Shape::text(text), text);
                let cost = self.built("split", &shape);
                (shape, cost)
            }
            "join" => {
                let list = shapes.first().map_or_else(Shape::unknown, |s| (*s).clone());
                let shape = Shape::text(list.bytes + list.len * bytes(1));
                let cost = self.built("join", &shape);
                (shape, cost)
            }
            "format" => {
                let list = shapes.get(1).map_or_else(Shape::unknown, |s| (*s).clone());
                let shape = Shape::text(bytes(0) + list.bytes + list.len * FORMATTED_BYTES);
                let cost = self.built("format", &shape);
                (shape, cost)
            }
            "strings.quote" => self.builds("strings.quote", Shape::text(2.0 * bytes(0) + 2.0)),
            "string" => self.builds("string", Shape::text(bytes(0).max(FORMATTED_BYTES))),
            "lists.range" => {
                let len = match call.args.first().map(|a| &a.expr) {
                    Some(Expr::Literal(LiteralValue::Int(n))) => (*n.inner() as f64).clamp(0.0, RANGE_MAX),
                    _ => RANGE_MAX,
                };
                self.builds("lists.range", Shape::list(len, Shape::number()))
            }
            "flatten" => {
                let list = shapes.first().map_or_else(Shape::unknown, |s| (*s).clone());
                let inner = list.element();
                let len = list.len * inner.len.max(1.0);
                self.builds("flatten", Shape::list_of_total(len, inner.element(), list.bytes))
            }
            "upperAscii"
            | "lowerAscii"
            | "trim"
            | "reverse"
            | "substring"
            | "charAt"
            | "sort"
            | "distinct"
            | "slice"
            | "@sortByAssociatedKeys" => {
                let shape = shapes.first().map_or_else(Shape::unknown, |s| (*s).clone());
                self.builds(&name, shape)
            }
            _ => (Shape::number(), 0.0),
        };
        Est { cost: arguments + own, shape }
    }

    fn builds(&mut self, what: &str, shape: Shape) -> (Shape, f64) {
        let cost = self.built(what, &shape);
        (shape, cost)
    }
}

/// The length of argument `at` when it is written out as a string.
fn literal_len(call: &CallExpr, at: usize) -> Option<f64> {
    match call.args.get(at).map(|a| &a.expr) {
        Some(Expr::Literal(LiteralValue::String(text))) => Some(text.inner().len() as f64),
        _ => None,
    }
}
