//! The expression judge end to end over small contexts: the helpers as rule
//! writers call them, the bindings' map and list behaviour, and how every
//! kind of outcome becomes a verdict.

use docreview_text::DateOrder;

use super::{ExpressionLimits, compile, evaluate};
use crate::context::RuleContext;
use crate::context::fixtures::*;
use crate::verdict::{Verdict, VerdictResult};

fn judge(expression: &str, context: &RuleContext) -> Verdict {
    let rule = compile(expression).unwrap_or_else(|e| panic!("{expression}: {e}"));
    evaluate(&rule, context, &ExpressionLimits::default())
}

fn sample() -> RuleContext {
    context(vec![
        invoice(
            &[
                ("Net Amount", "795.00"),
                ("Tax Rate", "19%"),
                ("Tax Amount", "151.05"),
                ("Seller", "Northwind"),
                ("Buyer", ""),
            ],
            &[("Chair", "240.00"), ("Desk", "450.00"), ("Arm", "105.00")],
        ),
        document("Contract", &[("Governing Law", "the laws of Germany"), ("Total", "N/A")]),
    ])
}

fn assert_result(expression: &str, expected: VerdictResult) -> Verdict {
    let verdict = judge(expression, &sample());
    assert_eq!(verdict.result, expected, "{expression}: {}", verdict.reasoning);
    verdict
}

#[test]
fn helpers_read_document_strings() {
    for expression in [
        "money('¥1,234.50') == 1234.5",
        "number('1,234') == 1234.0",
        "percent('19%') == 0.19",
        "date('5 March 2024') == date('2024-03-05')",
        "days_between('2024-03-05', '4 April 2024') == 30",
        "present(' x ') && !present('  ')",
        "money_eq(795.0 * 0.19, '151.05')",
        "approx(100.0, 100.4, 0.5) && !approx(100.0, 101.0, 0.5)",
        "round(151.045, 2) == 151.05",
        "sum(['1.00', '€2,50', 3]) == 6.5",
        "contains_any('The laws of GERMANY', ['france', 'germany'])",
    ] {
        assert_result(expression, VerdictResult::Passed);
    }
}

#[test]
fn bindings_behave_as_maps_and_lists() {
    for expression in [
        "'Seller' in doc.Invoice.fields && !('Due Date' in doc.Invoice.fields)",
        "has(doc.Invoice.fields.Seller) && !has(doc.Invoice.fields.Iban)",
        "size(docs) == 2 && docs[1].category == 'Contract' && 'Contract' in doc",
        "size(doc.Invoice.tables['Line Items']) == 3",
        "doc.Invoice.tables['Line Items'].all(r, money(r.Amount) > 0.0)",
        "docs.exists(d, d.category == 'Contract' && present(d.fields['Governing Law']))",
        "doc.Invoice.fields.all(k, k != '')",
        "size(doc.Invoice.items) == 3",
        "doc.Invoice.fields.?Iban.orValue('none') == 'none'",
    ] {
        assert_result(expression, VerdictResult::Passed);
    }
}

#[test]
fn the_reasoning_lists_the_values_read_and_anchors_them() {
    let verdict = assert_result(
        "money_eq(doc.Invoice.fields['Tax Amount'], money(doc.Invoice.fields['Net Amount']) * percent(doc.Invoice.fields['Tax Rate']))",
        VerdictResult::Passed,
    );
    assert_eq!(
        verdict.reasoning,
        "Tax Amount (Invoice) = 151.05; Net Amount (Invoice) = 795.00; Tax Rate (Invoice) = 19% → expression is true"
    );
    let texts: Vec<&str> = verdict.anchors.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["151.05", "795.00", "19%"]);
}

#[test]
fn a_false_expression_does_not_pass_and_says_so() {
    let verdict = assert_result("present(doc.Invoice.fields.Buyer)", VerdictResult::NotPassed);
    assert_eq!(verdict.reasoning, "Buyer (Invoice) = (empty) → expression is false");
}

#[test]
fn short_circuited_branches_read_nothing() {
    let verdict = assert_result("true || present(doc.Invoice.fields.Seller)", VerdictResult::Passed);
    assert_eq!(verdict.reasoning, "No field was read → expression is true");
    assert!(verdict.anchors.is_empty());
}

#[test]
fn table_cells_are_named_by_table_and_row() {
    let verdict = assert_result("money(doc.Invoice.tables['Line Items'][1].Amount) == 450.0", VerdictResult::Passed);
    assert_eq!(verdict.reasoning, "Amount (Invoice, Line Items row 2) = 450.00 → expression is true");
}

