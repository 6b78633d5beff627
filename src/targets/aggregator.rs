//! The aggregator feed: `feeds/indeed.xml` in the Indeed XML job-feed format, which Indeed,
//! Jooble, Adzuna and Careerjet read (each with small variations; docs/feeds.md).
//!
//! A `<source>` with the board as publisher and one `<job>` per current job; expired jobs are
//! left out. Every value is character data inside CDATA, as Indeed asks, with `]]>` split so no
//! text can end its section, and characters XML cannot hold dropped.
//! <https://docs.indeed.com/indeed-apply/xml-feed>

use rayon::prelude::*;

use super::{Ctx, Sink};
use crate::job::{Employment, Workplace};
use crate::site::Entry;
use crate::view::{format_salary, job_dir};
use crate::write::{Fragment, Part};

/// Writes the feed, unless `[feeds.aggregator] enabled = false`, and a feed for each template
/// the board keeps under `templates/feeds/` (other aggregators' formats).
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let settings = &ctx.config.feeds.aggregator;
    let templates: Vec<&str> = ctx
        .theme
        .templates
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| name.starts_with(TEMPLATE_DIR))
        .collect();
    // A template at the feed's own path (`templates/feeds/indeed.xml`) replaces the built-in one.
    let built_in = settings.enabled && !templates.contains(&settings.output.as_str());
    if built_in {
        let inputs = || ctx.keys_of(&ctx.site.current);
        ctx.emit_parts(sink, &settings.output, inputs, xml(ctx, sink))?;
    }
    if templates.is_empty() {
        return Ok(());
    }
    let jobs: Vec<FeedJob> = ctx
        .site
        .current
        .iter()
        .map(|&i| FeedJob::new(ctx, &ctx.site.entries[i]))
        .collect();
    for name in templates {
        let mut context = tera::Context::new();
        context.insert_value("site", ctx.site_value.clone());
        context.insert("last_build_date", &ctx.site.now.to_rfc2822());
        context.insert("jobs", &jobs);
        let text = ctx.renderer.render(name, &context)?;
        sink.site_file(name, text.into_bytes())?;
    }
    Ok(())
}

/// Where a board keeps the templates of other aggregator feeds; each is written at the same
/// path in the site (`templates/feeds/jooble.xml` gives `feeds/jooble.xml`).
pub const TEMPLATE_DIR: &str = "feeds/";

/// What an aggregator is told about one job, as Indeed names it; `None` where the job does not
/// say. Also the `jobs` of the templates under `templates/feeds/`.
#[derive(serde::Serialize)]
pub struct FeedJob {
    title: String,
    date: String,
    referencenumber: String,
    url: String,
    company: String,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    description: String,
    salary: Option<String>,
    jobtype: Option<&'static str>,
    remotetype: Option<&'static str>,
    expirationdate: Option<String>,
}

impl FeedJob {
    fn new(ctx: &Ctx, entry: &Entry) -> FeedJob {
        let job = &entry.job;
        let place = entry.place();
        let through =
            crate::jsonld::valid_through(job.valid_through, job.date, ctx.config.expire_after_days);
        FeedJob {
            title: job.title.clone(),
            date: job.posted.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            referencenumber: job.id.clone(),
            url: format!("{}{}", ctx.config.base_url, job_dir(entry)),
            company: job.company.clone(),
            city: place.locality.clone(),
            state: place.region.clone(),
            country: place.country.map(|c| c.code.to_string()),
            description: description(job),
            salary: job.salary.as_ref().map(format_salary),
            jobtype: job.employment.map(job_type),
            remotetype: remote_type(job.workplace),
            expirationdate: through.map(crate::date::iso),
        }
    }
}

/// Jobs whose `<job>` elements are made together, side by side with the next such run.
const JOBS_PER_PART: usize = 500;

/// Parts made side by side before they are handed to the sink, one after the other.
const PARTS_PER_BATCH: usize = 8;

/// The whole Indeed feed, in pieces of a few megabytes: a large board's feed is hundreds of
/// megabytes, and is neither held whole nor kept beside its jobs. Each job's element is made from
/// the job and dropped at once. A part shows its jobs and board-wide values only: a sink that
/// remembers carries over the parts whose jobs' fingerprints are the same.
fn xml<'a>(ctx: &'a Ctx, sink: &'a dyn Sink) -> impl Iterator<Item = Part> + 'a {
    let mut head = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n");
    element(&mut head, 1, "publisher", &ctx.config.title);
    element(&mut head, 1, "publisherurl", &ctx.config.base_url);
    element(&mut head, 1, "lastBuildDate", &ctx.site.now.to_rfc2822());
    let parts = ctx
        .site
        .current
        .chunks(JOBS_PER_PART * PARTS_PER_BATCH)
        .flat_map(move |batch| {
            batch
                .par_chunks(JOBS_PER_PART)
                .map(|indexes| part(ctx, sink, indexes))
                .collect::<Vec<Part>>()
        });
    let tail = String::from("</source>\n");
    std::iter::once(Ok(Fragment::new(head)))
        .chain(parts)
        .chain(std::iter::once(Ok(Fragment::new(tail))))
}

