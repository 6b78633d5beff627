//! Render: the template engine, with the default templates built into the binary.
//!
//! A file of the same name in the board's `templates/` folder replaces a default; other files
//! there are added (for includes). Templates are compiled once per build and shared by every page;
//! HTML templates are minified then, when the board minifies (`minify::templates`).

use std::path::Path;

use anyhow::{Context as _, anyhow, bail};
use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::problem::BadInput;

/// The default templates, by the name a board uses to replace them.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("job_row.html", include_str!("../templates/job_row.html")),
    (
        "pagination.html",
        include_str!("../templates/pagination.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("list.html", include_str!("../templates/list.html")),
    ("groups.html", include_str!("../templates/groups.html")),
    ("job.html", include_str!("../templates/job.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("README.md", include_str!("../templates/README.md")),
    ("archive.md", include_str!("../templates/archive.md")),
];

/// Compiled templates.
pub struct Renderer {
    tera: Tera,
}

/// A template problem, reported with the template's file name; counts as bad input.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

impl Renderer {
    /// Compiles the defaults and the theme's own templates (which win), the HTML ones minified
    /// when `minify` (and the feature is built in). `bare_urls`: the board's URLs may stand
    /// unquoted in attributes (`minify::url_is_bare`).
    pub fn new(theme: &Theme, minify: bool, bare_urls: bool) -> anyhow::Result<Renderer> {
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        for (name, text) in &theme.templates {
            match sources.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1.clone_from(text),
                None => sources.push((name.clone(), text.clone())),
            }
        }
        // Compiled as written first, so that an error names the line the user wrote.
        let mut tera = compile(&sources)?;
        if crate::minify::enabled(minify) {
            let mut marked: Vec<(String, String, bool)> = sources
                .into_iter()
                .map(|(name, text)| {
                    let default = DEFAULT_TEMPLATES.contains(&(name.as_str(), text.as_str()));
                    (name, text, default && bare_urls)
                })
                .collect();
            crate::minify::templates(&mut marked);
            sources = marked
                .into_iter()
                .map(|(name, text, _)| (name, text))
                .collect();
            tera = compile(&sources)?;
        }
        Ok(Renderer { tera })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> anyhow::Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| anyhow!(TemplateError(describe(&e))))
    }

    /// Renders page template `name` with `context` as the bytes of a file, in a buffer made for
    /// about `size` bytes (templates write UTF-8: the bytes are not checked again).
    pub fn render_page(
        &self,
        name: &str,
        context: &Context,
        size: usize,
    ) -> anyhow::Result<Vec<u8>> {
        let mut page = Vec::with_capacity(size);
        self.tera
            .render_to(name, context, &mut page)
            .map_err(|e| anyhow!(TemplateError(describe(&e))))?;
        Ok(page)
    }
}

/// The templates of `sources` (name, text) compiled, with autoescaping for HTML and XML.
fn compile(sources: &[(String, String)]) -> anyhow::Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.add_raw_templates(sources.iter().map(|(name, text)| (name, text)))
        .map_err(|e| anyhow!(TemplateError(describe(&e))))?;
    Ok(tera)
}

/// A tera error with its whole chain, so the user sees the file, line and cause.
fn describe(err: &tera::Error) -> String {
    let mut text = format!("template error: {err}");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}

