//! Reading the fields of one record, each with the problem a user needs when it is wrong.

use serde_json::Value;

use super::as_text;
use crate::date::{Posted, parse_posted};
use crate::job::Salary;
use crate::load::Record;
use crate::problem::Problem;

/// Longest title, company, location or other one-line field, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// Longest description, in bytes.
pub const MAX_DESCRIPTION_BYTES: usize = 256 * 1024;
/// Longest URL, in bytes.
pub const MAX_URL_BYTES: usize = 2_048;

/// The fields of one record, and the problems found reading them.
pub(super) struct Fields<'r, 'p> {
    record: &'r Record,
    problems: &'p mut Vec<Problem>,
    errors: usize,
}

impl<'r, 'p> Fields<'r, 'p> {
    pub fn new(record: &'r Record, problems: &'p mut Vec<Problem>) -> Fields<'r, 'p> {
        Fields {
            record,
            problems,
            errors: 0,
        }
    }

    /// Whether any field had an error.
    pub fn failed(&self) -> bool {
        self.errors > 0
    }

    fn error(&mut self, key: &str, message: String) {
        let line = self.record.line_of(key);
        let column = if self.record.key_lines.is_empty() {
            self.record.column
        } else {
            1
        };
        self.problems
            .push(Problem::error(&self.record.path, line, column, message));
        self.errors += 1;
    }

    /// The value of `key`, treating null and empty strings (or strings of nothing but control
    /// characters, which text loses) as absent.
    fn get(&self, key: &str) -> Option<&'r Value> {
        match self.record.fields.get(key)? {
            Value::Null => None,
            Value::String(s) if crate::text::is_blank(s) => None,
            value => Some(value),
        }
    }

    pub fn warn_unknown(&mut self, known: &[&str]) {
        for key in self.record.fields.keys() {
            if !known.contains(&key.as_str()) {
                let message = crate::wording::unknown_key(key, known.iter().copied());
                let line = self.record.line_of(key);
                self.problems
                    .push(Problem::warning(&self.record.path, line, 1, message));
            }
        }
    }

    /// One line of text, trimmed, without control characters (see `crate::text`).
    pub fn optional_text(&mut self, key: &str) -> Option<String> {
        let text = self.any_text(key)?;
        if text.chars().count() > MAX_TEXT_CHARS {
            self.error(
                key,
                format!("`{key}` is longer than {MAX_TEXT_CHARS} characters"),
            );
            return None;
        }
        Some(text)
    }

    /// One line of text of any length; callers bound it.
    fn any_text(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        let Some(text) = as_text(value) else {
            self.error(key, format!("`{key}` must be text"));
            return None;
        };
        Some(crate::text::one_line(&text).trim().to_string())
    }

    pub fn required_text(&mut self, key: &str) -> Option<String> {
        let present = self.get(key).is_some();
        if !present {
            self.error(key, format!("missing required key `{key}`"));
        }
        self.optional_text(key)
    }

    pub fn optional_date(&mut self, key: &str) -> Option<Posted> {
        let text = self.optional_text(key)?;
        let posted = parse_posted(&text);
        if posted.is_none() {
            let message =
                format!("`{key}` is not a date: {text:?} (write YYYY-MM-DD or an RFC 3339 time)");
            self.error(key, message);
        }
        posted
    }

    pub fn required_date(&mut self, key: &str) -> Option<Posted> {
        if self.get(key).is_none() {
            self.error(key, format!("missing required key `{key}`"));
            return None;
        }
        self.optional_date(key)
    }

    /// An absolute http(s) URL, as long as `check_url` allows (longer than other text).
    pub fn optional_url(&mut self, key: &str) -> Option<String> {
        let text = self.any_text(key)?;
        match check_url(&text) {
            Ok(()) => Some(text),
            Err(why) => {
                self.error(key, format!("`{key}` {why}: {text:?}"));
                None
            }
        }
    }

    pub fn required_url(&mut self, key: &str) -> Option<String> {
        if self.get(key).is_none() {
            self.error(key, format!("missing required key `{key}`"));
            return None;
        }
        self.optional_url(key)
    }

    /// A logo: an absolute http or https URL, or the path of a file of the site.
    pub fn optional_logo(&mut self, key: &str) -> Option<String> {
        let text = self.any_text(key)?;
        match check_logo(&text) {
            Ok(logo) => Some(logo),
            Err(why) => {
                self.error(key, format!("`{key}` {why}: {text:?}"));
                None
            }
        }
    }

    /// Reads a value from a fixed set; `expected` lists the accepted forms for the message.
    pub fn enumeration<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let text = self.optional_text(key)?;
        let value = parse(&text);
        if value.is_none() {
            self.error(key, format!("`{key}` must be {expected}, not {text:?}"));
        }
        value
    }

    /// A list: an array of scalars, or one string with items separated by `;`.
    pub fn list(&mut self, key: &str) -> Option<Vec<String>> {
        let items: Vec<String> = match self.get(key)? {
            Value::Array(values) => {
                let texts: Option<Vec<String>> = values.iter().map(as_text).collect();
                let Some(texts) = texts else {
                    self.error(key, format!("`{key}` must be a list of text items"));
                    return None;
                };
                texts
            }
            Value::String(s) => s.split(';').map(str::to_string).collect(),
            _ => {
                self.error(
                    key,
                    format!("`{key}` must be a list, or text with items separated by `;`"),
                );
                return None;
            }
        };
        let mut clean: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let item = crate::text::one_line(&item);
            let item = item.trim();
            if item.chars().count() > MAX_TEXT_CHARS {
                self.error(
                    key,
                    format!("an item of `{key}` is longer than {MAX_TEXT_CHARS} characters"),
                );
                return None;
            }
            if !item.is_empty() && !clean.iter().any(|c| c.eq_ignore_ascii_case(item)) {
                clean.push(item.to_string());
            }
        }
        Some(clean)
    }

    /// Text, or a list of text items (a job in several places): the items, at least one.
    pub fn required_text_or_list(&mut self, key: &str) -> Option<Vec<String>> {
        if !matches!(self.get(key), Some(Value::Array(_))) {
            return self.required_text(key).map(|text| vec![text]);
        }
        let items = self.list(key)?;
        if items.is_empty() {
            self.error(key, format!("`{key}` is an empty list"));
            return None;
        }
        Some(items)
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Some(true),
                "false" | "no" | "0" => Some(false),
                _ => {
                    self.error(key, format!("`{key}` must be true or false, not {s:?}"));
                    None
                }
            },
            _ => {
                self.error(key, format!("`{key}` must be true or false"));
                None
            }
        }
    }

    pub fn salary(&mut self, key: &str) -> Option<Salary> {
        let value = self.get(key)?;
        match super::salary::parse_salary(value) {
            Ok(salary) => Some(salary),
            Err(why) => {
                self.error(key, format!("`{key}`: {why}"));
                None
            }
        }
    }

    /// The markdown body, or the `description` key of a bulk row.
    pub fn description(&mut self) -> String {
        let text = match (&self.record.body, self.get("description")) {
            (Some(body), _) if !body.trim().is_empty() => body.clone(),
            (_, Some(value)) => as_text(value).unwrap_or_default(),
            _ => String::new(),
        };
        if text.len() > MAX_DESCRIPTION_BYTES {
            let kib = MAX_DESCRIPTION_BYTES / 1024;
            self.error(
                "description",
                format!("the description is longer than {kib} KiB"),
            );
            return String::new();
        }
        crate::text::block(&text).into_owned()
    }
}

