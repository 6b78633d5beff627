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
    // Titles and the description are plain text: escaped like table cells so that they show as
    // written. `intro` and `footer` are markdown by design.
    let title = crate::table::escape_cell(readme::title(ctx.config));
    let intro = match &config.intro {
        Some(intro) => intro.clone(),
        None => crate::table::escape_cell(&ctx.config.description),
    };
    context.insert(
        "readme",
        &ReadmeView {
            title: &title,
            intro: &intro,
            footer: &config.footer,
        },
    );
    context.insert("updated", &readme::updated_line(ctx.site));
    context.insert(
        "rows",
        &readme::rows(ctx.site, &config.utm, config.max_jobs),
    );
    context.insert("stats", &readme::stats(ctx.site));
    let matcher = crate::skills::SkillMatcher::new(&ctx.config.skills.extra);
    let trending = readme::trending_skills(
        ctx.site,
        config.trending_skills,
        &matcher,
        config.skills_case,
    );
    // Skill names come from the dataset: escaped like table cells, so none can hold markup.
    let skills: Vec<String> = trending
        .skills
        .iter()
        .map(|name| crate::table::escape_cell(name))
        .collect();
    context.insert("skills", &skills);
    context.insert("skills_note", &trending.note);
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

/// Checks that a README holding either marker holds both, start before end, each once; the
/// message names the line of what is wrong. (`path` is only for the message.)
pub fn check_markers(path: &str, text: &str) -> Result<(), String> {
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let starts: Vec<usize> = text.match_indices(START_MARKER).map(|(i, _)| i).collect();
    let ends: Vec<usize> = text.match_indices(END_MARKER).map(|(i, _)| i).collect();
    let fix = "fix the markers by hand; the README was left as it is";
    match (starts.as_slice(), ends.as_slice()) {
        ([], []) => Ok(()),
        ([start], [end]) if start < end => Ok(()),
        ([start], []) => Err(format!(
            "{path}:{}:1: error: `{START_MARKER}` has no `{END_MARKER}` after it; {fix}",
            line_of(*start)
        )),
        ([], [end]) => Err(format!(
            "{path}:{}:1: error: `{END_MARKER}` has no `{START_MARKER}` before it; {fix}",
            line_of(*end)
        )),
        ([start], [end]) => Err(format!(
            "{path}:{}:1: error: `{END_MARKER}` comes before `{START_MARKER}` (line {}); {fix}",
            line_of(*end),
            line_of(*start)
        )),
        (starts, ends) => {
            let at = starts.get(1).or(ends.get(1)).copied().unwrap_or(0);
            Err(format!(
                "{path}:{}:1: error: the jobsmith markers appear more than once; {fix}",
                line_of(at)
            ))
        }
    }
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
    fn incomplete_or_misordered_markers_are_named_by_line() {
        assert!(check_markers("R", "none").is_ok());
        assert!(
            check_markers(
                "R",
                "a\n<!-- jobsmith:start -->\nb\n<!-- jobsmith:end -->\n"
            )
            .is_ok()
        );
        for (text, line) in [
            ("# Mine\n\n<!-- jobsmith:start -->\n", 3),
            ("x\n<!-- jobsmith:end -->\n", 2),
            ("x\ny\n<!-- jobsmith:end -->\n<!-- jobsmith:start -->\n", 3),
            (
                "<!-- jobsmith:start -->\n<!-- jobsmith:end -->\n<!-- jobsmith:start -->\n",
                3,
            ),
        ] {
            let err = check_markers("README.md", text).expect_err(text);
            assert!(
                err.starts_with(&format!("README.md:{line}:1: error:")),
                "{err}"
            );
        }
    }

    #[test]
    fn without_both_markers_nothing_is_spliced() {
        assert!(splice("no markers", "x").is_none());
        assert!(splice("<!-- jobsmith:start --> only", "x").is_none());
        assert!(splice("<!-- jobsmith:end --> <!-- jobsmith:start -->", "x").is_none());
    }
}
