//! Property tests over generated tag soup: small pages built from text,
//! entities, start and end tags (with the class/id/role/hidden attributes
//! that steer selection) and markup junk. For every page cleaning must not
//! panic or fail; the output, with white space removed, must be a
//! subsequence of the page's decoded text with white space removed (unboil
//! removes, it never invents or reorders; the table-cell separator " | " is
//! the one thing render adds, and the generator never writes '|'); and
//! feeding the page in chunks of any size must give the same document.
//! Bounded to a few hundred cases so it runs in `cargo test`; the fuzz
//! target in `fuzz/` explores further.

use proptest::prelude::*;
use proptest::sample::select;

const WORDS: &[&str] = &[
    "the",
    "harbour",
    "council",
    "voted,",
    "on",
    "Monday",
    "to",
    "rebuild",
    "pier.",
    "Rain",
    "fell",
    "again;",
    "café",
    "naïve",
    "Grüße",
    "日本語",
    "текст",
    "—",
    "“quoted”",
    "a>b",
    "x/y",
    "it's",
    "\"q\"",
    "=",
    "Source link",
    "Scroll to Top",
    "Advertisement",
    "Share this",
];
const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&eacute;",
    "&#8212;",
    "&#x2014;",
    "&nbsp;",
    "&copy;",
    "&",
    "&bogus;",
    "&amp",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&lt;p&gt;",
];
const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "a",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "table",
    "tbody",
    "h1",
    "h2",
    "h3",
    "br",
    "img",
    "hr",
    "article",
    "main",
    "nav",
    "header",
    "footer",
    "aside",
    "section",
    "pre",
    "code",
    "b",
    "em",
    "blockquote",
    "script",
    "style",
    "title",
    "noscript",
    "template",
    "svg",
    "math",
    "form",
    "select",
    "option",
    "textarea",
    "figure",
    "figcaption",
    "xmp",
    "iframe",
    "body",
    "html",
    "head",
    "caption",
    "button",
    "label",
];
const ATTRS: &[&str] = &[
    "",
    "",
    "",
    " class=\"content\"",
    " class=\"entry-content post\"",
    " class=\"nav menu\"",
    " id=\"sidebar\"",
    " class=\"share-bar\"",
    " class=\"comments\"",
    " hidden",
    " style=\"display:none\"",
    " aria-hidden=\"true\"",
    " role=\"main\"",
    " role=\"navigation\"",
    " itemprop=\"articleBody\"",
    " href=\"/x?a=1&amp;b=2\"",
    " title=\"a &lt; b\"",
    " class=unquoted",
];
const JUNK: &[&str] = &[
    "<",
    "</",
    ">",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<![CDATA[x]]>",
    "<?xml?>",
    "\"",
    "'",
    "=",
    "</>",
    "<p/>",
    "<br/>",
    "<!-- c -->",
    "< p>",
    "<3",
    "\r\n",
    "\t",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(select(WORDS), 1..12).prop_map(|w| w.join(" ")),
        1 => select(ENTITIES).prop_map(String::from),
        3 => (select(TAGS), select(ATTRS)).prop_map(|(t, a)| format!("<{t}{a}>")),
        2 => select(TAGS).prop_map(|t| format!("</{t}>")),
        1 => select(JUNK).prop_map(String::from),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..60).prop_map(|t| t.concat())
}

fn kind() -> impl Strategy<Value = unboil::InputKind> {
    prop_oneof![
        Just(unboil::InputKind::Auto),
        Just(unboil::InputKind::Html),
        Just(unboil::InputKind::Text),
    ]
}

fn no_space(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `needle` can be had from `hay` by deleting characters.
fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut hay = hay.iter();
    needle.iter().all(|c| hay.any(|h| h == c))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn output_is_a_subsequence_of_the_page_text(page in page(), input in kind()) {
        prop_assert!(!page.contains('|'));
        let options = unboil::Options::default().with_input(input);
        let doc = unboil::clean(page.as_bytes(), &options)
            .map_err(|e| TestCaseError::fail(format!("error: {e}")))?;
        prop_assert_eq!(doc.blocks.len(), doc.decisions.len());
        prop_assert!(!doc.text.contains('\0'));
        prop_assert!(doc.text.is_empty() || doc.text.ends_with('\n'));
        // Plain text keeps its characters as they are; HTML text has its
        // character references decoded (tags and attributes in the reference
        // only make it more lenient).
        let reference = if doc.plain_text {
            page.clone()
        } else {
            unboil::segment::decode_entities(&page).into_owned()
        };
        let out: Vec<char> = no_space(&doc.text).into_iter().filter(|&c| c != '|').collect();
        prop_assert!(
            is_subsequence(&out, &no_space(&reference)),
            "output {:?} is not taken from the page", doc.text
        );
    }

    #[test]
    fn chunking_does_not_change_the_document(page in page(), chunk in 1usize..40) {
        let whole = unboil::clean(page.as_bytes(), &unboil::Options::default()).unwrap();
        let mut c = unboil::Cleaner::new(unboil::Options::default());
        for piece in page.as_bytes().chunks(chunk) {
            c.write(piece).unwrap();
        }
        let streamed = c.finish().unwrap();
        prop_assert_eq!(&streamed.text, &whole.text);
        prop_assert_eq!(streamed.encoding, whole.encoding);
        prop_assert_eq!(streamed.plain_text, whole.plain_text);
        prop_assert_eq!(streamed.title, whole.title);
        prop_assert_eq!(streamed.blocks.len(), whole.blocks.len());
    }
}

