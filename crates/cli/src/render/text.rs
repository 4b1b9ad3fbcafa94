//! Cell text: cleaned of control characters (reasoning quotes documents, and a
//! document must not be able to move the cursor or recolour the terminal),
//! measured in characters, wrapped at spaces, cut with an ellipsis.

/// The width to fit when `COLUMNS` does not say.
const DEFAULT_LINE_WIDTH: usize = 100;
/// Narrower than this, columns stop being readable; wrap past the edge instead.
const MIN_LINE_WIDTH: usize = 60;

/// The line width to fit: `COLUMNS` when the shell exports it, else 100.
pub fn line_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .map_or(DEFAULT_LINE_WIDTH, |columns| columns.max(MIN_LINE_WIDTH))
}

/// How wide `text` prints, counting one column per character.
pub fn width(text: &str) -> usize {
    text.chars().count()
}

/// `text` on one line: whitespace runs become one space, other control
/// characters a replacement character.
pub fn clean(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| match c {
            c if c.is_whitespace() => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect();
    spaced.split(' ').filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `text` cut to `max` characters, the last one an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = clean(text);
    if width(&text) <= max {
        return text;
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `text` in lines of at most `max` characters, broken at spaces (a longer
/// word is split), and at most `max_lines` of them, the last ending in an
/// ellipsis when text was left out.
pub fn wrap(text: &str, max: usize, max_lines: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in clean(text).split(' ').filter(|word| !word.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let used = width(&line);
            let room = if used == 0 { max } else { max.saturating_sub(used + 1) };
            if word.len() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.drain(..));
            } else if used > 0 {
                lines.push(std::mem::take(&mut line));
            } else {
                lines.push(word.drain(..max).collect());
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(max.saturating_sub(1)).collect();
            *last = format!("{}…", kept.trim_end());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mred\n\tnext  word"), "a\u{fffd}[31mred next word");
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(truncate("Amounts", 10), "Amounts");
        assert_eq!(truncate("Total includes tax", 10), "Total inc…");
        assert_eq!(width(&truncate("增值税发票检查规则", 5)), 5);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(
            wrap("Tax Amount = 151.05; Net Amount = 795.00", 16, 9),
            ["Tax Amount =", "151.05; Net", "Amount = 795.00"]
        );
        assert_eq!(wrap("abcdefghij", 4, 9), ["abcd", "efgh", "ij"]);
        assert!(wrap("", 10, 3).is_empty());
    }

    #[test]
    fn wrapping_stops_after_the_last_allowed_line() {
        assert_eq!(wrap("one two three four five six", 9, 2), ["one two", "three…"]);
    }
}
