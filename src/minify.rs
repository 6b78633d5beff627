//! Minifying HTML pages, behind the default-on `minify` cargo feature.
//!
//! Configured never to change how a page renders: closing tags and the spaces between inline
//! elements are kept.

/// Returns the page minified when `enabled` (and the feature is built in), else as it is.
#[cfg(feature = "minify")]
pub fn html(page: Vec<u8>, enabled: bool) -> Vec<u8> {
    if !enabled {
        return page;
    }
    let mut cfg = minify_html::Cfg::new();
    // Keep the page valid HTML that reads the same without a parser's help.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_comments = false;
    cfg.minify_css = false;
    cfg.minify_js = false;
    minify_html::minify(&page, &cfg)
}

/// Without the `minify` feature, pages are written as rendered.
#[cfg(not(feature = "minify"))]
pub fn html(page: Vec<u8>, _enabled: bool) -> Vec<u8> {
    page
}
