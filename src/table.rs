//! Reading and writing the cells of GitHub-flavoured-markdown (GFM) table rows.
//!
//! jobsmith writes its job list as a GFM table (`| **[Company](url)** | **[Title](url)** |
//! Location | Type | Date |`) and can import such tables back. The rules here are chosen so
//! that a README written by jobsmith reproduces the rows of real published boards byte for byte,
//! while any text, however hostile, still renders literally as one cell of one row.
//!
//! What the real boards do, and so what [`escape_cell`] does:
//!
//! * `|`, `[` and `]` are always escaped (`\|`, `\[`, `\]`); so are `<`, `>` and `~`, which the
//!   boards never contain (raw HTML, autolinks, strikethrough).
//! * `\` is escaped only where it would escape something: before ASCII punctuation or at the
//!   end. `MEAN\MERN` stays as it is, as on the boards.
//! * `&` is escaped only where it starts something that looks like an entity (`&amp;`, `&#35;`).
//! * `*`, `_`, `` ` `` and `$` are left raw unless the text holds a pair that GFM could read as
//!   emphasis, a code span or math. Real titles hold lone ones (`Developer_ Full stack`,
//!   `CU*Answers`, ``Müller`s``, `$20-$26`) and GitHub shows those literally, so they stay raw.
//! * `#`, `+`, `-`, `1.` and other block starts need nothing: a table cell holds inline content
//!   only, so no block syntax can start inside it. `!` needs nothing either, as `[` is escaped.
//! * `www.` and `scheme://` become `www\.` and `scheme\://`: GFM's extended autolinks take their
//!   text from the raw line, where any backslash escape would show, so none may start. The text
//!   then shows literally (not as a link). Real boards hold no such text.
//! * Line breaks (CR, LF, CRLF and the Unicode ones) fold into one space, tabs become spaces and
//!   other control characters are dropped, so a row stays on one line.
//!
//! Pipes follow GitHub's parser (cmark-gfm): a `|` preceded by a backslash never ends a cell, and
//! the table layer drops every backslash that stands right before a pipe before the cell's inline
//! content is parsed. [`split_row`] and [`unescape_cell`] do the same.

use std::fmt::Write as _;

use crate::text::is_line_break;

/// Escapes text for one GFM table cell so GitHub renders it literally, as one cell on one row.
///
/// The result is safe as a whole plain cell and as the text of a `[text](url)` link. Escapes are
/// kept to what GFM needs, so that the strings of real boards come out as they were published.
#[must_use]
pub fn escape_cell(text: &str) -> String {
    escape_text(text, false)
}

