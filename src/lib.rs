//! unboil: strip boilerplate from scraped web pages, streaming.
//!
//! The pipeline is one pass over the bytes: decode (charset, gzip) →
//! segment into [`Block`]s → select the main content and decide every block
//! ([`Decision`], with the promo catalogue [`Catalogue`]) → render
//! ([`render`]). [`Cleaner`] takes the page in chunks of
//! any size, so a caller never holds the whole page; [`clean`] wraps it for
//! bytes already in memory. Gzip input is recognised by its magic bytes and
//! plain-text input (no markup) gets the promo rules line by line.
//! [`report`] shows what was removed and why (`unboil explain`, `unboil diff`).
//! [`pipeline`] cleans streams of pages (JSON Lines, and WARC files read by
//! [`warc`]) into JSON Lines, in parallel and in input order.
//!
//! ```
//! let page = b"<article><p>The bridge opened on Monday, after two years of work.</p>\
//!              <p>Source link</p></article>";
//! let doc = unboil::clean(page, &unboil::Options::default()).unwrap();
//! assert_eq!(doc.text, "The bridge opened on Monday, after two years of work.\n");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The public modules: the data model, the rule catalogue, the renderers,
// the reports and the stream pipeline.
pub mod block;
pub mod pipeline;
pub mod promo;
pub mod render;
pub mod report;
pub mod warc;

// Implementation: private where only the crate uses it, `#[doc(hidden)]`
// where tests, examples or the bench reach into it (not part of the API;
// they may change in any release).
#[doc(hidden)]
pub mod cta;
mod cta_model;
mod decode;
#[doc(hidden)]
pub mod eval;
mod hints;
#[doc(hidden)]
pub mod link;
mod meta;
#[doc(hidden)]
pub mod page_model;
#[doc(hidden)]
pub mod page_type;
mod plain;
#[doc(hidden)]
pub mod segment;
// Its docs are for maintainers (`cargo doc --document-private-items`): they
// link the private passes.
#[doc(hidden)]
#[allow(rustdoc::private_intra_doc_links, rustdoc::bare_urls)]
pub mod select;

use std::io::Write;

pub use block::Block;
pub use encoding_rs::Encoding;
pub use meta::Meta;
pub use page_type::PageType;
pub use promo::Catalogue;
pub use select::{Decision, Pass, Reason};

/// Which side of the precision/recall trade-off selection leans to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Favor {
    #[default]
    /// The default: the trade-off the quality figures are measured at.
    Balanced,
    /// Leave out anything doubtful.
    Precision,
    /// Keep anything that may be content.
    Recall,
}

/// What the input is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    /// HTML unless the start of the input has no markup at all.
    #[default]
    Auto,
    /// HTML, whatever the input looks like.
    Html,
    /// Plain text: promo rules line by line.
    Text,
}

