//! Nothing lost: every command that could replace, delete or write over a user's file, run as a
//! careful user would make the mistake, with the real binary. Each case builds a small world (a
//! board and a folder outside it, with files of the user's in both), runs the command, and
//! compares a fingerprint of every file (links not followed, their targets recorded) before and
//! after: refused commands change nothing at all, and commands that succeed change only what
//! jobsmith owns.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use crate::support::{jobsmith_within, stderr};

/// Longest any command here may take: none may hang.
const LIMIT: Duration = Duration::from_secs(120);
const NOW: &str = "2025-10-22T12:00:00Z";

const CONFIG: &str =
    "title = \"Board\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\n";

const JOB: &str = "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-20\nurl = \"https://acme.example/jobs/1\"\n+++\nA job.\n";

/// A board (`board/`) with files of the user's around the dataset, and a folder outside it.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let world = World {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        for (path, text) in [
            ("board/jobsmith.toml", CONFIG),
            ("board/content/jobs/a.md", JOB),
            ("board/templates/.keep", ""),
            ("board/static/extra.txt", "static file\n"),
            ("board/.git/config", "[core]\n"),
            ("board/notes/mine.txt", "my notes\n"),
            ("outside/theirs.txt", "not the board's\n"),
        ] {
            world.write(path, text);
        }
        world
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn board(&self) -> PathBuf {
        self.path("board")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn link(&self, target: impl AsRef<Path>, rel: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        symlink(target, path).expect("symlink");
    }

    /// Runs jobsmith with `args`, `{board}` and `{outside}` replaced by their paths.
    fn run(&self, args: &[&str]) -> Output {
        let board = self.board();
        let outside = self.path("outside");
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                a.replace("{board}", board.to_str().expect("utf-8"))
                    .replace("{outside}", outside.to_str().expect("utf-8"))
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = jobsmith_within(&args, LIMIT);
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
        out
    }

    fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build", "--root", "{board}", "--now", NOW, "--no-minify"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Every file, folder and link of the world, links not followed: what a user would miss.
    fn fingerprint(&self) -> BTreeMap<String, Vec<u8>> {
        fingerprint(self.dir.path())
    }
}

fn fingerprint(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let kind = entry.file_type();
        let value = if kind.is_symlink() {
            let target = std::fs::read_link(entry.path()).expect("link");
            format!("link -> {}", target.display()).into_bytes()
        } else if kind.is_file() {
            std::fs::read(entry.path()).expect("read")
        } else if kind.is_dir() {
            b"folder".to_vec()
        } else {
            b"special".to_vec()
        };
        found.insert(rel, value);
    }
    found
}

/// Asserts the command was refused with exit 1 or 2, saying `message`, and changed nothing.
fn refused(world: &World, args: &[&str], message: &str) {
    let before = world.fingerprint();
    let out = world.run(args);
    let err = stderr(&out);
    assert!(
        matches!(out.status.code(), Some(1 | 2)),
        "{args:?}: exit {:?}\n{err}",
        out.status.code()
    );
    assert!(err.contains(message), "{args:?}: {message:?} not in\n{err}");
    assert_eq!(
        world.fingerprint(),
        before,
        "{args:?} changed files although refused"
    );
}

/// `refused`, for a build of the world's board.
fn build_refused(world: &World, extra: &[&str], message: &str) {
    let mut args = vec!["build", "--root", "{board}", "--now", NOW, "--no-minify"];
    args.extend_from_slice(extra);
    refused(world, &args, message);
}

/// The world's files outside `owned` (paths relative to the world, as prefixes).
fn users_files(world: &World, owned: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut all = world.fingerprint();
    all.retain(|path, _| {
        !owned
            .iter()
            .any(|o| path == o || path.starts_with(&format!("{o}/")))
    });
    all
}

/// Asserts the build succeeds and touches nothing but `owned` (the board's own outputs).
fn builds_touching_only(world: &World, extra: &[&str], owned: &[&str]) -> String {
    let before = users_files(world, owned);
    let out = world.build(extra);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        users_files(world, owned),
        before,
        "the build changed files it does not own"
    );
    err
}

const OUTPUTS: &[&str] = &["board/public", "board/README.md", "board/archive"];

fn with_config(world: &World, extra: &str) {
    world.write("board/jobsmith.toml", &format!("{CONFIG}{extra}"));
}

// The output folder: absent, empty or marked, or refused.

