//! Pipeline mode as a user runs it: `unboil --jsonl` on stdin, `unboil warc`
//! on WARC files this test writes itself (gzipped per record, and plain),
//! and batch runs over directories with `--out-dir` and `--stats`.

mod common;
use common::{bin, corpus, run_stdin, tempdir};

use std::io::Write;

use base64::Engine;
use serde_json::{json, Value};

fn json_lines(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn story(i: usize) -> String {
    format!(
        "<html><head><title>Story {i}</title></head><body><nav><a href=/>Home</a></nav>\
         <article><p>Story number {i} tells how the harbour ferry kept its timetable all winter.</p>\
         <p>Source link</p></article></body></html>"
    )
}

#[test]
fn jsonl_one_line_out_per_line_in_in_order() {
    let mut input = String::new();
    for i in 0..300 {
        let rec = match i % 50 {
            7 => String::new(),                       // empty line
            8 => "{\"id\": 8, \"html\": ".to_owned(), // cut-off JSON
            9 => json!({"id": i, "url": format!("https://x.test/{i}")}).to_string(),
            _ => {
                json!({"id": i, "url": format!("https://x.test/{i}"), "html": story(i)}).to_string()
            }
        };
        input.push_str(&rec);
        input.push('\n');
    }
    let out = run_stdin(&["--jsonl", "--threads", "2"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "no summary unless asked");
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 300);
    for (i, v) in lines.iter().enumerate() {
        match i % 50 {
            7 => assert_eq!(v, &json!({"error": "empty line"})),
            8 => assert!(
                v["error"].as_str().unwrap().starts_with("invalid JSON"),
                "{v}"
            ),
            9 => {
                assert_eq!(v["id"], i, "an error line keeps the id");
                assert_eq!(v["url"], format!("https://x.test/{i}"));
                assert!(v["error"].as_str().unwrap().contains("\"html\""), "{v}");
            }
            _ => {
                assert_eq!(v["id"], i);
                assert_eq!(
                    v["text"],
                    format!("Story number {i} tells how the harbour ferry kept its timetable all winter.\n")
                );
                assert_eq!(v["title"], format!("Story {i}"));
                assert!(v.get("error").is_none());
            }
        }
    }
}

#[test]
fn jsonl_custom_keys_base64_and_stats() {
    let win = std::fs::read(corpus("windows-1252.html")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&win);
    let input = format!(
        "{}\n{}\n",
        json!({"doc": "a", "link": "https://x.test/a", "content": story(1)}),
        json!({"doc": "b", "raw": b64}),
    );
    let out = run_stdin(
        &[
            "--jsonl",
            "--html-key",
            "content",
            "--html-b64-key",
            "raw",
            "--id-key",
            "doc",
            "--url-key",
            "link",
            "--stats",
        ],
        input.as_bytes(),
    );
    assert!(out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["url"], "https://x.test/a");
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Story number 1 "));
    assert_eq!(lines[1]["id"], "b");
    let text = lines[1]["text"].as_str().unwrap();
    assert!(text.contains("café") && text.contains("Müller"), "{text}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("unboil: 2 records ok, 0 failed, "),
        "summary with --stats: {err}"
    );
}

#[test]
fn jsonl_key_options_need_jsonl() {
    let out = run_stdin(&["--html-key", "content"], b"");
    assert_eq!(out.status.code(), Some(2));
}

// ---- WARC ----

/// One WARC record: headers, the block, and the two CRLFs after it.
fn warc_record(warc_type: &str, n: usize, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: 2024-05-0{n}T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:0000-{n}>\r\nWARC-Target-URI: https://news.test/{n}\r\n\
         Content-Type: application/http; msgtype={warc_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in body.chunks(50) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// The test crawl: info, request, an HTML page, a 404, an image, a chunked
/// page, a windows-1252 page labelled only by the HTTP header, metadata.
fn crawl() -> Vec<Vec<u8>> {
    // Without the header's charset, detection reads these bytes as
    // windows-1251 ("Cafй Россия: ..."): the test fails unless the hint is used.
    let cp1252 = b"<html><head><title>Caf\xe9</title></head><body><article>\
        <p>Caf\xe9 \xd0\xee\xf1\xf1\xe8\xff: \xc2\xee\xeb\xe3\xe0 \xe8 \xcc\xee\xf1\xea\xe2\xe0, \
        the sign over the door has said so since the spring.</p></article></body></html>";
    vec![
        warc_record("warcinfo", 0, b"software: test\r\n"),
        warc_record("request", 1, b"GET /1 HTTP/1.1\r\nHost: news.test\r\n\r\n"),
        warc_record(
            "response",
            1,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                story(1).as_bytes(),
            ),
        ),
        warc_record(
            "response",
            2,
            &http(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                story(2).as_bytes(),
            ),
        ),
        warc_record(
            "response",
            3,
            &http(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n",
            ),
        ),
        warc_record(
            "response",
            4,
            &http(
                "200 OK",
                "Content-Type: application/xhtml+xml\r\nTransfer-Encoding: chunked\r\n",
                &chunked(story(4).as_bytes()),
            ),
        ),
        warc_record(
            "response",
            5,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=windows-1252\r\n",
                cp1252,
            ),
        ),
        warc_record("metadata", 5, b"fetchTimeMs: 20\r\n"),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn check_crawl_output(lines: &[Value]) {
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["id"], "<urn:uuid:0000-1>");
    assert_eq!(lines[0]["url"], "https://news.test/1");
    assert_eq!(lines[0]["date"], "2024-05-01T10:00:00Z");
    assert_eq!(lines[0]["title"], "Story 1");
    assert_eq!(
        lines[0]["text"],
        "Story number 1 tells how the harbour ferry kept its timetable all winter.\n"
    );
    assert_eq!(lines[1]["id"], "<urn:uuid:0000-4>");
    assert_eq!(
        lines[1]["text"],
        "Story number 4 tells how the harbour ferry kept its timetable all winter.\n",
        "chunk sizes are gone"
    );
    assert_eq!(lines[2]["id"], "<urn:uuid:0000-5>");
    assert_eq!(lines[2]["title"], "Café");
    assert_eq!(
        lines[2]["text"],
        "Café Ðîññèÿ: Âîëãà è Ìîñêâà, the sign over the door has said so since the spring.\n"
    );
}

#[test]
fn warc_gzipped_per_record_and_plain() {
    let dir = tempdir("warc");
    let records = crawl();
    let gz: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(dir.join("crawl.warc.gz"), &gz).unwrap();
    std::fs::write(dir.join("crawl.warc"), records.concat()).unwrap();

    for name in ["crawl.warc.gz", "crawl.warc"] {
        let out = bin()
            .args(["warc", "--threads", "2"])
            .arg(dir.join(name))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty());
        check_crawl_output(&json_lines(&out.stdout));
    }

    // Two files in a row, with the summary line.
    let out = bin()
        .args(["warc", "--stats"])
        .arg(dir.join("crawl.warc.gz"))
        .arg(dir.join("crawl.warc"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json_lines(&out.stdout).len(), 6);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("unboil: 6 pages ok, 0 failed, 10 records skipped, "),
        "{err}"
    );
}

#[test]
fn warc_date_is_the_capture_and_the_page_keeps_its_own() {
    let dir = tempdir("warcmeta");
    let page = "<html><head><title>Ferry</title>\
        <meta property=article:published_time content=2023-12-24T09:00:00Z>\
        <link rel=canonical href=/ferry></head><body><article>\
        <p>The harbour ferry kept its timetable all winter, <em>even in the storms</em>.</p>\
        </article></body></html>";
    let rec = warc_record(
        "response",
        7,
        &http("200 OK", "Content-Type: text/html\r\n", page.as_bytes()),
    );
    std::fs::write(dir.join("one.warc"), &rec).unwrap();
    let out = bin()
        .args(["warc", "--json-body", "markdown"])
        .arg(dir.join("one.warc"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    assert_eq!(v["date"], "2024-05-07T10:00:00Z", "WARC-Date");
    assert_eq!(v["page_date"], "2023-12-24T09:00:00Z");
    assert_eq!(v["url"], "https://news.test/7");
    assert_eq!(v["canonical_url"], "https://news.test/ferry");
    assert!(v.get("text").is_none());
    assert!(
        v["markdown"]
            .as_str()
            .unwrap()
            .contains("*even in the storms*"),
        "{v}"
    );
}

#[test]
fn warc_truncated_file_keeps_earlier_pages_and_fails() {
    let dir = tempdir("warctrunc");
    let records = crawl();
    let mut gz: Vec<u8> = records[..4].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&records[5]);
    gz.extend_from_slice(&last[..last.len() / 2]);
    let path = dir.join("cut.warc.gz");
    std::fs::write(&path, &gz).unwrap();
    let out = bin().arg("warc").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "<urn:uuid:0000-1>");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cut.warc.gz"), "names the file: {err}");

    let out = bin().args(["warc", "/no/such.warc.gz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("/no/such.warc.gz"));
}

// ---- batch ----

#[test]
fn directories_are_searched_and_mirrored_under_out_dir() {
    let dir = tempdir("tree");
    let src = dir.join("site");
    std::fs::create_dir_all(src.join("b/deep")).unwrap();
    std::fs::create_dir_all(src.join(".hidden")).unwrap();
    std::fs::write(src.join("a.html"), story(1)).unwrap();
    std::fs::write(src.join("b/index.HTM"), story(2)).unwrap();
    std::fs::write(src.join("b/deep/index.html.gz"), gzip(story(3).as_bytes())).unwrap();
    std::fs::write(src.join("b/notes.txt"), "not a page").unwrap();
    std::fs::write(src.join("b/data.json.gz"), gzip(b"{}")).unwrap();
    std::fs::write(src.join(".hidden/x.html"), story(9)).unwrap();

    // To stdout: in sorted, depth-first order.
    let out = bin().arg(&src).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let text = String::from_utf8(out.stdout).unwrap();
    let order: Vec<&str> = text.lines().map(|l| l.split(' ').nth(2).unwrap()).collect();
    assert_eq!(order, ["1", "3", "2"], "{text}");

    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg("--stats")
        .arg(&src)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("unboil: 3 pages ok, 0 failed, "), "{err}");
    for (path, n) in [("a.txt", 1), ("b/index.txt", 2), ("b/deep/index.txt", 3)] {
        let t = std::fs::read_to_string(out_dir.join(path)).unwrap();
        assert!(t.starts_with(&format!("Story number {n} ")), "{path}: {t}");
    }
    assert!(!out_dir.join(".hidden").exists());

    // A directory without pages is a failure that names it.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let out = bin().arg(dir.join("empty")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("empty") && err.contains("no .html"), "{err}");
}

#[test]
fn stats_counts_failures() {
    let out = bin()
        .arg("--stats")
        .arg(corpus("share-bar.html"))
        .arg("/no/such/page.html")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/no/such/page.html"), "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .starts_with("unboil: 1 page ok, 1 failed, "),
        "{err}"
    );
}
