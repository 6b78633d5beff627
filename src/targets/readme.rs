//! The GitHub README: the newest openings as a table, the stats line and trending skills.
//!
//! When the README already on disk holds `<!-- jobsmith:start -->` and `<!-- jobsmith:end -->`,
//! only the part between them is replaced and everything around them is kept.

use serde::Serialize;
use tera::Context;

use super::{Ctx, Sink};
use crate::readme;

pub const START_MARKER: &str = "<!-- jobsmith:start -->";
pub const END_MARKER: &str = "<!-- jobsmith:end -->";

#[derive(Serialize)]
struct ReadmeView<'a> {
    title: &'a str,
    intro: &'a str,
    footer: &'a str,
}

/// Renders `README.md` to `readme.output`.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let config = &ctx.config.readme;
    if !config.enabled {
        return Ok(());
    }
    let mut context = Context::new();
    context.insert_value("site", ctx.site_value.clone());
    context.insert(
        "readme",
        &ReadmeView {
            title: readme::title(ctx.config),
            intro: config.intro.as_deref().unwrap_or(&ctx.config.description),
            footer: &config.footer,
        },
    );
    context.insert("updated", &readme::updated_line(ctx.site));
    context.insert(
        "rows",
        &readme::rows(ctx.site, &config.utm, config.max_jobs),
    );
    context.insert("stats", &readme::stats(ctx.site));
    // Skill names come from the dataset: escaped like table cells, so none can hold markup.
    let skills: Vec<String> = readme::trending_skills(ctx.site, config.trending_skills)
        .iter()
        .map(|name| crate::table::escape_cell(name))
        .collect();
    context.insert("skills", &skills);
    let rendered = ctx.renderer.render("README.md", &context)?;
    let text = match ctx.existing_readme {
        Some(existing) => splice(existing, &rendered).unwrap_or(rendered),
        None => rendered,
    };
    sink.board_file(&config.output, text.into_bytes())
}

/// Replaces what lies between the markers of `existing` with `rendered` (or with the part of
/// `rendered` between its own markers). `None` when `existing` has no complete pair of markers.
pub fn splice(existing: &str, rendered: &str) -> Option<String> {
    let start = existing.find(START_MARKER)? + START_MARKER.len();
    let end = start + existing[start..].find(END_MARKER)?;
    let inner = between_markers(rendered).unwrap_or(rendered);
    Some(format!(
        "{}\n{}\n{}",
        &existing[..start],
        inner.trim_matches('\n'),
        &existing[end..]
    ))
}

fn between_markers(text: &str) -> Option<&str> {
    let start = text.find(START_MARKER)? + START_MARKER.len();
    let end = start + text[start..].find(END_MARKER)?;
    Some(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_lies_outside_the_markers() {
        let existing = "# Mine\n\nHand-written.\n\n<!-- jobsmith:start -->\nold table\n<!-- jobsmith:end -->\n\nMore of mine.\n";
        let spliced = splice(existing, "new table\n").expect("markers");
        assert_eq!(
            spliced,
            "# Mine\n\nHand-written.\n\n<!-- jobsmith:start -->\nnew table\n<!-- jobsmith:end -->\n\nMore of mine.\n"
        );
        let again = splice(
            &spliced,
            "x\n<!-- jobsmith:start -->\nnewer\n<!-- jobsmith:end -->\ny",
        )
        .expect("markers");
        assert!(
            again.contains("<!-- jobsmith:start -->\nnewer\n<!-- jobsmith:end -->")
                && again.starts_with("# Mine")
        );
    }

    #[test]
    fn without_both_markers_nothing_is_spliced() {
        assert!(splice("no markers", "x").is_none());
        assert!(splice("<!-- jobsmith:start --> only", "x").is_none());
        assert!(splice("<!-- jobsmith:end --> <!-- jobsmith:start -->", "x").is_none());
    }
}
