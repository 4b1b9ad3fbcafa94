//! A dozen worked rules over the example invoice, a contract and a Chinese
//! invoice: verdicts, the reasoning's wording, and anchors whose code-point
//! spans hold exactly the values they point at.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use docreview_judge::{
    AnchorSource, ExpressionError, ExpressionLimits, RuleContext, Verdict, VerdictResult, compile, evaluate,
};

fn judge(expression: &str, context: &RuleContext) -> Verdict {
    let rule = compile(expression).unwrap_or_else(|e| panic!("{expression}: {e}"));
    let verdict = evaluate(&rule, context, &ExpressionLimits::default());
    check_anchors(&verdict, context);
    verdict
}

/// Every anchor's span of the reasoning, in code points, is its text, and it
/// points at a value of the context with its position.
fn check_anchors(verdict: &Verdict, context: &RuleContext) {
    for anchor in &verdict.anchors {
        let span: String =
            verdict.reasoning.chars().skip(anchor.start_pos).take(anchor.end_pos - anchor.start_pos).collect();
        assert_eq!(span, anchor.text, "in {:?}", verdict.reasoning);
        assert_eq!(anchor.source, AnchorSource::ExtractField);
        assert_eq!(anchor.vertices.len(), 8);
        let doc = context.documents.iter().find(|d| d.file_id == anchor.file_id).expect("a document of the context");
        assert_eq!(
            (anchor.extract_task_id, anchor.file_category.as_str()),
            (doc.extract_task_id, doc.category.as_str())
        );
    }
}

fn passes(expression: &str) -> Verdict {
    let verdict = judge(expression, &support::review());
    assert_eq!(verdict.result, VerdictResult::Passed, "{expression}: {}", verdict.reasoning);
    verdict
}

fn anchored(verdict: &Verdict) -> Vec<(&str, &str)> {
    verdict.anchors.iter().map(|a| (a.field_name.as_str(), a.text.as_str())).collect()
}

#[test]
fn tax_is_net_times_rate() {
    let verdict = passes(
        r#"money_eq(doc.Invoice.fields["Tax Amount"], money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))"#,
    );
    assert_eq!(
        verdict.reasoning,
        "Tax Amount (Invoice) = 151.05; Net Amount (Invoice) = 795.00; Tax Rate (Invoice) = 19% → expression is true"
    );
    assert_eq!(anchored(&verdict), [("Tax Amount", "151.05"), ("Net Amount", "795.00"), ("Tax Rate", "19%")]);
    let tax = &verdict.anchors[0];
    assert_eq!((tax.start_pos, tax.end_pos, tax.page), (23, 29, 0));
    assert_eq!(tax.vertices, [242, 638, 311, 638, 311, 661, 242, 661]);
    assert_eq!((tax.file_id, tax.extract_task_id), (1_955_840_505_753_140_508, 1_981_692_246_135_111_680));
}

#[test]
fn total_is_net_plus_tax() {
    let verdict = passes(
        r#"money_eq(doc.Invoice.fields.Total, money(doc.Invoice.fields["Net Amount"]) + money(doc.Invoice.fields["Tax Amount"]))"#,
    );
    assert_eq!(anchored(&verdict), [("Total", "946.05"), ("Net Amount", "795.00"), ("Tax Amount", "151.05")]);
}

