//! Bulk data files: many jobs each, in JSON, JSONL, CSV, YAML or TOML, with the line of every record.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::front_matter::parse_yaml_text;
use super::{Dataset, Kind, Record, toml_to_json};
use crate::problem::{Problem, line_column};

/// Reads every record of one bulk file.
pub(super) fn read(path: &str, text: &str, extension: &str, dataset: &mut Dataset) {
    let rows = match extension {
        "json" => read_json(text),
        "jsonl" | "ndjson" => read_jsonl(text),
        "csv" => read_csv(text),
        "yaml" | "yml" => read_yaml(text),
        _ => read_toml(text),
    };
    for (index, row) in rows.into_iter().enumerate() {
        match row {
            Ok(Row { line, fields }) => dataset.records.push(Record {
                kind: Kind::Job,
                path: path.to_string(),
                line,
                column: 1,
                index: index + 1,
                fields,
                body: None,
                key_lines: Vec::new(),
            }),
            Err(RowError {
                line,
                column,
                message,
            }) => {
                dataset
                    .problems
                    .push(Problem::error(path, line, column, message));
            }
        }
    }
}

struct Row {
    line: usize,
    fields: Map<String, Value>,
}

struct RowError {
    line: usize,
    column: usize,
    message: String,
}

impl RowError {
    fn new(line: usize, column: usize, message: impl Into<String>) -> RowError {
        RowError {
            line,
            column,
            message: message.into(),
        }
    }
}

type Rows = Vec<Result<Row, RowError>>;

/// A record must be a table of keys; anything else is reported at its line.
fn object(line: usize, value: Value) -> Result<Row, RowError> {
    match value {
        Value::Object(fields) => Ok(Row { line, fields }),
        other => Err(RowError::new(
            line,
            1,
            format!("a job must be an object of keys, not {}", kind_of(&other)),
        )),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[derive(Deserialize)]
struct JsonWrapped<'a> {
    #[serde(borrow)]
    jobs: Vec<&'a RawValue>,
}

/// The raw text of each job, borrowed from `text` so its offset gives its line.
fn json_items(text: &str) -> Result<Vec<&RawValue>, serde_json::Error> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str::<JsonWrapped>(text).map(|w| w.jobs)
    } else {
        serde_json::from_str(text)
    }
}

fn read_json(text: &str) -> Rows {
    let items = match json_items(text) {
        Ok(items) => items,
        Err(err) => return vec![Err(json_error(text, &err))],
    };
    // Items come in text order, so each line number is counted on from the one before: the
    // whole file is scanned once, not once per item.
    let mut counted = (0, 1);
    items
        .into_iter()
        .map(|raw| {
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let line = line_after(text, &mut counted, offset);
            let value: Value = serde_json::from_str(raw.get())
                .map_err(|e| RowError::new(line, 1, format!("invalid JSON: {e}")))?;
            object(line, value)
        })
        .collect()
}

/// The line of `offset`, counting newlines from the `(offset, line)` last counted.
fn line_after(text: &str, counted: &mut (usize, usize), offset: usize) -> usize {
    let (from, line) = *counted;
    let line = match text.as_bytes().get(from..offset) {
        Some(between) => line + between.iter().filter(|&&b| b == b'\n').count(),
        // Out of order (never for JSON arrays): count from the start.
        None => line_column(text, offset).0,
    };
    *counted = (offset, line);
    line
}

fn json_error(text: &str, err: &serde_json::Error) -> RowError {
    if err.is_data() {
        let message = "a JSON job file holds an array of jobs, or an object with a `jobs` array";
        return RowError::new(1, 1, message);
    }
    let (line, column) = if err.line() == 0 {
        line_column(text, text.len())
    } else {
        (err.line(), err.column())
    };
    let message = err.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    RowError::new(line, column, format!("invalid JSON: {message}"))
}

fn read_jsonl(text: &str) -> Rows {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let value: Value = serde_json::from_str(line).map_err(|err| {
                let message = err.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                RowError::new(
                    i + 1,
                    err.column().max(1),
                    format!("invalid JSON: {message}"),
                )
            })?;
            object(i + 1, value)
        })
        .collect()
}

