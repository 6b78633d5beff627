//! HTML pages: the paginated index, one page per job, the 404 page, and the listing renderer
//! every paginated page shares.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{Ctx, Sink};
use crate::markdown;
use crate::site::{Entry, Pager, page_dir, paginate};
use crate::view::{JobCard, PageView, job_dir};

/// Writes the index, every job page and the 404 page.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let listing = Listing {
        dir: String::new(),
        template: "index.html",
        title: ctx.config.title.clone(),
        heading: ctx.config.title.clone(),
        description: index_description(ctx),
        feed: "rss.xml".into(),
        jobs: &ctx.site.current,
    };
    let mut search = Context::new();
    search.insert("search", &SearchView::new(ctx));
    // The search box sits on the first page only: the others do not change with the index.
    render_listing_pages(ctx, sink, &listing, &search, &Context::new())?;
    ctx.site
        .entries
        .par_iter()
        .enumerate()
        .try_for_each(|(index, entry)| {
            let path = format!("{}index.html", job_dir(entry));
            ctx.emit(
                sink,
                &path,
                || ctx.entry_keys[index],
                || render_job(ctx, entry, ctx.card(index)),
            )
        })?;
    render_404(ctx, sink)
}

/// Entry `index`'s `job_row.html`, as every listing shows it.
pub fn render_row(ctx: &Ctx, index: usize) -> anyhow::Result<String> {
    let mut context = Context::new();
    context.insert("site", ctx.site_view);
    context.insert("job", ctx.card(index));
    ctx.renderer.render("job_row.html", &context)
}

/// What the index page's search box needs, as `search`.
#[derive(Serialize)]
struct SearchView {
    /// Path of the folder of this build's search index.
    index: String,
    /// Path of the search script.
    script: String,
}

impl SearchView {
    fn new(ctx: &Ctx) -> SearchView {
        let base = &ctx.site.base_path;
        SearchView {
            index: format!("{base}{}", ctx.search_index().dir),
            script: format!("{base}{}", super::script_name(&ctx.theme.script)),
        }
    }
}

/// A paginated list of jobs: the index, or a company, location, type or skill page.
pub struct Listing<'a> {
    /// Folder of the first page, relative to the site root ("" or "companies/acme/").
    pub dir: String,
    pub template: &'static str,
    /// Page title, without the board's name.
    pub title: String,
    pub heading: String,
    pub description: String,
    /// The listing's feed, relative to the site root.
    pub feed: String,
    /// Indexes into `site.entries`.
    pub jobs: &'a [usize],
}

/// Pagination for templates, as `pager`: numbered links around the current page.
#[derive(Serialize)]
struct PagerView {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    /// Page links; `None` stands for a gap ("…").
    pages: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
    current: bool,
}

impl PagerView {
    fn new(base_path: &str, dir: &str, pager: &Pager) -> PagerView {
        let link = |n: usize| format!("{base_path}{dir}{}", page_dir(n));
        let shown = |n: usize| n == 1 || n == pager.total || n.abs_diff(pager.number) <= 2;
        let mut pages = Vec::new();
        for n in 1..=pager.total {
            if shown(n) {
                pages.push(Some(PageLink {
                    number: n,
                    path: link(n),
                    current: n == pager.number,
                }));
            } else if pages.last().is_some_and(Option::is_some) {
                pages.push(None);
            }
        }
        PagerView {
            number: pager.number,
            total: pager.total,
            previous: (pager.number > 1).then(|| link(pager.number - 1)),
            next: (pager.number < pager.total).then(|| link(pager.number + 1)),
            pages,
        }
    }
}

/// The context every page starts from.
pub fn base_context(ctx: &Ctx, page: &PageView) -> Context {
    let mut context = Context::new();
    context.insert("site", ctx.site_view);
    context.insert("page", page);
    context
}

/// Writes every page of a listing; `extra` adds template variables (a company's profile).
pub fn render_listing(
    ctx: &Ctx,
    sink: &dyn Sink,
    listing: &Listing,
    extra: &Context,
) -> anyhow::Result<()> {
    render_listing_pages(ctx, sink, listing, extra, extra)
}

