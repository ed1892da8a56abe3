//! Scaling report for the benchmark command: time and peak memory of one
//! page repeated 1×, 10× and 100× (about 30 MB), read from a file and from
//! stdin in 64 KiB chunks, next to lol_html's no-op and `*`+text floors on
//! the same bytes.
//!
//! Peak memory is the high-water mark of a process that does nothing else,
//! so every measurement runs in a child: `bench --measure-child` starts the
//! measured child, waits for it, and prints the elapsed seconds and the
//! child's `ru_maxrss` (getrusage of its only child). The measured child is
//! `bench --run-child MODE INPUT` itself: `unboil` streams the input through
//! `unboil::Cleaner` exactly as the CLI does; `noop` and `touch` are the
//! lol_html floors, streamed the same way.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use lol_html::html_content::{Element, TextChunk};
use lol_html::{doc_text, element, HtmlRewriter, Settings};

const CHUNK: usize = 64 * 1024;
const FACTORS: [usize; 3] = [1, 10, 100];

/// Handles the hidden child modes; `None` when this is not a child.
pub fn child_main(args: &[String]) -> Option<ExitCode> {
    match args.first().map(String::as_str) {
        Some("--measure-child") => Some(measure_child(&args[1..])),
        Some("--run-child") => Some(run_child(&args[1..])),
        _ => None,
    }
}

