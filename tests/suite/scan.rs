//! Scans built output for markup that did not come from the templates: scripts other than the
//! JSON-LD one, event-handler attributes, unsafe URL schemes, dangerous elements, raw HTML in the
//! README, and feeds that readers could not parse or would run.
//!
//! HTML is checked twice. `html_text` reads the page as text and needs unminified output, where
//! every attribute is quoted and every `<` of the data is escaped. `html_tokens` runs html5ever's
//! tokenizer, switching it into raw-text states the way a browser's tree builder does, so it also
//! reads minified pages, where `<` may stay raw inside `<title>` or quoted attributes.

use std::cell::RefCell;
use std::collections::BTreeMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, TagToken, Token, TokenSink, TokenSinkResult,
    Tokenizer, TokenizerOpts,
};

/// The base URL hostile boards are built with.
pub const BASE: &str = "https://jobs.example.org/board/";

/// Attributes whose value is fetched or followed as a URL.
const URL_ATTRIBUTES: [&str; 15] = [
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "background",
    "cite",
    "xlink:href",
    "ping",
    "codebase",
    "longdesc",
    "lowsrc",
    "manifest",
];

/// Elements no page of a board may hold (`script` is checked on its own).
const FORBIDDEN: [&str; 17] = [
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "base",
    "style",
    "svg",
    "math",
    "textarea",
    "select",
    "button",
    "noscript",
    "xmp",
    "plaintext",
];

/// True for a URL a browser would run or send off the board: a scheme other than http, https
/// and mailto, or a protocol-relative `//host` (also with backslashes, which browsers accept).
pub fn unsafe_url(value: &str) -> bool {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if ["//", "\\\\", "/\\", "\\/"]
        .iter()
        .any(|p| cleaned.starts_with(p))
    {
        return true;
    }
    match cleaned.find(':') {
        Some(colon) if !cleaned[..colon].contains(['/', '?', '#']) => {
            !matches!(&cleaned[..colon], "http" | "https" | "mailto")
        }
        _ => false,
    }
}

/// Findings of one page read as text; needs unminified output.
pub fn html_text(html: &str) -> Vec<String> {
    let mut findings = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut scripts = 0;
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!doctype") {
            at = start + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let is_tag = rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            || (rest[1..].starts_with('/')
                && rest[2..].starts_with(|c: char| c.is_ascii_alphabetic()));
        if !is_tag {
            findings.push(format!("raw `<` outside a tag at byte {start}"));
            at = start + 1;
            continue;
        }
        let end = start + tag_end(&html[start..]);
        let tag = &html[start..end];
        check_tag_text(tag, &mut findings);
        at = end;
        if tag.to_ascii_lowercase().starts_with("<script") {
            scripts += 1;
            let close = lower[end..]
                .find("</script")
                .map_or(html.len(), |i| end + i);
            check_json_ld(tag, &html[end..close], &mut findings);
            at = close;
        }
    }
    if scripts > 1 {
        findings.push(format!("{scripts} script elements"));
    }
    findings
}

/// The length of the tag at the start of `html`, up to its `>` outside quotes.
fn tag_end(html: &str) -> usize {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Checks one tag `<name attr="value" ...>` read as text.
fn check_tag_text(tag: &str, findings: &mut Vec<String>) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    if inner.starts_with('/') {
        return;
    }
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let attributes = text_attributes(&inner[name_end..]);
    check_element(&name, &attributes, findings);
}

/// The (lowercase name, entity-decoded value) of each attribute in the text of a tag.
fn text_attributes(mut text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if text.is_empty() {
            return found;
        }
        let name_end = text
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        let name = text[..name_end].to_ascii_lowercase();
        text = text[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = text.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(raw);
            text = rest;
        }
        found.push((name, value));
    }
}

