//! The extension module `unboil._unboil`, which the Python package `unboil`
//! re-exports (py/unboil/__init__.py).
//!
//! A [`PyCleaner`] (`unboil.Cleaner`) holds the options of one kind of
//! cleaning and the promo catalogue they use, compiled once; its `clean`
//! cleans one page and `clean_many` a list of pages on a thread pool. The
//! GIL is released while pages are cleaned, so other Python threads run
//! meanwhile. Pages come in as `bytes` (raw: charset sniffed, gzip
//! recognised, as for a file) or `str` (Unicode already: encoded to UTF-8
//! and cleaned with UTF-8 as the transport charset, so a stale `<meta
//! charset>` inside cannot garble it, as `unboil --jsonl` does with its
//! `html` strings). Each cleaned page is a [`PyDocument`]
//! (`unboil.Document`): the content in the chosen format, the metadata,
//! the page type and `explain()` rows. Every failure is a Python exception
//! of the `unboil.Error` family ([`raise`]); a panic, should one happen, is
//! caught at the boundary ([`guarded`]) and becomes `unboil.InternalError`,
//! never an abort of the interpreter.
#![forbid(unsafe_code)]

use std::any::Any;
use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use pyo3::{create_exception, intern};
use rayon::prelude::*;
use serde_json::Value;
use unboil::promo::UserRules;
use unboil::render::{self, Body, Style};
use unboil::{Catalogue, Document, Favor, InputKind, Options};

// Each element costs lol_html a few short-lived strings; mimalloc serves
// them faster than the system allocator, as it does for the binary (see
// src/main.rs). `local_dynamic_tls`: the module is a shared library that
// Python loads with dlopen.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    unboil,
    Error,
    PyException,
    "Base class of every error unboil raises."
);
create_exception!(unboil, ParseError, Error, "The HTML parser failed.");
create_exception!(
    unboil,
    LimitError,
    Error,
    "The page needs more parser memory than `memory_limit`."
);
create_exception!(
    unboil,
    GzipError,
    Error,
    "Gzip input is corrupt or truncated."
);
create_exception!(
    unboil,
    BinaryInputError,
    Error,
    "The input looks binary (an image, an archive), not HTML or text."
);
create_exception!(
    unboil,
    RulesError,
    Error,
    "A rules file or TOML string is invalid."
);
create_exception!(
    unboil,
    SelectorError,
    RulesError,
    "A `drop` or `keep` CSS selector is invalid."
);
create_exception!(
    unboil,
    InternalError,
    Error,
    "A bug in unboil (a caught panic); please report it with the page."
);

/// The library's error as the exception of its kind.
fn raise(e: unboil::Error) -> PyErr {
    let msg = e.to_string();
    match e {
        unboil::Error::Parse(_) => ParseError::new_err(msg),
        unboil::Error::MemoryLimit { .. } => LimitError::new_err(msg),
        unboil::Error::Gzip(_) => GzipError::new_err(msg),
        unboil::Error::Binary { .. } => BinaryInputError::new_err(msg),
        unboil::Error::Rules(_) => RulesError::new_err(msg),
        unboil::Error::Selector { .. } => SelectorError::new_err(msg),
        _ => Error::new_err(msg),
    }
}

/// Why a page gave no document.
enum Failure {
    Clean(unboil::Error),
    Panic(String),
}

impl Failure {
    fn into_pyerr(self) -> PyErr {
        match self {
            Failure::Clean(e) => raise(e),
            Failure::Panic(m) => InternalError::new_err(format!("unboil panicked: {m}")),
        }
    }
}

/// Run `f`, turning a panic into [`Failure::Panic`]: the last resort that
/// keeps a bug from unwinding into the interpreter.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(Failure::Panic(message(&p))))
}

fn message(payload: &Box<dyn Any + Send>) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(s), _) => (*s).to_string(),
        (_, Some(s)) => s.clone(),
        _ => "(no message)".to_string(),
    }
}

/// The content format of [`PyDocument::content`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    fn parse(s: &str) -> PyResult<Format> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            _ => Err(PyValueError::new_err(format!(
                "format must be \"text\", \"markdown\" or \"html\", not {s:?}"
            ))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

/// Everything a cleaning needs besides the page: fixed when the
/// [`PyCleaner`] is made, shared read-only by the threads of `clean_many`.
struct Config {
    options: Options,
    /// `None`: the built-in catalogue.
    rules: Option<Catalogue>,
    format: Format,
    style: Style,
}

impl Config {
    fn rules(&self) -> &Catalogue {
        self.rules.as_ref().unwrap_or_else(|| Catalogue::builtin())
    }
}

