//! Group pages: companies, locations and countries, workplace types and skills, each with an
//! A–Z index and a paginated listing per group.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::html::{Listing, Pages, Vars};
use super::{Ctx, Sink};
use crate::markdown;
use crate::site::Group;
use crate::view::PageView;

/// Writes every group index and listing.
pub fn render(pages: &Pages, sink: &dyn Sink) -> anyhow::Result<()> {
    let ctx = pages.ctx;
    let site = ctx.site;
    render_companies(pages, sink)?;
    // Groups that only expired jobs are left in have pages, but no place in the indexes.
    render_groups(pages, sink, "locations", &site.place_pages(), |name| {
        format!("Jobs in {name}")
    })?;
    let (countries, elsewhere) = countries_and_places(ctx);
    let mut extra = Vars::default();
    extra.insert("countries", &countries);
    let description = format!(
        "Open positions on {} by country and by location.",
        ctx.config.title
    );
    render_index(
        pages,
        sink,
        "locations",
        "Locations",
        description,
        &elsewhere,
        &extra,
    )?;
    let types: Vec<&Group> = site.types.iter().collect();
    render_groups(pages, sink, "types", &types, |name| format!("{name} jobs"))?;
    let description = format!(
        "Open positions on {} by workplace: remote, on site or hybrid.",
        ctx.config.title
    );
    render_index(
        pages,
        sink,
        "types",
        "Workplace",
        description,
        &types,
        &Vars::default(),
    )?;
    render_groups(pages, sink, "skills", &site.skill_pages(), |name| {
        format!("{name} jobs")
    })?;
    let skills: Vec<&Group> = site.skills.values().collect();
    let description = format!("Open positions on {} by skill.", ctx.config.title);
    render_index(
        pages,
        sink,
        "skills",
        "Skills",
        description,
        &skills,
        &Vars::default(),
    )
}

/// Renders every group of a kind, in parallel; `title` makes a group's title from its name.
fn render_groups(
    pages: &Pages,
    sink: &dyn Sink,
    kind: &str,
    groups: &[&Group],
    title: fn(&str) -> String,
) -> anyhow::Result<()> {
    groups.par_iter().try_for_each(|group| {
        render_group(
            pages,
            sink,
            kind,
            group,
            title(&group.name),
            &Vars::default(),
        )
    })
}

/// A company's profile, as `profile` on its page.
#[derive(Serialize)]
struct ProfileView<'a> {
    name: &'a str,
    website: Option<&'a str>,
    /// An absolute URL, or a path from the domain root with the base path.
    logo: Option<String>,
    about_html: String,
}

fn render_companies(pages: &Pages, sink: &dyn Sink) -> anyhow::Result<()> {
    let ctx = pages.ctx;
    ctx.site.company_pages().par_iter().try_for_each(|group| {
        let mut extra = Vars::default();
        let profile = ctx.site.profiles.get(&group.slug);
        let logo = profile.and_then(|p| p.logo.as_deref());
        let mark = crate::mark::Mark::new(&group.name, logo, &ctx.site.base_path);
        extra.insert("mark", &mark);
        if let Some(profile) = profile {
            extra.insert(
                "profile",
                &ProfileView {
                    name: &profile.name,
                    website: profile.website.as_deref(),
                    logo: profile
                        .logo
                        .as_deref()
                        .map(|l| crate::mark::logo_src(l, &ctx.site.base_path)),
                    about_html: markdown::to_html(&profile.about),
                },
            );
        }
        let title = format!("Jobs at {}", group.name);
        render_group(pages, sink, "companies", group, title, &extra)
    })?;
    let companies: Vec<&Group> = ctx.site.companies.values().collect();
    let description = format!(
        "Every company hiring on {}, A to Z, with its number of open positions.",
        ctx.config.title
    );
    render_index(
        pages,
        sink,
        "companies",
        "Companies",
        description,
        &companies,
        &Vars::default(),
    )
}

fn render_group(
    pages: &Pages,
    sink: &dyn Sink,
    kind: &str,
    group: &Group,
    title: String,
    extra: &Vars,
) -> anyhow::Result<()> {
    let ctx = pages.ctx;
    let count = group.jobs.len();
    let noun = if count == 1 { "position" } else { "positions" };
    let description = format!("{count} open {noun}: {title} on {}.", ctx.config.title);
    let dir = format!("{kind}/{}/", group.slug);
    let combined = super::combos::links(ctx, &dir);
    let with_combined;
    let extra = if combined.is_empty() {
        extra
    } else {
        with_combined = {
            let mut context = extra.clone();
            context.insert("combined_feeds", &combined);
            context
        };
        &with_combined
    };
    let listing = Listing {
        feed: format!("{dir}rss.xml"),
        dir,
        template: "list.html",
        heading: title.clone(),
        title,
        description,
        jobs: &group.jobs,
    };
    pages.listing(sink, &listing, extra)
}

