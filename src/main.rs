//! The `unboil` command: a thin CLI over the library.
//!
//! `unboil [FILE]...` reads files (or stdin) in chunks into
//! [`unboil::Cleaner`], prints the cleaned text or writes one file per
//! input, and spreads many inputs over threads while keeping output in input
//! order. `unboil explain` and `unboil diff` show what was removed and why
//! (the work is in [`unboil::report`]). Exit codes: 0 all inputs ok, 1 some
//! input failed (each failure, whatever its [`unboil::Error`] or I/O error,
//! is one line on stderr naming the input; the others still run), 2 usage
//! error, 3 the run itself could not go on (output directory cannot be
//! created, stdout or `--output` cannot be written), 130 interrupted
//! (SIGINT/SIGTERM: the temporary files being written are removed first).
//! A closed stdout (`| head`) ends the run quietly. A page that panics is
//! that input's error; the run goes on.
#![forbid(unsafe_code)]

// Each element costs lol_html a few short-lived strings (tag and attribute
// names); mimalloc serves them faster than the system allocator (about 8% of
// the instructions of a run on the benchmark pages).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use unboil::pipeline::{Pipeline, Render, Stats};
use unboil::promo::UserRules;
use unboil::{report, Catalogue};

const CHUNK: usize = 64 * 1024;
/// Some input could not be read, cleaned or written (named on stderr).
const EXIT_INPUT_FAILED: u8 = 1;
/// Bad arguments (clap uses 2 as well).
const EXIT_USAGE: u8 = 2;
/// The run stopped: output directory or stdout unusable.
const EXIT_RUN_FAILED: u8 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "unboil",
    version,
    about = "Strip boilerplate from scraped web pages and keep the article text",
    long_about = "Strip boilerplate from scraped web pages and keep the article text.\n\n\
unboil reads HTML (any charset, gzip recognised by its magic bytes) or plain \
text, removes navigation, sidebars, share bars, cookie banners, comment \
sections and promotional lines (\"Source link\", \"Scroll to Top\", text-alert \
and newsletter signups, ...) and prints the main content as plain text, \
Markdown, clean HTML or JSON with the page's metadata.",
    after_help = "Examples:\n  \
unboil corpus/autoblog-wordpress.html          clean one page to stdout\n  \
curl -s https://example.com/a | unboil         clean stdin\n  \
unboil --input text scraped.txt                promo rules line by line on plain text\n  \
unboil --out-dir clean/ pages/*.html.gz        one DIR/<name>.txt per input\n  \
unboil --format markdown --links page.html     Markdown, links kept\n  \
unboil --format json --url URL page.html       metadata and text as one JSON object\n  \
unboil --favor precision page.html             leave out anything doubtful\n  \
unboil --drop '.ad-box' --keep 'aside.note' page.html\n                                                 force elements out or in\n  \
unboil --rules mine.toml page.html             more phrase rules and selectors\n  \
unboil explain page.html                       each block: kept or removed, and why\n  \
unboil diff page.html                          every removed line, as a diff\n  \
unboil --out-dir clean/ site/                  every .html/.htm(.gz) under site/, progress on a terminal\n  \
unboil --jsonl < pages.jsonl > clean.jsonl     one {id, url, html} per line in, {id, url, text, ...} out\n  \
unboil warc CC-MAIN-*.warc.gz > pages.jsonl    HTML responses of WARC files as JSON Lines\n\n\
A file named like a command (diff, explain, warc) is given as ./diff, ./explain or ./warc.\n\n\
Exit status: 0 all inputs cleaned, 1 some input failed (named on stderr), 2 usage error,\n\
3 the run could not go on (output directory or stdout unusable).",
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    clean: CleanArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Show every removed line: a diff from the page's full text to the cleaned text.
    #[command(
        long_about = "Show what cleaning removed, as a unified diff.\n\n\
With one FILE: from the page's full visible text (every block as if kept) to \
the cleaned text, so every removed line shows as a `-` line.\n\
With one FILE and --against-* options: from the text cleaned with the options \
to the text cleaned with the --against-* changes, to check a rule or option change.\n\
With two FILEs: between their cleaned texts; with --text, between the files \
as they are (two saved outputs, say).\n\n\
On a terminal removed lines are red and added lines green; piped output is plain.",
        after_help = "Examples:\n  \
unboil diff page.html                              what cleaning removes\n  \
unboil diff --stat page.html                       counts: blocks and words, by reason\n  \
unboil diff page.html --against-favor recall       balanced vs recall\n  \
unboil diff page.html --against-rules new.toml     before vs after a rule change\n  \
unboil diff --text old.txt new.txt                 two saved outputs"
    )]
    Diff(DiffArgs),
    /// One line per block: kept or removed, the rule or reason, an excerpt and the tag path.
    #[command(
        long_about = "One line per block of the page: its number, `kept` or \
`removed`, the rule id or reason that decided (outside-main, hidden, rule:<id>, \
context:<what>, link-dense, boilerplate-box, title, user-drop; user-keep for a \
block kept by --keep, `-` for other kept blocks), an excerpt of its text and \
its tag path.\n\n\
--json prints JSON Lines instead: one object per block and line, with the \
fields block, kept, reason (null for `-`), path, kind, words and text (whole).",
        after_help = "Examples:\n  \
unboil explain page.html                     read it\n  \
unboil explain page.html | grep removed      just the removals\n  \
unboil explain --json page.html | jq -r 'select(.kept) | .path'"
    )]
    Explain(ExplainArgs),
    /// Clean the HTML responses of WARC files (Common Crawl; gzipped or plain) into JSON Lines.
    #[command(
        long_about = "Clean the HTML responses of WARC files into JSON Lines on stdout.\n\n\
Reads WARC files, gzipped (one member per record, as Common Crawl writes them) \
or plain, one record at a time. Each `response` record with HTTP status 200 and \
an HTTP Content-Type of text/html or application/xhtml+xml becomes one line: \
{\"id\": WARC-Record-ID, \"url\": WARC-Target-URI, \"date\": WARC-Date, \"text\": \
..., \"title\": ...} plus the metadata the page states (as --format json; the \
page's own canonical URL and date are canonical_url and page_date), or the id, \
url and date with an \"error\" field when the page cannot be cleaned. Other records make no line. The HTTP header's charset \
is the page's transport charset (--charset applies when it names none); a \
chunked body is decoded.\n\n\
Exit status: 0 when every file was read to its end (pages that failed are \
error lines), 1 when a file could not be read or is truncated or malformed \
(named on stderr; its earlier pages are written), 2 usage error, 3 stdout \
cannot be written.",
        after_help = "Examples:\n  \
unboil warc CC-MAIN-*.warc.gz > pages.jsonl\n  \
unboil warc --threads 4 --stats crawl.warc.gz | jq -r .text"
    )]
    Warc(WarcArgs),
}

#[derive(Args, Debug)]
struct WarcArgs {
    /// WARC files (.warc or .warc.gz; gzip is recognised by its magic
    /// bytes); `-` reads stdin (`curl -s URL | unboil warc -`).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

    /// Write the lines to FILE instead of stdout: gzip when its name ends
    /// in .gz, zstd when .zst. Written under a temporary name and renamed
    /// at the end, so a failed run leaves no half file.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Records per window (default 128).
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::value_parser!(u32).range(1..))]
    window: u32,

    /// Threads that clean records (default: all cores). With 1, reading,
    /// cleaning and writing take turns on one thread; with more, the next
    /// window is read while the pool cleans the four before it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// The content field of each line: `text`, `markdown` or `html` (the
    /// field is named after it).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = JsonBody::Text)]
    json_body: JsonBody,

    /// Keep links in markdown and html content (made absolute against the
    /// page's URL).
    #[arg(long)]
    links: bool,

    /// Print the summary line (pages ok / failed, records skipped, MB, seconds)
    /// on stderr even when stderr is not a terminal.
    #[arg(long)]
    stats: bool,

    /// Input bytes held at once by the windows read or being cleaned
    /// (plus working memory of a few times each page being cleaned).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size)]
    memory_budget: usize,

    #[command(flatten)]
    opts: OptionArgs,
}

