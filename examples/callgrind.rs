//! Instruction-count harness for the speed target: a fixed sample of the
//! bench's pages (every fifth page of AEB, tfeval and WCEB in file-name
//! order, 278 pages, decompressed before anything is counted), run through
//! either `unboil::clean` or the lol_html `*`+text floor of the speed
//! figures (`support/scaling.rs`), selected by the first argument. Wall time
//! on a shared machine is noise; instruction counts under callgrind are not.
//!
//! ```text
//! CARGO_PROFILE_QUICK_STRIP=false CARGO_PROFILE_QUICK_DEBUG=1 \
//!     cargo build --profile quick --example callgrind
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.unboil \
//!     target/quick/examples/callgrind unboil [BENCH_DIR]
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.floor \
//!     target/quick/examples/callgrind floor [BENCH_DIR]
//! callgrind_annotate /tmp/cg.unboil | head -60
//! ```
//!
//! `load` runs neither (the cost of reading and gunzipping the sample, to
//! subtract from both). The ratio of the speed target is
//! (floor - load) / (unboil - load). `one FILE` cleans one page (gzipped
//! or not) and nothing else: start-up cost and peak memory of a process,
//! e.g. under `/usr/bin/time -v`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

#[allow(dead_code)]
#[path = "support/scaling.rs"]
mod scaling;

/// Every `STRIDE`-th page of each benchmark is in the sample.
const STRIDE: usize = 5;

fn sample(dir: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut pages = Vec::new();
    for bench in ["aeb", "tfeval", "wceb"] {
        let html = dir.join(bench).join("html");
        let mut names: Vec<_> = fs::read_dir(&html)
            .map_err(|e| format!("{}: {e}", html.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        for path in names.iter().step_by(STRIDE) {
            let raw = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut out = Vec::new();
            if raw.starts_with(&[0x1f, 0x8b]) {
                flate2::read::MultiGzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            } else {
                out = raw;
            }
            pages.push(out);
        }
    }
    Ok(pages)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("unboil", String::as_str);
    if mode == "one" {
        let Some(path) = args.get(1) else {
            eprintln!("usage: callgrind one FILE");
            return ExitCode::from(2);
        };
        return match fs::read(path) {
            Ok(raw) => {
                let page = unboil::clean(&raw, &unboil::Options::default());
                eprintln!(
                    "one: {} bytes in, {} out",
                    raw.len(),
                    page.map_or(0, |d| d.text.len())
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {path}: {e}");
                ExitCode::from(2)
            }
        };
    }
    let dir = args.get(1).map_or("../shared/bench", String::as_str);
    let pages = match sample(Path::new(dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let options = unboil::Options::default();
    match mode {
        "unboil" => {
            for page in &pages {
                let _ = black_box(unboil::clean(black_box(page), &options));
            }
        }
        "floor" => {
            for page in &pages {
                let mut acc = [0usize; 2];
                {
                    let mut rw = scaling::floor_rewriter(true, &mut acc);
                    let _ = rw.write(black_box(page)).and_then(|()| rw.end());
                }
                black_box(acc);
            }
        }
        "load" => {}
        other => {
            eprintln!("usage: callgrind unboil|floor|load [BENCH_DIR] | one FILE (got {other})");
            return ExitCode::from(2);
        }
    }
    eprintln!("{mode}: {} pages, {bytes} bytes", pages.len());
    ExitCode::SUCCESS
}
