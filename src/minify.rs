//! Minifying HTML pages, behind the default-on `minify` cargo feature.
//!
//! Configured never to change how a page renders: closing tags and the spaces between inline
//! elements are kept.
//!
//! A listing page is mostly job rows, and every row shows on several listings (the index, its
//! company, location, type and skills). So rows are minified once each (`fragment`), and a
//! listing page is rendered with a marker in place of each row (`marker`), minified without
//! them, and then given its rows back (`splice`): the minifier reads each row once instead of
//! once per page showing it. This is done only where it gives the bytes of minifying the page
//! whole (`fragments_fit`): the rows are the whole content of a layout element (a list, a
//! table, a section), where the minifier treats whitespace as it does at the top of a fragment.

/// Whether pages are minified: `enabled` in the configuration and the feature built in.
pub fn enabled(enabled: bool) -> bool {
    cfg!(feature = "minify") && enabled
}

/// Returns the page minified when `enabled` (and the feature is built in), else as it is.
#[cfg(feature = "minify")]
pub fn html(page: Vec<u8>, enabled: bool) -> Vec<u8> {
    if !enabled {
        return page;
    }
    minify_html::minify(&page, &cfg())
}

/// Without the `minify` feature, pages are written as rendered.
#[cfg(not(feature = "minify"))]
pub fn html(page: Vec<u8>, _enabled: bool) -> Vec<u8> {
    page
}

