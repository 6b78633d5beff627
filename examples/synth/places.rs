//! Where the synthetic jobs are: about 400 real cities in 50 countries, written in the many forms
//! real boards use ("Berlin, Germany", "Bangalore, KA, IN", "Arlington, VA", "Toronto, Ontario",
//! "Remote - Mexico Only"), which gives some 5,000 distinct location strings.
//!
//! The table is data, so it runs past the usual file length.

use crate::rng::{LongTail, Rng};

/// A country, with how often boards list it and what its jobs pay.
pub struct Country {
    pub name: &'static str,
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    /// Relative share of jobs.
    pub weight: u64,
    /// ISO 4217 code of the salaries posted there.
    pub currency: &'static str,
    /// A typical mid-level yearly salary, in `currency`.
    pub pay: u64,
    /// Regions by size, each with its cities by size.
    pub regions: &'static [Region],
}

pub struct Region {
    pub name: &'static str,
    /// The short form boards write ("VA", "KA", "ON").
    pub code: &'static str,
    pub cities: &'static [&'static str],
}

/// What a job's location says.
pub struct Location {
    pub text: String,
    /// The country whose pay and currency apply.
    pub country: &'static Country,
}

/// Long-tailed draws of countries, regions and cities, made once for the whole board.
pub struct Places {
    countries: Vec<(usize, u64)>,
    regions: Vec<LongTail>,
    cities: Vec<Vec<LongTail>>,
}

/// How a city is written, with how often.
#[derive(Clone, Copy)]
enum Form {
    CityCountry,
    CityRegionCode,
    CityRegion,
    CityRegionCountry,
    CityCodes,
    CityCodeCountry,
    CityCountryCode,
    City,
    CityBlankRegion,
    GreaterArea,
    Metro,
}

const FORMS: &[(Form, u64)] = &[
    (Form::CityCountry, 30),
    (Form::CityRegionCode, 6),
    (Form::CityRegion, 8),
    (Form::CityRegionCountry, 14),
    (Form::CityCodes, 8),
    (Form::CityCodeCountry, 5),
    (Form::CityCountryCode, 6),
    (Form::City, 10),
    (Form::CityBlankRegion, 3),
    (Form::GreaterArea, 3),
    (Form::Metro, 2),
];

/// American boards mostly write "City, ST".
const US_FORMS: &[(Form, u64)] = &[
    (Form::CityRegionCode, 40),
    (Form::CityRegion, 8),
    (Form::CityRegionCountry, 10),
    (Form::CityCodes, 10),
    (Form::CityCodeCountry, 8),
    (Form::CityCountry, 8),
    (Form::City, 4),
    (Form::GreaterArea, 3),
    (Form::Metro, 2),
];

/// Locations of remote jobs that name no city; `{c}` is a country, `{cc}` its code.
const REMOTE: &[(&str, u64)] = &[
    ("Remote", 30),
    ("Remote - {c} Only", 10),
    ("Remote, {c}", 8),
    ("Remote ({cc})", 6),
    ("{c}", 10),
    ("{c} (Remote)", 5),
    ("Remote - {cc}", 4),
    ("Anywhere", 3),
    ("Worldwide", 3),
    ("Fully Remote", 3),
    ("Remote - Europe", 2),
    ("Remote - EMEA", 2),
    ("Remote - Americas", 2),
    ("Remote - LATAM", 1),
    ("Remote - APAC", 1),
];

impl Places {
    pub fn new() -> Places {
        Places {
            countries: COUNTRIES.iter().map(|c| c.weight).enumerate().collect(),
            regions: COUNTRIES
                .iter()
                .map(|c| LongTail::new(c.regions.len(), 0))
                .collect(),
            cities: COUNTRIES
                .iter()
                .map(|c| {
                    c.regions
                        .iter()
                        .map(|r| LongTail::new(r.cities.len(), 0))
                        .collect()
                })
                .collect(),
        }
    }

