//! The bare in-memory judge rate: evaluations per second of compiled rules
//! over the example invoice, the figure the end-to-end target of DESIGN §7
//! is measured against. Prints the median of several runs.
//!
//! `cargo bench -p docreview-judge` (a release build).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use docreview_judge::{ExpressionLimits, ProgramCache, RuleContext, VerdictResult, check, compile, evaluate};

const RUNS: usize = 7;
const RUN_TIME: Duration = Duration::from_millis(400);

const MONEY_RULE: &str = r#"money_eq(doc.Invoice.fields["Tax Amount"], money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))"#;
const TABLE_RULE: &str =
    r#"money_eq(sum(doc.Invoice.tables["Line Items"].map(r, money(r.Amount))), doc.Invoice.fields["Net Amount"])"#;

/// Calls `f` for about `RUN_TIME`, `RUNS` times; the median rate per second.
fn median_rate(mut f: impl FnMut()) -> (f64, Vec<f64>) {
    for _ in 0..1_000 {
        f();
    }
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < RUN_TIME {
                for _ in 0..256 {
                    f();
                }
                n += 256;
            }
            n as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    (rates[RUNS / 2], rates)
}

fn report(name: &str, (median, rates): (f64, Vec<f64>)) {
    let runs: Vec<String> = rates.iter().map(|r| format!("{:.0}", r / 1000.0)).collect();
    println!("{name:<48} median {:>9.0}/s  (runs, thousands/s: {})", median, runs.join(" "));
}

fn main() {
    let invoice = RuleContext { documents: vec![support::example_invoice()], ..Default::default() };
    let review = support::review();

    let limits = ExpressionLimits::default();
    let money = compile(MONEY_RULE).unwrap();
    let table = compile(TABLE_RULE).unwrap();
    assert_eq!(evaluate(&money, &invoice, &limits).result, VerdictResult::Passed);
    assert_eq!(evaluate(&table, &invoice, &limits).result, VerdictResult::Passed);

    println!("docreview-judge: in-memory judge rate, {RUNS} runs of {RUN_TIME:?} each, one thread");
    report(
        "money rule, example invoice",
        median_rate(|| {
            black_box(evaluate(black_box(&money), black_box(&invoice), &limits));
        }),
    );
    let cache = ProgramCache::default();
    report(
        "money rule, cache lookup + evaluate",
        median_rate(|| {
            let rule = cache.get_or_compile(black_box(MONEY_RULE)).unwrap();
            black_box(evaluate(&rule, black_box(&invoice), &limits));
        }),
    );
    report(
        "money rule, invoice + contract + Chinese invoice",
        median_rate(|| {
            black_box(evaluate(black_box(&money), black_box(&review), &limits));
        }),
    );
    report(
        "line-items sum rule, example invoice",
        median_rate(|| {
            black_box(evaluate(black_box(&table), black_box(&invoice), &limits));
        }),
    );
    report(
        "compile of the money rule",
        median_rate(|| {
            black_box(compile(black_box(MONEY_RULE)).unwrap());
        }),
    );
    report(
        "save-time check (compile, estimate, trial run) of the money rule",
        median_rate(|| {
            black_box(check(black_box(MONEY_RULE), &limits).unwrap());
        }),
    );
}
