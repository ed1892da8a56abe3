//! A small streaming WARC reader for `unboil warc`: Common Crawl files,
//! plain or gzipped (one gzip member per record, read through
//! `flate2::read::MultiGzDecoder`), one record at a time.
//!
//! [`WarcReader`] reads a record's WARC headers up to the blank line, then
//! its `Content-Length` bytes. Only `response` records whose HTTP status is
//! 200 and whose HTTP `Content-Type` is `text/html` or
//! `application/xhtml+xml` become a [`Page`] (with the header's charset as
//! the transport hint); the bodies of all other records are skipped without
//! being held, so memory stays bounded by one page. `clean_page` undoes
//! HTTP chunked transfer-encoding when the headers declare it and cleans the
//! page into one JSON line (see [`crate::pipeline::Output`]).
//!
//! The `warc` crate was considered and not used: it opens files with
//! `create(true)` (not read-only) and pulls in a second gzip implementation.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use encoding_rs::Encoding;
use serde_json::Value;

use crate::pipeline::{finish_line, Done, Output, Render};
use crate::{Catalogue, Options};

/// Longest WARC or HTTP header line accepted.
const MAX_LINE: u64 = 64 * 1024;
/// Most HTTP header bytes read before a record counts as not HTTP.
const MAX_HTTP_HEAD: u64 = 256 * 1024;
/// Most WARC header bytes kept per record: past it the record is read to
/// its blank line without keeping more, and counted as malformed.
pub const MAX_WARC_HEAD: u64 = 64 * 1024;
/// Largest HTML body cleaned by default ([`crate::Options::max_page_size`]);
/// a larger page is an error line.
pub const MAX_PAGE: u64 = crate::DEFAULT_MAX_PAGE_SIZE as u64;

/// An HTML response from a WARC file.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// WARC-Record-ID, as written (`<urn:uuid:…>`).
    pub id: Option<String>,
    /// WARC-Target-URI.
    pub url: Option<String>,
    /// WARC-Date.
    pub date: Option<String>,
    /// The charset of the HTTP Content-Type header, if it names one.
    pub charset: Option<&'static Encoding>,
    /// The HTTP headers declare `Transfer-Encoding: chunked`.
    pub chunked: bool,
    /// The HTTP body as stored (larger than the page cap: empty, see `error`).
    pub body: Vec<u8>,
    /// Why the page cannot be cleaned, if it cannot.
    pub error: Option<String>,
}

/// A record as the pipeline sees it.
pub(crate) enum Item {
    Page(Page),
    /// Not an HTML response with status 200: no output.
    Skipped,
    /// A record whose WARC headers are over [`MAX_WARC_HEAD`]: no output,
    /// counted in [`crate::pipeline::Stats::malformed`].
    Malformed,
}

impl Item {
    /// Bytes held, for the pipeline's budget.
    pub(crate) fn size(&self) -> usize {
        match self {
            Item::Page(p) => p.body.len(),
            _ => 0,
        }
    }
}

/// Reads WARC records one at a time from decompressed bytes.
pub struct WarcReader<R> {
    r: BufReader<R>,
    line: Vec<u8>,
    /// Records read so far, for error messages.
    records: u64,
    /// Largest HTTP body read (default [`MAX_PAGE`]); a larger page is an
    /// error line, its body skipped without being held.
    pub max_page: u64,
}

/// Open a WARC file read-only, gzipped (any number of members) or plain.
pub fn open(path: &Path) -> io::Result<WarcReader<Box<dyn Read + Send>>> {
    from_reader(Box::new(File::open(path)?))
}

