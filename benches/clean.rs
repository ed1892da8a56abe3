//! `cargo bench`: time `unboil::clean` on a few corpus pages, so a change
//! that slows the pipeline shows up as a number. CI does not run this (no
//! timed tests on shared machines); `examples/bench.rs` reports MB/s
//! against lol_html floors on the real benchmark pages.

use std::path::Path;

// The allocator the `unboil` binary uses (see src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn page(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
    .expect("corpus page exists")
}

#[divan::bench(args = [
    "autoblog-wordpress.html",
    "blog-with-sidebar-heavy.html",
    "lists-and-table.html",
    "windows-1252.html",
    "div-soup.html",
])]
fn clean(bencher: divan::Bencher, name: &str) {
    let html = page(name);
    let options = unboil::Options::default();
    bencher
        .counter(divan::counter::BytesCount::new(html.len()))
        .bench(|| unboil::clean(divan::black_box(&html), &options).expect("corpus pages clean"));
}

/// The same page fed in 64-byte chunks: the streaming path's overhead.
#[divan::bench]
fn clean_in_small_chunks(bencher: divan::Bencher) {
    let html = page("autoblog-wordpress.html");
    bencher
        .counter(divan::counter::BytesCount::new(html.len()))
        .bench(|| {
            let mut c = unboil::Cleaner::new(unboil::Options::default());
            for chunk in html.chunks(64) {
                c.write(divan::black_box(chunk)).expect("write");
            }
            c.finish().expect("finish")
        });
}
