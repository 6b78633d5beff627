//! HTML pages: the paginated index, one page per job, and the 404 page.

use serde::Serialize;
use tera::Context;

use super::{Ctx, Sink};
use crate::markdown;
use crate::site::{Pager, page_dir, paginate};
use crate::view::{JobCard, PageView, job_dir};

/// Writes every HTML page.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    render_index(ctx, sink)?;
    for (entry, card) in ctx.site.entries.iter().zip(ctx.cards) {
        render_job(ctx, sink, entry, card)?;
    }
    render_404(ctx, sink)
}

/// Pagination links for templates, as `pager`.
#[derive(Serialize)]
struct PagerView {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
}

impl PagerView {
    /// For a listing whose first page lives at `dir`.
    fn new(base_path: &str, dir: &str, pager: &Pager) -> PagerView {
        let link = |n: usize| format!("{base_path}{dir}{}", page_dir(n));
        PagerView {
            number: pager.number,
            total: pager.total,
            previous: (pager.number > 1).then(|| link(pager.number - 1)),
            next: (pager.number < pager.total).then(|| link(pager.number + 1)),
        }
    }
}

fn base_context(ctx: &Ctx, page: &PageView) -> Context {
    let mut context = Context::new();
    context.insert("site", ctx.site_view);
    context.insert("page", page);
    context
}

fn render_index(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let cards: Vec<&JobCard> = ctx.site.current.iter().map(|&i| &ctx.cards[i]).collect();
    for pager in paginate(cards.len(), ctx.config.per_page) {
        let title = if pager.number == 1 {
            ctx.config.title.clone()
        } else {
            format!("{} – page {}", ctx.config.title, pager.number)
        };
        let description = index_description(ctx, pager.number);
        let page = PageView::new(ctx.config, ctx.site, &pager.dir, title, description);
        let mut context = base_context(ctx, &page);
        context.insert("jobs", &cards[pager.start..pager.end]);
        context.insert("pager", &PagerView::new(&ctx.site.base_path, "", &pager));
        let html = ctx.renderer.render("index.html", &context)?;
        sink.site_file(&format!("{}index.html", pager.dir), html.into_bytes())?;
    }
    Ok(())
}

fn index_description(ctx: &Ctx, number: usize) -> String {
    let count = ctx.site.current.len();
    let base = if ctx.config.description.is_empty() {
        format!("{count} open positions on {}.", ctx.config.title)
    } else {
        ctx.config.description.clone()
    };
    if number == 1 {
        base
    } else {
        format!("{base} Page {number}.")
    }
}

/// A job's page: the card plus its description as sanitised HTML.
#[derive(Serialize)]
struct JobPage<'a> {
    #[serde(flatten)]
    card: &'a JobCard,
    description_html: String,
}

fn render_job(
    ctx: &Ctx,
    sink: &dyn Sink,
    entry: &crate::site::Entry,
    card: &JobCard,
) -> anyhow::Result<()> {
    let job = &entry.job;
    let dir = job_dir(entry);
    let title = format!("{} at {} – {}", job.title, job.company, ctx.config.title);
    let description = format!(
        "{} at {} in {} ({}), posted {}.",
        job.title, job.company, job.location, card.workplace_label, card.date_display
    );
    let page = PageView::new(ctx.config, ctx.site, &dir, title, description);
    let mut context = base_context(ctx, &page);
    let view = JobPage {
        card,
        description_html: markdown::to_html(&job.description),
    };
    context.insert("job", &view);
    let html = ctx.renderer.render("job.html", &context)?;
    sink.site_file(&format!("{dir}index.html"), html.into_bytes())
}

fn render_404(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let title = format!("Page not found – {}", ctx.config.title);
    let description = format!("This page does not exist on {}.", ctx.config.title);
    let page = PageView::new(ctx.config, ctx.site, "404.html", title, description);
    let context = base_context(ctx, &page);
    let html = ctx.renderer.render("404.html", &context)?;
    sink.site_file("404.html", html.into_bytes())
}
