//! Feeds: RSS 2.0 for the board and for every company, location, country, type and skill, and a
//! JSON Feed 1.1 beside the board's RSS.
//!
//! Items are the newest current jobs of the group (`feeds.max_items`); guids are the job pages'
//! permalinks, so they stay the same across builds.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use rss::extension::Extension;
use rss::{Category, Channel, Guid, Item};
use serde::Serialize;

use super::{Ctx, Sink};
use crate::site::{Entry, Group};
use crate::view::{JobCard, job_dir};

/// Minutes a reader may cache a feed.
const TTL_MINUTES: &str = "60";

/// Characters of the description shown in an item's summary.
pub const SUMMARY_CHARS: usize = 280;

/// Writes every feed: the board's, each group's, and the combined feeds.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let items = Items::new(ctx);
    write_feeds(ctx, &items, sink)?;
    super::combos::render(ctx, &items, sink)?;
    crate::pipeline::drop_later(items);
    Ok(())
}

/// What the feeds of one build share, and end with: each job's RSS item and plain-text
/// summary, made once on first use (a job shows in the board's feed and in its groups').
pub(super) struct Items {
    rss: Vec<OnceLock<Item>>,
    summaries: Vec<OnceLock<String>>,
}

impl Items {
    fn new(ctx: &Ctx) -> Items {
        Items {
            rss: ctx.site.entries.iter().map(|_| OnceLock::new()).collect(),
            summaries: ctx.site.entries.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Entry `index`'s RSS item.
    fn rss(&self, ctx: &Ctx, index: usize) -> &Item {
        self.rss[index].get_or_init(|| item(ctx, self, index))
    }

    /// Entry `index`'s plain-text summary.
    fn summary(&self, ctx: &Ctx, index: usize) -> &str {
        self.summaries[index]
            .get_or_init(|| summary(ctx.card(index), &ctx.site.entries[index].job.description))
    }
}

/// The board's feeds and each group's.
fn write_feeds(ctx: &Ctx, items: &Items, sink: &dyn Sink) -> anyhow::Result<()> {
    let site = ctx.site;
    let board = FeedSpec {
        dir: String::new(),
        title: ctx.config.title.clone(),
        description: describe(&ctx.config.description, &ctx.config.title),
        jobs: &site.current,
    };
    board.write_keyed(ctx, items, sink)?;
    write_json_feed(ctx, items, sink, &board)?;
    let kinds: [(&str, &str, Vec<&Group>); 4] = [
        ("companies", "Jobs at", site.company_pages()),
        ("locations", "Jobs in", site.place_pages()),
        ("types", "Workplace:", site.types.iter().collect()),
        ("skills", "Skill:", site.skill_pages()),
    ];
    let specs: Vec<FeedSpec> = kinds
        .iter()
        .flat_map(|(kind, prefix, groups)| {
            groups.iter().map(move |group| FeedSpec {
                dir: format!("{kind}/{}/", group.slug),
                title: format!("{prefix} {} – {}", group.name, ctx.config.title),
                description: format!(
                    "The newest open positions of {}: {}.",
                    ctx.config.title, group.name
                ),
                jobs: &group.jobs,
            })
        })
        .collect();
    specs
        .par_iter()
        .try_for_each(|spec| spec.write_keyed(ctx, items, sink))
}

fn describe(description: &str, title: &str) -> String {
    if description.is_empty() {
        format!("The newest open positions on {title}.")
    } else {
        description.to_string()
    }
}

/// One feed: its folder, its words and its jobs (newest first).
pub(super) struct FeedSpec<'a> {
    pub dir: String,
    pub title: String,
    pub description: String,
    pub jobs: &'a [usize],
}

impl FeedSpec<'_> {
    /// Writes the feed's RSS through `Ctx::emit`, keyed by everything the file shows: the
    /// feed's words and the jobs it shows (not their places in the board, which move whenever a
    /// job is added).
    pub(super) fn write_keyed(
        &self,
        ctx: &Ctx,
        items: &Items,
        sink: &dyn Sink,
    ) -> anyhow::Result<()> {
        let shown = &self.jobs[..self.jobs.len().min(ctx.config.feeds.max_items)];
        let inputs = || {
            (
                &self.dir,
                &self.title,
                &self.description,
                ctx.keys_of(shown),
            )
        };
        ctx.emit(sink, &format!("{}rss.xml", self.dir), inputs, || {
            rss_xml(ctx, items, self)
        })
    }
}

/// A feed's XML.
pub(super) fn rss_xml(ctx: &Ctx, items: &Items, spec: &FeedSpec) -> anyhow::Result<Vec<u8>> {
    let base = &ctx.config.base_url;
    let self_url = format!("{base}{}rss.xml", spec.dir);
    let mut channel = Channel {
        title: spec.title.clone(),
        link: format!("{base}{}", spec.dir),
        // Readers show a channel's description as HTML, like an item's: escaped for it.
        description: crate::text::escape_html(&spec.description),
        language: Some(ctx.config.language.clone()),
        last_build_date: Some(ctx.site.now.to_rfc2822()),
        ttl: Some(TTL_MINUTES.into()),
        generator: Some("jobsmith".into()),
        ..Channel::default()
    };
    channel.set_namespaces(BTreeMap::from([
        (
            "atom".to_string(),
            "http://www.w3.org/2005/Atom".to_string(),
        ),
        (
            "content".to_string(),
            "http://purl.org/rss/1.0/modules/content/".to_string(),
        ),
    ]));
    let link = Extension {
        name: "atom:link".into(),
        attrs: BTreeMap::from([
            ("href".to_string(), self_url),
            ("rel".to_string(), "self".to_string()),
            ("type".to_string(), "application/rss+xml".to_string()),
        ]),
        ..Extension::default()
    };
    channel.set_extensions(BTreeMap::from([(
        "atom".to_string(),
        BTreeMap::from([("link".to_string(), vec![link])]),
    )]));
    channel.items = spec
        .jobs
        .iter()
        .take(ctx.config.feeds.max_items)
        .map(|&index| items.rss(ctx, index).clone())
        .collect();
    let mut xml = channel.pretty_write_to(Vec::new(), b' ', 2)?;
    xml.push(b'\n');
    Ok(xml)
}

