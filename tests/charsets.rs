//! Charsets over real pages: every tfeval page in `../shared/bench` (many are
//! not UTF-8) is cleaned, and its output is searched for U+FFFD and typical
//! mojibake ("Ã¤", "â€", "Â©" — UTF-8 read as a Latin charset). A page counts
//! as *valid* when its bytes decode without error in the encoding unboil chose
//! (`Document.encoding`); valid pages must give no mojibake that their own
//! correctly decoded text does not already contain. The counts are printed
//! (`cargo test --test charsets -- --nocapture`). Without `../shared/bench`
//! the test prints a note and passes; the small corpus checks below always run,
//! as do the transport-hint checks (`--charset`, and the HTTP header of a WARC
//! response, which both beat the page's `<meta>`).

use std::io::Read;
use std::path::Path;

/// Windows-1252 decodes bytes 0x80..=0xBF (UTF-8 continuation bytes) to
/// these characters; "Ã" or "Â" followed by one of them is UTF-8 read as Latin.
fn continuation_char(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{BF}')
        || "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ".contains(c)
}

/// Where `s` shows replacement characters or Latin-decoded UTF-8, if anywhere.
fn mojibake(s: &str) -> Option<String> {
    let snippet = |i: usize| {
        let mut start = i.saturating_sub(20);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (i + 20).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s[start..end].to_string()
    };
    if let Some(i) = s.find('\u{FFFD}') {
        return Some(snippet(i));
    }
    if let Some(i) = s.find("â€") {
        return Some(snippet(i));
    }
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if matches!(prev, Some('Ã' | 'Â')) && continuation_char(c) {
            return Some(snippet(i));
        }
        prev = Some(c);
    }
    None
}

#[test]
fn the_mojibake_detector_sees_mojibake() {
    assert!(mojibake("Grüße, café — “quoted”").is_none());
    assert!(mojibake("SÃO PAULO, Â la carte").is_none());
    let wrong = unboil::Encoding::for_label(b"windows-1252")
        .unwrap()
        .decode("Grüße".as_bytes())
        .0;
    assert!(mojibake(&wrong).is_some(), "{wrong}");
    assert!(mojibake("â€œquotedâ€\u{9d}").is_some());
    assert!(mojibake("bad \u{FFFD} byte").is_some());
}

/// The corpus pages saved in other charsets: (file, encoding unboil must
/// choose, text the output must contain, menu text it must not).
const CORPUS: &[(&str, &str, &str, &str)] = &[
    (
        "windows-1252.html",
        "windows-1252",
        "crème brûlée",
        "Culture",
    ),
    (
        "iso-8859-2.html",
        "ISO-8859-2",
        "Zagórzem Małym a Łękawicą",
        "Wiadomości",
    ),
    (
        "shift_jis.html",
        "Shift_JIS",
        "森川澄子さん",
        "お問い合わせ",
    ),
    (
        "gb18030.html",
        "gb18030",
        "“很多家长小时候就在这里帮忙采茶。”",
        "联系我们",
    ),
    (
        "utf-16le-bom.html",
        "UTF-16LE",
        "une clé de sol (𝄞)",
        "Météo",
    ),
];

#[test]
fn corpus_charset_pages_decode_in_any_chunking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for &(file, encoding, kept, menu) in CORPUS {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let doc = unboil::clean(&bytes, &unboil::Options::default()).unwrap();
        assert_eq!(doc.encoding, Some(encoding), "{file}");
        assert!(mojibake(&doc.text).is_none(), "{file}: {}", doc.text);
        assert!(doc.text.contains(kept), "{file}: {}", doc.text);
        assert!(!doc.text.contains(menu), "{file}: {}", doc.text);
        // Chunk boundaries (inside the BOM, the meta, a character) change nothing.
        for chunk in [1, 2, 3, 7, 64] {
            let mut c = unboil::Cleaner::new(unboil::Options::default());
            for piece in bytes.chunks(chunk) {
                c.write(piece).unwrap();
            }
            let d = c.finish().unwrap();
            assert_eq!(d.encoding, Some(encoding), "{file} in {chunk}-byte chunks");
            assert_eq!(d.text, doc.text, "{file} in {chunk}-byte chunks");
        }
    }
}