#[derive(Args, Debug)]
struct CleanArgs {
    /// Input files or directories; `-` or none reads stdin. A directory is
    /// searched recursively for *.html, *.htm, *.html.gz and *.htm.gz (hidden
    /// entries skipped, names in sorted order). A file named diff, explain
    /// or warc is given as ./diff.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// JSON Lines mode: read one JSON object per line ({"id", "url", "html"}
    /// or "html_b64") from the FILEs or stdin and write one JSON line per
    /// input line, in order: id, url, then text and the metadata found (as
    /// --format json, but the page's own url and date are canonical_url and
    /// page_date); or id, url, error. --json-body and --links apply.
    #[arg(long, conflicts_with_all = ["out_dir", "format"])]
    jsonl: bool,

    /// --jsonl: the key holding the page as a JSON string.
    #[arg(long, value_name = "KEY", default_value = "html", requires = "jsonl")]
    html_key: String,

    /// --jsonl: the key holding the page's raw bytes in base64 (any charset),
    /// used when a record has no --html-key.
    #[arg(
        long,
        value_name = "KEY",
        default_value = "html_b64",
        requires = "jsonl"
    )]
    html_b64_key: String,

    /// --jsonl: the key echoed as "id".
    #[arg(long, value_name = "KEY", default_value = "id", requires = "jsonl")]
    id_key: String,

    /// --jsonl: the key echoed as "url".
    #[arg(long, value_name = "KEY", default_value = "url", requires = "jsonl")]
    url_key: String,

    /// --jsonl: input bytes held at once by the windows read or being
    /// cleaned (plus working memory of a few times each page being cleaned).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size, requires = "jsonl")]
    memory_budget: usize,

    /// --jsonl: write the lines to FILE instead of stdout: gzip when its
    /// name ends in .gz, zstd when .zst. Written under a temporary name and
    /// renamed at the end, so a failed run leaves no half file.
    #[arg(long, short = 'o', value_name = "FILE", requires = "jsonl")]
    output: Option<PathBuf>,

    /// --jsonl: records per window (default 128). A window is cleaned
    /// early when the input has nothing more ready, so a long-lived
    /// process answers each record as it comes.
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::value_parser!(u32).range(1..), requires = "jsonl")]
    window: u32,

    /// Before each input's output on stdout, a line `==> NAME <==` (as
    /// `head` does), so several text outputs can be told apart. (With
    /// --format json and several inputs, each line has an "input" field.)
    #[arg(long, conflicts_with = "out_dir")]
    headers: bool,

    /// Text and Markdown: start each output with the page's metadata as
    /// YAML front matter (`---`, title, author, date, sitename, url, lang,
    /// description, image, tags, `---`), as trafilatura's --with-metadata.
    #[arg(long)]
    with_metadata: bool,

    /// With --out-dir: leave out inputs whose output file already exists
    /// (to resume a run; they count as skipped).
    #[arg(long, requires = "out_dir")]
    skip_existing: bool,

    /// Directory inputs: also take files whose name matches PATTERN (`*`
    /// any run of characters, `?` one; repeatable), e.g. --glob '*.xhtml'.
    #[arg(long, value_name = "PATTERN")]
    glob: Vec<String>,

    /// With --out-dir: do not fsync each file before renaming it (faster
    /// for scratch output; a crash may then leave empty or partial files
    /// under final names).
    #[arg(long, requires = "out_dir")]
    no_fsync: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Keep links in markdown and html output (made absolute against --url,
    /// the page's <base> or its canonical URL; javascript:, data: and other
    /// unsafe targets are dropped, their text kept).
    #[arg(long)]
    links: bool,

    /// The URL the page came from: relative links and the canonical URL
    /// resolve against it, and json output falls back to it for `url`.
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// The content field of json output: `text`, `markdown` or `html`
    /// (the field is named after it).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = JsonBody::Text)]
    json_body: JsonBody,

    /// Write one file per input into DIR, named after the input with `.gz` and
    /// `.html`/`.htm` stripped plus `.txt`, `.md`, `.html` or `.json` by
    /// --format (a.html.gz -> DIR/a.txt).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Worker threads for many inputs (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Print the summary line (pages ok / failed, MB, seconds) on stderr even
    /// when stderr is not a terminal.
    #[arg(long)]
    stats: bool,

    #[command(flatten)]
    opts: OptionArgs,
}

/// The options that decide what is kept: shared by every command.
#[derive(Args, Debug, Clone)]
struct OptionArgs {
    /// What the input is: `auto` treats input without markup as plain text.
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    input: Input,

    /// Lean toward precision (leave out doubtful blocks) or recall (keep them).
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
    favor: FavorArg,

    /// Charset to decode with when the page has no byte-order mark (beats <meta>).
    #[arg(long, value_name = "LABEL")]
    charset: Option<String>,

    /// Keep comment sections.
    #[arg(long)]
    comments: bool,

    /// Keep images' alt text: `![alt](src)` in Markdown, `<img>` in HTML,
    /// the alt text itself in plain text.
    #[arg(long)]
    images: bool,

    /// Always remove elements matching this CSS selector, with all inside
    /// them (repeatable). An inline element (span, a) decides only a block
    /// whose text it holds whole.
    #[arg(long, value_name = "SELECTOR")]
    drop: Vec<String>,

    /// Always keep elements matching this CSS selector, with all inside them,
    /// even outside the main content (repeatable). The innermost match
    /// decides; on one element --drop wins.
    #[arg(long, value_name = "SELECTOR")]
    keep: Vec<String>,

    /// Add phrase rules ([[rule]] id, reason, pattern, as in the built-in
    /// catalogue) and `drop = [..]` / `keep = [..]` selectors from a TOML file (repeatable).
    #[arg(long, value_name = "FILE")]
    rules: Vec<PathBuf>,

    /// Leave out the built-in phrase catalogue (--rules files still apply).
    #[arg(long)]
    no_default_rules: bool,

    /// Leave out tables (data and layout tables alike), as if --drop table.
    #[arg(long)]
    no_tables: bool,

    /// Most bytes one page may have after gzip is undone (also the longest
    /// JSONL line and WARC body): a larger page is an error for that input.
    /// A number of bytes, or with K, M or G (KiB, MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_page_size: usize,
}

/// `123`, `64K`, `64M`, `1G` (also `64MiB`, `64MB`: binary units all).
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(format!("{s:?} is not a size (a number, then K, M or G)"));
    }
    let n: usize = t[..digits]
        .parse()
        .map_err(|_| format!("{s:?} is too large"))?;
    let unit = t[digits..].trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        _ => return Err(format!("{s:?}: unknown unit (K, M or G)")),
    };
    let v = n
        .checked_mul(1usize << shift)
        .ok_or_else(|| format!("{s:?} is too large"))?;
    if v == 0 {
        return Err("the size must be more than 0".into());
    }
    Ok(v)
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// One page, or two inputs to compare (`-` reads stdin).
    #[arg(value_name = "FILE", required = true, num_args = 1..=2)]
    files: Vec<PathBuf>,

    /// The two FILEs are text to compare as they are, not pages to clean.
    #[arg(long)]
    text: bool,

    /// Print counts instead of the diff: blocks, and words kept and removed, by reason.
    #[arg(long)]
    stat: bool,

    /// Color the diff: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,

    #[command(flatten)]
    opts: OptionArgs,

    #[command(flatten)]
    against: AgainstArgs,
}

