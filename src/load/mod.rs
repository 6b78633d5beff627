//! Load: reads `content/` into raw records, parsing only.
//!
//! Walks the folder in path order (the dataset order), splits front matter from markdown bodies,
//! and reads bulk JSON, JSONL, CSV, YAML and TOML files. Nothing is checked here beyond syntax:
//! a record is a map of keys to values, with where it came from. Syntax problems are collected,
//! never fatal, so one run reports them all.

mod bulk;
mod front_matter;

use std::path::Path;

use rayon::prelude::*;
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

/// Reads every file under `root/content`, handing each file's records to `each` as soon as the
/// file is read (so they need not all be in memory at once); returns, in dataset order, every
/// problem met and what `each` made of each file. Counts the files read in `progress` once the
/// walk has found them all.
///
/// Symbolic links are followed while they stay inside the board; one that leads outside it is
/// refused, so a pull request cannot publish a file of the machine that builds the board.
///
/// The walk is in dataset order; files are read, parsed and handed over in parallel, then put
/// back in that order, each file's problems after those the walk met before it.
pub fn load_counted<T: Send>(
    root: &Path,
    progress: &crate::progress::Progress,
    each: impl Fn(Vec<Record>) -> T + Sync,
) -> (Vec<Problem>, Vec<T>) {
    let mut files = Vec::new();
    let walked = walk(root, &mut |path, dataset| {
        files.push((path.to_path_buf(), dataset.problems.len()));
    });
    progress.begin("reading and validating", files.len());
    let read: Vec<(Vec<Problem>, T)> = files
        .par_iter()
        .map(|(path, _)| {
            let one = load_one(root, path);
            let value = each(one.records);
            progress.advance();
            (one.problems, value)
        })
        .collect();
    let mut walk_problems = walked.problems.into_iter();
    let mut taken = 0;
    let mut problems = Vec::new();
    let mut made = Vec::with_capacity(read.len());
    for ((_, before), (mut file_problems, value)) in files.iter().zip(read) {
        problems.extend(walk_problems.by_ref().take(before - taken));
        taken = *before;
        problems.append(&mut file_problems);
        made.push(value);
    }
    problems.extend(walk_problems);
    (problems, made)
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
    if content.symlink_metadata().is_err() {
        return dataset;
    }
    if let Err(err) = std::fs::metadata(&content) {
        let message = format!("cannot read: {err} (a broken symbolic link, or a loop)");
        dataset
            .problems
            .push(Problem::error("content", 1, 1, message));
        return dataset;
    }
    let board = Board::new(root);
    let mut walk = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    while let Some(entry) = walk.next() {
        match entry {
            Ok(entry) if board.refuses(&entry) => {
                let message = "refused: a symbolic link to outside the board";
                let rel = relative(root, entry.path());
                dataset.problems.push(Problem::error(&rel, 1, 1, message));
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
            }
            Ok(entry) if entry.file_type().is_file() => read(entry.path(), &mut dataset),
            Ok(entry) if !entry.file_type().is_dir() => {
                // A pipe, socket or device: reading one could block or never end.
                let message = "ignored: not a regular file";
                let rel = relative(root, entry.path());
                dataset.problems.push(Problem::warning(&rel, 1, 1, message));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| content.clone(), Path::to_path_buf);
                let message = format!("cannot read: {}", walk_error(root, &err));
                dataset
                    .problems
                    .push(Problem::error(&relative(root, &path), 1, 1, message));
            }
        }
    }
    dataset
}

/// The board's folder as the file system resolves it, to tell where symbolic links lead.
pub(crate) struct Board {
    resolved: Option<std::path::PathBuf>,
}

impl Board {
    pub(crate) fn new(root: &Path) -> Board {
        Board {
            resolved: root.canonicalize().ok(),
        }
    }

    /// Whether `entry` is a symbolic link that resolves to somewhere outside the board. A link
    /// that cannot be resolved is left to fail when it is read.
    pub(crate) fn refuses(&self, entry: &walkdir::DirEntry) -> bool {
        let Some(board) = &self.resolved else {
            return false;
        };
        entry.path_is_symlink()
            && entry
                .path()
                .canonicalize()
                .is_ok_and(|target| !target.starts_with(board))
    }
}

fn walk_error(root: &Path, err: &walkdir::Error) -> String {
    match err.loop_ancestor() {
        Some(ancestor) => format!("symbolic link loop back to {}", relative(root, ancestor)),
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
///
/// The size is checked before reading and the read is bounded too, for files whose size the
/// file system does not tell (or that grow while read).
fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| format!("cannot read: {e}");
    let file = open_regular(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let (line, _) = crate::problem::line_column(&text, text.len());
        format!("not UTF-8 text (first bad byte on line {line}); save the file as UTF-8")
    })
}

/// Opens `path` for reading only if it is a regular file (or a link to one).
///
/// The file is opened without blocking and its type checked on the open file, so a pipe, a
/// device or a socket put in a file's place is refused instead of hanging or being read forever,
/// whenever it appears.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a pipe, device or folder)",
        ));
    }
    Ok(file)
}

/// Reads a whole regular file (see `open_regular`), refusing one over `MAX_FILE_BYTES`.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            too_big(bytes.len() as u64),
        ));
    }
    Ok(bytes)
}

fn too_big(size: u64) -> String {
    format!(
        "file is {} MiB; the limit is {} MiB: split it into several files",
        size.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Reads the record of one job (or company) file's text: front matter, then markdown.
pub fn read_front_matter(path: &str, text: &str, kind: Kind) -> Dataset {
    let mut dataset = Dataset::default();
    front_matter::read(
        path,
        text.strip_prefix('\u{feff}').unwrap_or(text),
        kind,
        &mut dataset,
    );
    dataset
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Files are read in parallel, but records and problems come out in the walk's order, the
    /// walk's own problems (a link out of the board) in their place between the files'.
    #[test]
    fn parallel_reading_keeps_the_dataset_order() {
        let board = tempfile::tempdir().expect("temp dir");
        let jobs = board.path().join("content/jobs");
        std::fs::create_dir_all(&jobs).expect("folders");
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("x.md"), "+++\ntitle = \"X\"\n+++\n").expect("write");
        for n in 0..40 {
            let text = if n % 10 == 3 {
                format!("+++\ntitle = \"Broken {n:02}\n+++\n")
            } else {
                format!("+++\ntitle = \"Job {n:02}\"\n+++\n")
            };
            std::fs::write(jobs.join(format!("{n:02}.md")), text).expect("write");
        }
        std::os::unix::fs::symlink(outside.path().join("x.md"), jobs.join("20-link.md"))
            .expect("symlink");
        let progress = crate::progress::Progress::default();
        let (problems, records) = load_counted(board.path(), &progress, |records| records);
        let dataset = Dataset {
            records: records.into_iter().flatten().collect(),
            problems,
        };
        let titles: Vec<&str> = dataset
            .records
            .iter()
            .filter_map(|r| r.fields.get("title")?.as_str())
            .collect();
        let expected: Vec<String> = (0..40)
            .filter(|n| n % 10 != 3)
            .map(|n| format!("Job {n:02}"))
            .collect();
        assert_eq!(titles, expected);
        let paths: Vec<&str> = dataset.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "content/jobs/03.md",
                "content/jobs/13.md",
                "content/jobs/20-link.md",
                "content/jobs/23.md",
                "content/jobs/33.md"
            ]
        );
    }
}
