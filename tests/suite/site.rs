//! The website: every link resolves, JSON-LD is complete, every group has its pages and feeds.

use std::collections::BTreeMap;

use crate::support::{clock, fixture, tree};
use jobsmith::{BuildOptions, build};

/// Builds the sample board with `base_url` into a temporary folder; returns the folder and files.
fn build_sample(base_url: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    build_sample_at(base_url, clock())
}

/// `build_sample`, with the clock at `now`.
fn build_sample_at(
    base_url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let out = crate::support::sample_board();
    let root = out.path();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        base_url: Some(base_url.to_string()),
        ..BuildOptions::new(root, now)
    };
    build(&options).expect("sample builds");
    let files = tree(&out.path().join("public"));
    (out, files)
}

/// Values of `href` and `src` attributes, quoted or not (minified pages drop quotes).
fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=", " src="] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>', '\n']).next().unwrap_or(""),
            };
            found.push(value.replace("&amp;", "&"));
        }
    }
    found
}

/// Checks that every internal link of every HTML page names a file of the output.
fn assert_links_resolve(base_url: &str) {
    let (_dir, files) = build_sample(base_url);
    assert_files_link_within(base_url, &files);
}

/// Checks that every internal link of every HTML page of `files` names one of them.
fn assert_files_link_within(base_url: &str, files: &BTreeMap<String, Vec<u8>>) {
    let base_path = jobsmith::internals::site::base_path(base_url);
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            let local = if let Some(rest) = link.strip_prefix(base_url) {
                rest.to_string()
            } else if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            } else if let Some(fragment) = link.strip_prefix('#') {
                assert!(
                    html.contains(&format!("id={fragment}"))
                        || html.contains(&format!("id=\"{fragment}\"")),
                    "{path}: no #{fragment}"
                );
                continue;
            } else {
                let rest = link
                    .strip_prefix(&base_path)
                    .unwrap_or_else(|| panic!("{path}: {link} is outside {base_path}"));
                rest.to_string()
            };
            let local = local.split('#').next().unwrap_or("");
            let file = if local.is_empty() || local.ends_with('/') {
                format!("{local}index.html")
            } else {
                local.to_string()
            };
            assert!(
                files.contains_key(&file),
                "{path}: {link} names no file ({file})"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn every_link_resolves_at_a_domain_root() {
    assert_links_resolve("https://jobs.example.org/");
}

#[test]
fn every_link_resolves_under_a_path() {
    assert_links_resolve("https://user.github.io/board/");
}

/// Months later, some companies, places and skills have only expired jobs: the expired jobs'
/// pages still link to them, so their pages (and feeds) stay, empty, but no index or sitemap
/// lists them.
#[test]
fn every_link_resolves_once_jobs_have_expired() {
    let base_url = "https://jobs.example.org/";
    let later = jobsmith::parse_clock("2026-11-28T00:00:00Z").expect("clock");
    let (_dir, files) = build_sample_at(base_url, later);
    assert_files_link_within(base_url, &files);
    let (_dir, before) = build_sample(base_url);
    let page = |files: &BTreeMap<String, Vec<u8>>, path: &str| {
        String::from_utf8_lossy(&files[path]).into_owned()
    };
    // Earnix's one job expired: its page stays, saying that nothing is open.
    let earnix = "jobs/earnix-backend-developer-maternity-leave-replacement-9-month/index.html";
    assert!(page(&files, earnix).contains("This position is no longer open."));
    assert!(page(&before, "companies/index.html").contains("/companies/earnix/"));
    let company = page(&files, "companies/earnix/index.html");
    assert!(
        company.contains("No open positions right now."),
        "{company}"
    );
    assert!(!page(&files, "companies/index.html").contains("/companies/earnix/"));
    assert!(!page(&files, "sitemap.xml").contains("/companies/earnix/"));
    assert!(!page(&files, "companies/earnix/rss.xml").contains("<item>"));
}

/// The JSON-LD of a page, if it has one.
fn json_ld(html: &str) -> Option<serde_json::Value> {
    let start = html.find("application/ld+json")?;
    let body = &html[start..];
    let open = body.find('>')? + 1;
    let close = body.find("</script>")?;
    Some(serde_json::from_str(&body[open..close]).expect("JSON-LD parses"))
}

#[test]
fn every_current_job_page_has_complete_job_posting_data() {
    let (_dir, files) = build_sample("https://jobs.example.org/");
    let mut pages = 0;
    let job_pages = files
        .iter()
        .filter(|(p, _)| p.starts_with("jobs/") && p.ends_with(".html"));
    for (path, bytes) in job_pages {
        let html = String::from_utf8_lossy(bytes);
        let data = json_ld(&html).unwrap_or_else(|| panic!("{path} has no JSON-LD"));
        assert_eq!(data["@type"], "JobPosting");
        for key in [
            "title",
            "description",
            "datePosted",
            "hiringOrganization",
            "identifier",
        ] {
            assert!(!data[key].is_null(), "{path}: no {key}");
        }
        assert!(
            !data["jobLocation"].is_null() || data["jobLocationType"] == "TELECOMMUTE",
            "{path}: no location"
        );
        assert_eq!(data["hiringOrganization"]["@type"], "Organization");
        pages += 1;
    }
    assert_eq!(pages, 50);
}

#[test]
fn job_posting_data_carries_address_salary_and_remote_requirements() {
    let (_dir, files) = build_sample("https://jobs.example.org/");
    let page = |slug: &str| {
        String::from_utf8_lossy(&files[&format!("jobs/{slug}/index.html")]).into_owned()
    };
    let schreder = json_ld(&page("schreder-backend-developer")).expect("json-ld");
    assert_eq!(schreder["jobLocation"]["address"]["addressCountry"], "PT");
    assert_eq!(schreder["baseSalary"]["currency"], "EUR");
    assert_eq!(schreder["employmentType"], "FULL_TIME");
    let varicent = "jobs/varicent-sr-cloud-backend-developer-remote-mexico-only/index.html";
    let remote = json_ld(&String::from_utf8_lossy(&files[varicent])).expect("json-ld");
    assert_eq!(remote["jobLocationType"], "TELECOMMUTE");
    assert_eq!(remote["applicantLocationRequirements"]["name"], "Mexico");
    assert_eq!(remote["validThrough"], "2025-12-31T23:59:59Z");
}

#[test]
fn expired_jobs_keep_their_page_with_a_posting_valid_through_the_past() {
    let out = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        output: Some(out.path().to_path_buf()),
        ..BuildOptions::new(fixture("forms"), clock())
    };
    build(&options).expect("builds");
    let expired = std::fs::read_to_string(out.path().join("jobs/yaml-job/index.html"))
        .expect("expired page stays");
    assert!(expired.contains("This position is no longer open."));
    // Search engines drop a posting whose validThrough has passed.
    let posting = json_ld(&expired).expect("expired page keeps its JSON-LD");
    let valid_through = posting["validThrough"].as_str().expect("validThrough");
    assert!(
        valid_through < clock().to_rfc3339().as_str(),
        "{valid_through} is not in the past"
    );
    let files = tree(out.path());
    let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]);
    assert!(
        !sitemap.contains("/jobs/yaml-job/"),
        "expired job in the sitemap"
    );
    assert!(sitemap.contains("/jobs/toml-job/"));
    for (path, bytes) in &files {
        if path.ends_with(".xml") || (path.ends_with("index.html") && !path.starts_with("jobs/")) {
            assert!(
                !String::from_utf8_lossy(bytes).contains("Frontend Developer"),
                "{path} lists the expired job"
            );
        }
    }
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let board = crate::support::TempBoard::new(&[(
        "content/jobs/x.md",
        "+++\ntitle = \"</script><script>alert(1)</script>\"\ncompany = \"A & B <i>\"\nlocation = \"Berlin\"\ndate = 2025-10-20\nurl = \"https://a.example/\"\n+++\n",
    )]);
    for minify in [false, true] {
        let options = BuildOptions {
            minify: Some(minify),
            ..BuildOptions::new(board.root(), clock())
        };
        build(&options).expect("builds");
        let html =
            std::fs::read_to_string(board.root().join("public/jobs/x/index.html")).expect("page");
        if !minify {
            // Minified pages may keep `<` raw where HTML reads it as text (in <title>, in quoted
            // attributes); the plain page must not hold it at all.
            // The JSON-LD, and the site's own script (relative dates).
            assert_eq!(html.matches("<script").count(), 2, "{html}");
            assert_eq!(
                html.matches("<script defer src=\"/search.").count(),
                1,
                "only the JSON-LD script element and the site's script"
            );
        }
        let data = json_ld(&html).expect("json-ld");
        assert_eq!(data["title"], "</script><script>alert(1)</script>");
        assert!(
            html.contains("<h1>&lt;/script>&lt;script>")
                || html.contains("<h1>&lt;/script&gt;&lt;script&gt;"),
            "{html}"
        );
    }
}

