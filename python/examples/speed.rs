//! The Rust side of python/bench.py: the library's single-thread speed on
//! the bench pages, built with this crate's profile and allocator (those of
//! the wheel), so the difference to `unboil.clean` is the cost of calling
//! from Python alone.
//!
//! ```text
//! cargo run --release --example speed -- ../../shared/bench [--no-metadata]
//! ```
//!
//! For each benchmark (AEB, tfeval, WCEB: `DIR/NAME/html/*.html.gz`, read at
//! run time and decompressed in memory) it cleans every page with the
//! options `unboil.clean` uses by default (metadata on, unless
//! `--no-metadata`), 5 passes, and prints the best pass as one line:
//! `speed NAME pages MB pages/s MB/s MB-per-CPU-second` (wall clock, then
//! this thread's CPU time, which a busy machine disturbs far less).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSES: usize = 5;

/// CPU time of this thread so far.
fn thread_cpu() -> Result<Duration, String> {
    let t = nix::time::clock_gettime(nix::time::ClockId::CLOCK_THREAD_CPUTIME_ID)
        .map_err(|e| format!("clock_gettime: {e}"))?;
    Ok(Duration::from(t))
}

fn pages(dir: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let raw = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let mut html = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut html)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(html)
        })
        .collect()
}

fn main() -> Result<(), String> {
    let mut dir = PathBuf::from("../../shared/bench");
    let mut metadata = true;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--no-metadata" => metadata = false,
            a if a.starts_with('-') => return Err(format!("unknown option {a}")),
            a => dir = PathBuf::from(a),
        }
    }
    let options = unboil::Options::default().with_metadata(metadata);
    for name in ["aeb", "tfeval", "wceb"] {
        let pages = pages(&dir.join(name).join("html"))?;
        let bytes: usize = pages.iter().map(Vec::len).sum();
        let (mut wall, mut cpu) = (Duration::MAX, Duration::MAX);
        for _ in 0..PASSES {
            let (w, c) = (Instant::now(), thread_cpu()?);
            for page in &pages {
                let _ = std::hint::black_box(unboil::clean(std::hint::black_box(page), &options));
            }
            wall = wall.min(w.elapsed());
            cpu = cpu.min(thread_cpu()? - c);
        }
        let (w, c) = (wall.as_secs_f64(), cpu.as_secs_f64());
        println!(
            "speed {name} {} {:.3} {:.1} {:.2} {:.2}",
            pages.len(),
            bytes as f64 / 1e6,
            pages.len() as f64 / w,
            bytes as f64 / 1e6 / w,
            bytes as f64 / 1e6 / c
        );
    }
    Ok(())
}
