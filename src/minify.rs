//! Minifying HTML templates once, when they are loaded, behind the default-on `minify` feature.
//!
//! A page is then written as its minified templates render it: minifying costs nothing per page.
//! minify-html is configured never to change how a page renders (closing tags and the spaces
//! between inline elements are kept), and reads each template with its tera tags (`{{ }}`, `{% %}`,
//! `{# #}`) put aside: each is replaced by a placeholder the minifier treats as text, and put back
//! afterwards.
//!
//! A template is minified only where that cannot change what it renders (`Scan`, below); any other
//! template is used as written. What rows, descriptions and other values bring into a page is
//! written as the build makes it.

use memchr::memmem;

/// Whether templates are minified: `enabled` in the configuration and the feature built in.
pub fn enabled(enabled: bool) -> bool {
    cfg!(feature = "minify") && enabled
}

/// Values of the default templates that jobsmith makes fit to stand unquoted in an attribute
/// (paths and URLs of the board, dates: never empty, no whitespace, quotes, `=`, `<`, `>` or
/// backtick) when the board's `base_url` is (`url_is_bare`). Printed by a default template, the
/// minifier may leave their attributes unquoted, as it would minifying the page.
pub const BARE_VALUES: &[&str] = &[
    "page.canonical",
    "page.feed",
    "page.path",
    "site.base_path",
    "site.favicon",
    "site.stylesheet",
    "site.updated_iso",
    "search.script",
    "search.index",
    "job.path",
    "job.company_path",
    "job.location_path",
    "part.path",
    "job.workplace_path",
    "job.country.path",
    "job.date",
    "skill.path",
    "g.path",
    "p.path",
    "pager.previous",
    "pager.next",
];

/// Whether the board's `base_url` may stand unquoted in an attribute, and so the `BARE_VALUES`
/// made from it.
pub fn url_is_bare(base_url: &str) -> bool {
    !base_url.is_empty()
        && !base_url
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b"\"'=<>`".contains(&b))
}

/// The HTML templates among `templates` (name, text, whether it is a default template whose
/// `BARE_VALUES` may stand unquoted) minified where that is safe, in place; returns the names of
/// the HTML templates left as written. Nothing is minified when one template puts a block, an
/// include or a printed value where whitespace or text is not HTML (`<pre>`, `<textarea>`,
/// `<script>`, `<style>`, an attribute): what lands there comes from another template or from a
/// row, which would be minified as if it were anywhere else.
pub fn templates(templates: &mut [(String, String, bool)]) -> Vec<String> {
    let html = |name: &str| name.ends_with(".html") || name.ends_with(".htm");
    let scans: Vec<Option<Scan>> = templates
        .iter()
        .map(|(name, text, _)| html(name).then(|| Scan::new(text)))
        .collect();
    let theme_safe = scans.iter().flatten().all(|scan| !scan.places_fragments);
    let mut kept = Vec::new();
    for ((name, text, bare), scan) in templates.iter_mut().zip(scans) {
        let Some(scan) = scan else { continue };
        match theme_safe.then(|| template(text, &scan, *bare)).flatten() {
            Some(minified) => *text = minified,
            None => kept.push(name.clone()),
        }
    }
    kept
}

/// Template `text` minified, or `None` when it is not safe to (see `Scan`) or the minifier did not
/// give back every tera tag and every HTML tag of it, in order. With `bare`, `BARE_VALUES` may
/// stand unquoted.
fn template(text: &str, scan: &Scan, bare: bool) -> Option<String> {
    if !scan.safe || text.contains(OPEN) || text.contains(CLOSE) {
        return None;
    }
    let mut marked = String::with_capacity(text.len());
    let mut at = 0;
    for (index, tag) in scan.tags.iter().enumerate() {
        marked.push_str(&text[at..tag.start]);
        let value = text[tag.start..tag.end]
            .strip_prefix("{{")
            .and_then(|t| t.strip_suffix("}}"));
        let unquoted = bare && value.is_some_and(|v| BARE_VALUES.contains(&v.trim()));
        marked.push_str(&placeholder(index, !unquoted));
        at = tag.end;
    }
    marked.push_str(&text[at..]);
    let minified = minify_html(&marked)?;
    if Scan::new(&minified).elements != Scan::new(&marked).elements {
        return None;
    }
    restore(&minified, text, &scan.tags)
}

/// `html` as minify-html gives it back.
#[cfg(feature = "minify")]
fn minify_html(html: &str) -> Option<String> {
    String::from_utf8(minify_html::minify(html.as_bytes(), &cfg())).ok()
}

