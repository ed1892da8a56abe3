//! Nothing is lost in a batch: every input gives exactly one output file
//! (written under a temporary name and renamed) or one stderr line naming
//! it, and a run killed halfway leaves only complete outputs under final
//! names. Also the exit codes: 1 when some input failed, 3 when the run
//! itself could not go on (output directory or stdout unusable).

mod common;
use common::{bin, tempdir};

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A long article (`paragraphs` paragraphs) with a menu and a footer.
fn big_page(paragraphs: usize) -> String {
    let mut page = String::from(
        "<html><head><title>Tide tables</title></head><body>\
         <nav class=\"menu\"><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\
         <article>",
    );
    for i in 0..paragraphs {
        page.push_str(&format!(
            "<p>Paragraph {i}: the harbour master logged the tide at {} centimetres, \
             two boats came in from the north, and the fog lifted before noon.</p>",
            i * 7 % 400
        ));
    }
    page.push_str("</article><footer>Copyright 2026 The Harbour Gazette</footer></body></html>");
    page
}

/// Names of the files in `dir`: (final names, temporary names).
fn listing(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut finals = Vec::new();
    let mut temps = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.starts_with('.') && name.ends_with(".tmp") {
            temps.push(name);
        } else {
            finals.push(name);
        }
    }
    finals.sort();
    (finals, temps)
}

#[test]
fn killed_batch_leaves_only_complete_outputs() {
    let dir = tempdir("kill");
    let src = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(&src).unwrap();
    let page = big_page(1000);
    let n = 24;
    let inputs: Vec<PathBuf> = (0..n)
        .map(|i| {
            let p = src.join(format!("page{i:02}.html"));
            std::fs::write(&p, &page).unwrap();
            p
        })
        .collect();

    // What one input gives on its own.
    let single = bin().arg(&inputs[0]).output().unwrap();
    assert!(single.status.success());
    let expected = single.stdout;
    assert!(
        expected.len() > 100_000,
        "outputs are big enough to be caught mid-write"
    );
    assert!(!String::from_utf8_lossy(&expected).contains("Copyright"));

    let mut child = bin()
        .arg("--out-dir")
        .arg(&out)
        .arg("--threads")
        .arg("2")
        .args(&inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // While it runs, every file under a final name must already be complete:
    // a plain create-and-write shows up here as a short file when a poll
    // lands during the write (often, not always). Sizes are checked on every
    // poll, contents once per file.
    let start = Instant::now();
    let mut seen = std::collections::HashSet::new();
    loop {
        if let Ok((finals, _)) = std::fs::read_dir(&out).map(|_| listing(&out)) {
            for name in &finals {
                let path = out.join(name);
                let len = std::fs::metadata(&path).unwrap().len();
                assert_eq!(
                    len,
                    expected.len() as u64,
                    "{name} is incomplete while the run goes on"
                );
                if seen.insert(name.clone()) {
                    assert!(std::fs::read(&path).unwrap() == expected, "{name}");
                }
            }
            // Watch a few outputs appear (more chances to catch a partial
            // write), then kill.
            if finals.len() >= 3 {
                break;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no output appeared"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed before the batch ended");

    let (finals, temps) = listing(&out);
    assert!(
        !finals.is_empty() && finals.len() < n,
        "killed mid-batch: {} of {n} outputs",
        finals.len()
    );
    for name in &finals {
        assert!(name.starts_with("page") && name.ends_with(".txt"), "{name}");
        let got = std::fs::read(out.join(name)).unwrap();
        assert!(got == expected, "{name} is not the complete output");
    }
    println!(
        "checked {} outputs as they appeared; after the kill: {} complete outputs, {} temporary files",
        seen.len(),
        finals.len(),
        temps.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_input_gives_one_output_or_one_error_line() {
    let dir = tempdir("all");
    let src = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(&src).unwrap();
    let good =
        "<article><p>The ferry to the island runs twice a day, weather permitting.</p></article>";
    let mut inputs = Vec::new();
    let mut bad = Vec::new();
    for i in 0..30 {
        let p = src.join(format!("p{i:02}.html"));
        match i % 6 {
            // Binary data, truncated gzip, a missing file.
            1 => {
                std::fs::write(&p, png_like()).unwrap();
                bad.push(p.clone());
            }
            3 => {
                std::fs::write(&p, [0x1f, 0x8b, 0x08, 0x00, 0x00]).unwrap();
                bad.push(p.clone());
            }
            5 => bad.push(p.clone()),
            _ => std::fs::write(&p, good).unwrap(),
        }
        inputs.push(p);
    }
    let run = bin()
        .arg("--out-dir")
        .arg(&out)
        .arg("--threads")
        .arg("3")
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8(run.stderr).unwrap();
    let (finals, temps) = listing(&out);
    assert!(temps.is_empty(), "{temps:?}");
    assert_eq!(stderr.lines().count(), bad.len(), "{stderr}");
    assert_eq!(finals.len() + bad.len(), inputs.len());
    for input in &inputs {
        let name = input.file_stem().unwrap().to_str().unwrap().to_string() + ".txt";
        let errors = stderr
            .lines()
            .filter(|l| l.contains(input.to_str().unwrap()))
            .count();
        if bad.contains(input) {
            assert_eq!(errors, 1, "{name}: {stderr}");
            assert!(!out.join(&name).exists(), "{name}");
        } else {
            assert_eq!(errors, 0, "{name}: {stderr}");
            assert_eq!(
                std::fs::read_to_string(out.join(&name)).unwrap(),
                "The ferry to the island runs twice a day, weather permitting.\n"
            );
        }
    }
    assert!(stderr.contains("looks binary"), "{stderr}");
    assert!(
        stderr.contains("gzip data is corrupt or truncated"),
        "{stderr}"
    );
    assert!(stderr.contains("cannot read"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bytes that look like a PNG: its header, then control-heavy data.
fn png_like() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    for i in 0..=255u8 {
        v.extend_from_slice(&[i, 0, 1, 2, i.wrapping_mul(31)]);
    }
    v
}

#[test]
fn unusable_output_directory_or_stdout_exits_3() {
    let dir = tempdir("exit3");
    let page = dir.join("p.html");
    std::fs::write(&page, "<p>One short page of text, with a comma.</p>").unwrap();
    let file = dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    let run = bin()
        .arg("--out-dir")
        .arg(file.join("sub"))
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("a-file/sub"), "{stderr}");

    if Path::new("/dev/full").exists() {
        let run = bin()
            .arg(&page)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(3));
        assert!(!run.stderr.is_empty());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