/// The `<job>` elements of the jobs at `indexes`.
fn part(ctx: &Ctx, sink: &dyn Sink, indexes: &[usize]) -> Part {
    let inputs = || ("indeed.xml", ctx.keys_of(indexes));
    ctx.fragment(sink, inputs, || {
        let mut part = String::new();
        for &i in indexes {
            push_job(&mut part, &FeedJob::new(ctx, &ctx.site.entries[i]));
        }
        Ok(part)
    })
}

/// One `<job>`: the elements Indeed names, those the job has no value for left out.
fn push_job(out: &mut String, job: &FeedJob) {
    out.push_str("  <job>\n");
    element(out, 2, "title", &job.title);
    element(out, 2, "date", &job.date);
    element(out, 2, "referencenumber", &job.referencenumber);
    element(out, 2, "requisitionid", &job.referencenumber);
    element(out, 2, "url", &job.url);
    element(out, 2, "company", &job.company);
    let optional = [
        ("city", job.city.as_deref()),
        ("state", job.state.as_deref()),
        ("country", job.country.as_deref()),
        ("description", Some(job.description.as_str())),
        ("salary", job.salary.as_deref()),
        ("jobtype", job.jobtype),
        ("remotetype", job.remotetype),
        ("expirationdate", job.expirationdate.as_deref()),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            element(out, 2, name, value);
        }
    }
    out.push_str("  </job>\n");
}

/// The sanitised description, or a sentence when the job has none.
fn description(job: &crate::job::Job) -> String {
    let html = crate::markdown::to_html(&job.description);
    if html.trim().is_empty() {
        let text = format!("{} at {} ({}).", job.title, job.company, job.location);
        return format!("<p>{}</p>", crate::text::escape_html(&text));
    }
    html
}

/// Indeed's job types.
fn job_type(employment: Employment) -> &'static str {
    match employment {
        Employment::FullTime => "fulltime",
        Employment::PartTime => "parttime",
        Employment::Contract => "contract",
        Employment::Internship => "internship",
        Employment::Temporary => "temporary",
    }
}

/// Indeed's remote types; on-site jobs have none.
fn remote_type(workplace: Workplace) -> Option<&'static str> {
    match workplace {
        Workplace::Remote => Some("Fully remote"),
        Workplace::Hybrid => Some("Hybrid remote"),
        Workplace::OnSite => None,
    }
}

/// `<name><![CDATA[text]]></name>` on a line of its own, indented `depth` levels.
fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_cdata(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// `text` as CDATA: every `]]>` splits the section between `]]` and `>`, and characters XML 1.0
/// does not allow (most control characters, U+FFFE, U+FFFF) are dropped.
fn push_cdata(out: &mut String, text: &str) {
    // Nearly every text has nothing to drop: it is then not copied first.
    let clean: std::borrow::Cow<str> = if all_allowed(text) {
        text.into()
    } else {
        text.chars()
            .filter(|&c| allowed(c))
            .collect::<String>()
            .into()
    };
    out.push_str("<![CDATA[");
    for (n, piece) in clean.split("]]>").enumerate() {
        if n > 0 {
            out.push_str("]]]]><![CDATA[>");
        }
        out.push_str(piece);
    }
    out.push_str("]]>");
}

/// Whether XML 1.0 allows `c`.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether XML 1.0 allows every character of `text`, read byte by byte where it can be: in
/// UTF-8 only the C0 controls (single bytes under 0x20) and U+FFFE and U+FFFF (which start with
/// the byte 0xEF) can be refused.
fn all_allowed(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'))
        && (!bytes.contains(&0xEF) || text.chars().all(allowed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-wise check agrees with the character-wise one, at the edges of what XML allows.
    #[test]
    fn text_is_allowed_exactly_when_each_character_is() {
        let edges = [
            '\u{0}',
            '\u{8}',
            '\t',
            '\n',
            '\u{B}',
            '\r',
            '\u{1F}',
            ' ',
            '\u{7F}',
            '\u{85}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{EFFF}',
            '\u{F000}',
            '\u{FFFD}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{10000}',
            '\u{10FFFF}',
        ];
        for c in edges {
            let text = format!("a{c}b");
            assert_eq!(all_allowed(&text), allowed(c), "{:?}", c);
        }
        assert!(all_allowed("Köln, 東京 – 100 €"));
    }

    #[test]
    fn cdata_cannot_be_ended_by_the_text() {
        let mut out = String::new();
        push_cdata(&mut out, "a]]>b\u{1}c\u{FFFE}]]]>");
        assert_eq!(out, "<![CDATA[a]]]]><![CDATA[>bc]]]]]><![CDATA[>]]>");
        let doc = format!("<d>{out}</d>");
        let parsed = roxmltree::Document::parse(&doc).expect("well-formed");
        assert!(parsed.root_element().children().all(|n| n.is_text()));
        let text = parsed.root_element().text().unwrap_or_default();
        assert_eq!(text, "a]]>bc]]]>");
    }
}
