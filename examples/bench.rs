//! Benchmark harness: quality (AEB, tfeval and WCEB, metrics as defined in the
//! bench README, see `unboil::eval`) and single-thread speed against lol_html
//! baselines. Every figure is also given for the two halves of its benchmark
//! split by site (a hash of the host name), so that a rule fitted to a few
//! sites shows as a gain on one half only.
//!
//! ```text
//! cargo run --release --example bench -- ../shared/bench \
//!     [--pages N] [--favor precision|recall|balanced] [--check quality-floors.toml] \
//!     [--no-speed] [--pipeline] [--per-page FILE.tsv] [--oracle-type]
//!     [--page-features FILE.tsv] [--types FILE.tsv]
//! ```
//!
//! `--pages N` lists the N worst pages of each benchmark, `--check FILE` exits with
//! status 1 when a figure is below the floor given in FILE (TOML: `aeb_f1`,
//! `tfeval_f1`, `wceb_f1`, `wceb_snippet_f1`, `wceb_<page type>_f1`,
//! `wceb_without_left_out`), `--per-page FILE` writes one line per page
//! (TSV) for comparing runs, and `--no-speed` skips the throughput measurement and the
//! scaling report (time and peak memory at 1×, 10×, 100× page size; see
//! `support/scaling.rs`). `--pipeline` adds pipeline throughput: all pages of
//! both benchmarks as one JSONL stream and as one gzipped WARC file (built in
//! memory), through `unboil::pipeline::Pipeline` at 1 and 2 threads
//! (`--no-speed` skips it too). `--oracle-type` gives every WCEB page its
//! ground-truth page type instead of the detected one (AEB and tfeval keep
//! theirs): what a perfect page-type step would be worth with today's
//! profiles. `--oracle-type` is a measuring aid, not a figure to report as
//! unboil's. `--page-features FILE` writes the page-type model's features
//! of every page (TSV, with its site, truth and stated type) for
//! `scripts/train_page_type.py`, and `--types FILE` forces the page types
//! it lists (TSV lines `bench id type`, e.g. the script's out-of-fold
//! predictions, so that a model trained on these pages is measured on
//! pages it did not see). `--block-features FILE` writes the block
//! model's features of every block of every page (TSV: bench, id, site,
//! half, truth type, the block's words, its label, a text excerpt, then
//! the features) for `scripts/train_block_model.py`; the block model does
//! not run then. The label is the share of the block's words that the
//! ground truth holds (as the shingle metric matches them: a word is in
//! when one of the block's 4-word windows over it is a truth shingle; a
//! block of 1-3 words when the truth has them in a row); on tfeval 1 when
//! a `with` snippet and the block hold one another, 0 likewise for
//! `without`, else -1 (unknown). `--block-model FILE` runs that model
//! instead of the built-in one, `--block-model-cross FILE0 FILE1` runs
//! FILEk (trained on half k) on the pages of the other half only: the
//! honest measure of a model trained on these pages. `--learned [TYPE=]R,D` sets
//! the restore and drop thresholds (on pages taken for TYPE; repeatable,
//! the first that fits counts).

// The allocator the `unboil` binary uses (see src/main.rs), so the figures
// are the binary's; the lol_html floors run under it too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Deserialize;
use unboil::eval::{self, AebCounts, TfCounts, TfPage};
use unboil::{Favor, Options};

/// Minimum wall time of each speed measurement.
const MIN_SPEED_TIME: Duration = Duration::from_millis(500);
/// Rounds of the three speed passes (no-op, `*`+text, unboil), interleaved.
const SPEED_ROUNDS: usize = 3;

/// The median of some figures (the upper one of the middle two).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
/// Passes of each pipeline measurement; the fastest counts.
const PIPELINE_PASSES: usize = 3;
/// Length at which listed snippets are cut.
const SNIPPET_CHARS: usize = 100;

const USAGE: &str = "usage: bench [BENCH_DIR] [--pages N] [--favor precision|recall|balanced] \
                     [--check FLOORS.toml] [--no-speed] [--pipeline] [--per-page FILE.tsv] [--oracle-type] [--page-features FILE.tsv] [--types FILE.tsv] [--block-features FILE.tsv] [--block-model FILE | --block-model-cross FILE0 FILE1] [--learned [TYPE=]R,D ...]\n\
                     BENCH_DIR defaults to ../shared/bench";

