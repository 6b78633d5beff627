//! Feeds for combinations of groups (`[feeds] combinations`): one RSS feed for each pair of
//! groups of two chosen kinds that share a current job, e.g. remote Rust jobs, the saved search
//! people follow. Each group page links to the combined feeds it takes part in.
//!
//! The number of feeds is bounded (`MAX_FEEDS`): a board of many skills and countries would
//! otherwise write thousands of near-empty feeds. Past the bound the build warns and writes the
//! first ones, in the order of the configuration and then of the groups' slugs.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Ctx, Sink};
use crate::problem::Problem;
use crate::site::{Group, Site};

/// The most combined feeds a board writes.
pub const MAX_FEEDS: usize = 1_000;

/// The kinds of group a combination can name.
pub const KINDS: &[&str] = &["workplace", "skill", "country", "company", "location"];

/// One combined feed: its folder, its title, its jobs, and the two group pages it belongs to.
#[derive(Debug)]
pub struct Combo {
    pub dir: String,
    pub title: String,
    pub jobs: Vec<usize>,
    /// The folders of the two group pages (`types/remote/`, `skills/rust/`).
    pub pages: [String; 2],
}

/// A combined feed as a group page links to it (`combined_feeds`).
#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub path: String,
}

/// The folder and the current groups of a kind.
fn groups<'s>(site: &'s Site, kind: &str) -> (&'static str, Vec<&'s Group>) {
    match kind {
        "workplace" => ("types", site.types.iter().collect()),
        "skill" => ("skills", site.skills.values().collect()),
        "country" => ("locations", site.countries.values().collect()),
        "company" => ("companies", site.companies.values().collect()),
        _ => ("locations", site.locations.values().collect()),
    }
}

/// Every combined feed of the configuration (at most `max`), and how many more there were.
pub fn combine(
    site: &Site,
    combinations: &[Vec<String>],
    board: &str,
    max: usize,
) -> (Vec<Combo>, usize) {
    let mut combos = Vec::new();
    let mut left_out = 0;
    for pair in combinations {
        let [first, second] = pair.as_slice() else {
            continue;
        };
        let (dir_a, groups_a) = groups(site, first);
        let (dir_b, groups_b) = groups(site, second);
        for a in &groups_a {
            let in_a: BTreeSet<usize> = a.jobs.iter().copied().collect();
            for b in &groups_b {
                let jobs: Vec<usize> = b
                    .jobs
                    .iter()
                    .copied()
                    .filter(|i| in_a.contains(i))
                    .collect();
                if jobs.is_empty() {
                    continue;
                }
                if combos.len() == max {
                    left_out += 1;
                    continue;
                }
                let (page_a, page_b) = (
                    format!("{dir_a}/{}/", a.slug),
                    format!("{dir_b}/{}/", b.slug),
                );
                combos.push(Combo {
                    dir: format!("feeds/{page_a}{page_b}"),
                    title: format!("{} · {} – {board}", a.name, b.name),
                    jobs,
                    pages: [page_a, page_b],
                });
            }
        }
    }
    (combos, left_out)
}

/// The warning of a board with more combined feeds than `MAX_FEEDS`, if it has.
pub fn warnings(site: &Site, combinations: &[Vec<String>]) -> Vec<Problem> {
    let (_, left_out) = combine(site, combinations, "", MAX_FEEDS);
    if left_out == 0 {
        return Vec::new();
    }
    let line = 1;
    let message = format!(
        "`feeds.combinations` makes {} feeds; the first {MAX_FEEDS} are written, {left_out} are not",
        MAX_FEEDS + left_out
    );
    vec![Problem::warning(crate::config::FILE_NAME, line, 1, message)]
}

/// The combined feeds the group page in folder `page` takes part in.
pub fn links(ctx: &Ctx, page: &str) -> Vec<FeedLink> {
    ctx.combos
        .iter()
        .filter(|combo| combo.pages.iter().any(|p| p == page))
        .map(|combo| FeedLink {
            title: combo.title.clone(),
            path: format!("{}{}rss.xml", ctx.site.base_path, combo.dir),
        })
        .collect()
}

/// Writes every combined feed, with the items of the other feeds.
pub(super) fn render(
    ctx: &Ctx,
    items: &super::feeds::Items,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    ctx.combos.par_iter().try_for_each(|combo| {
        let spec = super::feeds::FeedSpec {
            dir: combo.dir.clone(),
            title: combo.title.clone(),
            description: format!("The newest open positions of {}.", combo.title),
            jobs: &combo.jobs,
        };
        spec.write_keyed(ctx, items, sink)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the bound the first feeds are kept, in order, and the rest counted.
    #[test]
    fn the_number_of_feeds_is_bounded() {
        let (site, _) = crate::targets::search::tests::site(crate::targets::search::tests::JOBS);
        let pairs = vec![vec!["company".to_string(), "skill".to_string()]];
        let (all, none_left) = combine(&site, &pairs, "B", 100);
        assert_eq!(none_left, 0);
        // Helix: Kubernetes and Go; Kubo: Java.
        let dirs: Vec<&str> = all.iter().map(|c| c.dir.as_str()).collect();
        assert_eq!(
            dirs,
            [
                "feeds/companies/helix/skills/go/",
                "feeds/companies/helix/skills/kubernetes/",
                "feeds/companies/kubo/skills/java/"
            ]
        );
        let (kept, left_out) = combine(&site, &pairs, "B", 2);
        assert_eq!((kept.len(), left_out), (2, 1));
        assert_eq!(kept[1].dir, all[1].dir);
    }
}
