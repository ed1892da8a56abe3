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
//! created, stdout cannot be written). A closed stdout (`| head`) ends the
//! run quietly.
#![forbid(unsafe_code)]

// Each element costs lol_html a few short-lived strings (tag and attribute
// names); mimalloc serves them faster than the system allocator (about 8% of
// the instructions of a run on the benchmark pages).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
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
    /// WARC files (.warc or .warc.gz; gzip is recognised by its magic bytes).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

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

    /// The output for one cleaned page.
    fn render(&self, doc: &unboil::Document) -> String {
        use unboil::render;
        match self.format {
            Format::Text => doc.text.clone(),
            Format::Markdown => render::markdown(doc, &self.style()),
            Format::Html => render::html(doc, &self.style()),
            Format::Json => {
                let object = render::json(doc, self.json_body.body(), &self.style());
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
    let cli = Cli::parse();
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
    let options = unboil::Options {
        favor: match o.favor {
            FavorArg::Balanced => unboil::Favor::Balanced,
            FavorArg::Precision => unboil::Favor::Precision,
            FavorArg::Recall => unboil::Favor::Recall,
        },
        input: match o.input {
            Input::Auto => unboil::InputKind::Auto,
            Input::Html => unboil::InputKind::Html,
            Input::Text => unboil::InputKind::Text,
        },
        charset,
        comments: o.comments,
        images: o.images,
        drop,
        keep,
        ..unboil::Options::default()
    };
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

fn threads(n: Option<usize>) -> usize {
    n.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

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

/// `12 pages ok, 1 failed, 3.4 MB, 0.52 s`.
fn summary(s: &Stats, what: &str, t: Duration) -> String {
    let mut line = format!("{} {what} ok, {} failed", s.ok, s.failed);
    if s.skipped > 0 {
        line.push_str(&format!(", {} records skipped", s.skipped));
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
    setup.options.metadata = cli.format == Format::Json || (markup && cli.links);
    setup.options.url = cli.url.clone();
    if cli.jsonl {
        return jsonl(cli, &setup);
    }
    let args: Vec<PathBuf> = if cli.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.files.clone()
    };
    let inputs = expand_inputs(&args);
    if let Some(dir) = &cli.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    }
    let threads = threads(cli.threads);
    let pool = pool(threads)?;

    // Output names are fixed up front so two inputs never write one file.
    let mut targets: Vec<Result<Option<PathBuf>, String>> = Vec::with_capacity(inputs.len());
    let mut used = HashSet::new();
    for input in &inputs {
        targets.push(match (&input.error, &cli.out_dir) {
            (Some(e), _) => Err(e.clone()),
            (None, None) => Ok(None),
            (None, Some(dir)) => {
                let t = dir
                    .join(&input.subdir)
                    .join(output_name(&input.path, cli.extension()));
                if used.insert(t.clone()) {
                    Ok(Some(t))
                } else {
                    Err(format!(
                        "output {} is already written by an earlier input",
                        t.display()
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
    // Work in windows of inputs so output stays in order and memory stays bounded.
    let window = threads * 8;
    for (batch_inputs, batch_targets) in inputs.chunks(window).zip(targets.chunks(window)) {
        let results: Vec<Result<(String, u64), String>> = pool.install(|| {
            batch_inputs
                .par_iter()
                .zip(batch_targets)
                .map(|(input, target)| {
                    let target = target.clone()?;
                    let (doc, bytes) =
                        clean_input(&input.path, &setup).map_err(|e| e.to_string())?;
                    match target {
                        Some(path) => write_output(&path, cli.render(&doc).as_bytes())
                            .map(|()| (String::new(), bytes))
                            .map_err(|e| format!("cannot write {}: {e}", path.display())),
                        None => Ok((cli.render(&doc), bytes)),
                    }
                })
                .collect()
        });
        let mut out = stdout.lock();
        for (input, r) in batch_inputs.iter().zip(results) {
            match r {
                Ok((text, bytes)) => {
                    out.write_all(text.as_bytes())?;
                    stats.ok += 1;
                    stats.bytes += bytes;
                }
                Err(msg) => {
                    stats.failed += 1;
                    out.flush()?;
                    progress.eprintln(&format!("unboil: {}: {msg}", display_name(&input.path)));
                }
            }
        }
        out.flush()?;
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

/// Files stay as they are; directories become the pages under them.
fn expand_inputs(args: &[PathBuf]) -> Vec<BatchInput> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() != "-" && arg.is_dir() {
            let before = out.len();
            let mut errors = Vec::new();
            walk(arg, Path::new(""), &mut out, &mut errors);
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

fn is_page_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".html", ".htm", ".html.gz", ".htm.gz"]
        .iter()
        .any(|ext| n.len() > ext.len() && n.ends_with(ext))
}

/// Depth first, entries sorted by name; hidden entries and symlinked
/// directories are not entered.
fn walk(dir: &Path, rel: &Path, out: &mut Vec<BatchInput>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("cannot read directory {}: {e}", dir.display()));
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
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&e.path(), &rel.join(&name), out, errors);
        } else if is_page_name(&name_str) {
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
    let pool = pool(threads(cli.threads))?;
    let mut pipeline = Pipeline::new(&setup.options, setup.rules());
    pipeline.pool = Some(&pool);
    pipeline.render = Render {
        body: cli.json_body.body(),
        style: cli.style(),
    };
    let progress = Progress::new(None, !io::stdout().is_terminal(), cli.stats, "records");
    let mut out = io::BufWriter::with_capacity(CHUNK, io::stdout().lock());
    let mut total = Stats::default();
    let mut failed_files = false;
    for file in &files {
        let input = match open_input(file) {
            Ok(r) => io::BufReader::with_capacity(CHUNK, r),
            Err(e) => {
                progress.eprintln(&format!("unboil: {}: cannot read: {e}", display_name(file)));
                failed_files = true;
                continue;
            }
        };
        let base = total;
        let r = pipeline.jsonl(input, &mut out, &keys, &mut |s| {
            total = add(&base, s);
            progress.update(&total);
        });
        if let Err(e) = r {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Err(e);
            }
            progress.eprintln(&format!("unboil: {}: {e}", display_name(file)));
            failed_files = true;
        }
    }
    out.flush()?;
    progress.finish(&total);
    Ok(if failed_files {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

fn add(a: &Stats, b: &Stats) -> Stats {
    Stats {
        ok: a.ok + b.ok,
        failed: a.failed + b.failed,
        skipped: a.skipped + b.skipped,
        bytes: a.bytes + b.bytes,
    }
}

/// `unboil warc FILE...`: JSON Lines on stdout.
fn warc(a: &WarcArgs) -> io::Result<ExitCode> {
    let setup = match setup(&a.opts) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    let pool = pool(threads(a.threads))?;
    let mut pipeline = Pipeline::new(&setup.options, setup.rules());
    pipeline.pool = Some(&pool);
    pipeline.render = Render {
        body: a.json_body.body(),
        style: unboil::render::Style { links: a.links },
    };
    let progress = Progress::new(None, !io::stdout().is_terminal(), a.stats, "pages");
    let mut out = io::BufWriter::with_capacity(CHUNK, io::stdout().lock());
    let mut stats = Stats::default();
    let mut failed_files = false;
    for file in &a.files {
        let r = unboil::warc::open(file).and_then(|mut reader| {
            pipeline.warc(&mut reader, &mut out, &mut stats, &mut |s| {
                progress.update(s)
            })
        });
        if let Err(e) = r {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Err(e);
            }
            out.flush()?;
            progress.eprintln(&format!("unboil: {}: {e}", file.display()));
            failed_files = true;
        }
    }
    out.flush()?;
    progress.finish(&stats);
    Ok(if failed_files {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
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

fn open_input(path: &Path) -> io::Result<Box<dyn Read>> {
    Ok(if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(path)?)
    })
}

/// The whole of one input, for commands that need it twice.
fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_input(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Stream one input through a cleaner in 64 KiB chunks; also returns the bytes read.
fn clean_input(path: &Path, setup: &Setup) -> Result<(unboil::Document, u64), InputError> {
    let mut reader = open_input(path).map_err(InputError::Io)?;
    let mut cleaner = unboil::Cleaner::with_rules(setup.options.clone(), setup.rules());
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(InputError::Io(e)),
        };
        total += n as u64;
        cleaner.write(&buf[..n]).map_err(InputError::Clean)?;
    }
    let doc = cleaner.finish().map_err(InputError::Clean)?;
    Ok((doc, total))
}

fn display_name(p: &Path) -> String {
    if p.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        p.display().to_string()
    }
}

/// `a.html.gz` -> `a.txt` (with `ext` "txt"); stdin -> `stdin.txt`.
fn output_name(input: &Path, ext: &str) -> String {
    if input.as_os_str() == "-" {
        return format!("stdin.{ext}");
    }
    let mut name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    for ext in [".gz", ".html", ".htm"] {
        if name.len() > ext.len() && name.to_ascii_lowercase().ends_with(ext) {
            name.truncate(name.len() - ext.len());
            if ext != ".gz" {
                break;
            }
        }
    }
    format!("{name}.{ext}")
}

/// [`write_atomic`], creating the directory first (it may be a subdirectory
/// mirrored from a directory input).
fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_atomic(path, bytes)
}

/// Write to a temporary name in the same directory, then rename, so a
/// killed run never leaves a half-written output under the final name.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let r = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(output_name(Path::new("x/a.html.gz"), "txt"), "a.txt");
        assert_eq!(output_name(Path::new("a.HTM"), "txt"), "a.txt");
        assert_eq!(output_name(Path::new("a.txt.gz"), "txt"), "a.txt.txt");
        assert_eq!(output_name(Path::new("page"), "txt"), "page.txt");
        assert_eq!(output_name(Path::new("-"), "txt"), "stdin.txt");
        assert_eq!(output_name(Path::new("a.html"), "md"), "a.md");
    }
}