/// Options for one page.
///
/// Made from [`Options::default`] and the `with_*` setters, so a new option
/// is not a breaking change; the fields stay readable (and assignable).
///
/// ```
/// use unboil::{Favor, Options};
/// let options = Options::default()
///     .with_favor(Favor::Recall)
///     .with_structure(true)
///     .with_url("https://example.com/story".to_string());
/// assert_eq!(options.favor, Favor::Recall);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Which way selection leans when a block is doubtful.
    pub favor: Favor,
    /// Whether the input is HTML, plain text, or to be detected.
    pub input: InputKind,
    /// Transport-level charset (HTTP header, `--charset`): beats `<meta>`, not a BOM.
    pub charset: Option<&'static Encoding>,
    /// Keep comment sections.
    pub comments: bool,
    /// lol_html's parser memory limit in bytes; exceeding it fails the page.
    pub memory_limit: usize,
    /// Most bytes one page may have after gzip is undone (default 64 MiB):
    /// a larger page fails with [`Error::TooLarge`] as soon as it passes
    /// the cap, so a decompression bomb costs memory near the cap, not its
    /// decompressed size.
    pub max_page_size: usize,
    /// CSS selectors (as lol_html understands them) whose subtrees are always
    /// removed, whatever selection says ([`Reason::UserDrop`]).
    pub drop: Vec<String>,
    /// CSS selectors whose subtrees are always kept, even outside the main
    /// content. The innermost matching element decides; on one element
    /// `drop` beats `keep`.
    pub keep: Vec<String>,
    /// Record inline markup (emphasis, strong, code, links) and the lists,
    /// quotes and tables around each block, for [`render::markdown`] and
    /// [`render::html`]. Off by default: plain text does not need it.
    pub structure: bool,
    /// Gather metadata into [`Document::meta`] (title, author, date, site
    /// name, canonical URL, language, description, image, tags). Off by default.
    pub metadata: bool,
    /// Keep images' alt text, marked as images (Markdown `![alt](src)`,
    /// HTML `<img>`, plain text: the alt text). Implies `structure`. Off by
    /// default: alt text is often a caption the article does not need.
    pub images: bool,
    /// The URL the page was fetched from, if known: relative links and the
    /// canonical URL resolve against it, and it stands in for a missing
    /// canonical URL in [`Document::meta`].
    pub url: Option<String>,
    /// Bench only, not a user option: the page type to use instead of the
    /// page-type step's, to measure what a perfect classifier would be
    /// worth (`bench --oracle-type`).
    #[doc(hidden)]
    pub force_page_type: Option<PageType>,
    /// Bench only, not a user option: fill [`Document::page_features`]
    /// (the page-type model's features, for training it).
    #[doc(hidden)]
    pub page_features: bool,
    /// Bench only, not a user option: fill [`Document::block_features`]
    /// (the block model's features, for training it); the block model
    /// does not run, so they are the features of the rules' decisions.
    #[doc(hidden)]
    pub block_features: bool,
    /// Bench only, not a user option: the block model to use instead of
    /// the built-in one (`bench --block-model`, `--block-model-cross`).
    #[doc(hidden)]
    pub block_model: Option<std::sync::Arc<select::BlockModel>>,
    /// Bench only: the restore and drop thresholds of the block model to
    /// use instead of the profile's, by page type (`None`: any type); the
    /// first entry that fits counts (`bench --learned`).
    #[doc(hidden)]
    pub learned_thresholds: Vec<(Option<PageType>, f32, f32)>,
}

impl Options {
    /// Sets [`favor`](Options::favor).
    pub fn with_favor(mut self, favor: Favor) -> Self {
        self.favor = favor;
        self
    }

    /// Sets [`input`](Options::input).
    pub fn with_input(mut self, input: InputKind) -> Self {
        self.input = input;
        self
    }

    /// Sets [`charset`](Options::charset) (an encoding, or `None` for none).
    pub fn with_charset(mut self, charset: impl Into<Option<&'static Encoding>>) -> Self {
        self.charset = charset.into();
        self
    }

    /// Sets [`comments`](Options::comments).
    pub fn with_comments(mut self, on: bool) -> Self {
        self.comments = on;
        self
    }

    /// Sets [`memory_limit`](Options::memory_limit).
    pub fn with_memory_limit(mut self, bytes: usize) -> Self {
        self.memory_limit = bytes;
        self
    }

    /// Sets [`max_page_size`](Options::max_page_size).
    pub fn with_max_page_size(mut self, bytes: usize) -> Self {
        self.max_page_size = bytes;
        self
    }

    /// Replaces the [`drop`](Options::drop) selectors.
    pub fn with_drop<S: Into<String>>(mut self, selectors: impl IntoIterator<Item = S>) -> Self {
        self.drop = selectors.into_iter().map(Into::into).collect();
        self
    }

    /// Replaces the [`keep`](Options::keep) selectors.
    pub fn with_keep<S: Into<String>>(mut self, selectors: impl IntoIterator<Item = S>) -> Self {
        self.keep = selectors.into_iter().map(Into::into).collect();
        self
    }

    /// Sets [`structure`](Options::structure).
    pub fn with_structure(mut self, on: bool) -> Self {
        self.structure = on;
        self
    }

    /// Sets [`metadata`](Options::metadata).
    pub fn with_metadata(mut self, on: bool) -> Self {
        self.metadata = on;
        self
    }

    /// Sets [`images`](Options::images).
    pub fn with_images(mut self, on: bool) -> Self {
        self.images = on;
        self
    }

    /// Sets [`url`](Options::url) (a URL, or `None` for none).
    pub fn with_url(mut self, url: impl Into<Option<String>>) -> Self {
        self.url = url.into();
        self
    }

