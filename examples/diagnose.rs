//! Diagnose one benchmark page: every block with its decision, its reason,
//! how much of it the ground truth holds, and its tag path, so that a miss
//! (truth removed) or a leak (non-truth kept) shows where selection went
//! wrong.
//!
//! ```text
//! cargo run --profile quick --example diagnose -- ../shared/bench wceb 0502 [--all] [--width N] [--type T]
//! ```
//!
//! Columns: block number, `K` kept / `-` removed, truth share of the block's
//! 4-token shingles (`..` none, `**` all; counted as the metric counts
//! them, kept blocks first: a removed copy of text a kept block already
//! matched shows none), a marker (`MISS` truth removed,
//! `LEAK` non-truth kept), the reason, the page score of the block's owner,
//! the path and an excerpt. Without `--all`, runs of removed non-truth
//! blocks are folded into one line. For tfeval pages the truth is the
//! `with` snippets, and `without` snippets count against. `--type T`
//! forces page type `T` (`oracle`: the ground truth's), as `bench
//! --oracle-type` does.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::PathBuf;

use serde::Deserialize;
use unboil::eval;

#[derive(Deserialize)]
struct Truth {
    #[serde(rename = "articleBody", default)]
    article_body: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    page_type: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    file: String,
}

fn shingles(text: &str) -> Vec<String> {
    let t = eval::tokens(text);
    if t.len() < 4 {
        return if t.is_empty() {
            vec![]
        } else {
            vec![t.join(" ")]
        };
    }
    t.windows(4).map(|w| w.join(" ")).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: diagnose BENCH_DIR aeb|tfeval|wceb ID [--all] [--width N]");
        std::process::exit(2);
    }
    let dir = PathBuf::from(&args[0]);
    let bench = args[1].as_str();
    let id = args[2].as_str();
    let all = args.iter().any(|a| a == "--all");
    let width: usize = args
        .iter()
        .position(|a| a == "--width")
        .and_then(|i| args.get(i + 1))
        .and_then(|w| w.parse().ok())
        .unwrap_or(90);
    let truth_file = match bench {
        "tfeval" => dir.join("tfeval/evaldata.json"),
        b => dir.join(b).join("ground-truth.json"),
    };
    let data: BTreeMap<String, Truth> =
        serde_json::from_str(&fs::read_to_string(&truth_file).expect("truth file")).expect("json");
    let (key, truth) = data
        .iter()
        .find(|(k, t)| k.starts_with(id) || t.file.starts_with(id))
        .expect("no such page");
    let page = match bench {
        "tfeval" => dir.join("tfeval/html").join(&truth.file),
        b => dir.join(b).join("html").join(format!("{key}.html.gz")),
    };
    let raw = fs::read(&page).expect("page");
    let mut options = unboil::Options::default();
    if let Some(t) = args
        .iter()
        .position(|a| a == "--type")
        .and_then(|i| args.get(i + 1))
    {
        let t = if t == "oracle" { &truth.page_type } else { t };
        let t = if t == "blog" { "article" } else { t };
        options.force_page_type = unboil::PageType::ALL.into_iter().find(|p| p.as_str() == t);
    }
    let doc = unboil::clean(&raw, &options).expect("cleans");
    let truth_text = if bench == "tfeval" {
        truth.with.join("\n")
    } else {
        truth.article_body.clone()
    };
    // The truth's shingles with their counts: the metric counts a repeated
    // shingle as often as the truth holds it, so a dropped second copy of
    // text that a kept block already matched is no miss.
    let mut budget: HashMap<String, usize> = HashMap::new();
    for s in shingles(&truth_text) {
        *budget.entry(s).or_default() += 1;
    }
    let bad: Vec<String> = truth
        .without
        .iter()
        .map(|s| eval::collapse_whitespace(s))
        .collect();
    println!(
        "{bench} {key} {} {} page_type={:?} blocks={}",
        truth.url,
        truth.page_type,
        doc.page_type.map(|t| t.as_str()),
        doc.blocks.len()
    );
    {
        // The page model's facts, for the page-type step.
        use std::io::Read;
        let mut html = Vec::new();
        let _ = flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut html);
        let mut p = unboil::segment::Parser::new(usize::MAX);
        if p.write(String::from_utf8_lossy(&html).as_bytes()).is_ok() {
            if let Ok(seg) = p.finish() {
                let f = &seg.facts;
                let kinds = |c: &unboil::page_type::SchemaCounts| {
                    let names = [
                        "other",
                        "article",
                        "tech",
                        "forum",
                        "qa",
                        "question",
                        "answer",
                        "comment",
                        "product",
                        "offer",
                        "itemlist",
                        "collection",
                        "search",
                        "faq",
                        "service",
                    ];
                    c.0.iter()
                        .zip(names)
                        .filter(|(n, _)| **n > 0)
                        .map(|(n, k)| format!("{k}:{n}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!(
                    "facts: json-ld [{}] microdata [{}] og:type {:?} published {} forum-engine {} canonical {:?}",
                    kinds(&f.json_ld),
                    kinds(&f.microdata),
                    f.og_type,
                    f.published,
                    f.forum_engine,
                    f.canonical
                );
            }
        }
    }
    if bench == "wceb" || bench == "aeb" {
        let c = eval::aeb_page(&truth.article_body, &doc.text);
        println!(
            "page P {:.3} R {:.3} F1 {:.3}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    // Kept blocks take their share of the truth first, then removed blocks
    // what is left: a removed block's share is what keeping it would add.
    let mut shares = vec![0.0; doc.blocks.len()];
    for kept in [true, false] {
        for (i, (b, d)) in doc.blocks.iter().zip(&doc.decisions).enumerate() {
            if d.kept() != kept {
                continue;
            }
            let sh = shingles(&b.text);
            let mut hit = 0;
            for s in &sh {
                if let Some(n) = budget.get_mut(s).filter(|n| **n > 0) {
                    *n -= 1;
                    hit += 1;
                }
            }
            if !sh.is_empty() {
                shares[i] = hit as f64 / sh.len() as f64;
            }
        }
    }
    let mut folded = 0;
    for (i, (b, d)) in doc.blocks.iter().zip(&doc.decisions).enumerate() {
        let share = shares[i];
        let flat = eval::collapse_whitespace(&b.text);
        let is_bad = bad
            .iter()
            .any(|s| !s.is_empty() && flat.contains(s.as_str()));
        let kept = d.kept();
        let marker = match (kept, share >= 0.5, is_bad) {
            (true, _, true) => "LEAK!",
            (false, true, _) => "MISS",
            (true, false, _) if share < 0.1 => "LEAK",
            _ => "",
        };
        if !all && !kept && share < 0.1 {
            folded += 1;
            continue;
        }
        if folded > 0 {
            println!("      … {folded} removed blocks outside the truth");
            folded = 0;
        }
        let reason = match d {
            unboil::Decision::Keep => "-".to_string(),
            unboil::Decision::Remove(r) => r.to_string(),
        };
        let reason = format!("{}/{reason}", doc.decided_by[i]);
        let sh_txt = if share >= 0.999 {
            "**".to_string()
        } else if share <= 0.0 {
            "..".to_string()
        } else {
            format!("{:02.0}", share * 100.0)
        };
        let excerpt: String = flat.chars().take(width).collect();
        println!(
            "{i:>5} {} {sh_txt} {marker:<5} {reason:<30} {:<50} {excerpt}",
            if kept { "K" } else { "-" },
            b.path
                .chars()
                .rev()
                .take(50)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
    }
    if folded > 0 {
        println!("      … {folded} removed blocks outside the truth");
    }
}
