//! Whose folder is it? The checks that keep a build from replacing or writing over what the user
//! owns.
//!
//! A build replaces its output folder whole. It does so only when the folder is absent, empty, or
//! holds the marker file a build leaves in it (`.jobsmith-output`); anything else is the user's
//! and is refused unless they pass `--force-output`. The output, README and archive paths may
//! not be, hold or lie inside the places a board is made of: its root (for the output), the
//! dataset, templates, static files, `.git/` and the configuration.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, bail};

/// The file a build leaves in its output folder, so the next build knows the folder is its own.
pub const MARKER: &str = ".jobsmith-output";

/// What the marker says to a person who opens it.
pub const MARKER_TEXT: &str = "This folder is written by jobsmith: every build replaces it whole.\nDo not keep files of your own here; put them in static/ instead.\n";

/// The folders and files of a board that no output may touch, relative to its root.
pub const PROTECTED: &[&str] = &["content", "templates", "static", ".git", "jobsmith.toml"];

/// Why a README or archive path of the configuration is refused, if it is.
///
/// The path must be relative to the board, made of plain names, and clear of the protected
/// places. Names are compared without regard to case, for file systems that ignore it.
pub fn board_path_problem(key: &str, value: &str) -> Option<String> {
    let path = Path::new(value);
    let plain = !value.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Some(format!(
            "`{key}` must be a path inside the board made of plain names (no `..`, not absolute), not {value:?}"
        ));
    }
    let first = path
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    PROTECTED.iter().find(|p| **p == first).map(|protected| {
        format!("`{key}` = {value:?} would write into `{protected}`, which is the board's own; choose another path")
    })
}

/// Checks the output folder before a build writes anything, and returns where the site really
/// goes: the folder itself, or the folder a symbolic link names.
pub fn check_output(root: &Path, output: &Path, force: bool) -> anyhow::Result<PathBuf> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the board folder {}", root.display()))?;
    let resolved = resolve(output)?;
    if resolved == root || root.starts_with(&resolved) {
        bail!(
            "refusing to build into {}: it holds the board itself; choose a folder such as public/",
            output.display()
        );
    }
    for name in PROTECTED {
        let place = root.join(name);
        let place = place.canonicalize().unwrap_or(place);
        if resolved.starts_with(&place) || place.starts_with(&resolved) {
            bail!(
                "refusing to build into {}: it {} the board's `{name}`; choose a folder such as public/",
                output.display(),
                if resolved.starts_with(&place) {
                    "lies inside"
                } else {
                    "holds"
                }
            );
        }
    }
    check_owner(output, &resolved, force)?;
    Ok(resolved)
}

/// The absolute path `path` names, with symbolic links resolved as far as the path exists.
fn resolve(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    if absolute.symlink_metadata().is_ok() {
        return absolute.canonicalize().with_context(|| {
            format!(
                "{} is a symbolic link to nothing (or a loop); remove it or point it at a folder",
                path.display()
            )
        });
    }
    // Not there yet: resolve the part that exists, then add the rest back.
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    while existing.symlink_metadata().is_err() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            break;
        };
        missing.push(name.to_os_string());
        existing = parent;
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in missing.iter().rev() {
        if name == ".." {
            resolved.pop();
        } else if name != "." {
            resolved.push(name);
        }
    }
    Ok(resolved)
}

/// Refuses an output folder that holds anything a build did not write.
fn check_owner(shown: &Path, resolved: &Path, force: bool) -> anyhow::Result<()> {
    let Ok(meta) = resolved.symlink_metadata() else {
        return Ok(());
    };
    if !meta.is_dir() {
        bail!(
            "refusing to build into {}: it is a file, not a folder",
            shown.display()
        );
    }
    if force || is_own(resolved)? {
        return Ok(());
    }
    bail!(
        "refusing to replace {}: it holds files jobsmith did not write (there is no {MARKER} in it). \
         Move them away or delete the folder yourself, choose another --output, or pass \
         --force-output to let jobsmith replace everything in it",
        shown.display()
    )
}

/// Whether a folder is empty or carries the marker of a build (as a regular file).
pub fn is_own(dir: &Path) -> anyhow::Result<bool> {
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.next().is_none() {
        return Ok(true);
    }
    Ok(dir
        .join(MARKER)
        .symlink_metadata()
        .is_ok_and(|m| m.is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_paths_stay_clear_of_the_board_itself() {
        for good in ["README.md", "public/README.md", "archive", "docs/jobs.md"] {
            assert_eq!(board_path_problem("k", good), None, "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x.md",
            "/tmp/README.md",
            "a/../README.md",
            "jobsmith.toml",
            "content",
            "content/jobs",
            "Content/jobs/a.md",
            "templates/README.md",
            "static",
            ".git/config",
        ] {
            assert!(board_path_problem("k", bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn an_output_may_not_hold_or_sit_in_the_board() {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path().join("board");
        std::fs::create_dir_all(root.join("content/jobs")).expect("board");
        for bad in [".", "..", "content", "content/jobs", ".git", "templates/x"] {
            assert!(
                check_output(&root, &root.join(bad), false).is_err(),
                "{bad}"
            );
        }
        let fine = check_output(&root, &root.join("public"), false).expect("public");
        assert_eq!(fine, root.canonicalize().expect("root").join("public"));
    }

    #[test]
    fn a_folder_is_ours_when_empty_or_marked() {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path();
        assert!(is_own(dir).expect("empty"));
        std::fs::write(dir.join("notes.txt"), "mine").expect("write");
        assert!(!is_own(dir).expect("user's"));
        std::fs::write(dir.join(MARKER), MARKER_TEXT).expect("marker");
        assert!(is_own(dir).expect("marked"));
    }
}