    /// Check what can be checked before any input: the user selectors parse.
    pub fn check(&self) -> Result<(), Error> {
        for s in self.drop.iter().chain(&self.keep) {
            segment::parse_selector(s)?;
        }
        Ok(())
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            favor: Favor::Balanced,
            input: InputKind::Auto,
            charset: None,
            comments: false,
            memory_limit: 256 << 20,
            max_page_size: DEFAULT_MAX_PAGE_SIZE,
            drop: Vec::new(),
            keep: Vec::new(),
            structure: false,
            metadata: false,
            images: false,
            url: None,
            force_page_type: None,
            page_features: false,
            block_features: false,
            block_model: None,
            learned_thresholds: Vec::new(),
        }
    }
}

/// The default of [`Options::max_page_size`]: 64 MiB.
pub const DEFAULT_MAX_PAGE_SIZE: usize = 64 << 20;

/// A cleaned page. Its fields are for reading; only the crate makes one.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Document {
    /// The kept text, rendered as plain text.
    pub text: String,
    /// The page title (`<title>`, trimmed and capped), if it has one.
    pub title: Option<String>,
    /// Every block of the page, kept or not, in document order.
    pub blocks: Vec<Block>,
    /// The decision for each block (same order as `blocks`).
    pub decisions: Vec<Decision>,
    /// The selection pass that decided each block (same order as `blocks`).
    pub decided_by: Vec<Pass>,
    /// The encoding the page was decoded with.
    pub encoding: Option<&'static str>,
    /// Whether the input was treated as plain text.
    pub plain_text: bool,
    /// What kind of page selection took this for (`None` for plain text and
    /// empty pages).
    pub page_type: Option<PageType>,
    /// Metadata, when [`Options::metadata`] asked for it (else only `base`,
    /// from [`Options::url`]).
    pub meta: meta::Meta,
    /// Bench only: the page-type model's features (see
    /// `page_model::FEATURES`) and the type the page states, when
    /// [`Options::page_features`] asked for them.
    #[doc(hidden)]
    pub page_features: Option<(Vec<f32>, Option<PageType>)>,
    /// Bench only: the block model's features of every block, when
    /// [`Options::block_features`] asked for them.
    #[doc(hidden)]
    pub block_features: Option<Vec<Vec<f32>>>,
}

/// Everything that can go wrong with one input. After [`Cleaner::write`]
/// returns an error, further calls return the same error again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The HTML parser failed (the message is lol_html's).
    #[error("HTML parser failed: {0}")]
    Parse(String),
    /// The page needed more than [`Options::memory_limit`].
    #[error("page needs more than the parser memory limit of {limit} bytes")]
    MemoryLimit {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The input started as gzip but is corrupt or cut short.
    #[error("gzip data is corrupt or truncated: {0}")]
    Gzip(std::io::Error),
    /// The page (after gzip is undone) passed [`Options::max_page_size`].
    #[error("page is larger than the page size limit of {limit} bytes (after decompression; --max-page-size)")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A rules file does not parse (the message says where).
    #[error("invalid rules: {0}")]
    Rules(String),
    /// A [`drop`](Options::drop) or [`keep`](Options::keep) selector does
    /// not parse.
    #[error("invalid selector {selector:?}: {message}")]
    Selector {
        /// The selector as given.
        selector: String,
        /// Why it does not parse.
        message: String,
    },
    /// Automatic input detection found control characters where text
    /// should be (an image, an archive, UTF-16 without a byte-order mark).
    /// [`InputKind::Html`] or [`InputKind::Text`] skips the check.
    #[error(
        "input looks binary, not HTML or text: {controls} of its first {sample} characters are control characters"
    )]
    Binary {
        /// Control characters seen in the sample.
        controls: usize,
        /// Characters in the sample.
        sample: usize,
    },
}

impl Error {
    /// The same error again, for calls after the first failure.
    fn again(&self) -> Error {
        match self {
            Error::Parse(m) => Error::Parse(m.clone()),
            Error::MemoryLimit { limit } => Error::MemoryLimit { limit: *limit },
            Error::Gzip(e) => Error::Gzip(std::io::Error::new(e.kind(), e.to_string())),
            Error::TooLarge { limit } => Error::TooLarge { limit: *limit },
            Error::Rules(m) => Error::Rules(m.clone()),
            Error::Selector { selector, message } => Error::Selector {
                selector: selector.clone(),
                message: message.clone(),
            },
            Error::Binary { controls, sample } => Error::Binary {
                controls: *controls,
                sample: *sample,
            },
        }
    }
}

/// Bytes this far into the decoded text decide HTML or plain text.
const KIND_SAMPLE: usize = 1024;

