//! The learned promo-line model: the call-to-action detector's second
//! opinion on a line its cue rules did not take.
//!
//! A logistic regression over hashed features of one line (word uni- and
//! bigrams, the character 4-grams of each word, a length bucket) and of
//! what the rules made of it ([`Stack`]: their signals, score bucket,
//! completeness and the n-grams of its cue classes, which are the same in
//! every language the lexicon covers), trained
//! by `scripts/train_cta_model.py` on our labelled lines (`tests/data/cta`)
//! and stored as `src/rules/cta-model.bin`: 2^17 16-bit weights with one
//! scale and a bias. The rules know the families they were written for; the
//! model knows wordings of the same families that no rule names ("Tap the
//! bell so you never miss a drop"). It runs in plain Rust, reading the
//! weights straight from the embedded bytes: nothing is built at start-up.
//! [`logit`] and [`stack_logit`] must stay in step with `features` and
//! `stack_features` in the script; the script
//! prints the probability of a few parity lines that a test here checks.

/// The model as the script wrote it: `UBCS` (stacked), the number of hash bits (u32),
/// the weight scale and the bias (f32), then the weights (i16), all
/// little-endian.
const MODEL: &[u8] = include_bytes!("rules/cta-model.bin");
const HEADER: usize = 16;

const FNV_START: u32 = 0x811c_9dc5;

/// One step of FNV-1a (32 bits) per byte: the script hashes the same
/// strings, byte for byte.
fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The line lower-cased, ASCII digits as `0`, and its tokens as byte
/// ranges of it: words (letters and digits) and single symbols; white
/// space separates and is dropped.
fn tokens(text: &str, norm: &mut String) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut start = None;
    let mut lower = [' '; 3];
    for c in text.chars() {
        // ASCII (most characters of most lines) decided here, without the
        // Unicode tables and the general `push`: for ASCII, a letter or
        // digit is exactly `is_ascii_alphanumeric` and white space exactly
        // \t \n \x0B \x0C \r and the space (`char::is_whitespace`; not
        // `u8::is_ascii_whitespace`, which leaves out \x0B). On the
        // 278 pages of `examples/callgrind.rs` this loop took half the
        // model's instructions: tokens 52.6 M -> 36.8 M.
        if c.is_ascii() {
            let b = c as u8;
            let at = norm.len();
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(at);
                norm.push(if b.is_ascii_digit() {
                    '0'
                } else {
                    char::from(b.to_ascii_lowercase())
                });
                continue;
            }
            if let Some(s) = start.take() {
                out.push((s, at));
            }
            if !matches!(b, b'\t'..=b'\r' | b' ') {
                norm.push(c);
                out.push((at, at + 1));
            }
            continue;
        }
        let mut n = 0;
        for l in c.to_lowercase() {
            lower[n] = l;
            n += 1;
        }
        for &ch in &lower[..n] {
            push(ch, norm, &mut out, &mut start);
        }
    }
    if let Some(s) = start {
        out.push((s, norm.len()));
    }
    out
}

/// One lower-cased character of [`tokens`]: it extends the word being read
/// or ends it.
fn push(ch: char, norm: &mut String, out: &mut Vec<(usize, usize)>, start: &mut Option<usize>) {
    let at = norm.len();
    if ch.is_alphanumeric() {
        start.get_or_insert(at);
        norm.push(ch);
        return;
    }
    if let Some(s) = start.take() {
        out.push((s, at));
    }
    if !ch.is_whitespace() {
        norm.push(ch);
        out.push((at, norm.len()));
    }
}

/// The weighted sums of the line's two feature groups and its length
/// bucket, in one pass without building the features: word uni- and
/// bigrams, and the character 4-grams of each word padded with spaces.
/// Each group is scaled by the square root of its number of features, so
/// that a long line does not outvote a short one by its number of words.
fn logit(text: &str, weight: impl Fn(u32) -> f32) -> f32 {
    let mut norm = String::with_capacity(text.len() + 8);
    let toks = tokens(text, &mut norm);
    let word = |r: (usize, usize)| &norm.as_bytes()[r.0..r.1];
    let (mut words, mut n_words) = (0.0f32, 0u32);
    let w0 = fnv(FNV_START, b"w");
    let b0 = fnv(FNV_START, b"b");
    for (i, &r) in toks.iter().enumerate() {
        words += weight(fnv(w0, word(r)));
        n_words += 1;
        if let Some(&next) = toks.get(i + 1) {
            let h = fnv(fnv(fnv(b0, word(r)), b" "), word(next));
            words += weight(h);
            n_words += 1;
        }
    }
    let (mut grams, mut n_grams) = (0.0f32, 0u32);
    let c0 = fnv(FNV_START, b"c");
    let mut bounds: Vec<usize> = Vec::new();
    let mut padded: Vec<u8> = Vec::new();
    for &r in &toks {
        let w = &norm[r.0..r.1];
        if !w.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        padded.clear();
        padded.push(b' ');
        padded.extend_from_slice(w.as_bytes());
        padded.push(b' ');
        if w.is_ascii() {
            // A byte per character (most words): the 4-grams are the
            // padded word's 4-byte windows, with no character bounds to list.
            for g in padded.windows(4) {
                grams += weight(fnv(c0, g));
                n_grams += 1;
            }
            continue;
        }
        bounds.clear();
        bounds.push(0);
        bounds.extend(w.char_indices().map(|(i, _)| i + 1));
        bounds.push(w.len() + 1);
        bounds.push(w.len() + 2);
        for i in 0..bounds.len().saturating_sub(4) {
            grams += weight(fnv(c0, &padded[bounds[i]..bounds[i + 4]]));
            n_grams += 1;
        }
    }
    let bucket = (text.len() / 25).min(12);
    let len = weight(fnv_decimal(fnv(FNV_START, b"L"), bucket as i64));
    let scaled = |sum: f32, n: u32| if n == 0 { 0.0 } else { sum / (n as f32).sqrt() };
    scaled(words, n_words) + scaled(grams, n_grams) + len
}

