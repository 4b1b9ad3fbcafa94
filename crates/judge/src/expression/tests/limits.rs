//! Expressions that would take more than their share: refused when a rule is
//! saved, stopped with the limit named when they run anyway.

use std::time::{Duration, Instant};

use super::super::{ExpressionError, ExpressionLimits, check, compile, evaluate};
use crate::context::RuleContext;
use crate::context::fixtures::*;
use crate::verdict::{Verdict, VerdictResult};

/// `"a"` followed by ten `.replace("a", "aaaaaaaaaa")`: ten billion bytes.
fn growing_string() -> String {
    let mut expression = "'a'".to_owned();
    for _ in 0..10 {
        expression.push_str(".replace('a', 'aaaaaaaaaa')");
    }
    format!("size({expression}) > 0")
}

/// Two loops of 3,000 steps, one inside the other: nine million steps.
fn nested_loops() -> String {
    let (x, y) = ("x".repeat(3000), "y".repeat(3000));
    format!("'{x}'.split('').all(a, '{y}'.split('').all(b, a != b))")
}

/// Judges an expression that `check` would refuse, as a rule saved before
/// the limits existed would be.
fn run(expression: &str, limits: &ExpressionLimits) -> (Verdict, Duration) {
    let rule = compile(expression).unwrap_or_else(|e| panic!("{expression}: {e}"));
    let started = Instant::now();
    let verdict = evaluate(&rule, &table_of(10), limits);
    (verdict, started.elapsed())
}

/// An invoice whose `Line Items` table has `rows` rows.
fn table_of(rows: usize) -> RuleContext {
    let rows: Vec<(String, String)> = (0..rows).map(|i| (format!("item {i}"), format!("{i}.00"))).collect();
    let rows: Vec<(&str, &str)> = rows.iter().map(|(d, a)| (d.as_str(), a.as_str())).collect();
    context(vec![invoice(&[("Net Amount", "1.00")], &rows)])
}

fn assert_stopped(verdict: &Verdict, setting: &str) {
    assert_eq!(verdict.result, VerdictResult::Error, "{}", verdict.reasoning);
    assert!(verdict.reasoning.starts_with("Evaluation stopped: "), "{}", verdict.reasoning);
    assert!(verdict.reasoning.contains(setting), "{setting} in {}", verdict.reasoning);
}

#[test]
fn an_expression_that_grows_a_string_is_refused_when_saved() {
    let error = check(&growing_string(), &ExpressionLimits::default()).unwrap_err();
    assert!(matches!(&error, ExpressionError::TooLarge { function, .. } if function == "replace"), "{error}");
    assert!(error.to_string().contains("`limits.expression_value_bytes`"), "{error}");
}

#[test]
fn an_expression_that_grows_a_string_is_stopped_before_it_allocates() {
    let (verdict, _) = run(&growing_string(), &ExpressionLimits::default());
    assert_stopped(&verdict, "`limits.expression_value_bytes`");
    assert!(verdict.reasoning.contains("replace would build a value of 10000000 bytes"), "{}", verdict.reasoning);
}

#[test]
fn nested_loops_are_refused_when_saved_by_their_estimate() {
    let error = check(&nested_loops(), &ExpressionLimits::default()).unwrap_err();
    let ExpressionError::TooCostly { estimate, limit } = error else { panic!("{error}") };
    assert!(estimate > 9_000_000, "{estimate}");
    assert_eq!(limit, ExpressionLimits::DEFAULT_COST);
}

/// A budget that a debug build spends well within the default time.
fn small_budget() -> ExpressionLimits {
    ExpressionLimits { cost: 50_000, ..ExpressionLimits::default() }
}

#[test]
fn nested_loops_are_stopped_at_the_cost_limit() {
    let (verdict, _) = run(&nested_loops(), &small_budget());
    assert_stopped(&verdict, "`limits.expression_cost`");
    assert!(verdict.reasoning.contains("more than 50000 cost units"), "{}", verdict.reasoning);
}

#[test]
fn a_stop_counts_even_where_cel_would_absorb_the_error() {
    let (verdict, _) = run(&format!("({}) || true", nested_loops()), &small_budget());
    assert_stopped(&verdict, "`limits.expression_cost`");
}

#[test]
fn the_clock_stops_what_the_cost_count_lets_through() {
    let limits = ExpressionLimits { cost: u64::MAX, value_bytes: u64::MAX, time_ms: 1 };
    let (verdict, elapsed) = run("lists.range(1000).all(i, lists.range(1000).all(j, i >= 0))", &limits);
    assert_stopped(&verdict, "`limits.expression_time_ms`");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn what_a_map_collects_is_paid_for() {
    let limits = ExpressionLimits { cost: 10_000, ..ExpressionLimits::default() };
    let (verdict, _) = run("size(lists.range(20000).map(i, 'x' + string(i))) > 0", &limits);
    assert_stopped(&verdict, "`limits.expression_cost`");
    let (verdict, _) = run("size(lists.range(1000).map(i, 'x' + string(i))) == 1000", &limits);
    assert_eq!(verdict.result, VerdictResult::Passed, "{}", verdict.reasoning);
}

#[test]
fn copies_into_list_literals_are_paid_for() {
    let limits = ExpressionLimits { cost: 10_000, ..ExpressionLimits::default() };
    let big = "'x'.replace('x', '0123456789'.replace('0', '0123456789'))";
    let (verdict, _) = run(&format!("lists.range(1000).all(i, size([{big}, {big}, {big}]) == 3)"), &limits);
    assert_stopped(&verdict, "`limits.expression_cost`");
}

#[test]
fn everyday_rules_pass_the_save_time_check() {
    let limits = ExpressionLimits::default();
    for expression in [
        "money_eq(doc.Invoice.fields['Tax Amount'], money(doc.Invoice.fields['Net Amount']) * percent(doc.Invoice.fields['Tax Rate']))",
        "days_between(date(doc.Invoice.fields['Invoice Date']), date(doc.Invoice.fields['Due Date'])) <= 30",
        "money_eq(sum(doc.Invoice.tables['Line Items'].map(r, money(r.Amount))), doc.Invoice.fields['Net Amount'])",
        "docs.all(d, d.tables['Line Items'].all(r, present(r.Description) && money(r.Amount) >= 0.0))",
        "doc.Invoice.tables['Line Items'].filter(r, money(r.Amount) > 100.0).size() < 5",
        "doc.Contract.fields['Governing Law'].lowerAscii().contains('germany')",
        "doc.Invoice.fields.Seller.split(' ').exists(w, w == 'GmbH')",
    ] {
        assert!(check(expression, &limits).is_ok(), "{expression}: {:?}", check(expression, &limits).err());
    }
}

#[test]
fn a_large_table_is_judged_within_the_default_limits() {
    let rule = check(
        "money_eq(sum(doc.Invoice.tables['Line Items'].map(r, money(r.Amount))), 1999000.0)",
        &ExpressionLimits::default(),
    )
    .unwrap();
    let verdict = evaluate(&rule, &table_of(2000), &ExpressionLimits::default());
    assert_eq!(verdict.result, VerdictResult::Passed, "{}", verdict.reasoning);
}

#[test]
fn a_saved_expression_runs_its_trial_under_the_limits() {
    let limits = ExpressionLimits { time_ms: 0, ..ExpressionLimits::default() };
    let error = check("lists.range(100).all(i, i >= 0)", &limits).unwrap_err();
    let ExpressionError::Stopped(reason) = error else { panic!("{error}") };
    assert!(reason.contains("`limits.expression_time_ms`"), "{reason}");
}
