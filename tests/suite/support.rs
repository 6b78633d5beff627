//! Shared helpers: temporary boards, running the binary, reading output trees.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Utc};

pub mod server;

/// The fixed clock most tests build with.
pub fn clock() -> DateTime<Utc> {
    jobsmith::parse_clock("2025-10-22T20:30:00Z").expect("valid clock")
}

/// The folder of a fixture board under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of the sample board this repository holds (`jobsmith.toml`, `content/`,
/// `templates/`, `static/`) in a temporary folder. Tests build the copy: a build of the sample
/// writes its README, archive and card cache into the board, and those are the user's clone's.
pub fn sample_board() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        repo.join("jobsmith.toml"),
        copy.path().join("jobsmith.toml"),
    )
    .expect("copy jobsmith.toml");
    for folder in ["content", "templates", "static"] {
        copy_dir(&repo.join(folder), &copy.path().join(folder));
    }
    copy
}

/// Copies the files and folders under `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A temporary board: `jobsmith.toml` plus the given files.
pub struct TempBoard {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str = "title = \"Test Board\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\n[readme]\nenabled = false\n[archive]\nenabled = false\n";

impl TempBoard {
    pub fn new(files: &[(&str, &str)]) -> TempBoard {
        let board = TempBoard {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        board.write("jobsmith.toml", CONFIG);
        for (path, text) in files {
            board.write(path, text);
        }
        board
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
}

/// `jobsmith build` of `board` by the real binary, on the tests' usual day, unminified.
pub fn build_board(board: &TempBoard) -> Output {
    jobsmith(&build_args(board.root().to_str().expect("utf-8")))
}

/// The arguments of `build_board`, for the board at `root`.
pub fn build_args(root: &str) -> [&str; 6] {
    [
        "build",
        "--root",
        root,
        "--now",
        "2025-10-22",
        "--no-minify",
    ]
}

/// Runs the real binary with `args`.
pub fn jobsmith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobsmith"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run jobsmith")
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs the real binary with `args`, killed after `limit`: a build must never hang. Output goes
/// through files, so a chatty child cannot block on a full pipe.
pub fn jobsmith_within(args: &[&str], limit: std::time::Duration) -> Output {
    run_within(
        Command::new(env!("CARGO_BIN_EXE_jobsmith")).args(args),
        limit,
    )
}

/// Runs `command` (with `SOURCE_DATE_EPOCH` removed), killed after `limit`.
pub fn run_within(command: &mut Command, limit: std::time::Duration) -> Output {
    let stdout = tempfile::tempfile().expect("temp file");
    let stderr = tempfile::tempfile().expect("temp file");
    let mut child = command
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(std::process::Stdio::null())
        .stdout(stdout.try_clone().expect("clone"))
        .stderr(stderr.try_clone().expect("clone"))
        .spawn()
        .expect("run jobsmith");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} still running after {limit:?}: a hang");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let read = |mut file: std::fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        file.seek(std::io::SeekFrom::Start(0)).expect("seek");
        file.read_to_end(&mut bytes).expect("read");
        bytes
    };
    Output {
        status,
        stdout: read(stdout),
        stderr: read(stderr),
    }
}

/// The one answer to "an outside tool this test needs is missing" (tests/README.md). With
/// `JOBSMITH_SKIP_MISSING_TOOLS=1` (and `CI` unset) the test says `SKIPPED` straight to the
/// terminal, past the harness's capture, and returns false so the test can return early;
/// otherwise it fails, naming what is missing and how to install it. Nothing passes quietly.
pub fn tools_present(missing: &[&str]) -> bool {
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "missing {}: run scripts/install-test-tools (or scripts/test), or set JOBSMITH_SKIP_MISSING_TOOLS=1 to skip the tests that need it",
        missing.join(", ")
    );
    let skip = std::env::var_os("JOBSMITH_SKIP_MISSING_TOOLS").is_some_and(|v| v == "1");
    assert!(skip && std::env::var_os("CI").is_none(), "{message}");
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    // `eprintln!` would be captured and hidden; a direct write reaches the terminal.
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {message}");
    false
}

/// Makes a named pipe at `path` (reading one blocks until something writes to it).
#[cfg(unix)]
pub fn make_fifo(path: &Path) {
    use rustix::fs::{CWD, FileType, Mode, mknodat};
    mknodat(CWD, path, FileType::Fifo, Mode::from_raw_mode(0o644), 0).expect("mkfifo");
}