/// A page's bytes, held by Python objects while the GIL is released.
enum Data<'py> {
    /// A `bytes` page, or a `str` page encoded to UTF-8: no copy of a
    /// `bytes` page is made.
    Py(Bound<'py, PyBytes>),
    /// A `str` with lone surrogates, which UTF-8 cannot hold: they became
    /// U+FFFD.
    Owned(Vec<u8>),
}

struct Held<'py> {
    data: Data<'py>,
    /// A `str` page: Unicode already, so UTF-8 is its transport charset.
    unicode: bool,
}

impl Held<'_> {
    fn bytes(&self) -> &[u8] {
        match &self.data {
            Data::Py(b) => b.as_bytes(),
            Data::Owned(v) => v,
        }
    }
}

fn hold<'py>(page: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
    if let Ok(b) = page.cast::<PyBytes>() {
        return Ok(Held {
            data: Data::Py(b.clone()),
            unicode: false,
        });
    }
    if let Ok(s) = page.cast::<PyString>() {
        let data = match s.encode_utf8() {
            Ok(b) => Data::Py(b),
            Err(_) => Data::Owned(without_surrogates(
                s.call_method1(intern!(s.py(), "encode"), ("utf-8", "surrogatepass"))?
                    .cast::<PyBytes>()?
                    .as_bytes(),
            )),
        };
        return Ok(Held {
            data,
            unicode: true,
        });
    }
    Err(PyTypeError::new_err(format!(
        "a page must be str or bytes, not {}",
        page.get_type().name()?
    )))
}

/// `str.encode("utf-8", "surrogatepass")` with each lone surrogate (three
/// bytes `ED A0..BF 80..BF`, which UTF-8 forbids) made one U+FFFD, as each
/// stands for one undecodable byte (`surrogateescape`) or one broken UTF-16
/// half.
fn without_surrogates(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0xED && i + 2 < b.len() && (0xA0..=0xBF).contains(&b[i + 1]) {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// One page to clean, borrowed, with no Python object in reach: what the
/// threads see.
struct Input<'a> {
    bytes: &'a [u8],
    unicode: bool,
    url: Option<&'a str>,
}

/// A cleaned page before it becomes a Python object.
struct Cleaned {
    doc: Document,
    /// The Markdown or HTML rendering; `None` for text (it is `doc.text`).
    content: Option<String>,
}

fn clean_page(cfg: &Config, input: &Input) -> Result<Cleaned, Failure> {
    guarded(|| {
        let mut own;
        let options = if input.unicode || input.url.is_some() {
            own = cfg.options.clone();
            if input.unicode {
                // A str is Unicode already; a <meta charset> in it is stale.
                own.charset = Some(encoding_rs::UTF_8);
            }
            if let Some(url) = input.url {
                own.url = Some(url.to_string());
            }
            &own
        } else {
            &cfg.options
        };
        let doc =
            unboil::clean_with_rules(input.bytes, options, cfg.rules()).map_err(Failure::Clean)?;
        let content = match cfg.format {
            Format::Text => None,
            Format::Markdown => Some(render::markdown(&doc, &cfg.style)),
            Format::Html => Some(render::html(&doc, &cfg.style)),
        };
        Ok(Cleaned { doc, content })
    })
}

/// A thread pool of `n` threads, built once per process. The process id
/// is part of the key: after `fork` (multiprocessing, datatrove, Spark
/// workers) a pool's threads are gone, and a pool without threads would
/// wait forever.
fn pool(n: usize) -> Result<Arc<rayon::ThreadPool>, String> {
    type Pools = HashMap<(u32, usize), Arc<rayon::ThreadPool>>;
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let pid = std::process::id();
    pools.retain(|(p, _), _| *p == pid);
    if let Some(p) = pools.get(&(pid, n)) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("unboil-{i}"))
        .build()
        .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    let p = Arc::new(p);
    pools.insert((pid, n), p.clone());
    Ok(p)
}

fn clean_all(
    cfg: &Config,
    inputs: &[Input],
    threads: usize,
) -> Result<Vec<Result<Cleaned, Failure>>, String> {
    if threads == 1 || inputs.len() <= 1 {
        return Ok(inputs.iter().map(|i| clean_page(cfg, i)).collect());
    }
    let pool = pool(threads)?;
    Ok(pool.install(|| inputs.par_iter().map(|i| clean_page(cfg, i)).collect()))
}

