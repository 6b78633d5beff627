//! HTML pages: the paginated index, one page per job, the 404 page, and what every page made
//! from a template shares: the rows of listings, the variables a template receives (`Vars`, from
//! which a page's fingerprint is made), and the search index of every listing page. The group
//! pages (`groups`) are written from here too, while the rows last, and the search index once
//! they are all made (its documents are the rows).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{Ctx, Sink, search};
use crate::markdown;
use crate::site::{Pager, page_dir, paginate};
use crate::view::{PageView, job_dir};
use crate::write::Fragment;

/// Writes the index, every job page, the 404 page, the group pages and the search index.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let pages = Pages::new(ctx, sink);
    let (search, written) = if ctx.remember {
        // `serve` holds the whole site anyway, and waits for the rebuild: the search index's
        // words are gathered beside the pages, on the core their few renders leave idle.
        rayon::join(
            || search::Unnamed::new(ctx.site),
            || write_pages(&pages, sink),
        )
    } else {
        // `build`: the words first, so that they and the rows are never held at once.
        let search = search::Unnamed::new(ctx.site);
        (search, write_pages(&pages, sink))
    };
    written?;
    let row = |index: usize| pages.row(index).map(Fragment::clone);
    let search = search.finish(ctx.site, &row)?;
    crate::pipeline::drop_later(pages.rows);
    search::render(search, sink)
}

/// Writes the index, every job page, the 404 page and the group pages.
fn write_pages(pages: &Pages, sink: &dyn Sink) -> anyhow::Result<()> {
    let ctx = pages.ctx;
    let listing = Listing {
        dir: String::new(),
        template: "index.html",
        title: ctx.config.title.clone(),
        heading: ctx.config.title.clone(),
        description: index_description(ctx),
        feed: "rss.xml".into(),
        jobs: &ctx.site.current,
    };
    pages.listing(sink, &listing, &Vars::default())?;
    ctx.site
        .entries
        .par_iter()
        .enumerate()
        .try_for_each(|(index, entry)| {
            let path = format!("{}index.html", job_dir(entry));
            ctx.emit(sink, &path, || ctx.key_of(index), || render_job(ctx, index))
        })?;
    render_404(ctx, sink)?;
    super::groups::render(pages, sink)
}

/// What the pages of one build share while they are written: each job's listing row
/// (`job_row.html`), made once on first use (or carried over from the previous build by a sink
/// that remembers) and shown by every listing with the job and, at the end, by the search
/// results.
pub struct Pages<'a> {
    pub ctx: &'a Ctx<'a>,
    sink: &'a dyn Sink,
    rows: Vec<OnceLock<Fragment>>,
}

