//! The hostile corpus (tests/hostile/): boards built by the real binary, each bounded by a
//! timeout, expected to build safely or to be refused with a named error, never to crash or hang.
//! Everything a build writes is scanned for markup that did not come from the templates.
//!
//! Cases that cannot be committed as files (a file of hundreds of MB, symbolic links, unreadable
//! files, a pipe, an output folder that cannot be written) are made here, at test time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::scan;
use crate::support::{TempBoard, copy_dir, jobsmith_within, stderr, tree};

/// Longest a build of a hostile board may take (debug builds on a busy machine included).
const LIMIT: Duration = Duration::from_secs(180);

const NOW: &str = "2025-10-22T12:00:00Z";

/// The configuration of boards that bring none: README and archive on, a base path.
const CONFIG: &str = "title = \"Hostile Board\"\nbase_url = \"https://jobs.example.org/board/\"\nexpire_after_days = 0\n[readme]\nenabled = true\n[archive]\nenabled = true\n";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// What `case.toml` says about a case.
#[derive(serde::Deserialize)]
struct Case {
    about: String,
    /// `built`, `refused` (exit 1) or `io-error` (exit 2).
    expect: String,
    #[serde(default)]
    messages: Vec<String>,
    /// Strings that must appear in output files (paths relative to the site).
    #[serde(default)]
    contains: BTreeMap<String, Vec<String>>,
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus().join("cases"))
        .expect("tests/hostile/cases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_case_of_the_corpus_is_safe() {
    let names = case_names();
    assert!(names.len() >= 40, "only {} cases", names.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(name) = names.get(i) else { break };
                    let started = std::time::Instant::now();
                    let result = run_case(name);
                    eprintln!("hostile case {name}: {:.1?}", started.elapsed());
                    if let Err(why) = result {
                        failures
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(format!("{name}: {why}"));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Copies the case into a temporary board, builds it and checks the outcome.
fn run_case(name: &str) -> Result<(), String> {
    let source = corpus().join("cases").join(name);
    let case: Case = toml::from_str(
        &std::fs::read_to_string(source.join("case.toml")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("case.toml: {e}"))?;
    let board = TempBoard::new(&[]);
    copy_dir(&source, board.root());
    std::fs::remove_file(board.root().join("case.toml")).map_err(|e| e.to_string())?;
    if !source.join("jobsmith.toml").exists() {
        board.write("jobsmith.toml", CONFIG);
    }
    let before = top_level(board.root());
    let root = board.root().to_str().expect("utf-8 path");
    let out = jobsmith_within(
        &["build", "--root", root, "--now", NOW, "--no-minify"],
        LIMIT,
    );
    let err = stderr(&out);
    if err.contains("panicked") || err.contains("overflow") {
        return Err(format!("crashed: {err}"));
    }
    let code = out.status.code();
    let wanted = match case.expect.as_str() {
        "built" => 0,
        "refused" => 1,
        "io-error" => 2,
        other => return Err(format!("unknown expect {other:?}")),
    };
    if code != Some(wanted) {
        return Err(format!(
            "{}: exit {code:?}, wanted {wanted}\n{err}",
            case.about
        ));
    }
    for message in &case.messages {
        if !err.contains(message.as_str()) {
            return Err(format!("{message:?} not reported:\n{err}"));
        }
    }
    let mut expected_top = before.clone();
    if wanted == 0 {
        expected_top.extend(["README.md", "archive", "public"].map(String::from));
        check_built(board.root(), &case)?;
    }
    let after = top_level(board.root());
    if after != expected_top {
        return Err(format!("left {after:?}, wanted {expected_top:?}"));
    }
    Ok(())
}

/// Scans the unminified build, then builds again minified and scans that with the tokenizer.
fn check_built(root: &Path, case: &Case) -> Result<(), String> {
    let mut files = tree(&root.join("public"));
    check_paths(&root.join("public"))?;
    files.extend(
        tree(&root.join("archive"))
            .into_iter()
            .map(|(p, b)| (format!("archive/{p}"), b)),
    );
    let readme = std::fs::read(root.join("README.md")).map_err(|e| format!("README.md: {e}"))?;
    files.insert("README.md".into(), readme);
    let findings = scan::tree(&files, false);
    if !findings.is_empty() {
        return Err(findings.join("\n"));
    }
    for (path, wanted) in &case.contains {
        let text = files
            .get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| format!("no {path} among {:?}", files.keys().collect::<Vec<_>>()))?;
        if let Some(missing) = wanted.iter().find(|w| !text.contains(w.as_str())) {
            return Err(format!("{path} lacks {missing:?}"));
        }
    }
    let minified_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let minified_out = minified_dir.path().join("public");
    let out = jobsmith_within(
        &[
            "build",
            "--root",
            root.to_str().expect("utf-8 path"),
            "--output",
            minified_out.to_str().expect("utf-8 path"),
            "--now",
            NOW,
        ],
        LIMIT,
    );
    if out.status.code() != Some(0) {
        return Err(format!("minified build failed: {}", stderr(&out)));
    }
    let findings = scan::tree(&tree(&minified_out), true);
    if !findings.is_empty() {
        return Err(format!("minified: {}", findings.join("\n")));
    }
    Ok(())
}

/// Every path under the output is a plain file or folder with a plain name.
fn check_paths(out: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 1 && name == ".jobsmith-output" {
            continue;
        }
        let plain = !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !plain || entry.path_is_symlink() {
            return Err(format!("unexpected output path {}", entry.path().display()));
        }
        if entry.depth() >= 2 && name.len() > 100 {
            return Err(format!("over-long name {name}"));
        }
    }
    Ok(())
}

fn top_level(dir: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read board")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_corpus_readme_lists_every_case() {
    let readme = std::fs::read_to_string(corpus().join("README.md")).expect("README");
    for name in case_names().iter().map(String::as_str).chain(RUNTIME_CASES) {
        assert!(
            readme.contains(&format!("`{name}`")),
            "tests/hostile/README.md does not list `{name}`"
        );
    }
}

/// Cases made at test time, by the test of the same name.
const RUNTIME_CASES: [&str; 10] = [
    "huge_file",
    "description_too_long",
    "nesting_at_the_size_limit",
    "symlink_loop",
    "symlink_to_itself",
    "symlink_outside_the_board",
    "unreadable_file",
    "pipe_in_content",
    "hostile_file_names",
    "output_that_cannot_be_written",
];

const GOOD: &str = "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"Berlin\"\ndate = 2025-10-20\nurl = \"https://acme.example/jobs/1\"\n+++\nA job.\n";

/// A board with one good job, the hostile configuration, and `files`.
fn board_with(files: &[(&str, &str)]) -> TempBoard {
    let board = TempBoard::new(files);
    board.write("jobsmith.toml", CONFIG);
    board.write("content/jobs/good.md", GOOD);
    board
}

/// Builds `board` with the binary; checks the exit code and that `messages` were reported.
fn expect_build(board: &TempBoard, code: i32, messages: &[&str]) -> String {
    let root = board.root().to_str().expect("utf-8 path");
    let out = jobsmith_within(&["build", "--root", root, "--now", NOW], LIMIT);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    for message in messages {
        assert!(err.contains(message), "{message:?} not in {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn huge_file() {
    let board = board_with(&[]);
    for path in ["content/jobs/huge.md", "content/huge.json"] {
        let file = std::fs::File::create(board.root().join(path)).expect("create");
        // Sparse: 300 MiB long, nothing written, so the test is quick and takes no disk.
        file.set_len(300 * 1024 * 1024).expect("set length");
    }
    expect_build(
        &board,
        1,
        &[
            "content/jobs/huge.md:1:1: error: file is 300 MiB; the limit is 256 MiB",
            "content/huge.json:1:1: error: file is 300 MiB",
        ],
    );
    assert!(!board.root().join("public").exists());
}

#[test]
fn description_too_long() {
    let body = "Lorem ipsum dolor sit amet. ".repeat(11_000);
    let board = board_with(&[("content/jobs/long.md", &format!("{GOOD}{body}"))]);
    expect_build(
        &board,
        1,
        &["content/jobs/long.md:1:1: error: the description is longer than 256 KiB"],
    );
}

/// Descriptions just under the size limit made of nothing but nesting: one markdown line of
/// `>` nests a quarter of a million deep, and raw tags tens of thousands deep. Each must build
/// in bounded time (the HTML parser's work grows with the square of the depth) and safely.
#[test]
fn nesting_at_the_size_limit() {
    const SIZE: usize = 250 * 1024;
    let pieces = [
        ">",
        "- ",
        "1. ",
        "*a ",
        "[",
        "<div>",
        "<blockquote>",
        "<b>",
        "<ul><li>",
        "<table><tr><td>",
        "<a href=\"https://e.example/\">",
    ];
    let board = board_with(&[]);
    for (i, piece) in pieces.iter().enumerate() {
        let body = piece.repeat(SIZE / piece.len());
        let job = GOOD.replace("/jobs/1", &format!("/jobs/deep{i}"));
        board.write(
            &format!("content/jobs/deep{i}.md"),
            &format!("{job}{body}\n"),
        );
    }
    let started = std::time::Instant::now();
    expect_build(&board, 0, &[]);
    eprintln!(
        "nesting at the size limit: built in {:.1?}",
        started.elapsed()
    );
    let findings = scan::tree(&tree(&board.root().join("public")), true);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let board = board_with(&[]);
    std::os::unix::fs::symlink("..", board.root().join("content/jobs/loop")).expect("symlink");
    expect_build(
        &board,
        1,
        &["content/jobs/loop:1:1: error: cannot read: symbolic link loop back to content"],
    );
}

#[cfg(unix)]
#[test]
fn symlink_to_itself() {
    let board = board_with(&[]);
    std::os::unix::fs::symlink("self.md", board.root().join("content/jobs/self.md"))
        .expect("symlink");
    expect_build(
        &board,
        1,
        &["content/jobs/self.md:1:1: error: cannot read:"],
    );
}

#[cfg(unix)]
#[test]
fn symlink_outside_the_board() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        outside.path().join("secret.md"),
        GOOD.replace("Dev", "Secret"),
    )
    .expect("write");
    let board = board_with(&[]);
    let link = |target: &Path, at: &str| {
        std::os::unix::fs::symlink(target, board.root().join(at)).expect("symlink")
    };
    link(&outside.path().join("secret.md"), "content/jobs/secret.md");
    link(outside.path(), "content/elsewhere");
    expect_build(
        &board,
        1,
        &[
            "content/jobs/secret.md:1:1: error: refused: a symbolic link to outside the board",
            "content/elsewhere:1:1: error: refused: a symbolic link to outside the board",
        ],
    );
    // Inside the board, links are followed.
    std::fs::remove_file(board.root().join("content/jobs/secret.md")).expect("rm");
    std::fs::remove_file(board.root().join("content/elsewhere")).expect("rm");
    link(
        &board.root().join("content/jobs/good.md"),
        "content/jobs/again.md",
    );
    expect_build(&board, 0, &[]);
    assert!(board.root().join("public/jobs/again/index.html").is_file());
    let before = tree(&board.root().join("public"));
    // static/ is published as it is: a link out of the board would publish the machine's files.
    std::fs::create_dir_all(board.root().join("static")).expect("mkdir");
    link(Path::new("/proc/self/environ"), "static/environ.txt");
    expect_build(
        &board,
        1,
        &["static/environ.txt: refused: a symbolic link to outside the board"],
    );
    assert!(
        tree(&board.root().join("public")) == before,
        "public/ changed"
    );
}

/// `chmod 000` stops reads only for users other than root. Where the test runs as root (as in
/// CI) it runs the build as `nobody` through `setpriv`; without `setpriv` it says so and skips.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let board = board_with(&[("content/jobs/secret.md", GOOD)]);
    std::fs::create_dir_all(board.root().join("content/private")).expect("mkdir");
    let chmod = |path: &str, mode: u32| {
        std::fs::set_permissions(
            board.root().join(path),
            std::fs::Permissions::from_mode(mode),
        )
        .expect("chmod")
    };
    let root_user = rustix::process::geteuid().is_root();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jobsmith"));
    if root_user {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let Some(setpriv) = setpriv else {
            // Running as root, where every file is readable: the case needs setpriv.
            assert!(!crate::support::tools_present(&["setpriv (util-linux)"]));
            return;
        };
        // nobody must reach the board: open it up, then close the two files again.
        for entry in walkdir::WalkDir::new(board.root()) {
            let entry = entry.expect("walk");
            let mode = if entry.file_type().is_dir() {
                0o777
            } else {
                0o666
            };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                .expect("chmod");
        }
        command = std::process::Command::new(setpriv);
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_jobsmith"));
    }
    chmod("content/jobs/secret.md", 0o000);
    chmod("content/private", 0o000);
    let out = crate::support::run_within(
        command.args([
            "build",
            "--root",
            board.root().to_str().expect("utf-8"),
            "--now",
            NOW,
        ]),
        LIMIT,
    );
    let err = stderr(&out);
    assert!(
        !(root_user && err.contains("setpriv:")),
        "setpriv could not drop to nobody: {err}"
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    for message in [
        "content/jobs/secret.md:1:1: error: cannot read: Permission denied",
        "content/private:1:1: error: cannot read: Permission denied",
    ] {
        assert!(err.contains(message), "{message:?} not in {err}");
    }
    chmod("content/jobs/secret.md", 0o644);
    chmod("content/private", 0o755);
}

#[cfg(target_os = "linux")]
#[test]
fn pipe_in_content() {
    let board = board_with(&[]);
    crate::support::make_fifo(&board.root().join("content/jobs/pipe.md"));
    expect_build(
        &board,
        0,
        &["content/jobs/pipe.md:1:1: warning: ignored: not a regular file"],
    );
}

/// File names a repository can hold but a corpus folder should not: line breaks, quotes, markup,
/// device names and bytes that are not UTF-8.
#[cfg(target_os = "linux")]
#[test]
fn hostile_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let board = board_with(&[]);
    let jobs = board.root().join("content/jobs");
    let names: [&[u8]; 8] = [
        b"line\nbreak.md",
        b"quote\"'.md",
        b"<script>alert(1)<\\script>.md",
        b"CON.md",
        b"..md",
        b" .md",
        b"latin1-caf\xe9.md",
        b"-rf.md",
    ];
    for (i, name) in names.iter().enumerate() {
        let path = jobs.join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, GOOD.replace("/jobs/1", &format!("/jobs/n{i}"))).expect("write");
    }
    expect_build(&board, 0, &[]);
    check_paths(&board.root().join("public")).expect("plain output paths");
    let findings = scan::tree(&tree(&board.root().join("public")), true);
    assert!(findings.is_empty(), "{findings:#?}");
    let pages = tree(&board.root().join("public"))
        .keys()
        .filter(|p| p.starts_with("jobs/"))
        .count();
    // `..md` is a hidden file, left out like every dotfile; the rest are jobs, plus good.md.
    assert_eq!(pages, names.len());
}

#[test]
fn output_that_cannot_be_written() {
    let board = board_with(&[]);
    expect_build(&board, 0, &[]);
    let readme = std::fs::read(board.root().join("README.md")).expect("README");
    let archive = tree(&board.root().join("archive"));
    board.write("content/jobs/more.md", &GOOD.replace("/jobs/1", "/jobs/2"));
    board.write("a-file", "not a folder");
    let root = board.root().to_str().expect("utf-8 path");
    for (output, message) in [
        ("a-file/public", "cannot create"),
        ("a-file", "it is a file, not a folder"),
    ] {
        let output = board.root().join(output);
        let out = jobsmith_within(
            &[
                "build",
                "--root",
                root,
                "--now",
                NOW,
                "--output",
                output.to_str().expect("utf-8"),
            ],
            LIMIT,
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{message:?} not in {err}");
        assert_eq!(
            std::fs::read(board.root().join("README.md")).expect("README"),
            readme,
            "README.md changed by a failed build"
        );
        assert_eq!(tree(&board.root().join("archive")), archive);
        let leftovers: Vec<String> = top_level(board.root())
            .into_iter()
            .filter(|n| n.contains(".jobsmith-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