/// The second option set of `unboil diff FILE --against-...`: the options
/// above with these changes.
#[derive(Args, Debug, Clone, Default)]
#[command(
    next_help_heading = "Compare with a second option set (the options above, changed by these)"
)]
struct AgainstArgs {
    /// The second set uses this --favor.
    #[arg(long, value_enum, value_name = "FAVOR")]
    against_favor: Option<FavorArg>,

    /// The second set keeps comment sections.
    #[arg(long)]
    against_comments: bool,

    /// The second set also drops elements matching SELECTOR (repeatable).
    #[arg(long, value_name = "SELECTOR")]
    against_drop: Vec<String>,

    /// The second set also keeps elements matching SELECTOR (repeatable).
    #[arg(long, value_name = "SELECTOR")]
    against_keep: Vec<String>,

    /// The second set also uses the rules file FILE (repeatable).
    #[arg(long, value_name = "FILE")]
    against_rules: Vec<PathBuf>,

    /// The second set leaves out the built-in phrase catalogue.
    #[arg(long)]
    against_no_default_rules: bool,
}

impl AgainstArgs {
    fn any(&self) -> bool {
        self.against_favor.is_some()
            || self.against_comments
            || !self.against_drop.is_empty()
            || !self.against_keep.is_empty()
            || !self.against_rules.is_empty()
            || self.against_no_default_rules
    }

    fn apply(&self, base: &OptionArgs) -> OptionArgs {
        let mut o = base.clone();
        if let Some(f) = self.against_favor {
            o.favor = f;
        }
        o.comments |= self.against_comments;
        o.drop.extend(self.against_drop.iter().cloned());
        o.keep.extend(self.against_keep.iter().cloned());
        o.rules.extend(self.against_rules.iter().cloned());
        o.no_default_rules |= self.against_no_default_rules;
        o
    }
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// The page; `-` reads stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    file: PathBuf,

    /// JSON Lines: one object per block (block, kept, reason, path, kind, words, text).
    #[arg(long)]
    json: bool,

    #[command(flatten)]
    opts: OptionArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Plain text: paragraphs separated by a blank line.
    Text,
    /// Markdown (CommonMark with GitHub tables): headings, lists, quotes,
    /// code blocks, tables, emphasis; links with --links.
    Markdown,
    /// A clean HTML fragment: structural tags only, no scripts, styles or
    /// event handlers; links with --links.
    Html,
    /// One JSON object per input and line: title, author, date, sitename,
    /// url, lang, description, image, tags (when found) and the content
    /// (see --json-body).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum JsonBody {
    Text,
    Markdown,
    Html,
}

impl JsonBody {
    fn body(self) -> unboil::render::Body {
        match self {
            JsonBody::Text => unboil::render::Body::Text,
            JsonBody::Markdown => unboil::render::Body::Markdown,
            JsonBody::Html => unboil::render::Body::Html,
        }
    }
}

impl CleanArgs {
    fn style(&self) -> unboil::render::Style {
        unboil::render::Style { links: self.links }
    }

    /// The output for one cleaned page; `input` names it in JSON (several inputs).
    fn render(&self, doc: &unboil::Document, input: Option<&str>) -> String {
        use unboil::render;
        let front = || {
            if self.with_metadata {
                front_matter(doc)
            } else {
                String::new()
            }
        };
        match self.format {
            Format::Text => front() + &doc.text,
            Format::Markdown => front() + &render::markdown(doc, &self.style()),
            Format::Html => render::html(doc, &self.style()),
            Format::Json => {
                let mut object = render::json(doc, self.json_body.body(), &self.style());
                if let Some(name) = input {
                    object.insert("input".into(), name.into());
                }
                let mut line = serde_json::Value::Object(object).to_string();
                line.push('\n');
                line
            }
        }
    }

    fn extension(&self) -> &'static str {
        match self.format {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Input {
    Auto,
    Html,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FavorArg {
    Balanced,
    Precision,
    Recall,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // A page that panics is caught and becomes its own error line; the
    // default hook would add a second stderr line (and a backtrace hint).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !unboil::pipeline::catching_panic() {
            default_hook(info);
        }
    }));
    // Ctrl-C or SIGTERM: remove the temporary files being written, then exit 130.
    let _ = ctrlc::set_handler(|| {
        temps::remove_all_and_exit(130);
    });
    // `unboil help [COMMAND]` as `unboil [COMMAND] --help`, unless a file
    // named help is there (give it as ./help then).
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "help") && !Path::new("help").exists() {
        args.remove(1);
        args.push("--help".into());
    }
    let cli = Cli::parse_from(args);
    let r = match &cli.command {
        None => run(&cli.clean),
        Some(Command::Explain(a)) => explain(a),
        Some(Command::Diff(a)) => diff(a),
        Some(Command::Warc(a)) => warc(a),
    };
    match r {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unboil: {e}");
            ExitCode::from(EXIT_RUN_FAILED)
        }
    }
}

/// `--with-metadata`: the page's metadata as YAML front matter. Values are
/// written as JSON strings and arrays, which YAML reads as they are (any
/// quote, colon or newline in them stays inside its string).
fn front_matter(doc: &unboil::Document) -> String {
    let m = &doc.meta;
    let mut out = String::from("---\n");
    let title = m.title.as_ref().or(doc.title.as_ref());
    for (key, value) in [
        ("title", title),
        ("author", m.author.as_ref()),
        ("date", m.date.as_ref()),
        ("sitename", m.sitename.as_ref()),
        ("url", m.url.as_ref()),
        ("lang", m.lang.as_ref()),
        ("description", m.description.as_ref()),
        ("image", m.image.as_ref()),
    ] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push_str(&format!("{key}: {}\n", serde_json::Value::from(v.as_str())));
        }
    }
    if !m.tags.is_empty() {
        out.push_str(&format!(
            "tags: {}\n",
            serde_json::Value::from(m.tags.clone())
        ));
    }
    out.push_str("---\n\n");
    out
}

/// Library options plus the catalogue they use (`None`: the built-in one).
struct Setup {
    options: unboil::Options,
    rules: Option<Catalogue>,
}

impl Setup {
    fn rules(&self) -> &Catalogue {
        self.rules.as_ref().unwrap_or_else(|| Catalogue::builtin())
    }
}

/// Turn the option flags into a [`Setup`]; `Err` is a usage error.
fn setup(o: &OptionArgs) -> Result<Setup, String> {
    let charset = match &o.charset {
        None => None,
        Some(label) => Some(
            unboil::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| format!("unknown charset label {label:?}"))?,
        ),
    };
    for (flag, list) in [("--drop", &o.drop), ("--keep", &o.keep)] {
        for s in list {
            unboil::segment::parse_selector(s).map_err(|e| format!("{flag}: {e}"))?;
        }
    }
    let (mut drop, mut keep) = (o.drop.clone(), o.keep.clone());
    if o.no_tables {
        drop.push("table".into());
    }
    let mut user_rules = Vec::new();
    for path in &o.rules {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read rules file {}: {e}", path.display()))?;
        let user =
            UserRules::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())?;
        user_rules.extend(user.rules);
        drop.extend(user.drop);
        keep.extend(user.keep);
    }
    let rules = if o.no_default_rules || !user_rules.is_empty() {
        let builtin = if o.no_default_rules {
            &[][..]
        } else {
            Catalogue::builtin().rules()
        };
        Some(Catalogue::merge(&[&user_rules, builtin]).map_err(|e| format!("invalid rules: {e}"))?)
    } else {
        None
    };
    let options = unboil::Options::default()
        .with_favor(match o.favor {
            FavorArg::Balanced => unboil::Favor::Balanced,
            FavorArg::Precision => unboil::Favor::Precision,
            FavorArg::Recall => unboil::Favor::Recall,
        })
        .with_input(match o.input {
            Input::Auto => unboil::InputKind::Auto,
            Input::Html => unboil::InputKind::Html,
            Input::Text => unboil::InputKind::Text,
        })
        .with_charset(charset)
        .with_comments(o.comments)
        .with_images(o.images)
        .with_max_page_size(o.max_page_size)
        .with_drop(drop)
        .with_keep(keep);
    Ok(Setup { options, rules })
}

