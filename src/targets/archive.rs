//! The daily archive: `archive/YYYY-MM-DD.md` holding the day's table.
//!
//! Old archive files are removed by the write stage (`archive.keep_days`).

use serde::Serialize;
use tera::Context;

use super::{Ctx, Sink};
use crate::readme;

#[derive(Serialize)]
struct ArchiveView<'a> {
    title: &'a str,
    footer: &'a str,
}

/// Renders `archive.md` to `archive.dir/DAY.md`.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let config = &ctx.config.archive;
    if !config.enabled {
        return Ok(());
    }
    let day = ctx.site.now.format("%Y-%m-%d").to_string();
    let mut context = Context::new();
    context.insert_value("site", ctx.site_value.clone());
    // Plain text, escaped like table cells so it shows as written.
    let title = crate::table::escape_cell(config.title.as_deref().unwrap_or(&ctx.config.title));
    context.insert(
        "archive",
        &ArchiveView {
            title: &title,
            footer: &config.footer,
        },
    );
    context.insert("day", &day);
    let rows = readme::rows(ctx.site, &ctx.config.readme.utm, ctx.config.readme.max_jobs);
    context.insert("rows", &rows);
    let text = ctx.renderer.render("archive.md", &context)?;
    let dir = config.dir.trim_end_matches('/');
    sink.board_file(&format!("{dir}/{day}.md"), text.into_bytes())
}
