//! Social cards (`[cards] enabled = true`), built by the real binary: a 1200×630 PNG for every
//! current job, group page and the board, named by the pages' Open Graph tags; the cache in
//! `.jobsmith-cache/cards/` (a second build paints nothing, a changed title paints one card, a
//! user's files there survive); a card template that makes no SVG fails naming its file.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{CONFIG, TempBoard, build_board, stderr, tree};

const WITH_CARDS: &str = "[cards]\nenabled = true\n";

fn job(name: &str, title: &str, extra: &str) -> (String, String) {
    let text = format!(
        "+++\ntitle = \"{title}\"\ncompany = \"Co {name}\"\nlocation = \"Berlin, Germany\"\nworkplace = \"hybrid\"\ndate = 2025-10-21\nurl = \"https://co.example/{name}\"\nskills = [\"Rust\"]\n{extra}+++\nA job.\n"
    );
    (format!("content/jobs/{name}.md"), text)
}

/// A board of two current jobs (one with a salary and a long title of markup characters) and
/// an expired one, with cards on.
fn board() -> TempBoard {
    let long = "Senior <Backend> & \\\"Platform\\\" Engineer for Payments, Ledgers, Risk and Fraud Systems at Scale in the Cloud";
    let jobs = [
        job("a", "Rust Engineer", ""),
        job(
            "b",
            long,
            "salary = { min = 90000, max = 120000, currency = \"EUR\", period = \"year\" }\n",
        ),
        job("c", "Old Job", "valid_through = 2025-10-01\n"),
    ];
    let files: Vec<(&str, &str)> = jobs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let board = TempBoard::new(&files);
    board.write("jobsmith.toml", &format!("{CONFIG}{WITH_CARDS}"));
    board
}

fn built(board: &TempBoard) {
    let out = build_board(board);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The width and height a PNG's header gives, after checking its signature and decoding it
/// whole (every chunk's checksum).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let frame = reader.next_frame(&mut pixels).expect("PNG data");
    (frame.width, frame.height)
}

