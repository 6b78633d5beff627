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

/// Deepest nesting of elements a description keeps. Deeper elements are unwrapped (their text
/// stays): no real description comes near it, and pages nested thousands deep would exhaust the
/// stack of the HTML minifier and of browsers.
pub const MAX_DEPTH: usize = 32;

/// Renders markdown to safe HTML, nested at most `MAX_DEPTH` elements deep.
pub fn to_html(markdown: &str) -> String {
    render(markdown, 0).0
}

/// Renders markdown to safe HTML (as `to_html`) and, from the same parse, the summary of its
/// first `summary_chars` characters (as `summary`; empty for 0).
pub fn render(markdown: &str, summary_chars: usize) -> (String, String) {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let mut summary = Summary::new(summary_chars);
    // Most descriptions are safe by construction: written as they are parsed. The first event
    // that is not sends the description down the sanitiser's path, from the start.
    let mut safe = true;
    let written = events(markdown)
        .inspect(|event| {
            summary.push(event);
        })
        .map_while(|event| {
            safe = is_safe_by_construction(&event);
            safe.then(|| write_link(event))
        });
    html::push_html(&mut out, written);
    if safe {
        return (out, summary.finish());
    }
    let mut summary = Summary::new(summary_chars);
    out.clear();
    html::push_html(
        &mut out,
        events(markdown).inspect(|event| {
            summary.push(event);
        }),
    );
    // Raw HTML in the markdown can still nest deeper: cut again after sanitising.
    let html = limit_depth(&sanitiser().clean(&out).to_string(), MAX_DEPTH);
    (html, summary.finish())
}

/// Sanitises HTML from elsewhere (an applicant-tracking system's description) as descriptions
/// holding raw HTML are: the same elements, attributes, link schemes and depth survive.
pub fn sanitise_html(html: &str) -> String {
    limit_depth(&sanitiser().clean(html).to_string(), MAX_DEPTH)
}

/// The events a description is rendered from: headings start at `h2`, elements deeper than
/// `MAX_DEPTH` are unwrapped, and raw HTML cannot leave more than `MAX_RAW_OPEN` elements open.
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    // Cut markdown nesting before any HTML parser sees it: the parser's work grows with the
    // square of the depth, and one line of `>` can nest a quarter of a million deep.
    let mut depth = 0usize;
    let mut raw_open = 0usize;
    Parser::new_ext(markdown, options())
        .map(demote_h1)
        .filter_map(move |event| match event {
            Event::Start(_) => {
                depth += 1;
                (depth <= MAX_DEPTH).then_some(event)
            }
            Event::End(_) => {
                depth -= 1;
                (depth < MAX_DEPTH).then_some(event)
            }
            Event::Html(html) => Some(Event::Html(cap_raw_tags(&html, &mut raw_open).into())),
            Event::InlineHtml(html) => {
                Some(Event::InlineHtml(cap_raw_tags(&html, &mut raw_open).into()))
            }
            _ => Some(event),
        })
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

/// Most raw HTML elements left open at once before the sanitiser parses them; start tags past it
/// are dropped. Far above what real descriptions hold (even with `<p>` and `<li>` left unclosed),
/// it keeps the parser's work linear: it grows with the depth for every start tag.
const MAX_RAW_OPEN: usize = 256;

/// Elements that never take an end tag.
const RAW_VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Drops the start tags of raw HTML that would leave more than `MAX_RAW_OPEN` elements open,
/// counting across the description's chunks of raw HTML in `open`. Only a guard against
/// pathological nesting: the sanitiser still decides what is kept.
fn cap_raw_tags(html: &str, open: &mut usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_len = raw_tag_length(&rest[start..]);
        let tag = &rest[start..start + tag_len];
        let name = tag_name(tag).to_ascii_lowercase();
        let keep = if tag.starts_with("</") {
            *open = open.saturating_sub(1);
            true
        } else if !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || RAW_VOID.contains(&name.as_str())
            || tag.ends_with("/>")
        {
            true
        } else if *open < MAX_RAW_OPEN {
            *open += 1;
            true
        } else {
            false
        };
        if keep {
            out.push_str(&without_idle_rel(tag));
        }
        rest = &rest[start + tag_len..];
    }
    out.push_str(rest);
    out
}

