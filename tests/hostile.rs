//! Hostile input: pages built to break a streaming parser (empty input,
//! binary data, 100,000 nested elements, 10 MB tags and comments, unclosed
//! raw-text elements, stray end tags, NUL bytes, broken gzip and UTF-8, a
//! million paragraphs, a tiny memory limit). Each must give output or a
//! clear error, never a panic, and the big ones must take time linear in
//! their size: each is also run at a quarter of its size, and four times the
//! input may cost at most twelve times the time (quadratic work would cost
//! sixteen). Sized to finish in seconds in a debug build.

use std::io::Write;
use std::time::{Duration, Instant};

use unboil::{Cleaner, Error, InputKind, Options};

fn clean(bytes: &[u8]) -> Result<unboil::Document, Error> {
    unboil::clean(bytes, &Options::default())
}

fn clean_as(bytes: &[u8], input: InputKind) -> Result<unboil::Document, Error> {
    let options = Options::default().with_input(input);
    unboil::clean(bytes, &options)
}

fn text(bytes: &[u8]) -> String {
    clean(bytes).expect("cleans").text
}

/// `make(n)` and `make(4 * n)` clean with `check`, and the larger one takes
/// at most 12 times as long (plus a little slack for timer noise). A miss is
/// measured again once, so a burst of load on a shared machine does not
/// fail the test; quadratic work misses twice.
fn linear(what: &str, n: usize, make: impl Fn(usize) -> Vec<u8>, check: impl Fn(&[u8])) {
    linear_with(what, n, make, |input: &Vec<u8>| check(input));
}

/// [`linear`] over any input `make` builds (a parsed page, to time one
/// stage alone): only `check` is timed.
fn linear_with<T>(what: &str, n: usize, make: impl Fn(usize) -> T, check: impl Fn(&T)) {
    let time = |input: &T| {
        let t = Instant::now();
        check(input);
        t.elapsed()
    };
    let small = make(n);
    let big = make(4 * n);
    let mut ratios = Vec::new();
    for _ in 0..2 {
        let t_small = time(&small).min(time(&small));
        let t_big = time(&big);
        println!("{what}: {t_small:?} at n = {n}, {t_big:?} at 4n");
        if t_big < t_small * 12 + Duration::from_millis(200) {
            return;
        }
        ratios.push(t_big.as_secs_f64() / t_small.as_secs_f64());
    }
    panic!("{what}: 4n takes {ratios:.1?} times as long as n = {n}: not linear");
}

/// The page model of `html`, for timing selection alone.
fn page_model(html: &str) -> unboil::segment::Segments {
    let mut p = unboil::segment::Parser::new(usize::MAX);
    p.write(html.as_bytes()).unwrap();
    p.finish().unwrap()
}

/// Selection with the default parameters and catalogue.
fn select(page: &unboil::segment::Segments) -> Vec<unboil::Decision> {
    unboil::select::select(
        page,
        unboil::Favor::Balanced,
        unboil::Catalogue::builtin(),
        false,
    )
}

/// xorshift64: fixed-seed noise without a dependency.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 32) as u8
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

const STORY: &str =
    "<p>The lock keeper opened the upper gates at dawn, as he has every day for thirty years.</p>";
const STORY_TEXT: &str =
    "The lock keeper opened the upper gates at dawn, as he has every day for thirty years.\n";

#[test]
fn empty_and_blank_inputs_give_empty_text() {
    for input in [&b""[..], b" ", b"\n", b" \n\t \r\n  \x0C"] {
        for kind in [InputKind::Auto, InputKind::Html, InputKind::Text] {
            let doc = clean_as(input, kind).unwrap();
            assert_eq!(doc.text, "", "{input:?} as {kind:?}");
        }
    }
}

#[test]
fn random_bytes_are_a_binary_error_or_cleaned_when_forced() {
    for seed in [1, 0x9E37_79B9_7F4A_7C15, 42] {
        let noise = random_bytes(256 << 10, seed);
        assert_ne!(noise[..2], [0x1f, 0x8b], "not gzip by chance");
        match clean(&noise) {
            Err(e @ Error::Binary { .. }) => {
                assert!(e.to_string().contains("looks binary"), "{e}")
            }
            other => panic!("seed {seed}: {other:?}"),
        }
        // Gzip'd noise is decompressed first, then found binary.
        assert!(matches!(clean(&gzip(&noise)), Err(Error::Binary { .. })));
        // Forced to HTML or text, noise is cleaned like anything else.
        for kind in [InputKind::Html, InputKind::Text] {
            let doc = clean_as(&noise, kind).unwrap();
            assert!(!doc.text.contains('\0'), "{kind:?}");
        }
    }
}

