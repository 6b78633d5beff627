//! The aggregator feed (`feeds/indeed.xml`, the Indeed XML format): built by the real binary from
//! the forms fixture, parsed strictly, one `<job>` per current job with every required element.

use std::collections::BTreeSet;

use crate::check::forms_board;
use crate::support::{TempBoard, jobsmith, stderr};

fn build(board: &TempBoard) -> std::path::PathBuf {
    let root = board.root().to_str().expect("utf-8");
    let out = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    board.root().join("public")
}

/// (element name, text) of each child of each `<job>`.
fn jobs(xml: &str) -> Vec<Vec<(String, String)>> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let source = doc.root_element();
    assert_eq!(source.tag_name().name(), "source");
    source
        .children()
        .filter(|n| n.has_tag_name("job"))
        .map(|job| {
            job.children()
                .filter(|n| n.is_element())
                .map(|n| {
                    let text: String = n.children().filter_map(|c| c.text()).collect();
                    (n.tag_name().name().to_string(), text)
                })
                .collect()
        })
        .collect()
}

fn value<'a>(job: &'a [(String, String)], name: &str) -> Option<&'a str> {
    job.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[test]
fn the_forms_fixture_feed_holds_one_job_per_current_job_with_every_required_element() {
    let board = forms_board(&[]);
    let public = build(&board);
    let xml = std::fs::read_to_string(public.join("feeds/indeed.xml")).expect("feed written");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let head: Vec<&str> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element() && !n.has_tag_name("job"))
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(head, ["publisher", "publisherurl", "lastBuildDate"]);
    let jobs = jobs(&xml);
    // Current on 2025-10-22: the TOML, JSON, JSONL and first CSV jobs; the YAML job expired and
    // the second CSV row is a draft.
    assert_eq!(jobs.len(), 4, "{xml}");
    let mut references = BTreeSet::new();
    for job in &jobs {
        for name in [
            "title",
            "date",
            "referencenumber",
            "url",
            "company",
            "description",
        ] {
            assert!(
                value(job, name).is_some_and(|v| !v.is_empty()),
                "{name} in {job:?}"
            );
        }
        assert!(references.insert(value(job, "referencenumber").expect("id").to_string()));
        let url = value(job, "url").expect("url");
        let page = url
            .strip_prefix("https://jobs.example.org/board/")
            .expect("on the board");
        assert!(public.join(page).join("index.html").is_file(), "{url}");
        assert!(!value(job, "description").expect("text").contains("<script"));
    }
    assert!(!xml.contains("Schréder"), "the expired job is left out");
    let rust = jobs
        .iter()
        .find(|j| value(j, "title") == Some("Rust Engineer"))
        .expect("toml job");
    assert_eq!(value(rust, "city"), Some("München"));
    assert_eq!(value(rust, "country"), Some("DE"));
    assert_eq!(value(rust, "jobtype"), Some("fulltime"));
    assert_eq!(value(rust, "remotetype"), Some("Hybrid remote"));
    assert_eq!(value(rust, "salary"), Some("70k–90k EUR a year"));
    assert_eq!(value(rust, "expirationdate"), Some("2025-11-20"));
    assert_eq!(value(rust, "date"), Some("2025-10-21T00:00:00Z"));
    let data = jobs
        .iter()
        .find(|j| value(j, "title") == Some("Data Engineer"))
        .expect("json job");
    assert_eq!(value(data, "remotetype"), Some("Fully remote"));
}

