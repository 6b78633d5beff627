//! `sitemap.xml` and `robots.txt`: every current page for search engines.
//!
//! Past 50,000 URLs the sitemap becomes a sitemap index of numbered parts, as the protocol asks.
//! Expired jobs' pages are left out.

use super::{Ctx, Sink};
use crate::site::{Group, paginate};
use crate::view::job_dir;

/// The protocol's limit of URLs in one sitemap file.
pub const MAX_URLS: usize = 50_000;

/// Writes `sitemap.xml` (and its parts) and `robots.txt`.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let base = &ctx.config.base_url;
    let pages = ctx.site.current.len()
        + kinds(ctx.site)
            .iter()
            .flat_map(|(_, groups)| groups)
            .map(|g| g.jobs.len().div_ceil(ctx.config.per_page.max(1)))
            .sum::<usize>();
    // A sitemap sure to fit in one file is made from the listed jobs and groups alone, so a
    // rebuild that changed none of them keeps it.
    if pages < MAX_URLS / 2 {
        ctx.emit(
            sink,
            "sitemap.xml",
            || inputs(ctx),
            || Ok(urlset(&urls(ctx)).into_bytes()),
        )?;
    } else {
        for (name, xml) in sitemap_files(base, &urls(ctx), MAX_URLS) {
            sink.site_file(&name, xml.into_bytes())?;
        }
    }
    robots(ctx, sink)
}

fn robots(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let base = &ctx.config.base_url;
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n");
    sink.site_file("robots.txt", robots.into_bytes())
}

/// `sitemap.xml` alone, or past `max` URLs a sitemap index named so, with parts of `max` URLs.
fn sitemap_files(
    base: &str,
    urls: &[(String, Option<String>)],
    max: usize,
) -> Vec<(String, String)> {
    if urls.len() <= max {
        return vec![("sitemap.xml".to_string(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, part) in urls.chunks(max).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            crate::text::escape_markup(&format!("{base}{name}"))
        ));
        files.push((name, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_string(), index));
    files
}

/// What the sitemap is made from, for `Ctx::emit`: the current jobs, and each group's size and
/// newest job (its pages and their date).
fn inputs(ctx: &Ctx) -> u64 {
    let mut groups = Vec::new();
    for (kind, list) in kinds(ctx.site) {
        for group in list {
            let newest = group.jobs.first().map(|&i| ctx.entry_keys[i]);
            groups.push((kind, group.slug.as_str(), group.jobs.len(), newest));
        }
    }
    super::fingerprint(&(ctx.keys_of(&ctx.site.current), groups))
}

/// The kinds of group pages, with their groups, in sitemap order.
fn kinds(site: &crate::site::Site) -> [(&'static str, Vec<&Group>); 4] {
    [
        ("companies", site.companies.values().collect()),
        (
            "locations",
            site.countries
                .values()
                .chain(site.locations.values())
                .collect(),
        ),
        ("types", site.types.iter().collect()),
        ("skills", site.skills.values().collect()),
    ]
}

/// (absolute URL, last modification day) of every current page.
fn urls(ctx: &Ctx) -> Vec<(String, Option<String>)> {
    let site = ctx.site;
    let base = &ctx.config.base_url;
    let mut urls = Vec::new();
    listing_urls(ctx, "", &site.current, &mut urls);
    for (kind, groups) in &kinds(site) {
        urls.push((format!("{base}{kind}/"), None));
        for group in groups {
            listing_urls(
                ctx,
                &format!("{kind}/{}/", group.slug),
                &group.jobs,
                &mut urls,
            );
        }
    }
    for entry in site.current_jobs() {
        urls.push((format!("{base}{}", job_dir(entry)), Some(day(entry))));
    }
    urls
}

/// Every page of a listing, dated by its newest job.
fn listing_urls(ctx: &Ctx, dir: &str, jobs: &[usize], urls: &mut Vec<(String, Option<String>)>) {
    let newest = jobs.first().map(|&i| day(&ctx.site.entries[i]));
    for pager in paginate(jobs.len(), ctx.config.per_page) {
        urls.push((
            format!("{}{dir}{}", ctx.config.base_url, pager.dir),
            newest.clone(),
        ));
    }
}

fn day(entry: &crate::site::Entry) -> String {
    crate::date::iso(entry.job.date)
}

fn urlset(urls: &[(String, Option<String>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::text::escape_markup(loc));
        xml.push_str("</loc>");
        if let Some(day) = lastmod {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<(String, Option<String>)> {
        (0..n)
            .map(|i| {
                (
                    format!("https://e.org/jobs/{i}/"),
                    Some("2025-10-22".to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn one_sitemap_up_to_the_limit() {
        let files = sitemap_files("https://e.org/", &urls(3), 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].1.matches("<url>").count(), 3);
    }

    #[test]
    fn an_index_of_parts_past_the_limit() {
        let files = sitemap_files("https://e.org/", &urls(7), 3);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let counts: Vec<usize> = files[..3]
            .iter()
            .map(|(_, x)| x.matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        assert!(
            files[3].1.contains("<sitemapindex")
                && files[3]
                    .1
                    .contains("<loc>https://e.org/sitemap-3.xml</loc>")
        );
    }
}