/// The board's presentation: its own templates, stylesheet and static files.
#[derive(Debug, Default)]
pub struct Theme {
    /// Files of `templates/` by their path there; they replace defaults of the same name.
    pub templates: Vec<(String, String)>,
    /// `static/style.css`, else the default stylesheet.
    pub stylesheet: String,
    /// `static/search.js`, else the default search script.
    pub script: String,
    /// Files of `static/`, by their path there, but `style.css` and `search.js` (written
    /// fingerprinted from `stylesheet` and `script`).
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// The default stylesheet; a board's `static/style.css` replaces it.
pub const DEFAULT_STYLESHEET: &str = include_str!("../static/style.css");

/// The default search script; a board's `static/search.js` replaces it.
pub const DEFAULT_SCRIPT: &str = include_str!("../static/search.js");

impl Theme {
    /// Reads `templates/` and `static/` under `root`; both are optional.
    pub fn load(root: &Path) -> anyhow::Result<Theme> {
        let mut templates = Vec::new();
        for (name, bytes) in read_files(root, "templates")? {
            if name == "style.css" || name == "search.js" {
                bail!(TemplateError(format!(
                    "templates/{name}: assets live in static/ now: move it to static/{name}"
                )));
            }
            let text = String::from_utf8(bytes).map_err(|_| {
                anyhow!(TemplateError(format!("templates/{name} is not UTF-8 text")))
            })?;
            templates.push((name, text));
        }
        let mut stylesheet = DEFAULT_STYLESHEET.to_string();
        let mut script = DEFAULT_SCRIPT.to_string();
        let mut static_files = Vec::new();
        for (name, bytes) in read_files(root, "static")? {
            let slot = match name.as_str() {
                "style.css" => &mut stylesheet,
                "search.js" => &mut script,
                _ => {
                    static_files.push((name, bytes));
                    continue;
                }
            };
            *slot = String::from_utf8(bytes)
                .map_err(|_| anyhow!(TemplateError(format!("static/{name} is not UTF-8 text"))))?;
        }
        Ok(Theme {
            templates,
            stylesheet,
            script,
            static_files,
        })
    }
}

/// Every file under `root/folder` (none when it does not exist), by `/`-separated path, in path
/// order. A symbolic link that leads outside the board is refused: `static/` is published as it
/// is, so such a link could publish any file of the machine that builds the board.
fn read_files(root: &Path, folder: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let dir = root.join(folder);
    let mut found = Vec::new();
    if dir.symlink_metadata().is_ok() && !dir.is_dir() {
        bail!(BadInput(format!(
            "{folder}: not a folder (or a broken symbolic link, or a loop)"
        )));
    }
    if !dir.is_dir() {
        return Ok(found);
    }
    let board = crate::load::Board::new(root);
    let walk = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if board.refuses(&entry) {
            let path = crate::load::relative(root, entry.path());
            bail!(BadInput(format!(
                "{path}: refused: a symbolic link to outside the board"
            )));
        }
        if !entry.file_type().is_file() && !entry.file_type().is_dir() {
            let path = crate::load::relative(root, entry.path());
            bail!(BadInput(format!(
                "{path}: not a regular file (a pipe, socket or device); remove it"
            )));
        }
        if entry.file_type().is_file() {
            let bytes = crate::load::read_regular(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            found.push((crate::load::relative(&dir, entry.path()), bytes));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(files: &[(&str, &str)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = root.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        root
    }

    /// `static/style.css` and `static/search.js` replace the default assets; other files of
    /// `static/` are published as they are; `templates/` holds templates only.
    #[test]
    fn static_files_replace_the_default_assets() {
        let defaults = Theme::load(board(&[]).path()).expect("theme");
        assert_eq!(defaults.stylesheet, DEFAULT_STYLESHEET);
        assert_eq!(defaults.script, DEFAULT_SCRIPT);
        let root = board(&[
            ("static/style.css", "body{}"),
            ("static/search.js", "//"),
            ("static/logos/a.svg", "<svg/>"),
        ]);
        let theme = Theme::load(root.path()).expect("theme");
        assert_eq!(theme.stylesheet, "body{}");
        assert_eq!(theme.script, "//");
        let published: Vec<&str> = theme.static_files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(published, ["logos/a.svg"]);
        let root = board(&[("templates/style.css", "body{}")]);
        let error = Theme::load(root.path()).expect_err("an asset among templates");
        assert!(error.to_string().contains("static/style.css"), "{error}");
    }
}
