//! Releases and their installer: `scripts/dist` packs this build's binary, a mirror on 127.0.0.1
//! serves it, and `install.sh` (and the GitHub Action's step, and the Netlify command that
//! `jobsmith init` writes) install it from there; a tampered or missing archive installs nothing.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::support::{stderr, tools_present, tree};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn host() -> String {
    let output = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV");
    let text = String::from_utf8_lossy(&output.stdout);
    let host = text.lines().find_map(|l| l.strip_prefix("host: "));
    host.expect("host line").to_string()
}

fn archive_name() -> String {
    format!("jobsmith-{}-{}.tar.gz", env!("CARGO_PKG_VERSION"), host())
}

/// The output of `scripts/dist` for this build's binary (stripped when `strip` is there, to
/// keep the archive small), made once for the whole suite.
fn packed() -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    DIST.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let binary = dir.join("jobsmith");
        let stripped = Command::new("strip")
            .arg("-o")
            .arg(&binary)
            .arg(env!("CARGO_BIN_EXE_jobsmith"))
            .status()
            .is_ok_and(|s| s.success());
        if !stripped {
            std::fs::copy(env!("CARGO_BIN_EXE_jobsmith"), &binary).expect("copy the binary");
        }
        let out = dir.join("out");
        let output = Command::new(repo().join("scripts/dist"))
            .arg(&out)
            .env("JOBSMITH_BINARY", &binary)
            .output()
            .expect("run scripts/dist");
        assert!(output.status.success(), "scripts/dist: {}", stderr(&output));
        out
    })
}

/// A folder holding what a release holds: the archive, SHA256SUMS and install.sh.
pub fn release_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [archive_name(), "SHA256SUMS".to_string()] {
        std::fs::copy(packed().join(&name), dir.path().join(&name)).expect("copy");
    }
    std::fs::copy(repo().join("install.sh"), dir.path().join("install.sh")).expect("copy");
    dir
}

/// A static file server for one folder on 127.0.0.1, serving until the test ends.
pub struct Mirror {
    pub url: String,
}

impl Mirror {
    pub fn serve(dir: &Path) -> Mirror {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(100).flatten() {
                let _ = answer(stream, &dir);
            }
        });
        Mirror { url }
    }
}

/// Answers one GET with the file it names, or 404.
fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let name = request
        .split(' ')
        .nth(1)
        .unwrap_or("/")
        .trim_start_matches('/');
    let file = (!name.contains("..") && !name.is_empty()).then(|| dir.join(name));
    match file.and_then(|f| std::fs::read(f).ok()) {
        Some(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)
        }
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

/// Runs install.sh against `mirror`, installing into `dir`.
fn install(mirror: &Mirror, dir: &Path) -> Output {
    Command::new("sh")
        .arg(repo().join("install.sh"))
        .env("JOBSMITH_DOWNLOAD_URL", &mirror.url)
        .env("JOBSMITH_INSTALL_DIR", dir)
        .env("JOBSMITH_TARGET", host())
        .env_remove("JOBSMITH_VERSION")
        .output()
        .expect("run install.sh")
}

