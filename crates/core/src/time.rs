//! RFC 3339 timestamps, as `file/fetch` takes them, to Unix milliseconds.

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
}
