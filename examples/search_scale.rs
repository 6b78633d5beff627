//! Measures the search index on a large synthetic board.
//!
//! `cargo run --release --example search_scale -- [JOBS] [DIR]` writes a board of JOBS (default
//! 100,000) made-up but plausible jobs to DIR (default a folder under the system's temporary
//! folder), times the index on its own, builds the whole site into DIR/public, and prints the
//! index's size, raw and gzip-compressed (as a static host serves it), with its largest parts.
//! `tests/browser/search-bench.mjs DIR/public` then measures queries in Chromium.
//! `--board DIR [CLOCK]` instead of JOBS and DIR times the index of an existing board (read at
//! CLOCK, by default 2026-07-01T00:00:00Z as `examples/synth` expects), and builds nothing.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use flate2::{Compression, write::GzEncoder};
use jobsmith::internals::pipeline::read_board;
use jobsmith::internals::search::{Fragment, Index};
use jobsmith::internals::site::{Selection, Site};
use jobsmith::{BuildOptions, build};

const SENIORITY: &[&str] = &[
    "",
    "",
    "",
    "Senior ",
    "Senior ",
    "Junior ",
    "Lead ",
    "Staff ",
    "Principal ",
    "Mid-level ",
];
const TECH: &[&str] = &[
    "",
    "",
    "",
    "Java ",
    "Python ",
    "Go ",
    "Rust ",
    "Kubernetes ",
    "React ",
    "Node.js ",
    ".NET ",
    "C++ ",
    "PHP ",
    "Ruby ",
    "Scala ",
    "Kotlin ",
    "TypeScript ",
    "AWS ",
    "Cloud ",
    "ML ",
    "Data ",
    "Salesforce ",
    "SAP ",
    "Android ",
    "iOS ",
    "Embedded ",
    "Security ",
];
const ROLE: &[&str] = &[
    "Backend Developer",
    "Software Engineer",
    "DevOps Engineer",
    "Full Stack Developer",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Data Engineer",
    "Backend Engineer",
    "Frontend Developer",
    "Mobile Developer",
    "Solutions Architect",
    "Engineering Manager",
    "QA Engineer",
    "Security Engineer",
    "Machine Learning Engineer",
    "Developer Advocate",
    "Database Administrator",
    "Systems Engineer",
    "Technical Lead",
    "Programmer",
];
const SUFFIX: &[&str] = &[
    "",
    "",
    "",
    "",
    " (m/f/d)",
    " - Remote",
    " II",
    " III",
    " – Payments",
    " – Platform Team",
    " (Contract)",
    " – Growth",
    " – Search",
    " – Infrastructure",
    " (w/m/d)",
];
/// City, region or "", country.
const PLACES: &[(&str, &str, &str)] = &[
    ("Berlin", "", "Germany"),
    ("München", "Bayern", "Germany"),
    ("Hamburg", "", "Germany"),
    ("Köln", "NRW", "Germany"),
    ("Düsseldorf", "", "Germany"),
    ("Frankfurt am Main", "Hessen", "Germany"),
    ("Zürich", "", "Switzerland"),
    ("Genève", "", "Switzerland"),
    ("Wien", "", "Austria"),
    ("Paris", "Île-de-France", "France"),
    ("Lyon", "", "France"),
    ("Amsterdam", "", "Netherlands"),
    ("Rotterdam", "", "Netherlands"),
    ("Brussels", "", "Belgium"),
    ("London", "England", "United Kingdom"),
    ("Manchester", "", "United Kingdom"),
    ("Dublin", "", "Ireland"),
    ("Madrid", "", "Spain"),
    ("Barcelona", "Catalonia", "Spain"),
    ("Lisbon", "", "Portugal"),
    ("Porto", "", "Portugal"),
    ("Milano", "Lombardia", "Italy"),
    ("Roma", "", "Italy"),
    ("Warsaw", "", "Poland"),
    ("Kraków", "Małopolskie", "Poland"),
    ("Wrocław", "", "Poland"),
    ("Praha", "", "Czechia"),
    ("Budapest", "", "Hungary"),
    ("Bucharest", "", "Romania"),
    ("Sofia", "", "Bulgaria"),
    ("Stockholm", "", "Sweden"),
    ("Malmö", "", "Sweden"),
    ("Oslo", "", "Norway"),
    ("København", "", "Denmark"),
    ("Helsinki", "", "Finland"),
    ("Tallinn", "", "Estonia"),
    ("Vilnius", "", "Lithuania"),
    ("Riga", "", "Latvia"),
    ("Athens", "", "Greece"),
    ("İstanbul", "", "Turkey"),
    ("Tel Aviv", "", "Israel"),
    ("Dubai", "", "United Arab Emirates"),
    ("Cairo", "", "Egypt"),
    ("Lagos", "", "Nigeria"),
    ("Nairobi", "", "Kenya"),
    ("Cape Town", "", "South Africa"),
    ("Bengaluru", "Karnataka", "India"),
    ("Hyderabad", "Telangana", "India"),
    ("Pune", "Maharashtra", "India"),
    ("Chennai", "Tamil Nadu", "India"),
    ("Gurugram", "Haryana", "India"),
    ("Singapore", "", "Singapore"),
    ("Kuala Lumpur", "", "Malaysia"),
    ("Bangkok", "", "Thailand"),
    ("Ho Chi Minh City", "", "Vietnam"),
    ("Manila", "", "Philippines"),
    ("Jakarta", "", "Indonesia"),
    ("Tokyo", "", "Japan"),
    ("Seoul", "", "South Korea"),
    ("Sydney", "NSW", "Australia"),
    ("Melbourne", "VIC", "Australia"),
    ("Auckland", "", "New Zealand"),
    ("Toronto", "ON", "Canada"),
    ("Montréal", "QC", "Canada"),
    ("Vancouver", "BC", "Canada"),
    ("New York", "NY", "United States"),
    ("San Francisco", "CA", "United States"),
    ("Seattle", "WA", "United States"),
    ("Austin", "TX", "United States"),
    ("Boston", "MA", "United States"),
    ("Chicago", "IL", "United States"),
    ("Denver", "CO", "United States"),
    ("Atlanta", "GA", "United States"),
    ("Arlington", "VA", "United States"),
    ("Raleigh", "NC", "United States"),
    ("Mexico City", "", "Mexico"),
    ("Guadalajara", "Jalisco", "Mexico"),
    ("São Paulo", "SP", "Brazil"),
    ("Florianópolis", "SC", "Brazil"),
    ("Buenos Aires", "", "Argentina"),
    ("Bogotá", "", "Colombia"),
    ("Medellín", "", "Colombia"),
    ("Santiago", "", "Chile"),
    ("Lima", "", "Peru"),
    ("Montevideo", "", "Uruguay"),
];
const SKILLS: &[&str] = &[
    "Java",
    "Python",
    "Go",
    "Rust",
    "Kubernetes",
    "Docker",
    "AWS",
    "GCP",
    "Azure",
    "Terraform",
    "PostgreSQL",
    "MySQL",
    "MongoDB",
    "Redis",
    "Kafka",
    "RabbitMQ",
    "GraphQL",
    "REST",
    "gRPC",
    "React",
    "Vue",
    "Angular",
    "TypeScript",
    "JavaScript",
    "Node.js",
    "Spring",
    "Django",
    "Flask",
    "FastAPI",
    "Rails",
    "Ruby",
    "PHP",
    "Laravel",
    ".NET",
    "C#",
    "C++",
    "Scala",
    "Kotlin",
    "Swift",
    "Elasticsearch",
    "Linux",
    "CI/CD",
    "Microservices",
    "Spark",
    "Airflow",
    "Snowflake",
    "dbt",
    "Machine Learning",
    "PyTorch",
    "TensorFlow",
    "SQL",
    "NoSQL",
    "Git",
    "Ansible",
    "Prometheus",
    "Grafana",
    "OpenTelemetry",
    "Elixir",
    "Haskell",
    "Clojure",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ven", "tor", "zu", "bel", "dex", "no", "qua", "sy", "tec", "lum",
    "ori", "pax", "vi", "zen", "mar", "cel", "do", "fi", "gra", "hel", "ix", "jo", "ky", "lex",
    "mo", "nu", "op", "pe", "ru", "sa", "ti", "ul", "va", "wo", "xe", "yo",
];
const COMPANY_ENDS: &[&str] = &[
    "",
    "",
    "",
    " Labs",
    " Technologies",
    " GmbH",
    " Inc.",
    " Ltd",
    " Software",
    " Systems",
    " Group",
    " AB",
    " SA",
    " Health",
    " Bank",
    " Games",
    " AI",
];