fn read_csv(text: &str) -> Rows {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .map(|h| h.trim().to_string())
            .collect::<Vec<_>>(),
        Err(err) => return vec![Err(csv_error(&err))],
    };
    reader
        .records()
        .map(|record| {
            let record = record.map_err(|e| csv_error(&e))?;
            let line = record.position().map_or(1, |p| p.line() as usize);
            let fields = headers
                .iter()
                .zip(record.iter())
                .filter(|(_, cell)| !cell.trim().is_empty())
                .map(|(key, cell)| (key.clone(), Value::String(cell.to_string())))
                .collect();
            Ok(Row { line, fields })
        })
        .collect()
}

fn csv_error(err: &csv::Error) -> RowError {
    let line = err.position().map_or(1, |p| p.line() as usize);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("invalid CSV: this row has {len} fields, the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "invalid CSV: not UTF-8 text".to_string(),
        _ => format!("invalid CSV: {err}"),
    };
    RowError::new(line, 1, message)
}

type SpannedValues = Vec<serde_saphyr::Spanned<Value>>;

#[derive(Deserialize)]
struct YamlWrapped {
    jobs: SpannedValues,
}

fn read_yaml(text: &str) -> Rows {
    if text.trim().is_empty() {
        return Vec::new();
    }
    // A file that breaks a limit (an alias bomb, deep nesting) is not tried in other shapes:
    // each try would do the same expensive work again.
    let parsed = match parse_yaml_text::<SpannedValues>(text) {
        Err(err) if !is_limit(&err) => parse_yaml_text::<YamlWrapped>(text).map(|w| w.jobs),
        other => other,
    };
    let items = match parsed {
        Ok(items) => items,
        Err(err) if is_limit(&err) => {
            let (line, column, message) = super::front_matter::yaml_error(&err);
            return vec![Err(RowError::new(line, column, message))];
        }
        Err(err) => match parse_yaml_text::<Value>(text) {
            Err(err) => {
                let (line, column, message) = super::front_matter::yaml_error(&err);
                return vec![Err(RowError::new(line, column, message))];
            }
            Ok(_) => {
                let (line, column, _) = super::front_matter::yaml_error(&err);
                let message =
                    "a YAML job file holds a sequence of jobs, or a mapping with a `jobs` sequence";
                return vec![Err(RowError::new(line, column, message))];
            }
        },
    };
    items
        .into_iter()
        .map(|item| object((item.referenced.line() as usize).max(1), item.value))
        .collect()
}

/// Whether a YAML error is one of the parser's limits rather than a shape or syntax error.
fn is_limit(err: &serde_saphyr::Error) -> bool {
    let message = err.to_string();
    ["budget breached", "alias replay limit", "recursion limit"]
        .iter()
        .any(|limit| message.contains(limit))
}

#[derive(Deserialize)]
struct TomlFile {
    #[serde(default)]
    jobs: Vec<toml::Spanned<toml::Table>>,
}

