use super::*;

const MARCH_5: Date = Date { year: 2024, month: 3, day: 5 };
const MAY_3: Date = Date { year: 2024, month: 5, day: 3 };

fn day(text: &str, order: DateOrder) -> Result<Date, DateError> {
    read(text, order).map(|dt| dt.date)
}

fn time(text: &str) -> Option<(u32, u32, u32, u32)> {
    let time = read(text, DateOrder::default()).ok()?.time?;
    Some((time.hour, time.minute, time.second, time.nanosecond))
}

#[test]
fn every_written_form_reads_as_the_same_day() {
    for text in DOCUMENTED_FORMS {
        assert_eq!(day(text, DateOrder::MonthFirst), Ok(MARCH_5), "{text}");
    }
    for text in [
        "5th March 2024",
        "March 5th, 2024",
        "Tuesday, March 5, 2024",
        "5 March 2024 (Tue)",
        "5th of March 2024",
        "05-Mar-2024",
        "2024-March-05",
        "2024年03月05号",
        "2024 年 3 月 5",
        "ＭＡＲ　５，　２０２４",
        "  2024-03-05  ",
        "2024-03-05t10:20:30z",
        "Tue, 05 Mar 2024 10:20:30 GMT",
        "Sept 5, 2024",
    ] {
        let expected = if text.starts_with("Sept") { Date { month: 9, ..MARCH_5 } } else { MARCH_5 };
        assert_eq!(day(text, DateOrder::MonthFirst), Ok(expected), "{text}");
    }
}

#[test]
fn every_form_but_slashes_with_the_year_last_reads_the_same_under_every_order() {
    for order in DateOrder::ALL {
        for text in DOCUMENTED_FORMS.iter().filter(|text| **text != "3/5/2024") {
            assert_eq!(day(text, order), Ok(MARCH_5), "{text} ({order})");
        }
    }
}

#[test]
fn the_order_decides_slashes_with_the_year_last_when_both_readings_are_dates() {
    assert_eq!(day("03/05/2024", DateOrder::MonthFirst), Ok(MARCH_5));
    assert_eq!(day("3/5/2024", DateOrder::MonthFirst), Ok(MARCH_5));
    assert_eq!(day("03/05/2024", DateOrder::DayFirst), Ok(MAY_3));
    assert_eq!(day("3/5/2024 14:30", DateOrder::DayFirst), Ok(MAY_3));
    let refused = day("03/05/2024", DateOrder::Refuse);
    assert_eq!(refused, Err(DateError::AmbiguousOrder { month_first: MARCH_5, day_first: MAY_3 }));
    let message = refused.unwrap_err().to_string();
    assert!(message.contains("ambiguous") && message.contains("write the year first"), "{message}");
    assert!(message.contains("2024-03-05") && message.contains("2024-05-03"), "{message}");
    assert_eq!(day("3/5-2024", DateOrder::DayFirst), Ok(MAY_3), "one slash is enough");
}

#[test]
fn a_reading_that_is_no_date_loses_under_every_order() {
    let january_31 = Date { year: 2024, month: 1, day: 31 };
    for order in DateOrder::ALL {
        assert_eq!(day("31/01/2024", order), Ok(january_31), "{order}");
        assert_eq!(day("01/31/2024", order), Ok(january_31), "{order}");
        assert_eq!(day("25/3/2024", order), Ok(Date { day: 25, ..MARCH_5 }), "{order}");
        assert_eq!(day("03.25.2024", order), Ok(Date { day: 25, ..MARCH_5 }), "{order}");
        assert_eq!(day("05/05/2024", order), Ok(Date { month: 5, ..MARCH_5 }), "the same either way ({order})");
        assert_eq!(day("30/02/2024", order), Err(DateError::NoSuchDay), "{order}");
    }
}

#[test]
fn dots_dashes_and_spaces_with_the_year_last_are_the_day_first_under_every_order() {
    for order in DateOrder::ALL {
        for text in ["05.03.2024", "05-03-2024", "5 3 2024", "5.3.2024"] {
            assert_eq!(day(text, order), Ok(MARCH_5), "{text} ({order})");
        }
    }
}

