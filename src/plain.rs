//! Plain-text input: the promo rules applied line by line.
//!
//! Scraped text that already lost its markup still carries the promos
//! ("Source link", "Scroll to Top", text-alert signups). Each line becomes a
//! block (lines of one paragraph share an owner, so rendering keeps them
//! together) and the same catalogue decides it. Nothing else is removed:
//! without markup there is no structure to judge by.

use crate::block::{Block, BlockKind, Flags};
use crate::promo::Catalogue;
use crate::select::{Decision, Reason};

/// True when decoded text has no markup: no `<` followed by a tag-ish
/// character in the sample.
pub fn looks_like_text(sample: &str) -> bool {
    let b = sample.as_bytes();
    !b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!' || w[1] == b'/'))
}

/// Split text into line blocks and decide each one.
pub fn clean_lines(text: &str, rules: &Catalogue) -> (Vec<Block>, Vec<Decision>) {
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
            owner: paragraph,
            row: 0,
            spans: Vec::new(),
            ctx: Default::default(),
        });
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
}
