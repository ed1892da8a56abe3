//! Fuzz target: any bytes through `unboil::Cleaner`. The first byte picks
//! the options (favor, input kind, comments, a small parser memory limit,
//! structure and metadata with the Markdown/HTML/JSON renderers, a charset
//! hint), the rest is the page. Besides "never panic" it checks what
//! must hold for every page: one decision per block, no U+0000 in the text,
//! text empty or ending in a newline, and the same result whether the page
//! arrives in one piece or in small chunks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unboil::{render, Cleaner, Encoding, Favor, InputKind, Options};

fn options(b: u8) -> Options {
    Options {
        favor: match b & 3 {
            1 => Favor::Precision,
            2 => Favor::Recall,
            _ => Favor::Balanced,
        },
        input: match (b >> 2) & 3 {
            1 => InputKind::Html,
            2 => InputKind::Text,
            _ => InputKind::Auto,
        },
        comments: b & 0x10 != 0,
        memory_limit: if b & 0x20 != 0 {
            64 << 10
        } else {
            Options::default().memory_limit
        },
        // Inline structure and metadata for the Markdown, HTML and JSON renderers.
        structure: b & 0x40 != 0,
        metadata: b & 0x40 != 0,
        url: (b & 0x40 != 0).then(|| "https://example.com/a/b.html".to_string()),
        charset: if b & 0x80 != 0 {
            Encoding::for_label(
                [&b"windows-1252"[..], b"shift_jis", b"utf-16le", b"gb18030"][usize::from(b & 3)],
            )
        } else {
            None
        },
        ..Options::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, page)) = data.split_first() else {
        return;
    };
    let opts = options(first);
    let whole = unboil::clean(page, &opts);
    if let Ok(doc) = &whole {
        assert_eq!(doc.blocks.len(), doc.decisions.len());
        assert!(!doc.text.contains('\0'));
        assert!(doc.text.is_empty() || doc.text.ends_with('\n'));
        if opts.structure {
            let style = render::Style { links: true };
            let _ = render::markdown(doc, &style);
            let _ = render::html(doc, &style);
            let _ = render::json(doc, render::Body::Markdown, &style);
        }
    }

    let chunk = 1 + page.len() % 61;
    let mut c = Cleaner::new(opts.clone());
    let streamed = page
        .chunks(chunk)
        .try_for_each(|piece| c.write(piece))
        .and_then(|()| c.finish());
    // lol_html's memory use depends on how the input is chunked, so with the
    // small limit only one side may fail; past 64 KiB, charset detection
    // sees a prefix when streaming and the whole page otherwise.
    if opts.memory_limit == Options::default().memory_limit && page.len() < 64 << 10 {
        match (&whole, &streamed) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.text, b.text);
                assert_eq!(a.encoding, b.encoding);
            }
            (Err(a), Err(b)) => assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b)),
            (a, b) => panic!("whole: {a:?}\nstreamed in {chunk}-byte chunks: {b:?}"),
        }
    }
});
