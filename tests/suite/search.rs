//! The index page's search, driven in headless Chromium (`tests/browser/search.mjs`) on a board of
//! 30 jobs, five a page, under a base URL with a path (their display data spans two chunks). Needs the tools `browser.rs` needs; skips
//! without them outside CI.

use serde_json::{Value, json};

use crate::browser::{tools_dir, tools_ready, vnu_errors};
use crate::support::{TempBoard, clock};
use jobsmith::{BuildOptions, build};

const CONFIG: &str = "title = \"Search Board\"\nbase_url = \"https://jobs.example.org/board/\"\nper_page = 5\nexpire_after_days = 0\n[readme]\nenabled = false\n[archive]\nenabled = false\n";

/// (title, company, location, workplace, skills), newest first: job N is posted N days before
/// 30 Sep 2025, so the listing keeps this order and page 1 shows the first five.
#[rustfmt::skip]
const JOBS: [(&str, &str, &str, &str, &[&str]); 30] = [
    ("Backend Engineer", "Acme", "Berlin, Germany", "on-site", &["Go"]),
    ("Frontend Developer", "Bolt", "Paris, France", "remote", &["React"]),
    ("Platform Engineer", "Cirrus", "Amsterdam, Netherlands", "on-site", &["Kubernetes", "Terraform"]),
    ("Data Engineer", "Delta", "London, United Kingdom", "hybrid", &["Python"]),
    ("Java Developer", "Edelweiss", "München, Germany", "on-site", &["Java"]),
    ("Mobile Engineer", "Fjord", "Oslo, Norway", "remote", &["Swift"]),
    ("QA Engineer", "Gamma", "Madrid, Spain", "on-site", &["Python"]),
    ("Kubernetes Engineer", "Helix", "Lisbon, Portugal", "on-site", &["Go", "Kubernetes"]),
    ("Software Engineer", "Iota", "Warsaw, Poland", "on-site", &["Java"]),
    ("Support Engineer", "Jade", "Dublin, Ireland", "remote", &["Linux"]),
    ("Security Engineer", "Lumen", "Vienna, Austria", "on-site", &["Rust"]),
    ("Ruby Engineer", "Mango", "Prague, Czechia", "hybrid", &["Ruby"]),
    ("Site Reliability Engineer", "Kappa", "Remote", "remote", &["Kubernetes", "AWS"]),
    ("Network Engineer", "Nimbus", "Rome, Italy", "on-site", &["Linux"]),
    ("Embedded Engineer", "Orbit", "Zurich, Switzerland", "on-site", &["C"]),
    ("Systems Engineer", "Pixel", "Stockholm, Sweden", "on-site", &["Go"]),
    ("Game Engineer", "Quartz", "Helsinki, Finland", "remote", &["C++"]),
    ("Cloud Engineer", "Radius", "Brussels, Belgium", "on-site", &["AWS"]),
    ("Senior Kubernetes SRE", "Sigma", "München, Germany", "hybrid", &["Kubernetes"]),
    ("Search Engineer", "Tango", "Oslo, Norway", "on-site", &["Java"]),
    ("Build Engineer", "Umbra", "Madrid, Spain", "on-site", &["Python"]),
    ("Test Engineer", "Vertex", "Paris, France", "on-site", &["Python"]),
    ("Audio Engineer", "Wave", "Berlin, Germany", "on-site", &["C++"]),
    ("Release Engineer", "Xenon", "Lisbon, Portugal", "on-site", &["Go"]),
    ("Data Analyst", "Yak", "Oslo, Norway", "on-site", &["SQL"]),
    ("BI Analyst", "Zest", "Oslo, Norway", "on-site", &["SQL"]),
    ("Data Analyst", "Alto", "Paris, France", "on-site", &["SQL"]),
    ("Kubernetes Administrator", "Coda", "Lima, Peru", "on-site", &["Kubernetes"]),
    ("Product Analyst", "Bravo", "Lima, Peru", "on-site", &["SQL"]),
    ("Data Analyst", "Dune", "Lima, Peru", "on-site", &["SQL"]),
];

