#!/bin/sh
# Installs a released jobsmith binary, verified against the release's SHA256SUMS:
#
#   curl -fsSL https://github.com/jobsmith-dev/jobsmith/releases/download/v0.1.0/install.sh | sh
#
# JOBSMITH_VERSION       the release to install (default: the version this script came with)
# JOBSMITH_DOWNLOAD_URL  where the archives and SHA256SUMS are (default: that release on GitHub)
# JOBSMITH_INSTALL_DIR   where `jobsmith` goes (default: ~/.local/bin)
# JOBSMITH_TARGET        the archive's target (default: picked for this machine)
#
# On any error (download, checksum, unpacking) it exits non-zero and installs nothing. POSIX sh;
# needs curl or wget, tar (unzip on Windows), and sha256sum or shasum.
set -eu

# Whole script in functions called on the last line: a download cut short runs nothing.
say() {
  echo "install.sh: $*" >&2
}

fail() {
  say "$*; nothing was installed"
  exit 1
}

# The archive target for this machine, as the release names it.
detect_target() {
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "no release for the $arch processor (JOBSMITH_TARGET chooses an archive)" ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) echo "x86_64-pc-windows-msvc" ;;
    *) fail "no release for $os (JOBSMITH_TARGET chooses an archive)" ;;
  esac
}

# download URL FILE
download() {
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=http,https' -fsSL --retry 3 -o "$2" "$1" || fail "cannot download $1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1" || fail "cannot download $1"
  else
    fail "needs curl or wget"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "needs sha256sum or shasum to verify the download"
  fi
}

# verify DIR ARCHIVE: the archive's checksum must be the one SHA256SUMS lists for its name.
verify() {
  expected=$(awk -v name="$2" '$2 == name || $2 == "*" name { print $1 }' "$1/SHA256SUMS")
  [ -n "$expected" ] || fail "SHA256SUMS lists no $2"
  actual=$(sha256 "$1/$2")
  [ "$expected" = "$actual" ] || fail "$2 does not match its checksum in SHA256SUMS (expected $expected, got $actual)"
}

main() {
  version=${JOBSMITH_VERSION:-0.1.0}
  version=${version#v}
  base=${JOBSMITH_DOWNLOAD_URL:-https://github.com/jobsmith-dev/jobsmith/releases/download/v$version}
  base=${base%/}
  dir=${JOBSMITH_INSTALL_DIR:-$HOME/.local/bin}
  target=${JOBSMITH_TARGET:-$(detect_target)}
  name=jobsmith-$version-$target
  exe=""
  case "$target" in
    *windows*) archive=$name.zip exe=.exe ;;
    *) archive=$name.tar.gz ;;
  esac

  work=$(mktemp -d) || fail "cannot make a temporary folder"
  trap 'rm -rf "$work"' EXIT
  trap 'exit 1' HUP INT TERM
  say "downloading $base/$archive"
  download "$base/SHA256SUMS" "$work/SHA256SUMS"
  download "$base/$archive" "$work/$archive"
  verify "$work" "$archive"
  mkdir "$work/unpacked"
  case "$archive" in
    *.zip) unzip -q "$work/$archive" -d "$work/unpacked" || fail "cannot unpack $archive" ;;
    *) tar -xzf "$work/$archive" -C "$work/unpacked" || fail "cannot unpack $archive" ;;
  esac
  binary=$work/unpacked/$name/jobsmith$exe
  [ -f "$binary" ] || fail "$archive holds no $name/jobsmith$exe"
  chmod +x "$binary"

  # Into place in one rename, from a file beside the target: never a half-written jobsmith.
  made_dir=""
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir" || fail "cannot create $dir"
    made_dir=$dir
  fi
  partial=$dir/.jobsmith$exe.partial.$$
  if ! cp "$binary" "$partial" || ! mv -f "$partial" "$dir/jobsmith$exe"; then
    rm -f "$partial"
    [ -z "$made_dir" ] || rmdir "$made_dir" 2>/dev/null || true
    fail "cannot write $dir/jobsmith$exe"
  fi
  say "installed $("$dir/jobsmith$exe" --version 2>/dev/null || echo "jobsmith $version") in $dir"
  case ":${PATH:-}:" in
    *":$dir:"*) ;;
    *) say "$dir is not on PATH; add it, or run $dir/jobsmith$exe" ;;
  esac
}

main "$@"
