//! The Markdown, HTML and JSON outputs: snapshots of every corpus page in
//! every format (top-level `snapshots/`, as `markdown__<page>`,
//! `html__<page>`, `json__<page>`), Markdown read back with pulldown-cmark
//! (the same words and the same structure as the kept blocks), and HTML that
//! ammonia finds nothing to remove from (with the allow-list `render::html`
//! promises: its tags, `href`, `src` and `alt`, and `http`, `https`,
//! `mailto` or relative URLs), on the corpus and on generated hostile input,
//! with link and image URLs built to slip past a scheme check.

mod common;
use common::corpus_pages;
use common::sanitize::{safe_url, sanitize};

use std::path::Path;

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unboil::block::{BlockKind, SpanKind};
use unboil::render::{self, Body, Style};
use unboil::{Document, Favor, Options};

fn options() -> Options {
    Options::default().with_structure(true).with_metadata(true)
}

const LINKS: Style = Style { links: true };

fn corpus_docs() -> Vec<(String, Document)> {
    corpus_pages()
        .into_iter()
        .map(|page| {
            let bytes = std::fs::read(&page).unwrap();
            let doc = unboil::clean(&bytes, &options()).unwrap();
            let name = page.file_stem().unwrap().to_string_lossy().into_owned();
            (name, doc)
        })
        .collect()
}

#[test]
fn corpus_format_snapshots() {
    let docs = corpus_docs();
    assert!(docs.len() >= 15, "corpus has {} pages", docs.len());
    for (name, doc) in &docs {
        let json = serde_json::to_string_pretty(&render::json(doc, Body::Text, &LINKS)).unwrap();
        let outputs = [
            ("markdown", render::markdown(doc, &LINKS)),
            ("html", render::html(doc, &LINKS)),
            ("json", json),
        ];
        for (format, out) in outputs {
            insta::with_settings!({
                snapshot_path => "../snapshots",
                prepend_module_to_snapshot => false,
                description => format!("{format} output (--links) of corpus/{name}.html"),
            }, {
                insta::assert_snapshot!(format!("{format}__{name}"), out);
            });
        }
    }
}

#[test]
fn structure_and_metadata_leave_the_text_alone() {
    for page in corpus_pages() {
        let bytes = std::fs::read(&page).unwrap();
        let plain = unboil::clean(&bytes, &Options::default()).unwrap();
        let rich = unboil::clean(&bytes, &options()).unwrap();
        assert_eq!(plain.text, rich.text, "{}", page.display());
        assert_eq!(plain.decisions, rich.decisions, "{}", page.display());
    }
}

/// What a Markdown rendering shows: its words, and counts of the structure.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shown {
    words: Vec<String>,
    headings: Vec<u8>,
    items: usize,
    quotes_text: usize,
    code_blocks: usize,
    cells: usize,
    emphasis: usize,
    strong: usize,
    code: usize,
    links: Vec<String>,
}

fn read_markdown(md: &str) -> Shown {
    let mut shown = Shown::default();
    let mut text = String::new();
    let mut quote_depth = 0;
    let opts = pulldown_cmark::Options::ENABLE_TABLES;
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Text(t) => {
                if quote_depth > 0 {
                    shown.quotes_text += 1;
                }
                text.push_str(&t)
            }
            Event::Code(t) => {
                shown.code += 1;
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Heading { level, .. }) => shown.headings.push(level as u8),
            Event::Start(Tag::Item) => {
                shown.items += 1;
                text.push(' ')
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth -= 1;
                text.push(' ')
            }
            Event::Start(Tag::CodeBlock(_)) => shown.code_blocks += 1,
            Event::Start(Tag::TableCell) => shown.cells += 1,
            Event::Start(Tag::Emphasis) => shown.emphasis += 1,
            Event::Start(Tag::Strong) => shown.strong += 1,
            Event::Start(Tag::Link { dest_url, .. }) => shown.links.push(dest_url.to_string()),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in Markdown: {h:?}\n{md}"),
            _ => {}
        }
    }
    shown.words = text.split_whitespace().map(str::to_string).collect();
    shown
}