/// A small deterministic generator (xorshift64*), so every run makes the same board.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn company(random: &mut Random) -> String {
    let mut name = String::new();
    for _ in 0..2 + random.below(2) {
        name.push_str(random.pick(SYLLABLES));
    }
    let mut letters = name.chars();
    let first = letters.next().map(|c| c.to_ascii_uppercase());
    format!(
        "{}{}{}",
        first.unwrap_or('X'),
        letters.as_str(),
        random.pick(COMPANY_ENDS)
    )
}

fn job(n: usize, companies: &[String], random: &mut Random) -> serde_json::Value {
    let title = format!(
        "{}{}{}{}",
        random.pick(SENIORITY),
        random.pick(TECH),
        random.pick(ROLE),
        random.pick(SUFFIX)
    );
    let (city, region, country) = PLACES[random.below(PLACES.len())];
    let workplace = [
        "remote", "remote", "on-site", "on-site", "on-site", "hybrid",
    ][random.below(6)];
    let location = match (random.below(10), region) {
        (0, _) => "Remote".to_string(),
        (1, _) => format!("Remote - {country}"),
        (2..=4, region) if !region.is_empty() => format!("{city}, {region}, {country}"),
        _ => format!("{city}, {country}"),
    };
    let skills: Vec<&str> = (0..2 + random.below(5))
        .map(|_| random.pick(SKILLS))
        .collect();
    let mut skills_unique = skills.clone();
    skills_unique.sort_unstable();
    skills_unique.dedup();
    let mut job = serde_json::json!({
        "id": format!("job-{n}"),
        "title": title,
        "company": companies[random.below(companies.len())],
        "location": location,
        "workplace": workplace,
        "date": format!("2025-{:02}-{:02}", 9 + random.below(2), 1 + random.below(28)),
        "url": format!("https://jobs.example.com/{n}"),
        "skills": skills_unique,
        "description": "Build and run services for our customers.",
    });
    if random.below(10) < 4 {
        let low = 40 + random.below(120);
        job["salary"] = format!("{low}k-{}k USD", low + 10 + random.below(40)).into();
    }
    job
}