/// Salaries of the first jobs: the filter and the sort read them yearly, in euros (the main
/// currency); the dollar one is left out of both.
const SALARIES: [Option<&str>; 6] = [
    Some("90k-110k EUR"),
    Some("8000 EUR/month"),
    None,
    Some("150k USD"),
    Some("60 EUR/hour"),
    Some("70k EUR"),
];

fn board() -> TempBoard {
    let jobs: Vec<Value> = JOBS
        .iter()
        .enumerate()
        .map(|(n, (title, company, location, workplace, skills))| {
            json!({
                "title": title, "company": company, "location": location,
                "workplace": workplace, "skills": skills,
                "date": format!("2025-09-{:02}", 30 - n),
                "url": format!("https://example.org/apply/{n}"),
                "salary": SALARIES.get(n).copied().flatten(),
                "description": if n == 9 { "You keep our *Zanzibar* cluster healthy." } else { "" },
            })
        })
        .collect();
    let board = TempBoard::new(&[("content/jobs.json", &json!(jobs).to_string())]);
    board.write("jobsmith.toml", CONFIG);
    board
}

fn titles(seen: &Value) -> Vec<&str> {
    seen["titles"]
        .as_array()
        .expect("titles")
        .iter()
        .map(|t| t.as_str().expect("title"))
        .collect()
}

