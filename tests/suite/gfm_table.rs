//! Renders job rows built with `jobsmith::table` through a GFM parser (comrak with GitHub's
//! extensions and dollar math on) and checks that a hostile list of strings comes out as one
//! table of a header and one row per string, every row with exactly five cells, and every cell
//! showing exactly the text it was given: no emphasis, code, HTML, math or strikethrough.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use jobsmith::internals::table::{
    escape_cell, link_cell, parse_link_cell, split_row, unescape_cell,
};

/// The header and delimiter rows of a job table, as the real boards write them.
const HEADER: &str = "| Company | Position | Location | Type | Date |\n\
                          | ------- | -------- | -------- | ---- | ------ |\n";

/// Strings that try to break a cell, a row or the literal rendering of a cell.
fn hostile_strings() -> Vec<String> {
    let fixed = [
        "a | b",
        "a \\| b",
        "|",
        "||",
        "\\|",
        "\\\\|",
        "[x](y)",
        "![img](http://x.io/y.png)",
        "[^1]",
        "[ ] task",
        "[x] done",
        "[",
        "]",
        "][",
        "`code`",
        "``",
        "` a | b `",
        "a`b",
        "``a` b",
        "<script>alert(1)</script>",
        "<b>bold</b>",
        "<!-- c -->",
        "<http://x.io>",
        "<a@b.io>",
        "line\nbreak",
        "crlf\r\nbreak",
        "cr\rbreak",
        "\n\nleading",
        "trailing\n",
        "back\\slash",
        "trailing backslash\\",
        "\\",
        "\\\\",
        "a\\*b*",
        "*a\\*",
        "[a\\]",
        "**bold**",
        "__bold__",
        "*em*",
        "_em_",
        "***",
        "___",
        "** not bold **",
        "a**b**c",
        "snake_case_name",
        "__init__",
        "*Global*",
        "Sunnyside*",
        "CU*Answers",
        "#",
        "# heading",
        "## SYSTEM TEST: Enterprise Senior ! @ # $ % ^ & * ( ) Principal",
        "- item",
        "+ item",
        "* item",
        "> quote",
        ">",
        "1. item",
        "1) item",
        "---",
        "===",
        "~~strike~~",
        "~single~",
        "&amp;",
        "&lt;b&gt;",
        "&#35;",
        "&#x41;",
        "AT&T",
        "R&D;",
        "$x$",
        "$$x$$",
        "$ 5 and $6",
        "$20-$26",
        "price $5 or $6",
        "$`x`$",
        "www.example.com",
        "http://example.com/a|b",
        "https://x.io/?q=*a*_b_",
        "user@example.com",
        ":smile:",
        "@mention #123",
        "emoji 🎉🚀👩\u{200d}💻",
        "RTL שלום עולם مرحبا",
        "\u{202e}override",
        "zero\u{200b}width",
        "nbsp\u{a0}",
        "\u{a0}",
        "tab\there",
        "nul\u{0}char",
        "del\u{7f}",
        "c1\u{85}next",
        "ls\u{2028}ps\u{2029}end",
        "\u{feff}bom",
        "   ",
        "",
        "Müller`s Solutions",
        "(m/f/d)",
        "C# / F#",
        "x|f|m",
        "MEAN\\MERN",
        "Coimbatore, [no name], India",
    ];
    let mut strings: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
    strings.push("Full Stack | Developer [x] *a* _b_ `c` <d> &amp; \\ ".repeat(200));
    strings.push("a".repeat(10_000));
    strings.push("*".repeat(1_000));
    strings.push("_a".repeat(500));
    strings.push("`".repeat(300));
    strings.push("|\\".repeat(500));
    strings
}

