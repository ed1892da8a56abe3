//! Plain-text input: the promo rules applied line by line.
//!
//! Scraped text that already lost its markup still carries the promos
//! ("Source link", "Scroll to Top", text-alert signups). Each line becomes a
//! block (lines of one paragraph share an owner, so rendering keeps them
//! together) and the same catalogue decides it, then the call-to-action
//! detector ([`crate::cta`]) judges the lines the catalogue kept, with the
//! first and last lines as the text's head and tail. Nothing else is
//! removed: without markup there is no structure to judge by.

use crate::block::{Block, BlockKind, Flags};
use crate::cta::{self, CtaParams, Site};
use crate::promo::Catalogue;
use crate::select::{Decision, Reason};

/// True when decoded text has no markup: no `<` followed by a tag-ish
/// character in the sample.
pub fn looks_like_text(sample: &str) -> bool {
    let b = sample.as_bytes();
    !b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!' || w[1] == b'/'))
}

/// `Some((control characters, characters))` when a decoded sample looks
/// like binary data rather than text: at least 8 characters, and more than
/// one in 16, are C0 or C1 controls other than tab, line feed, form feed and
/// carriage return. Random bytes give about one in seven, PNG or gzip'd
/// data the same, UTF-16 without a byte-order mark one in two; real pages
/// almost none (a few stray NULs in a tiny page are not enough).
pub fn binary(sample: &str) -> Option<(usize, usize)> {
    let mut chars = 0;
    let mut controls = 0;
    for c in sample.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\x0C' | '\r') {
            controls += 1;
        }
    }
    (controls >= 8 && controls * 16 > chars).then_some((controls, chars))
}

/// Split text into line blocks and decide each one: the catalogue first
/// (`rule:<id>`), then the call-to-action detector (`cta:<signals>`) on
/// what it kept; `site` holds the names the text may call itself by.
pub fn clean_lines(text: &str, rules: &Catalogue, site: &Site) -> (Vec<Block>, Vec<Decision>) {
    let mut blocks = Vec::new();
    let mut decisions = Vec::new();
    let mut paragraph = 0u32;
    let mut in_paragraph = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            if in_paragraph {
                paragraph += 1;
                in_paragraph = false;
            }
            continue;
        }
        in_paragraph = true;
        let chars = t.chars().count() as u32;
        decisions.push(match rules.matches(t) {
            Some(r) => Decision::Remove(Reason::Rule(r.id.clone())),
            None => Decision::Keep,
        });
        blocks.push(Block {
            text: t.to_string(),
            kind: BlockKind::Paragraph,
            chars,
            link_chars: 0,
            depth: 0,
            hint: 0,
            flags: Flags::default(),
            path: "line".to_string(),
            commas: 0,
            owner: paragraph,
            row: 0,
            spans: Vec::new(),
            ctx: Default::default(),
        });
    }
    let params = CtaParams::default();
    let edges = cta::edges(&decisions, &params);
    for ((b, d), edge) in blocks.iter().zip(decisions.iter_mut()).zip(edges) {
        if d.kept() && rules.cta() {
            if let Some(v) = cta::judge(&b.text, site, edge, &params) {
                *d = Decision::Remove(Reason::Cta(v.signals.to_string().into_boxed_str()));
            }
        }
    }
    (blocks, decisions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_detection() {
        assert!(looks_like_text("Plain text, 3 < 4 and 5 <= 6."));
        assert!(!looks_like_text("text <p>para</p>"));
        assert!(!looks_like_text("<!doctype html>"));
    }

    #[test]
    fn binary_detection() {
        assert_eq!(binary(""), None);
        assert_eq!(binary("<p>Tab\there,\r\nform feed\x0C, text.</p>"), None);
        // One control in 16 characters is still text; one more is not.
        let text = "\x1B".repeat(8) + &"a".repeat(120);
        assert_eq!(binary(&text), None);
        assert_eq!(binary(&text[..127]), Some((8, 127)));
        assert_eq!(binary("<\0p\0>\0t\0e\0x\0t\0<\0/\0p\0>\0"), Some((11, 22)));
        assert_eq!(
            binary(&"\u{85}\u{9D}abcdefghijklmn".repeat(4)),
            Some((8, 64))
        );
        // Too few to tell.
        assert_eq!(binary("\0\0\0"), None);
    }
}