/// Read `rules` (TOML text, or a path to a TOML file) into user rules.
fn read_rules(rules: &Bound<'_, PyAny>) -> PyResult<(UserRules, String)> {
    let (name, text, was_str) = if let Ok(s) = rules.cast::<PyString>() {
        ("<rules>".to_string(), s.to_cow()?.into_owned(), true)
    } else {
        let path: PathBuf = rules.extract().map_err(|_| {
            PyTypeError::new_err("rules must be TOML text (str) or a path (os.PathLike)")
        })?;
        let text = std::fs::read_to_string(&path)?;
        (path.display().to_string(), text, false)
    };
    match UserRules::parse(&name, &text) {
        Ok(user) => Ok((user, text)),
        Err(e) if was_str && !text.contains('\n') && std::path::Path::new(&text).is_file() => {
            Err(RulesError::new_err(format!(
                "{e} (a str is read as TOML; to read the file {text:?}, pass pathlib.Path({text:?}))"
            )))
        }
        Err(e) => Err(raise(e)),
    }
}

/// `unboil.Cleaner(**options)`: one way of cleaning, reused for many pages.
#[pyclass(frozen, module = "unboil", name = "Cleaner")]
struct PyCleaner {
    cfg: Config,
    /// The keyword arguments that rebuild this cleaner (rules as TOML text),
    /// for pickling: Spark and datatrove send steps to other processes.
    spec: Py<PyDict>,
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (
        *,
        format = "text",
        favor = "balanced",
        links = false,
        images = false,
        comments = false,
        rules = None,
        no_default_rules = false,
        drop = Vec::new(),
        keep = Vec::new(),
        input = "auto",
        charset = None,
        metadata = true,
        memory_limit = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        format: &str,
        favor: &str,
        links: bool,
        images: bool,
        comments: bool,
        rules: Option<&Bound<'_, PyAny>>,
        no_default_rules: bool,
        drop: Vec<String>,
        keep: Vec<String>,
        input: &str,
        charset: Option<&str>,
        metadata: bool,
        memory_limit: Option<usize>,
    ) -> PyResult<PyCleaner> {
        let format_ = Format::parse(format)?;
        let favor_ = match favor {
            "balanced" => Favor::Balanced,
            "precision" => Favor::Precision,
            "recall" => Favor::Recall,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "favor must be \"balanced\", \"precision\" or \"recall\", not {favor:?}"
                )))
            }
        };
        let input_ = match input {
            "auto" => InputKind::Auto,
            "html" => InputKind::Html,
            "text" => InputKind::Text,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "input must be \"auto\", \"html\" or \"text\", not {input:?}"
                )))
            }
        };
        let charset_ = match charset {
            None => None,
            Some(label) => Some(unboil::Encoding::for_label(label.as_bytes()).ok_or_else(
                || PyValueError::new_err(format!("unknown charset label {label:?}")),
            )?),
        };
        let (mut all_drop, mut all_keep) = (drop.clone(), keep.clone());
        let (user, rules_text) = match rules {
            Some(r) => {
                let (user, text) = read_rules(r)?;
                (Some(user), Some(text))
            }
            None => (None, None),
        };
        let catalogue = match (&user, no_default_rules) {
            (None, false) => None,
            (user, _) => {
                let builtin = if no_default_rules {
                    &[][..]
                } else {
                    Catalogue::builtin().rules()
                };
                let mine = user.as_ref().map_or(&[][..], |u| &u.rules[..]);
                Some(
                    Catalogue::merge(&[mine, builtin])
                        .map_err(|e| RulesError::new_err(format!("invalid rules: {e}")))?,
                )
            }
        };
        if let Some(u) = user {
            all_drop.extend(u.drop);
            all_keep.extend(u.keep);
        }
        let options = Options::default()
            .with_favor(favor_)
            .with_input(input_)
            .with_charset(charset_)
            .with_comments(comments)
            .with_memory_limit(memory_limit.unwrap_or(Options::default().memory_limit))
            .with_drop(all_drop)
            .with_keep(all_keep)
            .with_structure(format_ != Format::Text)
            .with_metadata(metadata)
            .with_images(images);
        options.check().map_err(raise)?;

        let spec = PyDict::new(py);
        spec.set_item("format", format)?;
        spec.set_item("favor", favor)?;
        spec.set_item("links", links)?;
        spec.set_item("images", images)?;
        spec.set_item("comments", comments)?;
        spec.set_item("rules", rules_text)?;
        spec.set_item("no_default_rules", no_default_rules)?;
        spec.set_item("drop", drop)?;
        spec.set_item("keep", keep)?;
        spec.set_item("input", input)?;
        spec.set_item("charset", charset)?;
        spec.set_item("metadata", metadata)?;
        spec.set_item("memory_limit", memory_limit)?;
        Ok(PyCleaner {
            cfg: Config {
                options,
                rules: catalogue,
                format: format_,
                style: Style { links },
            },
            spec: spec.unbind(),
        })
    }

    /// Clean one page (`str` or `bytes`); `url` is where it came from.
    #[pyo3(signature = (html, *, url = None))]
    fn clean(
        &self,
        py: Python<'_>,
        html: &Bound<'_, PyAny>,
        url: Option<&str>,
    ) -> PyResult<PyDocument> {
        let held = hold(html)?;
        let input = Input {
            bytes: held.bytes(),
            unicode: held.unicode,
            url,
        };
        let cfg = &self.cfg;
        let cleaned = py.detach(|| clean_page(cfg, &input));
        cleaned
            .map(|c| PyDocument::new(c, cfg.format))
            .map_err(Failure::into_pyerr)
    }

    /// Clean many pages on `threads` threads (default: all cores), results
    /// in input order.
    #[pyo3(signature = (pages, *, urls = None, threads = None, errors = "raise"))]
    fn clean_many(
        &self,
        py: Python<'_>,
        pages: &Bound<'_, PyAny>,
        urls: Option<Vec<Option<String>>>,
        threads: Option<usize>,
        errors: &str,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let raise_first = match errors {
            "raise" => true,
            "return" => false,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"return\", not {errors:?}"
                )))
            }
        };
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if pages.is_instance_of::<PyString>() || pages.is_instance_of::<PyBytes>() {
            // Iterating it would clean one "page" per character.
            return Err(PyTypeError::new_err(
                "clean_many takes a list (or iterable) of pages; clean takes one",
            ));
        }
        let held = pages
            .try_iter()?
            .map(|p| hold(&p?))
            .collect::<PyResult<Vec<_>>>()?;
        if let Some(u) = &urls {
            if u.len() != held.len() {
                return Err(PyValueError::new_err(format!(
                    "{} pages but {} urls",
                    held.len(),
                    u.len()
                )));
            }
        }
        let inputs: Vec<Input> = held
            .iter()
            .enumerate()
            .map(|(i, h)| Input {
                bytes: h.bytes(),
                unicode: h.unicode,
                url: urls.as_ref().and_then(|u| u[i].as_deref()),
            })
            .collect();
        let cfg = &self.cfg;
        let results = py
            .detach(|| clean_all(cfg, &inputs, threads))
            .map_err(Error::new_err)?;
        let mut out = Vec::with_capacity(results.len());
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok(c) => out.push(Py::new(py, PyDocument::new(c, cfg.format))?.into_any()),
                Err(f) => {
                    let e = f.into_pyerr();
                    let value = e.value(py);
                    value.setattr("index", i)?;
                    if raise_first {
                        let msg = format!("pages[{i}]: {value}");
                        value.setattr("args", (msg,))?;
                        return Err(e);
                    }
                    out.push(value.clone().into_any().unbind());
                }
            }
        }
        Ok(out)
    }

    /// For python/bench.py: clean `pages` as `clean` does, in a Rust loop
    /// (no Python call per page, no Document objects), and return how many
    /// were cleaned without error. Timed against a loop of `clean` calls in
    /// the same process, it gives the cost of calling from Python.
    fn _clean_in_rust(&self, py: Python<'_>, pages: Vec<Bound<'_, PyAny>>) -> PyResult<usize> {
        let held = pages.iter().map(hold).collect::<PyResult<Vec<_>>>()?;
        let inputs: Vec<Input> = held
            .iter()
            .map(|h| Input {
                bytes: h.bytes(),
                unicode: h.unicode,
                url: None,
            })
            .collect();
        let cfg = &self.cfg;
        Ok(py.detach(|| {
            inputs
                .iter()
                .filter(|i| std::hint::black_box(clean_page(cfg, i)).is_ok())
                .count()
        }))
    }

    /// The content format: "text", "markdown" or "html".
    #[getter]
    fn format(&self) -> &'static str {
        self.cfg.format.name()
    }

    /// Pickling: the keyword arguments that make the same cleaner.
    fn __getnewargs_ex__(&self, py: Python<'_>) -> ((), Py<PyDict>) {
        ((), self.spec.clone_ref(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let spec = self.spec.bind(py);
        let mut parts = Vec::new();
        for (k, v) in spec.iter() {
            parts.push(format!("{}={}", k.str()?, v.repr()?));
        }
        Ok(format!("Cleaner({})", parts.join(", ")))
    }
}

/// `unboil.Document`: one cleaned page.
#[pyclass(frozen, module = "unboil", name = "Document")]
struct PyDocument {
    doc: Document,
    content: Option<String>,
    format: Format,
}

impl PyDocument {
    fn new(c: Cleaned, format: Format) -> PyDocument {
        PyDocument {
            doc: c.doc,
            content: c.content,
            format,
        }
    }
}

/// A metadata field as Python sees it: absent when empty, as in `--format json`.
fn field(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, x) in o {
                dict.set_item(k, to_py(py, x)?)?;
            }
            dict.into_any()
        }
    })
}