/// What the rules made of the line, as the model reads it
/// ([`crate::cta::Cues`]): the signal bits but the position's and the
/// model's, the score without the position's weight, completeness and the
/// cue-class groups in order.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stack<'a> {
    pub signals: u64,
    pub score: f32,
    pub complete: bool,
    pub groups: &'a [u128],
}

/// The class sequence's tokens (the script's token strings), spelled one
/// after another into one buffer: `^`, each group's class names joined by
/// `+` (`_` for uncued words), `$`; with where each token ends. Spelled
/// once per line, not once per n-gram that holds it (`class_token` walks
/// every class for each call), and into one buffer, not one per token.
fn spelled(groups: &[u128]) -> (Vec<u8>, Vec<usize>) {
    let mut buf = Vec::with_capacity(16 * (groups.len() + 2));
    let mut ends = Vec::with_capacity(groups.len() + 2);
    buf.push(b'^');
    ends.push(buf.len());
    for &g in groups {
        crate::cta::class_token(g, |b| buf.extend_from_slice(b));
        ends.push(buf.len());
    }
    buf.push(b'$');
    ends.push(buf.len());
    (buf, ends)
}

/// `fnv(h, n.to_string().as_bytes())` without the string: a feature name's
/// number ("g12", "S-3", "L7") hashed digit by digit, once per line.
fn fnv_decimal(h: u32, n: i64) -> u32 {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    fnv(h, &buf[at..])
}

