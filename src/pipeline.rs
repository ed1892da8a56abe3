//! Pipeline mode: many pages in, one JSON line per page out, in input order.
//!
//! [`clean_record`] turns one JSON Lines record (`{"id": …, "url": …,
//! "html": …}`, key names in [`Keys`]) into one output line; a record that
//! cannot be cleaned becomes a line with an `error` field, never a missing
//! line. [`Output`] is the one place where output lines are built, for JSONL
//! and WARC ([`crate::warc`]) alike: where the page came from (`id`, `url`,
//! `date`), the record's other fields as they came, then [`page_fields`]
//! (renamed `unboil_<name>` where the record has that name: [`ours`]), which
//! takes the content and metadata from
//! [`render::json`] (the one place a page's JSON object is built, shared with
//! `--format json`). [`Pipeline`] runs a stream of records with bounded
//! memory: it reads a window of records, cleans the window in parallel on a
//! rayon pool, writes the lines in order and repeats. Windows are bounded
//! in records and in bytes ([`Pipeline::budget`]), a JSONL line longer than
//! the page cap is skipped to its newline without being held, and a page
//! whose cleaning panics becomes that page's error line ([`catch_page`]),
//! so one bad page never loses the run.

use std::cell::Cell;
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, OnceLock};

use base64::Engine;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::{render, Catalogue, Document, Encoding, Options};

/// The input keys of a JSONL record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    /// Echoed to the output as it is (any JSON value).
    pub id: String,
    /// Echoed to the output as it is (any JSON value).
    pub url: String,
    /// The page as a JSON string (already decoded: charset labels in the page are ignored).
    pub html: String,
    /// The page's raw bytes in standard base64, in any charset (detected as
    /// for a file). Used when the record has no `html` key.
    pub html_b64: String,
}

impl Default for Keys {
    fn default() -> Self {
        Keys {
            id: "id".into(),
            url: "url".into(),
            html: "html".into(),
            html_b64: "html_b64".into(),
        }
    }
}

/// How cleaned pages become JSON: the content field and link style of
/// [`render::json`]. The default is plain text under `text`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Render {
    /// What the content field holds (text, Markdown, HTML) and its name.
    pub body: render::Body,
    /// How links are rendered.
    pub style: render::Style,
}

/// A cleaned page's fields for an output line: [`render::json`]'s object
/// (the content and the metadata the page states), except that the page's
/// own `url` (canonical) and `date` (published) become `canonical_url` and
/// `page_date`: in an output line `url` and `date` say where and when the
/// page was fetched.
pub fn page_fields(doc: &Document, how: &Render) -> Map<String, Value> {
    let mut o = render::json(doc, how.body, &how.style);
    for (from, to) in [("url", "canonical_url"), ("date", "page_date")] {
        if let Some(v) = o.remove(from) {
            o.insert(to.into(), v);
        }
    }
    o
}

/// One output line: where the page came from, the input record's other
/// fields, then the page's fields or an error. Absent fields are left out.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Output {
    /// The record's id (the JSONL [`Keys::id`] field, or WARC-Record-ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// The URL the page was fetched from (the JSONL [`Keys::url`] field, or
    /// WARC-Target-URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Value>,
    /// When the page was fetched (WARC-Date; JSONL records have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The JSONL record's fields as they came (page keys, and `id`/`url`
    /// above, aside), in key order.
    #[serde(flatten)]
    pub input: Map<String, Value>,
    /// [`page_fields`], in key order; a name the input already uses is
    /// written `unboil_<name>` (see [`ours`]).
    #[serde(flatten)]
    pub page: Option<Map<String, Value>>,
    /// Why the page could not be cleaned; `page` is then `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Output {
    /// The line as JSON, without a newline.
    pub fn to_json(&self) -> String {
        if self.error.is_some() && self.input.contains_key("error") {
            // The input has an `error` of its own: ours moves aside too.
            let mut o = self.clone();
            let key = ours(&o.input, "error");
            let e = o.error.take().map(Value::String).expect("checked");
            o.page.get_or_insert_with(Map::new).insert(key, e);
            return serde_json::to_string(&o).expect("plain data serializes");
        }
        serde_json::to_string(self).expect("plain data serializes")
    }
}

