//! Pipelines on real data shards (issue 16): compressed JSONL in and out,
//! `unboil warc -`, every input field passed through, a long-lived worker
//! that answers each record as it comes, batch JSON that names its inputs,
//! headers between text outputs, big directory runs (`--skip-existing`,
//! `--glob`, the bytes the summary counts, `--no-fsync`), front matter,
//! `--no-tables`, and the messages a new user meets.

mod common;
use common::{bin, gzip, json_lines, run_stdin, tempdir};

use std::io::{BufRead, Read, Write};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{json, Value};

fn story(i: usize) -> String {
    format!(
        "<html><head><title>Story {i}</title><meta name=author content=\"Ann Lee\"></head>\
         <body><article><p>Story number {i} tells how the harbour ferry kept its timetable all winter.</p>\
         </article></body></html>"
    )
}

fn records(n: usize) -> String {
    (0..n)
        .map(|i| json!({"id": i, "html": story(i)}).to_string() + "\n")
        .collect()
}

fn check_stories(lines: &[Value], n: usize) {
    assert_eq!(lines.len(), n);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], i, "{l}");
        assert!(
            l["text"]
                .as_str()
                .unwrap()
                .contains(&format!("number {i} ")),
            "{l}"
        );
    }
}

#[test]
fn compressed_jsonl_in_and_out() {
    let dir = tempdir("zjsonl");
    let plain = records(7);
    let gz = dir.join("shard.jsonl.gz");
    std::fs::write(&gz, gzip(plain.as_bytes())).unwrap();
    let zst = dir.join("shard.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(plain.as_bytes(), 3).unwrap()).unwrap();
    for input in [&gz, &zst] {
        let out = bin().arg("--jsonl").arg(input).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        check_stories(&json_lines(&out.stdout), 7);
        // On stdin too (magic bytes, not the name).
        let out = run_stdin(&["--jsonl"], &std::fs::read(input).unwrap());
        check_stories(&json_lines(&out.stdout), 7);
    }
    // --output: compressed by the name, plain otherwise; nothing on stdout.
    for (name, unpack) in [
        (
            "out.jsonl.gz",
            Box::new(|b: Vec<u8>| {
                let mut s = Vec::new();
                flate2::read::MultiGzDecoder::new(&b[..])
                    .read_to_end(&mut s)
                    .unwrap();
                s
            }) as Box<dyn Fn(Vec<u8>) -> Vec<u8>>,
        ),
        (
            "out.jsonl.zst",
            Box::new(|b: Vec<u8>| zstd::decode_all(&b[..]).unwrap()),
        ),
        ("out.jsonl", Box::new(|b: Vec<u8>| b)),
    ] {
        let path = dir.join(name);
        let out = bin()
            .arg("--jsonl")
            .arg(&gz)
            .arg("--output")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        check_stories(&json_lines(&unpack(std::fs::read(&path).unwrap())), 7);
    }
    // WARC output to a file as well.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // An output that cannot be written: exit 3 naming it.
    let out = bin()
        .args(["--jsonl", "-o", "/nonexistent-dir/x.jsonl"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent-dir/x.jsonl"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn warc_response(n: usize, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n}>\r\n\
         WARC-Target-URI: https://news.test/{n}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn warc_from_stdin_gzipped_or_plain_and_to_a_file() {
    let mut warc = Vec::new();
    for i in 0..3 {
        warc.extend(gzip(&warc_response(i, &story(i))));
    }
    let out = run_stdin(&["warc", "-"], &warc);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["url"], "https://news.test/2");
    let plain: Vec<u8> = (0..2).flat_map(|i| warc_response(i, &story(i))).collect();
    let dir = tempdir("warcout");
    let path = dir.join("pages.jsonl.zst");
    let out = run_stdin(&["warc", "-", "--output", path.to_str().unwrap()], &plain);
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&zstd::decode_all(&std::fs::read(&path).unwrap()[..]).unwrap());
    assert_eq!(lines.len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_input_field_is_kept_and_ours_never_clobber_theirs() {
    // A Dolma-shaped record: its own `text` (and `title`) must survive.
    let line = json!({
        "id": "d1", "url": "https://x.test/a", "source": "cc", "added": "2024-01-01",
        "metadata": {"lang": "en", "score": 0.5}, "text": "raw text", "title": "theirs",
        "html": story(1)
    });
    let bad = json!({"id": "d2", "source": "cc", "error": "theirs too", "html": 5});
    let input = format!("{line}\n{bad}\n");
    let out = run_stdin(&["--jsonl"], input.as_bytes());
    let lines = json_lines(&out.stdout);
    let v = &lines[0];
    assert_eq!(v["id"], "d1");
    assert_eq!(v["url"], "https://x.test/a");
    assert_eq!(v["source"], "cc");
    assert_eq!(v["added"], "2024-01-01");
    assert_eq!(v["metadata"], json!({"lang": "en", "score": 0.5}));
    assert_eq!(v["text"], "raw text");
    assert_eq!(v["title"], "theirs");
    assert!(
        v["unboil_text"].as_str().unwrap().contains("number 1 "),
        "{v}"
    );
    assert_eq!(v["unboil_title"], "Story 1");
    assert_eq!(v["author"], "Ann Lee", "no clash: plain name");
    assert!(v.get("html").is_none(), "the page key is not passed on");
    // An error line keeps the fields too; its own `error` moves aside.
    let v = &lines[1];
    assert_eq!(v["source"], "cc");
    assert_eq!(v["error"], "theirs too");
    assert!(
        v["unboil_error"].as_str().unwrap().contains("not a string"),
        "{v}"
    );
    // A renamed id key: the record keeps its own key, `id` copies it.
    let out = run_stdin(
        &["--jsonl", "--id-key", "doc_id"],
        format!("{}\n", json!({"doc_id": 9, "html": story(9)})).as_bytes(),
    );
    let v = &json_lines(&out.stdout)[0];
    assert_eq!((v["id"].clone(), v["doc_id"].clone()), (json!(9), json!(9)));
}

#[test]
fn a_long_lived_worker_answers_each_record_before_stdin_closes() {
    let mut child = bin()
        .args(["--jsonl", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..3 {
        stdin
            .write_all(format!("{}\n", json!({"id": i, "html": story(i)})).as_bytes())
            .unwrap();
        stdin.flush().unwrap();
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no answer to record {i} while stdin is open"));
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], i);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());

    // --window N sets the window; 0 is a usage error.
    let out = run_stdin(&["--jsonl", "--window", "2"], records(5).as_bytes());
    check_stories(&json_lines(&out.stdout), 5);
    let out = run_stdin(&["--jsonl", "--window", "0"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn batch_json_names_inputs_and_failed_inputs_give_error_lines() {
    let dir = tempdir("batchjson");
    let a = dir.join("a.html");
    let c = dir.join("c.html");
    std::fs::write(&a, story(1)).unwrap();
    std::fs::write(&c, story(3)).unwrap();
    let missing = dir.join("b.html");
    let out = bin()
        .args(["--format", "json"])
        .args([&a, &missing, &c])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["input"], a.to_str().unwrap());
    assert!(lines[0]["text"].as_str().unwrap().contains("number 1 "));
    assert_eq!(lines[1]["input"], missing.to_str().unwrap());
    assert!(
        lines[1]["error"].as_str().unwrap().contains("cannot read"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["input"], c.to_str().unwrap());
    // One input: the object as before, no input field.
    let out = bin().args(["--format", "json"]).arg(&a).output().unwrap();
    assert!(json_lines(&out.stdout)[0].get("input").is_none());

    // --headers: several text outputs told apart, as `head` does.
    let out = bin().arg("--headers").args([&a, &c]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let want = format!(
        "==> {} <==\nStory number 1 tells how the harbour ferry kept its timetable all winter.\n\n\
         ==> {} <==\nStory number 3 tells how the harbour ferry kept its timetable all winter.\n",
        a.display(),
        c.display()
    );
    assert_eq!(text, want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn big_directory_runs_resume_glob_count_decompressed_bytes_and_skip_fsync() {
    let dir = tempdir("bigdir");
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("a.html"), story(1)).unwrap();
    std::fs::write(site.join("b.xhtml"), story(2)).unwrap();
    let out_dir = dir.join("out");
    // --glob adds b.xhtml.
    let out = bin()
        .args(["--stats", "--no-fsync", "--glob", "*.xht?l", "--out-dir"])
        .arg(&out_dir)
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("a.txt").exists());
    assert!(std::fs::read_to_string(out_dir.join("b.xhtml.txt"))
        .unwrap()
        .contains("number 2 "));
    // --skip-existing: a.txt is left as it is, a new page is cleaned.
    std::fs::write(out_dir.join("a.txt"), "kept").unwrap();
    std::fs::write(site.join("c.html"), story(3)).unwrap();
    let out = bin()
        .args(["--stats", "--skip-existing", "--out-dir"])
        .arg(&out_dir)
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("a.txt")).unwrap(),
        "kept"
    );
    assert!(out_dir.join("c.txt").exists());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("1 page ok") && stderr.contains("1 record skipped"),
        "{stderr}"
    );

    // The summary counts the HTML's bytes, after gzip: 2 MB from a tiny file.
    let mut page = String::from("<article>");
    while page.len() < 2_000_000 {
        page.push_str("<p>The harbour ferry kept its timetable all winter, said the master.</p>");
    }
    let gz = dir.join("big.html.gz");
    std::fs::write(&gz, gzip(page.as_bytes())).unwrap();
    assert!(std::fs::metadata(&gz).unwrap().len() < 200_000);
    let out = bin().arg("--stats").arg(&gz).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(", 2.0 MB,"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn front_matter_and_no_tables() {
    let page = "<html lang=en><head><title>Ferry news | Harbour Times</title>\
        <meta name=author content='Ann \"the\" Lee'></head><body><article><h1>Ferry news</h1>\
        <p>The ferry left at noon, on time, for once, and the harbour cheered loudly.</p>\
        <table><tr><th>Day</th><th>Boats</th></tr><tr><td>Monday</td><td>12</td></tr></table>\
        </article></body></html>";
    let out = run_stdin(&["--with-metadata"], page.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("---\ntitle: \"Ferry news"), "{text}");
    assert!(
        text.contains("\nauthor: \"Ann \\\"the\\\" Lee\"\n"),
        "{text}"
    );
    assert!(
        text.contains("lang: \"en\"\n---\n\nThe ferry left at noon"),
        "{text}"
    );
    let out = run_stdin(
        &["--with-metadata", "--format", "markdown"],
        page.as_bytes(),
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("---\ntitle: "));
    // Tables: in by default, out with --no-tables.
    let out = run_stdin(&[], page.as_bytes());
    assert!(String::from_utf8(out.stdout).unwrap().contains("Monday"));
    let out = run_stdin(&["--no-tables"], page.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("Monday") && text.contains("The ferry left"),
        "{text}"
    );
}

#[test]
fn messages_for_new_users() {
    // A URL given as a file.
    let out = bin().arg("https://example.com/story").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("does not fetch URLs: pipe curl into it"),
        "{stderr}"
    );
    // `unboil help` and `unboil help warc`.
    let out = bin().arg("help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Usage: unboil"));
    let out = bin().args(["help", "warc"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("WARC"));
    // --out-dir naming a file.
    let dir = tempdir("msgs");
    let file = dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    let out = bin()
        .arg("--out-dir")
        .arg(&file)
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("is a file, not a directory"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reading_stdin_from_a_terminal_prints_a_hint() {
    // `script` gives the binary a terminal for stdin (and stderr).
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: no `script` (util-linux); terminal hint test skipped");
        return;
    }
    // The binary reads the terminal until it ends; closing the pseudo-terminal
    // ends it. Some `script` builds keep the terminal open after their own
    // stdin ends, so the run has a hard deadline: kill it, then judge what it
    // printed (the hint comes first, before any read).
    let cmd = format!("timeout -k 1 5 '{}'", env!("CARGO_BIN_EXE_unboil"));
    let mut child = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(15) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(
        seen.contains("reading stdin from the terminal; end with Ctrl-D"),
        "{seen}"
    );
    // Not when stdin is a pipe.
    let out = run_stdin(&[], b"<p>hi</p>");
    assert!(out.stderr.is_empty());
}
