//! Markdown descriptions to safe HTML.
//!
//! CommonMark with GitHub's tables, strikethrough and task lists, rendered by pulldown-cmark.
//! What a job description needs (headings, lists, emphasis, links, code, tables) survives;
//! scripts, styles, frames, forms, images, event handlers and every link scheme but http, https
//! and mailto do not.
//!
//! Two paths give that. A description holding raw HTML, images or a link with another scheme is
//! rendered and then sanitised by ammonia. Every other description is safe by construction:
//! pulldown-cmark escapes all text, and links are written here with a checked scheme; it skips
//! the sanitiser, which costs ten times the rendering (most descriptions take this path).

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// What links on job pages carry: they lead off the board, to pages the board does not vouch for.
const LINK_REL: &str = "nofollow noopener noreferrer";

/// Renders markdown to safe HTML.
pub fn to_html(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options())
        .map(demote_h1)
        .collect();
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    if events.iter().all(is_safe_by_construction) {
        html::push_html(&mut out, events.into_iter().map(write_link));
        return out;
    }
    html::push_html(&mut out, events.into_iter());
    sanitiser().clean(&out).to_string()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The page's title is its only `h1`: description headings start at `h2`.
fn demote_h1(event: Event) -> Event {
    match event {
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
            Event::End(TagEnd::Heading(HeadingLevel::H2))
        }
        other => other,
    }
}

/// Whether pulldown-cmark's own output for this event is safe: no raw HTML, no images, no
/// heading ids or classes from `{#id .class}`, and links only to http, https or mailto.
fn is_safe_by_construction(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Image { .. }) => false,
        Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) => id.is_none() && classes.is_empty() && attrs.is_empty(),
        Event::Start(Tag::Link { dest_url, .. }) => has_safe_scheme(dest_url),
        _ => true,
    }
}

/// http, https and mailto links, nothing relative or protocol-relative.
pub fn has_safe_scheme(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Writes a link's tags with its escaped address, title and `rel`.
fn write_link(event: Event) -> Event {
    match event {
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => {
            let mut tag = String::from("<a href=\"");
            let _ = pulldown_cmark_escape::escape_href(&mut tag, &dest_url);
            if !title.is_empty() {
                tag.push_str("\" title=\"");
                let _ = pulldown_cmark_escape::escape_html(&mut tag, &title);
            }
            tag.push_str("\" rel=\"");
            tag.push_str(LINK_REL);
            tag.push_str("\">");
            Event::InlineHtml(CowStr::from(tag))
        }
        Event::End(TagEnd::Link) => Event::InlineHtml(CowStr::Borrowed("</a>")),
        other => other,
    }
}

/// The first `max_chars` characters of the description as plain text, cut at a word.
pub fn summary(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let mut cut = false;
    for event in Parser::new(markdown) {
        use pulldown_cmark::Event;
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => {
                text.push(' ')
            }
            _ => {}
        }
        if text.chars().count() > max_chars {
            cut = true;
            break;
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if cut {
        out.push('…');
    }
    out
}

fn sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "a",
            "abbr",
            "b",
            "blockquote",
            "br",
            "code",
            "dd",
            "del",
            "dl",
            "dt",
            "em",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "kbd",
            "li",
            "ol",
            "p",
            "pre",
            "s",
            "strong",
            "sub",
            "sup",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "ul",
            "input",
        ]
        .into_iter()
        .collect();
        let mut builder = ammonia::Builder::default();
        builder
            .tags(tags)
            .clean_content_tags(["script", "style"].into_iter().collect())
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(Some(LINK_REL))
            .tag_attributes(
                [
                    ("a", ["href", "title"].into_iter().collect()),
                    (
                        "input",
                        ["type", "checked", "disabled"].into_iter().collect(),
                    ),
                ]
                .into_iter()
                .collect(),
            )
            .generic_attributes(HashSet::new());
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_formatting_a_description_needs() {
        let html = to_html(
            "## Role\n\n- **Rust** and `SQL`\n- [apply](https://e.org/a)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        for part in [
            "<h2>Role</h2>",
            "<strong>Rust</strong>",
            "<code>SQL</code>",
            "href=\"https://e.org/a\"",
            "<td>1</td>",
        ] {
            assert!(html.contains(part), "{part} missing from {html}");
        }
    }

    #[test]
    fn drops_scripts_handlers_and_unsafe_links() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](//evil.org) <a href=\"data:text/html,1\" onclick=\"x()\">z</a>\n\n<iframe src=\"https://e.org\"></iframe><style>p{}</style><form><input name=q></form>",
        );
        for bad in [
            "<script",
            "alert(1)</",
            "onerror",
            "onclick",
            "javascript:",
            "data:",
            "//evil.org",
            "<iframe",
            "<style",
            "<form",
            "<img",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn both_paths_give_the_same_safe_links() {
        let fast =
            to_html("See [the team](https://e.org/t?a=1&b=\"2\" \"Our <team>\") and <me@e.org>.");
        assert!(fast.contains("<a href=\"https://e.org/t?a=1&amp;b=%222%22\" title=\"Our &lt;team&gt;\" rel=\"nofollow noopener noreferrer\">the team</a>"), "{fast}");
        assert!(fast.contains("href=\"mailto:me@e.org\""), "{fast}");
        let sanitised = to_html("See [the team](https://e.org/t) <b>bold</b>");
        assert!(
            sanitised.contains("rel=\"nofollow noopener noreferrer\""),
            "{sanitised}"
        );
        assert!(sanitised.contains("<b>bold</b>"), "{sanitised}");
    }

    #[test]
    fn headings_start_at_h2() {
        assert_eq!(to_html("# Role\n\ntext"), "<h2>Role</h2>\n<p>text</p>\n");
        assert!(!to_html("# Role {#x .y}\n\n<i>x</i>").contains("<h1"));
    }

    #[test]
    fn summaries_are_plain_and_cut_at_a_word() {
        let s = summary(
            "## Role\n\nWe build **fast** things with `Rust` every day.",
            30,
        );
        assert_eq!(s, "Role We build fast things with…");
    }
}
