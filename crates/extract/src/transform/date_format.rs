//! Writing a date in a Java-style (`SimpleDateFormat`) pattern, the form
//! DocFlow's `datetime_settings.format` uses: `yyyy`, `yy`, `MM`, `M`, `MMM`,
//! `MMMM`, `dd`, `d`, `HH`, `H`, `hh`, `h`, `mm`, `m`, `ss`, `s`, `a`;
//! `'quoted'` text is literal (`''` is a quote), and so is every other character.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `dt` in `pattern`; an empty pattern means `yyyy-MM-dd`.
pub(crate) fn render(dt: &DateTime, pattern: &str) -> String {
    let pattern = if pattern.trim().is_empty() { "yyyy-MM-dd" } else { pattern };
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            i = quoted(&chars, i + 1, &mut out);
            continue;
        }
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        i += run;
        match field(dt, c, run) {
            Some(text) => out.push_str(&text),
            None => out.extend(std::iter::repeat_n(c, run)),
        }
    }
    out
}

/// Copies quoted text from `start` (just after the opening quote) and returns
/// the index after the closing one.
fn quoted(chars: &[char], start: usize, out: &mut String) -> usize {
    if chars.get(start) == Some(&'\'') {
        out.push('\'');
        return start + 1;
    }
    let mut i = start;
    while i < chars.len() {
        if chars[i] == '\'' {
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            return i + 1;
        }
        out.push(chars[i]);
        i += 1;
    }
    i
}

fn field(dt: &DateTime, letter: char, run: usize) -> Option<String> {
    let number = |n: u32| format!("{n:0run$}");
    let text = match letter {
        'y' if run == 2 => format!("{:02}", dt.year.rem_euclid(100)),
        'y' => format!("{:0run$}", dt.year),
        'M' if run >= 4 => month_name(dt.month).to_owned(),
        'M' if run == 3 => month_name(dt.month).chars().take(3).collect(),
        'M' => number(dt.month),
        'd' => number(dt.day),
        'H' => number(dt.hour),
        'h' => number(if dt.hour.is_multiple_of(12) { 12 } else { dt.hour % 12 }),
        'm' => number(dt.minute),
        's' => number(dt.second),
        'a' => (if dt.hour < 12 { "AM" } else { "PM" }).to_owned(),
        _ => return None,
    };
    Some(text)
}

fn month_name(month: u32) -> &'static str {
    MONTHS.get(month.saturating_sub(1) as usize).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DT: DateTime = DateTime { year: 2024, month: 3, day: 5, hour: 14, minute: 7, second: 9 };

    #[test]
    fn numeric_fields_pad_to_their_run_length() {
        assert_eq!(render(&DT, "yyyy-MM-dd HH:mm:ss"), "2024-03-05 14:07:09");
        assert_eq!(render(&DT, "yyyy/M/d H:m:s"), "2024/3/5 14:7:9");
        assert_eq!(render(&DT, "yyyyMMdd"), "20240305");
        assert_eq!(render(&DT, "dd.MM.yy"), "05.03.24");
    }

    #[test]
    fn names_twelve_hour_clocks_and_literals() {
        assert_eq!(render(&DT, "d MMMM yyyy"), "5 March 2024");
        assert_eq!(render(&DT, "MMM d, yyyy h:mm a"), "Mar 5, 2024 2:07 PM");
        assert_eq!(render(&DT, "yyyy'年'M'月'd'日'"), "2024年3月5日");
        assert_eq!(render(&DT, "yyyy年M月d日"), "2024年3月5日");
        assert_eq!(render(&DT, "'at' HH 'o''clock'"), "at 14 o'clock");
        assert_eq!(render(&DT, ""), "2024-03-05");
    }
}
