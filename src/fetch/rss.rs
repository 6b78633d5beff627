//! RSS 2.0 (<https://www.rssboard.org/rss-specification>): another board's feed, at the
//! source's `api_url`. One item is one posting, identified by its `guid`, else its link.
//!
//! Feeds say nothing of places, workplaces or pay: those keys are left to the user.

use super::{Get, Posting, Source, push_category};

/// Every item of the feed.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let url = source.api_url.clone().unwrap_or_default();
    let body = get(&url)?;
    let channel = ::rss::Channel::read_from(body.as_bytes())
        .map_err(|err| format!("the answer from {url} is not an RSS feed: {err}"))?;
    Ok(channel.items().iter().map(posting).collect())
}

fn posting(item: &::rss::Item) -> Posting {
    let mut categories = Vec::new();
    for category in item.categories() {
        push_category(&mut categories, Some(category.name()));
    }
    let id = item
        .guid()
        .map(|g| g.value().to_string())
        .or_else(|| item.link().map(str::to_string))
        .unwrap_or_default();
    let company = item
        .dublin_core_ext()
        .and_then(|dc| dc.creators().first().cloned())
        .or_else(|| item.author().map(str::to_string));
    let date = item
        .pub_date()
        .and_then(|d| chrono::DateTime::parse_from_rfc2822(d.trim()).ok())
        .map(|d| d.to_rfc3339());
    Posting {
        id,
        title: item.title().unwrap_or_default().to_string(),
        company,
        date,
        page_url: item.link().map(str::to_string),
        description: item
            .content()
            .or(item.description())
            .unwrap_or_default()
            .to_string(),
        categories,
        ..Posting::default()
    }
}
