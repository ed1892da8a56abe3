//! Memory bounded in bytes (issue 12, items 5 and 6), measured: each run is
//! a child process of this test binary, and `getrusage(RUSAGE_CHILDREN)`
//! gives the largest peak resident set (`ru_maxrss`) of the children
//! waited for so far. This file holds one test, so no other test's child
//! counts, and every run must stay under the same ceiling.
//!
//! The runs: a gzip bomb of 320 MiB (as a file, on stdin, as JSONL
//! `html_b64`, as a WARC body with `Content-Encoding: gzip`) against a page
//! cap of 8 MiB, and a JSONL stream of 4 MB records with one 200 MB line in
//! the middle against a budget of 64 MiB. Before the caps, each of these
//! took at least the bytes of its input.

mod common;
use common::{bin, gzip, run_stdin_partial};

use std::io::Write;

use base64::Engine;
use serde_json::{json, Value};

/// The peak resident set, in MiB, that no run may pass.
const CEILING_MIB: u64 = 200;

fn peak_mib() -> u64 {
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage");
    // Linux reports ru_maxrss in KiB.
    usage.max_rss() as u64 / 1024
}

/// 320 gzip members of 1 MiB of one paragraph each.
fn bomb() -> Vec<u8> {
    let mut unit = b"<p>".to_vec();
    while unit.len() < 1 << 20 {
        unit.extend_from_slice(b"the tide came in and went out again, ");
    }
    let one = gzip(&unit);
    one.repeat(320)
}

fn lines(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn check_peak(what: &str) {
    let peak = peak_mib();
    println!("{what}: peak RSS so far {peak} MiB");
    assert!(
        peak < CEILING_MIB,
        "{what}: peak RSS {peak} MiB, over {CEILING_MIB} MiB"
    );
}

#[test]
fn memory_stays_bounded_in_bytes() {
    let dir = std::env::temp_dir().join(format!("unboil-test-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bomb = bomb();
    let cap = "8M";
    let says_cap = |s: &str| s.contains("page size limit of 8388608 bytes");

    // A gzipped file.
    let file = dir.join("bomb.html.gz");
    std::fs::write(&file, &bomb).unwrap();
    let out = bin()
        .args(["--max-page-size", cap])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(says_cap(&String::from_utf8_lossy(&out.stderr)));
    check_peak("gzip file");

    // Gzip on stdin (this process holds only a few MB here).
    let out = run_stdin_partial(&["--max-page-size", cap], &bomb);
    assert_eq!(out.status.code(), Some(1));
    assert!(says_cap(&String::from_utf8_lossy(&out.stderr)));
    check_peak("gzip on stdin");

    // JSONL html_b64 holding the bomb.
    let b64 = base64::engine::general_purpose::STANDARD.encode(&bomb);
    let line = format!("{}\n", json!({"id": 1, "html_b64": b64}));
    let out = run_stdin_partial(&["--jsonl", "--max-page-size", cap], line.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let l = lines(&out.stdout);
    assert_eq!(l.len(), 1);
    assert!(says_cap(l[0]["error"].as_str().unwrap()), "{}", l[0]);
    check_peak("JSONL html_b64");

    // A WARC response with Content-Encoding: gzip.
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend_from_slice(&bomb);
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
         WARC-Target-URI: http://a.test/\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    warc.extend_from_slice(&http);
    warc.extend_from_slice(b"\r\n\r\n");
    let path = dir.join("bomb.warc");
    std::fs::write(&path, gzip(&warc)).unwrap();
    let out = bin()
        .args(["warc", "--max-page-size", cap])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let l = lines(&out.stdout);
    assert_eq!(l.len(), 1);
    assert!(says_cap(l[0]["error"].as_str().unwrap()), "{}", l[0]);
    check_peak("WARC gzip body");

    // JSONL: 60 records of 4 MB (control characters, JSON-escaped: a
    // quick "binary" error each, so the run is about holding records, not
    // cleaning them) and one 200 MB line after the first 30. Budget 64 MiB,
    // cap 8 MiB. Before the byte budget, 100 such records took 1.27 GB.
    // Written to a file piece by piece: a child started while this
    // process holds 600 MB would report that as its own peak (the peak of
    // the address space it starts in counts until exec).
    let html = "\\u0001\\u0002".repeat((4 << 20) / 12);
    let path = dir.join("big.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..61 {
        if i == 30 {
            w.write_all(b"{\"id\": \"huge\", \"html\": \"").unwrap();
            let x = vec![b'x'; 1 << 20];
            for _ in 0..200 {
                w.write_all(&x).unwrap();
            }
            w.write_all(b"\"}\n").unwrap();
        } else {
            writeln!(w, "{{\"id\": {i}, \"html\": \"{html}\"}}").unwrap();
        }
    }
    w.flush().unwrap();
    drop(w);
    drop(html);
    let out = bin()
        .args([
            "--jsonl",
            "--threads",
            "2",
            "--max-page-size",
            cap,
            "--memory-budget",
            "64M",
        ])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = lines(&out.stdout);
    assert_eq!(l.len(), 61, "every line answered");
    for (i, v) in l.iter().enumerate() {
        if i == 30 {
            assert!(
                v["error"]
                    .as_str()
                    .unwrap()
                    .contains("longer than the page size limit"),
                "{v}"
            );
        } else {
            assert_eq!(v["id"], i);
            assert!(v["error"].as_str().unwrap().contains("binary"), "{v}");
        }
    }
    check_peak("JSONL 4 MB records and a 200 MB line");
    let _ = std::fs::remove_dir_all(&dir);
}
