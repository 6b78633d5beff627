//! `--close-dead`: writes `valid_through` (yesterday, so the job is expired today) into the job
//! files of jobs whose apply URL is dead. Only job files (`.md` front matter under `content/`)
//! are rewritten, each through a temporary file renamed over it inside the board folder opened
//! as a capability (`write::BoardDir`), never through a symbolic link; a dead job in a bulk file
//! is reported for a person to close.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::job::Job;
use crate::problem::Problem;

/// Closes each job of `dead` it can; returns a warning for each, saying what was done.
pub fn close(root: &Path, dead: &[Arc<Job>], today: NaiveDate) -> anyhow::Result<Vec<Problem>> {
    let through = today.pred_opt().unwrap_or(today);
    let mut problems = Vec::new();
    for job in dead {
        let origin = &job.origin;
        let note =
            |message: String| Problem::warning(&origin.path, origin.line, origin.column, message);
        if !origin.path.starts_with("content/") || !origin.path.ends_with(".md") {
            problems.push(note(
                "in a bulk file, which is not rewritten: close the job by hand (`valid_through`)"
                    .into(),
            ));
            continue;
        }
        let path = root.join(&origin.path);
        if through_a_link(root, &path) {
            problems.push(note(
                "a symbolic link, which is not followed: close the job by hand".into(),
            ));
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let Some(closed) = set_valid_through(&text, through) else {
            problems.push(note(
                "front matter not understood: close the job by hand".into(),
            ));
            continue;
        };
        let board = crate::write::BoardDir::open(root)?;
        board.write(Path::new(&origin.path), closed.as_bytes())?;
        problems.push(note(format!(
            "closed: `valid_through = {}` written",
            crate::date::iso(through)
        )));
    }
    Ok(problems)
}

/// Whether `path` or a folder between `root` and it is a symbolic link.
fn through_a_link(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return true;
    };
    let mut at = root.to_path_buf();
    inside.components().any(|part| {
        at.push(part);
        std::fs::symlink_metadata(&at).map_or(true, |m| !m.file_type().is_file() && !m.is_dir())
    })
}

/// The job file with `valid_through` set to `date`: the top-level line replaced, or a line added
/// right after the opening fence (before any TOML table). `None` without a known front matter.
pub fn set_valid_through(text: &str, date: NaiveDate) -> Option<String> {
    let (fence, line) = if text.starts_with("+++") {
        ("+++", format!("valid_through = {}", crate::date::iso(date)))
    } else if text.starts_with("---") {
        ("---", format!("valid_through: {}", crate::date::iso(date)))
    } else {
        return None;
    };
    let newline = if text.split('\n').next()?.ends_with('\r') {
        "\r\n"
    } else {
        "\n"
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let end = lines.iter().skip(1).position(|l| l.trim_end() == fence)? + 1;
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let existing = (1..end).find(|&i| {
        let rest = lines[i].strip_prefix("valid_through").unwrap_or("");
        !rest.is_empty() && matches!(rest.trim_start().chars().next(), Some('=' | ':'))
    });
    for (i, current) in lines.iter().enumerate() {
        if Some(i) == existing {
            out.push_str(&line);
            out.push_str(newline);
            continue;
        }
        out.push_str(current);
        if i == 0 && existing.is_none() {
            out.push_str(&line);
            out.push_str(newline);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 10, 21).expect("date")
    }

    #[test]
    fn adds_or_replaces_the_top_level_key() {
        let toml = "+++\ntitle = \"T\"\n[salary]\nmin = 1\n+++\nBody\n";
        assert_eq!(
            set_valid_through(toml, day()).as_deref(),
            Some("+++\nvalid_through = 2025-10-21\ntitle = \"T\"\n[salary]\nmin = 1\n+++\nBody\n")
        );
        let yaml = "---\r\ntitle: T\r\nvalid_through: 2026-01-01\r\n---\r\nvalid_through: body\r\n";
        assert_eq!(
            set_valid_through(yaml, day()).as_deref(),
            Some("---\r\ntitle: T\r\nvalid_through: 2025-10-21\r\n---\r\nvalid_through: body\r\n")
        );
        assert_eq!(set_valid_through("# no front matter\n", day()), None);
        assert_eq!(set_valid_through("+++\nunclosed = 1\n", day()), None);
    }
}