/// The options that differ from the defaults, for diff labels.
fn describe(o: &OptionArgs) -> String {
    let mut parts = Vec::new();
    if o.favor != FavorArg::Balanced {
        parts.push(format!("favor={}", format!("{:?}", o.favor).to_lowercase()));
    }
    if o.comments {
        parts.push("comments".to_string());
    }
    if o.images {
        parts.push("images".to_string());
    }
    parts.extend(o.drop.iter().map(|s| format!("drop={s}")));
    parts.extend(o.keep.iter().map(|s| format!("keep={s}")));
    parts.extend(o.rules.iter().map(|p| format!("rules={}", p.display())));
    if o.no_default_rules {
        parts.push("no-default-rules".to_string());
    }
    if o.no_tables {
        parts.push("no-tables".to_string());
    }
    if parts.is_empty() {
        "default options".to_string()
    } else {
        parts.join(", ")
    }
}

fn usage_error(msg: &str) -> io::Result<ExitCode> {
    eprintln!("unboil: {msg}");
    Ok(ExitCode::from(EXIT_USAGE))
}

fn input_error(input: &Path, msg: impl std::fmt::Display) -> io::Result<ExitCode> {
    eprintln!("unboil: {}: {msg}", display_name(input));
    Ok(ExitCode::from(EXIT_INPUT_FAILED))
}

fn print(text: &str) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn explain(a: &ExplainArgs) -> io::Result<ExitCode> {
    let setup = match setup(&a.opts) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    let doc = match clean_input(&a.file, &setup) {
        Ok((d, _)) => d,
        Err(e) => return input_error(&a.file, e),
    };
    print(&if a.json {
        report::explain_json(&doc)
    } else {
        report::explain(&doc)
    })
}

fn diff(a: &DiffArgs) -> io::Result<ExitCode> {
    let color = match a.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let two = a.files.len() == 2;
    if two && a.files.iter().all(|f| f.as_os_str() == "-") {
        return usage_error("diff: stdin can be only one of the two inputs");
    }
    if a.against.any() && (two || a.text) {
        return usage_error("diff: --against-* options compare two option sets on one FILE");
    }
    if a.text && !two {
        return usage_error("diff: --text compares two text files; give two");
    }
    let name = |p: &Path| display_name(p);
    if a.text {
        let mut texts = Vec::new();
        for f in &a.files {
            match read_input(f) {
                Ok(bytes) => texts.push(String::from_utf8_lossy(&bytes).into_owned()),
                Err(e) => return input_error(f, format!("cannot read: {e}")),
            }
        }
        return print(&if a.stat {
            report::LineStat::of(&texts[0], &texts[1]).to_string()
        } else {
            let (l0, l1) = (name(&a.files[0]), name(&a.files[1]));
            report::diff(&texts[0], &texts[1], &l0, &l1, color)
        });
    }
    let base = match setup(&a.opts) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    let file = &a.files[0];
    if !two && !a.against.any() {
        // The page's full text against its cleaned text.
        let doc = match clean_input(file, &base) {
            Ok((d, _)) => d,
            Err(e) => return input_error(file, e),
        };
        return print(&if a.stat {
            report::Stat::of(&doc).to_string()
        } else {
            report::page_diff(&doc, &name(file), color)
        });
    }
    // Two cleanings: two inputs under one option set, or one under two.
    let (docs, labels) = if two {
        let mut docs = Vec::new();
        for f in &a.files {
            match clean_input(f, &base) {
                Ok((d, _)) => docs.push(d),
                Err(e) => return input_error(f, e),
            }
        }
        let labels = a.files.iter().map(|f| format!("{} (cleaned)", name(f)));
        (docs, labels.collect::<Vec<_>>())
    } else {
        let other_opts = a.against.apply(&a.opts);
        let other = match setup(&other_opts) {
            Ok(s) => s,
            Err(msg) => return usage_error(&msg),
        };
        let bytes = match read_input(file) {
            Ok(b) => b,
            Err(e) => return input_error(file, format!("cannot read: {e}")),
        };
        let mut docs = Vec::new();
        for s in [&base, &other] {
            match unboil::clean_with_rules(&bytes, &s.options, s.rules()) {
                Ok(d) => docs.push(d),
                Err(e) => return input_error(file, e),
            }
        }
        let labels = [&a.opts, &other_opts].map(|o| format!("{} [{}]", name(file), describe(o)));
        (docs, labels.to_vec())
    };
    print(&if a.stat {
        report::compare_stat(&docs[0], &docs[1], &labels[0], &labels[1])
    } else {
        report::diff(&docs[0].text, &docs[1].text, &labels[0], &labels[1], color)
    })
}

/// `--threads`, or all cores. 0 is a usage error; more than four per core
/// (at most 256) gain nothing for work that is all CPU and cost time and
/// memory to start (20,000 took minutes), so they are cut, with a note.
fn threads(n: Option<usize>) -> Result<usize, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = (4 * cores).min(MAX_THREADS);
    match n {
        None => Ok(cores.min(max)),
        Some(0) => Err("--threads must be at least 1".into()),
        Some(n) if n > max => {
            eprintln!("unboil: --threads {n} is more than 4 per core ({cores} cores); using {max}");
            Ok(max)
        }
        Some(n) => Ok(n),
    }
}

/// The most threads used, whatever the number of cores.
const MAX_THREADS: usize = 256;

fn pool(threads: usize) -> io::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)
}

/// The progress bar (stderr, only on a terminal) and the summary line at the end.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    summary: bool,
    unit: &'static str,
}