#[test]
fn the_subsequence_check_can_fail() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert!(is_subsequence(&c("ace"), &c("abcde")));
    assert!(!is_subsequence(&c("ea"), &c("abcde")), "order matters");
    assert!(!is_subsequence(&c("aa"), &c("abcde")), "no duplicates");
    assert!(!is_subsequence(&c("x"), &c("abcde")));
}

/// Inline-heavy pages: emphasis, code, links and images (with alt texts)
/// nested at random around text with characters that text normalisation
/// drops or treats specially (NUL, U+00A0, combining marks, emoji, CR).
fn inline_page() -> impl Strategy<Value = String> {
    let text = select(vec![
        "word",
        "é",
        "日本語",
        "\0",
        "é\0\0",
        "\u{a0}",
        "e\u{301}\u{302}",
        "👍🏽",
        "🇫🇷",
        " ",
        "\r\n",
        "\t",
        "&#0;",
        "&nbsp;",
        "\u{200b}",
        "\u{feff}",
        "\u{b}",
        "a,b",
    ])
    .prop_map(str::to_string);
    let alt = select(vec![
        "alt",
        "é\0",
        "\0\0",
        "日本\0\0x",
        "\u{a0}\u{a0}",
        "e\u{301}",
        "👍\0",
        "",
        " ",
        "&#0;é",
    ]);
    let leaf = prop_oneof![
        4 => text,
        1 => alt.prop_map(|a| format!("<img src=\"/i.png\" alt=\"{a}\">")),
        1 => Just("<br>".to_string()),
    ];
    let inline = leaf.prop_recursive(5, 40, 5, |inner| {
        (
            select(vec![
                "em",
                "b",
                "i",
                "strong",
                "code",
                "kbd",
                "a href=\"/x\"",
                "span",
            ]),
            prop::collection::vec(inner, 1..5),
            any::<bool>(),
        )
            .prop_map(|(tag, kids, close)| {
                let name = tag.split(' ').next().unwrap_or(tag);
                let end = if close {
                    format!("</{name}>")
                } else {
                    String::new()
                };
                format!("<{tag}>{}{end}", kids.concat())
            })
    });
    (
        prop::collection::vec((select(vec!["p", "li", "td", "h2", "pre", "div"]), inline), 1..6),
        prop::collection::vec(token(), 0..8),
    )
        .prop_map(|(blocks, junk)| {
            let body: String = blocks
                .iter()
                .map(|(tag, inner)| format!("<{tag}>Plain words, then {inner} and more.</{tag}>"))
                .collect();
            format!("<article><p>A paragraph of filler prose, long enough, with commas.</p>{body}{}</article>", junk.concat())
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every span of every block lies on character boundaries inside its
    /// block's text, is not empty, has no white space at either end, and
    /// spans nest (as `Span` promises), whatever the page does.
    #[test]
    fn spans_are_on_char_boundaries(page in inline_page(), chunk in 1usize..64) {
        let options = unboil::Options::default()
            .with_structure(true)
            .with_images(true)
            .with_favor(unboil::Favor::Recall);
        let mut c = unboil::Cleaner::new(options.clone());
        for piece in page.as_bytes().chunks(chunk) {
            c.write(piece).unwrap();
        }
        let streamed = c.finish().unwrap();
        let doc = unboil::clean(page.as_bytes(), &options).unwrap();
        for d in [&doc, &streamed] {
            for b in &d.blocks {
                let mut holders: Vec<u32> = Vec::new();
                for s in &b.spans {
                    let (start, end) = (s.start as usize, s.end as usize);
                    prop_assert!(start < end && end <= b.text.len(), "{:?} in {:?}", s, b.text);
                    prop_assert!(
                        b.text.is_char_boundary(start) && b.text.is_char_boundary(end),
                        "{:?} in {:?}", s, b.text
                    );
                    let inner = &b.text[start..end];
                    prop_assert_eq!(inner.trim(), inner, "{:?} in {:?}", s, b.text);
                    while holders.last().is_some_and(|&e| e <= s.start) {
                        holders.pop();
                    }
                    prop_assert!(holders.last().is_none_or(|&e| s.end <= e), "{:?} crosses in {:?}", s, b.spans);
                    holders.push(s.end);
                }
            }
            let style = unboil::render::Style { links: true };
            let _ = unboil::render::markdown(d, &style);
            let _ = unboil::render::html(d, &style);
        }
        let parts = |d: &unboil::Document| -> Vec<(String, Vec<unboil::block::Span>)> {
            d.blocks.iter().map(|b| (b.text.clone(), b.spans.clone())).collect()
        };
        prop_assert_eq!(parts(&streamed), parts(&doc));
    }
}

/// The panic that `spans_are_on_char_boundaries` found: an alt text whose
/// NUL the text normalisation drops, after a multibyte character.
#[test]
fn alt_text_with_nul_after_a_multibyte_character() {
    let options = unboil::Options::default()
        .with_structure(true)
        .with_images(true);
    for page in [
        "<p>é<img src=x alt=\"x\0\0\"> tail</p>",
        "<p><img src=x alt=\"\0\0\0\"></p>",
        "<p>日本<br><img src=x alt=\"é\0\0\0\0\">words</p>",
        "<pre>é<img src=x alt=\"x\0\0\"></pre>",
    ] {
        let doc = unboil::clean(page.as_bytes(), &options).unwrap();
        for b in &doc.blocks {
            for s in &b.spans {
                assert!(b.text.is_char_boundary(s.start as usize), "{page:?}: {s:?}");
                assert!(b.text.is_char_boundary(s.end as usize), "{page:?}: {s:?}");
            }
        }
    }
}