impl<'a> Pages<'a> {
    fn new(ctx: &'a Ctx<'a>, sink: &'a dyn Sink) -> Pages<'a> {
        Pages {
            ctx,
            sink,
            rows: ctx.site.entries.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The listing row of entry `index`.
    fn row(&self, index: usize) -> anyhow::Result<&Fragment> {
        row_in(self.ctx, self.sink, &self.rows, index)
    }

    /// Writes the page at `path` from `template` with `vars` and, when the page lists jobs, the
    /// rows of `jobs` (as `rows`), unless the sink keeps the page made from the same variables
    /// and the same jobs. `size`: about the page's bytes without its rows.
    pub fn write(
        &self,
        sink: &dyn Sink,
        path: &str,
        page: (&'static str, &Vars),
        jobs: Option<&[usize]>,
        size: usize,
    ) -> anyhow::Result<()> {
        let ctx = self.ctx;
        let (template, vars) = page;
        let inputs = || {
            let keys = jobs.map(|jobs| ctx.keys_of(jobs));
            (template, super::fingerprint_serialized(&vars.0), keys)
        };
        ctx.emit(sink, path, inputs, || {
            let mut context = vars.context(ctx);
            let mut size = size;
            if let Some(jobs) = jobs {
                let rows = jobs
                    .iter()
                    .map(|&i| self.row(i))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                size += rows.iter().map(|row| row.len()).sum::<usize>();
                // Rows are HTML this build made: marked safe, so templates print them as they are.
                let rows: Vec<tera::Value> = rows
                    .iter()
                    .map(|row| tera::Value::safe_string(row))
                    .collect();
                context.insert_value("rows", rows.into());
            }
            ctx.renderer.render_page(template, &context, size)
        })
    }
}

/// The row of entry `index` in `rows`, made on first use. A row shows its entry and board-wide
/// values only, so the entry's fingerprint (`Ctx::key_of`) covers it, as it covers its job page.
fn row_in<'r>(
    ctx: &Ctx,
    sink: &dyn Sink,
    rows: &'r [OnceLock<Fragment>],
    index: usize,
) -> anyhow::Result<&'r Fragment> {
    let cell = &rows[index];
    if let Some(row) = cell.get() {
        return Ok(row);
    }
    let inputs = || ("job_row.html", ctx.key_of(index));
    let row = ctx.fragment(sink, inputs, || render_row(ctx, index))?;
    Ok(cell.get_or_init(|| row))
}

/// The variables a page's template receives, but `site` (whose values are in every page's
/// epoch) and `rows` (written from the fingerprints of the jobs shown): a page's fingerprint is
/// made from these, so that nothing a template can show is left out of it.
#[derive(Default, Clone)]
pub struct Vars(BTreeMap<&'static str, tera::Value>);

impl Vars {
    /// The variables of a page: `page`, with the page's own variables to come.
    pub fn page(page: &PageView) -> Vars {
        let mut vars = Vars::default();
        vars.insert("page", page);
        vars
    }

    pub fn insert(&mut self, name: &'static str, value: &impl Serialize) {
        self.0.insert(name, tera::Value::from_serializable(value));
    }

    /// Adds (or replaces with) the variables of `other`.
    pub fn extend(&mut self, other: &Vars) {
        self.0
            .extend(other.0.iter().map(|(name, value)| (*name, value.clone())));
    }

    /// The template context: these variables and `site`.
    fn context(&self, ctx: &Ctx) -> Context {
        let mut context = Context::new();
        context.insert_value("site", ctx.site_value.clone());
        for (name, value) in &self.0 {
            context.insert_value(*name, value.clone());
        }
        context
    }
}

/// About the bytes of a page of the default templates without its rows or description.
pub const PAGE_SIZE: usize = 4096;

/// Entry `index`'s `job_row.html`, as every listing shows it.
pub fn render_row(ctx: &Ctx, index: usize) -> anyhow::Result<String> {
    let mut context = Context::new();
    context.insert_value("site", ctx.site_value.clone());
    context.insert("job", ctx.card(index));
    let mut row = ctx.renderer.render("job_row.html", &context)?;
    // tera sizes its buffer for the whole template, several times a row: rows are kept for the
    // whole pages stage (at 100,000 jobs, 410 MB held instead of 90).
    row.shrink_to_fit();
    Ok(row)
}

/// What the index page's search box needs, as `search`.
#[derive(Serialize)]
struct SearchView {
    /// Path of the folder of the search index's manifest (`search/`).
    index: String,
    /// Path of the search script.
    script: String,
}

impl SearchView {
    fn new(pages: &Pages) -> SearchView {
        let base = &pages.ctx.site.base_path;
        SearchView {
            index: format!("{base}{}", search::DIR),
            script: format!("{base}{}", super::script_name(&pages.ctx.theme.script)),
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
fn base_context(ctx: &Ctx, page: &PageView) -> Context {
    Vars::page(page).context(ctx)
}

impl Pages<'_> {
    /// Writes every page of a listing; `extra` adds template variables (a company's profile).
    pub fn listing(&self, sink: &dyn Sink, listing: &Listing, extra: &Vars) -> anyhow::Result<()> {
        paginate(listing.jobs.len(), self.ctx.config.per_page)
            .into_par_iter()
            .try_for_each(|pager| {
                let path = format!("{}{}index.html", listing.dir, pager.dir);
                let vars = self.listing_vars(listing, extra, &pager);
                let jobs = &listing.jobs[pager.start..pager.end];
                let page = (listing.template, &vars);
                self.write(sink, &path, page, Some(jobs), PAGE_SIZE)
            })
    }

    /// The variables of one page of a listing, but its rows.
    fn listing_vars(&self, listing: &Listing, extra: &Vars, pager: &Pager) -> Vars {
        let ctx = self.ctx;
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
        page.image = super::cards::image_url(ctx.config, &listing.dir);
        let mut vars = Vars::page(&page);
        vars.extend(extra);
        vars.insert("heading", &listing.heading);
        vars.insert("count", &listing.jobs.len());
        // Every listing page has the search box.
        vars.insert("search", &SearchView::new(self));
        let pager = PagerView::new(&ctx.site.base_path, &listing.dir, pager);
        vars.insert("pager", &pager);
        vars
    }
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
    if !entry.expired {
        page.image = super::cards::image_url(ctx.config, &dir);
    }
    let mut context = base_context(ctx, &page);
    let description_html = markdown::to_html(&job.description);
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