/// A WARC stream (stdin, say), gzipped (any number of members) or plain.
pub fn from_reader(r: Box<dyn Read + Send>) -> io::Result<WarcReader<Box<dyn Read + Send>>> {
    let mut file = BufReader::with_capacity(256 * 1024, r);
    let gz = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn Read + Send> = if gz {
        Box::new(flate2::bufread::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(WarcReader::new(inner))
}

impl<R: Read> WarcReader<R> {
    /// A reader over decompressed WARC bytes (see [`open`] for files).
    pub fn new(r: R) -> Self {
        WarcReader {
            r: BufReader::with_capacity(256 * 1024, r),
            line: Vec::new(),
            records: 0,
            max_page: MAX_PAGE,
        }
    }

    /// The next HTML response with status 200, skipping other records;
    /// `None` at the end of the input. An `Err` (truncated or malformed
    /// input) ends the file: the reader cannot find the next record.
    pub fn next_page(&mut self) -> io::Result<Option<Page>> {
        loop {
            match self.next_item()? {
                None => return Ok(None),
                Some(Item::Page(p)) => return Ok(Some(p)),
                Some(Item::Skipped | Item::Malformed) => {}
            }
        }
    }

    pub(crate) fn next_item(&mut self) -> io::Result<Option<Item>> {
        // Records end with CRLF CRLF; skip blank lines up to the version line.
        loop {
            if read_line(&mut self.r, &mut self.line)? == 0 {
                return Ok(None);
            }
            if !trim(&self.line).is_empty() {
                break;
            }
        }
        self.records += 1;
        let n = self.records;
        let bad = |msg: String| io::Error::new(io::ErrorKind::InvalidData, msg);
        if !self.line.starts_with(b"WARC/") {
            return Err(bad(format!("record {n}: expected a WARC/ version line")));
        }
        let (headers, overlong) = read_warc_headers(&mut self.r, &mut self.line)
            .map_err(|e| io::Error::new(e.kind(), format!("record {n}: {e}")))?;
        let length: u64 = header(&headers, "content-length")
            .and_then(content_length)
            .ok_or_else(|| bad(format!("record {n}: no valid Content-Length")))?;
        let mut body = (&mut self.r).take(length);
        let item = if overlong {
            Item::Malformed
        } else if header(&headers, "warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"))
        {
            http_page(&mut body, &headers, &mut self.line, self.max_page)?
        } else {
            Item::Skipped
        };
        io::copy(&mut body, &mut io::sink())?;
        if body.limit() > 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "record {n}: truncated ({} of {length} bytes missing)",
                    body.limit()
                ),
            ));
        }
        Ok(Some(item))
    }
}

/// The HTTP response inside a `response` record's body, if it is an HTML page with status 200.
fn http_page(
    body: &mut io::Take<&mut BufReader<impl Read>>,
    warc: &[(String, String)],
    line: &mut Vec<u8>,
    max_page: u64,
) -> io::Result<Item> {
    if read_line(body, line)? == 0 {
        return Ok(Item::Skipped);
    }
    // "HTTP/1.1 200 OK"; anything else (dns:, a truncated head) is not a page.
    let status_line = String::from_utf8_lossy(trim(line)).into_owned();
    let mut parts = status_line.split_ascii_whitespace();
    let is_http = parts.next().is_some_and(|v| v.starts_with("HTTP/"));
    if !is_http || parts.next() != Some("200") {
        return Ok(Item::Skipped);
    }
    let http = match read_headers(body, line, MAX_HTTP_HEAD) {
        Ok(h) => h,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => return Ok(Item::Skipped),
        Err(e) => return Err(e),
    };
    let Some(content_type) = header(&http, "content-type") else {
        return Ok(Item::Skipped);
    };
    let mut params = content_type.split(';');
    let media = params.next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("text/html")
        && !media.eq_ignore_ascii_case("application/xhtml+xml")
    {
        return Ok(Item::Skipped);
    }
    let charset = params.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .as_bytes(),
        )
    });
    let chunked = http.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
    });
    let warc_field = |name: &str| header(warc, name).map(str::to_owned);
    let mut page = Page {
        id: warc_field("warc-record-id"),
        url: warc_field("warc-target-uri"),
        date: warc_field("warc-date"),
        charset,
        chunked,
        ..Page::default()
    };
    if body.limit() > max_page {
        page.error = Some(format!(
            "HTML body of {} bytes is larger than the page size limit of {max_page} bytes (--max-page-size)",
            body.limit()
        ));
    } else {
        body.read_to_end(&mut page.body)?;
    }
    Ok(Item::Page(page))
}

/// Read one line (with its end) into `line`; 0 at the end of the input.
fn read_line(r: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    line.clear();
    let n = r.take(MAX_LINE).read_until(b'\n', line)?;
    if n as u64 == MAX_LINE && line.last() != Some(&b'\n') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "header line longer than 64 KiB",
        ));
    }
    Ok(n)
}

const TOO_LONG: &str = "headers too long";

/// `Name: value` lines up to a blank line (continuation lines are joined).
fn read_headers(
    r: &mut impl BufRead,
    line: &mut Vec<u8>,
    max_bytes: u64,
) -> io::Result<Vec<(String, String)>> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut total = 0u64;
    loop {
        let n = read_line(r, line)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "input ends inside the headers",
            ));
        }
        total += n as u64;
        if total > max_bytes {
            return Err(io::Error::new(io::ErrorKind::InvalidData, TOO_LONG));
        }
        let t = trim(line);
        if t.is_empty() {
            return Ok(headers);
        }
        let text = String::from_utf8_lossy(t);
        if line[0] == b' ' || line[0] == b'\t' {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
        } else if let Some((k, v)) = text.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
}