#[test]
fn charset_option_beats_meta_but_not_bom_even_on_tiny_inputs() {
    let opts = |label: &str| {
        unboil::Options::default()
            .with_charset(unboil::Encoding::for_label(label.as_bytes()))
            .with_input(unboil::InputKind::Text)
    };
    // One byte, two bytes: too short for a BOM, the hint still decides.
    let doc = unboil::clean(b"\xE9", &opts("koi8-r")).unwrap();
    assert_eq!((doc.text.as_str(), doc.encoding), ("И\n", Some("KOI8-R")));
    let doc = unboil::clean(b"\xB1\xB6", &opts("iso-8859-2")).unwrap();
    assert_eq!(
        (doc.text.as_str(), doc.encoding),
        ("ąś\n", Some("ISO-8859-2"))
    );
    // A meta loses to the hint.
    let page = b"<meta charset=utf-8><p>Gr\xFC\xDFe aus der Stadt, sagte sie.</p>";
    let mut o = opts("windows-1252");
    o.input = unboil::InputKind::Html;
    let doc = unboil::clean(page, &o).unwrap();
    assert_eq!(doc.text, "Grüße aus der Stadt, sagte sie.\n");
    // A UTF-16 BOM beats the hint.
    let mut page = vec![0xFF, 0xFE];
    page.extend("Grüße".encode_utf16().flat_map(u16::to_le_bytes));
    let doc = unboil::clean(&page, &opts("windows-1252")).unwrap();
    assert_eq!(
        (doc.text.as_str(), doc.encoding),
        ("Grüße\n", Some("UTF-16LE"))
    );
}