    /// A city location, written in one of the usual forms.
    pub fn city(&self, rng: &mut Rng) -> Location {
        let n = rng.pick_weighted(&self.countries);
        let country = &COUNTRIES[n];
        let r = self.regions[n].draw(rng);
        let region = &country.regions[r];
        let city = region.cities[self.cities[n][r].draw(rng)];
        let forms = if country.code == "US" {
            US_FORMS
        } else {
            FORMS
        };
        let text = match rng.pick_weighted(forms) {
            Form::CityCountry => format!("{city}, {}", country.name),
            Form::CityRegionCode => format!("{city}, {}", region.code),
            Form::CityRegion => format!("{city}, {}", region.name),
            Form::CityRegionCountry => format!("{city}, {}, {}", region.name, country.name),
            Form::CityCodes => format!("{city}, {}, {}", region.code, country.code),
            Form::CityCodeCountry => format!("{city}, {}, {}", region.code, country.name),
            Form::CityCountryCode => format!("{city}, {}", country.code),
            Form::City => city.to_string(),
            Form::CityBlankRegion => format!("{city}, , {}", country.name),
            Form::GreaterArea => format!("Greater {city} Area"),
            Form::Metro => format!("{city} Metropolitan Area"),
        };
        Location { text, country }
    }

    /// A remote job's location: a city (where the team sits) or a remote form.
    pub fn remote(&self, rng: &mut Rng) -> Location {
        if rng.percent(45) {
            return self.city(rng);
        }
        let country = &COUNTRIES[rng.pick_weighted(&self.countries)];
        let text = rng
            .pick_weighted(REMOTE)
            .replace("{cc}", country.code)
            .replace("{c}", country.name);
        Location { text, country }
    }

    /// A hybrid job's location: a city, now and then saying it is hybrid.
    pub fn hybrid(&self, rng: &mut Rng) -> Location {
        let mut location = self.city(rng);
        if rng.percent(5) {
            location.text.push_str(" (Hybrid)");
        }
        location
    }
}

const fn region(name: &'static str, code: &'static str, cities: &'static [&'static str]) -> Region {
    Region { name, code, cities }
}