/// "Position at Company (Location)", linking to the job's page.
fn item(ctx: &Ctx, items: &Items, index: usize) -> Item {
    let entry = &ctx.site.entries[index];
    let card = ctx.card(index);
    let permalink = permalink(ctx, entry);
    // The full description, sanitised as on the job's page, in `content:encoded`; the summary
    // from the same parse.
    let (html, start) = crate::markdown::render(&entry.job.description, SUMMARY_CHARS);
    let summary = items.summaries[index].get_or_init(|| summary_with(card, &start));
    Item {
        title: Some(format!(
            "{} at {} ({})",
            card.title, card.company, card.location
        )),
        link: Some(permalink.clone()),
        guid: Some(Guid {
            value: permalink,
            permalink: true,
        }),
        pub_date: Some(entry.job.posted.to_rfc2822()),
        // Readers show an RSS description as HTML: the plain-text summary is escaped for it, so
        // text such as `<img onerror=…>` shows as written instead of running.
        description: Some(crate::text::escape_html(summary)),
        categories: categories(card)
            .into_iter()
            .map(|name| Category { name, domain: None })
            .collect(),
        // Trimmed: readers trim the text of an element, so the feed reads back as written.
        content: Some(html.trim().to_string()).filter(|h| !h.is_empty()),
        ..Item::default()
    }
}

/// An item's categories: company, location, workplace and skills, each once (a location such as
/// "Remote" that only repeats the workplace is left out, and so is any name given twice).
fn categories(card: &JobCard) -> Vec<String> {
    let location = card.show_location.then_some(card.location.as_str());
    let names = [card.company.as_str()]
        .into_iter()
        .chain(location)
        .chain([card.workplace_label])
        .chain(card.skills.iter().map(|s| s.name.as_str()));
    let mut seen = std::collections::HashSet::new();
    names
        .filter(|name| seen.insert(name.to_lowercase()))
        .map(str::to_string)
        .collect()
}

fn permalink(ctx: &Ctx, entry: &Entry) -> String {
    format!("{}{}", ctx.config.base_url, job_dir(entry))
}

/// A plain-text summary of a job: company, location, workplace, salary, skills, then the start of
/// its description.
pub fn summary(card: &JobCard, description: &str) -> String {
    summary_with(card, &crate::markdown::summary(description, SUMMARY_CHARS))
}

/// `summary` of a job whose description starts with `start` (its `markdown::summary` of
/// `SUMMARY_CHARS`).
pub fn summary_with(card: &JobCard, start: &str) -> String {
    let mut parts = vec![card.company.clone()];
    if card.show_location {
        parts.push(card.location.clone());
    }
    parts.push(card.workplace_label.to_string());
    if let Some(salary) = &card.salary {
        parts.push(salary.clone());
    }
    if !card.skills.is_empty() {
        parts.push(
            card.skills
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    let mut text = parts.join(" · ");
    if !start.is_empty() {
        text.push_str(". ");
        text.push_str(start);
    }
    text
}

/// JSON Feed 1.1.
#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem>,
}

#[derive(Serialize)]
struct JsonItem {
    id: String,
    url: String,
    external_url: String,
    title: String,
    /// The plain-text summary.
    summary: String,
    content_text: String,
    date_published: String,
    tags: Vec<String>,
}

fn write_json_feed(
    ctx: &Ctx,
    items: &Items,
    sink: &dyn Sink,
    spec: &FeedSpec,
) -> anyhow::Result<()> {
    let base = &ctx.config.base_url;
    let items = spec
        .jobs
        .iter()
        .take(ctx.config.feeds.max_items)
        .map(|&i| {
            let entry = &ctx.site.entries[i];
            let card = ctx.card(i);
            let link = permalink(ctx, entry);
            JsonItem {
                id: link.clone(),
                url: link,
                external_url: entry.job.url.clone(),
                title: format!("{} at {} ({})", card.title, card.company, card.location),
                summary: items.summary(ctx, i).to_string(),
                content_text: items.summary(ctx, i).to_string(),
                date_published: entry.job.posted.to_rfc3339(),
                tags: card.skills.iter().map(|s| s.name.clone()).collect(),
            }
        })
        .collect();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &spec.title,
        home_page_url: base.clone(),
        feed_url: format!("{base}feed.json"),
        description: &spec.description,
        language: &ctx.config.language,
        items,
    };
    let mut json = serde_json::to_vec_pretty(&feed)?;
    json.push(b'\n');
    sink.site_file("feed.json", json)
}