/// The length of a raw tag at the start of `html`: up to its `>` outside either kind of quote.
fn raw_tag_length(html: &str) -> usize {
    let mut quote = None;
    for (i, byte) in html.bytes().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Elements without an end tag, among those the sanitiser keeps.
const VOID: [&str; 3] = ["br", "hr", "input"];

/// Drops the start and end tags of elements nested deeper than `max`, keeping what they hold.
///
/// Works on the sanitiser's output, which is serialised from a tree: every element but the void
/// ones has its end tag, text holds no raw `<`, and attribute values are double-quoted.
fn limit_depth(html: &str, max: usize) -> String {
    let mut out = String::with_capacity(html.len());
    // For each open element: whether its tags were kept.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_len = tag_length(&rest[start..]);
        let tag = &rest[start..start + tag_len];
        let keep = if tag.starts_with("</") {
            open.pop().unwrap_or(true)
        } else if VOID.contains(&tag_name(tag)) {
            true
        } else {
            let keep = open.len() < max;
            open.push(keep);
            keep
        };
        if keep {
            out.push_str(&without_idle_rel(tag));
        }
        rest = &rest[start + tag_len..];
    }
    out.push_str(rest);
    out
}

/// An `a` start tag whose `href` the sanitiser removed (a `javascript:` link, say) without the
/// `rel` it added to every `a`: `rel` without `href` is invalid HTML. In the sanitiser's output
/// every attribute value is double-quoted with each `"` escaped, so ` href="` and ` rel="` can
/// only be attributes, never text inside one.
fn without_idle_rel(tag: &str) -> std::borrow::Cow<'_, str> {
    if tag_name(tag) != "a" || tag.contains(" href=\"") {
        return std::borrow::Cow::Borrowed(tag);
    }
    std::borrow::Cow::Owned(tag.replace(&format!(" rel=\"{LINK_REL}\""), ""))
}

/// The length of the tag at the start of `html`, up to its `>` outside quotes.
fn tag_length(html: &str) -> usize {
    let mut quoted = false;
    for (i, byte) in html.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The element name of a start tag `<name ...>`.
fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<');
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    &inner[..end]
}

/// The first `max_chars` characters of the description as plain text, cut at a word: the text
/// of the events its page is rendered from.
pub fn summary(markdown: &str, max_chars: usize) -> String {
    // Parsing a whole description for its first lines is wasted work on a large board: the
    // blocks up to a blank line some way past `max_chars` give the same text, unless that text
    // falls short or a link reference may be defined further down.
    let start = max_chars * 2;
    let end = markdown
        .get(start..)
        .and_then(|rest| rest.find("\n\n"))
        .map(|at| start + at);
    if let Some(end) = end.filter(|&end| !markdown[end..].contains("]:")) {
        let mut summary = Summary::new(max_chars);
        events(&markdown[..end]).any(|event| summary.push(&event));
        if summary.cut {
            return summary.finish();
        }
    }
    summary_of(markdown, max_chars)
}

/// The summary of the whole of `markdown`.
fn summary_of(markdown: &str, max_chars: usize) -> String {
    let mut summary = Summary::new(max_chars);
    events(markdown).any(|event| summary.push(&event));
    summary.finish()
}

/// A summary in the making: the text of the events seen so far, up to just past `max_chars`.
struct Summary {
    text: String,
    chars: usize,
    max_chars: usize,
    /// Whether the text went past `max_chars` (and no more is taken).
    cut: bool,
}

impl Summary {
    fn new(max_chars: usize) -> Summary {
        Summary {
            text: String::new(),
            chars: 0,
            max_chars,
            cut: max_chars == 0,
        }
    }

    /// Takes the text of `event`; true once there is enough.
    fn push(&mut self, event: &Event) -> bool {
        if self.cut {
            return true;
        }
        let before = self.text.len();
        match event {
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !self.text.ends_with(' ') => {
                self.text.push(' ')
            }
            _ => {}
        }
        self.chars += self.text[before..].chars().count();
        self.cut = self.chars > self.max_chars;
        self.cut
    }

