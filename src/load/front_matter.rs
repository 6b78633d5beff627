//! Job and company files: TOML (`+++`) or YAML (`---`) front matter, then a markdown body.

use serde_json::{Map, Value};

use super::{Dataset, Kind, Record, toml_to_json};
use crate::problem::{Problem, line_column};

/// Splits and parses one front-matter file into a record.
pub(super) fn read(path: &str, text: &str, kind: Kind, dataset: &mut Dataset) {
    let (fence, format) = match text.lines().next().map(str::trim_end) {
        Some("+++") => ("+++", Syntax::Toml),
        Some("---") => ("---", Syntax::Yaml),
        _ => {
            let message = "a job file starts with front matter: a `+++` line (TOML) or a `---` \
                           line (YAML), the keys, then the same line again";
            dataset.problems.push(Problem::error(path, 1, 1, message));
            return;
        }
    };
    let Some((matter, matter_line, body)) = split(text, fence) else {
        let message = format!("front matter is not closed: no second `{fence}` line");
        dataset.problems.push(Problem::error(path, 1, 1, message));
        return;
    };
    let parsed = match format {
        Syntax::Toml => parse_toml(matter),
        Syntax::Yaml => parse_yaml(matter).map_err(|(line, column, message)| {
            match crate::wording::looks_like_toml(matter) {
                true => (
                    1,
                    1,
                    format!("{message}; this reads as TOML: use +++ for TOML front matter"),
                ),
                false => (line, column, message),
            }
        }),
    };
    match parsed {
        Ok(fields) => dataset.records.push(Record {
            kind,
            path: path.to_string(),
            line: 1,
            column: 1,
            index: 0,
            fields,
            body: Some(body.to_string()),
            key_lines: key_lines(matter, matter_line),
        }),
        Err((line, column, message)) => {
            let problem = Problem::error(path, matter_line + line - 1, column, message);
            dataset.problems.push(problem);
        }
    }
}

enum Syntax {
    Toml,
    Yaml,
}

/// Returns the front matter, the line it starts on, and the body after the closing fence.
fn split<'t>(text: &'t str, fence: &str) -> Option<(&'t str, usize, &'t str)> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let matter = &text[first_end..offset];
            let body = &text[offset + line.len()..];
            return Some((matter, 2, body));
        }
        offset += line.len();
    }
    None
}

type ParseError = (usize, usize, String);