/// Returns a piece of HTML (a job row) minified on its own, when the feature is built in.
pub fn fragment(html: String) -> String {
    if !enabled(true) {
        return html;
    }
    // The minifier only takes out bytes of valid UTF-8, at character boundaries.
    String::from_utf8(self::html(html.into_bytes(), true))
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

#[cfg(feature = "minify")]
fn cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    // Keep the page valid HTML that reads the same without a parser's help.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_comments = false;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

/// Opens and closes a marker: characters of Unicode's private use area, which no text of a
/// job board means to show.
const OPEN: &str = "\u{E000}";
const CLOSE: &str = "\u{E001}";

/// The text that stands for fragment `index` of a page until `splice` puts the fragment there.
pub fn marker(index: usize) -> String {
    format!("{OPEN}{index}{CLOSE}")
}

/// Elements whose content the minifier trims and whose whitespace-only text it drops, as it
/// does at the top of a document: fragments minified on their own read the same in them.
const LAYOUT: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "body",
    "div",
    "dl",
    "footer",
    "header",
    "main",
    "nav",
    "ol",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements in which the minifier keeps whitespace (`pre`), or treats it otherwise (SVG,
/// MathML), or which hold text rather than HTML: no fragment is minified apart inside them.
const OUTSIDE: &[&str] = &[
    "pre", "svg", "math", "script", "style", "textarea", "title", "noscript", "xmp",
];

/// Whether `fragments`, minified on their own, read in `page` (not yet minified, holding their
/// markers) as they would if the page were minified with them in place: the markers stand side
/// by side, in order, with nothing but whitespace between them, as the whole content of a layout
/// element outside `<pre>`, SVG, MathML and elements whose text is not HTML (`<script>`,
/// `<textarea>`...), and each fragment starts with an element and ends with a tag (no loose
/// text at its edges, whose spaces the minifier would trim).
pub fn fragments_fit(page: &[u8], fragments: &[&str]) -> bool {
    let edges_are_tags = fragments.iter().all(|fragment| {
        let fragment = fragment.trim_ascii().as_bytes();
        fragment.len() > 2
            && fragment[0] == b'<'
            && fragment[1].is_ascii_alphabetic()
            && fragment.ends_with(b">")
    });
    if !edges_are_tags || fragments.is_empty() {
        return false;
    }
    let Some(start) = memchr::memmem::find(page, OPEN.as_bytes()) else {
        return false;
    };
    let mut rest = &page[start..];
    for index in 0..fragments.len() {
        let marker = marker(index);
        let Some(after) = rest.trim_ascii_start().strip_prefix(marker.as_bytes()) else {
            return false;
        };
        rest = after;
    }
    let before = page[..start].trim_ascii_end();
    let Some(inner) = before.strip_suffix(b">") else {
        return false;
    };
    let Some(open) = memchr::memrchr(b'<', inner) else {
        return false;
    };
    let tag = &inner[open + 1..];
    // A `>` outside quotes: the `<` found was not the start of the tag (a comment's, say).
    let mut quote = None;
    for &byte in tag {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if open == byte => quote = None,
            (None, b'>') => return false,
            _ => {}
        }
    }
    let name_end = tag
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    let close = format!("</{}>", String::from_utf8_lossy(&name));
    let closes = rest.trim_ascii_start().len() >= close.len()
        && rest.trim_ascii_start()[..close.len()].eq_ignore_ascii_case(close.as_bytes());
    let prefix = page[..start].to_ascii_lowercase();
    let inside = |element: &str| {
        let opened = memchr::memmem::find_iter(&prefix, format!("<{element}").as_bytes()).count();
        let closed = memchr::memmem::find_iter(&prefix, format!("</{element}").as_bytes()).count();
        opened > closed
    };
    LAYOUT.iter().any(|layout| layout.as_bytes() == name)
        && closes
        && !OUTSIDE.iter().any(|element| inside(element))
}

/// Puts `fragments` in place of their markers in minified `page`, dropping the whitespace
/// between two markers (a layout element drops it between its elements): `None` unless the
/// page shows every marker exactly once, in order, and no other text that reads as one (a job
/// whose text holds such characters). The caller then minifies the page with its fragments in
/// place instead.
pub fn splice(page: &[u8], fragments: &[&str]) -> Option<Vec<u8>> {
    let size = page.len() + fragments.iter().map(|f| f.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut rest = page;
    let mut next = 0;
    while let Some(at) = memchr::memmem::find(rest, OPEN.as_bytes()) {
        let between = &rest[..at];
        if next == 0 || !between.trim_ascii().is_empty() {
            out.extend_from_slice(between);
        }
        let after = &rest[at + OPEN.len()..];
        let end = memchr::memmem::find(after, CLOSE.as_bytes())?;
        if after[..end] != *next.to_string().as_bytes() {
            return None;
        }
        out.extend_from_slice(fragments.get(next)?.as_bytes());
        next += 1;
        rest = &after[end + CLOSE.len()..];
    }
    out.extend_from_slice(rest);
    (next == fragments.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(markers: &[usize]) -> Vec<u8> {
        let mut page = String::from("<ol>");
        for &i in markers {
            page.push_str(&marker(i));
        }
        page.push_str("</ol>");
        page.into_bytes()
    }

    #[test]
    fn splice_puts_each_fragment_in_place_of_its_marker() {
        let rows = ["<li>a</li>", "<li>b</li>", "<li>c</li>"];
        let spliced = splice(&page(&[0, 1, 2]), &rows).expect("spliced");
        assert_eq!(spliced, b"<ol><li>a</li><li>b</li><li>c</li></ol>");
        let spaced = format!("<ol> {} {}</ol>", marker(0), marker(1));
        let spliced = splice(spaced.as_bytes(), &rows[..2]).expect("spliced");
        assert_eq!(spliced, b"<ol> <li>a</li><li>b</li></ol>");
        assert_eq!(
            splice(b"<p>none</p>", &[]).as_deref(),
            Some(&b"<p>none</p>"[..])
        );
    }

    #[test]
    fn splice_refuses_a_page_whose_markers_are_not_each_fragment_once_in_order() {
        let rows = ["<li>a</li>", "<li>b</li>"];
        for markers in [&[0][..], &[1, 0], &[0, 0, 1], &[0, 1, 1], &[0, 2], &[]] {
            assert_eq!(splice(&page(markers), &rows), None, "{markers:?}");
        }
        // Text of a job that holds the marker characters.
        let forged = format!("<p>{OPEN}x{CLOSE}</p>{}{}", marker(0), marker(1));
        assert_eq!(splice(forged.as_bytes(), &rows), None);
        let unclosed = format!("{}{}<p>{OPEN}1", marker(0), marker(1));
        assert_eq!(splice(unclosed.as_bytes(), &rows), None);
    }

    #[test]
    fn fragments_fit_only_as_the_whole_content_of_a_layout_element() {
        let rows = ["<li>a</li>\n", "\n<li><b>b</b> c</li>"];
        let markers = format!("{}\n{}", marker(0), marker(1));
        let fits = |page: String, rows: &[&str]| fragments_fit(page.as_bytes(), rows);
        assert!(fits(
            format!("<main><OL class=\"a>b\">\n{markers}\n</ol>"),
            &rows
        ));
        assert!(fits(format!("<pre>x</pre><div>{markers}</DIV>"), &rows));
        // Not a layout element, or not its whole content.
        assert!(!fits(format!("<p>{markers}</p>"), &rows));
        assert!(!fits(format!("<ol><li>first</li>{markers}</ol>"), &rows));
        assert!(!fits(format!("<ol>{markers}<li>last</li></ol>"), &rows));
        assert!(!fits(
            format!("<ol>{} x {}</ol>", marker(0), marker(1)),
            &rows
        ));
        assert!(!fits(format!("<!-- <ol> -->{markers}</ol>"), &rows));
        assert!(!fits(format!("<ol data-x=\"<p\">{markers}</ol>"), &rows));
        assert!(!fits(format!("<ol>{markers}</div>"), &rows));
        assert!(!fits(format!("<ol>{}</ol>", marker(0)), &rows));
        // Whitespace counts inside <pre> and SVG.
        assert!(!fits(format!("<pre><div>{markers}</div></pre>"), &rows));
        assert!(!fits(format!("<svg><g>{markers}</g></svg>"), &rows));
        let template = format!("<script type=\"text/template\"><ul>{markers}</ul></script>");
        assert!(!fits(template, &rows));
        let closed =
            format!("<script type=\"application/ld+json\">{{}}</script><ul>{markers}</ul>");
        assert!(fits(closed, &rows));
        // Loose text at a fragment's edge.
        let div = format!("<div>{markers}</div>");
        assert!(!fits(div.clone(), &["<b>a</b> and", "<b>b</b>"]));
        assert!(!fits(div.clone(), &["<b>a</b>", "or <b>b</b>"]));
        assert!(!fits(div.clone(), &["<b>a</b>", "< b"]));
        assert!(fits(div, &["<b>a</b> and <i>b</i>", "<hr>"]));
        assert!(!fits("<div></div>".into(), &[]));
    }
}