    /// The text, whole words only, with "…" when some was left out.
    fn finish(self) -> String {
        if self.max_chars == 0 {
            return String::new();
        }
        let mut out = String::new();
        let mut out_chars = 0;
        for word in self.text.split_whitespace() {
            let word_chars = word.chars().count();
            if out_chars + word_chars + 1 > self.max_chars {
                out.push('…');
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
                out_chars += 1;
            }
            out.push_str(word);
            out_chars += word_chars;
        }
        if self.cut {
            out.push('…');
        }
        out
    }
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
            .generic_attributes(HashSet::new())
            // Inputs are kept for task lists only: always a disabled checkbox, never a field.
            .set_tag_attribute_value("input", "type", "checkbox")
            .set_tag_attribute_value("input", "disabled", "");
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_whose_address_was_dropped_keeps_no_rel() {
        for markdown in [
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a title=\"t\" href=\"data:text/html,x\">x</a>",
            "[x](javascript:alert(1))",
            "<a>plain</a>",
        ] {
            let html = to_html(markdown);
            assert!(!html.contains("rel="), "{markdown}: {html}");
            assert!(
                !html.contains("javascript") && !html.contains("data:"),
                "{html}"
            );
        }
        let kept = to_html("<a href=\"https://e.org/\">x</a> <b>b</b>");
        assert!(
            kept.contains("<a href=\"https://e.org/\" rel=\"nofollow noopener noreferrer\">x</a>"),
            "{kept}"
        );
    }

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
            "name=",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn inputs_are_only_disabled_checkboxes() {
        let html = to_html(
            "- [x] done\n- [ ] to do\n\n<input type=\"password\"> <input type=submit formaction=\"https://e.org\">",
        );
        assert!(
            html.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\">"),
            "{html}"
        );
        for bad in ["password", "submit", "formaction"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert_eq!(html.matches("<input").count(), 4, "{html}");
        assert_eq!(html.matches("type=\"checkbox\"").count(), 4, "{html}");
        assert_eq!(html.matches("disabled=\"\"").count(), 4, "{html}");
    }

    #[test]
    fn deep_nesting_is_cut_and_the_text_kept() {
        let html = to_html(&format!("{} deep\n", ">".repeat(5000)));
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH, "{html}");
        assert_eq!(html.matches("</blockquote>").count(), MAX_DEPTH);
        assert!(html.contains("deep"));
        let raw = format!(
            "{}x<br>y{}",
            "<ul><li>".repeat(100),
            "</li></ul>".repeat(100)
        );
        let html = to_html(&raw);
        assert_eq!(
            html.matches("<ul>").count() + html.matches("<li>").count(),
            MAX_DEPTH
        );
        assert!(html.contains("x<br>y"), "{html}");
    }

    #[test]
    fn raw_html_nesting_is_capped_before_parsing() {
        let mut open = 0;
        let deep = "<div>".repeat(MAX_RAW_OPEN + 10);
        let capped = cap_raw_tags(&deep, &mut open);
        assert_eq!(capped.matches("<div>").count(), MAX_RAW_OPEN);
        assert_eq!(open, MAX_RAW_OPEN);
        let mut open = 0;
        let normal = "<p title='a>b'>x<br>y</p><img src=x/><!-- c --> a < b, <50k";
        assert_eq!(cap_raw_tags(normal, &mut open), normal);
        assert_eq!(open, 0);
    }

    #[test]
    fn depth_limit_reads_quoted_attributes() {
        let html = limit_depth("<a title=\"a>b\" href=\"x\"><em>t</em></a>", 1);
        assert_eq!(html, "<a title=\"a>b\" href=\"x\">t</a>");
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

    /// Summaries read only the start of a long description: they must say what reading all of
    /// it says, whatever comes after the cut.
    #[test]
    fn summaries_of_the_start_equal_summaries_of_the_whole() {
        let para = "We ship **reliable** services to [customers](https://example.org/) every week, \
                    and we care about tests, reviews and calm on-call rotations.";
        let long_list: String = (0..40)
            .map(|n| format!("- Item number {n} of the list\n"))
            .collect();
        let cases = [
            format!("## About\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n{para}"),
            // A link whose reference is defined at the very end.
            format!(
                "{para}\n\nSee [our page][home].\n\n{para}\n\n{para}\n\n{para}\n\n[home]: https://e.org/"
            ),
            // A fenced block holding blank lines across the cut.
            format!("{para}\n\n```\ncode\n\n\n\nmore code\n```\n\n{para}\n\n{para}"),
            // Little text for much source: the start is not enough.
            format!(
                "{}\n\nThe end.",
                "[a](https://example.org/a-long-path-that-takes-room) ".repeat(60)
            ),
            format!("Short.\n\n{long_list}\n\n{para}"),
            "ü".repeat(2_000),
        ];
        for markdown in &cases {
            for max in [20, 280] {
                let whole = summary_of(markdown, max);
                assert_eq!(summary(markdown, max), whole, "{max}: {markdown}");
                assert_eq!(render(markdown, max).1, whole, "{max}: {markdown}");
            }
        }
    }
}
