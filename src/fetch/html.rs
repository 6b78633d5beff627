//! Descriptions from the APIs, made into job-file bodies.
//!
//! The APIs give HTML (Greenhouse gives it HTML-escaped once more). It is sanitised here as a
//! description's raw HTML is at build time, so the files on disk hold nothing a page could not,
//! and written as one CommonMark HTML block: wrapped in `<div>` and without blank lines, so
//! that the markdown renderer passes it through whole instead of reading indented lines as code.

/// Undoes one layer of HTML escaping: `&lt;p&gt;` becomes `<p>`.
///
/// Only the escapes that can stand for markup (`<`, `>`, `&`, quotes) and numeric ones are
/// decoded: any other entity left over reads the same once the result is read as HTML.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((decode_entity(&rest[1..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
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

fn decode_entity(name: &str) -> Option<char> {
    let code = match name {
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "amp" => return Some('&'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ => name.strip_prefix('#')?,
    };
    let number = match code.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => code.parse().ok()?,
    };
    char::from_u32(number).filter(|c| *c != '\0')
}

/// The body of a job file for a description in HTML: sanitised, one HTML block.
pub fn body(description: &str) -> String {
    let clean = crate::markdown::sanitise_html(description);
    let lines: Vec<&str> = clean
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("<div>\n{}\n</div>\n", lines.join("\n"))
}

/// Plain text as HTML: escaped, a paragraph per blank-line-separated block.
pub fn from_text(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", crate::text::escape_html(p)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_one_layer_only() {
        assert_eq!(
            unescape(
                "&lt;p&gt;Caf&amp;eacute; &amp;lt;b&amp;gt; &#60;i&#x3E; &nbsp; AT&T&lt;/p&gt;"
            ),
            "<p>Caf&eacute; &lt;b&gt; <i> &nbsp; AT&T</p>"
        );
    }

    #[test]
    fn bodies_are_one_sanitised_html_block() {
        let body = body(
            "<h2>Role</h2>\n\n    <p>Build <script>alert(1)</script>things</p>\n\n<ul><li>Rust</li></ul>",
        );
        assert!(
            !body.contains("script") && !body.contains("alert"),
            "{body}"
        );
        assert!(!body.contains("\n\n"), "{body}");
        let html = crate::markdown::to_html(&body);
        assert!(html.contains("<h2>Role</h2>"), "{html}");
        assert!(
            html.contains("<li>Rust</li>") && !html.contains("<code>"),
            "{html}"
        );
    }
}