impl Progress {
    /// `total`: the number of pages when known. The bar shows when stderr is a
    /// terminal and `bar_ok` (stdout is not one, or output goes to files); the
    /// summary when stderr is a terminal or `--stats` asks for it.
    fn new(total: Option<u64>, bar_ok: bool, stats: bool, unit: &'static str) -> Progress {
        let term = io::stderr().is_terminal();
        let bar = (term && bar_ok).then(|| {
            let (bar, template) = match total {
                Some(n) => (
                    ProgressBar::new(n),
                    format!("{{wide_bar}} {{pos}}/{{len}} {unit}  {{msg}}  ETA {{eta}}"),
                ),
                None => (
                    ProgressBar::new_spinner(),
                    format!("{{spinner}} {{pos}} {unit}  {{msg}}  {{elapsed}}"),
                ),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            summary: term || stats,
            unit,
        }
    }

    fn update(&self, s: &Stats) {
        if let Some(bar) = &self.bar {
            bar.set_position(s.ok + s.failed);
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            let mb = s.bytes as f64 / 1e6;
            bar.set_message(format!("{mb:.1} MB  {:.1} MB/s", mb / secs));
        }
    }

    /// Print a line on stderr without tearing the bar.
    fn eprintln(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    fn finish(self, s: &Stats) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.summary {
            eprintln!("unboil: {}", summary(s, self.unit, self.started.elapsed()));
        }
    }
}

/// `12 pages ok, 1 failed, 3.4 MB, 0.52 s` (`1 page ok`, `1 record skipped`).
fn summary(s: &Stats, what: &str, t: Duration) -> String {
    let one = |n: u64, word: &str| {
        if n == 1 {
            format!("1 {}", word.strip_suffix('s').unwrap_or(word))
        } else {
            format!("{n} {word}")
        }
    };
    let mut line = format!("{} ok, {} failed", one(s.ok, what), s.failed);
    if s.skipped > 0 {
        line.push_str(&format!(", {} skipped", one(s.skipped, "records")));
    }
    if s.malformed > 0 {
        let n = s.malformed;
        line.push_str(&format!(
            ", {n} malformed record{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    line.push_str(&format!(
        ", {:.1} MB, {:.2} s",
        s.bytes as f64 / 1e6,
        t.as_secs_f64()
    ));
    line
}

fn run(cli: &CleanArgs) -> io::Result<ExitCode> {
    let mut setup = match setup(&cli.opts) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("unboil: {msg}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    // Structure and metadata cost time: only the formats that use them ask.
    let markup = cli.format == Format::Markdown
        || cli.format == Format::Html
        || (cli.format == Format::Json && cli.json_body != JsonBody::Text);
    setup.options.structure = markup;
    setup.options.metadata =
        cli.format == Format::Json || (markup && cli.links) || cli.with_metadata;
    setup.options.url = cli.url.clone();
    if cli.jsonl {
        return jsonl(cli, &setup);
    }
    let args: Vec<PathBuf> = if cli.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.files.clone()
    };
    let globs: Vec<Glob> = cli.glob.iter().map(|g| Glob::new(g)).collect();
    let inputs = expand_inputs(&args, &globs);
    if let Some(dir) = &cli.out_dir {
        if dir.exists() && !dir.is_dir() {
            eprintln!(
                "unboil: --out-dir {} is a file, not a directory",
                display_name(dir)
            );
            return Ok(ExitCode::from(EXIT_RUN_FAILED));
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", display_name(dir))))?;
    }
    for a in &args {
        stdin_hint(a);
    }
    let threads = match threads(cli.threads) {
        Ok(n) => n,
        Err(msg) => return usage_error(&msg),
    };
    let pool = pool(threads)?;

    // Output names are fixed up front so two inputs never write one file,
    // and no output is written over an input (`--format html --out-dir D D/`).
    // `Ok(None)` with --out-dir: skipped (--skip-existing).
    let input_files = InputFiles::of(&inputs);
    let mut targets: Vec<Result<Option<PathBuf>, String>> = Vec::with_capacity(inputs.len());
    let mut skip = vec![false; inputs.len()];
    let mut used = HashSet::new();
    for input in &inputs {
        targets.push(match (&input.error, &cli.out_dir) {
            (Some(e), _) => Err(e.clone()),
            (None, None) => Ok(None),
            (None, Some(dir)) => {
                let t = dir
                    .join(&input.subdir)
                    .join(output_name(&input.path, cli.extension()));
                if cli.skip_existing && std::fs::symlink_metadata(&t).is_ok() {
                    skip[targets.len()] = true;
                    Ok(None)
                } else if let Some(other) = input_files.same_file(&t) {
                    Err(format!(
                        "output {} would overwrite the input {}; choose another --out-dir",
                        display_name(&t),
                        display_name(other)
                    ))
                } else if used.insert(t.clone()) {
                    Ok(Some(t))
                } else {
                    Err(format!(
                        "output {} is already written by an earlier input",
                        display_name(&t)
                    ))
                }
            }
        });
    }

    let progress = Progress::new(
        Some(inputs.len() as u64),
        inputs.len() > 1 && (cli.out_dir.is_some() || !io::stdout().is_terminal()),
        cli.stats,
        "pages",
    );
    let mut stats = Stats::default();
    let stdout = io::stdout();
    let to_stdout = |e: io::Error| io::Error::new(e.kind(), format!("cannot write to stdout: {e}"));
    // Several JSON lines on stdout name their input, and a failed input
    // gives an error line, so N inputs give N lines.
    let json_lines = cli.format == Format::Json && cli.out_dir.is_none() && inputs.len() > 1;
    let fsync = !cli.no_fsync;
    // Work in windows of inputs so output stays in order and memory stays bounded.
    let window = threads * 8;
    let mut first_output = true;
    for ((batch_inputs, batch_targets), batch_skip) in inputs
        .chunks(window)
        .zip(targets.chunks(window))
        .zip(skip.chunks(window))
    {
        let results: Vec<Result<(String, u64), String>> = pool.install(|| {
            batch_inputs
                .par_iter()
                .zip(batch_targets)
                .zip(batch_skip)
                .map(|((input, target), &skipped)| {
                    let target = target.clone()?;
                    if skipped {
                        return Ok((String::new(), 0));
                    }
                    // A panic is this input's error; its cleaner is gone with it.
                    let (doc, bytes) = unboil::pipeline::catch_page(|| {
                        clean_input(&input.path, &setup).map_err(|e| e.to_string())
                    })
                    .and_then(|r| r)?;
                    let name = json_lines.then(|| display_name(&input.path));
                    let rendered = cli.render(&doc, name.as_deref());
                    match target {
                        Some(path) => write_output(&path, rendered.as_bytes(), fsync)
                            .map(|()| (String::new(), bytes))
                            .map_err(|e| format!("cannot write {}: {e}", display_name(&path))),
                        None => Ok((rendered, bytes)),
                    }
                })
                .collect()
        });
        let mut out = stdout.lock();
        for ((input, r), &skipped) in batch_inputs.iter().zip(results).zip(batch_skip) {
            match r {
                Ok(_) if skipped => stats.skipped += 1,
                Ok((text, bytes)) => {
                    if cli.headers {
                        let sep = if first_output { "" } else { "\n" };
                        let header = format!("{sep}==> {} <==\n", display_name(&input.path));
                        out.write_all(header.as_bytes()).map_err(to_stdout)?;
                    }
                    first_output = false;
                    out.write_all(text.as_bytes()).map_err(to_stdout)?;
                    stats.ok += 1;
                    stats.bytes += bytes;
                }
                Err(msg) => {
                    stats.failed += 1;
                    if json_lines {
                        let line = serde_json::json!({
                            "input": display_name(&input.path),
                            "error": msg,
                        });
                        out.write_all(format!("{line}\n").as_bytes())
                            .map_err(to_stdout)?;
                    }
                    out.flush().map_err(to_stdout)?;
                    progress.eprintln(&format!("unboil: {}: {msg}", display_name(&input.path)));
                }
            }
        }
        out.flush().map_err(to_stdout)?;
        progress.update(&stats);
    }
    progress.finish(&stats);
    Ok(if stats.failed > 0 {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

/// One input of a batch: a file named on the command line, or found in a
/// directory named there (then `subdir` is its directory relative to that
/// one, mirrored under --out-dir).
struct BatchInput {
    path: PathBuf,
    subdir: PathBuf,
    /// A directory that cannot be read or holds no pages.
    error: Option<String>,
}

/// The inputs that are files, by identity, so an output never replaces one.
struct InputFiles {
    #[cfg(unix)]
    ids: std::collections::HashMap<(u64, u64), PathBuf>,
    #[cfg(not(unix))]
    paths: std::collections::HashMap<PathBuf, PathBuf>,
}

impl InputFiles {
    fn of(inputs: &[BatchInput]) -> InputFiles {
        let files = inputs
            .iter()
            .filter(|i| i.error.is_none() && i.path.as_os_str() != "-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ids = files
                .filter_map(|i| {
                    let m = std::fs::metadata(&i.path).ok()?;
                    Some(((m.dev(), m.ino()), i.path.clone()))
                })
                .collect();
            InputFiles { ids }
        }
        #[cfg(not(unix))]
        {
            let paths = files
                .filter_map(|i| Some((std::fs::canonicalize(&i.path).ok()?, i.path.clone())))
                .collect();
            InputFiles { paths }
        }
    }

    /// The input that `target` is (the same file, through any path or link).
    fn same_file(&self, target: &Path) -> Option<&PathBuf> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(target).ok()?;
            self.ids.get(&(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            self.paths.get(&std::fs::canonicalize(target).ok()?)
        }
    }
}

/// Files stay as they are; directories become the pages under them.
fn expand_inputs(args: &[PathBuf], globs: &[Glob]) -> Vec<BatchInput> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() != "-" && arg.is_dir() {
            let before = out.len();
            let mut errors = Vec::new();
            walk(arg, Path::new(""), globs, &mut out, &mut errors);
            if out.len() == before && errors.is_empty() {
                errors.push("no .html, .htm, .html.gz or .htm.gz files in this directory".into());
            }
            out.extend(errors.into_iter().map(|e| BatchInput {
                path: arg.clone(),
                subdir: PathBuf::new(),
                error: Some(e),
            }));
        } else {
            out.push(BatchInput {
                path: arg.clone(),
                subdir: PathBuf::new(),
                error: None,
            });
        }
    }
    out
}

/// A `--glob` pattern over file names: `*` any run of bytes, `?` one
/// character, anything else itself.
struct Glob(Vec<u8>);

impl Glob {
    fn new(pattern: &str) -> Glob {
        Glob(pattern.as_bytes().to_vec())
    }

    /// Iterative matching with one backtrack point: linear in practice,
    /// never exponential.
    fn matches(&self, name: &[u8]) -> bool {
        let p = &self.0;
        let (mut i, mut j) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while j < name.len() {
            if i < p.len() && p[i] == b'*' {
                star = Some((i, j));
                i += 1;
            } else if i < p.len() && (p[i] == b'?' || p[i] == name[j]) {
                if p[i] == b'?' {
                    // One character: a UTF-8 sequence counts as one.
                    j += 1;
                    while j < name.len() && name[j] & 0xC0 == 0x80 {
                        j += 1;
                    }
                } else {
                    j += 1;
                }
                i += 1;
            } else if let Some((si, sj)) = star {
                i = si + 1;
                j = sj + 1;
                star = Some((si, sj + 1));
            } else {
                return false;
            }
        }
        p[i..].iter().all(|&c| c == b'*')
    }
}

fn is_page_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".html", ".htm", ".html.gz", ".htm.gz"]
        .iter()
        .any(|ext| n.len() > ext.len() && n.ends_with(ext))
}

/// Depth first, entries sorted by name; hidden entries and symlinked
/// directories are not entered, and only regular files (or symlinks to
/// them) are taken: FIFOs, sockets and devices are skipped.
fn walk(
    dir: &Path,
    rel: &Path,
    globs: &[Glob],
    out: &mut Vec<BatchInput>,
    errors: &mut Vec<String>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("cannot read directory {}: {e}", display_name(dir)));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        let name_str = name.to_string_lossy();
        if name_str.starts_with('.') {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&e.path(), &rel.join(&name), globs, out, errors);
        } else if (is_page_name(&name_str) || globs.iter().any(|g| g.matches(name.as_encoded_bytes())))
            // Regular files only (a symlink counts by its target): a FIFO
            // would block the run, a device never ends.
            && (kind.is_file() || (kind.is_symlink() && e.path().metadata().is_ok_and(|m| m.is_file())))
        {
            out.push(BatchInput {
                path: e.path(),
                subdir: rel.to_path_buf(),
                error: None,
            });
        }
    }
}