/// The reverse of [`escape_cell`] for the escapes real boards use (`\|`, `\[`, `\]`, `\*`,
/// `\_`, `\\`, `` \` ``, `\<`, `\>`, `\#`, ...): every backslash before ASCII punctuation is
/// dropped. A backslash before anything else is literal text and stays. HTML entities are left
/// as they are, since [`escape_cell`] never writes any.
///
/// Like GitHub, a backslash right before a pipe is dropped first, so `\\|` reads as `|`.
#[must_use]
pub fn unescape_cell(cell: &str) -> String {
    let piped = cell.replace("\\|", "|");
    let mut out = String::with_capacity(piped.len());
    let mut chars = piped.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Splits a table row `| a | b \| c | d |` into its trimmed raw cells (`["a", "b \| c", "d"]`),
/// honouring escaped pipes (and pipes inside backtick code spans the way GFM does: GFM splits on
/// them unless escaped). None when the line is not a table row.
///
/// A row here starts with `|` (after leading whitespace), as every row jobsmith writes or reads
/// does; the closing `|` is optional. As in GFM, a pipe right after a backslash never splits.
#[must_use]
pub fn split_row(line: &str) -> Option<Vec<&str>> {
    let body = line.trim_ascii().strip_prefix('|')?;
    if body.is_empty() {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut previous = 0u8;
    for (i, byte) in body.bytes().enumerate() {
        if byte == b'|' && previous != b'\\' {
            cells.push(body[start..i].trim_ascii());
            start = i + 1;
        }
        previous = byte;
    }
    if start < body.len() {
        cells.push(body[start..].trim_ascii());
    }
    Some(cells)
}

/// Reads a `**[text](url)**`, `**[text]()**`, `**text**`, `[text](url)` or plain cell:
/// (unescaped text, url when non-empty).
///
/// None when the cell is a broken bold link, as left by a row that an unescaped pipe split
/// (`**[Senior Developer ` or `Oracle Health](https://...)**`).
#[must_use]
pub fn parse_link_cell(cell: &str) -> Option<(String, Option<String>)> {
    let cell = cell.trim_ascii();
    if let Some(inner) = strip_bold(cell) {
        let parsed = split_link(inner).map_or_else(|| plain(inner), link_parts);
        return Some(parsed);
    }
    if cell.starts_with("**[") || cell.ends_with(")**") {
        return None;
    }
    Some(split_link(cell).map_or_else(|| plain(cell), link_parts))
}

/// Writes a bold link cell `**[text](url)**`, or `**text**` when there is no url; the text
/// escaped, the url made safe for a markdown link destination (percent-encode spaces, `(`, `)`,
/// `<`, `>` and control characters and line breaks so it cannot end the link early; leave
/// everything else byte-for-byte).
///
/// `Some("")` writes the empty link `**[text]()**` that real boards use for a company without a
/// website. Beyond the characters above, `|`, `\` and `` ` `` are percent-encoded too (they
/// would split the cell, escape the closing parenthesis or open a code span), `$` gets a
/// backslash (GFM drops it again from the address) and an `&` that would start an entity is
/// written `&amp;` (GFM decodes entities in addresses even after a backslash).
#[must_use]
pub fn link_cell(text: &str, url: Option<&str>) -> String {
    match url {
        Some(url) => format!("**[{}]({})**", escape_cell(text), safe_url(url)),
        None => bold_text(text),
    }
}

/// Writes `**text**` with every `*` escaped, so none can pair with the bold markers. Empty
/// text gives an empty cell, since `****` would show as four asterisks.
fn bold_text(text: &str) -> String {
    let normal = normalise(text);
    let trimmed = normal.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    format!("**{}**", escape_text(trimmed, true))
}

/// Returns the content of `**content**`, if the cell has that shape.
fn strip_bold(cell: &str) -> Option<&str> {
    if cell.len() < 4 {
        return None;
    }
    cell.strip_prefix("**")?.strip_suffix("**")
}

/// Splits `[text](url)` into its raw text and raw destination; None for any other shape.
fn split_link(cell: &str) -> Option<(&str, &str)> {
    if !cell.starts_with('[') {
        return None;
    }
    let close = closing_bracket(cell)?;
    let destination = cell[close + 1..].strip_prefix('(')?.strip_suffix(')')?;
    Some((&cell[1..close], destination))
}

/// Finds the `]` that closes the `[` at the start of `text`, skipping escaped characters and
/// balanced inner brackets as CommonMark link text allows.
fn closing_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, byte) in text.bytes().enumerate().skip(1) {
        match byte {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'[' => depth += 1,
            b']' if depth == 0 => return Some(i),
            b']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Unescapes a link's raw text and destination; an empty destination means no url. In the
/// destination `&amp;` is read as `&`, as GFM does and as [`safe_url`] writes it.
fn link_parts((text, destination): (&str, &str)) -> (String, Option<String>) {
    let destination = destination.trim_ascii();
    let destination = destination
        .strip_prefix('<')
        .and_then(|inner| inner.strip_suffix('>'))
        .unwrap_or(destination);
    let url = (!destination.is_empty()).then(|| unescape_cell(destination).replace("&amp;", "&"));
    (unescape_cell(text), url)
}

/// A cell without a link: its unescaped text and no url.
fn plain(cell: &str) -> (String, Option<String>) {
    (unescape_cell(cell), None)
}

/// Makes a url safe as an inline link destination; see [`link_cell`].
fn safe_url(url: &str) -> String {
    let chars: Vec<char> = url.chars().collect();
    let mut out = String::with_capacity(url.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '|' | '\\' | '`' => percent_encode(c, &mut out),
            c if c.is_control() || is_line_break(c) => percent_encode(c, &mut out),
            '$' => out.push_str("\\$"),
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Appends the `%XX` form of each UTF-8 byte of `c`.
fn percent_encode(c: char, out: &mut String) {
    let mut buffer = [0u8; 4];
    for byte in c.encode_utf8(&mut buffer).bytes() {
        // Writing to a String cannot fail.
        let _ = write!(out, "%{byte:02X}");
    }
}

/// Escapes normalised text; `every_asterisk` escapes all `*` (for text between bold markers).
fn escape_text(text: &str, every_asterisk: bool) -> String {
    let chars: Vec<char> = normalise(text).chars().collect();
    let marks = escape_marks(&chars, every_asterisk);
    let mut out = String::with_capacity(chars.len() + 8);
    for (&c, escape) in chars.iter().zip(marks) {
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text on one line, as [`crate::text::one_line`] makes it.
fn normalise(text: &str) -> String {
    crate::text::one_line(text).into_owned()
}

/// Decides, for each character, whether it needs a backslash in front.
fn escape_marks(chars: &[char], every_asterisk: bool) -> Vec<bool> {
    let mut marks: Vec<bool> = (0..chars.len())
        .map(|i| needs_escape_alone(chars, i))
        .collect();
    if every_asterisk {
        mark_runs(&runs(chars, '*'), &mut marks);
    } else {
        mark_emphasis(chars, '*', &mut marks);
    }
    mark_emphasis(chars, '_', &mut marks);
    mark_code_spans(chars, &mut marks);
    mark_math(chars, &mut marks);
    marks
}

/// Characters that need a backslash whatever the rest of the text holds.
fn needs_escape_alone(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '|' | '[' | ']' | '<' | '>' | '~' => true,
        '\\' => chars.get(i + 1).is_none_or(char::is_ascii_punctuation),
        '&' => starts_entity(&chars[i + 1..]),
        '.' => starts_www_link(chars, i),
        ':' => starts_scheme_link(chars, i),
        _ => false,
    }
}

/// True for the `.` of `www.`: GFM would start an autolink there, and an autolink takes its
/// text from the raw line, so backslash escapes inside it would show. `www\.` starts none.
fn starts_www_link(chars: &[char], dot: usize) -> bool {
    dot >= 3
        && chars[dot - 3..dot]
            .iter()
            .all(|c| c.eq_ignore_ascii_case(&'w'))
}

/// True for the `:` of `scheme://`, for the same reason as [`starts_www_link`].
fn starts_scheme_link(chars: &[char], colon: usize) -> bool {
    let letter_before = colon > 0 && chars[colon - 1].is_ascii_alphabetic();
    letter_before && chars[colon + 1..].starts_with(&['/', '/'])
}

/// True when the text after a `&` reads as an entity or a numeric character reference.
fn starts_entity(rest: &[char]) -> bool {
    let Some(end) = rest.iter().take(40).position(|&c| c == ';') else {
        return false;
    };
    match &rest[..end] {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(char::is_ascii_hexdigit),
        ['#', digits @ ..] => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
        [first, name @ ..] => {
            first.is_ascii_alphabetic() && name.iter().all(char::is_ascii_alphanumeric)
        }
        [] => false,
    }
}

/// The maximal runs of `ch` in `chars`, as (start, end) index pairs.
fn runs(chars: &[char], ch: char) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ch {
            let start = i;
            while i < chars.len() && chars[i] == ch {
                i += 1;
            }
            found.push((start, i));
        } else {
            i += 1;
        }
    }
    found
}

/// Marks every character of the given runs for escaping.
fn mark_runs(runs: &[(usize, usize)], marks: &mut [bool]) {
    for &(start, end) in runs {
        marks[start..end].fill(true);
    }
}

/// Marks the `*` or `_` runs that could open or close emphasis with a partner in the text.
///
/// A run that can open is escaped when a later run can close, and the other way round. Runs
/// with no possible partner stay raw: GFM shows them literally.
fn mark_emphasis(chars: &[char], ch: char, marks: &mut [bool]) {
    let runs = runs(chars, ch);
    let sides: Vec<(bool, bool)> = runs
        .iter()
        .map(|&run| delimiter_sides(chars, run, ch))
        .collect();
    let mut paired = vec![false; runs.len()];
    let mut opener_before = false;
    for (i, &(opens, closes)) in sides.iter().enumerate() {
        paired[i] |= closes && opener_before;
        opener_before |= opens;
    }
    let mut closer_after = false;
    for (i, &(opens, closes)) in sides.iter().enumerate().rev() {
        paired[i] |= opens && closer_after;
        closer_after |= closes;
    }
    let chosen: Vec<(usize, usize)> = runs
        .into_iter()
        .zip(paired)
        .filter_map(|(run, pair)| pair.then_some(run))
        .collect();
    mark_runs(&chosen, marks);
}

/// How GFM may classify a neighbouring character when deciding on emphasis.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Whitespace, or the start or end of the line.
    Space,
    /// Punctuation.
    Punct,
    /// Anything else (letters, digits).
    Other,
}

/// The classes a neighbour may have. The text's edge may touch the line's edge, a `[`, a `]`
/// or `**`; a non-ASCII symbol may count as whitespace, punctuation or neither depending on
/// the parser's Unicode tables, so all are assumed.
fn classes(c: Option<char>) -> &'static [Class] {
    match c {
        None => &[Class::Space, Class::Punct],
        Some(c) if c.is_ascii_whitespace() => &[Class::Space],
        Some(c) if c.is_ascii_punctuation() => &[Class::Punct],
        Some(c) if c.is_ascii() || c.is_alphanumeric() => &[Class::Other],
        Some(_) => &[Class::Space, Class::Punct, Class::Other],
    }
}

/// Whether a run of `ch` may open and whether it may close emphasis, under any reading of its
/// neighbours (CommonMark's left- and right-flanking rules).
fn delimiter_sides(chars: &[char], (start, end): (usize, usize), ch: char) -> (bool, bool) {
    let before = start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(end).copied();
    let mut sides = (false, false);
    for &prev in classes(before) {
        for &next in classes(after) {
            let (opens, closes) = flanking_sides(ch, prev, next);
            sides.0 |= opens;
            sides.1 |= closes;
        }
    }
    sides
}

/// CommonMark's opening and closing rules for one delimiter run between `prev` and `next`.
fn flanking_sides(ch: char, prev: Class, next: Class) -> (bool, bool) {
    let left = next != Class::Space && (next != Class::Punct || prev != Class::Other);
    let right = prev != Class::Space && (prev != Class::Punct || next != Class::Other);
    if ch == '*' {
        (left, right)
    } else {
        let opens = left && (!right || prev == Class::Punct);
        let closes = right && (!left || next == Class::Punct);
        (opens, closes)
    }
}

/// Escapes every backtick when two backtick runs have the same length (a code span).
fn mark_code_spans(chars: &[char], marks: &mut [bool]) {
    let runs = runs(chars, '`');
    let mut lengths: Vec<usize> = runs.iter().map(|(start, end)| end - start).collect();
    lengths.sort_unstable();
    if lengths.windows(2).any(|pair| pair[0] == pair[1]) {
        mark_runs(&runs, marks);
    }
}

/// Escapes every `$` when a run could open math and a later one could close it.
///
/// Single dollars follow the usual rule (no space after the opener, no space before the closer,
/// no digit after it), so prices such as `$20-$26` or `$15 - $17` stay raw; `$$` runs are
/// taken to pair with anything.
fn mark_math(chars: &[char], marks: &mut [bool]) {
    let runs = runs(chars, '$');
    let mut opener_before = false;
    let mut paired = false;
    for &(start, end) in &runs {
        let double = end - start > 1;
        let before = start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(end).copied();
        let space_before = before.is_some_and(|c| c.is_ascii_whitespace());
        let digit_after = after.is_some_and(|c| c.is_ascii_digit());
        if opener_before && (double || (!space_before && !digit_after)) {
            paired = true;
            break;
        }
        opener_before |= double || !after.is_some_and(|c| c.is_ascii_whitespace());
    }
    if paired {
        mark_runs(&runs, marks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as published on real boards (from the reference READMEs).
    const REAL_ROWS: [&str; 5] = [
        "| **[Oracle](https://www.oracle.com/)** | **[Remote Senior Backend Developer \\| New Gen AI Product Development Oracle Health](https://jobr.pro/job/30765859/remote-senior-backend-developer-new-gen-ai-product-development-oracle-health?utm_source=github&utm_medium=repo&utm_campaign=github-backend-jobs)** | United States | Remote | Oct 22 |",
        "| **[Sartorius](https://www.sartorius.com/)** | **[Backend Developer – Java (x\\|f\\|m) - Hybrid](https://jobr.pro/job/30490183/backend-developer-java-xfm-hybrid?utm_source=github&utm_medium=repo&utm_campaign=github-backend-jobs)** | Madrid, Spain | On Site | Oct 17 |",
        "| **[SHARC Hire](http://sharchire.com)** | **[Full Stack Developer](https://jobr.pro/job/41494098/full-stack-developer?utm_source=github&utm_medium=repo&utm_campaign=github-fullstack-jobs)** | Coimbatore, \\[no name\\], India | On Site | Jun 30 |",
        "| **[Data Systems Analysts, Inc.]()** | **[Software Engineer / Developer (DevSecOps / Full Stack)](https://jobr.pro/job/41515886/software-engineer-developer-devsecops-full-stack?utm_source=github&utm_medium=repo&utm_campaign=github-fullstack-jobs)** | Charlottesville, VA | On Site | Jun 30 |",
        "| **[Deutsche Telekom IT Solutions](https://www.deutschetelekomitsolutions.hu)** | **[Senior Full Stack Developer - AI & Digital HR Solutions](https://jobr.pro/job/41493190/senior-full-stack-developer-ai-digital-hr-solutions?utm_source=github&utm_medium=repo&utm_campaign=github-fullstack-jobs)** | Budapest, Szeged, Pécs, Debrecen, , Hungary | Remote | Jun 30 |",
    ];

    /// Cell strings from real boards that must come back byte for byte.
    const REAL_CELLS: [&str; 16] = [
        "Senior Full-Stack Developer (MEAN\\MERN) @MMCTech",
        "Mid Full-Stack Developer (Angular & C#)",
        "## SYSTEM TEST: Enterprise Senior ! @ # $ % ^ & * ( ) Principal Lead",
        "IN_Senior Associate_Full Stack Developer _Data & Analytics _Advisory _PAN India",
        "Senior Java Developer_ Full stack Java",
        "*Senior Windows Software Engineer- Windows",
        "Java Full Stack Developer * Tech Lead*",
        "CU*Answers",
        "Müller`s Solutions",
        "Pizza Delivery Driver - up to $20-$26 / hour (05468) Part/Full-time",
        "Full Time Restaurant Line Cook $15 - $17.00 Hourly",
        "\\xc3\\x8ele-de-France",
        "ARB Interactive \\| Social+ Gaming & Sweepstakes Entertainment",
        "110380-IND-BENGALURU-INTL BLR Twr-1&2 CARNATION, India",
        "Rempte, PH-%LABEL POSITION TYPE REMOTE ANY%",
        "Accelerate \u{200e}Your Digital Transformation \\| Truelogic Software",
    ];

    /// Rebuilds a five-cell job row from its parsed cells.
    fn rebuild(line: &str) -> Option<String> {
        let cells = split_row(line)?;
        let (company, company_url) = parse_link_cell(cells[0])?;
        let (title, url) = parse_link_cell(cells[1])?;
        let rest: Vec<String> = cells[2..]
            .iter()
            .map(|cell| escape_cell(&unescape_cell(cell)))
            .collect();
        let company = link_cell(&company, Some(company_url.as_deref().unwrap_or("")));
        let title = link_cell(&title, url.as_deref());
        Some(format!("| {company} | {title} | {} |", rest.join(" | ")))
    }

    #[test]
    fn real_rows_rebuild_byte_for_byte() {
        for row in REAL_ROWS {
            assert_eq!(rebuild(row).as_deref(), Some(row));
        }
    }

    #[test]
    fn real_cells_round_trip() {
        for cell in REAL_CELLS {
            assert_eq!(escape_cell(&unescape_cell(cell)), cell, "{cell}");
        }
    }

    #[test]
    fn escapes_pipes_and_brackets_always() {
        assert_eq!(escape_cell("a | b"), "a \\| b");
        assert_eq!(escape_cell("[8SH] dev"), "\\[8SH\\] dev");
        assert_eq!(escape_cell("<script>"), "\\<script\\>");
        assert_eq!(escape_cell("~gone~"), "\\~gone\\~");
        assert_eq!(escape_cell("![img](x)"), "!\\[img\\](x)");
        assert_eq!(escape_cell("www.x.io/*a*"), "www\\.x.io/\\*a\\*");
        assert_eq!(escape_cell("see https://x.io"), "see https\\://x.io");
        assert_eq!(escape_cell("SVK:01: a.b www"), "SVK:01: a.b www");
    }

    #[test]
    fn escapes_backslash_only_where_it_would_escape() {
        assert_eq!(escape_cell("a\\b"), "a\\b");
        assert_eq!(escape_cell("a\\"), "a\\\\");
        assert_eq!(escape_cell("a\\*"), "a\\\\*");
        assert_eq!(escape_cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(unescape_cell("a\\\\\\|b"), "a\\|b");
    }

    #[test]
    fn escapes_emphasis_only_when_paired() {
        assert_eq!(escape_cell("React) *Global*"), "React) \\*Global\\*");
        assert_eq!(escape_cell("_a_"), "\\_a\\_");
        assert_eq!(escape_cell("__init__"), "\\_\\_init\\_\\_");
        assert_eq!(escape_cell("snake_case_name"), "snake_case_name");
        assert_eq!(escape_cell("Sunnyside*"), "Sunnyside*");
        assert_eq!(escape_cell("a ** b"), "a ** b");
        assert_eq!(escape_cell("**bold**"), "\\*\\*bold\\*\\*");
    }

    #[test]
    fn escapes_code_spans_math_and_entities_only_when_they_form() {
        assert_eq!(escape_cell("`code`"), "\\`code\\`");
        assert_eq!(escape_cell("``a` b"), "``a` b");
        assert_eq!(escape_cell("$x$"), "\\$x\\$");
        assert_eq!(escape_cell("$$ x $$"), "\\$\\$ x \\$\\$");
        assert_eq!(escape_cell("$206K – $223K"), "$206K – $223K");
        assert_eq!(escape_cell("AT&amp;T"), "AT\\&amp;T");
        assert_eq!(escape_cell("&#35; &#x41;"), "\\&#35; \\&#x41;");
        assert_eq!(escape_cell("R&D, EU&R &c Twr-1&2"), "R&D, EU&R &c Twr-1&2");
        // Any `&name;` counts, known to HTML or not.
        assert_eq!(escape_cell("R&D;"), "R\\&D;");
    }

    #[test]
    fn folds_line_breaks_and_drops_controls() {
        assert_eq!(escape_cell("a\r\nb\n\nc\rd"), "a b c d");
        assert_eq!(escape_cell("a\u{2028}b\tc\u{0}d\u{7f}"), "a b cd");
        assert_eq!(escape_cell("a\n\u{1}\nb"), "a b");
    }

    #[test]
    fn leaves_block_starts_alone() {
        for text in ["# Heading", "- item", "+ item", "1. item", "=== x", "---"] {
            assert_eq!(escape_cell(text), text);
        }
        assert_eq!(escape_cell("> quote"), "\\> quote");
    }

    #[test]
    fn unescape_follows_github() {
        assert_eq!(unescape_cell("\\[no name\\]"), "[no name]");
        assert_eq!(unescape_cell("a\\\\|b"), "a|b");
        assert_eq!(unescape_cell("\\*\\_\\`\\<\\>\\#\\\\"), "*_`<>#\\");
        assert_eq!(unescape_cell("MEAN\\MERN \\é"), "MEAN\\MERN \\é");
        assert_eq!(unescape_cell("&amp;"), "&amp;");
    }

    #[test]
    fn splits_rows() {
        assert_eq!(
            split_row("| a | b \\| c | d |"),
            Some(vec!["a", "b \\| c", "d"])
        );
        assert_eq!(split_row("  |a|b  "), Some(vec!["a", "b"]));
        assert_eq!(split_row("| a \\\\| b |"), Some(vec!["a \\\\| b"]));
        assert_eq!(split_row("| `a|b` |"), Some(vec!["`a", "b`"]));
        assert_eq!(split_row("| | x |"), Some(vec!["", "x"]));
        assert_eq!(split_row("||"), Some(vec![""]));
        assert_eq!(
            split_row("| ------- | ---- |\r\n"),
            Some(vec!["-------", "----"])
        );
        assert_eq!(split_row("**Stats:** 50 jobs | 34% remote"), None);
        assert_eq!(split_row("|"), None);
        assert_eq!(split_row(""), None);
    }

    #[test]
    fn parses_link_cells() {
        let some = |text: &str, url: Option<&str>| Some((text.to_owned(), url.map(str::to_owned)));
        assert_eq!(
            parse_link_cell("**[A \\| B](https://x.y/)**"),
            some("A | B", Some("https://x.y/"))
        );
        assert_eq!(
            parse_link_cell("**[Data Systems, Inc.]()**"),
            some("Data Systems, Inc.", None)
        );
        assert_eq!(parse_link_cell("**Acme \\*Co**"), some("Acme *Co", None));
        assert_eq!(parse_link_cell("[a](<b c>)"), some("a", Some("b c")));
        assert_eq!(
            parse_link_cell("**[[8SH] Dev](u)**"),
            some("[8SH] Dev", Some("u"))
        );
        assert_eq!(
            parse_link_cell("**[a](https://x.y/a_(b))**"),
            some("a", Some("https://x.y/a_(b)"))
        );
        assert_eq!(
            parse_link_cell("Coimbatore, \\[no name\\]"),
            some("Coimbatore, [no name]", None)
        );
        assert_eq!(
            parse_link_cell("[not a link] here"),
            some("[not a link] here", None)
        );
        assert_eq!(parse_link_cell(""), some("", None));
        assert_eq!(parse_link_cell("**[Remote Senior Developer"), None);
        assert_eq!(
            parse_link_cell("New Gen AI](https://jobr.pro/job/1)**"),
            None
        );
    }

    #[test]
    fn writes_link_cells() {
        assert_eq!(
            link_cell("A|B", Some("https://a.b/")),
            "**[A\\|B](https://a.b/)**"
        );
        assert_eq!(
            link_cell("Data Systems, Inc.", Some("")),
            "**[Data Systems, Inc.]()**"
        );
        assert_eq!(link_cell(" Acme*Co ", None), "**Acme\\*Co**");
        assert_eq!(link_cell("\n", None), "");
        assert_eq!(
            link_cell("x", Some("https://a.b/a b(c)<d>|e\\f`g\u{7}h\u{2028}")),
            "**[x](https://a.b/a%20b%28c%29%3Cd%3E%7Ce%5Cf%60g%07h%E2%80%A8)**"
        );
        assert_eq!(
            link_cell("x", Some("https://a.b/?q=$1&amp;r=&t")),
            "**[x](https://a.b/?q=\\$1&amp;amp;r=&t)**"
        );
        assert_eq!(
            parse_link_cell(&link_cell("x", Some("https://a.b/?q=$1&amp;r=&t"))),
            Some((
                "x".to_owned(),
                Some("https://a.b/?q=$1&amp;r=&t".to_owned())
            ))
        );
    }

    /// A small deterministic pseudo-random generator (xorshift64*).
    struct Generator(u64);

    impl Generator {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % n as u64).unwrap_or(0)
        }

        /// A string built from pieces that are hard to escape.
        fn string(&mut self) -> String {
            const PIECES: [&str; 42] = [
                "|",
                "\\",
                "[",
                "]",
                "*",
                "**",
                "_",
                "__",
                "`",
                "``",
                "<",
                ">",
                "&",
                "&amp;",
                "&#35;",
                "#",
                ";",
                "~",
                "$",
                "!",
                "(",
                ")",
                "-",
                "+",
                "1.",
                " ",
                "  ",
                "\n",
                "\r\n",
                "\t",
                "\u{0}",
                "\u{7f}",
                "a",
                "Z",
                "9",
                "é",
                "🎉",
                "\u{200f}",
                "שלום",
                "\u{a0}",
                "www.x.io",
                "http://a.b/",
            ];
            let length = self.below(24);
            (0..length)
                .map(|_| PIECES[self.below(PIECES.len())])
                .collect()
        }
    }

    #[test]
    fn generated_strings_round_trip() {
        let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
        for _ in 0..600 {
            let text = generator.string();
            let escaped = escape_cell(&text);
            assert_eq!(unescape_cell(&escaped), normalise(&text), "{text:?}");
            assert_eq!(escape_cell(&unescape_cell(&escaped)), escaped, "{text:?}");
            assert!(!escaped.contains(['\n', '\r']), "{escaped:?}");
            let row = format!("| {escaped} | {escaped} | {escaped} | x | {escaped} |");
            let cells = split_row(&row).unwrap_or_default();
            assert_eq!(cells.len(), 5, "{row:?}");
            assert_eq!(unescape_cell(cells[0]), normalise(&text).trim_ascii());
        }
    }

    #[test]
    fn generated_link_cells_round_trip() {
        let mut generator = Generator(0x1234_5678_9abc_def1);
        for _ in 0..300 {
            let text = generator.string();
            let cell = link_cell(&text, Some("https://x.io/?a=1&b=2"));
            let parsed = parse_link_cell(&cell);
            let expected = (normalise(&text), Some("https://x.io/?a=1&b=2".to_owned()));
            assert_eq!(parsed, Some(expected), "{cell:?}");
            let bold = link_cell(&text, None);
            let text_back = parse_link_cell(&bold).map(|(text, _)| text);
            assert_eq!(
                text_back.as_deref(),
                Some(normalise(&text).trim()),
                "{bold:?}"
            );
        }
    }
}
