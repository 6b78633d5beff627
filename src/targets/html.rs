//! HTML pages: the paginated index, one page per job, the 404 page, and the listing renderer
//! every paginated page shares.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{Ctx, Sink};
use crate::markdown;
use crate::site::{Pager, page_dir, paginate};
use crate::view::{PageView, job_dir};

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
    render_listing(ctx, sink, &listing, &Context::new())?;
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
                || render_job(ctx, index),
            )
        })?;
    render_404(ctx, sink)
}

/// About the bytes of a page of the default templates without its rows or description.
pub const PAGE_SIZE: usize = 4096;

/// Entry `index`'s `job_row.html`, as every listing shows it.
pub fn render_row(ctx: &Ctx, index: usize) -> anyhow::Result<String> {
    let mut context = Context::new();
    context.insert_value("site", ctx.site_value.clone());
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
        // The first and last pages and two on each side of this one, with a gap where numbers
        // are skipped: a few links whatever the number of pages.
        let near = pager.number.saturating_sub(2).max(1)..=(pager.number + 2).min(pager.total);
        let mut shown: Vec<usize> = std::iter::once(1)
            .chain(near)
            .chain(std::iter::once(pager.total))
            .collect();
        shown.dedup();
        let mut pages = Vec::new();
        let mut previous = 0;
        for n in shown {
            if n > previous + 1 {
                pages.push(None);
            }
            pages.push(Some(PageLink {
                number: n,
                path: link(n),
                current: n == pager.number,
            }));
            previous = n;
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
    context.insert_value("site", ctx.site_value.clone());
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
                    &ctx.search_index().dir,
                    keys.as_ref().map(|k| &k[usize::from(!on_first)]),
                    (pager.number, pager.total),
                    ctx.keys_of(&listing.jobs[pager.start..pager.end]),
                )
            };
            ctx.emit(sink, &format!("{dir}index.html"), inputs, || {
                render_listing_page(ctx, listing, extra, &pager)
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

/// One page of a listing.
fn render_listing_page(
    ctx: &Ctx,
    listing: &Listing,
    extra: &Context,
    pager: &Pager,
) -> anyhow::Result<Vec<u8>> {
    let mut context = listing_context(ctx, listing, extra, pager);
    let rows = listing.jobs[pager.start..pager.end]
        .iter()
        .map(|&i| ctx.row(i))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let size = rows.iter().map(|row| row.len()).sum::<usize>() + PAGE_SIZE;
    // Rows are HTML this build made: marked safe, so templates print them as they are.
    let rows: Vec<tera::Value> = rows
        .iter()
        .map(|row| tera::Value::safe_string(row))
        .collect();
    context.insert_value("rows", rows.into());
    ctx.renderer.render_page(listing.template, &context, size)
}

/// The variables of one page of a listing, but its rows.
fn listing_context(ctx: &Ctx, listing: &Listing, extra: &Context, pager: &Pager) -> Context {
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
    context.insert("count", &listing.jobs.len());
    // Every listing page has the search box (its index folder is in the page's key).
    context.insert("search", &SearchView::new(ctx));
    context.insert(
        "pager",
        &PagerView::new(&ctx.site.base_path, &listing.dir, pager),
    );
    context
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

fn render_job(ctx: &Ctx, index: usize) -> anyhow::Result<Vec<u8>> {
    let entry = &ctx.site.entries[index];
    let card = ctx.card(index);
    let job = &entry.job;
    let dir = job_dir(entry);
    let title = format!("{} at {} – {}", job.title, job.company, ctx.config.title);
    let salary = card
        .salary
        .as_ref()
        .map(|s| format!(" Salary: {s}."))
        .unwrap_or_default();
    // "in Remote (Remote)" says the workplace twice.
    let place = if card.show_location {
        format!(" in {}", job.location)
    } else {
        String::new()
    };
    let description = format!(
        "{} at {}{place} ({}), posted {}.{salary}",
        job.title, job.company, card.workplace_label, card.date_display
    );
    let mut page = PageView::new(ctx.config, ctx.site, &dir, title, description);
    page.og_type = "article";
    let mut context = base_context(ctx, &page);
    // The feeds' summary of the job comes from the same parse of its description.
    let (description_html, start) = markdown::render(&job.description, super::feeds::SUMMARY_CHARS);
    ctx.keep_summary(index, || super::feeds::summary_with(card, &start));
    // An expired job's posting stays, with its `validThrough` in the past: search engines
    // then drop it from their job listings.
    let json_ld =
        crate::jsonld::job_posting(entry, &description_html, ctx.config.expire_after_days);
    context.insert("job", card);
    context.insert("eligibility", &EligibilityView::new(entry));
    context.insert_value(
        "description_html",
        tera::Value::safe_string(&description_html),
    );
    context.insert_value("json_ld", tera::Value::safe_string(&json_ld));
    let size = description_html.len() + json_ld.len() + PAGE_SIZE;
    ctx.renderer.render_page("job.html", &context, size)
}

/// Who may apply, as the job page shows it: where applicants may live, and visa sponsorship.
#[derive(Serialize)]
struct EligibilityView {
    /// "Germany, Austria", "Anywhere"; absent when nothing says.
    applicants_from: Option<String>,
    /// "Sponsored" or "Not sponsored"; absent when the job does not say.
    visa: Option<&'static str>,
}

impl EligibilityView {
    fn new(entry: &crate::site::Entry) -> EligibilityView {
        EligibilityView {
            applicants_from: entry.eligibility.as_ref().map(|e| e.names()),
            visa: entry.job.visa_sponsorship.map(|sponsored| match sponsored {
                true => "Sponsored",
                false => "Not sponsored",
            }),
        }
    }
}

fn render_404(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let title = format!("Page not found – {}", ctx.config.title);
    let description = format!("This page does not exist on {}.", ctx.config.title);
    let page = PageView::new(ctx.config, ctx.site, "404.html", title, description);
    let context = base_context(ctx, &page);
    let html = ctx.renderer.render_page("404.html", &context, PAGE_SIZE)?;
    sink.site_file("404.html", html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::paginate;

    /// The numbers and gaps of a pager, as "1 … 4 5 [6] 7 8 … 20".
    fn shown(pager: &Pager) -> String {
        PagerView::new("/", "companies/acme/", pager)
            .pages
            .iter()
            .map(|link| match link {
                None => "…".to_string(),
                Some(l) if l.current => format!("[{}]", l.number),
                Some(l) => l.number.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn pagers_show_the_ends_and_the_pages_near_the_current_one() {
        let pagers = paginate(1000, 50);
        let at = |n: usize| shown(&pagers[n - 1]);
        assert_eq!(at(1), "[1] 2 3 … 20");
        assert_eq!(at(4), "1 2 3 [4] 5 6 … 20");
        assert_eq!(at(6), "1 … 4 5 [6] 7 8 … 20");
        assert_eq!(at(18), "1 … 16 17 [18] 19 20");
        assert_eq!(at(20), "1 … 18 19 [20]");
        assert_eq!(shown(&paginate(0, 50)[0]), "[1]");
        assert_eq!(shown(&paginate(120, 50)[1]), "1 [2] 3");
        let view = PagerView::new("/", "companies/acme/", &pagers[5]);
        assert_eq!(view.previous.as_deref(), Some("/companies/acme/page/5/"));
        assert_eq!(view.next.as_deref(), Some("/companies/acme/page/7/"));
    }

    /// A pager's links do not grow with the listing: page 1,000 of 2,000 has seven.
    #[test]
    fn a_pager_of_a_long_listing_stays_short() {
        let pagers = paginate(100_000, 50);
        let view = PagerView::new("/", "", &pagers[999]);
        assert_eq!(view.pages.iter().flatten().count(), 7);
        assert_eq!(view.pages.len(), 9);
    }
}