enum Sink {
    /// Decoded text held until it is clear whether it is HTML.
    Undecided(String),
    Html(Box<segment::Parser>),
    Text(String),
}

/// The decode → segment half: takes raw (not gzipped) bytes.
struct Inner {
    decoder: decode::Decoder,
    out: Segment,
    /// The page's first error, the one latch of a [`Cleaner`]: lol_html
    /// panics when written to after an error, and the gzip decoder writes
    /// its buffered bytes when dropped, so every later feed (and every
    /// later call of the cleaner) gets this error again. It also carries
    /// the error through the gzip decoder's `io::Write`.
    failed: Option<Error>,
    /// Bytes fed so far (decompressed), against `max_page_size`.
    fed: usize,
    max_page_size: usize,
}

/// Where decoded text goes: the HTML parser or the plain-text lines, once
/// the first [`KIND_SAMPLE`] bytes have told which.
struct Segment {
    sink: Sink,
    input: InputKind,
    memory_limit: usize,
    /// User selectors, handed to the parser once the input is known to be HTML.
    drop: Vec<String>,
    keep: Vec<String>,
    detail: segment::Detail,
}

impl Inner {
    fn feed(&mut self, bytes: &[u8], last: bool) -> Result<(), Error> {
        if let Some(e) = &self.failed {
            return Err(e.again());
        }
        // Counted before anything is decoded: the gzip decoder hands its
        // output over in small pieces, so a bomb stops at the cap.
        self.fed = self.fed.saturating_add(bytes.len());
        let r = if self.fed > self.max_page_size {
            Err(Error::TooLarge {
                limit: self.max_page_size,
            })
        } else {
            pipeline::fault_point(bytes);
            self.feed_decoded(bytes, last)
        };
        self.latch(r)
    }

    /// Keeps the first error of the page (see [`Inner::failed`]).
    fn latch<T>(&mut self, r: Result<T, Error>) -> Result<T, Error> {
        if let (Err(e), None) = (&r, &self.failed) {
            self.failed = Some(e.again());
        }
        r
    }

    fn feed_decoded(&mut self, bytes: &[u8], last: bool) -> Result<(), Error> {
        let out = &mut self.out;
        let mut emit = |s: &str| out.push(s, false);
        self.decoder.write(bytes, &mut emit)?;
        if last {
            self.decoder.finish(&mut emit)?;
            self.out.push("", true)?;
        }
        Ok(())
    }
}

impl Segment {
    fn push(&mut self, s: &str, last: bool) -> Result<(), Error> {
        if let Sink::Undecided(pending) = &mut self.sink {
            if pending.is_empty() && (s.len() >= KIND_SAMPLE || last) {
                // The first piece is sample enough: decided on it in place.
                self.decide(s)?;
                return self.push(s, last);
            }
            pending.push_str(s);
            if pending.len() < KIND_SAMPLE && !last {
                return Ok(());
            }
            let pending = std::mem::take(pending);
            self.decide(&pending)?;
            return self.push(&pending, last);
        }
        match &mut self.sink {
            Sink::Html(p) => p.write_str(s).map_err(|e| self.map_err(e)),
            Sink::Text(t) => {
                // As in HTML text, U+0000 never reaches the output.
                t.extend(s.chars().filter(|&c| c != '\0'));
                Ok(())
            }
            Sink::Undecided(_) => unreachable!("decided above"),
        }
    }

    /// HTML or plain text, from the first [`KIND_SAMPLE`] bytes of `head`.
    fn decide(&mut self, head: &str) -> Result<(), Error> {
        let sample = &head[..floor_char_boundary(head, KIND_SAMPLE)];
        let text = match self.input {
            InputKind::Html => false,
            InputKind::Text => true,
            InputKind::Auto => {
                if let Some((controls, sample)) = plain::binary(sample) {
                    return Err(Error::Binary { controls, sample });
                }
                plain::looks_like_text(sample)
            }
        };
        self.sink = if text {
            Sink::Text(String::new())
        } else {
            Sink::Html(Box::new(segment::Parser::with_detail(
                self.memory_limit,
                &self.drop,
                &self.keep,
                self.detail,
            )?))
        };
        Ok(())
    }

    fn map_err(&self, e: lol_html::errors::RewritingError) -> Error {
        match e {
            lol_html::errors::RewritingError::MemoryLimitExceeded(_) => Error::MemoryLimit {
                limit: self.memory_limit,
            },
            other => Error::Parse(other.to_string()),
        }
    }
}

