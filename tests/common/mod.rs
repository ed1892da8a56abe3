//! Helpers shared by the integration tests: the built `unboil` binary, paths
//! of corpus pages, a fresh temporary directory per test, and the output
//! safety checks ([`sanitize`]). Each test binary uses a subset of them.
#![allow(dead_code)]

pub mod sanitize;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_unboil"))
}

pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

/// Every `corpus/*.html`, sorted.
pub fn corpus_pages() -> Vec<PathBuf> {
    let mut pages: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .expect("corpus/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

/// An empty directory for one test; the process id keeps parallel test
/// binaries apart. It is removed when the test is done with it, unless the
/// test failed (its files are then left for a look).
pub fn tempdir(tag: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("unboil-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

/// See [`tempdir`]; reads as the directory's path.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Run the binary with `args`, `input` on its stdin. The input is written
/// from another thread: output comes back while input is still going in, so
/// a large input cannot deadlock on a full pipe.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let (out, written) = with_stdin(args, input);
    written.unwrap();
    out
}

/// As [`run_stdin`], but the binary may stop reading before the end of
/// `input` (a page over the size cap fails as soon as it passes it): the
/// writer's broken pipe is no failure.
pub fn run_stdin_partial(args: &[&str], input: &[u8]) -> Output {
    with_stdin(args, input).0
}

fn with_stdin(args: &[&str], input: &[u8]) -> (Output, std::io::Result<()>) {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    (out, writer.join().unwrap())
}

/// Each line of `out` as JSON.
pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// `bytes` as one gzip member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}