#[test]
fn png_is_a_binary_error() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\x00\0\0\x01\x00\x08\x06\0\0\0".to_vec();
    png.extend_from_slice(b"\0\0\x20\x00IDAT\x78\x9c");
    png.extend(random_bytes(8192, 7));
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    let e = clean(&png).unwrap_err();
    assert!(matches!(e, Error::Binary { .. }), "{e:?}");
}

#[test]
fn hundred_thousand_nested_divs() {
    linear(
        "nested <div>",
        25_000,
        |n| format!("{}{STORY}{}", "<div>".repeat(n), "</div>".repeat(n)).into_bytes(),
        |page| assert_eq!(text(page), STORY_TEXT),
    );
    // Never closed at all.
    let page = format!("{}{STORY}", "<div>".repeat(100_000));
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
    // Nested inline elements and lists.
    let page = format!("{}{STORY}", "<span><b>".repeat(50_000));
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
    let page = "<ul><li>".repeat(50_000);
    assert_eq!(text(page.as_bytes()), "");
}

/// Selection passes over nested boxes: each box is judged once and its
/// blocks marked by one sweep, so boxes nested n deep (each holding all the
/// blocks after it) cost n, not n². Timed on the page model alone.
#[test]
fn deeply_nested_share_boxes() {
    linear_with(
        "nested share boxes",
        8_000,
        |n| {
            let mut s = String::from("<body>");
            for _ in 0..n {
                s.push_str("<div class=share><a href=/x>Share this</a>");
            }
            s.push_str(&"</div>".repeat(n));
            page_model(&s)
        },
        |page| {
            let d = select(page);
            assert!(d.iter().all(|d| !d.kept()));
        },
    );
}

/// A thread's passes (the forum profile: the whole thread, its posts'
/// chrome and body text) walk each block's ancestors up to its post, at
/// most `POST_DEPTH` of them: a thread whose last post nests n boxes deep,
/// a reply in each, costs n, not n².
#[test]
fn a_thread_post_nested_deep() {
    linear(
        "deep thread post",
        3_000,
        |n| {
            let mut s = String::from(
                r#"<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting"}</script></head><body><div class=thread>"#,
            );
            for i in 0..3 {
                s.push_str(&format!(
                    "<div class=post><p>Post {i}: {STORY_TEXT}</p></div>"
                ));
            }
            s.push_str("<div class=post>");
            for _ in 0..n {
                s.push_str("<div><p>A reply that says a little more about it.</p>");
            }
            s.push_str(&"</div>".repeat(n + 2));
            s.into_bytes()
        },
        |page| {
            let doc = clean(page).unwrap();
            assert_eq!(doc.page_type, Some(unboil::PageType::Forum));
            assert!(doc.text.contains("Post 2"));
        },
    );
}

/// Readability's alternative candidates: several deep chains of boxes,
/// each ending in a paragraph that scores about the same; their ancestors
/// are counted once each, not compared pairwise.
#[test]
fn several_deep_chains_of_candidates() {
    linear_with(
        "deep candidate chains",
        3_000,
        |n| {
            let mut s = String::from("<body><div class=all>");
            for _ in 0..4 {
                s.push_str(&"<div>".repeat(n));
                s.push_str(STORY);
                s.push_str(&"</div>".repeat(n));
            }
            s.push_str("</div></body>");
            page_model(&s)
        },
        |page| {
            assert!(select(page).iter().any(|d| d.kept()));
        },
    );
}

#[test]
fn ten_megabyte_attribute() {
    for attr in ["title", "class", "style", "data-x"] {
        linear(
            &format!("{attr} attribute"),
            10 << 18,
            |n| format!("<div {attr}=\"{}\">{STORY}</div>", "ab ".repeat(n / 3)).into_bytes(),
            |page| assert_eq!(text(page), STORY_TEXT),
        );
    }
    // Unquoted, and never closed.
    let page = format!("{STORY}<div title={}", "x".repeat(10 << 20));
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
}

#[test]
fn ten_megabyte_comment() {
    linear(
        "comment",
        10 << 18,
        |n| format!("{STORY}<!--{}-->{STORY}", "<p>not text</p>".repeat(n / 15)).into_bytes(),
        |page| {
            let t = text(page);
            assert!(!t.contains("not text"));
            assert_eq!(t.matches("lock keeper").count(), 2, "{t}");
        },
    );
    // Never closed: everything after `<!--` is comment.
    let page = format!("{STORY}<!--{}", "<p>not text</p>".repeat((10 << 20) / 15));
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
}