#[test]
fn a_fresh_board_builds_and_marks_its_output() {
    let world = World::new();
    builds_touching_only(&world, &[], OUTPUTS);
    assert!(world.path("board/public/.jobsmith-output").is_file());
    // The marked folder is the build's own: the next build replaces it.
    builds_touching_only(&world, &[], OUTPUTS);
}

#[test]
fn an_output_folder_of_the_users_is_refused() {
    let world = World::new();
    world.write("board/public/cv.pdf", "my CV");
    build_refused(&world, &[], "jobsmith did not write");
    build_refused(
        &world,
        &["--output", "{board}/notes"],
        "jobsmith did not write",
    );
}

#[test]
fn force_output_is_the_users_choice_to_replace_a_folder() {
    let world = World::new();
    world.write("board/public/old.html", "old");
    builds_touching_only(&world, &["--force-output"], OUTPUTS);
    assert!(!world.path("board/public/old.html").exists());
    assert!(world.path("board/public/index.html").is_file());
}

#[test]
fn an_empty_output_folder_is_used() {
    let world = World::new();
    std::fs::create_dir_all(world.path("outside/empty")).expect("mkdir");
    let owned = ["outside/empty", "board/README.md", "board/archive"];
    builds_touching_only(&world, &["--output", "{outside}/empty"], &owned);
    assert!(world.path("outside/empty/index.html").is_file());
}

#[test]
fn outputs_onto_the_board_itself_are_refused() {
    let world = World::new();
    for (output, message) in [
        ("{board}", "it holds the board itself"),
        ("{board}/.", "it holds the board itself"),
        ("{board}/..", "it holds the board itself"),
        ("/", "it holds the board itself"),
        ("{board}/content", "content"),
        ("{board}/content/jobs", "content"),
        ("{board}/.git", ".git"),
        ("{board}/templates", "templates"),
        ("{board}/static", "static"),
        ("{board}/jobsmith.toml", "jobsmith.toml"),
    ] {
        build_refused(&world, &["--output", output], message);
    }
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let world = World::new();
    world.write("board/site", "a file");
    build_refused(&world, &["--output", "{board}/site"], "is a file");
    build_refused(&world, &["--output", "{board}/notes/mine.txt"], "is a file");
}

#[test]
fn a_marker_must_be_a_plain_file() {
    let world = World::new();
    world.write("board/public/page.html", "mine");
    world.link("{outside}/theirs.txt", "board/public/.jobsmith-output");
    build_refused(&world, &[], "jobsmith did not write");
    let world = World::new();
    world.write("board/public/page.html", "mine");
    std::fs::create_dir_all(world.path("board/public/.jobsmith-output")).expect("mkdir");
    build_refused(&world, &[], "jobsmith did not write");
}

// Linked output folders.

#[test]
fn a_public_link_to_the_board_itself_is_refused() {
    let world = World::new();
    world.link(".", "board/public");
    build_refused(&world, &[], "it holds the board itself");
    let world = World::new();
    world.link("content", "board/public");
    build_refused(&world, &[], "content");
}

#[test]
fn a_public_link_to_a_folder_of_someone_elses_is_refused() {
    let world = World::new();
    world.link(world.path("outside"), "board/public");
    build_refused(&world, &[], "jobsmith did not write");
}