impl Write for Inner {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The error itself stays latched; `gz_error` takes it from there.
        self.feed(buf, false)
            .map_err(|_| std::io::Error::other("page failed"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

enum Front {
    /// Fewer than two bytes seen: gzip or not is still open.
    Sniff(Vec<u8>),
    Raw(Box<Inner>),
    Gzip(Box<flate2::write::MultiGzDecoder<Inner>>),
}

/// A streaming cleaner for one page: [`write`](Cleaner::write) chunks as
/// they arrive, then [`finish`](Cleaner::finish).
pub struct Cleaner<'r> {
    front: Option<Front>,
    inner: Option<Inner>,
    options: Options,
    rules: &'r Catalogue,
}

impl Cleaner<'static> {
    /// A cleaner with the built-in promo catalogue.
    pub fn new(options: Options) -> Self {
        Cleaner::with_rules(options, Catalogue::builtin())
    }
}

impl<'r> Cleaner<'r> {
    /// A cleaner with a custom promo catalogue.
    pub fn with_rules(options: Options, rules: &'r Catalogue) -> Self {
        let inner = Inner {
            decoder: decode::Decoder::new(options.charset),
            out: Segment {
                sink: match options.input {
                    InputKind::Text => Sink::Text(String::new()),
                    _ => Sink::Undecided(String::new()),
                },
                input: options.input,
                memory_limit: options.memory_limit,
                drop: options.drop.clone(),
                keep: options.keep.clone(),
                detail: segment::Detail {
                    structure: options.structure || options.images,
                    metadata: options.metadata,
                    images: options.images,
                },
            },
            failed: None,
            fed: 0,
            max_page_size: options.max_page_size,
        };
        Cleaner {
            front: Some(Front::Sniff(Vec::new())),
            inner: Some(inner),
            options,
            rules,
        }
    }

