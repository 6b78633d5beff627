//! The places a job is in, read from its location: "Mountain View, CA, USA; Austin, TX, USA" is
//! two, "Remote / US" one, "Washington, D.C." one. Each place is keyed by what it is, so that the
//! ways boards write one city ("Bangalore, KA, IN", "Bengaluru, Karnataka, India") share a page:
//! a recognised city of a country, a country alone, or, when nothing is recognised, the text
//! itself.
//!
//! A location is cut at `;`, `|`, `•` and `、` between places, then at ` or ` and `/`, but only
//! where every piece is a place (or only says "Remote"): "Bethesda, MD - TS/SCI clearance
//! required" stays whole. A piece before ` or ` or `/` without commas takes the context of the
//! last one ("Arlington/Rosslyn, Virginia, United States": Arlington in Virginia).

use crate::country::{self, Country, Place};

/// One place of a job's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// The piece of the location naming the place, as written.
    pub text: String,
    /// What the piece was read as.
    pub place: Place,
}

/// What a place's page is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// A city of the gazetteer in its country ("Bengaluru", India).
    City { name: String, country: Country },
    /// A country with no city named ("Remote - Mexico Only"): the country's page.
    Country(Country),
    /// Text naming something not recognised as a city ("FANX III, US", "Any NISC Location"),
    /// with the country when one is recognised.
    Text {
        text: String,
        country: Option<Country>,
    },
}

impl Spot {
    /// The key of this place's page.
    pub fn key(&self) -> Key {
        let place = &self.place;
        match (place.country, &place.city, &place.locality) {
            (Some(country), Some(name), _) => Key::City {
                name: name.clone(),
                country,
            },
            (Some(country), None, None) => Key::Country(country),
            (country, _, _) => Key::Text {
                text: self.text.clone(),
                country,
            },
        }
    }
}

/// The places of the location `items` (a location given as a list has several items), in the
/// order written, each key once, the first `validate::MAX_PLACES` of them. A location naming no
/// place ("Remote") is one spot, unread.
pub fn spots(items: &[String]) -> Vec<Spot> {
    let mut out: Vec<Spot> = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for spot in items.iter().flat_map(|item| read_item(item)) {
        if out.len() == crate::validate::MAX_PLACES {
            break;
        }
        if keys.insert(spot.key()) {
            out.push(spot);
        }
    }
    out
}

/// The places of one location string.
fn read_item(text: &str) -> Vec<Spot> {
    let pieces = cut(text, &[";", "|", "•", "、"]);
    if pieces.len() > 1 {
        let read: Option<Vec<Vec<Spot>>> = pieces.iter().map(|p| read_piece(p)).collect();
        if let Some(read) = read.filter(|r| r.iter().any(|spots| !spots.is_empty())) {
            return read.into_iter().flatten().collect();
        }
    }
    read_piece(text)
        .filter(|spots| !spots.is_empty())
        .unwrap_or_else(|| vec![whole(text)])
}

/// The places of a piece between hard separators: itself, or its parts around ` or ` and `/`
/// when each is a place; none when it only says "Remote"; `None` when it names no place.
fn read_piece(piece: &str) -> Option<Vec<Spot>> {
    let spot = whole(piece);
    if says_nothing(&spot.place) {
        return Some(Vec::new());
    }
    let parts = cut(piece, &[" or ", "/"]);
    if parts.len() > 1
        && let Some(spots) = read_parts(&parts)
    {
        return Some(spots);
    }
    is_place(&spot.place).then(|| vec![spot])
}

/// The parts around ` or ` and `/`, each read with the context of the last part when it has
/// none of its own; `None` unless each is a place or says nothing.
fn read_parts(parts: &[&str]) -> Option<Vec<Spot>> {
    let last = parts.last()?;
    let context = last.split_once(',').map_or("", |(_, rest)| rest);
    let mut spots = Vec::new();
    for part in parts {
        let own = !context.is_empty() && !part.contains(',') && part != last;
        let place = if own {
            country::recognise(&format!("{part},{context}"))
        } else {
            country::recognise(part)
        };
        if says_nothing(&place) {
            continue;
        }
        let spot = Spot {
            text: part.to_string(),
            place,
        };
        // Between ` or ` and `/`, each part is a city or a country: no text of its own.
        if !is_place(&spot.place) || matches!(spot.key(), Key::Text { .. }) {
            return None;
        }
        spots.push(spot);
    }
    (!spots.is_empty()).then_some(spots)
}

/// The whole text as one spot.
fn whole(text: &str) -> Spot {
    Spot {
        text: text.trim().to_string(),
        place: country::recognise(text),
    }
}

/// A piece that names a place for sure: a city, or a country from a name or an unambiguous code.
fn is_place(place: &Place) -> bool {
    place.city.is_some() || (place.country.is_some() && place.named)
}

/// A piece that says no more than "Remote" or "Hybrid".
fn says_nothing(place: &Place) -> bool {
    place.country.is_none() && place.locality.is_none() && place.region.is_none()
}

/// `text` cut at each of `separators`, pieces trimmed, empty ones left out.
fn cut<'a>(text: &'a str, separators: &[&str]) -> Vec<&'a str> {
    let mut pieces = vec![text];
    for sep in separators {
        pieces = pieces.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(location: &str) -> Vec<String> {
        spots(&[location.to_string()])
            .iter()
            .map(|s| match s.key() {
                Key::City { name, country } => format!("{name}, {}", country.code),
                Key::Country(country) => country.code.to_string(),
                Key::Text { text, .. } => format!("text: {text}"),
            })
            .collect()
    }

    #[test]
    fn one_city_written_several_ways_has_one_key() {
        for location in [
            "Bangalore, KA, IN",
            "Bengaluru, Karnataka, India",
            "IN Bangalore, India",
            "Bangalore, IND; Bangalore, IND",
        ] {
            assert_eq!(keys(location), ["Bengaluru, IN"], "{location}");
        }
    }

    #[test]
    fn places_are_split_where_each_piece_is_a_place() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mountain View, CA, USA; Austin, TX, USA",
                &["Mountain View, US", "Austin, US"],
            ),
            (
                "Bellevue, WA | Menlo Park, CA",
                &["Bellevue, US", "Menlo Park, US"],
            ),
            (
                "Belgrade, Serbia; Madrid, Spain; Remote, Germany",
                &["Belgrade, RS", "Madrid, ES", "DE"],
            ),
            ("Pittsburgh, PA or Remote", &["Pittsburgh, US"]),
            (
                "Rijeka or Zagreb, Croatia (Hybrid)",
                &["Rijeka, HR", "Zagreb, HR"],
            ),
            ("Argentina / Perú", &["AR", "PE"]),
            ("Remote / US", &["US"]),
            ("Washington, D.C.", &["Washington, US"]),
            (
                "Bethesda, MD - TS/SCI clearance required",
                &["Bethesda, US"],
            ),
            ("Remote", &["text: Remote"]),
            ("Any NISC Location", &["text: Any NISC Location"]),
        ];
        for (location, expected) in cases {
            assert_eq!(keys(location), *expected, "{location}");
        }
    }

    #[test]
    fn a_list_gives_each_item_and_a_place_once() {
        let items = ["Berlin, Germany".to_string(), "Paris; Berlin".to_string()];
        let found: Vec<_> = spots(&items).into_iter().map(|s| s.text).collect();
        assert_eq!(found, ["Berlin, Germany", "Paris"]);
    }
}
