//! Assets: the stylesheet (fingerprinted) and the board's `static/` files.

use super::{Ctx, Sink};

/// `style.HASH.css` for the given stylesheet text.
pub fn stylesheet_name(css: &str) -> String {
    format!("style.{:08x}.css", crate::slug::stable_hash(css) as u32)
}

/// Writes the stylesheet and every file of `static/`.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let css = &ctx.theme.stylesheet;
    sink.site_file(&stylesheet_name(css), css.as_bytes().to_vec())?;
    for (path, bytes) in &ctx.theme.static_files {
        sink.site_file(path, bytes.clone())?;
    }
    Ok(())
}
