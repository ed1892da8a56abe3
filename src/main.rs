//! The `unboil` command: a thin CLI over the library.
//!
//! It reads files (or stdin) in chunks into [`unboil::Cleaner`], prints the
//! cleaned text or writes one file per input, and spreads many inputs over
//! threads while keeping output in input order. Exit codes: 0 all inputs
//! ok, 1 some input failed (each failure is one line on stderr naming the
//! input), 2 usage error. A closed stdout (`| head`) ends the run quietly.
#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;

const CHUNK: usize = 64 * 1024;

#[derive(Parser, Debug)]
#[command(
    name = "unboil",
    version,
    about = "Strip boilerplate from scraped web pages and keep the article text",
    long_about = "Strip boilerplate from scraped web pages and keep the article text.\n\n\
unboil reads HTML (any charset, gzip recognised by its magic bytes) or plain \
text, removes navigation, sidebars, share bars, cookie banners, comment \
sections and promotional lines (\"Source link\", \"Scroll to Top\", text-alert \
and newsletter signups, ...) and prints the main content as plain text.",
    after_help = "Examples:\n  \
unboil corpus/autoblog-wordpress.html          clean one page to stdout\n  \
curl -s https://example.com/a | unboil         clean stdin\n  \
unboil --input text scraped.txt                promo rules line by line on plain text\n  \
unboil --out-dir clean/ pages/*.html.gz        one DIR/<name>.txt per input\n  \
unboil --favor precision page.html             leave out anything doubtful\n\n\
Exit status: 0 all inputs cleaned, 1 some input failed (named on stderr), 2 usage error."
)]
struct Cli {
    /// Input files; `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

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

    /// Write one file per input into DIR, named after the input with `.gz` and
    /// `.html`/`.htm` stripped plus `.txt` (a.html.gz -> DIR/a.txt).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Worker threads for many inputs (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Plain text: paragraphs separated by a blank line.
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Input {
    Auto,
    Html,
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FavorArg {
    Balanced,
    Precision,
    Recall,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unboil: {e}");
            ExitCode::from(1)
        }
    }
}

fn options(cli: &Cli) -> Result<unboil::Options, String> {
    let charset = match &cli.charset {
        None => None,
        Some(label) => Some(
            unboil::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| format!("unknown charset label {label:?}"))?,
        ),
    };
    Ok(unboil::Options {
        favor: match cli.favor {
            FavorArg::Balanced => unboil::Favor::Balanced,
            FavorArg::Precision => unboil::Favor::Precision,
            FavorArg::Recall => unboil::Favor::Recall,
        },
        input: match cli.input {
            Input::Auto => unboil::InputKind::Auto,
            Input::Html => unboil::InputKind::Html,
            Input::Text => unboil::InputKind::Text,
        },
        charset,
        comments: cli.comments,
        ..unboil::Options::default()
    })
}

fn run(cli: &Cli) -> io::Result<ExitCode> {
    let opts = match options(cli) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("unboil: {msg}");
            return Ok(ExitCode::from(2));
        }
    };
    let inputs: Vec<PathBuf> = if cli.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.files.clone()
    };
    if let Some(dir) = &cli.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    }
    let threads = cli
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)?;

    // Output names are fixed up front so two inputs never write one file.
    let mut targets: Vec<Result<Option<PathBuf>, String>> = Vec::with_capacity(inputs.len());
    let mut used = HashSet::new();
    for input in &inputs {
        targets.push(match &cli.out_dir {
            None => Ok(None),
            Some(dir) => {
                let t = dir.join(output_name(input));
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

    let mut failed = false;
    let stdout = io::stdout();
    // Work in windows of inputs so output stays in order and memory stays bounded.
    let window = threads * 8;
    for (batch_inputs, batch_targets) in inputs.chunks(window).zip(targets.chunks(window)) {
        let results: Vec<Result<String, String>> = pool.install(|| {
            batch_inputs
                .par_iter()
                .zip(batch_targets)
                .map(|(input, target)| {
                    let target = target.clone()?;
                    let doc = clean_input(input, &opts).map_err(|e| e.to_string())?;
                    match target {
                        Some(path) => write_atomic(&path, doc.text.as_bytes())
                            .map(|()| String::new())
                            .map_err(|e| format!("cannot write {}: {e}", path.display())),
                        None => Ok(doc.text),
                    }
                })
                .collect()
        });
        let mut out = stdout.lock();
        for (input, r) in batch_inputs.iter().zip(results) {
            match r {
                Ok(text) => out.write_all(text.as_bytes())?,
                Err(msg) => {
                    failed = true;
                    out.flush()?;
                    eprintln!("unboil: {}: {msg}", display_name(input));
                }
            }
        }
        out.flush()?;
    }
    Ok(if failed {
        ExitCode::from(1)
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

/// Stream one input through a cleaner in 64 KiB chunks.
fn clean_input(path: &Path, opts: &unboil::Options) -> Result<unboil::Document, InputError> {
    let mut reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(path).map_err(InputError::Io)?)
    };
    let mut cleaner = unboil::Cleaner::new(opts.clone());
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
    cleaner.finish().map_err(InputError::Clean)
}

fn display_name(p: &Path) -> String {
    if p.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        p.display().to_string()
    }
}

/// `a.html.gz` -> `a.txt`; stdin -> `stdin.txt`.
fn output_name(input: &Path) -> String {
    if input.as_os_str() == "-" {
        return "stdin.txt".to_string();
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
    name + ".txt"
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
        assert_eq!(output_name(Path::new("x/a.html.gz")), "a.txt");
        assert_eq!(output_name(Path::new("a.HTM")), "a.txt");
        assert_eq!(output_name(Path::new("a.txt.gz")), "a.txt.txt");
        assert_eq!(output_name(Path::new("page")), "page.txt");
        assert_eq!(output_name(Path::new("-")), "stdin.txt");
    }
}