/// Writes the board: a configuration and one JSON Lines file of `count` jobs.
fn write_board(root: &Path, count: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(root.join("content"))?;
    std::fs::write(
        root.join("jobsmith.toml"),
        "title = \"Synthetic Board\"\nbase_url = \"https://example.org/\"\nexpire_after_days = 0\nminify = false\n[readme]\nenabled = false\n[archive]\nenabled = false\n",
    )?;
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let companies: Vec<String> = (0..count / 10 + 1).map(|_| company(&mut random)).collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(root.join("content/jobs.jsonl"))?);
    for n in 0..count {
        writeln!(out, "{}", job(n, &companies, &mut random))?;
    }
    out.flush()?;
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory").len()
}

/// Prints the largest file of those whose name starts with `prefix`, raw and compressed.
fn largest(index: &Index, prefix: &str, label: &str) {
    let parts: Vec<(&String, usize, usize)> = index
        .files
        .iter()
        .filter(|(name, _)| name.starts_with(prefix))
        .map(|(name, bytes)| (name, bytes.len(), gzip_len(bytes)))
        .collect();
    if let Some((name, raw, gz)) = parts.iter().max_by_key(|p| p.2) {
        println!(
            "{label}: {} files; largest {name}: {raw} bytes, {gz} gzip",
            parts.len()
        );
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    // `--board DIR`: an existing board (such as one `examples/synth` wrote), indexed as it is,
    // without building the site.
    let existing = first.as_deref() == Some("--board");
    let (count, root) = if existing {
        let root = args.next().map(PathBuf::from);
        (
            0,
            root.ok_or_else(|| anyhow::anyhow!("--board needs a folder"))?,
        )
    } else {
        let count: usize = first.map_or(Ok(100_000), |a| a.parse())?;
        let root = args.next().map_or_else(
            || std::env::temp_dir().join(format!("jobsmith-search-{count}")),
            PathBuf::from,
        );
        (count, root)
    };
    // An existing board is read at the clock given after its folder (synth's is 1 July 2026).
    let clock = if existing { args.next() } else { None };
    let clock = clock.as_deref().unwrap_or(if existing {
        "2026-07-01T00:00:00Z"
    } else {
        "2025-11-01T12:00:00Z"
    });
    let now =
        jobsmith::parse_clock(clock).ok_or_else(|| anyhow::anyhow!("not a clock: {clock}"))?;
    if !existing {
        write_board(&root, count)?;
    }

    let board = read_board(&root, None, false)?;
    let site = Site::new(
        &board.config,
        board.valid.jobs,
        board.valid.companies,
        Selection { now, drafts: false },
    );
    let started = Instant::now();
    // Rows stand in empty here: the build below writes the index with its real rows.
    let index = Index::new(&site, &|_| Ok(Fragment::default())).expect("rows cannot fail");
    let elapsed = started.elapsed();
    let raw: usize = index.files.iter().map(|(_, b)| b.len()).sum();
    let gz: usize = index.files.iter().map(|(_, b)| gzip_len(b)).sum();
    println!("jobs: {}", site.current.len());
    println!("index built in {} ms", elapsed.as_millis());
    println!("index: {} files, {raw} bytes, {gz} gzip", index.files.len());
    println!(
        "manifest: {} bytes, {} gzip",
        index.manifest.len(),
        gzip_len(&index.manifest)
    );
    largest(&index, "w/", "word shards");
    let one_letter = |name: &String| name.len() == "w/a.json".len() && name.starts_with("w/");
    let singles = Index {
        manifest: index.manifest.clone(),
        dir: index.dir.clone(),
        files: index
            .files
            .iter()
            .filter(|(n, _)| one_letter(n))
            .cloned()
            .collect(),
    };
    largest(&singles, "w/", "one-letter shards");
    largest(&index, "t/", "description shards");
    largest(&index, "d/", "document chunks");
    largest(&index, "f/", "filters");
    if existing {
        return Ok(());
    }

    let started = Instant::now();
    let options = BuildOptions {
        output: Some(root.join("public")),
        ..BuildOptions::new(&root, now)
    };
    let summary = build(&options)?;
    println!(
        "whole site: {} files in {} ms, in {}",
        summary.files,
        started.elapsed().as_millis(),
        root.join("public").display()
    );
    Ok(())
}