#[test]
fn a_public_link_to_an_empty_folder_builds_there_and_stays_a_link() {
    let world = World::new();
    std::fs::create_dir_all(world.path("outside/site")).expect("mkdir");
    world.link(world.path("outside/site"), "board/public");
    let owned = ["outside/site", "board/README.md", "board/archive"];
    builds_touching_only(&world, &[], &owned);
    builds_touching_only(&world, &[], &owned);
    assert!(
        std::fs::symlink_metadata(world.path("board/public"))
            .expect("public")
            .is_symlink()
    );
    assert!(world.path("outside/site/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(world.path("outside/theirs.txt")).expect("theirs"),
        "not the board's\n"
    );
}

#[test]
fn broken_and_looping_output_links_are_refused() {
    let world = World::new();
    world.link("nowhere", "board/public");
    build_refused(&world, &[], "symbolic link to nothing");
    let world = World::new();
    world.link("public", "board/public");
    build_refused(&world, &[], "symbolic link to nothing");
}

// README and archive paths of the configuration.

#[test]
fn readme_and_archive_paths_into_the_board_are_refused_with_their_line() {
    for (table, key, value) in [
        ("readme", "output", "jobsmith.toml"),
        ("readme", "output", "content/jobs/a.md"),
        ("readme", "output", "templates/README.md"),
        ("readme", "output", "static/README.md"),
        ("readme", "output", ".git/HEAD"),
        ("readme", "output", "../README.md"),
        ("readme", "output", "/tmp/README.md"),
        ("archive", "dir", "content/jobs"),
        ("archive", "dir", "Content/jobs"),
        ("archive", "dir", "."),
        ("archive", "dir", ""),
        ("archive", "dir", "../archive"),
    ] {
        let world = World::new();
        with_config(&world, &format!("[{table}]\n{key} = \"{value}\"\n"));
        build_refused(&world, &[], "jobsmith.toml:5:1: error:");
    }
}

#[test]
fn an_archive_folder_linked_outside_is_refused() {
    let world = World::new();
    world.link(world.path("outside"), "board/archive");
    build_refused(&world, &[], "symbolic link");
}

#[test]
fn a_readme_folder_linked_outside_is_refused() {
    let world = World::new();
    with_config(&world, "[readme]\noutput = \"docs/README.md\"\n");
    world.link(world.path("outside"), "board/docs");
    build_refused(&world, &[], "symbolic link");
}

#[test]
fn a_readme_that_is_a_link_or_a_folder_is_refused() {
    let world = World::new();
    world.link(world.path("outside/theirs.txt"), "board/README.md");
    build_refused(&world, &[], "symbolic link");
    let world = World::new();
    world.write("board/README.md/inside.txt", "a folder named README.md");
    build_refused(&world, &[], "not a regular file");
}

#[test]
fn archive_pruning_removes_only_old_archive_files() {
    let world = World::new();
    with_config(&world, "[archive]\nkeep_days = 2\n");
    world.write("board/archive/notes.md", "mine");
    world.write("board/archive/2025-13-45.md", "not a date");
    world.write("board/archive/2025-10-01.md", "old archive");
    world.link(
        world.path("outside/theirs.txt"),
        "board/archive/2025-10-02.md",
    );
    let before = users_files(
        &world,
        &["board/public", "board/README.md", "board/archive"],
    );
    let out = world.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        users_files(
            &world,
            &["board/public", "board/README.md", "board/archive"]
        ),
        before
    );
    assert!(!world.path("board/archive/2025-10-01.md").exists());
    assert!(world.path("board/archive/2025-10-22.md").is_file());
    for kept in ["notes.md", "2025-13-45.md"] {
        assert!(
            world.path(&format!("board/archive/{kept}")).is_file(),
            "{kept}"
        );
    }
    // A link named like an old archive file is a link, never followed: its target stays.
    assert_eq!(
        std::fs::read_to_string(world.path("outside/theirs.txt")).expect("theirs"),
        "not the board's\n"
    );
}

// README markers.

#[test]
fn readme_markers_that_do_not_pair_are_refused_and_the_readme_kept() {
    for (text, line) in [
        ("# Mine\n\nHand-written.\n<!-- jobsmith:start -->\n", 4),
        ("# Mine\n<!-- jobsmith:end -->\nMore.\n", 2),
        (
            "# Mine\n<!-- jobsmith:end -->\n<!-- jobsmith:start -->\n",
            2,
        ),
        (
            "<!-- jobsmith:start -->\n<!-- jobsmith:end -->\n<!-- jobsmith:start -->\n",
            3,
        ),
    ] {
        let world = World::new();
        world.write("board/README.md", text);
        build_refused(&world, &[], &format!("README.md:{line}:1: error:"));
    }
}

#[test]
fn text_around_complete_markers_is_kept() {
    let world = World::new();
    world.write(
        "board/README.md",
        "# Mine\n\nHand-written.\n\n<!-- jobsmith:start -->\nold\n<!-- jobsmith:end -->\n\nMore of mine.\n",
    );
    builds_touching_only(
        &world,
        &[],
        &["board/public", "board/archive", "board/README.md"],
    );
    let readme = std::fs::read_to_string(world.path("board/README.md")).expect("README");
    assert!(readme.starts_with("# Mine\n\nHand-written.\n\n<!-- jobsmith:start -->\n"));
    assert!(readme.ends_with("<!-- jobsmith:end -->\n\nMore of mine.\n"));
    assert!(
        readme.contains("| Acme |") || readme.contains("Acme"),
        "{readme}"
    );
}

// Special files and broken trees.