    /// Feed the next chunk of the page.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if let Some(e) = self.latched() {
            return Err(e.again());
        }
        let r = self.write_front(bytes);
        // Errors of the gzip stream itself reach the one latch here.
        match self.inner_mut() {
            Some(inner) => inner.latch(r),
            None => r,
        }
    }

    /// The decode → segment half, wherever the front holds it now.
    fn inner_ref(&self) -> Option<&Inner> {
        match &self.front {
            Some(Front::Raw(inner)) => Some(inner),
            Some(Front::Gzip(gz)) => Some(gz.get_ref()),
            Some(Front::Sniff(_)) | None => self.inner.as_ref(),
        }
    }

    fn inner_mut(&mut self) -> Option<&mut Inner> {
        match &mut self.front {
            Some(Front::Raw(inner)) => Some(inner),
            Some(Front::Gzip(gz)) => Some(gz.get_mut()),
            Some(Front::Sniff(_)) | None => self.inner.as_mut(),
        }
    }

    /// The page's first error, if it has had one.
    fn latched(&self) -> Option<&Error> {
        self.inner_ref().and_then(|i| i.failed.as_ref())
    }

    fn write_front(&mut self, bytes: &[u8]) -> Result<(), Error> {
        match self.front.as_mut().expect("not finished") {
            Front::Sniff(head) if head.is_empty() && bytes.len() >= 2 => {
                // Sniffed in place: no copy of a page held in memory.
                self.decide_front(bytes)
            }
            Front::Sniff(head) => {
                head.extend_from_slice(bytes);
                if head.len() >= 2 {
                    let head = std::mem::take(head);
                    self.decide_front(&head)?;
                }
                Ok(())
            }
            Front::Raw(inner) => inner.feed(bytes, false),
            Front::Gzip(gz) => gz.write_all(bytes).map_err(|e| gz_error(gz.get_mut(), e)),
        }
    }

    fn decide_front(&mut self, head: &[u8]) -> Result<(), Error> {
        let inner = self.inner.take().expect("front decided once");
        if head.starts_with(&[0x1f, 0x8b]) {
            let mut gz = Box::new(flate2::write::MultiGzDecoder::new(inner));
            let r = gz.write_all(head).map_err(|e| gz_error(gz.get_mut(), e));
            self.front = Some(Front::Gzip(gz));
            r
        } else {
            let mut inner = inner;
            let r = inner.feed(head, false);
            self.front = Some(Front::Raw(Box::new(inner)));
            r
        }
    }

    /// Bytes of the page fed so far, after gzip is undone (what counts
    /// against [`Options::max_page_size`]).
    pub fn page_bytes(&self) -> u64 {
        if let Some(Front::Sniff(head)) = &self.front {
            return head.len() as u64;
        }
        self.inner_ref().map_or(0, |i| i.fed as u64)
    }

    /// End of the page: run selection and render.
    pub fn finish(mut self) -> Result<Document, Error> {
        if let Some(e) = self.latched() {
            return Err(e.again());
        }
        let mut inner = match self.front.take().expect("not finished") {
            Front::Sniff(head) => {
                let mut inner = self.inner.take().expect("unused");
                inner.feed(&head, false)?;
                inner
            }
            Front::Raw(inner) => *inner,
            Front::Gzip(mut gz) => {
                gz.try_finish().map_err(|e| gz_error(gz.get_mut(), e))?;
                let inner = gz.finish().map_err(Error::Gzip)?;
                if let Some(e) = inner.failed {
                    return Err(e);
                }
                inner
            }
        };
        inner.feed(&[], true)?;
        let encoding = inner.decoder.encoding().map(|(e, _)| e.name());
        let rules = self.rules;
        let doc = match inner.out.sink {
            Sink::Html(parser) => {
                let mut seg = parser.finish().map_err(|e| Error::Parse(e.to_string()))?;
                if let Some(url) = self.options.url.as_deref() {
                    seg.site.add_url(url);
                }
                let page_features = self.options.page_features.then(|| {
                    (
                        page_model::features(&seg).to_vec(),
                        page_type::stated_type(&seg),
                    )
                });
                let page_type = match self.options.force_page_type {
                    Some(t) => t,
                    None => page_type::classify(&seg),
                };
                let mut params = select::Params::default()
                    .with_favor(self.options.favor)
                    .with_profile(page_type, page_type::stated_article(&seg));
                params.learned = !self.options.block_features;
                if let Some(m) = &self.options.block_model {
                    params.block_model = Some(m.clone());
                }
                let fits = |t: &&(Option<PageType>, f32, f32)| t.0.is_none_or(|t| t == page_type);
                if let Some(&(_, restore, drop)) = self.options.learned_thresholds.iter().find(fits)
                {
                    params.learned_restore = restore;
                    params.learned_drop = drop;
                }
                let selection = select::select_with(
                    &seg,
                    &params,
                    &select::Readability,
                    rules,
                    self.options.comments,
                );
                let block_features = self
                    .options
                    .block_features
                    .then(|| select::block_features(&seg, &params, &selection));
                let meta = match seg.meta.take() {
                    Some(c) => c.finish(
                        seg.title.as_deref(),
                        seg.blocks.iter().map(|b| b.text.as_str()),
                        self.options.url.as_deref(),
                    ),
                    None => self.url_only_meta(),
                };
                Document {
                    text: render::text(&seg.blocks, &selection.decisions, false),
                    title: seg.title.map(meta::cap_text),
                    blocks: seg.blocks,
                    decisions: selection.decisions,
                    decided_by: selection.by,
                    encoding,
                    plain_text: false,
                    page_type: Some(page_type),
                    meta,
                    page_features,
                    block_features,
                }
            }
            Sink::Text(t) => {
                let mut site = cta::Site::default();
                if let Some(url) = self.options.url.as_deref() {
                    site.add_url(url);
                }
                let (blocks, decisions) = plain::clean_lines(&t, rules, &site);
                Document {
                    decided_by: vec![Pass::Blocks; blocks.len()],
                    text: render::text(&blocks, &decisions, true),
                    title: None,
                    blocks,
                    decisions,
                    encoding,
                    plain_text: true,
                    page_type: None,
                    meta: self.url_only_meta(),
                    page_features: None,
                    block_features: None,
                }
            }
            Sink::Undecided(_) => Document::default(),
        };
        Ok(doc)
    }

    /// Metadata when none was collected: the page URL, if given.
    fn url_only_meta(&self) -> meta::Meta {
        let url = self.options.url.as_deref().map(link::clean);
        let url = url.filter(|u| link::is_safe(u));
        meta::Meta {
            url: url.clone().filter(|_| self.options.metadata),
            base: url,
            ..meta::Meta::default()
        }
    }
}