#[test]
fn unclosed_script_at_the_start_swallows_the_page() {
    let page = format!("<script>var s = '<p>';\n{STORY}{STORY}");
    assert_eq!(text(page.as_bytes()), "");
    // The same for style, textarea and title: raw text is never page text.
    for tag in ["style", "textarea", "xmp", "plaintext", "noscript"] {
        let page = format!("<{tag}>{STORY}");
        let doc = clean(page.as_bytes()).unwrap();
        assert!(!doc.text.contains("<p>"), "{tag}: {:?}", doc.text);
    }
    let page = format!("<title>{STORY}");
    assert_eq!(text(page.as_bytes()), "");
}

#[test]
fn select_xmp_does_not_trip_lol_html() {
    // lol_html's strict mode refuses `<select><xmp>` (it cannot tell the
    // text type without a tree); unboil runs it non-strict.
    for page in [
        format!("<select><xmp>{STORY}</xmp></select>{STORY}"),
        format!("<select><option><xmp></select>{STORY}"),
        format!("<svg><select><xmp>{STORY}"),
        format!("<math><select><style>{STORY}</style></select></math>{STORY}"),
    ] {
        let doc = clean(page.as_bytes()).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(!doc.text.contains("<p>"), "{page}: {:?}", doc.text);
    }
    let page = format!("<select><xmp>x</xmp></select>{STORY}");
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
}

#[test]
fn hundred_thousand_stray_end_tags() {
    for tag in ["div", "p", "li", "td", "table", "body", "html", "x-y"] {
        linear(
            &format!("stray </{tag}>"),
            25_000,
            |n| format!("{STORY}{}", format!("</{tag}>").repeat(n)).into_bytes(),
            |page| assert_eq!(text(page), STORY_TEXT),
        );
    }
    let page = format!("{}{STORY}", "</div></p></span>".repeat(100_000));
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
}

#[test]
fn nul_bytes_never_reach_the_output() {
    let with_nuls = STORY.replace("lock", "lo\0ck").replace("dawn", "\0dawn\0");
    let page = format!("<html>\0<body>{with_nuls}\0\0</body>");
    assert_eq!(text(page.as_bytes()), STORY_TEXT);
    let pre = text(b"<pre>a\0b\n\0c</pre>");
    assert_eq!(pre, "ab\nc\n");
    // Mostly NULs (UTF-16 without a BOM looks like this): binary, unless forced.
    let utf16: Vec<u8> = STORY.bytes().flat_map(|b| [b, 0]).collect();
    assert!(matches!(clean(&utf16), Err(Error::Binary { .. })));
    let doc = clean_as(&utf16, InputKind::Html).unwrap();
    assert!(!doc.text.contains('\0'));
}

#[test]
fn truncated_or_corrupt_gzip_is_a_gzip_error() {
    let page = format!("<article>{}</article>", STORY.repeat(200));
    let gz = gzip(page.as_bytes());
    assert_eq!(text(&gz), text(page.as_bytes()), "intact gzip works");
    for cut in [2, 10, gz.len() / 2, gz.len() - 4] {
        let e = clean(&gz[..cut]).unwrap_err();
        assert!(matches!(e, Error::Gzip(_)), "cut at {cut}: {e:?}");
        assert!(e
            .to_string()
            .starts_with("gzip data is corrupt or truncated"));
    }
    let mut corrupt = gz.clone();
    let n = corrupt.len();
    corrupt[n - 8] ^= 0xff; // the CRC
    assert!(matches!(clean(&corrupt), Err(Error::Gzip(_))));
    let mut corrupt = gz;
    corrupt[3] = 0xff; // reserved flag bits
    assert!(matches!(clean(&corrupt), Err(Error::Gzip(_))));
}

#[test]
fn invalid_utf8_in_a_utf8_page_becomes_replacement_characters() {
    let page = b"<meta charset=utf-8><p>Caf\xC3 au lait \xFF\xFE costs \xE2\x82 two euros, said the waiter.</p>";
    let doc = clean(page).unwrap();
    assert_eq!(doc.encoding, Some("UTF-8"));
    assert_eq!(
        doc.text,
        "Caf\u{FFFD} au lait \u{FFFD}\u{FFFD} costs \u{FFFD} two euros, said the waiter.\n"
    );
    // A sequence cut at the very end of the page.
    let doc = clean(b"<meta charset=utf-8><p>The end, truly \xE2\x82").unwrap();
    assert_eq!(doc.text, "The end, truly \u{FFFD}\n");
}

