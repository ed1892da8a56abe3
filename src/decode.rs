//! Decode: find the page's character encoding and turn bytes into UTF-8.
//!
//! The order is the one browsers use: a byte-order mark, then a transport
//! hint (an HTTP header or `--charset`), then the `<meta>` prescan of the
//! first 1024 bytes, then `chardetng` on the 64 KiB from the first
//! non-ASCII byte on, then windows-1252. The choice depends on the bytes
//! only, never on how they were cut into chunks. Only the bytes needed for
//! it are buffered (and not even those when the first chunk suffices):
//! ASCII before the first non-ASCII byte reads the same in every encoding
//! detection can choose, so it is passed on before the choice. After it the
//! bytes stream through an `encoding_rs` decoder, so a caller can feed any
//! chunk size and lol_html always sees UTF-8 (its own meta switching would
//! come too late for text before the meta). Valid UTF-8, most of the web,
//! is checked and passed on in place, without a copy.
//!
//! A `<meta>` naming a legacy ASCII-compatible charset (ISO-8859-x,
//! windows-125x, Big5, GBK, Shift_JIS, …) is checked against the bytes
//! when no transport charset was given: pages stored as UTF-8 often keep
//! the label of the site's old encoding, and reading UTF-8 as windows-1252
//! is mojibake. So when the detection window (64 KiB from the first
//! non-ASCII byte) is valid UTF-8, which it almost never is by chance in a
//! legacy encoding (an accented letter followed by ASCII is invalid UTF-8),
//! UTF-8 wins over the label.

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// The meta prescan looks at this many bytes, as the HTML standard says.
const PRESCAN_LEN: usize = 1024;
/// Without a BOM, hint or meta, this many bytes from the first non-ASCII
/// one feed the detector.
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
    /// Bytes held while the encoding is open (only when the chunks so far
    /// were too short to choose; a chunk that suffices is used in place).
    prefix: Vec<u8>,
    mode: Mode,
    chosen: Option<(&'static Encoding, Source)>,
    /// The prefix covers the whole prescan window and neither a BOM, the
    /// hint nor a meta decided: only detection is left, so the (1024-byte)
    /// prescan is not repeated on every later write.
    only_detection_left: bool,
    /// `prefix[..ascii_len]` is known to be ASCII (so each byte is looked
    /// at once, whatever the chunk size).
    ascii_len: usize,
    /// ASCII was passed on before the encoding was chosen: the decoder
    /// then starts mid-page (no BOM handling).
    emitted: bool,
    /// A legacy charset named by `<meta>`, to be checked against the
    /// bytes (UTF-8 wins when they are valid UTF-8).
    label: Option<&'static Encoding>,
}

enum Mode {
    /// No encoding chosen yet.
    Choosing,
    /// UTF-8 that has been valid so far: chunks pass through as `&str`
    /// without a copy. `carry` holds the start of a character cut by the
    /// end of the last chunk.
    /// `at_start`: nothing decoded yet (a UTF-8 BOM there is dropped).
    Utf8 {
        carry: [u8; 4],
        carry_len: usize,
        at_start: bool,
    },
    /// Anything else (and UTF-8 after its first invalid byte): an
    /// `encoding_rs` decoder writing into a reused buffer.
    General {
        decoder: encoding_rs::Decoder,
        out: String,
    },
}

impl Decoder {
    pub fn new(hint: Option<&'static Encoding>) -> Decoder {
        Decoder {
            // A label mapping to the "replacement" encoding (iso-2022-kr, …)
            // would turn the whole page into one U+FFFD; treat it as no hint.
            hint: hint.filter(|e| *e != REPLACEMENT),
            prefix: Vec::new(),
            mode: Mode::Choosing,
            chosen: None,
            only_detection_left: false,
            ascii_len: 0,
            emitted: false,
            label: None,
        }
    }

    /// The encoding in use, once chosen.
    pub fn encoding(&self) -> Option<(&'static Encoding, Source)> {
        self.chosen
    }

