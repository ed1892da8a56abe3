//! Fuzz target: any bytes through `unboil`. The first four bytes choose
//! every option (favor, input kind, comments, structure, metadata, images,
//! links, the page URL, a small parser memory limit, a charset hint,
//! `--drop`/`--keep` selectors), the output format (text, Markdown, HTML,
//! JSON with a text, Markdown or HTML body) and a report function
//! (`explain`, `explain --json`, `diff`, `diff --stat`, line counts, two
//! cleanings compared); the rest is the page, up to what `-max_len` allows
//! (run with `-max_len=131072` or more, see README.md).
//!
//! Besides "never panic" it checks what must hold for every page: one
//! decision per block, no U+0000 in the text, text empty or ending in a
//! newline, every span on character boundaries, the same result whether the
//! page arrives in one piece or in small chunks, and safe output: HTML (alone
//! or as the JSON body) is exactly what ammonia leaves with the allow-list
//! `render::html` promises, Markdown holds no raw HTML and its link and
//! image targets, like the JSON `url` and `image`, are `http`, `https`,
//! `mailto` or relative as the WHATWG URL parser (the `url` crate) reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unboil::render::{self, Body, Style};
use unboil::{report, Cleaner, Document, Encoding, Error, Favor, InputKind, Options};

// `sanitize` (ammonia with our allow-list) and `safe_url`, shared with the tests.
#[path = "../../tests/common/sanitize.rs"]
mod sanitize;
use sanitize::{safe_url, sanitize};

/// What the first bytes chose.
struct Config {
    options: Options,
    style: Style,
    format: Format,
    report: u8,
}

#[derive(Clone, Copy, Debug)]
enum Format {
    Text,
    Markdown,
    Html,
    Json(Body),
}

const URLS: [Option<&str>; 4] = [
    None,
    Some("https://example.com/a/b.html?q=1#f"),
    Some("mailto:desk@example.com"),
    // A page URL nobody should trust: never in the output.
    Some(" JavaScript://x/%0Aalert(1)"),
];
const CHARSETS: [&[u8]; 4] = [b"windows-1252", b"shift_jis", b"utf-16le", b"gb18030"];
const SELECTORS: [&str; 4] = ["nav", "div.ad", "aside, footer", "p:nth-child(2)"];

fn config(b: [u8; 4]) -> Config {
    let bit = |byte: u8, n: u8| b[usize::from(byte)] & (1 << n) != 0;
    let options = Options::default()
        .with_favor(match b[0] & 3 {
            1 => Favor::Precision,
            2 => Favor::Recall,
            _ => Favor::Balanced,
        })
        .with_input(match (b[0] >> 2) & 3 {
            1 => InputKind::Html,
            2 => InputKind::Text,
            _ => InputKind::Auto,
        })
        .with_comments(bit(0, 4))
        .with_structure(bit(0, 5))
        .with_metadata(bit(0, 6))
        .with_images(bit(0, 7))
        .with_url(URLS[usize::from((b[1] >> 4) & 3)].map(str::to_string))
        .with_memory_limit(if bit(1, 6) {
            64 << 10
        } else {
            Options::default().memory_limit
        })
        .with_charset(
            bit(1, 7)
                .then(|| Encoding::for_label(CHARSETS[usize::from(b[2] & 3)]))
                .flatten(),
        )
        .with_drop(if bit(2, 5) {
            vec![SELECTORS[usize::from(b[3] & 3)].to_string()]
        } else {
            Vec::new()
        })
        .with_keep(if bit(2, 6) {
            vec![SELECTORS[usize::from((b[3] >> 2) & 3)].to_string()]
        } else {
            Vec::new()
        })
        // A small page cap now and then, so its error path is fuzzed too.
        .with_max_page_size(if bit(2, 7) {
            16 << 10
        } else {
            Options::default().max_page_size
        });
    let format = match b[1] & 7 {
        1 | 6 => Format::Markdown,
        2 | 7 => Format::Html,
        3 => Format::Json(Body::Text),
        4 => Format::Json(Body::Markdown),
        5 => Format::Json(Body::Html),
        _ => Format::Text,
    };
    Config {
        options,
        style: Style { links: bit(1, 3) },
        format,
        report: (b[2] >> 2) & 7,
    }
}