#[test]
fn every_group_has_its_pages_and_feeds() {
    let (_dir, files) = build_sample("https://jobs.example.org/");
    for required in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "rss.xml",
        "feed.json",
        "companies/index.html",
        "locations/index.html",
        "skills/index.html",
        "types/remote/index.html",
        "types/on-site/index.html",
        "types/hybrid/index.html",
        "types/remote/rss.xml",
        "companies/oracle/index.html",
        "companies/oracle/rss.xml",
        "locations/germany/index.html",
        "locations/munich-germany/index.html",
        "skills/java/index.html",
        "skills/java/rss.xml",
    ] {
        assert!(files.contains_key(required), "{required} missing");
    }
    let robots = String::from_utf8_lossy(&files["robots.txt"]);
    assert!(robots.contains("Sitemap: https://jobs.example.org/sitemap.xml"));
    let companies = String::from_utf8_lossy(&files["companies/index.html"]);
    assert!(
        companies.contains("Oracle</a> <span class=count>2</span>"),
        "counts on the companies index"
    );
}

/// Every page of every listing has the search box; other pages load the script (for their
/// relative dates) but have no box.
#[test]
fn every_listing_page_has_the_search_box() {
    let (_dir, files) = build_sample("https://example.org/");
    let page = |path: &str| String::from_utf8_lossy(&files[path]).into_owned();
    for path in [
        "index.html",
        "page/2/index.html",
        "companies/oracle/index.html",
        "locations/germany/index.html",
        "types/remote/index.html",
        "skills/java/index.html",
    ] {
        let listing = page(path);
        assert!(listing.contains("data-index"), "{path} has no search box");
        assert!(listing.contains("/search."), "{path} loads the script");
    }
    for path in [
        "jobs/schreder-backend-developer/index.html",
        "companies/index.html",
    ] {
        let other = page(path);
        assert!(!other.contains("data-index"), "{path} has a search box");
        assert!(other.contains("/search."), "{path} loads the script");
    }
}
