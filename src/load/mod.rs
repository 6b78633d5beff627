//! Load: reads `content/` into raw records, parsing only.
//!
//! Walks the folder in path order (the dataset order), splits front matter from markdown bodies,
//! and reads bulk JSON, JSONL, CSV, YAML and TOML files. Nothing is checked here beyond syntax:
//! a record is a map of keys to values, with where it came from. Syntax problems are collected,
//! never fatal, so one run reports them all.

mod bulk;
mod front_matter;

use std::path::Path;

use serde_json::{Map, Value};
use walkdir::WalkDir;

use crate::problem::Problem;

/// Largest file read, so a runaway export cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Job,
    Company,
}

/// One job (or company profile) as written, before validation.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    /// Path relative to the board root, `/`-separated.
    pub path: String,
    /// 1-based line of the record.
    pub line: usize,
    /// 1-based column of the record.
    pub column: usize,
    /// For bulk rows, the 1-based position in the file; 0 for a one-record file.
    pub index: usize,
    pub fields: Map<String, Value>,
    /// The markdown body of a front-matter file.
    pub body: Option<String>,
    /// Line of each key, where the format tells it (front matter).
    pub key_lines: Vec<(String, usize)>,
}

impl Record {
    /// The line where `key` is set, else the record's line.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map_or(self.line, |(_, line)| *line)
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Jobs and company profiles in dataset order.
    pub records: Vec<Record>,
    pub problems: Vec<Problem>,
}

/// Reads every record under `root/content`. A missing `content/` is an empty board.
pub fn load(root: &Path) -> Dataset {
    walk(root, &mut |path, dataset| load_file(root, path, dataset))
}

/// The records and problems of one file under `content/`.
pub fn load_one(root: &Path, path: &Path) -> Dataset {
    let mut dataset = Dataset::default();
    load_file(root, path, &mut dataset);
    dataset
}

/// Walks `content/` in dataset order, handing each file to `read` (`jobsmith serve` reads
/// unchanged files from its cache); problems of the walk itself land in the returned dataset.
pub fn walk(root: &Path, read: &mut dyn FnMut(&Path, &mut Dataset)) -> Dataset {
    let content = root.join("content");
    let mut dataset = Dataset::default();
    if !content.exists() {
        return dataset;
    }
    let walk = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => read(entry.path(), &mut dataset),
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| content.clone(), Path::to_path_buf);
                let message = format!("cannot read this folder: {}", walk_error(&err));
                dataset
                    .problems
                    .push(Problem::error(&relative(root, &path), 1, 1, message));
            }
        }
    }
    dataset
}

fn walk_error(err: &walkdir::Error) -> String {
    match err.loop_ancestor() {
        Some(ancestor) => format!("symbolic link loop back to {}", ancestor.display()),
        None => err
            .io_error()
            .map_or_else(|| err.to_string(), ToString::to_string),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// The `/`-separated path of `path` relative to `root`, for messages and ids.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn load_file(root: &Path, path: &Path, dataset: &mut Dataset) {
    let rel = relative(root, path);
    let in_companies = rel.starts_with("content/companies/");
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match (extension.as_str(), in_companies) {
        ("md" | "markdown", true) => Format::FrontMatter(Kind::Company),
        ("md" | "markdown", false) => Format::FrontMatter(Kind::Job),
        ("json" | "jsonl" | "ndjson" | "csv" | "yaml" | "yml" | "toml", false) => {
            Format::Bulk(extension)
        }
        _ => {
            let message = "ignored: not a job file (.md) or a bulk data file";
            dataset.problems.push(Problem::warning(&rel, 1, 1, message));
            return;
        }
    };
    let text = match read_text(path) {
        Ok(text) => text,
        Err(message) => {
            dataset.problems.push(Problem::error(&rel, 1, 1, message));
            return;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match format {
        Format::FrontMatter(kind) => front_matter::read(&rel, text, kind, dataset),
        Format::Bulk(extension) => bulk::read(&rel, text, &extension, dataset),
    }
}

enum Format {
    FrontMatter(Kind),
    Bulk(String),
}

/// Reads a file as UTF-8, refusing huge files, with the message a user needs.
fn read_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} MiB; the limit is {} MiB: split it into several files",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let (line, _) = crate::problem::line_column(&text, text.len());
        format!("not UTF-8 text (first bad byte on line {line}); save the file as UTF-8")
    })
}

/// Reads the records of one bulk file's text (`extension`: json, jsonl, csv, yaml or toml).
pub fn read_bulk(path: &str, text: &str, extension: &str) -> Dataset {
    let mut dataset = Dataset::default();
    bulk::read(
        path,
        text.strip_prefix('\u{feff}').unwrap_or(text),
        extension,
        &mut dataset,
    );
    dataset
}

/// Turns a TOML value into the JSON value model shared by every format.
pub(crate) fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}
