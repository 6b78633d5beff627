//! Markdown descriptions to safe HTML.
//!
//! CommonMark with GitHub's tables, strikethrough and task lists, rendered by pulldown-cmark,
//! then sanitised by ammonia: what a job description needs (headings, lists, emphasis, links,
//! code, tables) survives; scripts, styles, frames, forms, images, event handlers and every link
//! scheme but http, https and mailto do not.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Options, Parser, html};

/// Renders markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitiser().clean(&raw).to_string()
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
            .link_rel(Some("nofollow noopener noreferrer"))
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
    fn summaries_are_plain_and_cut_at_a_word() {
        let s = summary(
            "## Role\n\nWe build **fast** things with `Rust` every day.",
            30,
        );
        assert_eq!(s, "Role We build fast things with…");
    }
}
