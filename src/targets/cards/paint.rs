//! Paints a card: the SVG text its template made becomes a 1200×630 PNG.
//!
//! usvg reads the SVG with the fonts built into the binary and no others (no system fonts: every
//! machine paints the same pixels for the same text), turns its text into outlines, and resvg
//! fills them on a tiny-skia canvas. `<image>` elements may embed data but never name a file:
//! a card shows what its template holds, nothing of the machine that builds it.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// The size of every card, in pixels: what Open Graph and X's large summary cards show.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// DejaVu Sans (fonts-dejavu-core 2.37, the Bitstream Vera licence: `data/fonts/LICENSE`).
pub const REGULAR: &[u8] = include_bytes!("../../../data/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub const BOLD: &[u8] = include_bytes!("../../../data/fonts/DejaVuSans-Bold.ttf");
/// The family of both fonts; every generic family (`sans-serif`, `serif` ...) maps to it.
pub const FAMILY: &str = "DejaVu Sans";
/// Droid Sans Fallback Full (fonts-droid-fallback 6.0.1r16, Apache 2.0: `data/fonts/LICENSE`):
/// the Chinese, Japanese and Korean characters DejaVu Sans lacks, which usvg takes from the first
/// font that has them.
pub const FALLBACK: &[u8] = include_bytes!("../../../data/fonts/DroidSansFallbackFull.ttf");

/// Part of every cached card's key: a new release of jobsmith, or a new font, renderer or PNG
/// encoding (bump the last part), may paint the same SVG text into other bytes.
pub const VERSION: &str = concat!(
    "jobsmith-",
    env!("CARGO_PKG_VERSION"),
    "/resvg-0.49/dejavu-2.37/droid-6.0.1r16/png-1"
);

/// The parser's options, made once and shared by every card painted in a build.
pub struct Painter {
    options: usvg::Options<'static>,
}

impl Default for Painter {
    fn default() -> Painter {
        Painter::new()
    }
}

impl Painter {
    pub fn new() -> Painter {
        let mut fonts = fontdb::Database::new();
        for font in [REGULAR, BOLD, FALLBACK] {
            fonts.load_font_source(fontdb::Source::Binary(Arc::new(font)));
        }
        fonts.set_sans_serif_family(FAMILY);
        fonts.set_serif_family(FAMILY);
        fonts.set_monospace_family(FAMILY);
        fonts.set_cursive_family(FAMILY);
        fonts.set_fantasy_family(FAMILY);
        let options = usvg::Options {
            font_family: FAMILY.to_string(),
            fontdb: Arc::new(fonts),
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        Painter { options }
    }

    /// The PNG of `svg`, scaled to `WIDTH`×`HEIGHT` whatever size the SVG says; the parser's
    /// message (with its line and column in `svg`) when it is not SVG.
    pub fn paint(&self, svg: &str) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| e.to_string())?;
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or("no canvas of that size")?;
        // An opaque white ground: the PNG is written without an alpha channel.
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        let size = tree.size();
        let scale =
            Transform::from_scale(WIDTH as f32 / size.width(), HEIGHT as f32 / size.height());
        resvg::render(&tree, scale, &mut pixmap.as_mut());
        encode(&pixmap).map_err(|e| e.to_string())
    }
}

/// `pixmap` as a PNG: of a palette when the card has at most 256 colours (flat colours and the
/// shades of their edges: a third of the bytes to compress), else of 8-bit RGB. The canvas is
/// opaque (`paint` fills it first), so its premultiplied colours are the colours.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let data = match palette(pixmap.data()) {
        Some((palette, indexes)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            // Filters predict from neighbouring values, which palette indexes are not.
            encoder.set_filter(png::Filter::NoFilter);
            indexes
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            let rgb = pixmap.data().chunks_exact(4);
            rgb.flat_map(|p| [p[0], p[1], p[2]]).collect()
        }
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(bytes)
}

/// The palette (RGB triples, in the order colours first appear) and each pixel's index into it,
/// of RGBA `data` with at most 256 colours; `None` past that.
fn palette(data: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut known: std::collections::HashMap<[u8; 3], u8> = std::collections::HashMap::new();
    let mut palette = Vec::new();
    let mut indexes = Vec::with_capacity(data.len() / 4);
    let mut last: Option<([u8; 3], u8)> = None;
    for pixel in data.chunks_exact(4) {
        let colour = [pixel[0], pixel[1], pixel[2]];
        // Most pixels are the colour of the one before: no lookup for them.
        let index = match last {
            Some((seen, index)) if seen == colour => index,
            _ => match known.get(&colour) {
                Some(&index) => index,
                None => {
                    let index = u8::try_from(known.len()).ok()?;
                    known.insert(colour, index);
                    palette.extend_from_slice(&colour);
                    index
                }
            },
        };
        last = Some((colour, index));
        indexes.push(index);
    }
    Some((palette, indexes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str) -> Vec<u8> {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\">\
             <text x=\"80\" y=\"300\" font-size=\"120\" font-weight=\"bold\">{text}</text></svg>"
        );
        Painter::new().paint(&svg).expect("a card")
    }

    /// Chinese and Japanese characters, which DejaVu Sans lacks, are drawn from the fallback font:
    /// two of them give two pictures (a font without them draws the same empty box for both),
    /// while a character no built-in font has still draws that box.
    #[test]
    fn characters_dejavu_lacks_are_drawn_from_the_fallback_font() {
        let box_a = card("\u{E000}");
        assert_eq!(
            box_a,
            card("\u{E001}"),
            "private-use characters draw one box"
        );
        for (a, b) in [("全", "栈"), ("テ", "ス"), ("株", "式")] {
            let (first, second) = (card(a), card(b));
            assert_ne!(first, second, "{a} and {b} are drawn alike");
            assert_ne!(first, box_a, "{a} is drawn as a box");
        }
    }
}