    /// Decode `bytes` and hand the UTF-8 to `emit`, in order, in one or
    /// more pieces (none while the prefix is still being gathered).
    pub fn write<E>(
        &mut self,
        bytes: &[u8],
        emit: &mut impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        if !matches!(self.mode, Mode::Choosing) {
            return self.decode(bytes, false, emit);
        }
        if self.prefix.is_empty() {
            // The usual case for a page in memory: the first chunk is
            // enough to choose, and is decoded in place.
            if let Some(choice) = self.choose(bytes, false) {
                self.start(choice);
                return self.decode(bytes, false, emit);
            }
            let keep = self.pass_ascii(bytes, emit)?;
            self.prefix.extend_from_slice(&bytes[keep..]);
            return Ok(());
        }
        self.prefix.extend_from_slice(bytes);
        let mut prefix = std::mem::take(&mut self.prefix);
        match self.choose(&prefix, false) {
            Some(choice) => {
                self.start(choice);
                self.decode(&prefix, false, emit)
            }
            None => {
                let keep = self.pass_ascii(&prefix, emit)?;
                prefix.drain(..keep);
                self.prefix = prefix;
                Ok(())
            }
        }
    }

    /// While only detection is left and no non-ASCII byte has come, pass
    /// on the ASCII bytes of `head` but the last few (the detector's
    /// context); returns how many were passed on.
    fn pass_ascii<E>(
        &mut self,
        head: &[u8],
        emit: &mut impl FnMut(&str) -> Result<(), E>,
    ) -> Result<usize, E> {
        if !self.only_detection_left {
            return Ok(0);
        }
        let ascii = self.first_non_ascii(head).unwrap_or(head.len());
        let n = ascii.saturating_sub(DETECT_CONTEXT);
        if n > 0 {
            emit(std::str::from_utf8(&head[..n]).expect("ASCII"))?;
            self.emitted = true;
            self.ascii_len -= n;
        }
        Ok(n)
    }

    /// Where the first non-ASCII byte of `head` (the held prefix, or the
    /// chunk when nothing is held) is, if it has one.
    fn first_non_ascii(&mut self, head: &[u8]) -> Option<usize> {
        match head[self.ascii_len..].iter().position(|b| !b.is_ascii()) {
            Some(i) => {
                self.ascii_len += i;
                Some(self.ascii_len)
            }
            None => {
                self.ascii_len = head.len();
                None
            }
        }
    }

    /// End of input: flush everything.
    pub fn finish<E>(&mut self, emit: &mut impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let prefix = std::mem::take(&mut self.prefix);
        if matches!(self.mode, Mode::Choosing) {
            let choice = self
                .choose(&prefix, true)
                .expect("the last bytes always choose");
            self.start(choice);
        }
        self.decode(&prefix, true, emit)
    }

    /// The encoding for a page that starts with `head`, if `head` is
    /// enough to know it (`last`: `head` is the whole page).
    fn choose(&mut self, head: &[u8], last: bool) -> Option<(&'static Encoding, Source)> {
        if !self.only_detection_left {
            match self.sure_choice(head, last) {
                Some((enc, Source::Meta)) if overridable(enc) => {
                    // Known now; the bytes may still say UTF-8.
                    self.label = Some(enc);
                    self.only_detection_left = true;
                }
                Some(choice) => return Some(choice),
                None => {
                    self.only_detection_left = head.len() >= PRESCAN_LEN;
                    if !self.only_detection_left && !last {
                        return None;
                    }
                }
            }
        }
        if let Some(label) = self.label {
            // Valid UTF-8 in the window (a character cut by its end
            // aside) beats the label; all ASCII to the end: the label.
            return match self.first_non_ascii(head) {
                None => last.then_some((label, Source::Meta)),
                Some(at) => {
                    let end = at + DETECT_LEN;
                    if head.len() < end && !last {
                        return None;
                    }
                    let window = &head[at..end.min(head.len())];
                    let cut = head.len() > end || !last;
                    Some(match simdutf8::compat::from_utf8(window) {
                        Ok(_) => (UTF_8, Source::Detected),
                        Err(e) if cut && e.error_len().is_none() => (UTF_8, Source::Detected),
                        Err(_) => (label, Source::Meta),
                    })
                }
            };
        }
        // The detector sees DETECT_LEN bytes from the first non-ASCII one:
        // the same bytes however the page was cut into chunks. Before the
        // end, it must not take the end of the prefix (maybe the middle of
        // a character) for the end of the page.
        match self.first_non_ascii(head) {
            None => last.then_some((UTF_8, Source::Detected)),
            Some(at) => {
                let end = at + DETECT_LEN;
                if head.len() >= end {
                    Some((detect(&head[..end], false), Source::Detected))
                } else {
                    last.then(|| (detect(head, true), Source::Detected))
                }
            }
        }
    }