/// The name of one of our fields in a line that also carries `input`'s
/// fields: `name`, or `unboil_name` when the input has a `name` (then
/// `unboil_unboil_name`, and so on), so an input field is never replaced.
pub fn ours(input: &Map<String, Value>, name: &str) -> String {
    let mut key = name.to_string();
    while input.contains_key(&key) {
        key.insert_str(0, "unboil_");
    }
    key
}

/// Clean one page's bytes and complete its output line. `out` holds where
/// the page came from; `charset` is a transport hint that beats the
/// options'. Metadata is always gathered, and the page URL (`out.url`, when
/// a string) is what relative links and a missing canonical URL resolve
/// against.
pub(crate) fn finish_line(
    mut out: Output,
    page: Result<(&[u8], Option<&'static Encoding>), String>,
    options: &Options,
    rules: &Catalogue,
    how: &Render,
    bytes: u64,
) -> Done {
    let result = page.and_then(|(html, charset)| {
        let mut opts = options.clone();
        opts.metadata = true;
        opts.structure = how.body != render::Body::Text;
        if charset.is_some() {
            opts.charset = charset;
        }
        if let Some(Value::String(url)) = &out.url {
            opts.url = Some(url.clone());
        }
        // The cleaner lives and dies inside: after a panic its lol_html
        // state is dropped, never used again.
        catch_page(|| crate::clean_with_rules(html, &opts, rules).map_err(|e| e.to_string()))
            .and_then(|r| r)
    });
    let ok = result.is_ok();
    match result {
        Ok(doc) => {
            let mut fields = page_fields(&doc, how);
            // A canonical URL that only repeats the page URL says nothing.
            if out.url.is_some() && fields.get("canonical_url") == out.url.as_ref() {
                fields.remove("canonical_url");
            }
            if !out.input.is_empty() {
                fields = fields
                    .into_iter()
                    .map(|(k, v)| (ours(&out.input, &k), v))
                    .collect();
            }
            out.page = Some(fields);
        }
        Err(e) => out.error = Some(e),
    }
    Done {
        line: Some(out.to_json()),
        ok,
        bytes,
    }
}

/// One cleaned record: its output line and whether it is an error line.
pub(crate) struct Done {
    /// `None`: the record makes no line (skipped).
    pub line: Option<String>,
    pub ok: bool,
    /// Input bytes, for throughput.
    pub bytes: u64,
}

thread_local! {
    /// Set while [`catch_page`] runs on this thread.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside [`catch_page`]: a panic hook can stay
/// quiet then, since the panic becomes the page's error line or message.
#[doc(hidden)]
pub fn catching_panic() -> bool {
    CATCHING.with(Cell::get)
}

/// Run the cleaning of one page; a panic becomes an `Err` with its message.
/// The last line of defence of "one bad page never loses the run": the
/// caller must drop whatever state `f` used (a cleaner, its lol_html
/// rewriter) and start the next page afresh.
pub fn catch_page<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = CATCHING.with(|c| c.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    r.map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        format!("internal error: cleaning this page panicked ({msg}); please report it")
    })
}

/// Test hook, not an API: when the environment variable
/// `UNBOIL_FAULT_PANIC` is set to a non-empty string, a page whose
/// (decompressed) bytes hold it panics while it is cleaned, so the tests
/// can check that a panic costs only its own page. Read once per process.
#[doc(hidden)]
pub fn fault_point(bytes: &[u8]) {
    static MARKER: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    let marker = MARKER.get_or_init(|| {
        std::env::var_os("UNBOIL_FAULT_PANIC")
            .filter(|m| !m.is_empty())
            .map(|m| m.into_encoded_bytes())
    });
    if let Some(m) = marker {
        if memchr::memmem::find(bytes, m).is_some() {
            panic!("fault injected for a test (UNBOIL_FAULT_PANIC)");
        }
    }
}

/// A reader that fills each read as far as its source allows before its
/// end, for a decompressor in front of [`Pipeline::jsonl`]: its reads come
/// back short at every block, which would look like a pause of the input.
pub struct FullReads<R> {
    inner: R,
    /// An error met after some bytes of a read: given by the next read.
    pending: Option<io::Error>,
}

impl<R> FullReads<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        FullReads {
            inner,
            pending: None,
        }
    }
}

impl<R: Read> Read for FullReads<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        let mut n = 0;
        while n < buf.len() {
            match self.inner.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if n > 0 => {
                    self.pending = Some(e);
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }
}