#[pymethods]
impl PyDocument {
    /// The kept content as plain text, whatever the format.
    #[getter]
    fn text(&self) -> &str {
        &self.doc.text
    }

    /// The kept content in the cleaner's format (text, Markdown or HTML).
    #[getter]
    fn content(&self) -> &str {
        self.content.as_deref().unwrap_or(&self.doc.text)
    }

    #[getter]
    fn format(&self) -> &'static str {
        self.format.name()
    }

    #[getter]
    fn title(&self) -> Option<&str> {
        field(&self.doc.meta.title).or(field(&self.doc.title))
    }

    #[getter]
    fn author(&self) -> Option<&str> {
        field(&self.doc.meta.author)
    }

    #[getter]
    fn date(&self) -> Option<&str> {
        field(&self.doc.meta.date)
    }

    #[getter]
    fn sitename(&self) -> Option<&str> {
        field(&self.doc.meta.sitename)
    }

    /// The canonical URL, or the `url` given when the page names none.
    #[getter]
    fn url(&self) -> Option<&str> {
        field(&self.doc.meta.url)
    }

    #[getter]
    fn lang(&self) -> Option<&str> {
        field(&self.doc.meta.lang)
    }

    #[getter]
    fn description(&self) -> Option<&str> {
        field(&self.doc.meta.description)
    }

    #[getter]
    fn image(&self) -> Option<&str> {
        field(&self.doc.meta.image)
    }

    #[getter]
    fn tags(&self) -> Vec<String> {
        self.doc.meta.tags.clone()
    }

    /// What kind of page selection took this for, when it decided.
    #[getter]
    fn page_type(&self) -> Option<&'static str> {
        self.doc.page_type.map(|t| t.as_str())
    }

    /// The charset the page was decoded with.
    #[getter]
    fn encoding(&self) -> Option<&'static str> {
        self.doc.encoding
    }

    /// Whether the input was cleaned as plain text (no markup).
    #[getter]
    fn plain_text(&self) -> bool {
        self.doc.plain_text
    }

    /// One dict per block of the page, kept or not, in page order: what
    /// `unboil explain --json` prints.
    fn explain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = PyList::empty(py);
        for line in unboil::report::explain_lines(&self.doc) {
            let row = PyDict::new(py);
            row.set_item("block", line.block)?;
            row.set_item("kept", line.kept)?;
            row.set_item("reason", line.reason)?;
            row.set_item("path", line.path)?;
            row.set_item("kind", line.kind)?;
            row.set_item("words", line.words)?;
            row.set_item("text", line.text)?;
            row.set_item("pass", line.pass)?;
            rows.append(row)?;
        }
        Ok(rows)
    }

    /// The fields of `unboil --format json`: metadata found and the content
    /// under "text", "markdown" or "html".
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut o = render::json(&self.doc, Body::Text, &Style::default());
        if let Some(c) = &self.content {
            o.remove("text");
            o.insert(self.format.name().into(), Value::String(c.clone()));
        }
        to_py(py, &Value::Object(o))
    }

    fn __str__(&self) -> &str {
        self.content()
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(title={:?}, format={:?}, chars={})",
            self.title().unwrap_or(""),
            self.format.name(),
            self.content().chars().count()
        )
    }
}

/// Run a panicking closure through the boundary guard, for the test that
/// a panic becomes `unboil.InternalError`.
#[pyfunction]
fn _panic_for_test() -> PyResult<()> {
    guarded(|| -> Result<(), Failure> { panic!("a test panic") }).map_err(Failure::into_pyerr)
}

#[pymodule]
fn _unboil(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyCleaner>()?;
    m.add_class::<PyDocument>()?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    for (name, ty) in [
        ("Error", py.get_type::<Error>()),
        ("ParseError", py.get_type::<ParseError>()),
        ("LimitError", py.get_type::<LimitError>()),
        ("GzipError", py.get_type::<GzipError>()),
        ("BinaryInputError", py.get_type::<BinaryInputError>()),
        ("RulesError", py.get_type::<RulesError>()),
        ("SelectorError", py.get_type::<SelectorError>()),
        ("InternalError", py.get_type::<InternalError>()),
    ] {
        m.add(name, ty)?;
    }
    Ok(())
}
