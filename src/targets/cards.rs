//! Social cards (`[cards] enabled = true`): a 1200×630 PNG for every current job at
//! `jobs/SLUG/card.png`, for every group page at `KIND/SLUG/card.png` and for the board at
//! `card.png`, which pages name in `og:image` so that a shared link shows a picture.
//!
//! Each card is the template `card.svg` (built in; a board's `templates/card.svg` replaces it)
//! rendered with the card's text, then painted (`paint.rs`). Painting is the cost, so painted
//! cards are kept in `.jobsmith-cache/cards/` by a key of their SVG text (`cache.rs`): a rebuild
//! paints only the cards whose text changed, and the cache keeps only the cards of the last build.

mod cache;
mod paint;
mod text;
mod view;

use std::collections::BTreeSet;

use anyhow::anyhow;
use rayon::prelude::*;
use serde::Serialize;

use super::Ctx;
use crate::render::TemplateError;
use crate::write::Sink;
use view::{Fonts, board_view, group_view, job_view};

pub use cache::DIR as CACHE_DIR;

/// The template every card is rendered from.
pub const TEMPLATE: &str = "card.svg";

/// The colours of the stylesheet's `.mark-0` .. `.mark-11` (`mark::COLOURS`).
const MARK_COLOURS: [&str; crate::mark::COLOURS] = [
    "#1d4ed8", "#047857", "#b91c1c", "#7e22ce", "#c2410c", "#0f766e", "#be185d", "#4338ca",
    "#8a5a00", "#15803d", "#0369a1", "#334155",
];

/// A card as its template gets it, as `card` (documented in `docs/templates.md`). Texts are cut
/// to the widths the default template gives them.
#[derive(Debug, Serialize)]
pub struct CardView {
    /// `job`, `board`, `company`, `location`, `workplace` or `skill`.
    pub kind: &'static str,
    /// The job's title, the group page's heading, or the board's title.
    pub title: String,
    /// `title` on at most three lines of 1,040 px in 64 px bold.
    pub title_lines: Vec<String>,
    /// What the card is about, above the title when there is no company: "Location", "Skill".
    pub label: String,
    /// The company (job and company cards), on one line of 900 px in 40 px bold.
    pub company: String,
    /// The company's monogram (job and company cards).
    pub mark: Option<MarkView>,
    /// Where and how (a job: "Berlin, Germany · Hybrid") or how many ("12 open positions"), on
    /// one line of 1,040 px in 36 px.
    pub place: String,
    /// The job's salary, and its width in 32 px bold (for the chip behind it).
    pub salary: Option<String>,
    pub salary_width: u32,
    /// The board's title, on one line of 760 px in 30 px bold, and the host of its URL.
    pub board: String,
    pub host: String,
}

/// A company's monogram on a card.
#[derive(Debug, Serialize)]
pub struct MarkView {
    pub initials: String,
    /// `#rrggbb`, the colour of the monogram on the site.
    pub colour: &'static str,
}

/// The absolute URL of the card of the page in folder `dir` (`""` for the board), when the
/// board has cards.
pub fn image_url(config: &crate::config::Config, dir: &str) -> Option<String> {
    config
        .cards
        .enabled
        .then(|| format!("{}{dir}card.png", config.base_url))
}

/// Writes every card, painting those the cache does not hold, and prunes the cache.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    if !ctx.config.cards.enabled {
        return Ok(());
    }
    let planned = plan(ctx);
    let svgs = planned
        .par_iter()
        .map(|(path, view)| svg(ctx.renderer, template_file(ctx), path, view))
        .collect::<anyhow::Result<Vec<String>>>()?;
    let keys: Vec<String> = svgs.par_iter().map(|svg| cache::key(svg)).collect();
    let cache = cache::Cache::open(ctx.root)?;
    let painter = paint::Painter::new();
    let write = |i: usize| {
        ctx.emit(
            sink,
            &planned[i].0,
            || &keys[i],
            || card(ctx, &cache, &painter, &planned[i].0, &keys[i], &svgs[i]),
        )
    };
    // The board's card first, on its own: a template that does not make SVG fails there,
    // with the same message on every build.
    write(0)?;
    (1..planned.len()).into_par_iter().try_for_each(write)?;
    cache.prune(&keys.into_iter().collect::<BTreeSet<String>>())?;
    Ok(())
}