#[test]
fn a_configuration_that_is_a_pipe_or_a_device_does_not_hang() {
    let world = World::new();
    std::fs::remove_file(world.path("board/jobsmith.toml")).expect("remove");
    crate::support::make_fifo(&world.path("board/jobsmith.toml"));
    for command in ["build", "check"] {
        refused(
            &world,
            &[command, "--root", "{board}", "--now", NOW],
            "not a regular file",
        );
    }
    let world = World::new();
    std::fs::remove_file(world.path("board/jobsmith.toml")).expect("remove");
    world.link("/dev/zero", "board/jobsmith.toml");
    build_refused(&world, &[], "not a regular file");
    let world = World::new();
    std::fs::remove_file(world.path("board/jobsmith.toml")).expect("remove");
    std::fs::create_dir(world.path("board/jobsmith.toml")).expect("mkdir");
    build_refused(&world, &[], "jobsmith.toml");
}

#[test]
fn templates_and_static_files_that_are_pipes_do_not_hang() {
    let world = World::new();
    crate::support::make_fifo(&world.path("board/templates/index.html"));
    build_refused(&world, &[], "not a regular file");
    let world = World::new();
    crate::support::make_fifo(&world.path("board/static/pipe.txt"));
    build_refused(&world, &[], "not a regular file");
}

#[test]
fn a_broken_or_looping_content_folder_is_an_error_everywhere() {
    for target in ["nowhere", "content"] {
        let world = World::new();
        std::fs::remove_dir_all(world.path("board/content")).expect("remove");
        world.link(target, "board/content");
        build_refused(&world, &[], "content:1:1: error: cannot read");
        refused(
            &world,
            &["check", "--root", "{board}", "--now", NOW],
            "content:1:1: error: cannot read",
        );
    }
}

#[test]
fn a_broken_templates_link_is_an_error() {
    let world = World::new();
    std::fs::remove_dir_all(world.path("board/templates")).expect("remove");
    world.link("nowhere", "board/templates");
    build_refused(&world, &[], "templates: not a folder");
}

// Temporaries and the commit.

#[test]
fn temporaries_of_dead_builds_are_removed_and_nothing_else() {
    let world = World::new();
    let out = world.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // As a build killed while it wrote them would leave them (no process has this id).
    let dead = "4194999";
    for temp in [
        format!("board/.README.md.jobsmith-tmp-{dead}-3"),
        format!("board/archive/.2025-10-22.md.jobsmith-tmp-{dead}"),
        format!("board/.jobsmith-commit.json.jobsmith-tmp-{dead}"),
    ] {
        world.write(&temp, "half-written");
    }
    world.write("board/.README.md.notes", "a dotfile of the user's");
    std::fs::create_dir_all(world.path(&format!("board/.public.jobsmith-staging-{dead}")))
        .expect("mkdir");
    // Process 1 always runs: what it would be writing stays.
    for path in [
        "board/.README.md.jobsmith-tmp-1-3",
        "board/.public.jobsmith-staging-1/x",
    ] {
        world.write(path, "being written");
    }
    let owned = [
        "board/public",
        "board/README.md",
        "board/archive/2025-10-22.md",
    ];
    let before = users_files(&world, &owned);
    let out = world.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = users_files(&world, &owned);
    let mut gone: Vec<&str> = before
        .keys()
        .filter(|p| !after.contains_key(*p))
        .map(String::as_str)
        .collect();
    gone.sort_unstable();
    let expected = [
        "board/.README.md.jobsmith-tmp-4194999-3",
        "board/.jobsmith-commit.json.jobsmith-tmp-4194999",
        "board/.public.jobsmith-staging-4194999",
        "board/archive/.2025-10-22.md.jobsmith-tmp-4194999",
    ];
    assert_eq!(gone, expected, "only the dead builds' temporaries go");
    for (path, bytes) in &after {
        assert_eq!(before.get(path), Some(bytes), "{path} changed");
    }
}

#[test]
fn a_damaged_journal_is_named_and_nothing_changes() {
    let world = World::new();
    world.write("board/.jobsmith-commit.json", "{ not json");
    build_refused(&world, &[], ".jobsmith-commit.json is damaged");
    let world = World::new();
    std::fs::create_dir(world.path("board/.jobsmith-commit.json")).expect("mkdir");
    build_refused(&world, &[], "is not a file jobsmith wrote");
}