/// Without the `minify` feature, nothing is minified.
#[cfg(not(feature = "minify"))]
fn minify_html(_html: &str) -> Option<String> {
    None
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

/// Opens and closes a placeholder: characters of Unicode's private use area, which no template
/// means to show (a template that holds them is not minified).
const OPEN: &str = "\u{E000}";
const CLOSE: &str = "\u{E001}";

/// The text that stands for tera tag `index` while the template is minified. With `quoted`, an
/// `=` makes the minifier keep an attribute value holding it in quotes (unquoted, a rendered value
/// with a space would end the attribute).
fn placeholder(index: usize, quoted: bool) -> String {
    let quote = if quoted { "=" } else { "" };
    format!("{OPEN}{quote}{index}{CLOSE}")
}

/// `minified` with each placeholder replaced by its tag of `text`: `None` unless each shows
/// exactly once, and the statements and comments in their order (attributes may be reordered,
/// and with them the values they print, but never a statement).
fn restore(minified: &str, text: &str, tags: &[Tag]) -> Option<String> {
    let mut out = String::with_capacity(minified.len() + text.len() / 2);
    let mut seen = vec![false; tags.len()];
    let mut last_statement = None;
    let mut rest = minified;
    while let Some(at) = memmem::find(rest.as_bytes(), OPEN.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let after = after.strip_prefix('=').unwrap_or(after);
        let end = after.find(CLOSE)?;
        let index: usize = after[..end].parse().ok()?;
        let tag = tags.get(index)?;
        if std::mem::replace(seen.get_mut(index)?, true) {
            return None;
        }
        if tag.statement {
            if last_statement.is_some_and(|last| last > index) {
                return None;
            }
            last_statement = Some(index);
        }
        out.push_str(&text[tag.start..tag.end]);
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    (seen.iter().all(|&s| s) && !out.contains(CLOSE)).then_some(out)
}

/// A tera tag of a template: its byte range and whether it is a statement or comment (`{% %}`,
/// `{# #}`) rather than a printed value.
#[derive(Debug, Clone, PartialEq)]
struct Tag {
    start: usize,
    end: usize,
    statement: bool,
}

/// Where in the HTML a tera tag sits.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Place {
    Text,
    /// Inside a tag, between its attributes (`<option {% if a %}selected{% endif %}>`).
    Tag,
    /// Inside a quoted attribute value, the n-th of the template.
    Value(usize),
    Comment,
    /// In the text of `<script>`, `<style>`, `<textarea>` or `<title>`, or inside `<pre>`: the
    /// element's name.
    Verbatim(&'static str),
}

/// What a template's tera tags are and where they sit in its HTML.
///
/// A template is `safe` to minify when its tera tags are all in text or in quoted attribute
/// values (whose `if`/`for` statements open and close within the value), none in an HTML comment,
/// and it defines no component (whose body lands wherever it is used). It `places_fragments` when
/// it puts a block, an include or a component, or prints a value inside `<pre>` or `<textarea>`,
/// where minified HTML from elsewhere would read otherwise; or a block or include inside
/// `<script>`, `<style>`, `<title>` or an attribute value.
struct Scan {
    tags: Vec<Tag>,
    /// The HTML tags, in order: `<name` and `</name`, lowercased.
    elements: Vec<String>,
    safe: bool,
    places_fragments: bool,
}

/// Elements whose text is not HTML, and `pre`, whose whitespace is kept.
const VERBATIM: &[&str] = &["script", "style", "textarea", "title", "pre"];

impl Scan {
    fn new(text: &str) -> Scan {
        let mut scan = Scan {
            tags: Vec::new(),
            elements: Vec::new(),
            safe: true,
            places_fragments: false,
        };
        let mut lexer = Lexer::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut value_depth: Vec<(usize, i32)> = Vec::new();
        while i < bytes.len() {
            if let Some(end) = tera_tag_end(bytes, i) {
                let tag = Tag {
                    start: i,
                    end,
                    statement: bytes[i + 1] != b'{',
                };
                scan.note(&text[i..end], lexer.place(), &mut value_depth);
                scan.tags.push(tag);
                i = end;
                continue;
            }
            i = lexer.step(bytes, i, &mut scan.elements);
        }
        if value_depth.iter().any(|&(_, depth)| depth != 0) {
            scan.safe = false;
        }
        scan
    }

    /// Takes note of tera tag `tag` at `place`.
    fn note(&mut self, tag: &str, place: Place, value_depth: &mut Vec<(usize, i32)>) {
        let inner = tag[2..tag.len() - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = if tag.starts_with("{%") {
            inner.split_whitespace().next().unwrap_or("")
        } else {
            ""
        };
        let fragment = matches!(keyword, "block" | "include" | "component");
        if keyword == "component" || matches!(place, Place::Tag | Place::Comment) {
            self.safe = false;
        }
        match place {
            Place::Verbatim(_) if fragment => self.places_fragments = true,
            Place::Verbatim("pre" | "textarea") if tag.starts_with("{{") => {
                self.places_fragments = true
            }
            Place::Value(_) if fragment => self.places_fragments = true,
            Place::Value(value) => {
                let change = match keyword {
                    "if" | "for" => 1,
                    "endif" | "endfor" => -1,
                    "" | "elif" | "else" | "break" | "continue" => 0,
                    "set" if inner.contains('=') => 0,
                    _ => {
                        self.safe = false;
                        0
                    }
                };
                match value_depth.last_mut() {
                    Some((last, depth)) if *last == value => *depth += change,
                    _ => value_depth.push((value, change)),
                }
            }
            _ => {}
        }
    }
}

/// Where `{{`, `{%` or `{#` at `i` ends (after `}}`, `%}` or `#}`), when a tera tag starts there.
fn tera_tag_end(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes[i] != b'{' {
        return None;
    }
    let close: &[u8] = match bytes.get(i + 1)? {
        b'{' => b"}}",
        b'%' => b"%}",
        b'#' => b"#}",
        _ => return None,
    };
    // An unclosed tag runs to the end, as tera would refuse it anyway.
    let end = memmem::find(&bytes[i + 2..], close).map_or(bytes.len(), |at| i + 2 + at + 2);
    Some(end)
}

/// The HTML state between tera tags: enough to tell text, tags, quoted values, comments and the
/// text of verbatim elements apart.
#[derive(Default)]
struct Lexer {
    state: State,
    values: usize,
    /// The verbatim element the text is in (`</name` ends it; `pre` nests).
    verbatim: Option<&'static str>,
    pre_depth: usize,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum State {
    #[default]
    Text,
    /// In a start or end tag; the element's index into `VERBATIM` when it is one.
    Tag(Option<usize>, bool),
    Quoted(u8),
    Comment,
}

impl Lexer {
    fn place(&self) -> Place {
        match self.state {
            State::Text => match (self.verbatim, self.pre_depth) {
                (Some(name), _) => Place::Verbatim(name),
                (None, 0) => Place::Text,
                (None, _) => Place::Verbatim("pre"),
            },
            State::Tag(..) => Place::Tag,
            State::Quoted(_) => Place::Value(self.values),
            State::Comment => Place::Comment,
        }
    }

    /// Reads the byte (or construct) at `i`; returns where to go on.
    fn step(&mut self, bytes: &[u8], i: usize, elements: &mut Vec<String>) -> usize {
        let rest = &bytes[i..];
        match self.state {
            State::Comment => {
                if rest.starts_with(b"-->") {
                    self.state = State::Text;
                    return i + 3;
                }
            }
            State::Quoted(quote) if rest[0] == quote => self.state = State::Tag(None, false),
            State::Quoted(_) => {}
            State::Tag(verbatim, closing) => match rest[0] {
                b'"' | b'\'' => {
                    self.values += 1;
                    self.state = State::Quoted(rest[0]);
                }
                b'>' => {
                    self.state = State::Text;
                    self.enter(verbatim, closing);
                }
                _ => {}
            },
            State::Text if rest.starts_with(b"<!--") && self.verbatim.is_none() => {
                self.state = State::Comment;
                return i + 4;
            }
            State::Text if rest[0] == b'<' => {
                let closing = rest.get(1) == Some(&b'/');
                let name_start = i + 1 + usize::from(closing);
                let name_len = bytes[name_start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let starts_name = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
                let name = String::from_utf8_lossy(&bytes[name_start..name_start + name_len])
                    .to_ascii_lowercase();
                // Inside `<script>` and the like, only their end tag is a tag.
                let in_text = self.verbatim.is_some_and(|v| !(closing && name == v));
                if starts_name && !in_text {
                    let index = VERBATIM.iter().position(|v| *v == name);
                    elements.push(format!("{}{name}", if closing { "/" } else { "" }));
                    self.state = State::Tag(index, closing);
                    return name_start + name_len;
                }
            }
            State::Text => {}
        }
        i + rest.first().map_or(1, |b| utf8_len(*b))
    }

    /// Enters or leaves verbatim element `VERBATIM[index]` at the end of its tag.
    fn enter(&mut self, index: Option<usize>, closing: bool) {
        let Some(index) = index else { return };
        let name = VERBATIM[index];
        match (name, closing) {
            ("pre", false) => self.pre_depth += 1,
            ("pre", true) => self.pre_depth = self.pre_depth.saturating_sub(1),
            (_, false) => self.verbatim = Some(name),
            (_, true) => self.verbatim = None,
        }
    }
}

/// The length of the UTF-8 sequence that starts with `byte` (1 for a continuation byte).
fn utf8_len(byte: u8) -> usize {
    match byte {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests;
