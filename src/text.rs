//! Text from the dataset made fit for every output: no control characters, and one-line fields
//! kept on one line.
//!
//! Scrapers leave stray control characters (NUL, BEL, escape sequences) in titles and
//! descriptions. XML 1.0 forbids most of them, so a single one would make a feed unreadable, and
//! HTML validators reject them. Validation cleans every text field with these functions, so the
//! targets never see them. Also here: escaping text for HTML where no template engine does it.

use std::borrow::Cow;

/// Whether `one_line(text).trim()` is empty: nothing but whitespace, line breaks, control
/// characters and non-characters. Stops at the first other character, without cleaning the text.
pub fn is_blank(text: &str) -> bool {
    // Every line break is a control character or whitespace.
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_dropped(c))
}

/// One line of text: each run of line breaks becomes one space, tabs become spaces, and other
/// control characters and non-characters are dropped.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if plain_ascii(text, false)
        || !text
            .chars()
            .any(|c| c.is_control() || is_dropped(c) || is_line_break(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        if is_line_break(c) {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
            continue;
        }
        if c == '\t' {
            out.push(' ');
        } else if !c.is_control() && !is_dropped(c) {
            out.push(c);
        } else {
            // A dropped character between two line breaks does not part them.
            continue;
        }
        in_break = false;
    }
    Cow::Owned(out)
}

/// A block of text (a markdown description): tabs and line breaks stay, every other control
/// character and non-character is dropped.
pub fn block(text: &str) -> Cow<'_, str> {
    let keep = |c: char| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || is_dropped(c));
    if plain_ascii(text, true) || text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| keep(c)).collect())
}

/// Whether `text` is printable ASCII only (with tabs and line feeds and carriage returns when
/// `breaks`): nothing to drop or fold. Most text is, and bytes are quicker to check than chars.
fn plain_ascii(text: &str, breaks: bool) -> bool {
    text.bytes()
        .all(|b| (b' '..0x7f).contains(&b) || (breaks && matches!(b, b'\t' | b'\n' | b'\r')))
}

/// Escapes text for HTML or XML character data and quoted attribute values: `&`, `<`, `>`,
/// `"` and `'`.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML element content: `&`, `<` and `>`.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// True for characters that end a line in markdown or in Unicode text.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Non-characters XML 1.0 does not allow (U+FFFE, U+FFFF).
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_what_cleaning_leaves_empty() {
        let texts = [
            "",
            " ",
            "\t\r\n\u{0B}\u{0C}\u{85}\u{2028}\u{2029}",
            "\u{0}\u{1b}\u{7f}\u{9f}\u{FFFE}\u{FFFF}\u{a0}\u{3000}",
            "x",
            " \u{0} a ",
            "\u{200b}",
            "«»",
            "\u{FFFD}",
        ];
        for text in texts {
            assert_eq!(is_blank(text), one_line(text).trim().is_empty(), "{text:?}");
        }
        assert!(is_blank(" \u{0}\n\u{2028}"));
        assert!(!is_blank(" \u{0} a "));
    }

    #[test]
    fn one_line_folds_breaks_and_drops_controls() {
        assert_eq!(one_line("Dev\r\n\nOps\tteam"), "Dev Ops team");
        assert_eq!(
            one_line("A\u{0}B\u{7}C\u{1b}[31mD\u{9f}E\u{FFFE}"),
            "ABC[31mDE"
        );
        assert_eq!(one_line("a\u{2028}b"), "a b");
        assert!(matches!(one_line("Plain «text» 🚀"), Cow::Borrowed(_)));
    }

    #[test]
    fn block_keeps_lines_and_drops_controls() {
        assert_eq!(
            block("# A\n\n\tcode\r\nx\u{0}y\u{8}z\u{FFFF}"),
            "# A\n\n\tcode\r\nxyz"
        );
        assert!(matches!(block("a\nb"), Cow::Borrowed(_)));
    }
}