/// Checks that `url` is an absolute http or https URL with a host, and nothing that could hide
/// another scheme or break out of an attribute.
pub fn check_url(url: &str) -> Result<(), &'static str> {
    if url.len() > MAX_URL_BYTES {
        return Err("is too long for a URL");
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err("must be an absolute http or https URL");
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if rest[..host_end].is_empty() {
        return Err("has no host");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Err("holds spaces, quotes or other characters a URL cannot hold");
    }
    Ok(())
}

/// Checks a logo: an absolute http or https URL as [`check_url`] wants it, or the path of a file
/// of the site (`logos/acme.svg`, copied from `static/`). Gives the URL, or the path without a
/// leading `/` (pages add the site's base path). No other scheme can pass: a path may hold only
/// letters, digits and `-._~/%`, and no empty, `.` or `..` segment.
pub fn check_logo(logo: &str) -> Result<String, &'static str> {
    let lower = logo.get(..8).unwrap_or(logo).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return check_url(logo).map(|()| logo.to_string());
    }
    let path = logo.strip_prefix('/').unwrap_or(logo);
    let safe = path.len() <= MAX_URL_BYTES
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b))
        && path
            .split('/')
            .all(|segment| !matches!(segment, "" | "." | ".."));
    if !safe {
        return Err(
            "must be an absolute http or https URL, or the path of a file of the site \
                    such as logos/acme.svg",
        );
    }
    Ok(path.to_string())
}

#[cfg(test)]
mod tests {
    use super::{check_logo, check_url};

    #[test]
    fn urls_must_be_absolute_http() {
        assert!(check_url("https://example.org/jobs/1?a=b").is_ok());
        assert!(check_url("HTTP://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "//example.org/x",
            "/jobs/1",
            "ftp://example.org",
            "https://",
            "https:///path",
            "data:text/html,<script>",
            "https://example.org/\"onmouseover=x",
            "https://exa mple.org",
        ] {
            assert!(check_url(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn logos_are_http_urls_or_site_paths() {
        assert_eq!(
            check_logo("https://cdn.example/a.png").as_deref(),
            Ok("https://cdn.example/a.png")
        );
        assert_eq!(
            check_logo("/logos/acme.svg").as_deref(),
            Ok("logos/acme.svg")
        );
        assert_eq!(
            check_logo("logos/acme%20co.png").as_deref(),
            Ok("logos/acme%20co.png")
        );
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "vbscript:msgbox",
            "//evil.example/x.png",
            "/\\evil.example/x.png",
            "\\\\evil.example\\x.png",
            "../../etc/passwd",
            "logos/../x.png",
            "logo.png\" onerror=\"alert(1)",
            "ftp://example.org/a.png",
            "/",
        ] {
            assert!(check_logo(bad).is_err(), "{bad} should be refused");
        }
    }
}