#[test]
fn times_are_read_on_the_24_hour_clock() {
    assert_eq!(time("2024-03-05"), None);
    assert_eq!(time("2024-03-05 14:30"), Some((14, 30, 0, 0)));
    assert_eq!(time("2024-03-05 14:30:15"), Some((14, 30, 15, 0)));
    assert_eq!(time("2024-03-05T14:30:15.25"), Some((14, 30, 15, 250_000_000)));
    assert_eq!(time("2024-03-05T14:30:15,5"), Some((14, 30, 15, 500_000_000)));
    assert_eq!(time("Mar 5, 2024 2:30 pm"), Some((14, 30, 0, 0)));
    assert_eq!(time("Mar 5, 2024 2:30PM"), Some((14, 30, 0, 0)));
    assert_eq!(time("Mar 5, 2024 at 2:30 p.m."), Some((14, 30, 0, 0)));
    assert_eq!(time("2024-03-05 12:05 am"), Some((0, 5, 0, 0)));
    assert_eq!(time("2024-03-05 12:05 pm"), Some((12, 5, 0, 0)));
    assert_eq!(time("2024年3月5日 14时30分"), Some((14, 30, 0, 0)));
    assert_eq!(time("2024年3月5日14点30分15秒"), Some((14, 30, 15, 0)));
    assert_eq!(time("2024-03-05 23:59:60"), Some((23, 59, 60, 0)), "a leap second");
}

#[test]
fn zones_are_minutes_east_of_utc_and_do_not_move_the_day() {
    let zone = |text: &str| read(text, DateOrder::default()).map(|dt| dt.offset_minutes);
    assert_eq!(zone("2024-03-05T10:20:30Z"), Ok(Some(0)));
    assert_eq!(zone("2024-03-05T10:20:30+08:00"), Ok(Some(480)));
    assert_eq!(zone("2024-03-05 10:20 -0530"), Ok(Some(-330)));
    assert_eq!(zone("2024-03-05 10:20 UTC+8"), Ok(Some(480)));
    assert_eq!(zone("2024-03-05 10:20 GMT"), Ok(Some(0)));
    assert_eq!(zone("2024-03-05 10:20"), Ok(None));
    assert_eq!(day("2024-03-05T23:30:00-05:00", DateOrder::default()), Ok(MARCH_5));
}

#[test]
fn unix_milliseconds_take_a_missing_zone_as_utc() {
    let ms = |text: &str| read(text, DateOrder::Refuse).map(|dt| dt.unix_ms());
    assert_eq!(ms("1970-01-01T00:00:00Z"), Ok(0));
    assert_eq!(ms("2024-03-05T10:20:30Z"), Ok(1_709_634_030_000));
    assert_eq!(ms("2024-03-05T18:20:30.5+08:00"), Ok(1_709_634_030_500));
    assert_eq!(ms("2024-03-05 10:20:30"), Ok(1_709_634_030_000));
    assert_eq!(ms("2024-03-05"), Ok(1_709_596_800_000));
    assert_eq!(ms("2024-03-05T10:20:30.0005Z"), Ok(1_709_634_030_001), "rounded to the millisecond");
    assert_eq!(ms("1969-12-31T23:59:59Z"), Ok(-1000));
}

#[test]
fn impossible_dates_and_times_say_so() {
    for text in ["2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "20241301", "31/04/2024", "00/00/2024"] {
        assert_eq!(day(text, DateOrder::default()), Err(DateError::NoSuchDay), "{text}");
    }
    assert_eq!(day("2024-02-29", DateOrder::default()), Ok(Date { month: 2, day: 29, ..MARCH_5 }));
    for text in
        ["2024-03-05 24:00", "2024-03-05 10:60", "2024-03-05 13:30 pm", "2024-03-05 0:30 am", "2024-03-05 10:00+24:00"]
    {
        assert_eq!(day(text, DateOrder::default()), Err(DateError::NoSuchTime), "{text}");
    }
    for text in ["5 Smarch 2024", "Marmalade 5, 2024", "2024 Foo 5"] {
        assert_eq!(day(text, DateOrder::default()), Err(DateError::UnknownMonth), "{text}");
    }
}

