//! Combined feeds (`[feeds] combinations`): one RSS feed per pair of groups that share a current
//! job, linked from both group pages; built by the real binary.

use crate::support::{CONFIG, TempBoard, build_board, stderr};

fn job(name: &str, workplace: &str, location: &str, skills: &str) -> (String, String) {
    let text = format!(
        "+++\ntitle = \"{name} Engineer\"\ncompany = \"Co {name}\"\nlocation = \"{location}\"\nworkplace = \"{workplace}\"\ndate = 2025-10-21\nurl = \"https://co.example/{name}\"\nskills = [{skills}]\n+++\n"
    );
    (format!("content/jobs/{name}.md"), text)
}

#[test]
fn each_pair_of_groups_with_a_shared_job_gets_a_feed_linked_from_both_pages() {
    let jobs = [
        job("a", "remote", "Berlin, Germany", "\"Rust\""),
        job("b", "remote", "Paris, France", "\"Rust\", \"Go\""),
        job("c", "on-site", "Berlin, Germany", "\"Rust\""),
    ];
    let files: Vec<(&str, &str)> = jobs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let board = TempBoard::new(&files);
    let config = format!(
        "{CONFIG}[feeds]\ncombinations = [[\"workplace\", \"skill\"], [\"country\", \"skill\"]]\n"
    );
    board.write("jobsmith.toml", &config);
    let out = build_board(&board);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = board.root().join("public");
    let feed = std::fs::read_to_string(public.join("feeds/types/remote/skills/rust/rss.xml"))
        .expect("remote Rust feed");
    let doc = roxmltree::Document::parse(&feed).expect("XML");
    let links: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .filter_map(|i| {
            i.children()
                .find(|c| c.has_tag_name("link"))
                .and_then(|l| l.text())
        })
        .collect();
    assert_eq!(links.len(), 2, "{feed}");
    assert!(
        links
            .iter()
            .all(|l| l.contains("/jobs/a/") || l.contains("/jobs/b/")),
        "{links:?}"
    );
    assert!(
        public
            .join("feeds/types/remote/skills/go/rss.xml")
            .is_file()
    );
    assert!(
        public
            .join("feeds/locations/germany/skills/rust/rss.xml")
            .is_file()
    );
    assert!(
        !public.join("feeds/types/on-site/skills/go").exists(),
        "no shared job, no feed"
    );
    for page in ["skills/rust/index.html", "types/remote/index.html"] {
        let html = std::fs::read_to_string(public.join(page)).expect("group page");
        assert!(
            html.contains("href=\"/feeds/types/remote/skills/rust/rss.xml\""),
            "{page}"
        );
    }
    let go = std::fs::read_to_string(public.join("skills/go/index.html")).expect("page");
    assert!(
        !go.contains("/feeds/types/on-site/"),
        "only the feeds it takes part in"
    );
}

#[test]
fn combinations_must_name_two_known_kinds() {
    let board = TempBoard::new(&[]);
    let config = format!("{CONFIG}[feeds]\ncombinations = [[\"workplace\", \"colour\"]]\n");
    board.write("jobsmith.toml", &config);
    let out = build_board(&board);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "jobsmith.toml:9:1: error: each of `feeds.combinations` must be two different kinds"
        ),
        "{}",
        stderr(&out)
    );
}
