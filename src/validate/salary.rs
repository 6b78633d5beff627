//! Salaries: a `{ min, max, currency, period }` table, or text such as "120k-150k USD".

use serde_json::Value;

use crate::job::{Period, Salary};

/// Reads a salary in either form; the error says what was expected.
pub fn parse_salary(value: &Value) -> Result<Salary, String> {
    let salary = match value {
        Value::Object(map) => from_table(map)?,
        Value::String(text) => from_text(text)?,
        _ => return Err(EXPECTED.to_string()),
    };
    check(salary)
}

const EXPECTED: &str =
    "write a salary as { min, max, currency, period } or as text such as \"120k-150k USD\"";

fn from_table(map: &serde_json::Map<String, Value>) -> Result<Salary, String> {
    let amount = |key: &str| -> Result<Option<f64>, String> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) => parse_amount(s)
                .map(Some)
                .ok_or_else(|| format!("`{key}` is not an amount: {s:?}")),
            Some(_) => Err(format!("`{key}` must be a number")),
        }
    };
    let currency = match map.get("currency") {
        Some(Value::String(s)) => currency_code(s)
            .ok_or_else(|| format!("unknown currency {s:?}: use an ISO 4217 code such as USD"))?,
        _ => return Err("a salary needs a `currency`, such as \"USD\"".into()),
    };
    let period = match map.get("period") {
        None | Some(Value::Null) => Period::Year,
        Some(Value::String(s)) => Period::parse(s)
            .ok_or_else(|| format!("`period` must be year, month or hour, not {s:?}"))?,
        Some(_) => return Err("`period` must be year, month or hour".into()),
    };
    for key in map.keys() {
        if !["min", "max", "currency", "period"].contains(&key.as_str()) {
            return Err(format!(
                "unknown salary key `{key}`; the keys are min, max, currency, period"
            ));
        }
    }
    Ok(Salary {
        min: amount("min")?,
        max: amount("max")?,
        currency,
        period,
    })
}

fn from_text(text: &str) -> Result<Salary, String> {
    let lower = text.to_lowercase();
    let period = if ["/h", "per hour", "hourly", "an hour", "/hr"]
        .iter()
        .any(|p| lower.contains(p))
    {
        Period::Hour
    } else if ["/mo", "per month", "monthly", "a month"]
        .iter()
        .any(|p| lower.contains(p))
    {
        Period::Month
    } else {
        Period::Year
    };
    let currency = text
        .split(|c: char| !c.is_alphabetic() && !"$€£¥₹".contains(c))
        .flat_map(|word| {
            let symbol = word
                .chars()
                .find(|c| "$€£¥₹".contains(*c))
                .map(|c| c.to_string());
            symbol.into_iter().chain(std::iter::once(word.to_string()))
        })
        .find_map(|word| currency_code(&word))
        .ok_or_else(|| format!("no currency in {text:?}: {EXPECTED}"))?;
    let amounts: Vec<f64> = amount_tokens(text)
        .iter()
        .filter_map(|t| parse_amount(t))
        .collect();
    let (min, max) = match amounts.as_slice() {
        [one] => (Some(*one), None),
        [low, high] => (Some(*low), Some(*high)),
        _ => return Err(format!("cannot read {text:?}: {EXPECTED}")),
    };
    Ok(Salary {
        min,
        max,
        currency,
        period,
    })
}

/// The number-like pieces of a salary text: "120k-150k USD" gives ["120k", "150k"].
fn amount_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let continues = c.is_ascii_digit()
            || (!current.is_empty() && matches!(c, ',' | '.' | 'k' | 'K' | 'm' | 'M'));
        if continues {
            current.push(c);
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// Reads "120000", "120,000", "120k", "1.5M", "120 000" is two tokens and not accepted.
fn parse_amount(token: &str) -> Option<f64> {
    let token = token.trim().trim_end_matches(['.', ',']);
    let (number, factor) = match token.chars().last()? {
        'k' | 'K' => (&token[..token.len() - 1], 1_000.0),
        'm' | 'M' => (&token[..token.len() - 1], 1_000_000.0),
        _ => (token, 1.0),
    };
    let digits: String = if number.contains(',')
        && !number.contains('.')
        && number.split(',').skip(1).all(|g| g.len() == 3)
    {
        number.replace(',', "")
    } else {
        number.replace(',', ".")
    };
    digits.parse::<f64>().ok().map(|n| n * factor)
}

/// Upper-case ISO 4217 code for a code or a common symbol.
fn currency_code(word: &str) -> Option<String> {
    let code = match word.trim() {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        w if w.len() == 3 && w.chars().all(|c| c.is_ascii_alphabetic()) => {
            let upper = w.to_ascii_uppercase();
            return KNOWN_CURRENCIES.contains(&upper.as_str()).then_some(upper);
        }
        _ => return None,
    };
    Some(code.to_string())
}

/// Currencies accepted by code; a short list keeps "USD" apart from words such as "and".
const KNOWN_CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "CNY", "INR", "SGD", "HKD", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "ILS", "TRY", "BRL", "MXN", "ARS", "CLP",
    "COP", "PEN", "ZAR", "NGN", "KES", "EGP", "AED", "SAR", "QAR", "KRW", "TWD", "THB", "MYR",
    "IDR", "PHP", "VND", "PKR", "BDT", "UAH", "RUB", "ISK",
];

fn check(salary: Salary) -> Result<Salary, String> {
    let amounts = [salary.min, salary.max];
    if amounts.iter().all(Option::is_none) {
        return Err("a salary needs `min` or `max`".into());
    }
    if amounts.iter().flatten().any(|a| !a.is_finite() || *a < 0.0) {
        return Err("salary amounts must be positive numbers".into());
    }
    if let (Some(min), Some(max)) = (salary.min, salary.max)
        && min > max
    {
        return Err(format!("`min` ({min}) is more than `max` ({max})"));
    }
    Ok(salary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(s: &str) -> Salary {
        parse_salary(&json!(s)).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn reads_tables() {
        let s =
            parse_salary(&json!({"min": 90000, "max": 120000, "currency": "usd"})).expect("valid");
        assert_eq!(
            (s.min, s.max, s.currency.as_str(), s.period),
            (Some(90000.0), Some(120000.0), "USD", Period::Year)
        );
        let s =
            parse_salary(&json!({"min": 20, "currency": "EUR", "period": "hour"})).expect("valid");
        assert_eq!(s.annual_midpoint(), Some(41600.0));
    }

    #[test]
    fn reads_text_forms() {
        let s = text("120k-150k USD");
        assert_eq!((s.min, s.max), (Some(120_000.0), Some(150_000.0)));
        let s = text("$120,000 – $150,000 per year");
        assert_eq!(
            (s.min, s.max, s.currency.as_str()),
            (Some(120_000.0), Some(150_000.0), "USD")
        );
        let s = text("€60k–75k");
        assert_eq!((s.currency.as_str(), s.max), ("EUR", Some(75_000.0)));
        let s = text("20-30 EUR/hour");
        assert_eq!(s.period, Period::Hour);
        let s = text("1.2M INR");
        assert_eq!(s.min, Some(1_200_000.0));
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            json!("competitive"),
            json!("100k"),
            json!(5),
            json!({"min": 1}),
            json!({"min": 9, "max": 3, "currency": "USD"}),
            json!({"min": -1, "currency": "USD"}),
        ] {
            assert!(parse_salary(&bad).is_err(), "{bad} should be refused");
        }
    }
}