/// `--jsonl`: the FILEs (or stdin) as one stream of records.
fn jsonl(cli: &CleanArgs, setup: &Setup) -> io::Result<ExitCode> {
    let keys = unboil::pipeline::Keys {
        id: cli.id_key.clone(),
        url: cli.url_key.clone(),
        html: cli.html_key.clone(),
        html_b64: cli.html_b64_key.clone(),
    };
    let files: Vec<PathBuf> = if cli.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.files.clone()
    };
    let threads = match threads(cli.threads) {
        Ok(n) => n,
        Err(msg) => return usage_error(&msg),
    };
    let mut pipeline = Pipeline::new(&setup.options, setup.rules()).with_threads(threads)?;
    pipeline.budget = cli.memory_budget;
    pipeline.window = cli.window as usize;
    pipeline.render = Render {
        body: cli.json_body.body(),
        style: cli.style(),
    };
    let mut out = match LineOut::open(cli.output.as_deref()) {
        Ok(o) => o,
        Err(e) => return Ok(e),
    };
    let progress = Progress::new(None, out.bar_ok(), cli.stats, "records");
    let mut total = Stats::default();
    let mut failed_files = false;
    for file in &files {
        stdin_hint(file);
        let input = match open_input(file).and_then(decompressed) {
            Ok(r) => r,
            Err(e) => {
                progress.eprintln(&format!("unboil: {}: cannot read: {e}", display_name(file)));
                failed_files = true;
                continue;
            }
        };
        let base = total;
        let r = pipeline.jsonl(input, &mut out, &keys, &mut |s| {
            total = base.add(s);
            progress.update(&total);
        });
        if let Err(e) = r {
            if let Some(code) = out.failed(&e) {
                return code;
            }
            progress.eprintln(&format!("unboil: {}: {e}", display_name(file)));
            failed_files = true;
        }
    }
    if let Err(code) = out.finish() {
        return code;
    }
    progress.finish(&total);
    Ok(if failed_files {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

/// JSON Lines input as it is, or gunzipped / un-zstd-ed when its first
/// bytes are gzip's or zstd's magic. A decompressor fills each read, so
/// only the source's own pauses make the pipeline answer early.
fn decompressed(r: Box<dyn Read + Send>) -> io::Result<Box<dyn Read + Send>> {
    let mut r = io::BufReader::with_capacity(CHUNK, r);
    let head = r.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(unboil::pipeline::FullReads::new(
            flate2::bufread::MultiGzDecoder::new(r),
        ))
    } else if head.starts_with(&ZSTD_MAGIC) {
        Box::new(unboil::pipeline::FullReads::new(
            zstd::stream::read::Decoder::with_buffer(r)?,
        ))
    } else {
        Box::new(r)
    })
}

