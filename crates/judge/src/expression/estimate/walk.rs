//! The walk over a program that adds up its worst-case cost.

use cel::IdedExpr;
use cel::common::ast::{ComprehensionExpr, EntryExpr, Expr, LiteralValue};

use crate::expression::loops::appended;

use super::shape::{ASSUMED_DOCUMENTS, ASSUMED_VALUE_BYTES, Kind, Shape};

/// An expression's estimate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Estimate {
    /// Cost units of the worst case.
    pub cost: f64,
    /// The largest value one call may build, with the call's name.
    pub largest: Option<(String, f64)>,
}

/// Estimates `expression` (the program as compiled, before instrumenting).
pub(crate) fn estimate(expression: &IdedExpr) -> Estimate {
    let mut walker = Walker::default();
    let cost = walker.walk(expression).cost;
    Estimate { cost, largest: walker.largest }
}

/// The cost and shape of one sub-expression.
#[derive(Debug, Clone)]
pub(super) struct Est {
    pub cost: f64,
    pub shape: Shape,
}

impl Est {
    pub(super) fn free(shape: Shape) -> Self {
        Est { cost: 0.0, shape }
    }
}

#[derive(Debug, Default)]
pub(super) struct Walker {
    /// Variables bound by the comprehensions around the current node.
    scopes: Vec<(String, Shape)>,
    largest: Option<(String, f64)>,
}

/// The units a value of `bytes` costs to build.
pub(super) fn units(bytes: f64) -> f64 {
    1.0 + bytes / 64.0
}

impl Walker {
    pub(super) fn walk(&mut self, expr: &IdedExpr) -> Est {
        match &expr.expr {
            Expr::Literal(literal) => Est::free(literal_shape(literal)),
            Expr::Ident(name) => Est::free(self.variable(name)),
            Expr::Select(select) => {
                let operand = self.walk(&select.operand);
                let shape = if select.test { Shape::number() } else { field(&operand.shape, &select.field) };
                Est { cost: operand.cost, shape }
            }
            Expr::Call(call) => self.call(call),
            Expr::List(list) => {
                let (cost, items) = self.elements(list.elements.iter());
                let len = list.elements.len() as f64;
                Est { cost, shape: Shape::list(len, items.unwrap_or_else(Shape::number)) }
            }
            Expr::Map(map) => {
                let parts = map.entries.iter().flat_map(|entry| match &entry.expr {
                    EntryExpr::MapEntry(entry) => vec![&entry.key, &entry.value],
                    EntryExpr::StructField(field) => vec![&field.value],
                });
                let (cost, values) = self.elements(parts);
                Est { cost, shape: Shape::map(map.entries.len() as f64, values.unwrap_or_else(Shape::number)) }
            }
            Expr::Struct(object) => {
                let values = object.entries.iter().filter_map(|entry| match &entry.expr {
                    EntryExpr::StructField(field) => Some(&field.value),
                    EntryExpr::MapEntry(_) => None,
                });
                let (cost, _) = self.elements(values);
                Est { cost, shape: Shape::unknown() }
            }
            Expr::Comprehension(comprehension) => self.comprehension(comprehension),
            Expr::Unspecified => Est::free(Shape::unknown()),
        }
    }

    /// Elements of a literal: each one not written out is copied, and paid for.
    fn elements<'e>(&mut self, elements: impl Iterator<Item = &'e IdedExpr>) -> (f64, Option<Shape>) {
        let mut cost = 0.0;
        let mut shape: Option<Shape> = None;
        for element in elements {
            let est = self.walk(element);
            cost += est.cost;
            if !matches!(element.expr, Expr::Literal(_)) {
                cost += units(est.shape.bytes);
            }
            shape = Some(match shape {
                Some(shape) => shape.either(est.shape),
                None => est.shape,
            });
        }
        (cost, shape)
    }

    /// Records a value a call builds; its cost.
    pub(super) fn built(&mut self, what: &str, shape: &Shape) -> f64 {
        if self.largest.as_ref().is_none_or(|(_, bytes)| shape.bytes > *bytes) {
            self.largest = Some((what.to_owned(), shape.bytes));
        }
        units(shape.bytes)
    }

    fn variable(&self, name: &str) -> Shape {
        if let Some((_, shape)) = self.scopes.iter().rev().find(|(bound, _)| bound == name) {
            return shape.clone();
        }
        match name {
            "docs" => Shape::list(ASSUMED_DOCUMENTS, Shape::document()),
            "doc" => Shape::map(ASSUMED_DOCUMENTS, Shape::document()),
            _ => Shape::unknown(),
        }
    }

    fn comprehension(&mut self, c: &ComprehensionExpr) -> Est {
        let range = self.walk(&c.iter_range);
        let steps = match range.shape.kind {
            Kind::Text | Kind::Number => 0.0,
            _ => range.shape.len,
        };
        let (first, second) = match range.shape.kind {
            Kind::Map => (Shape::text(ASSUMED_VALUE_BYTES), range.shape.element()),
            _ => (range.shape.element(), Shape::number()),
        };
        let init = self.walk(&c.accu_init);
        let depth = self.scopes.len();
        self.scopes.push((c.iter_var.clone(), first));
        if let Some(second_var) = &c.iter_var2 {
            self.scopes.push((second_var.clone(), second));
        }
        let literal_cond = matches!(c.loop_cond.expr, Expr::Literal(_));
        let appends = literal_cond && matches!(&c.result.expr, Expr::Ident(r) if *r == c.accu_var);
        let (per_step, accu) = match appended(&c.loop_step, &c.accu_var).filter(|_| appends) {
            Some((guard, items)) => {
                let guard_cost = guard.map_or(0.0, |guard| self.walk(guard).cost);
                let (items_cost, item) = self.elements(items.iter());
                let item = item.unwrap_or_else(Shape::number);
                let item_cost = units(item.bytes);
                (guard_cost + items_cost + item_cost + 1.0, Shape::list(steps, item))
            }
            None => {
                self.scopes.push((c.accu_var.clone(), init.shape.clone()));
                let cond = self.walk(&c.loop_cond).cost;
                let step = self.walk(&c.loop_step);
                self.scopes.pop();
                (cond + step.cost + 1.0, init.shape.clone().either(step.shape))
            }
        };
        self.scopes.push((c.accu_var.clone(), accu));
        let result = self.walk(&c.result);
        self.scopes.truncate(depth);
        Est { cost: range.cost + init.cost + steps * per_step + result.cost, shape: result.shape }
    }
}

fn literal_shape(literal: &LiteralValue) -> Shape {
    match literal {
        LiteralValue::String(text) => Shape::text(text.inner().len() as f64),
        LiteralValue::Bytes(bytes) => Shape::text(bytes.inner().len() as f64),
        _ => Shape::number(),
    }
}

/// `operand.name`: a document's parts, a map's value.
pub(super) fn field(operand: &Shape, name: &str) -> Shape {
    match operand.kind {
        Kind::Document => match name {
            "fields" => Shape::fields(),
            "tables" => Shape::tables(),
            "items" => Shape::rows(),
            "category" => Shape::text(50.0),
            _ => Shape::unknown(),
        },
        Kind::Map => operand.element(),
        _ => Shape::unknown(),
    }
}
