//! RFC 3339 timestamps, as `file/fetch` takes them, to Unix milliseconds, and
//! back for people reading lists of tasks.

/// Parses `2024-03-05T10:20:30Z`, `2024-03-05T10:20:30.5+08:00`, or the same
/// with a space instead of `T`; a date alone means its midnight UTC.
pub fn rfc3339_to_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = text.split_at(text.find(['T', 't', ' ']).unwrap_or(text.len()));
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if rest.is_empty() {
        return Some(days * 86_400_000);
    }
    let rest = &rest[1..];
    let zone_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(zone_at);
    let mut hms = clock.splitn(3, ':');
    let hour: i64 = hms.next()?.parse().ok()?;
    let minute: i64 = hms.next()?.parse().ok()?;
    let seconds: f64 = hms.next().unwrap_or("0").parse().ok()?;
    if hour > 23 || minute > 59 || !(0.0..61.0).contains(&seconds) {
        return None;
    }
    let offset_minutes = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (h, m) = zone[1..].split_once(':').unwrap_or((&zone[1..], "0"));
            sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?)
        }
    };
    let local_ms = days * 86_400_000 + (hour * 3600 + minute * 60) * 1000 + (seconds * 1000.0).round() as i64;
    Some(local_ms - offset_minutes * 60_000)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Formats Unix milliseconds as `2024-03-05T10:20:30Z` (UTC, whole seconds),
/// the form [`rfc3339_to_ms`] reads back.
pub fn ms_to_rfc3339(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

/// The proleptic Gregorian date of a day number: the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_with_zones_and_fractions_are_read() {
        assert_eq!(rfc3339_to_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_to_ms("2024-03-05T10:20:30Z"), Some(1_709_634_030_000));
        assert_eq!(rfc3339_to_ms("2024-03-05T18:20:30.5+08:00"), Some(1_709_634_030_500));
        assert_eq!(rfc3339_to_ms("2024-03-05 10:20:30"), Some(1_709_634_030_000));
        assert_eq!(rfc3339_to_ms("2024-03-05"), Some(1_709_596_800_000));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in ["2024-02-30T00:00:00Z", "2023-02-29", "2024-13-01", "yesterday", "2024-03-05T25:00:00Z", ""] {
            assert_eq!(rfc3339_to_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn milliseconds_are_formatted_in_utc_and_read_back() {
        assert_eq!(ms_to_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(ms_to_rfc3339(1_709_634_030_500), "2024-03-05T10:20:30Z");
        assert_eq!(ms_to_rfc3339(-1000), "1969-12-31T23:59:59Z");
        for text in ["2000-02-29T23:59:59Z", "2100-03-01T00:00:00Z", "1999-12-31T12:00:00Z"] {
            assert_eq!(rfc3339_to_ms(text).map(ms_to_rfc3339).as_deref(), Some(text));
        }
    }
}