const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// `unboil warc FILE...`: JSON Lines on stdout (or --output).
fn warc(a: &WarcArgs) -> io::Result<ExitCode> {
    let setup = match setup(&a.opts) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    if a.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return usage_error("warc: stdin (-) can be given once");
    }
    let threads = match threads(a.threads) {
        Ok(n) => n,
        Err(msg) => return usage_error(&msg),
    };
    let mut pipeline = Pipeline::new(&setup.options, setup.rules()).with_threads(threads)?;
    pipeline.budget = a.memory_budget;
    pipeline.window = a.window as usize;
    pipeline.render = Render {
        body: a.json_body.body(),
        style: unboil::render::Style { links: a.links },
    };
    let mut out = match LineOut::open(a.output.as_deref()) {
        Ok(o) => o,
        Err(e) => return Ok(e),
    };
    let progress = Progress::new(None, out.bar_ok(), a.stats, "pages");
    let mut stats = Stats::default();
    let mut failed_files = false;
    for file in &a.files {
        let reader = if file.as_os_str() == "-" {
            stdin_hint(file);
            unboil::warc::from_reader(Box::new(io::stdin()))
        } else {
            unboil::warc::open(file)
        };
        let r = reader.and_then(|mut reader| {
            pipeline.warc(&mut reader, &mut out, &mut stats, &mut |s| {
                progress.update(s)
            })
        });
        if let Err(e) = r {
            if let Some(code) = out.failed(&e) {
                return code;
            }
            if let Err(e) = out.flush() {
                return out
                    .failed(&unboil::pipeline::OutputError::wrap(e))
                    .expect("wrapped");
            }
            progress.eprintln(&format!("unboil: {}: {e}", display_name(file)));
            failed_files = true;
        }
    }
    if let Err(code) = out.finish() {
        return code;
    }
    progress.finish(&stats);
    Ok(if failed_files {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

/// On a terminal, reading stdin waits for typing: say so once.
fn stdin_hint(file: &Path) {
    if file.as_os_str() == "-" && io::stdin().is_terminal() {
        eprintln!(
            "unboil: reading stdin from the terminal; end with Ctrl-D, or give a FILE (unboil --help)"
        );
    }
}

/// Where pipeline lines go: stdout or `--output FILE`, whole lines only.
/// Lines are gathered and written in batches of whole lines. On stdout,
/// when a write fails (a full disk) and stdout is a regular file, the file
/// is cut back to the end of the last batch written whole, so it never ends
/// in half a line. A `--output` file is written under a temporary name
/// (gzip or zstd by its extension) and renamed once complete.
struct LineOut {
    buf: Vec<u8>,
    dest: Dest,
    failed: bool,
}

enum Dest {
    Stdout {
        /// Stdout as a file, when it is a regular one.
        #[cfg(unix)]
        file: Option<File>,
        /// The file's size after the last batch written whole (unknown at
        /// the start of a file opened for appending: nothing is cut then).
        committed: Option<u64>,
    },
    File {
        path: PathBuf,
        /// `None` once finished.
        tmp: Option<tempfile::NamedTempFile>,
        enc: Option<Box<Encoder>>,
    },
}

/// The compression of an `--output` file, by its name.
enum Encoder {
    Plain(io::BufWriter<File>),
    Gzip(flate2::write::GzEncoder<io::BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, io::BufWriter<File>>),
}

impl Encoder {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w,
            Encoder::Zstd(w) => w,
        }
    }

    fn finish(self) -> io::Result<File> {
        let w = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
        };
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        Ok(f)
    }
}

impl LineOut {
    /// Stdout, or a temporary file next to `path`. `Err`: the exit code of
    /// a run that cannot start (the message is printed).
    fn open(path: Option<&Path>) -> Result<LineOut, ExitCode> {
        let dest = match path {
            None => Self::stdout(),
            Some(path) => {
                let fail = |e: io::Error| {
                    eprintln!("unboil: cannot write {}: {e}", display_name(path));
                    ExitCode::from(EXIT_RUN_FAILED)
                };
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let mut prefix = std::ffi::OsString::from(".");
                prefix.push(path.file_name().unwrap_or_default());
                prefix.push(".");
                let tmp = temps::create(dir, &prefix).map_err(fail)?;
                let file = tmp.as_file().try_clone().map_err(fail)?;
                let w = io::BufWriter::with_capacity(CHUNK, file);
                let name = path.to_string_lossy().to_ascii_lowercase();
                let enc = if name.ends_with(".gz") {
                    Encoder::Gzip(flate2::write::GzEncoder::new(
                        w,
                        flate2::Compression::default(),
                    ))
                } else if name.ends_with(".zst") {
                    Encoder::Zstd(zstd::stream::write::Encoder::new(w, 3).map_err(fail)?)
                } else {
                    Encoder::Plain(w)
                };
                Dest::File {
                    path: path.to_path_buf(),
                    tmp: Some(tmp),
                    enc: Some(Box::new(enc)),
                }
            }
        };
        Ok(LineOut {
            buf: Vec::with_capacity(CHUNK),
            dest,
            failed: false,
        })
    }

    fn stdout() -> Dest {
        #[cfg(unix)]
        let (file, committed) = {
            use std::io::Seek;
            use std::os::fd::AsFd;
            let file = io::stdout()
                .as_fd()
                .try_clone_to_owned()
                .ok()
                .map(File::from)
                .filter(|f| f.metadata().is_ok_and(|m| m.is_file()));
            let committed = file.as_ref().and_then(|f| {
                let len = f.metadata().ok()?.len();
                let mut f = f;
                let pos = f.stream_position().ok()?;
                // At 0 with bytes in the file: `>>` (the next write goes to
                // the end) or `<>`; only a write tells which.
                (pos == len || pos > 0).then_some(pos)
            });
            (file, committed)
        };
        #[cfg(not(unix))]
        let committed = None;
        Dest::Stdout {
            #[cfg(unix)]
            file,
            committed,
        }
    }

    /// A progress bar may show (stdout is not the terminal).
    fn bar_ok(&self) -> bool {
        !matches!(self.dest, Dest::Stdout { .. }) || !io::stdout().is_terminal()
    }

    fn name(&self) -> String {
        match &self.dest {
            Dest::Stdout { .. } => "stdout".into(),
            Dest::File { path, .. } => display_name(path),
        }
    }

    /// A pipeline error that is the output's: a closed stdout ends the run
    /// quietly, anything else is exit 3 naming the output.
    fn failed(&mut self, e: &io::Error) -> Option<io::Result<ExitCode>> {
        let out = unboil::pipeline::OutputError::of(e)?;
        let e = io::Error::new(out.0.kind(), out.0.to_string());
        Some(self.fail(e))
    }

    fn fail(&mut self, e: io::Error) -> io::Result<ExitCode> {
        if let Dest::File { tmp, .. } = &mut self.dest {
            if let Some(t) = tmp.take() {
                temps::discard(t);
            }
        }
        if e.kind() == io::ErrorKind::BrokenPipe && matches!(self.dest, Dest::Stdout { .. }) {
            return Err(e);
        }
        eprintln!("unboil: cannot write to {}: {e}", self.name());
        Ok(ExitCode::from(EXIT_RUN_FAILED))
    }

    /// Write what is gathered and, for a file, finish and rename it.
    fn finish(&mut self) -> Result<(), io::Result<ExitCode>> {
        if let Err(e) = self.write_batch() {
            return Err(self.fail(e));
        }
        if let Dest::File { path, tmp, enc } = &mut self.dest {
            let r = enc.take().expect("finished once").finish();
            let path = path.clone();
            let r = r.and_then(|_| temps::persist(tmp.take().expect("finished once"), &path));
            if let Err(e) = r {
                return Err(self.fail(e));
            }
        }
        Ok(())
    }

    fn write_batch(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        if self.failed {
            return Err(io::Error::other("an earlier write failed"));
        }
        let r = match &mut self.dest {
            Dest::File { enc, .. } => enc
                .as_mut()
                .map_or(Ok(()), |e| e.writer().write_all(&self.buf)),
            #[cfg(unix)]
            Dest::Stdout { file, committed } => {
                let mut out = io::stdout().lock();
                let r = out.write_all(&self.buf).and_then(|()| out.flush());
                if let Some(f) = file {
                    use std::io::Seek;
                    let mut f = &*f;
                    match &r {
                        Ok(()) => *committed = f.stream_position().ok(),
                        Err(_) => {
                            if let Some(c) = *committed {
                                let _ = f.set_len(c);
                            }
                        }
                    }
                }
                r
            }
            #[cfg(not(unix))]
            Dest::Stdout { .. } => {
                let mut out = io::stdout().lock();
                out.write_all(&self.buf).and_then(|()| out.flush())
            }
        };
        self.buf.clear();
        self.failed = r.is_err();
        r
    }
}

