//! Redirects from the location URLs a board had when each whole location string had a page
//! (`locations/bangalore-ka-in/`) to the page of its place now (`locations/bengaluru-india/`),
//! with `[site] keep_old_location_urls`: links and bookmarks to the old pages keep working.
//!
//! Each is a small page of its own: a meta refresh, a canonical link to the new page, a plain
//! link for those the refresh does not take, and `noindex`; the sitemap does not list them.

use super::{Ctx, Sink};
use crate::text::escape_html;

/// Writes `locations/OLD/index.html` for every old location slug no page has now.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let site = ctx.site;
    let names: std::collections::HashMap<&str, &str> = site
        .place_pages()
        .into_iter()
        .map(|g| (g.slug.as_str(), g.name.as_str()))
        .collect();
    for (old, new) in &site.old_locations {
        let name = names
            .get(&**new)
            .map_or_else(|| new.to_string(), |n| n.to_string());
        let dir = format!("locations/{new}/");
        let page = RedirectPage {
            language: &ctx.config.language,
            title: &format!("Jobs in {name}"),
            path: &format!("{}{dir}", site.base_path),
            canonical: &format!("{}{dir}", ctx.config.base_url),
        };
        let path = format!("locations/{old}/index.html");
        ctx.emit(
            sink,
            &path,
            || (old, new, &name),
            || Ok(page.html().into_bytes()),
        )?;
    }
    Ok(())
}

/// A page that sends its reader to `path`.
struct RedirectPage<'a> {
    language: &'a str,
    /// The title of the page it leads to.
    title: &'a str,
    /// Path of the new page from the domain root.
    path: &'a str,
    /// Absolute URL of the new page.
    canonical: &'a str,
}

impl RedirectPage<'_> {
    fn html(&self) -> String {
        let (language, title) = (escape_html(self.language), escape_html(self.title));
        let (path, canonical) = (escape_html(self.path), escape_html(self.canonical));
        format!(
            "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>Moved: {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={path}\">\n\
             <link rel=\"canonical\" href=\"{canonical}\">\n</head>\n<body>\n\
             <p>This page has moved: <a href=\"{path}\">{title}</a>.</p>\n</body>\n</html>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_page_names_and_links_its_target() {
        let page = RedirectPage {
            language: "en",
            title: "Jobs in Bengaluru, India",
            path: "/board/locations/bengaluru-india/",
            canonical: "https://example.org/board/locations/bengaluru-india/",
        };
        let html = page.html();
        assert!(html.contains(r#"content="0; url=/board/locations/bengaluru-india/""#));
        assert!(html.contains(
            r#"<link rel="canonical" href="https://example.org/board/locations/bengaluru-india/">"#
        ));
        assert!(html.contains(
            r#"<a href="/board/locations/bengaluru-india/">Jobs in Bengaluru, India</a>"#
        ));
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    }
}