/// Decodes the character references a browser would decode in an attribute value.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        let decoded = if let Some(number) = name.strip_prefix('#') {
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            value.and_then(char::from_u32)
        } else {
            match name.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Checks an element by name and attributes, however it was read.
fn check_element(name: &str, attributes: &[(String, String)], findings: &mut Vec<String>) {
    if FORBIDDEN.contains(&name) {
        findings.push(format!("<{name}> element"));
    }
    let attribute = |wanted: &str| {
        attributes
            .iter()
            .find(|(n, _)| n == wanted)
            .map(|(_, v)| v.as_str())
    };
    if name == "script" && attribute("type") != Some("application/ld+json") {
        findings.push("a script that is not the JSON-LD one".to_string());
    }
    if name == "input" && attribute("type") != Some("checkbox") {
        findings.push(format!("<input type={:?}>", attribute("type")));
    }
    if name == "meta" && attribute("http-equiv").is_some() {
        findings.push("<meta http-equiv>".to_string());
    }
    for (attr, value) in attributes {
        if attr.starts_with("on") {
            findings.push(format!("event handler {attr}={value:?} on <{name}>"));
        }
        if attr == "style" {
            findings.push(format!("style attribute on <{name}>"));
        }
        if URL_ATTRIBUTES.contains(&attr.as_str()) && unsafe_url(value) {
            findings.push(format!("unsafe URL {attr}={value:?} on <{name}>"));
        }
    }
}

/// The JSON-LD script: valid JSON holding no `<` at all.
fn check_json_ld(tag: &str, body: &str, findings: &mut Vec<String>) {
    if !tag.contains("application/ld+json") {
        return;
    }
    if body.contains('<') {
        findings.push("`<` inside the JSON-LD".to_string());
    }
    if let Err(e) = serde_json::from_str::<serde_json::Value>(body) {
        findings.push(format!("JSON-LD does not parse: {e}"));
    }
}

/// Collects findings from html5ever's tokens.
#[derive(Default)]
struct Sink {
    findings: RefCell<Vec<String>>,
    /// Text of the JSON-LD script being read, if one is open.
    json_ld: RefCell<Option<String>>,
    scripts: RefCell<usize>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) if tag.kind == StartTag => {
                let name = tag.name.to_string();
                let attributes: Vec<(String, String)> = tag
                    .attrs
                    .iter()
                    .map(|a| {
                        let name = match &a.name.prefix {
                            Some(prefix) => format!("{prefix}:{}", a.name.local),
                            None => a.name.local.to_string(),
                        };
                        (name.to_ascii_lowercase(), a.value.to_string())
                    })
                    .collect();
                check_element(&name, &attributes, &mut self.findings.borrow_mut());
                return match name.as_str() {
                    "script" => {
                        *self.scripts.borrow_mut() += 1;
                        *self.json_ld.borrow_mut() = Some(String::new());
                        TokenSinkResult::RawData(RawKind::ScriptData)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            TagToken(tag) if tag.kind == EndTag && &*tag.name == "script" => {
                if let Some(body) = self.json_ld.borrow_mut().take() {
                    check_json_ld(
                        "application/ld+json",
                        &body,
                        &mut self.findings.borrow_mut(),
                    );
                }
            }
            CharacterTokens(text) => {
                if let Some(body) = self.json_ld.borrow_mut().as_mut() {
                    body.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Findings of one page read by an HTML tokenizer; works on minified pages too.
pub fn html_tokens(html: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut findings = tokenizer.sink.findings.take();
    let scripts = *tokenizer.sink.scripts.borrow();
    if scripts > 1 {
        findings.push(format!("{scripts} script elements"));
    }
    findings
}

/// Findings of an RSS feed or sitemap: strict XML, links on the board, descriptions that hold
/// only escaped text (readers show a description as HTML).
pub fn xml(text: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut findings = Vec::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        let text = node.text().unwrap_or_default();
        let in_item = node.parent().is_some_and(|p| p.has_tag_name("item"));
        if name == "description" && in_item && text.contains('<') {
            findings.push(format!("markup in an item description: {text:?}"));
        }
        // The whole description, as HTML: sanitised as on the job's page.
        if name == "encoded" && in_item {
            findings.extend(
                html_tokens(text)
                    .into_iter()
                    .map(|f| format!("content:encoded: {f}")),
            );
        }
        let is_link =
            matches!(name, "loc" | "guid") || (name == "link" && node.attribute("href").is_none());
        if is_link && !text.starts_with(BASE) {
            findings.push(format!("<{name}> off the board: {text:?}"));
        }
        if let Some(href) = node.attribute("href")
            && !href.starts_with(BASE)
        {
            findings.push(format!("href off the board: {href:?}"));
        }
    }
    findings
}

/// Findings of the JSON feed: valid JSON, plain-text items, safe links.
pub fn json_feed(text: &str) -> Vec<String> {
    let feed: serde_json::Value = match serde_json::from_str(text) {
        Ok(feed) => feed,
        Err(e) => return vec![format!("JSON feed does not parse: {e}")],
    };
    let mut findings = Vec::new();
    for item in feed["items"].as_array().into_iter().flatten() {
        if item.get("content_html").is_some() {
            findings.push("content_html in the JSON feed".to_string());
        }
        for key in ["url", "external_url"] {
            let url = item[key].as_str().unwrap_or_default();
            if unsafe_url(url) || !url.starts_with("http") {
                findings.push(format!("unsafe {key} {url:?}"));
            }
        }
    }
    findings
}

/// Raw HTML the README and archive templates write themselves.
const TEMPLATE_HTML: [&str; 6] = [
    "<!-- prettier-ignore-start -->",
    "<!-- prettier-ignore-end -->",
    "<sub>",
    "<small>",
    "</small>",
    "</sub>",
];

/// Findings of a README or archive file: rendered as GitHub does (raw HTML kept, to see it),
/// it holds no raw HTML but the template's, every table row has five cells, and the HTML it
/// renders to passes the page checks.
pub fn markdown(text: &str) -> Vec<String> {
    use comrak::nodes::NodeValue;
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.render.r#unsafe = true;
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, text, &options);
    let mut findings = Vec::new();
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::HtmlInline(html) if !TEMPLATE_HTML.contains(&html.trim()) => {
                findings.push(format!("raw HTML in the README: {html:?}"));
            }
            NodeValue::HtmlBlock(block) if !TEMPLATE_HTML.contains(&block.literal.trim()) => {
                findings.push(format!("raw HTML block in the README: {:?}", block.literal));
            }
            NodeValue::TableRow(_) if node.children().count() != 5 => {
                findings.push("a table row without five cells".to_string());
            }
            NodeValue::Link(link) | NodeValue::Image(link) if unsafe_url(&link.url) => {
                findings.push(format!("unsafe link in the README: {:?}", link.url));
            }
            NodeValue::Image(link) => {
                findings.push(format!("an image in the README: {:?}", link.url));
            }
            _ => {}
        }
    }
    let html = comrak::markdown_to_html(text, &options);
    findings.extend(html_tokens(&html));
    findings
}

/// The page without the index page's search widget: the template's own form, empty selects and
/// its `<script defer src=".../search.HASH.js"></script>`. They hold no data (the script fills
/// them in the browser), so what remains is what the scan must judge.
pub fn without_search_widget(html: &str) -> String {
    let mut page = html.to_string();
    let marker = ["id=\"search\"", "id=search>", "id=search "]
        .iter()
        .find_map(|m| page.find(m));
    if let Some(start) = marker.and_then(|at| page[..at].rfind("<div")) {
        let end = ["<div id=\"listing\">", "<div id=listing>"]
            .iter()
            .find_map(|close| page[start..].find(close));
        if let Some(end) = end {
            page.replace_range(start..start + end, "");
        }
    }
    // The site's script, however the minifier wrote the tag: `defer` and a `src` of the
    // site's own `search.HASH.js`, nothing else, and no content.
    let mut from = 0;
    while let Some(found) = page[from..].find("<script ") {
        let start = from + found;
        let Some(open_len) = page[start..].find('>') else {
            break;
        };
        let attributes = &page[start + "<script ".len()..start + open_len];
        let rest = &page[start + open_len + 1..];
        let own = rest.starts_with("</script>") && {
            let mut parts: Vec<&str> = attributes.split_whitespace().collect();
            parts.sort_unstable();
            matches!(parts.as_slice(), [defer, src] if *defer == "defer" && {
                let value = src.trim_start_matches("src=").trim_matches('"');
                src.starts_with("src=") && value.contains("/search.") && value.ends_with(".js")
                    && !value.contains(['<', '>', '"', '\'', ' '])
            })
        };
        if own {
            page.replace_range(start..start + open_len + 1 + "</script>".len(), "");
        } else {
            from = start + 1;
        }
    }
    page
}

/// Every finding in a built tree (site files, README and archive), by file.
pub fn tree(files: &BTreeMap<String, Vec<u8>>, minified: bool) -> Vec<String> {
    let mut findings = Vec::new();
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        let found = if path.ends_with(".html") {
            let text = without_search_widget(&text);
            let mut found = html_tokens(&text);
            if !minified {
                found.extend(html_text(&text));
            }
            found
        } else if path.ends_with(".xml") {
            xml(&text)
        } else if path.ends_with(".json") {
            json_feed(&text)
        } else if path.ends_with(".md") {
            markdown(&text)
        } else {
            Vec::new()
        };
        findings.extend(found.into_iter().map(|f| format!("{path}: {f}")));
    }
    findings
}

#[test]
fn the_scanners_find_what_they_look_for() {
    let page = "<p><a href=\"java&#x09;script:alert(1)\">x</a><img src=x onerror=alert(1)>\
                <script>alert(1)</script><iframe src=\"https://e.org\"></iframe></p>";
    for findings in [html_text(page), html_tokens(page)] {
        let all = findings.join("\n");
        for expected in [
            "unsafe URL href",
            "event handler onerror",
            "not the JSON-LD one",
            "<iframe>",
        ] {
            assert!(all.contains(expected), "{expected} not found in {all}");
        }
    }
    let minified = "<title>a<script>alert(1)</script></title><a href=//evil.example>x</a>";
    let all = html_tokens(minified).join("\n");
    assert!(
        !all.contains("JSON-LD"),
        "a title's text is not a script: {all}"
    );
    assert!(all.contains("unsafe URL href=\"//evil.example\""), "{all}");
    let readme =
        "<sub>ok</sub>\n\n| a | b |\n|---|---|\n| <img src=x> | [x](javascript:alert(1)) |\n";
    let all = markdown(readme).join("\n");
    for expected in [
        "raw HTML in the README: \"<img src=x>\"",
        "a table row without five cells",
    ] {
        assert!(all.contains(expected), "{expected} not found in {all}");
    }
    assert!(unsafe_url(" JaVa\tScRiPt:x") && unsafe_url("\\\\evil") && unsafe_url("data:x"));
    assert!(
        !unsafe_url("/board/jobs/a/") && !unsafe_url("https://e.org/a:b") && !unsafe_url("#main")
    );
    assert!(
        xml("<rss><item><description>&lt;b&gt;</description></item></rss>")
            .join("")
            .contains("markup in an item description")
    );
}