/// What the kept blocks say should show.
fn expected(doc: &Document, links: bool) -> Shown {
    let mut shown = Shown::default();
    let mut text = String::new();
    let mut cells = std::collections::HashSet::new();
    let mut items = std::collections::HashSet::new();
    for (b, d) in doc.blocks.iter().zip(&doc.decisions) {
        if !d.kept() {
            continue;
        }
        // CommonMark reads NUL as U+FFFD; the Markdown writes it so.
        text.push_str(&b.text.replace('\0', "\u{fffd}"));
        text.push(' ');
        match b.kind {
            BlockKind::Heading(n) => shown.headings.push(n),
            BlockKind::Pre => shown.code_blocks += 1,
            _ => {}
        }
        if b.ctx.item != 0 && items.insert(b.ctx.item) {
            shown.items += 1;
        }
        if b.kind == BlockKind::Cell && b.ctx.table != 0 {
            cells.insert(b.ctx.cell);
        }
        if b.kind != BlockKind::Pre {
            for s in &b.spans {
                match &s.kind {
                    SpanKind::Emphasis => shown.emphasis += 1,
                    SpanKind::Strong => shown.strong += 1,
                    SpanKind::Code => shown.code += 1,
                    SpanKind::Link(href) if links => {
                        let base = doc.meta.base.as_deref();
                        if let Some(url) = unboil::link::resolve(base, href) {
                            shown.links.push(url);
                        }
                    }
                    SpanKind::Link(_) | SpanKind::Image(_) => {}
                }
            }
        }
    }
    shown.cells = cells.len();
    shown.words = text.split_whitespace().map(str::to_string).collect();
    shown
}

#[test]
fn corpus_markdown_reads_back_as_the_page_meant() {
    for (name, doc) in corpus_docs() {
        let md = render::markdown(&doc, &LINKS);
        let mut got = read_markdown(&md);
        let want = expected(&doc, true);
        // Markdown tables pad short rows; count the cells the page has.
        got.cells = got.cells.min(want.cells);
        got.quotes_text = 0;
        // Link targets are percent-encoded where Markdown needs it.
        got.links = got.links.iter().map(|l| l.replace("%20", " ")).collect();
        assert_eq!(got, want, "{name}:\n{md}");
    }
}

#[test]
fn corpus_html_is_what_ammonia_would_leave() {
    for (name, doc) in corpus_docs() {
        let html = render::html(&doc, &LINKS);
        assert_eq!(sanitize(&html), html, "{name}");
    }
}