    /// A choice that more bytes cannot change: BOM, hint, or meta. `last`:
    /// `head` is the whole input.
    fn sure_choice(&self, head: &[u8], last: bool) -> Option<(&'static Encoding, Source)> {
        if let Some((enc, _)) = Encoding::for_bom(head) {
            return Some((enc, Source::Bom));
        }
        if head.len() < 3 && !last {
            // Too short to rule out a UTF-8 BOM yet; decided at the next
            // write or at finish (where a hint applies to a 1- or 2-byte input too).
            return None;
        }
        if let Some(h) = self.hint {
            return Some((h, Source::Hint));
        }
        // A meta cut off by the end of the bytes so far ("charset=iso-8859-1"
        // of "iso-8859-15") does not count; later bytes complete it.
        prescan(head).map(|m| (m, Source::Meta))
    }

    fn start(&mut self, choice: (&'static Encoding, Source)) {
        self.chosen = Some(choice);
        self.mode = if choice.0 == UTF_8 {
            Mode::Utf8 {
                carry: [0; 4],
                carry_len: 0,
                at_start: !self.emitted,
            }
        } else {
            Mode::General {
                // BOM removal: a BOM is never page text (and it can only
                // be at the start: after ASCII passed on, there is none).
                decoder: if self.emitted {
                    choice.0.new_decoder_without_bom_handling()
                } else {
                    choice.0.new_decoder_with_bom_removal()
                },
                out: String::new(),
            }
        };
    }

    /// Decode the next bytes (the first ones of the page included: a UTF-8
    /// BOM there is dropped, as `encoding_rs` drops other BOMs).
    fn decode<E>(
        &mut self,
        mut bytes: &[u8],
        last: bool,
        emit: &mut impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Mode::Utf8 {
            carry,
            carry_len,
            at_start,
        } = &mut self.mode
        {
            if std::mem::take(at_start) && bytes.starts_with(b"\xEF\xBB\xBF") {
                // The first decoded bytes always hold the whole BOM: a BOM
                // is only recognised in a head of three bytes or more.
                bytes = &bytes[3..];
            }
            if *carry_len > 0 {
                // Complete the character cut by the last chunk.
                let need = utf8_char_len(carry[0]);
                let take = (need - *carry_len).min(bytes.len());
                carry[*carry_len..*carry_len + take].copy_from_slice(&bytes[..take]);
                *carry_len += take;
                bytes = &bytes[take..];
                match std::str::from_utf8(&carry[..*carry_len]) {
                    Ok(c) => {
                        emit(c)?;
                        *carry_len = 0;
                    }
                    Err(e) if e.error_len().is_none() && !last => return Ok(()),
                    Err(_) => {
                        let held = *carry;
                        let n = *carry_len;
                        return self.fall_back(&held[..n], bytes, last, emit);
                    }
                }
            }
            // Split off a character that the end of the chunk may cut.
            let cut = if last {
                bytes.len()
            } else {
                last_boundary(bytes)
            };
            let (body, tail) = bytes.split_at(cut);
            // simdutf8: the one pass over every byte of a UTF-8 page, at
            // several times the speed of `std::str::from_utf8`.
            match simdutf8::compat::from_utf8(body) {
                Ok(s) => {
                    if !s.is_empty() {
                        emit(s)?;
                    }
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    if good > 0 {
                        emit(std::str::from_utf8(&body[..good]).expect("valid up to here"))?;
                    }
                    return self.fall_back(&[], &bytes[good..], last, emit);
                }
            }
            match std::str::from_utf8(tail) {
                Ok(s) if !s.is_empty() => emit(s)?,
                Ok(_) => {}
                Err(e) if e.error_len().is_none() => {
                    carry[..tail.len()].copy_from_slice(tail);
                    *carry_len = tail.len();
                }
                Err(_) => return self.fall_back(&[], tail, last, emit),
            }
            return Ok(());
        }
        let Mode::General { decoder, out } = &mut self.mode else {
            unreachable!("an encoding is chosen before decoding");
        };
        out.clear();
        decode_into(decoder, bytes, last, out);
        if out.is_empty() {
            Ok(())
        } else {
            emit(out)
        }
    }

    /// Invalid UTF-8: from here on `encoding_rs` decodes (with U+FFFD for
    /// the bad bytes, as browsers do), starting with `held` then `bytes`.
    fn fall_back<E>(
        &mut self,
        held: &[u8],
        bytes: &[u8],
        last: bool,
        emit: &mut impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        self.mode = Mode::General {
            decoder: UTF_8.new_decoder_without_bom_handling(),
            out: String::new(),
        };
        if !held.is_empty() {
            self.decode(held, false, emit)?;
        }
        self.decode(bytes, last, emit)
    }
}

/// A `<meta>` label the bytes may overrule: a legacy encoding that reads
/// ASCII as ASCII. UTF-8 itself, and ISO-2022-JP (7-bit escapes: never
/// valid UTF-8 with multibyte sequences anyway), stay as labelled.
fn overridable(enc: &'static Encoding) -> bool {
    enc != UTF_8 && enc.is_ascii_compatible()
}

/// The length of the UTF-8 character that starts with `lead` (a valid lead byte).
fn utf8_char_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Where the last (maybe incomplete) character of `bytes` starts, or the
/// end when the bytes end on an ASCII byte.
fn last_boundary(bytes: &[u8]) -> usize {
    if bytes.last().is_none_or(u8::is_ascii) {
        return bytes.len();
    }
    // Back over at most three continuation bytes to a lead byte.
    let from = bytes.len().saturating_sub(4);
    (from..bytes.len())
        .rev()
        .find(|&i| bytes[i] & 0xC0 != 0x80)
        .unwrap_or(from)
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

/// `chardetng` on the prefix; valid UTF-8 wins when it is allowed. `last`:
/// the prefix is the whole input.
fn detect(prefix: &[u8], last: bool) -> &'static Encoding {
    if prefix.is_empty() {
        return UTF_8;
    }
    // Valid UTF-8 (maybe cut mid-character at the end) is UTF-8: the
    // detector would say so too, at a cost of a full pass per page.
    match simdutf8::compat::from_utf8(prefix) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&around_non_ascii(prefix), last);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// ASCII bytes next to a non-ASCII byte that this many bytes away or less
/// go to the detector; farther ones do not.
const DETECT_CONTEXT: usize = 8;

/// The non-ASCII runs of `bytes` with [`DETECT_CONTEXT`] bytes on each
/// side, gaps between them marked by one space. `chardetng` scores
/// non-ASCII bytes and their neighbours; the long ASCII stretches of a page
/// (markup, scripts, styles) only cost it time: it takes about 5 ms for a
/// 64 KiB prefix, over 40 times the rest of the work on such a page. On
/// the 19 benchmark pages that are not UTF-8 it guesses the same encoding
/// either way.
fn around_non_ascii(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut copied_to = 0;
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        let start = (i + p).saturating_sub(DETECT_CONTEXT).max(copied_to);
        // Extend while the next non-ASCII byte is within the context.
        let mut end = i + p + 1;
        while let Some(q) = bytes[end..(end + DETECT_CONTEXT).min(bytes.len())]
            .iter()
            .position(|b| !b.is_ascii())
        {
            end += q + 1;
        }
        let stop = (end + DETECT_CONTEXT).min(bytes.len());
        if start > copied_to && !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(&bytes[start..stop]);
        copied_to = stop;
        i = stop;
    }
    out
}