/// Deterministic pseudo-random strings (xorshift64*) built from pieces that are hard to escape.
fn generated_strings(count: usize) -> Vec<String> {
    const PIECES: [&str; 46] = [
        "|", "\\", "[", "]", "*", "**", "_", "__", "`", "``", "<", ">", "&", "&amp;", "&#35;", "#",
        ";", "~", "~~", "$", "$$", "!", "(", ")", "-", "+", "1.", ":", "//", ".", " ", "\n",
        "\r\n", "\t", "\u{0}", "a", "Z", "9", "é", "🎉", "\u{200f}", "שלום", "\u{a0}", "www",
        "http", "@",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |below: usize| {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let value = state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33;
        usize::try_from(value).unwrap_or(0) % below
    };
    (0..count)
        .map(|_| {
            let length = next(20);
            (0..length).map(|_| PIECES[next(PIECES.len())]).collect()
        })
        .collect()
}

/// Urls that try to end a link early or leak into the cell.
fn hostile_urls() -> Vec<&'static str> {
    vec![
        "https://x.io/a b",
        "https://x.io/(a",
        "https://x.io/a)",
        "https://x.io/a|b",
        "https://x.io/a\\",
        "https://x.io/`a",
        "https://x.io/?a=1&amp;b=2&c",
        "https://x.io/$x$",
        "",
        "<https://x.io/>",
        "https://x.io/a\nb",
        "https://x.io/*a*_b_",
        "https://x.io/a]b[c",
        "https://x.io/a\u{2028}b\u{85}c",
    ]
}

/// One job row per hostile string: link, link, plain, bold without url, plain.
fn hostile_rows() -> Vec<String> {
    rows_for(&hostile_strings())
}

/// One job row per string: link, link, plain, bold without url, plain.
fn rows_for(strings: &[String]) -> Vec<String> {
    let urls = hostile_urls();
    strings
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let url = urls[i % urls.len()];
            let company = link_cell(text, Some(if i % 2 == 0 { "" } else { url }));
            let title = link_cell(text, Some(url));
            let plain = escape_cell(text);
            let bold = link_cell(text, None);
            format!("| {company} | {title} | {plain} | {bold} | {plain} |")
        })
        .collect()
}

/// What a cell should show: line breaks folded to one space, tabs as spaces, controls dropped.
fn normalised(text: &str) -> String {
    let mut out = String::new();
    let mut in_break = false;
    for c in text.chars() {
        let line_break = matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}')
            || matches!(c, '\u{2028}' | '\u{2029}');
        if line_break {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else if c == '\t' || !c.is_control() {
            out.push(if c == '\t' { ' ' } else { c });
            in_break = false;
        }
    }
    out
}

/// GitHub's extensions, plus dollar math, which GitHub also renders.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.math_dollars = true;
    options
}

/// The text a cell shows, with the url of its link if it is one (bold or not).
#[derive(Debug, PartialEq)]
struct Shown {
    text: String,
    url: Option<String>,
    bold: bool,
}

/// Appends the text of `node`'s children, refusing anything but text and autolinks.
fn collect_text<'a>(node: &'a AstNode<'a>, out: &mut String) -> Result<(), String> {
    for child in node.children() {
        let value = child.data().value.clone();
        match value {
            NodeValue::Text(text) => out.push_str(&text),
            NodeValue::Link(_) => collect_text(child, out)?,
            other => return Err(format!("unexpected {other:?}")),
        }
    }
    Ok(())
}

/// Reads a cell: plain text, `**text**`, or a link, possibly bold.
fn shown<'a>(cell: &'a AstNode<'a>) -> Result<Shown, String> {
    let children: Vec<_> = cell.children().collect();
    let mut node = cell;
    let mut bold = false;
    if let [only] = children.as_slice()
        && matches!(only.data().value, NodeValue::Strong)
    {
        node = only;
        bold = true;
    }
    let inner: Vec<_> = node.children().collect();
    if let [only] = inner.as_slice()
        && let NodeValue::Link(link) = &only.data().value
    {
        let mut text = String::new();
        collect_text(only, &mut text)?;
        let url = Some(link.url.clone());
        return Ok(Shown { text, url, bold });
    }
    let mut text = String::new();
    collect_text(node, &mut text)?;
    Ok(Shown {
        text,
        url: None,
        bold,
    })
}

