//! Times loading one bulk file of N jobs (default 100,000) in every bulk format, to show that
//! each format is read in time linear in its size (JSON within 1.5x of JSONL).
//!
//!     cargo run --release --example bulk_load [-- ROWS]

use std::time::{Duration, Instant};

use jobsmith::internals::load::read_bulk;
use serde_json::{Value, json};

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let jobs: Vec<Value> = (0..rows).map(job).collect();
    let mut jsonl_time = None;
    for format in ["jsonl", "json", "csv", "yaml", "toml"] {
        let text = encode(format, &jobs);
        let (time, dataset) = best_of(3, || read_bulk("jobs", &text, format));
        if let Some(problem) = dataset.problems.first() {
            println!("{format:>5}: {problem}");
            continue;
        }
        assert_eq!(dataset.records.len(), rows, "{format}: every row loads");
        let ratio = match (format, jsonl_time) {
            ("jsonl", _) => {
                jsonl_time = Some(time);
                String::new()
            }
            (_, Some(base)) => format!("  ({:.2}x JSONL)", time.as_secs_f64() / base.as_secs_f64()),
            _ => String::new(),
        };
        println!(
            "{format:>5}: {rows} rows, {:>6.1} MB, {:>8.1} ms{ratio}",
            text.len() as f64 / 1e6,
            time.as_secs_f64() * 1e3
        );
    }
}

fn job(n: usize) -> Value {
    json!({
        "title": format!("Senior Engineer {n}"),
        "company": format!("Company {}", n % 997),
        "location": "Bengaluru, Karnataka, India",
        "date": "2026-06-30",
        "url": format!("https://jobs.example/{n}"),
        "workplace": "remote",
        "description": "Build and run services.\n\nRust, Go and PostgreSQL.",
    })
}

fn encode(format: &str, jobs: &[Value]) -> String {
    match format {
        "jsonl" => jobs.iter().map(|j| format!("{j}\n")).collect(),
        "json" => {
            let rows: Vec<String> = jobs.iter().map(Value::to_string).collect();
            format!("[\n{}\n]\n", rows.join(",\n"))
        }
        "csv" => csv_text(jobs),
        "yaml" => jobs.iter().map(yaml_item).collect(),
        _ => jobs.iter().map(toml_table).collect(),
    }
}

fn keys(job: &Value) -> impl Iterator<Item = (&String, &str)> {
    job.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default()))
}

fn csv_text(jobs: &[Value]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<&String> = keys(&jobs[0]).map(|(k, _)| k).collect();
    writer.write_record(header).expect("write to memory");
    for job in jobs {
        let cells: Vec<&str> = keys(job).map(|(_, v)| v).collect();
        writer.write_record(cells).expect("write to memory");
    }
    String::from_utf8(writer.into_inner().expect("flush to memory")).expect("UTF-8 cells")
}

fn yaml_item(job: &Value) -> String {
    let mut text = String::new();
    for (i, (key, value)) in keys(job).enumerate() {
        let lead = if i == 0 { "- " } else { "  " };
        text.push_str(&format!("{lead}{key}: {}\n", Value::from(value)));
    }
    text
}

fn toml_table(job: &Value) -> String {
    let mut text = String::from("[[jobs]]\n");
    for (key, value) in keys(job) {
        text.push_str(&format!("{key} = {}\n", Value::from(value)));
    }
    text
}

fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = None;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        result = Some(work());
        let time = start.elapsed();
        best = Some(best.map_or(time, |b: Duration| b.min(time)));
    }
    (
        best.expect("at least one run"),
        result.expect("at least one run"),
    )
}