/// The weighted sum of the stacked features ([`Stack`]): uni-, bi- and
/// trigrams of the class tokens between `^` and `$` and each class named in
/// them, scaled by the square root of their number like the word groups;
/// one feature each for the signal bits, the score's half-point bucket
/// (-8 to 16) and completeness. A class sequence is the same in every
/// language the lexicon covers: "Sign up for our newsletter" and
/// "Abonnez-vous à notre lettre" share its n-grams.
fn stack_logit(st: &Stack, weight: impl Fn(u32) -> f32) -> f32 {
    let key = |k: &[u8]| fnv(FNV_START, k);
    let (q0, k0, r0, s0, g0) = (key(b"q"), key(b"k"), key(b"r"), key(b"s"), key(b"g"));
    let (buf, ends) = spelled(st.groups);
    let tok = |i: usize| &buf[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
    let (mut sum, mut n) = (0.0f32, 0u32);
    for (i, &g) in st.groups.iter().enumerate() {
        sum += weight(fnv(q0, tok(i + 1)));
        n += 1;
        // Each class of the group on its own, lowest bit first (the
        // script's order): the set bits alone, not all 128.
        let mut rest = g;
        while rest != 0 {
            let bit = rest & rest.wrapping_neg();
            rest ^= bit;
            crate::cta::class_token(bit, |b| sum += weight(fnv(k0, b)));
            n += 1;
        }
    }
    for i in 1..ends.len() {
        sum += weight(fnv(fnv(fnv(r0, tok(i - 1)), b" "), tok(i)));
        n += 1;
    }
    for i in 2..ends.len() {
        let h = fnv(
            fnv(fnv(fnv(fnv(s0, tok(i - 2)), b" "), tok(i - 1)), b" "),
            tok(i),
        );
        sum += weight(h);
        n += 1;
    }
    // (n >= 1: `^ $` is a bigram of every line.)
    let mut fixed = sum / (n as f32).sqrt();
    const UNUSED: u64 = crate::cta::Signals::EDGE | crate::cta::Signals::MODEL;
    for i in (0..64).filter(|i| st.signals >> i & 1 == 1 && (1u64 << i) & UNUSED == 0) {
        fixed += weight(fnv_decimal(g0, i));
    }
    let bucket = ((st.score * 2.0).floor() as i32).clamp(-8, 16);
    fixed += weight(fnv_decimal(key(b"S"), i64::from(bucket)));
    fixed += weight(key(if st.complete { b"C1" } else { b"C0" }));
    fixed
}

/// How likely `text` is a promotional line, from 0 to 1, given what the
/// rules made of it (0 when the embedded model is malformed, which a test
/// rules out).
pub fn probability(text: &str, stack: &Stack) -> f32 {
    let Some(bits) = MODEL
        .get(4..8)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
    else {
        return 0.0;
    };
    let f32_at = |i: usize| {
        MODEL
            .get(i..i + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0.0, f32::from_le_bytes)
    };
    let (scale, bias) = (f32_at(8), f32_at(12));
    if bits > 24 || MODEL.len() != HEADER + (2usize << bits) || &MODEL[..4] != b"UBCS" {
        return 0.0;
    }
    let mask = (1u32 << bits) - 1;
    let weight = |h: u32| {
        let i = HEADER + 2 * (h & mask) as usize;
        f32::from(i16::from_le_bytes([MODEL[i], MODEL[i + 1]]))
    };
    let z = bias + scale * (logit(text, weight) + stack_logit(stack, weight));
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_hashes_as_its_decimal_string() {
        let h = fnv(FNV_START, b"S");
        for n in [0i64, 7, -1, -8, 16, 63, 1234, i64::MIN, i64::MAX] {
            assert_eq!(fnv_decimal(h, n), fnv(h, n.to_string().as_bytes()), "{n}");
        }
    }

    #[test]
    fn the_embedded_model_is_whole() {
        assert_eq!(&MODEL[..4], b"UBCS");
        let bits = u32::from_le_bytes(MODEL[4..8].try_into().unwrap());
        assert_eq!(MODEL.len(), HEADER + (2usize << bits));
    }

    /// The probabilities `scripts/train_cta_model.py --write` printed for
    /// its parity lines: the features here are the script's.
    #[test]
    fn features_match_the_training_script() {
        for (want, line) in [
            (
                0.9990,
                "Text ALERTS to 55123 to get breaking news on your phone.",
            ),
            (
                0.0068,
                "Die Stadt verschickt Warnungen per SMS an 9.000 Haushalte.",
            ),
            (0.9993, "¿Te gustó? Compártelo con un amigo 👉"),
            (
                0.9997,
                "Inscrivez-vous à notre lettre du matin, c'est gratuit.",
            ),
            (
                0.0112,
                "The council voted 7-2 to approve the new budget on Tuesday.",
            ),
            (0.0556, "Members get it first."),
            (
                0.8933,
                "Our reporter took the first ferry on Monday morning.",
            ),
        ] {
            let p = crate::cta::CtaParams::default();
            let c = crate::cta::cues(line, &crate::cta::Site::default(), false, &p);
            let got = probability(line, &c.stack(&p));
            assert!((got - want).abs() < 2e-3, "{line}: {got} != {want}");
        }
    }

    /// The tokenizer as it was before its ASCII fast path: every
    /// character through `to_lowercase` and `push`.
    fn tokens_reference(text: &str, norm: &mut String) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for c in text.chars() {
            let lowered: Vec<char> = if c.is_ascii_digit() {
                vec!['0']
            } else {
                c.to_lowercase().collect()
            };
            for ch in lowered {
                push(ch, norm, &mut out, &mut start);
            }
        }
        if let Some(s) = start {
            out.push((s, norm.len()));
        }
        out
    }

    #[test]
    fn the_ascii_fast_path_tokenizes_as_the_general_one() {
        // Every ASCII byte beside letters and non-ASCII neighbours, and
        // every line of the labelled sets (but the blind sets 12 and 13).
        let mut lines: Vec<String> = vec![(0u8..128).map(char::from).collect()];
        lines.push("\u{b}x\u{c}y\u{1c}z\u{85}Ǆ İstanbul ÉTÉ 𝟘9 ﬁne".to_string());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cta");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.contains("12") || name.contains("13") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            lines.extend(text.lines().map(str::to_string));
        }
        assert!(lines.len() > 1000);
        for line in &lines {
            let (mut a, mut b) = (String::new(), String::new());
            assert_eq!(
                tokens(line, &mut a),
                tokens_reference(line, &mut b),
                "{line:?}"
            );
            assert_eq!(a, b, "{line:?}");
        }
    }

    #[test]
    fn words_and_symbols_are_tokens() {
        let mut norm = String::new();
        let toks = tokens("Text 2FA→now!", &mut norm);
        let words: Vec<&str> = toks.iter().map(|&(a, b)| &norm[a..b]).collect();
        assert_eq!(words, ["text", "0fa", "→", "now", "!"]);
    }
}
