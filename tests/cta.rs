//! The call-to-action detector on our labelled lines (tests/data/cta/):
//! every promo line is removed and every near-miss article sentence kept,
//! as a line of plain text and as a paragraph of an article page, at the
//! head, in the middle and at the tail of the text. `promo.txt` and
//! `near-miss.txt` are the lines the detector was tuned on; the
//! `*-heldout.txt` files were written after it was done, worded unlike the
//! first ones, and say how it does on lines it has never seen.

use std::path::Path;

use unboil::{Decision, Document, InputKind, Options};

/// `(kind, line)` for every line of a labelled file, `# kind:` headers
/// naming the kind of the lines below them.
fn load(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cta")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut kind = String::from("-");
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(k) = line.strip_prefix("# kind:") {
            kind = k.trim().to_string();
        } else if !line.is_empty() && !line.starts_with('#') {
            out.push((kind.clone(), line.to_string()));
        }
    }
    out
}

/// Article prose around the tested line, written by us.
const PROSE: [&str; 6] = [
    "The harbour board met on Tuesday evening to decide the future of the old ferry pier, which has been closed to the public since a storm tore away part of its deck in the winter of 2024.",
    "Engineers hired by the board told members that the pilings are sound but that the deck and the railings would have to be rebuilt, at a cost they put at between four and five million dollars.",
    "Several fishermen who still tie up at the pier spoke during the public comment period, and most of them asked the board to keep the structure open to working boats while the repairs go on.",
    "The board's chair, Maren Okafor, said the money could come from a state grant for coastal infrastructure, but that the application would not be decided before the end of the year.",
    "A smaller group of residents argued for tearing the pier down altogether and using the money to extend the beach path, a plan the board agreed to study alongside the repair.",
    "Members will vote on both options at their March meeting, after the engineers deliver a second report on how long a rebuilt deck would last in the harbour's salt air.",
];

#[derive(Clone, Copy, Debug)]
enum At {
    Head,
    Middle,
    Tail,
}

const POSITIONS: [At; 3] = [At::Head, At::Middle, At::Tail];

fn insert(line: &str, at: At) -> Vec<String> {
    let mut lines: Vec<String> = PROSE.iter().map(|s| s.to_string()).collect();
    let i = match at {
        At::Head => 0,
        At::Middle => 3,
        At::Tail => lines.len(),
    };
    lines.insert(i, line.to_string());
    lines
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A news page: header and menu, the article with its headline and our
/// paragraphs, a sidebar and a footer.
fn page(paragraphs: &[String]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8>\
         <title>Board weighs the future of the old ferry pier | Harbour Gazette</title>\
         <meta property=og:site_name content='Harbour Gazette'></head><body>\
         <header class=site-header><a href=/>Harbour Gazette</a><nav class=menu><ul>\
         <li><a href=/news>News</a></li><li><a href=/sport>Sport</a></li>\
         <li><a href=/opinion>Opinion</a></li><li><a href=/weather>Weather</a></li></ul></nav></header>\
         <main><article class=post><h1>Board weighs the future of the old ferry pier</h1>\
         <div class=entry-content>\n{body}</div></article></main>\
         <aside class=sidebar><h3>Most read</h3><ul><li><a href=/a>Tide tables for March</a></li>\
         <li><a href=/b>School board race heats up</a></li></ul></aside>\
         <footer class=site-footer><p>© 2026 Harbour Gazette</p></footer></body></html>"
    )
}

fn decision_of<'a>(doc: &'a Document, line: &str) -> Option<&'a Decision> {
    let want = unboil::segment::collapse(line);
    doc.blocks
        .iter()
        .zip(&doc.decisions)
        .find(|(b, _)| unboil::segment::collapse(&b.text) == want)
        .map(|(_, d)| d)
}

/// How `line` fares at `at`, in plain text or HTML: `Ok(decision)` when the
/// rest of the text (our prose) was kept, else an error.
fn judge(line: &str, at: At, html: bool) -> Result<Decision, String> {
    let lines = insert(line, at);
    let doc = if html {
        unboil::clean(page(&lines).as_bytes(), &Options::default())
    } else {
        let opts = Options {
            input: InputKind::Text,
            ..Default::default()
        };
        unboil::clean(lines.join("\n\n").as_bytes(), &opts)
    }
    .map_err(|e| e.to_string())?;
    for p in PROSE {
        if !doc.text.contains(p) {
            return Err(format!(
                "prose lost: {p:.40}…\n{}",
                unboil::report::explain(&doc)
            ));
        }
    }
    decision_of(&doc, line)
        .cloned()
        .ok_or_else(|| format!("no block for the line\n{}", unboil::report::explain(&doc)))
}

/// Every (kind, line, position, mode) where the outcome is not `want_removed`.
fn failures(set: &[(String, String)], want_removed: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, line) in set {
        for at in POSITIONS {
            for html in [false, true] {
                let mode = if html { "html" } else { "text" };
                match judge(line, at, html) {
                    Ok(d) if d.kept() != want_removed => {}
                    Ok(d) => out.push(format!("[{kind}] {at:?} {mode}: {line}  ({d:?})")),
                    Err(e) => out.push(format!("[{kind}] {at:?} {mode}: {line}: {e}")),
                }
            }
        }
    }
    out
}

#[test]
fn the_labelled_sets_are_big_enough() {
    let promo = load("promo.txt");
    let near = load("near-miss.txt");
    assert!(promo.len() >= 80, "{} promo lines", promo.len());
    assert!(near.len() >= promo.len(), "{} near misses", near.len());
    let mut kinds: Vec<&str> = promo.iter().map(|(k, _)| k.as_str()).collect();
    kinds.dedup();
    assert!(kinds.len() >= 12, "{kinds:?}");
}

#[test]
fn every_promo_line_is_removed() {
    let f = failures(&load("promo.txt"), true);
    assert!(f.is_empty(), "{} kept:\n{}", f.len(), f.join("\n"));
}

#[test]
fn every_near_miss_is_kept() {
    let f = failures(&load("near-miss.txt"), false);
    assert!(f.is_empty(), "{} removed:\n{}", f.len(), f.join("\n"));
}

/// `cargo test --test cta scores -- --ignored --nocapture` prints every
/// labelled line's score and signals (as a middle line, no site names).
#[test]
#[ignore]
fn scores() {
    let p = unboil::cta::CtaParams::default();
    let site = unboil::cta::Site::default();
    for file in [
        "promo.txt",
        "near-miss.txt",
        "promo-heldout.txt",
        "near-miss-heldout.txt",
    ] {
        if !Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/cta")
            .join(file)
            .exists()
        {
            continue;
        }
        println!("== {file}");
        for (kind, line) in load(file) {
            let v = unboil::cta::score(&line, &site, false, &p);
            let rule = unboil::Catalogue::builtin()
                .matches(&line)
                .map(|r| r.id.as_str());
            println!(
                "{:5.2}{} {:<14} {:<16} {line}  [{}]",
                v.score,
                if v.complete { " " } else { "x" },
                kind,
                rule.unwrap_or(""),
                v.signals
            );
        }
    }
}
