//! Feeds: well-formed RSS 2.0 (strict XML parser, and feedparser where installed), absolute and
//! stable links and guids, RFC 2822 dates, text shown as written.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::support::{TempBoard, clock, tree};
use jobsmith::{BuildOptions, build};

fn build_into(root: &Path, out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let options = BuildOptions {
        output: Some(out.to_path_buf()),
        ..BuildOptions::new(root, clock())
    };
    build(&options).expect("builds");
    tree(out)
}

/// (guid, link, pubDate, title, description) of every item.
fn items(xml: &str) -> Vec<[String; 5]> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let text = |item: roxmltree::Node, name: &str| {
        item.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            [
                text(item, "guid"),
                text(item, "link"),
                text(item, "pubDate"),
                text(item, "title"),
                text(item, "description"),
            ]
        })
        .collect()
}

#[test]
fn every_feed_is_well_formed_with_absolute_stable_unique_guids() {
    let sample = crate::support::sample_board();
    let root = sample.path();
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    let first = build_into(root, a.path());
    let second = build_into(root, b.path());
    let feeds: Vec<&String> = first.keys().filter(|k| k.ends_with("rss.xml")).collect();
    assert!(feeds.len() > 100, "a feed per group: {}", feeds.len());
    for path in feeds {
        let xml = String::from_utf8_lossy(&first[path]);
        assert_eq!(first[path], second[path], "{path} differs between builds");
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
        let channel = doc
            .descendants()
            .find(|n| n.has_tag_name("channel"))
            .expect("channel");
        for required in [
            "title",
            "link",
            "description",
            "language",
            "lastBuildDate",
            "ttl",
        ] {
            assert!(
                channel.children().any(|c| c.has_tag_name(required)),
                "{path}: no {required}"
            );
        }
        let self_link = channel
            .children()
            .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"));
        assert_eq!(
            self_link.and_then(|l| l.attribute("href")),
            Some(format!("https://example.org/{path}").as_str()),
            "{path}"
        );
        let items = items(&xml);
        assert!(items.len() <= 50);
        let guids: BTreeSet<&str> = items.iter().map(|i| i[0].as_str()).collect();
        assert_eq!(guids.len(), items.len(), "{path}: repeated guid");
        for [guid, link, date, _, _] in &items {
            assert!(
                guid.starts_with("https://example.org/jobs/") && guid == link,
                "{path}: {guid}"
            );
            chrono::DateTime::parse_from_rfc2822(date)
                .unwrap_or_else(|e| panic!("{path}: {date}: {e}"));
        }
    }
}

/// Items are written once per job and spliced into each feed: the result must be the bytes the
/// `rss` crate's own writer gives for the whole channel.
#[test]
fn spliced_feeds_are_what_the_rss_writer_gives_for_the_whole_channel() {
    let sample = crate::support::sample_board();
    let root = sample.path();
    let out = tempfile::tempdir().expect("temp dir");
    let site = build_into(root, out.path());
    let mut checked = 0;
    for (path, bytes) in site.iter().filter(|(k, _)| k.ends_with("rss.xml")) {
        let channel = rss::Channel::read_from(&bytes[..]).unwrap_or_else(|e| panic!("{path}: {e}"));
        if channel.items.len() < 2 {
            continue;
        }
        let mut again = channel
            .pretty_write_to(Vec::new(), b' ', 2)
            .expect("writes");
        again.push(b'\n');
        assert_eq!(
            String::from_utf8_lossy(&again),
            String::from_utf8_lossy(bytes),
            "{path}"
        );
        checked += 1;
    }
    assert!(checked > 10, "feeds with several items: {checked}");
}

#[test]
fn feeds_show_hostile_text_as_written() {
    let hostile = [
        "Ops & Dev <b>",
        "Ends ]]> here",
        "Emoji 🚀🦀",
        "مطور برمجيات",
        "\"quoted\" 'single'",
    ];
    let jobs: Vec<String> = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"title": t, "company": t, "location": "Berlin", "date": format!("2025-10-{:02}", 10 + i),
                "url": format!("https://e.example/{i}?a=1&b=2"), "description": format!("{t}\n\n<script>x</script> ]]> {t}")})
            .to_string()
        })
        .collect();
    let board = TempBoard::new(&[("content/jobs.jsonl", &jobs.join("\n"))]);
    let out = tempfile::tempdir().expect("temp dir");
    let files = build_into(board.root(), out.path());
    let xml = String::from_utf8_lossy(&files["rss.xml"]).into_owned();
    let items = items(&xml);
    assert_eq!(items.len(), hostile.len());
    for (item, text) in items.iter().zip(hostile.iter().rev()) {
        assert_eq!(item[3], format!("{text} at {text} (Berlin)"));
        // The description is HTML (as readers take it) holding only escaped text.
        assert!(!item[4].contains('<'), "markup in a summary: {:?}", item[4]);
        let shown = item[4]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        assert!(shown.contains(text), "{shown:?} lacks {text}");
        assert!(!shown.contains("<script"), "markup in a summary: {shown:?}");
    }
    let json: serde_json::Value = serde_json::from_slice(&files["feed.json"]).expect("JSON feed");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(
        json["items"][0]["title"],
        format!("{} at {} (Berlin)", hostile[4], hostile[4])
    );
}