fn measure_child(args: &[String]) -> ExitCode {
    // args: STDIN_FILE|- PROGRAM ARGS...
    let (stdin_path, program, rest) = (&args[0], &args[1], &args[2..]);
    let stdin = if stdin_path == "-" {
        Stdio::null()
    } else {
        match File::open(stdin_path) {
            Ok(f) => Stdio::from(f),
            Err(e) => {
                eprintln!("measure: {stdin_path}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let started = Instant::now();
    let status = Command::new(program)
        .args(rest)
        .stdin(stdin)
        .stdout(Stdio::null())
        .status();
    let secs = started.elapsed().as_secs_f64();
    match status {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("measure: child failed: {other:?}");
            return ExitCode::from(1);
        }
    }
    let usage = match nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("measure: getrusage: {e}");
            return ExitCode::from(1);
        }
    };
    // Linux reports ru_maxrss in KiB.
    println!("{secs} {}", usage.max_rss());
    ExitCode::SUCCESS
}

fn run_child(args: &[String]) -> ExitCode {
    let (mode, input) = (args[0].as_str(), args[1].as_str());
    let mut reader: Box<dyn Read> = if input == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(input) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("run: {input}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let mut buf = vec![0u8; CHUNK];
    let result: Result<(), String> = match mode {
        "unboil" => {
            let mut cleaner = unboil::Cleaner::new(unboil::Options::default());
            let r = stream(&mut reader, &mut buf, |c| {
                cleaner.write(c).map_err(|e| e.to_string())
            });
            r.and_then(|()| cleaner.finish().map_err(|e| e.to_string()))
                .and_then(|doc| {
                    io::stdout()
                        .write_all(doc.text.as_bytes())
                        .map_err(|e| e.to_string())
                })
        }
        mode @ ("noop" | "touch") => {
            let mut acc = [0usize; 2];
            let mut rw = floor_rewriter(mode == "touch", &mut acc);
            let r = stream(&mut reader, &mut buf, |c| {
                rw.write(c).map_err(|e| e.to_string())
            });
            let r = r.and_then(|()| rw.end().map_err(|e| e.to_string()));
            std::hint::black_box(acc);
            r
        }
        other => Err(format!("unknown mode {other}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("run: {e}");
            ExitCode::from(1)
        }
    }
}

/// The lol_html floors every speed figure is measured against: with
/// `touch`, one `*` element handler reading every attribute value and one
/// text handler touching every chunk (the least an extractor on lol_html
/// does); without, no handlers at all. `acc` keeps the work observable.
pub fn floor_rewriter(touch: bool, acc: &mut [usize; 2]) -> HtmlRewriter<'_, fn(&[u8])> {
    let settings = Settings::new().with_strict(false);
    let settings = if touch {
        let [attrs, text] = acc;
        settings
            .append_element_content_handler(element!("*", move |el: &mut Element| {
                for attr in el.attributes() {
                    *attrs += attr.value().len();
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |t: &mut TextChunk| {
                *text += t.as_str().len();
                Ok(())
            }))
    } else {
        settings
    };
    HtmlRewriter::new(settings, (|_: &[u8]| {}) as fn(&[u8]))
}

fn stream(
    reader: &mut dyn Read,
    buf: &mut [u8],
    mut sink: impl FnMut(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    loop {
        let n = reader.read(buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(());
        }
        sink(&buf[..n])?;
    }
}

/// `head` + `body` × `k` + `tail` of one page, written to a temp file.
fn build(html: &[u8], k: usize, dir: &Path) -> Result<PathBuf, String> {
    let s = String::from_utf8_lossy(html);
    let lower = s.to_ascii_lowercase();
    let open = lower.find("<body").ok_or("page has no <body>")?;
    let open = open + lower[open..].find('>').ok_or("unterminated <body>")? + 1;
    let close = lower.rfind("</body>").unwrap_or(s.len());
    let path = dir.join(format!("unboil-scaling-{k}x.html"));
    let mut f = File::create(&path).map_err(|e| e.to_string())?;
    let body = &s[open..close];
    let mut write = |b: &str| f.write_all(b.as_bytes()).map_err(|e| e.to_string());
    write(&s[..open])?;
    for _ in 0..k {
        write(body)?;
    }
    write(&s[close..])?;
    Ok(path)
}

fn measure(stdin: &str, args: &[&str]) -> Result<(f64, u64), String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(&me)
        .arg("--measure-child")
        .arg(stdin)
        .arg(&me)
        .arg("--run-child")
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let line = String::from_utf8_lossy(&out.stdout);
    let mut it = line.split_whitespace();
    let secs: f64 = it
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or("bad measure output")?;
    let kib: u64 = it
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or("bad measure output")?;
    Ok((secs, kib))
}

/// Runs the report on `html` (a large real page).
pub fn report(html: &[u8]) -> Result<(), String> {
    let dir = std::env::temp_dir();
    println!();
    println!("scaling (one page's body repeated; separate processes; time, peak RSS):");
    let mut unboil_file_secs = Vec::new();
    for k in FACTORS {
        let path = build(html, k, &dir)?;
        let p = path.to_str().ok_or("temp path is not UTF-8")?;
        let size = std::fs::metadata(&path).map_err(|e| e.to_string())?.len() as f64 / 1e6;
        let (file_s, file_kib) = measure("-", &["unboil", p])?;
        let (stdin_s, stdin_kib) = measure(p, &["unboil", "-"])?;
        let (noop_s, noop_kib) = measure("-", &["noop", p])?;
        let (touch_s, touch_kib) = measure("-", &["touch", p])?;
        unboil_file_secs.push(file_s);
        println!(
            "  {k:>3}x {size:>6.1} MB: unboil file {file_s:.3} s {:.0} MiB | stdin {stdin_s:.3} s {:.0} MiB | \
             lol_html no-op {noop_s:.3} s {:.0} MiB | *+text {touch_s:.3} s {:.0} MiB",
            file_kib as f64 / 1024.0,
            stdin_kib as f64 / 1024.0,
            noop_kib as f64 / 1024.0,
            touch_kib as f64 / 1024.0,
        );
        let _ = std::fs::remove_file(&path);
    }
    if let [_, ten, hundred] = unboil_file_secs[..] {
        println!(
            "  100x/10x time ratio {:.1} (linear: 10; target < 12); 100x under 0.5 s: {}",
            hundred / ten,
            if hundred < 0.5 { "yes" } else { "no" }
        );
    }
    Ok(())
}
