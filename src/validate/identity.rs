//! A job's identity: what makes two records the same job, so that a board lists it once.
//!
//! A job is its `id` when the data gives one; otherwise its apply URL, compared without the
//! parameters that only track where a reader came from ([`TRACKING_PARAMETERS`]) and without
//! its fragment. The same posting copied from a README and from that day's archive, or linked
//! with different `utm_*` values, is then one job.

use url::Url;

/// Query parameters that say where a click came from, not which job it is: `utm_` followed by
/// anything, and these names.
pub const TRACKING_PARAMETERS: &[&str] = &[
    "gh_src",
    "gclid",
    "fbclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "igshid",
    "lever-source",
    "lever-origin",
];

/// Whether a query parameter only tracks the visit.
pub fn is_tracking(key: &str) -> bool {
    key.starts_with("utm_") || TRACKING_PARAMETERS.contains(&key)
}

/// The apply URL as identity: scheme and host in lowercase (as the `url` crate normalises them),
/// no fragment, no tracking parameters, other parameters in their order.
pub fn canonical_url(url: &str) -> String {
    let Ok(mut parsed) = Url::parse(url.trim()) else {
        return url.trim().to_string();
    };
    parsed.set_fragment(None);
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(key, _)| !is_tracking(key))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    parsed.into()
}

/// The identity of a job: its given `id`, else its canonical apply URL.
pub fn identity(given_id: Option<&str>, url: &str) -> String {
    match given_id {
        Some(id) => format!("id {id}"),
        None => format!("url {}", canonical_url(url)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_do_not_change_the_job() {
        let plain = canonical_url("https://jobr.pro/job/41513785");
        for tracked in [
            "https://jobr.pro/job/41513785?utm_source=github&utm_medium=repo&utm_campaign=x",
            "https://JOBR.pro/job/41513785#apply",
            "https://jobr.pro/job/41513785?gh_src=abc&fbclid=1",
        ] {
            assert_eq!(canonical_url(tracked), plain, "{tracked}");
        }
    }

    #[test]
    fn parameters_that_name_the_job_are_kept() {
        let a = canonical_url("https://boards.greenhouse.io/acme?gh_jid=1&utm_source=x");
        let b = canonical_url("https://boards.greenhouse.io/acme?gh_jid=2");
        assert_eq!(a, "https://boards.greenhouse.io/acme?gh_jid=1");
        assert_ne!(a, b);
    }

    #[test]
    fn a_given_id_wins_over_the_url() {
        assert_eq!(identity(Some("a-1"), "https://e.org/x"), "id a-1");
        assert_eq!(
            identity(None, "https://e.org/x?utm_a=1"),
            "url https://e.org/x"
        );
    }
}