#[test]
fn tfeval_pages_decode_without_mojibake() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/tfeval/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is missing; charset check skipped", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());

    // Debug builds clean ~20 pages/s per core: spread the pages over threads.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = files.len().div_ceil(threads);
    let checks: Vec<Check> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(per)
            .map(|chunk| s.spawn(move || chunk.iter().map(|p| check(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let mut by_encoding = std::collections::BTreeMap::<&str, usize>::new();
    let (mut valid, mut invalid) = (0, 0);
    let (mut bad_valid, mut bad_invalid, mut in_source) = (0, 0, 0);
    let mut failures = Vec::new();
    for (path, c) in files.iter().zip(&checks) {
        *by_encoding.entry(c.encoding).or_default() += 1;
        if !c.valid {
            invalid += 1;
            bad_invalid += c.found.is_some() as usize;
        } else if c.found.is_some() && c.in_source {
            // The page's own text is already garbled (double-encoded on the
            // site): not a decoding fault.
            in_source += 1;
        } else {
            valid += 1;
            if let Some(m) = &c.found {
                bad_valid += 1;
                failures.push(format!("{} ({}): …{m}…", path.display(), c.encoding));
            }
        }
    }
    println!(
        "tfeval charsets: {} pages; encodings {by_encoding:?}\n\
         valid in the chosen encoding: {valid}, with mojibake: {bad_valid}\n\
         invalid bytes: {invalid}, with U+FFFD/mojibake: {bad_invalid}\n\
         mojibake already in the page's own text: {in_source}",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "mojibake in pages valid in their chosen encoding:\n{}",
        failures.join("\n")
    );
}

/// What one page gave.
struct Check {
    encoding: &'static str,
    /// The page's bytes decode without error in `encoding`.
    valid: bool,
    /// Mojibake in the output, with some context.
    found: Option<String>,
    /// Mojibake in the page's whole decoded source.
    in_source: bool,
}

fn check(path: &Path) -> Check {
    let gz = std::fs::read(path).unwrap();
    let mut raw = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .unwrap();
    let doc = unboil::clean(&gz, &unboil::Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let encoding = doc.encoding.expect("an HTML page has an encoding");
    let enc = unboil::Encoding::for_label(encoding.as_bytes())
        .unwrap_or_else(|| panic!("{encoding} is an encoding_rs label"));
    let (source, _, errors) = enc.decode(&raw);
    Check {
        encoding,
        valid: !errors,
        found: mojibake(&doc.text),
        in_source: mojibake(&source).is_some(),
    }
}

#[test]
fn warc_http_charset_is_the_transport_hint() {
    // ISO-8859-2 bytes: 0xB3 is "ł", 0xB1 "ą". The page's own meta says UTF-8
    // (wrong); the HTTP header of the first response says ISO-8859-2 and wins.
    // The second response names no charset, so its meta decides.
    let page = |meta: &str| {
        let mut p = format!("<html><head><meta charset=\"{meta}\"></head><body><article><p>Przewo")
            .into_bytes();
        p.extend_from_slice(
            b"\xBCnik m\xF3wi, \xBFe prom p\xB3ynie przez rzek\xEA co godzin\xEA.</p>",
        );
        p.extend_from_slice(b"</article></body></html>");
        p
    };
    let record = |id: u32, content_type: &str, body: &[u8]| {
        let mut http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
        http.extend_from_slice(body);
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
             WARC-Target-URI: http://prom.test/{id}\r\nWARC-Date: 2026-01-02T03:04:05Z\r\n\
             Content-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(&http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let mut warc = record(1, "text/html; charset=ISO-8859-2", &page("utf-8"));
    warc.extend(record(2, "text/html", &page("iso-8859-2")));
    let path = std::env::temp_dir().join(format!("unboil-charsets-{}.warc", std::process::id()));
    std::fs::write(&path, &warc).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unboil"))
        .arg("warc")
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(
            line["text"], "Przewoźnik mówi, że prom płynie przez rzekę co godzinę.\n",
            "{line}"
        );
    }
}

#[test]
fn utf8_bytes_beat_a_stale_legacy_label_and_real_legacy_pages_keep_theirs() {
    // Stored as UTF-8, still labelled with the site's old charset.
    for label in [
        "iso-8859-1",
        "windows-1252",
        "windows-1250",
        "big5",
        "gb2312",
    ] {
        let page = format!(
            "<html><head><meta charset=\"{label}\"></head><body><article>\
             <p>Le café du port ouvre à sept heures — même le dimanche, 図書館.</p></article></body></html>"
        );
        let doc = unboil::clean(page.as_bytes(), &unboil::Options::default()).unwrap();
        assert_eq!(doc.encoding, Some("UTF-8"), "{label}");
        assert_eq!(
            doc.text, "Le café du port ouvre à sept heures — même le dimanche, 図書館.\n",
            "{label}"
        );
        assert!(mojibake(&doc.text).is_none());
    }
    // A real windows-1252 page stays windows-1252.
    let mut page =
        b"<html><head><meta charset=\"windows-1252\"></head><body><article><p>Le caf".to_vec();
    page.extend_from_slice(b"\xe9 du port ouvre \xe0 sept heures \x96 m\xeame le dimanche.</p></article></body></html>");
    let doc = unboil::clean(&page, &unboil::Options::default()).unwrap();
    assert_eq!(doc.encoding, Some("windows-1252"));
    assert_eq!(
        doc.text,
        "Le café du port ouvre à sept heures – même le dimanche.\n"
    );
    // --charset (a transport charset) is taken at its word.
    let utf8 = "<meta charset=latin1><p>café crème brûlée, déjà vu, naïve.</p>";
    let options =
        unboil::Options::default().with_charset(unboil::Encoding::for_label(b"windows-1252"));
    let doc = unboil::clean(utf8.as_bytes(), &options).unwrap();
    assert_eq!(doc.encoding, Some("windows-1252"));
}
