//! Amounts written in Chinese numerals, as on the capital-letter line of a
//! Chinese invoice (大写金额): `人民币壹仟贰佰叁拾肆元伍角整` is 1234.50. Both the
//! financial forms (壹贰叁…拾佰仟) and the everyday ones (一二三…十百千) are read;
//! 万 and 亿 scale what precedes them, 元/圆 ends the whole part, 角 and 分 are
//! tenths and hundredths.

/// Whether an amount (already without spaces) is written in Chinese numerals
/// rather than digits.
pub(super) fn looks_chinese(text: &str) -> bool {
    !text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(|c| digit(c).is_some() || unit(c).is_some())
}

/// The amount, or `None` when a character is neither a numeral, a unit nor
/// one of the words around an amount.
pub(super) fn parse_chinese_amount(text: &str) -> Option<f64> {
    let text = text.strip_prefix("人民币").unwrap_or(text);
    let text = text.trim_end_matches(['整', '正']);
    let (whole, fraction) = match text.find(['元', '圆']) {
        Some(at) => (&text[..at], &text[at + '元'.len_utf8()..]),
        None if text.contains(['角', '分']) => ("", text),
        None => (text, ""),
    };
    let whole = integer(whole)?;
    let cents = cents(fraction)?;
    if whole == 0 && cents == 0 && !text.contains(['零', '〇']) {
        return None;
    }
    Some(whole.checked_mul(100)?.checked_add(cents)? as f64 / 100.0)
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '壹' | '一' => 1,
        '贰' | '貳' | '二' | '两' | '兩' => 2,
        '叁' | '參' | '三' => 3,
        '肆' | '四' => 4,
        '伍' | '五' => 5,
        '陆' | '陸' | '六' => 6,
        '柒' | '七' => 7,
        '捌' | '八' => 8,
        '玖' | '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '拾' | '十' => 10,
        '佰' | '百' => 100,
        '仟' | '千' => 1000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// A whole number: digits, each followed by the unit it counts.
fn integer(text: &str) -> Option<u64> {
    let (mut total, mut section, mut number) = (0u64, 0u64, 0u64);
    let mut seen_digit = false;
    for c in text.chars() {
        if let Some(d) = digit(c) {
            number = d;
            seen_digit = true;
            continue;
        }
        match unit(c)? {
            10 if number == 0 && !seen_digit => section = section.checked_add(10)?,
            u @ (10 | 100 | 1000) => section = section.checked_add(number.checked_mul(u)?)?,
            10_000 => total = total.checked_add(section.checked_add(number)?.checked_mul(10_000)?)?,
            u => total = total.checked_add(section)?.checked_add(number)?.checked_mul(u)?,
        }
        if unit(c).is_some_and(|u| u >= 10_000) {
            section = 0;
        }
        number = 0;
        seen_digit = true;
    }
    total.checked_add(section)?.checked_add(number)
}

/// Tenths and hundredths: `伍角`, `伍角陆分`, `零伍分`.
fn cents(text: &str) -> Option<u64> {
    let mut cents = 0;
    let mut number = None;
    for c in text.chars() {
        if let Some(d) = digit(c) {
            number = Some(d);
            continue;
        }
        let scale = match c {
            '角' => 10,
            '分' => 1,
            _ => return None,
        };
        cents += number.take()? * scale;
    }
    number.is_none().then_some(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_amounts_with_yuan_and_jiao() {
        assert_eq!(parse_chinese_amount("人民币壹仟贰佰叁拾肆元伍角整"), Some(1234.5));
        assert_eq!(parse_chinese_amount("壹万零伍拾元整"), Some(10050.0));
        assert_eq!(parse_chinese_amount("叁拾元零伍分"), Some(30.05));
        assert_eq!(parse_chinese_amount("拾元"), Some(10.0));
        assert_eq!(parse_chinese_amount("壹亿贰仟万元"), Some(120_000_000.0));
        assert_eq!(parse_chinese_amount("伍角陆分"), Some(0.56));
    }

    #[test]
    fn everyday_numerals_read_too() {
        assert_eq!(parse_chinese_amount("一千二百元"), Some(1200.0));
        assert_eq!(parse_chinese_amount("两万元整"), Some(20000.0));
    }

    #[test]
    fn other_characters_are_not_an_amount() {
        assert_eq!(parse_chinese_amount("壹仟元美元"), None);
        assert_eq!(parse_chinese_amount("元"), None);
        assert!(!looks_chinese("1,234.5元"));
        assert!(looks_chinese("壹仟元"));
    }
}