/// The `content` of the `<meta>` with `property` (or `name`) `key` in `html`.
fn meta<'h>(html: &'h str, key: &str) -> Option<&'h str> {
    let at = html
        .find(&format!("property=\"{key}\""))
        .or_else(|| html.find(&format!("name=\"{key}\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    rest[start..].split('"').next()
}

#[test]
fn every_current_job_group_page_and_the_board_gets_a_card() {
    let board = board();
    built(&board);
    let public = board.root().join("public");
    let cards: Vec<String> = tree(&public)
        .into_keys()
        .filter(|path| path.ends_with("card.png"))
        .collect();
    for expected in [
        "card.png",
        "jobs/a/card.png",
        "companies/co-a/card.png",
        "locations/berlin-germany/card.png",
        "locations/germany/card.png",
        "types/hybrid/card.png",
        "skills/rust/card.png",
    ] {
        assert!(
            cards.iter().any(|c| c == expected),
            "{expected} in {cards:?}"
        );
    }
    assert!(!cards.iter().any(|c| c.starts_with("jobs/c/")), "{cards:?}");
    assert_eq!(cards.iter().filter(|c| c.starts_with("jobs/")).count(), 2);
    for card in &cards {
        let bytes = std::fs::read(public.join(card)).expect("card");
        assert_eq!(png_size(&bytes), (1200, 630), "{card}");
    }
}

/// Every page names a card by its absolute URL with its size; a job's and a group's page their
/// own, the others (an expired job's, an index of groups) the board's.
#[test]
fn pages_name_their_card_in_open_graph_tags() {
    let board = board();
    built(&board);
    let public = board.root().join("public");
    let base = "https://jobs.example.org/";
    let pages = [
        ("jobs/a/index.html", "jobs/a/card.png"),
        ("companies/co-a/index.html", "companies/co-a/card.png"),
        ("skills/rust/index.html", "skills/rust/card.png"),
        ("index.html", "card.png"),
        ("companies/index.html", "card.png"),
        ("jobs/c/index.html", "card.png"),
    ];
    for (page, card) in pages {
        let html = std::fs::read_to_string(public.join(page)).expect(page);
        assert_eq!(
            meta(&html, "og:image"),
            Some(&*format!("{base}{card}")),
            "{page}"
        );
        assert_eq!(meta(&html, "og:image:width"), Some("1200"), "{page}");
        assert_eq!(meta(&html, "og:image:height"), Some("630"), "{page}");
        assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
        assert!(public.join(card).is_file(), "{card}");
    }
    // Off (the default), pages name no image and no card is written.
    board.write("jobsmith.toml", CONFIG);
    built(&board);
    let html = std::fs::read_to_string(public.join("index.html")).expect("index");
    assert_eq!(meta(&html, "og:image"), None);
    assert!(!public.join("card.png").exists());
}

/// The identity (inode) of each card in the cache, by file name: a card painted again is
/// written through a new file.
#[cfg(unix)]
fn cached(root: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt as _;
    let dir = root.join(".jobsmith-cache/cards");
    std::fs::read_dir(dir)
        .expect("cache folder")
        .map(|e| e.expect("entry"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().expect("metadata").ino())
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_rebuild_paints_only_the_cards_that_changed() {
    let board = board();
    built(&board);
    let first = cached(board.root());
    let cards = tree(&board.root().join("public"))
        .into_keys()
        .filter(|p| p.ends_with("card.png"))
        .count();
    assert_eq!(first.len(), cards, "{first:?}");
    let site = tree(&board.root().join("public"));
    built(&board);
    assert_eq!(
        cached(board.root()),
        first,
        "the second build painted cards"
    );
    assert_eq!(tree(&board.root().join("public")), site);
    let (path, text) = job("a", "Rust Engineer II", "");
    board.write(&path, &text);
    built(&board);
    let third = cached(board.root());
    let added: Vec<&String> = third.keys().filter(|k| !first.contains_key(*k)).collect();
    let gone: Vec<&String> = first.keys().filter(|k| !third.contains_key(*k)).collect();
    assert_eq!((added.len(), gone.len()), (1, 1), "{added:?} {gone:?}");
    for (name, inode) in &third {
        if first.contains_key(name) {
            assert_eq!(first[name], *inode, "{name} painted again");
        }
    }
    let public = board.root().join("public/jobs/a/card.png");
    let cache = board.root().join(".jobsmith-cache/cards").join(added[0]);
    assert_eq!(std::fs::read(public).ok(), std::fs::read(cache).ok());
}

/// Cards from the cache are the bytes a cold build paints.
#[test]
fn a_cached_card_is_the_card_painted_anew() {
    let board = board();
    built(&board);
    let cold = tree(&board.root().join("public"));
    built(&board);
    assert_eq!(tree(&board.root().join("public")), cold);
    std::fs::remove_dir_all(board.root().join(".jobsmith-cache")).expect("remove cache");
    built(&board);
    assert_eq!(tree(&board.root().join("public")), cold);
}

/// A fingerprint of every file under `dir` but the cache's own cards.
fn users_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let own = |path: &str| {
        let name = path
            .strip_prefix("cards/card-")
            .and_then(|n| n.strip_suffix(".png"));
        name.is_some_and(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    tree(dir)
        .into_iter()
        .filter(|(path, _)| !own(path))
        .collect()
}

#[test]
fn a_users_files_in_the_cache_folder_survive() {
    let board = board();
    let stray = [
        (".jobsmith-cache/notes.txt", "mine"),
        (".jobsmith-cache/links.json", "{}"),
        (".jobsmith-cache/cards/mine.png", "my picture"),
        (".jobsmith-cache/cards/card-1234.png", "not a key"),
        (
            ".jobsmith-cache/cards/card-0123456789abcdef0123456789abcdef.png.bak",
            "a copy",
        ),
        (".jobsmith-cache/cards/keep/card.png", "in a folder"),
    ];
    for (path, text) in stray {
        board.write(path, text);
    }
    let cache = board.root().join(".jobsmith-cache");
    let before = users_files(&cache);
    assert_eq!(before.len(), stray.len());
    built(&board);
    let painted = cached(board.root()).len();
    // A job gone: its card is pruned, and nothing else.
    std::fs::remove_file(board.root().join("content/jobs/a.md")).expect("remove job");
    built(&board);
    assert!(cached(board.root()).len() < painted);
    assert_eq!(users_files(&cache), before);
}

#[cfg(unix)]
#[test]
fn a_cache_folder_that_is_a_link_is_not_written_through() {
    let board = board();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("theirs.txt"), "theirs").expect("write");
    std::os::unix::fs::symlink(outside.path(), board.root().join(".jobsmith-cache")).expect("link");
    let out = build_board(&board);
    assert!(!out.status.success());
    assert!(stderr(&out).contains(".jobsmith-cache"), "{}", stderr(&out));
    assert_eq!(tree(outside.path()).len(), 1);
}

#[test]
fn a_card_template_that_makes_no_svg_fails_naming_its_file() {
    let board = board();
    for (template, says) in [
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{{ card.title }}</svg>",
            "is not valid",
        ),
        ("<svg>{{ card.no_such_field }}</svg>", "card.svg"),
        ("<svg>{% if %}</svg>", "card.svg"),
    ] {
        board.write("templates/card.svg", template);
        let out = build_board(&board);
        assert_eq!(out.status.code(), Some(1), "{template}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(message.contains("card.svg"), "{template}: {message}");
        assert!(message.contains(says), "{template}: {message}");
        assert!(!board.root().join("public").exists(), "{template}");
    }
    // A board's own template replaces the default one.
    let own = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"315\"><rect width=\"600\" height=\"315\" fill=\"#123456\"/><text x=\"10\" y=\"50\">{{ card.title }}</text></svg>";
    board.write("templates/card.svg", own);
    built(&board);
    let card = std::fs::read(board.root().join("public/card.png")).expect("card");
    assert_eq!(png_size(&card), (1200, 630));
}