#[test]
fn a_million_paragraph_tags() {
    linear(
        "<p> repeated",
        250_000,
        |n| "<p>".repeat(n).into_bytes(),
        |page| assert_eq!(text(page), ""),
    );
    let page = format!("{STORY}{}{STORY}", "<p> ".repeat(100_000));
    assert_eq!(text(page.as_bytes()).matches("lock keeper").count(), 2);
}

#[test]
fn memory_limit_below_the_parser_buffer_is_an_error_not_a_panic() {
    // lol_html preallocates 1 KiB and panicked on any smaller limit.
    for limit in [0, 1, 100, 1023] {
        let options = Options::default().with_memory_limit(limit);
        let e = unboil::clean(STORY.as_bytes(), &options).unwrap_err();
        assert!(matches!(e, Error::MemoryLimit { .. }), "{limit}: {e:?}");
    }
}

#[test]
fn tiny_memory_limit_is_an_error_and_stays_one() {
    let options = Options::default().with_memory_limit(1024);
    let page = format!("<div title=\"{}\">{STORY}</div>", "x".repeat(64 << 10));
    let e = unboil::clean(page.as_bytes(), &options).unwrap_err();
    assert!(matches!(e, Error::MemoryLimit { limit: 1024 }), "{e:?}");
    assert!(e.to_string().contains("memory limit of 1024 bytes"), "{e}");

    // Streaming, raw and gzip'd: once failed, every later call says so
    // (lol_html itself panics when used after an error).
    for bytes in [page.as_bytes().to_vec(), gzip(page.as_bytes())] {
        let mut c = Cleaner::new(options.clone());
        let mut first = None;
        for chunk in bytes.chunks(4096) {
            if let Err(e) = c.write(chunk) {
                first = Some(e);
                break;
            }
        }
        let first = first.expect("the limit is hit while writing");
        assert!(matches!(first, Error::MemoryLimit { .. }), "{first:?}");
        assert!(matches!(
            c.write(b"<p>more"),
            Err(Error::MemoryLimit { .. })
        ));
        assert!(matches!(c.finish(), Err(Error::MemoryLimit { .. })));
    }
}

#[test]
fn a_panic_inside_a_page_is_caught_and_the_next_page_cleans() {
    // The pipeline's last line of defence: a panic becomes the page's error.
    let r: Result<(), String> = unboil::pipeline::catch_page(|| {
        let mut c = Cleaner::new(Options::default());
        c.write(STORY.as_bytes()).unwrap();
        panic!("a bug while cleaning");
    });
    let e = r.unwrap_err();
    assert!(e.contains("panicked (a bug while cleaning)"), "{e}");
    assert!(!unboil::pipeline::catching_panic());
    assert_eq!(text(STORY.as_bytes()), STORY_TEXT);
}

#[test]
fn a_page_over_the_size_cap_fails_as_it_passes_it_even_gzipped() {
    let options = Options::default().with_max_page_size(1 << 20);
    let page = STORY.repeat((2 << 20) / STORY.len());
    for bytes in [page.as_bytes().to_vec(), gzip(page.as_bytes())] {
        let mut c = Cleaner::new(options.clone());
        let mut failed = None;
        for chunk in bytes.chunks(64 * 1024) {
            if let Err(e) = c.write(chunk) {
                failed = Some(e);
                break;
            }
        }
        let e = failed.expect("fails while writing");
        assert!(
            matches!(e, Error::TooLarge { limit } if limit == 1 << 20),
            "{e}"
        );
        assert!(c.page_bytes() <= (1 << 20) + 64 * 1024 * 4);
    }
    // Exactly at the cap is fine.
    let page = "x".repeat(1 << 20);
    assert!(unboil::clean(page.as_bytes(), &options).is_ok());
}