fn check_html(html: &str) {
    assert_eq!(sanitize(html), html, "ammonia changed the HTML");
}

fn check_markdown(md: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(safe_url(&dest_url), "Markdown target {dest_url:?}\n{md}");
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in Markdown\n{md}"),
            _ => {}
        }
    }
}

fn render(doc: &Document, format: Format, style: &Style) {
    match format {
        Format::Text => {}
        Format::Markdown => check_markdown(&render::markdown(doc, style)),
        Format::Html => check_html(&render::html(doc, style)),
        Format::Json(body) => {
            let o = render::json(doc, body, style);
            for key in ["url", "image"] {
                if let Some(v) = o.get(key) {
                    let v = v.as_str().expect("a string");
                    assert!(safe_url(v), "JSON {key} {v:?}");
                }
            }
            if let Some(h) = o.get("html") {
                check_html(h.as_str().expect("a string"));
            }
            if let Some(m) = o.get("markdown") {
                check_markdown(m.as_str().expect("a string"));
            }
            let line = serde_json::to_string(&o).expect("serialises");
            assert!(!line.contains('\n'));
        }
    }
}

fn run_report(doc: &Document, which: u8, page: &[u8], options: &Options) {
    match which {
        1 => {
            let _ = report::explain(doc);
        }
        2 => {
            let _ = report::explain_json(doc);
        }
        3 | 4 => {
            let _ = report::page_diff(doc, "page", which == 4);
        }
        5 => {
            let s = report::Stat::of(doc);
            assert_eq!(s.blocks, doc.blocks.len());
            let _ = s.to_string();
        }
        6 => {
            let _ = report::LineStat::of(&report::full_text(doc), &doc.text);
        }
        7 => {
            // `diff --against-favor recall`.
            let other = options.clone().with_favor(Favor::Recall);
            if let Ok(b) = unboil::clean(page, &other) {
                let _ = report::compare_stat(doc, &b, "a", "b");
                let _ = report::diff(&doc.text, &b.text, "a", "b", false);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((head, page)) = data.split_first_chunk::<4>() else {
        return;
    };
    let c = config(*head);
    let opts = &c.options;
    let whole = unboil::clean(page, opts);
    if let Ok(doc) = &whole {
        assert_eq!(doc.blocks.len(), doc.decisions.len());
        assert!(!doc.text.contains('\0'));
        assert!(doc.text.is_empty() || doc.text.ends_with('\n'));
        for b in &doc.blocks {
            for s in &b.spans {
                let (start, end) = (s.start as usize, s.end as usize);
                assert!(start < end && end <= b.text.len(), "{s:?} in {:?}", b.text);
                assert!(b.text.is_char_boundary(start) && b.text.is_char_boundary(end));
            }
        }
        render(doc, c.format, &c.style);
        run_report(doc, c.report, page, opts);
    }

    let chunk = 1 + page.len() % 61;
    let mut cleaner = Cleaner::new(opts.clone());
    let streamed = page
        .chunks(chunk)
        .try_for_each(|piece| cleaner.write(piece))
        .and_then(|()| cleaner.finish());
    // lol_html's memory use depends on how the input is chunked, so with the
    // small limit only one side may fail; past 64 KiB, charset detection
    // sees a prefix when streaming and the whole page otherwise.
    if opts.memory_limit == Options::default().memory_limit && page.len() < 64 << 10 {
        match (&whole, &streamed) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.text, b.text);
                assert_eq!(a.encoding, b.encoding);
            }
            // Both refuse the page, but a stream cannot know its size
            // before it has read that much: it may see a binary-looking
            // start first where the whole page is over the size cap first.
            (Err(Error::TooLarge { .. }), Err(Error::Binary { .. }))
            | (Err(Error::Binary { .. }), Err(Error::TooLarge { .. })) => {}
            (Err(a), Err(b)) => assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b)),
            (a, b) => panic!("whole: {a:?}\nstreamed in {chunk}-byte chunks: {b:?}"),
        }
    }
});