#[test]
fn text_that_only_contains_a_date_is_not_a_date() {
    for text in [
        "",
        "   ",
        "soon",
        "12345",
        "2024",
        "March 2024",
        "2024-03",
        "2024-03-05 due",
        "Invoice date 2024-03-05",
        "05.03.24",
        "3/5/24",
        "24-03-05",
        "25:00",
        "14:30",
        "2024-03-05 14",
        "2024-03-05 14:3",
        "2024-03-05 2 pm",
        "2024-03-05 10:20:30+123",
        "2024-03-05 10:20 Z Z",
        "2024-03-05 2024-03-06",
        "2024-003-05",
        "2024年3月",
        "2024-03-05 😀",
    ] {
        assert_eq!(day(text, DateOrder::default()), Err(DateError::NotADate), "{text:?}");
    }
}

/// A deterministic stream of pseudo-random numbers (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize % below
    }
}

fn check_total(text: &str) {
    for order in DateOrder::ALL {
        if let Ok(dt) = read(text, order) {
            assert!(Date::new(dt.date.year, dt.date.month, dt.date.day).is_some(), "{text:?}");
            if let Some(t) = dt.time {
                assert!(t.hour < 24 && t.minute < 60 && t.second <= 60 && t.nanosecond < 1_000_000_000, "{text:?}");
            }
            assert!(dt.offset_minutes.is_none_or(|m| m.abs() < 24 * 60), "{text:?}");
            let _ = dt.unix_ms();
        }
    }
}

#[test]
fn reading_is_total_on_odd_input() {
    let nines = "9".repeat(10_000);
    let odd = [
        nines.clone(),
        format!("2024-03-{nines}"),
        format!("{nines}/{nines}/{nines}"),
        format!("2024-03-05T10:20:30.{nines}+{nines}"),
        format!("2024-03-05T10:20:30.{nines}Z"),
        format!("2024-03-05 {nines}:{nines}"),
        "99999999".to_owned(),
        "00000000".to_owned(),
        "4294967295-4294967295-4294967295".to_owned(),
        "9999-12-31T23:59:60.999999999-23:59".to_owned(),
        "0000-01-01T00:00:00+23:59".to_owned(),
        "/".to_owned(),
        "-".to_owned(),
        ":".to_owned(),
        ".".to_owned(),
        "+".to_owned(),
        "T".to_owned(),
        "Z".to_owned(),
        "年".to_owned(),
        "年月日时分秒".to_owned(),
        "p.m.".to_owned(),
        "a.".to_owned(),
        "p.m".to_owned(),
        "2024-03-05 2:30 p.".to_owned(),
        "//--::..".repeat(1000),
        "日本語のテキスト".to_owned(),
        "😀😀😀".to_owned(),
        "e\u{301}\u{301}\u{301}".to_owned(),
        "\u{FEFF}2024-03-05\u{200B}".to_owned(),
        "\u{202E}2024-03-05".to_owned(),
        "２０２４－０３－０５Ｔ１０：２０：３０Ｚ".to_owned(),
        "İ".repeat(100),
        "\0\u{1}\u{7f}".to_owned(),
        "Mar".repeat(1000),
    ];
    for text in &odd {
        check_total(text);
    }
    const PIECES: [&str; 30] = [
        "2024", "03", "5", "12", "31", "99", "0", "20240305", "-", "/", ".", ":", ",", " ", "+", "T", "Z", "pm",
        "a.m.", "Mar", "March", "Tue", "th", "年", "月", "日", "时", "分", "９", "é",
    ];
    let mut random = Lcg(7);
    for _ in 0..20_000 {
        let len = random.next(12);
        let text: String = (0..len).map(|_| PIECES[random.next(PIECES.len())]).collect();
        check_total(&text);
    }
}
