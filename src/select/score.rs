//! Score: how likely each closed element is to be the main content.
//!
//! A [`Scorer`] reads the page model (blocks and subtrees, facts only) and
//! gives one score per subtree; selection's candidate pass picks from those
//! scores. [`Readability`] is the hand-written scorer: each prose block
//! credits the elements above it (its parent fully, the grandparent half,
//! further ancestors a third per level), as Readability does, and an
//! element's score is then adjusted by its tag and class weight and scaled
//! by how little of its text is links. A learned scorer can stand beside it
//! behind the same trait.

use crate::block::{BlockKind, Flags, Tag};
use crate::segment::{Segments, NO_SUBTREE};

use super::params::Params;

/// Scores subtrees of a page.
pub trait Scorer {
    /// One score per subtree of `page` (same order as `page.subtrees`);
    /// 0 means "not a candidate". With `hints` false, class/id hints that
    /// say "unlikely to be content" are ignored (the retry for themes whose
    /// content wrapper is called "sidebar-layout").
    fn score(&self, page: &Segments, params: &Params, hints: bool) -> Vec<f32>;
}

/// Readability's content score, computed over the page model.
#[derive(Clone, Copy, Debug, Default)]
pub struct Readability;

impl Scorer for Readability {
    fn score(&self, page: &Segments, p: &Params, hints: bool) -> Vec<f32> {
        let mut raw = vec![0f32; page.subtrees.len()];
        let parent_of = |i: usize| -> Option<usize> {
            let parent = page.subtrees[i].parent;
            let pi = *page.index.get(parent as usize)?;
            (pi != NO_SUBTREE && pi as usize != i).then_some(pi as usize)
        };
        let mut unlikely = Flags::UNLIKELY | Flags::PROMO | Flags::COMMENTS | Flags::FORCE_DROP;
        if p.comments_are_content {
            unlikely &= !Flags::COMMENTS;
        }
        for b in &page.blocks {
            if b.chars < p.min_scored_chars || b.kind.is_heading() || b.flags.has(Flags::HIDDEN) {
                continue;
            }
            if hints && b.flags.has(unlikely) {
                continue;
            }
            let content = 1.0
                + b.commas as f32
                + (b.chars as f32 / p.chars_per_point).min(p.max_length_points);
            let Some(&owner) = page.index.get(b.owner as usize) else {
                continue;
            };
            if owner == NO_SUBTREE {
                continue;
            }
            let mut j = owner as usize;
            let mut level = 0;
            // Text loose in a container (a div with text and `<br>`s, or
            // text between its child blocks) is a paragraph of that
            // container, as Readability wraps such runs in a `p`: the
            // container gets the paragraph's full score, its parent half.
            if b.kind == BlockKind::Other && b.owner != 0 {
                raw[j] += content;
                level = 1;
            }
            while level < p.credit_levels {
                let Some(pj) = parent_of(j) else { break };
                j = pj;
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                raw[j] += content / div;
                level += 1;
            }
        }
        page.subtrees
            .iter()
            .zip(raw)
            .map(|(s, raw)| {
                if raw <= 0.0 {
                    return 0.0;
                }
                let init = match s.tag {
                    Tag::Div | Tag::Article | Tag::Main | Tag::Section => p.init_box,
                    Tag::Pre | Tag::Td | Tag::Blockquote => p.init_pre,
                    Tag::Ul | Tag::Ol | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
                        p.init_list
                    }
                    Tag::H(_) | Tag::Th => p.init_heading,
                    _ => 0.0,
                };
                let weight = s.hint.clamp(-p.max_class_weight, p.max_class_weight) as f32;
                (raw + init + weight) * (1.0 - s.link_density())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::segment::segments_of as page;

    #[test]
    fn loose_text_scores_its_own_container() {
        let text = "Loose text, written straight into the box, long enough to count. ".repeat(3);
        let s = page(&format!(
            "<body><div class=outer><div class=inner><h2>Title</h2>{text}</div></div></body>"
        ));
        let scores = Readability.score(&s, &Params::default(), true);
        let mut divs: Vec<_> = (0..s.subtrees.len())
            .filter(|&i| s.subtrees[i].tag == Tag::Div)
            .collect();
        divs.sort_by_key(|&i| std::cmp::Reverse(s.subtrees[i].depth));
        let (inner, outer) = (scores[divs[0]], scores[divs[1]]);
        assert!(inner > 0.0, "the owner of the text is credited");
        assert!(inner > outer, "its parent gets less");
    }

    #[test]
    fn a_paragraph_credits_its_parent_then_less_further_up() {
        let para = "A sentence of prose, with commas, long enough to score. ".repeat(2);
        let s = page(&format!(
            "<body><div id=a><div id=b><div id=c><p>{para}</p></div></div></div></body>"
        ));
        let scores = Readability.score(&s, &Params::default(), true);
        let by_id = |id: &str| {
            let depth = match id {
                "a" => 2,
                "b" => 3,
                _ => 4,
            };
            (0..s.subtrees.len())
                .find(|&i| s.subtrees[i].tag == Tag::Div && s.subtrees[i].depth == depth)
                .map(|i| scores[i])
                .unwrap()
        };
        assert!(by_id("c") > by_id("b") && by_id("b") > by_id("a"));
        assert!(by_id("a") > 0.0);
    }

    #[test]
    fn unlikely_hints_count_only_when_asked() {
        let para = "A sentence of prose, with commas, long enough to score. ".repeat(2);
        let s = page(&format!(
            "<body><div class=sidebar><div><p>{para}</p></div></div></body>"
        ));
        let hinted = Readability.score(&s, &Params::default(), true);
        let plain = Readability.score(&s, &Params::default(), false);
        assert!(hinted.iter().all(|&x| x == 0.0));
        assert!(plain.iter().any(|&x| x > 0.0));
    }
}