fn parse_toml(matter: &str) -> Result<Map<String, Value>, ParseError> {
    let table: toml::Table = toml::from_str(matter).map_err(|err| {
        let (line, column) = line_column(matter, err.span().map_or(0, |s| s.start));
        (
            line,
            column,
            format!("invalid TOML: {}", err.message().trim()),
        )
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn parse_yaml(matter: &str) -> Result<Map<String, Value>, ParseError> {
    if matter.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: Value = parse_yaml_text(matter).map_err(|err| yaml_error(&err))?;
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err((
            1,
            1,
            "front matter must be a mapping of keys to values".into(),
        )),
    }
}

/// Most events that aliases may replay in one YAML file. The library allows a million, which an
/// alias bomb of a few hundred bytes reaches only after seconds of work (and a file is tried in
/// up to three shapes); a job board's anchors replay far fewer.
const MAX_REPLAYED_EVENTS: usize = 50_000;

/// Parses YAML text with jobsmith's limits on alias replay.
pub(super) fn parse_yaml_text<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
) -> Result<T, serde_saphyr::Error> {
    let mut options = serde_saphyr::options::Options::default();
    options.alias_limits.max_total_replayed_events = MAX_REPLAYED_EVENTS;
    // The library also refuses files with more than ten aliases per anchor (past 100 aliases),
    // which is exactly how a board shares one anchor among its jobs; the replay cap above
    // already bounds the work aliases can cause.
    if let Some(budget) = options.budget.as_mut() {
        budget.enforce_alias_anchor_ratio = false;
        // The node and event caps (250,000 and a million) refuse a bulk file of some 35,000
        // plain jobs. Without aliases (capped above) the count of either grows with the text,
        // so the cap grows with it: a node takes at least a few bytes of text.
        let by_size = text.len() / 4;
        budget.max_nodes = budget.max_nodes.max(by_size);
        budget.max_events = budget.max_events.max(by_size);
        budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(text.len());
    }
    serde_saphyr::from_str_with_options(text, options)
}

/// A YAML error as (line, column, message), without the snippet the library draws.
pub(super) fn yaml_error(err: &serde_saphyr::Error) -> ParseError {
    let (line, column) = err
        .location()
        .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
    let message = err.to_string();
    let first = message.lines().next().unwrap_or("syntax error").trim();
    // The library repeats the place ("error: line 3 column 5: ..."), counted from the start of
    // the YAML rather than of the file: the problem already says where, so only the cause stays.
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let cause = match first.split_once(": ") {
        Some((place, cause)) if place.starts_with("line ") && place.contains(" column ") => cause,
        _ => first,
    };
    let cause = if cause.starts_with("budget breached") || cause.starts_with("alias replay limit") {
        format!("too many values or too deeply nested ({cause})")
    } else {
        cause.to_string()
    };
    (line.max(1), column.max(1), format!("invalid YAML: {cause}"))
}

/// The line of each top-level key (`key =` or `key:` at the start of a line).
fn key_lines(matter: &str, first_line: usize) -> Vec<(String, usize)> {
    matter
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let end = line.find(['=', ':'])?;
            let key = line[..end].trim().trim_matches('"');
            let simple = !key.is_empty()
                && !line.starts_with([' ', '\t', '-', '#', '['])
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            simple.then(|| (key.to_string(), first_line + i))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(text: &str) -> Dataset {
        let mut dataset = Dataset::default();
        read("content/jobs/a.md", text, Kind::Job, &mut dataset);
        dataset
    }

    #[test]
    fn splits_toml_front_matter_and_body() {
        let d = read_one("+++\ntitle = \"Dev\"\ndate = 2025-10-22\n+++\n# Hello\n");
        let r = &d.records[0];
        assert_eq!(r.fields["title"], "Dev");
        assert_eq!(r.fields["date"], "2025-10-22");
        assert_eq!(r.body.as_deref(), Some("# Hello\n"));
        assert_eq!(r.line_of("date"), 3);
    }

    #[test]
    fn splits_yaml_front_matter() {
        let d = read_one("---\ntitle: Dev\nskills: [Rust, Go]\n---\nBody");
        let r = &d.records[0];
        assert_eq!(r.fields["skills"], serde_json::json!(["Rust", "Go"]));
        assert_eq!(r.body.as_deref(), Some("Body"));
        assert_eq!(r.line_of("skills"), 3);
    }

    #[test]
    fn reports_unterminated_front_matter() {
        let d = read_one("+++\ntitle = \"Dev\"\n");
        assert!(d.records.is_empty());
        assert_eq!(
            d.problems[0].to_string(),
            "content/jobs/a.md:1:1: error: front matter is not closed: no second `+++` line"
        );
    }

    #[test]
    fn reports_toml_errors_at_their_file_line() {
        let d = read_one("+++\ntitle = \"Dev\"\ncompany = \n+++\n");
        assert_eq!(d.problems[0].line, 3, "{}", d.problems[0]);
        assert!(d.problems[0].message.starts_with("invalid TOML"));
    }

    #[test]
    fn reports_yaml_errors_at_their_file_line() {
        let d = read_one("---\ntitle: Dev\ncompany: [unclosed\n---\n");
        assert_eq!(d.problems.len(), 1);
        assert!(d.problems[0].line >= 3, "{}", d.problems[0]);
        assert!(d.problems[0].message.starts_with("invalid YAML"));
        assert!(
            !d.problems[0].message.contains("line "),
            "{}",
            d.problems[0]
        );
    }

    #[test]
    fn refuses_yaml_alias_bombs_by_name() {
        let mut bomb = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        bomb.push_str("---\n");
        let d = read_one(&bomb);
        assert!(d.records.is_empty());
        assert!(
            d.problems[0]
                .message
                .starts_with("invalid YAML: too many values or too deeply nested"),
            "{}",
            d.problems[0]
        );
    }

    #[test]
    fn refuses_a_file_without_front_matter() {
        let d = read_one("# Just markdown\n");
        assert!(d.problems[0].message.contains("starts with front matter"));
    }
}
