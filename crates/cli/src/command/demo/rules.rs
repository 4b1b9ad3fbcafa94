//! The rules the demo writes: expressions (see the expression judge's crate
//! docs) over the first invoice of the review, `doc.Invoice`, so that each
//! reasoning fits a few lines of the table (`docs.all(d, …)` would check
//! every invoice). One is wrong on purpose, so that the first review does not
//! pass and the demo can show a fix and a retry of that rule alone.

/// One rule of the demo's repository.
#[derive(Debug, Clone, Copy)]
pub struct DemoRule {
    pub group: &'static str,
    pub name: &'static str,
    pub prompt: &'static str,
    /// 10 high, 20 medium, 30 low.
    pub risk_level: i64,
    pub expression: &'static str,
}

pub const REPOSITORY: &str = "Invoice checks";

pub const GROUPS: [&str; 2] = ["Amounts", "Parties"];

pub const RULES: [DemoRule; 4] = [
    DemoRule {
        group: "Amounts",
        name: "Tax amount",
        prompt: "The tax amount equals the net amount times the tax rate.",
        risk_level: 10,
        expression: r#"money_eq(doc.Invoice.fields["Tax Amount"], money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))"#,
    },
    WRONG,
    DemoRule {
        group: "Amounts",
        name: "Line items add up",
        prompt: "The line item amounts add up to the net amount.",
        risk_level: 20,
        expression: r#"money_eq(sum(doc.Invoice.tables["Line Items"].map(r, money(r.Amount))), doc.Invoice.fields["Net Amount"])"#,
    },
    DemoRule {
        group: "Parties",
        name: "Seller and buyer named",
        prompt: "The invoice names its seller and its buyer.",
        risk_level: 30,
        expression: r#"present(doc.Invoice.fields.Seller) && present(doc.Invoice.fields.Buyer)"#,
    },
];

/// The rule written wrong: it compares the total with the net amount alone,
/// forgetting the tax.
pub const WRONG: DemoRule = DemoRule {
    group: "Amounts",
    name: "Total includes tax",
    prompt: "The total is the net amount plus the tax amount.",
    risk_level: 10,
    expression: r#"money_eq(doc.Invoice.fields.Total, doc.Invoice.fields["Net Amount"])"#,
};

/// [`WRONG`]'s expression, fixed.
pub const FIXED_EXPRESSION: &str = r#"money_eq(doc.Invoice.fields.Total, money(doc.Invoice.fields["Net Amount"]) + money(doc.Invoice.fields["Tax Amount"]))"#;
