//! Problems found in a board's dataset or configuration, reported all together.
//!
//! Loading and validation never stop at the first problem: they collect `Problem`s so that one run
//! shows the user everything to fix, each as `path:line:column: error: message`.

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Reported; the build goes on.
    Warning,
    /// The record (or file) cannot be used.
    Error,
}

/// One thing wrong with the input, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the board root, `/`-separated.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    /// An error at `path:line:column`.
    pub fn error(path: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_string(),
            line: line.max(1),
            column: column.max(1),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at `path:line:column`.
    pub fn warning(path: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, line, column, message)
        }
    }

    /// Whether this problem stops the record from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, label, self.message
        )
    }
}

/// The error a build returns when the dataset has problems; carries every one of them.
#[derive(Debug)]
pub struct InvalidInput {
    pub problems: Vec<Problem>,
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<&Problem> = self.problems.iter().filter(|p| p.is_error()).collect();
        let noun = if errors.len() == 1 {
            "problem"
        } else {
            "problems"
        };
        let in_config = |p: &&Problem| p.path == crate::config::FILE_NAME;
        let what = match (errors.iter().all(in_config), errors.iter().any(in_config)) {
            (true, _) => "the configuration has",
            (false, true) => "the configuration and the dataset have",
            (false, false) => "the dataset has",
        };
        write!(f, "{what} {} {noun}; nothing was written", errors.len())
    }
}

impl std::error::Error for InvalidInput {}

/// Bad input that is not a dataset problem (refused import rows, a bad template): exit status 1.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Turns a byte offset in `text` into a 1-based (line, column), counting columns in characters.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_compiler() {
        let p = Problem::error("content/jobs/a.md", 3, 1, "missing `title`");
        assert_eq!(
            p.to_string(),
            "content/jobs/a.md:3:1: error: missing `title`"
        );
        let w = Problem::warning("x.csv", 0, 0, "unknown key `foo`");
        assert_eq!(w.to_string(), "x.csv:1:1: warning: unknown key `foo`");
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4));
        assert_eq!(line_column(text, 999), (3, 2));
    }
}
