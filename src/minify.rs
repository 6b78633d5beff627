//! Minifying HTML pages, behind the default-on `minify` cargo feature.
//!
//! Configured never to change how a page renders: closing tags and the spaces between inline
//! elements are kept.
//!
//! A listing page is mostly job rows, and every row shows on several listings (the index, its
//! company, location, type and skills). So rows are minified once each (`fragment`), and a
//! listing page is rendered with a marker in place of each row (`marker`), minified without
//! them, and then given its rows back (`splice`): the minifier reads each row once instead of
//! once per page showing it.

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

/// Returns a piece of HTML that sits among block elements (a job row) minified when `enabled`.
pub fn fragment(html: String, enabled: bool) -> String {
    if !self::enabled(enabled) {
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

/// Puts `fragments` in place of their markers in `page`: `None` unless the page shows every
/// marker exactly once, in order, and no other text that reads as one (a template that left a
/// row out, showed one twice or changed it, or a job whose text holds such characters). The
/// caller then renders the page with its fragments in place instead.
pub fn splice(page: &[u8], fragments: &[&str]) -> Option<Vec<u8>> {
    let size = page.len() + fragments.iter().map(|f| f.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut rest = page;
    let mut next = 0;
    while let Some(at) = memchr::memmem::find(rest, OPEN.as_bytes()) {
        out.extend_from_slice(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let end = memchr::memmem::find(after, CLOSE.as_bytes())?;
        let digits = &after[..end];
        let expected = next.to_string();
        if digits != expected.as_bytes() {
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
}