/// Writes every page of a listing, with the variables of `first` on the first page and those of
/// `rest` on the others.
fn render_listing_pages(
    ctx: &Ctx,
    sink: &dyn Sink,
    listing: &Listing,
    first: &Context,
    rest: &Context,
) -> anyhow::Result<()> {
    // Made once per listing, and only when the sink keeps pages for a next build.
    let keys = ctx
        .remember
        .then(|| [format!("{first:?}"), format!("{rest:?}")]);
    paginate(listing.jobs.len(), ctx.config.per_page)
        .into_par_iter()
        .try_for_each(|pager| {
            let dir = format!("{}{}", listing.dir, pager.dir);
            let on_first = pager.number == 1;
            let extra = if on_first { first } else { rest };
            let inputs = || {
                (
                    listing.key(),
                    keys.as_ref().map(|k| &k[usize::from(!on_first)]),
                    (pager.number, pager.total),
                    ctx.keys_of(&listing.jobs[pager.start..pager.end]),
                )
            };
            ctx.emit(sink, &format!("{dir}index.html"), inputs, || {
                let rows = listing.jobs[pager.start..pager.end]
                    .iter()
                    .map(|&i| ctx.row(i))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let rows: Vec<&str> = rows.iter().map(|row| &**row).collect();
                render_listing_page(ctx, listing, extra, &rows, &pager)
            })
        })
}

impl Listing<'_> {
    /// What identifies the listing, for `Ctx::emit`.
    fn key(&self) -> [&str; 6] {
        [
            &self.dir,
            self.template,
            &self.title,
            &self.heading,
            &self.description,
            &self.feed,
        ]
    }
}

/// One page of a listing, showing `rows`.
fn render_listing_page(
    ctx: &Ctx,
    listing: &Listing,
    extra: &Context,
    rows: &[&str],
    pager: &Pager,
) -> anyhow::Result<Vec<u8>> {
    let dir = format!("{}{}", listing.dir, pager.dir);
    let suffix = if pager.number == 1 {
        String::new()
    } else {
        format!(", page {}", pager.number)
    };
    let title = if listing.dir.is_empty() && pager.number == 1 {
        listing.title.clone()
    } else {
        format!("{}{suffix} – {}", listing.title, ctx.config.title)
    };
    let page_note = if pager.number == 1 {
        String::new()
    } else {
        format!(" Page {}.", pager.number)
    };
    let description = format!("{}{page_note}", listing.description);
    let mut page = PageView::new(ctx.config, ctx.site, &dir, title, description);
    page.feed = format!("{}{}", ctx.site.base_path, listing.feed);
    let mut context = base_context(ctx, &page);
    context.extend(extra.clone());
    context.insert("heading", &listing.heading);
    context.insert("rows", rows);
    context.insert(
        "pager",
        &PagerView::new(&ctx.site.base_path, &listing.dir, pager),
    );
    let html = ctx.renderer.render(listing.template, &context)?;
    Ok(ctx.finish_html(html))
}

fn index_description(ctx: &Ctx) -> String {
    if ctx.config.description.is_empty() {
        format!(
            "{} open positions on {}.",
            ctx.site.current.len(),
            ctx.config.title
        )
    } else {
        ctx.config.description.clone()
    }
}

fn render_job(ctx: &Ctx, entry: &Entry, card: &JobCard) -> anyhow::Result<Vec<u8>> {
    let job = &entry.job;
    let dir = job_dir(entry);
    let title = format!("{} at {} – {}", job.title, job.company, ctx.config.title);
    let salary = card
        .salary
        .as_ref()
        .map(|s| format!(" Salary: {s}."))
        .unwrap_or_default();
    let description = format!(
        "{} at {} in {} ({}), posted {}.{salary}",
        job.title, job.company, job.location, card.workplace_label, card.date_display
    );
    let mut page = PageView::new(ctx.config, ctx.site, &dir, title, description);
    page.og_type = "article";
    let mut context = base_context(ctx, &page);
    let description_html = markdown::to_html(&job.description);
    let json_ld = if entry.expired {
        String::new()
    } else {
        crate::jsonld::job_posting(entry, &description_html, ctx.config.expire_after_days)
    };
    context.insert("job", card);
    context.insert("description_html", &description_html);
    context.insert("json_ld", &json_ld);
    let html = ctx.renderer.render("job.html", &context)?;
    Ok(ctx.finish_html(html))
}

fn render_404(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let title = format!("Page not found – {}", ctx.config.title);
    let description = format!("This page does not exist on {}.", ctx.config.title);
    let page = PageView::new(ctx.config, ctx.site, "404.html", title, description);
    let context = base_context(ctx, &page);
    let html = ctx.renderer.render("404.html", &context)?;
    sink.site_file("404.html", ctx.finish_html(html))
}