struct Args {
    dir: PathBuf,
    pages: usize,
    favor: Favor,
    favor_name: String,
    check: Option<PathBuf>,
    speed: bool,
    pipeline: bool,
    per_page: Option<PathBuf>,
    oracle_type: bool,
    page_features: Option<PathBuf>,
    types: Option<PathBuf>,
    block_features: Option<PathBuf>,
    block_model: Option<PathBuf>,
    block_cross: Option<(PathBuf, PathBuf)>,
    learned: Vec<(Option<unboil::PageType>, f32, f32)>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        dir: PathBuf::from("../shared/bench"),
        pages: 0,
        favor: Favor::Balanced,
        favor_name: "balanced".to_owned(),
        check: None,
        speed: true,
        pipeline: false,
        per_page: None,
        oracle_type: false,
        page_features: None,
        types: None,
        block_features: None,
        block_model: None,
        block_cross: None,
        learned: Vec::new(),
    };
    let mut dir_seen = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--pages" => {
                let v = value("--pages")?;
                args.pages = v
                    .parse()
                    .map_err(|_| format!("--pages: not a number: {v}"))?;
            }
            "--favor" => {
                let v = value("--favor")?;
                args.favor = match v.as_str() {
                    "balanced" => Favor::Balanced,
                    "precision" => Favor::Precision,
                    "recall" => Favor::Recall,
                    _ => {
                        return Err(format!(
                            "--favor: expected precision|recall|balanced, got {v}"
                        ))
                    }
                };
                args.favor_name = v;
            }
            "--check" => args.check = Some(PathBuf::from(value("--check")?)),
            "--per-page" => args.per_page = Some(PathBuf::from(value("--per-page")?)),
            "--no-speed" => args.speed = false,
            "--pipeline" => args.pipeline = true,
            "--oracle-type" => args.oracle_type = true,
            "--types" => args.types = Some(PathBuf::from(value("--types")?)),
            "--block-features" => {
                args.block_features = Some(PathBuf::from(value("--block-features")?))
            }
            "--block-model" => args.block_model = Some(PathBuf::from(value("--block-model")?)),
            "--block-model-cross" => {
                let a = PathBuf::from(value("--block-model-cross")?);
                let b = PathBuf::from(value("--block-model-cross")?);
                args.block_cross = Some((a, b));
            }
            "--learned" => {
                // `[TYPE=]R,D`, repeatable: the first that fits a page counts.
                let v = value("--learned")?;
                let bad = || format!("--learned: expected [TYPE=]R,D, got {v}");
                let (ty, rest) = match v.split_once('=') {
                    Some((t, r)) => (Some(type_named(t).ok_or_else(bad)?), r),
                    None => (None, v.as_str()),
                };
                let (r, d) = rest.split_once(',').ok_or_else(bad)?;
                let r: f32 = r.parse().map_err(|_| bad())?;
                let d: f32 = d.parse().map_err(|_| bad())?;
                args.learned.push((ty, r, d));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if !dir_seen => {
                args.dir = PathBuf::from(arg);
                dir_seen = true;
            }
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    Ok(args)
}

#[derive(Deserialize)]
struct AebTruth {
    #[serde(rename = "articleBody")]
    article_body: String,
    url: String,
}

#[derive(Deserialize)]
struct TfEntry {
    file: String,
    with: Vec<String>,
    without: Vec<String>,
}

#[derive(Deserialize)]
struct WcebTruth {
    #[serde(rename = "articleBody")]
    article_body: String,
    url: String,
    page_type: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

/// One page of a corpus: its raw (possibly gzipped) bytes as stored.
struct Page {
    raw: Vec<u8>,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_page(path: &Path) -> Result<Page, String> {
    let raw = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Page { raw })
}

/// Decompresses gzip data; returns other bytes unchanged.
fn decompress(raw: &[u8]) -> Result<Vec<u8>, String> {
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw.to_vec());
    }
    let mut out = Vec::with_capacity(raw.len() * 4);
    flate2::read::MultiGzDecoder::new(raw)
        .read_to_end(&mut out)
        .map_err(|e| format!("gunzip: {e}"))?;
    Ok(out)
}

/// What `extract` returns: text, page type, the model's features and the
/// stated type, and the error message.
type Extracted = (
    String,
    Option<unboil::PageType>,
    Option<(Vec<f32>, Option<unboil::PageType>)>,
    Option<String>,
    Option<(Vec<String>, Vec<Vec<f32>>)>,
);

/// Runs `unboil::clean`; an error is empty output, with the message.
fn extract(input: &[u8], options: &Options) -> Extracted {
    match unboil::clean(input, options) {
        Ok(doc) => {
            let blocks = doc.block_features.map(|f| {
                let texts = doc.blocks.into_iter().map(|b| b.text).collect();
                (texts, f)
            });
            (doc.text, doc.page_type, doc.page_features, None, blocks)
        }
        Err(e) => (String::new(), None, None, Some(e.to_string()), None),
    }
}

/// First `max` characters of `s` on one line, with an ellipsis if cut.
fn truncate(s: &str, max: usize) -> String {
    let flat = eval::collapse_whitespace(s);
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// The site of a URL: its host name, lower-cased, without `www.`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

/// Which half of a benchmark a site falls in (FNV-1a of the host name), so
/// that all pages of one site are in the same half and a rule fitted to one
/// site shows as a gain on one half only.
fn half(url: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in host(url).bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    (h % 2) as usize
}

/// One scored page of any benchmark.
struct Scored {
    bench: &'static str,
    id: String,
    url: String,
    /// The WCEB page type; empty elsewhere.
    page_type: String,
    /// The shingle metric (AEB, WCEB).
    aeb: Option<AebCounts>,
    /// The snippet metric (tfeval, WCEB).
    snippets: Option<TfPage>,
    error: Option<String>,
    /// The page type unboil decided.
    predicted: Option<unboil::PageType>,
    /// The page-type model's features and the stated type (`--page-features`).
    features: Option<(Vec<f32>, Option<unboil::PageType>)>,
    /// FNV-1a of the output text: two runs with the same hash gave the
    /// same output for the page.
    output_hash: u64,
    /// The block model's features, one TSV line per block (`--block-features`).
    block_rows: String,
}

/// Every page to score: bench name, id, url, type, bytes, truth.
enum Truth<'a> {
    Aeb(&'a AebTruth),
    Tf(&'a TfEntry),
    Wceb(&'a WcebTruth),
}

struct Job<'a> {
    bench: &'static str,
    id: &'a str,
    page: &'a Page,
    truth: Truth<'a>,
}

/// The page type of a WCEB `page_type` name (`blog` is an article).
fn type_named(name: &str) -> Option<unboil::PageType> {
    let name = if name == "blog" { "article" } else { name };
    unboil::PageType::ALL
        .into_iter()
        .find(|t| t.as_str() == name)
}

/// Page types to force, by (bench, id): `--types`.
type Forced = BTreeMap<(String, String), unboil::PageType>;

fn read_types(path: &Path) -> Result<Forced, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Forced::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let [bench, id, ty] = f[..] else {
            return Err(format!("{}: not `bench id type`: {line}", path.display()));
        };
        let t = type_named(ty).ok_or_else(|| format!("{}: no type {ty}", path.display()))?;
        out.insert((bench.to_owned(), id.to_owned()), t);
    }
    Ok(out)
}