#[test]
fn text_that_ends_cdata_cannot_break_out_of_it() {
    let job = "+++\ntitle = \"Breaker ]]><evil/>\"\ncompany = \"C ]]> Co\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-21\nurl = \"https://c.example/job\"\n+++\n\nText `]]><injected/>` and ]]> more.\n";
    let board = TempBoard::new(&[("content/jobs/breaker.md", job)]);
    let public = build(&board);
    let xml = std::fs::read_to_string(public.join("feeds/indeed.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    assert!(
        doc.descendants()
            .all(|n| !n.has_tag_name("evil") && !n.has_tag_name("injected"))
    );
    let jobs = jobs(&xml);
    assert_eq!(value(&jobs[0], "title"), Some("Breaker ]]><evil/>"));
    assert_eq!(value(&jobs[0], "company"), Some("C ]]> Co"));
    assert!(
        value(&jobs[0], "description")
            .expect("d")
            .contains("]]&gt;<injected/>")
            || value(&jobs[0], "description")
                .expect("d")
                .contains("]]&gt;&lt;injected/&gt;")
    );
}

#[test]
fn the_feed_can_be_renamed_or_turned_off() {
    let renamed = TempBoard::new(&[(
        "content/jobs/a.md",
        "+++\ntitle = \"A\"\ncompany = \"C\"\nlocation = \"Remote\"\ndate = 2025-10-21\nurl = \"https://c.example/a\"\n+++\n",
    )]);
    let config = format!(
        "{}[feeds.aggregator]\noutput = \"jobs.xml\"\n",
        crate::support::CONFIG
    );
    renamed.write("jobsmith.toml", &config);
    let public = build(&renamed);
    assert!(public.join("jobs.xml").is_file() && !public.join("feeds/indeed.xml").exists());
    let off = format!(
        "{}[feeds.aggregator]\nenabled = false\n",
        crate::support::CONFIG
    );
    renamed.write("jobsmith.toml", &off);
    let public = build(&renamed);
    assert!(!public.join("jobs.xml").exists() && !public.join("feeds").exists());
    let bad = format!(
        "{}[feeds.aggregator]\noutput = \"../escape.xml\"\n",
        crate::support::CONFIG
    );
    renamed.write("jobsmith.toml", &bad);
    let root = renamed.root().to_str().expect("utf-8");
    let out = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`feeds.aggregator.output` must be a relative path"),
        "{}",
        stderr(&out)
    );
}

/// The Jooble and Careerjet templates of `examples/feeds/`, put in a board's `templates/feeds/`,
/// give well-formed feeds of the same current jobs, escaped.
#[test]
fn other_aggregators_formats_are_templates_a_board_adds() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/feeds");
    let mut files = Vec::new();
    for name in ["jooble.xml", "careerjet.xml"] {
        let text = std::fs::read_to_string(examples.join(name)).expect("example");
        files.push((format!("templates/feeds/{name}"), text));
    }
    let hostile = "+++\ntitle = \"<b>Bold</b> & ]]> co\"\ncompany = \"C\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-21\nurl = \"https://c.example/job\"\n+++\n";
    let board = forms_board(&[("content/jobs/hostile.md", hostile)]);
    for (path, text) in &files {
        board.write(path, text);
    }
    let public = build(&board);
    for (name, item) in [("jooble.xml", "name"), ("careerjet.xml", "title")] {
        let xml = std::fs::read_to_string(public.join("feeds").join(name)).expect("written");
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name(item))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(titles.len(), 5, "{name}: {xml}");
        assert!(
            titles.contains(&"<b>Bold</b> & ]]> co"),
            "{name}: {titles:?}"
        );
        assert!(doc.descendants().all(|n| !n.has_tag_name("b")));
    }
}

#[test]
fn a_template_at_the_feeds_own_path_replaces_the_built_in_feed() {
    let template = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>{% for job in jobs %}<job>{{ job.title }}</job>{% endfor %}</source>\n";
    let board = forms_board(&[("templates/feeds/indeed.xml", template)]);
    let public = build(&board);
    let xml = std::fs::read_to_string(public.join("feeds/indeed.xml")).expect("feed");
    assert!(
        xml.starts_with("<?xml") && xml.contains("<job>Rust Engineer</job>"),
        "{xml}"
    );
    assert!(
        !xml.contains("referencenumber"),
        "the template's feed, not the built-in one: {xml}"
    );
}
