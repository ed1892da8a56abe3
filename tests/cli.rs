//! The `unboil` command as a user runs it: stdin, files, --out-dir, exit
//! codes, errors that name the input, and a closed stdout pipe.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_unboil"))
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn tempdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("unboil-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn stdin_to_stdout() {
    let out = run_stdin(
        &[],
        b"<article><p>The ferry left at noon, on time, for once.</p><p>Source link</p></article>",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "The ferry left at noon, on time, for once.\n"
    );
}

#[test]
fn dash_reads_stdin_and_empty_input_is_empty_output() {
    let out = run_stdin(&["-"], b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(out.stderr.is_empty());
}

#[test]
fn plain_text_mode_on_stdin() {
    let out = run_stdin(
        &["--input", "text"],
        b"A line of the story.\n\nScroll to Top\n",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "A line of the story.\n"
    );
}

#[test]
fn missing_file_is_reported_and_others_still_run() {
    let good = corpus("autoblog-wordpress.html");
    let out = bin().arg("/no/such/page.html").arg(&good).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/no/such/page.html"),
        "error names the input: {err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("footbridge"));
}

#[test]
fn out_dir_names_follow_the_input() {
    let dir = tempdir("outdir");
    let src = dir.join("in");
    std::fs::create_dir_all(&src).unwrap();
    let html = std::fs::read(corpus("share-bar.html")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&html).unwrap();
    std::fs::write(src.join("a.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(src.join("b.htm"), &html).unwrap();
    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg("--threads")
        .arg("2")
        .arg(src.join("a.html.gz"))
        .arg(src.join("b.htm"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let a = std::fs::read_to_string(out_dir.join("a.txt")).unwrap();
    let b = std::fs::read_to_string(out_dir.join("b.txt")).unwrap();
    assert!(!a.is_empty());
    assert_eq!(a, b, "gzip and plain input give the same text");
    let mut names: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["a.txt", "b.txt"], "no temporary files left behind");
}

#[test]
fn colliding_output_names_are_an_error_not_a_silent_overwrite() {
    let dir = tempdir("collide");
    std::fs::create_dir_all(dir.join("x")).unwrap();
    std::fs::create_dir_all(dir.join("y")).unwrap();
    std::fs::write(
        dir.join("x/p.html"),
        "<p>one page of text, with a comma.</p>",
    )
    .unwrap();
    std::fs::write(
        dir.join("y/p.html"),
        "<p>another page of text, with a comma.</p>",
    )
    .unwrap();
    let out = bin()
        .arg("--out-dir")
        .arg(dir.join("out"))
        .arg(dir.join("x/p.html"))
        .arg(dir.join("y/p.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("y/p.html") && err.contains("already written"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = bin().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["--charset", "klingon"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["--format", "pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_teaches() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--out-dir",
        "--threads",
        "--format",
        "--favor",
        "Examples:",
        "Exit status",
    ] {
        assert!(help.contains(needle), "help mentions {needle}");
    }
}

#[test]
fn closed_stdout_pipe_exits_quietly() {
    // Many inputs, reader closes after the first bytes.
    let page = corpus("headings-led.html");
    let mut cmd = bin();
    for _ in 0..400 {
        cmd.arg(&page);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "status {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