fn read_toml(text: &str) -> Rows {
    let file: TomlFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(err) => {
            let (line, column) = line_column(text, err.span().map_or(0, |s| s.start));
            return vec![Err(RowError::new(
                line,
                column,
                format!("invalid TOML: {}", err.message().trim()),
            ))];
        }
    };
    let mut counted = (0, 1);
    file.jobs
        .into_iter()
        .map(|spanned| {
            let line = line_after(text, &mut counted, spanned.span().start);
            let table = spanned.into_inner();
            let fields = table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect();
            Ok(Row { line, fields })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rows: &Rows) -> Vec<Result<usize, String>> {
        rows.iter()
            .map(|r| match r {
                Ok(row) => Ok(row.line),
                Err(e) => Err(format!("{}:{} {}", e.line, e.column, e.message)),
            })
            .collect()
    }

    #[test]
    fn json_records_carry_their_line() {
        let rows = read_json("[\n  {\"title\": \"A\"},\n\n  {\"title\": \"B\"}\n]");
        assert_eq!(lines(&rows), [Ok(2), Ok(4)]);
        let rows = read_json("{\"jobs\": [\n{\"title\": \"A\"}]}");
        assert_eq!(lines(&rows), [Ok(2)]);
    }

    #[test]
    fn json_lines_are_counted_on_from_the_item_before() {
        let text: String = (0..500).map(|i| format!("{{\"n\": {i}}},\n\n")).collect();
        let rows = read_json(&format!("[\n{}{{}}]", text));
        let want: Vec<Result<usize, String>> = (0..=500).map(|i| Ok(2 + 2 * i)).collect();
        assert_eq!(lines(&rows), want);
        let mut counted = (0, 1);
        assert_eq!(line_after("a\nb\nc", &mut counted, 4), 3);
        assert_eq!(
            line_after("a\nb\nc", &mut counted, 2),
            2,
            "out of order: counted again"
        );
    }

    #[test]
    fn json_syntax_errors_name_their_line() {
        let rows = read_json("[\n{\"title\": \"A\"},\n{\"title\": }\n]");
        assert_eq!(rows.len(), 1);
        let Err(e) = &rows[0] else {
            panic!("expected an error")
        };
        assert_eq!(e.line, 3);
    }

    #[test]
    fn json_rows_must_be_objects() {
        let rows = read_json("[1, {\"title\": \"A\"}]");
        assert!(rows[0].is_err() && rows[1].is_ok());
    }

    #[test]
    fn jsonl_lines_are_records() {
        let rows = read_jsonl("{\"title\": \"A\"}\n\n{\"title\": \"B\"}\n{oops}\n");
        assert_eq!(lines(&rows)[..2], [Ok(1), Ok(3)]);
        assert!(rows[2].is_err());
    }

    #[test]
    fn csv_rows_carry_their_line_and_skip_empty_cells() {
        let rows = read_csv("title,company,skills\nA,Acme,Rust;Go\n\"B\nwrapped\",Beta,\n");
        assert_eq!(lines(&rows), [Ok(2), Ok(3)]);
        let Ok(second) = &rows[1] else { panic!() };
        assert!(!second.fields.contains_key("skills"));
    }

    #[test]
    fn csv_ragged_rows_are_errors() {
        let rows = read_csv("title,company\nA,Acme\nB\n");
        assert_eq!(
            lines(&rows)[1],
            Err("3:1 invalid CSV: this row has 1 fields, the header has 2".into())
        );
    }

    #[test]
    fn yaml_sequences_and_wrapped_jobs() {
        let rows = read_yaml("- title: A\n  company: X\n- title: B\n");
        assert_eq!(lines(&rows), [Ok(1), Ok(3)]);
        let rows = read_yaml("jobs:\n  - title: A\n  - title: B\n");
        assert_eq!(lines(&rows), [Ok(2), Ok(3)]);
    }

    #[test]
    fn yaml_anchors_shared_by_jobs_stay_within_the_alias_limits() {
        let mut text =
            String::from("- title: First\n  skills: &skills [Rust, Go, SQL, Kubernetes, AWS]\n");
        for i in 0..2000 {
            text.push_str(&format!("- title: Job {i}\n  skills: *skills\n"));
        }
        let rows = read_yaml(&text);
        if let Some(Err(e)) = rows.first() {
            panic!("{}:{} {}", e.line, e.column, e.message);
        }
        assert_eq!(rows.len(), 2001);
        assert!(rows.iter().all(Result::is_ok));
    }

    #[test]
    fn toml_job_tables() {
        let rows =
            read_toml("[[jobs]]\ntitle = \"A\"\n\n[[jobs]]\ntitle = \"B\"\ndate = 2025-10-22\n");
        assert_eq!(lines(&rows), [Ok(1), Ok(4)]);
        let Ok(second) = &rows[1] else { panic!() };
        assert_eq!(second.fields["date"], "2025-10-22");
    }
}
