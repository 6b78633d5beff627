//! What each card shows: the text of a job, a group page or the board, cut to the widths of
//! the default template (`CardView`).

use super::text::Face;
use super::{CardView, MARK_COLOURS, MarkView};
use crate::site::Group;
use crate::targets::Ctx;

/// The two built-in faces, for measuring.
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub fn new() -> Fonts {
        Fonts {
            regular: Face::new(super::paint::REGULAR),
            bold: Face::new(super::paint::BOLD),
        }
    }
}

/// A card with the board's parts filled in and the rest empty.
fn blank(ctx: &Ctx, fonts: &Fonts, kind: &'static str, title: &str) -> CardView {
    let host = url::Url::parse(&ctx.config.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    CardView {
        kind,
        title: super::text::clean(title),
        title_lines: fonts.bold.wrap(title, 64.0, 1040.0, 3),
        label: String::new(),
        company: String::new(),
        mark: None,
        place: String::new(),
        salary: None,
        salary_width: 0,
        board: fonts.bold.fit(&ctx.config.title, 30.0, 760.0),
        host: fonts.regular.fit(&host, 26.0, 300.0),
    }
}

/// "12 open positions".
fn open_positions(count: usize) -> String {
    let noun = if count == 1 { "position" } else { "positions" };
    format!("{count} open {noun}")
}

/// The board's card.
pub fn board_view(ctx: &Ctx, fonts: &Fonts) -> CardView {
    let mut view = blank(ctx, fonts, "board", &ctx.config.title);
    view.label = fonts.bold.fit("Job board", 40.0, 1040.0);
    view.place = fonts
        .regular
        .fit(&open_positions(ctx.site.current.len()), 36.0, 1040.0);
    view
}

/// The card of entry `index`: title, company, place and workplace, salary.
pub fn job_view(ctx: &Ctx, fonts: &Fonts, index: usize) -> CardView {
    let job = ctx.card(index);
    let mut view = blank(ctx, fonts, "job", &job.title);
    view.company = fonts.bold.fit(&job.company, 40.0, 900.0);
    view.mark = Some(mark(&job.mark));
    let place = if job.show_location {
        format!("{} · {}", job.location, job.workplace_label)
    } else {
        job.workplace_label.to_string()
    };
    view.place = fonts.regular.fit(&place, 36.0, 1040.0);
    if let Some(salary) = &job.salary {
        let salary = fonts.bold.fit(salary, 32.0, 1000.0);
        view.salary_width = fonts.bold.width(&salary, 32.0).ceil() as u32;
        view.salary = Some(salary);
    }
    view
}

/// The card of a group page of `kind` (`company`, `location`, `workplace`, `skill`), with the
/// heading its page has.
pub fn group_view(ctx: &Ctx, fonts: &Fonts, kind: &'static str, group: &Group) -> CardView {
    let (title, label) = match kind {
        "company" => (format!("Jobs at {}", group.name), "Company"),
        "location" => (format!("Jobs in {}", group.name), "Location"),
        "workplace" => (format!("{} jobs", group.name), "Workplace"),
        _ => (format!("{} jobs", group.name), "Skill"),
    };
    let mut view = blank(ctx, fonts, kind, &title);
    view.label = label.to_string();
    if kind == "company" {
        let logo = None;
        let company = crate::mark::Mark::new(&group.name, logo, &ctx.site.base_path);
        view.company = fonts.bold.fit(&group.name, 40.0, 900.0);
        view.mark = Some(mark(&company));
    }
    view.place = fonts
        .regular
        .fit(&open_positions(group.jobs.len()), 36.0, 1040.0);
    view
}

fn mark(mark: &crate::mark::Mark) -> MarkView {
    MarkView {
        initials: mark.initials.clone(),
        colour: MARK_COLOURS[mark.colour % MARK_COLOURS.len()],
    }
}
