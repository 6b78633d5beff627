//! Messages in plain words. serde's type errors speak Rust ("invalid type: string \"ten\",
//! expected usize"); a board's author reads "`per_page` must be a whole number, not \"ten\"".
//! Unknown keys get the known key closest to them ("did you mean `location`?").

/// The known name a mistyped `typed` most likely meant, if one is close enough.
pub fn closest<'k>(typed: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let typed = typed.to_lowercase();
    known
        .into_iter()
        .map(|name| (strsim::jaro_winkler(&typed, &name.to_lowercase()), name))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// `unknown key `KEY` (ignored)`, with a suggestion when a known key is close.
pub fn unknown_key<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    match closest(key, known) {
        Some(near) => format!("unknown key `{key}` (ignored); did you mean `{near}`?"),
        None => format!("unknown key `{key}` (ignored)"),
    }
}

/// serde's message about the value of `key`, in plain words where it is a type mismatch.
pub fn value_error(key: &str, message: &str) -> String {
    let message = message.trim();
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return format!("`{key}`: {message}");
    };
    format!(
        "`{key}` must be {}, not {}",
        expected_words(expected),
        found_words(found)
    )
}

fn expected_words(expected: &str) -> &str {
    match expected {
        "usize" | "u8" | "u16" | "u32" | "u64" | "isize" | "i8" | "i16" | "i32" | "i64" => {
            "a whole number"
        }
        "f32" | "f64" | "a float" => "a number",
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "a sequence" => "a list",
        other if other.starts_with("struct ") || other == "a map" => "a table",
        other => other,
    }
}

/// `string "ten"` → `"ten"`, `integer `10`` → `10`, `sequence` → `a list`.
fn found_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return text.to_string();
    }
    if let Some((_, value)) = found.split_once(" `") {
        return value.trim_end_matches('`').to_string();
    }
    match found {
        "sequence" => "a list".into(),
        "map" => "a table".into(),
        other => other.to_string(),
    }
}

/// The dotted name of the TOML key set on the line holding `offset`, for messages: the last
/// `[table]` header above it and the key before `=`. Empty when the line sets no key.
pub fn toml_key_at(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let Some((key, _)) = line.split_once('=') else {
        return String::new();
    };
    let key = key.trim().trim_matches('"');
    let header = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| l.trim_matches(['[', ']']).trim());
    match header {
        Some(table) if !table.is_empty() => format!("{table}.{key}"),
        _ => key.to_string(),
    }
}

/// Whether YAML front matter reads as TOML (`key = value` lines), for the "+++" hint.
pub fn looks_like_toml(matter: &str) -> bool {
    let mut keyed = matter
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    keyed.next().is_some_and(|first| {
        first.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim().trim_matches('"');
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_known_key() {
        let known = ["title", "company", "location", "url"];
        assert_eq!(closest("locaton", known), Some("location"));
        assert_eq!(closest("Titel", known), Some("title"));
        assert_eq!(closest("salary", known), None);
        assert_eq!(
            unknown_key("compnay", known),
            "unknown key `compnay` (ignored); did you mean `company`?"
        );
    }

    #[test]
    fn type_errors_read_as_plain_words() {
        let cases = [
            (
                "invalid type: string \"ten\", expected usize",
                "`per_page` must be a whole number, not \"ten\"",
            ),
            (
                "invalid type: integer `3`, expected a string",
                "`per_page` must be text in quotes, not 3",
            ),
            (
                "invalid type: string \"yes\", expected a boolean",
                "`per_page` must be true or false, not \"yes\"",
            ),
            (
                "invalid value: integer `-1`, expected usize",
                "`per_page` must be a whole number, not -1",
            ),
            (
                "invalid type: sequence, expected struct Readme",
                "`per_page` must be a table, not a list",
            ),
        ];
        for (serde, plain) in cases {
            assert_eq!(value_error("per_page", serde), plain);
        }
        assert_eq!(value_error("x", "something else"), "`x`: something else");
    }

    #[test]
    fn finds_the_dotted_key_of_a_line() {
        let text = "title = \"A\"\n[readme]\nmax_jobs = \"many\"\n";
        assert_eq!(
            toml_key_at(text, text.find("\"many").unwrap()),
            "readme.max_jobs"
        );
        assert_eq!(toml_key_at(text, 3), "title");
    }

    #[test]
    fn toml_in_yaml_fences_is_recognised() {
        assert!(looks_like_toml("title = \"Dev\"\ncompany = \"A\"\n"));
        assert!(!looks_like_toml("title: Dev\ncompany: A = B\n"));
        assert!(!looks_like_toml("- a = b\n"));
    }
}