/// An error writing the output (not reading the input): the pipeline
/// methods wrap output errors in it (keeping their [`io::ErrorKind`]), so a
/// caller can tell a full disk on stdout from a bad input file.
#[derive(Debug)]
pub struct OutputError(pub io::Error);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write output: {}", self.0)
    }
}

impl std::error::Error for OutputError {}

impl OutputError {
    /// `e` as an output error, same kind.
    pub fn wrap(e: io::Error) -> io::Error {
        io::Error::new(e.kind(), OutputError(e))
    }

    /// The output error inside `e`, if `e` is one.
    pub fn of(e: &io::Error) -> Option<&OutputError> {
        e.get_ref().and_then(|r| r.downcast_ref::<OutputError>())
    }
}

/// Clean one JSONL record (one line, without its newline) and return the
/// output line (without a newline): `id`, `url`, then [`page_fields`]
/// (`text` and the metadata found), or `id`/`url` (when readable) and
/// `error`.
///
/// The page is the string under `keys.html`, or else the base64 bytes under
/// `keys.html_b64`. An empty line, invalid JSON, a line that is not an
/// object, a missing or non-string page key, bad base64 and a page that
/// fails to clean are all error lines.
pub fn clean_record(line: &str, keys: &Keys, options: &Options, rules: &Catalogue) -> String {
    record(line.as_bytes(), keys, options, rules, &Render::default())
        .line
        .expect("every record makes a line")
}

/// A JSONL line as read: whole, or only its length when it is longer than
/// the page cap (it was skipped to its newline, never held).
pub(crate) enum Line {
    Whole(Vec<u8>),
    TooLong(u64),
}

impl Line {
    fn size(&self) -> usize {
        match self {
            Line::Whole(l) => l.len(),
            Line::TooLong(_) => 0,
        }
    }
}

/// Read one line (without `\n` or `\r\n`) into a [`Line`]; `None` at the
/// end. A line over `max` bytes is read to its newline with bounded memory.
fn read_line(input: &mut impl BufRead, max: usize) -> Option<io::Result<Line>> {
    let mut line = Vec::new();
    let mut skipped: Option<u64> = None;
    let mut any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Some(Err(e)),
        };
        if buf.is_empty() {
            break;
        }
        any = true;
        let (piece, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        match &mut skipped {
            Some(n) => *n += piece.len() as u64,
            None if line.len() + piece.len() > max => {
                skipped = Some((line.len() + piece.len()) as u64);
                line = Vec::new();
            }
            None => line.extend_from_slice(piece),
        }
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return None;
    }
    Some(Ok(match skipped {
        Some(n) => Line::TooLong(n),
        None => {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            Line::Whole(line)
        }
    }))
}

pub(crate) fn record(
    line: &[u8],
    keys: &Keys,
    options: &Options,
    rules: &Catalogue,
    how: &Render,
) -> Done {
    let mut out = Output::default();
    let page = record_page(line, keys, &mut out);
    let page = match &page {
        // A JSON string is Unicode already; a <meta charset> in it is stale.
        Ok((html, true)) => Ok((&html[..], Some(encoding_rs::UTF_8))),
        Ok((html, false)) => Ok((&html[..], None)),
        Err(e) => Err(e.clone()),
    };
    finish_line(out, page, options, rules, how, line.len() as u64)
}

/// Parse a record, fill in `id`/`url`, and return the page bytes and whether
/// they came from a JSON string (UTF-8).
fn record_page(line: &[u8], keys: &Keys, out: &mut Output) -> Result<(Vec<u8>, bool), String> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err("empty line".into());
    }
    let value: Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err("record is not a JSON object".into());
    };
    // `id` and `url` lead the line (copies when the keys are renamed, so
    // the record's own fields stay too); the page keys go; every other
    // field is passed on as it is.
    let mut take = |key: &str, ours: &str| {
        if key == ours {
            map.remove(key)
        } else {
            map.get(key).cloned()
        }
    };
    out.id = take(&keys.id, "id");
    out.url = take(&keys.url, "url");
    let html = map.remove(&keys.html);
    let html_b64 = map.remove(&keys.html_b64);
    out.input = map;
    match html {
        Some(Value::String(s)) => return Ok((s.into_bytes(), true)),
        Some(Value::Null) | None => {}
        Some(_) => return Err(format!("key {:?} is not a string", keys.html)),
    }
    match html_b64 {
        Some(Value::String(s)) => base64::engine::general_purpose::STANDARD
            .decode(s.trim())
            .map(|b| (b, false))
            .map_err(|e| format!("key {:?}: invalid base64: {e}", keys.html_b64)),
        Some(Value::Null) | None => Err(format!(
            "no page: record has neither {:?} nor {:?}",
            keys.html, keys.html_b64
        )),
        Some(_) => Err(format!("key {:?} is not a string", keys.html_b64)),
    }
}

/// Counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Lines written for cleaned pages.
    pub ok: u64,
    /// Error lines written.
    pub failed: u64,
    /// Input records that produce no line (WARC records that are not HTML
    /// responses with status 200).
    pub skipped: u64,
    /// Input bytes of the records written (JSONL lines, WARC HTTP bodies).
    pub bytes: u64,
    /// WARC records skipped because they are malformed but the next record
    /// can still be found (a header block over 64 KiB).
    pub malformed: u64,
}

impl Stats {
    /// The sum of two counts.
    pub fn add(&self, b: &Stats) -> Stats {
        Stats {
            ok: self.ok + b.ok,
            failed: self.failed + b.failed,
            skipped: self.skipped + b.skipped,
            bytes: self.bytes + b.bytes,
            malformed: self.malformed + b.malformed,
        }
    }
}

/// Runs a stream of records: reads up to `window` records on the calling
/// thread, cleans them in parallel on `pool` (`None`: rayon's global pool),
/// writes their lines in input order, and repeats, so memory holds a few
/// windows whatever the length of the stream.
#[derive(Clone)]
pub struct Pipeline<'a> {
    /// Options for every page.
    pub options: &'a Options,
    /// The promo catalogue for every page.
    pub rules: &'a Catalogue,
    /// Records per window.
    pub window: usize,
    /// Input bytes (JSONL lines, WARC bodies) held by all windows alive
    /// at once, read or being cleaned (default 512 MiB): each window gets
    /// an equal share, and a window closes early when the next record
    /// would pass it (a window holds at least one record, and no record is
    /// over [`Options::max_page_size`]). Cleaning needs working memory on
    /// top: a few times the size of each page being cleaned, per thread.
    pub budget: usize,
    /// The thread pool pages are cleaned on (`None`: rayon's global pool);
    /// set by [`with_threads`](Pipeline::with_threads), so no rayon type is
    /// part of the API.
    pool: Option<Arc<rayon::ThreadPool>>,
    /// The content field and link style of each line.
    pub render: Render,
}

/// What a record source gives the window being read.
pub(crate) enum Next<T> {
    Item(T),
    /// Nothing more is ready now (the input is a pipe and its writer is
    /// waiting for answers): close the window and clean what has come.
    Pending,
    End,
    Err(io::Error),
}

/// A reader that notes whether its last read came back short: from a pipe
/// or a terminal, a short read means the writer had nothing more to give
/// at that moment. Files and memory fill every read until their end.
struct Watch<R> {
    r: R,
    short: bool,
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.r.read(buf)?;
        self.short = n > 0 && n < buf.len();
        Ok(n)
    }
}

/// Read buffer of the JSONL reader.
const READ_CHUNK: usize = 64 * 1024;

/// The default of [`Pipeline::budget`]: 512 MiB.
pub const DEFAULT_BUDGET: usize = 512 << 20;

impl<'a> Pipeline<'a> {
    /// A pipeline with the default window, budget, pool and rendering.
    pub fn new(options: &'a Options, rules: &'a Catalogue) -> Self {
        Pipeline {
            options,
            rules,
            window: 128,
            budget: DEFAULT_BUDGET,
            pool: None,
            render: Render::default(),
        }
    }