/// Parses the markdown and returns, for each table row, what each of its cells shows.
fn table_cells(markdown: &str) -> Vec<Vec<Result<Shown, String>>> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let blocks: Vec<_> = root.children().collect();
    assert_eq!(blocks.len(), 1, "the document should be one table");
    assert!(matches!(blocks[0].data().value, NodeValue::Table(_)));
    blocks[0]
        .children()
        .map(|row| row.children().map(shown).collect())
        .collect()
}

/// The expected text of a plain cell: GFM trims the cell's edges.
fn plain_expected(text: &str) -> String {
    normalised(text).trim_ascii().to_owned()
}

#[test]
fn hostile_rows_render_as_five_literal_cells() {
    check_table(&hostile_strings());
}

#[test]
fn generated_rows_render_as_five_literal_cells() {
    check_table(&generated_strings(1_000));
}

/// Renders one table of a row per string and checks every row and cell.
fn check_table(strings: &[String]) {
    let rows = rows_for(strings);
    let markdown = format!("{HEADER}{}\n", rows.join("\n"));
    let table = table_cells(&markdown);
    assert_eq!(
        table.len(),
        strings.len() + 1,
        "header + one row per string"
    );
    for ((text, row), cells) in strings.iter().zip(&rows).zip(&table[1..]) {
        assert_eq!(cells.len(), 5, "row {row:?}");
        let raw = split_row(row).unwrap_or_default();
        assert_eq!(raw.len(), 5, "split_row of {row:?}");
        for (index, (cell, raw)) in cells.iter().zip(&raw).enumerate() {
            let shown = cell.as_ref().unwrap_or_else(|e| panic!("{e} in {row:?}"));
            check_cell(index, text, raw, shown);
        }
    }
}

/// Checks one rendered cell against the text that was written into it.
fn check_cell(index: usize, text: &str, raw: &str, shown: &Shown) {
    let context = format!("cell {index} of {text:?}: {raw:?} shows {shown:?}");
    match index {
        0 | 1 => {
            assert!(shown.bold && shown.url.is_some(), "{context}");
            assert_eq!(shown.text, normalised(text), "{context}");
            let parsed = parse_link_cell(raw).unwrap_or_else(|| panic!("{context}"));
            assert_eq!(parsed.0, shown.text, "{context}");
            assert_eq!(
                parsed.1.unwrap_or_default(),
                shown.url.clone().unwrap_or_default()
            );
        }
        3 => {
            let expected = normalised(text).trim().to_owned();
            assert_eq!(shown.text, expected, "{context}");
            assert!(shown.bold || expected.is_empty(), "{context}");
            let parsed = parse_link_cell(raw).map(|(text, _)| text);
            assert_eq!(parsed, Some(expected), "{context}");
        }
        _ => {
            assert!(!shown.bold, "{context}");
            assert_eq!(shown.text, plain_expected(text), "{context}");
            assert_eq!(unescape_cell(raw), shown.text, "{context}");
        }
    }
}

#[test]
fn each_hostile_row_renders_alone() {
    for row in hostile_rows() {
        let table = table_cells(&format!("{HEADER}{row}\n"));
        assert_eq!(table.len(), 2, "{row:?}");
        assert_eq!(table[1].len(), 5, "{row:?}");
    }
}

#[test]
fn escaped_link_urls_survive() {
    for url in hostile_urls() {
        let cell = link_cell("x", Some(url));
        let table = table_cells(&format!("{HEADER}| {cell} | b | c | d | e |\n"));
        let shown = table[1][0]
            .as_ref()
            .unwrap_or_else(|e| panic!("{e} in {cell:?}"));
        assert_eq!(shown.text, "x", "{cell:?}");
        assert!(shown.bold, "{cell:?}");
        let parsed = parse_link_cell(&cell).and_then(|(_, url)| url);
        assert_eq!(
            shown.url.clone().filter(|u| !u.is_empty()),
            parsed,
            "{cell:?}"
        );
    }
}