impl Write for LineOut {
    /// The pipeline writes one whole line per call.
    fn write(&mut self, line: &[u8]) -> io::Result<usize> {
        if self.buf.len() + line.len() > CHUNK && !self.buf.is_empty() {
            self.write_batch()?;
        }
        self.buf.extend_from_slice(line);
        Ok(line.len())
    }

    /// The pipeline flushes after each window: its lines go out now (to a
    /// file's encoder, which keeps compressing across windows).
    fn flush(&mut self) -> io::Result<()> {
        self.write_batch()
    }
}

#[derive(Debug)]
enum InputError {
    Io(io::Error),
    Clean(unboil::Error),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "cannot read: {e}"),
            InputError::Clean(e) => e.fmt(f),
        }
    }
}

fn open_input(path: &Path) -> io::Result<Box<dyn Read + Send>> {
    Ok(if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound && looks_like_url(path) => {
                return Err(io::Error::new(
                    e.kind(),
                    "unboil does not fetch URLs: pipe curl into it (curl -s URL | unboil)",
                ))
            }
            Err(e) => return Err(e),
        }
    })
}

fn looks_like_url(path: &Path) -> bool {
    let p = path.to_string_lossy().to_ascii_lowercase();
    p.starts_with("http://")
        || p.starts_with("https://")
        || p.starts_with("http:/")
        || p.starts_with("https:/")
}

/// The whole of one input, for commands that need it twice.
fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_input(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Stream one input through a cleaner in 64 KiB chunks; also returns the
/// page's bytes (after gzip).
fn clean_input(path: &Path, setup: &Setup) -> Result<(unboil::Document, u64), InputError> {
    let mut reader = open_input(path).map_err(InputError::Io)?;
    let mut cleaner = unboil::Cleaner::with_rules(setup.options.clone(), setup.rules());
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(InputError::Io(e)),
        };
        cleaner.write(&buf[..n]).map_err(InputError::Clean)?;
    }
    // The bytes of HTML, after gzip: what the page was, whatever its file.
    let total = cleaner.page_bytes();
    let doc = cleaner.finish().map_err(InputError::Clean)?;
    Ok((doc, total))
}

/// A path for a message on stderr: `<stdin>` for `-`, bytes that are not
/// UTF-8 as U+FFFD, and control characters escaped (`\n`, `\u{1b}`), so a
/// file name cannot forge lines or move the terminal's cursor.
fn display_name(p: &Path) -> String {
    if p.as_os_str() == "-" {
        return "<stdin>".to_string();
    }
    let mut out = String::new();
    for c in p.to_string_lossy().chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `a.html.gz` -> `a.txt` (with `ext` "txt"); stdin -> `stdin.txt`. The
/// name keeps the input's bytes as they are (on Unix, names need not be
/// UTF-8), so two inputs whose names differ only in such bytes never meet.
fn output_name(input: &Path, ext: &str) -> std::ffi::OsString {
    if input.as_os_str() == "-" {
        return format!("stdin.{ext}").into();
    }
    let name = input.file_name().unwrap_or("output".as_ref());
    let mut bytes = name.as_encoded_bytes();
    for strip in [".gz", ".html", ".htm"] {
        let n = strip.len();
        if bytes.len() > n && bytes[bytes.len() - n..].eq_ignore_ascii_case(strip.as_bytes()) {
            bytes = &bytes[..bytes.len() - n];
            if strip != ".gz" {
                break;
            }
        }
    }
    // Cut only before an ASCII '.', so the rest is still a valid OsStr.
    let mut out = os_string_from(bytes);
    out.push(".");
    out.push(ext);
    out
}

/// Bytes cut from an `OsStr`'s encoded bytes at an ASCII boundary, back to
/// an `OsString`.
fn os_string_from(bytes: &[u8]) -> std::ffi::OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(bytes).to_os_string()
    }
    #[cfg(not(unix))]
    {
        String::from_utf8_lossy(bytes).into_owned().into()
    }
}

/// [`write_atomic`], creating the directory first (it may be a subdirectory
/// mirrored from a directory input).
fn write_output(path: &Path, bytes: &[u8], fsync: bool) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_atomic(path, bytes, fsync)
}

/// Write to a temporary file in the same directory, then rename, so a
/// killed run never leaves a half-written output under the final name. The
/// temporary file is created exclusively (`O_EXCL`: never through a file or
/// symlink planted there) under a random name, and removed on Ctrl-C.
fn write_atomic(path: &Path, bytes: &[u8], fsync: bool) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    let mut tmp = temps::create(dir, &prefix)?;
    let r = (|| {
        tmp.write_all(bytes)?;
        if fsync {
            tmp.as_file().sync_all()?;
        }
        Ok(())
    })();
    match r {
        Ok(()) => temps::persist(tmp, path),
        Err(e) => {
            temps::discard(tmp);
            Err(e)
        }
    }
}

/// The temporary files alive, so a signal can remove them. Creation,
/// renaming and removal happen under one lock that the signal handler
/// takes and never gives back (it exits), so no file is created or renamed
/// after it has cleaned up.
mod temps {
    use std::collections::HashSet;
    use std::ffi::OsStr;
    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    use tempfile::NamedTempFile;

    static LIVE: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

    fn live() -> std::sync::MutexGuard<'static, Option<HashSet<PathBuf>>> {
        LIVE.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `DIR/<prefix><random>.tmp`, created exclusively.
    pub fn create(dir: &Path, prefix: &OsStr) -> io::Result<NamedTempFile> {
        let mut g = live();
        let f = tempfile::Builder::new()
            .prefix(prefix)
            .suffix(".tmp")
            .rand_bytes(10)
            .tempfile_in(dir)?;
        g.get_or_insert_with(HashSet::new)
            .insert(f.path().to_path_buf());
        Ok(f)
    }

    /// Rename to `path` (replacing a file there, or a symlink itself: never
    /// writing through it).
    pub fn persist(f: NamedTempFile, path: &Path) -> io::Result<()> {
        let mut g = live();
        let tmp = f.path().to_path_buf();
        let r = f.persist(path).map(drop).map_err(|e| {
            // Dropping the temporary file removes it.
            e.error
        });
        if let Some(set) = g.as_mut() {
            set.remove(&tmp);
        }
        r
    }

    pub fn discard(f: NamedTempFile) {
        let mut g = live();
        let tmp = f.path().to_path_buf();
        drop(f);
        if let Some(set) = g.as_mut() {
            set.remove(&tmp);
        }
    }

    /// For the signal handler: remove every live temporary file and exit.
    pub fn remove_all_and_exit(code: i32) -> ! {
        let g = live();
        for p in g.iter().flatten() {
            let _ = std::fs::remove_file(p);
        }
        // The lock is held to the end: no thread creates or renames a file now.
        std::process::exit(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = output_name(Path::new(std::ffi::OsStr::from_bytes(b"a\xff.html")), "txt");
            let b = output_name(Path::new(std::ffi::OsStr::from_bytes(b"a\xfe.html")), "txt");
            assert_eq!(a.as_bytes(), b"a\xff.txt");
            assert_ne!(a, b);
        }
        assert_eq!(
            display_name(Path::new("a\nb\x1b[31m.html")),
            "a\\nb\\u{1b}[31m.html"
        );
        assert_eq!(output_name(Path::new("x/a.html.gz"), "txt"), "a.txt");
        assert_eq!(output_name(Path::new("a.HTM"), "txt"), "a.txt");
        assert_eq!(output_name(Path::new("a.txt.gz"), "txt"), "a.txt.txt");
        assert_eq!(output_name(Path::new("page"), "txt"), "page.txt");
        assert_eq!(output_name(Path::new("-"), "txt"), "stdin.txt");
        assert_eq!(output_name(Path::new("a.html"), "md"), "a.md");
    }
}