/// A journal comes with the board (a clone, an archive): one that names a folder of the user's as
/// the output, or a staging folder that is not beside it, is refused before anything moves.
#[test]
fn a_journal_naming_someone_elses_folders_is_refused_and_nothing_moves() {
    let world = World::new();
    let outside = world.path("outside");
    world.write(".outside.jobsmith-staging-1/index.html", "a site\n");
    let cases = [
        (outside.clone(), world.path(".outside.jobsmith-staging-1")),
        (
            world.path("board/public"),
            world.path(".outside.jobsmith-staging-1"),
        ),
        (
            world.path("board/content"),
            world.path("board/.content.jobsmith-staging-1"),
        ),
        // A folder of the user's beside the output, not shaped as a staging folder.
        (world.path("board/public"), world.path("board/notes")),
    ];
    for (output, staged) in cases {
        let journal = serde_json::json!({
            "pid": 1_999_999, "staged": staged, "output": output, "site": null,
            "renames": [], "removals": [],
        });
        world.write("board/.jobsmith-commit.json", &journal.to_string());
        if staged.starts_with(world.board()) {
            world.write("board/.content.jobsmith-staging-1/jobs/x.md", "theirs\n");
        }
        build_refused(&world, &[], "names folders no build of this board writes");
    }
}

/// As root every file is writable, so the build runs as `nobody` (setpriv) in a board where
/// only the README's or the archive's folder is closed to it.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_readme_or_archive_leaves_all_three_as_they_were() {
    use std::os::unix::fs::PermissionsExt;
    for closed in ["docs", "archive"] {
        let world = World::new();
        with_config(&world, "[readme]\noutput = \"docs/README.md\"\n");
        let out = world.build(&[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        world.write("board/content/jobs/b.md", &JOB.replace("jobs/1", "jobs/2"));
        for entry in walkdir::WalkDir::new(world.dir.path()) {
            let entry = entry.expect("walk");
            let mode = if entry.file_type().is_dir() {
                0o777
            } else {
                0o666
            };
            if !entry.path_is_symlink() {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                    .expect("chmod");
            }
        }
        std::fs::set_permissions(
            world.path(&format!("board/{closed}")),
            std::fs::Permissions::from_mode(0o555),
        )
        .expect("chmod");
        let before = world.fingerprint();
        let out = as_nobody(
            &world,
            &[
                "build",
                "--root",
                "{board}",
                "--now",
                "2025-10-23T12:00:00Z",
            ],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{closed}: {err}");
        assert_eq!(
            world.fingerprint(),
            before,
            "{closed}: a failed build changed files"
        );
    }
}

/// Runs jobsmith as `nobody` when the tests run as root (as CI does), else as the user.
fn as_nobody(world: &World, args: &[&str]) -> Output {
    let board = world.board();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("{board}", board.to_str().expect("utf-8")))
        .collect();
    let mut command = if rustix::process::geteuid().is_root() {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("setpriv (util-linux) to run the build as nobody");
        let mut command = std::process::Command::new(setpriv);
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_jobsmith"));
        command
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_jobsmith"))
    };
    crate::support::run_within(command.args(&args), LIMIT)
}

// Import writes only into content/.

#[test]
fn import_writes_only_under_content() {
    let world = World::new();
    world.write(
        "outside/rows.json",
        "[{\"company\":\"Acme\",\"title\":\"Dev\",\"url\":\"https://acme.example/1\",\"location\":\"Berlin\",\"type\":\"Remote\",\"date\":\"Oct 20\",\"seen\":\"2025-10-20T00:00:00Z\"}]",
    );
    for into in [
        "../x",
        "{outside}",
        "/tmp",
        "notes",
        ".",
        "content/../notes",
    ] {
        refused(
            &world,
            &[
                "import",
                "--root",
                "{board}",
                "--format",
                "json",
                "--into",
                into,
                "{outside}/rows.json",
            ],
            "outside the board's content/ folder",
        );
    }
    world.link(world.path("outside"), "board/content/linked");
    refused(
        &world,
        &[
            "import",
            "--root",
            "{board}",
            "--format",
            "json",
            "--into",
            "content/linked",
            "{outside}/rows.json",
        ],
        "symbolic link",
    );
}

#[test]
fn import_force_never_writes_through_a_linked_job_file() {
    let world = World::new();
    world.write(
        "outside/rows.json",
        "[{\"company\":\"Acme\",\"title\":\"Dev\",\"url\":\"https://acme.example/1\",\"location\":\"Berlin\",\"type\":\"Remote\",\"date\":\"Oct 20\",\"seen\":\"2025-10-20T00:00:00Z\"}]",
    );
    let first = world.run(&[
        "import",
        "--root",
        "{board}",
        "--format",
        "json",
        "--into",
        "content/new",
        "{outside}/rows.json",
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let written: Vec<PathBuf> = std::fs::read_dir(world.path("board/content/new"))
        .expect("imported")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(written.len(), 1);
    std::fs::remove_file(&written[0]).expect("remove");
    symlink(world.path("outside/theirs.txt"), &written[0]).expect("link");
    refused(
        &world,
        &[
            "import",
            "--root",
            "{board}",
            "--format",
            "json",
            "--into",
            "content/new",
            "--force",
            "{outside}/rows.json",
        ],
        "symbolic link",
    );
}

// Limits and escaping.

#[test]
fn a_job_with_thousands_of_skills_keeps_thirty() {
    let world = World::new();
    let skills: Vec<String> = (0..3000).map(|n| format!("\"skill-{n}\"")).collect();
    world.write(
        "board/content/jobs/a.md",
        &JOB.replace(
            "+++\nA job.",
            &format!("skills = [{}]\n+++\nA job.", skills.join(", ")),
        ),
    );
    let err = builds_touching_only(&world, &[], OUTPUTS);
    assert!(
        err.contains("content/jobs/a.md:7:1: warning: 3000 skills; only the first 30 are kept"),
        "{err}"
    );
    let pages = std::fs::read_dir(world.path("board/public/skills"))
        .expect("skills")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert_eq!(pages, 30);
}

#[test]
fn configuration_text_reaches_the_readme_and_feeds_as_text() {
    let world = World::new();
    world.write(
        "board/jobsmith.toml",
        "title = \"Jobs <script>alert(1)</script>\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\ndescription = \"<img src=x onerror=alert(2)>\"\n[archive]\ntitle = \"<b>Archive</b>\"\n",
    );
    world.write(
        "board/content/jobs/a.md",
        &JOB.replace("company = \"Acme\"", "company = \"<script>x</script>\""),
    );
    builds_touching_only(&world, &[], OUTPUTS);
    // Escaped for markdown, as table cells are: GitHub shows the text as written.
    let readme = std::fs::read_to_string(world.path("board/README.md")).expect("README");
    assert!(
        readme.contains("# Jobs \\<script\\>alert(1)\\</script\\>\n"),
        "{readme}"
    );
    assert!(
        readme.contains("\\<img src=x onerror=alert(2)\\>"),
        "{readme}"
    );
    let archive =
        std::fs::read_to_string(world.path("board/archive/2025-10-22.md")).expect("archive");
    assert!(archive.contains("\\<b\\>Archive\\</b\\>"), "{archive}");
    let feeds = walkdir::WalkDir::new(world.path("board/public/companies"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "rss.xml");
    let mut seen = 0;
    for feed in feeds {
        let xml = std::fs::read_to_string(feed.path()).expect("feed");
        let description = xml
            .split("<description>")
            .nth(1)
            .and_then(|d| d.split("</description>").next())
            .expect("channel description");
        // Decoded once by the XML parser, the text must still be escaped for HTML.
        assert!(!description.contains("&lt;script"), "{description}");
        assert!(description.contains("&amp;lt;script"), "{description}");
        seen += 1;
    }
    assert_eq!(seen, 1);
}

#[test]
fn a_base_url_with_a_query_or_fragment_is_refused() {
    for url in [
        "https://e.org/board/?x=1",
        "https://e.org/#top",
        "https://user:pw@e.org/",
    ] {
        let world = World::new();
        world.write(
            "board/jobsmith.toml",
            &format!("title = \"T\"\nbase_url = \"{url}\"\n"),
        );
        build_refused(&world, &[], "jobsmith.toml:2:1: error: `base_url`");
        build_refused(&World::new(), &["--base-url", url], "--base-url must be");
    }
}

#[test]
fn new_never_writes_through_a_linked_jobs_folder() {
    let world = World::new();
    std::fs::remove_dir_all(world.path("board/content/jobs")).expect("remove");
    world.link(world.path("outside"), "board/content/jobs");
    refused(
        &world,
        &[
            "new",
            "Backend Developer",
            "--root",
            "{board}",
            "--company",
            "Acme",
            "--location",
            "Berlin",
            "--url",
            "https://acme.example/2",
            "--date",
            "2025-10-21",
        ],
        "symbolic link",
    );
}