/// Pieces of hostile-ish HTML: structure, inline markup, dangerous
/// elements, attributes and URLs, and text full of markup characters.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "<caption>",
        "<thead>",
        "<blockquote>",
        "</blockquote>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<h1>",
        "</h1>",
        "<h3>",
        "</h3>",
        "<br>",
        "<br><br>",
        "</a>",
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        "<span onclick=\"evil()\">",
        "</span>",
        "<img src=x onerror=\"alert(1)\">",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<svg onload=alert(1)>",
        "<math><mi>x</mi></math>",
        "<!-- c -->",
        "<noscript><p>n</p></noscript>",
        "<a href=\"javascript:alert(1)\">",
        "<a href=\" JaVaScRiPt:alert(1)\">",
        "<a href=\"java&#x09;script:alert(1)\">",
        "<a href=\"data:text/html,<script>x</script>\">",
        "<a href=\"/relative?a=1&amp;b=2\">",
        "<a href=\"https://example.com/x y\">",
        "<a href='mailto:a@b.c'>",
        "<a href=\"vbscript:x\">",
        "<a href=\"&quot;onmouseover=x\">",
        "<form><input value=x></form>",
        "<textarea>t</textarea>",
        "<template><p>t</p></template>",
        "&lt;script&gt;",
        "&amp;",
        "&nbsp;",
        "\u{a0}",
        "&#0;",
        "\u{0}",
        "&quot;",
        "\"",
        "'",
        "<",
        ">",
        "&",
        "*",
        "_",
        "`",
        "#",
        "1.",
        "- ",
        "[x](y)",
        "|",
        "\\",
        "~",
        "\n",
        " ",
        "é",
        "日本",
        "\u{202e}",
        "Words of a plain sentence, with commas, and more words. ",
    ]);
    prop_oneof![
        3 => fixed.prop_map(str::to_string),
        1 => "[a-zA-Z ,.]{1,40}",
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| {
        format!(
            "<html><body><article><p>A paragraph of filler prose, long enough, with commas, \
             to make the article count.</p>{}</article></body></html>",
            pieces.concat()
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn generated_html_is_what_ammonia_would_leave(page in page(), links in any::<bool>()) {
        let options = options().with_favor(Favor::Recall);
        let doc = unboil::clean(page.as_bytes(), &options).unwrap();
        let html = render::html(&doc, &Style { links });
        prop_assert_eq!(sanitize(&html), html.clone());
        let lower = html.to_ascii_lowercase();
        for bad in ["<script", "<style", "javascript:", "data:", "onclick", "onerror", "<img", "<iframe"] {
            prop_assert!(!lower.contains(bad), "{} in {}", bad, html);
        }
    }

    #[test]
    fn generated_markdown_reads_back(page in page()) {
        let options = options().with_favor(Favor::Recall);
        let doc = unboil::clean(page.as_bytes(), &options).unwrap();
        let md = render::markdown(&doc, &LINKS);
        let got = read_markdown(&md);
        let want = expected(&doc, true);
        prop_assert_eq!(&got.words, &want.words, "{}", md);
        prop_assert_eq!(&got.headings, &want.headings, "{}", md);
        prop_assert_eq!(got.code_blocks, want.code_blocks, "{}", md);
    }
}

fn unboil(args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unboil"))
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn corpus(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    p.to_str().unwrap().to_string()
}

#[test]
fn cli_formats() {
    let page = corpus("rich-markup.html");
    let (code, md) = unboil(&["--format", "markdown", &page]);
    assert_eq!(code, Some(0));
    assert!(md.contains("a *landmark* and"), "{md}");
    assert!(
        md.contains("the Pellworth Kiln Trust say"),
        "no links without --links"
    );
    let (_, md) = unboil(&["--format", "markdown", "--links", &page]);
    assert!(
        md.contains("[Pellworth Kiln Trust](https://courier.example/tags/pellworth-kiln-trust)")
    );
    let (_, html) = unboil(&["--format", "html", "--links", &page]);
    assert!(html.starts_with("<p>For forty years"), "{html}");
    assert!(
        html.contains("<a href=\"https://courier.example/tags/"),
        "{html}"
    );

    // One JSON object per input and line; --url stands in for a missing canonical.
    let other = corpus("entities.html");
    let (code, out) = unboil(&[
        "--format",
        "json",
        "--url",
        "https://site.example/x",
        &page,
        &other,
    ]);
    assert_eq!(code, Some(0));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["url"],
        "https://courier.example/2026/04/pellworth-kiln"
    );
    assert_eq!(lines[0]["author"], "Ada Penhallow");
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .contains("first batch of 212 pots"));
    assert_eq!(lines[1]["url"], "https://site.example/x");
    assert!(lines[1].get("author").is_none());
    let (_, out) = unboil(&["--format", "json", "--json-body", "markdown", &page]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v.get("text").is_none());
    assert!(v["markdown"].as_str().unwrap().contains("**no**"));

    // --out-dir names files after the format.
    let dir = std::env::temp_dir().join(format!("unboil-formats-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (code, _) = unboil(&[
        "--format",
        "html",
        "--out-dir",
        dir.to_str().unwrap(),
        &page,
    ]);
    assert_eq!(code, Some(0));
    assert!(dir.join("rich-markup.html").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `Options::images`: the alt text joins the text, as an image in Markdown
/// and HTML (absolute against the page URL, still safe for ammonia); off by
/// default, when images leave no trace.
#[test]
fn images_on_request() {
    let page = b"<article><p>The bridge opened on Monday, after two years of work and delays.</p>\
        <p><img src=\"/img/bridge.jpg\" alt=\"The new bridge at dawn\"> Crowds gathered on both banks.</p>\
        <p><img src=\"javascript:alert(1)\" alt=\"A trap\"> The mayor spoke briefly, then cut the ribbon.</p></article>";
    let with = |images: bool| {
        let opts = Options::default()
            .with_images(images)
            .with_url("https://example.com/story".to_string());
        unboil::clean(page, &opts).unwrap()
    };
    let style = Style { links: false };

    let doc = with(true);
    assert!(
        doc.text.contains("The new bridge at dawn Crowds gathered"),
        "{}",
        doc.text
    );
    let md = render::markdown(&doc, &style);
    assert!(
        md.contains("![The new bridge at dawn](https://example.com/img/bridge.jpg) Crowds"),
        "{md}"
    );
    assert!(
        md.contains("A trap The mayor") && !md.contains("javascript"),
        "{md}"
    );
    let html = render::html(&doc, &style);
    assert!(
        html.contains(
            r#"<img src="https://example.com/img/bridge.jpg" alt="The new bridge at dawn">"#
        ),
        "{html}"
    );
    assert!(!html.contains("javascript"), "{html}");
    assert_eq!(sanitize(&html), html);

    let plain = with(false);
    assert!(!plain.text.contains("bridge at dawn"), "{}", plain.text);
    assert!(!render::markdown(&plain, &style).contains("!["));
}

/// The link and image targets a CommonMark reader finds in `md`, which
/// must hold no raw HTML (a Markdown renderer may pass it through).
fn markdown_targets(md: &str) -> Vec<String> {
    Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{md}"),
            _ => None,
        })
        .collect()
}

/// Every output of `doc` is safe: HTML (alone and as the JSON body) is what
/// the sanitizer leaves, Markdown link and image targets and the JSON `url`
/// and `image` fields are safe URLs. Returns the HTML.
fn assert_safe_outputs(doc: &Document, style: &Style, what: &str) -> String {
    let html = render::html(doc, style);
    assert_eq!(sanitize(&html), html, "{what}");
    let md = render::markdown(doc, style);
    for target in markdown_targets(&md) {
        assert!(
            safe_url(&target),
            "{what}: Markdown target {target:?} in\n{md}"
        );
    }
    for body in [Body::Text, Body::Markdown, Body::Html] {
        let o = render::json(doc, body, style);
        for key in ["url", "image"] {
            if let Some(v) = o.get(key) {
                let v = v.as_str().unwrap();
                assert!(safe_url(v), "{what}: JSON {key} {v:?}");
            }
        }
        if let Some(h) = o.get("html") {
            assert_eq!(h.as_str().unwrap(), html, "{what}");
        }
    }
    html
}

/// Every corpus page, with links and images, in every format.
#[test]
fn corpus_outputs_are_safe_with_links_and_images() {
    for page in corpus_pages() {
        let bytes = std::fs::read(&page).unwrap();
        for url in [None, Some("https://corpus.example/a/page.html")] {
            let options = options()
                .with_images(true)
                .with_url(url.map(str::to_string));
            let doc = unboil::clean(&bytes, &options).unwrap();
            for links in [false, true] {
                let what = format!("{} (links {links}, url {url:?})", page.display());
                assert_safe_outputs(&doc, &Style { links }, &what);
            }
        }
    }
}

/// A URL built to slip past a scheme check: a scheme (safe or not, in any
/// case) with C0 controls, tabs, newlines, spaces, U+00A0, U+FEFF or DEL
/// around and inside it, some characters as character references.
fn sneaky_url() -> impl Strategy<Value = String> {
    let noise = prop::sample::select(vec![
        "",
        "",
        "\0",
        "\u{1}",
        "\u{8}",
        "\u{1f}",
        "\t",
        "\n",
        "\r",
        " ",
        "\u{b}",
        "\u{c}",
        "\u{7f}",
        "\u{a0}",
        "\u{feff}",
        "\u{200b}",
        "&#0;",
        "&#9;",
        "&#x0A;",
        "&Tab;",
        "&NewLine;",
        "&#13;",
        "&#x01;",
        "&#32;",
    ]);
    let scheme = prop::sample::select(vec![
        "javascript",
        "JaVaScRiPt",
        "jav&#x61;script",
        "&#106;avascript",
        "&amp;#106;avascript",
        "data",
        "DATA",
        "vbscript",
        "file",
        "http",
        "https",
        "HTTPS",
        "mailto",
        "",
        "x-y+z.w",
        "1http",
    ]);
    let colon = prop::sample::select(vec![":", ":", "&colon;", "&#58;", "&amp;colon;", "%3A", ""]);
    let rest = prop::sample::select(vec![
        "alert(1)",
        "//example.com/a b",
        "//e.com/x?y=1&amp;z=&quot;2&quot;#f",
        "text/html,<script>x</script>",
        "/path/../x",
        "a@b.c",
        "//[::1]/",
        "//exa mple.com",
        "\\\\evil.example",
        "x)y(z",
        "<>",
        "&amp;copy;",
        "",
    ]);
    (
        noise.clone(),
        scheme,
        prop::collection::vec(noise.clone(), 0..3),
        colon,
        noise,
        rest,
    )
        .prop_map(|(lead, scheme, inner, colon, mid, rest)| {
            // Noise lands inside the scheme too.
            let cut = scheme.len() / 2;
            let scheme = if scheme.is_char_boundary(cut) && !scheme.contains('&') {
                format!("{}{}{}", &scheme[..cut], inner.concat(), &scheme[cut..])
            } else {
                format!("{scheme}{}", inner.concat())
            };
            format!("{lead}{scheme}{colon}{mid}{rest}").replace('"', "&quot;")
        })
}

/// Inline markup nested at random, with links and images to sneaky URLs and
/// text with odd characters.
fn inline_soup() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => prop::sample::select(vec![
            "word", "two words", "é", "日本", "\"q\"", "*", "_x_", "`", "[x](y)", "\u{a0}", "\0",
            "e\u{301}", "👍🏽", " ", "&amp;", "&#0;", "a,b", "(", ")", "\\", "<", "&lt;b&gt;",
        ])
        .prop_map(str::to_string),
        1 => (sneaky_url(), prop::sample::select(vec!["alt text", "é\0\0", "\0", "", "日本\u{a0}"]))
            .prop_map(|(u, alt)| format!("<img src=\"{u}\" alt=\"{alt}\">")),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        (
            prop::sample::select(vec!["em", "b", "i", "strong", "code", "kbd", "a", "span"]),
            sneaky_url(),
            prop::collection::vec(inner, 1..6),
        )
            .prop_map(|(tag, url, kids)| {
                let attr = if tag == "a" {
                    format!(" href=\"{url}\"")
                } else {
                    String::new()
                };
                format!("<{tag}{attr}>{}</{tag}>", kids.concat())
            })
    })
}

