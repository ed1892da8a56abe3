//! Hostile input and output as the CLI meets them (issue 12, the
//! input/output half): a page that panics costs only its own output;
//! decompression bombs stop at the page cap with an error naming it; WARC
//! headers and JSONL lines are bounded; `--out-dir` never writes through a
//! planted symlink, over an input, or leaves temporary files on Ctrl-C;
//! write errors on stdout are exit 3 naming stdout and never leave half a
//! line; file names are kept as bytes and escaped on stderr; FIFOs in a
//! directory are skipped; `--threads` is bounded.

mod common;
use common::{bin, gzip, json_lines, run_stdin, run_stdin_partial, tempdir};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine;
use serde_json::json;

fn story(i: usize) -> String {
    format!(
        "<html><head><title>Story {i}</title></head><body><article>\
         <p>Story number {i} tells how the harbour ferry kept its timetable all winter.</p>\
         </article></body></html>"
    )
}

const MARKER: &str = "PANIC-HERE-7f3a";

/// `members` gzip members of `unit` each, one after another: a bomb of
/// `members * unit.len()` bytes that costs one compression of `unit`.
fn gzip_bomb(unit: &[u8], members: usize) -> Vec<u8> {
    let one = gzip(unit);
    let mut out = Vec::with_capacity(one.len() * members);
    for _ in 0..members {
        out.extend_from_slice(&one);
    }
    out
}

/// One MiB of one long paragraph.
fn paragraph_mib() -> Vec<u8> {
    let mut unit = b"<p>".to_vec();
    while unit.len() < 1 << 20 {
        unit.extend_from_slice(b"the tide came in and went out again, ");
    }
    unit
}

/// One WARC record: headers (plus `extra` header lines), the block, CRLF CRLF.
fn warc_record(n: usize, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{n}>\r\nWARC-Target-URI: https://news.test/{n}\r\n{extra}\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_html(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

// ---- a page that panics ----

#[test]
fn a_panicking_page_is_its_own_error_in_jsonl_warc_and_batch() {
    let bad = format!("<p>{MARKER}</p>");
    // JSONL, on one thread and on two.
    let mut input = String::new();
    for i in 0..5 {
        let html = if i == 2 { bad.clone() } else { story(i) };
        input.push_str(&json!({"id": i, "html": html}).to_string());
        input.push('\n');
    }
    for threads in ["1", "2"] {
        let out = bin()
            .args(["--jsonl", "--threads", threads])
            .env("UNBOIL_FAULT_PANIC", MARKER)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                c.stdin.take().unwrap().write_all(input.as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "threads {threads}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 5);
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(l["id"], i);
            if i == 2 {
                assert!(l["error"].as_str().unwrap().contains("panicked"), "{l}");
            } else {
                assert!(l["text"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("number {i} ")));
            }
        }
    }

    // WARC: the bad page in the middle, gzipped per record.
    let dir = tempdir("panic");
    let mut warc = Vec::new();
    for i in 0..3 {
        let html = if i == 1 { bad.clone() } else { story(i) };
        warc.extend(gzip(&warc_record(i, "", &http_html("", html.as_bytes()))));
    }
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, &warc).unwrap();
    let out = bin()
        .arg("warc")
        .arg(&path)
        .env("UNBOIL_FAULT_PANIC", MARKER)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["error"].as_str().unwrap().contains("panicked"));
    assert_eq!(lines[1]["id"], "<urn:uuid:1>");
    assert!(lines[2]["text"].as_str().unwrap().contains("number 2 "));

    // Batch: one stderr line names the page, the others are written.
    let pages: Vec<PathBuf> = (0..4)
        .map(|i| {
            let p = dir.join(format!("p{i}.html"));
            std::fs::write(&p, if i == 1 { bad.clone() } else { story(i) }).unwrap();
            p
        })
        .collect();
    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .args(&pages)
        .env("UNBOIL_FAULT_PANIC", MARKER)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("p1.html") && stderr.contains("panicked"),
        "{stderr}"
    );
    for i in [0, 2, 3] {
        let text = std::fs::read_to_string(out_dir.join(format!("p{i}.txt"))).unwrap();
        assert!(text.contains(&format!("number {i} ")));
    }
    assert!(!out_dir.join("p1.txt").exists());
    // To stdout, in order.
    let out = bin()
        .args(&pages)
        .env("UNBOIL_FAULT_PANIC", MARKER)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.matches("Story number").count(), 3, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- the page cap: decompression bombs ----

