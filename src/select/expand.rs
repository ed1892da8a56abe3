//! Expand: grow the chosen element into the whole main content.
//!
//! Readability's sibling step ([`join_siblings`]: siblings that score well,
//! prose paragraphs, text the parent holds directly) and an outward walk
//! from the chosen range ([`extend`]: a lead paragraph in its own box above
//! the body, the body continued in the next grid cell).

use crate::block::{Block, Flags, Tag};
use crate::promo::Catalogue;
use crate::segment::Segments;

use super::candidate::subtree_of;
use super::params::Params;

/// Blocks `s` covers become main content.
pub(super) fn mark(in_main: &mut [bool], start: u32, end: u32) {
    in_main[start as usize..end as usize].fill(true);
}

/// Readability's sibling step: siblings of the chosen element that score
/// well, or that are prose paragraphs themselves, join the main content.
pub(super) fn join_siblings(
    page: &Segments,
    p: &Params,
    scores: &[f32],
    b: usize,
    listing: &[bool],
    in_main: &mut [bool],
) {
    let top = &page.subtrees[b];
    let parent = top.parent;
    let threshold = (scores[b] * p.sibling_ratio).max(p.sibling_min_score);
    let Some(pi) = subtree_of(page, parent) else {
        return;
    };
    let ps = &page.subtrees[pi];
    if matches!(ps.tag, Tag::Html) {
        return;
    }
    let chrome = Flags::UNLIKELY | Flags::PROMO;
    for (i, s) in page.subtrees.iter().enumerate() {
        if i == b || s.parent != parent || listing[i] || s.id == 0 {
            continue;
        }
        let mut bonus = 0.0;
        if s.flags.0 & chrome == top.flags.0 & chrome && s.hint == top.hint && s.hint > 0 {
            bonus = scores[b] * p.sibling_bonus;
        }
        let ld = s.link_density();
        let prose = s.tag == Tag::P
            && ((s.chars > p.prose_chars && ld < p.prose_link_density)
                || (s.chars > 0 && ld == 0.0 && s.commas > 0));
        if scores[i] + bonus >= threshold || prose {
            mark(in_main, s.start, s.end);
        }
    }
    // Text owned directly by the parent (e.g. paragraphs without <p>).
    for (i, blk) in page.blocks[ps.start as usize..ps.end as usize]
        .iter()
        .enumerate()
    {
        if blk.owner == parent
            && blk.chars > p.prose_chars
            && blk.link_density() < p.prose_link_density
        {
            in_main[ps.start as usize + i] = true;
        }
    }
}

/// Text cut short with an ellipsis: a teaser for another page, not this
/// page's own lead.
pub(super) fn truncated(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// A lead (deck, standfirst, excerpt) of the article in `top`: a block whose
/// class says lead, long enough, not links, not a teaser cut short, and not
/// in a promo, hidden or comment box that the article itself is not in.
pub(super) fn is_lead(b: &Block, top: Flags, p: &Params) -> bool {
    b.flags.has(Flags::LEAD)
        && b.chars >= p.lead_chars
        && b.link_density() < p.extend_link_density
        && !truncated(&b.text)
        && b.flags.0 & (Flags::PROMO | Flags::HIDDEN | Flags::COMMENTS) & !top.0 == 0
}

/// Prose right outside the chosen range joins it: walk outward from each
/// end, take prose blocks and the headings between them, step over a few
/// short blocks (dates, bylines, captions), and stop at chrome, links, or a
/// longer run of short blocks. Lead blocks a little above the text, in the
/// same article box, join even past such a stop.
pub(super) fn extend(
    page: &Segments,
    p: &Params,
    top: usize,
    rules: &Catalogue,
    in_listing: &[bool],
    in_main: &mut [bool],
) {
    let top = &page.subtrees[top];
    let chrome = Flags::UNLIKELY | Flags::PROMO | Flags::COMMENTS | Flags::HIDDEN;
    let blocks = &page.blocks;
    let n = blocks.len();
    let good = |b: &Block| {
        b.chars >= p.extend_chars
            && b.link_density() < p.extend_link_density
            && !b.flags.has(chrome)
            && rules.matches(&b.text).is_none()
    };
    let mut walk = |range: &mut dyn Iterator<Item = usize>| {
        let mut pending: Vec<usize> = Vec::new();
        let mut gap = 0;
        let mut only_leads = false;
        for i in range {
            let b = &blocks[i];
            if in_main[i] {
                continue;
            }
            if in_listing[i] {
                break;
            }
            // A lead of this article, not one the article's own box has.
            let lead = b.flags.0 & Flags::LEAD & !top.flags.0 != 0 && is_lead(b, top.flags, p);
            if !lead && b.flags.0 & chrome & !top.flags.0 != 0 {
                break;
            }
            if lead || (!only_leads && good(b)) {
                for &h in &pending {
                    in_main[h] = true;
                }
                pending.clear();
                in_main[i] = true;
                gap = 0;
            } else if b.kind.is_heading() && b.link_density() < p.extend_short_link_density {
                pending.push(i);
            } else if b.chars < p.extend_chars && b.link_density() < p.extend_short_link_density {
                gap += 1;
                if gap > p.extend_gap {
                    break;
                }
            } else if b.chars < p.extend_chars
                && b.flags.has(Flags::META)
                && !top.flags.has(Flags::META)
            {
                // A byline with links between the lead and the text: only
                // a lead still joins past it.
                only_leads = true;
                gap += 1;
                if gap > p.extend_gap {
                    break;
                }
            } else {
                break;
            }
        }
    };
    walk(&mut (0..top.start as usize).rev());
    walk(&mut (top.end as usize..n));
    // The lead of an article sits in its header, often behind a byline
    // with links or a share bar the walk stopped at: a lead block shortly
    // before the text, inside the same kind of article box, still joins.
    if top.flags.has(Flags::ARTICLE | Flags::MAIN) {
        let boxes = top.flags.0 & (Flags::ARTICLE | Flags::MAIN);
        for i in (0..top.start as usize).rev().take(p.lead_reach) {
            let b = &blocks[i];
            if b.flags.0 & boxes != boxes {
                break;
            }
            if is_lead(b, top.flags, p) {
                in_main[i] = true;
            }
        }
    }
}
