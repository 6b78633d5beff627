//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>): another board's `feed.json`, at
//! the source's `api_url`. One item is one posting.
//!
//! Feeds say nothing of places, workplaces or pay: those keys are left to the user.

use serde::Deserialize;

use super::{Get, Posting, Source, push_category};

#[derive(Deserialize)]
struct Feed {
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: serde_json::Value,
    url: Option<String>,
    external_url: Option<String>,
    title: Option<String>,
    content_html: Option<String>,
    content_text: Option<String>,
    summary: Option<String>,
    date_published: Option<String>,
    date_modified: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    authors: Vec<Author>,
}

#[derive(Deserialize)]
struct Author {
    name: Option<String>,
}

/// Every item of the feed.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let url = source.api_url.clone().unwrap_or_default();
    let feed: Feed = super::parse_json(&url, &get(&url)?)?;
    Ok(feed.items.into_iter().map(posting).collect())
}

fn posting(item: Item) -> Posting {
    let mut categories = Vec::new();
    for tag in &item.tags {
        push_category(&mut categories, Some(tag));
    }
    let description = match (item.content_html, item.content_text.or(item.summary)) {
        (Some(html), _) => html,
        (None, Some(text)) => super::html::from_text(&text),
        (None, None) => String::new(),
    };
    Posting {
        id: super::greenhouse::id_text(&item.id),
        title: item.title.unwrap_or_default(),
        company: item.authors.into_iter().find_map(|a| a.name),
        date: item.date_published.or(item.date_modified),
        apply_url: item.external_url,
        page_url: item.url,
        description,
        categories,
        ..Posting::default()
    }
}
