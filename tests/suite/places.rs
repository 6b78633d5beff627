//! Places: a hand-labelled list of real location strings (tests/fixtures/locations.tsv, taken
//! from a real board's history) is read with no country wrong and its cities mostly right.

use jobsmith::internals::country::recognise;

/// (location, countries it may be read as, city) of every labelled line.
fn labelled() -> Vec<(String, Vec<String>, String)> {
    let path = crate::support::fixture("locations.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/locations.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let location = fields.next().expect("location").to_string();
            let countries = fields.next().expect("countries");
            let countries = countries
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_string);
            let city = fields.next().expect("city").to_string();
            (location, countries.collect(), city)
        })
        .collect()
}

#[test]
fn every_labelled_location_gets_its_country_and_none_is_invented() {
    let list = labelled();
    assert!(list.len() >= 200, "{} labelled strings", list.len());
    let wrong: Vec<String> = list
        .iter()
        .filter_map(|(location, countries, _)| {
            let found = recognise(location).country.map(|c| c.code.to_string());
            let right = match &found {
                None => countries.is_empty(),
                Some(code) => countries.contains(code),
            };
            (!right).then(|| format!("{location:?}: {found:?}, labelled {countries:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn most_labelled_cities_are_found_as_written() {
    let list = labelled();
    let named: Vec<_> = list
        .iter()
        .filter(|(_, _, city)| !city.is_empty())
        .collect();
    let right = named
        .iter()
        .filter(|(location, _, city)| {
            let found = recognise(location).locality.unwrap_or_default();
            found.to_lowercase() == city.to_lowercase()
        })
        .count();
    // Measured: see docs/website.md "Places". A drop below this is a regression.
    assert!(
        right * 100 >= named.len() * 90,
        "{right} of {} cities",
        named.len()
    );
}