#[rustfmt::skip]
pub const COUNTRIES: &[Country] = &[
    Country { name: "United States", code: "US", weight: 380, currency: "USD", pay: 125_000, regions: &[
        region("California", "CA", &["San Francisco", "Los Angeles", "San Jose", "San Diego", "Palo Alto", "Mountain View", "Sunnyvale", "Santa Clara", "Oakland", "Irvine", "Sacramento", "Menlo Park", "Redwood City", "Cupertino", "Pasadena"]),
        region("New York", "NY", &["New York", "Brooklyn", "Albany", "Rochester", "Buffalo"]),
        region("Texas", "TX", &["Austin", "Dallas", "Houston", "San Antonio", "Plano", "Irving", "Fort Worth"]),
        region("Washington", "WA", &["Seattle", "Redmond", "Bellevue", "Kirkland", "Spokane"]),
        region("Virginia", "VA", &["Arlington", "Reston", "Herndon", "McLean", "Richmond", "Chantilly", "Alexandria"]),
        region("Massachusetts", "MA", &["Boston", "Cambridge", "Waltham", "Burlington"]),
        region("Illinois", "IL", &["Chicago", "Naperville", "Evanston"]),
        region("Georgia", "GA", &["Atlanta", "Alpharetta"]),
        region("Colorado", "CO", &["Denver", "Boulder", "Colorado Springs"]),
        region("North Carolina", "NC", &["Raleigh", "Charlotte", "Durham", "Cary"]),
        region("Florida", "FL", &["Miami", "Tampa", "Orlando", "Jacksonville"]),
        region("District of Columbia", "DC", &["Washington"]),
        region("Pennsylvania", "PA", &["Philadelphia", "Pittsburgh"]),
        region("New Jersey", "NJ", &["Jersey City", "Newark", "Princeton"]),
        region("Maryland", "MD", &["Baltimore", "Columbia", "Bethesda"]),
        region("Oregon", "OR", &["Portland", "Beaverton"]),
        region("Arizona", "AZ", &["Phoenix", "Scottsdale", "Tempe"]),
        region("Utah", "UT", &["Salt Lake City", "Lehi", "Provo"]),
        region("Minnesota", "MN", &["Minneapolis", "Saint Paul"]),
        region("Michigan", "MI", &["Detroit", "Ann Arbor"]),
        region("Ohio", "OH", &["Columbus", "Cleveland", "Cincinnati"]),
        region("Missouri", "MO", &["St. Louis", "Kansas City"]),
        region("Tennessee", "TN", &["Nashville", "Memphis"]),
        region("Wisconsin", "WI", &["Madison", "Milwaukee"]),
        region("Indiana", "IN", &["Indianapolis"]),
        region("Nevada", "NV", &["Las Vegas", "Reno"]),
        region("Connecticut", "CT", &["Stamford", "Hartford"]),
        region("Kentucky", "KY", &["Louisville"]),
        region("Louisiana", "LA", &["New Orleans"]),
        region("Alabama", "AL", &["Huntsville", "Birmingham"]),
        region("Oklahoma", "OK", &["Oklahoma City", "Tulsa"]),
        region("Nebraska", "NE", &["Omaha"]),
        region("Iowa", "IA", &["Des Moines"]),
        region("Kansas", "KS", &["Overland Park", "Wichita"]),
        region("South Carolina", "SC", &["Charleston", "Greenville"]),
        region("Idaho", "ID", &["Boise"]),
        region("New Mexico", "NM", &["Albuquerque"]),
        region("Delaware", "DE", &["Wilmington"]),
        region("Rhode Island", "RI", &["Providence"]),
        region("New Hampshire", "NH", &["Manchester"]),
    ]},
    Country { name: "India", code: "IN", weight: 90, currency: "INR", pay: 1_800_000, regions: &[
        region("Karnataka", "KA", &["Bengaluru", "Bangalore", "Mysuru", "Mangaluru"]),
        region("Maharashtra", "MH", &["Mumbai", "Pune", "Navi Mumbai", "Nagpur"]),
        region("Telangana", "TG", &["Hyderabad"]),
        region("Tamil Nadu", "TN", &["Chennai", "Coimbatore"]),
        region("Haryana", "HR", &["Gurugram", "Gurgaon"]),
        region("Delhi", "DL", &["New Delhi", "Delhi"]),
        region("Uttar Pradesh", "UP", &["Noida", "Lucknow"]),
        region("West Bengal", "WB", &["Kolkata"]),
        region("Gujarat", "GJ", &["Ahmedabad", "Vadodara"]),
        region("Kerala", "KL", &["Kochi", "Thiruvananthapuram"]),
        region("Rajasthan", "RJ", &["Jaipur"]),
        region("Madhya Pradesh", "MP", &["Indore"]),
        region("Odisha", "OD", &["Bhubaneswar"]),
        region("Chandigarh", "CH", &["Chandigarh"]),
    ]},
    Country { name: "United Kingdom", code: "GB", weight: 60, currency: "GBP", pay: 65_000, regions: &[
        region("England", "ENG", &["London", "Manchester", "Cambridge", "Bristol", "Birmingham", "Leeds", "Oxford", "Reading", "Newcastle upon Tyne", "Nottingham", "Sheffield", "Liverpool", "Brighton", "Milton Keynes"]),
        region("Scotland", "SCT", &["Edinburgh", "Glasgow", "Aberdeen", "Dundee"]),
        region("Wales", "WLS", &["Cardiff", "Swansea"]),
        region("Northern Ireland", "NIR", &["Belfast"]),
    ]},
    Country { name: "Germany", code: "DE", weight: 55, currency: "EUR", pay: 70_000, regions: &[
        region("Berlin", "BE", &["Berlin"]),
        region("Bavaria", "BY", &["Munich", "München", "Nuremberg", "Augsburg"]),
        region("Hamburg", "HH", &["Hamburg"]),
        region("Hesse", "HE", &["Frankfurt am Main", "Darmstadt", "Wiesbaden"]),
        region("North Rhine-Westphalia", "NW", &["Cologne", "Düsseldorf", "Dortmund", "Essen", "Bonn", "Aachen"]),
        region("Baden-Württemberg", "BW", &["Stuttgart", "Karlsruhe", "Mannheim", "Heidelberg", "Freiburg"]),
        region("Saxony", "SN", &["Leipzig", "Dresden"]),
        region("Lower Saxony", "NI", &["Hanover", "Brunswick"]),
    ]},
    Country { name: "Canada", code: "CA", weight: 50, currency: "CAD", pay: 110_000, regions: &[
        region("Ontario", "ON", &["Toronto", "Ottawa", "Waterloo", "Mississauga", "Kitchener", "Markham", "London"]),
        region("British Columbia", "BC", &["Vancouver", "Victoria", "Burnaby"]),
        region("Quebec", "QC", &["Montréal", "Montreal", "Québec City"]),
        region("Alberta", "AB", &["Calgary", "Edmonton"]),
        region("Manitoba", "MB", &["Winnipeg"]),
        region("Nova Scotia", "NS", &["Halifax"]),
        region("Saskatchewan", "SK", &["Saskatoon", "Regina"]),
    ]},
    Country { name: "France", code: "FR", weight: 25, currency: "EUR", pay: 55_000, regions: &[
        region("Île-de-France", "IDF", &["Paris", "Boulogne-Billancourt", "Issy-les-Moulineaux"]),
        region("Auvergne-Rhône-Alpes", "ARA", &["Lyon", "Grenoble"]),
        region("Occitanie", "OCC", &["Toulouse", "Montpellier"]),
        region("Provence-Alpes-Côte d'Azur", "PAC", &["Marseille", "Nice", "Sophia Antipolis"]),
        region("Nouvelle-Aquitaine", "NAQ", &["Bordeaux"]),
        region("Hauts-de-France", "HDF", &["Lille"]),
        region("Pays de la Loire", "PDL", &["Nantes"]),
        region("Brittany", "BRE", &["Rennes"]),
    ]},
    Country { name: "Brazil", code: "BR", weight: 25, currency: "BRL", pay: 180_000, regions: &[
        region("São Paulo", "SP", &["São Paulo", "Campinas"]),
        region("Rio de Janeiro", "RJ", &["Rio de Janeiro"]),
        region("Minas Gerais", "MG", &["Belo Horizonte"]),
        region("Paraná", "PR", &["Curitiba"]),
        region("Santa Catarina", "SC", &["Florianópolis"]),
        region("Rio Grande do Sul", "RS", &["Porto Alegre"]),
        region("Pernambuco", "PE", &["Recife"]),
        region("Federal District", "DF", &["Brasília"]),
    ]},
    Country { name: "Netherlands", code: "NL", weight: 20, currency: "EUR", pay: 65_000, regions: &[
        region("North Holland", "NH", &["Amsterdam", "Haarlem"]),
        region("South Holland", "ZH", &["Rotterdam", "The Hague", "Delft", "Leiden"]),
        region("Utrecht", "UT", &["Utrecht"]),
        region("North Brabant", "NB", &["Eindhoven"]),
        region("Groningen", "GR", &["Groningen"]),
    ]},
    Country { name: "Spain", code: "ES", weight: 20, currency: "EUR", pay: 45_000, regions: &[
        region("Madrid", "MD", &["Madrid"]),
        region("Catalonia", "CT", &["Barcelona"]),
        region("Valencian Community", "VC", &["Valencia", "Alicante"]),
        region("Andalusia", "AN", &["Málaga", "Seville"]),
        region("Basque Country", "PV", &["Bilbao"]),
        region("Aragon", "AR", &["Zaragoza"]),
    ]},
    Country { name: "Poland", code: "PL", weight: 20, currency: "PLN", pay: 220_000, regions: &[
        region("Masovian", "MZ", &["Warsaw"]),
        region("Lesser Poland", "MA", &["Kraków"]),
        region("Lower Silesian", "DS", &["Wrocław"]),
        region("Pomeranian", "PM", &["Gdańsk", "Gdynia"]),
        region("Greater Poland", "WP", &["Poznań"]),
        region("Łódź", "LD", &["Łódź"]),
        region("Silesian", "SL", &["Katowice"]),
    ]},
    Country { name: "Australia", code: "AU", weight: 20, currency: "AUD", pay: 140_000, regions: &[
        region("New South Wales", "NSW", &["Sydney", "Newcastle"]),
        region("Victoria", "VIC", &["Melbourne"]),
        region("Queensland", "QLD", &["Brisbane", "Gold Coast"]),
        region("Western Australia", "WA", &["Perth"]),
        region("South Australia", "SA", &["Adelaide"]),
        region("Australian Capital Territory", "ACT", &["Canberra"]),
    ]},
    Country { name: "Mexico", code: "MX", weight: 15, currency: "MXN", pay: 900_000, regions: &[
        region("Mexico City", "CMX", &["Mexico City", "Ciudad de México"]),
        region("Jalisco", "JAL", &["Guadalajara", "Zapopan"]),
        region("Nuevo León", "NLE", &["Monterrey"]),
        region("Querétaro", "QUE", &["Querétaro"]),
        region("Yucatán", "YUC", &["Mérida"]),
    ]},
    Country { name: "Ireland", code: "IE", weight: 12, currency: "EUR", pay: 75_000, regions: &[
        region("Leinster", "L", &["Dublin"]),
        region("Munster", "M", &["Cork", "Limerick"]),
        region("Connacht", "C", &["Galway"]),
    ]},
    Country { name: "Singapore", code: "SG", weight: 12, currency: "SGD", pay: 100_000, regions: &[
        region("Singapore", "SG", &["Singapore"]),
    ]},
    Country { name: "Sweden", code: "SE", weight: 10, currency: "SEK", pay: 650_000, regions: &[
        region("Stockholm", "AB", &["Stockholm"]),
        region("Västra Götaland", "O", &["Gothenburg"]),
        region("Skåne", "M", &["Malmö", "Lund"]),
        region("Uppsala", "C", &["Uppsala"]),
    ]},
    Country { name: "Switzerland", code: "CH", weight: 10, currency: "CHF", pay: 120_000, regions: &[
        region("Zürich", "ZH", &["Zürich", "Zurich"]),
        region("Geneva", "GE", &["Geneva"]),
        region("Vaud", "VD", &["Lausanne"]),
        region("Basel-Stadt", "BS", &["Basel"]),
        region("Bern", "BE", &["Bern"]),
        region("Zug", "ZG", &["Zug"]),
    ]},
    Country { name: "Portugal", code: "PT", weight: 10, currency: "EUR", pay: 35_000, regions: &[
        region("Lisbon", "11", &["Lisbon"]),
        region("Porto", "13", &["Porto"]),
        region("Braga", "03", &["Braga"]),
        region("Coimbra", "06", &["Coimbra"]),
    ]},
    Country { name: "Italy", code: "IT", weight: 10, currency: "EUR", pay: 42_000, regions: &[
        region("Lombardy", "MI", &["Milan"]),
        region("Lazio", "RM", &["Rome"]),
        region("Piedmont", "TO", &["Turin"]),
        region("Emilia-Romagna", "BO", &["Bologna"]),
        region("Tuscany", "FI", &["Florence"]),
    ]},
    Country { name: "Japan", code: "JP", weight: 10, currency: "JPY", pay: 8_000_000, regions: &[
        region("Tokyo", "13", &["Tokyo"]),
        region("Osaka", "27", &["Osaka"]),
        region("Kanagawa", "14", &["Yokohama"]),
        region("Fukuoka", "40", &["Fukuoka"]),
        region("Kyoto", "26", &["Kyoto"]),
    ]},
    Country { name: "Israel", code: "IL", weight: 8, currency: "ILS", pay: 400_000, regions: &[
        region("Tel Aviv", "TA", &["Tel Aviv", "Herzliya"]),
        region("Central District", "M", &["Petah Tikva", "Ra'anana"]),
        region("Haifa", "HA", &["Haifa"]),
        region("Jerusalem", "JM", &["Jerusalem"]),
    ]},
    Country { name: "Argentina", code: "AR", weight: 8, currency: "USD", pay: 40_000, regions: &[
        region("Buenos Aires", "B", &["Buenos Aires", "La Plata"]),
        region("Córdoba", "X", &["Córdoba"]),
        region("Santa Fe", "S", &["Rosario"]),
        region("Mendoza", "M", &["Mendoza"]),
    ]},
    Country { name: "Colombia", code: "CO", weight: 8, currency: "COP", pay: 120_000_000, regions: &[
        region("Bogotá", "DC", &["Bogotá"]),
        region("Antioquia", "ANT", &["Medellín"]),
        region("Valle del Cauca", "VAC", &["Cali"]),
        region("Atlántico", "ATL", &["Barranquilla"]),
    ]},
    Country { name: "Philippines", code: "PH", weight: 8, currency: "PHP", pay: 1_200_000, regions: &[
        region("Metro Manila", "NCR", &["Makati", "Taguig", "Manila", "Quezon City", "Pasig"]),
        region("Cebu", "CEB", &["Cebu City"]),
    ]},
    Country { name: "Denmark", code: "DK", weight: 6, currency: "DKK", pay: 600_000, regions: &[
        region("Capital Region", "84", &["Copenhagen", "Hellerup"]),
        region("Central Denmark", "82", &["Aarhus"]),
        region("Southern Denmark", "83", &["Odense"]),
        region("North Denmark", "81", &["Aalborg"]),
    ]},
    Country { name: "Austria", code: "AT", weight: 6, currency: "EUR", pay: 60_000, regions: &[
        region("Vienna", "9", &["Vienna"]),
        region("Upper Austria", "4", &["Linz"]),
        region("Styria", "6", &["Graz"]),
        region("Salzburg", "5", &["Salzburg"]),
    ]},
    Country { name: "Belgium", code: "BE", weight: 6, currency: "EUR", pay: 60_000, regions: &[
        region("Brussels", "BRU", &["Brussels"]),
        region("Flanders", "VLG", &["Antwerp", "Ghent", "Leuven"]),
        region("Wallonia", "WAL", &["Liège"]),
    ]},
    Country { name: "Romania", code: "RO", weight: 6, currency: "RON", pay: 150_000, regions: &[
        region("Bucharest", "B", &["Bucharest"]),
        region("Cluj", "CJ", &["Cluj-Napoca"]),
        region("Iași", "IS", &["Iași"]),
        region("Timiș", "TM", &["Timișoara"]),
        region("Brașov", "BV", &["Brașov"]),
    ]},
    Country { name: "Czechia", code: "CZ", weight: 6, currency: "CZK", pay: 1_200_000, regions: &[
        region("Prague", "10", &["Prague"]),
        region("South Moravian", "64", &["Brno"]),
        region("Moravian-Silesian", "80", &["Ostrava"]),
    ]},
    Country { name: "Ukraine", code: "UA", weight: 5, currency: "USD", pay: 45_000, regions: &[
        region("Kyiv", "30", &["Kyiv"]),
        region("Lviv", "46", &["Lviv"]),
        region("Kharkiv", "63", &["Kharkiv"]),
        region("Odesa", "51", &["Odesa"]),
        region("Dnipropetrovsk", "12", &["Dnipro"]),
    ]},
    Country { name: "South Africa", code: "ZA", weight: 5, currency: "ZAR", pay: 700_000, regions: &[
        region("Gauteng", "GP", &["Johannesburg", "Pretoria", "Sandton"]),
        region("Western Cape", "WC", &["Cape Town", "Stellenbosch"]),
        region("KwaZulu-Natal", "KZN", &["Durban"]),
    ]},
    Country { name: "United Arab Emirates", code: "AE", weight: 5, currency: "AED", pay: 300_000, regions: &[
        region("Dubai", "DU", &["Dubai"]),
        region("Abu Dhabi", "AZ", &["Abu Dhabi"]),
    ]},
    Country { name: "China", code: "CN", weight: 5, currency: "CNY", pay: 400_000, regions: &[
        region("Shanghai", "SH", &["Shanghai"]),
        region("Beijing", "BJ", &["Beijing"]),
        region("Guangdong", "GD", &["Shenzhen", "Guangzhou"]),
        region("Zhejiang", "ZJ", &["Hangzhou"]),
    ]},
    Country { name: "New Zealand", code: "NZ", weight: 4, currency: "NZD", pay: 120_000, regions: &[
        region("Auckland", "AUK", &["Auckland"]),
        region("Wellington", "WGN", &["Wellington"]),
        region("Canterbury", "CAN", &["Christchurch"]),
    ]},
    Country { name: "Finland", code: "FI", weight: 4, currency: "EUR", pay: 55_000, regions: &[
        region("Uusimaa", "18", &["Helsinki", "Espoo"]),
        region("Pirkanmaa", "11", &["Tampere"]),
        region("North Ostrobothnia", "14", &["Oulu"]),
    ]},
    Country { name: "Norway", code: "NO", weight: 4, currency: "NOK", pay: 750_000, regions: &[
        region("Oslo", "03", &["Oslo"]),
        region("Vestland", "46", &["Bergen"]),
        region("Trøndelag", "50", &["Trondheim"]),
    ]},
    Country { name: "Vietnam", code: "VN", weight: 4, currency: "VND", pay: 600_000_000, regions: &[
        region("Ho Chi Minh City", "SG", &["Ho Chi Minh City"]),
        region("Hanoi", "HN", &["Hanoi"]),
        region("Da Nang", "DN", &["Da Nang"]),
    ]},
    Country { name: "Indonesia", code: "ID", weight: 4, currency: "IDR", pay: 300_000_000, regions: &[
        region("Jakarta", "JK", &["Jakarta"]),
        region("West Java", "JB", &["Bandung"]),
        region("Bali", "BA", &["Denpasar"]),
    ]},
    Country { name: "Malaysia", code: "MY", weight: 4, currency: "MYR", pay: 120_000, regions: &[
        region("Kuala Lumpur", "14", &["Kuala Lumpur"]),
        region("Selangor", "10", &["Petaling Jaya", "Cyberjaya"]),
        region("Penang", "07", &["George Town"]),
    ]},
    Country { name: "Chile", code: "CL", weight: 4, currency: "CLP", pay: 40_000_000, regions: &[
        region("Santiago Metropolitan", "RM", &["Santiago"]),
        region("Valparaíso", "VS", &["Valparaíso", "Viña del Mar"]),
    ]},
    Country { name: "South Korea", code: "KR", weight: 4, currency: "KRW", pay: 70_000_000, regions: &[
        region("Seoul", "11", &["Seoul"]),
        region("Gyeonggi", "41", &["Seongnam", "Pangyo"]),
        region("Busan", "26", &["Busan"]),
    ]},
    Country { name: "Nigeria", code: "NG", weight: 3, currency: "NGN", pay: 12_000_000, regions: &[
        region("Lagos", "LA", &["Lagos", "Ikeja"]),
        region("Federal Capital Territory", "FC", &["Abuja"]),
    ]},
    Country { name: "Kenya", code: "KE", weight: 3, currency: "KES", pay: 3_000_000, regions: &[
        region("Nairobi", "30", &["Nairobi"]),
        region("Mombasa", "28", &["Mombasa"]),
    ]},
    Country { name: "Egypt", code: "EG", weight: 3, currency: "EGP", pay: 600_000, regions: &[
        region("Cairo", "C", &["Cairo", "New Cairo"]),
        region("Alexandria", "ALX", &["Alexandria"]),
        region("Giza", "GZ", &["Giza"]),
    ]},
    Country { name: "Greece", code: "GR", weight: 3, currency: "EUR", pay: 35_000, regions: &[
        region("Attica", "I", &["Athens"]),
        region("Central Macedonia", "B", &["Thessaloniki"]),
    ]},
    Country { name: "Hungary", code: "HU", weight: 3, currency: "HUF", pay: 20_000_000, regions: &[
        region("Budapest", "BU", &["Budapest"]),
        region("Hajdú-Bihar", "HB", &["Debrecen"]),
    ]},
    Country { name: "Turkey", code: "TR", weight: 3, currency: "TRY", pay: 1_500_000, regions: &[
        region("Istanbul", "34", &["Istanbul"]),
        region("Ankara", "06", &["Ankara"]),
        region("İzmir", "35", &["İzmir"]),
    ]},
    Country { name: "Pakistan", code: "PK", weight: 3, currency: "PKR", pay: 5_000_000, regions: &[
        region("Punjab", "PB", &["Lahore"]),
        region("Sindh", "SD", &["Karachi"]),
        region("Islamabad", "IS", &["Islamabad"]),
    ]},
    Country { name: "Taiwan", code: "TW", weight: 3, currency: "TWD", pay: 1_500_000, regions: &[
        region("Taipei", "TPE", &["Taipei"]),
        region("Hsinchu", "HSZ", &["Hsinchu"]),
    ]},
    Country { name: "Estonia", code: "EE", weight: 2, currency: "EUR", pay: 50_000, regions: &[
        region("Harju", "37", &["Tallinn"]),
        region("Tartu", "79", &["Tartu"]),
    ]},
    Country { name: "Lithuania", code: "LT", weight: 2, currency: "EUR", pay: 45_000, regions: &[
        region("Vilnius", "VL", &["Vilnius"]),
        region("Kaunas", "KU", &["Kaunas"]),
    ]},
];