/// A group in an index: name, page and number of current jobs.
#[derive(Serialize)]
pub struct GroupLink {
    pub name: String,
    pub path: String,
    pub count: usize,
}

fn links(ctx: &Ctx, kind: &str, groups: &[&Group]) -> Vec<GroupLink> {
    sorted(
        groups
            .iter()
            .map(|g| link(ctx, kind, g, g.name.clone()))
            .collect(),
    )
}

/// The link to a group's page, under `name`.
fn link(ctx: &Ctx, kind: &str, group: &Group, name: String) -> GroupLink {
    GroupLink {
        name,
        path: format!("{}{kind}/{}/", ctx.site.base_path, group.slug),
        count: group.jobs.len(),
    }
}

/// Links A to Z, case aside, then by case and path: a total order.
fn sorted(mut links: Vec<GroupLink>) -> Vec<GroupLink> {
    links.sort_by(by_name);
    links
}

fn by_name(a: &GroupLink, b: &GroupLink) -> std::cmp::Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.path.cmp(&b.path))
}

/// A country in the locations index, with the pages of its cities and other places in it.
#[derive(Serialize)]
struct CountryLink {
    #[serde(flatten)]
    link: GroupLink,
    places: Vec<GroupLink>,
}

/// The countries with their places, A to Z, and the places of no known country.
fn countries_and_places<'a>(ctx: &Ctx<'a>) -> (Vec<CountryLink>, Vec<&'a Group>) {
    let site = ctx.site;
    let mut within: BTreeMap<&str, Vec<&Group>> = BTreeMap::new();
    let mut elsewhere = Vec::new();
    for group in site.locations.values() {
        let page = site.location_pages.get(group.slug.as_str());
        match page.and_then(|p| p.country.as_deref()) {
            Some(country) => within.entry(country).or_default().push(group),
            None => elsewhere.push(group),
        }
    }
    // Under its country, a city goes by its own name ("Bengaluru").
    let own_name = |g: &Group| {
        let page = site.location_pages.get(g.slug.as_str());
        page.map_or_else(|| g.name.clone(), |p| p.name.clone())
    };
    let mut countries: Vec<CountryLink> = site
        .countries
        .values()
        .map(|country| CountryLink {
            link: link(ctx, "locations", country, country.name.clone()),
            places: within
                .get(country.slug.as_str())
                .map_or_else(Vec::new, |places| {
                    let links = places
                        .iter()
                        .map(|g| link(ctx, "locations", g, own_name(g)));
                    sorted(links.collect())
                }),
        })
        .collect();
    countries.sort_by(|a, b| by_name(&a.link, &b.link));
    (countries, elsewhere)
}

/// Names under one letter from which an index shows letter headings.
const LETTERED: usize = 12;

/// Index pages list groups A to Z under their initial letter.
#[derive(Serialize)]
struct Letter {
    letter: String,
    groups: Vec<GroupLink>,
}

fn by_letter(links: Vec<GroupLink>) -> Vec<Letter> {
    let mut letters: BTreeMap<String, Vec<GroupLink>> = BTreeMap::new();
    for link in links {
        let first = deunicode::deunicode(&link.name)
            .chars()
            .find(|c| c.is_alphanumeric())
            .map(|c| c.to_ascii_uppercase());
        let letter = match first {
            Some(c) if c.is_ascii_alphabetic() => c.to_string(),
            _ => "#".to_string(),
        };
        letters.entry(letter).or_default().push(link);
    }
    letters
        .into_iter()
        .map(|(letter, groups)| Letter { letter, groups })
        .collect()
}

fn render_index(
    pages: &Pages,
    sink: &dyn Sink,
    kind: &str,
    heading: &str,
    description: String,
    groups: &[&Group],
    extra: &Vars,
) -> anyhow::Result<()> {
    let ctx = pages.ctx;
    let dir = format!("{kind}/");
    let letters = by_letter(links(ctx, kind, groups));
    // Letter headings help only where a letter holds many names; else one dense list.
    let lettered = letters.iter().any(|l| l.groups.len() >= LETTERED);
    let title = format!("{heading} – {}", ctx.config.title);
    let page = PageView::new(ctx.config, ctx.site, &dir, title, description);
    let mut vars = Vars::page(&page);
    vars.extend(extra);
    vars.insert("heading", &heading);
    vars.insert("letters", &letters);
    vars.insert("lettered", &lettered);
    let path = format!("{dir}index.html");
    let size = super::html::PAGE_SIZE;
    pages.write(sink, &path, ("groups.html", &vars), None, size)
}
