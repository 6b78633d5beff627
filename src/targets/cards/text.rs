//! Text for cards: SVG draws a line of text as it is, without wrapping it, so long titles are
//! wrapped here, by the widths of the built-in font's glyphs, and what does not fit ends in "…".

use skrifa::MetadataProvider as _;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;

/// The glyph widths of one of the built-in fonts, with those of the fallback font (`paint`'s
/// `FALLBACK`) for the characters it lacks, as the painter draws them.
pub struct Face {
    font: Widths,
    fallback: Widths,
}

/// A font's map from characters to glyphs, and its glyphs' widths.
struct Widths {
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
}

impl Widths {
    fn new(font: &'static [u8]) -> Widths {
        let font = skrifa::FontRef::new(font).expect("the built-in fonts parse");
        Widths {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
        }
    }

    /// The advance of `c` in ems, when the font has it.
    fn advance(&self, c: char) -> Option<f32> {
        self.metrics.advance_width(self.charmap.map(c)?)
    }
}

impl Face {
    /// The face of a built-in font.
    pub fn new(font: &'static [u8]) -> Face {
        Face {
            font: Widths::new(font),
            fallback: Widths::new(super::paint::FALLBACK),
        }
    }

    /// The width of `text` at `px` pixels to the em (without kerning, which only narrows it).
    /// A character neither font has is drawn as the font's empty box.
    pub fn width(&self, text: &str, px: f32) -> f32 {
        let missing = || self.font.metrics.advance_width(Default::default());
        let em: f32 = text
            .chars()
            .map(|c| {
                let advance = self.font.advance(c).or_else(|| self.fallback.advance(c));
                advance.or_else(missing).unwrap_or(0.0)
            })
            .sum();
        em * px
    }

    /// `text` on one line of at most `max` pixels at `px`: whole, or cut with "…".
    pub fn fit(&self, text: &str, px: f32, max: f32) -> String {
        let text = clean(text);
        if self.width(&text, px) <= max {
            return text;
        }
        self.ellipsize(&text, px, max)
    }

    /// `text` on at most `lines` lines of at most `max` pixels at `px`, broken between words
    /// (inside a word only when it is wider than a line); the last line ends in "…" when the
    /// text goes on.
    pub fn wrap(&self, text: &str, px: f32, max: f32, lines: usize) -> Vec<String> {
        let mut wrapped: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in clean(text).split(' ').filter(|w| !w.is_empty()) {
            if wrapped.len() > lines {
                break;
            }
            let joined = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&joined, px) <= max {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                wrapped.push(std::mem::take(&mut line));
            }
            let mut rest = word;
            while self.width(rest, px) > max && rest.chars().count() > 1 {
                let head = self.prefix(rest, px, max);
                wrapped.push(head.to_string());
                rest = &rest[head.len()..];
            }
            line = rest.to_string();
        }
        if !line.is_empty() {
            wrapped.push(line);
        }
        if wrapped.len() > lines {
            wrapped.truncate(lines);
            if let Some(last) = wrapped.last_mut() {
                *last = self.ellipsize(&format!("{last} …"), px, max);
            }
        }
        wrapped
    }

    /// The longest start of `text` (one character at least) no wider than `max`.
    fn prefix<'t>(&self, text: &'t str, px: f32, max: f32) -> &'t str {
        let mut end = text.chars().next().map_or(0, char::len_utf8);
        for (at, c) in text.char_indices().skip(1) {
            if self.width(&text[..at + c.len_utf8()], px) > max {
                break;
            }
            end = at + c.len_utf8();
        }
        &text[..end]
    }

    /// `text` shortened until it fits in `max` with "…" after it: by whole words while more
    /// than one is left, else by characters.
    fn ellipsize(&self, text: &str, px: f32, max: f32) -> String {
        let mut kept = text.trim_end_matches([' ', '…']).to_string();
        loop {
            let candidate = format!("{kept}…");
            if self.width(&candidate, px) <= max || kept.is_empty() {
                return candidate;
            }
            match kept.rfind(' ') {
                Some(space) => kept.truncate(space),
                None => {
                    kept.pop();
                }
            }
            kept.truncate(kept.trim_end().len());
        }
    }
}

/// `text` on one line: runs of white space and control characters (which XML cannot carry)
/// become one space.
pub fn clean(text: &str) -> String {
    let spaced = text.replace(|c: char| c.is_control(), " ");
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold() -> Face {
        Face::new(super::super::paint::BOLD)
    }

    #[test]
    fn a_short_title_stays_on_one_line() {
        let face = bold();
        assert_eq!(
            face.wrap("Rust Engineer", 64.0, 1040.0, 3),
            ["Rust Engineer"]
        );
        assert!(face.width("Rust Engineer", 64.0) > 300.0);
        assert!(face.width("WWWW", 64.0) > face.width("iiii", 64.0));
    }

    /// Chinese and Japanese characters are measured by the font that draws them (each about an em
    /// wide), so a title of them without spaces is broken inside and stays within the width.
    #[test]
    fn cjk_titles_are_measured_by_the_fallback_font() {
        let face = bold();
        assert!(face.width("全栈工程师", 64.0) >= 5.0 * 64.0 * 0.9);
        let title = "シニアバックエンドエンジニア（決済基盤）全栈工程师高级软件工程师";
        let lines = face.wrap(title, 64.0, 1040.0, 3);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| face.width(l, 64.0) <= 1040.0),
            "{lines:?}"
        );
    }

    /// A title of many words fills three lines, each within the width, and the third says
    /// with "…" that it was cut.
    #[test]
    fn a_long_title_is_wrapped_and_cut() {
        let face = bold();
        let title = "Remote Senior Backend Developer | New Gen AI Product Development Oracle \
                     Health and Life Sciences Platform Engineering Team";
        let lines = face.wrap(title, 64.0, 1040.0, 3);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| face.width(l, 64.0) <= 1040.0),
            "{lines:?}"
        );
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(lines[0].starts_with("Remote Senior"), "{lines:?}");
        let two = face.wrap(
            "Senior Backend Developer for Payments Platform",
            64.0,
            1040.0,
            3,
        );
        assert_eq!(two.concat().replace('…', ""), two.concat(), "{two:?}");
        assert_eq!(
            two.join(" "),
            "Senior Backend Developer for Payments Platform"
        );
    }

    /// A word wider than a line is broken inside; control characters become spaces.
    #[test]
    fn a_word_wider_than_a_line_is_broken() {
        let face = bold();
        let word = "A".repeat(60);
        let lines = face.wrap(&word, 64.0, 1040.0, 3);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| face.width(l, 64.0) <= 1040.0),
            "{lines:?}"
        );
        assert_eq!(
            lines.concat().trim_end_matches('…'),
            &word[..lines.concat().trim_end_matches('…').len()]
        );
        assert_eq!(clean("a\u{0}b\n\tc  d"), "a b c d");
        assert_eq!(face.fit("Acme\u{7}Corp", 40.0, 900.0), "Acme Corp");
        let cut = face.fit(&"Globex ".repeat(40), 40.0, 900.0);
        assert!(
            cut.ends_with('…') && face.width(&cut, 40.0) <= 900.0,
            "{cut}"
        );
    }
}