/// The WHATWG prescan ("prescan a byte stream to determine its encoding")
/// over the first 1024 bytes of `bytes`: skips comments and the attributes
/// of other tags, honours `<meta charset>` and `<meta http-equiv=content-type
/// content="…; charset=…">` (only with the pragma). Like the standard, it
/// gives up where the bytes end inside a tag or comment, so a meta cut short
/// by the end of a chunk never yields a truncated label.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            // The first '>' preceded by "--", counting the dashes of "<!--".
            i += 2 + memchr::memmem::find(&rest[2..], b"-->")? + 3;
            continue;
        }
        if rest.len() >= 6
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (is_space(rest[5]) || rest[5] == b'/')
        {
            i += 6;
            if let Some(enc) = meta(b, &mut i)? {
                return Some(enc);
            }
            continue;
        }
        if rest[0] == b'<' {
            let name_at = usize::from(rest.get(1) == Some(&b'/')) + 1;
            if rest.get(name_at)?.is_ascii_alphabetic() {
                // Another tag: skip its name and attributes.
                i += rest.iter().position(|&c| is_space(c) || c == b'>')?;
                while attribute(b, &mut i)?.is_some() {}
            } else if matches!(rest[1], b'!' | b'/' | b'?') {
                i += memchr::memchr(b'>', rest)?;
            }
        }
        i += 1;
    }
    None
}