    /// Clean on a thread pool of its own with `threads` threads (0: one per
    /// core) instead of rayon's global pool. With one thread, reading,
    /// cleaning and writing take turns instead of overlapping.
    pub fn with_threads(mut self, threads: usize) -> io::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(io::Error::other)?;
        self.pool = Some(Arc::new(pool));
        Ok(self)
    }

    /// JSON Lines in, JSON Lines out: exactly one output line per input line
    /// (a last line without a newline counts; `\r\n` endings are accepted).
    /// `progress` sees the running counts after each window. An `Err` is an
    /// I/O error of `input` or `out` ([`OutputError`]); lines of earlier
    /// windows are written.
    ///
    /// When `input` has nothing more ready (a pipe whose writer waits for
    /// answers: its last read came back short and all of it is used), the
    /// window closes and is cleaned and written at once, so a long-lived
    /// process can answer one record at a time. Give `input` unbuffered
    /// (a `File`, `Stdin`): a decompressor should fill each read (see
    /// [`FullReads`]) so that only the source's own pauses count.
    pub fn jsonl(
        &self,
        input: impl Read,
        out: &mut dyn Write,
        keys: &Keys,
        progress: &mut dyn FnMut(&Stats),
    ) -> io::Result<Stats> {
        let mut input = io::BufReader::with_capacity(
            READ_CHUNK,
            Watch {
                r: input,
                short: false,
            },
        );
        let max = self.options.max_page_size;
        let mut first = true;
        let mut next = |block: bool| -> Next<Line> {
            if std::mem::take(&mut first) {
                // A UTF-8 byte-order mark (Windows editors write one) is
                // not part of record 1.
                match input.fill_buf() {
                    Ok(b) if b.starts_with(b"\xEF\xBB\xBF") => input.consume(3),
                    _ => {}
                }
            }
            if !block && input.buffer().is_empty() && input.get_ref().short {
                return Next::Pending;
            }
            match read_line(&mut input, max) {
                None => Next::End,
                Some(Ok(line)) => Next::Item(line),
                Some(Err(e)) => Next::Err(e),
            }
        };
        let mut stats = Stats::default();
        self.run(
            &mut next,
            &|line: Line| match line {
                Line::Whole(line) => record(&line, keys, self.options, self.rules, &self.render),
                Line::TooLong(n) => Done {
                    line: Some(
                        Output {
                            error: Some(format!(
                                "line of {n} bytes is longer than the page size limit of {max} bytes (--max-page-size); skipped"
                            )),
                            ..Output::default()
                        }
                        .to_json(),
                    ),
                    ok: false,
                    bytes: n,
                },
            },
            &Line::size,
            out,
            &mut stats,
            progress,
        )?;
        Ok(stats)
    }

    /// WARC in (see [`crate::warc::WarcReader`]), JSON Lines out: one line per
    /// HTML response with status 200, with `id` (WARC-Record-ID), `url`
    /// (WARC-Target-URI), `date` (WARC-Date), `text` and metadata. Adds to
    /// `stats`, so one `Stats` can count several files; an `Err` is an I/O
    /// error or a malformed record, after the lines before it are written.
    pub fn warc<R: Read>(
        &self,
        reader: &mut crate::warc::WarcReader<R>,
        out: &mut dyn Write,
        stats: &mut Stats,
        progress: &mut dyn FnMut(&Stats),
    ) -> io::Result<()> {
        reader.max_page = self.options.max_page_size as u64;
        let mut next = |_block: bool| match reader.next_item() {
            Ok(Some(item)) => Next::Item(item),
            Ok(None) => Next::End,
            Err(e) => Next::Err(e),
        };
        self.run(
            &mut next,
            &|item: crate::warc::Item| match item {
                crate::warc::Item::Page(page) => {
                    crate::warc::clean_page(&page, self.options, self.rules, &self.render)
                }
                crate::warc::Item::Skipped => Done {
                    line: None,
                    ok: true,
                    bytes: 0,
                },
                crate::warc::Item::Malformed => Done {
                    line: None,
                    ok: false,
                    bytes: 0,
                },
            },
            &crate::warc::Item::size,
            out,
            stats,
            progress,
        )
    }

    /// With one thread, read, clean and write each window in turn. With
    /// more, read a window on this thread while the pool cleans earlier
    /// ones (so reading, gunzip included, overlaps cleaning), and write
    /// each window's lines in order once it is clean. At most
    /// `IN_FLIGHT + 1` windows are alive.
    fn run<T: Send>(
        &self,
        next: &mut dyn FnMut(bool) -> Next<T>,
        work: &(dyn Fn(T) -> Done + Sync),
        size: &dyn Fn(&T) -> usize,
        out: &mut dyn Write,
        stats: &mut Stats,
        progress: &mut dyn FnMut(&Stats),
    ) -> io::Result<()> {
        let window = self.window.max(1);
        let pool = self.pool.as_deref();
        let clean = |items: Vec<T>| -> Vec<Done> {
            let go = move || items.into_par_iter().map(work).collect();
            match pool {
                Some(pool) => pool.install(go),
                None => go(),
            }
        };
        let clean = &clean;
        let join = |h: std::thread::ScopedJoinHandle<'_, Vec<Done>>| {
            h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
        };
        let mut write = |done: Vec<Done>, stats: &mut Stats| -> io::Result<()> {
            for d in done {
                let Some(line) = d.line else {
                    if d.ok {
                        stats.skipped += 1;
                    } else {
                        stats.malformed += 1;
                    }
                    continue;
                };
                // One call per line (newline included), so a writer that
                // keeps whole lines sees whole lines.
                let mut line = line.into_bytes();
                line.push(b'\n');
                out.write_all(&line).map_err(OutputError::wrap)?;
                if d.ok {
                    stats.ok += 1;
                } else {
                    stats.failed += 1;
                }
                stats.bytes += d.bytes;
            }
            out.flush().map_err(OutputError::wrap)?;
            progress(stats);
            Ok(())
        };
        // One thread means one: read, clean and write in turn on this
        // thread. Overlapping the reading (and gunzip) with a one-thread
        // pool would quietly use more than one core.
        let threads = pool.map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let in_flight = if threads <= 1 { 0 } else { IN_FLIGHT };
        // The windows alive at once share the byte budget.
        let window_bytes = self.budget / (in_flight + 1);
        // A record that would have passed the last window's share opens the next one.
        let mut carry = None;
        std::thread::scope(|scope| {
            // Windows cleaned or being cleaned, oldest first.
            let mut cleaning = std::collections::VecDeque::new();
            loop {
                let (items, error, stop) =
                    read_window(next, window, window_bytes, size, &mut carry);
                let end = stop == Stop::End || error.is_some();
                // The input waits for answers: every window read so far is
                // cleaned and written before the next read blocks.
                let idle = stop == Stop::Idle;
                if !items.is_empty() {
                    cleaning.push_back(if in_flight == 0 {
                        Window::Clean(items.into_iter().map(work).collect())
                    } else {
                        Window::Cleaning(scope.spawn(move || clean(items)))
                    });
                }
                // Keep IN_FLIGHT windows in the pool while the next one is
                // read: the pool never waits for the reader (gunzip and
                // record parsing all run on this thread), nor idles at a
                // window's last pages.
                while cleaning.len() > in_flight || ((end || idle) && !cleaning.is_empty()) {
                    let done = match cleaning.pop_front().expect("not empty") {
                        Window::Clean(done) => done,
                        Window::Cleaning(h) => join(h),
                    };
                    write(done, stats)?;
                }
                if end {
                    return error.map_or(Ok(()), Err);
                }
            }
        })
    }
}

