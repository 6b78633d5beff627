//! Feeds: RSS 2.0 for the board and for every company, location, country, type and skill, and a
//! JSON Feed 1.1 beside the board's RSS.
//!
//! Items are the newest current jobs of the group (`feeds.max_items`); guids are the job pages'
//! permalinks, so they stay the same across builds.

use std::borrow::Cow;
use std::collections::BTreeMap;

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

/// Writes every feed.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let site = ctx.site;
    let board = FeedSpec {
        dir: String::new(),
        title: ctx.config.title.clone(),
        description: describe(&ctx.config.description, &ctx.config.title),
        jobs: &site.current,
    };
    write_rss(ctx, sink, &board)?;
    write_json_feed(ctx, sink, &board)?;
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
    specs.par_iter().try_for_each(|spec| {
        let shown = &spec.jobs[..spec.jobs.len().min(ctx.config.feeds.max_items)];
        let inputs = || {
            (
                &spec.dir,
                &spec.title,
                &spec.description,
                ctx.keys_of(shown),
            )
        };
        ctx.emit(sink, &format!("{}rss.xml", spec.dir), inputs, || {
            rss_xml(ctx, spec)
        })
    })
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

fn write_rss(ctx: &Ctx, sink: &dyn Sink, spec: &FeedSpec) -> anyhow::Result<()> {
    sink.site_file(&format!("{}rss.xml", spec.dir), rss_xml(ctx, spec)?)
}

/// A feed's XML.
pub(super) fn rss_xml(ctx: &Ctx, spec: &FeedSpec) -> anyhow::Result<Vec<u8>> {
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
    channel.set_namespaces(BTreeMap::from([(
        "atom".to_string(),
        "http://www.w3.org/2005/Atom".to_string(),
    )]));
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
    let mut xml = channel.pretty_write_to(Vec::new(), b' ', 2)?;
    // The channel's items come last, before `</channel>`: each job's item XML is made once and
    // spliced in here, the bytes the writer would give for the channel with its items.
    let end = find_last(&xml, b"\n  </channel>").ok_or_else(|| {
        anyhow::anyhow!("the RSS writer gave no </channel> for {}rss.xml", spec.dir)
    })?;
    let tail = xml.split_off(end);
    for &index in spec.jobs.iter().take(ctx.config.feeds.max_items) {
        xml.extend_from_slice(item_xml(ctx, index)?.as_bytes());
    }
    xml.extend_from_slice(&tail);
    xml.push(b'\n');
    Ok(xml)
}

/// Entry `index`'s `<item>` as the pretty writer indents it inside a channel, with the line
/// break before it: made on first use, then shared by every feed that shows the job.
fn item_xml<'c>(ctx: &'c Ctx, index: usize) -> anyhow::Result<Cow<'c, str>> {
    let cell = ctx.feed_items.get(index);
    if let Some(xml) = cell.and_then(|c| c.get()) {
        return Ok(Cow::Borrowed(xml));
    }
    let channel = Channel {
        items: vec![item(ctx, index)],
        ..Channel::default()
    };
    let xml = String::from_utf8(channel.pretty_write_to(Vec::new(), b' ', 2)?)?;
    // Data is escaped, so the first `<item>` and the last `</item>` are the writer's own tags.
    let (Some(start), Some(end)) = (xml.find("\n    <item>"), xml.rfind("</item>")) else {
        anyhow::bail!("the RSS writer gave no <item> for job {index}");
    };
    let item = xml[start..end + "</item>".len()].to_string();
    Ok(match cell {
        Some(cell) => Cow::Borrowed(cell.get_or_init(|| item)),
        None => Cow::Owned(item),
    })
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// "Position at Company (Location)", linking to the job's page.
fn item(ctx: &Ctx, index: usize) -> Item {
    let entry = &ctx.site.entries[index];
    let card = ctx.card(index);
    let permalink = permalink(ctx, entry);
    let mut categories = vec![
        card.company.clone(),
        card.location.clone(),
        card.workplace_label.to_string(),
    ];
    categories.extend(card.skills.iter().map(|s| s.name.clone()));
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
        description: Some(crate::text::escape_html(&ctx.summary(index))),
        categories: categories
            .into_iter()
            .map(|name| Category { name, domain: None })
            .collect(),
        ..Item::default()
    }
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
    let mut parts = vec![
        card.company.clone(),
        card.location.clone(),
        card.workplace_label.to_string(),
    ];
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
    content_text: String,
    date_published: String,
    tags: Vec<String>,
}

fn write_json_feed(ctx: &Ctx, sink: &dyn Sink, spec: &FeedSpec) -> anyhow::Result<()> {
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
                content_text: ctx.summary(i).into_owned(),
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