/// The block models to run on each half's pages (`--block-model-cross`):
/// options for pages of half 0, and of half 1.
type PerHalf = Option<[Options; 2]>;

fn score_job(
    job: &Job,
    options: &Options,
    per_half: &PerHalf,
    oracle: bool,
    types: &Forced,
) -> Scored {
    let page_url = match job.truth {
        Truth::Aeb(t) => t.url.as_str(),
        Truth::Tf(_) => job.id,
        Truth::Wceb(t) => t.url.as_str(),
    };
    let options = match per_half {
        Some(o) => &o[half(page_url)],
        None => options,
    };
    // The type to force: the truth's (`--oracle-type`), else a listed one.
    let force = match job.truth {
        Truth::Wceb(t) if oracle => type_named(&t.page_type),
        _ => types
            .get(&(job.bench.to_owned(), job.id.to_owned()))
            .copied(),
    };
    let forced;
    let options = match force {
        Some(t) => {
            let mut o = options.clone();
            o.force_page_type = Some(t);
            forced = o;
            &forced
        }
        None => options,
    };
    let (text, predicted, features, error, blocks) = extract(&job.page.raw, options);
    let block_rows = blocks.map_or_else(String::new, |(texts, feats)| {
        block_rows(job, page_url, &texts, &feats)
    });
    let (url, page_type, aeb, snippets) = match job.truth {
        Truth::Aeb(t) => (
            t.url.clone(),
            String::new(),
            Some(eval::aeb_page(&t.article_body, &text)),
            None,
        ),
        Truth::Tf(t) => (
            job.id.to_owned(),
            String::new(),
            None,
            Some(eval::tfeval_page_detail(&text, &t.with, &t.without)),
        ),
        Truth::Wceb(t) => (
            t.url.clone(),
            t.page_type.clone(),
            Some(eval::aeb_page(&t.article_body, &text)),
            Some(eval::tfeval_page_detail(&text, &t.with, &t.without)),
        ),
    };
    let mut output_hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        output_hash = (output_hash ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    Scored {
        predicted,
        features,
        output_hash,
        bench: job.bench,
        id: job.id.to_owned(),
        url,
        page_type,
        aeb,
        snippets,
        error,
        block_rows,
    }
}

/// Word n-grams joined with a separator no word holds.
fn grams(tokens: &[&str], n: usize) -> std::collections::HashSet<String> {
    tokens.windows(n).map(|w| w.join("\u{1}")).collect()
}

/// The share of `tokens` that the truth holds: a word is in when one of
/// the 4-word windows over it is a truth shingle; 1-3 words, when the
/// truth has them in a row.
fn coverage(tokens: &[&str], truth: &[std::collections::HashSet<String>; 4]) -> f32 {
    let m = tokens.len();
    if m == 0 {
        return 0.0;
    }
    if m < 4 {
        return f32::from(u8::from(truth[m - 1].contains(&tokens.join("\u{1}"))));
    }
    let mut covered = vec![false; m];
    for (j, w) in tokens.windows(4).enumerate() {
        if truth[3].contains(&w.join("\u{1}")) {
            covered[j..j + 4].fill(true);
        }
    }
    covered.iter().filter(|&&c| c).count() as f32 / m as f32
}

/// The `--block-features` lines of one page.
fn block_rows(job: &Job, url: &str, texts: &[String], feats: &[Vec<f32>]) -> String {
    use std::fmt::Write as _;
    let (truth, page_type) = match job.truth {
        Truth::Aeb(t) => (Some(t.article_body.as_str()), "-"),
        Truth::Wceb(t) => (Some(t.article_body.as_str()), t.page_type.as_str()),
        Truth::Tf(_) => (None, "-"),
    };
    let truth_tokens = truth.map(eval::tokens).unwrap_or_default();
    let sets = [
        grams(&truth_tokens, 1),
        grams(&truth_tokens, 2),
        grams(&truth_tokens, 3),
        grams(&truth_tokens, 4),
    ];
    let snippets = match job.truth {
        Truth::Tf(t) => Some((
            t.with
                .iter()
                .map(|s| eval::collapse_whitespace(s))
                .collect::<Vec<_>>(),
            t.without
                .iter()
                .map(|s| eval::collapse_whitespace(s))
                .collect::<Vec<_>>(),
        )),
        _ => None,
    };
    let site = host(url);
    let h = half(url);
    let mut out = String::new();
    for (text, f) in texts.iter().zip(feats) {
        let tokens = eval::tokens(text);
        let label = match &snippets {
            None => coverage(&tokens, &sets),
            Some((with, without)) => {
                let flat = eval::collapse_whitespace(text);
                let holds = |s: &String| {
                    !s.is_empty()
                        && !flat.is_empty()
                        && (flat.contains(s.as_str()) || s.contains(flat.as_str()))
                };
                if with.iter().any(holds) {
                    1.0
                } else if without.iter().any(holds) {
                    0.0
                } else {
                    -1.0
                }
            }
        };
        let excerpt: String = text
            .chars()
            .take(60)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = write!(
            out,
            "{}\t{}\t{site}\t{h}\t{page_type}\t{}\t{label}\t{excerpt}",
            job.bench,
            job.id,
            tokens.len()
        );
        for x in f {
            let _ = write!(out, "\t{x}");
        }
        out.push('\n');
    }
    out
}

/// Writes the `--block-features` file: a header, then every page's lines.
fn write_block_features(path: &Path, scored: &[Scored]) -> Result<(), String> {
    let mut out = String::from("bench\tid\tsite\thalf\ttype\twords\tlabel\ttext");
    for name in unboil::select::block_feature_names() {
        out.push('\t');
        out.push_str(&name);
    }
    out.push('\n');
    for s in scored {
        out.push_str(&s.block_rows);
    }
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a block model file.
fn read_block_model(path: &Path) -> Result<std::sync::Arc<unboil::select::BlockModel>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    unboil::select::BlockModel::parse(&text)
        .map(std::sync::Arc::new)
        .ok_or_else(|| format!("{}: not a block model for these features", path.display()))
}

impl Scored {
    /// The WCEB page type, `-` off WCEB.
    fn type_name(&self) -> &str {
        if self.page_type.is_empty() {
            "-"
        } else {
            &self.page_type
        }
    }
}

fn aeb_of<'a>(pages: impl Iterator<Item = &'a Scored>) -> (eval::Prf, usize) {
    let counts: Vec<AebCounts> = pages.filter_map(|s| s.aeb).collect();
    (eval::aeb_score(&counts), counts.len())
}