#[test]
fn payment_is_due_within_30_days_of_the_invoice_date() {
    let verdict = passes(r#"days_between(doc.Invoice.fields["Invoice Date"], doc.Invoice.fields["Due Date"]) <= 30"#);
    assert_eq!(
        verdict.reasoning,
        "Invoice Date (Invoice) = 2024-03-05; Due Date (Invoice) = 4 April 2024 → expression is true"
    );
}

#[test]
fn seller_and_buyer_are_named() {
    let verdict = passes("present(doc.Invoice.fields.Seller) && present(doc.Invoice.fields.Buyer)");
    assert_eq!(anchored(&verdict), [("Seller", "Northwind Traders GmbH"), ("Buyer", "Contoso Retail Ltd.")]);
}

#[test]
fn the_currency_is_euro() {
    passes(r#"doc.Invoice.fields.Currency == "EUR""#);
    let verdict = judge(r#"doc.Invoice.fields.Currency in ["USD", "GBP"]"#, &support::review());
    assert_eq!(verdict.result, VerdictResult::NotPassed);
    assert_eq!(verdict.reasoning, "Currency (Invoice) = EUR → expression is false");
}

#[test]
fn line_items_sum_to_the_net_amount() {
    let verdict = passes(
        r#"money_eq(sum(doc.Invoice.tables["Line Items"].map(r, money(r.Amount))), doc.Invoice.fields["Net Amount"])"#,
    );
    assert_eq!(
        verdict.reasoning,
        "Amount (Invoice, Line Items row 1) = 240.00; Amount (Invoice, Line Items row 2) = 450.00; \
         Amount (Invoice, Line Items row 3) = 105.00; Net Amount (Invoice) = 795.00 → expression is true"
    );
    assert_eq!(verdict.anchors[2].vertices, [872, 510, 940, 510, 940, 533, 872, 533]);
}

#[test]
fn each_line_is_quantity_times_unit_price() {
    let verdict = passes(
        r#"doc.Invoice.tables["Line Items"].all(r, money_eq(r.Amount, number(r.Quantity) * money(r["Unit Price"])))"#,
    );
    assert_eq!(verdict.anchors.len(), 9);
}

#[test]
fn the_invoice_number_has_the_house_format() {
    passes(r#"doc.Invoice.fields["Invoice Number"].matches("^INV-[0-9]{4}-[0-9]{4}$")"#);
}

#[test]
fn the_contract_names_german_law() {
    let verdict = passes(r#"contains_any(doc.Contract.fields["Governing Law"], ["Germany", "German law"])"#);
    assert_eq!(verdict.anchors[0].page, 2);
    let verdict = judge(r#"contains_any(doc.Contract.fields["Governing Law"], ["France"])"#, &support::review());
    assert_eq!(verdict.result, VerdictResult::NotPassed);
}

#[test]
fn the_contract_was_signed_before_the_invoice_with_the_same_parties() {
    passes(
        r#"date(doc.Contract.fields["Signing Date"]) <= date(doc.Invoice.fields["Invoice Date"])
           && doc.Contract.fields.Supplier == doc.Invoice.fields.Seller
           && doc.Contract.fields.Customer == doc.Invoice.fields.Buyer"#,
    );
}

#[test]
fn a_chinese_invoice_agrees_in_words_and_figures() {
    let verdict = passes(
        r#"date(doc["增值税发票"].fields["开票日期"]) == date("2024-03-05")
           && money_eq(doc["增值税发票"].fields["价税合计（大写）"], doc["增值税发票"].fields["价税合计（小写）"])"#,
    );
    assert_eq!(
        verdict.reasoning,
        "开票日期 (增值税发票) = 2024年3月5日; 价税合计（大写） (增值税发票) = 人民币壹仟贰佰叁拾肆元伍角整; \
         价税合计（小写） (增值税发票) = ¥1,234.50 → expression is true"
    );
    let words = &verdict.anchors[1];
    assert_eq!((words.start_pos, words.end_pos), (45, 59));
}

#[test]
fn a_wrong_rate_does_not_pass() {
    let verdict = judge(r#"percent(doc.Invoice.fields["Tax Rate"]) == 0.07"#, &support::review());
    assert_eq!(verdict.result, VerdictResult::NotPassed);
    assert_eq!(verdict.reasoning, "Tax Rate (Invoice) = 19% → expression is false");
}

#[test]
fn a_value_that_is_not_a_number_is_an_error_not_a_failure() {
    let verdict = judge("money(doc.Invoice.fields.Seller) > 0.0", &support::review());
    assert_eq!(verdict.result, VerdictResult::Error);
    assert_eq!(
        verdict.reasoning,
        r#"Evaluation failed: money(): "Northwind Traders GmbH" is not a money amount (no digits). Values read: Seller (Invoice) = Northwind Traders GmbH"#
    );
}

#[test]
fn a_missing_field_is_an_error_not_a_failure() {
    let verdict = judge(r#"present(doc.Invoice.fields["IBAN"])"#, &support::review());
    assert_eq!(verdict.result, VerdictResult::Error);
    assert_eq!(verdict.reasoning, r#"Evaluation failed: the Invoice document has no field "IBAN"."#);
}

#[test]
fn broken_expressions_are_rejected_when_saved() {
    let cases = [
        ("money(doc.Invoice.fields.Total) >", "syntax error at line 1, column 34"),
        ("mony(doc.Invoice.fields.Total) > 0.0", "unknown function `mony`; did you mean `money`?"),
        ("invoice.fields.Total == \"1\"", "unknown variable `invoice`"),
    ];
    for (expression, message) in cases {
        let error: ExpressionError = compile(expression).expect_err(expression);
        assert!(error.to_string().starts_with(message), "{expression}: {error}");
    }
}

#[test]
fn the_readme_variants_of_these_rules_pass_too() {
    passes(r#"!(doc.Invoice.fields.Currency in ["USD", "GBP"])"#);
    passes(r#"percent(doc.Invoice.fields["Tax Rate"]) == 0.19"#);
    passes(r#"money_eq(doc["增值税发票"].fields["价税合计（大写）"], doc["增值税发票"].fields["价税合计（小写）"])"#);
}
