//! Assets: the stylesheet and the search script (both fingerprinted), the favicon, and the
//! board's `static/` files.

use super::{Ctx, Sink};

/// The default favicon; a `static/favicon.svg` replaces it.
pub const FAVICON: &str = include_str!("../../static/favicon.svg");

/// `style.HASH.css` for the given stylesheet text.
pub fn stylesheet_name(css: &str) -> String {
    format!("style.{:08x}.css", crate::slug::stable_hash(css) as u32)
}

/// `search.HASH.js` for the given script text.
pub fn script_name(js: &str) -> String {
    format!("search.{:08x}.js", crate::slug::stable_hash(js) as u32)
}

/// Writes the stylesheet, the search script, the favicon and every file of `static/`.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let css = &ctx.theme.stylesheet;
    sink.site_file(&stylesheet_name(css), css.as_bytes().to_vec())?;
    let js = &ctx.theme.script;
    sink.site_file(&script_name(js), js.as_bytes().to_vec())?;
    if !ctx
        .theme
        .static_files
        .iter()
        .any(|(path, _)| path == "favicon.svg")
    {
        sink.site_file("favicon.svg", FAVICON.as_bytes().to_vec())?;
    }
    for (path, bytes) in &ctx.theme.static_files {
        sink.site_file(path, bytes.clone())?;
    }
    Ok(())
}