/// Runs `f` on a thread with a stack of `mb` MiB, so a deep walk shows its
/// time (or its result) instead of overflowing the test thread's stack.
fn with_stack<T: Send + 'static>(mb: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(mb << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// 100,000 nested inline elements of every kind the renderers walk, in
/// every format, through the binary: a stack overflow aborts the process
/// (exit 134), which here fails the test instead of the whole suite. The
/// renderers keep 32 levels of inline markup; deeper ones are plain text.
#[test]
fn hundred_thousand_nested_inline_elements_in_every_format() {
    let tags = ["em", "b", "i", "strong", "code", "kbd", "span"];
    let open: String = (0..100_000)
        .map(|k| format!("<{}>", tags[k % tags.len()]))
        .collect();
    let page = format!(
        "<article>{STORY}<p>Deep {open}inside <img src=/i.png alt=\"an image\"> the <a href=/x>markup</a>, \
         with words enough to make a paragraph of it.</p>{STORY}</article>"
    );
    let path =
        std::env::temp_dir().join(format!("unboil-nested-inline-{}.html", std::process::id()));
    std::fs::write(&path, &page).unwrap();
    let formats: &[&[&str]] = &[
        &["--format", "text"],
        &["--format", "markdown", "--links", "--images"],
        &["--format", "html", "--links", "--images"],
        &[
            "--format",
            "json",
            "--json-body",
            "markdown",
            "--links",
            "--images",
        ],
        &[
            "--format",
            "json",
            "--json-body",
            "html",
            "--links",
            "--images",
        ],
    ];
    for args in formats {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_unboil"))
            .args(*args)
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("lock keeper"), "{args:?}");
        assert!(stdout.contains("inside"), "{args:?}");
        if args[1] == "html" {
            let tags = stdout.matches("<em>").count()
                + stdout.matches("<strong>").count()
                + stdout.matches("<code>").count();
            assert_eq!(tags, 32, "inline tags kept");
        }
    }
    std::fs::remove_file(&path).unwrap();
}

/// Emphasis that cannot flank (quotes inside, letters outside) nested deep:
/// the Markdown renderer once wrote each such span twice, its subtree again
/// on every level, cubic in the depth.
#[test]
fn markdown_of_deep_emphasis_that_cannot_flank_is_linear() {
    with_stack(512, || {
        linear(
            "non-flanking emphasis",
            250,
            |n| {
                let open = "x<em>\"<b>\"".repeat(n);
                let close = "\"</b>\"</em>x".repeat(n);
                format!("<article>{STORY}<p>Deep {open}word{close}</p></article>").into_bytes()
            },
            |page| {
                let options = Options::default().with_structure(true);
                let doc = unboil::clean(page, &options).unwrap();
                let md = unboil::render::markdown(&doc, &unboil::render::Style::default());
                assert!(md.contains("word"), "{md}");
            },
        )
    });
}

/// Many adjacent inline spans in one block (`<i>a</i><i>b</i> …`, each
/// pair joined into one emphasis): joining once looked at every span
/// before it, quadratic in the spans of a block. The page is fed straight
/// to the segmenter, where spans are made, so parsing and selection add no
/// linear time that would hide the quadratic part.
#[test]
fn many_adjacent_inline_spans_join_in_linear_time() {
    use lol_html::html_content::TextType;
    use unboil::block::{SpanKind, Tag};
    use unboil::segment::{Detail, Segmenter};
    linear(
        "adjacent spans",
        20_000,
        |n| vec![0; n],
        |units| {
            let detail = Detail {
                structure: true,
                ..Detail::default()
            };
            let mut seg = Segmenter::with_detail(detail);
            let p = seg.start(Tag::P, &Default::default(), true).unwrap();
            seg.text("Spans:", TextType::Data, true);
            for _ in units {
                for t in ["a", "b"] {
                    let i = seg.start(Tag::from_name("i"), &Default::default(), true);
                    seg.open_span(SpanKind::Emphasis);
                    seg.text(t, TextType::Data, true);
                    seg.end(i.unwrap());
                }
                seg.text(" ", TextType::Data, true);
            }
            seg.end(p);
            let segments = seg.finish();
            let b = &segments.blocks[0];
            // Each `ab` pair is one emphasis.
            assert_eq!(b.spans.len(), units.len());
            assert!(b
                .spans
                .iter()
                .all(|s| &b.text[s.start as usize..s.end as usize] == "ab"));
        },
    );
}

/// Two long texts with nothing in common: Myers' diff is quadratic in
/// their length unless it is given a deadline, after which it gives up on
/// a minimal diff and reports the rest as removed and added.
#[test]
fn diff_of_long_different_texts_is_linear() {
    linear(
        "diff",
        1_000,
        |n| {
            (0..n)
                .map(|i| format!("old line {i}\n"))
                .collect::<String>()
                .into_bytes()
        },
        |old| {
            let old = std::str::from_utf8(old).unwrap();
            let new = old.replace("old", "new");
            let d = unboil::report::diff(old, &new, "a", "b", false);
            let lines = old.lines().count();
            assert_eq!(d.lines().filter(|l| l.starts_with("-old")).count(), lines);
            assert_eq!(d.lines().filter(|l| l.starts_with("+new")).count(), lines);
            let s = unboil::report::LineStat::of(old, &new);
            assert_eq!((s.lines_removed, s.lines_added), (lines, lines));
        },
    );
}