#[test]
fn gzip_bombs_stop_at_the_page_cap_everywhere() {
    let dir = tempdir("bomb");
    // 16 MiB decompressed, cap 2 MiB.
    let bomb = gzip_bomb(&paragraph_mib(), 16);
    let cap = ["--max-page-size", "2M"];
    let says_cap = |s: &str| s.contains("page size limit of 2097152 bytes");

    // A gzipped file, and gzip on stdin.
    let file = dir.join("bomb.html.gz");
    std::fs::write(&file, &bomb).unwrap();
    let out = bin().args(cap).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        says_cap(&stderr) && stderr.contains("bomb.html.gz"),
        "{stderr}"
    );
    let out = run_stdin_partial(&cap, &bomb);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(says_cap(&stderr) && stderr.contains("<stdin>"), "{stderr}");
    // Under the cap it cleans.
    let out = bin()
        .args(["--max-page-size", "17M"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.len() > 15 << 20);

    // JSONL: html_b64 holding gzip, between two good records.
    let b64 = base64::engine::general_purpose::STANDARD.encode(&bomb);
    let input = format!(
        "{}\n{}\n{}\n",
        json!({"id": 0, "html": story(0)}),
        json!({"id": 1, "html_b64": b64}),
        json!({"id": 2, "html": story(2)})
    );
    let out = run_stdin(&["--jsonl", "--max-page-size", "2M"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["id"], 1);
    assert!(
        says_cap(lines[1]["error"].as_str().unwrap()),
        "{}",
        lines[1]
    );
    assert!(lines[2]["text"].as_str().unwrap().contains("number 2 "));

    // WARC: a Content-Encoding: gzip body, and a gzipped payload as stored.
    let mut warc = warc_record(0, "", &http_html("Content-Encoding: gzip\r\n", &bomb));
    warc.extend(warc_record(1, "", &http_html("", story(1).as_bytes())));
    let path = dir.join("bomb.warc");
    std::fs::write(&path, &warc).unwrap();
    let out = bin()
        .args(["warc", "--max-page-size", "2M"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert!(
        says_cap(lines[0]["error"].as_str().unwrap()),
        "{}",
        lines[0]
    );
    assert!(lines[1]["text"].as_str().unwrap().contains("number 1 "));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_default_page_cap_is_64_mib_and_sizes_parse() {
    assert_eq!(unboil::Options::default().max_page_size, 64 << 20);
    let out = bin().args(["--max-page-size", "0", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin()
        .args(["--max-page-size", "12Q", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // 64 bytes: a page of 65 fails, 64 passes.
    let page = "<p>".to_string() + &"x".repeat(61);
    assert_eq!(
        run_stdin(&["--max-page-size", "64"], page.as_bytes())
            .status
            .code(),
        Some(0)
    );
    let page = page + "y";
    assert_eq!(
        run_stdin(&["--max-page-size", "64"], page.as_bytes())
            .status
            .code(),
        Some(1)
    );
}

// ---- bounded headers and lines ----

#[test]
fn warc_header_block_over_64_kib_is_skipped_as_malformed_and_the_run_goes_on() {
    let dir = tempdir("warchead");
    let mut extra = String::new();
    while extra.len() < 200 * 1024 {
        extra.push_str(
            "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n",
        );
    }
    let mut warc = warc_record(0, &extra, &http_html("", story(0).as_bytes()));
    warc.extend(warc_record(1, "", &http_html("", story(1).as_bytes())));
    let path = dir.join("head.warc");
    std::fs::write(&path, &warc).unwrap();
    let out = bin().args(["warc", "--stats"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["id"], "<urn:uuid:1>");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 malformed record,"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn warc_content_length_is_digits_only() {
    let dir = tempdir("warclen");
    let good = warc_record(0, "", &http_html("", story(0).as_bytes()));
    let text = String::from_utf8(good).unwrap();
    let n = text
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split('\r')
        .next()
        .unwrap()
        .to_string();
    let plus = text.replace(
        &format!("Content-Length: {n}"),
        &format!("Content-Length: +{n}"),
    );
    let path = dir.join("plus.warc");
    std::fs::write(&path, plus).unwrap();
    let out = bin().arg("warc").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no valid Content-Length"), "{stderr}");
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_line_over_the_cap_is_an_error_line_and_a_bom_is_not_part_of_record_1() {
    let big = json!({"id": "big", "html": "x".repeat(3 << 20)}).to_string();
    let input = format!(
        "\u{feff}{}\n{big}\n{}",
        json!({"id": 0, "html": story(0)}),
        json!({"id": 2, "html": story(2)})
    );
    let out = run_stdin(&["--jsonl", "--max-page-size", "1M"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 0, "{}", lines[0]);
    assert!(lines[0]["text"].as_str().unwrap().contains("number 0 "));
    let e = lines[1]["error"].as_str().unwrap();
    assert!(
        e.contains("longer than the page size limit of 1048576"),
        "{e}"
    );
    assert_eq!(lines[2]["id"], 2);
}

// ---- stdout write errors ----

#[test]
fn full_stdout_in_pipeline_modes_is_exit_3_naming_stdout() {
    if !Path::new("/dev/full").exists() {
        eprintln!("note: no /dev/full; skipped");
        return;
    }
    let dir = tempdir("full");
    let jsonl = dir.join("in.jsonl");
    std::fs::write(&jsonl, format!("{}\n", json!({"id": 1, "html": story(1)}))).unwrap();
    let warc = dir.join("in.warc");
    std::fs::write(
        &warc,
        warc_record(0, "", &http_html("", story(0).as_bytes())),
    )
    .unwrap();
    for args in [
        vec!["--jsonl".as_ref(), jsonl.as_os_str()],
        vec!["warc".as_ref(), warc.as_os_str()],
    ] {
        let out = bin()
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("cannot write to stdout"), "{stderr}");
        assert!(
            !stderr.contains("in.jsonl") && !stderr.contains("in.warc"),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_size_limit_on_stdout_never_leaves_half_a_line() {
    // `ulimit -f` (512-byte blocks) with SIGXFSZ ignored: writes past the
    // limit fail with EFBIG, part of a write may land.
    let dir = tempdir("fsize");
    let mut input = String::new();
    for i in 0..400 {
        input.push_str(&json!({"id": i, "html": story(i)}).to_string());
        input.push('\n');
    }
    let jsonl = dir.join("in.jsonl");
    std::fs::write(&jsonl, &input).unwrap();
    let out_file = dir.join("out.jsonl");
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec \"$0\" --jsonl '{}' > '{}'",
        jsonl.display(),
        out_file.display()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_unboil"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
    let written = std::fs::read(&out_file).unwrap();
    assert!(!written.is_empty() && written.len() <= 64 * 512);
    assert_eq!(written.last(), Some(&b'\n'), "ends in a whole line");
    let lines = json_lines(&written);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], i);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- --out-dir ----

#[test]
fn temp_files_never_follow_a_planted_symlink() {
    let dir = tempdir("symlink");
    let page = dir.join("a.html");
    std::fs::write(&page, story(1)).unwrap();
    let victim = dir.join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    // The old name was `.a.txt.<pid>.tmp`: plant links for the pids to come.
    let next_pid = Command::new("true").spawn().unwrap().id();
    for pid in next_pid..next_pid + 300 {
        let _ = std::os::unix::fs::symlink(&victim, out_dir.join(format!(".a.txt.{pid}.tmp")));
    }
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let text = std::fs::read_to_string(out_dir.join("a.txt")).unwrap();
    assert!(text.contains("number 1 "));
    assert!(std::fs::symlink_metadata(out_dir.join("a.txt"))
        .unwrap()
        .is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_output_never_overwrites_an_input() {
    let dir = tempdir("overwrite");
    let d = dir.join("site");
    std::fs::create_dir_all(&d).unwrap();
    for i in 0..3 {
        std::fs::write(d.join(format!("p{i}.html")), story(i)).unwrap();
    }
    let out = bin()
        .args(["--format", "html", "--out-dir"])
        .arg(&d)
        .arg(format!("{}/", d.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    assert!(stderr.contains("would overwrite the input"), "{stderr}");
    for i in 0..3 {
        assert_eq!(
            std::fs::read_to_string(d.join(format!("p{i}.html"))).unwrap(),
            story(i)
        );
    }
    // Through another path (`./`, a symlinked directory) too.
    let link = dir.join("link");
    std::os::unix::fs::symlink(&d, &link).unwrap();
    let out = bin()
        .args(["--format", "html", "--out-dir"])
        .arg(&link)
        .arg(d.join("p0.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(d.join("p0.html")).unwrap(),
        story(0)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A page that takes a debug build a while.
fn big_page(paragraphs: usize) -> String {
    let mut page = String::from("<html><body><article>");
    for i in 0..paragraphs {
        page.push_str(&format!(
            "<p>Paragraph {i}: the harbour master logged the tide, and the fog lifted before noon.</p>"
        ));
    }
    page.push_str("</article></body></html>");
    page
}

#[test]
fn ctrl_c_removes_temporary_files_and_exits_130() {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    let dir = tempdir("sigint");
    let src = dir.join("in");
    std::fs::create_dir_all(&src).unwrap();
    let page = big_page(20_000);
    for i in 0..40 {
        std::fs::write(src.join(format!("p{i:02}.html")), &page).unwrap();
    }
    let out_dir = dir.join("out");
    for sig in [Signal::SIGINT, Signal::SIGTERM] {
        let _ = std::fs::remove_dir_all(&out_dir);
        let mut child = bin()
            .args(["--threads", "2", "--out-dir"])
            .arg(&out_dir)
            .arg(&src)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until a temporary file exists, then interrupt.
        let start = std::time::Instant::now();
        let temps = |d: &Path| -> Vec<String> {
            std::fs::read_dir(d)
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| n.ends_with(".tmp"))
                        .collect()
                })
                .unwrap_or_default()
        };
        while temps(&out_dir).is_empty() && start.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(!temps(&out_dir).is_empty(), "no temporary file seen");
        kill(Pid::from_raw(child.id() as i32), sig).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "{sig:?}");
        assert_eq!(temps(&out_dir), Vec::<String>::new(), "{sig:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- names ----

#[test]
fn names_keep_their_bytes_and_are_escaped_on_stderr() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir("names");
    let a = dir.join(std::ffi::OsStr::from_bytes(b"a\xff.html"));
    let b = dir.join(std::ffi::OsStr::from_bytes(b"a\xfe.html"));
    std::fs::write(&a, story(1)).unwrap();
    std::fs::write(&b, story(2)).unwrap();
    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got =
        std::fs::read_to_string(out_dir.join(std::ffi::OsStr::from_bytes(b"a\xff.txt"))).unwrap();
    assert!(got.contains("number 1 "));
    let got =
        std::fs::read_to_string(out_dir.join(std::ffi::OsStr::from_bytes(b"a\xfe.txt"))).unwrap();
    assert!(got.contains("number 2 "));

    // A missing file whose name holds an escape sequence and a newline.
    let out = bin()
        .arg("evil\x1b[2J\nunboil: fake.html")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(
        stderr.contains("evil\\u{1b}[2J\\nunboil: fake.html"),
        "{stderr:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_fifo_in_a_directory_is_skipped_and_a_named_one_is_read() {
    let dir = tempdir("fifo");
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("a.html"), story(1)).unwrap();
    let fifo = site.join("b.html");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let mut child = bin()
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if start.elapsed().as_secs() > 30 {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "the run must not hang on the FIFO"
    );
    let out = child.wait_with_output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("number 1 "));

    // Named on the command line, the FIFO is read.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(&fifo, story(2)).unwrap())
    };
    let out = bin().arg(&fifo).output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("number 2 "));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn threads_are_bounded_and_zero_is_a_usage_error() {
    // A usage error exits before reading stdin: the writer may see a
    // broken pipe (it did, on a loaded machine), which is no failure here.
    let out = run_stdin_partial(&["--threads", "0"], story(1).as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let t = std::time::Instant::now();
    let out = run_stdin(&["--threads", "20000", "-"], story(1).as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("number 1 "));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("more than 4 per core"));
    let out = run_stdin(
        &["--jsonl", "--threads", "20000"],
        b"{\"html\": \"<p>hi</p>\"}\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}
