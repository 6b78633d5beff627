//! Who may apply from where: `remote_from` and `visa_sponsorship` in every input format, the
//! board's `[dataset] remote_from`, their JSON-LD and job page, and the warnings for names
//! nothing knows.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{CONFIG, TempBoard, clock};
use jobsmith::outcome::Summary;
use jobsmith::{BuildOptions, build};

fn built(board: &TempBoard) -> Summary {
    build(&BuildOptions::new(board.root(), clock())).unwrap_or_else(|e| {
        match e.downcast_ref::<jobsmith::outcome::InvalidInput>() {
            Some(invalid) => panic!("{:?}", invalid.problems),
            None => panic!("{e:#}"),
        }
    })
}

fn page(root: &Path, id: &str) -> String {
    let path = root.join(format!("public/jobs/{id}/index.html"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_ld(html: &str) -> Value {
    let start = html.find("application/ld+json").expect("JSON-LD");
    let body = &html[start..];
    let open = body.find('>').expect("open") + 1;
    let close = body.find("</script>").expect("close");
    serde_json::from_str(&body[open..close]).expect("JSON-LD parses")
}

fn germany_and_emea() -> Value {
    json!([
        {"@type": "Country", "name": "Germany"},
        {"@type": "AdministrativeArea", "name": "EMEA"}
    ])
}

/// The same job in each format the loaders read, each naming Germany and EMEA.
fn every_format() -> Vec<(&'static str, String)> {
    let common = |id: &str| {
        format!(
            "id = \"{id}\"\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"Remote\"\nworkplace = \"remote\"\ndate = 2025-10-20\nurl = \"https://acme.example/{id}\"\n"
        )
    };
    let yaml_common = |id: &str| {
        format!(
            "id: {id}\ntitle: Dev\ncompany: Acme\nlocation: Remote\nworkplace: remote\ndate: 2025-10-20\nurl: https://acme.example/{id}\n"
        )
    };
    let json_job = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Dev", "company": "Acme", "location": "Remote", "workplace": "remote", "date": "2025-10-20", "url": "https://acme.example/{id}", "remote_from": ["DE", "EMEA"], "visa_sponsorship": true}}"#
        )
    };
    vec![
        (
            "content/jobs/toml-md.md",
            format!(
                "+++\n{}remote_from = [\"Germany\", \"EMEA\"]\nvisa_sponsorship = true\n+++\n",
                common("toml-md")
            ),
        ),
        (
            "content/jobs/yaml-md.md",
            format!(
                "---\n{}remote_from: [Deutschland, emea]\nvisa_sponsorship: true\n---\n",
                yaml_common("yaml-md")
            ),
        ),
        ("content/a.json", format!("[{}]", json_job("json"))),
        ("content/b.jsonl", format!("{}\n", json_job("jsonl"))),
        (
            "content/c.csv",
            "id,title,company,location,workplace,date,url,remote_from,visa_sponsorship\ncsv,Dev,Acme,Remote,remote,2025-10-20,https://acme.example/csv,Germany;EMEA,true\n".to_string(),
        ),
        (
            "content/d.yaml",
            format!(
                "- {}remote_from: [Germany, EMEA]\n  visa_sponsorship: true\n",
                yaml_common("yaml").replace('\n', "\n  ")
            ),
        ),
        (
            "content/e.toml",
            format!(
                "[[jobs]]\n{}remote_from = [\"Germany\", \"EMEA\"]\nvisa_sponsorship = true\n",
                common("toml")
            ),
        ),
    ]
}

#[test]
fn remote_from_and_visa_sponsorship_are_read_in_every_format() {
    let files = every_format();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let board = TempBoard::new(&borrowed);
    let summary = built(&board);
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    for id in ["toml-md", "yaml-md", "json", "jsonl", "csv", "yaml", "toml"] {
        let html = page(board.root(), id);
        let data = json_ld(&html);
        assert_eq!(
            data["applicantLocationRequirements"],
            germany_and_emea(),
            "{id}"
        );
        let visa = data["eligibilityToWorkRequirement"].as_str().expect(id);
        assert!(visa.starts_with("Visa sponsorship is available"), "{id}");
        assert!(
            !data["applicantLocationRequirements"]
                .to_string()
                .contains("isa"),
            "{id}: the visa is not a location"
        );
        assert!(
            html.contains("<dt>Applicants from</dt><dd>Germany, EMEA</dd>"),
            "{id}"
        );
        assert!(html.contains("<dt>Visa</dt><dd>Sponsored</dd>"), "{id}");
    }
}

/// Two remote jobs whose data names no place, one whose location names a country, an on-site
/// one, and the board's `remote_from`.
fn board_with_default(remote_from: &str) -> TempBoard {
    let job = |id: &str, location: &str, workplace: &str| {
        format!(
            "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"{location}\"\nworkplace = \"{workplace}\"\ndate = 2025-10-20\nurl = \"https://acme.example/{id}\"\n+++\n"
        )
    };
    let board = TempBoard::new(&[
        ("content/jobs/plain.md", &job("plain", "Remote", "remote")),
        (
            "content/jobs/emea.md",
            &job("emea", "Remote (EMEA)", "remote"),
        ),
        (
            "content/jobs/mexico.md",
            &job("mexico", "Remote - Mexico Only", "remote"),
        ),
        (
            "content/jobs/office.md",
            &job("office", "Remote", "on-site"),
        ),
    ]);
    board.write(
        "jobsmith.toml",
        &format!("{CONFIG}[dataset]\nremote_from = {remote_from}\n"),
    );
    board
}

#[test]
fn the_board_says_where_only_for_remote_jobs_whose_data_names_no_place() {
    let board = board_with_default(r#"["Germany", "EMEA"]"#);
    let summary = built(&board);
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    let areas = |id| json_ld(&page(board.root(), id))["applicantLocationRequirements"].clone();
    assert_eq!(areas("plain"), germany_and_emea(), "the board's");
    assert_eq!(
        areas("emea"),
        json!({"@type": "AdministrativeArea", "name": "EMEA"}),
        "the region the location names"
    );
    assert_eq!(
        areas("mexico"),
        json!({"@type": "Country", "name": "Mexico"}),
        "the country the location names, not the board's"
    );
    let office = page(board.root(), "office");
    assert_eq!(
        json_ld(&office)["applicantLocationRequirements"],
        Value::Null
    );
    assert!(
        !office.contains("Applicants from"),
        "not remote: nothing said"
    );
}

#[test]
fn a_board_open_worldwide_shows_it_and_restricts_nothing_in_the_json_ld() {
    let board = board_with_default("\"Worldwide\"");
    built(&board);
    let plain = page(board.root(), "plain");
    assert!(plain.contains("<dt>Applicants from</dt><dd>Anywhere</dd>"));
    let data = json_ld(&plain);
    assert_eq!(data["applicantLocationRequirements"], Value::Null);
    assert_eq!(data["jobLocationType"], "TELECOMMUTE");
}

#[test]
fn without_a_board_default_nothing_is_guessed() {
    let board = TempBoard::new(&[(
        "content/jobs/plain.md",
        "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"Remote\"\nworkplace = \"remote\"\ndate = 2025-10-20\nurl = \"https://acme.example/plain\"\n+++\n",
    )]);
    built(&board);
    let plain = page(board.root(), "plain");
    assert_eq!(
        json_ld(&plain)["applicantLocationRequirements"],
        Value::Null
    );
    assert!(!plain.contains("Applicants from"));
}

#[test]
fn names_nothing_knows_are_warnings_at_their_file_and_line() {
    let board = TempBoard::new(&[
        (
            "content/jobs/mars.md",
            "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"Remote\"\nworkplace = \"remote\"\ndate = 2025-10-20\nurl = \"https://acme.example/mars\"\nremote_from = [\"Germany\", \"Mars\"]\n+++\n",
        ),
        (
            "content/rows.jsonl",
            "{\"id\": \"ok\", \"title\": \"Dev\", \"company\": \"Acme\", \"location\": \"Berlin\", \"date\": \"2025-10-20\", \"url\": \"https://acme.example/ok\"}\n{\"id\": \"venus\", \"title\": \"Dev\", \"company\": \"Acme\", \"location\": \"Remote\", \"workplace\": \"remote\", \"date\": \"2025-10-20\", \"url\": \"https://acme.example/venus\", \"remote_from\": \"Venus\"}\n",
        ),
    ]);
    board.write(
        "jobsmith.toml",
        &format!("{CONFIG}[dataset]\nduplicates = \"warn\"\nremote_from = \"Narnia\"\n"),
    );
    let summary = built(&board);
    let mut at: Vec<String> = summary
        .problems
        .iter()
        .map(|p| format!("{}:{}: {:?}", p.path, p.line, p.severity))
        .collect();
    at.sort();
    assert_eq!(
        at,
        [
            "content/jobs/mars.md:8: Warning",
            "content/rows.jsonl:2: Warning",
            "jobsmith.toml:10: Warning",
        ],
        "{:?}",
        summary.problems
    );
    assert!(
        summary.problems[0]
            .message
            .contains("is not a country or region jobsmith knows"),
        "{:?}",
        summary.problems
    );
    let mars = page(board.root(), "mars");
    assert!(mars.contains("<dd>Germany, Mars</dd>"), "shown as written");
    assert_eq!(
        json_ld(&mars)["applicantLocationRequirements"],
        json!({"@type": "Country", "name": "Germany"}),
        "left out of the JSON-LD"
    );
}

/// The acceptance of the sample board: every remote job names where applicants may be, or the
/// board says it.
#[test]
fn every_remote_job_of_the_sample_board_says_where_applicants_may_be() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = jobsmith::outcome::check_report(root, clock()).expect("sample reads");
    assert_eq!(report.remote_jobs, 17);
    assert_eq!(report.remote_without_area, [], "{report:?}");
}

#[test]
fn a_huge_remote_from_list_is_cut_with_a_warning() {
    let names: Vec<String> = (0..5_000).map(|n| format!("\"Place {n}\"")).collect();
    let row = format!(
        "{{\"id\": \"many\", \"title\": \"Dev\", \"company\": \"Acme\", \"location\": \"Remote\", \"workplace\": \"remote\", \"date\": \"2025-10-20\", \"url\": \"https://acme.example/many\", \"remote_from\": [{}]}}\n",
        names.join(", ")
    );
    let board = TempBoard::new(&[("content/rows.jsonl", &row)]);
    let summary = built(&board);
    let cut: Vec<&str> = summary
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .filter(|m| m.contains("only the first"))
        .collect();
    assert_eq!(
        cut,
        ["`remote_from` names 5000 places; only the first 300 are kept"]
    );
    assert!(page(board.root(), "many").contains("Place 299</dd>"));
}
