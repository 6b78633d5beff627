//! Problems as other programs read them: GitHub workflow commands, so that a pull request shows
//! each problem on its line, and JSON for scripts (`jobsmith check --format github|json`).

use serde::Serialize;

use crate::problem::{Problem, Severity};

/// How `jobsmith check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `path:line:column: error: message`, on standard error.
    #[default]
    Text,
    /// `::error file=PATH,line=N,col=M::message`, on standard output.
    Github,
    /// One JSON array of problems, on standard output.
    Json,
}

/// One problem as a GitHub workflow command (`::error` or `::warning`).
pub fn github(problem: &Problem) -> String {
    let command = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "::{command} file={},line={},col={}::{}",
        escape_property(&problem.path),
        problem.line,
        problem.column,
        escape_data(&problem.message)
    )
}

/// The message of a workflow command: `%`, CR and LF are percent-encoded, as GitHub's toolkit
/// does, so a message cannot end the command or start another.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property of a workflow command: as the message, and `:` and `,` too, which end properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    severity: &'static str,
    message: &'a str,
}

/// Every problem as one JSON array of `{path, line, column, severity, message}`.
pub fn json(problems: &[Problem]) -> String {
    let rows: Vec<JsonProblem> = problems
        .iter()
        .map(|p| JsonProblem {
            path: &p.path,
            line: p.line,
            column: p.column,
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: &p.message,
        })
        .collect();
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_would_end_them() {
        let p = Problem::error("content/jobs/a,b:c.md", 3, 2, "50% off\r\nnext::line");
        assert_eq!(
            github(&p),
            "::error file=content/jobs/a%2Cb%3Ac.md,line=3,col=2::50%25 off%0D%0Anext::line"
        );
        let w = Problem::warning("x.csv", 1, 1, "odd");
        assert_eq!(github(&w), "::warning file=x.csv,line=1,col=1::odd");
    }

    #[test]
    fn json_lists_every_problem() {
        let problems = [Problem::error("a.md", 2, 1, "missing \"title\"")];
        let back: serde_json::Value = serde_json::from_str(&json(&problems)).expect("JSON");
        assert_eq!(
            back,
            serde_json::json!([{"path": "a.md", "line": 2, "column": 1,
                "severity": "error", "message": "missing \"title\""}])
        );
    }
}
