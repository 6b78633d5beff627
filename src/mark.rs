//! Company marks: the logo of a company's profile, else a monogram on a colour taken from the
//! company's name. Every row and job page shows who is hiring at a glance, with no request per
//! row (the monogram is text on a CSS class of the stylesheet) and the same colour on every build.

use serde::Serialize;

/// Colours of the stylesheet's `.mark-0` .. `.mark-11`, each with white text at >= 4.5:1.
pub const COLOURS: usize = 12;

/// How a company is shown beside its jobs, as `job.mark` and `company.mark`.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    /// The profile's logo (a URL, or a path with the base path), when there is one.
    pub logo: Option<String>,
    /// One or two capitals from the company's name: "Acme Corp" gives "AC".
    pub initials: String,
    /// Which of the stylesheet's `COLOURS` the monogram stands on.
    pub colour: usize,
}

impl Mark {
    /// The mark of `company`, with the logo of its profile (`logo`, as the profile gives it).
    pub fn new(company: &str, logo: Option<&str>, base_path: &str) -> Mark {
        Mark {
            logo: logo.map(|l| logo_src(l, base_path)),
            initials: initials(company),
            colour: (crate::slug::stable_hash(company.to_lowercase()) % COLOURS as u64) as usize,
        }
    }
}

/// Where a profile's logo is fetched from: its URL, or its site path under the base path.
pub fn logo_src(logo: &str, base_path: &str) -> String {
    if logo.contains("://") {
        logo.to_string()
    } else {
        format!("{base_path}{}", logo.trim_start_matches('/'))
    }
}

/// The first letter or digit of the first two words of `name`, in capitals ("?" for none).
fn initials(name: &str) -> String {
    let text: String = name
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    if text.is_empty() { "?".into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monograms_take_two_initials_and_a_stable_colour() {
        assert_eq!(initials("Acme Corp"), "AC");
        assert_eq!(initials("oracle"), "O");
        assert_eq!(initials("  (déjà) vu inc"), "DV");
        assert_eq!(initials("!!!"), "?");
        let a = Mark::new("Acme Corp", None, "/");
        assert_eq!(a.colour, Mark::new("ACME CORP", None, "/").colour);
        assert!(a.colour < COLOURS);
        let spread: std::collections::BTreeSet<usize> =
            ["Acme", "Oracle", "Globex", "Initech", "Umbrella", "Hooli"]
                .iter()
                .map(|n| Mark::new(n, None, "/").colour)
                .collect();
        assert!(spread.len() > 2, "{spread:?}");
        let logo = Mark::new("Acme", Some("logos/acme.svg"), "/board/").logo;
        assert_eq!(logo.as_deref(), Some("/board/logos/acme.svg"));
    }
}