#[test]
fn search_finds_jobs_across_the_board() {
    if !tools_ready(&[
        "node",
        "chromium",
        "axe-core",
        "playwright-core",
        "java",
        "vnu-jar",
    ]) {
        return;
    }
    let board = board();
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let options = BuildOptions {
        output: Some(site.clone()),
        ..BuildOptions::new(board.root(), clock())
    };
    build(&options).expect("board builds");
    let dom = out.path().join("dom");
    std::fs::create_dir_all(&dom).expect("mkdir");
    let output = std::process::Command::new("node")
        .arg(tools_dir().join("search.mjs"))
        .args([site.as_os_str(), "/board/".as_ref(), dom.as_os_str()])
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "search.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("report JSON");

    assert_eq!(report["initial"]["status"], "");
    assert_eq!(report["initial"]["listingVisible"], true);
    // Title matches first, newer first; four of the five are beyond page 1, one in the second
    // chunk of documents.
    let kubernetes = &report["kubernetes"];
    assert_eq!(
        titles(kubernetes),
        [
            "Kubernetes Engineer",
            "Senior Kubernetes SRE",
            "Kubernetes Administrator",
            "Platform Engineer",
            "Site Reliability Engineer"
        ]
    );
    assert_eq!(kubernetes["status"], "5 jobs match “kubernetes”.");
    assert_eq!(kubernetes["listingVisible"], false);
    assert_eq!(kubernetes["url"], "/board/?q=kubernetes");
    assert!(
        kubernetes["links"][0]
            .as_str()
            .expect("link")
            .starts_with("/board/jobs/")
    );
    assert!(
        report["links_resolve"]
            .as_array()
            .expect("statuses")
            .iter()
            .all(|s| s == 200),
        "{}",
        report["links_resolve"]
    );

    assert!(titles(&report["nothing"]).is_empty());
    assert_eq!(report["nothing"]["status"], "No jobs match “zzyzx”.");
    assert_eq!(
        titles(&report["munchen"]),
        ["Java Developer", "Senior Kubernetes SRE"]
    );
    assert_eq!(titles(&report["accented"]), ["Senior Kubernetes SRE"]);

    let remote = &report["remote"];
    assert_eq!(titles(remote), ["Site Reliability Engineer"]);
    assert_eq!(remote["status"], "1 job matches “kubernetes”, Remote.");
    assert_eq!(remote["url"], "/board/?q=kubernetes&workplace=remote");
    // Back undoes the filter, not the whole search.
    assert_eq!(report["back"]["url"], "/board/?q=kubernetes");
    assert_eq!(report["back"]["workplace"], "");
    assert_eq!(titles(&report["back"]).len(), 5);

    // One letter: 22 jobs have a word starting with "e"; 20 shown, then the rest on demand.
    assert_eq!(report["one_letter"]["status"], "22 jobs match “e”.");
    assert_eq!(titles(&report["one_letter"]).len(), 20);
    assert_eq!(report["one_letter"]["more"], true);
    let more = &report["show_more"];
    assert_eq!(titles(more).len(), 22);
    assert_eq!(more["more"], false);
    assert_eq!(more["focused"], titles(more)[20]);

    assert_eq!(report["cleared"]["status"], "");
    assert_eq!(report["cleared"]["listingVisible"], true);
    assert_eq!(report["cleared"]["url"], "/board/");
    assert_eq!(report["keyboard_focus"], "Kubernetes Engineer");

    let restored = &report["restored"];
    assert_eq!(restored["q"], "kubernetes");
    assert_eq!(restored["workplace"], "remote");
    assert_eq!(titles(restored), ["Site Reliability Engineer"]);
    assert_eq!(report["restored_country"]["country"], "germany");
    assert_eq!(
        titles(&report["restored_country"]),
        ["Senior Kubernetes SRE"]
    );
    assert_eq!(report["page_errors"], json!([]));

    assert_eq!(titles(&report["described"]), ["Support Engineer"]);
    // 110k, 124.8k (60 an hour); not 96k (8,000 a month), the 150k in dollars, nor 70k.
    let salary = &report["salary"];
    assert_eq!(
        titles(salary),
        ["Backend Engineer", "Java Developer"],
        "{salary}"
    );
    assert_eq!(salary["status"], "2 jobs match 100k EUR a year or more.");
    assert_eq!(
        titles(&report["by_pay"]),
        ["Java Developer", "Backend Engineer"]
    );
    assert_eq!(report["by_date"]["url"], "/board/?salary=100000&sort=new");
    assert_eq!(
        titles(&report["by_date"]),
        ["Backend Engineer", "Java Developer"]
    );
    assert_eq!(report["salary_options"][0], "Any salary");
    assert_eq!(report["salary_options"][1], "20k EUR+");
    assert_eq!(report["same_row"], "same");
    for name in ["company", "page_two"] {
        assert_eq!(
            titles(&report[name]),
            titles(kubernetes),
            "search from {name}"
        );
    }

    // The same search from a company page: the whole board, a word of a description, the pay
    // order (not the listing's) and the salary floor; the address keeps the company page.
    assert_eq!(titles(&report["company_described"]), ["Support Engineer"]);
    assert_eq!(
        titles(&report["company_developer"]),
        ["Frontend Developer", "Java Developer"]
    );
    let by_pay = &report["company_by_pay"];
    assert_eq!(titles(by_pay), ["Java Developer", "Frontend Developer"]);
    assert_eq!(
        by_pay["url"],
        "/board/companies/helix/?q=developer&sort=pay"
    );
    let salary = &report["company_salary"];
    assert_eq!(titles(salary), ["Java Developer"]);
    assert_eq!(
        salary["status"],
        "1 job matches “developer”, 100k EUR a year or more."
    );
    // Typing without a pause leaves no prefix's results behind.
    assert_eq!(titles(&report["typed_fast"]), titles(kubernetes));
    assert_eq!(report["typed_fast"]["status"], kubernetes["status"]);

    for (view, violations) in report["axe"].as_object().expect("axe results") {
        assert_eq!(violations, &json!([]), "axe violations in {view}");
    }
    assert_eq!(report["axe"].as_object().expect("axe").len(), 4);
    assert_eq!(
        report["before_script"],
        json!({"formVisible": true, "scriptRan": false})
    );
    assert_eq!(report["without_js"]["formVisible"], false);
    assert_eq!(report["without_js"]["listingJobs"], 5);

    let errors = vnu_errors(&dom);
    assert!(
        errors.is_empty(),
        "the page with results:\n{}",
        errors.join("\n")
    );
}
