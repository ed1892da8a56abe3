//! Decode: find the page's character encoding and turn bytes into UTF-8.
//!
//! The order is the one browsers use: a byte-order mark, then a transport
//! hint (an HTTP header or `--charset`), then the `<meta>` prescan of the
//! first 1024 bytes, then `chardetng` on a prefix, then windows-1252. Only
//! the prefix needed for that choice is buffered; after it the bytes stream
//! through an `encoding_rs` decoder, so a caller can feed any chunk size and
//! lol_html always sees UTF-8 (its own meta switching would come too late
//! for text before the meta).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The meta prescan looks at this many bytes, as the HTML standard says.
const PRESCAN_LEN: usize = 1024;
/// Without a BOM, hint or meta, up to this many bytes feed the detector.
const DETECT_LEN: usize = 64 * 1024;

/// How the encoding was chosen (shown by `explain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Bom,
    Hint,
    Meta,
    Detected,
}

pub struct Decoder {
    hint: Option<&'static Encoding>,
    prefix: Vec<u8>,
    decoder: Option<encoding_rs::Decoder>,
    chosen: Option<(&'static Encoding, Source)>,
}

impl Decoder {
    pub fn new(hint: Option<&'static Encoding>) -> Decoder {
        Decoder {
            hint,
            prefix: Vec::new(),
            decoder: None,
            chosen: None,
        }
    }

    /// The encoding in use, once chosen.
    pub fn encoding(&self) -> Option<(&'static Encoding, Source)> {
        self.chosen
    }

    /// Decode `bytes`, appending UTF-8 to `out` (possibly nothing while the
    /// prefix is still being gathered).
    pub fn write(&mut self, bytes: &[u8], out: &mut String) {
        if let Some(d) = &mut self.decoder {
            decode_into(d, bytes, false, out);
            return;
        }
        self.prefix.extend_from_slice(bytes);
        if let Some(choice) = self.sure_choice() {
            self.start(choice, out);
        } else if self.prefix.len() >= DETECT_LEN {
            let choice = (detect(&self.prefix), Source::Detected);
            self.start(choice, out);
        }
    }

    /// End of input: flush everything.
    pub fn finish(&mut self, out: &mut String) {
        if self.decoder.is_none() {
            let choice = self
                .sure_choice()
                .unwrap_or_else(|| (detect(&self.prefix), Source::Detected));
            self.start(choice, out);
        }
        if let Some(d) = &mut self.decoder {
            decode_into(d, &[], true, out);
        }
    }

    /// A choice that more bytes cannot change: BOM, hint, or meta.
    fn sure_choice(&self) -> Option<(&'static Encoding, Source)> {
        if let Some((enc, _)) = Encoding::for_bom(&self.prefix) {
            return Some((enc, Source::Bom));
        }
        if self.prefix.len() < 3 && self.prefix.len() < PRESCAN_LEN {
            // Too short to rule out a BOM yet; decided at the next write or finish.
            return None;
        }
        if let Some(h) = self.hint {
            return Some((h, Source::Hint));
        }
        if let Some(m) = prescan(&self.prefix[..self.prefix.len().min(PRESCAN_LEN)]) {
            return Some((m, Source::Meta));
        }
        None
    }

    fn start(&mut self, choice: (&'static Encoding, Source), out: &mut String) {
        self.chosen = Some(choice);
        // BOM removal: a BOM in the prefix is never page text.
        let mut d = choice.0.new_decoder_with_bom_removal();
        let prefix = std::mem::take(&mut self.prefix);
        decode_into(&mut d, &prefix, false, out);
        self.decoder = Some(d);
    }
}

fn decode_into(d: &mut encoding_rs::Decoder, mut bytes: &[u8], last: bool, out: &mut String) {
    loop {
        let need = d
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16);
        out.reserve(need);
        let (result, read, _) = d.decode_to_string(bytes, out, last);
        bytes = &bytes[read..];
        if result == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
}

/// `chardetng` on the prefix; valid UTF-8 wins when it is allowed.
fn detect(prefix: &[u8]) -> &'static Encoding {
    if prefix.is_empty() {
        return UTF_8;
    }
    // Valid UTF-8 (maybe cut mid-character at the end) is UTF-8: the
    // detector would say so too, at a cost of a full pass per page.
    match std::str::from_utf8(prefix) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(prefix, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// The WHATWG meta prescan, reduced to what real pages use: `<meta
/// charset=X>` and `<meta http-equiv=content-type content="…; charset=X">`.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = bytes.to_ascii_lowercase();
    let mut i = 0;
    while let Some(pos) = memchr::memmem::find(&lower[i..], b"<meta") {
        let start = i + pos + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_ascii_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')
                            || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                    // The standard: a meta claiming UTF-16 means UTF-8 (the
                    // bytes we are reading are ASCII-compatible).
                    if enc == UTF_16LE || enc == UTF_16BE {
                        return Some(UTF_8);
                    }
                    if enc.name() == "x-user-defined" {
                        return Some(WINDOWS_1252);
                    }
                    return Some(enc);
                }
            }
        }
        i = end.min(lower.len());
        if i >= lower.len() {
            break;
        }
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(
        bytes: &[u8],
        hint: Option<&'static Encoding>,
        chunk: usize,
    ) -> (String, &'static str) {
        let mut d = Decoder::new(hint);
        let mut out = String::new();
        for c in bytes.chunks(chunk.max(1)) {
            d.write(c, &mut out);
        }
        d.finish(&mut out);
        (out, d.encoding().unwrap().0.name())
    }

    #[test]
    fn meta_charset_wins_over_detection() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf".to_vec();
        page.push(0xE9);
        let (text, enc) = decode(&page, None, 7);
        assert_eq!(enc, "windows-1252");
        assert!(text.ends_with("café"));
    }

    #[test]
    fn http_equiv_content_type() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-2'>";
        assert_eq!(prescan(page).unwrap().name(), "ISO-8859-2");
    }

    #[test]
    fn bom_beats_meta_and_is_removed() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1>é".as_bytes());
        let (text, enc) = decode(&page, None, 1);
        assert_eq!(enc, "UTF-8");
        assert_eq!(text, "<meta charset=latin1>é");
    }

    #[test]
    fn utf16le_with_bom() {
        let mut page = vec![0xFF, 0xFE];
        for u in "<p>Grüße</p>".encode_utf16() {
            page.extend_from_slice(&u.to_le_bytes());
        }
        let (text, enc) = decode(&page, None, 3);
        assert_eq!(enc, "UTF-16LE");
        assert_eq!(text, "<p>Grüße</p>");
    }

    #[test]
    fn undeclared_utf8_is_detected() {
        let (text, enc) = decode("<p>naïve café — ünïcödé</p>".as_bytes(), None, 4);
        assert_eq!(enc, "UTF-8");
        assert!(text.contains("café"));
    }

    #[test]
    fn hint_beats_meta() {
        let page = b"<meta charset=utf-8><p>\xE9";
        let (text, _) = decode(page, Some(WINDOWS_1252), 100);
        assert!(text.ends_with('é'));
    }

    #[test]
    fn empty_input() {
        let (text, _) = decode(b"", None, 1);
        assert_eq!(text, "");
    }
}