/// The PNG of the card at `path`: from the cache, else painted and kept there.
fn card(
    ctx: &Ctx,
    cache: &cache::Cache,
    painter: &paint::Painter,
    path: &str,
    key: &str,
    svg: &str,
) -> anyhow::Result<Vec<u8>> {
    if let Some(png) = cache.get(key) {
        return Ok(png);
    }
    let png = painter.paint(svg).map_err(|message| {
        anyhow!(TemplateError(format!(
            "{}: the SVG it made for {path} is not valid (lines and columns of that SVG): {message}",
            template_file(ctx)
        )))
    })?;
    cache.put(key, &png)?;
    Ok(png)
}

/// The card template's file, as an error names it.
fn template_file(ctx: &Ctx) -> &'static str {
    let own = ctx.theme.templates.iter().any(|(name, _)| name == TEMPLATE);
    if own {
        "templates/card.svg"
    } else {
        "card.svg (built in)"
    }
}

/// The SVG text of a card, rendered by `renderer` from the template in `file`.
fn svg(
    renderer: &crate::render::Renderer,
    file: &str,
    path: &str,
    view: &CardView,
) -> anyhow::Result<String> {
    let mut context = tera::Context::new();
    context.insert("card", view);
    renderer.render(TEMPLATE, &context).map_err(|e| {
        anyhow!(TemplateError(format!(
            "{file}: cannot make the card {path}: {e}"
        )))
    })
}

/// Every card of the board, by site path, the board's first.
fn plan(ctx: &Ctx) -> Vec<(String, CardView)> {
    let fonts = Fonts::new();
    let mut planned = vec![("card.png".to_string(), board_view(ctx, &fonts))];
    planned.par_extend(ctx.site.current.par_iter().map(|&index| {
        let dir = crate::view::job_dir(&ctx.site.entries[index]);
        (format!("{dir}card.png"), job_view(ctx, &fonts, index))
    }));
    let site = ctx.site;
    let kinds: [(&str, &'static str, Vec<&crate::site::Group>); 4] = [
        ("companies", "company", site.company_pages()),
        ("locations", "location", site.place_pages()),
        ("types", "workplace", site.types.iter().collect()),
        ("skills", "skill", site.skill_pages()),
    ];
    for (dir, kind, groups) in kinds {
        planned.par_extend(groups.par_iter().map(|group| {
            let path = format!("{dir}/{}/card.png", group.slug);
            (path, group_view(ctx, &fonts, kind, group))
        }));
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Renderer, Theme};

    fn view(title: &str) -> CardView {
        CardView {
            kind: "job",
            title: title.to_string(),
            title_lines: vec![title.to_string()],
            label: String::new(),
            company: "Acme & Sons".into(),
            mark: Some(MarkView {
                initials: "AS".into(),
                colour: MARK_COLOURS[0],
            }),
            place: "Berlin, Germany · Hybrid".into(),
            salary: Some("90k–120k EUR a year".into()),
            salary_width: 300,
            board: "Board \"B\"".into(),
            host: "example.org".into(),
        }
    }

    /// The default template escapes what it shows, and paints into a whole 1200×630 PNG.
    #[test]
    fn the_default_template_escapes_text_and_paints() {
        let renderer = Renderer::new(&Theme::default(), false, false).expect("templates");
        let text = svg(&renderer, "card.svg", "card.png", &view("<Dev> & 'Ops'")).expect("svg");
        assert!(text.contains("&lt;Dev&gt; &amp; "), "{text}");
        assert!(text.contains("Acme &amp; Sons"), "{text}");
        assert!(!text.contains("<Dev>"), "{text}");
        let png = paint::Painter::new().paint(&text).expect("paints");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, after the signature and the chunk's head.
        assert_eq!(&png[16..24], [0, 0, 4, 176, 0, 0, 2, 118]);
        let broken = paint::Painter::new().paint("<svg><text>");
        assert!(broken.is_err());
    }
}