/// A record's WARC headers, and whether they passed [`MAX_WARC_HEAD`]:
/// then the lines past it were read to the blank line but not kept, except
/// a `Content-Length` (needed to find the next record).
fn read_warc_headers(
    r: &mut impl BufRead,
    line: &mut Vec<u8>,
) -> io::Result<(Vec<(String, String)>, bool)> {
    match read_headers(r, line, MAX_WARC_HEAD) {
        Ok(h) => Ok((h, false)),
        Err(e) if e.kind() == io::ErrorKind::InvalidData && e.to_string() == TOO_LONG => {
            // Only the length is kept from here on: memory stays at one line.
            let mut length = None;
            loop {
                if read_line(r, line)? == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "input ends inside the headers",
                    ));
                }
                let t = trim(line);
                if t.is_empty() {
                    let headers = length
                        .map(|v| vec![("Content-Length".to_string(), v)])
                        .unwrap_or_default();
                    return Ok((headers, true));
                }
                if let Some((k, v)) = String::from_utf8_lossy(t).split_once(':') {
                    if length.is_none() && k.trim().eq_ignore_ascii_case("content-length") {
                        length = Some(v.trim().to_owned());
                    }
                }
            }
        }
        Err(e) => Err(e),
    }
}

/// `Content-Length`: ASCII digits only (no sign, no spaces inside).
fn content_length(v: &str) -> Option<u64> {
    let v = v.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// The first header of that name (ASCII case-insensitive).
fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn trim(line: &[u8]) -> &[u8] {
    line.trim_ascii()
}

/// Undo HTTP chunked transfer-encoding. `None` when the body does not start
/// like a chunked body (an archive that stored it decoded); a body cut off
/// inside a chunk yields what was complete plus the partial chunk.
pub fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut first = true;
    loop {
        let end = memchr::memchr(b'\n', body)?;
        let size_field = trim(&body[..end]);
        let size_field = match memchr::memchr(b';', size_field) {
            Some(i) => &size_field[..i],
            None => size_field,
        };
        let size = std::str::from_utf8(size_field.trim_ascii())
            .ok()
            .and_then(|s| usize::from_str_radix(s, 16).ok());
        let Some(size) = size else {
            return if first { None } else { Some(out) };
        };
        first = false;
        body = &body[end + 1..];
        if size == 0 {
            return Some(out); // trailers, if any, are not page content
        }
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
        if body.is_empty() {
            return Some(out);
        }
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// Clean one page into its output line.
pub(crate) fn clean_page(page: &Page, options: &Options, rules: &Catalogue, how: &Render) -> Done {
    let out = Output {
        id: page.id.clone().map(Value::String),
        url: page.url.clone().map(Value::String),
        date: page.date.clone(),
        ..Output::default()
    };
    let dechunked = if page.chunked {
        dechunk(&page.body)
    } else {
        None
    };
    let body = dechunked.as_deref().unwrap_or(&page.body);
    let html = match &page.error {
        Some(e) => Err(e.clone()),
        None => Ok((body, page.charset)),
    };
    finish_line(out, html, options, rules, how, page.body.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunk_bodies() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n").as_deref(),
            Some(&b"Hello, world"[..])
        );
        assert_eq!(dechunk(b"<html>not chunked</html>"), None);
        // Cut off inside the second chunk: keep what arrived.
        assert_eq!(
            dechunk(b"3\r\nabc\r\nA\r\ndef").as_deref(),
            Some(&b"abcdef"[..])
        );
    }

    fn record(warc_type: &str, http: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
             WARC-Target-URI: http://a.test/\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n\
             Content-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_pages_and_skips_the_rest() {
        let mut input = record("request", b"GET / HTTP/1.1\r\nHost: a.test\r\n\r\n");
        input.extend(record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<p>caf\xe9</p>",
        ));
        input.extend(record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        input.extend(record(
            "response",
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n",
        ));
        input.extend(record("metadata", b"fetchTimeMs: 12\r\n"));
        let mut r = WarcReader::new(&input[..]);
        let p = r.next_page().unwrap().unwrap();
        assert_eq!(p.id.as_deref(), Some("<urn:uuid:1>"));
        assert_eq!(p.url.as_deref(), Some("http://a.test/"));
        assert_eq!(p.date.as_deref(), Some("2024-01-02T03:04:05Z"));
        assert_eq!(p.charset, Some(encoding_rs::WINDOWS_1252));
        assert!(!p.chunked);
        assert_eq!(p.body, b"<p>caf\xe9</p>");
        assert!(r.next_page().unwrap().is_none());
    }

    #[test]
    fn truncated_and_malformed_input_are_errors() {
        let full = record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
        );
        let mut r = WarcReader::new(&full[..full.len() - 8]);
        let e = r.next_page().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
        assert!(e.to_string().contains("record 1: truncated"), "{e}");

        let mut r = WarcReader::new(&b"GET / HTTP/1.1\r\n\r\n"[..]);
        assert!(r
            .next_page()
            .unwrap_err()
            .to_string()
            .contains("WARC/ version line"));

        let mut r = WarcReader::new(&b"WARC/1.0\r\nWARC-Type: response\r\n\r\nabc"[..]);
        assert!(r
            .next_page()
            .unwrap_err()
            .to_string()
            .contains("Content-Length"));
    }
}