/// The attributes of a `<meta>` (position just after `<meta` and its space):
/// `Some(Some(enc))` when it declares a usable charset, `Some(None)` when
/// not, `None` when the bytes end first.
fn meta(b: &[u8], i: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<Option<&'static Encoding>> = None;
    while let Some((name, value)) = attribute(b, i)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" if charset.is_none() => {
                if let Some(enc) = charset_from_content(&value) {
                    charset = Some(Some(enc));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(Encoding::for_label(&value));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let enc = match (need_pragma, charset) {
        (Some(false), Some(Some(enc))) => enc,
        (Some(true), Some(Some(enc))) if got_pragma => enc,
        _ => return Some(None),
    };
    // The bytes we read are ASCII-compatible, so a meta claiming UTF-16
    // means UTF-8; x-user-defined means windows-1252 (both per the standard).
    // A label for the "replacement" encoding would blank the page: detection
    // does better, so it counts as no declaration.
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        Some(UTF_8)
    } else if enc == X_USER_DEFINED {
        Some(WINDOWS_1252)
    } else if enc == REPLACEMENT {
        None
    } else {
        Some(enc)
    })
}

/// "Get an attribute": `Some(Some((name, value)))` lower-cased, `Some(None)`
/// at the tag's `>`, `None` when the bytes end first. Leaves `i` after it.
#[allow(clippy::type_complexity)]
fn attribute(b: &[u8], i: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    while is_space(*b.get(*i)?) || b[*i] == b'/' {
        *i += 1;
    }
    if b[*i] == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        let c = *b.get(*i)?;
        if c == b'=' && !name.is_empty() {
            *i += 1;
            break;
        }
        if is_space(c) {
            while is_space(*b.get(*i)?) {
                *i += 1;
            }
            if b[*i] != b'=' {
                return Some(Some((name, value)));
            }
            *i += 1;
            break;
        }
        if c == b'/' || c == b'>' {
            return Some(Some((name, value)));
        }
        name.push(c.to_ascii_lowercase());
        *i += 1;
    }
    while is_space(*b.get(*i)?) {
        *i += 1;
    }
    let c = b[*i];
    if c == b'"' || c == b'\'' {
        loop {
            *i += 1;
            let d = *b.get(*i)?;
            if d == c {
                *i += 1;
                return Some(Some((name, value)));
            }
            value.push(d.to_ascii_lowercase());
        }
    }
    if c == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let d = *b.get(*i)?;
        if is_space(d) || d == b'>' {
            return Some(Some((name, value)));
        }
        value.push(d.to_ascii_lowercase());
        *i += 1;
    }
}