/// A window's results, or the thread that is cleaning it on the pool.
enum Window<'s> {
    Clean(Vec<Done>),
    Cleaning(std::thread::ScopedJoinHandle<'s, Vec<Done>>),
}

/// Windows the pool holds while the next one is read. Two left the pool
/// idle in 10% of a WARC run (a window waiting on its slowest page while
/// the reader waits on it); four keep it busy (2 threads / 1 thread on the
/// bench pages: WARC 1.69–1.83× → 1.80–1.92×).
const IN_FLIGHT: usize = 4;

/// Up to `window` items from `next` (starting with `carry`), holding at
/// most `max_bytes` by `size` unless one item alone is more, and fewer when
/// the input has nothing more ready; the error that stopped it early; and
/// why it stopped. An item that would pass `max_bytes` is left in
/// `carry` for the next window. The first item is waited for.
fn read_window<T>(
    next: &mut dyn FnMut(bool) -> Next<T>,
    window: usize,
    max_bytes: usize,
    size: &dyn Fn(&T) -> usize,
    carry: &mut Option<T>,
) -> (Vec<T>, Option<io::Error>, Stop) {
    let mut items = Vec::with_capacity(window.min(1024));
    let mut bytes = 0usize;
    while items.len() < window {
        let item = match carry.take() {
            Some(item) => item,
            None => match next(items.is_empty()) {
                Next::Item(item) => item,
                Next::Pending => return (items, None, Stop::Idle),
                Next::End => return (items, None, Stop::End),
                Next::Err(e) => return (items, Some(e), Stop::End),
            },
        };
        let n = size(&item);
        if !items.is_empty() && bytes.saturating_add(n) > max_bytes {
            *carry = Some(item);
            break;
        }
        bytes = bytes.saturating_add(n);
        items.push(item);
    }
    (items, None, Stop::Full)
}

