//! The `unboil` command as a user runs it: stdin, files, --out-dir, exit
//! codes, errors that name the input, and a closed stdout pipe.

mod common;
use common::{bin, corpus, run_stdin, tempdir};

use std::io::{Read, Write};
use std::process::Stdio;

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

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn corpus_str(name: &str) -> String {
    corpus(name).to_str().unwrap().to_string()
}

#[test]
fn explain_prints_one_line_per_block_with_the_reason() {
    let page = corpus_str("promo-lines.html");
    let (code, out, err) = run(&["explain", &page]);
    assert_eq!(code, Some(0), "{err}");
    let ad = out
        .lines()
        .find(|l| l.contains("Advertisement"))
        .expect("the ad label is a block");
    assert!(ad.contains("removed  rule:advertisement"), "{ad}");
    assert!(ad.ends_with("div.ad-label"), "path last: {ad}");
    assert!(out.lines().any(|l| l.contains(" kept ")));

    // The page type comes first, then one line per block.
    assert_eq!(out.lines().next(), Some("# page type: article"));

    let (code, json, _) = run(&["explain", "--json", &page]);
    assert_eq!(code, Some(0));
    assert_eq!(json.lines().count(), out.lines().count() - 1);
    let ad = json.lines().find(|l| l.contains("Advertisement")).unwrap();
    assert!(ad.starts_with("{\"block\":3,\"kept\":false,\"reason\":\"rule:advertisement\""));
    assert!(ad.ends_with(",\"page_type\":\"article\"}"), "{ad}");
    // A forum thread says so.
    let (_, forum, _) = run(&["explain", &corpus_str("forum-thread.html")]);
    assert_eq!(forum.lines().next(), Some("# page type: forum"));
}

#[test]
fn diff_shows_removed_lines_plain_when_piped_colored_on_request() {
    let page = corpus_str("autoblog-wordpress.html");
    let (code, out, err) = run(&["diff", &page]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\n-Source link\n"), "{out}");
    assert!(out.contains("\n HARROWGATE"), "kept text is context");
    assert!(!out.contains('\x1b'), "no color when piped");
    let (_, colored, _) = run(&["diff", "--color", "always", &page]);
    assert!(colored.contains("\x1b[31m-Source link\x1b[0m"));

    let (code, stat, _) = run(&["diff", "--stat", &page]);
    assert_eq!(code, Some(0));
    assert!(stat.starts_with("blocks: 37 ("), "{stat}");
    assert!(stat.contains("rule:source-link"), "{stat}");
}

#[test]
fn diff_compares_two_texts_and_two_option_sets() {
    let dir = tempdir("difftext");
    std::fs::write(dir.join("a.txt"), "one\ntwo\nthree\n").unwrap();
    std::fs::write(dir.join("b.txt"), "one\nthree\nfour\n").unwrap();
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    let (code, out, _) = run(&["diff", "--text", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("\n-two\n") && out.contains("\n+four\n"),
        "{out}"
    );

    let page = corpus_str("comments-section.html");
    let (code, out, err) = run(&["diff", &page, "--against-keep", "#comments"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("[default options]\n+++ "), "{out}");
    assert!(out.contains("[keep=#comments]"), "{out}");
    assert!(out.contains("\n+Quilt boxes saved my hives too. Great write-up!\n"));

    // --against-* needs one page; --text needs two files.
    let (code, _, err) = run(&["diff", &page, &page, "--against-favor", "recall"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, _) = run(&["diff", "--text", a.to_str().unwrap()]);
    assert_eq!(code, Some(2));
}

#[test]
fn keep_and_drop_selectors_on_the_command_line() {
    let page = corpus_str("autoblog-wordpress.html");
    let (_, plain, _) = run(&[&page]);
    assert!(!plain.contains("Recent Posts") && plain.contains("Residents split"));
    let (code, out, err) = run(&[
        "--keep",
        "#recent-posts-2",
        "--drop",
        "div.entry-content > h2",
        &page,
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Recent Posts\n\nSchool Board Trims Bus Budget"),
        "{out}"
    );
    assert!(!out.contains("Residents split"), "{out}");
    assert!(out.contains("fourteen months"));
    // Subcommands take the same flags.
    let (_, explain, _) = run(&["explain", "--drop", "div.entry-content > h2", &page]);
    let h2 = explain.lines().find(|l| l.contains("Residents")).unwrap();
    assert!(h2.contains("removed  user-drop"), "{h2}");
}

#[test]
fn invalid_selectors_and_rules_files_are_usage_errors() {
    let page = corpus_str("share-bar.html");
    let (code, out, err) = run(&["--drop", "div[", &page]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("--drop") && err.contains("\"div[\""), "{err}");
    let (code, _, err) = run(&["explain", "--keep", "p:hover", &page]);
    assert_eq!(code, Some(2));
    assert!(err.contains("p:hover"), "{err}");

    let dir = tempdir("badrules");
    let rules = dir.join("mine.toml");
    std::fs::write(
        &rules,
        "# my rules\n[[rule]]\nid = \"broken\"\nreason = \"r\"\npattern = 'share (this'\n",
    )
    .unwrap();
    let (code, _, err) = run(&["--rules", rules.to_str().unwrap(), &page]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("mine.toml:5:"),
        "names the file and line: {err}"
    );
    assert!(err.contains("broken"), "{err}");
}

#[test]
fn rules_file_adds_phrases_and_selectors_and_builtins_can_go() {
    let page = corpus_str("autoblog-wordpress.html");
    let dir = tempdir("rules");
    let rules = dir.join("extra.toml");
    std::fs::write(
        &rules,
        "keep = [\"#archives-2\"]\n\n[[rule]]\nid = \"engineer\"\nreason = \"testing\"\npattern = 'the borough engineer.*'\n",
    )
    .unwrap();
    let rules = rules.to_str().unwrap();
    let (code, out, err) = run(&["--rules", rules, &page]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains("fourteen months"), "user rule removed it");
    assert!(
        out.contains("Archives\n\nFebruary 2026"),
        "user keep: {out}"
    );
    assert!(!out.contains("Source link"), "built-in rules still apply");
    let (_, explain, _) = run(&["explain", "--rules", rules, &page]);
    assert!(explain.contains("removed  rule:engineer"), "{explain}");

    let (_, out, _) = run(&["--rules", rules, "--no-default-rules", &page]);
    assert!(out.contains("Text Alerts"), "no built-in catalogue: {out}");
    assert!(!out.contains("fourteen months"));
}

#[test]
fn a_file_named_like_a_command_is_given_with_a_path() {
    let dir = tempdir("named");
    std::fs::copy(corpus("share-bar.html"), dir.join("diff")).unwrap();
    let out = bin().arg("./diff").current_dir(&dir).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Brindle Point"));
    let (code, _, err) = run(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(err.is_empty());
    let help = String::from_utf8(bin().arg("--help").output().unwrap().stdout).unwrap();
    assert!(help.contains("./diff"), "{help}");
    for needle in [
        "explain",
        "diff",
        "--drop",
        "--keep",
        "--rules",
        "--no-default-rules",
    ] {
        assert!(help.contains(needle), "help mentions {needle}");
    }
}