#[test]
fn a_value_that_is_not_money_is_an_error_naming_it() {
    let verdict = assert_result("money(doc.Contract.fields.Total) > 0.0", VerdictResult::Error);
    assert_eq!(
        verdict.reasoning,
        r#"Evaluation failed: money(): "N/A" is not a money amount (no digits). Values read: Total (Contract) = N/A"#
    );
    assert_eq!(verdict.anchors.len(), 1);
}

#[test]
fn missing_names_are_errors_that_say_what_is_missing() {
    let cases = [
        ("present(doc.Invoice.fields['Due Date'])", "the Invoice document has no field \"Due Date\""),
        ("present(doc.Receipt.fields.Total)", "no document of category \"Receipt\" is under review"),
        ("size(doc.Invoice.tables.Taxes) > 0", "the Invoice document has no table \"Taxes\""),
        (
            "doc.Invoice.tables['Line Items'][0].Price == ''",
            "row 1 of table \"Line Items\" (Invoice) has no column \"Price\"",
        ),
        ("size(doc.Invoice.feilds) > 0", "documents have no \"feilds\""),
        ("docs[5].category == ''", "out of range"),
    ];
    for (expression, expected) in cases {
        let verdict = assert_result(expression, VerdictResult::Error);
        assert!(verdict.reasoning.contains(expected), "{expression}: {}", verdict.reasoning);
    }
}

#[test]
fn results_that_are_not_bool_are_errors() {
    let verdict = assert_result("money(doc.Invoice.fields['Net Amount'])", VerdictResult::Error);
    assert_eq!(
        verdict.reasoning,
        "The expression gave 795.0 (a double), not true or false. Values read: Net Amount (Invoice) = 795.00"
    );
    assert_result("doc.Invoice", VerdictResult::Error);
}

#[test]
fn mixing_int_and_double_gets_a_hint() {
    let verdict = assert_result("money(doc.Invoice.fields['Net Amount']) * 2 > 0.0", VerdictResult::Error);
    assert!(verdict.reasoning.contains("write 2.0 rather than 2"), "{}", verdict.reasoning);
}

#[test]
fn helpers_refuse_arguments_of_the_wrong_type() {
    let verdict = assert_result("money(docs) > 0.0", VerdictResult::Error);
    assert!(verdict.reasoning.contains("money(): expects a string or a number, got a list"), "{}", verdict.reasoning);
    let verdict = assert_result("round(1.5, 1.0) > 0.0", VerdictResult::Error);
    assert!(verdict.reasoning.contains("round(): the number of decimals"), "{}", verdict.reasoning);
}

#[test]
fn an_empty_context_gives_errors_not_failures() {
    let rule = compile("present(doc.Invoice.fields.Seller)").unwrap();
    let verdict = evaluate(&rule, &RuleContext::default(), &ExpressionLimits::default());
    assert_eq!(verdict.result, VerdictResult::Error);
}

mod limits;

#[test]
fn date_helpers_read_with_the_contexts_date_order() {
    let dated = |date_order| RuleContext {
        date_order,
        ..context(vec![document("Invoice", &[("Invoice Date", "03/05/2024")])])
    };
    let invoice_date = "date(doc.Invoice.fields['Invoice Date'])";
    let month_first = judge(&format!("{invoice_date} == date('2024-03-05')"), &dated(DateOrder::MonthFirst));
    assert_eq!(month_first.result, VerdictResult::Passed, "{}", month_first.reasoning);
    let day_first = format!("{invoice_date} == date('2024-05-03') && days_between('03/05/2024', '2024-05-04') == 1");
    let day_first = judge(&day_first, &dated(DateOrder::DayFirst));
    assert_eq!(day_first.result, VerdictResult::Passed, "{}", day_first.reasoning);

    let refused = judge(&format!("{invoice_date} > 0"), &dated(DateOrder::Refuse));
    assert_eq!(refused.result, VerdictResult::Error);
    let expected = r#"Evaluation failed: date(): "03/05/2024" is not a date (the day and month are ambiguous"#;
    assert!(refused.reasoning.starts_with(expected), "{}", refused.reasoning);
    assert!(refused.reasoning.contains("date_order"), "{}", refused.reasoning);
    let unambiguous = judge("date('31/01/2024') == date('2024-01-31')", &dated(DateOrder::Refuse));
    assert_eq!(unambiguous.result, VerdictResult::Passed, "{}", unambiguous.reasoning);
}