/// Why a window stopped growing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Its records or bytes are full.
    Full,
    /// The input has nothing more ready now.
    Idle,
    /// The input ended (or failed).
    End,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(line: &str) -> Value {
        let out = clean_record(
            line,
            &Keys::default(),
            &Options::default(),
            Catalogue::builtin(),
        );
        assert!(!out.contains('\n'), "one line: {out}");
        serde_json::from_str(&out).unwrap()
    }

    const PAGE: &str = "<html><head><title>Ferry news</title></head><body><article>\
        <p>The ferry left at noon, on time, for once, and the harbour cheered.</p>\
        <p>Source link</p></article></body></html>";

    #[test]
    fn record_with_html_string() {
        let line =
            serde_json::json!({"id": 7, "url": "https://x.test/a", "html": PAGE}).to_string();
        let v = clean(&line);
        assert_eq!(v["id"], 7);
        assert_eq!(v["url"], "https://x.test/a");
        assert_eq!(
            v["text"],
            "The ferry left at noon, on time, for once, and the harbour cheered.\n"
        );
        assert_eq!(v["title"], "Ferry news");
        assert!(v.get("error").is_none());
        // Field order: where from, then the page.
        let out = clean_record(
            &line,
            &Keys::default(),
            &Options::default(),
            Catalogue::builtin(),
        );
        assert!(
            out.starts_with(r#"{"id":7,"url":"https://x.test/a","page_type":"article","text":"#),
            "{out}"
        );
    }

    #[test]
    fn metadata_fields_and_where_the_page_came_from() {
        let page = "<html lang=en><head><title>Ferry news | Harbour Times</title>\
            <link rel=canonical href=/stories/ferry>\
            <meta name=author content=\"Ann Lee\">\
            <meta property=article:published_time content=2026-03-01T08:00:00Z>\
            </head><body><article><h1>Ferry news</h1>\
            <p>The ferry left at noon, on time, for once, and <em>the harbour</em> cheered.</p>\
            </article></body></html>";
        let line = serde_json::json!({"id": 1, "url": "https://x.test/a?utm=1", "html": page});
        let v = clean(&line.to_string());
        assert_eq!(v["url"], "https://x.test/a?utm=1", "the record's url stays");
        assert_eq!(
            v["canonical_url"], "https://x.test/stories/ferry",
            "resolved against it"
        );
        assert_eq!(v["page_date"], "2026-03-01T08:00:00Z");
        assert_eq!(v["author"], "Ann Lee");
        assert_eq!(v["lang"], "en");
        assert!(
            v["title"].as_str().unwrap().starts_with("Ferry news"),
            "{v}"
        );
        assert!(v.get("date").is_none(), "a JSONL record has no fetch date");

        // No canonical link: the page URL is not repeated as canonical_url.
        let line = serde_json::json!({"id": 2, "url": "https://x.test/b", "html": PAGE});
        let v = clean(&line.to_string());
        assert!(v.get("canonical_url").is_none(), "{v}");

        // Markdown content under its own key.
        let options = Options::default();
        let how = Render {
            body: render::Body::Markdown,
            ..Render::default()
        };
        let line = serde_json::json!({"id": 3, "html": page}).to_string();
        let done = record(
            line.as_bytes(),
            &Keys::default(),
            &options,
            Catalogue::builtin(),
            &how,
        );
        let v: Value = serde_json::from_str(&done.line.unwrap()).unwrap();
        assert!(v.get("text").is_none());
        assert!(
            v["markdown"].as_str().unwrap().contains("*the harbour*"),
            "{v}"
        );
    }

    #[test]
    fn custom_keys_and_missing_id() {
        let keys = Keys {
            html: "content".into(),
            id: "doc".into(),
            url: "link".into(),
            ..Keys::default()
        };
        let line = serde_json::json!({"doc": "a1", "content": PAGE}).to_string();
        let out = clean_record(&line, &keys, &Options::default(), Catalogue::builtin());
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["id"], "a1");
        assert!(v.get("url").is_none());
        assert!(v["text"].as_str().unwrap().starts_with("The ferry left"));
    }

    #[test]
    fn html_string_ignores_a_stale_meta_charset() {
        // The JSON string is Unicode; decoding its UTF-8 as windows-1252 would garble "café".
        let page = "<html><head><meta charset=\"windows-1252\"></head><body><article>\
            <p>Le café du port ouvre à sept heures, même le dimanche matin.</p></article></body></html>";
        let v = clean(&serde_json::json!({ "html": page }).to_string());
        assert_eq!(
            v["text"],
            "Le café du port ouvre à sept heures, même le dimanche matin.\n"
        );
    }

    #[test]
    fn base64_bytes_in_another_charset() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body><article>\
            <p>Le caf\xe9 du port ouvre \xe0 sept heures, m\xeame le dimanche matin.</p></article></body></html>";
        let b64 = base64::engine::general_purpose::STANDARD.encode(page);
        let v = clean(&serde_json::json!({"id": "w", "html_b64": b64}).to_string());
        assert_eq!(
            v["text"],
            "Le café du port ouvre à sept heures, même le dimanche matin.\n"
        );
    }

    #[test]
    fn failures_are_error_lines_with_what_could_be_read() {
        let v = clean("");
        assert_eq!(v, serde_json::json!({"error": "empty line"}));
        let v = clean("{not json");
        assert!(
            v["error"].as_str().unwrap().starts_with("invalid JSON"),
            "{v}"
        );
        assert!(v.get("id").is_none());
        let v = clean("[1, 2]");
        assert_eq!(v["error"], "record is not a JSON object");
        let v = clean(r#"{"id": "x9", "url": "u", "body": "<p>hi</p>"}"#);
        assert_eq!(v["id"], "x9");
        assert_eq!(v["url"], "u");
        assert!(v["error"].as_str().unwrap().contains("neither"), "{v}");
        assert!(v.get("text").is_none());
        let v = clean(r#"{"id": 1, "html": 42}"#);
        assert_eq!(v["error"], "key \"html\" is not a string");
        let v = clean(r#"{"id": 1, "html_b64": "%%%"}"#);
        assert!(
            v["error"].as_str().unwrap().contains("invalid base64"),
            "{v}"
        );
        // A cleaning error (here: gzip magic, then garbage) keeps the id and url.
        let b64 = base64::engine::general_purpose::STANDARD.encode(b"\x1f\x8bnot gzip at all");
        let v = clean(&serde_json::json!({"id": 3, "url": "u3", "html_b64": b64}).to_string());
        assert_eq!(v["id"], 3);
        assert_eq!(v["url"], "u3");
        assert!(v["error"].as_str().unwrap().starts_with("gzip data"), "{v}");
    }

    #[test]
    fn stream_keeps_order_and_line_count_in_small_windows() {
        let mut input = String::new();
        for i in 0..23 {
            match i % 5 {
                0 => input.push('\n'),
                1 => input.push_str("{oops\r\n"),
                _ => {
                    let page = format!("<article><p>Story number {i} is about the harbour and its ferry.</p></article>");
                    input.push_str(&serde_json::json!({"id": i, "html": page}).to_string());
                    input.push('\n');
                }
            }
        }
        input.push_str(
            r#"{"id": "last", "html": "<p>No newline at the end of this last line.</p>"}"#,
        );
        let options = Options::default();
        // One thread takes the serial path, two the overlapped one.
        for threads in [1, 2] {
            let mut p = Pipeline::new(&options, Catalogue::builtin())
                .with_threads(threads)
                .unwrap();
            p.window = 4;
            let mut out = Vec::new();
            let mut windows = 0;
            let stats = p
                .jsonl(input.as_bytes(), &mut out, &Keys::default(), &mut |_| {
                    windows += 1
                })
                .unwrap();
            let lines: Vec<Value> = std::str::from_utf8(&out)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines.len(), 24);
            assert_eq!(stats.ok + stats.failed, 24);
            assert_eq!(stats.failed, 10);
            assert_eq!(windows, 6);
            for (i, v) in lines.iter().enumerate().take(23) {
                match i % 5 {
                    0 => assert_eq!(v["error"], "empty line"),
                    1 => assert!(v["error"].as_str().unwrap().starts_with("invalid JSON")),
                    _ => {
                        assert_eq!(v["id"], i);
                        assert!(v["text"]
                            .as_str()
                            .unwrap()
                            .contains(&format!("number {i} ")));
                    }
                }
            }
            assert_eq!(lines[23]["id"], "last");
        }
    }

    #[test]
    fn empty_stream_is_empty_output() {
        let options = Options::default();
        let p = Pipeline::new(&options, Catalogue::builtin());
        let mut out = Vec::new();
        let stats = p
            .jsonl(&b""[..], &mut out, &Keys::default(), &mut |_| {})
            .unwrap();
        assert!(out.is_empty());
        assert_eq!(stats, Stats::default());
    }
}
