//! Job descriptions: 1 to 3 KB of markdown with headings, bullet lists, bold text and links, put
//! together from sentence templates. `{name}` in a template is replaced by the job's value.

use crate::rng::Rng;

/// Shortest and longest description, in bytes.
pub const MIN_BYTES: usize = 1024;
pub const MAX_BYTES: usize = 3072;

/// What the templates may name.
pub struct Facts<'a> {
    pub company: &'a str,
    pub title: &'a str,
    pub team: &'a str,
    pub stack: &'a str,
    pub product: &'a str,
    pub skills: &'a [&'a str],
    /// The company's site, or the job's page when it has none.
    pub site: &'a str,
    pub apply: &'a str,
}

struct Section {
    headings: &'static [&'static str],
    bullets: &'static [&'static str],
}

const INTRO: &[&str] = &[
    "{company} builds {product}. We are looking for a **{title}** to join the {team} team.",
    "At {company} we make {product}, and the {team} team is hiring a **{title}**.",
    "Join {company} as a **{title}** and help us build {product}.",
    "{company} is hiring a **{title}**. The {team} team owns the services behind {product}.",
];

const ABOUT: &[&str] = &[
    "The team is small, senior and ships to production several times a day.",
    "You will work closely with product managers, designers and other engineers.",
    "Most of our services are written in {stack} and run on managed cloud infrastructure.",
    "We care about readable code, honest code review and calm on-call rotations.",
    "Our customers rely on us every day, so reliability matters as much as new features.",
    "We write things down: design documents, decision records and runbooks.",
    "The role reports to the engineering lead of the {team} team.",
    "We are growing the team this year and want people who like to teach and to learn.",
];

const SECTIONS: &[Section] = &[
    Section {
        headings: &["What you will do", "Responsibilities", "Your role"],
        bullets: &[
            "Design, build and run services in {stack}",
            "Own features end to end, from the first sketch to production metrics",
            "Improve the performance and reliability of the {team} platform",
            "Write clear, well-tested code and review the code of others",
            "Work with product to shape the roadmap of the {team} team",
            "Take part in a fair on-call rotation with **follow-the-sun** support",
            "Mentor engineers and share what you learn in internal talks",
            "Break down large projects into small, safe releases",
            "Keep our **{skill}** setup healthy, observable and cheap to run",
            "Investigate incidents and write blameless postmortems",
            "Automate what is done by hand today",
            "Help us move the last legacy services to {stack}",
        ],
    },
    Section {
        headings: &["What we are looking for", "Requirements", "About you"],
        bullets: &[
            "**{years}+ years** of professional experience building software",
            "Solid experience with **{stack}** in production",
            "Hands-on knowledge of {skill}",
            "You have built and operated services used by real customers",
            "Good understanding of relational databases and SQL",
            "Experience with automated testing and continuous delivery",
            "You write clearly, in code and in English",
            "Comfortable working across time zones with a distributed team",
            "A degree in computer science or equivalent practical experience",
            "You enjoy making complicated things simple",
        ],
    },
    Section {
        headings: &["Nice to have", "Bonus points"],
        bullets: &[
            "Experience with {skill}",
            "Contributions to open-source projects",
            "Background in {product}",
            "You have worked in a fast-growing company before",
            "Knowledge of event-driven architectures",
            "Experience mentoring junior engineers",
        ],
    },
    Section {
        headings: &["What we offer", "Benefits", "Why {company}"],
        bullets: &[
            "Competitive salary and **equity** for every employee",
            "Flexible working hours and a remote-friendly culture",
            "**30 days** of paid holiday, plus public holidays",
            "A yearly learning budget for books, courses and conferences",
            "Private health insurance for you and your family",
            "A new laptop and a home-office budget",
            "Paid parental leave",
            "Team offsites twice a year",
            "A pension plan with employer contributions",
        ],
    },
];

const APPLY: &[&str] = &[
    "Read more about us on [our website]({site}) and [apply here]({apply}).",
    "Curious? Learn about [{company}]({site}), then [send us your application]({apply}).",
    "[Apply on our careers page]({apply}); we answer every application within two weeks.",
];

/// The markdown description of one job, between `MIN_BYTES` and `MAX_BYTES` long.
pub fn describe(facts: &Facts, rng: &mut Rng) -> String {
    // Leave room for the last bullet and the closing paragraph.
    let target = rng.between(MIN_BYTES as u64, MAX_BYTES as u64 - 450) as usize;
    let mut md = String::with_capacity(target + 512);
    fill(rng.pick(INTRO), facts, rng, &mut md);
    md.push(' ');
    for i in rng.distinct(ABOUT.len(), 3) {
        fill(ABOUT[i], facts, rng, &mut md);
        md.push(' ');
    }
    md.pop();
    md.push('\n');
    for (done, section) in SECTIONS.iter().enumerate() {
        let share = (target.saturating_sub(md.len())) / (SECTIONS.len() - done);
        write_section(section, md.len() + share, facts, rng, &mut md);
    }
    md.push_str("\n## How to apply\n\n");
    fill(rng.pick(APPLY), facts, rng, &mut md);
    md.push('\n');
    md
}

/// A heading and at least two bullets, more while the text is shorter than `until` bytes.
fn write_section(section: &Section, until: usize, facts: &Facts, rng: &mut Rng, md: &mut String) {
    md.push_str("\n## ");
    fill(rng.pick(section.headings), facts, rng, md);
    md.push_str("\n\n");
    let order = rng.distinct(section.bullets.len(), section.bullets.len());
    for (n, i) in order.into_iter().enumerate() {
        if n >= 2 && md.len() >= until {
            break;
        }
        md.push_str("- ");
        fill(section.bullets[i], facts, rng, md);
        md.push('\n');
    }
}

/// Appends `template` with every `{name}` replaced.
fn fill(template: &str, facts: &Facts, rng: &mut Rng, md: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        md.push_str(&rest[..open]);
        let close = open
            + rest[open..]
                .find('}')
                .expect("templates close their braces");
        match &rest[open + 1..close] {
            "company" => md.push_str(facts.company),
            "title" => md.push_str(facts.title),
            "team" => md.push_str(facts.team),
            "stack" => md.push_str(facts.stack),
            "product" => md.push_str(facts.product),
            "skill" => md.push_str(rng.pick(facts.skills)),
            "site" => md.push_str(facts.site),
            "apply" => md.push_str(facts.apply),
            "years" => md.push_str(&rng.between(2, 8).to_string()),
            other => unreachable!("unknown template field {other:?}"),
        }
        rest = &rest[close + 1..];
    }
    md.push_str(rest);
}