/// "Extract a character encoding from a meta element" (the `content`
/// attribute, already lower-cased): the encoding its `charset=` names.
fn charset_from_content(s: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    loop {
        at += memchr::memmem::find(&s[at..], b"charset")? + 7;
        while s.get(at).is_some_and(|&c| is_space(c)) {
            at += 1;
        }
        if s.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while s.get(at).is_some_and(|&c| is_space(c)) {
            at += 1;
        }
        let rest = &s[at..];
        return match rest.first()? {
            &q @ (b'"' | b'\'') => {
                let end = memchr::memchr(q, &rest[1..])?;
                Encoding::for_label(&rest[1..1 + end])
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .unwrap_or(rest.len());
                Encoding::for_label(&rest[..end])
            }
        };
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
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
        let mut emit = |s: &str| -> Result<(), ()> {
            out.push_str(s);
            Ok(())
        };
        for c in bytes.chunks(chunk.max(1)) {
            d.write(c, &mut emit).unwrap();
        }
        d.finish(&mut emit).unwrap();
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

    #[test]
    fn hint_applies_to_inputs_shorter_than_a_bom() {
        // (Detection would say windows-1252 for these bytes.)
        let koi8 = Encoding::for_label(b"koi8-r");
        for (bytes, want) in [(&b"\xE9"[..], "И"), (b"\xE9\xE8", "ИХ")] {
            let (text, enc) = decode(bytes, koi8, 1);
            assert_eq!((text.as_str(), enc), (want, "KOI8-R"));
        }
        // A two-byte UTF-16 BOM still beats the hint.
        let (text, enc) = decode(b"\xFF\xFE", koi8, 1);
        assert_eq!((text.as_str(), enc), ("", "UTF-16LE"));
    }

    #[test]
    fn meta_label_cut_by_a_chunk_boundary_waits_for_the_rest() {
        // The first chunk ends after "iso-8859-1"; the label is "iso-8859-15",
        // where 0xA4 is the euro sign (in ISO-8859-1 it is "¤").
        let page = b"<meta charset=iso-8859-15><p>\xA4 5";
        for chunk in [1, 5, 24, 25, 100] {
            let (text, enc) = decode(page, None, chunk);
            assert_eq!(enc, "ISO-8859-15", "chunk {chunk}");
            assert!(text.ends_with("€ 5"), "chunk {chunk}: {text}");
        }
    }

    #[test]
    fn prescan_follows_the_standard() {
        let p = |s: &str| prescan(s.as_bytes()).map(|e| e.name());
        assert_eq!(
            p("<!-- <meta charset=koi8-r> --><meta charset=iso-8859-2>"),
            Some("ISO-8859-2")
        );
        assert_eq!(
            p("<a title='<meta charset=koi8-r>'><META CHARSET = \"Big5\">"),
            Some("Big5")
        );
        assert_eq!(
            p("<metadata charset=koi8-r><meta/charset=gbk>"),
            Some("GBK")
        );
        // `content` counts only with http-equiv=content-type, in either order.
        assert_eq!(p("<meta content='text/html; charset=koi8-r'>"), None);
        assert_eq!(
            p("<meta content='text/html;charset=\"koi8-r\"' http-equiv=Content-Type>"),
            Some("KOI8-R")
        );
        // The first of two charset attributes wins; an unknown label is no charset.
        assert_eq!(
            p("<meta charset=latin2 charset=koi8-r>"),
            Some("ISO-8859-2")
        );
        assert_eq!(
            p("<meta charset=klingon><meta charset=utf-8>"),
            Some("UTF-8")
        );
        assert_eq!(p("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(p("<meta charset=x-user-defined>"), Some("windows-1252"));
        // A "replacement" label would blank the page: ignored.
        assert_eq!(p("<meta charset=iso-2022-kr>"), None);
        // Unfinished constructs and anything past 1024 bytes say nothing.
        assert_eq!(p("<meta charset=utf-8"), None);
        assert_eq!(p("<!-- <meta charset=utf-8>"), None);
        assert_eq!(
            p(&format!("{}<meta charset=koi8-r>", " ".repeat(1020))),
            None
        );
    }

    #[test]
    fn replacement_hint_is_ignored() {
        let hint = Encoding::for_label(b"iso-2022-kr");
        let (text, _) = decode("<p>héllo".as_bytes(), hint, 8);
        assert_eq!(text, "<p>héllo");
    }

    #[test]
    fn detection_prefix_cut_inside_a_character() {
        // No BOM, hint or meta: detection runs on the first DETECT_LEN bytes,
        // which here end between the two bytes of a character.
        let mut page = "<p>déjà vu, naïve café</p>".as_bytes().to_vec();
        page.resize(DETECT_LEN - 1, b' ');
        page.extend_from_slice("é — fin".as_bytes());
        let (text, enc) = decode(&page, None, 4096);
        assert_eq!(enc, "UTF-8");
        assert!(text.ends_with("é — fin"));

        let sjis = Encoding::for_label(b"shift_jis").unwrap();
        let story =
            "<p>坂ノ上町立図書館は今月から、毎週金曜日に午後九時まで開館する試みを始めた。</p>";
        let mut page = sjis.encode(&story.repeat(8)).0.into_owned();
        page.resize(DETECT_LEN - 1, b' ');
        page.extend_from_slice(&sjis.encode("図書館").0);
        let (text, enc) = decode(&page, None, 4096);
        assert_eq!(enc, "Shift_JIS");
        assert!(text.ends_with("図書館"), "{}", &text[text.len() - 20..]);
    }
    #[test]
    fn utf8_in_place_matches_encoding_rs_in_any_chunking() {
        // Valid text, characters of 2, 3 and 4 bytes, a BOM, invalid bytes
        // (alone, at the end, inside a cut character) and a character cut
        // by the end of the input: whatever the chunk size, the in-place
        // UTF-8 path gives what `encoding_rs` gives for the whole input.
        let cases: [&[u8]; 7] = [
            "<p>déjà vu — 図書館 🦀 fin</p>".as_bytes(),
            b"\xEF\xBB\xBF<p>caf\xC3\xA9</p>",
            b"<p>bad \xFF byte, then \xC3\xA9</p>",
            b"<p>cut \xE5\x9B then ascii</p>",
            b"<p>ends inside \xF0\x9F\xA6",
            b"<p>\xC3\xA9\xC3</p>\xEF\xBB\xBF",
            b"\xEF\xBB\xBF",
        ];
        for page in cases {
            let (want, _) = UTF_8.decode_with_bom_removal(page);
            for chunk in 1..=9 {
                let (got, enc) = decode(page, Some(UTF_8), chunk);
                assert_eq!(enc, "UTF-8");
                assert_eq!(got, want, "{page:?} in chunks of {chunk}");
            }
        }
    }

    #[test]
    fn valid_utf8_beats_a_legacy_meta_label_but_not_a_hint() {
        let utf8 = "<html><head><meta charset=\"windows-1252\"></head><body>\
            <p>Le café crème — déjà vu</p>";
        for chunk in [1, 7, 4096] {
            let (text, enc) = decode(utf8.as_bytes(), None, chunk);
            assert_eq!(enc, "UTF-8", "chunks of {chunk}");
            assert!(text.ends_with("Le café crème — déjà vu</p>"));
        }
        // A real windows-1252 page stays windows-1252.
        let mut cp = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Le caf".to_vec();
        cp.extend_from_slice(b"\xe9 cr\xe8me \x96 d\xe9j\xe0 vu</p>");
        for chunk in [1, 7, 4096] {
            let (text, enc) = decode(&cp, None, chunk);
            assert_eq!(enc, "windows-1252", "chunks of {chunk}");
            assert!(text.ends_with("Le café crème – déjà vu</p>"));
        }
        // GBK-labelled UTF-8 (legacy CJK), and Big5 bytes labelled Big5.
        let zh = "<meta charset=gb2312><p>图书馆今天开门</p>";
        assert_eq!(decode(zh.as_bytes(), None, 5).1, "UTF-8");
        let big5 = Encoding::for_label(b"big5").unwrap();
        let mut page = b"<meta charset=big5><p>".to_vec();
        page.extend_from_slice(&big5.encode("圖書館今天開門").0);
        assert_eq!(decode(&page, None, 5).1, "Big5");
        // All ASCII: the label stands (and reads the same).
        assert_eq!(
            decode(b"<meta charset=latin1><p>plain</p>", None, 3).1,
            "windows-1252"
        );
        // A transport charset is not second-guessed.
        assert_eq!(
            decode(utf8.as_bytes(), Some(WINDOWS_1252), 7).1,
            "windows-1252"
        );
    }

    #[test]
    fn detection_does_not_depend_on_the_chunking() {
        // No BOM, hint or meta, and the first non-ASCII byte comes after
        // more than DETECT_LEN bytes of ASCII (a long inline script): the
        // page is windows-1252 whether it comes whole, byte by byte, in 7-
        // or 64 KiB chunks. (Chunked, the detector used to see only ASCII
        // and choose UTF-8.)
        let mut page = b"<html><head><script>".to_vec();
        while page.len() < DETECT_LEN + 5000 {
            page.extend_from_slice(b"var x = 1; ");
        }
        page.extend_from_slice(b"</script></head><body><p>Le caf\xe9 cr\xe8me est br\xfbl\xe9 \xe0 point, na\xefvement.</p>");
        let (whole, enc) = decode(&page, None, page.len());
        assert_eq!(enc, "windows-1252");
        assert!(whole.ends_with("Le café crème est brûlé à point, naïvement.</p>"));
        for chunk in [1, 7, 4096, 64 * 1024] {
            let (text, e) = decode(&page, None, chunk);
            assert_eq!((e, text == whole), (enc, true), "chunks of {chunk}");
        }
        // The same for valid UTF-8 after the ASCII, and a cut window.
        let mut page = page[..DETECT_LEN + 5000].to_vec();
        page.extend_from_slice("<p>Le café crème</p>".as_bytes());
        page.resize(page.len() + DETECT_LEN, b' ');
        page.extend_from_slice(b"\xe9");
        let (whole, enc) = decode(&page, None, page.len());
        assert_eq!(enc, "UTF-8");
        for chunk in [1, 7, 65536] {
            assert_eq!(
                decode(&page, None, chunk),
                (whole.clone(), enc),
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn detector_sees_non_ascii_runs_with_their_neighbours() {
        let page = b"<html><head><script>var a = 1;</script></head><p>caf\xE9 cr\xE8me\xA0br\xFBl\xE9e</p>";
        let got = around_non_ascii(page);
        assert_eq!(got, b"d><p>caf\xE9 cr\xE8me\xA0br\xFBl\xE9e</p>".to_vec());
        let two = b"\xE9aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xE8";
        assert_eq!(around_non_ascii(two), b"\xE9aaaaaaaa aaaaaaaa\xE8".to_vec());
        assert!(around_non_ascii(b"only ascii").is_empty());
    }
}