fn snippets_of<'a>(pages: impl Iterator<Item = &'a Scored>) -> eval::TfScore {
    let counts: Vec<TfCounts> = pages
        .filter_map(|s| s.snippets.as_ref().map(|p| p.counts))
        .collect();
    eval::tfeval_score(&counts)
}

/// The WCEB page types in the order of the bench README's table.
const WCEB_TYPES: [&str; 8] = [
    "article",
    "forum",
    "service",
    "product",
    "documentation",
    "listing",
    "collection",
    "blog",
];

#[path = "support/scaling.rs"]
mod scaling;

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = scaling::child_main(&raw) {
        return code;
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Returns whether the quality gate (if any) passed.
fn run(args: &Args) -> Result<bool, String> {
    let mut options = Options::default().with_favor(args.favor);
    options.page_features = args.page_features.is_some();
    options.block_features = args.block_features.is_some();
    options.learned_thresholds = args.learned.clone();
    if let Some(path) = &args.block_model {
        options.block_model = Some(read_block_model(path)?);
    }
    let per_half: PerHalf = match &args.block_cross {
        Some((m0, m1)) => {
            // Pages of half 0 get the model trained on half 1, and back.
            let (m0, m1) = (read_block_model(m0)?, read_block_model(m1)?);
            let mut o0 = options.clone();
            o0.block_model = Some(m1);
            let mut o1 = options.clone();
            o1.block_model = Some(m0);
            Some([o0, o1])
        }
        None => None,
    };
    // Read the floors first so a bad file fails before the long part.
    let floors: Option<BTreeMap<String, f64>> = match &args.check {
        Some(path) => {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some(toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => None,
    };

    let types = match &args.types {
        Some(path) => read_types(path)?,
        None => Forced::new(),
    };
    // Load the corpora (BTreeMap: deterministic page order).
    let aeb_dir = args.dir.join("aeb");
    let truth: BTreeMap<String, AebTruth> = read_json(&aeb_dir.join("ground-truth.json"))?;
    let aeb_pages = truth
        .keys()
        .map(|id| read_page(&aeb_dir.join("html").join(format!("{id}.html.gz"))))
        .collect::<Result<Vec<_>, _>>()?;
    let tf_dir = args.dir.join("tfeval");
    let tf_data: BTreeMap<String, TfEntry> = read_json(&tf_dir.join("evaldata.json"))?;
    let tf_pages = tf_data
        .values()
        .map(|entry| read_page(&tf_dir.join("html").join(&entry.file)))
        .collect::<Result<Vec<_>, _>>()?;
    let wceb_dir = args.dir.join("wceb");
    let wceb: BTreeMap<String, WcebTruth> = read_json(&wceb_dir.join("ground-truth.json"))?;
    let wceb_pages = wceb
        .keys()
        .map(|id| read_page(&wceb_dir.join("html").join(format!("{id}.html.gz"))))
        .collect::<Result<Vec<_>, _>>()?;
    println!(
        "bench: {} (favor {}): {} AEB pages, {} tfeval pages, {} WCEB pages",
        args.dir.display(),
        args.favor_name,
        aeb_pages.len(),
        tf_pages.len(),
        wceb_pages.len()
    );

    // Quality: raw (gzipped) bytes straight into the library, pages spread
    // over the cores (each page is cleaned on its own; order is kept).
    let mut jobs: Vec<Job> = Vec::new();
    for ((id, t), page) in truth.iter().zip(&aeb_pages) {
        jobs.push(Job {
            bench: "aeb",
            id,
            page,
            truth: Truth::Aeb(t),
        });
    }
    for ((key, t), page) in tf_data.iter().zip(&tf_pages) {
        jobs.push(Job {
            bench: "tfeval",
            id: key,
            page,
            truth: Truth::Tf(t),
        });
    }
    for ((id, t), page) in wceb.iter().zip(&wceb_pages) {
        jobs.push(Job {
            bench: "wceb",
            id,
            page,
            truth: Truth::Wceb(t),
        });
    }
    let started = Instant::now();
    let scored: Vec<Scored> = {
        use rayon::prelude::*;
        jobs.par_iter()
            .map(|j| score_job(j, &options, &per_half, args.oracle_type, &types))
            .collect()
    };
    let quality_time = started.elapsed();
    let errors: Vec<&Scored> = scored.iter().filter(|s| s.error.is_some()).collect();
    for s in &errors {
        eprintln!(
            "warning: {} {}: clean failed: {}",
            s.bench,
            s.id,
            s.error.as_deref().unwrap_or("")
        );
    }

    let metrics = report_quality(&scored);
    println!(
        "quality pass: {:.2} s{}",
        quality_time.as_secs_f64(),
        if errors.is_empty() {
            String::new()
        } else {
            format!(", {} pages failed (scored as empty output)", errors.len())
        }
    );
    if let Some(path) = &args.per_page {
        write_per_page(path, &scored)?;
    }
    if let Some(path) = &args.page_features {
        write_features(path, &scored)?;
    }
    if let Some(path) = &args.block_features {
        write_block_features(path, &scored)?;
    }

    if args.pages > 0 {
        print_worst(args.pages, &scored, &tf_data, &wceb);
    }

    if args.speed {
        println!();
        println!("speed (single thread, decompressed HTML in memory, >= {MIN_SPEED_TIME:?} each):");
        speed("AEB", &aeb_pages, &options)?;
        speed("tfeval", &tf_pages, &options)?;
        speed("WCEB", &wceb_pages, &options)?;
        // The largest AEB page, repeated up to 100x (about 30 MB).
        let largest = aeb_pages
            .iter()
            .map(|p| decompress(&p.raw))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .max_by_key(Vec::len)
            .ok_or("no AEB pages")?;
        scaling::report(&largest)?;
    }
    if args.pipeline {
        let all: Vec<&Page> = aeb_pages.iter().chain(&tf_pages).collect();
        pipeline_speed(&all, &options)?;
    }

    Ok(match floors {
        Some(floors) => check(&floors, &metrics)?,
        None => true,
    })
}

/// Prints every figure and returns the ones the quality gate can check,
/// by name (`aeb_f1`, `tfeval_f1`, `wceb_f1`, `wceb_snippet_f1`,
/// `wceb_<type>_f1`).
fn report_quality(scored: &[Scored]) -> BTreeMap<String, f64> {
    let mut metrics = BTreeMap::new();
    let of = |bench: &'static str| scored.iter().filter(move |s| s.bench == bench);
    let halves = |bench: &'static str, f: &dyn Fn(&mut dyn Iterator<Item = &Scored>) -> String| {
        let mut parts = Vec::new();
        for h in 0..2 {
            let mut it = of(bench).filter(|s| half(&s.url) == h);
            parts.push(format!("half {h}: {}", f(&mut it)));
        }
        parts.join("  ")
    };
    let aeb_f1 = |it: &mut dyn Iterator<Item = &Scored>| {
        let (p, n) = aeb_of(it);
        format!("F1 {:.4} ({n} pages)", p.f1)
    };
    let snip_f1 = |it: &mut dyn Iterator<Item = &Scored>| {
        let s = snippets_of(it);
        format!("F1 {:.4} ({} snippets)", s.prf.f1, s.totals.total())
    };

    println!();
    let (aeb, _) = aeb_of(of("aeb"));
    println!(
        "AEB     precision {:.4}  recall {:.4}  F1 {:.4}",
        aeb.precision, aeb.recall, aeb.f1
    );
    println!("        by site {}", halves("aeb", &aeb_f1));
    metrics.insert("aeb_f1".to_owned(), aeb.f1);

    let tf = snippets_of(of("tfeval"));
    let t = tf.totals;
    println!(
        "tfeval  precision {:.4}  recall {:.4}  F1 {:.4}  accuracy {:.4}  (tp {} fn {} fp {} tn {})",
        tf.prf.precision, tf.prf.recall, tf.prf.f1, tf.accuracy, t.tp, t.fn_, t.fp, t.tn
    );
    println!("        by site {}", halves("tfeval", &snip_f1));
    metrics.insert("tfeval_f1".to_owned(), tf.prf.f1);

    let (w, n) = aeb_of(of("wceb"));
    println!(
        "WCEB    precision {:.4}  recall {:.4}  F1 {:.4}  ({n} pages)",
        w.precision, w.recall, w.f1
    );
    println!("        by site {}", halves("wceb", &aeb_f1));
    metrics.insert("wceb_f1".to_owned(), w.f1);
    for ty in WCEB_TYPES {
        let (p, n) = aeb_of(of("wceb").filter(|s| s.page_type == ty));
        if n == 0 {
            continue;
        }
        let h: Vec<String> = (0..2)
            .map(|h| {
                let (p, n) = aeb_of(of("wceb").filter(|s| s.page_type == ty && half(&s.url) == h));
                format!("{:.3} ({n})", p.f1)
            })
            .collect();
        println!(
            "  {ty:<14} P {:.4}  R {:.4}  F1 {:.4}  ({n:>3} pages; halves {})",
            p.precision,
            p.recall,
            p.f1,
            h.join(" / ")
        );
        metrics.insert(format!("wceb_{ty}_f1"), p.f1);
    }
    let ws = snippets_of(of("wceb"));
    let t = ws.totals;
    let left_out = if t.fp + t.tn == 0 {
        0.0
    } else {
        t.tn as f64 / (t.fp + t.tn) as f64
    };
    println!(
        "  snippets      P {:.4}  R {:.4}  F1 {:.4}  (tp {} fn {} fp {} tn {}; `without` left out {:.4})",
        ws.prf.precision, ws.prf.recall, ws.prf.f1, t.tp, t.fn_, t.fp, t.tn, left_out
    );
    println!("        by site {}", halves("wceb", &snip_f1));
    metrics.insert("wceb_snippet_f1".to_owned(), ws.prf.f1);
    print_page_types(scored);
    metrics.insert("wceb_without_left_out".to_owned(), left_out);
    metrics
}

/// How the page-type step classified the pages: a confusion table for
/// WCEB (rows: the truth, columns: unboil's type) and the spread of types
/// on the article benchmarks (AEB, tfeval), where anything but `article`
/// sends a page to another profile.
fn print_page_types(scored: &[Scored]) {
    let name = |t: Option<unboil::PageType>| t.map_or("-", |t| t.as_str());
    let cols: Vec<&str> = unboil::PageType::ALL.iter().map(|t| t.as_str()).collect();
    println!(
        "  page types (rows WCEB truth, columns unboil):  {}",
        cols.iter()
            .map(|c| format!("{:>5}", &c[..c.len().min(5)]))
            .collect::<Vec<_>>()
            .join("")
    );
    for ty in WCEB_TYPES {
        let row: Vec<&Scored> = scored
            .iter()
            .filter(|s| s.bench == "wceb" && s.page_type == ty)
            .collect();
        if row.is_empty() {
            continue;
        }
        let counts: String = cols
            .iter()
            .map(|c| {
                format!(
                    "{:>5}",
                    row.iter().filter(|s| name(s.predicted) == *c).count()
                )
            })
            .collect();
        println!("    {ty:<44}{counts}");
    }
    for bench in ["aeb", "tfeval"] {
        let counts: String = cols
            .iter()
            .map(|c| {
                let n = scored
                    .iter()
                    .filter(|s| s.bench == bench && name(s.predicted) == *c)
                    .count();
                format!("{n:>5}")
            })
            .collect();
        println!("    {bench:<44}{counts}");
    }
}

/// One line per page, tab-separated, for comparing two runs with `diff`
/// or a spreadsheet.
fn write_per_page(path: &Path, scored: &[Scored]) -> Result<(), String> {
    use std::fmt::Write as _;
    let mut out =
        String::from("bench\tid\thalf\ttype\tP\tR\tF1\ttp\tfn\tfp\ttn\turl\toutput\tpredicted\n");
    for s in scored {
        let (p, r, f) = s.aeb.map_or((f64::NAN, f64::NAN, f64::NAN), |c| {
            (c.precision(), c.recall(), c.f1())
        });
        let c = s.snippets.as_ref().map(|p| p.counts).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{p:.4}\t{r:.4}\t{f:.4}\t{}\t{}\t{}\t{}\t{}\t{:016x}\t{}",
            s.bench,
            s.id,
            half(&s.url),
            s.type_name(),
            c.tp,
            c.fn_,
            c.fp,
            c.tn,
            s.url,
            s.output_hash,
            s.predicted.map_or("-", |t| t.as_str())
        );
    }
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// The page-type model's features, one page a line (TSV): bench, id,
/// site, half, truth type (`-` off WCEB), stated type (`-`: none), then
/// the features named in the header.
fn write_features(path: &Path, scored: &[Scored]) -> Result<(), String> {
    use std::fmt::Write as _;
    let mut out = String::from("bench\tid\tsite\thalf\ttype\tstated");
    for name in unboil::page_model::FEATURES {
        out.push('\t');
        out.push_str(name);
    }
    out.push('\n');
    for s in scored {
        let Some((f, stated)) = &s.features else {
            continue;
        };
        let site = host(&s.url);
        let _ = write!(
            out,
            "{}\t{}\t{site}\t{}\t{}\t{}",
            s.bench,
            s.id,
            half(&s.url),
            s.type_name(),
            stated.map_or("-", |t| t.as_str())
        );
        for x in f {
            let _ = write!(out, "\t{x}");
        }
        out.push('\n');
    }
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

fn print_worst(
    n: usize,
    scored: &[Scored],
    tf_data: &BTreeMap<String, TfEntry>,
    wceb: &BTreeMap<String, WcebTruth>,
) {
    for bench in ["aeb", "wceb"] {
        let mut worst: Vec<&Scored> = scored.iter().filter(|s| s.bench == bench).collect();
        let f1 = |s: &Scored| s.aeb.map_or(0.0, |c| c.f1());
        worst.sort_by(|a, b| f1(a).total_cmp(&f1(b)));
        println!();
        println!("worst {n} {bench} pages (page F1):");
        println!("  {:>6} {:>6} {:>6}  id  type  url", "P", "R", "F1");
        for s in worst.iter().take(n) {
            let c = s.aeb.unwrap_or_default();
            println!(
                "  {:>6.4} {:>6.4} {:>6.4}  {}  {}  {}",
                c.precision(),
                c.recall(),
                c.f1(),
                s.id,
                if s.page_type.is_empty() {
                    "-"
                } else {
                    &s.page_type
                },
                s.url
            );
            if bench == "wceb" {
                let t = &wceb[&s.id];
                print_snippets(s, &t.with, &t.without);
            }
        }
    }

    let errors = |s: &Scored| s.snippets.as_ref().map_or(0, |p| p.counts.errors());
    let mut worst: Vec<&Scored> = scored
        .iter()
        .filter(|s| s.bench == "tfeval" && errors(s) > 0)
        .collect();
    // Stable sort: ties stay in key order.
    worst.sort_by_key(|s| std::cmp::Reverse(errors(s)));
    println!();
    println!("worst {n} tfeval pages (missed + leaked snippets):");
    for s in worst.iter().take(n) {
        let entry = &tf_data[&s.id];
        let c = s
            .snippets
            .as_ref()
            .expect("tfeval pages have snippets")
            .counts;
        println!(
            "  {} errors (tp {} fn {} fp {} tn {})  {}  {}",
            c.errors(),
            c.tp,
            c.fn_,
            c.fp,
            c.tn,
            entry.file,
            s.id
        );
        print_snippets(s, &entry.with, &entry.without);
    }
}

fn print_snippets(s: &Scored, with: &[String], without: &[String]) {
    let Some(page) = &s.snippets else { return };
    for &i in &page.missed {
        println!("      missed: {}", truncate(&with[i], SNIPPET_CHARS));
    }
    for &i in &page.leaked {
        println!("      leaked: {}", truncate(&without[i], SNIPPET_CHARS));
    }
}

/// Repeats full passes of `f` over `pages` until `MIN_SPEED_TIME` has passed;
/// returns (bytes processed, pages processed, elapsed).
fn time_passes(pages: &[Vec<u8>], mut f: impl FnMut(&[u8])) -> (usize, usize, Duration) {
    let pass_bytes: usize = pages.iter().map(Vec::len).sum();
    let started = Instant::now();
    let mut passes = 0;
    loop {
        for page in pages {
            f(black_box(page));
        }
        passes += 1;
        let elapsed = started.elapsed();
        if elapsed >= MIN_SPEED_TIME {
            return (pass_bytes * passes, pages.len() * passes, elapsed);
        }
    }
}

/// One lol_html floor pass (see `scaling::floor_rewriter`) over a page in memory.
fn floor_pass(html: &[u8], touch: bool) {
    let mut acc = [0usize; 2];
    {
        let mut rewriter = scaling::floor_rewriter(touch, &mut acc);
        // Errors are irrelevant to the timing; the pass ends either way.
        let _ = rewriter.write(html).and_then(|()| rewriter.end());
    }
    black_box(acc);
}

fn speed(name: &str, pages: &[Page], options: &Options) -> Result<(), String> {
    let html = pages
        .iter()
        .map(|p| decompress(&p.raw))
        .collect::<Result<Vec<_>, _>>()?;
    let mb = |bytes: usize, t: Duration| bytes as f64 / 1e6 / t.as_secs_f64();

    // Rounds alternate the three passes, so a change in machine load hits
    // all three alike; each figure is the median over the rounds, and the
    // ratios are medians of the ratios within one round.
    let mut noops = Vec::new();
    let mut touches = Vec::new();
    let mut ourses = Vec::new();
    let mut per_noop = Vec::new();
    let mut per_touch = Vec::new();
    let mut pages_per_s = Vec::new();
    for _ in 0..SPEED_ROUNDS {
        let (bytes, _, t) = time_passes(&html, |p| floor_pass(p, false));
        let noop = mb(bytes, t);
        let (bytes, _, t) = time_passes(&html, |p| floor_pass(p, true));
        let touch = mb(bytes, t);
        let (bytes, n, t) = time_passes(&html, |page| {
            let _ = black_box(unboil::clean(page, options));
        });
        let ours = mb(bytes, t);
        pages_per_s.push(n as f64 / t.as_secs_f64());
        per_noop.push(ours / noop);
        per_touch.push(ours / touch);
        noops.push(noop);
        touches.push(touch);
        ourses.push(ours);
    }
    let (noop, touch, ours) = (median(noops), median(touches), median(ourses));
    let pages_per_s = median(pages_per_s);
    let (ours_noop, ours_touch) = (median(per_noop), median(per_touch));
    let total: usize = html.iter().map(Vec::len).sum();
    println!(
        "  {name:<7} ({} pages, {:.1} MB): lol_html no-op {noop:.1} MB/s | \
         lol_html *+text {touch:.1} MB/s | unboil {ours:.1} MB/s, {pages_per_s:.0} pages/s | \
         unboil/no-op {:.3}, unboil/(*+text) {:.3}",
        html.len(),
        total as f64 / 1e6,
        ours_noop,
        ours_touch
    );
    Ok(())
}

/// Pipeline throughput: JSONL and WARC streams of all pages at 1 and 2 threads.
fn pipeline_speed(pages: &[&Page], options: &Options) -> Result<(), String> {
    use std::io::Write;
    let html = pages
        .iter()
        .map(|p| decompress(&p.raw))
        .collect::<Result<Vec<_>, _>>()?;
    let html_bytes: usize = html.iter().map(Vec::len).sum();

    // JSONL: UTF-8 pages as "html", the others as "html_b64".
    let mut jsonl = Vec::new();
    for (i, page) in html.iter().enumerate() {
        let rec = match std::str::from_utf8(page) {
            Ok(s) => {
                serde_json::json!({"id": i, "url": format!("https://bench.test/{i}"), "html": s})
            }
            Err(_) => serde_json::json!({"id": i, "url": format!("https://bench.test/{i}"),
                "html_b64": base64::engine::Engine::encode(&base64::engine::general_purpose::STANDARD, page)}),
        };
        serde_json::to_writer(&mut jsonl, &rec).map_err(|e| e.to_string())?;
        jsonl.push(b'\n');
    }
    // WARC: request + response per page, one gzip member per record, as Common Crawl writes.
    let mut warc = Vec::new();
    for (i, page) in html.iter().enumerate() {
        let request = format!("GET /{i} HTTP/1.1\r\nHost: bench.test\r\n\r\n").into_bytes();
        let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        response.extend_from_slice(page);
        for (kind, block) in [("request", request), ("response", response)] {
            let mut rec = format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{i}-{kind}>\r\n\
                 WARC-Target-URI: https://bench.test/{i}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\
                 Content-Length: {}\r\n\r\n",
                block.len()
            )
            .into_bytes();
            rec.extend_from_slice(&block);
            rec.extend_from_slice(b"\r\n\r\n");
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&rec).map_err(|e| e.to_string())?;
            warc.extend(gz.finish().map_err(|e| e.to_string())?);
        }
    }
    println!();
    println!(
        "pipeline (all {} pages, {:.1} MB of HTML; JSONL {:.1} MB, WARC.gz {:.1} MB in memory; \
         MB/s of HTML; best of {PIPELINE_PASSES} passes):",
        html.len(),
        html_bytes as f64 / 1e6,
        jsonl.len() as f64 / 1e6,
        warc.len() as f64 / 1e6,
    );
    let rules = unboil::Catalogue::builtin();
    for mode in ["JSONL", "WARC"] {
        let mut rates = Vec::new();
        for threads in [1, 2] {
            let p = unboil::pipeline::Pipeline::new(options, rules)
                .with_threads(threads)
                .map_err(|e| e.to_string())?;
            let keys = unboil::pipeline::Keys::default();
            // Best of PIPELINE_PASSES passes: other load on a shared machine
            // only ever slows a pass down.
            let mut best: Option<(f64, f64)> = None; // (wall, cpu) of the fastest pass
            for _ in 0..PIPELINE_PASSES {
                let started = Instant::now();
                let cpu_started = cpu_seconds();
                let mut out = std::io::sink();
                let stats = if mode == "JSONL" {
                    p.jsonl(&jsonl[..], &mut out, &keys, &mut |_| {})
                        .map_err(|e| e.to_string())?
                } else {
                    let mut stats = unboil::pipeline::Stats::default();
                    let mut r =
                        unboil::warc::WarcReader::new(flate2::read::MultiGzDecoder::new(&warc[..]));
                    p.warc(&mut r, &mut out, &mut stats, &mut |_| {})
                        .map_err(|e| e.to_string())?;
                    stats
                };
                let t = started.elapsed().as_secs_f64();
                let cpu = cpu_seconds()
                    .zip(cpu_started)
                    .map_or(f64::NAN, |(b, a)| b - a);
                if stats.ok + stats.failed != html.len() as u64 {
                    return Err(format!(
                        "{mode}: {} lines for {} pages",
                        stats.ok + stats.failed,
                        html.len()
                    ));
                }
                if best.is_none_or(|(w, _)| t < w) {
                    best = Some((t, cpu));
                }
            }
            let (t, cpu) = best.expect("at least one pass");
            let pages = html.len();
            let pages_s = pages as f64 / t;
            let mb_s = html_bytes as f64 / 1e6 / t;
            // CPU time says how much of the wall time the machine gave us.
            let cpu_note = if cpu.is_nan() {
                String::new()
            } else {
                format!(
                    "  (CPU: {:.2} cores busy, {:.2} ms/page)",
                    cpu / t,
                    cpu * 1e3 / pages as f64
                )
            };
            println!(
                "  {mode:<5} {threads} thread{}: {pages_s:6.0} pages/s  {mb_s:6.1} MB/s{cpu_note}",
                if threads == 1 { " " } else { "s" }
            );
            rates.push(pages_s);
        }
        println!(
            "  {mode:<5} 2 threads / 1 thread: {:.2}x wall (target >= 1.7x; a busy machine \
             lowers it: compare the cores busy above)",
            rates[1] / rates[0]
        );
    }
    Ok(())
}

/// User + system CPU time of this process so far (Linux `/proc`; `None` elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime: fields 14 and 15 of the line, 12 and 13 of `rest`.
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

/// Compares every figure named in the floors file with its floor and
/// reports; returns whether all pass. A name the bench does not compute is
/// an error, so a typo cannot turn a floor off.
fn check(floors: &BTreeMap<String, f64>, metrics: &BTreeMap<String, f64>) -> Result<bool, String> {
    println!();
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    for (name, &floor) in floors {
        let Some(&value) = metrics.get(name) else {
            let known: Vec<&str> = metrics.keys().map(String::as_str).collect();
            return Err(format!(
                "floors: unknown figure {name:?} (known: {})",
                known.join(", ")
            ));
        };
        if value < floor {
            failed.push(format!("{name} {value:.6} is below its floor {floor}"));
        } else {
            passed.push(format!("{name} {value:.4} >= {floor}"));
        }
    }
    if failed.is_empty() {
        println!("quality gate: ok ({})", passed.join(", "));
        Ok(true)
    } else {
        for f in &failed {
            eprintln!("quality gate: FAILED: {f}");
        }
        Ok(false)
    }
}