/// A page of inline soup, some paragraphs inside a link (whose own links
/// then sit in a link), with a canonical URL, an image and maybe a `<base>`
/// from [`sneaky_url`].
fn sneaky_page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (inline_soup(), prop::option::weighted(0.2, sneaky_url())),
            1..6,
        ),
        sneaky_url(),
        sneaky_url(),
        prop::option::of(sneaky_url()),
    )
        .prop_map(|(paragraphs, canonical, image, base)| {
            let base = base.map_or(String::new(), |b| format!("<base href=\"{b}\">"));
            let body: String = paragraphs
                .iter()
                .map(|(p, around)| {
                    let p = format!("<p>Words of a plain sentence, with commas, and more. {p}</p>");
                    match around {
                        Some(u) => format!("<a href=\"{u}\">{p}</a>"),
                        None => p,
                    }
                })
                .collect();
            format!(
                "<html><head><link rel=canonical href=\"{canonical}\">\
                 <meta property=og:image content=\"{image}\">{base}</head><body><article>\
                 <p>A paragraph of filler prose, long enough, with commas, to make the \
                 article count.</p>{body}</article></body></html>"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the URLs and the nesting, every output is safe, and the
    /// HTML is exactly what the sanitizer leaves.
    #[test]
    fn sneaky_urls_never_reach_output(
        page in sneaky_page(),
        page_url in any::<bool>(),
        links in any::<bool>(),
        keep_links in any::<bool>(),
    ) {
        let options = options()
            .with_favor(Favor::Recall)
            .with_images(true)
            .with_url(page_url.then(|| "https://site.example/news/story.html".to_string()))
            // Paragraphs inside links are link text, removed unless kept.
            .with_keep(if keep_links { vec!["a"] } else { Vec::new() });
        let doc = unboil::clean(page.as_bytes(), &options).unwrap();
        assert_safe_outputs(&doc, &Style { links }, &page);
    }
}

/// Plain text with line endings of every kind (a lone CR stays inside a
/// line), controls and markup characters.
fn plain_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "words of text",
            " ",
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            "\t",
            "\u{1}",
            "\u{c}",
            "\u{b}",
            "\u{85}",
            "\u{2028}",
            "#",
            "- ",
            "1. ",
            ">",
            "*",
            "_",
            "`",
            "```",
            "<b>",
            "&amp;",
            "[x](javascript:alert(1))",
            "|",
            "\\",
            "é",
            "\u{a0}",
        ]),
        0..40,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Plain-text input in every format: safe, and Markdown shows the words.
    #[test]
    fn plain_text_outputs_are_safe(text in plain_text()) {
        let options = options().with_input(unboil::InputKind::Text);
        let doc = unboil::clean(text.as_bytes(), &options).unwrap();
        assert_safe_outputs(&doc, &LINKS, &text);
        let md = render::markdown(&doc, &LINKS);
        prop_assert_eq!(read_markdown(&md).words, expected(&doc, true).words, "{}", md);
    }
}

/// Two code spans side by side (`<code>a</code><code>b</code>`, here one
/// left open) were written "`a``b`", which reads back as one span holding
/// "a``b" (found by `generated_markdown_reads_back`): they are one span now.
#[test]
fn adjacent_code_spans_read_back() {
    let page = "<html><body><article><p>A paragraph of filler prose, long enough, with commas, \
                to make the article count.</p></code><a href=\"javascript:alert(1)\"><code>&lt;script&gt;</a>\
                <code></blockquote>[x](y)</article></body></html>";
    let doc = unboil::clean(page.as_bytes(), &options().with_favor(Favor::Recall)).unwrap();
    let md = render::markdown(&doc, &LINKS);
    assert_eq!(read_markdown(&md).words, expected(&doc, true).words, "{md}");
    assert!(md.contains("`<script>[x](y)`"), "{md}");
}
