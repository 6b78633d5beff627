//! Properties checked on generated input (proptest): slugs are always safe and distinct, text
//! survives a README round trip, sanitised descriptions hold no script, JSON-LD holds no `<`.
//!
//! Strings come from two sources: any Unicode string, and strings built from pieces that are
//! hard to escape, which find the interesting cases far sooner. Case counts stay modest so the
//! suite stays fast; `PROPTEST_CASES` raises them for a longer run.

use proptest::prelude::*;

use jobsmith::import::{Format, parse};
use jobsmith::internals::slug::{Slugger, slugify};
use jobsmith::internals::table::{escape_cell, link_cell};

/// Pieces of text that break escaping, paths, markup and URLs.
const PIECES: [&str; 48] = [
    "..", "/", "\\", "\0", "\u{7}", "\u{1b}", "\n", "\r\n", "\t", " ", "|", "[", "]", "(", ")",
    "*", "_", "`", "~", "$", "&", "&amp;", "&#60;", "#", "<", ">", "\"", "'", "=", ":", "a", "Z",
    "9", "-", "CON", "com1", "é", "Ø", "🦀", "\u{200b}", "\u{202e}", "ﬀ", "ß", "שלום", "日本",
    "\u{fffe}", "www.", "http://",
];

/// Pieces of hostile markup for the sanitiser.
const MARKUP: [&str; 40] = [
    "<script>",
    "</script>",
    "<SCRIPT ",
    "<scr",
    "ipt>",
    "<img src=x ",
    "onerror=",
    " onload=",
    "alert(1)",
    "<a href=\"",
    "<a href=",
    "\">",
    ">",
    "<",
    "javascript:",
    "java\tscript:",
    "&#106;",
    "&#x6A;",
    "&colon;",
    "data:text/html,",
    "vbscript:",
    "//evil.example",
    "[x](",
    ")",
    "](",
    "<svg",
    "<math>",
    "<style>",
    "<iframe ",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "\n",
    "\n\n",
    "```\n",
    "`",
    "\"",
    "'",
    "> ",
];

/// 256 cases each, or `PROPTEST_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

fn pieces(from: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(from), 0..max).prop_map(|p| p.concat())
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), pieces(&PIECES, 24)]
}

/// Strings mostly of whitespace, breaks and control characters, now and then something visible.
fn blank_ish_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\s\\x00-\\x1f\\x7f-\\u{9f}\\u{2028}\\u{2029}\\u{fffe}\\u{ffff}]*",
        "[\\s\\x00-\\x1f\\u{85}\\u{fffe}]*[^\\s]?[\\s\\x00-\\x1f]*",
        hostile_string(),
    ]
}

/// Text as validation leaves it: on one line, trimmed, not empty.
fn field_text() -> impl Strategy<Value = String> {
    hostile_string()
        .prop_map(|s| jobsmith::internals::text::one_line(&s).trim().to_string())
        .prop_filter("empty after cleaning", |s| !s.is_empty())
}

fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.contains("..")
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn blank_text_is_what_cleaning_leaves_empty(text in blank_ish_string()) {
        prop_assert_eq!(
            jobsmith::internals::text::is_blank(&text),
            jobsmith::internals::text::one_line(&text).trim().is_empty(),
            "{:?}", text
        );
    }

    #[test]
    fn any_string_slugs_to_a_safe_bounded_name(text in hostile_string()) {
        let slug = slugify(&text);
        prop_assert!(is_safe_slug(&slug), "{text:?} gave {slug:?}");
        prop_assert!(slug.len() <= 80, "{slug:?} is {} long", slug.len());
        // A slug is its own slug: a name that is already a slug keeps it.
        prop_assert_eq!(slugify(&slug), slug.clone(), "{:?}", text);
    }

    #[test]
    fn distinct_names_keep_distinct_slugs(names in prop::collection::btree_set(hostile_string(), 1..24)) {
        let mut slugger = Slugger::new();
        let slugs: Vec<String> = names.iter().map(|n| slugger.assign(n)).collect();
        let distinct: std::collections::BTreeSet<&String> = slugs.iter().collect();
        prop_assert_eq!(distinct.len(), names.len(), "{:?}", slugs);
        for slug in &slugs {
            prop_assert!(is_safe_slug(slug) && slug.len() <= 80 + 4, "{slug:?}");
        }
    }

    #[test]
    fn text_survives_a_readme_round_trip(
        title in field_text(),
        company in field_text(),
        location in field_text(),
        linked in any::<bool>(),
    ) {
        let company_url = linked.then_some("https://acme.example/?a=1&b=2");
        let row = format!(
            "| {} | {} | {} | Remote | Oct 20 |",
            link_cell(&company, company_url),
            link_cell(&title, Some("https://jobs.example/1?utm_source=x")),
            escape_cell(&location),
        );
        let readme = format!(
            "# Jobs — 2025-10-22\n\n| Company | Position | Location | Type | Date |\n| --- | --- | --- | --- | --- |\n{row}\n"
        );
        let parsed = parse("README.md", &readme, Format::JobrReadme, None);
        prop_assert!(parsed.problems.is_empty(), "{:?} from {row}", parsed.problems);
        prop_assert_eq!(parsed.jobs.len(), 1);
        let job = &parsed.jobs[0];
        prop_assert_eq!(&job.title, &title, "row {}", row);
        prop_assert_eq!(&job.company, &company, "row {}", row);
        prop_assert_eq!(&job.location, &location, "row {}", row);
        prop_assert_eq!(job.company_url.as_deref(), company_url);
        prop_assert_eq!(&job.url, "https://jobs.example/1");
    }

    #[test]
    fn sanitised_markdown_holds_no_script_handler_or_unsafe_link(
        markdown in prop_oneof![any::<String>(), pieces(&MARKUP, 40)],
    ) {
        let html = jobsmith::internals::markdown::to_html(&markdown);
        prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{markdown:?} gave {html}");
        let findings = crate::scan::html_tokens(&html);
        prop_assert!(findings.is_empty(), "{markdown:?} gave {html}: {findings:?}");
    }

    #[test]
    fn script_safe_json_holds_no_angle_bracket(text in hostile_string()) {
        let json = serde_json::json!({ "description": text });
        let safe = jobsmith::internals::jsonld::script_safe(&json);
        prop_assert!(!safe.contains('<') && !safe.contains('>'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        prop_assert_eq!(back["description"].as_str(), Some(text.as_str()));
    }
}
