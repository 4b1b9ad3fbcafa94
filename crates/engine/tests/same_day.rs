//! The same date text gives the same day in extraction and in a rule: for
//! every written form the README's "Dates" section lists, under every
//! `date_order`, the day the `datetime` transform writes is the day `date()`
//! reads, and where one refuses a text (an ambiguous order under `refuse`)
//! so does the other.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use docreview_judge::{
    ContextDocument, DateOrder, ExpressionLimits, RuleContext, Verdict, VerdictResult, compile, evaluate,
};
use docreview_text::calendar::days_from_civil;
use docreview_text::date::DOCUMENTED_FORMS;
use docreview_wire::category::{DatetimeSettings, TransformSettings};
use docreview_wire::file::{ExtractionData, KeyValue};

/// The forms whose day and month the README shows being told apart.
const YEAR_LAST: [&str; 5] = ["03/05/2024", "31/01/2024", "01/31/2024", "03.25.2024", "05/05/2024"];

/// The day the `datetime` transform writes, or `None` on a mismatch.
fn extracted_day(text: &str, order: DateOrder) -> Option<i64> {
    let settings = TransformSettings {
        kind: "datetime".into(),
        datetime_settings: Some(DatetimeSettings { format: "yyyy-MM-dd".into() }),
        enumerate_settings: None,
        regex_settings: None,
        mismatch_action: None,
    };
    let transformed = docreview_extract::transform(text, &settings, order);
    if !transformed.matched {
        return None;
    }
    let parts: Vec<u32> = transformed.value.split('-').map(|p| p.parse().unwrap()).collect();
    Some(days_from_civil(i64::from(parts[0]), parts[1], parts[2]))
}

/// `expression` judged over a document whose field `Date` is `text`, in a
/// workspace reading dates by `order`.
fn judged(expression: &str, text: &str, order: DateOrder) -> Verdict {
    let field = KeyValue {
        key: "Date".into(),
        value: text.into(),
        position: vec![],
        identifier: None,
        confidence: None,
        extract_model: None,
        config_model: None,
    };
    let document = ContextDocument {
        extract_task_id: 1,
        file_id: 1,
        category: "Invoice".into(),
        data: ExtractionData { fields: vec![field], ..Default::default() },
        document: None,
    };
    let context = RuleContext { documents: vec![document], date_order: order };
    evaluate(&compile(expression).unwrap(), &context, &ExpressionLimits::default())
}

fn assert_same_day(text: &str, order: DateOrder) -> Option<i64> {
    let extracted = extracted_day(text, order);
    match extracted {
        Some(day) => {
            let verdict = judged(&format!("date(doc.Invoice.fields.Date) == {day}"), text, order);
            assert_eq!(verdict.result, VerdictResult::Passed, "{text:?} ({order}): {}", verdict.reasoning);
        }
        None => {
            let verdict = judged("date(doc.Invoice.fields.Date) > 0", text, order);
            assert_eq!(verdict.result, VerdictResult::Error, "{text:?} ({order}): refused by extraction only");
        }
    }
    extracted
}

#[test]
fn every_readme_form_is_the_same_day_in_extraction_and_in_an_expression_under_every_order() {
    let march_5 = days_from_civil(2024, 3, 5);
    for order in DateOrder::ALL {
        for text in DOCUMENTED_FORMS {
            let day = assert_same_day(text, order);
            let expected = match (text, order) {
                ("3/5/2024", DateOrder::DayFirst) => Some(days_from_civil(2024, 5, 3)),
                ("3/5/2024", DateOrder::Refuse) => None,
                _ => Some(march_5),
            };
            assert_eq!(day, expected, "{text:?} ({order})");
        }
    }
}

#[test]
fn the_order_decides_ambiguous_dates_alike_in_extraction_and_in_an_expression() {
    let day = |y, m, d| Some(days_from_civil(y, m, d));
    for (order, ambiguous) in
        [(DateOrder::MonthFirst, day(2024, 3, 5)), (DateOrder::DayFirst, day(2024, 5, 3)), (DateOrder::Refuse, None)]
    {
        let read: Vec<Option<i64>> = YEAR_LAST.iter().map(|text| assert_same_day(text, order)).collect();
        assert_eq!(read, [ambiguous, day(2024, 1, 31), day(2024, 1, 31), day(2024, 3, 25), day(2024, 5, 5)], "{order}");
    }
    let refused = judged("date(doc.Invoice.fields.Date) > 0", "03/05/2024", DateOrder::Refuse);
    assert!(
        refused.reasoning.contains("ambiguous") && refused.reasoning.contains("date_order"),
        "{}",
        refused.reasoning
    );
}
