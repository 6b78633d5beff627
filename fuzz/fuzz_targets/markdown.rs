//! Markdown rendering with sanitising: any text, no panic, and the HTML holds no script, no
//! event handler and no link or source but http, https and mailto.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = jobsmith::markdown::to_html(text);
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    check_tags(&html);
    jobsmith::markdown::summary(text, 280);
});

/// Reads every tag of the sanitiser's output (text holds no raw `<`, attribute values are
/// double-quoted) and checks its attributes.
fn check_tags(html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        check_attributes(&tag[..end]);
        rest = &tag[end..];
    }
}

fn check_attributes(tag: &str) {
    for part in tag.split('"').step_by(2) {
        for word in part.split_whitespace() {
            let name = word
                .trim_start_matches('<')
                .trim_end_matches('=')
                .to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler in {tag}");
            assert!(name != "style", "style attribute in {tag}");
        }
    }
    for attribute in ["href=\"", "src=\""] {
        if let Some(at) = tag.find(attribute) {
            let value = &tag[at + attribute.len()..];
            let value = value[..value.find('"').unwrap_or(value.len())].to_ascii_lowercase();
            let safe = ["http://", "https://", "mailto:"]
                .iter()
                .any(|scheme| value.starts_with(scheme));
            assert!(safe, "unsafe URL in {tag}");
        }
    }
}