pub fn version_of(binary: &Path) -> String {
    let output = Command::new(binary).arg("--version").output().expect("run");
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
fn dist_packs_the_binary_readme_and_licences_with_checksums() {
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(packed().join(archive_name()))
        .output()
        .expect("tar");
    let mut names: Vec<String> = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    names.sort();
    let folder = archive_name().trim_end_matches(".tar.gz").to_string();
    let expected: Vec<String> = ["", "LICENSE-APACHE", "LICENSE-MIT", "README.md", "jobsmith"]
        .iter()
        .map(|n| format!("{folder}/{n}"))
        .collect();
    assert_eq!(names, expected);
    let sums = std::fs::read_to_string(packed().join("SHA256SUMS")).expect("SHA256SUMS");
    let check = Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(packed())
        .output()
        .expect("sha256sum");
    assert!(check.status.success(), "{sums}\n{}", stderr(&check));
    assert!(sums.ends_with(&format!("  {}\n", archive_name())), "{sums}");
}

#[test]
fn install_sh_installs_a_verified_release_from_a_mirror() {
    let release = release_folder();
    let mirror = Mirror::serve(release.path());
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("bin");
    let output = install(&mirror, &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        tree(&dir).keys().collect::<Vec<_>>(),
        ["jobsmith"],
        "only the binary"
    );
    let version = version_of(&dir.join("jobsmith"));
    assert_eq!(version, format!("jobsmith {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_tampered_archive_is_refused_and_nothing_changes() {
    let release = release_folder();
    let archive = release.path().join(archive_name());
    let mut bytes = std::fs::read(&archive).expect("archive");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&archive, bytes).expect("tamper");
    let mirror = Mirror::serve(release.path());
    let home = tempfile::tempdir().expect("temp dir");

    // Into a folder that does not exist yet: it is not created.
    let fresh = home.path().join("bin");
    let output = install(&mirror, &fresh);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("does not match its checksum"),
        "{}",
        stderr(&output)
    );
    assert!(!fresh.exists(), "the install folder was created");

    // Over an older jobsmith and the user's other files: all left as they were.
    let used = home.path().join("used");
    std::fs::create_dir_all(&used).expect("mkdir");
    std::fs::write(used.join("jobsmith"), "#!/bin/sh\necho old\n").expect("old binary");
    std::fs::write(used.join("notes.txt"), "mine").expect("a user's file");
    let before = tree(&used);
    let output = install(&mirror, &used);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(tree(&used), before, "the folder changed");
}

#[test]
fn a_missing_archive_or_checksum_installs_nothing() {
    for missing in [archive_name(), "SHA256SUMS".to_string()] {
        let release = release_folder();
        std::fs::remove_file(release.path().join(&missing)).expect("remove");
        let mirror = Mirror::serve(release.path());
        let home = tempfile::tempdir().expect("temp dir");
        let output = install(&mirror, &home.path().join("bin"));
        assert_eq!(
            output.status.code(),
            Some(1),
            "{missing}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("cannot download"),
            "{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("nothing was installed"));
        assert!(!home.path().join("bin").exists(), "{missing}");
    }
}

#[test]
fn an_archive_the_checksums_do_not_list_is_refused() {
    let release = release_folder();
    std::fs::write(release.path().join("SHA256SUMS"), "00  other.tar.gz\n").expect("sums");
    let mirror = Mirror::serve(release.path());
    let home = tempfile::tempdir().expect("temp dir");
    let output = install(&mirror, &home.path().join("bin"));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("SHA256SUMS lists no"),
        "{}",
        stderr(&output)
    );
    assert!(!home.path().join("bin").exists());
}

#[test]
fn install_sh_defaults_to_this_version_and_repository() {
    let script = std::fs::read_to_string(repo().join("install.sh")).expect("install.sh");
    let version = format!(
        "version=${{JOBSMITH_VERSION:-{}}}",
        env!("CARGO_PKG_VERSION")
    );
    assert!(
        script.contains(&version),
        "install.sh's default version is not Cargo.toml's"
    );
    let url = format!(
        "{}/releases/download/v$version",
        env!("CARGO_PKG_REPOSITORY")
    );
    assert!(
        script.contains(&url),
        "install.sh's default URL is not under {url}"
    );
}

#[test]
fn install_sh_and_dist_are_posix_sh_and_shellcheck_clean() {
    let scripts = [repo().join("install.sh"), repo().join("scripts/dist")];
    for script in &scripts {
        let output = Command::new("dash").arg("-n").arg(script).output();
        let output = output.expect("dash (POSIX sh) is installed");
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let found = Command::new("shellcheck").arg("--version").output().is_ok();
    if !tools_present(if found { &[] } else { &["shellcheck"] }) {
        return;
    }
    let output = Command::new("shellcheck")
        .args(["--shell=sh", "--severity=style"])
        .args(scripts)
        .output()
        .expect("run shellcheck");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}");
}

/// The suite's own binary running the shellcheck test with a PATH where only dash is found.
fn without_shellcheck(skip: Option<&str>) -> Output {
    let bin = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("/usr/bin/dash", bin.path().join("dash")).expect("link dash");
    let mut command = Command::new(std::env::current_exe().expect("the suite binary"));
    command
        .args([
            "--exact",
            "install::install_sh_and_dist_are_posix_sh_and_shellcheck_clean",
        ])
        .env("PATH", bin.path())
        .env_remove("CI")
        .env_remove("JOBSMITH_SKIP_MISSING_TOOLS");
    if let Some(value) = skip {
        command.env("JOBSMITH_SKIP_MISSING_TOOLS", value);
    }
    command.output().expect("run the suite")
}

#[test]
fn a_missing_tool_fails_its_test_unless_told_to_skip() {
    let failed = without_shellcheck(None);
    let report = String::from_utf8_lossy(&failed.stdout);
    assert!(
        !failed.status.success(),
        "passed without shellcheck: {report}"
    );
    assert!(
        report.contains("missing shellcheck: run scripts/install-test-tools"),
        "{report}"
    );
    let skipped = without_shellcheck(Some("1"));
    assert!(
        skipped.status.success(),
        "{}",
        String::from_utf8_lossy(&skipped.stdout)
    );
    let line = "SKIPPED install::install_sh_and_dist_are_posix_sh_and_shellcheck_clean: missing shellcheck";
    assert!(stderr(&skipped).contains(line), "{}", stderr(&skipped));
}