/// The error behind a failed gzip write: the page's own when the decoded
/// bytes failed it, else the gzip stream's.
fn gz_error(inner: &mut Inner, e: std::io::Error) -> Error {
    inner.failed.as_ref().map_or(Error::Gzip(e), Error::again)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Clean a page held in memory (raw bytes: any charset, maybe gzipped).
pub fn clean(input: &[u8], options: &Options) -> Result<Document, Error> {
    clean_with_rules(input, options, Catalogue::builtin())
}

/// [`clean`] with a custom promo catalogue (see [`Catalogue::merge`]).
pub fn clean_with_rules(
    input: &[u8],
    options: &Options,
    rules: &Catalogue,
) -> Result<Document, Error> {
    let mut c = Cleaner::with_rules(options.clone(), rules);
    c.write(input)?;
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each setter sets its own field and nothing else: the setters give
    /// what the struct literal the callers used to write gave.
    #[test]
    fn setters_match_the_struct_literal() {
        let latin1 = Encoding::for_label(b"latin1").unwrap();
        let built = Options::default()
            .with_favor(Favor::Precision)
            .with_input(InputKind::Html)
            .with_charset(latin1)
            .with_comments(true)
            .with_memory_limit(1 << 20)
            .with_max_page_size(2 << 20)
            .with_drop(["nav"])
            .with_keep(vec!["aside".to_string()])
            .with_structure(true)
            .with_metadata(true)
            .with_images(true)
            .with_url("https://example.com/".to_string());
        let literal = Options {
            favor: Favor::Precision,
            input: InputKind::Html,
            charset: Some(latin1),
            comments: true,
            memory_limit: 1 << 20,
            max_page_size: 2 << 20,
            drop: vec!["nav".into()],
            keep: vec!["aside".into()],
            structure: true,
            metadata: true,
            images: true,
            url: Some("https://example.com/".into()),
            force_page_type: None,
            page_features: false,
            block_features: false,
            block_model: None,
            learned_thresholds: Vec::new(),
        };
        assert_eq!(format!("{built:?}"), format!("{literal:?}"));
        let cleared = built.with_charset(None).with_url(None);
        assert_eq!((cleared.charset, cleared.url), (None, None));
    }

    /// One latch: the first error of a page (here the page cap, hit inside
    /// the gzip stream) is what every later write and `finish` return.
    #[test]
    fn the_first_error_is_returned_again_by_every_later_call() {
        use std::io::Write as _;
        let page = "<p>x</p>".repeat(50_000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        for bytes in [page.as_bytes(), &gz[..]] {
            let mut c = Cleaner::new(Options::default().with_max_page_size(1024));
            let first = bytes
                .chunks(512)
                .find_map(|chunk| c.write(chunk).err())
                .expect("the cap is hit");
            assert!(matches!(first, Error::TooLarge { limit: 1024 }), "{first}");
            let again = c.write(b"<p>more</p>").unwrap_err();
            assert!(matches!(again, Error::TooLarge { limit: 1024 }), "{again}");
            let end = c.finish().unwrap_err();
            assert!(matches!(end, Error::TooLarge { limit: 1024 }), "{end}");
        }
    }

    /// A page may start on one thread and end on another.
    #[test]
    fn a_cleaner_moves_to_another_thread_mid_page() {
        let mut c = Cleaner::new(Options::default());
        c.write(b"<html><body><nav>Home News</nav><article><p>The ferry to Brindle Point")
            .unwrap();
        let doc = std::thread::spawn(move || {
            c.write(b" runs twice a day from May, and the council pays for the fuel.</p>")
                .unwrap();
            c.write(b"</article></body></html>").unwrap();
            c.finish().unwrap()
        })
        .join()
        .unwrap();
        assert!(
            doc.text
                .contains("The ferry to Brindle Point runs twice a day"),
            "{}",
            doc.text
        );
        assert!(!doc.text.contains("Home News"));
    }

    /// What callers share across threads (the Python package's
    /// `clean_many`, the pipeline's pool) stays `Send + Sync`, and a
    /// [`Cleaner`] half-way through a page can move to another thread (an
    /// async task, a worker pool): a field that broke either would fail
    /// this build.
    #[test]
    fn shared_types_are_send_and_sync() {
        fn assert_send<T: Send>() {}
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send::<Cleaner>();
        assert_send_sync::<Options>();
        assert_send_sync::<Document>();
        assert_send_sync::<Meta>();
        assert_send_sync::<Catalogue>();
        assert_send_sync::<Error>();
    }
}