#[test]
fn feeds_keep_max_items_and_leave_expired_jobs_out() {
    let jobs: Vec<String> = (0..8)
        .map(|i| {
            let through = if i == 0 { ",\"valid_through\":\"2025-10-01\"" } else { "" };
            format!("{{\"title\":\"Dev {i}\",\"company\":\"Acme\",\"location\":\"Berlin\",\"date\":\"2025-10-2{}\",\"url\":\"https://e.example/{i}\"{through}}}", i % 2)
        })
        .collect();
    let board = TempBoard::new(&[("content/jobs.jsonl", &jobs.join("\n"))]);
    board.write(
        "jobsmith.toml",
        &format!("{}[feeds]\nmax_items = 5\n", crate::support::CONFIG),
    );
    let out = tempfile::tempdir().expect("temp dir");
    let files = build_into(board.root(), out.path());
    for feed in ["rss.xml", "companies/acme/rss.xml", "types/on-site/rss.xml"] {
        let items = items(&String::from_utf8_lossy(&files[feed]));
        assert_eq!(items.len(), 5, "{feed}");
        assert!(
            items.iter().all(|i| !i[3].starts_with("Dev 0 ")),
            "{feed} lists the expired job"
        );
    }
}

#[test]
fn feedparser_reads_every_feed_without_complaint() {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/.venv/bin/python");
    if !crate::support::tools_present(if python.exists() {
        &[]
    } else {
        &["feedparser"]
    }) {
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let sample = crate::support::sample_board();
    let files = build_into(sample.path(), out.path());
    let feeds: Vec<_> = files
        .keys()
        .filter(|k| k.ends_with("rss.xml"))
        .map(|k| out.path().join(k))
        .collect();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/feedcheck.py");
    let output = Command::new(python)
        .arg(script)
        .args(&feeds)
        .output()
        .expect("run feedparser");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), feeds.len());
    for line in lines {
        assert_eq!(line["bozo"], 0, "{line}");
        let file = line["file"].as_str().expect("file");
        let items = std::fs::read_to_string(file)
            .expect("feed")
            .matches("<item>")
            .count();
        assert_eq!(line["entries"].as_u64(), Some(items as u64), "{line}");
    }
}

/// Each item carries the job: a plain-text summary (in RSS and the JSON Feed), the whole
/// description (sanitised) in RSS's `content:encoded`, and categories that say each thing
/// once (a job whose location is "Remote" is not filed under Remote twice).
#[test]
fn items_carry_the_job_and_say_each_category_once() {
    let sample = crate::support::sample_board();
    let root = sample.path();
    let out = tempfile::tempdir().expect("temp dir");
    let files = build_into(root, out.path());
    let xml = String::from_utf8_lossy(&files["rss.xml"]).into_owned();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let content = "http://purl.org/rss/1.0/modules/content/";
    let item = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .find(|i| {
            i.children().any(|c| {
                c.has_tag_name("link") && c.text().is_some_and(|t| t.contains("/jobs/offshorly-"))
            })
        })
        .expect("the Offshorly job, located \"Remote\"");
    let categories: Vec<&str> = item
        .children()
        .filter(|c| c.has_tag_name("category"))
        .filter_map(|c| c.text())
        .collect();
    assert_eq!(
        categories
            .iter()
            .filter(|c| c.eq_ignore_ascii_case("remote"))
            .count(),
        1,
        "{categories:?}"
    );
    let encoded = item
        .children()
        .find(|c| c.has_tag_name((content, "encoded")))
        .and_then(|c| c.text())
        .expect("content:encoded");
    assert!(
        encoded.contains("<p>") && !encoded.contains("<script"),
        "{encoded}"
    );
    let description = item
        .children()
        .find(|c| c.has_tag_name("description"))
        .and_then(|c| c.text())
        .expect("description");
    assert!(!description.contains("Remote · Remote"), "{description}");
    assert!(description.len() < encoded.len() && description.chars().count() < 500);
    let feed: serde_json::Value = serde_json::from_slice(&files["feed.json"]).expect("JSON Feed");
    let items = feed["items"].as_array().expect("items");
    let offshorly = items
        .iter()
        .find(|i| {
            i["url"]
                .as_str()
                .is_some_and(|u| u.contains("/jobs/offshorly-"))
        })
        .expect("the Offshorly job");
    let summary = offshorly["summary"].as_str().expect("summary");
    assert!(summary.starts_with("Offshorly") && !summary.contains("Remote · Remote"));
    // JSON Feed items stay plain text.
    assert!(offshorly.get("content_html").is_none());
}
